package ingest

import (
	"context"
	"math"
	"sort"

	"perinet"
)

// maxRepeat bounds a repeat or span count: 16,777,216, the rows of
// LibreOffice's largest sheets. A larger count in a file is read as this:
// only the repeats of empty rows and cells to the end of a sheet are ever
// that long, and cost nothing.
const maxRepeat = 1 << 24

// farColumn stands for the end of a row: no row reaches it, for a row has
// fewer than a million cells in the file, each repeated at most maxRepeat
// times.
const farColumn = math.MaxInt / 4

// An odsRun is a cell of a row as the file writes it: its content,
// repeated over n columns, each repetition the first cell of a merged
// range of cols × rows cells when that is more than one.
type odsRun struct {
	text       string
	date       *perinet.DateCell
	n          int
	cols, rows int
}

// empty reports whether the run's cells hold nothing.
func (r odsRun) empty() bool { return r.text == "" && r.date == nil }

// spans reports whether the run's cells begin merged ranges.
func (r odsRun) spans() bool { return r.cols > 1 || r.rows > 1 }

// A span is a merged range: rows r1 to r2, columns c1 to c2, from 1, and
// its first cell, whose text, place and date every cell of it repeats.
type span struct {
	r1, c1, r2, c2 int
	first          perinet.Cell
}

// empty reports whether the range's first cell holds nothing.
func (s *span) empty() bool { return s.first.Text == "" && s.first.Date == nil }

// A gap is a stretch of empty cells of the row being made, columns from
// to to, not in the row yet: they are put in only when a cell that holds
// something follows them. The cells of an empty merged range (s) are
// marked as merged then, as the xlsx reader marks them.
type gap struct {
	from, to int
	s        *span
}

// A colRun gives the columns up to end (from 1) after the previous run a
// default cell style, the style of their cells that name none.
type colRun struct {
	end   int
	style string
}

// A tableReader makes the rows of one sheet from the rows of the file,
// as the xlsx reader makes them: merged ranges expanded, and the empty
// rows and cells that follow the last cell holding something left out, so
// that the file's repeats of empty rows and cells to the end of the sheet
// cost nothing. Every cell put in a row counts against the budget, and so
// does every empty row before a row put in; a merged range counts the
// cells it covers when it begins.
type tableReader struct {
	sheet  string
	budget *cellBudget
	cols   []colRun
	runs   []odsRun // the cells of the row being read, reused from row to row

	rows      [][]perinet.Cell
	row       int     // the rows read, put in or not
	emptyRows int     // the empty rows read after the last row put in
	spans     []*span // the ranges more than one row high begun in rows read, ordered by first column, none over another; some may have ended
	minEnd    int     // the last row of the range in spans that ends first
	lastFull  int     // the last row that a range whose first cell holds something covers
	lastAny   int     // the last row that any range covers

	// The row being made.
	cells []perinet.Cell
	open  bool    // something is in cells, and the empty rows before them are in rows
	gaps  []gap   // the empty cells after the last of cells
	cur   *span   // the last range begun in this row
	added []*span // the ranges more than one row high begun in this row
}

// newTableReader returns a reader of the named sheet, whose cells count
// against budget.
func newTableReader(sheet string, budget *cellBudget) *tableReader {
	return &tableReader{sheet: sheet, budget: budget, minEnd: math.MaxInt}
}

// addColumns records n columns (table:table-column) of a default cell style.
func (t *tableReader) addColumns(n int, style string) {
	end := n
	if len(t.cols) > 0 {
		end += t.cols[len(t.cols)-1].end
	}
	t.cols = append(t.cols, colRun{end: end, style: style})
}

// styleAt returns the style of a cell at column col, and the last column
// up to which it is the same: the cell's own style, else the row's default
// cell style, else the column's.
func (t *tableReader) styleAt(own, rowStyle string, col int) (string, int) {
	switch {
	case own != "":
		return own, farColumn
	case rowStyle != "":
		return rowStyle, farColumn
	}
	i := sort.Search(len(t.cols), func(i int) bool { return t.cols[i].end >= col })
	if i == len(t.cols) {
		return "", farColumn
	}
	return t.cols[i].style, t.cols[i].end
}

// addRows adds a row of the file, repeated n times. Repeats of an empty
// row are only counted; repeats of a row with something in it are put in
// one by one, after a check that they can all fit in the budget.
func (t *tableReader) addRows(ctx context.Context, runs []odsRun, n int) error {
	blank, starts := true, false
	for _, r := range runs {
		starts = starts || r.spans()
		blank = blank && r.empty()
	}
	blank = blank && !starts
	for k := range n {
		if ctx.Err() != nil {
			return errTimeout
		}
		r := t.row + 1
		if blank && t.lastFull < r {
			t.emptyRows += n - k
			t.row += n - k
			return nil
		}
		if k == 0 && n > 1 && !starts && t.lastAny < r {
			// The n rows are alike: each costs as much as the first.
			if cost := rowCost(runs); cost > 0 && cost > (t.budget.left-t.emptyRows)/n {
				return errTooManyCells
			}
		}
		if err := t.addRow(r, runs); err != nil {
			return err
		}
	}
	return nil
}

// rowCost returns how many cells a row makes when no merged range is
// involved: up to its last cell that holds something.
func rowCost(runs []odsRun) int {
	col, end := 0, 0
	for _, r := range runs {
		col += r.n
		if !r.empty() {
			end = col
		}
	}
	return end
}

// addRow makes row r of the sheet from the cells of the file.
func (t *tableReader) addRow(r int, runs []odsRun) error {
	t.expire(r)
	t.row = r
	t.cells, t.open, t.gaps, t.cur, t.added = nil, false, t.gaps[:0], nil, t.added[:0]
	next := 0 // the first of t.spans that may cover a cell from the column being made on
	col := 1
	for _, run := range runs {
		if err := t.addRun(r, col, col+run.n-1, run, &next); err != nil {
			return err
		}
		col += run.n
	}
	// Past the row's last cell, the ranges still cover their cells.
	if err := t.addRun(r, col, farColumn, odsRun{}, &next); err != nil {
		return err
	}
	if t.open {
		t.rows = append(t.rows, t.cells)
	} else {
		t.emptyRows++
	}
	t.cells = nil
	t.addSpans()
	return nil
}

// addRun makes the cells of row r from column a to b of one run of the
// file, or of the ranges that cover them. next indexes t.spans.
func (t *tableReader) addRun(r, a, b int, run odsRun, next *int) error {
	for pos := a; pos <= b; {
		s, until := t.cover(r, pos, next)
		if s != nil {
			e := min(s.c2, b)
			if err := t.covered(pos, e, s); err != nil {
				return err
			}
			pos = e + 1
			continue
		}
		e := min(b, until-1)
		switch {
		case run.spans():
			if err := t.begin(r, pos, run, until); err != nil {
				return err
			}
			pos++ // the range covers the run's next cells, if it is wider
		case run.empty():
			t.gaps = append(t.gaps, gap{from: pos, to: e})
			pos = e + 1
		default:
			if err := t.fill(r, pos, e, run); err != nil {
				return err
			}
			pos = e + 1
		}
	}
	return nil
}

// cover returns the range that covers the cell at row r, column pos, if
// any; when none, it returns the first column after pos where a range
// from the rows above begins. The ranges of t.spans before *next end
// before pos.
func (t *tableReader) cover(r, pos int, next *int) (*span, int) {
	if t.cur != nil && pos <= t.cur.c2 {
		return t.cur, 0
	}
	for ; *next < len(t.spans); *next++ {
		s := t.spans[*next]
		if s.c2 < pos || s.r2 < r {
			continue
		}
		if s.c1 <= pos {
			return s, 0
		}
		return nil, s.c1
	}
	return nil, farColumn + 1
}

// begin puts in the cell at row r, column pos, which begins a merged
// range, and records the range. A range that would overlap one from the
// rows above (LibreOffice never writes one) is cut short before it.
func (t *tableReader) begin(r, pos int, run odsRun, until int) error {
	cols, rows := min(run.cols, until-pos), run.rows
	if err := t.budget.take(cols*rows - 1); err != nil {
		return err
	}
	first := perinet.Cell{Text: run.text, Where: where(t.sheet, pos, r), Date: run.date}
	if err := t.flush(1); err != nil {
		return err
	}
	t.cells = append(t.cells, first)
	if cols*rows == 1 {
		return nil
	}
	s := &span{r1: r, c1: pos, r2: r + rows - 1, c2: pos + cols - 1, first: first}
	t.cur = s
	if rows > 1 {
		t.added = append(t.added, s)
		t.lastAny = max(t.lastAny, s.r2)
		if !s.empty() {
			t.lastFull = max(t.lastFull, s.r2)
		}
	}
	return nil
}

// covered puts in the cells from column a to e that range s covers: the
// text, place and date of its first cell, already counted when it began.
// The cells of an empty range wait, as empty cells do.
func (t *tableReader) covered(a, e int, s *span) error {
	if s.empty() {
		t.gaps = append(t.gaps, gap{from: a, to: e, s: s})
		return nil
	}
	if err := t.flush(0); err != nil {
		return err
	}
	for range e - a + 1 {
		t.cells = append(t.cells, perinet.Cell{Text: s.first.Text, Where: s.first.Where, Date: s.first.Date, Merged: true})
	}
	return nil
}

// fill puts in the cells of row r from column a to e, which hold run's
// content.
func (t *tableReader) fill(r, a, e int, run odsRun) error {
	if err := t.flush(e - a + 1); err != nil {
		return err
	}
	for c := a; c <= e; c++ {
		t.cells = append(t.cells, perinet.Cell{Text: run.text, Where: where(t.sheet, c, r), Date: run.date})
	}
	return nil
}

// flush takes from the budget the cells about to be put in (extra), the
// empty cells before them and, for the row's first cell, the empty rows
// before it; then it puts the empty rows and cells in.
func (t *tableReader) flush(extra int) error {
	cost := extra
	if !t.open {
		cost += t.emptyRows
	}
	for _, g := range t.gaps {
		if g.s == nil { // an empty range's cells were counted when it began
			cost += g.to - g.from + 1
		}
	}
	if err := t.budget.take(cost); err != nil {
		return err
	}
	if !t.open {
		for ; t.emptyRows > 0; t.emptyRows-- {
			t.rows = append(t.rows, nil)
		}
		t.open = true
	}
	for _, g := range t.gaps {
		for c := g.from; c <= g.to; c++ {
			if g.s != nil {
				t.cells = append(t.cells, perinet.Cell{Where: g.s.first.Where, Merged: true})
			} else {
				t.cells = append(t.cells, perinet.Cell{Where: where(t.sheet, c, t.row)})
			}
		}
	}
	t.gaps = t.gaps[:0]
	return nil
}

// expire drops the ranges that end before row r.
func (t *tableReader) expire(r int) {
	if t.minEnd >= r {
		return
	}
	kept := t.spans[:0]
	t.minEnd = math.MaxInt
	for _, s := range t.spans {
		if s.r2 >= r {
			kept = append(kept, s)
			t.minEnd = min(t.minEnd, s.r2)
		}
	}
	clear(t.spans[len(kept):])
	t.spans = kept
}

// addSpans merges the ranges begun in the row just made into t.spans,
// keeping them ordered by first column.
func (t *tableReader) addSpans() {
	if len(t.added) == 0 {
		return
	}
	merged := make([]*span, 0, len(t.spans)+len(t.added))
	i, j := 0, 0
	for i < len(t.spans) || j < len(t.added) {
		if j == len(t.added) || i < len(t.spans) && t.spans[i].c1 < t.added[j].c1 {
			merged = append(merged, t.spans[i])
			i++
		} else {
			t.minEnd = min(t.minEnd, t.added[j].r2)
			merged = append(merged, t.added[j])
			j++
		}
	}
	t.spans = merged
}

// finish makes the rows that merged ranges cover past the file's last row
// (the xlsx reader puts them in too), and leaves out the empty rows at the
// end.
func (t *tableReader) finish(ctx context.Context) error {
	for t.lastFull > t.row {
		if ctx.Err() != nil {
			return errTimeout
		}
		if err := t.addRow(t.row+1, nil); err != nil {
			return err
		}
	}
	return nil
}
