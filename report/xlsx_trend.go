package report

import (
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"perinet/normalize"
	"perinet/xlsxcell"
)

// The columns of the 推移 sheet: the year's three, then two for each item
// (the groups that did it and the rate).
const (
	trendEraCol    = 1 // A: 平成28年度
	trendYearCol   = 2 // B: 2016
	trendGroupsCol = 3 // C: the groups that reported
	trendItemCol   = 4 // D: the first item's count, E its rate, F the next item's count…
)

// trendWidths returns the widths of the columns of 推移 for n items.
func trendWidths(n int) []float64 {
	widths := []float64{11, 7, 8}
	for range n {
		widths = append(widths, 7, 8)
	}
	return widths
}

// trendCol returns the column of the i-th item's count on 推移; its rate
// is in the next.
func trendCol(i int) int { return trendItemCol + 2*i }

// writeTrend writes the 推移 sheet: a title naming the years, one row per
// fiscal year of a.Trend with each item's count and rate, a note on the
// rate, and a line chart of every item's rate over the years. A report
// that draws no trend (showsTrend) has the title and, in place of the
// table and the chart, the sentence saying why.
func (b *workbook) writeTrend(a Analysis) error {
	const sheet = trendSheet
	if note := noTrendNote(a); note != "" {
		// One column as wide as the sentence, so that it prints at the
		// size of the other sheets' text.
		widths := []float64{float64(xlsxcell.Width(note)) + 2}
		spans := []span{
			cellSpan(trendEraCol, analysisTitleRow, trendTitle(a), b.style.caption),
			cellSpan(trendEraCol, analysisHeadRow, note, b.style.plain),
		}
		if err := b.layOut(sheet, spans, widths, analysisHeadRow); err != nil {
			return err
		}
		return b.printPage(sheet)
	}
	widths := trendWidths(len(a.Items))
	last := analysisBodyRow + len(a.Trend) - 1
	noteRow := last + 1
	spans := b.trendHead(a, widths)
	for i, y := range a.Trend {
		spans = append(spans, cellSpan(trendEraCol, analysisBodyRow+i, normalize.EraFiscalYear(y.FiscalYear), b.style.mark))
	}
	spans = append(spans, span{trendEraCol, noteRow, len(widths), 1, "実施数＝実施グループ数。" + rateNote, b.style.plain})
	if err := b.layOut(sheet, spans, widths, noteRow); err != nil {
		return err
	}
	for i, y := range a.Trend {
		if err := b.trendRow(analysisBodyRow+i, a, y); err != nil {
			return err
		}
	}
	if err := b.trendChart(a, noteRow+2, widths); err != nil {
		return err
	}
	return b.printRows(sheet, analysisHeadRow, analysisBodyRow-1)
}

// trendTitle names the years of the trend: 項目別実施状況の推移（平成26年度～平成28年度）.
func trendTitle(a Analysis) string {
	var years []string
	if len(a.Trend) > 0 {
		years = append(years, normalize.EraFiscalYear(a.Trend[0].FiscalYear))
	}
	if n := len(a.Trend); n > 1 {
		years = append(years, normalize.EraFiscalYear(a.Trend[n-1].FiscalYear))
	}
	if len(years) == 0 {
		years = append(years, normalize.EraFiscalYear(a.FiscalYear))
	}
	return "項目別実施状況の推移（" + strings.Join(years, "～") + "）"
}

// trendHead returns the title and the two header rows of 推移: 年度, 西暦
// and グループ数 down both rows; each item's name across its two columns,
// 実施数 and 実施率 below.
func (b *workbook) trendHead(a Analysis, widths []float64) []span {
	st, top := b.style, analysisHeadRow
	spans := []span{
		cellSpan(trendEraCol, analysisTitleRow, trendTitle(a), st.caption),
		{trendEraCol, top, 1, 2, "年度", st.header},
		{trendYearCol, top, 1, 2, "西暦", st.header},
		{trendGroupsCol, top, 1, 2, "グループ数", st.header},
	}
	for i, s := range a.Items {
		col := trendCol(i)
		// Not balanced: the chart names each line by this cell, and a line
		// break would show in its legend. The header style wraps it.
		spans = append(spans, span{col, top, 2, 1, itemName(s.No, s.Label), st.header},
			cellSpan(col, top+1, "実施数", st.header), cellSpan(col+1, top+1, "実施率", st.header))
	}
	return spans
}

// trendRow writes a fiscal year's numbers on 推移: the year, the groups,
// and each item's count and rate. An item that no group reported that
// year has both left empty.
func (b *workbook) trendRow(row int, a Analysis, y YearStat) error {
	const sheet = trendSheet
	st := b.style
	if err := b.putNumber(sheet, trendYearCol, row, float64(y.FiscalYear), st.count); err != nil {
		return err
	}
	if err := b.putNumber(sheet, trendGroupsCol, row, float64(y.Groups), st.count); err != nil {
		return err
	}
	for i, s := range a.Items {
		c, ok := countOf(y.Items, s.No)
		col := trendCol(i)
		var err error
		if ok && c.Reported > 0 {
			err = b.putNumber(sheet, col, row, float64(c.Done), st.count)
			if err == nil {
				err = b.putNumber(sheet, col+1, row, c.Rate(), st.rate)
			}
		} else {
			err = b.putBlank(sheet, col, row, st.count)
			if err == nil {
				err = b.putBlank(sheet, col+1, row, st.rate)
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// countOf returns the count of item no, and false when there is none.
func countOf(counts []ItemCount, no int) (ItemCount, bool) {
	for _, c := range counts {
		if c.No == no {
			return c, true
		}
	}
	return ItemCount{}, false
}

// trendChart adds the line chart of 推移 at row anchor: one line per item,
// its rate over the fiscal years, named by the item's heading.
func (b *workbook) trendChart(a Analysis, anchor int, widths []float64) error {
	const sheet = trendSheet
	if len(a.Items) == 0 {
		return nil
	}
	first, last := analysisBodyRow, analysisBodyRow+len(a.Trend)-1
	r := refs{sheet: sheet}
	cats := r.cells(trendEraCol, first, trendEraCol, last)
	colours := strings.Fields(lineColours)
	var series []excelize.ChartSeries
	for i := range a.Items {
		col, colour := trendCol(i), solid(colours[i%len(colours)])
		series = append(series, excelize.ChartSeries{
			Name:       r.cells(col, analysisHeadRow, col, analysisHeadRow),
			Categories: cats, Values: r.cells(col+1, first, col+1, last),
			Fill: colour, Line: excelize.LineOptions{Width: 2},
			Marker: excelize.ChartMarker{Symbol: "circle", Size: 6, Fill: colour},
		})
	}
	if r.err != nil {
		return r.err
	}
	zero, one, vary := 0.0, 1.0, false
	chart := &excelize.Chart{
		Type:       excelize.Line,
		VaryColors: &vary,
		Series:     series,
		Title:      chartTitle("項目別実施率の推移"),
		Legend:     excelize.ChartLegend{Position: "bottom", Font: chartFont(9)},
		XAxis:      excelize.ChartAxis{Font: *chartFont(9)},
		YAxis: excelize.ChartAxis{Minimum: &zero, Maximum: &one, MajorUnit: 0.2, MajorGridLines: true,
			NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0%"}, Font: *chartFont(9)},
		Dimension: excelize.ChartDimension{Width: chartWidth(widths), Height: 420},
	}
	return b.AddChart(sheet, "A"+strconv.Itoa(anchor), chart)
}
