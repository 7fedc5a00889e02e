package pdf

import (
	"bytes"
	"errors"
	"strconv"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// xrefStreams decodes, within the budget, the cross-reference streams
// that pdfcpu decodes as it reads the structure of the file in data,
// before it does: pdfcpu decodes them outside any limit of ours (up to
// 512 MiB each, into a buffer that doubles as it grows), so one that
// inflates past the budget must be stopped here. They are looked for
// where pdfcpu looks: at the offset after the file's last startxref
// (from the file's %PDF- header), and from each section found there at
// its /Prev and /XRefStm. Each counts twice, as decoded here and as
// pdfcpu decodes and keeps it. A section that cannot be read ends the
// search along its path: pdfcpu reads what it can of such a file, and
// decodes no stream to do so. So that a hostile file cannot make the
// search itself long, it looks at no more than maxSections sections, and
// for a table's trailer no further than maxTable bytes.
func (b *budget) xrefStreams(data []byte, conf *model.Configuration, maxStream int64) error {
	file, err := model.NewContext(bytes.NewReader(data), conf)
	if err != nil {
		return nil
	}
	i := bytes.LastIndex(data, []byte("startxref"))
	if i < 0 {
		return nil
	}
	last, ok := offsetAt(data[i+len("startxref"):])
	if !ok {
		return nil
	}
	todo := []int64{last + int64(max(bytes.Index(data, []byte("%PDF-")), 0))}
	seen := map[int64]bool{}
	for len(todo) > 0 && len(seen) < maxSections {
		off := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if off <= 0 || off >= int64(len(data)) || seen[off] {
			continue
		}
		seen[off] = true
		if err := b.ctx.Err(); err != nil {
			return err
		}
		var dict types.Dict
		if head := data[off:min(int64(len(data)), off+64)]; bytes.HasPrefix(bytes.TrimLeft(head, " \t\r\n\f\x00"), []byte("xref")) {
			dict = trailerAfter(data[off:])
		} else {
			sd, ok := b.streamAt(file, data, off, maxStream)
			if !ok {
				continue
			}
			out, err := b.decode(&sd, maxStream)
			if errors.Is(err, ErrDecodeLimit) {
				return err
			}
			if err := b.ctx.Err(); err != nil {
				return err
			}
			if err := b.spend(len(out)); err != nil {
				return err
			}
			dict = sd.Dict
		}
		for _, key := range []string{"Prev", "XRefStm"} {
			if v := dict.Int64Entry(key); v != nil {
				todo = append(todo, *v)
			}
		}
	}
	return nil
}

// Bounds on the search for cross-reference streams. A file has a section
// for each time it was saved, added to: a few, or some tens. A table of
// 20-byte entries takes 4 MiB for 200,000 objects, and a form has a few
// hundred.
const (
	maxSections = 1000
	maxTable    = 4 << 20
)

// offsetAt reads the number that starts data, after white space.
func offsetAt(data []byte) (int64, bool) {
	data = bytes.TrimLeft(data, " \t\r\n\f\x00")
	n := 0
	for n < len(data) && n < 19 && data[n] >= '0' && data[n] <= '9' {
		n++
	}
	v, err := strconv.ParseInt(string(data[:n]), 10, 64)
	return v, err == nil
}

// trailerAfter returns the trailer dictionary of the cross-reference
// table at the start of data: what follows the keyword trailer, within
// maxTable bytes, up to startxref; nil when there is none.
func trailerAfter(data []byte) types.Dict {
	i := bytes.Index(data[:min(len(data), maxTable)], []byte("trailer"))
	if i < 0 {
		return nil
	}
	data = data[i+len("trailer"):]
	if j := bytes.Index(data[:min(len(data), maxTable)], []byte("startxref")); j >= 0 {
		data = data[:j]
	} else {
		data = data[:min(len(data), maxTable)]
	}
	s := string(data)
	d, _ := model.ParseObject(&s)
	dict, _ := d.(types.Dict)
	return dict
}

// streamAt returns the stream object at offset off of data, as pdfcpu
// parses it, with its raw bytes: /Length of them, or, when /Length is not
// a number within the file, those up to endstream.
func (b *budget) streamAt(file *model.Context, data []byte, off, maxStream int64) (types.StreamDict, bool) {
	o, err := pdfcpu.ParseObjectWithContext(b.ctx, file, off, 0, 0)
	sd, ok := o.(types.StreamDict)
	if err != nil || !ok || sd.StreamOffset <= 0 || sd.StreamOffset > int64(len(data)) {
		return types.StreamDict{}, false
	}
	raw := data[sd.StreamOffset:]
	if n := sd.StreamLength; n != nil && *n >= 0 && *n <= int64(len(raw)) {
		raw = raw[:*n]
	} else if i := bytes.Index(raw[:min(len(raw), int(maxStream))], []byte("endstream")); i >= 0 {
		raw = raw[:i]
	}
	sd.Raw = raw
	return sd, true
}
