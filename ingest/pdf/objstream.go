package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// objectStreams puts the objects that the file's object streams hold
// into the cross-reference table, decoded within the budget, in place of
// the lazy ones pdfcpu leaves there, which would decode their object
// stream when first looked up, outside any budget. Each object stream is
// decoded once, and its objects parsed as pdfcpu parses them. An object
// stream pdfcpu has decoded already (the catalog's, as it reads the file)
// counts once more, and so do the offsets at the start of every object
// stream, which pdfcpu decodes as it reads the file. An object that
// cannot be read (its object stream is damaged, or it is a stream, which
// an object stream may not hold) is null, as pdfcpu reads it. It stops at
// the budget, or when the context is done.
func (d *document) objectStreams() error {
	lazy := map[int][]int{} // the objects of each object stream that pdfcpu has not read
	read := map[int]bool{}  // the object streams pdfcpu has read objects of
	for nr, e := range d.xref.Table {
		if osd, ok := e.Object.(types.ObjectStreamDict); ok {
			if err := d.budget.spend(osd.FirstObjOffset); err != nil {
				return err
			}
		}
		if e.ObjectStream == nil || e.ObjectStreamInd == nil {
			continue
		}
		if _, ok := e.Object.(types.LazyObjectStreamObject); ok {
			lazy[*e.ObjectStream] = append(lazy[*e.ObjectStream], nr)
		} else {
			read[*e.ObjectStream] = true
		}
	}
	for _, s := range slices.Sorted(maps.Keys(lazy)) {
		objs, err := d.objectStream(s)
		if errors.Is(err, ErrDecodeLimit) {
			return err
		}
		if err := d.budget.ctx.Err(); err != nil {
			return err
		}
		if read[s] {
			if err := d.budget.spend(objs.size); err != nil {
				return err
			}
		}
		for _, nr := range lazy[s] {
			if err := d.budget.tick(); err != nil {
				return err
			}
			e := d.xref.Table[nr]
			e.Object = objs.object(d.budget.ctx, *e.ObjectStreamInd)
		}
	}
	return nil
}

// An objects is the decoded content of an object stream, and where each
// of its objects is in it.
type objects struct {
	content []byte
	starts  []int // where each object starts; it ends where the next does
	size    int   // the bytes decoded
}

// objectStream decodes object stream nr, within the budget, and finds its
// objects by the pairs of numbers before the first one: object number and
// offset from /First, as pdfcpu reads them.
func (d *document) objectStream(nr int) (objects, error) {
	osd, ok := d.xref.Table[nr].Object.(types.ObjectStreamDict)
	if !ok {
		return objects{}, fmt.Errorf("pdf: object %d is not an object stream", nr)
	}
	content, err := d.budget.decode(&osd.StreamDict, d.lim.MaxStream)
	if err != nil {
		return objects{}, fmt.Errorf("pdf: object stream %d: %w", nr, err)
	}
	first := osd.FirstObjOffset
	if first < 0 || first > len(content) {
		return objects{}, fmt.Errorf("pdf: object stream %d: /First %d past its end", nr, first)
	}
	prolog := content[:first]
	if i := bytes.IndexByte(prolog, '%'); i >= 0 {
		prolog = prolog[:i]
	}
	pairs := strings.Fields(strings.ReplaceAll(string(prolog), "\x00", " "))
	if len(pairs)%2 != 0 {
		return objects{}, fmt.Errorf("pdf: object stream %d: an object number without its offset", nr)
	}
	objs := objects{content: content, size: len(content)}
	for i := 1; i < len(pairs); i += 2 {
		off, err := strconv.Atoi(pairs[i])
		if err != nil || off < 0 || first+off > len(content) || len(objs.starts) > 0 && first+off < objs.starts[len(objs.starts)-1] {
			return objects{}, fmt.Errorf("pdf: object stream %d: bad offset %q", nr, pairs[i])
		}
		objs.starts = append(objs.starts, first+off)
	}
	return objs, nil
}

// object returns the i'th object (from 0) of the object stream, parsed
// until ctx is done, or nil when there is none or it cannot be read.
func (objs objects) object(ctx context.Context, i int) types.Object {
	if i < 0 || i >= len(objs.starts) {
		return nil
	}
	end := len(objs.content)
	if i+1 < len(objs.starts) {
		end = objs.starts[i+1]
	}
	s := string(objs.content[objs.starts[i]:end])
	o, err := model.ParseObjectContext(ctx, &s, 0)
	if err != nil {
		return nil
	}
	if d, ok := o.(types.Dict); ok {
		if n, ref := d.Length(); n != nil || ref != nil {
			return nil
		}
	}
	return o
}
