package report

import "strconv"

// A pdfBarYear is the fiscal year one bar of each item stands for: this
// year, or the earlier year compared with.
type pdfBarYear struct {
	fy   int
	prev bool
	pen  *pdfPen
}

// pdfBarYears returns the years the bars show: the earlier year, when
// there is one, above this year.
func pdfBarYears(a Analysis) []pdfBarYear {
	cur := pdfBarYear{fy: a.FiscalYear, pen: &pdfPen{rgb: pdfPalette[0], width: 0.6, edge: [3]uint8{0, 60, 100}}}
	if a.Previous == 0 {
		return []pdfBarYear{cur}
	}
	prev := pdfBarYear{fy: a.Previous, prev: true, pen: &pdfPen{rgb: [3]uint8{190, 190, 190}, width: 0.6, edge: [3]uint8{90, 90, 90}}}
	return []pdfBarYear{prev, cur}
}

// count returns the item's count in the year; nothing reported when the
// earlier year is not in s.
func (y pdfBarYear) count(s ItemStat) ItemCount {
	if !y.prev {
		return s.ItemCount
	}
	if s.Prev == nil {
		return ItemCount{No: s.No}
	}
	return *s.Prev
}

// swatch returns the legend's sample of the year's bar, w wide.
func (y pdfBarYear) swatch(w float64) func(p *pdfPage, x, mid float64) {
	return func(p *pdfPage, x, mid float64) { p.paint(x, mid-w*3/17, w, w*6/17, y.pen) }
}

// pdfCountText writes a count as the bar's end does: 14/14, and the
// partial marks after it: 10/14（△1）. An item nobody reported is "－".
func pdfCountText(c ItemCount) string {
	if c.Reported == 0 {
		return "－"
	}
	text := strconv.Itoa(c.Done) + "/" + strconv.Itoa(c.Reported)
	if c.Partial > 0 {
		text += "（△" + strconv.Itoa(c.Partial) + "）"
	}
	return text
}

// A pdfBars is the bar chart's plot: its edges and its count axis, on
// its sheet.
type pdfBars struct {
	left, right, top, bottom float64
	axis                     pdfAxis
	sheet                    pdfSheet
}

// pdfBarPage lays out 実施状況の集計: for each item, a bar of the groups
// that did it this year, below the earlier year's, each with its count at
// its end, over gridlines of the number of groups.
func pdfBarPage(s *pdfSetter, doc PDFDoc) pdfPage {
	a := doc.Analysis
	f := pdfChartPage(s, "実施状況の集計", "各項目を実施したグループの数。棒の先の数字は「実施したグループ数/報告のあったグループ数」で、"+
		"一部の実施（△）は実施に含めず、括弧内にその数を示す。")
	p := f.page()
	sh := s.sheet
	years := pdfBarYears(a)
	var keys []pdfKey
	most := 0
	for _, y := range years {
		keys = append(keys, pdfKey{sample: y.swatch(sh.keyW), text: pdfFiscalYear(y.fy)})
		for _, st := range a.Items {
			most = max(most, y.count(st).Reported)
		}
	}
	b := pdfBars{left: sh.textLeft + sh.barLabelW, right: sh.textLeft + sh.textWidth() - sh.barValueW,
		bottom: sh.textBottom() - 4*sh.tickSize, sheet: sh}
	b.top = pdfLegend(s, p, keys, b.left, f.y, b.right-b.left, 2) + 1.5*sh.keySize
	b.axis = pdfNiceAxis(float64(most), 8, 1)
	b.grid(s, p)
	rowH := (b.bottom - b.top) / float64(max(len(a.Items), 1))
	for i, st := range a.Items {
		b.item(s, p, pdfItemTitle(doc.Survey, st.No, st.Label), st, years, b.top+float64(i)*rowH, rowH)
	}
	b.axes(p)
	return *p
}

// grid draws the gridlines at the axis's ticks, their values under the
// plot, and the axis's title.
func (b pdfBars) grid(s *pdfSetter, p *pdfPage) {
	size := b.sheet.tickSize
	for _, v := range b.axis.ticks() {
		x := b.axis.at(v, b.left, b.right)
		if v > 0 {
			p.stroke(x, b.top, x, b.bottom, pdfGridPen())
		}
		text := s.clean(pdfTickText(v))
		p.text(x-s.measure(size)(text)/2, b.bottom+5, size, text)
	}
	pdfCentred(s, p, []string{s.clean("グループ数")}, b.left, b.bottom+2*size, b.right-b.left, size, size*1.4)
}

// axes draws the plot's left and bottom edges over the bars.
func (b pdfBars) axes(p *pdfPage) {
	p.stroke(b.left, b.top, b.left, b.bottom, pdfAxisPen())
	p.stroke(b.left, b.bottom, b.right, b.bottom, pdfAxisPen())
}

// item draws one item's row, top and h high: its heading, broken to the
// label column and centred on the row, and a bar for each year.
func (b pdfBars) item(s *pdfSetter, p *pdfPage, title string, st ItemStat, years []pdfBarYear, top, h float64) {
	sh := b.sheet
	size, lead := sh.barSize, sh.barSize*1.35
	lines := s.lines(title, sh.barLabelW-16, size)
	y := top + (h-float64(len(lines))*lead)/2
	for _, l := range lines {
		p.text(sh.textLeft, y+(lead-size)/2, size, l)
		y += lead
	}
	const gap = 3.0
	barH := min(sh.barMaxH, (h*0.72-gap)/float64(len(years)))
	y = top + (h-float64(len(years))*(barH+gap)+gap)/2
	for _, yr := range years {
		c := yr.count(st)
		w := b.axis.at(float64(c.Done), b.left, b.right) - b.left
		if w > 0 {
			p.paint(b.left, y, w, barH, yr.pen)
		}
		text := s.clean(pdfCountText(c))
		p.text(b.left+w+5, y+(barH-sh.barValue)/2, sh.barValue, text)
		y += barH + gap
	}
}
