package table

import (
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
// cells. The columns are the stretches that the cells of lines with two
// cells or more (a header, a row of values) cover; a cell is what a line
// shows in a column. Each line is a row, but a line that only goes on with
// wrapped text of the row above is joined to it. Every row has a cell for
// every column.
func streamRows(p *pdf.Page, ls []line) [][]perinet.Cell {
	if len(ls) == 0 {
		return nil
	}
	parts := make([][]line, len(ls))
	for i, l := range ls {
		parts[i] = l.split(columnGap)
	}
	cols := streamColumns(parts)
	placed := make([][]*line, len(ls)) // placed[i][c]: what line i shows in column c
	width := make([]float64, len(cols)) // the widest text in each column
	for i, ps := range parts {
		placed[i] = place(ps, cols)
		for c, l := range placed[i] {
			if l != nil {
				width[c] = max(width[c], l.x1-l.x0)
			}
		}
	}
	var rows [][]perinet.Cell
	for _, group := range streamGroups(ls, placed, width) {
		rows = append(rows, streamRow(p, ls, placed, group, cols, width))
	}
	return rows
}

// streamColumns returns the columns of a block of lines, each given as
// its cells: the stretches that the cells of lines with two or more cover,
// overlapping stretches taken as one; one column when no line has two.
func streamColumns(parts [][]line) []extent {
	var spans []extent
	all := extent{parts[0][0].x0, parts[0][0].x1}
	for _, ps := range parts {
		for _, p := range ps {
			all = extent{min(all.x0, p.x0), max(all.x1, p.x1)}
			if len(ps) > 1 {
				spans = append(spans, extent{p.x0, p.x1})
			}
		}
	}
	if len(spans) == 0 {
		return []extent{all}
	}
	slices.SortFunc(spans, func(a, b extent) int { return cmpFloat(a.x0, b.x0) })
	cols := spans[:1]
	for _, s := range spans[1:] {
		if last := &cols[len(cols)-1]; s.x0 <= last.x1 {
			last.x1 = max(last.x1, s.x1)
		} else {
			cols = append(cols, s)
		}
	}
	return cols
}

// place returns the cells of one line by column: each cell in the column
// it overlaps most, or the nearest; two in one column as one.
func place(parts []line, cols []extent) []*line {
	out := make([]*line, len(cols))
	for _, p := range parts {
		c := columnOf(cols, extent{p.x0, p.x1})
		if out[c] == nil {
			out[c] = &p
			continue
		}
		joined := newLine(append(slices.Clone(out[c].glyphs), p.glyphs...))
		out[c] = &joined
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

// streamGroups returns the lines of each row: one line each, but a line
// right below the row's last whose every cell goes on with a cell of that
// line that wrapped joins the row.
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

// goesOn reports whether line i continues the row of lines group.
func goesOn(ls []line, placed [][]*line, group []int, i int, width []float64) bool {
	j := group[len(group)-1]
	if ls[j].y0-ls[i].y1 > tightLines*ls[j].size() {
		return false
	}
	for c, l := range placed[i] {
		if l == nil {
			continue
		}
		prev := placed[j][c]
		if prev == nil {
			return false
		}
		first := prev
		for _, k := range group {
			if placed[k][c] != nil {
				first = placed[k][c]
				break
			}
		}
		if lineBreak(*prev, *l, l.text(), width[c], startsEntry(first.text())) == "\n" {
			return false
		}
	}
	return true
}

// streamRow returns the cells of the row of lines group.
func streamRow(p *pdf.Page, ls []line, placed [][]*line, group []int, cols []extent, width []float64) []perinet.Cell {
	bottom := ls[group[len(group)-1]].y0
	row := make([]perinet.Cell, len(cols))
	for c := range cols {
		var cell []line
		for _, i := range group {
			if placed[i][c] != nil {
				cell = append(cell, *placed[i][c])
			}
		}
		row[c] = textCell(p, cell, width[c], cols[c].x0, bottom)
	}
	return row
}

// textCell returns the cell of lines of text in a cell of the given
// width: placed at the lower left of its text, or at x, y when empty.
func textCell(p *pdf.Page, ls []line, width, x, y float64) perinet.Cell {
	if len(ls) > 0 {
		x, y = ls[0].x0, ls[0].y0
		for _, l := range ls[1:] {
			x, y = min(x, l.x0), min(y, l.y0)
		}
	}
	return perinet.Cell{Text: cellText(ls, width), Where: where(p, x, y)}
}
