package table

import (
	"cmp"
	"math"
	"slices"

	"perinet/ingest/pdf"
)

// Tables set without any rule: a page made for a browser may part its
// cells by white space alone. Such a table is read as a lattice too, its
// rules implied by the white space. Its columns' edges are the gutters
// that run down the lines showing two cells or more. Its rows are not
// the lines of text: a cell's text wrapped over two lines and centred
// on its row stands half above and half below the line of the cells
// beside it. So the rows come from one column, the anchor: the column
// with the most cells, whose cells (lines set close one under the other)
// stand one a row, as the names of the groups do; a row reaches half way
// to the anchor's next cell. A cell of another column over several rows
// (a tier's name set down a merged cell) crosses their edges and stays
// one cell, as does a heading over several columns.

// Tolerances of tables set without rules, as fractions of the font size.
const (
	// cellGap: a gap wider than this between glyphs of a line parts two
	// cells. Cells are padded on both sides; words of a cell are set
	// solid (Japanese) or a word space apart.
	cellGap = 0.5
	// minGutter: the narrowest gutter between two columns.
	minGutter = 0.4
	// rowGap: lines further apart than this are not one cell's. A cell's
	// lines are a line gap apart (a quarter of the size, or less); rows
	// are that and the cells' padding.
	rowGap = 0.45
	// tableGap: lines further apart than this are not one table's: the
	// margin around a table or a paragraph is wider than a row's gap.
	tableGap = 1.0
)

// whitespaceRules returns the rules a table set without rules implies
// (see above), for the glyphs that no ruled table holds.
func whitespaceRules(glyphs []pdf.Glyph) []pdf.Rule {
	var out []pdf.Rule
	for _, region := range regions(lines(glyphs)) {
		out = append(out, region.rules()...)
	}
	return out
}

// A region is lines of text set close one under the other: a table, if
// gutters run down it.
type region struct {
	lines []line
	size  float64 // the font size of most of its text
}

// regions returns the runs of lines, top to bottom, that are each less
// than tableGap apart, of three lines or more.
func regions(ls []line) []region {
	slices.SortStableFunc(ls, func(a, b line) int { return cmp.Compare(b.y1, a.y1) })
	var out []region
	for i := 0; i < len(ls); {
		bottom, j := ls[i].y0, i+1
		for j < len(ls) && bottom-ls[j].y1 <= tableGap*max(ls[j-1].size(), ls[j].size()) {
			bottom = min(bottom, ls[j].y0)
			j++
		}
		if j-i >= 3 {
			r := region{lines: ls[i:j]}
			sizes := make([]float64, 0, j-i)
			for _, l := range r.lines {
				sizes = append(sizes, l.size())
			}
			slices.Sort(sizes)
			r.size = sizes[len(sizes)/2]
			out = append(out, r)
		}
		i = j
	}
	return out
}

// A block is the lines of one cell: its part of each line, set close
// one under the other in one column.
type block struct {
	x0, y0, x1, y1 float64
}

// rules returns the rules the region implies, or none when it is not a
// table: no gutter, or no column of two cells or more.
func (r region) rules() []pdf.Rule {
	perLine := make([][]line, len(r.lines)) // each line's cells
	for i, l := range r.lines {
		perLine[i] = cells(l)
	}
	first := slices.IndexFunc(perLine, func(c []line) bool { return len(c) >= 2 })
	if first < 0 {
		return nil
	}
	r.lines, perLine = r.lines[first:], perLine[first:] // a title above is not the table's
	var segs []line
	x0, y0, x1, y1 := r.lines[0].x0, r.lines[0].y0, r.lines[0].x1, r.lines[0].y1
	for i, l := range r.lines {
		segs = append(segs, perLine[i]...)
		x0, y0, x1, y1 = min(x0, l.x0), min(y0, l.y0), max(x1, l.x1), max(y1, l.y1)
	}
	edges := r.columnEdges(perLine, x0, x1)
	if len(edges) < 3 {
		return nil
	}
	cols := make([][]block, len(edges)-1)
	for _, s := range segs {
		c := columnOf(extentsOf(edges), extent{(s.x0 + s.x1) / 2, (s.x0 + s.x1) / 2})
		cols[c] = append(cols[c], block{s.x0, s.y0, s.x1, s.y1})
	}
	for c := range cols {
		cols[c] = stackBlocks(cols[c], rowGap*r.size)
	}
	anchor := 0
	for c := range cols {
		if len(cols[c]) > len(cols[anchor]) {
			anchor = c
		}
	}
	if len(cols[anchor]) < 2 {
		return nil
	}
	pad := rowGap * r.size / 2
	ys := []float64{y1 + pad}
	for i := 1; i < len(cols[anchor]); i++ {
		ys = append(ys, rowEdge(cols, cols[anchor][i-1], cols[anchor][i], r.size))
	}
	ys = splitRows(cols, append(ys, y0-pad), r.size)
	var out []pdf.Rule
	spans := make([][]block, len(cols))
	for c := range cols {
		spans[c] = rowSpans(cols[c], ys)
	}
	for i, y := range ys {
		for c := range cols {
			if i == 0 || i == len(ys)-1 || !slices.ContainsFunc(spans[c], func(b block) bool { return b.y0 < y && y < b.y1 }) {
				out = append(out, pdf.Rule{X0: edges[c], Y0: y, X1: edges[c+1], Y1: y})
			}
		}
	}
	var all []pdf.Glyph
	for _, s := range segs {
		all = append(all, s.glyphs...)
	}
	starts := cellStarts(all, edges, ys)
	for i := 1; i < len(ys); i++ {
		top, bottom := ys[i-1], ys[i]
		var band []pdf.Glyph
		for _, s := range segs {
			if mid := s.middle(); bottom < mid && mid < top {
				band = append(band, s.glyphs...)
			}
		}
		for k, x := range edges {
			inner := k > 0 && k < len(edges)-1
			if _, over := centredOver(band, edges, k, starts); !inner || !crossed(band, x, bottom, top) && !over {
				out = append(out, pdf.Rule{X0: x, Y0: bottom, X1: x, Y1: top})
			}
		}
	}
	return out
}

// rowSpans returns the stretches of a column's cells over several rows,
// whose edges ys are, top to bottom: each cell whose text reaches across
// an edge, widened over the empty cells above and below it as far as its
// text stays centred on the stretch (a note centred down a cell merged
// over rows, taller than the note).
func rowSpans(col []block, ys []float64) []block {
	band := func(y float64) int { // the row that holds y
		for i := 1; i < len(ys); i++ {
			if y >= ys[i] {
				return i - 1
			}
		}
		return len(ys) - 2
	}
	empty := func(r int) bool {
		return !slices.ContainsFunc(col, func(b block) bool { m := (b.y0 + b.y1) / 2; return ys[r+1] < m && m < ys[r] })
	}
	var out []block
	for _, b := range col {
		r0, r1 := band(b.y1), band(b.y0)
		if r0 == r1 {
			continue
		}
		up, down := 0, 0
		for r0-up-1 >= 0 && empty(r0-up-1) {
			up++
		}
		for r1+down+1 < len(ys)-1 && empty(r1+down+1) {
			down++
		}
		mid, best := (b.y0+b.y1)/2, block{b.x0, ys[r1+1], b.x1, ys[r0]}
		for u := 0; u <= up; u++ {
			for d := 0; d <= down; d++ {
				top, bottom := ys[r0-u], ys[r1+d+1]
				if math.Abs((top+bottom)/2-mid) <= centreSlack && top-bottom > best.y1-best.y0 {
					best = block{b.x0, bottom, b.x1, top}
				}
			}
		}
		out = append(out, best)
	}
	return out
}

// splitRows returns the row edges ys (top to bottom) with more where a
// row holds, in one column, cells one under the other: the rows of a
// heading over the headings under it, where the anchor's heading stands
// over both.
func splitRows(cols [][]block, ys []float64, size float64) []float64 {
	out := []float64{ys[0]}
	for i := 1; i < len(ys); i++ {
		top, bottom := ys[i-1], ys[i]
		var most []block
		for _, col := range cols {
			var in []block
			for _, b := range col {
				if mid := (b.y0 + b.y1) / 2; bottom < mid && mid < top {
					in = append(in, b)
				}
			}
			if len(in) > len(most) {
				most = in
			}
		}
		for k := 1; k < len(most); k++ {
			out = append(out, rowEdge(cols, most[k-1], most[k], size))
		}
		out = append(out, bottom)
	}
	return out
}

// cells returns a line's cells: its glyphs parted where they stand more
// than cellGap apart, but for the gap after an item's number (１　地域連携
// …, the ideographic space not drawn).
func cells(l line) []line {
	parts := l.split(cellGap)
	out := []line{parts[0]}
	for i, p := range parts[1:] {
		if prev := parts[i]; isNumber(prev.text()) && len(out[len(out)-1].glyphs) == len(prev.glyphs) {
			out[len(out)-1] = newLine(slices.Concat(prev.glyphs, p.glyphs))
			continue
		}
		out = append(out, p)
	}
	return out
}

// isNumber reports whether text is a number alone, in half or full width
// or circled: an item's number.
func isNumber(text string) bool {
	rs := []rune(text)
	if len(rs) == 0 || len(rs) > 3 {
		return false
	}
	for _, r := range rs {
		r = narrow(r)
		if !(r >= '0' && r <= '9') && !(r >= 0x2460 && r <= 0x24FF) {
			return false
		}
	}
	return true
}

// rowEdge returns where the row of the anchor's cell a ends and that of
// the cell b below it begins: in the widest stretch between them that no
// cell of another column crosses (a cell's text centred on its row may
// stand higher or lower than the anchor's), or half way when there is
// none. A cell that reaches over both a and b, or a column of text set
// one character a line (a name down a cell over several rows, in a font
// of the given size), is not in the way.
func rowEdge(cols [][]block, a, b block, size float64) float64 {
	lo, hi := b.y1, a.y0
	if lo >= hi {
		return (lo + hi) / 2
	}
	var in []block
	for _, col := range cols {
		for _, c := range col {
			over := c.y1 >= (a.y0+a.y1)/2 && c.y0 <= (b.y0+b.y1)/2
			down := c.x1-c.x0 < 1.5*size && c.y1-c.y0 > 3*size
			if !over && !down && c.y0 < hi && c.y1 > lo {
				in = append(in, c)
			}
		}
	}
	slices.SortFunc(in, func(p, q block) int { return cmp.Compare(q.y1, p.y1) })
	best, bestY := 0.0, (lo+hi)/2
	top := hi // the free stretch so far runs down from top
	for _, c := range in {
		if c.y1 < top {
			if w := top - max(c.y1, lo); w > best {
				best, bestY = w, (top+max(c.y1, lo))/2
			}
		}
		top = min(top, c.y0)
	}
	if top > lo {
		if w := top - lo; w > best {
			bestY = (top + lo) / 2
		}
	}
	return bestY
}

// columnEdges returns the x of the region's column edges, left to right:
// x0, the middle of each gutter, x1. A gutter is a stretch at least
// minGutter wide that no cell covers on the lines that show the most
// cells (as many as half of them do, or more: a table's rows of values,
// not its wrapped lines), nor any column of vertical writing; or, beside
// those, one that only one line in five crosses (a name over two
// columns, a heading centred over them). The cells of the other lines
// that reach into a gutter from one side narrow it, if a gutter is left.
// perLine holds each line's cells.
func (r region) columnEdges(perLine [][]line, x0, x1 float64) []float64 {
	var parts [][]line
	var cover, all []extent
	for i, l := range r.lines {
		p := perLine[i]
		for _, c := range p {
			all = append(all, extent{c.x0, c.x1})
		}
		if l.vertical {
			cover = append(cover, extent{l.x0, l.x1})
		} else if len(p) >= 2 {
			parts = append(parts, p)
		}
	}
	if len(parts) < 2 {
		return nil
	}
	counts := make([]int, len(parts))
	for i, p := range parts {
		counts[i] = len(p)
	}
	slices.Sort(counts)
	least, rows := counts[len(counts)/2], 0
	for _, p := range parts {
		if len(p) >= least {
			rows++
			for _, c := range p {
				cover = append(cover, extent{c.x0, c.x1})
			}
		}
	}
	width := minGutter * r.size
	gs := freeStretches(cover, 0, width)
	for _, g := range freeStretches(cover, max(1, rows/5), width) {
		if !slices.ContainsFunc(gs, func(h extent) bool { return h.x0 < g.x1 && g.x0 < h.x1 }) {
			gs = append(gs, g)
		}
	}
	edges := []float64{x0}
	for _, g := range gs {
		// The other lines' cells that reach into the gutter from one
		// side narrow it (a cell wider than those of the rows
		// measured), as long as a gutter is left.
		n := g
		for _, c := range all {
			switch {
			case c.x0 < n.x0 && n.x0 < c.x1 && c.x1 < n.x1:
				n.x0 = c.x1
			case n.x0 < c.x0 && c.x0 < n.x1 && n.x1 < c.x1:
				n.x1 = c.x0
			}
		}
		if n.x1-n.x0 >= width {
			g = n
		}
		edges = append(edges, (g.x0+g.x1)/2)
	}
	slices.Sort(edges)
	return append(edges, x1)
}

// freeStretches returns the stretches, at least width wide and between two
// cells, that no more than allowed of the cells cover.
func freeStretches(cells []extent, allowed int, width float64) []extent {
	type end struct {
		x     float64
		delta int
	}
	ends := make([]end, 0, 2*len(cells))
	for _, c := range cells {
		ends = append(ends, end{c.x0, 1}, end{c.x1, -1})
	}
	slices.SortFunc(ends, func(a, b end) int { return cmp.Compare(a.x, b.x) })
	var out []extent
	over, from, started := 0, 0.0, false
	for _, e := range ends {
		free := over <= allowed
		over += e.delta
		switch {
		case free && over > allowed:
			if started && e.x-from >= width {
				out = append(out, extent{from, e.x})
			}
		case !free && over <= allowed:
			from, started = e.x, true
		}
	}
	return out
}

// stackBlocks joins the blocks of a column set less than gap one under the
// other into one, and returns them top to bottom.
func stackBlocks(bs []block, gap float64) []block {
	slices.SortFunc(bs, func(a, b block) int { return cmp.Compare(b.y1, a.y1) })
	var out []block
	for _, b := range bs {
		if n := len(out) - 1; n >= 0 && out[n].y0-b.y1 <= gap {
			out[n] = block{min(out[n].x0, b.x0), min(out[n].y0, b.y0), max(out[n].x1, b.x1), max(out[n].y1, b.y1)}
			continue
		}
		out = append(out, b)
	}
	return out
}

// extentsOf returns the stretches between consecutive edges.
func extentsOf(edges []float64) []extent {
	out := make([]extent, len(edges)-1)
	for i := range out {
		out[i] = extent{edges[i], edges[i+1]}
	}
	return out
}
