package pdf

import (
	"errors"
	"math"
)

// resources is what a content stream names: its fonts and its form
// XObjects. The file-level reader implements it over the PDF's resource
// dictionaries; tests implement it with made-up fonts.
type resources interface {
	// font returns the font of that resource name, or nil.
	font(name string) *font
	// form returns the form XObject of that resource name, or false for an
	// image, a missing entry or one that cannot be read.
	form(name string) (form, bool)
	// properties returns the property list of that resource name (what
	// BDC names instead of giving it inline), or false.
	properties(name string) (operand, bool)
}

// A form is a form XObject: a content stream drawn by the Do operator.
type form struct {
	id      int // its object number, to stop a form that draws itself
	content []byte
	matrix  matrix
	bbox    *Box // the form's /BBox in its own space, which clips it
	res     resources
}

// errGlyphBudget stops a page that shows more glyphs than Limits allow.
var errGlyphBudget = errors.New("too many glyphs")

// maxFormDepth bounds form XObjects drawn inside form XObjects.
const maxFormDepth = 12

// drawCost is what drawing a form XObject counts in the budget besides its
// content: setting the form up (its resources, matrix and clip) takes
// about 1.5 µs, the time the interpreter takes over 40 to 60 bytes of
// content. Forms that draw forms ten times over, ten deep, stop within the
// default budget after some 800,000 draws.
const drawCost = 64

// gstate is the part of the graphics state that placing text and lines
// needs.
type gstate struct {
	ctm       matrix
	font      *font
	size      float64 // Tf's size
	charSpace float64 // Tc
	wordSpace float64 // Tw
	hscale    float64 // Tz / 100
	leading   float64 // TL
	rise      float64 // Ts
	lineWidth float64 // w
	render    int     // Tr
	clip      Box     // the clipping path's box, in page space, when clipped
	clipped   bool    // a clipping path is set (W, W*, a form's /BBox)
}

// clipTo narrows the clipping path to the box b.
func (gs *gstate) clipTo(b Box) {
	if gs.clipped {
		b = gs.clip.intersect(b)
	}
	gs.clip, gs.clipped = b, true
}

// An interp runs content streams and collects what they show on a page.
type interp struct {
	budget    *budget // the file's, which says when to stop
	page      *Page
	glyphLeft int  // glyphs still allowed
	hidden    bool // read the glyphs that cannot be seen too
	unmapped  map[string]bool

	gs       gstate
	stack    []gstate
	tm, tlm  matrix
	path     path
	ops      []operand
	forms    []int // the forms being drawn, outermost first
	clipNext bool  // W or W*: the path clips when it is painted

	marked []bool      // the open marked-content sequences: whether each gives the actual text
	actual *actualText // the outermost open sequence with /ActualText
}

// An actualText is a marked-content sequence with /ActualText: the text
// that its glyphs stand for, as poppler and pdf.js read it. Chromium and
// Quartz map glyphs to look-alike code points (the Kangxi radical ⽉ for
// 月) and give the true text this way.
type actualText struct {
	text  string
	shown bool  // a glyph was shown in it
	box   Box   // the glyphs' boxes together
	first Glyph // the first glyph, for its size, direction and clip
}

// newInterp returns an interpreter that adds to page, whose page space is
// base applied to user space, within the file's budget.
func newInterp(b *budget, page *Page, base matrix, glyphs int) *interp {
	return &interp{
		budget: b, page: page, glyphLeft: glyphs, unmapped: map[string]bool{},
		gs: gstate{ctm: base, hscale: 1, lineWidth: 1},
	}
}

// run interprets one content stream with its resources. The
// marked-content sequences it leaves open end with it. It stops, with the
// budget's error, when the budget says so, at any token.
func (in *interp) run(content []byte, res resources) error {
	lx := lexer{data: content}
	in.ops = in.ops[:0]
	open := len(in.marked)
	for {
		if err := in.budget.tick(); err != nil {
			return err
		}
		var o operand
		switch lx.next(&o, 0) {
		case tokEOF:
			for len(in.marked) > open {
				if err := in.endMarked(); err != nil {
					return err
				}
			}
			return nil
		case tokOperand:
			if len(in.ops) < 64 { // no operator takes more
				in.ops = append(in.ops, o)
			}
			continue
		case tokOperator:
			if err := in.operator(string(o.str), &lx, res); err != nil {
				return err
			}
		}
		in.ops = in.ops[:0]
	}
}

// operator carries out one operator with the operands collected.
func (in *interp) operator(op string, lx *lexer, res resources) error {
	switch op {
	case "BT":
		in.tm, in.tlm = identity, identity
	case "Tf":
		if len(in.ops) >= 2 {
			in.gs.font = res.font(string(in.ops[len(in.ops)-2].str))
			in.gs.size = in.num(1)
		}
	case "Tj", "'", "\"", "TJ":
		return in.showOperator(op)
	case "Do":
		return in.do(res)
	case "BMC", "BDC":
		in.beginMarked(op, res)
	case "EMC":
		if len(in.marked) > 0 {
			return in.endMarked()
		}
	case "ID":
		lx.skipInlineImage()
	default:
		in.stateOperator(op)
	}
	return nil
}

// stateOperator carries out an operator that changes the state or builds
// a path.
func (in *interp) stateOperator(op string) {
	switch op {
	case "q":
		if len(in.stack) < 256 {
			in.stack = append(in.stack, in.gs)
		}
	case "Q":
		if n := len(in.stack); n > 0 {
			in.gs, in.stack = in.stack[n-1], in.stack[:n-1]
		}
	case "cm":
		if len(in.ops) >= 6 {
			in.gs.ctm = in.matrixOperand().mul(in.gs.ctm)
		}
	case "w":
		in.gs.lineWidth = in.num(1)
	case "Tc":
		in.gs.charSpace = in.num(1)
	case "Tw":
		in.gs.wordSpace = in.num(1)
	case "Tz":
		in.gs.hscale = in.num(1) / 100
	case "TL":
		in.gs.leading = in.num(1)
	case "Ts":
		in.gs.rise = in.num(1)
	case "Tr":
		in.gs.render = int(in.num(1))
	case "Td":
		in.moveLine(in.num(2), in.num(1))
	case "TD":
		in.gs.leading = -in.num(1)
		in.moveLine(in.num(2), in.num(1))
	case "Tm":
		if len(in.ops) >= 6 {
			in.tm = in.matrixOperand()
			in.tlm = in.tm
		}
	case "T*":
		in.moveLine(0, -in.gs.leading)
	default:
		in.pathOperator(op)
	}
}

// num returns the operand i places from the end (1 is the last), as a
// number; 0 when there is none or it is not a number.
func (in *interp) num(i int) float64 {
	if i > len(in.ops) || in.ops[len(in.ops)-i].kind != opNumber {
		return 0
	}
	v := in.ops[len(in.ops)-i].num
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	return v
}

// matrixOperand returns the last six operands as a matrix.
func (in *interp) matrixOperand() matrix {
	return matrix{in.num(6), in.num(5), in.num(4), in.num(3), in.num(2), in.num(1)}
}

// moveLine starts a new line of text at tx, ty from the current one.
func (in *interp) moveLine(tx, ty float64) {
	in.tlm = translate(tx, ty).mul(in.tlm)
	in.tm = in.tlm
}

// showOperator carries out Tj, ', " and TJ.
func (in *interp) showOperator(op string) error {
	if len(in.ops) == 0 {
		return nil
	}
	last := in.ops[len(in.ops)-1]
	switch op {
	case "'":
		in.moveLine(0, -in.gs.leading)
	case "\"":
		in.gs.wordSpace, in.gs.charSpace = in.num(3), in.num(2)
		in.moveLine(0, -in.gs.leading)
	case "TJ":
		for _, e := range last.arr {
			if err := in.showElement(e); err != nil {
				return err
			}
		}
		return nil
	}
	return in.showElement(last)
}

// showElement shows a string, or moves by a TJ array's number.
func (in *interp) showElement(o operand) error {
	switch {
	case o.kind == opNumber && in.gs.font != nil && in.gs.font.vertical:
		in.tm = translate(0, -o.num/1000*in.gs.size).mul(in.tm)
	case o.kind == opNumber:
		in.tm = translate(-o.num/1000*in.gs.size*in.gs.hscale, 0).mul(in.tm)
	case o.kind == opString && in.gs.font != nil:
		return in.show(o.str)
	}
	return nil
}

// show shows the glyphs of a string in the current font.
func (in *interp) show(s []byte) error {
	f := in.gs.font
	for len(s) > 0 {
		code, n := f.next(s)
		s = s[n:]
		text, w, ok := f.glyph(code)
		if !ok && !in.unmapped[f.name] {
			in.unmapped[f.name] = true
			in.page.Unmapped = append(in.page.Unmapped, f.name)
		}
		space := in.gs.charSpace
		if n == 1 && code == ' ' {
			space += in.gs.wordSpace
		}
		if err := in.addGlyph(text, w, f); err != nil {
			return err
		}
		if f.vertical {
			in.tm = translate(0, f.vAdvance(code)*in.gs.size+space).mul(in.tm)
		} else {
			in.tm = translate((w*in.gs.size+space)*in.gs.hscale, 0).mul(in.tm)
		}
	}
	return nil
}

// addGlyph adds the glyph at the current text position to the page, when
// it can be seen: drawn in a visible render mode (not 3 Tr or 7 Tr), its
// centre inside the clipping path and on the page. Inside a sequence with
// /ActualText it is kept for that text instead.
func (in *interp) addGlyph(text string, w float64, f *font) error {
	if (in.gs.render == 3 || in.gs.render == 7) && !in.hidden {
		return nil
	}
	tmc := in.tm.mul(in.gs.ctm)
	trm := matrix{in.gs.size * in.gs.hscale, 0, 0, in.gs.size, 0, in.gs.rise}.mul(tmc)
	x0, y0, x1, y1 := 0.0, f.descent, w, f.ascent
	if f.vertical {
		x0, y0, x1, y1 = -0.5, -1, 0.5, 0
	}
	bx0, by0, bx1, by1 := boxOf(trm, x0, y0, x1, y1)
	if !finite(bx0, by0, bx1, by1) || bx1 < 0 || by1 < 0 || bx0 > in.page.Width || by0 > in.page.Height {
		return nil
	}
	g := Glyph{
		Text: text, X: bx0, Y: by0, W: bx1 - bx0, H: by1 - by0,
		Size: math.Abs(in.gs.size) * tmc.scaleOf(), Vertical: f.vertical,
		Space: f.space * math.Abs(in.gs.size*in.gs.hscale) * tmc.scaleOf(), Rotation: rotation(trm),
	}
	if in.gs.clipped {
		if !in.gs.clip.contains((bx0+bx1)/2, (by0+by1)/2) && !in.hidden {
			return nil
		}
		g.Clip = in.gs.clip
	}
	if a := in.actual; a != nil {
		if !a.shown {
			a.shown, a.first, a.box = true, g, g.box()
		}
		a.box = a.box.union(g.box())
		return nil
	}
	return in.appendGlyph(g)
}

// appendGlyph adds a glyph to the page, within the glyph budget.
func (in *interp) appendGlyph(g Glyph) error {
	if in.glyphLeft--; in.glyphLeft < 0 {
		return errGlyphBudget
	}
	in.page.Glyphs = append(in.page.Glyphs, g)
	return nil
}

// beginMarked opens a marked-content sequence. A BDC whose properties,
// inline or named in the resources, have /ActualText starts that text,
// unless one is open already (the outermost stands, as in poppler).
func (in *interp) beginMarked(op string, res resources) {
	actual := false
	if op == "BDC" && len(in.ops) >= 2 && in.actual == nil {
		props := in.ops[len(in.ops)-1]
		if props.kind == opName {
			props, _ = res.properties(string(props.str))
		}
		if v, ok := props.value("ActualText"); ok && v.kind == opString {
			in.actual, actual = &actualText{text: textString(v.str)}, true
		}
	}
	if len(in.marked) < 256 {
		in.marked = append(in.marked, actual)
	} else if actual {
		in.actual = nil
	}
}

// endMarked closes the innermost marked-content sequence. Closing one with
// /ActualText adds its text in place of the glyphs shown in it: over their
// boxes together, with the first one's size, direction and clip. An empty
// /ActualText shows nothing, as does one without glyphs.
func (in *interp) endMarked() error {
	n := len(in.marked) - 1
	actual := in.marked[n]
	in.marked = in.marked[:n]
	a := in.actual
	if !actual || a == nil {
		return nil
	}
	in.actual = nil
	if !a.shown || a.text == "" {
		return nil
	}
	g := a.first
	g.Text, g.X, g.Y, g.W, g.H = a.text, a.box.X0, a.box.Y0, a.box.X1-a.box.X0, a.box.Y1-a.box.Y0
	return in.appendGlyph(g)
}

// rotation returns the direction of the baseline that the text rendering
// matrix m draws, to the nearest quarter turn, in degrees anticlockwise.
func rotation(m matrix) int {
	dx, dy := m[0], m[1] // where the baseline's unit vector goes
	switch {
	case math.Abs(dx) >= math.Abs(dy) && dx >= 0:
		return 0
	case math.Abs(dx) >= math.Abs(dy):
		return 180
	case dy > 0:
		return 90
	}
	return 270
}

// boxOf returns the page-space bounding box of the rectangle x0, y0, x1,
// y1 transformed by m.
func boxOf(m matrix, x0, y0, x1, y1 float64) (float64, float64, float64, float64) {
	ax, ay := m.apply(x0, y0)
	bx, by := m.apply(x1, y0)
	cx, cy := m.apply(x0, y1)
	dx, dy := m.apply(x1, y1)
	return min(ax, bx, cx, dx), min(ay, by, cy, dy), max(ax, bx, cx, dx), max(ay, by, cy, dy)
}

// do draws a form XObject, counting it in the budget each time: its
// content and drawCost.
func (in *interp) do(res resources) error {
	if len(in.ops) == 0 || len(in.forms) >= maxFormDepth {
		return nil
	}
	f, ok := res.form(string(in.ops[len(in.ops)-1].str))
	if !ok {
		return nil
	}
	for _, id := range in.forms {
		if id == f.id && id != 0 {
			return nil
		}
	}
	if err := in.budget.spend(drawCost + len(f.content)); err != nil {
		return err
	}
	saved, stack, tm, tlm, ops := in.gs, len(in.stack), in.tm, in.tlm, in.ops
	in.forms = append(in.forms, f.id)
	in.gs.ctm = f.matrix.mul(in.gs.ctm)
	if b := f.bbox; b != nil {
		in.gs.clipTo(box(boxOf(in.gs.ctm, b.X0, b.Y0, b.X1, b.Y1)))
	}
	in.ops = nil
	err := in.run(f.content, f.res)
	in.forms = in.forms[:len(in.forms)-1]
	in.gs, in.stack, in.tm, in.tlm, in.ops = saved, in.stack[:min(stack, len(in.stack))], tm, tlm, ops[:0]
	return err
}

// finite reports whether every v is a finite number.
func finite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}
