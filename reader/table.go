package reader

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"perinet"
	"perinet/normalize"
)

// minItems is how many item headings make a sheet a survey: half of them,
// so that a form with a label or two reworded beyond recognition is still
// found (and the missing items named).
const minItems = 4

// A table is where a sheet holds the survey, in the view with the items
// across: the header band (the row of item headings and the rows of
// sub-headings under it), what each column means (its path of headings),
// and the groups along the body rows.
type table struct {
	v           view
	top, bottom int    // the header band's first and last rows
	first, last int    // the columns of the first and last item headings
	end         int    // the row past the body: the next table's, the instructions', or the view's end
	paths       []path // each column's meaning
	rowSub      []field
	rowSubCell  []*cell
	rowHeaders  bool  // some body row is headed by a sub-field (実施の有無 in a 項目 column)
	keyCols     []int // the columns naming the groups
	groups      []*group
}

// A path is what a column of the view means, from the headings above it:
// an item and perhaps its sub-field, or a group's field.
type path struct {
	item      int
	sub       field
	field     field
	itemHead  *cell // the item's heading
	fieldHead *cell // the field's heading
	inherited bool  // the item was taken from the column to the left (a blank under a merged heading)
}

// String shows a path for a debugging session.
func (p path) String() string {
	s := "-"
	switch {
	case p.item > 0 && p.sub != fieldNone:
		s = fmt.Sprintf("item %d %s", p.item, p.sub)
	case p.item > 0:
		s = fmt.Sprintf("item %d", p.item)
	case p.field != fieldNone:
		s = p.field.String()
	}
	if p.inherited {
		s += " (from the left)"
	}
	return s
}

// A group is one group's rows of the body, and the cell naming it.
type group struct {
	key       *cell // the group's name; nil for the one group of a form named by a label
	parent    *cell // a network group's name beside a sub-group's (多摩地域 beside 西多摩)
	rows      []int
	nameless  bool          // the group's rows have values but no name
	namePlace *perinet.Cell // where the name of a nameless group belongs
}

// findTables finds the survey in a sheet: the row or column of item
// headings naming the most items (a row or column naming one item twice
// is a machine-readable long table, not a form), the view with the items
// across, and, for a form laid out in parts (items 1 to 4 left and 5 to 8
// right, or one table under another), the other rows of that view naming
// items none of the others names. Each table gets its header band, its
// body up to the next table's headings, and every column's path. It
// returns none when the sheet names fewer than minItems items.
func (r *Reader) findTables(sh *sheet) []*table {
	byRow, byCol := r.itemLines(sh)
	bestRow, nRow := best(byRow)
	bestCol, nCol := best(byCol)
	if max(nRow, nCol) < minItems {
		return nil
	}
	v := view{sheet: sh, transposed: nCol > nRow}
	lines, top := byRow, bestRow
	if v.transposed {
		lines, top = byCol, bestCol
	}
	tops := []int{top}
	named := maps.Clone(lines[top])
	for _, l := range sortedKeys(lines) {
		if l == top || len(lines[l]) < 2 || overlaps(named, lines[l]) {
			continue
		}
		tops = append(tops, l)
		maps.Copy(named, lines[l])
	}
	slices.Sort(tops)
	var tables []*table
	for k, top := range tops {
		limit := v.rows()
		if k+1 < len(tops) {
			limit = tops[k+1]
		}
		t := &table{v: v, top: top, end: limit}
		t.headerRow(r.labels)
		t.headerBand()
		if r.groupsAlongItems(t) {
			return nil
		}
		t.columnPaths()
		tables = append(tables, t)
	}
	return tables
}

// overlaps reports whether two sets of items share one.
func overlaps(a, b map[int]bool) bool {
	for no := range b {
		if a[no] {
			return true
		}
	}
	return false
}

// sortedKeys returns the lines in order.
func sortedKeys(lines map[int]map[int]bool) []int {
	out := slices.Collect(maps.Keys(lines))
	slices.Sort(out)
	return out
}

// groupsAlongItems reports whether the groups' names run the same way as
// the item headings: three groups or more named in one line parallel to
// them. Such a sheet lists a group and an item a line (a report's list of
// issues); it is no form, where the groups run across the items.
func (r *Reader) groupsAlongItems(t *table) bool {
	v := t.v
	for i := 0; i < v.rows(); i++ {
		if i >= t.top && i <= t.bottom {
			continue
		}
		blocks := map[string]perinet.Block{}
		var last *cell
		for j := 0; j < v.cols(); j++ {
			c := v.at(i, j)
			if c == nil || c == last || c.Date != nil {
				continue
			}
			last = c
			if b, p := r.names.Block(c.Text); p == nil && b.Name != "" {
				blocks[b.Name] = b
			}
		}
		n := len(blocks)
		for _, b := range blocks {
			if _, ok := blocks[b.Parent]; ok {
				n-- // a network group beside its sub-group names one group
			}
		}
		if n >= 3 {
			return true
		}
	}
	return false
}

// itemLines counts, for each row and each column of the sheet, the
// distinct items whose headings start there. A row or column naming an
// item twice (with the same sub-field) in cells apart is a machine-readable
// long table and counts for nothing; the same heading repeated in the next
// cell along the line is one heading filled into each cell it covers.
func (r *Reader) itemLines(sh *sheet) (byRow, byCol map[int]map[int]bool) {
	byRow, byCol = map[int]map[int]bool{}, map[int]map[int]bool{}
	type seen struct {
		line, item int
		sub        field
	}
	rowEnd, colEnd := map[seen]int{}, map[seen]int{} // where the last such heading ends along the line
	longRow, longCol := map[int]bool{}, map[int]bool{}
	for _, c := range sh.cells {
		if !c.isHead || !c.head.isItem() {
			continue
		}
		add := func(lines map[int]map[int]bool, ends map[seen]int, long map[int]bool, line, from, to int) {
			k := seen{line, c.head.item, c.head.sub}
			if end, ok := ends[k]; ok && end+1 != from {
				long[line] = true
			}
			ends[k] = to
			if lines[line] == nil {
				lines[line] = map[int]bool{}
			}
			lines[line][c.head.item] = true
		}
		add(byRow, rowEnd, longRow, c.r0, c.c0, c.c1)
		add(byCol, colEnd, longCol, c.c0, c.r0, c.r1)
	}
	for line := range longRow {
		delete(byRow, line)
	}
	for line := range longCol {
		delete(byCol, line)
	}
	return byRow, byCol
}

// best returns the line naming the most items, the first of equals.
func best(lines map[int]map[int]bool) (line, n int) {
	line = -1
	for l, items := range lines {
		if len(items) > n || len(items) == n && l < line {
			line, n = l, len(items)
		}
	}
	return line, n
}

// headerRow completes the row of item headings: a cell there that the
// survey's words did not recognize, near the recognized ones, is read as a
// heading by its number or by words like a label's. It sets the columns
// of the first and last item headings.
func (t *table) headerRow(l *labels) {
	v := t.v
	t.first, t.last = -1, -1
	found := map[int]bool{}
	for j := 0; j < v.cols(); j++ {
		if c := v.at(t.top, j); c != nil && v.top(c) == t.top && c.isHead && c.head.isItem() {
			found[c.head.item] = true
			if t.first < 0 {
				t.first = j
			}
			t.last = j
		}
	}
	reach := l.nItems - len(found)
	for j := max(0, t.first-reach); j < v.cols() && j <= t.last+reach; j++ {
		c := v.at(t.top, j)
		if c == nil || v.top(c) != t.top || c.isHead || c.Date != nil || len([]rune(c.Text)) > 60 || l.isInstructions(c.Text) {
			continue
		}
		if h, ok := l.loose(c.Text); ok && h.isItem() {
			c.head, c.isHead = h, true
			t.first, t.last = min(t.first, j), max(t.last, j)
		}
	}
}

// headerBand finds the header band's last row: below the item headings
// (and the rows they are merged down), each row that holds only headings
// among the items' columns — sub-headings such as 実施の有無 and 配布先 —
// and at least one that is no mark as well (実施 alone is a mark as much as
// a heading).
func (t *table) headerBand() {
	v := t.v
	t.bottom = t.top
	for j := t.first; j <= t.last; j++ {
		if c := v.at(t.top, j); c != nil && c.isHead && c.head.isItem() {
			_, _, r1, _ := v.box(c)
			t.bottom = max(t.bottom, r1)
		}
	}
	for i := t.bottom + 1; i < t.end; i++ {
		headings, marks, values := t.headingsIn(i)
		if headings == 0 && marks == 0 && values == 0 {
			continue // a blank row within the header band, or before the body
		}
		if values > 0 || headings == 0 {
			break
		}
		t.bottom = i
	}
}

// headingsIn counts the cells that start in row i among the items'
// columns: the items' headings and
// sub-headings, the headings that are marks too (実施: a row of them alone
// is a row of marks), and the values. Other headings (a label beside the
// table) count as none.
func (t *table) headingsIn(i int) (headings, marks, values int) {
	v := t.v
	for j := t.first; j <= t.reach(); j++ {
		c := v.at(i, j)
		if c == nil || v.top(c) != i {
			continue
		}
		_, isMark := markValue(c.Text)
		switch {
		case c.note:
			// a note beside the headings
		case !c.isHead:
			values++
		case isMark:
			marks++
		case c.head.isItem() || c.head.field.isSub():
			headings++
		}
	}
	return headings, marks, values
}

// reach is the last column of the items: that of the last item heading,
// and the columns right of it under no heading of their own (the last
// item's second column, its heading merged across or left blank), up to
// three.
func (t *table) reach() int {
	j := t.last
	if c := t.v.at(t.top, j); c != nil {
		_, _, _, j = t.v.box(c)
	}
	for j+1 < t.v.cols() && j < t.last+3 && t.v.at(t.top, j+1) == nil {
		j++
	}
	return j
}

// markValue reports whether text is a mark other than blank.
func markValue(text string) (perinet.Mark, bool) {
	m, p := normalize.Mark(text)
	return m, p == nil && m != perinet.Blank
}

// columnPaths gives each column of the view its path: the headings of the
// header band above it. A column whose heading cell is blank takes the item
// of the column to its left when it has a sub-heading (the second column of
// a heading merged across two, as Excel's CSV leaves it, or 配布先 on its
// own line under item 3), or when it lies among the item columns, or right
// after the last with values below it (the last item's second line, left
// without its merged label in a CSV file).
func (t *table) columnPaths() {
	v := t.v
	t.paths = make([]path, v.cols())
	for j := range t.paths {
		p := &t.paths[j]
		var last *cell
		for i := t.top; i <= t.bottom; i++ {
			c := v.at(i, j)
			if c == nil || c == last || !c.isHead {
				continue
			}
			last = c
			h := c.head
			switch {
			case h.isItem():
				if p.item == 0 {
					p.item, p.itemHead = h.item, c
				}
				if h.sub != fieldNone && p.sub == fieldNone {
					p.sub = h.sub
				}
			case h.field.isSub():
				if p.sub == fieldNone {
					p.sub = h.field
				}
			case h.field != fieldNone && h.field != fieldFiscalYear:
				if p.field == fieldNone {
					p.field, p.fieldHead = h.field, c
				}
			}
		}
	}
	for j := 1; j < len(t.paths); j++ {
		p, left := &t.paths[j], t.paths[j-1]
		if p.item != 0 || p.field != fieldNone || left.item == 0 {
			continue
		}
		if p.sub != fieldNone || t.blankHeader(j) && (j < t.last || t.bodyValues(j)) {
			p.item, p.itemHead, p.inherited = left.item, left.itemHead, true
			if p.sub == fieldNone && left.sub == fieldDetails {
				p.sub = left.sub // details go on; a mark or a count does not
			}
		}
	}
}

// bodyValues reports whether column j holds a value below the header band
// (a note is none).
func (t *table) bodyValues(j int) bool {
	for i := t.bottom + 1; i < t.v.rows(); i++ {
		if c := t.v.at(i, j); c != nil && !c.note {
			return true
		}
	}
	return false
}

// blankHeader reports whether column j has nothing in the header band.
func (t *table) blankHeader(j int) bool {
	for i := t.top; i <= t.bottom; i++ {
		if t.v.at(i, j) != nil {
			return false
		}
	}
	return true
}

// bodyRows ends the body at the instructions, when they stand below the
// table in the view's rows.
func (t *table) bodyRows(instructions int) {
	if !t.v.transposed && instructions > t.bottom {
		t.end = min(t.end, instructions)
	}
}

// isKeyColumn reports whether column j names the groups: headed by a
// block heading or a tier's, or, left of the items and without a heading of its own,
// holding the name of a known group in some body row.
func (t *table) isKeyColumn(j int, known func(string) bool) bool {
	p := t.paths[j]
	if p.field == fieldBlock || p.field == fieldTier {
		return true // a tier's column may name the network group heading its sub-groups
	}
	if p.item != 0 || p.field != fieldNone || j >= t.first {
		return false
	}
	for i := t.bottom + 1; i < t.end; i++ {
		if c := t.v.at(i, j); c != nil && c.Date == nil && known(c.Text) {
			return true
		}
	}
	return false
}

// rowHeadings finds the sub-field that heads each body row: a sub-field
// heading in a column that is neither an item's nor a group field's (the
// 項目 column of a one-group form: 実施の有無, 配布先, 具体的内容). A row
// right after a headed one, in the same group, with no heading of its own
// continues it (the second column of 具体的内容 merged across two, as
// Excel's CSV leaves it).
func (t *table) rowHeadings() {
	v := t.v
	t.rowSub = make([]field, v.rows())
	t.rowSubCell = make([]*cell, v.rows())
	for i := t.bottom + 1; i < t.end; i++ {
		for j := 0; j < v.cols(); j++ {
			p := t.paths[j]
			if p.item != 0 || p.field.isGroup() {
				continue
			}
			c := v.at(i, j)
			if c == nil || v.top(c) != i || !c.isHead || !c.head.field.isSub() {
				continue
			}
			t.rowSub[i], t.rowSubCell[i] = c.head.field, c
			t.rowHeaders = true
			break
		}
	}
}

// inheritRowHeadings lets a row with no heading of its own continue the
// details of the row above it in the same group, when it holds values: the
// second column of 具体的内容 merged across two, as Excel's CSV leaves it.
// A mark or a count does not go on into a second line.
func (t *table) inheritRowHeadings() {
	if !t.rowHeaders {
		return
	}
	for _, g := range t.groups {
		for k := 1; k < len(g.rows); k++ {
			i, prev := g.rows[k], g.rows[k-1]
			if t.rowSub[i] == fieldNone && prev == i-1 && t.rowSub[prev] == fieldDetails && t.hasItemCells(i) {
				t.rowSub[i], t.rowSubCell[i] = t.rowSub[prev], t.rowSubCell[prev]
			}
		}
	}
}

// hasItemCells reports whether row i holds a cell of its own in an item's column.
func (t *table) hasItemCells(i int) bool {
	for j, p := range t.paths {
		if c := t.v.at(i, j); p.item != 0 && c != nil && t.v.top(c) == i && c.role == roleNone {
			return true
		}
	}
	return false
}

// String shows the table for a debugging session: the header band, each
// column's path, and the groups' rows.
func (t *table) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "transposed %v, header rows %d–%d, items in columns %d–%d, body to row %d\n", t.v.transposed, t.top, t.bottom, t.first, t.last, t.end)
	for j, p := range t.paths {
		if p.item != 0 || p.field != fieldNone || p.sub != fieldNone {
			fmt.Fprintf(&b, "  column %d: %s\n", j, p)
		}
	}
	for i, s := range t.rowSub {
		if s != fieldNone {
			fmt.Fprintf(&b, "  row %d: %s\n", i, s)
		}
	}
	for _, g := range t.groups {
		name := "(labelled)"
		if g.key != nil {
			name = g.key.Text
		}
		fmt.Fprintf(&b, "  group %s: rows %v\n", name, g.rows)
	}
	return b.String()
}
