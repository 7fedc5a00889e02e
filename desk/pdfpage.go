package desk

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"perinet"
	"perinet/ingest/pdf"
)

// maxGlyphs bounds the glyphs of one PDF page drawn as text: a page with
// more is drawn with its ruling lines and its cells only, and says so.
const maxGlyphs = 20000

// Where a glyph's baseline is in its box, as fractions of the font size:
// the box runs from the font's descent to its ascent, which for the fonts
// of Japanese forms hold the em square with its baseline 0.12 em above its
// foot; the centre of a CJK glyph stands 0.38 em above the baseline.
const (
	descent = 0.12
	middle  = 0.38
)

// margin is the white kept around what a page shows when it is drawn, in
// points.
const margin = 12

// A pageView is one page of a PDF drawn as SVG: the page as displayed, in
// points, with y running down from its top edge, cut to what it shows
// (ViewBox), so that a form printed small on a large sheet is drawn as
// large as the pane allows.
type pageView struct {
	Number        int // 1 for the first page
	ID            string
	Width, Height string
	ViewBox       string
	Texts         []textView
	Rules         []ruleView
	Cells         []boxView
	Undrawn       int  // the glyphs of a page with more than maxGlyphs, not drawn
	Marked        bool // a problem names the page itself
}

// A textView is one text element: glyphs set along one baseline, each
// character at its own x (X lists them), or one glyph centred on X, Y
// and turned by Transform (text written down, or turned).
type textView struct {
	Text      string
	X, Y      string
	Size      string
	Centred   bool
	Transform string
}

// A ruleView is a ruling line.
type ruleView struct{ X1, Y1, X2, Y2 string }

// A boxView is a cell read from the page, over the area it takes.
type boxView struct {
	Where      string
	X, Y, W, H string
	ID         string   // the element's id, for links to the cell
	Fields     []string // the fields read from the cell, as the form heads them
	Problems   []problemView
}

// Class returns the cell's classes for the style sheet.
func (b boxView) Class() string {
	var cs []string
	if len(b.Fields) > 0 {
		cs = append(cs, "read")
	}
	if s := (cellView{Problems: b.Problems}).Severity(); s != "" {
		cs = append(cs, "p-"+string(s))
	}
	return strings.Join(cs, " ")
}

// Title returns what pointing at the cell tells: the fields read from it
// and its problems, a line each.
func (b boxView) Title() string {
	lines := slices.Clone(b.Fields)
	for _, p := range b.Problems {
		lines = append(lines, fmt.Sprintf("%d. %s: %s", p.N, p.Severity.Label(), p.Message))
	}
	return strings.Join(lines, "\n")
}

// drawPage draws page p and the cells it was read into (boxes, by their
// places, as table.Boxes gives them), the cells top to bottom and left to
// right.
func drawPage(p *pdf.Page, boxes map[string]pdf.Box) pageView {
	v := pageView{Number: p.Number, Width: num(p.Width), Height: num(p.Height)}
	flip := func(y float64) string { return num(p.Height - y) }
	if len(p.Glyphs) > maxGlyphs {
		v.Undrawn = len(p.Glyphs)
	} else {
		v.Texts = textRuns(p.Glyphs, p.Height)
	}
	for _, r := range p.Rules {
		v.Rules = append(v.Rules, ruleView{num(r.X0), flip(r.Y0), num(r.X1), flip(r.Y1)})
	}
	wheres := make([]string, 0, len(boxes))
	for w := range boxes {
		wheres = append(wheres, w)
	}
	slices.SortFunc(wheres, func(a, b string) int {
		return cmp.Or(cmp.Compare(boxes[b].Y1, boxes[a].Y1), cmp.Compare(boxes[a].X0, boxes[b].X0), strings.Compare(a, b))
	})
	shown := pdf.Box{X0: p.Width, Y0: p.Height}
	add := func(b pdf.Box) {
		shown = pdf.Box{X0: min(shown.X0, b.X0), Y0: min(shown.Y0, b.Y0), X1: max(shown.X1, b.X1), Y1: max(shown.Y1, b.Y1)}
	}
	for _, w := range wheres {
		b := boxes[w]
		add(b)
		v.Cells = append(v.Cells, boxView{Where: w, X: num(b.X0), Y: flip(b.Y1), W: num(b.X1 - b.X0), H: num(b.Y1 - b.Y0)})
	}
	for _, g := range p.Glyphs {
		add(g.Visible())
	}
	for _, r := range p.Rules {
		add(pdf.Box(r))
	}
	v.ViewBox = viewBox(shown, p.Width, p.Height)
	return v
}

// viewBox returns the SVG view box of a page of the given size that
// shows the box of page space shown, with a margin, within the page; the
// whole page when shown is empty.
func viewBox(shown pdf.Box, width, height float64) string {
	if shown.X0 > shown.X1 || shown.Y0 > shown.Y1 {
		shown = pdf.Box{X1: width, Y1: height}
	}
	x0, x1 := max(0, shown.X0-margin), min(width, shown.X1+margin)
	top, bottom := max(0, height-shown.Y1-margin), min(height, height-shown.Y0+margin)
	return strings.Join([]string{num(x0), num(top), num(x1 - x0), num(bottom - top)}, " ")
}

// textRuns returns the text elements that draw glyphs on a page of the
// given height: the glyphs written across, upright, one after the other
// in the order shown along one baseline at one size, as one element; each
// other glyph (written down, or turned) as one of its own. Glyphs without
// text, and spaces, are not drawn.
func textRuns(glyphs []pdf.Glyph, height float64) []textView {
	var out []textView
	var xs []string
	var text strings.Builder
	var last pdf.Glyph
	end := func() {
		if text.Len() > 0 {
			out = append(out, textView{Text: text.String(), X: strings.Join(xs, " "), Y: num(height - baseline(last)), Size: num(size(last))})
		}
		xs = xs[:0]
		text.Reset()
	}
	for _, g := range glyphs {
		if strings.TrimFunc(g.Text, unicode.IsSpace) == "" {
			continue
		}
		if g.Vertical || g.Rotation != 0 {
			end()
			cx, cy := g.X+g.W/2, height-(g.Y+g.H/2)
			t := textView{Text: g.Text, X: num(cx), Y: num(cy + middle*size(g)), Size: num(size(g)), Centred: true}
			if g.Rotation != 0 {
				t.Transform = fmt.Sprintf("rotate(%d %s %s)", -g.Rotation, num(cx), num(cy))
			}
			out = append(out, t)
			continue
		}
		if text.Len() > 0 && !follows(last, g) {
			end()
		}
		n := utf8.RuneCountInString(g.Text)
		for i := range n {
			xs = append(xs, num(g.X+g.W*float64(i)/float64(n)))
		}
		text.WriteString(g.Text)
		last = g
	}
	end()
	return out
}

// follows reports whether glyph g goes on the run that glyph last ends:
// at the same size, on the same baseline, and no further right of it than
// three ems (the gap between the cells of a row is wider).
func follows(last, g pdf.Glyph) bool {
	s := size(g)
	return math.Abs(size(last)-s) < 0.01*s && math.Abs(baseline(last)-baseline(g)) < 0.05*s &&
		g.X >= last.X && g.X <= last.X+last.W+3*s
}

// baseline returns the height of a glyph's baseline, written across: the
// em square centred in its box, the baseline its descent above the foot.
func baseline(g pdf.Glyph) float64 { return g.Y + (g.H-size(g))/2 + descent*size(g) }

// size returns a glyph's font size, or the height of its box when the
// size is not known.
func size(g pdf.Glyph) float64 {
	if g.Size > 0 {
		return g.Size
	}
	return g.H
}

// num writes a length in points, to a hundredth ("0", never "-0").
func num(f float64) string {
	return strconv.FormatFloat(math.Round(f*100)/100+0, 'f', -1, 64)
}

// markPages links the cells of drawn pages to what was read: each cell
// gets an id (p1c3 for the third cell of the first page), the fields
// each cell was read into (named by label) and the problems at each cell
// (or page, named as its ID is: p1); it sets the Anchor of each problem drawn, and returns where
// each cell's element is, by place.
func markPages(pages []pageView, records []perinet.Record, problems []problemView, label func(perinet.Record, string) string) map[string]string {
	fields, at := readInto(records, label), problemsAt(problems)
	anchors := map[string]string{}
	for i := range pages {
		v := &pages[i]
		v.ID = fmt.Sprintf("p%d", v.Number)
		for _, n := range at[v.ID] {
			problems[n].Anchor, v.Marked = v.ID, true
		}
		for j := range v.Cells {
			c := &v.Cells[j]
			if _, seen := anchors[c.Where]; seen {
				continue
			}
			c.ID = fmt.Sprintf("%sc%d", v.ID, j+1)
			anchors[c.Where] = c.ID
			c.Fields = fields[c.Where]
			for _, n := range at[c.Where] {
				problems[n].Anchor = c.ID
				c.Problems = append(c.Problems, problems[n])
			}
		}
	}
	return anchors
}
