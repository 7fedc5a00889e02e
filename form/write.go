package form

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"slices"
	"time"

	"perinet"
	"perinet/layout"
	"perinet/normalize"
)

// sheetName is the name of a form's one sheet.
const sheetName = "調査票"

// Write writes the form as an xlsx workbook: a one-group form for one
// group, a table for more, with the instructions under it, the input cells
// checked and unlocked, everything else protected, and print set up on one
// A4 page. It asks the items of s that the survey asks in the form's
// fiscal year.
func (f Form) Write(w io.Writer, s *perinet.Survey) error {
	if len(f.Groups) == 0 {
		return fmt.Errorf("form %s: no group", f.Name())
	}
	s = s.Year(f.FiscalYear)
	d := newDesign(s, f)
	answers, err := f.answers(s, d.Table)
	if err != nil {
		return fmt.Errorf("form %s: %w", f.Name(), err)
	}
	rendered, err := layout.RenderAnswers(d.Layout, s, f.FiscalYear, answers)
	if err != nil {
		return fmt.Errorf("form %s: %w", f.Name(), err)
	}
	cells := slices.Clone(rendered.Cells)
	slices.SortStableFunc(cells, func(a, b layout.Cell) int { return cmp.Or(a.Row-b.Row, a.Col-b.Col) })
	sh := newSheet(sheetName)
	sh.widths(d.widths...)
	for _, c := range cells {
		sh.write(c, d.Table.Items)
	}
	sh.heights(cells, d.widths)
	right, bottom := extent(cells)
	end := sh.instructions(guide(s, f), bottom+2, indent+1, right, sum(d.widths[indent:]))
	sh.print(d.orientation, right, end)
	sh.addChecks(f.FiscalYear)
	sh.protect()
	sh.do(func() error { return sh.f.Write(w) })
	if sh.err != nil {
		return fmt.Errorf("form %s: %w", f.Name(), sh.err)
	}
	return nil
}

// answers returns the groups' Records as the form's cells take them: the
// marks ○, × and △, the count a number cell shown as 103施設 where the
// table has a cell for it, the details an entry a line, and 開始年月 as
// startedValue writes it.
func (f Form) answers(s *perinet.Survey, t layout.Table) ([]layout.Answer, error) {
	places, err := t.Places(s)
	if err != nil {
		return nil, err
	}
	notation := layout.Notation{Count: layout.CountCell}
	var out []layout.Answer
	for _, g := range f.Groups {
		started := g.Started
		g.Started = nil
		a, err := notation.Answer(s, g)
		if err != nil {
			return nil, err
		}
		a.Started = startedValue(started)
		for i, ia := range a.Items {
			if !places[ia.No].Count {
				a.Items[i].Count = layout.Text("")
			}
		}
		out = append(out, a)
	}
	return out, nil
}

// startedValue writes 開始年月 as the form pre-fills it: a date cell of
// the month's first day shown as 平成22年2月, or of the day shown as
// 平成22年2月15日 when the Record gives one; text for a date before 1900,
// which a workbook cannot hold; nothing when there is none.
func startedValue(d *perinet.Date) layout.Value {
	switch {
	case d == nil:
		return layout.Text("")
	case d.Year < 1900:
		return layout.Text(normalize.EraText(*d))
	case d.Day != 0:
		return layout.Value{Kind: layout.DateValue, Date: time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC), Format: layout.FormatEraDay}
	}
	return layout.Value{Kind: layout.DateValue, Date: time.Date(d.Year, time.Month(d.Month), 1, 0, 0, 0, 0, time.UTC), Format: layout.FormatEraMonth}
}

// write writes a rendered cell, styled by its role, as an input cell when
// it is one, and merges its range. items is the direction of the table's
// lines: the item labels down a one-group form are labels, the headings
// across a table headings.
func (s *sheet) write(c layout.Cell, items layout.Axis) {
	var v any
	switch c.Value.Kind {
	case layout.NumberValue:
		v = c.Value.Number
	case layout.DateValue:
		v = c.Value.Date
	default:
		if c.Value.Text != "" {
			v = c.Value.Text
		}
	}
	style, kind, input, err := s.look(c, items)
	switch {
	case err != nil && s.err == nil:
		s.err = fmt.Errorf("row %d column %d: %w", c.Row, c.Col, err)
	case input:
		s.input(c.Col, c.Row, kind, v, style)
	default:
		s.put(c.Col, c.Row, v, style)
	}
	if c.Rows > 1 || c.Cols > 1 {
		s.merge(c.Col, c.Row, c.Col+c.Cols-1, c.Row+c.Rows-1)
	}
}

// look returns the style of a cell by its role, and its kind of input
// when it is one: the title large; the fiscal year plain; the notice
// small; labels, and the item labels of a one-group form, on grey;
// headings bold on grey; a part the item does not have shaded; the
// group's name and tier fixed, and its hospital when it has one; the
// hospital it has not, 開始年月 and each part of an item's answer inputs.
func (s *sheet) look(c layout.Cell, items layout.Axis) (style int, kind inputKind, input bool, err error) {
	st, r := s.style, c.Role
	switch r.Kind {
	case layout.KindTitle:
		switch {
		case r.Level == 0:
			return st.title, 0, false, nil
		case r.Field == layout.FiscalYear:
			return st.plain, 0, false, nil
		}
		return st.note, 0, false, nil
	case layout.KindLabel:
		return st.label, 0, false, nil
	case layout.KindHeading:
		if r.Field == layout.Item && r.Level == 1 && items == layout.Rows {
			return st.label, 0, false, nil
		}
		return st.header, 0, false, nil
	case layout.KindBlank:
		return st.none, 0, false, nil
	case layout.KindValue:
		switch r.Field {
		case layout.Block, layout.Tier:
			return st.fixed, 0, false, nil
		case layout.Hospital:
			if !c.Value.IsEmpty() {
				return st.fixed, 0, false, nil
			}
			return st.input[textInput], textInput, true, nil
		case layout.Started:
			if c.Value.Format == layout.FormatEraDay {
				return st.dayInput, dateInput, true, nil
			}
			return st.input[dateInput], dateInput, true, nil
		case layout.Item:
			if k, ok := partInputs[r.Sub]; ok {
				return st.input[k], k, true, nil
			}
		}
	}
	return 0, 0, false, fmt.Errorf("no style for a cell of role %+v", r)
}

// partInputs are the inputs of the parts of an item's answer.
var partInputs = map[layout.Sub]inputKind{layout.Mark: markInput, layout.Count: countInput, layout.Details: detailsInput}

// heights sets the heights of the rows that a line of text does not fill:
// the title's and the notice's; the table's rows of headings alone, two
// lines high next to the groups' rows and four above them (an item's
// label over its parts' words); and each other row of the table as high
// as its tallest text, wrapped in its cell's width.
func (s *sheet) heights(cells []layout.Cell, widths []float64) {
	h := map[int]float64{}
	table, body := map[int]bool{}, map[int]bool{}
	for _, c := range cells {
		switch r := c.Role; {
		case r.Kind == layout.KindTitle && r.Level == 0:
			h[c.Row] = 24
		case r.Kind == layout.KindTitle && r.Field != layout.FiscalYear:
			h[c.Row] = 30
		case r.Part == layout.InTable:
			for row := c.Row; row < c.Row+c.Rows; row++ {
				table[row] = true
				body[row] = body[row] || r.Kind != layout.KindHeading
			}
		}
	}
	for row := range table {
		switch {
		case body[row]:
		case body[row+1]:
			h[row] = 28
		default:
			h[row] = 58
		}
	}
	for _, c := range cells {
		if body[c.Row] && c.Rows == 1 && c.Role.Part == layout.InTable {
			h[c.Row] = max(h[c.Row], textHeight(c.Value.Text, sum(widths[c.Col-1:c.Col-1+c.Cols])))
		}
	}
	for _, row := range slices.Sorted(maps.Keys(h)) {
		s.height(row, h[row])
	}
}

// extent returns the last column and the last row of the cells.
func extent(cells []layout.Cell) (col, row int) {
	for _, c := range cells {
		col, row = max(col, c.Col+c.Cols-1), max(row, c.Row+c.Rows-1)
	}
	return col, row
}

func sum(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t
}
