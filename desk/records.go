package desk

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"perinet"
	"perinet/normalize"
)

// A fieldView is one field of a Record as the desk shows it.
type fieldView struct {
	Label   string   // as the form heads it; a sub-field of an item (配布先, 具体的内容) as it follows the item
	Lines   []string // the value, a line each; none when blank
	Where   string   // the cell it was read from; "" when none
	Cell    string   // that cell as the secretariat finds it: C6, or 調査票!C6 on a page with several sheets
	Heading string   // the cell of the heading it was read under; "" when none
	Anchor  string   // the id of its cell on the page's form; "" when not drawn
	Item    int      // the item's number, for the first field of an item; 0 otherwise
}

// fields returns the fields of a Record in the form's order, each with
// its value as the secretariat reads it and the cells it came from; the
// sheet is named with each cell when sheets is more than one.
func (d *Desk) fields(r perinet.Record, anchors map[string]string, sheets int) []fieldView {
	var out []fieldView
	add := func(field string, lines ...string) *fieldView {
		f := fieldView{Label: d.label(r, field), Where: r.Source.Where[field],
			Heading: r.Source.Headings[field].Where}
		if parts := strings.Split(field, "."); len(parts) == 3 {
			f.Label = "　" + perinet.FieldLabel(parts[2])
		}
		f.Cell = perinet.CellName(f.Where)
		if _, cell, ok := strings.Cut(f.Cell, "!"); ok && sheets <= 1 {
			f.Cell = cell
		}
		for _, l := range lines {
			if l != "" {
				f.Lines = append(f.Lines, l)
			}
		}
		f.Anchor = anchors[f.Where]
		out = append(out, f)
		return &out[len(out)-1]
	}
	add("fiscal_year", yearText(r.FiscalYear))
	add("block", r.Block)
	add("tier", d.survey.TierName(r.Tier))
	add("hospital", r.Hospital)
	add("started", startedText(r.Started))
	for _, it := range r.Items {
		no := strconv.Itoa(it.No)
		add("items."+no, markText(it.Mark)).Item = it.No
		if it.Counted {
			add("items."+no+".distributed_to", countText(it.DistributedTo))
		}
		if len(it.Details) > 0 || r.Source.Where["items."+no+".details"] != "" {
			add("items."+no+".details", it.Details...)
		}
	}
	return out
}

// fieldOrder returns the fields of a Record read from a cell, in the
// order fields lists them, then any other, by name.
func fieldOrder(r perinet.Record) []string {
	order := []string{"fiscal_year", "block", "tier", "hospital", "started"}
	for _, it := range r.Items {
		no := strconv.Itoa(it.No)
		order = append(order, "items."+no, "items."+no+".distributed_to", "items."+no+".details")
	}
	var out, rest []string
	for _, f := range order {
		if r.Source.Where[f] != "" {
			out = append(out, f)
		}
	}
	for f := range r.Source.Where {
		if !slices.Contains(order, f) {
			rest = append(rest, f)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}

// label names a field of a Record as the form heads it, with the item's
// label of the Record's year: 項目3 連携リストの作成・配布, 項目3の配布先.
func (d *Desk) label(r perinet.Record, field string) string {
	parts := strings.Split(field, ".")
	if parts[0] != "items" || len(parts) != 2 {
		if l := perinet.FieldLabel(field); l != "" {
			return l
		}
		return field
	}
	no, _ := strconv.Atoi(parts[1])
	if def, ok := d.survey.Year(r.FiscalYear).Item(no); ok {
		return fmt.Sprintf("%d %s", no, def.Label)
	}
	return perinet.FieldLabel(field)
}

// markText is a mark as the form shows it; 空欄 for a blank.
func markText(m perinet.Mark) string {
	if s := m.Symbol(); s != "" {
		return s
	}
	return "空欄"
}

// countText is a facility count: 103施設, or nothing when none was given.
func countText(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n) + "施設"
}

// startedText is 開始年月 as the committee writes it, with its Gregorian
// year: H22年2月（2010年2月）.
func startedText(d *perinet.Date) string {
	if d == nil {
		return ""
	}
	return fmt.Sprintf("%s（%d年%d月）", normalize.EraText(*d), d.Year, d.Month)
}
