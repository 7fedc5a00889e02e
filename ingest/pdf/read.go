package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

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
}

// DefaultLimits returns limits well above any form: 500 pages, two
// million glyphs (a dense A3 page has about 10,000) and 64 MiB per
// stream.
func DefaultLimits() Limits {
	return Limits{MaxPages: 500, MaxGlyphs: 2_000_000, MaxStream: 64 << 20}
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
	return lim
}

// Errors that Read returns for files it will not read; any other error
// means the file is not a PDF that can be read.
var (
	// ErrEncrypted: the file is encrypted with a password needed to open it.
	ErrEncrypted = errors.New("pdf: encrypted with a user password")
	// ErrTooLarge: the file has more pages or glyphs than Limits allow.
	ErrTooLarge = errors.New("pdf: larger than the limits")
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
// an error wrapping ErrTooLarge, at the first page past a limit; a page
// whose content is damaged has its Err set, and the other pages are read.
// It stops with ctx's error when ctx is done.
func Pages(ctx context.Context, data []byte, lim Limits, page func(*Page)) error {
	return pages(ctx, data, lim, false, page)
}

// pages is Pages; with hidden, it also reads the glyphs that cannot be
// seen (clipped away, or drawn invisible), as poppler does, so that the
// comparison with poppler can tell them from real differences.
func pages(ctx context.Context, data []byte, lim Limits, hidden bool, page func(*Page)) error {
	lim = lim.orDefault()
	doc, err := open(data, lim)
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
		p := doc.page(ctx, i, glyphs)
		glyphs -= len(p.Glyphs)
		page(p)
		switch {
		case errors.Is(p.Err, errGlyphBudget):
			return fmt.Errorf("%w: more than %d glyphs", ErrTooLarge, lim.MaxGlyphs)
		case ctx.Err() != nil:
			return ctx.Err()
		}
	}
	return nil
}

// A document is an open PDF file.
type document struct {
	xref   *model.XRefTable
	lim    Limits
	hidden bool           // read what cannot be seen too (pages)
	fonts  map[int]*font  // by object number
	forms  map[int][]byte // decoded form XObject content, by object number
}

// open reads the file's structure with pdfcpu. A panic in pdfcpu (seen on
// damaged cross-reference streams) is an error.
func open(data []byte, lim Limits) (doc *document, err error) {
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
	conf.Limits.MaxDecodeBytes = lim.MaxStream
	ctx, err := pdfcpu.Read(bytes.NewReader(data), conf)
	switch {
	case errors.Is(err, pdfcpu.ErrWrongPassword):
		return nil, ErrEncrypted
	case err != nil && strings.Contains(err.Error(), "encrypt"):
		return nil, fmt.Errorf("%w (%v)", ErrEncrypted, err)
	case err != nil:
		return nil, fmt.Errorf("pdf: %w", err)
	}
	if ctx.E == nil && trailerEncrypts(data) {
		// pdfcpu decrypts only when /Encrypt is an indirect object; with a
		// direct dictionary it reads the file as if it were not encrypted.
		return nil, fmt.Errorf("%w (an /Encrypt dictionary pdfcpu does not read)", ErrEncrypted)
	}
	if err := ctx.EnsurePageCount(); err != nil {
		return nil, fmt.Errorf("pdf: page tree: %w", err)
	}
	return &document{xref: ctx.XRefTable, lim: lim, fonts: map[int]*font{}, forms: map[int][]byte{}}, nil
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
func (d *document) page(ctx context.Context, i, glyphs int) (p *Page) {
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
	in := newInterp(ctx, p, base, glyphs)
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

// stream returns a stream's decoded bytes. A damaged Flate stream gives
// what could be decoded, and its error.
func (d *document) stream(o types.Object) ([]byte, error) {
	sd, _, err := d.xref.DereferenceStreamDict(o)
	if err != nil || sd == nil {
		return nil, err
	}
	if err := sd.DecodeWithLimit(d.lim.MaxStream); err != nil {
		return sd.Content, fmt.Errorf("stream: %w", err)
	}
	return sd.Content, nil
}
