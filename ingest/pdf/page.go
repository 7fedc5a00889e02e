// Package pdf reads what the pages of a PDF show that a table is made of:
// positioned glyphs with their Unicode text, and the thin straight lines
// that rule a table. It knows the PDF file format (through pdfcpu) and the
// page content streams (through its own interpreter), and nothing about
// tables or the survey: package table rebuilds rows and columns from a
// Page.
package pdf

// A Page is one page of a PDF as read: its glyphs and its ruling lines,
// in page space. Page space is the page as displayed, after /Rotate: points,
// the origin at the lower left corner of the crop box, x to the right and
// y upwards.
type Page struct {
	Number        int     // 1 for the first page
	Width, Height float64 // the size of the displayed page, in points
	Glyphs        []Glyph // in the order the content stream shows them
	Rules         []Rule  // thin horizontal and vertical lines and rectangle edges
	// Unmapped names the fonts, by base font name, whose glyphs on this
	// page have no known Unicode text (no ToUnicode map and no predefined
	// CMap or encoding that gives one). Their glyphs are in Glyphs with an
	// empty Text, so that their place still counts.
	Unmapped []string
	// Err is set when the page's content could not be read to its end (a
	// damaged stream, a limit); what was read before is kept.
	Err error

	// user maps page space back to the PDF's default user space (before
	// /Rotate, origin where the file has it): x' = a*x + c*y + e,
	// y' = b*x + d*y + f.
	user [6]float64
}

// A Glyph is one shown character.
type Glyph struct {
	// Text is the Unicode text the glyph stands for: usually one rune, a
	// few for a ligature, empty when its font gives no mapping.
	Text string
	// X, Y is the lower left corner of the glyph's box in page space. For
	// horizontal text the box runs from the font's descent below the
	// baseline to its ascent above it; for vertical text it is the em
	// square centred on the writing line.
	X, Y float64
	// W, H is the size of the box: the advance and the font's height for
	// horizontal text, the font size across and the advance down for
	// vertical text.
	W, H float64
	// Size is the font size as it shows on the page, in points.
	Size float64
	// Space is the width of a space in the glyph's font, in points; 0 when
	// the font does not say (a composite font).
	Space float64
	// Vertical is set for a glyph written top to bottom (a -V CMap).
	Vertical bool
	// Rotation is the direction of the glyph's baseline on the page, in
	// degrees anticlockwise, to the nearest quarter turn: 0 for text
	// read left to right, 90 for text turned to read upwards (a
	// spreadsheet's cell turned 90°), 270 for text turned to read
	// downwards, 180 upside down.
	Rotation int
	// Clip is the box of the clipping path the glyph was shown in, in page
	// space: where it can be seen. It is the zero Box when nothing clips
	// the glyph. A glyph whose centre is outside its clipping path cannot
	// be seen and is not read at all; one that reaches across it is cut
	// there (a cell's text cut at the cell's border).
	Clip Box
}

// A Box is a rectangle in page space: X0 ≤ X1, Y0 ≤ Y1.
type Box struct {
	X0, Y0, X1, Y1 float64
}

// box returns a Box of the corners as boxOf gives them.
func box(x0, y0, x1, y1 float64) Box { return Box{x0, y0, x1, y1} }

// Visible returns the part of the glyph's box that its clipping path
// lets be seen: its box, cut by Clip.
func (g Glyph) Visible() Box {
	b := g.box()
	if g.Clip == (Box{}) {
		return b
	}
	v := b.intersect(g.Clip)
	if v.X0 > v.X1 || v.Y0 > v.Y1 { // only its edge: the centre is inside
		return b
	}
	return v
}

// box returns the glyph's box.
func (g Glyph) box() Box { return Box{g.X, g.Y, g.X + g.W, g.Y + g.H} }

// contains reports whether the point x, y is in the box, edges included.
func (b Box) contains(x, y float64) bool {
	return x >= b.X0 && x <= b.X1 && y >= b.Y0 && y <= b.Y1
}

// intersect returns the part of b inside c; it is empty (X0 > X1 or Y0 >
// Y1) when they do not meet.
func (b Box) intersect(c Box) Box {
	return Box{max(b.X0, c.X0), max(b.Y0, c.Y0), min(b.X1, c.X1), min(b.Y1, c.Y1)}
}

// union returns the smallest box that holds b and c.
func (b Box) union(c Box) Box {
	return Box{min(b.X0, c.X0), min(b.Y0, c.Y0), max(b.X1, c.X1), max(b.Y1, c.Y1)}
}

// A Rule is a straight, thin line segment in page space: horizontal (Y0 ==
// Y1, X0 < X1) or vertical (X0 == X1, Y0 < Y1). An edge of a filled thin
// rectangle is a Rule too.
type Rule struct {
	X0, Y0, X1, Y1 float64
}

// Horizontal reports whether the rule runs left to right.
func (r Rule) Horizontal() bool { return r.Y0 == r.Y1 }

// UserPoint returns the point of the PDF's default user space that is at
// x, y in page space. The contract gives PDF places in user space
// ("p1@72,540"); on a page with no /Rotate and a crop box at the origin
// the two spaces are the same.
func (p *Page) UserPoint(x, y float64) (float64, float64) {
	m := p.user
	if m == [6]float64{} {
		return x, y
	}
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

// NewPage returns an empty page of the given size whose page space is
// user space moved by the crop box's lower left corner (x0, y0) and
// turned by rotate degrees clockwise (0, 90, 180 or 270), as /Rotate says.
// Package table's tests build pages with it.
func NewPage(number int, width, height, x0, y0 float64, rotate int) *Page {
	p := &Page{Number: number, Width: width, Height: height}
	switch ((rotate % 360) + 360) % 360 {
	case 90: // user space's left edge is the top of the page
		p.user = [6]float64{0, 1, -1, 0, x0 + height, y0}
	case 180:
		p.user = [6]float64{-1, 0, 0, -1, x0 + width, y0 + height}
	case 270: // user space's left edge is the bottom of the page
		p.user = [6]float64{0, -1, 1, 0, x0, y0 + width}
	default:
		p.user = [6]float64{1, 0, 0, 1, x0, y0}
	}
	return p
}
