package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/filter"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Limits bound what reading one PDF may cost. Zero fields take their
// value from DefaultLimits.
type Limits struct {
	MaxPages  int   // pages read; the rest are not
	MaxGlyphs int   // glyphs on all pages together
	MaxStream int64 // bytes of one decoded stream
	// MaxDecoded bounds the bytes decoded from all the file's streams
	// together: its object streams and cross-reference streams, its
	// pages' content streams, form XObjects, fonts and CMaps. Every
	// decode counts, a stream decoded twice twice, and so does every time
	// a form XObject is drawn: drawing a form again costs what decoding it
	// again would, so the decoded forms the reader keeps save time, not
	// budget. A stream that inflates past what is left stops there; it is
	// never allocated whole.
	MaxDecoded int64
}

// DefaultLimits returns limits well above any form: 500 pages, two
// million glyphs (a dense A3 page has about 10,000), 64 MiB per stream
// and 64 MiB decoded in all. Of MaxDecoded, a status form needs 0.2 to
// 0.3 MB; the most any real PDF of the fixtures and the shared corpus
// needs is 2.7 MB (the 18 pages of a ministry's table of clinics, a file
// of 768 KB, with its MS Gothic font and 15 object streams), and the
// report of 5,200 groups, 284 pages, needs 10.7 MB. So 64 MiB is some 25
// times what a real file needs and six times the longest report, while a
// hostile file (forms that each decode to tens of MB, a stream that
// inflates a thousandfold, forms that draw forms a billion times)
// allocates little more than that before it stops.
func DefaultLimits() Limits {
	return Limits{MaxPages: 500, MaxGlyphs: 2_000_000, MaxStream: 64 << 20, MaxDecoded: 64 << 20}
}

func (lim Limits) orDefault() Limits {
	def := DefaultLimits()
	if lim.MaxPages <= 0 {
		lim.MaxPages = def.MaxPages
	}
	if lim.MaxGlyphs <= 0 {
		lim.MaxGlyphs = def.MaxGlyphs
	}
	if lim.MaxStream <= 0 {
		lim.MaxStream = def.MaxStream
	}
	if lim.MaxDecoded <= 0 {
		lim.MaxDecoded = def.MaxDecoded
	}
	return lim
}

// Errors that Read returns for files it will not read; any other error
// means the file is not a PDF that can be read.
var (
	// ErrEncrypted: the file is encrypted with a password needed to open it.
	ErrEncrypted = errors.New("pdf: encrypted with a user password")
	// ErrTooLarge: the file has more pages or glyphs than Limits allow,
	// or its streams decode to more bytes.
	ErrTooLarge = errors.New("pdf: larger than the limits")
	// ErrDecodeLimit: the file's streams decode to more bytes than
	// Limits.MaxDecoded allows. An error that wraps it wraps ErrTooLarge
	// too.
	ErrDecodeLimit = errors.New("pdf: streams decode to more than the limit")
)

// Read reads the pages of the PDF in data, as Pages does, and returns
// them all.
func Read(ctx context.Context, data []byte, lim Limits) ([]*Page, error) {
	var pages []*Page
	err := Pages(ctx, data, lim, func(p *Page) { pages = append(pages, p) })
	return pages, err
}

// Pages reads the pages of the PDF in data one at a time, in order, and
// calls page with each as soon as it is read. Nothing of a page is kept
// after page returns, so that reading a long file costs the memory of one
// page at a time. A file encrypted without a user password (only an owner
// password, restricting copying or printing) is read. Pages stops, with
// an error wrapping ErrTooLarge, at the first page past a limit (page is
// called with what was read of it); a page whose content is damaged has
// its Err set, and the other pages are read. When ctx is done, Pages stops
// where it is, at its next look at ctx: before each page, every 1,024
// tokens of a content stream (forms drawn included), every few KiB that a
// stream's filters read, between the objects pdfcpu parses; it returns
// ctx's error, and page is not called with the page it was reading. Pages
// starts no goroutine: nothing of the read goes on after it returns.
func Pages(ctx context.Context, data []byte, lim Limits, page func(*Page)) error {
	return pages(ctx, data, lim, false, page)
}

// pages is Pages; with hidden, it also reads the glyphs that cannot be
// seen (clipped away, or drawn invisible), as poppler does, so that the
// comparison with poppler can tell them from real differences.
func pages(ctx context.Context, data []byte, lim Limits, hidden bool, page func(*Page)) error {
	lim = lim.orDefault()
	doc, err := open(ctx, data, lim)
	if err != nil {
		return err
	}
	doc.hidden = hidden
	n := doc.xref.PageCount
	glyphs := lim.MaxGlyphs
	for i := 1; i <= n; i++ {
		if i > lim.MaxPages {
			return fmt.Errorf("%w: more than %d pages", ErrTooLarge, lim.MaxPages)
		}
		p := doc.page(i, glyphs)
		if err := ctx.Err(); err != nil {
			return err
		}
		glyphs -= len(p.Glyphs)
		page(p)
		switch {
		case errors.Is(p.Err, errGlyphBudget):
			return fmt.Errorf("%w: more than %d glyphs", ErrTooLarge, lim.MaxGlyphs)
		case errors.Is(p.Err, ErrDecodeLimit):
			return doc.budget.err
		}
	}
	return nil
}

// A document is an open PDF file.
type document struct {
	xref   *model.XRefTable
	lim    Limits
	budget *budget        // what reading the file may still cost
	hidden bool           // read what cannot be seen too (pages)
	fonts  map[int]*font  // by object number
	forms  map[int][]byte // decoded form XObject content, by object number
}

// open reads the file's structure with pdfcpu, within the budget of the
// file that it starts: the cross-reference streams that pdfcpu decodes
// are decoded within it first, and the object streams after, in place of
// pdfcpu. A panic in pdfcpu (seen on damaged cross-reference streams) is
// an error.
func open(ctx context.Context, data []byte, lim Limits) (doc *document, err error) {
	defer func() {
		if v := recover(); v != nil {
			doc, err = nil, fmt.Errorf("pdf: damaged file structure (pdfcpu: %v)", v)
		}
	}()
	conf := &model.Configuration{
		Reader15:       true,
		ValidationMode: model.ValidationRelaxed,
		Limits:         model.DefaultResourceLimits(),
	}
	// What pdfcpu decodes itself as it reads the file (the object stream
	// of the document's catalog) it decodes into a buffer that doubles as
	// it grows, allocating up to four times what it holds all told: it may
	// hold a quarter of the budget, and past that the file is too large.
	conf.Limits.MaxDecodeBytes = max(min(lim.MaxStream, lim.MaxDecoded/4), 1)
	b := newBudget(ctx, lim.MaxDecoded)
	if err := b.xrefStreams(data, conf, lim.MaxStream); err != nil {
		return nil, err
	}
	file, err := pdfcpu.ReadWithContext(ctx, bytes.NewReader(data), conf)
	switch {
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case errors.Is(err, filter.ErrDecodeLimitExceeded):
		return nil, b.spend(int(lim.MaxDecoded) + 1)
	case errors.Is(err, pdfcpu.ErrWrongPassword):
		return nil, ErrEncrypted
	case err != nil && strings.Contains(err.Error(), "encrypt"):
		return nil, fmt.Errorf("%w (%v)", ErrEncrypted, err)
	case err != nil:
		return nil, fmt.Errorf("pdf: %w", err)
	}
	if file.E == nil && trailerEncrypts(data) {
		// pdfcpu decrypts only when /Encrypt is an indirect object; with a
		// direct dictionary it reads the file as if it were not encrypted.
		return nil, fmt.Errorf("%w (an /Encrypt dictionary pdfcpu does not read)", ErrEncrypted)
	}
	doc = &document{xref: file.XRefTable, lim: lim, budget: b, fonts: map[int]*font{}, forms: map[int][]byte{}}
	if err := doc.objectStreams(); err != nil {
		return nil, err
	}
	if err := file.EnsurePageCount(); err != nil {
		return nil, fmt.Errorf("pdf: page tree: %w", err)
	}
	return doc, nil
}

// trailerEncrypts reports whether a trailer, or a cross-reference stream's
// dictionary, of the file has an /Encrypt entry: "/Encrypt" no further
// than 4 KiB after "trailer" or "/XRef".
func trailerEncrypts(data []byte) bool {
	const reach = 4 << 10
	for rest, off := data, 0; ; {
		i := bytes.Index(rest, []byte("/Encrypt"))
		if i < 0 {
			return false
		}
		before := data[max(0, off+i-reach) : off+i]
		if bytes.Contains(before, []byte("trailer")) || bytes.Contains(before, []byte("/XRef")) {
			return true
		}
		rest, off = rest[i+1:], off+i+1
	}
}

// page reads page i (from 1), allowing it glyphs glyphs.
func (d *document) page(i, glyphs int) (p *Page) {
	p = &Page{Number: i}
	defer func() {
		if v := recover(); v != nil {
			p.Err = fmt.Errorf("pdf: page %d: internal error: %v", i, v)
		}
	}()
	dict, _, attrs, err := d.xref.PageDict(i, true)
	if err != nil || dict == nil || attrs == nil {
		p.Err = fmt.Errorf("pdf: page %d: %v", i, err)
		return p
	}
	box := pageBox(attrs)
	w, h := box.Width(), box.Height()
	if attrs.Rotate%180 != 0 {
		w, h = h, w
	}
	*p = *NewPage(i, w, h, box.LL.X, box.LL.Y, attrs.Rotate)
	base, _ := matrix(p.user).invert()
	content, err := d.contents(dict)
	in := newInterp(d.budget, p, base, glyphs)
	in.hidden = d.hidden
	if rerr := in.run(content, pageResources{d, attrs.Resources}); rerr != nil {
		err = rerr
	}
	if err != nil {
		p.Err = fmt.Errorf("pdf: page %d: %w", i, err)
	}
	return p
}

// pageBox returns the crop box, within the media box; US Letter when the
// page gives neither.
func pageBox(attrs *model.InheritedPageAttrs) *types.Rectangle {
	box := attrs.MediaBox
	if box == nil || box.Width() <= 0 || box.Height() <= 0 {
		box = types.NewRectangle(0, 0, 612, 792)
	}
	if c := attrs.CropBox; c != nil {
		in := types.NewRectangle(max(c.LL.X, box.LL.X), max(c.LL.Y, box.LL.Y), min(c.UR.X, box.UR.X), min(c.UR.Y, box.UR.Y))
		if in.Width() > 0 && in.Height() > 0 {
			return in
		}
	}
	return box
}

// contents returns a page's content streams decoded and joined, with a
// line break between streams (a token may end where a stream does).
func (d *document) contents(page types.Dict) ([]byte, error) {
	o, _ := page.Find("Contents")
	o, err := d.xref.Dereference(o)
	if err != nil || o == nil {
		return nil, err
	}
	streams := types.Array{o}
	if a, ok := o.(types.Array); ok {
		streams = a
	}
	var out []byte
	var first error
	for _, s := range streams {
		b, err := d.stream(s)
		if err != nil && first == nil {
			first = err
		}
		out = append(append(out, b...), '\n')
	}
	return out, first
}

// stream returns a stream's decoded bytes, decoded within the budget.
func (d *document) stream(o types.Object) ([]byte, error) {
	sd, _, err := d.xref.DereferenceStreamDict(o)
	if err != nil || sd == nil {
		return nil, err
	}
	b, err := d.budget.decode(sd, d.lim.MaxStream)
	if err != nil {
		return nil, fmt.Errorf("stream: %w", err)
	}
	return b, nil
}
