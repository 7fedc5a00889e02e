package report

import (
	"fmt"
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"

	"perinet"
	"perinet/normalize"
	"perinet/xlsxcell"
)

// The layout of the 実施状況 sheet: the published table
// (../shared/seed/000_711ec7d0a10e0002.txt), with the real date column
// added right of the printed area.
const (
	statusTitleRow = 1 // the title, across the printed width
	statusHeadRow  = 2 // the first of the two header rows
	statusBodyRow  = 4 // the first group's row
	tierCol        = 1 // A: ネットワークグループ / サブグループ, top to bottom
	blockCol       = 2 // B: the group's name (a parent's name across A:B)
	startedCol     = 3 // C: 開始年月 as text, H22年2月
	hospitalCol    = 4 // D: 委託病院
	firstItemCol   = 5 // E: the first item's column
)

// Row heights in points, for 10-point text.
const (
	rowLine = 13.0 // one line of text
	rowPad  = 5.0  // the cell's margins above and below
	rowMin  = 20.0 // a group's row with marks only
)

// statusColumns says where each item of the survey stands on 実施状況.
type statusColumns struct {
	items  []int     // the first column of each survey item, in survey order
	last   int       // the last item's last column: the printed table's right edge
	date   int       // the real date column, right of the printed area
	widths []float64 // column widths from A to date
}

// statusLayout places the survey's items: one column for an item without
// sub-columns (a mark, or for a free-text item the mark and its text), two
// for one with them (リストの有無 and 配布先, 実施の有無 and 具体的内容).
func (b *workbook) statusLayout() statusColumns {
	c := statusColumns{widths: []float64{4.5, 13, 10, 20}}
	col := firstItemCol
	for _, d := range b.survey.Items {
		c.items = append(c.items, col)
		switch {
		case len(d.Columns) >= 2 && d.Counted:
			c.widths = append(c.widths, 7, 14)
		case len(d.Columns) >= 2:
			c.widths = append(c.widths, 7, 26)
		case d.FreeText:
			c.widths = append(c.widths, 16)
		default:
			c.widths = append(c.widths, 9)
		}
		col += itemWidth(d)
	}
	c.last = col - 1
	c.date = col
	c.widths = append(c.widths, 12)
	return c
}

// itemWidth is the number of columns an item takes.
func itemWidth(d perinet.ItemDef) int {
	if len(d.Columns) >= 2 {
		return 2
	}
	return 1
}

// A span is a cell of the sheet, or a merged range of cells, with its text.
type span struct {
	col, row   int // the first cell
	cols, rows int // the size of the range; 1 by 1 for a cell of its own
	text       string
	style      int
}

// cellSpan returns a span of one cell.
func cellSpan(col, row int, text string, style int) span {
	return span{col, row, 1, 1, text, style}
}

// writeStatus writes the 実施状況 sheet: the title, the two header rows,
// one row per group of fiscal year fy, and the print setup.
func (b *workbook) writeStatus(fy int, records []perinet.Record) error {
	const sheet = statusSheet
	cols := b.statusLayout()
	rows := b.sortGroups(records)
	spans := b.statusHead(fy, cols)
	spans = append(spans, b.tierSpans(rows)...)
	spans = append(spans, b.groupSpans(rows, cols)...)
	if err := b.putSpans(sheet, spans); err != nil {
		return err
	}
	if err := b.startDates(rows, cols); err != nil {
		return err
	}
	if err := b.setWidths(sheet, cols.widths); err != nil {
		return err
	}
	if err := b.rowHeights(sheet, spans, cols.widths, statusBodyRow+len(rows)-1); err != nil {
		return err
	}
	return b.statusPrint(cols, statusBodyRow+max(len(rows), 1)-1)
}

// itemHead is an item's heading as the table prints it: its number in
// full width, its label, and its note on a line of its own
// (７　研修等\n（連携会議とは別に実施）).
func itemHead(d perinet.ItemDef) string {
	h := width.Widen.String(strconv.Itoa(d.No)) + "　" + d.Label
	if d.Note != "" {
		h += "\n（" + d.Note + "）"
	}
	return h
}

// statusHead returns the title and the two header rows: ブロック名,
// 開始年月, 委託病院 and each item without sub-columns merged down both
// rows; an item with sub-columns merged across them, its sub-headings
// below.
func (b *workbook) statusHead(fy int, cols statusColumns) []span {
	st, top := b.style, statusHeadRow
	title := b.survey.Title + "　各グループの取組状況（" + normalize.FiscalYearText(fy) + "）"
	heads := []span{
		{tierCol, statusTitleRow, cols.last, 1, title, st.title},
		{tierCol, top, 2, 2, b.fieldLabel(b.survey.Labels.Block, "ブロック名"), st.header},
		{startedCol, top, 1, 2, b.fieldLabel(b.survey.Labels.Started, "開始年月"), st.header},
		{hospitalCol, top, 1, 2, b.fieldLabel(b.survey.Labels.Hospital, "委託病院"), st.header},
	}
	for i, d := range b.survey.Items {
		col := cols.items[i]
		if itemWidth(d) == 1 {
			heads = append(heads, span{col, top, 1, 2, balance(itemHead(d), cols.widths[col-1]), st.header})
			continue
		}
		heads = append(heads, span{col, top, 2, 1, balance(itemHead(d), cols.widths[col-1]+cols.widths[col]), st.header})
		for j, sub := range d.Columns[:2] {
			heads = append(heads, cellSpan(col+j, top+1, balance(sub, cols.widths[col+j-1]), st.header))
		}
	}
	// Not a heading perinet reads as 開始年月 (開始年月日 would be one), so
	// that reading the table back takes the start from the text in C.
	heads = append(heads, span{cols.date, top, 1, 2, "開始年月\n（日付）", st.header})
	return heads
}

// fieldLabel returns the survey's first heading for a field, or def.
func (b *workbook) fieldLabel(words []string, def string) string {
	if len(words) > 0 {
		return words[0]
	}
	return def
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

// headsSubgroups reports whether row i is a network group with its
// sub-groups right below it.
func headsSubgroups(rows []perinet.Record, i int) bool {
	return rows[i].Tier == perinet.Network && i+1 < len(rows) &&
		rows[i+1].Tier == perinet.Subgroup && rows[i+1].Parent == rows[i].Block
}

// tierSpans returns columns A and B as the published table has them:
// ネットワークグループ written top to bottom in one cell down a run of
// network groups, with their names in B; a network group that heads
// sub-groups (多摩地域) with its name across A:B; サブグループ top to bottom
// down its sub-groups, their names in B.
func (b *workbook) tierSpans(rows []perinet.Record) []span {
	st := b.style
	var spans []span
	for start := 0; start < len(rows); {
		row := statusBodyRow + start
		if headsSubgroups(rows, start) {
			spans = append(spans, span{tierCol, row, 2, 1, rows[start].Block, st.text})
			start++
			continue
		}
		end := start
		for end+1 < len(rows) && rows[end+1].Tier == rows[start].Tier && !headsSubgroups(rows, end+1) {
			end++
		}
		spans = append(spans, span{tierCol, row, 1, end - start + 1, b.survey.TierName(rows[start].Tier), st.vertical})
		for i := start; i <= end; i++ {
			spans = append(spans, cellSpan(blockCol, statusBodyRow+i, rows[i].Block, st.text))
		}
		start = end + 1
	}
	return spans
}

// itemOf returns a Record's item number no, or a blank one.
func itemOf(r perinet.Record, no int) perinet.Item {
	if it, ok := recordItem(r, no); ok {
		return it
	}
	return perinet.Item{No: no}
}

// groupSpans returns each group's cells from 開始年月 to the last item.
// For an item with a count (配布先), the count is written as 103施設, or
// else the item's details in its place; a note that every sub-group of a
// network group shares, without a count (多摩地域全体分を杏林大が集約・配付),
// is one cell merged down those sub-groups.
func (b *workbook) groupSpans(rows []perinet.Record, cols statusColumns) []span {
	st := b.style
	var spans []span
	for i, r := range rows {
		row := statusBodyRow + i
		spans = append(spans, cellSpan(startedCol, row, startedText(r.Started), st.mark), cellSpan(hospitalCol, row, r.Hospital, st.text))
		for n, d := range b.survey.Items {
			col, it := cols.items[n], itemOf(r, d.No)
			switch {
			case itemWidth(d) == 1 && d.FreeText && len(it.Details) > 0:
				text := detailsText(it.Details)
				if m := it.Mark.Symbol(); m != "" {
					text = m + "\n" + text
				}
				spans = append(spans, cellSpan(col, row, text, st.text))
			case itemWidth(d) == 1:
				// A mark-only item has no place for details in the
				// published layout; データ carries them.
				spans = append(spans, cellSpan(col, row, it.Mark.Symbol(), st.mark))
			case d.Counted:
				spans = append(spans, cellSpan(col, row, it.Mark.Symbol(), st.mark))
				if sp, ok := countSpan(rows, i, d.No, col+1, st); ok {
					spans = append(spans, sp)
				}
			default:
				spans = append(spans, cellSpan(col, row, it.Mark.Symbol(), st.mark), cellSpan(col+1, row, detailsText(it.Details), st.text))
			}
		}
	}
	return spans
}

// countSpan returns the 配布先 cell of row i for the counted item no: the
// count, or the note written in its place, merged down the following
// sub-groups of the same network group when they all share the note and
// have no count. ok is false for a row covered by the merged note above.
func countSpan(rows []perinet.Record, i, no, col int, st styles) (sp span, ok bool) {
	row := statusBodyRow + i
	it := itemOf(rows[i], no)
	if it.DistributedTo != nil {
		return cellSpan(col, row, strconv.Itoa(*it.DistributedTo)+"施設", st.mark), true
	}
	first, last := sharedNote(rows, i, no)
	if i != first {
		return span{}, false
	}
	return span{col, row, 1, last - first + 1, detailsText(it.Details), st.text}, true
}

// sharedNote returns the first and last rows of the run of sub-groups
// around row i that share one parent, have no count for item no, and the
// same non-empty note for it, when every sub-group of the run does; else
// i and i.
func sharedNote(rows []perinet.Record, i, no int) (first, last int) {
	r := rows[i]
	if r.Tier != perinet.Subgroup {
		return i, i
	}
	first, last = i, i
	for first > 0 && rows[first-1].Tier == perinet.Subgroup && rows[first-1].Parent == r.Parent {
		first--
	}
	for last+1 < len(rows) && rows[last+1].Tier == perinet.Subgroup && rows[last+1].Parent == r.Parent {
		last++
	}
	note := detailsText(itemOf(r, no).Details)
	for j := first; j <= last; j++ {
		it := itemOf(rows[j], no)
		if note == "" || it.DistributedTo != nil || detailsText(it.Details) != note {
			return i, i
		}
	}
	return first, last
}

// startDates writes the real date column: 開始年月 as a date cell holding
// the serial of the month's first day, shown as 平成22年2月.
func (b *workbook) startDates(rows []perinet.Record, cols statusColumns) error {
	for i, r := range rows {
		row := statusBodyRow + i
		if r.Started == nil {
			if err := b.putText(statusSheet, cols.date, row, "", b.style.month); err != nil {
				return err
			}
			continue
		}
		if err := b.putNumber(statusSheet, cols.date, row, monthSerial(*r.Started), b.style.month); err != nil {
			return err
		}
	}
	return nil
}

// rowHeights sets the height of every row from the title to row last, so
// that each span's text shows whole: Excel does not fit rows to wrapped
// text when it opens a file. A span over several rows that needs more
// than they have gets the difference spread over them.
func (b *workbook) rowHeights(sheet string, spans []span, widths []float64, last int) error {
	heights := map[int]float64{statusTitleRow: 26}
	for r := statusHeadRow; r <= last; r++ {
		heights[r] = rowMin
	}
	need := func(sp span) float64 {
		if sp.style == b.style.vertical {
			return float64(utf8.RuneCountInString(sp.text))*rowLine + rowPad
		}
		w := 0.0
		for c := sp.col; c < sp.col+sp.cols && c <= len(widths); c++ {
			w += widths[c-1]
		}
		return float64(xlsxcell.Lines(sp.text, w))*rowLine + rowPad
	}
	for _, sp := range spans {
		if sp.rows == 1 && sp.row != statusTitleRow {
			heights[sp.row] = max(heights[sp.row], need(sp))
		}
	}
	for _, sp := range spans {
		if sp.rows == 1 {
			continue
		}
		have := 0.0
		for r := sp.row; r < sp.row+sp.rows; r++ {
			have += heights[r]
		}
		if n := need(sp); n > have {
			for r := sp.row; r < sp.row+sp.rows; r++ {
				heights[r] += (n - have) / float64(sp.rows)
			}
		}
	}
	for r := statusTitleRow; r <= last; r++ {
		if err := b.SetRowHeight(sheet, r, heights[r]); err != nil {
			return err
		}
	}
	return nil
}

// statusPrint sets up 実施状況 for printing: A3 landscape, one page wide,
// the header rows on every page, a footer with the page number (n / N),
// the print area from A1 to the last item of the last group (the real
// date column stays on screen only), and panes frozen below the headers
// and right of the group's columns.
func (b *workbook) statusPrint(cols statusColumns, lastRow int) error {
	const sheet = statusSheet
	corner, err := excelize.CoordinatesToCellName(cols.last, lastRow, true)
	if err != nil {
		return err
	}
	names := []*excelize.DefinedName{
		{Name: "_xlnm.Print_Area", RefersTo: fmt.Sprintf("'%s'!$A$1:%s", sheet, corner), Scope: sheet},
		{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sheet, statusHeadRow, statusBodyRow-1), Scope: sheet},
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
	topLeft, err := excelize.CoordinatesToCellName(firstItemCol, statusBodyRow)
	if err != nil {
		return err
	}
	return b.SetPanes(sheet, &excelize.Panes{
		Freeze: true, XSplit: firstItemCol - 1, YSplit: statusBodyRow - 1,
		TopLeftCell: topLeft, ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: topLeft, ActiveCell: topLeft, Pane: "bottomRight"}},
	})
}
