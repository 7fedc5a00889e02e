package desk

import (
	"net/http"
	"slices"
	"strconv"

	"perinet"
	"perinet/intake"
	"perinet/store"
)

// A groupPage is a group's answers of every year, side by side.
type groupPage struct {
	Block perinet.Block
	Years []historyYear
	Rows  []historyRow
}

// A historyYear is how the group stood in one fiscal year.
type historyYear struct {
	FiscalYear int
	State      intake.State
	Accepted   *store.FileEntry  // the file whose Record stands; nil when none
	Files      []store.FileEntry // every file of the group that year
	record     *perinet.Record
}

// A historyRow is one field across the years.
type historyRow struct {
	Label string
	Item  int // the item's number, on the first row of an item; 0 otherwise
	Cells []historyCell
}

// A historyCell is one year's value of a field.
type historyCell struct {
	Lines    []string
	None     bool     // no Record stands for the year
	NotAsked bool     // the year's survey did not ask the item
	Changed  bool     // it differs from the latest earlier year with a value
	Before   []string // that year's value, when it changed
}

// group shows a group's answers of every year.
func (d *Desk) group(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	l, err := d.ledger(r.Context())
	if err != nil {
		d.storeFailed(w, r, err)
		return
	}
	p := groupPage{Block: perinet.Block{Name: name}}
	known := false
	for _, b := range d.survey.Blocks {
		if b.Name == name {
			p.Block, known = b, true
		}
	}
	var years []int
	for fy := range l.Files {
		if fy > 0 {
			years = append(years, fy)
		}
	}
	slices.Sort(years)
	for _, fy := range years {
		y := historyYear{FiscalYear: fy, State: intake.StateMissing}
		for _, g := range l.Status(fy, d.survey).Groups {
			if g.Block.Name == name {
				y.State, y.Accepted, y.Files = g.State(), g.Accepted, g.Files
			}
		}
		if rec, ok := l.Record(fy, name); ok && y.Accepted != nil {
			y.record = &rec
		}
		known = known || len(y.Files) > 0
		p.Years = append(p.Years, y)
	}
	if !known {
		d.fail(w, r, http.StatusNotFound, "「"+name+"」というグループは、調査にも記録にもありません。", nil)
		return
	}
	p.Rows = d.historyRows(p.Years)
	d.render(w, r, "group", http.StatusOK, frame{Title: name + "の回答の推移", Page: p})
}

// historyRows lays the years' Records out a field a row: the hospital,
// 開始年月, then each item any year asked, with its facility count and
// details when any year has them.
func (d *Desk) historyRows(years []historyYear) []historyRow {
	type field struct {
		label string
		item  int
		value func(r *perinet.Record) ([]string, bool) // the value, and whether the year asked it
	}
	whole := func(f func(r *perinet.Record) string) func(r *perinet.Record) ([]string, bool) {
		return func(r *perinet.Record) ([]string, bool) { return lines(f(r)), true }
	}
	fields := []field{
		{perinet.FieldLabel("hospital"), 0, whole(func(r *perinet.Record) string { return r.Hospital })},
		{perinet.FieldLabel("started"), 0, whole(func(r *perinet.Record) string { return startedText(r.Started) })},
	}
	var items []int
	counted, details := map[int]bool{}, map[int]bool{}
	for _, y := range years {
		if y.record == nil {
			continue
		}
		for _, it := range y.record.Items {
			if !slices.Contains(items, it.No) {
				items = append(items, it.No)
			}
			counted[it.No] = counted[it.No] || it.Counted
			details[it.No] = details[it.No] || len(it.Details) > 0
		}
	}
	slices.Sort(items)
	for _, no := range items {
		item := func(f func(it perinet.Item) []string) func(r *perinet.Record) ([]string, bool) {
			return func(r *perinet.Record) ([]string, bool) {
				for _, it := range r.Items {
					if it.No == no {
						return f(it), true
					}
				}
				return nil, false
			}
		}
		label := strconv.Itoa(no)
		if def, ok := d.survey.Item(no); ok {
			label += " " + def.Label
		}
		fields = append(fields, field{label, no, item(func(it perinet.Item) []string { return lines(markText(it.Mark)) })})
		if counted[no] {
			fields = append(fields, field{"　配布先", 0, item(func(it perinet.Item) []string { return lines(countText(it.DistributedTo)) })})
		}
		if details[no] {
			fields = append(fields, field{"　具体的内容", 0, item(func(it perinet.Item) []string { return it.Details })})
		}
	}
	rows := make([]historyRow, len(fields))
	for i, f := range fields {
		rows[i] = historyRow{Label: f.label, Item: f.item}
		var before []string
		seen := false
		for _, y := range years {
			c := historyCell{None: y.record == nil}
			if y.record != nil {
				var asked bool
				c.Lines, asked = f.value(y.record)
				c.NotAsked = !asked
				if asked {
					c.Changed = seen && !slices.Equal(before, c.Lines)
					if c.Changed {
						c.Before = before
					}
					before, seen = c.Lines, true
				}
			}
			rows[i].Cells = append(rows[i].Cells, c)
		}
	}
	return rows
}

// lines is a one-line value, none when empty.
func lines(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}
