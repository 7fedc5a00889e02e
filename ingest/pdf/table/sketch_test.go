package table

import (
	"strings"
	"unicode/utf8"

	"perinet"
	"perinet/ingest/pdf"
)

// A sketch is a synthetic page for tests: text set as a spreadsheet prints
// its cells (wrapped to the cell, centred down it), and cell borders.
type sketch struct {
	page *pdf.Page
	// bare leaves out the borders of tables, and sets their cells' text
	// from the top.
	bare bool
}

// Portrait and landscape A4, in points.
const (
	a4Short = 595.0
	a4Long  = 842.0
)

// newSketch returns an empty portrait A4 page.
func newSketch(number int) *sketch {
	return &sketch{page: pdf.NewPage(number, a4Short, a4Long, 0, 0, 0)}
}

// newLandscape returns an empty landscape A4 page.
func newLandscape(number int) *sketch {
	return &sketch{page: pdf.NewPage(number, a4Long, a4Short, 0, 0, 0)}
}

// Cell layout of the sketches, in points and fractions of the font size.
const (
	pad   = 2.0 // space between a cell's border and its text
	pitch = 1.2 // line height
	space = 0.3 // the advance of a half-width space
)

// advance returns how far r moves the pen at a font size: one em for
// Japanese and symbols, half of it for ASCII and half-width kana.
func advance(r rune, size float64) float64 {
	switch {
	case r == ' ':
		return space * size
	case r < 0x2000, r >= 0xFF61 && r <= 0xFF9F:
		return size / 2
	}
	return size
}

// width returns the advance of a text.
func width(text string, size float64) float64 {
	w := 0.0
	for _, r := range text {
		w += advance(r, size)
	}
	return w
}

// write sets text on one line from x, the bottom of its glyphs' boxes at y.
// Spaces only move the pen, as many PDF writers do.
func (s *sketch) write(x, y, size float64, text string) {
	for _, r := range text {
		w := advance(r, size)
		if r != ' ' && r != '\u3000' {
			s.page.Glyphs = append(s.page.Glyphs, pdf.Glyph{Text: string(r), X: x, Y: y, W: w, H: size, Size: size})
		}
		x += w
	}
}

// line draws a ruling line.
func (s *sketch) line(x0, y0, x1, y1 float64) {
	s.page.Rules = append(s.page.Rules, pdf.Rule{X0: x0, Y0: y0, X1: x1, Y1: y1})
}

// rect draws the four edges of a box, unless the sketch is bare.
func (s *sketch) rect(x0, y0, x1, y1 float64) {
	if s.bare {
		return
	}
	s.line(x0, y0, x1, y0)
	s.line(x0, y1, x1, y1)
	s.line(x0, y0, x0, y1)
	s.line(x1, y0, x1, y1)
}

// An align is how a cell's text stands in it.
type align int

const (
	left       align = iota // lines flush left, centred down the cell
	centred                 // lines centred across and down
	top                     // lines flush left from the top
	stack                   // one character a line, centred across and down
	topCentred              // lines centred across, from the top
)

// text sets a cell's text in the box x0, y0, x1, y1: wrapped to its width.
func (s *sketch) text(x0, y0, x1, y1, size float64, a align, text string) {
	var lines []string
	if a == stack {
		for _, r := range text {
			lines = append(lines, string(r))
		}
	} else {
		lines = wrap(text, x1-x0-2*pad, size)
	}
	lead := pitch * size
	y := (y0+y1)/2 + float64(len(lines))*lead/2
	if a == top || a == topCentred {
		y = y1 - pad
	}
	for _, l := range lines {
		y -= lead
		x := x0 + pad
		if a == centred || a == stack || a == topCentred {
			x = x0 + (x1-x0-width(l, size))/2
		}
		s.write(x, y+(lead-size)/2, size, l)
	}
}

// wrap breaks text into lines no wider than w: at its line breaks, between
// Japanese characters, and at the spaces between Latin words.
func wrap(text string, w, size float64) []string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		line := ""
		for _, tok := range tokens(para) {
			if line != "" && width(line+strings.TrimRight(tok, " "), size) > w {
				out = append(out, strings.TrimRight(line, " "))
				line = ""
				tok = strings.TrimLeft(tok, " ")
			}
			line += tok
		}
		out = append(out, line)
	}
	return out
}

// tokens cuts text where a line may break: before each Japanese
// character, and before each Latin word with the spaces that lead it.
func tokens(text string) []string {
	var out []string
	for text != "" {
		r, n := utf8.DecodeRuneInString(text)
		if wide(r) || r == '\u3000' {
			out = append(out, text[:n])
			text = text[n:]
			continue
		}
		end := n
		for end < len(text) {
			r, m := utf8.DecodeRuneInString(text[end:])
			if wide(r) || r == '\u3000' || (r == ' ' && text[end-1] != ' ') {
				break
			}
			end += m
		}
		out = append(out, text[:end])
		text = text[end:]
	}
	return out
}

// A span is a cell of a sketched table: its first grid row and column,
// how many it spans, its text and how the text stands.
type span struct {
	r, c, rows, cols int
	text             string
	align            align
}

// one returns a span of one grid cell.
func one(r, c int, text string, a align) span { return span{r, c, 1, 1, text, a} }

// table sketches a bordered table on grid lines xs (left to right) and ys
// (top to bottom): each span boxed and its text set at size; grid cells
// that no span covers are boxed empty.
func (s *sketch) table(xs, ys []float64, size float64, spans []span) {
	covered := map[[2]int]bool{}
	for _, sp := range spans {
		for r := sp.r; r < sp.r+sp.rows; r++ {
			for c := sp.c; c < sp.c+sp.cols; c++ {
				covered[[2]int{r, c}] = true
			}
		}
	}
	for r := range len(ys) - 1 {
		for c := range len(xs) - 1 {
			if !covered[[2]int{r, c}] {
				spans = append(spans, one(r, c, "", left))
			}
		}
	}
	for _, sp := range spans {
		x0, x1 := xs[sp.c], xs[sp.c+sp.cols]
		y0, y1 := ys[sp.r+sp.rows], ys[sp.r]
		s.rect(x0, y0, x1, y1)
		a := sp.align
		if s.bare && a == left {
			a = top
		} else if s.bare && a == centred {
			a = topCentred
		}
		s.text(x0, y0, x1, y1, size, a, sp.text)
	}
}

// minRow is the least height of a sketched table's row.
const minRow = 16.0

// grid sketches a table from x0, y top down, with columns of the given
// widths and rows as high as the text of their cells needs, and returns
// the y of its bottom.
func (s *sketch) grid(x0, y float64, widths []float64, size float64, spans []span) float64 {
	xs := edges(x0, 1, widths...)
	var heights []float64
	for _, sp := range spans {
		for len(heights) < sp.r+sp.rows {
			heights = append(heights, minRow)
		}
	}
	for _, sp := range spans { // cells of one row first, then the merged ones
		if sp.rows == 1 {
			heights[sp.r] = max(heights[sp.r], s.needs(sp, xs, size))
		}
	}
	for _, sp := range spans {
		have := 0.0
		for _, h := range heights[sp.r : sp.r+sp.rows] {
			have += h
		}
		heights[sp.r+sp.rows-1] += max(0, s.needs(sp, xs, size)-have)
	}
	ys := edges(y, -1, heights...)
	s.table(xs, ys, size, spans)
	return ys[len(ys)-1]
}

// needs returns the height a span's text needs.
func (s *sketch) needs(sp span, xs []float64, size float64) float64 {
	n := utf8.RuneCountInString(sp.text)
	if sp.align != stack {
		n = len(wrap(sp.text, xs[sp.c+sp.cols]-xs[sp.c]-2*pad, size))
	}
	return float64(n)*pitch*size + 2*pad
}

// edges returns grid lines from a first one and the sizes of the cells
// between them, going up (step 1) or down (step -1).
func edges(first float64, step float64, sizes ...float64) []float64 {
	out := []float64{first}
	for _, d := range sizes {
		first += step * d
		out = append(out, first)
	}
	return out
}

// drawing returns a sheet's rows as a person would draw them: each cell's
// text, "<" for a cell merged with the one left of it, "^" for one merged
// with the one above.
func drawing(rows [][]perinet.Cell) [][]string {
	out := make([][]string, len(rows))
	for i, row := range rows {
		out[i] = make([]string, len(row))
		for j, c := range row {
			switch {
			case c.Merged && j > 0 && row[j-1].Where == c.Where:
				out[i][j] = "<"
			case c.Merged:
				out[i][j] = "^"
			default:
				out[i][j] = c.Text
			}
		}
	}
	return out
}
