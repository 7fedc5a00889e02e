package layout

import (
	"fmt"
	"slices"
	"strings"

	"perinet"
)

// A Place says which parts of an item's answer a table has cells for,
// besides its main cell (its mark), which every item has.
type Place struct {
	Count   bool // a cell for the facility count, or a note in its place
	Details bool // a cell of their own for the details
	// Shared: the details share the main cell, after the mark (a free-text
	// item with no details cell of its own, as in the published table).
	Shared bool
}

// Places returns, by item number, the parts of each item's answer that
// the table has cells for. It fails when an item has no main cell or two,
// or two cells for one part, or when a line names an item the survey does
// not have.
func (t Table) Places(s *perinet.Survey) (map[int]Place, error) {
	slots := t.slots()
	type tally struct{ mark, count, details int }
	seen := map[int]*tally{}
	for _, d := range s.Items {
		seen[d.No] = &tally{}
	}
	for _, ln := range t.Lines {
		if ln.Field != Item {
			continue
		}
		d, ok := s.Item(ln.Item)
		if !ok {
			return nil, fmt.Errorf("a line of item %d, which the survey does not have", ln.Item)
		}
		for k := range slots {
			switch sub, ok := part(d, ln.Sub, slots, k); {
			case !ok:
			case sub == Mark:
				seen[d.No].mark++
			case sub == Count:
				seen[d.No].count++
			case sub == Details:
				seen[d.No].details++
			}
		}
	}
	places := map[int]Place{}
	for _, d := range s.Items {
		n := seen[d.No]
		if n.mark != 1 || n.count > 1 || n.details > 1 {
			return nil, fmt.Errorf("item %d has %d main cells, %d count cells and %d details cells; want 1, at most 1, at most 1",
				d.No, n.mark, n.count, n.details)
		}
		places[d.No] = Place{Count: n.count == 1, Details: n.details == 1, Shared: d.FreeText && n.details == 0}
	}
	return places, nil
}

// part returns the part of item d's answer that the cell of a line of
// part line and slot k holds, and false for a cell that holds none. A
// line of Any takes the slot's part; a line of a part puts it in its
// home slot only.
func part(d perinet.ItemDef, line Sub, slots []Slot, k int) (Sub, bool) {
	sub := slots[k].Sub
	if line != Any {
		if k != home(slots, line) {
			return 0, false
		}
		sub = line
	}
	if sub == Any {
		sub = Mark
	}
	if sub == Count && !d.Counted {
		return 0, false
	}
	return sub, true
}

// home returns the slot that holds a line's part: the slot of that part,
// or else the first slot of Any or Mark (the value column), or else the
// first.
func home(slots []Slot, sub Sub) int {
	if i := slices.IndexFunc(slots, func(s Slot) bool { return s.Sub == sub }); i >= 0 {
		return i
	}
	if i := slices.IndexFunc(slots, func(s Slot) bool { return s.Sub == Any || s.Sub == Mark }); i >= 0 {
		return i
	}
	return 0
}

// slots returns the table's slots: one of Any when it names none.
func (t Table) slots() []Slot {
	if len(t.Slots) == 0 {
		return []Slot{{Sub: Any}}
	}
	return t.Slots
}

// A tableRender is a table being laid out in its own coordinates: u along
// the item axis (a line, or a blank line, or the slot headings' line), v
// along the groups' (the heading levels, then each group's slots).
type tableRender struct {
	t       Table
	survey  *perinet.Survey
	answers []Answer
	slots   []Slot
	places  map[int]Place

	lineU, lineExt  []int   // each line's first u and its extent in u
	slotHeadU       int     // the u of the slot headings, or -1
	blankU          []int   // blank lines
	groupV, slotExt [][]int // each group's slots' first v, and their extents
	blankV          []int   // blank lines between groups
	u, v            int     // the table's size
}

// A tcell is a cell of a table in its own coordinates.
type tcell struct {
	u, v, du, dv int
	value        Value
	role         Role
}

// newTableRender checks the table against the survey and the answers and
// works out the place of every line and every group.
func newTableRender(t Table, s *perinet.Survey, answers []Answer) (*tableRender, error) {
	if t.Heads != 1 && t.Heads != 2 {
		return nil, fmt.Errorf("%d heading levels; want 1 or 2", t.Heads)
	}
	for i, ln := range t.Lines {
		if len(ln.Head) < 1 || len(ln.Head) > t.Heads {
			return nil, fmt.Errorf("line %d has %d headings in a table of %d levels", i+1, len(ln.Head), t.Heads)
		}
		if ln.Field != Item && ln.Sub != Any {
			return nil, fmt.Errorf("line %d: a group field's line with a part", i+1)
		}
	}
	if t.SlotHeads && (t.SlotHeadsAt < 0 || t.SlotHeadsAt > len(t.Lines)) {
		return nil, fmt.Errorf("slot headings before line %d of %d", t.SlotHeadsAt+1, len(t.Lines))
	}
	for _, b := range t.Blank {
		if b < -1 || b >= len(t.Lines) {
			return nil, fmt.Errorf("a blank line after line %d of %d", b+1, len(t.Lines))
		}
	}
	for _, b := range t.BlankGroups {
		if b < -1 || b >= len(answers) {
			return nil, fmt.Errorf("a blank line after group %d of %d", b+1, len(answers))
		}
	}
	r := &tableRender{t: t, survey: s, answers: answers, slots: t.slots(), slotHeadU: -1}
	if t.NoteRuns && len(r.slots) != 1 {
		return nil, fmt.Errorf("notes merged over groups with %d slots a group", len(r.slots))
	}
	if t.ParentSpan {
		tier, block := r.fieldLine(Tier), r.fieldLine(Block)
		if tier < 0 || block != tier+1 {
			return nil, fmt.Errorf("a parent's name across the tier and the name, which are not side by side")
		}
	}
	var err error
	if r.places, err = t.Places(s); err != nil {
		return nil, err
	}
	if err := r.fit(); err != nil {
		return nil, err
	}
	r.extents()
	return r, nil
}

// fieldLine returns the index of the line of a group field, or -1.
func (r *tableRender) fieldLine(f Field) int {
	return slices.IndexFunc(r.t.Lines, func(l Line) bool { return l.Field == f })
}

// fit requires every value of the answers to have a cell.
func (r *tableRender) fit() error {
	for _, a := range r.answers {
		for _, ia := range a.Items {
			p := r.places[ia.No]
			if len(ia.Details) > 0 && !p.Details && !p.Shared {
				return fmt.Errorf("%s: item %d has details, and no cell for them", a.Group, ia.No)
			}
			if (!ia.Count.IsEmpty() || ia.Note != "") && !p.Count {
				return fmt.Errorf("%s: item %d has a count, and no cell for it", a.Group, ia.No)
			}
		}
	}
	return nil
}

// item returns a group's answer to item no.
func (a Answer) item(no int) ItemAnswer {
	for _, ia := range a.Items {
		if ia.No == no {
			return ia
		}
	}
	return ItemAnswer{No: no}
}

// detailRows reports whether the cell of a line and a slot spreads its
// entries over rows, and the rows it needs for group a.
func (r *tableRender) detailRows(ln Line, k int, a Answer) (bool, int) {
	if !r.t.DetailRows || ln.Field != Item {
		return false, 1
	}
	d, _ := r.survey.Item(ln.Item)
	if sub, ok := part(d, ln.Sub, r.slots, k); !ok || sub != Details {
		return false, 1
	}
	return true, max(1, len(a.item(ln.Item).Details))
}

// extents places the lines along u and the groups along v, a details
// cell taking as many rows as its entries when DetailRows.
func (r *tableRender) extents() {
	t := r.t
	linesAreRows := t.Items == Rows
	r.lineExt = make([]int, len(t.Lines))
	r.slotExt = make([][]int, len(r.answers))
	for g := range r.answers {
		r.slotExt[g] = make([]int, len(r.slots))
	}
	for i, ln := range t.Lines {
		r.lineExt[i] = 1
		for g, a := range r.answers {
			for k := range r.slots {
				r.slotExt[g][k] = max(r.slotExt[g][k], 1)
				if _, n := r.detailRows(ln, k, a); linesAreRows {
					r.lineExt[i] = max(r.lineExt[i], n)
				} else {
					r.slotExt[g][k] = max(r.slotExt[g][k], n)
				}
			}
		}
	}
	u := 0
	r.lineU = make([]int, len(t.Lines))
	for i := 0; i <= len(t.Lines); i++ {
		if t.SlotHeads && t.SlotHeadsAt == i {
			r.slotHeadU = u
			u++
		}
		blanksAfter := func(j int) {
			for _, b := range t.Blank {
				if b == j {
					r.blankU = append(r.blankU, u)
					u++
				}
			}
		}
		if i == 0 {
			blanksAfter(-1)
		}
		if i < len(t.Lines) {
			r.lineU[i] = u
			u += r.lineExt[i]
			blanksAfter(i)
		}
	}
	r.u = u
	v := t.Heads
	blanksAfter := func(j int) {
		for _, b := range t.BlankGroups {
			if b == j {
				r.blankV = append(r.blankV, v)
				v++
			}
		}
	}
	blanksAfter(-1)
	r.groupV = make([][]int, len(r.answers))
	for g := range r.answers {
		r.groupV[g] = make([]int, len(r.slots))
		for k := range r.slots {
			r.groupV[g][k] = v
			v += r.slotExt[g][k]
		}
		blanksAfter(g)
	}
	r.v = v
}

// groupSpan returns the first v of group g and the number of v it takes.
func (r *tableRender) groupSpan(g int) (int, int) {
	last := len(r.slots) - 1
	return r.groupV[g][0], r.groupV[g][last] + r.slotExt[g][last] - r.groupV[g][0]
}

// adjacent reports whether group g+1 follows group g with no blank line between.
func (r *tableRender) adjacent(g int) bool {
	v, n := r.groupSpan(g)
	return g+1 < len(r.answers) && r.groupV[g+1][0] == v+n
}

// fill writes a text over a rectangle of cells as f says: one merged
// cell, the text in the first cell and the others blank, or the text in
// every cell. The blank cells keep the role, with no value.
func fill(f Fill, u, v, du, dv int, value Value, role Role) []tcell {
	if f == Merge || du*dv == 1 {
		return []tcell{{u, v, du, dv, value, role}}
	}
	var out []tcell
	for i := range du {
		for j := range dv {
			c := tcell{u + i, v + j, 1, 1, value, role}
			if f == Once && (i > 0 || j > 0) {
				c.value = Text("")
			}
			out = append(out, c)
		}
	}
	return out
}

// headings returns the corner, the slot headings and the lines' headings,
// line by line: an item's heading, then the part's under it.
func (r *tableRender) headings() []tcell {
	t := r.t
	var out []tcell
	if t.SlotHeads {
		out = append(out, fill(t.Fill, r.slotHeadU, 0, 1, t.Heads, Text(t.Corner), Role{Part: InTable, Kind: KindHeading})...)
		for g := range r.answers {
			for k, sl := range r.slots {
				out = append(out, fill(t.Fill, r.slotHeadU, r.groupV[g][k], 1, r.slotExt[g][k], Text(sl.Head),
					Role{Part: InTable, Kind: KindHeading, Sub: sl.Sub})...)
			}
		}
	}
	for i := 0; i < len(t.Lines); {
		ln := t.Lines[i]
		j := i
		for j+1 < len(t.Lines) && r.lineU[j+1] == r.lineU[j]+r.lineExt[j] &&
			len(t.Lines[j+1].Head) == len(ln.Head) && t.Lines[j+1].Head[0] == ln.Head[0] {
			j++
		}
		u, du := r.lineU[i], r.lineU[j]+r.lineExt[j]-r.lineU[i]
		role := Role{Part: InTable, Kind: KindHeading, Field: ln.Field, Item: ln.Item, Level: 1}
		if len(ln.Head) < t.Heads {
			role.Sub = ln.Sub
			out = append(out, fill(t.Fill, u, 0, du, t.Heads, Text(ln.Head[0]), role)...)
		} else {
			out = append(out, fill(t.Fill, u, 0, du, 1, Text(ln.Head[0]), role)...)
		}
		for m := i; m <= j && len(ln.Head) == 2; m++ {
			lm := t.Lines[m]
			out = append(out, fill(t.Fill, r.lineU[m], 1, r.lineExt[m], 1, Text(lm.Head[1]),
				Role{Part: InTable, Kind: KindHeading, Field: lm.Field, Item: lm.Item, Sub: lm.Sub, Level: 2})...)
		}
		i = j + 1
	}
	return out
}

// body returns the cells of the groups: their fields' values and their
// answers, and the blank cells of blank lines and of parts an item does
// not have.
func (r *tableRender) body() []tcell {
	var out []tcell
	for i, ln := range r.t.Lines {
		for g, a := range r.answers {
			if ln.Field != Item {
				out = append(out, r.fieldCells(i, ln, g, a)...)
				continue
			}
			for k, sl := range r.slots {
				out = append(out, r.itemCells(i, ln, g, k, sl, a)...)
			}
		}
	}
	blank := func(u, v int) tcell {
		sub := Any
		if k := r.slotAt(v); k >= 0 {
			sub = r.slots[k].Sub
		}
		return tcell{u, v, 1, 1, Text(""), Role{Part: InTable, Kind: KindBlank, Sub: sub}}
	}
	for _, u := range r.blankU {
		for v := range r.v {
			out = append(out, blank(u, v))
		}
	}
	for _, v := range r.blankV {
		for u := range r.u {
			if !slices.Contains(r.blankU, u) {
				out = append(out, blank(u, v))
			}
		}
	}
	return out
}

// slotAt returns the slot at v, or -1 in the heading band or a blank line.
func (r *tableRender) slotAt(v int) int {
	for g := range r.answers {
		for k := range r.slots {
			if v >= r.groupV[g][k] && v < r.groupV[g][k]+r.slotExt[g][k] {
				return k
			}
		}
	}
	return -1
}

// field returns the value of a group's own field as written: its name,
// tier, hospital or start; an empty text for another field.
func (a Answer) field(f Field) Value {
	switch f {
	case Block:
		return Text(a.Block)
	case Tier:
		return Text(a.TierAs)
	case Hospital:
		return Text(a.Hospital)
	case Started:
		return a.Started
	}
	return Text("")
}

// fieldCells returns the cells of group a's field on line i: its value
// over all of the group's slots, or the tier of a run of groups, or a
// parent's name across the tier and name lines.
func (r *tableRender) fieldCells(i int, ln Line, g int, a Answer) []tcell {
	t := r.t
	v, dv := r.groupSpan(g)
	role := Role{Part: InTable, Kind: KindValue, Field: ln.Field, Group: a.Group}
	value := a.field(ln.Field)
	parent := t.ParentSpan && r.isParent(g)
	switch {
	case ln.Field == Tier && parent:
		return nil // the parent's name stands here
	case ln.Field == Block && parent:
		return fill(t.ValueFill, r.lineU[i-1], v, 2, dv, value, role)
	case ln.Field == Tier && t.TierRuns:
		if g > 0 && r.adjacent(g-1) && r.sameTier(g-1, g) {
			return nil // in the run above
		}
		end := g
		for r.adjacent(end) && r.sameTier(end, end+1) {
			end++
		}
		ve, de := r.groupSpan(end)
		return fill(t.ValueFill, r.lineU[i], v, 1, ve+de-v, value, role)
	}
	return fill(t.ValueFill, r.lineU[i], v, 1, dv, value, role)
}

// isParent reports whether group g is a network group followed by a
// sub-group of its own.
func (r *tableRender) isParent(g int) bool {
	return r.answers[g].Tier == perinet.Network && g+1 < len(r.answers) && r.answers[g+1].Parent == r.answers[g].Group
}

// sameTier reports whether groups g and h belong to one run of a tier: of
// the same tier, neither a parent written across the tier.
func (r *tableRender) sameTier(g, h int) bool {
	a, b := r.answers[g], r.answers[h]
	if r.t.ParentSpan && (r.isParent(g) || r.isParent(h)) {
		return false
	}
	return a.Tier == b.Tier && a.TierAs == b.TierAs
}

// itemCells returns the cells of group a's answer on line i in slot k.
func (r *tableRender) itemCells(i int, ln Line, g, k int, sl Slot, a Answer) []tcell {
	d, _ := r.survey.Item(ln.Item)
	u, v := r.lineU[i], r.groupV[g][k]
	du, dv := r.lineExt[i], r.slotExt[g][k]
	// The cell is du by dv, one of which is 1: rows added for another
	// cell's details. cells returns the given cells, which fill it from
	// its start, and blank cells for the rest.
	cells := func(filled ...tcell) []tcell {
		out := filled
		for x := range du {
			for y := range dv {
				if x+y >= len(filled) {
					out = append(out, tcell{u + x, v + y, 1, 1, Text(""), Role{Part: InTable, Kind: KindBlank, Field: Item, Item: d.No, Sub: sl.Sub}})
				}
			}
		}
		return out
	}
	sub, ok := part(d, ln.Sub, r.slots, k)
	if !ok {
		return cells()
	}
	ia := a.item(d.No)
	role := Role{Part: InTable, Kind: KindValue, Field: Item, Item: d.No, Sub: sub, Group: a.Group}
	switch sub {
	case Mark:
		text := ia.Mark
		if r.places[d.No].Shared {
			role.Sub = Any
			text = strings.Join(slices.DeleteFunc(append([]string{ia.Mark}, ia.Details...), func(s string) bool { return s == "" }), "\n")
		}
		return cells(tcell{u, v, 1, 1, Text(text), role})
	case Count:
		value := ia.Count
		if value.IsEmpty() {
			value = Text(ia.Note)
		}
		if r.t.NoteRuns && ia.Note != "" {
			if g > 0 && r.adjacent(g-1) && r.answers[g-1].item(d.No).Note == ia.Note {
				return nil // under the note above
			}
			end := g
			for r.adjacent(end) && r.answers[end+1].item(d.No).Note == ia.Note {
				end++
			}
			ve, de := r.groupSpan(end)
			return []tcell{{u, v, 1, ve + de - v, value, role}}
		}
		return cells(tcell{u, v, 1, 1, value, role})
	}
	if spread, _ := r.detailRows(ln, k, a); spread && len(ia.Details) > 1 {
		var out []tcell
		for n, e := range ia.Details {
			c := tcell{u, v + n, 1, 1, Text(e), role}
			if r.t.Items == Rows {
				c = tcell{u + n, v, 1, 1, Text(e), role}
			}
			out = append(out, c)
		}
		return cells(out...)
	}
	return cells(tcell{u, v, 1, 1, Text(strings.Join(ia.Details, "\n")), role})
}

// cells places the table with its first cell at (top, left) and returns
// its headings, in the order of the lines, its body, row by row, and the
// rows and columns it takes.
func (r *tableRender) cells(top, left int) (heads, body []Cell, rows, cols int) {
	place := func(tcs []tcell) []Cell {
		out := make([]Cell, 0, len(tcs))
		for _, c := range tcs {
			cell := Cell{Row: top + c.v, Col: left + c.u, Rows: c.dv, Cols: c.du, Value: c.value, Role: c.role}
			if r.t.Items == Rows {
				cell = Cell{Row: top + c.u, Col: left + c.v, Rows: c.du, Cols: c.dv, Value: c.value, Role: c.role}
			}
			out = append(out, cell)
		}
		return out
	}
	heads, body = place(r.headings()), place(r.body())
	sortCells(body)
	if r.t.Items == Rows {
		return heads, body, r.u, r.v
	}
	return heads, body, r.v, r.u
}
