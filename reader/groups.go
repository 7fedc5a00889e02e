package reader

import (
	"perinet"
	"perinet/normalize"
	"slices"
)

// findGroups finds the groups along the body rows: a row that names a
// group in a key column starts it, and the rows below that name none
// continue it (a second line of details, a sub-field on a row of its
// own). When the body names one group only, every body row is that
// group's, wherever in them its name stands. Problems are the conflicts
// found: two unrelated groups named in one row.
func (r *Reader) findGroups(t *table) []perinet.Problem {
	for j := range t.paths {
		if t.isKeyColumn(j, r.knownBlock) {
			t.keyCols = append(t.keyCols, j)
		}
	}
	var problems []perinet.Problem
	var cur *group
	keys := map[*cell]bool{}
	var body []int
	for i := t.bottom + 1; i < t.end; i++ {
		body = append(body, i)
		key, parent, p := r.keyOf(t, i)
		problems = append(problems, p...)
		switch {
		case key != nil && cur != nil && cur.key == key:
			cur.rows = append(cur.rows, i)
		case key != nil:
			cur = &group{key: key, parent: parent, rows: []int{i}}
			t.groups = append(t.groups, cur)
			keys[key] = true
		case t.ownFields(i):
			// A row with a hospital or a start of its own is a group's,
			// whose name is missing.
			cur = &group{rows: []int{i}, nameless: true, namePlace: t.namePlace(i)}
			t.groups = append(t.groups, cur)
		case cur != nil:
			cur.rows = append(cur.rows, i)
		}
		if parent != nil && cur != nil && cur.parent == nil {
			cur.parent = parent
		}
	}
	if len(keys) == 0 {
		// No row names a group: the sheet's one group is named by a label,
		// whatever its rows hold.
		t.groups = nil
		return problems
	}
	if len(keys) == 1 {
		// One group named: the table is that group's, a one-group form
		// whose name stands in any of its rows.
		for _, g := range t.groups {
			if g.key != nil {
				g.rows = body
				t.groups = []*group{g}
				break
			}
		}
	}
	return problems
}

// ownFields reports whether body row i has a cell of its own in a column
// of a group's hospital or start.
func (t *table) ownFields(i int) bool {
	for j, p := range t.paths {
		if p.field != fieldHospital && p.field != fieldStarted {
			continue
		}
		if c := t.v.at(i, j); c != nil && t.v.top(c) == i && !c.isHead && !c.note && c.role == roleNone && !t.spansPaths(c) {
			return true
		}
	}
	return false
}

// namePlace is where a group's name belongs in row i: the first key
// column's cell.
func (t *table) namePlace(i int) *perinet.Cell {
	for _, j := range t.keyCols {
		if c := t.v.raw(i, j); c != nil {
			return c
		}
	}
	return nil
}

// knownBlock reports whether text names a group the survey knows.
func (r *Reader) knownBlock(text string) bool {
	b, p := r.names.Block(text)
	return p == nil && b.Name != ""
}

// isTier reports whether text is a tier's word (ネットワークグループ,
// サブグループ), as a table writes it beside the groups' names.
func (r *Reader) isTier(text string) bool {
	_, ok := r.tiers[normalize.Key(text)]
	return ok
}

// keyOf returns the cell naming the group of body row i, if the row names
// one: a known group's name in a key column (a sub-group's rather than its
// network group's, when both stand there), or any text under a block
// heading when the row has values of its own (an unknown group, which
// its Record will say). Tier words and headings are passed over.
func (r *Reader) keyOf(t *table, i int) (key, parent *cell, problems []perinet.Problem) {
	v := t.v
	var cands []*cell
	for _, j := range t.keyCols {
		c := v.at(i, j)
		if c == nil || c.Date != nil || c.note || c.role != roleNone || c.isHead && !r.knownBlock(c.Text) || r.isTier(c.Text) || slices.Contains(cands, c) {
			continue
		}
		cands = append(cands, c)
	}
	var known []*cell
	var blocks []perinet.Block
	for _, c := range cands {
		if b, p := r.names.Block(c.Text); p == nil && b.Name != "" {
			known = append(known, c)
			blocks = append(blocks, b)
		}
	}
	switch len(known) {
	case 0:
		for _, c := range cands {
			if t.pathOf(c).field == fieldBlock && t.ownValues(i, c) {
				return c, nil, nil
			}
		}
		return nil, nil, nil
	case 1:
		return known[0], nil, nil
	}
	// A sub-group's name beside its network group's: the sub-group's row.
	for a, ba := range blocks {
		for b, bb := range blocks {
			if ba.Parent != "" && ba.Parent == bb.Name {
				return known[a], known[b], nil
			}
		}
	}
	for _, c := range known[1:] {
		c.role = roleKey
		problems = append(problems, conflict("block", known[0].Cell, c.Cell))
	}
	return known[0], nil, problems
}

// pathOf returns the path of the column a cell starts in.
func (t *table) pathOf(c *cell) path {
	_, c0, _, _ := t.v.box(c)
	if c0 < len(t.paths) {
		return t.paths[c0]
	}
	return path{}
}

// ownValues reports whether row i has a cell of its own besides name: a
// value in an item's or a field's column that starts in this row.
func (t *table) ownValues(i int, name *cell) bool {
	v := t.v
	for j, p := range t.paths {
		c := v.at(i, j)
		if c == nil || c == name || v.top(c) != i || p.item == 0 && !p.field.isGroup() {
			continue
		}
		return true
	}
	return false
}

// A labelled is a field written beside its label rather than in a table's
// column: ブロック名 | 区中央部, or the label above its value.
type labelled struct {
	field field
	label *cell
	value *cell         // nil when the label has no value
	place *perinet.Cell // where the value belongs: the cell right of the label
}

// labelledFields finds the fields written beside their labels: the
// headings of a group's field, of the fiscal year or of furniture. With
// inHeader false, those outside the table's header band (above the table,
// beside it, under it), found before the groups so that no group takes a
// label or its value for an answer; with inHeader true, those of the
// header band that head no column of values (labels above their values,
// in a form whose items run down). A label's value is the nearest cell
// right of it in its row, else the cell below it, when that cell is no
// heading and nothing else yet. Both are marked: the label as a label, the
// value as a value (furniture for furniture), so that no later step takes
// them.
func (r *Reader) labelledFields(sh *sheet, tables []*table, inHeader bool) []labelled {
	var out []labelled
	for _, c := range sh.cells {
		if !c.isHead || c.head.isItem() || c.role != roleNone ||
			!(c.head.field.isGroup() || c.head.field == fieldFiscalYear || c.head.field == fieldFurniture) {
			continue
		}
		t := headerOf(tables, c)
		if inHeader != (t != nil) || inHeader && t.headsValues(c) {
			continue
		}
		lf := labelled{field: c.head.field, label: c, place: sh.raw(c.r0, c.c1+1)}
		lf.value = r.valueBeside(sh, c)
		c.role = roleLabel
		if lf.value != nil {
			lf.value.role = roleValue
		}
		if lf.field == fieldFurniture {
			c.role = roleFurniture
			if lf.value != nil {
				lf.value.role = roleFurniture
			}
		}
		out = append(out, lf)
	}
	return out
}

// headerOf returns the table in whose header band a cell stands, if any.
func headerOf(tables []*table, c *cell) *table {
	for _, t := range tables {
		if top := t.v.top(c); top >= t.top && top <= t.bottom {
			return t
		}
	}
	return nil
}

// headsValues reports whether a heading cell heads a column of the table
// that holds a value in some group's row.
func (t *table) headsValues(c *cell) bool {
	v := t.v
	r0, c0, _, c1 := v.box(c)
	if r0 < t.top || r0 > t.bottom {
		return false
	}
	for j := c0; j <= c1; j++ {
		for _, g := range t.groups {
			for _, i := range g.rows {
				if x := v.at(i, j); x != nil && x != c && v.top(x) > t.bottom {
					return true
				}
			}
		}
	}
	return false
}

// maxGap is how many empty cells may stand between a label and its value.
const maxGap = 2

// valueBeside returns the value of a label: the first non-empty cell right
// of it in its row, at most maxGap empty cells away, unless that is a
// heading or furniture (記入者：…); else the cell right below it, unless
// that is a heading, or the first of a column of such values (a list under
// its heading, not a label's value); never below a label that stands under
// another. Cells another step already took are not values of a label.
func (r *Reader) valueBeside(sh *sheet, c *cell) *cell {
	gap := 0
	for j := c.c1 + 1; j < sh.nCols && gap <= maxGap; j++ {
		x := sh.at[c.r0][j]
		if x == nil || x == c {
			gap++
			continue
		}
		if x.isHead || x.role != roleNone || x.note {
			break
		}
		return x
	}
	if c.r1+1 >= sh.nRows || c.r0 > 0 && isLabel(sh.at[c.r0-1][c.c0]) {
		return nil // labels one under another have their values right of them
	}
	x := sh.at[c.r1+1][c.c0]
	if x == nil || x.isHead || x.role != roleNone || x.note {
		return nil
	}
	if x.r1+1 < sh.nRows {
		if next := sh.at[x.r1+1][x.c0]; next != nil && !next.isHead && r.sameKind(c.head.field, x, next) {
			return nil
		}
	}
	return x
}

// isLabel reports whether a cell is the heading of a field that labels a
// value (ブロック名, 委託病院), rather than an item's.
func isLabel(c *cell) bool {
	return c != nil && c.isHead && !c.head.isItem() && c.head.field != fieldNone && !c.head.field.isSub()
}

// sameKind reports whether two cells hold values of the same kind for a
// field: two group names, two hospitals, two dates, two fiscal years.
func (r *Reader) sameKind(f field, a, b *cell) bool {
	is := func(c *cell) bool {
		switch f {
		case fieldBlock:
			return r.knownBlock(c.Text)
		case fieldHospital:
			_, p := r.names.Hospital(c.Text)
			return p == nil && c.Text != ""
		case fieldStarted:
			_, p := normalize.EraDate(c.Text, r.Today)
			return c.Date != nil || p == nil
		case fieldFiscalYear:
			_, p := normalize.FiscalYear(c.Text, r.Today)
			return p == nil
		case fieldTier:
			return r.isTier(c.Text)
		}
		return false
	}
	return is(a) && is(b)
}
