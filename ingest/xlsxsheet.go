package ingest

import (
	"bytes"
	"cmp"
	"container/heap"
	"context"
	"errors"
	"fmt"
	"math/bits"
	"slices"
	"strconv"
	"strings"

	"perinet"
)

// The size of the largest worksheet Excel makes.
const (
	maxRows    = 1 << 20 // 1,048,576
	maxColumns = 1 << 14 // 16,384, column XFD
)

// A sheetReader reads one worksheet part in one pass, as a stream: the
// column formats (cols), then the rows (sheetData), then the merged ranges
// (mergeCells), the order in which a worksheet holds them. A row's cells
// are made as they are read; the empty rows before a row and the empty
// cells before a cell are counted against the budget before they are
// made. The merged ranges are expanded at the end.
type sheetReader struct {
	ctx    context.Context
	book   *xlsxBook
	budget *cellBudget
	name   string // the sheet's name, which starts every cell's place
	cols   colStyles
	rows   [][]perinet.Cell
	ranges []cellRange // the merged ranges, in the order of the file
	arena  arena       // the places and values of the cells

	// The row being read.
	row      []perinet.Cell // its cells so far, reused from row to row
	rowNum   int            // its number, from 1
	rowStyle int            // its cell format (s), for its cells that have none
	rowText  []byte         // its number, as text
	col      int            // the column of its last cell read, from 1

	// Scratch space.
	place  []byte
	value  []byte // the cell's value (v)
	inline []byte // the cell's inline string (is)
	rich   richText
}

// newSheetReader returns a reader of the named sheet of book, whose cells
// count against budget.
func newSheetReader(ctx context.Context, book *xlsxBook, budget *cellBudget, name string) *sheetReader {
	return &sheetReader{ctx: ctx, book: book, budget: budget, name: name}
}

// read reads the worksheet part and expands its merged ranges. The root
// element may be a worksheet or any other sheet (a chart sheet, a dialog
// sheet): one without cells is an empty sheet.
func (s *sheetReader) read(x *xmlScanner) error {
	ok, err := x.root("")
	for depth := x.depth(); ok; {
		if ok, err = x.child(depth); !ok {
			break
		}
		switch {
		case x.is("cols"):
			err = eachChild(x, "col", func() error { return s.readCol(x) })
		case x.is("sheetData"):
			err = s.readSheetData(x)
		case x.is("mergeCells"):
			err = eachChild(x, "mergeCell", func() error { return s.readMergeCell(x) })
		default:
			err = x.skip()
		}
		if err != nil {
			return err
		}
	}
	if err != nil {
		return err
	}
	ranges, err := joinOverlapping(s.ctx, s.ranges)
	if err != nil {
		return err
	}
	return s.merge(ranges)
}

// readCol reads a col element: the columns min to max have the cell
// format style, when they have none yet.
func (s *sheetReader) readCol(x *xmlScanner) error {
	lo, err := x.intAttr("min")
	if err != nil {
		return err
	}
	hi, err := x.intAttr("max")
	if err != nil {
		return err
	}
	style, err := x.intAttr("style")
	if err != nil {
		return err
	}
	s.cols.add(lo, hi, style)
	return nil
}

// readSheetData reads the rows of the sheetData element whose start tag
// was just read.
func (s *sheetReader) readSheetData(x *xmlScanner) error {
	for depth := x.depth(); ; {
		more, err := x.child(depth)
		if !more {
			return err
		}
		if x.is("row") {
			err = s.readRow(x)
		} else {
			err = x.skip()
		}
		if err != nil {
			return err
		}
	}
}

// readRow reads a row element and its cells. A row without a number (r)
// is the row after the previous one, and so is a row whose number is not
// past the previous row's, which Excel never writes.
func (s *sheetReader) readRow(x *xmlScanner) error {
	if s.ctx.Err() != nil {
		return errTimeout
	}
	n := s.rowNum + 1
	if v, ok := x.attr("r"); ok {
		r, err := strconv.Atoi(string(v))
		switch {
		case err != nil || r < 0:
			return fmt.Errorf("row r=%q: not a row number", shorten(string(v), 20))
		case r > maxRows:
			return fmt.Errorf("row %d: past the last row, %d", r, maxRows)
		case r > n:
			n = r
		}
	}
	style, err := x.intAttr("s")
	if err != nil {
		return err
	}
	s.row, s.rowNum, s.rowStyle, s.col = s.row[:0], n, style, 0
	s.rowText = strconv.AppendInt(s.rowText[:0], int64(n), 10)
	for depth := x.depth(); ; {
		more, err := x.child(depth)
		if err != nil {
			return err
		}
		if !more {
			break
		}
		if x.is("c") {
			err = s.readCell(x)
		} else {
			err = x.skip()
		}
		if err != nil {
			return err
		}
	}
	if len(s.row) > 0 {
		s.putRow()
	}
	return nil
}

// readCell reads a c element: a cell. Its column is its reference's (r),
// or the one after the previous cell's. Its Text is its value as the file
// writes it, the shared string it names, or its inline string; a cell with
// no value and no formula is left out, as are the empty cells after the
// row's last one that holds something.
func (s *sheetReader) readCell(x *xmlScanner) error {
	col, style, typ := s.col+1, 0, cellNumber
	for _, a := range x.attrs {
		var err error
		switch string(a.name) {
		case "r":
			col, _, err = parseCellRef(a.value)
		case "s":
			style, err = strconv.Atoi(string(a.value))
		case "t":
			typ = cellTypeOf(a.value)
		}
		if err != nil {
			return fmt.Errorf("cell %s=%q: %w", a.name, shorten(string(a.value), 20), err)
		}
	}
	s.col = col
	var hasFormula, hasInline bool
	s.value = s.value[:0]
	for depth := x.depth(); ; {
		more, err := x.child(depth)
		if err != nil {
			return err
		}
		if !more {
			break
		}
		switch {
		case x.is("v"):
			s.value, err = x.text(s.value[:0]) // the last v counts
		case x.is("f"):
			hasFormula = true
			err = x.skip()
		case x.is("is"):
			hasInline = true
			var text []byte
			if text, err = s.rich.read(x); err == nil {
				s.inline = append(s.inline[:0], text...)
			}
		default:
			err = x.skip()
		}
		if err != nil {
			return err
		}
	}
	return s.putCell(col, style, typ, hasFormula, hasInline)
}

// The types of a cell (its attribute t) that matter here.
const (
	cellNumber    = iota // n, or none, or a type unheard of
	cellShared           // s: a shared string
	cellInline           // inlineStr: an inline string
	cellNotNumber        // b, d, e, str: a boolean, an ISO 8601 date, an error, a formula's string
)

// cellTypeOf returns what a cell's type says.
func cellTypeOf(t []byte) int {
	switch string(t) {
	case "s":
		return cellShared
	case "inlineStr":
		return cellInline
	case "b", "d", "e", "str":
		return cellNotNumber
	}
	return cellNumber
}

// putCell puts the cell just read in the row, at column col, after the
// empty cells between the row's last cell and it, or, when the file has
// it out of order, right after the last.
func (s *sheetReader) putCell(col, style, typ int, hasFormula, hasInline bool) error {
	var text string
	switch {
	case typ == cellShared:
		if i, err := strconv.Atoi(string(bytes.TrimSpace(s.value))); err == nil && 0 <= i && i < len(s.book.strings) {
			text = s.book.strings[i]
		}
	case typ == cellInline && hasInline:
		text = s.arena.string(s.inline)
	default:
		text = s.arena.string(s.value)
	}
	if text == "" && !hasFormula {
		return nil
	}
	cost := max(1, col-len(s.row))
	if len(s.row) == 0 {
		cost += s.rowNum - 1 - len(s.rows) // the empty rows before this one
	}
	if err := s.budget.take(cost); err != nil {
		return err
	}
	for c := len(s.row) + 1; c < col; c++ {
		s.row = append(s.row, perinet.Cell{Where: s.where(c)})
	}
	var date *perinet.DateCell
	if typ == cellNumber {
		date = s.date(text, style, col)
	}
	s.row = append(s.row, perinet.Cell{Text: text, Where: s.where(len(s.row) + 1), Date: date})
	return nil
}

// date returns the DateCell of a cell holding a number in a cell format
// that shows a date, nil for any other. A cell with no cell format (s) of
// its own has its row's, or else its column's.
func (s *sheetReader) date(text string, style, col int) *perinet.DateCell {
	if !looksNumeric(text) {
		return nil
	}
	if style == 0 {
		style = s.rowStyle
	}
	if style == 0 {
		style = s.cols.at(col)
	}
	if style < 0 || style >= len(s.book.formats) || !s.book.formats[style].isDate {
		return nil
	}
	serial, err := strconv.ParseFloat(text, 64)
	if err != nil {
		return nil
	}
	return &perinet.DateCell{Serial: serial, Date1904: s.book.date1904, ShowsDay: s.book.formats[style].showsDay}
}

// putRow adds the row just read to the sheet, after the empty rows before
// it (counted when its first cell was put in).
func (s *sheetReader) putRow() {
	for len(s.rows) < s.rowNum-1 {
		s.rows = append(s.rows, nil)
	}
	s.rows = append(s.rows, slices.Clone(s.row))
}

// where returns the place of the cell of the row being read at column col.
func (s *sheetReader) where(col int) string {
	b := append(s.place[:0], s.name...)
	b = append(b, '!')
	b = appendColumn(b, col)
	s.place = append(b, s.rowText...)
	return s.arena.string(s.place)
}

// parseCellRef reads a cell reference, "B12" ('$' ignored, letters of
// either case), into its column and row, from 1.
func parseCellRef[T string | []byte](ref T) (col, row int, err error) {
	i, letters := 0, 0
	for ; i < len(ref); i++ {
		c := ref[i]
		if c == '$' {
			continue
		}
		if c |= 0x20; c < 'a' || c > 'z' {
			break
		}
		if letters++; letters > 3 {
			return 0, 0, errNotCellRef
		}
		col = col*26 + int(c-'a') + 1
	}
	for ; i < len(ref); i++ {
		c := ref[i]
		if c == '$' {
			continue
		}
		if c < '0' || c > '9' {
			return 0, 0, errNotCellRef
		}
		if row = row*10 + int(c-'0'); row > maxRows {
			return 0, 0, errNotCellRef
		}
	}
	if letters == 0 || col > maxColumns || row < 1 {
		return 0, 0, errNotCellRef
	}
	return col, row, nil
}

// errNotCellRef says that a cell reference is none.
var errNotCellRef = errors.New("not a cell reference")

// A cellRange is a merged range: rows r1 to r2, columns c1 to c2, from 1.
type cellRange struct {
	r1, c1, r2, c2 int
	order          int // its place in the file, or that of the first range it joins
}

// readMergeCell reads a mergeCell element, a merged range ("B2:D4"; "B2",
// one cell). A range the file writes from its last cell ("D4:B2") is the
// same range. A reference that is not a range is ignored, rather than the
// sheet lost. Every range counts as a cell against the budget, so that
// their number is bounded.
func (s *sheetReader) readMergeCell(x *xmlScanner) error {
	if err := s.budget.take(1); err != nil {
		return err
	}
	ref, _ := x.attr("ref")
	a, b, ok := bytes.Cut(ref, []byte(":"))
	if !ok {
		b = a
	}
	b, _, _ = bytes.Cut(b, []byte(":"))
	c1, r1, err1 := parseCellRef(a)
	c2, r2, err2 := parseCellRef(b)
	if err1 != nil || err2 != nil {
		return nil
	}
	s.ranges = append(s.ranges, cellRange{r1: min(r1, r2), c1: min(c1, c2), r2: max(r1, r2), c2: max(c1, c2), order: len(s.ranges)})
	return nil
}

// merge expands the merged ranges of the sheet: every cell a range covers
// gets the text, place and date of the range's first cell, and Merged.
// A range whose first cell is empty makes the sheet larger only by that
// cell, so that an empty merged field still has a place a problem can
// name; the other cells already there are marked.
func (s *sheetReader) merge(ranges []cellRange) error {
	rows := s.rows
	defer func() { s.rows = rows }()
	for _, m := range ranges {
		if s.ctx.Err() != nil {
			return errTimeout
		}
		first := perinet.Cell{Where: where(s.name, m.c1, m.r1)}
		if m.r1 <= len(rows) && m.c1 <= len(rows[m.r1-1]) {
			first = rows[m.r1-1][m.c1-1]
		}
		if first.Text == "" && first.Date == nil {
			var err error
			if rows, err = s.pad(rows, m.c1, m.r1); err != nil {
				return err
			}
			for r := m.r1; r <= m.r2 && r <= len(rows); r++ {
				for c := m.c1; c <= m.c2 && c <= len(rows[r-1]); c++ {
					if r != m.r1 || c != m.c1 {
						rows[r-1][c-1] = perinet.Cell{Where: first.Where, Merged: true}
					}
				}
			}
			continue
		}
		if err := s.budget.take((m.r2-m.r1+1)*(m.c2-m.c1+1) - 1); err != nil {
			return err
		}
		for len(rows) < m.r2 {
			rows = append(rows, nil)
		}
		for r := m.r1; r <= m.r2; r++ {
			row := rows[r-1]
			for c := len(row) + 1; c <= m.c2; c++ {
				row = append(row, perinet.Cell{Where: where(s.name, c, r)})
			}
			for c := m.c1; c <= m.c2; c++ {
				if r != m.r1 || c != m.c1 {
					row[c-1] = perinet.Cell{Text: first.Text, Where: first.Where, Date: first.Date, Merged: true}
				}
			}
			rows[r-1] = row
		}
	}
	return nil
}

// pad makes the sheet hold the cell at (col, row), from 1: it adds the
// empty rows and cells up to it, counting them against the budget.
func (s *sheetReader) pad(rows [][]perinet.Cell, col, row int) ([][]perinet.Cell, error) {
	added := max(0, row-len(rows)) // a row costs as much as a cell
	added += max(0, col-len(cellsAt(rows, row)))
	if err := s.budget.take(added); err != nil {
		return rows, err
	}
	for len(rows) < row {
		rows = append(rows, nil)
	}
	cells := rows[row-1]
	for c := len(cells) + 1; c <= col; c++ {
		cells = append(cells, perinet.Cell{Where: where(s.name, c, row)})
	}
	rows[row-1] = cells
	return rows, nil
}

// cellsAt returns row number row (from 1) of rows, nil when there is none.
func cellsAt(rows [][]perinet.Cell, row int) []perinet.Cell {
	if row > len(rows) {
		return nil
	}
	return rows[row-1]
}

// joinOverlapping returns the merged ranges with those that overlap
// joined: two ranges that overlap are replaced by the smallest range that
// covers both, until no two overlap, as excelize joins them. Excel never
// writes such ranges; joined, every cell is covered by one range at most,
// whatever their order. The ranges are returned in the order of the
// file, a joined range in the place of its first.
func joinOverlapping(ctx context.Context, ranges []cellRange) ([]cellRange, error) {
	if len(ranges) < 2 {
		return ranges, nil
	}
	rs := slices.Clone(ranges)
	for {
		if ctx.Err() != nil {
			return nil, errTimeout
		}
		var joined bool
		if rs, joined = sweepJoin(rs); !joined {
			break
		}
	}
	slices.SortFunc(rs, func(a, b cellRange) int { return cmp.Compare(a.order, b.order) })
	return rs, nil
}

// sweepJoin makes one pass of joinOverlapping. It sweeps the ranges by
// first row, keeping those that span the row swept (open), which cannot
// overlap each other and so are told apart by their first column, and
// joins each range with the open ones it shares a column with. A joined
// range may reach up to a range the sweep has passed: it reports whether
// it joined any, and then another pass is needed. A pass costs n log n
// for n ranges.
func sweepJoin(rs []cellRange) ([]cellRange, bool) {
	slices.SortStableFunc(rs, func(a, b cellRange) int { return cmp.Compare(a.r1, b.r1) })
	var (
		starts colSet                // the first columns (from 0) of the open ranges
		open   = map[int]openRange{} // the open ranges, by first column
		ends   endHeap               // when they end, some stale
		out    = make([]cellRange, 0, len(rs))
		joined bool
	)
	for i, m := range rs {
		for len(ends) > 0 && ends[0].r2 < m.r1 {
			e := heap.Pop(&ends).(openEnd)
			if o, ok := open[e.c]; ok && o.id == e.id {
				out = append(out, o.cellRange)
				delete(open, e.c)
				starts.remove(e.c)
			}
		}
		// The open range that starts last before m ends does not overlap
		// it, or it does and m grows.
		for c := starts.last(m.c2 - 1); c >= 0 && open[c].c2 >= m.c1; c = starts.last(m.c2 - 1) {
			o := open[c]
			m = cellRange{r1: min(m.r1, o.r1), c1: min(m.c1, o.c1), r2: max(m.r2, o.r2), c2: max(m.c2, o.c2), order: min(m.order, o.order)}
			delete(open, c)
			starts.remove(c)
			joined = true
		}
		open[m.c1-1] = openRange{m, i}
		starts.add(m.c1 - 1)
		heap.Push(&ends, openEnd{r2: m.r2, c: m.c1 - 1, id: i})
	}
	for c := starts.last(maxColumns - 1); c >= 0; c = starts.last(c - 1) {
		out = append(out, open[c].cellRange)
	}
	return out, joined
}

// An openRange is a range the sweep of sweepJoin has reached and not
// passed, with the id that tells it from a range it replaced.
type openRange struct {
	cellRange
	id int
}

// An openEnd says when an open range (by first column and id) ends.
type openEnd struct{ r2, c, id int }

// An endHeap is a min-heap of openEnds by last row (container/heap).
type endHeap []openEnd

func (h endHeap) Len() int           { return len(h) }
func (h endHeap) Less(i, j int) bool { return h[i].r2 < h[j].r2 }
func (h endHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *endHeap) Push(x any)        { *h = append(*h, x.(openEnd)) }
func (h *endHeap) Pop() any {
	old := *h
	e := old[len(old)-1]
	*h = old[:len(old)-1]
	return e
}

// A colSet is a set of columns (from 0) in which the last member up to a
// column is found in a few steps: a bit a column, and a bit a word of them.
type colSet struct {
	words   [maxColumns / 64]uint64
	summary [maxColumns / 64 / 64]uint64 // bit w: words[w] is not 0
}

func (s *colSet) add(c int) {
	s.words[c>>6] |= 1 << (c & 63)
	s.summary[c>>12] |= 1 << (c >> 6 & 63)
}

func (s *colSet) remove(c int) {
	w := c >> 6
	if s.words[w] &^= 1 << (c & 63); s.words[w] == 0 {
		s.summary[w>>6] &^= 1 << (w & 63)
	}
}

// last returns the last member of the set up to column c, -1 when none.
func (s *colSet) last(c int) int {
	if c < 0 {
		return -1
	}
	w := c >> 6
	if m := s.words[w] & (1<<(c&63+1) - 1); m != 0 {
		return w<<6 + bits.Len64(m) - 1
	}
	for sw := w >> 6; sw >= 0; sw-- {
		m := s.summary[sw]
		if sw == w>>6 {
			m &= 1<<(w&63) - 1 // the words before w
		}
		if m != 0 {
			w = sw<<6 + bits.Len64(m) - 1
			return w<<6 + bits.Len64(s.words[w]) - 1
		}
	}
	return -1
}

// colStyles gives each column the cell format of the first col element
// that covers it and names one: the format of the column's cells that
// have none of their own nor their row's. Each column is given a format
// once, so that a sheet of many col elements costs no more than one of
// few.
type colStyles struct {
	style []int   // by column, from 0; nil until a col element names a format
	next  []int32 // next[c] leads to the first column from c that has no format yet
}

// add gives the columns lo to hi (from 1) that have no format the format
// style; 0 is none.
func (cs *colStyles) add(lo, hi, style int) {
	lo, hi = max(lo, 1), min(hi, maxColumns)
	if style == 0 || lo > hi {
		return
	}
	if cs.style == nil {
		cs.style = make([]int, maxColumns)
		cs.next = make([]int32, maxColumns+1)
		for c := range cs.next {
			cs.next[c] = int32(c)
		}
	}
	for c := cs.free(lo - 1); c < hi; c = cs.free(c + 1) {
		cs.style[c] = style
		cs.next[c] = int32(c + 1)
	}
}

// free returns the first column from c (from 0) that has no format yet,
// maxColumns when there is none.
func (cs *colStyles) free(c int) int {
	root := c
	for int(cs.next[root]) != root {
		root = int(cs.next[root])
	}
	for int(cs.next[c]) != root { // shorten the path for the next time
		c, cs.next[c] = int(cs.next[c]), int32(root)
	}
	return root
}

// at returns the format of column col (from 1), 0 when it has none.
func (cs *colStyles) at(col int) int {
	if cs.style == nil || col > maxColumns {
		return 0
	}
	return cs.style[col-1]
}

// An arena makes strings of bytes, many strings to one allocation: the
// places and values of a sheet's cells are many short strings that live
// as long as the Grid. A strings.Builder never changes the bytes it has
// handed out, and grows only when it is full, when it is replaced.
type arena struct {
	b strings.Builder
}

// arenaChunk is the size of an arena's allocations; a string longer than
// a quarter of it gets one of its own.
const arenaChunk = 32 << 10

// string returns the bytes of p as a string.
func (a *arena) string(p []byte) string {
	switch {
	case len(p) == 0:
		return ""
	case len(p) > arenaChunk/4:
		return string(p)
	case a.b.Cap()-a.b.Len() < len(p):
		a.b = strings.Builder{}
		a.b.Grow(arenaChunk)
	}
	n := a.b.Len()
	a.b.Write(p)
	return a.b.String()[n:]
}
