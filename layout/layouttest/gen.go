// Package layouttest makes random cases for testing the reading of
// forms: random Records of the survey's groups, laid out by random
// layouts (package layout) that a person would read as meant, with the
// Records the contract says each file means. It is shared by the tests
// and the benchmarks that judge the layout reader.
package layouttest

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"perinet"
	"perinet/layout"
)

// A Case is one random submission: a layout and the Records it writes.
type Case struct {
	Seed       uint64
	FiscalYear int
	// NoYear says that the file names no fiscal year: the reader must be
	// given it (perinet check --year).
	NoYear  bool
	Layout  layout.Layout
	Records []perinet.Record // what the file means, as the contract reads it; Source left empty
	// Previous is set when the file keeps last year's answers on a sheet
	// of their own, which a reader should warn about.
	Previous bool
	Dims     []Dim // the values drawn for each dimension of the layout
}

// A Dim is the value a case drew for one dimension of its layout
// ("axis" = "items-down").
type Dim struct{ Name, Value string }

// String describes a case: its seed and its dimensions.
func (c Case) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "seed %d, FY%d:", c.Seed, c.FiscalYear)
	for _, d := range c.Dims {
		b.WriteString(" " + d.Name + "=" + d.Value)
	}
	return b.String()
}

// Today is the day the cases are judged as of: every date they hold is
// on or before it.
var Today = time.Date(2026, time.November, 25, 0, 0, 0, 0, perinet.Japan())

// New makes the case of a seed: the same seed, the same case.
func New(s *perinet.Survey, seed uint64) (Case, error) {
	g := &gen{r: rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15)), s: s}
	c := Case{Seed: seed, FiscalYear: 2010 + g.r.IntN(Today.Year()-2010+1)}
	if c.FiscalYear == Today.Year() && Today.Month() < time.April {
		c.FiscalYear--
	}
	groups := g.groups()
	l, err := g.layout(&c, groups)
	if err != nil {
		return c, fmt.Errorf("seed %d: %w", seed, err)
	}
	places, err := l.Table.Places(s)
	if err != nil {
		return c, fmt.Errorf("seed %d: %w", seed, err)
	}
	for _, b := range groups {
		c.Records = append(c.Records, g.record(b, c.FiscalYear, places, l))
	}
	g.extras(&c, l, groups, places)
	c.Layout = *l
	c.Dims = g.dims
	if _, err := layout.Render(c.Layout, s, c.FiscalYear, c.Records); err != nil {
		return c, fmt.Errorf("seed %d: %w\n%s", seed, err, c)
	}
	return c, nil
}

// A gen draws the values of one case, and notes each dimension's.
type gen struct {
	r    *rand.Rand
	s    *perinet.Survey
	dims []Dim
}

// note records the value of a dimension.
func (g *gen) note(name, value string) { g.dims = append(g.dims, Dim{name, value}) }

// pick draws one of values, each as likely, and records it.
func (g *gen) pick(name string, values ...string) string {
	v := values[g.r.IntN(len(values))]
	g.note(name, v)
	return v
}

// chance draws true with probability p, and records it as yes or no.
func (g *gen) chance(name string, p float64) bool {
	yes := g.r.Float64() < p
	g.note(name, map[bool]string{true: "yes", false: "no"}[yes])
	return yes
}

// weighted draws a value with the given weights, and records it.
func (g *gen) weighted(name string, values []string, weights []int) string {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := g.r.IntN(total)
	for i, w := range weights {
		if n < w {
			g.note(name, values[i])
			return values[i]
		}
		n -= w
	}
	panic("unreachable")
}

// word draws one of a list of words, unrecorded.
func (g *gen) word(words []string) string { return words[g.r.IntN(len(words))] }

// groups draws the groups of the submission: one, or several in the
// survey's order, or a network group and some of its sub-groups, or
// several in any order.
func (g *gen) groups() []perinet.Block {
	blocks := g.s.Blocks
	switch g.weighted("groups", []string{"one", "several", "parent+subs", "shuffled"}, []int{55, 20, 15, 10}) {
	case "one":
		return []perinet.Block{blocks[g.r.IntN(len(blocks))]}
	case "parent+subs":
		var parent perinet.Block
		var subs []perinet.Block
		for _, b := range blocks {
			if b.Tier == perinet.Subgroup {
				subs = append(subs, b)
			}
		}
		for _, b := range blocks {
			if b.Name == subs[0].Parent {
				parent = b
			}
		}
		out := []perinet.Block{parent}
		for _, b := range subs {
			if g.r.IntN(3) > 0 {
				out = append(out, b)
			}
		}
		if len(out) == 1 {
			out = append(out, subs[0])
		}
		return out
	}
	n := 2 + g.r.IntN(6)
	idx := g.r.Perm(len(blocks))[:n]
	if g.dims[len(g.dims)-1].Value == "several" {
		slices.Sort(idx)
	}
	var out []perinet.Block
	for _, i := range idx {
		out = append(out, blocks[i])
	}
	return out
}

// A unit is an item's lines, or a group field's line, kept together when
// lines are shuffled.
type unit []layout.Line

// layout draws a layout for the groups.
func (g *gen) layout(c *Case, groups []perinet.Block) (*layout.Layout, error) {
	s := g.s
	one := len(groups) == 1
	l := &layout.Layout{}
	t := &l.Table
	if one {
		t.Items = map[string]layout.Axis{"items-down": layout.Rows, "items-across": layout.Columns}[g.weighted("axis", []string{"items-down", "items-across"}, []int{70, 30})]
	} else {
		t.Items = map[string]layout.Axis{"groups-down": layout.Columns, "groups-across": layout.Rows}[g.weighted("axis", []string{"groups-down", "groups-across"}, []int{65, 35})]
	}
	t.Heads = 1 + g.r.IntN(2)
	g.note("heads", fmt.Sprint(t.Heads))

	// Where each part of an item's answer goes.
	parts := g.weighted("parts", []string{"lines", "published", "slots", "slots+count-line"}, []int{40, 25, 20, 15})
	details := map[int]bool{} // items with a details cell of their own
	for _, d := range s.Items {
		switch parts {
		case "published":
			details[d.No] = len(d.Columns) > 0 && !d.Counted
		case "lines":
			details[d.No] = true
		default:
			details[d.No] = true
		}
	}
	if parts == "lines" && g.chance("details-for-some", 0.3) {
		for _, d := range s.Items {
			details[d.No] = g.r.IntN(2) == 0
		}
	}
	switch parts {
	case "slots":
		t.Slots = []layout.Slot{{Sub: layout.Mark}, {Sub: layout.Count}, {Sub: layout.Details}}
	case "slots+count-line":
		t.Slots = []layout.Slot{{Sub: layout.Mark}, {Sub: layout.Details}}
	}
	if len(t.Slots) > 0 && g.chance("slot-order-shuffled", 0.25) {
		g.r.Shuffle(len(t.Slots), func(i, j int) { t.Slots[i], t.Slots[j] = t.Slots[j], t.Slots[i] })
	}
	for i := range t.Slots {
		t.Slots[i].Head = g.partWord(t.Slots[i].Sub, perinet.ItemDef{})
	}

	// The labels of the items.
	numbering := layout.Numberings[g.r.IntN(len(layout.Numberings))]
	g.note("numbering", fmt.Sprint(numberingNames[numbering]))
	words := g.pick("item-words", "survey", "paraphrase", "mixed")
	noteStyle := layout.NoteStyle(g.r.IntN(3))
	g.note("item-note", []string{"none", "after", "new-line"}[noteStyle])
	wrap := g.chance("wrapped-labels", 0.15)
	itemLabel := func(d perinet.ItemDef) string {
		w := 0
		if words == "paraphrase" || words == "mixed" && g.r.IntN(2) == 0 {
			w = 1
		}
		label := layout.ItemLabel(d, w, noteStyle, numbering)
		if wrap {
			label = layout.Wrap(label)
		}
		return label
	}
	partFirst := parts != "slots" && g.chance("details-before-mark", 0.25)
	compound := ""
	if t.Heads == 1 && (parts == "lines" || parts == "published" || parts == "slots+count-line") {
		styles := []string{"label+part", "part-only"}
		if numbering != layout.NumberNone {
			styles = append(styles, "number+part")
		}
		if partFirst {
			styles = slices.DeleteFunc(styles, func(s string) bool { return s == "part-only" })
		}
		compound = g.pick("compound", styles...)
	}

	// The items' lines.
	var items []unit
	for _, d := range s.Items {
		label := itemLabel(d)
		var u unit
		subs := []layout.Sub{layout.Any}
		switch parts {
		case "lines", "published":
			if d.Counted {
				subs = append(subs, layout.Count)
			}
			if details[d.No] {
				subs = append(subs, layout.Details)
			}
		case "slots+count-line":
			if d.Counted {
				subs = append(subs, layout.Count)
			}
		}
		if partFirst && len(subs) > 1 {
			subs = append(subs[1:], subs[0])
		}
		for _, sub := range subs {
			ln := layout.Line{Field: layout.Item, Item: d.No, Sub: sub}
			word := g.partWord(sub, d)
			switch {
			case len(subs) == 1:
				ln.Head = []string{label}
			case t.Heads == 2:
				ln.Head = []string{label, word}
			case compound == "number+part":
				ln.Head = []string{numbering.Label(d.No, word)}
			case compound == "label+part":
				ln.Head = []string{layout.ItemLabel(d, 0, layout.NoteNone, numbering) + "（" + word + "）"}
			case sub == layout.Any:
				ln.Head = []string{label}
			default:
				ln.Head = []string{"　" + word}
			}
			u = append(u, ln)
		}
		items = append(items, u)
	}
	if g.chance("item-order-shuffled", 0.25) {
		g.r.Shuffle(len(items), func(i, j int) { items[i], items[j] = items[j], items[i] })
	}

	// The group's own fields: labelled, or lines of the table.
	fields := []layout.Field{layout.Block, layout.Hospital}
	if g.chance("tier-field", 0.7) {
		fields = append(fields, layout.Tier)
	}
	if g.chance("started-field", 0.9) {
		fields = append(fields, layout.Started)
	}
	if g.chance("field-order-shuffled", 0.3) {
		g.r.Shuffle(len(fields), func(i, j int) { fields[i], fields[j] = fields[j], fields[i] })
	} else {
		slices.Sort(fields)
	}
	labelled := one && g.chance("labelled-fields", 0.6)
	var fieldUnits []unit
	if labelled {
		f := &layout.Fields{Indent: g.r.IntN(3), Gap: g.r.IntN(3)}
		switch g.pick("fields", "value-right", "value-below", "across", "across-below", "beside") {
		case "value-below":
			f.Below = true
		case "across":
			f.Across = true
		case "across-below":
			f.Across, f.Below = true, true
		case "beside":
			f.Beside, f.Gap = true, 1+g.r.IntN(2)
		}
		if g.chance("label-span", 0.2) {
			f.Span = 2
		}
		for _, fd := range fields {
			f.List = append(f.List, layout.Labelled{Field: fd, Label: g.fieldLabel(fd)})
		}
		if !f.Below && g.chance("value-span", 0.25) {
			for i := range f.List {
				f.List[i].Span = 1 + g.r.IntN(3)
			}
		}
		l.Fields = f
	} else {
		g.note("fields", "lines")
		for _, fd := range fields {
			fieldUnits = append(fieldUnits, unit{{Field: fd, Head: []string{g.fieldLabel(fd)}}})
		}
		if !one && slices.Contains(fields, layout.Tier) {
			t.TierRuns = g.chance("tier-runs", 0.4)
			if groups[0].Tier == perinet.Network && len(groups) > 1 && groups[1].Parent == groups[0].Name && g.chance("parent-span", 0.6) {
				t.ParentSpan = true
				fieldUnits = slices.DeleteFunc(fieldUnits, func(u unit) bool { return u[0].Field == layout.Tier || u[0].Field == layout.Block })
				tierBlock := unit{{Field: layout.Tier, Head: []string{g.fieldLabel(layout.Block)}}, {Field: layout.Block}}
				tierBlock[1].Head = tierBlock[0].Head
				if g.chance("tier-own-heading", 0.5) {
					tierBlock[0].Head = []string{g.fieldLabel(layout.Tier)}
				}
				fieldUnits = append([]unit{tierBlock}, fieldUnits...)
			}
		}
	}
	var lines []layout.Line
	for _, u := range fieldUnits {
		lines = append(lines, u...)
	}
	nFieldLines := len(lines)
	for _, u := range items {
		lines = append(lines, u...)
		if g.r.IntN(12) == 0 {
			t.Blank = append(t.Blank, len(lines)-1)
		}
	}
	t.Lines = lines
	g.note("blank-lines", fmt.Sprint(len(t.Blank)))
	if !one {
		for i := -1; i < len(groups)-1; i++ {
			if g.r.IntN(10) == 0 {
				t.BlankGroups = append(t.BlankGroups, i)
			}
		}
		g.note("blank-groups", fmt.Sprint(len(t.BlankGroups)))
	}

	// Slot headings: needed when a group has several cells.
	if len(t.Slots) > 1 || one && t.Items == layout.Rows && g.chance("value-heading", 0.5) {
		t.SlotHeads, t.SlotHeadsAt = true, nFieldLines
		if len(t.Slots) == 0 {
			t.Slots = []layout.Slot{{Sub: layout.Any, Head: g.partWord(layout.Any, perinet.ItemDef{})}}
		}
		t.Corner = g.word(append(slices.Clone(layout.Words(g.s, layout.NoField, layout.Any)), ""))
		g.note("corner", map[bool]string{true: "blank", false: "word"}[t.Corner == ""])
	}
	hasOwnDetails := parts != "published" || slices.ContainsFunc(s.Items, func(d perinet.ItemDef) bool { return details[d.No] })
	t.DetailRows = hasOwnDetails && g.chance("detail-rows", 0.2)
	// A heading repeated down a details cell's added rows would read as
	// lines of their own: those rows are merged or left blank.
	t.Fill = layout.Fill(g.r.IntN(map[bool]int{true: 2, false: 3}[t.DetailRows]))
	g.note("fill", []string{"merge", "once", "repeat"}[t.Fill])
	t.ValueFill = layout.Fill(g.r.IntN(2))
	g.note("value-fill", []string{"merge", "once"}[t.ValueFill])
	t.Gap, t.Indent = g.r.IntN(3), g.r.IntN(3)
	g.note("offset", fmt.Sprintf("%d,%d", t.Gap, t.Indent))

	// Title and fiscal year.
	l.Year = layout.YearStyle(g.r.IntN(4))
	g.note("year-style", []string{"both", "era", "letter", "western"}[l.Year])
	title := g.word(titles)
	merge := g.chance("head-merged", 0.5)
	yearAt := []string{"own-line", "in-title", "before-title", "none", "no-head"}
	if labelled {
		yearAt = append(yearAt, "field")
	}
	switch g.pick("year", yearAt...) {
	case "own-line":
		l.Head = []layout.HeadLine{{Text: title, Merge: merge}, {Text: layout.YearMark}}
	case "in-title":
		l.Head = []layout.HeadLine{{Text: title + "（" + layout.YearMark + "）", Merge: merge}}
	case "before-title":
		l.Head = []layout.HeadLine{{Text: layout.YearMark + "　" + title, Merge: merge}}
	case "field":
		l.Head = []layout.HeadLine{{Text: title, Merge: merge}}
		l.Fields.List = append([]layout.Labelled{{Field: layout.FiscalYear, Label: g.fieldLabel(layout.FiscalYear)}}, l.Fields.List...)
	case "none":
		l.Head = []layout.HeadLine{{Text: title, Merge: merge}}
		c.NoYear = true
	case "no-head":
		c.NoYear = true
	}
	l.HeadIndent = g.r.IntN(2)
	l.Sheet = strings.ReplaceAll(g.word(formSheets), layout.YearMark, l.Year.Write(c.FiscalYear))
	if c.NoYear && strings.Contains(l.Sheet, "年度") {
		l.Sheet = "調査票"
	}

	// Notes beside or below the table.
	below := l.Fields != nil && l.Fields.Beside || g.r.IntN(2) == 0 // beside the table may stand the fields
	for i, at := range g.r.Perm(4)[:g.r.IntN(3)] {
		n := layout.Note{Text: g.word(remarks), Gap: 1, At: at}
		if below {
			n.Below, n.Gap, n.At = true, 1+i, 0
		}
		l.Notes = append(l.Notes, n)
	}
	g.note("notes", fmt.Sprintf("%d-%s", len(l.Notes), map[bool]string{true: "below", false: "right"}[below]))

	places, err := t.Places(s)
	if err != nil {
		return nil, err
	}
	g.notation(l, places)
	return l, nil
}

// numberingNames name the numbering styles for the tallies.
var numberingNames = map[layout.Numbering]string{
	layout.NumberNone: "none", layout.NumberWide: "３　", layout.NumberSpace: "3 ", layout.NumberDot: "3.",
	layout.NumberParen: "(3)", layout.NumberCircled: "③", layout.NumberItem: "項目3", layout.NumberNo: "No.3",
}

// fieldLabel draws one of the survey's words for a group field.
func (g *gen) fieldLabel(f layout.Field) string {
	return g.word(layout.Words(g.s, f, layout.Any))
}

// partWord draws a word for a part of an item: for its mark, one of the
// item's own (リストの有無) or the survey's; for its count and details,
// the survey's.
func (g *gen) partWord(sub layout.Sub, d perinet.ItemDef) string {
	if sub == layout.Count || sub == layout.Details {
		return g.word(layout.Words(g.s, layout.Item, sub))
	}
	if len(d.Columns) > 0 && g.r.IntN(2) == 0 {
		return d.Columns[0]
	}
	marks := slices.DeleteFunc(slices.Clone(layout.Words(g.s, layout.Item, layout.Mark)), func(w string) bool { return w == "リストの有無" || w == "連携リストの有無" })
	if d.Counted {
		marks = append(marks, "連携リストの有無")
	}
	return g.word(marks)
}

// notation draws how the values are written. Marks that are not a
// circle, a cross or a triangle (レ, ✓) are drawn only when no item shares
// its mark's cell with text, where they could be read as the text's.
func (g *gen) notation(l *layout.Layout, places map[int]layout.Place) {
	n := &l.Notation
	shared := false
	for _, p := range places {
		shared = shared || p.Shared
	}
	yes := []string{"○", "◯", "〇", "●", "○◯〇"}
	if !shared {
		yes = append(yes, "レ", "✓")
	}
	n.Yes = g.pick("mark-yes", yes...)
	n.No = g.weighted("mark-no", []string{"×", "✕"}, []int{3, 1})
	n.Partial = "△"
	n.Count = layout.CountStyle(g.r.IntN(5))
	g.note("count", []string{"103施設", "１０３施設", "103", "number", "number-施設"}[n.Count])
	n.Started = layout.DateStyle(g.r.IntN(13))
	g.note("date", []string{"H22年2月", "Ｈ22年2月", "平成22年2月", "H22.2", "2010年2月", "2010/2", "平成22年2月1日",
		"2010/2/1", "text-cell", "cell-era", "cell-era-day", "cell-month", "cell-day"}[n.Started])
	n.Hospital = g.r.IntN(3)
	g.note("hospital", []string{"full", "short", "alias"}[n.Hospital])
	n.Block = g.r.IntN(2)
	g.note("block", []string{"canonical", "alias"}[n.Block])
	n.Brackets = g.chance("half-brackets", 0.3)
	n.Tier = g.r.IntN(2)
	g.note("tier-word", fmt.Sprint(n.Tier))
	n.Bullet = layout.Bullet(g.r.IntN(6))
	g.note("bullet", []string{"none", "・", "1.", "(1)", "①", "inline"}[n.Bullet])
	n.Width = layout.Width(g.r.IntN(3))
	g.note("width", []string{"as-is", "wide", "narrow"}[n.Width])
	n.NoteInCount = g.chance("note-in-count", 0.3)
}

// record draws the Record of a group for fiscal year fy, with values
// only where the layout has cells for them.
func (g *gen) record(b perinet.Block, fy int, places map[int]layout.Place, l *layout.Layout) perinet.Record {
	r := perinet.Record{FiscalYear: fy, Tier: b.Tier, Block: b.Name, Parent: b.Parent, Hospital: b.Hospital}
	if l.Has(layout.Started) && g.r.IntN(10) > 0 {
		r.Started = g.started(fy, l.Notation.Started.ShowsDay())
	}
	for _, d := range g.s.Items {
		it := perinet.Item{No: d.No, Counted: d.Counted, Details: []string{}}
		p := places[d.No]
		switch n := g.r.IntN(100); {
		case n < 55:
			it.Mark = perinet.Yes
		case n < 67:
			it.Mark = perinet.No
		case n < 75:
			it.Mark = perinet.Partial
		}
		done := it.Mark == perinet.Yes || it.Mark == perinet.Partial
		vocab := trainings
		if d.Counted {
			vocab = listNotes
		}
		if (p.Details || p.Shared) && (done || d.FreeText && it.Mark == perinet.Blank) {
			for _, i := range g.r.Perm(len(vocab))[:[]int{0, 0, 1, 1, 1, 2, 2, 3, 4}[g.r.IntN(9)]] {
				it.Details = append(it.Details, vocab[i])
			}
		}
		if d.Counted && done && p.Count {
			switch n := g.r.IntN(100); {
			case n < 65:
				to := 1 + g.r.IntN(300)
				it.DistributedTo = &to
			case n < 85 && l.Notation.NoteInCount:
				it.Details = append(it.Details, listNotes[g.r.IntN(len(listNotes))])
			}
		}
		if d.Counted && it.DistributedTo == nil && !p.Details && !(p.Count && l.Notation.NoteInCount) {
			it.Details = []string{}
		}
		if d.Counted && !p.Details && len(it.Details) > 1 {
			it.Details = it.Details[len(it.Details)-1:] // the note in the count cell only
		}
		r.Items = append(r.Items, it)
	}
	return r
}

// started draws a start date from 1995 to the end of fiscal year fy and
// not after Today, with a day when the notation shows one.
func (g *gen) started(fy int, day bool) *perinet.Date {
	last := time.Date(fy+1, time.March, 1, 0, 0, 0, 0, time.UTC)
	if today := time.Date(Today.Year(), Today.Month(), 1, 0, 0, 0, 0, time.UTC); last.After(today) {
		last = today
	}
	first := time.Date(1995, time.January, 1, 0, 0, 0, 0, time.UTC)
	months := (last.Year()-first.Year())*12 + int(last.Month()-first.Month())
	m := first.AddDate(0, g.r.IntN(months+1), 0)
	d := &perinet.Date{Year: m.Year(), Month: int(m.Month())}
	if day {
		d.Day = 1 + g.r.IntN(28)
		if d.Year == Today.Year() && time.Month(d.Month) == Today.Month() {
			d.Day = 1 + g.r.IntN(Today.Day())
		}
	}
	return d
}

// extras draws the other sheets of the file: an example filled in for a
// made-up group, last year's answers of the same groups.
func (g *gen) extras(c *Case, l *layout.Layout, groups []perinet.Block, places map[int]layout.Place) {
	if g.chance("example-sheet", 0.15) {
		made := perinet.Block{Name: "○○ブロック", Hospital: "○○病院", Tier: perinet.Network}
		title := "【記入例】"
		if len(l.Head) > 0 {
			title += l.Head[0].Text
		}
		l.Extras = append(l.Extras, layout.Extra{Kind: layout.Example, Sheet: "記入例", Title: title, Before: g.r.IntN(2) == 0,
			Records: []perinet.Record{g.record(made, c.FiscalYear, places, l)}})
	}
	if !c.NoYear && g.chance("previous-sheet", 0.15) {
		x := layout.Extra{Kind: layout.Previous, Sheet: l.Year.Write(c.FiscalYear - 1), Before: g.r.IntN(2) == 0}
		for _, b := range groups {
			x.Records = append(x.Records, g.record(b, c.FiscalYear-1, places, l))
		}
		l.Extras = append(l.Extras, x)
		c.Previous = true
	}
}
