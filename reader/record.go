package reader

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"perinet"
	"perinet/normalize"
)

// A groupRead is what the layout found of one group: the slot of each of
// its fields, before any value is read.
type groupRead struct {
	block  slot
	fields map[field]*slot // hospital, started
	tiers  []*cell         // the tier as written, which the block decides
	items  map[int]*itemSlots
}

// A recordBuilder reads the values of one group's slots into its Record,
// noting where each field was read and under which heading.
type recordBuilder struct {
	r        *Reader
	rec      perinet.Record
	problems []perinet.Problem
}

// record turns one group's slots into its Record and the problems of its
// values, every problem with its cell.
func (r *Reader) record(fy fiscalYear, g groupRead) (perinet.Record, []perinet.Problem) {
	b := &recordBuilder{r: r, rec: perinet.Record{FiscalYear: fy.year,
		Source: perinet.Source{Where: map[string]string{}, Headings: map[string]perinet.Heading{}}}}
	if fy.cell != nil {
		b.rec.Source.Where["fiscal_year"] = fy.cell.Where
		if fy.label != nil {
			b.heading("fiscal_year", fy.label)
		}
	}
	b.block(g.block)
	b.tier(g.tiers)
	b.hospital(g.fields[fieldHospital])
	b.started(g.fields[fieldStarted])
	for _, def := range r.survey.Items {
		switch {
		case def.AskedIn(fy.year):
			b.rec.Items = append(b.rec.Items, b.item(def, g.items[def.No]))
		case g.items[def.No] != nil:
			b.notAsked(def, fy.year, g.items[def.No])
		}
	}
	if len(b.rec.Source.Headings) == 0 {
		b.rec.Source.Headings = nil
	}
	return b.rec, b.problems
}

// where notes the place of a field.
func (b *recordBuilder) where(field string, c *perinet.Cell) {
	if c != nil && c.Where != "" {
		b.rec.Source.Where[field] = c.Where
	}
}

// heading notes the heading a field was read under.
func (b *recordBuilder) heading(field string, h *cell) {
	if h == nil {
		return
	}
	m := perinet.Heading{Where: h.Where, Text: h.Text, Match: h.head.match.String()}
	if h.head.match == matchSimilar {
		m.Score = math.Round(h.head.score*100) / 100
	}
	b.rec.Source.Headings[field] = m
}

// problem adds a problem about a field, at a cell.
func (b *recordBuilder) problem(field string, c *perinet.Cell, p *perinet.Problem) {
	if p == nil {
		return
	}
	p.Field = field
	if c != nil {
		p.Where = c.Where
	}
	b.problems = append(b.problems, *p)
}

// one returns the value of a slot that takes one value: the first cell,
// after a conflicting_values problem for each other cell whose value
// differs (same tells two values apart). It returns nil for an empty slot.
func (b *recordBuilder) one(field string, s *slot, same func(a, c *cell) bool) *cell {
	if s == nil || len(s.cells) == 0 {
		return nil
	}
	first := s.cells[0]
	for _, c := range s.cells[1:] {
		if !same(first, c) {
			b.problems = append(b.problems, conflict(field, first.Cell, c.Cell))
		}
	}
	return first
}

// sameText tells two cells apart by their text, as a name is compared.
func sameText(a, c *cell) bool { return normalize.Key(a.Text) == normalize.Key(c.Text) }

// placeOf returns the cell a field is named by: its first cell, else its place.
func placeOf(s *slot, c *cell) *perinet.Cell {
	switch {
	case c != nil:
		return c.Cell
	case s != nil:
		return s.place
	}
	return nil
}

// field reads the slot of a field that takes one value: it notes where
// the field was read and under which heading, reports an empty one with
// the problem empty, and returns its cell, nil when empty.
func (b *recordBuilder) field(field string, s *slot, same func(a, c *cell) bool, empty *perinet.Problem) *cell {
	c := b.one(field, s, same)
	place := placeOf(s, c)
	b.where(field, place)
	if s != nil {
		b.heading(field, s.head)
	}
	if c == nil {
		b.problem(field, place, empty)
	}
	return c
}

func (b *recordBuilder) block(s slot) {
	c := b.field("block", &s, sameText, errorf(perinet.UnknownBlock, "", "ブロック名が書かれていません"))
	if c == nil {
		return
	}
	blk, p := b.r.names.Block(c.Text)
	b.problem("block", c.Cell, p)
	if p != nil {
		b.rec.Block = normalize.Clean(c.Text)
		return
	}
	b.rec.Block, b.rec.Tier, b.rec.Parent = blk.Name, blk.Tier, blk.Parent
}

// tier checks the tier written beside a group against the group's own:
// the Record's tier is the survey's, and a tier that disagrees, or text
// that is no tier, is pointed out.
func (b *recordBuilder) tier(cells []*cell) {
	for _, c := range cells {
		t, ok := b.r.tiers[normalize.Key(c.Text)]
		switch {
		case !ok:
			b.problem("tier", c.Cell, warningf(perinet.ConflictingValues, c.Text,
				"区分「%s」を読めません（%sのどちらかを書いてください）", c.Text, b.r.tierWords()))
		case b.rec.Block != "" && b.rec.Tier != "" && t != b.rec.Tier:
			b.problem("tier", c.Cell, warningf(perinet.ConflictingValues, c.Text,
				"区分が「%s」と書かれていますが、%sは%sです。区分を確認してください", c.Text, b.rec.Block, b.r.survey.TierName(b.rec.Tier)))
		}
	}
}

func (b *recordBuilder) hospital(s *slot) {
	c := b.field("hospital", s, func(a, c *cell) bool {
		ha, _ := b.r.names.Hospital(a.Text)
		hc, _ := b.r.names.Hospital(c.Text)
		return ha == hc
	}, warningf(perinet.UnknownHospital, "", "委託病院が書かれていません"))
	if c == nil {
		return
	}
	name, p := b.r.names.Hospital(c.Text)
	b.rec.Hospital = name
	b.problem("hospital", c.Cell, p)
}

// started reads 開始年月: a date cell through its serial, to the precision
// of its format, or text in any notation EraDate reads. Two cells that
// agree to the month, one giving the day and the other not, are one date,
// the day's.
func (b *recordBuilder) started(s *slot) {
	c := b.field("started", s, b.sameDate, warningf(perinet.BadDate, "", "開始年月が書かれていません"))
	if c == nil {
		return
	}
	d, p := b.date(c)
	b.problem("started", c.Cell, p)
	if d == nil {
		return
	}
	for _, o := range s.cells[1:] {
		if od, _ := b.date(o); od != nil && d.Day == 0 && od.Year == d.Year && od.Month == d.Month {
			d = od
		}
	}
	b.rec.Started = d
}

// date reads a start date's cell.
func (b *recordBuilder) date(c *cell) (*perinet.Date, *perinet.Problem) {
	var d perinet.Date
	var p *perinet.Problem
	if c.Date != nil {
		d, p = normalize.CellDate(c.Text, *c.Date, b.r.Today)
	} else {
		d, p = normalize.EraDate(c.Text, b.r.Today)
	}
	if p != nil {
		return nil, p
	}
	return &d, nil
}

// sameDate reports whether two cells give one date: the same month, the
// same day where both give one. Cells that read as no date are the same
// when their text is.
func (b *recordBuilder) sameDate(a, c *cell) bool {
	da, _ := b.date(a)
	dc, _ := b.date(c)
	if da == nil || dc == nil {
		return da == dc && normalize.Key(a.Text) == normalize.Key(c.Text)
	}
	return da.Year == dc.Year && da.Month == dc.Month && (da.Day == dc.Day || da.Day == 0 || dc.Day == 0)
}

// notAsked warns of each answer the form gives to an item the survey
// does not ask in fiscal year fy, quoting it: it is kept in no Record.
func (b *recordBuilder) notAsked(def perinet.ItemDef, fy int, is *itemSlots) {
	field := "items." + strconv.Itoa(def.No)
	for _, s := range []slot{is.mark, is.count, is.details} {
		for _, c := range s.cells {
			if normalize.Clean(c.Text) == "" {
				continue
			}
			b.problems = append(b.problems, perinet.Problem{Severity: perinet.Warning, Code: perinet.ItemNotAsked,
				Field: field, Where: c.Where, Text: c.Text,
				Message: fmt.Sprintf("項目%d（%s）は%d年度の調査にない項目です（%s）。この回答は記録しません", def.No, def.Label, fy, def.Years())})
		}
	}
}

// item reads one item: its mark, its facility count (the counted item)
// and its details. The mark cell of an item with free text may hold its
// details instead of a mark, or after one (○ NCPR講習会); a note in place of
// the count goes into the details, after those of the details cells.
func (b *recordBuilder) item(def perinet.ItemDef, is *itemSlots) perinet.Item {
	field := "items." + strconv.Itoa(def.No)
	it := perinet.Item{No: def.No, Counted: def.Counted, Details: []string{}}
	if is == nil || !is.found {
		b.problem(field, nil, errorf(perinet.MissingItem, "", "項目%d（%s）の行が見つかりません", def.No, def.Label))
		return it
	}
	var detailsFrom *cell
	for _, c := range is.details.cells {
		it.Details = append(it.Details, normalize.Details(c.Text)...)
		if detailsFrom == nil {
			detailsFrom = c
		}
	}
	if detailsFrom != nil {
		b.where(field+".details", detailsFrom.Cell)
		b.heading(field+".details", is.head)
	}
	var mark *cell
	for _, c := range is.mark.cells {
		m, rest, p := markCell(c.Text, def.FreeText)
		it.Details = append(it.Details, rest...)
		if p != nil {
			b.problem(field, c.Cell, p)
			continue
		}
		if rest != nil && m == perinet.Blank {
			continue // free text in the mark's cell: details, no mark
		}
		switch {
		case mark == nil:
			mark, it.Mark = c, m
		case m != it.Mark:
			b.problems = append(b.problems, conflict(field, mark.Cell, c.Cell))
		}
	}
	b.where(field, placeOf(&is.mark, firstOf(mark, is.mark.cells)))
	b.heading(field, is.head)
	if def.Counted {
		b.count(&it, field+".distributed_to", &is.count, is.head)
		if it.DistributedTo == nil {
			b.countInDetails(&it, field+".distributed_to", detailsFrom, is.head)
		}
	}
	return it
}

// countInDetails takes the count of the counted item from its details when
// no count cell gives one and an entry says it with its label
// (配布先：103施設): the number, not a note about it.
func (b *recordBuilder) countInDetails(it *perinet.Item, field string, from, head *cell) {
	for i, e := range it.Details {
		label, value, ok := strings.Cut(e, ":")
		if !ok {
			continue
		}
		if sub, ok := b.r.labels.subField(normalize.Key(label)); !ok || sub != fieldCount {
			continue
		}
		if n, p := normalize.Count(value); p == nil && n.N != nil {
			it.DistributedTo = n.N
			it.Details = append(it.Details[:i], it.Details[i+1:]...)
			if from != nil {
				b.where(field, from.Cell)
				b.heading(field, head)
			}
			return
		}
	}
}

// firstOf returns c, or else the first of cells, or nil.
func firstOf(c *cell, cells []*cell) *cell {
	if c != nil || len(cells) == 0 {
		return c
	}
	return cells[0]
}

// markCell reads a mark cell. For a free-text item, text that is not a
// mark is details, and a mark followed by text is both.
func markCell(text string, freeText bool) (perinet.Mark, []string, *perinet.Problem) {
	m, p := normalize.Mark(text)
	if p == nil || !freeText {
		return m, nil, p
	}
	if m, rest, ok := normalize.LeadingMark(text); ok {
		return m, normalize.Details(rest), nil
	}
	return perinet.Blank, normalize.Details(text), nil
}

// count reads the counted item's facility count; a note in its place goes
// into the item's details.
func (b *recordBuilder) count(it *perinet.Item, field string, s *slot, head *cell) {
	var from *cell
	for _, c := range s.cells {
		n, p := normalize.Count(c.Text)
		b.problem(field, c.Cell, p)
		if n.Note != "" {
			it.Details = append(it.Details, n.Note)
		}
		if n.N == nil {
			continue
		}
		switch {
		case it.DistributedTo == nil:
			it.DistributedTo, from = n.N, c
		case *n.N != *it.DistributedTo:
			b.problems = append(b.problems, conflict(field, from.Cell, c.Cell))
		}
	}
	if c := firstOf(from, s.cells); c != nil {
		b.where(field, c.Cell)
		b.heading(field, head)
	}
}

// conflict reports a field read twice with different values.
func conflict(field string, a, b *perinet.Cell) perinet.Problem {
	return perinet.Problem{Severity: perinet.Error, Code: perinet.ConflictingValues, Where: b.Where, Field: field, Text: b.Text,
		Message: "同じ欄に二つの値があります：「" + a.Text + "」（" + a.Where + "）と「" + b.Text + "」（" + b.Where + "）。どちらが正しいか確認してください"}
}
