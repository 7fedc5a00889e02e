package report

import (
	"slices"
	"strconv"
	"time"

	"perinet/normalize"
)

// pdfLayout lays out every page of doc. The trend chart is left out of a
// report with fewer than two years to draw (see showsTrend): the summary
// says why.
func pdfLayout(s *pdfSetter, doc PDFDoc, created time.Time) []pdfPage {
	pages := []pdfPage{pdfTitlePage(s, doc.Analysis.FiscalYear, created)}
	pages = append(pages, pdfPurposePages(s, doc)...)
	pages = append(pages, pdfMatrixPages(s, doc)...)
	pages = append(pages, pdfBarPage(s, doc))
	if showsTrend(doc.Analysis) {
		pages = append(pages, pdfTrendPage(s, doc))
	}
	pages = append(pages, pdfSummaryPages(s, doc.Analysis)...)
	return append(pages, pdfQualityPages(s, doc)...)
}

// pdfFiscalYear writes the fiscal year as the title gives it: 平成28年度（2016年度）.
func pdfFiscalYear(fy int) string { return normalize.FiscalYearText(fy) }

// pdfDate writes a day as the title page gives it: 2017年3月31日.
func pdfDate(t time.Time) string {
	return strconv.Itoa(t.Year()) + "年" + strconv.Itoa(int(t.Month())) + "月" + strconv.Itoa(t.Day()) + "日"
}

// pdfTitlePage lays out the title page: the title, the fiscal year, the
// date made and the author, centred, from a third of the way down. The
// sheet gives the title's size; the rest is in proportion to it.
func pdfTitlePage(s *pdfSetter, fy int, created time.Time) pdfPage {
	var p pdfPage
	sh := s.sheet
	y := sh.h / 3
	for _, l := range []struct {
		text      string
		size, gap float64 // in titles
	}{
		{pdfTitle, 1, 7.0 / 3},
		{pdfFiscalYear(fy), 22.0 / 30, 5},
		{pdfDate(created) + "作成", 14.0 / 30, 1},
		{PDFAuthor, 14.0 / 30, 0},
	} {
		text, size := s.clean(l.text), l.size*sh.titleSize
		w := s.measure(size)(text)
		p.text((sh.w-w)/2, y, size, text)
		y += size + l.gap*sh.titleSize
	}
	return p
}

// A pdfFlow fills text pages from the top, starting a new page when the
// next line does not fit: headings and paragraphs in the sheet's text
// column, narrower than the page, so that a line stays readable.
type pdfFlow struct {
	s     *pdfSetter
	pages []pdfPage
	y     float64
}

func (f *pdfFlow) page() *pdfPage {
	if len(f.pages) == 0 || f.y > f.s.sheet.textBottom() {
		f.pages = append(f.pages, pdfPage{})
		f.y = f.s.sheet.textTop
	}
	return &f.pages[len(f.pages)-1]
}

// keep starts a new page unless h points fit below y on this one.
func (f *pdfFlow) keep(h float64) {
	if f.y+h > f.s.sheet.textBottom() {
		f.breakPage()
	}
}

// breakPage makes the next line start a new page.
func (f *pdfFlow) breakPage() { f.y = f.s.sheet.textBottom() + 1 }

// line sets one line at indent from the text column's left edge.
func (f *pdfFlow) line(text string, size, lead, indent float64) {
	f.keep(lead)
	f.page().text(f.s.sheet.textLeft+indent, f.y, size, text)
	f.y += lead
}

// heading sets a page heading at the top of a new page.
func (f *pdfFlow) heading(text string) {
	f.breakPage()
	f.page()
	f.line(f.s.clean(text), f.s.sheet.headSize, f.s.sheet.headSize*2.2, 0)
}

// para sets a paragraph broken to the text column, every line indent from
// its left edge, with after points of space below.
func (f *pdfFlow) para(text string, indent, after float64) {
	sh := f.s.sheet
	for _, line := range f.s.lines(text, sh.textWidth()-indent, sh.textSize) {
		f.line(line, sh.textSize, sh.textLead(), indent)
	}
	f.y += after
}

// pdfPurposePages lays out 目的及び事業内容: the purpose, then the survey's
// items with their notes.
func pdfPurposePages(s *pdfSetter, doc PDFDoc) []pdfPage {
	f := &pdfFlow{s: s}
	sh := s.sheet
	f.heading("目的及び事業内容")
	purpose := doc.Purpose
	if purpose == "" {
		purpose = DefaultPurpose
	}
	f.section("１　目的")
	f.para(purpose, sh.textSize, sh.textLead())
	f.section("２　事業内容")
	for _, it := range doc.Survey.Items {
		text := "（" + pdfWideNumber(it.No) + "）" + it.Label
		if it.Note != "" {
			text += "（" + it.Note + "）"
		}
		f.para(text, sh.textSize, 0)
	}
	return f.pages
}

// pdfSummaryPages lays out 取組の傾向及び課題: the generated sentences,
// then the secretariat's paragraphs, as given.
func pdfSummaryPages(s *pdfSetter, a Analysis) []pdfPage {
	f := &pdfFlow{s: s}
	f.heading("取組の傾向及び課題")
	paras := append(slices.Clip(a.Summary), a.Notes...)
	if len(paras) == 0 {
		f.para("（記載なし）", 0, 0)
	}
	for _, p := range paras {
		f.para(p, 0, s.sheet.textLead()/2)
	}
	return f.pages
}
