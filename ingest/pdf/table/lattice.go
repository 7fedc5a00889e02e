package table

import (
	"slices"

	"perinet/ingest/pdf"
)

// A lattice is a table framed by ruling lines. Its grid lines cut the page
// into elementary cells; the cells that no rule divides form one cell of
// the table, which spans several grid rows or columns when it is merged.
type lattice struct {
	xs, ys []float64 // the grid lines: x left to right, y top to bottom
	// anchor[r][c] is the top left elementary cell of the table cell that
	// elementary cell r, c belongs to: itself unless it is merged.
	anchor [][]cellRef
	rows   []int // the grid rows that hold a table cell, top to bottom
	cols   []int // the grid columns that do, left to right
}

// A cellRef is an elementary cell of a lattice: grid row and column.
type cellRef struct{ r, c int }

// newLattice returns the lattice that a frame's rules draw. A cell is
// a rectangle of elementary cells that no rule divides, with rules on all
// of its sides; the others (the page around a table inside a box) hold no
// cell, and grid rows and columns without a cell are not the table's.
func newLattice(rules []pdf.Rule) *lattice {
	xs, ys := gridLines(rules)
	l := &lattice{xs: xs, ys: ys}
	across, down := l.edges(rules)
	nr, nc := len(ys)-1, len(xs)-1
	l.anchor = make([][]cellRef, nr)
	for r := range nr {
		l.anchor[r] = slices.Repeat([]cellRef{{-1, -1}}, nc)
	}
	keepRow, keepCol := make([]bool, nr), make([]bool, nc)
	for _, g := range undivided(nr, nc, across, down) {
		r0, c0, r1, c1, ok := closedCell(g, nc, across, down)
		if !ok {
			continue
		}
		for r := r0; r <= r1; r++ {
			keepRow[r] = true
			for c := c0; c <= c1; c++ {
				keepCol[c] = true
				l.anchor[r][c] = cellRef{r0, c0}
			}
		}
	}
	l.rows, l.cols = indexes(keepRow), indexes(keepCol)
	return l
}

// undivided returns the groups of elementary cells, numbered r*nc+c, that
// no rule divides.
func undivided(nr, nc int, across, down [][]bool) [][]int {
	sets := newUnion(nr * nc)
	for r := range nr {
		for c := range nc {
			if c+1 < nc && !down[c+1][r] {
				sets.join(r*nc+c, r*nc+c+1)
			}
			if r+1 < nr && !across[r+1][c] {
				sets.join(r*nc+c, (r+1)*nc+c)
			}
		}
	}
	return sets.groups()
}

// edges returns which sides of the elementary cells rules run along:
// across[i][c] for grid line ys[i] over column c, down[i][r] for grid
// line xs[i] over row r. A rule runs along a side when it passes the
// side's middle.
func (l *lattice) edges(rules []pdf.Rule) (across, down [][]bool) {
	across = grid(len(l.ys), len(l.xs)-1)
	down = grid(len(l.xs), len(l.ys)-1)
	for _, rule := range rules {
		if rule.Y0 == rule.Y1 {
			i := nearest(l.ys, rule.Y0)
			for c := range len(l.xs) - 1 {
				mid := (l.xs[c] + l.xs[c+1]) / 2
				across[i][c] = across[i][c] || (rule.X0 <= mid && mid <= rule.X1)
			}
			continue
		}
		i := nearest(l.xs, rule.X0)
		for r := range len(l.ys) - 1 {
			mid := (l.ys[r] + l.ys[r+1]) / 2
			down[i][r] = down[i][r] || (rule.Y0 <= mid && mid <= rule.Y1)
		}
	}
	return across, down
}

func grid(n, m int) [][]bool {
	g := make([][]bool, n)
	for i := range g {
		g[i] = make([]bool, m)
	}
	return g
}

// closedCell returns the grid rows and columns of a group of elementary
// cells (numbered r*nc+c) and whether they make a cell: a rectangle with
// rules on all four sides.
func closedCell(g []int, nc int, across, down [][]bool) (r0, c0, r1, c1 int, ok bool) {
	r0, c0, r1, c1 = g[0]/nc, g[0]%nc, g[0]/nc, g[0]%nc
	for _, k := range g {
		r0, c0, r1, c1 = min(r0, k/nc), min(c0, k%nc), max(r1, k/nc), max(c1, k%nc)
	}
	if (r1-r0+1)*(c1-c0+1) != len(g) {
		return r0, c0, r1, c1, false
	}
	for c := c0; c <= c1; c++ {
		if !across[r0][c] || !across[r1+1][c] {
			return r0, c0, r1, c1, false
		}
	}
	for r := r0; r <= r1; r++ {
		if !down[c0][r] || !down[c1+1][r] {
			return r0, c0, r1, c1, false
		}
	}
	return r0, c0, r1, c1, true
}

// indexes returns the indexes of the true values.
func indexes(keep []bool) []int {
	var out []int
	for i, k := range keep {
		if k {
			out = append(out, i)
		}
	}
	return out
}

// top and bottom return the y of the table's first and last edge.
func (l *lattice) top() float64    { return l.ys[l.rows[0]] }
func (l *lattice) bottom() float64 { return l.ys[l.rows[len(l.rows)-1]+1] }

// columnEdges returns the x of the table's column edges, left to right.
func (l *lattice) columnEdges() []float64 {
	edges := make([]float64, 0, len(l.cols)+1)
	for _, c := range l.cols {
		edges = append(edges, l.xs[c])
	}
	return append(edges, l.xs[l.cols[len(l.cols)-1]+1])
}

// locate returns the elementary cell whose box holds the point, and false
// when the point is outside the table's rows and columns.
func (l *lattice) locate(x, y float64) (cellRef, bool) {
	c := slices.IndexFunc(l.cols, func(c int) bool { return l.xs[c] <= x && x < l.xs[c+1] })
	r := slices.IndexFunc(l.rows, func(r int) bool { return l.ys[r+1] < y && y <= l.ys[r] })
	if r < 0 || c < 0 {
		return cellRef{}, false
	}
	return cellRef{l.rows[r], l.cols[c]}, true
}

// owner returns the cell that holds elementary cell e: its anchor, or e
// itself where no cell of the table covers it.
func (l *lattice) owner(e cellRef) cellRef {
	if a := l.anchor[e.r][e.c]; a.r >= 0 {
		return a
	}
	return e
}

// box returns the page box of the cell that anchor a begins.
func (l *lattice) box(a cellRef) (x0, y0, x1, y1 float64) {
	r1, c1 := a.r, a.c
	for r1+1 < len(l.anchor) && l.anchor[r1+1][a.c] == a {
		r1++
	}
	for c1+1 < len(l.anchor[a.r]) && l.anchor[a.r][c1+1] == a {
		c1++
	}
	return l.xs[a.c], l.ys[r1+1], l.xs[c1+1], l.ys[a.r]
}
