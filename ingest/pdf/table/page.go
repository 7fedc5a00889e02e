package table

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"perinet"
	"perinet/ingest/pdf"
)

// A pageRows is one page read as rows, with the place of its ruled tables
// among them, for joining a table that goes on over the next page.
type pageRows struct {
	rows   [][]perinet.Cell
	tables []tableRows // top to bottom
	boxes  map[string]pdf.Box
}

// A tableRows is where a ruled table is in a page's rows.
type tableRows struct {
	start, end int       // rows[start:end]
	edges      []float64 // its column edges, left to right
}

// A ruled is a lattice with the glyphs in its cells and the lines of text
// beside it.
type ruled struct {
	*lattice
	glyphs map[cellRef][]pdf.Glyph // by the cell's anchor
	beside []line
	// bare is set for a table set without rules, its rules implied by
	// white space: its cells' edges are guesses, and the width a cell's
	// text was set in is that of the widest line of its column.
	bare bool
}

// readPage reads one page: its ruled tables, and the text outside them
// as rows of their own above, between and below, all top to bottom.
func readPage(p *pdf.Page) pageRows {
	rules := slices.Concat(p.Rules, impliedRules(p.Rules, p.Glyphs))
	tables := ruledTables(rules)
	for _, t := range ruledTables(whitespaceRules(outside(p.Glyphs, tables))) {
		t.bare = true
		tables = append(tables, t)
	}
	slices.SortFunc(tables, func(a, b *ruled) int { return cmp.Compare(b.top(), a.top()) })
	blocks := placeLines(lines(sortGlyphs(p.Glyphs, tables)), tables)
	out := pageRows{boxes: map[string]pdf.Box{}}
	for k, block := range blocks {
		out.rows = append(out.rows, streamRows(p, block, out.boxes)...)
		if k < len(tables) {
			start := len(out.rows)
			out.rows = append(out.rows, tables[k].rowsOf(p, out.boxes)...)
			out.tables = append(out.tables, tableRows{start, len(out.rows), tables[k].columnEdges()})
		}
	}
	return out
}

// ruledTables returns the tables that rules frame, top to bottom.
func ruledTables(rules []pdf.Rule) []*ruled {
	var tables []*ruled
	for _, rs := range frames(rules) {
		if l := newLattice(rs); len(l.rows) > 0 {
			tables = append(tables, &ruled{lattice: l, glyphs: map[cellRef][]pdf.Glyph{}})
		}
	}
	slices.SortFunc(tables, func(a, b *ruled) int { return cmp.Compare(b.top(), a.top()) })
	return tables
}

// placeLines returns the lines of text outside the tables in blocks: the
// lines above each table, and below the last. A line beside a table (a
// note right of a row) goes to the table, to end the row it stands in.
func placeLines(ls []line, tables []*ruled) [][]line {
	blocks := make([][]line, len(tables)+1)
	for _, l := range ls {
		y := l.middle()
		k := 0
		for k < len(tables) && tables[k].bottom() > y {
			k++
		}
		if k < len(tables) && tables[k].top() >= y {
			tables[k].beside = append(tables[k].beside, l)
		} else {
			blocks[k] = append(blocks[k], l)
		}
	}
	return blocks
}

// sortGlyphs puts each glyph into the cell of a table that holds the
// centre of what can be seen of it (text cut at its cell's border is in
// that cell, however far the glyph reaches into the next), and returns
// the glyphs outside every table.
func sortGlyphs(glyphs []pdf.Glyph, tables []*ruled) []pdf.Glyph {
	var loose []pdf.Glyph
next:
	for _, g := range glyphs {
		v := g.Visible()
		x, y := (v.X0+v.X1)/2, (v.Y0+v.Y1)/2
		for _, t := range tables {
			if e, ok := t.locate(x, y); ok {
				a := t.owner(e)
				t.glyphs[a] = append(t.glyphs[a], g)
				continue next
			}
		}
		loose = append(loose, g)
	}
	return loose
}

// outside returns the glyphs that no table holds.
func outside(glyphs []pdf.Glyph, tables []*ruled) []pdf.Glyph {
	var out []pdf.Glyph
	for _, g := range glyphs {
		v := g.Visible()
		x, y := (v.X0+v.X1)/2, (v.Y0+v.Y1)/2
		if !slices.ContainsFunc(tables, func(t *ruled) bool { _, ok := t.locate(x, y); return ok }) {
			out = append(out, g)
		}
	}
	return out
}

// rowsOf returns the table's rows: a cell for every grid column the table
// has, a merged cell repeated over the rows and columns it spans with
// Merged set on all but its first, and the text beside a row at its end.
// It notes each cell's box in boxes, by its place.
func (t *ruled) rowsOf(p *pdf.Page, boxes map[string]pdf.Box) [][]perinet.Cell {
	cells := map[cellRef]perinet.Cell{}
	rows := make([][]perinet.Cell, len(t.rows))
	widest := t.widestLines()
	for i, r := range t.rows {
		for _, c := range t.cols {
			e := cellRef{r, c}
			a := t.owner(e)
			cell, ok := cells[a]
			if !ok {
				x0, y0, x1, y1 := t.box(a)
				width := x1 - x0
				if w, ok := widest[a.c]; ok && t.bare && (a.c+1 == len(t.anchor[a.r]) || t.owner(cellRef{a.r, a.c + 1}) != a) {
					width = w
				}
				cell = textCell(p, lines(t.glyphs[a]), width, pdf.Box{X0: x0, Y0: y0, X1: x1, Y1: y1}, boxes)
				cells[a] = cell
			}
			cell.Merged = a != e
			rows[i] = append(rows[i], cell)
		}
	}
	for i, ls := range t.besideRows() {
		if len(ls) > 0 {
			width := 0.0
			b := pdf.Box{X0: ls[0].x0, Y0: ls[0].y0, X1: ls[0].x1, Y1: ls[0].y1}
			for _, l := range ls {
				width = max(width, l.x1-l.x0)
				b = pdf.Box{X0: min(b.X0, l.x0), Y0: min(b.Y0, l.y0), X1: max(b.X1, l.x1), Y1: max(b.Y1, l.y1)}
			}
			rows[i] = append(rows[i], textCell(p, ls, width, b, boxes))
		}
	}
	return rows
}

// widestLines returns the width of the widest line of text in each grid
// column, by the column of its cell's anchor.
func (t *ruled) widestLines() map[int]float64 {
	out := map[int]float64{}
	for a, gs := range t.glyphs {
		for _, l := range lines(gs) {
			out[a.c] = max(out[a.c], l.x1-l.x0)
		}
	}
	return out
}

// besideRows returns the lines beside the table by the row they stand in.
func (t *ruled) besideRows() [][]line {
	out := make([][]line, len(t.rows))
	for _, l := range t.beside {
		y := l.middle()
		i := slices.IndexFunc(t.rows, func(r int) bool { return t.ys[r+1] < y })
		if i < 0 {
			i = len(t.rows) - 1
		}
		out[i] = append(out[i], l)
	}
	return out
}

// where writes the contract's place of a point of page p: "p1@72,540",
// the page's number and the point in the PDF's user space, in whole
// points.
func where(p *pdf.Page, x, y float64) string {
	ux, uy := p.UserPoint(x, y)
	return fmt.Sprintf("p%d@%d,%d", p.Number, int(math.Round(ux)), int(math.Round(uy)))
}
