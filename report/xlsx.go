package report

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"perinet"
	"perinet/normalize"
	"perinet/xlsxcell"
)

// The sheets of report.xlsx, in order.
const (
	statusSheet  = "実施状況" // the status matrix in the published layout
	summarySheet = "集計"   // counts and rates per item, this year beside the earlier one
	trendSheet   = "推移"   // counts and rates per item and fiscal year
	issuesSheet  = "課題"   // the issues found, one a row
	dataSheet    = "データ"  // one row per group and item, machine-readable
)

// WriteXLSX writes report.xlsx, the consolidated workbook for the fiscal
// year a reports on (fy below), to w:
//
//   - 実施状況: the status matrix of fy's Records as the committee knows
//     it (各グループの取組状況), set up to print on A3 landscape;
//   - 集計: a's count and rate of every item, beside the earlier year's
//     count and the change over the groups that reported in both years
//     (ItemStat.Change), with a bar chart of both years;
//   - 推移: the count and rate of every item in each fiscal year of
//     a.Trend, with a line chart of the rates; when a.Trend has fewer
//     than two years, a sentence saying why there is no trend instead;
//   - 課題: a's issues, one a row, with their kind, group, item and file
//     (a file's issue says whether it was accepted, 受理, or not, 不受理);
//   - データ: every Record given, one row per group and item, in the
//     machine-readable form of the Ministry of Internal Affairs' rules for
//     statistical tables (one header row, no merged cells, numbers as
//     numbers, 和暦 and 西暦 side by side).
//
// 集計 prints on one A4 landscape page, 推移 (when it has its table) and
// 課題 one page wide with their header rows on every page. Of the Records given, those of other
// fiscal years appear only in データ (推移 shows the counts a holds).
// Groups are sorted in the survey's block order, network groups first,
// then each network group's sub-groups under it. Text from the forms is
// always written as a string, never as a formula. Read back as a
// submitted file, the workbook gives the Records of 実施状況 alone: the
// other sheets name items as 項目３　連携リストの作成・配布, which a form
// does not. The same arguments give the same bytes: the document
// properties are dated by Analysis.Created (or SOURCE_DATE_EPOCH, as
// report.pdf is), else the first day after the fiscal year, and nothing
// depends on the clock.
func WriteXLSX(w io.Writer, a Analysis, records []perinet.Record, s *perinet.Survey) error {
	fy := a.FiscalYear
	b, err := newWorkbook(fy, s)
	if err != nil {
		return err
	}
	defer b.Close()
	if !a.Created.IsZero() || os.Getenv("SOURCE_DATE_EPOCH") != "" {
		// The report's date, as report.pdf's (reportDate).
		created, err := reportDate(a.Created, os.Getenv("SOURCE_DATE_EPOCH"))
		if err != nil {
			return err
		}
		if err := b.date(fy, created); err != nil {
			return err
		}
	}
	sheets := []struct {
		name  string
		write func() error
	}{
		{statusSheet, func() error { return b.writeStatus(fy, ofYear(records, fy), a.Absent) }},
		{summarySheet, func() error { return b.writeSummary(a) }},
		{trendSheet, func() error { return b.writeTrend(a) }},
		{issuesSheet, func() error { return b.writeIssues(a) }},
		{dataSheet, func() error { return b.writeData(records) }},
	}
	for i, sh := range sheets {
		if err := b.addSheet(i, sh.name); err != nil {
			return fmt.Errorf("report.xlsx: sheet %s: %w", sh.name, err)
		}
		if err := sh.write(); err != nil {
			return fmt.Errorf("report.xlsx: sheet %s: %w", sh.name, err)
		}
	}
	b.sortContentTypes()
	if err := b.Write(w); err != nil {
		return fmt.Errorf("report.xlsx: %w", err)
	}
	return nil
}

// sortContentTypes puts the default content types of [Content_Types].xml
// in the order of their extensions. Adding a chart makes excelize list
// the image extensions from a map, in a different order each time.
func (b *workbook) sortContentTypes() {
	if b.ContentTypes == nil {
		return
	}
	defaults := b.ContentTypes.Defaults
	sort.SliceStable(defaults, func(i, j int) bool { return defaults[i].Extension < defaults[j].Extension })
}

// A workbook is report.xlsx being written: the file, the survey it reports
// on, and the cell styles, made once in a fixed order.
type workbook struct {
	*excelize.File
	survey *perinet.Survey
	style  styles
}

// date sets the document properties of report.xlsx, dated t.
func (b *workbook) date(fy int, t time.Time) error {
	stamp := t.UTC().Format(time.RFC3339)
	return b.SetDocProps(&excelize.DocProperties{
		Title:          b.survey.Title + "（" + normalize.FiscalYearText(fy) + "）",
		Subject:        "各グループの取組状況",
		Creator:        "perinet",
		LastModifiedBy: "perinet",
		Created:        stamp,
		Modified:       stamp,
		Language:       "ja-JP",
	})
}

// newWorkbook starts report.xlsx with fixed document properties: the same
// workbook for the same fiscal year, whenever it is made.
func newWorkbook(fy int, s *perinet.Survey) (*workbook, error) {
	f := excelize.NewFile()
	b := &workbook{File: f, survey: s}
	// A fixed time, so that the bytes depend on the data only: the first
	// day after the fiscal year, when its report can first be made.
	err := b.date(fy, time.Date(fy+1, time.April, 1, 0, 0, 0, 0, time.UTC))
	if err == nil {
		b.style, err = newStyles(f)
	}
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	return b, nil
}

// addSheet adds the sheet at position i: the first renames the new file's
// Sheet1, so that the workbook opens on it.
func (b *workbook) addSheet(i int, name string) error {
	if i == 0 {
		return b.SetSheetName("Sheet1", name)
	}
	_, err := b.NewSheet(name)
	return err
}

// styles are the cell styles of report.xlsx.
type styles struct {
	title    int // the sheet's title: large, bold, centred
	header   int // a bordered heading on grey, centred, wrapped
	vertical int // a heading written top to bottom (the tier column)
	text     int // a bordered text, wrapped, vertically centred
	mark     int // a bordered mark or short value, centred
	month    int // a bordered date cell shown as 平成22年2月
	head     int // the header row of the データ sheet: bold, no fill, no border
	plain    int // a data cell of the データ sheet: top-aligned, wrapped
	number   int // a number of the データ sheet, without a thousands separator
	caption  int // the title of an analysis sheet: large, bold, left-aligned
	count    int // a bordered whole number, such as a count of groups
	rate     int // a bordered share, shown as a percentage (92.9%)
	change   int // a bordered change, shown with its sign (+3, -1, 0)
}

// Number formats of the analysis sheets.
const (
	rateFormat   = "0.0%"
	changeFormat = "+0;-0;0"
)

// newStyles adds the styles to a workbook, always in the same order.
func newStyles(f *excelize.File) (styles, error) {
	font, border, grey := xlsxcell.Font, xlsxcell.Border(), xlsxcell.Fill("D9D9D9")
	month, rate, change := xlsxcell.MonthFormat, rateFormat, changeFormat
	var s styles
	defs := []struct {
		id    *int
		style excelize.Style
	}{
		{&s.title, excelize.Style{Font: font(14, true), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}},
		{&s.header, excelize.Style{Font: font(10, true), Border: border, Fill: grey,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&s.vertical, excelize.Style{Font: font(10, true), Border: border,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", TextRotation: 255}}},
		{&s.text, excelize.Style{Font: font(10, false), Border: border,
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
		{&s.mark, excelize.Style{Font: font(10, false), Border: border,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&s.month, excelize.Style{Font: font(10, false), Border: border, CustomNumFmt: &month,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}},
		{&s.head, excelize.Style{Font: font(10, true), Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&s.plain, excelize.Style{Font: font(10, false), Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&s.number, excelize.Style{Font: font(10, false), NumFmt: 1, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&s.caption, excelize.Style{Font: font(14, true), Alignment: &excelize.Alignment{Vertical: "center"}}},
		{&s.count, excelize.Style{Font: font(10, false), Border: border, NumFmt: 1, Alignment: &excelize.Alignment{Vertical: "center"}}},
		{&s.rate, excelize.Style{Font: font(10, false), Border: border, CustomNumFmt: &rate, Alignment: &excelize.Alignment{Vertical: "center"}}},
		{&s.change, excelize.Style{Font: font(10, false), Border: border, CustomNumFmt: &change, Alignment: &excelize.Alignment{Vertical: "center"}}},
	}
	for _, d := range defs {
		id, err := f.NewStyle(&d.style)
		if err != nil {
			return s, err
		}
		*d.id = id
	}
	return s, nil
}

// putText writes a text as a string cell, whatever it starts with: a
// value such as "=1+1" from a form stays text, never becomes a formula.
// An empty text leaves the cell without a value, styled.
func (b *workbook) putText(sheet string, col, row int, text string, style int) error {
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return err
	}
	if text != "" {
		if err := b.SetCellStr(sheet, cell, text); err != nil {
			return err
		}
	}
	return b.SetCellStyle(sheet, cell, cell, style)
}

// putNumber writes a number cell.
func (b *workbook) putNumber(sheet string, col, row int, n float64, style int) error {
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return err
	}
	if err := b.SetCellFloat(sheet, cell, n, -1, 64); err != nil {
		return err
	}
	return b.SetCellStyle(sheet, cell, cell, style)
}

// putBlank leaves a cell without a value, styled: a number that does not
// apply, such as the change from an earlier year when there is none.
func (b *workbook) putBlank(sheet string, col, row int, style int) error {
	return b.putText(sheet, col, row, "", style)
}

// putSpans writes each span's text as a string and merges the spans of
// more than one cell.
func (b *workbook) putSpans(sheet string, spans []span) error {
	for _, sp := range spans {
		if err := b.putText(sheet, sp.col, sp.row, sp.text, sp.style); err != nil {
			return err
		}
		if sp.cols > 1 || sp.rows > 1 {
			if err := b.merge(sheet, sp.col, sp.row, sp.col+sp.cols-1, sp.row+sp.rows-1); err != nil {
				return err
			}
		}
	}
	return nil
}

// layOut writes a sheet's spans, sets the widths of its columns, and
// sizes its rows up to last to the spans' text (rowHeights).
func (b *workbook) layOut(sheet string, spans []span, widths []float64, last int) error {
	if err := b.putSpans(sheet, spans); err != nil {
		return err
	}
	if err := b.setWidths(sheet, widths); err != nil {
		return err
	}
	return b.rowHeights(sheet, spans, widths, last)
}

// merge merges the cells from (col1, row1) to (col2, row2) and gives them
// the style of the first, so that the merged cell keeps its borders.
func (b *workbook) merge(sheet string, col1, row1, col2, row2 int) error {
	from, err := excelize.CoordinatesToCellName(col1, row1)
	if err != nil {
		return err
	}
	to, err := excelize.CoordinatesToCellName(col2, row2)
	if err != nil {
		return err
	}
	style, err := b.GetCellStyle(sheet, from)
	if err != nil {
		return err
	}
	if err := b.SetCellStyle(sheet, from, to, style); err != nil {
		return err
	}
	return b.MergeCell(sheet, from, to)
}

// setWidths sets the width of each column, the first being column A.
func (b *workbook) setWidths(sheet string, widths []float64) error {
	for i, w := range widths {
		col, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return err
		}
		if err := b.SetColWidth(sheet, col, col, w); err != nil {
			return err
		}
	}
	return nil
}

// ofYear returns the Records of fiscal year fy, in the order given.
func ofYear(records []perinet.Record, fy int) []perinet.Record {
	var out []perinet.Record
	for _, r := range records {
		if r.FiscalYear == fy {
			out = append(out, r)
		}
	}
	return out
}

// detailsText writes an item's details as the table shows them in one
// cell: its detailLines, a line each.
func detailsText(details []string) string {
	return strings.Join(detailLines(details), "\n")
}

// detailLines writes an item's details as the table shows them: one entry
// as it is, several each led by ・.
func detailLines(details []string) []string {
	if len(details) <= 1 {
		return details
	}
	lines := make([]string, len(details))
	for i, d := range details {
		lines[i] = "・" + d
	}
	return lines
}

// startedText writes 開始年月 as the committee writes it (H22年2月), or
// nothing when it is unknown.
func startedText(d *perinet.Date) string {
	if d == nil {
		return ""
	}
	return normalize.EraText(*d)
}

// monthSerial returns the day number that a workbook in the 1900 date
// system stores for the first day of d's month: 2010-02 is 40210.
func monthSerial(d perinet.Date) float64 {
	return xlsxcell.Serial(time.Date(d.Year, time.Month(d.Month), 1, 0, 0, 0, 0, time.UTC))
}

// noLineStart are the characters that Japanese typesetting (kinsoku) keeps
// from starting a line: closing brackets, punctuation, the long vowel
// mark, small kana.
const noLineStart = "、。，．）」』】〕・ー：；？！ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"

// balance breaks each line of a heading that is too wide for a column of
// the given width into lines of about equal width, never starting a line
// with a character of noLineStart: ３　連携リスト / の作成・配布, not
// ３　連携リストの作成・配 / 布. Only for headings: a line break in a
// form's text would make two entries of one.
func balance(text string, colWidth float64) string {
	per := max(2, int(colWidth)-1)
	var out []string
	for _, line := range strings.Split(text, "\n") {
		w := xlsxcell.Width(line)
		if w <= per {
			out = append(out, line)
			continue
		}
		lines := (w + per - 1) / per
		target := (w + lines - 1) / lines
		runes := []rune(line)
		start, acc := 0, 0
		for i, r := range runes {
			rw := xlsxcell.Width(string(r))
			if acc >= target && i > start {
				cut := i
				for cut > start+1 && strings.ContainsRune(noLineStart, runes[cut]) {
					cut--
				}
				out = append(out, string(runes[start:cut]))
				start, acc = cut, xlsxcell.Width(string(runes[cut:i]))
			}
			acc += rw
		}
		out = append(out, string(runes[start:]))
	}
	return strings.Join(out, "\n")
}

// Row heights in points, for 10-point text.
const (
	rowLine = 13.0 // one line of text
	rowPad  = 5.0  // the cell's margins above and below
	rowMin  = 20.0 // a group's row with marks only
)

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

// rowHeights sets the height of every row from the title to row last, so
// that each span's text shows whole: Excel does not fit rows to wrapped
// text when it opens a file. A span over several rows that needs more
// than they have gets the difference spread over them; no row is taller
// than Excel allows.
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
		// Excel takes no row taller than 409 points: a cell that needs
		// more keeps its whole text, which shows when the cell is
		// selected or the row wrapped at print.
		if err := b.SetRowHeight(sheet, r, min(heights[r], excelize.MaxRowHeight)); err != nil {
			return err
		}
	}
	return nil
}

// Paper sizes as excelize numbers them.
const (
	paperA3 = 8
	paperA4 = 9
)

// fitToWidth sets a sheet to print landscape on the given paper, one page
// wide and as many pages tall as it needs.
func fitToWidth(b *workbook, sheet string, paper int) error {
	fit := true
	if err := b.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	landscape, one, zero := "landscape", 1, 0
	return b.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: &paper, Orientation: &landscape, FitToWidth: &one, FitToHeight: &zero,
	})
}

// printRows sets a sheet up to print on A4 landscape, one page wide, with
// rows first to last (its header) on every page and page n / N below.
func (b *workbook) printRows(sheet string, first, last int) error {
	if err := b.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sheet, first, last), Scope: sheet,
	}); err != nil {
		return err
	}
	if err := fitToWidth(b, sheet, paperA4); err != nil {
		return err
	}
	return b.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: "&C&P / &N"})
}

// printPage sets a sheet of one page's worth (a table and its chart) to
// print on A4 landscape, shrunk to one page, page n / N below.
func (b *workbook) printPage(sheet string) error {
	if err := fitToWidth(b, sheet, paperA4); err != nil {
		return err
	}
	one := 1
	if err := b.SetPageLayout(sheet, &excelize.PageLayoutOptions{FitToHeight: &one}); err != nil {
		return err
	}
	return b.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: "&C&P / &N"})
}
