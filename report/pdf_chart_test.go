package report

import (
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"perinet"
	"perinet/normalize"
)

// pdfSubmissions is FY2016's files as the secretariat received them: the
// one-group forms of the fixtures, each with its group, two of them with
// problems, and a PDF nobody could read.
func pdfSubmissions(t testing.TB, records []perinet.Record) []Submission {
	t.Helper()
	files, err := filepath.Glob("../fixtures/fy2016/form-*.xlsx")
	if err != nil || len(files) != len(records) {
		t.Fatalf("fixtures/fy2016/form-*.xlsx: %d files for %d groups (%v)", len(files), len(records), err)
	}
	var subs []Submission
	for i, f := range files {
		subs = append(subs, Submission{File: filepath.Base(f), Blocks: []string{records[i].Block}})
	}
	subs[1].Problems = []perinet.Problem{
		{Severity: perinet.Error, Code: perinet.BadDate, Where: "調査票!C6", Field: "started", Text: "H23年13月",
			Message: "「H23年13月」の月（13月）は1月から12月の範囲にありません"},
		{Severity: perinet.Warning, Code: perinet.BadCount, Where: "調査票!E9", Field: "items.3.distributed_to", Text: "約60施設",
			Message: "配布先の「約60施設」は数として読み取れないため、文のまま記録しました"},
	}
	subs[7].Problems = []perinet.Problem{{Severity: perinet.Warning, Code: perinet.HiddenSheet, Where: "旧様式", Text: "旧様式",
		Message: "非表示のシート「旧様式」から読み取りました。内容が最新か確認してください"}}
	return append(subs, Submission{File: "区西部_実施状況_スキャン.pdf", Problems: []perinet.Problem{{Severity: perinet.Error,
		Code: perinet.NoTextLayer, Where: "p1", Message: "PDFに文字の情報がありません（画像だけのPDFです）。Excelの調査票を送ってください"}}})
}

// twoYearDoc is the FY2016 doc compared with FY2015, with the files
// received in FY2016 (pdfSubmissions): 区南部's form was rejected for its
// error, so that 区南部 has no Record of FY2016 (不受理).
func twoYearDoc(t testing.TB) PDFDoc {
	doc := fy2016Doc(t)
	subs := pdfSubmissions(t, doc.Records)
	if doc.Records[1].Block != "区南部" || !rejectedFile(subs[1]) {
		t.Fatalf("the second Record is %s's, want 区南部's, whose form is rejected", doc.Records[1].Block)
	}
	doc.Records = slices.Delete(slices.Clone(doc.Records), 1, 2)
	in := Input{FiscalYear: 2016, Notes: pdfNotes, Records: map[int][]perinet.Record{
		2015: fixtureRecords(t, 2015), 2016: doc.Records}, Submissions: subs}
	doc.Analysis = Analyze(in)
	return doc
}

// pdfPages splits pdftotext's text into its pages.
func pdfPages(text string) []string {
	return strings.Split(strings.TrimSuffix(text, "\f"), "\f")
}

// pdfPageWith returns the first page whose text has heading, squashed.
func pdfPageWith(t *testing.T, pages []string, heading string) string {
	t.Helper()
	for _, p := range pages {
		if flat := pdfSquash(p); strings.HasPrefix(flat, heading) {
			return flat
		}
	}
	t.Fatalf("no page starts with %q", heading)
	return ""
}

// pdfInOrder reports whether words are found in text one after the other.
func pdfInOrder(text string, words ...string) bool {
	for _, w := range words {
		i := strings.Index(text, pdfSquash(w))
		if i < 0 {
			return false
		}
		text = text[i+len(pdfSquash(w)):]
	}
	return true
}

func TestWritePDFBarChart(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	doc := twoYearDoc(t)
	a := doc.Analysis
	if a.Previous != 2015 {
		t.Fatalf("Previous = %d, want 2015", a.Previous)
	}
	page := pdfPageWith(t, pdfPages(pdfToText(t, writePDF(t, doc))), "実施状況の集計")
	if !pdfInOrder(page, normalize.FiscalYearText(2015), normalize.FiscalYearText(2016)) {
		t.Errorf("the legend does not name 2015, then 2016:\n%s", page)
	}
	for _, st := range a.Items {
		title := pdfItemTitle(perinet.DefaultSurvey(), st.No, st.Label)
		if !pdfInOrder(page, title, pdfCountText(*st.Prev), pdfCountText(st.ItemCount)) {
			t.Errorf("the bar chart has no %q with %s then %s:\n%s", title, pdfCountText(*st.Prev), pdfCountText(st.ItemCount), page)
		}
	}
	if !pdfInOrder(page, "0", "2", "4", "6", "8", "10", "12", "14", "グループ数") {
		t.Errorf("the axis is not marked 0 to 14 by 2:\n%s", page)
	}
}

func TestWritePDFTrendChart(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	doc := twoYearDoc(t)
	page := pdfPageWith(t, pdfPages(pdfToText(t, writePDF(t, doc))), "実施状況の推移")
	for _, st := range doc.Analysis.Items {
		if title := pdfItemTitle(perinet.DefaultSurvey(), st.No, st.Label); !strings.Contains(page, pdfSquash(title)) {
			t.Errorf("the legend has no %q", title)
		}
	}
	if !pdfInOrder(page, "0%", "50%", "100%", "H27", "2015", "H28", "2016") {
		t.Errorf("the axes are not marked 0%% to 100%%, then H27 2015 and H28 2016:\n%s", page)
	}
	for _, st := range doc.Analysis.Items {
		if !pdfInOrder(page, "項目"+pdfWideNumber(st.No), pdfCountText(*st.Prev), pdfCountText(st.ItemCount)) {
			t.Errorf("the table has no row 項目%d with %s then %s", st.No, pdfCountText(*st.Prev), pdfCountText(st.ItemCount))
		}
	}
}

// pdfTrendDoc returns a doc whose Records run over years fiscal years to
// 2016: the FY2016 groups, a few of them taking up an item each year.
func pdfTrendDoc(t testing.TB, years int) PDFDoc {
	doc := fy2016Doc(t)
	records := map[int][]perinet.Record{}
	for y := range years {
		fy := 2016 - years + 1 + y
		var recs []perinet.Record
		for i, r := range doc.Records {
			r.FiscalYear = fy
			r.Items = append([]perinet.Item(nil), r.Items...)
			for j := range r.Items {
				if (i+j)%years > y {
					r.Items[j].Mark = perinet.No
				}
			}
			recs = append(recs, r)
		}
		records[fy] = recs
	}
	doc.Analysis = Analyze(Input{FiscalYear: 2016, Records: records})
	return doc
}

// TestWritePDFTrendYears draws the trend of two years and of twelve:
// every year is named on the axis, and no page is blank.
func TestWritePDFTrendYears(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	for _, years := range []int{2, 12} {
		doc := pdfTrendDoc(t, years)
		pdf := writePDF(t, doc)
		page := pdfPageWith(t, pdfPages(pdfToText(t, pdf)), "実施状況の推移")
		var want []string
		for fy := 2016 - years + 1; fy <= 2016; fy++ {
			want = append(want, pdfEraShort(fy), fmt.Sprint(fy))
		}
		if !pdfInOrder(page, want...) {
			t.Errorf("%d years: the axis does not name %q:\n%s", years, want, page)
		}
		for _, png := range pdfPNGs(t, pdf) {
			if ink := pdfInk(t, png); ink < 0.002 {
				t.Errorf("%d years: %s is blank", years, filepath.Base(png))
			}
		}
	}
}

func TestPDFNiceAxis(t *testing.T) {
	tests := []struct {
		name      string
		most      float64
		steps     int
		least     float64
		top, step float64
		ticks     int
	}{
		{"14 groups", 14, 8, 1, 14, 2, 8},
		{"15 groups", 15, 8, 1, 16, 2, 9},
		{"17 groups", 17, 8, 1, 20, 5, 5},
		{"one group", 1, 8, 1, 1, 1, 2},
		{"three groups, steps no finer than one", 3, 8, 1, 3, 1, 4},
		{"nothing", 0, 8, 1, 1, 1, 2},
		{"percentages", 100, 10, 1, 100, 10, 11},
		{"500 groups", 500, 8, 1, 500, 100, 6},
		{"120 groups", 120, 8, 1, 120, 20, 7},
		{"fractions", 0.9, 4, 0.1, 1, 0.5, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := pdfNiceAxis(tt.most, tt.steps, tt.least)
			if got != (pdfAxis{top: tt.top, step: tt.step}) || len(got.ticks()) != tt.ticks {
				t.Errorf("pdfNiceAxis(%v, %d, %v) = %+v with ticks %v; want top %v, step %v, %d ticks",
					tt.most, tt.steps, tt.least, got, got.ticks(), tt.top, tt.step, tt.ticks)
			}
		})
	}
}

func TestPDFSpread(t *testing.T) {
	tests := []struct {
		name         string
		want         []float64
		gap, lo, hi  float64
		wantPosition []float64
	}{
		{"apart already", []float64{10, 50, 30}, 10, 0, 100, []float64{10, 50, 30}},
		{"two alike, centred on their place", []float64{50, 50}, 10, 0, 100, []float64{45, 55}},
		{"three alike, order kept", []float64{50, 50, 50}, 10, 0, 100, []float64{40, 50, 60}},
		{"a run pushes into the next", []float64{50, 50, 62}, 10, 0, 100, []float64{44, 54, 64}},
		{"against the top", []float64{0, 0, 0}, 10, 0, 100, []float64{0, 10, 20}},
		{"against the bottom", []float64{100, 100}, 10, 0, 100, []float64{90, 100}},
		{"too many: the top wins", []float64{5, 5, 5}, 10, 0, 15, []float64{0, 10, 20}},
		{"none", nil, 10, 0, 100, []float64{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := pdfSpread(tt.want, tt.gap, tt.lo, tt.hi)
			if !reflect.DeepEqual(got, tt.wantPosition) {
				t.Errorf("pdfSpread(%v, %v, %v, %v) = %v, want %v", tt.want, tt.gap, tt.lo, tt.hi, got, tt.wantPosition)
			}
		})
	}
}

func TestPDFEraShort(t *testing.T) {
	for fy, want := range map[int]string{2016: "H28", 1989: "H1", 2018: "H30", 2019: "R1", 2020: "R2", 1988: "S63"} {
		if got := pdfEraShort(fy); got != want {
			t.Errorf("pdfEraShort(%d) = %q, want %q", fy, got, want)
		}
	}
}

func TestPDFSeriesDistinct(t *testing.T) {
	seen := map[string]int{}
	for i := range 8 {
		s := pdfSeriesOf(i)
		look := fmt.Sprint(s.shape, s.line.dash)
		if j, dup := seen[look]; dup {
			t.Errorf("series %d and %d have the same marker and dash %s: in black and white they look alike", j, i, look)
		}
		seen[look] = i
	}
}

// TestWritePDFNoTrend writes reports with fewer than two years to draw:
// they have no trend chart, the pages are numbered without it, and the
// summary says why; the charts of the year are drawn (empty when nobody
// reported), and nothing breaks.
func TestWritePDFNoTrend(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	const why = "前年度以前の報告が保存されていないため、前年度との比較及び推移は示していない。"
	tests := []struct {
		name string
		doc  PDFDoc
		bars []string // on the bar chart's page, in order
	}{
		{"one year", pdfTrendDoc(t, 1), []string{"１地域連携会議の運営等", "14/14"}},
		{"no Records", PDFDoc{Analysis: Analyze(Input{FiscalYear: 2016}), Created: time.Date(2017, 3, 31, 0, 0, 0, 0, time.UTC)},
			[]string{"１地域連携会議の運営等", "－"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pages := pdfPages(pdfToText(t, writePDF(t, tt.doc)))
			for i, p := range pages {
				flat := pdfSquash(p)
				if strings.HasPrefix(flat, "実施状況の推移") {
					t.Errorf("page %d is a trend chart", i+1)
				}
				if foot := fmt.Sprintf("%d/%d", i+1, len(pages)); !strings.HasSuffix(flat, foot) {
					t.Errorf("page %d is not numbered %s", i+1, foot)
				}
			}
			if bars := pdfPageWith(t, pages, "実施状況の集計"); !pdfInOrder(bars, tt.bars...) {
				t.Errorf("the bar chart has no %q:\n%s", tt.bars, bars)
			}
			if summary := pdfPageWith(t, pages, "取組の傾向及び課題"); !strings.Contains(summary, why) {
				t.Errorf("the summary does not say why there is no trend:\n%s", summary)
			}
		})
	}
}
