package report

import "strconv"

// A pdfTrend is the trend chart's plot: its edges, the years across it
// and the items drawn, each a series, on its sheet.
type pdfTrend struct {
	left, right, top, bottom float64
	years                    []YearStat
	items                    []ItemStat // the series, in the order of pdfSeriesOf
	sheet                    pdfSheet
}

// pdfTrendPage lays out 実施状況の推移: each item's rate over the fiscal
// years, one line per item with its own colour, dash and marker, a
// legend above and the counts under each year below. It is drawn only
// for two years or more (showsTrend).
func pdfTrendPage(s *pdfSetter, doc PDFDoc) pdfPage {
	a := doc.Analysis
	f := pdfChartPage(s, "実施状況の推移", "各項目を実施したグループの割合（実施したグループ数÷報告のあったグループ数）の推移。"+
		"グラフの下に年度ごとの「実施したグループ数/報告のあったグループ数」を示す。")
	p := f.page()
	sh := s.sheet
	keys := make([]pdfKey, len(a.Items))
	for i, st := range a.Items {
		keys[i] = pdfKey{sample: pdfSeriesOf(i).sample(sh), text: pdfItemTitle(doc.Survey, st.No, st.Label)}
	}
	t := pdfTrend{left: sh.textLeft + sh.trendLeft, right: sh.textLeft + sh.textWidth() - sh.trendEnd, years: a.Trend, items: a.Items, sheet: sh}
	t.top = pdfLegend(s, p, keys, sh.textLeft, f.y, sh.textWidth(), 2) + 1.5*sh.keySize
	tab := t.layoutTable(s)
	t.bottom = sh.textBottom() - sh.trendYear - tab.height()
	t.grid(s, p)
	for i := range t.items {
		t.line(p, i)
	}
	for i := range t.items {
		t.markers(p, i)
	}
	t.ends(s, p)
	t.table(s, p, tab)
	return *p
}

// sample returns the series as the legend on sh shows it: a stretch of
// its line with its marker in the middle.
func (ser pdfSeries) sample(sh pdfSheet) func(p *pdfPage, x, y float64) {
	return func(p *pdfPage, x, y float64) {
		p.stroke(x, y, x+sh.keyW, y, ser.line)
		p.marker(x+sh.keyW/2, y, sh.trendMark, ser.shape, ser.mark)
	}
}

// slot returns the width given to each year.
func (t pdfTrend) slot() float64 { return (t.right - t.left) / float64(max(len(t.years), 1)) }

// x returns where the i-th year's points stand; the j-th series is moved
// a little aside, so that markers of equal rates stand side by side.
func (t pdfTrend) x(i, j int) float64 {
	dodge := min(t.sheet.trendMark+2, t.slot()/float64(2*max(len(t.items), 1)))
	return t.left + t.slot()*(float64(i)+0.5) + (float64(j)-float64(len(t.items)-1)/2)*dodge
}

// y returns the height of a rate from 0 to 1.
func (t pdfTrend) y(rate float64) float64 { return t.bottom - (t.bottom-t.top)*rate }

// count returns series j's count in the i-th year, and false when no
// group reported the item that year.
func (t pdfTrend) count(i, j int) (ItemCount, bool) {
	for _, c := range t.years[i].Items {
		if c.No == t.items[j].No {
			return c, c.Reported > 0
		}
	}
	return ItemCount{}, false
}

// grid draws the gridlines every 10%, their percentages left of the plot,
// and the plot's axes.
func (t pdfTrend) grid(s *pdfSetter, p *pdfPage) {
	size := t.sheet.tickSize
	axis := pdfNiceAxis(100, 10, 1)
	for _, v := range axis.ticks() {
		y := t.y(v / 100)
		if v > 0 {
			p.stroke(t.left, y, t.right, y, pdfGridPen())
		}
		pdfRight(s, p, t.left-6, y-size/2, size, s.clean(pdfTickText(v)+"%"))
	}
	p.stroke(t.left, t.top, t.left, t.bottom, pdfAxisPen())
	p.stroke(t.left, t.bottom, t.right, t.bottom, pdfAxisPen())
}

// line draws series j's line from year to year; a year the item was not
// reported breaks it.
func (t pdfTrend) line(p *pdfPage, j int) {
	pen := pdfSeriesOf(j).line
	for i := 1; i < len(t.years); i++ {
		a, ok1 := t.count(i-1, j)
		b, ok2 := t.count(i, j)
		if ok1 && ok2 {
			p.stroke(t.x(i-1, j), t.y(a.Rate()), t.x(i, j), t.y(b.Rate()), pen)
		}
	}
}

// markers draws series j's marker at each year reported.
func (t pdfTrend) markers(p *pdfPage, j int) {
	ser := pdfSeriesOf(j)
	for i := range t.years {
		if c, ok := t.count(i, j); ok {
			p.marker(t.x(i, j), t.y(c.Rate()), t.sheet.trendMark, ser.shape, ser.mark)
		}
	}
}

// A pdfEnd is the label naming a series right of its last point.
type pdfEnd struct {
	series int
	x, y   float64 // the last point, moved right of the markers beside it
	name   string
}

// ends names each series right of its last point, 項目１, the names
// spread apart where the points are close, each tied to its point by a
// thin line in the series' colour.
func (t pdfTrend) ends(s *pdfSetter, p *pdfPage) {
	var ends []pdfEnd
	var want []float64
	for j, st := range t.items {
		for i := len(t.years) - 1; i >= 0; i-- {
			if c, ok := t.count(i, j); ok {
				x := t.x(i, len(t.items)-1) // right of the year's last marker
				ends = append(ends, pdfEnd{j, x, t.y(c.Rate()), s.clean("項目" + pdfWideNumber(st.No))})
				want = append(want, t.y(c.Rate()))
				break
			}
		}
	}
	sh := t.sheet
	x := t.x(len(t.years)-1, len(t.items)-1) + sh.trendMark + 8
	for k, y := range pdfSpread(want, sh.trendSize*1.3, t.top, t.bottom) {
		e := ends[k]
		p.stroke(e.x+sh.trendMark/2+1, e.y, x-2, y, &pdfPen{rgb: pdfSeriesOf(e.series).mark.rgb, width: 0.5})
		p.text(x, y-sh.trendSize/2, sh.trendSize, e.name)
	}
}

// A pdfTrendTable is the table under the trend chart, laid out: its
// type, each item's count in each year broken to the year's slot, and
// each item's row height.
type pdfTrendTable struct {
	size  float64
	cells [][][]string // by item, then year: the count's lines
	rows  []float64
}

// layoutTable lays out the table under the plot. Its type shrinks from
// the sheet's when many years leave little room for each, down to
// pdfMinSize; a count still wider than its year's slot (10/14（△1）) is
// broken into lines and its row made taller.
func (t pdfTrend) layoutTable(s *pdfSetter) pdfTrendTable {
	sh := t.sheet
	widest := 0.0
	measure := s.measure(1)
	for i, ys := range t.years {
		widest = max(widest, measure(s.clean(strconv.Itoa(ys.FiscalYear))))
		for j := range t.items {
			c, _ := t.count(i, j)
			widest = max(widest, measure(s.clean(pdfCountText(c))))
		}
	}
	tab := pdfTrendTable{size: max(pdfMinSize, min(sh.trendSize, (t.slot()-4)/widest))}
	for j := range t.items {
		row := make([][]string, len(t.years))
		lines := 1
		for i := range t.years {
			c, _ := t.count(i, j)
			row[i] = s.lines(pdfCountText(c), t.slot()-4, tab.size)
			lines = max(lines, len(row[i]))
		}
		tab.cells = append(tab.cells, row)
		tab.rows = append(tab.rows, sh.trendSize*1.5+float64(lines-1)*tab.size*1.3)
	}
	return tab
}

// height returns the height of the table's rows.
func (tab pdfTrendTable) height() float64 {
	h := 0.0
	for _, r := range tab.rows {
		h += r
	}
	return h
}

// table writes under the plot each year, H28 over 2016, and under it each
// item's count that year, 14/14, in a row headed by the item's marker and
// number, as tab lays them out.
func (t pdfTrend) table(s *pdfSetter, p *pdfPage, tab pdfTrendTable) {
	sh := t.sheet
	for i, ys := range t.years {
		x := t.left + t.slot()*float64(i)
		head := []string{s.clean(pdfEraShort(ys.FiscalYear)), s.clean(strconv.Itoa(ys.FiscalYear))}
		pdfCentred(s, p, head, x, t.bottom+4, t.slot(), tab.size, tab.size*1.3)
	}
	y := t.bottom + sh.trendYear
	for j, st := range t.items {
		ser := pdfSeriesOf(j)
		h, first := tab.rows[j], sh.trendSize*1.5
		p.marker(sh.textLeft+sh.trendMark, y+first/2, sh.trendMark, ser.shape, ser.mark)
		p.text(sh.textLeft+sh.trendMark*2+6, y+(first-sh.trendSize)/2, sh.trendSize, s.clean("項目"+pdfWideNumber(st.No)))
		for i, cell := range tab.cells[j] {
			top := y + (first-tab.size*1.3)/2
			pdfCentred(s, p, cell, t.left+t.slot()*float64(i), top, t.slot(), tab.size, tab.size*1.3)
		}
		p.stroke(sh.textLeft, y+h, t.right, y+h, pdfGridPen())
		y += h
	}
}
