package reader

import (
	"perinet"
)

// groupCells are the cells that hold one group's answers, wherever the
// layout put them. A nil cell is a field the form does not have.
type groupCells struct {
	block, tier, hospital, started *perinet.Cell
	items                          map[int]itemCells // by item number
	problems                       []perinet.Problem // conflicts found while gathering
}

// itemCells are the cells of one item.
type itemCells struct {
	mark, count, details *perinet.Cell
}

// set records the cell of an information field, reporting a field given
// twice with different values.
func (g *groupCells) set(f field, c *perinet.Cell) {
	var slot **perinet.Cell
	switch f {
	case fieldBlock:
		slot = &g.block
	case fieldTier:
		slot = &g.tier
	case fieldHospital:
		slot = &g.hospital
	case fieldStarted:
		slot = &g.started
	default:
		return
	}
	if *slot != nil && (*slot).Text != "" && c.Text != "" && (*slot).Text != c.Text {
		g.problems = append(g.problems, conflict(fieldName(f), *slot, c))
		return
	}
	if *slot == nil || (*slot).Text == "" {
		*slot = c
	}
}

// conflict reports a field read twice with different values.
func conflict(field string, a, b *perinet.Cell) perinet.Problem {
	return perinet.Problem{Severity: perinet.Error, Code: perinet.ConflictingValues, Where: b.Where, Field: field, Text: b.Text,
		Message: "同じ欄に二つの値があります：「" + a.Text + "」（" + a.Where + "）と「" + b.Text + "」（" + b.Where + "）。どちらが正しいか確認してください"}
}

// fieldName is the Record field that a heading introduces.
func fieldName(f field) string {
	switch f {
	case fieldFiscalYear:
		return "fiscal_year"
	case fieldBlock:
		return "block"
	case fieldTier:
		return "tier"
	case fieldHospital:
		return "hospital"
	case fieldStarted:
		return "started"
	}
	return ""
}

// formCells gathers the cells of a one-group form: each information
// heading's value to its right, and each item's row.
func (sh *sheetView) formCells(l layout) groupCells {
	g := groupCells{items: map[int]itemCells{}}
	for i, row := range sh.keys {
		for j, k := range row {
			if f := sh.labels.field(k); f >= fieldBlock && f <= fieldStarted {
				if c := sh.valueRight(i, j); c != nil {
					g.set(f, c)
				}
			}
		}
	}
	mark, count, details := sh.itemColumns(l)
	for no, i := range l.itemRows {
		g.items[no] = itemCells{mark: sh.cell(i, mark), count: sh.cell(i, count), details: sh.cell(i, details)}
	}
	return g
}

// itemColumns finds the columns of a one-group form's marks, counts and
// details from the headings above the first item (実施の有無, 配布先,
// 具体的内容), or else takes them in the template's order right of the
// item labels.
func (sh *sheetView) itemColumns(l layout) (mark, count, details int) {
	mark, count, details = -1, -1, -1
	for i := l.top - 1; i >= 0 && i >= l.top-3 && mark < 0; i-- {
		for j, k := range sh.keys[i] {
			switch sh.labels.field(k) {
			case fieldMark:
				mark = firstOf(mark, j)
			case fieldCount:
				count = firstOf(count, j)
			case fieldDetails:
				details = firstOf(details, j)
			}
		}
	}
	if mark >= 0 {
		return mark, count, details
	}
	mark = sh.next(l.top, l.labelCol)
	count = sh.next(l.top, mark)
	return mark, count, sh.next(l.top, count)
}

func firstOf(have, j int) int {
	if have >= 0 {
		return have
	}
	return j
}

// tableColumns are the columns of a multi-group table.
type tableColumns struct {
	block             []int // the columns under ブロック名: a sub-group's name may stand right of its parent's
	started, hospital int
	items             map[int]itemColumns
	firstRow          int // the first row below the headings
}

// itemColumns are the columns of one item in a multi-group table.
type itemColumns struct{ mark, count, details int }

// columns reads the one or two heading rows of a table.
func (sh *sheetView) columns(l layout) tableColumns {
	h := l.header
	tc := tableColumns{started: -1, hospital: -1, items: map[int]itemColumns{}, firstRow: h + 1}
	sub := map[int]field{} // column → sub-heading under an item
	for j, k := range sh.keys[h] {
		if _, ok := sh.labels.item(k); ok && h+1 < len(sh.keys) && j < len(sh.keys[h+1]) {
			if f := sh.labels.field(sh.keys[h+1][j]); f >= fieldMark {
				sub[j] = f
				tc.firstRow = h + 2
			}
		}
	}
	for _, i := range []int{h, h + 1} {
		for j := 0; i < len(sh.keys) && j < len(sh.keys[i]); j++ {
			switch sh.labels.field(sh.keys[i][j]) {
			case fieldBlock:
				if len(tc.block) == 0 || tc.block[len(tc.block)-1] != j {
					tc.block = append(tc.block, j)
				}
			case fieldStarted:
				tc.started = firstOf(tc.started, j)
			case fieldHospital:
				tc.hospital = firstOf(tc.hospital, j)
			}
		}
	}
	for j, k := range sh.keys[h] {
		no, ok := sh.labels.item(k)
		if !ok {
			continue
		}
		ic, seen := tc.items[no]
		if !seen {
			ic = itemColumns{-1, -1, -1}
		}
		switch {
		case sub[j] == fieldCount:
			ic.count = firstOf(ic.count, j)
		case sub[j] == fieldDetails:
			ic.details = firstOf(ic.details, j)
		case ic.mark < 0:
			ic.mark = j
		case ic.details < 0:
			ic.details = j // a second column with no sub-heading
		}
		tc.items[no] = ic
	}
	return tc
}

// tableCells gathers the cells of each group of a multi-group table: one
// per row below the headings that names a known group, or names any group
// and gives its start or hospital (a note under the table is neither, even
// when it is merged across the table's columns).
func (sh *sheetView) tableCells(tc tableColumns, known func(string) bool) []groupCells {
	var groups []groupCells
	prev := ""
	for i := tc.firstRow; i < len(sh.Rows); i++ {
		b := sh.blockCell(i, tc.block)
		if b == nil || b.Text == "" || b.Where == prev {
			continue
		}
		if !known(b.Text) && !sh.ownValue(i, tc.started, b) && !sh.ownValue(i, tc.hospital, b) {
			continue
		}
		prev = b.Where
		g := groupCells{block: b, started: sh.cell(i, tc.started), hospital: sh.cell(i, tc.hospital), items: map[int]itemCells{}}
		for no, ic := range tc.items {
			g.items[no] = itemCells{mark: sh.cell(i, ic.mark), count: sh.cell(i, ic.count), details: sh.cell(i, ic.details)}
		}
		groups = append(groups, g)
	}
	return groups
}

// ownValue reports whether the cell at row i, column j holds text of its
// own: not empty, and not part of the same merged cell as name.
func (sh *sheetView) ownValue(i, j int, name *perinet.Cell) bool {
	c := nonEmpty(sh.cell(i, j))
	return c != nil && c.Where != name.Where
}

// blockCell returns the group's name in row i: the last non-empty cell
// under the ブロック名 heading, so that 西多摩 is read, not the 多摩地域
// merged beside it.
func (sh *sheetView) blockCell(i int, cols []int) *perinet.Cell {
	var b *perinet.Cell
	for _, j := range cols {
		if c := sh.cell(i, j); c != nil && c.Text != "" {
			b = c
		}
	}
	return b
}

// nonEmpty returns c when it holds text, else nil.
func nonEmpty(c *perinet.Cell) *perinet.Cell {
	if c == nil || c.Text == "" {
		return nil
	}
	return c
}
