package report

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/signintech/gopdf"

	"perinet/report/typeset"
)

// A pdfPage is one page as positioned text and rules, laid out before
// anything is drawn.
type pdfPage struct {
	ops []pdfOp
}

// pdfOpKind says what a pdfOp draws.
type pdfOpKind uint8

const (
	pdfText   pdfOpKind = iota // text at x, y (top left) in size points
	pdfTurned                  // one character at x, y turned 90°, for vertical labels (ー)
	pdfRule                    // a line from x, y to x+w, y+h
	pdfFill                    // a grey rectangle at x, y, w wide and h high
	pdfMarker                  // a chart's marker, its shape centred at x, y, w across
)

// A pdfOp is one thing drawn on a page.
type pdfOp struct {
	kind       pdfOpKind
	x, y, w, h float64
	size       float64 // text: the font size
	text       string
	// pen is how a rule, fill or marker is drawn; nil draws a rule as the
	// tables do (0.5 pt, black) and a fill in the header's grey.
	pen   *pdfPen
	shape pdfShape // marker
}

// A pdfPen is how a chart draws a line or a shape: its colour, for the
// stroke and the fill, its line width and its dash pattern.
type pdfPen struct {
	rgb   [3]uint8
	width float64   // in points
	dash  []float64 // on, off, … in points; nil draws a solid line
	edge  [3]uint8  // a fill's outline colour, drawn width wide when width > 0
}

func (p *pdfPage) text(x, y, size float64, text string) {
	p.ops = append(p.ops, pdfOp{kind: pdfText, x: x, y: y, size: size, text: text})
}

func (p *pdfPage) rule(x1, y1, x2, y2 float64) {
	p.ops = append(p.ops, pdfOp{kind: pdfRule, x: x1, y: y1, w: x2 - x1, h: y2 - y1})
}

func (p *pdfPage) fill(x, y, w, h float64) {
	p.ops = append(p.ops, pdfOp{kind: pdfFill, x: x, y: y, w: w, h: h})
}

// stroke draws a line from x1, y1 to x2, y2 in pen.
func (p *pdfPage) stroke(x1, y1, x2, y2 float64, pen *pdfPen) {
	p.ops = append(p.ops, pdfOp{kind: pdfRule, x: x1, y: y1, w: x2 - x1, h: y2 - y1, pen: pen})
}

// paint fills a rectangle at x, y, w wide and h high in pen's colour.
func (p *pdfPage) paint(x, y, w, h float64, pen *pdfPen) {
	p.ops = append(p.ops, pdfOp{kind: pdfFill, x: x, y: y, w: w, h: h, pen: pen})
}

// marker draws shape centred at x, y, d across, in pen.
func (p *pdfPage) marker(x, y, d float64, shape pdfShape, pen *pdfPen) {
	p.ops = append(p.ops, pdfOp{kind: pdfMarker, x: x, y: y, w: d, shape: shape, pen: pen})
}

// A pdfSetter sets text in IPAex Gothic on a sheet of paper: it checks
// every character against the font, measures text and breaks it into
// lines, then draws the pages. Every page is laid out on its sheet.
type pdfSetter struct {
	gp      *gopdf.GoPdf
	sheet   pdfSheet
	widths  map[rune]float64 // advance at 1 pt
	has     map[rune]bool    // whether the font has the character
	missing []MissingGlyph
}

// newPDFSetter returns a setter that draws with gp, IPAex Gothic loaded
// (pdfStart), on sheet.
func newPDFSetter(gp *gopdf.GoPdf, sheet pdfSheet) *pdfSetter {
	return &pdfSetter{gp: gp, sheet: sheet, widths: map[rune]float64{}, has: map[rune]bool{}}
}

// clean returns text as it will be drawn: tabs as spaces, other control
// characters but "\n" and every character the font lacks as 〓, each
// recorded in s.missing.
func (s *pdfSetter) clean(text string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t':
			return ' '
		case !unicode.IsControl(r) && s.hasGlyph(r):
			return r
		}
		s.noteMissing(r, text)
		return missingMark
	}, text)
}

func (s *pdfSetter) hasGlyph(r rune) bool {
	ok, seen := s.has[r]
	if !seen {
		var err error
		ok, err = s.gp.IsCurrFontContainGlyph(r)
		ok = ok && err == nil
		s.has[r] = ok
	}
	return ok
}

func (s *pdfSetter) noteMissing(r rune, text string) {
	for _, m := range s.missing {
		if m.Rune == r {
			return
		}
	}
	s.missing = append(s.missing, MissingGlyph{Rune: r, Text: text})
}

// measure returns a typeset.Measure for text in size points.
func (s *pdfSetter) measure(size float64) typeset.Measure {
	return func(text string) float64 {
		var w float64
		for _, r := range text {
			w += s.width(r)
		}
		return w * size
	}
}

// width returns the advance of r at 1 pt.
func (s *pdfSetter) width(r rune) float64 {
	w, ok := s.widths[r]
	if !ok {
		const size = 100
		_ = s.gp.SetFontSize(size)
		m, err := s.gp.MeasureTextWidth(string(r))
		if err != nil {
			m = size
		}
		w = m / size
		s.widths[r] = w
	}
	return w
}

// lines cleans text and breaks it into lines width wide at size points.
func (s *pdfSetter) lines(text string, width, size float64) []string {
	return typeset.Break(s.clean(text), width, s.measure(size))
}

// balanced breaks text as lines does, then again as narrow as it can be
// set in as many lines without breaking a word, to a quarter of a point,
// so that the lines of a centred heading are even: 実施の／有無, not
// 実施の有／無.
func (s *pdfSetter) balanced(text string, width, size float64) []string {
	text = s.clean(text)
	measure := s.measure(size)
	n := len(typeset.Break(text, width, measure))
	lo, hi := min(width, typeset.Narrowest(text, measure)), width
	for hi-lo > 0.25 {
		if mid := (lo + hi) / 2; len(typeset.Break(text, mid, measure)) <= n {
			hi = mid
		} else {
			lo = mid
		}
	}
	return typeset.Break(text, hi, measure)
}

// render draws the pages, with "n / N" at each foot.
func (s *pdfSetter) render(pages []pdfPage) error {
	gp, sh := s.gp, s.sheet
	gp.SetLineWidth(0.5)
	gp.SetStrokeColor(0, 0, 0)
	for i := range pages {
		gp.AddPage()
		p := &pages[i]
		foot := pdfPageNumber(i+1, len(pages))
		w := s.measure(sh.footSize)(foot)
		p.text((sh.w-w)/2, sh.footY(), sh.footSize, foot)
		for _, op := range p.ops {
			if err := s.draw(op); err != nil {
				return err
			}
		}
	}
	return nil
}

// pdfPageNumber writes a page's number as the foot shows it.
func pdfPageNumber(n, total int) string {
	return strconv.Itoa(n) + " / " + strconv.Itoa(total)
}

// draw draws one op on the current page.
func (s *pdfSetter) draw(op pdfOp) error {
	if op.pen != nil {
		s.drawStyled(op)
		return nil
	}
	gp := s.gp
	x, y, w, h := op.x, op.y, op.w, op.h
	switch op.kind {
	case pdfRule:
		gp.Line(x, y, x+w, y+h)
	case pdfFill:
		gp.SetFillColor(232, 232, 232)
		gp.RectFromUpperLeftWithStyle(x, y, w, h, "F")
		gp.SetFillColor(0, 0, 0) // text is filled in the fill colour
	case pdfText, pdfTurned:
		if err := gp.SetFontSize(op.size); err != nil {
			return err
		}
		if op.kind == pdfTurned {
			// turn about the centre of the character's em square
			gp.Rotate(-90, x+op.size/2, y+op.size/2)
			defer gp.RotateReset()
		}
		gp.SetXY(x, y)
		return gp.Cell(nil, op.text)
	}
	return nil
}

// drawStyled draws a rule, fill or marker with its pen, inside a saved
// graphics state so that what follows is drawn as before.
func (s *pdfSetter) drawStyled(op pdfOp) {
	gp, pen := s.gp, op.pen
	x, y, w, h := op.x, op.y, op.w, op.h
	gp.SaveGraphicsState()
	defer gp.RestoreGraphicsState()
	gp.SetStrokeColor(pen.rgb[0], pen.rgb[1], pen.rgb[2])
	gp.SetFillColor(pen.rgb[0], pen.rgb[1], pen.rgb[2])
	gp.SetLineWidth(pen.width)
	if len(pen.dash) > 0 {
		gp.SetCustomLineType(pen.dash, 0)
	}
	switch op.kind {
	case pdfRule:
		gp.Line(x, y, x+w, y+h)
	case pdfFill:
		style := "F"
		if pen.width > 0 {
			gp.SetStrokeColor(pen.edge[0], pen.edge[1], pen.edge[2])
			style = "FD"
		}
		gp.RectFromUpperLeftWithStyle(x, y, w, h, style)
	case pdfMarker:
		if op.shape.open {
			gp.SetFillColor(255, 255, 255)
		}
		gp.Polygon(op.shape.points(x, y, w), "DF")
	}
}
