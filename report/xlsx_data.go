package report

import (
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"perinet"
	"perinet/normalize"
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
// group and item, sorted by fiscal year and then as the status table
// sorts groups. It follows the Ministry of Internal Affairs' rules for
// machine-readable statistical tables (統計表における機械判読可能なデータ
// 作成に関する表記方法): one header row, no merged cells, no rows or columns
// left blank for layout, one value per cell, numbers stored as numbers,
// no notes in data cells.
func (b *workbook) writeData(records []perinet.Record) error {
	const sheet = dataSheet
	widths := make([]float64, len(dataColumns))
	for i, c := range dataColumns {
		widths[i] = c.width
		if err := b.putText(sheet, i+1, 1, c.head, b.style.head); err != nil {
			return err
		}
	}
	row := 2
	for _, r := range b.sortYears(records) {
		for _, d := range b.survey.Items {
			if err := b.dataRow(row, r, d); err != nil {
				return err
			}
			row++
		}
	}
	if err := b.setWidths(sheet, widths); err != nil {
		return err
	}
	last, err := excelize.CoordinatesToCellName(len(dataColumns), max(row-1, 2))
	if err != nil {
		return err
	}
	if err := b.AutoFilter(sheet, "A1:"+last, nil); err != nil {
		return err
	}
	if err := b.SetPanes(sheet, &excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	}); err != nil {
		return err
	}
	return b.printRows(dataSheet, 1, 1)
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

// dataRow writes one row of データ: a group's item d.
func (b *workbook) dataRow(row int, r perinet.Record, d perinet.ItemDef) error {
	const sheet = dataSheet
	it := itemOf(r, d.No)
	era, _, _ := strings.Cut(normalize.FiscalYearText(r.FiscalYear), "（")
	tier := ""
	if r.Tier != "" {
		tier = b.tierName(r.Tier)
	}
	gregorian := ""
	if r.Started != nil {
		gregorian = isoMonth(*r.Started)
	}
	texts := map[int]string{
		2: era, 3: tier, 4: r.Block, 5: r.Parent, 6: r.Hospital,
		7: startedText(r.Started), 8: gregorian, 10: d.Label,
		11: it.Mark.Symbol(), 12: it.Mark.String(), 14: strings.Join(it.Details, "\n"),
	}
	numbers := map[int]float64{1: float64(r.FiscalYear), 9: float64(d.No)}
	if it.DistributedTo != nil {
		numbers[13] = float64(*it.DistributedTo)
	}
	// LibreOffice and Excel show a row at its stored height: make room
	// for details of more than one line.
	if lines := lineCount(texts[14], dataColumns[13].width); lines > 1 {
		if err := b.SetRowHeight(sheet, row, float64(lines)*rowLine+rowPad); err != nil {
			return err
		}
	}
	for col := 1; col <= len(dataColumns); col++ {
		var err error
		if n, ok := numbers[col]; ok {
			err = b.putNumber(sheet, col, row, n, b.style.number)
		} else {
			err = b.putText(sheet, col, row, texts[col], b.style.plain)
		}
		if err != nil {
			return err
		}
	}
	return nil
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
