package table

import (
	"cmp"
	"slices"

	"perinet"
	"perinet/ingest/pdf"
)

// Tolerances of text set without rules, as fractions of the font size.
const (
	// columnGap: a gap wider than this between glyphs of a line parts two
	// cells. It is wider than the ideographic space (one em) typed inside a
	// label such as "１　地域連携会議の運営等".
	columnGap = 1.5
	// tightLines: lines whose boxes are nearer than this are set at the
	// line height of one cell; rows of a table are further apart.
	tightLines = 0.5
)

// An extent is a stretch of the x axis.
type extent struct{ x0, x1 float64 }

// streamRows reads lines of text outside any ruled table as rows of
// cells, every row with a cell for every column. The columns are parted
// by gutters: gaps that run down the lines that show two cells or more
// (a header, a row of values). Each line is a row, but a line set close
// below a row that only adds to cells the row has (more lines of a list,
// or of wrapped text), and that goes on with the first column's text only
// where that wrapped, joins the row. It notes each cell's box in boxes,
// by its place.
func streamRows(p *pdf.Page, ls []line, boxes map[string]pdf.Box) [][]perinet.Cell {
	if len(ls) == 0 {
		return nil
	}
	parts := make([]int, len(ls)) // how many cells each line shows
	for i, l := range ls {
		parts[i] = len(l.split(columnGap))
	}
	cols := streamColumns(ls, parts)
	placed := make([][]*line, len(ls)) // placed[i][c]: what line i shows in column c
	for i, l := range ls {
		placed[i] = place(l, parts[i] > 1, cols)
	}
	width := widths(placed, parts)
	var rows [][]perinet.Cell
	for _, group := range streamGroups(ls, placed, width) {
		rows = append(rows, streamRow(p, ls, placed, group, cols, width, boxes))
	}
	return rows
}

// streamColumns returns the columns of a block of lines: the stretches
// between the gutters of its lines that show two cells or more (parts),
// each reaching to the middle of the gutters beside it; one column when
// there is no gutter.
func streamColumns(ls []line, parts []int) []extent {
	var table []line
	all := extent{ls[0].x0, ls[0].x1}
	for i, l := range ls {
		all = extent{min(all.x0, l.x0), max(all.x1, l.x1)}
		if parts[i] > 1 {
			table = append(table, l)
		}
	}
	var cols []extent
	x := all.x0
	for _, g := range gutters(table) {
		mid := (g.x0 + g.x1) / 2
		cols = append(cols, extent{x, mid})
		x = mid
	}
	return append(cols, extent{x, all.x1})
}

// gutters returns the gaps between glyphs that run down all the lines, at
// least a word space wide, with text on both sides in two of the lines
// (or in the only one): not the spaces of one line's words.
func gutters(ls []line) []extent {
	var boxes []extent
	for _, l := range ls {
		for _, g := range l.glyphs {
			boxes = append(boxes, extent{g.X, g.X + g.W})
		}
	}
	slices.SortFunc(boxes, func(a, b extent) int { return cmp.Compare(a.x0, b.x0) })
	var out []extent
	reach := 0.0
	for i, b := range boxes {
		if i > 0 && b.x0 > reach {
			if gap := (extent{reach, b.x0}); supported(ls, gap) {
				out = append(out, gap)
			}
		}
		reach = max(reach, b.x1)
	}
	return out
}

// supported reports whether a gap is wider than a word space and two of
// the lines (or the only one) have text on both sides of it.
func supported(ls []line, gap extent) bool {
	n, size := 0, 0.0
	for _, l := range ls {
		if l.x0 < gap.x0 && l.x1 > gap.x1 {
			n++
			size = max(size, l.size())
		}
	}
	return n >= min(2, len(ls)) && gap.x1-gap.x0 > wordSpace*size
}

// place returns what a line shows in each column: each glyph in the
// column that holds its centre, or, for a line that shows one cell only
// (a title, a note), the whole line in the column where it begins, as a
// spreadsheet holds text that runs on over the cells to its right.
func place(l line, cells bool, cols []extent) []*line {
	out := make([]*line, len(cols))
	if !cells {
		out[columnOf(cols, extent{l.x0, l.x0})] = &l
		return out
	}
	byCol := make([][]pdf.Glyph, len(cols))
	for _, g := range l.glyphs {
		x, _ := centre(g)
		c := columnOf(cols, extent{x, x})
		byCol[c] = append(byCol[c], g)
	}
	for c, gs := range byCol {
		if len(gs) > 0 {
			cell := newLine(gs)
			out[c] = &cell
		}
	}
	return out
}

// columnOf returns the column that s overlaps most, or the nearest.
func columnOf(cols []extent, s extent) int {
	best, score := 0, -1e18
	for c, col := range cols {
		overlap := min(s.x1, col.x1) - max(s.x0, col.x0) // negative: the distance apart
		if overlap > score {
			best, score = c, overlap
		}
	}
	return best
}

// widths returns the width of each column's cells: that of its widest
// text on a line that shows two cells or more, or on any line when there
// is none (a title is no measure of the column it begins in).
func widths(placed [][]*line, parts []int) []float64 {
	table, all := make([]float64, len(placed[0])), make([]float64, len(placed[0]))
	for i, row := range placed {
		for c, l := range row {
			if l == nil {
				continue
			}
			all[c] = max(all[c], l.x1-l.x0)
			if parts[i] > 1 {
				table[c] = max(table[c], l.x1-l.x0)
			}
		}
	}
	for c := range table {
		if table[c] == 0 {
			table[c] = all[c]
		}
	}
	return table
}

// streamGroups returns the lines of each row.
func streamGroups(ls []line, placed [][]*line, width []float64) [][]int {
	var groups [][]int
	for i := range ls {
		if n := len(groups); n > 0 && goesOn(ls, placed, groups[n-1], i, width) {
			groups[n-1] = append(groups[n-1], i)
			continue
		}
		groups = append(groups, []int{i})
	}
	return groups
}

// goesOn reports whether line i adds to the row of lines group: it is set
// close below it, has text only in columns where the row has, and in the
// first column only text that wrapped from the row's.
func goesOn(ls []line, placed [][]*line, group []int, i int, width []float64) bool {
	j := group[len(group)-1]
	if ls[j].y0-ls[i].y1 > tightLines*ls[j].size() {
		return false
	}
	for c, l := range placed[i] {
		if l == nil {
			continue
		}
		var cell []line
		for _, k := range group {
			if placed[k][c] != nil {
				cell = append(cell, *placed[k][c])
			}
		}
		if len(cell) == 0 {
			return false
		}
		if c == 0 && lineBreak(cell[len(cell)-1], *l, l.text(), width[c], entryMark(cell[0].text()), false) == "\n" {
			return false
		}
	}
	return true
}

// streamRow returns the cells of the row of lines group, each in the box
// of its column and the row's lines.
func streamRow(p *pdf.Page, ls []line, placed [][]*line, group []int, cols []extent, width []float64, boxes map[string]pdf.Box) []perinet.Cell {
	bottom, top := ls[group[len(group)-1]].y0, ls[group[0]].y1
	row := make([]perinet.Cell, len(cols))
	for c := range cols {
		var cell []line
		for _, i := range group {
			if placed[i][c] != nil {
				cell = append(cell, *placed[i][c])
			}
		}
		row[c] = textCell(p, cell, width[c], pdf.Box{X0: cols[c].x0, Y0: bottom, X1: cols[c].x1, Y1: top}, boxes)
	}
	return row
}

// textCell returns the cell of lines of text in a cell of the given
// width: placed at the lower left of its text, or at the lower left of its
// box when empty. It notes the box in boxes at the cell's place, unless a
// cell read before is there.
func textCell(p *pdf.Page, ls []line, width float64, box pdf.Box, boxes map[string]pdf.Box) perinet.Cell {
	x, y := box.X0, box.Y0
	if len(ls) > 0 {
		x, y = ls[0].x0, ls[0].y0
		for _, l := range ls[1:] {
			x, y = min(x, l.x0), min(y, l.y0)
		}
	}
	c := perinet.Cell{Text: cellText(ls, width), Where: where(p, x, y)}
	if _, ok := boxes[c.Where]; !ok {
		boxes[c.Where] = box
	}
	return c
}
