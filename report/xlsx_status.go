package report

import (
	"fmt"
	"sort"
	"strconv"

	"github.com/xuri/excelize/v2"

	"perinet"
	"perinet/layout"
)

// The rows of the report's tables (実施状況, 集計, 推移): the title, then
// the first of two heading rows. 実施状況's layout puts them there: one
// head line, the table right under it.
const (
	statusTitleRow = 1
	statusHeadRow  = 2
)

// The widths of 実施状況's columns: the tier's, the group's name's,
// 開始年月's and 委託病院's; an item's in one column (a free-text item's,
// whose details follow its mark, wider); an item's mark and count, or
// mark and details, in two; the real date column's.
const (
	tierWidth     = 4.5
	blockWidth    = 13
	startedWidth  = 10
	hospitalWidth = 20
	markWidth     = 9
	freeTextWidth = 16
	pairMarkWidth = 7
	countWidth    = 14
	detailsWidth  = 26
	dateWidth     = 12
)

// statusLayout returns the layout of 実施状況, the published table
// (../shared/seed/000_711ec7d0a10e0002.txt), and the width of each of its
// columns from A: the title with the fiscal year across the table; two
// heading rows; the tier (ネットワークグループ, サブグループ, written top to
// bottom in one cell down the rows of its groups) and the group's name
// under ブロック名, a network group that heads sub-groups (多摩地域) with its
// name across both; 開始年月 and 委託病院; then each item in one column
// (its mark, and a free-text item's details after it), or in two under
// its label (リストの有無 and 配布先, 実施の有無 and 具体的内容), each heading
// broken into lines of about equal width; a note in place of the count
// shared by consecutive groups in one cell merged down their rows.
func statusLayout(s *perinet.Survey) (layout.Layout, []float64) {
	block := []string{layout.Label(s, layout.Block, layout.Any)}
	lines := []layout.Line{
		{Field: layout.Tier, Head: block},
		{Field: layout.Block, Head: block},
		{Field: layout.Started, Head: []string{layout.Label(s, layout.Started, layout.Any)}},
		{Field: layout.Hospital, Head: []string{layout.Label(s, layout.Hospital, layout.Any)}},
	}
	widths := []float64{tierWidth, blockWidth, startedWidth, hospitalWidth}
	for _, d := range s.Items {
		label := layout.PrintedLabel(d)
		if len(d.Columns) < 2 {
			w := float64(markWidth)
			if d.FreeText {
				w = freeTextWidth
			}
			lines = append(lines, layout.Line{Field: layout.Item, Item: d.No, Head: []string{balance(label, w)}})
			widths = append(widths, w)
			continue
		}
		second, w := layout.Details, float64(detailsWidth)
		if d.Counted {
			second, w = layout.Count, countWidth
		}
		head := balance(label, pairMarkWidth+w)
		lines = append(lines,
			layout.Line{Field: layout.Item, Item: d.No, Sub: layout.Mark, Head: []string{head, balance(d.Columns[0], pairMarkWidth)}},
			layout.Line{Field: layout.Item, Item: d.No, Sub: second, Head: []string{head, balance(d.Columns[1], w)}})
		widths = append(widths, pairMarkWidth, w)
	}
	return layout.Layout{
		Sheet: statusSheet,
		Head:  []layout.HeadLine{{Text: layout.PublishedTitle(s), Merge: true}},
		Year:  layout.YearBoth,
		Table: layout.Table{Items: layout.Columns, Lines: lines, Heads: 2, TierRuns: true, ParentSpan: true, NoteRuns: true},
	}, widths
}

// statusAnswers returns the Records as the published table writes them:
// the group's name and its tier's word, its hospital by its short name
// (愛育; the full name is in データ), 開始年月 as the
// committee writes it (H22年2月); the marks ○, × and △; the count as
// 103施設, or else the item's details as a note in its place; the details
// of an item that has a cell for them, an entry a line, each led by ・
// when there are several. The details of an item with no cell for them
// (a mark-only item, the counted item beside its count) are left to
// データ.
func statusAnswers(s *perinet.Survey, places map[int]layout.Place, rows []perinet.Record, absent map[string]string) []layout.Answer {
	var out []layout.Answer
	for _, r := range rows {
		a := layout.Answer{Group: r.Block, Tier: r.Tier, Parent: r.Parent, Block: r.Block, TierAs: s.TierName(r.Tier),
			Hospital: s.ShortName(r.Hospital), Started: layout.Text(startedText(r.Started))}
		if word, ok := absent[r.Block]; ok && r.Items == nil {
			// A group with no Record: its word (未提出, 不受理) in the
			// first item's mark, as the PDF's matrix has it.
			for i, d := range s.Items {
				ia := layout.ItemAnswer{No: d.No}
				if i == 0 {
					ia.Mark = word
				}
				a.Items = append(a.Items, ia)
			}
			out = append(out, a)
			continue
		}
		for _, d := range s.Items {
			it, p := itemOf(r, d.No), places[d.No]
			ia := layout.ItemAnswer{No: d.No, Mark: it.Mark.Symbol()}
			switch {
			case p.Count && it.DistributedTo != nil:
				ia.Count = layout.Text(strconv.Itoa(*it.DistributedTo) + "施設")
			case p.Count:
				ia.Note = detailsText(it.Details)
			}
			if p.Details || p.Shared {
				ia.Details = detailLines(it.Details)
			}
			a.Items = append(a.Items, ia)
		}
		out = append(out, a)
	}
	return out
}

// writeStatus writes the 実施状況 sheet: the groups of fiscal year fy in
// the published layout, with the items the survey asked that year, and a row for each absent group with its word
// (未提出, 不受理) in place of its answers, each cell styled by its role; the real date
// column right of the printed area; the widths; the heights; the print
// setup.
func (b *workbook) writeStatus(fy int, records []perinet.Record, absent []Absent) error {
	survey := b.survey.Year(fy)
	l, widths := statusLayout(survey)
	places, err := l.Table.Places(survey)
	if err != nil {
		return err
	}
	words := map[string]string{}
	for _, a := range absent {
		words[a.Block] = a.Word()
		records = append(records[:len(records):len(records)], absentRecord(survey, a.Block))
	}
	rows := b.sortGroups(records)
	answers := statusAnswers(survey, places, rows, words)
	sh, err := layout.RenderAnswers(l, survey, fy, answers)
	if err != nil {
		return err
	}
	spans := b.statusSpans(sh.Cells, answers)
	right, bottom := 0, 0
	for _, sp := range spans {
		right, bottom = max(right, sp.col+sp.cols-1), max(bottom, sp.row+sp.rows-1)
	}
	if right != len(widths) {
		return fmt.Errorf("%d columns, %d widths", right, len(widths))
	}
	head, firstItem, started := tableParts(sh.Cells)
	date := right + 1
	spans = append(spans, span{date, head[0], 1, head[1] - head[0] + 1, "開始年月\n（日付）", b.style.header})
	if err := b.putSpans(statusSheet, spans); err != nil {
		return err
	}
	if len(started) != len(rows) {
		return fmt.Errorf("%d rows of 開始年月 for %d groups", len(started), len(rows))
	}
	for i, r := range rows {
		if err := b.startDate(date, started[i], r.Started); err != nil {
			return err
		}
	}
	widths = append(widths, dateWidth)
	if err := b.setWidths(statusSheet, widths); err != nil {
		return err
	}
	if err := b.rowHeights(statusSheet, spans, widths, bottom); err != nil {
		return err
	}
	return b.statusPrint(right, bottom, head, firstItem)
}

// statusSpans returns the rendered cells as spans, each styled by its
// role: the title large; headings bold on grey; the tier written top to
// bottom; 開始年月, a mark, a count and a free-text item's mark without
// details centred; any other text (a name, a note in place of a count,
// details) wrapped. Each text is written as a string, never as a formula.
func (b *workbook) statusSpans(cells []layout.Cell, answers []layout.Answer) []span {
	st := b.style
	answerOf := map[string]layout.Answer{}
	for _, a := range answers {
		answerOf[a.Group] = a
	}
	item := func(r layout.Role) layout.ItemAnswer {
		for _, ia := range answerOf[r.Group].Items {
			if ia.No == r.Item {
				return ia
			}
		}
		return layout.ItemAnswer{}
	}
	var spans []span
	for _, c := range cells {
		style := st.text
		switch r := c.Role; {
		case r.Kind == layout.KindTitle:
			style = st.title
		case r.Kind == layout.KindHeading:
			style = st.header
		case r.Kind != layout.KindValue:
		case r.Field == layout.Tier:
			style = st.vertical
		case r.Field == layout.Started, r.Field == layout.Item && r.Sub == layout.Mark,
			r.Field == layout.Item && r.Sub == layout.Count && !item(r).Count.IsEmpty(),
			r.Field == layout.Item && r.Sub == layout.Any && len(item(r).Details) == 0:
			style = st.mark
		}
		spans = append(spans, span{c.Col, c.Row, c.Cols, c.Rows, c.Value.Text, style})
	}
	return spans
}

// tableParts returns, from the rendered cells of 実施状況, the first and
// last rows of the headings, the first item's column, and the row of
// each group's 開始年月, in the groups' order.
func tableParts(cells []layout.Cell) (head [2]int, firstItem int, started []int) {
	for _, c := range cells {
		switch r := c.Role; {
		case r.Kind == layout.KindHeading:
			if head[0] == 0 || c.Row < head[0] {
				head[0] = c.Row
			}
			head[1] = max(head[1], c.Row+c.Rows-1)
			if r.Field == layout.Item && (firstItem == 0 || c.Col < firstItem) {
				firstItem = c.Col
			}
		case r.Kind == layout.KindValue && r.Field == layout.Started:
			started = append(started, c.Row)
		}
	}
	sort.Ints(started)
	return head, firstItem, started
}

// startDate writes the real date column's cell of a group: 開始年月 as a
// date cell holding the serial of the month's first day, shown as
// 平成22年2月; a cell with the date's style and no value when there is
// none.
func (b *workbook) startDate(col, row int, d *perinet.Date) error {
	if d == nil {
		return b.putText(statusSheet, col, row, "", b.style.month)
	}
	return b.putNumber(statusSheet, col, row, monthSerial(*d), b.style.month)
}

// sortGroups returns the Records in the survey's block order: the network
// groups without sub-groups, then each network group that has sub-groups
// followed by its sub-groups (多摩地域, 西多摩, …), then groups the survey
// does not know, as given. Records of the same group keep their order.
func (b *workbook) sortGroups(records []perinet.Record) []perinet.Record {
	index := map[string]int{}
	parents := map[string]bool{}
	for i, bl := range b.survey.Blocks {
		index[bl.Name] = i
		if bl.Parent != "" {
			parents[bl.Parent] = true
		}
	}
	type key struct{ band, parent, sub int }
	keyOf := func(r perinet.Record) key {
		i, known := index[r.Block]
		switch {
		case !known:
			return key{3, 0, 0}
		case r.Tier == perinet.Subgroup:
			p, ok := index[r.Parent]
			if !ok {
				return key{2, i, 0}
			}
			return key{1, p, i + 1}
		case parents[r.Block]:
			return key{1, i, 0}
		}
		return key{0, i, 0}
	}
	out := append([]perinet.Record(nil), records...)
	sort.SliceStable(out, func(i, j int) bool {
		a, c := keyOf(out[i]), keyOf(out[j])
		if a.band != c.band {
			return a.band < c.band
		}
		if a.parent != c.parent {
			return a.parent < c.parent
		}
		return a.sub < c.sub
	})
	return out
}

// itemOf returns a Record's item number no, or a blank one.
func itemOf(r perinet.Record, no int) perinet.Item {
	if it, ok := recordItem(r, no); ok {
		return it
	}
	return perinet.Item{No: no}
}

// statusPrint sets up 実施状況 for printing: A3 landscape, one page wide,
// the heading rows head[0] to head[1] on every page, a footer with the
// page number (n / N), the print area from A1 to (right, bottom), so that
// the real date column right of it stays on screen only, and panes frozen
// below the headings and left of the first item's column.
func (b *workbook) statusPrint(right, bottom int, head [2]int, firstItem int) error {
	const sheet = statusSheet
	corner, err := excelize.CoordinatesToCellName(right, bottom, true)
	if err != nil {
		return err
	}
	names := []*excelize.DefinedName{
		{Name: "_xlnm.Print_Area", RefersTo: fmt.Sprintf("'%s'!$A$1:%s", sheet, corner), Scope: sheet},
		{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sheet, head[0], head[1]), Scope: sheet},
	}
	for _, n := range names {
		if err := b.SetDefinedName(n); err != nil {
			return err
		}
	}
	if err := fitToWidth(b, sheet, paperA3); err != nil {
		return err
	}
	side, edge, hf, centre := 0.4, 0.6, 0.3, true
	if err := b.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Left: &side, Right: &side, Top: &edge, Bottom: &edge, Header: &hf, Footer: &hf, Horizontally: &centre,
	}); err != nil {
		return err
	}
	if err := b.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: "&C&P / &N"}); err != nil {
		return err
	}
	topLeft, err := excelize.CoordinatesToCellName(firstItem, head[1]+1)
	if err != nil {
		return err
	}
	return b.SetPanes(sheet, &excelize.Panes{
		Freeze: true, XSplit: firstItem - 1, YSplit: head[1],
		TopLeftCell: topLeft, ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: topLeft, ActiveCell: topLeft, Pane: "bottomRight"}},
	})
}
