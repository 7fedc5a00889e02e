package layout

import (
	"fmt"
	"slices"
	"strings"

	"perinet"
)

// Render lays out the Records of fiscal year fy as l says, their values
// written in l.Notation: the sheets of one file, the form's and its
// extra sheets, in the order of the file.
func Render(l Layout, s *perinet.Survey, fy int, records []perinet.Record) ([]Sheet, error) {
	answers, err := l.Notation.answers(s, records)
	if err != nil {
		return nil, err
	}
	form, err := RenderAnswers(l, s, fy, answers)
	if err != nil {
		return nil, err
	}
	var before, after []Sheet
	for _, x := range l.Extras {
		xl := l
		xl.Sheet, xl.Extras = x.Sheet, nil
		xl.Table.BlankGroups = slices.DeleteFunc(slices.Clone(l.Table.BlankGroups), func(g int) bool { return g >= len(x.Records)-1 })
		if x.Title != "" && len(l.Head) > 0 {
			xl.Head = slices.Clone(l.Head)
			xl.Head[0].Text = x.Title
		}
		xfy := fy
		if x.Kind == Previous {
			xfy = fy - 1
		}
		xa, err := l.Notation.answers(s, x.Records)
		if err != nil {
			return nil, fmt.Errorf("sheet %s: %w", x.Sheet, err)
		}
		sh, err := RenderAnswers(xl, s, xfy, xa)
		if err != nil {
			return nil, fmt.Errorf("sheet %s: %w", x.Sheet, err)
		}
		if x.Before {
			before = append(before, sh)
		} else {
			after = append(after, sh)
		}
	}
	return append(append(before, form), after...), nil
}

// answers writes Records in the notation.
func (n Notation) answers(s *perinet.Survey, records []perinet.Record) ([]Answer, error) {
	var out []Answer
	for _, r := range records {
		a, err := n.Answer(s, r)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// RenderAnswers lays out the answers of fiscal year fy as l says, as
// one sheet; l.Notation and l.Extras play no part. A table of no groups
// is its headings. It fails when the layout is not whole (an item with no
// main cell, or with two; a group field twice; labelled fields for other
// than one group) or when an answer has a value for which the layout has
// no cell.
func RenderAnswers(l Layout, s *perinet.Survey, fy int, answers []Answer) (Sheet, error) {
	sh := Sheet{Name: l.Sheet}
	if err := l.check(s, answers); err != nil {
		return sh, fmt.Errorf("layout of sheet %s: %w", l.Sheet, err)
	}
	t, err := newTableRender(l.Table, s, answers)
	if err != nil {
		return sh, fmt.Errorf("layout of sheet %s: %w", l.Sheet, err)
	}
	year := l.Year.Write(fy)
	row := 1 + len(l.Head)
	var fields []Cell
	fh := 0
	if l.Fields != nil {
		fields, fh = l.Fields.cells(answers[0], year)
	}
	fieldsAt := [2]int{}
	if l.Fields != nil && !l.Fields.Beside {
		row += l.Fields.Gap
		fieldsAt = [2]int{row, 1 + l.Fields.Indent}
		row += fh
	}
	top, left := row+l.Table.Gap, 1+l.Table.Indent
	heads, body, rows, cols := t.cells(top, left)
	right := left + cols - 1
	if l.Fields != nil && l.Fields.Beside {
		fieldsAt = [2]int{top, right + 1 + l.Fields.Gap}
	}
	content := right
	for i := range fields {
		fields[i].Row += fieldsAt[0] - 1
		fields[i].Col += fieldsAt[1] - 1
		content = max(content, fields[i].Col+fields[i].Cols-1)
	}
	for i, h := range l.Head {
		c := Cell{Row: 1 + i, Col: 1 + l.HeadIndent, Rows: 1, Cols: 1, Value: Text(strings.ReplaceAll(h.Text, YearMark, year)),
			Role: Role{Part: InHead, Kind: KindTitle, Level: i}}
		if strings.Contains(h.Text, YearMark) {
			c.Role.Field = FiscalYear
		}
		if h.Merge && content > c.Col {
			c.Cols = content - c.Col + 1
		}
		sh.Cells = append(sh.Cells, c)
	}
	sh.Cells = append(append(append(sh.Cells, fields...), heads...), body...)
	for _, n := range l.Notes {
		c := Cell{Row: top + n.At, Col: content + 1 + n.Gap, Rows: 1, Cols: 1, Value: Text(n.Text), Role: Role{Part: InNotes, Kind: KindNote}}
		if n.Below {
			c.Row, c.Col = top+rows+n.Gap, left+n.At
		}
		sh.Cells = append(sh.Cells, c)
	}
	if err := overlaps(sh.Cells); err != nil {
		return sh, fmt.Errorf("layout of sheet %s: %w", l.Sheet, err)
	}
	return sh, nil
}

// check requires the group fields to be placed once each, the block among
// them, labelled fields only for one group, and each answer to answer the
// survey's items in order.
func (l Layout) check(s *perinet.Survey, answers []Answer) error {
	seen := map[Field]int{}
	for _, ln := range l.Table.Lines {
		if ln.Field != Item {
			seen[ln.Field]++
		}
	}
	if l.Fields != nil {
		if len(answers) != 1 {
			return fmt.Errorf("labelled fields for %d groups", len(answers))
		}
		for _, f := range l.Fields.List {
			seen[f.Field]++
		}
	}
	for f, n := range seen {
		if f < FiscalYear || f > Started {
			return fmt.Errorf("a group field of kind %d", f)
		}
		if n > 1 {
			return fmt.Errorf("group field %d placed %d times", f, n)
		}
	}
	if seen[Block] != 1 {
		return fmt.Errorf("no place for the group's name")
	}
	if seen[FiscalYear] > 0 && l.Fields == nil {
		return fmt.Errorf("the fiscal year as a line of the table")
	}
	for _, a := range answers {
		if len(a.Items) != len(s.Items) {
			return fmt.Errorf("%s: %d items answered, the survey has %d", a.Group, len(a.Items), len(s.Items))
		}
		for i, d := range s.Items {
			if a.Items[i].No != d.No {
				return fmt.Errorf("%s: answer %d is to item %d, want %d", a.Group, i+1, a.Items[i].No, d.No)
			}
		}
	}
	return nil
}

// Has reports whether the layout has a place for a group field.
func (l Layout) Has(f Field) bool {
	for _, ln := range l.Table.Lines {
		if ln.Field == f {
			return true
		}
	}
	if l.Fields != nil {
		for _, lf := range l.Fields.List {
			if lf.Field == f {
				return true
			}
		}
	}
	return false
}

// cells lays out the labelled fields from (1, 1), and returns their cells
// and the rows they take.
func (f *Fields) cells(a Answer, year string) (cells []Cell, h int) {
	span := max(f.Span, 1)
	col := 1 // the next field's first column, when Across
	for i, lf := range f.List {
		var lr, lc, vr, vc, vcols int
		switch right := max(lf.Span, 1); {
		case f.Across && f.Below:
			lr, lc, vr, vc, vcols = 1, col, 2, col, span
			col += span
		case f.Across:
			lr, lc, vr, vc, vcols = 1, col, 1, col+span, right
			col += span + right
		case f.Below:
			lr, lc, vr, vc, vcols = 1+2*i, 1, 2+2*i, 1, span
		default:
			lr, lc, vr, vc, vcols = 1+i, 1, 1+i, 1+span, right
		}
		v := a.field(lf.Field)
		if lf.Field == FiscalYear {
			v = Text(year)
		}
		cells = append(cells,
			Cell{Row: lr, Col: lc, Rows: 1, Cols: span, Value: Text(lf.Label), Role: Role{Part: InFields, Kind: KindLabel, Field: lf.Field}},
			Cell{Row: vr, Col: vc, Rows: 1, Cols: vcols, Value: v, Role: Role{Part: InFields, Kind: KindValue, Field: lf.Field, Group: a.Group}})
		h = max(h, vr)
	}
	return cells, h
}

// overlaps fails when two cells, or merged ranges, share a place.
func overlaps(cells []Cell) error {
	type pos struct{ r, c int }
	seen := map[pos]Cell{}
	for _, c := range cells {
		for r := c.Row; r < c.Row+c.Rows; r++ {
			for k := c.Col; k < c.Col+c.Cols; k++ {
				if o, ok := seen[pos{r, k}]; ok {
					return fmt.Errorf("row %d column %d holds both %q and %q", r, k, o.Value.draw(), c.Value.draw())
				}
				seen[pos{r, k}] = c
			}
		}
	}
	return nil
}
