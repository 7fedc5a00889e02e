package reader

import (
	"slices"

	"perinet"
	"perinet/normalize"
)

// A slot is one field of one group: the cells written in it, in reading
// order, and the place the field is named by when it is empty.
type slot struct {
	cells []*cell
	place *perinet.Cell
	head  *cell // the heading the field was read under, if any
}

// add puts a cell in the slot, once, and takes the first place given.
func (s *slot) add(c *cell, place *perinet.Cell) {
	if s.place == nil {
		s.place = place
	}
	if c != nil && !slices.Contains(s.cells, c) {
		s.cells = append(s.cells, c)
	}
}

// itemSlots are the slots of one item of one group.
type itemSlots struct {
	found                bool // the item has a column (or row) in the table
	head                 *cell
	mark, count, details slot
	// shared says that the mark slot is the item's only cell, which for an
	// item with free text may hold text instead of a mark, or after one.
	shared bool
}

// A position is a place of the view that belongs to an item, empty or not.
type position struct {
	i, j  int
	c     *cell         // the cell there; nil when empty
	place *perinet.Cell // the sheet's cell there
}

// items gathers the slots of every item of a group. A cell's sub-field
// comes from its column's headings (3 配布先, or 配布先 under item 3), else
// from its row's heading (実施の有無 in the 項目 column); where neither
// says, from what the lines of the table hold: the line that holds marks
// is the mark's, the one that holds a number the count's, the others the
// details'. A cell that spans two items' columns is no item's. Where the
// table heads its rows, a cell in a row without a heading is outside it.
func (t *table) items(g *group, survey *perinet.Survey, lines lineKinds) map[int]*itemSlots {
	v := t.v
	out := map[int]*itemSlots{}
	unknown := map[int][]position{}
	main := t.mainRow(g)
	for _, i := range g.rows {
		plain := i != main && t.rowSub[i] == fieldNone
		for j, p := range t.paths {
			if p.item == 0 {
				continue
			}
			c := v.at(i, j)
			if c != nil && (t.spansPaths(c) || c.isHead && v.top(c) <= t.bottom || c.role != roleNone) {
				continue
			}
			if c != nil && plain && v.top(c) == i && c.note {
				continue // a note under the table, in no heading's row
			}
			is := out[p.item]
			if is == nil {
				is = &itemSlots{head: p.itemHead}
				out[p.item] = is
			}
			is.found = true
			sub := p.sub
			switch {
			case sub == fieldNone && t.rowHeaders:
				if sub = t.rowSub[i]; sub == fieldNone {
					continue
				}
			case sub != fieldNone && t.rowSub[i] != fieldNone && t.rowSub[i] != sub && c != nil:
				sub = either(sub, t.rowSub[i], c.Text)
			}
			place := v.raw(i, j)
			switch sub {
			case fieldMark:
				is.mark.add(c, place)
			case fieldCount:
				is.count.add(c, place)
			case fieldDetails:
				is.details.add(c, place)
			default:
				unknown[p.item] = append(unknown[p.item], position{i, j, c, place})
			}
		}
	}
	for no, ps := range unknown {
		def, _ := survey.Item(no)
		resolve(out[no], ps, def, lines)
	}
	return out
}

// mainRow is the row of a group that names it, or else its first row
// holding an item's cell: the row whose cells are the group's answers
// whatever they look like. The other rows without a heading of their own
// continue it.
func (t *table) mainRow(g *group) int {
	if g.key != nil {
		if i := t.v.top(g.key); i > t.bottom && t.hasItemCells(i) {
			return i
		}
	}
	for _, i := range g.rows {
		if t.hasItemCells(i) {
			return i
		}
	}
	return -1
}

// either chooses between the sub-field a cell's column says and the one
// its row says, when they differ (the line of item 3's リストの有無, crossing
// the column of 具体的内容): the one its text is, a mark or a count;
// else details, which text can always be.
func either(a, b field, text string) field {
	if _, ok := markValue(text); ok && (a == fieldMark || b == fieldMark) {
		return fieldMark
	}
	if isCount(text) && (a == fieldCount || b == fieldCount) {
		return fieldCount
	}
	if a == fieldDetails || b == fieldDetails {
		return fieldDetails
	}
	return a
}

// spansPaths reports whether a cell covers columns of different
// meanings (two items, an item and a field): a note across the table, no
// value of any.
func (t *table) spansPaths(c *cell) bool {
	_, c0, _, c1 := t.v.box(c)
	for j := c0 + 1; j <= c1 && j < len(t.paths); j++ {
		if t.paths[j].item != t.paths[c0].item || t.paths[j].field != t.paths[c0].field {
			return true
		}
	}
	return false
}

// resolve gives each position of an item whose headings say no sub-field
// its slot. The positions run along lines: the item's columns when it has
// two or more, else its rows. The mark's line is the first that holds
// marks, else the first; the counted item's count line is one that holds a
// number; the other lines are details.
func resolve(is *itemSlots, ps []position, def perinet.ItemDef, lines lineKinds) {
	byCol := map[int]bool{}
	for _, p := range ps {
		byCol[p.j] = true
	}
	alongCols := len(byCol) >= 2
	lineOf := func(p position) int {
		if alongCols {
			return p.j
		}
		return p.i
	}
	kindOf := func(l int) lineKind {
		if alongCols {
			return lines.cols[l]
		}
		return lines.rows[l]
	}
	var order []int
	seen := map[int]bool{}
	for _, p := range ps {
		if l := lineOf(p); !seen[l] {
			seen[l] = true
			order = append(order, l)
		}
	}
	markLine := order[0]
	for _, l := range order {
		if kindOf(l) == lineMarks {
			markLine = l
			break
		}
	}
	countLine := -1
	if def.Counted {
		for _, p := range ps {
			if l := lineOf(p); l != markLine && p.c != nil && isCount(p.c.Text) {
				countLine = l
				break
			}
		}
	}
	is.shared = len(order) == 1
	for _, p := range ps {
		switch lineOf(p) {
		case markLine:
			is.mark.add(p.c, p.place)
		case countLine:
			is.count.add(p.c, p.place)
		default:
			is.details.add(p.c, p.place)
		}
	}
}

// A lineKind is what a row or a column of item cells without a sub-field
// holds, most of it.
type lineKind uint8

const (
	lineText  lineKind = iota // free text, or nothing
	lineMarks                 // marks: ○, ×, △
)

// lineKinds are the kinds of the rows and the columns of the view.
type lineKinds struct{ rows, cols map[int]lineKind }

// lineKinds tells, over every group, which rows and which columns of item
// cells without a sub-field hold marks: those where marks are at least
// half of the non-empty cells.
func (t *table) lineKinds() lineKinds {
	type tally struct{ marks, filled int }
	rows, cols := map[int]*tally{}, map[int]*tally{}
	count := func(m map[int]*tally, k int, mark bool) {
		tl := m[k]
		if tl == nil {
			tl = &tally{}
			m[k] = tl
		}
		tl.filled++
		if mark {
			tl.marks++
		}
	}
	for _, g := range t.groups {
		for _, i := range g.rows {
			for j, p := range t.paths {
				c := t.v.at(i, j)
				if p.item == 0 || p.sub != fieldNone || c == nil || c.Text == "" {
					continue
				}
				_, mark := markValue(c.Text)
				count(rows, i, mark)
				count(cols, j, mark)
			}
		}
	}
	lk := lineKinds{rows: map[int]lineKind{}, cols: map[int]lineKind{}}
	for k, tl := range rows {
		if tl.marks > 0 && 2*tl.marks >= tl.filled {
			lk.rows[k] = lineMarks
		}
	}
	for k, tl := range cols {
		if tl.marks > 0 && 2*tl.marks >= tl.filled {
			lk.cols[k] = lineMarks
		}
	}
	return lk
}

// isCount reports whether text is a count with a number (103施設).
func isCount(text string) bool {
	n, p := normalize.Count(text)
	return p == nil && n.N != nil
}

// groupFields gathers the slots of a group's hospital and start from the
// table's columns. A note there (記入者：…) is no value.
func (t *table) groupFields(g *group) map[field]*slot {
	v := t.v
	out := map[field]*slot{}
	for _, i := range g.rows {
		for j, p := range t.paths {
			if p.field != fieldHospital && p.field != fieldStarted {
				continue
			}
			c := v.at(i, j)
			if c != nil && (c.isHead && v.top(c) <= t.bottom || c == g.key || t.spansPaths(c) || c.role != roleNone || c.note) {
				continue
			}
			s := out[p.field]
			if s == nil {
				s = &slot{head: p.fieldHead}
				out[p.field] = s
			}
			if c != nil && v.top(c) <= t.bottom {
				continue
			}
			s.add(c, v.raw(i, j))
		}
	}
	return out
}

// tierCells returns the cells of a group's rows that give its tier: the
// tier's column, and the tier's words beside the groups' names
// (ネットワークグループ written down the network groups' rows).
func (t *table) tierCells(g *group, isTier func(string) bool) []*cell {
	var out []*cell
	for _, i := range g.rows {
		for j, p := range t.paths {
			c := t.v.at(i, j)
			if c == nil || c.isHead || c.note || c.role != roleNone || slices.Contains(out, c) {
				continue
			}
			if c == g.key || c == g.parent {
				continue // a group's name across the tier's column heads its sub-groups
			}
			if p.field == fieldTier || slices.Contains(t.keyCols, j) && isTier(c.Text) {
				out = append(out, c)
			}
		}
	}
	return out
}
