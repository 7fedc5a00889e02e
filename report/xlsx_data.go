package report

import (
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"perinet"
	"perinet/normalize"
	"perinet/xlsxcell"
)

// dataColumns are the headings of the データ sheet, one a column. Each
// column holds one kind of value; numbers are numbers.
var dataColumns = []struct {
	head  string
	width float64
}{
	{"年度", 7},        // 2016
	{"年度（和暦）", 12},   // 平成28年度
	{"区分", 20},       // ネットワークグループ, サブグループ
	{"ブロック名", 18},    // 区中央部
	{"上位グループ", 10},   // 多摩地域, for sub-groups
	{"委託病院", 28},     // the canonical full name
	{"開始年月（和暦）", 12}, // H22年2月
	{"開始年月（西暦）", 12}, // 2010-02
	{"項目番号", 8},      // 1 to 8
	{"項目名", 48},      // 地域連携会議の運営等
	{"実施", 6},        // ○ × △ or empty
	{"実施コード", 10},    // yes, no, partial, blank
	{"配布先施設数", 12},   // 103, or empty
	{"具体的内容", 50},    // the details, one entry a line
}

// writeData writes the データ sheet: every Record given, one row per
// group and item its year's survey asked, sorted by fiscal year and then as the status table
// sorts groups. It follows the Ministry of Internal Affairs' rules for
// machine-readable statistical tables (統計表における機械判読可能なデータ
// 作成に関する表記方法): one header row, no merged cells, no rows or columns
// left blank for layout, one value per cell, numbers stored as numbers,
// no notes in data cells.
//
// The rows are streamed: the sheet grows with every year kept, and
// excelize's cell by cell writing costs ten times the time and memory.
// The filter and the print setup are set first, on the empty sheet, since
// the stream writer keeps what the sheet had when it started.
func (b *workbook) writeData(records []perinet.Record) error {
	const sheet = dataSheet
	rows := b.sortYears(records)
	n := 0
	for _, r := range rows {
		n += len(b.survey.Year(r.FiscalYear).Items)
	}
	last, err := excelize.CoordinatesToCellName(len(dataColumns), max(1+n, 2))
	if err != nil {
		return err
	}
	if err := b.AutoFilter(sheet, "A1:"+last, nil); err != nil {
		return err
	}
	if err := b.printRows(sheet, 1, 1); err != nil {
		return err
	}
	sw, err := b.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	if err := b.dataHead(sw); err != nil {
		return err
	}
	row := 2
	for _, r := range rows {
		for _, d := range b.survey.Year(r.FiscalYear).Items {
			cells, height := b.dataRow(r, d)
			cell, err := excelize.CoordinatesToCellName(1, row)
			if err != nil {
				return err
			}
			if err := sw.SetRow(cell, cells, excelize.RowOpts{Height: height}); err != nil {
				return err
			}
			row++
		}
	}
	return sw.Flush()
}

// dataHead sets the column widths, freezes the header row and writes it.
func (b *workbook) dataHead(sw *excelize.StreamWriter) error {
	head := make([]any, len(dataColumns))
	for i, c := range dataColumns {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return err
		}
		head[i] = excelize.Cell{StyleID: b.style.head, Value: c.head}
	}
	if err := sw.SetPanes(&excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	}); err != nil {
		return err
	}
	return sw.SetRow("A1", head)
}

// sortYears returns the Records sorted by fiscal year, and within a year
// as sortGroups sorts them.
func (b *workbook) sortYears(records []perinet.Record) []perinet.Record {
	years := map[int][]perinet.Record{}
	var order []int
	for _, r := range records {
		if _, ok := years[r.FiscalYear]; !ok {
			order = append(order, r.FiscalYear)
		}
		years[r.FiscalYear] = append(years[r.FiscalYear], r)
	}
	sort.Ints(order)
	var out []perinet.Record
	for _, fy := range order {
		out = append(out, b.sortGroups(years[fy])...)
	}
	return out
}

// dataRow returns the cells of one row of データ, a group's item d, and
// the row's height: 0 for the default, more for details of more than one
// line (LibreOffice and Excel show a row at its stored height). Texts are
// strings, never formulas: the stream writer writes a string as text.
func (b *workbook) dataRow(r perinet.Record, d perinet.ItemDef) ([]any, float64) {
	it := itemOf(r, d.No)
	era, _, _ := strings.Cut(normalize.FiscalYearText(r.FiscalYear), "（")
	tier := ""
	if r.Tier != "" {
		tier = b.survey.TierName(r.Tier)
	}
	gregorian := ""
	if r.Started != nil {
		gregorian = isoMonth(*r.Started)
	}
	details := strings.Join(it.Details, "\n")
	text := func(s string) any {
		if s == "" {
			return excelize.Cell{StyleID: b.style.plain}
		}
		return excelize.Cell{StyleID: b.style.plain, Value: s}
	}
	number := func(n float64) any { return excelize.Cell{StyleID: b.style.number, Value: n} }
	count := text("")
	if it.DistributedTo != nil {
		count = number(float64(*it.DistributedTo))
	}
	cells := []any{
		number(float64(r.FiscalYear)), text(era), text(tier), text(r.Block), text(r.Parent), text(r.Hospital),
		text(startedText(r.Started)), text(gregorian), number(float64(d.No)), text(d.Label),
		text(it.Mark.Symbol()), text(it.Mark.String()), count, text(details),
	}
	height := 0.0
	if lines := xlsxcell.Lines(details, dataColumns[13].width); lines > 1 {
		height = min(float64(lines)*rowLine+rowPad, excelize.MaxRowHeight)
	}
	return cells, height
}

// isoMonth writes a date as ISO 8601 does: 2010-02, or 2010-02-01 when it
// has a day.
func isoMonth(d perinet.Date) string {
	s := pad(d.Year, 4) + "-" + pad(d.Month, 2)
	if d.Day != 0 {
		s += "-" + pad(d.Day, 2)
	}
	return s
}

// pad writes n with leading zeros to at least w digits.
func pad(n, w int) string {
	s := strconv.Itoa(n)
	for len(s) < w {
		s = "0" + s
	}
	return s
}
