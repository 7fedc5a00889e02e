package table

import (
	"cmp"
	"math"
	"slices"

	"perinet/ingest/pdf"
)

// Tables ruled across only: many reports and pages made for a browser
// rule a table's rows and leave its columns to white space. Such a table
// is read as a lattice all the same: its columns' edges are where the
// rules' segments join (a browser draws each cell's border on its own)
// and the gutters that run down all its rows, and a vertical rule is
// implied at each edge in every row that no text crosses there (a
// heading over two columns crosses it, and stays one cell).

// Bounds of a table ruled across only.
const (
	// minAcross is the fewest rules across a table ruled only across
	// needs: its top, one between two rows, its bottom. Two rules alone
	// (a line under a page's heading and one over its footer) are no
	// table.
	minAcross = 3
	// maxRowHeight is the tallest row, in points, of a table ruled only
	// across: rules further apart frame the page's parts, not a row.
	maxRowHeight = 200.0
)

// impliedRules returns the vertical rules that close the tables which
// horizontal rules alone draw (see above): the outer edges of each, and
// the edges of its columns in each row that no glyph crosses, nor a rule
// above or below the row (where rules are drawn cell by cell, one that
// runs across a column's edge is a cell's over two columns).
func impliedRules(rules []pdf.Rule, glyphs []pdf.Glyph) []pdf.Rule {
	var out []pdf.Rule
	for _, stack := range stacks(acrossOnly(cleanRules(rules))) {
		x0, x1 := stack[0].x0, stack[0].x1
		ys := make([]float64, len(stack))
		var segs []pdf.Rule
		for i, l := range stack {
			ys[i] = l.y
			segs = append(segs, l.segs...)
		}
		ys = cluster(ys) // rules of a row drawn a little apart are one
		slices.Reverse(ys)
		at := make([][]pdf.Rule, len(ys)) // the rules at each grid line
		for _, r := range segs {
			i := nearest(ys, r.Y0)
			at[i] = append(at[i], r)
		}
		inside := glyphsIn(glyphs, x0, ys[len(ys)-1], x1, ys[0])
		joints, edges := columnEdgesOf(segs, inside, x0, x1)
		starts := cellStarts(inside, edges, ys)
		for i := 1; i < len(ys); i++ {
			top, bottom := ys[i-1], ys[i]
			band := glyphsIn(inside, x0, bottom, x1, top)
			for k, x := range edges {
				inner := x != x0 && x != x1
				switch {
				case inner && crossed(band, x, bottom, top):
				case inner && slices.Contains(joints, x) && (runsAcross(at[i-1], x) || runsAcross(at[i], x)):
				case inner && centredAcross(band, edges, k, starts, at[i-1], at[i]):
				default:
					out = append(out, pdf.Rule{X0: x, Y0: bottom, X1: x, Y1: top})
				}
			}
		}
	}
	return out
}

// centredAcross reports whether edges[k] is inside a cell of a row whose
// glyphs are band, between the rules above and below: the text on one
// side of it is centred over it (centredOver), and the empty cell is
// ruled above and below (not part of a cell over several rows). A
// heading over two columns, centred, crosses no edge but stands over both.
func centredAcross(band []pdf.Glyph, edges []float64, k int, starts [][]float64, above, below []pdf.Rule) bool {
	c, ok := centredOver(band, edges, k, starts)
	if !ok {
		return false
	}
	empty := 2*k - 1 - c // the column on the other side of the edge
	m := (edges[empty] + edges[empty+1]) / 2
	return runsAcross(above, m) && runsAcross(below, m)
}

// centredOver reports whether the text of a row (its glyphs band) on one
// side of edges[k], with the cell on the other side empty, is centred on
// the two cells together (within centreSlack) and not on its own, and
// does not begin where two other cells of its column do (starts, by
// column: names set flush left may happen to stand in the middle); and
// which column the text is in.
func centredOver(band []pdf.Glyph, edges []float64, k int, starts [][]float64) (col int, ok bool) {
	if k < 1 || k+1 >= len(edges) {
		return 0, false
	}
	left, hasLeft := textIn(band, edges[k-1], edges[k])
	right, hasRight := textIn(band, edges[k], edges[k+1])
	if hasLeft == hasRight {
		return 0, false
	}
	col, text := k-1, left
	if hasRight {
		col, text = k, right
	}
	flush := 0
	for _, x := range starts[col] {
		if math.Abs(x-text.x0) <= flushSlack {
			flush++
		}
	}
	mid := (text.x0 + text.x1) / 2
	own := (edges[col] + edges[col+1]) / 2
	return col, flush <= 2 && math.Abs(mid-(edges[k-1]+edges[k+1])/2) <= centreSlack && math.Abs(mid-own) > centreSlack
}

// textIn returns where the glyphs whose centre is between x0 and x1 run,
// and false when there are none.
func textIn(glyphs []pdf.Glyph, x0, x1 float64) (e extent, ok bool) {
	for _, g := range glyphs {
		if x, _ := centre(g); x0 <= x && x < x1 {
			if !ok {
				e, ok = extent{g.X, g.X + g.W}, true
			}
			e = extent{min(e.x0, g.X), max(e.x1, g.X+g.W)}
		}
	}
	return e, ok
}

// cellStarts returns, for each column between edges, where the text of
// each of its cells begins, a cell a row between the row edges ys (top to
// bottom).
func cellStarts(glyphs []pdf.Glyph, edges, ys []float64) [][]float64 {
	out := make([][]float64, len(edges)-1)
	for i := 1; i < len(ys); i++ {
		band := glyphsIn(glyphs, edges[0], ys[i], edges[len(edges)-1], ys[i-1])
		for c := range out {
			if e, ok := textIn(band, edges[c], edges[c+1]); ok {
				out[c] = append(out[c], e.x0)
			}
		}
	}
	return out
}

// flushSlack is how far, in points, the cells of a column set flush left
// may begin apart.
const flushSlack = 1.0

// centreSlack is how far, in points, text centred in a cell may be from
// the cell's middle: the rounding of the producer's layout.
const centreSlack = 2.0

// runsAcross reports whether one of the rules runs across x.
func runsAcross(rules []pdf.Rule, x float64) bool {
	return slices.ContainsFunc(rules, func(r pdf.Rule) bool { return r.X0 < x-snap && x+snap < r.X1 })
}

// A ruleLine is a horizontal line that rules meeting end to end draw,
// with no vertical rule meeting it.
type ruleLine struct {
	y, x0, x1 float64
	segs      []pdf.Rule
}

// acrossOnly returns the lines that horizontal rules draw where no
// vertical rule meets them, top to bottom.
func acrossOnly(rules []pdf.Rule) []ruleLine {
	var out []ruleLine
	for _, g := range meeting(rules) {
		l := ruleLine{x0: rules[g[0]].X0, x1: rules[g[0]].X1}
		for _, i := range g {
			r := rules[i]
			l.segs = append(l.segs, r)
			l.y += r.Y0 / float64(len(g))
			l.x0, l.x1 = min(l.x0, r.X0), max(l.x1, r.X1)
		}
		if !slices.ContainsFunc(l.segs, func(r pdf.Rule) bool { return !r.Horizontal() }) {
			out = append(out, l)
		}
	}
	slices.SortFunc(out, func(a, b ruleLine) int { return cmp.Compare(b.y, a.y) })
	return out
}

// stacks returns the runs of lines, top to bottom, that rule one table
// across: each the width of the first or within it (a rule under a
// heading over some columns only), each less than maxRowHeight below the
// one above, at least minAcross of them.
func stacks(lines []ruleLine) [][]ruleLine {
	var out [][]ruleLine
	for i := 0; i < len(lines); {
		j := i + 1
		for j < len(lines) && within(lines[j], lines[i]) && lines[j-1].y-lines[j].y <= maxRowHeight {
			j++
		}
		if j-i >= minAcross {
			out = append(out, lines[i:j])
		}
		i = j
	}
	return out
}

// within reports whether line a runs inside the span of line b.
func within(a, b ruleLine) bool {
	return a.x0 >= b.x0-snap && a.x1 <= b.x1+snap
}

// glyphsIn returns the glyphs whose visible centre is in the box.
func glyphsIn(glyphs []pdf.Glyph, x0, y0, x1, y1 float64) []pdf.Glyph {
	var out []pdf.Glyph
	for _, g := range glyphs {
		v := g.Visible()
		if x, y := (v.X0+v.X1)/2, (v.Y0+v.Y1)/2; x0 <= x && x <= x1 && y0 <= y && y <= y1 {
			out = append(out, g)
		}
	}
	return out
}

// columnEdgesOf returns the x of the column edges of a table ruled only
// across, from x0 to x1 and left to right: its outer edges, the places
// where its rules' segments join (the joints, also returned alone), and
// the middle of each gutter that no glyph of the table covers (a joint
// inside a gutter stands for it).
func columnEdgesOf(rules []pdf.Rule, glyphs []pdf.Glyph, x0, x1 float64) (joints, edges []float64) {
	for _, r := range rules {
		for _, x := range []float64{r.X0, r.X1} {
			if x > x0+snap && x < x1-snap {
				joints = append(joints, x)
			}
		}
	}
	joints = cluster(joints)
	edges = append([]float64{x0, x1}, joints...)
	for _, g := range textGutters(glyphs) {
		if g.x0 <= x0 || g.x1 >= x1 || slices.ContainsFunc(joints, func(x float64) bool { return g.x0-snap <= x && x <= g.x1+snap }) {
			continue
		}
		edges = append(edges, (g.x0+g.x1)/2)
	}
	slices.Sort(edges)
	return joints, edges
}

// textGutters returns the gaps, wider than a word space, between the
// boxes of glyphs that no glyph covers.
func textGutters(glyphs []pdf.Glyph) []extent {
	boxes := make([]extent, 0, len(glyphs))
	size := 0.0
	for _, g := range glyphs {
		boxes = append(boxes, extent{g.X, g.X + g.W})
		size = max(size, g.Size)
	}
	slices.SortFunc(boxes, func(a, b extent) int { return cmp.Compare(a.x0, b.x0) })
	var out []extent
	for i, b := range boxes {
		if i == 0 {
			continue
		}
		if reach := boxes[i-1].x1; b.x0-reach > wordSpace*size {
			out = append(out, extent{reach, b.x0})
		}
		boxes[i].x1 = max(b.x1, boxes[i-1].x1) // how far the boxes so far reach
	}
	return out
}

// crossed reports whether a glyph whose centre is between bottom and top
// reaches across x.
func crossed(glyphs []pdf.Glyph, x, bottom, top float64) bool {
	for _, g := range glyphs {
		if _, y := centre(g); bottom < y && y < top && g.X+0.1 < x && x < g.X+g.W-0.1 {
			return true
		}
	}
	return false
}
