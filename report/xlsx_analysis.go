package report

import (
	"cmp"
	"errors"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"perinet/layout"
	"perinet/normalize"
	"perinet/xlsxcell"
)

// The rows of the 集計 and 推移 sheets: a title, two header rows, then the
// body. rowHeights sizes rows from the same title and header rows.
const (
	analysisTitleRow = statusTitleRow
	analysisHeadRow  = statusHeadRow
	analysisBodyRow  = statusHeadRow + 2
)

// rateNote explains the counts and rates under the tables of 集計 and 推移.
const rateNote = "実施率＝実施グループ数÷回答グループ数。一部実施（△）は実施グループ数に含めない。"

// changeNote explains 集計's 増減 (ItemStat.Change), under rateNote.
const changeNote = "増減＝前年度と今年度の両方に報告のあったグループについての、実施グループ数の増減" +
	"（どちらかの年度に報告のないグループ及び不受理のグループは含めない）。"

// The columns of the 集計 sheet.
const (
	sumItemCol     = 1 // A: the item
	sumDoneCol     = 2 // B: this year: groups that did it
	sumPartialCol  = 3 // C: groups that did it in part (△)
	sumReportedCol = 4 // D: groups that reported it
	sumRateCol     = 5 // E: the share of them that did it
	sumPrevCol     = 6 // F: the earlier year: groups that did it
	sumChangeCol   = 7 // G: the change from the earlier year
)

// itemName names an item on the analysis sheets and their charts:
// 項目３　連携リストの作成・配布. The word 項目 before the number is what
// keeps perinet's own reader from taking a list of these for a form's
// item labels (it knows ３　連携リストの作成・配布), so that report.xlsx
// reads back as the Records of 実施状況 alone.
func itemName(no int, label string) string {
	return "項目" + layout.NumberWide.Label(no, label)
}

// itemLabel returns the label of item no in the year reported, or "".
func itemLabel(a Analysis, no int) string {
	for _, s := range a.Items {
		if s.No == no {
			return s.Label
		}
	}
	return ""
}

// writeSummary writes the 集計 sheet: a title naming the fiscal year, one
// row per item with this year's counts and rate beside the earlier year's
// count and the change over the groups that reported in both years, a
// note on the rate (and on the change), and a bar chart of both years,
// all on one printed page.
func (b *workbook) writeSummary(a Analysis) error {
	const sheet = summarySheet
	widths := []float64{58, 10, 9, 10, 9, 12, 8}
	last := analysisBodyRow + len(a.Items) - 1
	noteRow := last + 1
	spans := b.summaryHead(a)
	for i, s := range a.Items {
		spans = append(spans, cellSpan(sumItemCol, analysisBodyRow+i, itemName(s.No, s.Label), b.style.text))
	}
	note := rateNote
	if a.Previous != 0 {
		note += changeNote
	}
	spans = append(spans, span{sumItemCol, noteRow, sumChangeCol, 1, note, b.style.plain})
	if err := b.layOut(sheet, spans, widths, noteRow); err != nil {
		return err
	}
	for i, s := range a.Items {
		if err := b.summaryRow(analysisBodyRow+i, s); err != nil {
			return err
		}
	}
	if err := b.summaryChart(a, noteRow+2, widths); err != nil {
		return err
	}
	return b.printPage(sheet)
}

// summaryHead returns the title and the two header rows of 集計: 項目 and
// 増減 down both rows, this year's four columns and the earlier year's one
// under the years' names.
func (b *workbook) summaryHead(a Analysis) []span {
	st, top := b.style, analysisHeadRow
	prev := "前年度"
	if a.Previous != 0 {
		prev += "（" + normalize.EraFiscalYear(a.Previous) + "）"
	}
	return []span{
		cellSpan(sumItemCol, analysisTitleRow, "項目別の実施状況（"+normalize.FiscalYearText(a.FiscalYear)+"）", st.caption),
		{sumItemCol, top, 1, 2, "項目", st.header},
		{sumDoneCol, top, sumRateCol - sumDoneCol + 1, 1, "今年度（" + normalize.EraFiscalYear(a.FiscalYear) + "）", st.header},
		cellSpan(sumPrevCol, top, prev, st.header),
		{sumChangeCol, top, 1, 2, "増減", st.header},
		cellSpan(sumDoneCol, top+1, "実施\nグループ数", st.header),
		cellSpan(sumPartialCol, top+1, "一部実施", st.header),
		cellSpan(sumReportedCol, top+1, "回答\nグループ数", st.header),
		cellSpan(sumRateCol, top+1, "実施率", st.header),
		cellSpan(sumPrevCol, top+1, "実施\nグループ数", st.header),
	}
}

// summaryRow writes an item's numbers on 集計. The rate is left empty when
// no group reported the item, the earlier year's count and the change
// when there is no earlier year.
func (b *workbook) summaryRow(row int, s ItemStat) error {
	st := b.style
	change, hasPrev := s.Change()
	prev := 0
	if s.Prev != nil {
		prev = s.Prev.Done
	}
	cells := []struct {
		col   int
		n     float64
		ok    bool
		style int
	}{
		{sumDoneCol, float64(s.Done), true, st.count},
		{sumPartialCol, float64(s.Partial), true, st.count},
		{sumReportedCol, float64(s.Reported), true, st.count},
		{sumRateCol, s.Rate(), s.Reported > 0, st.rate},
		{sumPrevCol, float64(prev), hasPrev, st.count},
		{sumChangeCol, float64(change), hasPrev, st.change},
	}
	for _, c := range cells {
		var err error
		if c.ok {
			err = b.putNumber(summarySheet, c.col, row, c.n, c.style)
		} else {
			err = b.putBlank(summarySheet, c.col, row, c.style)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// Chart colours: the earlier year in grey, this year in blue, and one
// colour a line for the items of 推移 (Okabe and Ito's palette, told apart
// by people with colour vision deficiencies, with wine for its yellow,
// too pale on white).
const (
	prevColour  = "A6A6A6"
	thisColour  = "2F5597"
	lineColours = "0072B2 D55E00 009E73 CC79A7 E69F00 56B4E9 000000 882255"
)

// solid returns a solid fill of a colour.
func solid(colour string) excelize.Fill {
	return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colour}}
}

// summaryChart adds the bar chart of 集計 at row anchor: the groups that
// did each item, this year beside the earlier year when there is one.
func (b *workbook) summaryChart(a Analysis, anchor int, widths []float64) error {
	const sheet = summarySheet
	if len(a.Items) == 0 {
		return nil
	}
	first, last := analysisBodyRow, analysisBodyRow+len(a.Items)-1
	r := refs{sheet: sheet}
	cats := r.cells(sumItemCol, first, sumItemCol, last)
	column := func(col int, colour string) excelize.ChartSeries {
		return excelize.ChartSeries{Name: r.cells(col, analysisHeadRow, col, analysisHeadRow),
			Categories: cats, Values: r.cells(col, first, col, last), Fill: solid(colour)}
	}
	var series []excelize.ChartSeries
	if a.Previous != 0 {
		series = append(series, column(sumPrevCol, prevColour))
	}
	series = append(series, column(sumDoneCol, thisColour))
	if r.err != nil {
		return r.err
	}
	zero, vary := 0.0, false // one colour a series, not a bar
	chart := &excelize.Chart{
		Type:       excelize.Bar,
		VaryColors: &vary,
		Series:     series,
		Title:      chartTitle("項目別の実施グループ数"),
		Legend:     excelize.ChartLegend{Position: "top", Font: chartFont(10)},
		XAxis:      excelize.ChartAxis{ReverseOrder: true, Font: *chartFont(9)},
		YAxis:      excelize.ChartAxis{Minimum: &zero, MajorUnit: 2, MajorGridLines: true, Font: *chartFont(9)},
		PlotArea:   excelize.ChartPlotArea{ShowVal: true},
		Dimension:  excelize.ChartDimension{Width: chartWidth(widths), Height: 340},
	}
	return b.AddChart(sheet, "A"+strconv.Itoa(anchor), chart)
}

// chartTitle returns a chart's title in the workbook's font.
func chartTitle(text string) excelize.ChartTitle {
	return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: text, Font: &excelize.Font{
		Family: xlsxcell.FontFamily, Size: 12, Bold: true,
	}}}}
}

// chartFont returns the workbook's font at a size, in dark grey, for a
// chart's axes and legend.
func chartFont(size float64) *excelize.Font {
	return &excelize.Font{Family: xlsxcell.FontFamily, Size: size, Color: "262626"}
}

// chartWidth returns the width in pixels of the columns a chart spans: as
// wide as the table above it. A column of width w is about 7w+5 pixels.
func chartWidth(widths []float64) uint {
	px := 0.0
	for _, w := range widths {
		px += 7*w + 5
	}
	return uint(px)
}

// A refs names ranges of one sheet for a chart's series, and keeps the
// first error met, so that a chart is built in one go and checked once.
type refs struct {
	sheet string
	err   error
}

// cells returns an absolute reference to the cells from (col1, row1) to
// (col2, row2): '集計'!$B$4:$B$11, or '集計'!$B$2 for one cell.
func (r *refs) cells(col1, row1, col2, row2 int) string {
	from, err1 := excelize.CoordinatesToCellName(col1, row1, true)
	to, err2 := excelize.CoordinatesToCellName(col2, row2, true)
	if err := errors.Join(err1, err2); err != nil {
		r.err = cmp.Or(r.err, err)
		return ""
	}
	ref := "'" + strings.ReplaceAll(r.sheet, "'", "''") + "'!" + from
	if from != to {
		ref += ":" + to
	}
	return ref
}
