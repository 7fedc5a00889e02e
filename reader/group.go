package reader

import (
	"strconv"

	"perinet"
	"perinet/normalize"
)

// record turns the cells of one group into its Record.
func (r *Reader) record(fy fiscalYearCell, g groupCells) (perinet.Record, []perinet.Problem) {
	rec := perinet.Record{FiscalYear: fy.year, Source: perinet.Source{Where: map[string]string{}}}
	problems := g.problems
	add := func(field string, c *perinet.Cell, p *perinet.Problem) {
		if c != nil {
			rec.Source.Where[field] = c.Where
		}
		if p != nil {
			p.Field = field
			if c != nil {
				p.Where = c.Where
			}
			problems = append(problems, *p)
		}
	}
	if fy.cell != nil {
		rec.Source.Where["fiscal_year"] = fy.cell.Where
	}
	rec.Block, rec.Tier, rec.Parent = r.block(g.block, add)
	add("hospital", g.hospital, r.hospital(g.hospital, &rec.Hospital))
	rec.Started = r.started(g.started, add)
	for _, def := range r.survey.Items {
		rec.Items = append(rec.Items, r.item(def, g.items, add))
	}
	return rec, problems
}

// adder records where a field was read, and its problem if any.
type adder func(field string, c *perinet.Cell, p *perinet.Problem)

func (r *Reader) block(c *perinet.Cell, add adder) (name string, tier perinet.Tier, parent string) {
	if nonEmpty(c) == nil {
		add("block", c, errorf(perinet.UnknownBlock, "", "ブロック名が書かれていません"))
		return "", "", ""
	}
	b, p := r.names.Block(c.Text)
	add("block", c, p)
	if p != nil {
		return normalize.Clean(c.Text), "", ""
	}
	return b.Name, b.Tier, b.Parent
}

func (r *Reader) hospital(c *perinet.Cell, name *string) *perinet.Problem {
	if nonEmpty(c) == nil {
		return warningf(perinet.UnknownHospital, "", "委託病院が書かれていません")
	}
	h, p := r.names.Hospital(c.Text)
	*name = h
	return p
}

// started reads 開始年月: a date cell through its serial, shown to the
// precision of its format, or text in any notation EraDate reads.
func (r *Reader) started(c *perinet.Cell, add adder) *perinet.Date {
	if nonEmpty(c) == nil {
		add("started", c, warningf(perinet.BadDate, "", "開始年月が書かれていません"))
		return nil
	}
	var d perinet.Date
	var p *perinet.Problem
	if c.Date != nil {
		d, p = normalize.CellDate(c.Text, *c.Date, r.Today)
	} else {
		d, p = normalize.EraDate(c.Text, r.Today)
	}
	add("started", c, p)
	if p != nil {
		return nil
	}
	return &d
}

// item reads one item: its mark, its facility count (the counted item)
// and its details. A free-text item's mark cell may hold its details
// instead of a mark, or after one (○ NCPR講習会).
func (r *Reader) item(def perinet.ItemDef, cells map[int]itemCells, add adder) perinet.Item {
	field := "items." + strconv.Itoa(def.No)
	it := perinet.Item{No: def.No, Counted: def.Counted, Details: []string{}}
	c, found := cells[def.No]
	if !found {
		add(field, nil, errorf(perinet.MissingItem, "", "項目%d（%s）の行が見つかりません", def.No, def.Label))
		return it
	}
	if nonEmpty(c.details) != nil {
		it.Details = normalize.Details(c.details.Text)
		add(field+".details", c.details, nil)
	}
	if mc := nonEmpty(c.mark); mc != nil {
		mark, rest, p := markCell(mc.Text, def.FreeText)
		it.Mark = mark
		it.Details = append(it.Details, rest...)
		add(field, mc, p)
	} else if c.mark != nil {
		add(field, c.mark, nil)
	}
	if def.Counted {
		r.count(&it, c.count, field+".distributed_to", add)
	}
	return it
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
func (r *Reader) count(it *perinet.Item, c *perinet.Cell, field string, add adder) {
	if nonEmpty(c) == nil {
		return
	}
	n, p := normalize.Count(c.Text)
	it.DistributedTo = n.N
	if n.Note != "" {
		it.Details = append(it.Details, n.Note)
	}
	add(field, c, p)
}
