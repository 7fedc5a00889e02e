package report

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"maps"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"perinet"
)

// xlsxFixtures returns the Records of the fixtures' fiscal years, in
// the order given.
func xlsxFixtures(t testing.TB, years ...int) []perinet.Record {
	t.Helper()
	var all []perinet.Record
	for _, fy := range years {
		all = append(all, fixtureRecords(t, fy)...)
	}
	return all
}

// xlsxWriteAnalysis writes report.xlsx for an Analysis and the Records into a
// temporary directory and returns its path.
func xlsxWriteAnalysis(t testing.TB, a Analysis, records []perinet.Record) string {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, a, records, perinet.DefaultSurvey()); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "report.xlsx")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// xlsxFormulaIssues are issues whose text, as a form could give it, looks
// like a formula, about four different items: a list that would read as
// a form's item labels if the items were named as the form names them.
func xlsxFormulaIssues() []Issue {
	return []Issue{
		{Kind: SubmissionProblems, Block: "=1+1", File: "+81-3-1234.xlsx", Message: "@SUM(A1)"},
		{Kind: FewGroups, Item: 6, Message: "-連携会議"},
		{Kind: Stopped, Block: "区南部", Item: 1, Message: "=HYPERLINK(\"http://example.com\")"},
		{Kind: Stopped, Block: "区南部", Item: 2, Message: "前年度は実施していた"},
		{Kind: CountMoved, Block: "区西部", Item: 3, Message: "配布先が変わった"},
		{Kind: StartChanged, Block: "区東部", Message: "開始年月が変わった"},
	}
}

// xlsxTwoYears returns the FY2015 and FY2016 Records and their Analysis,
// with xlsxFormulaIssues in place of the issues found.
func xlsxTwoYears(t testing.TB) (Analysis, []perinet.Record) {
	t.Helper()
	records := xlsxFixtures(t, 2015, 2016)
	a := Analyze(Input{FiscalYear: 2016, Records: byYear(records)})
	a.Issues = xlsxFormulaIssues()
	return a, records
}

// xlsxCellsAre checks cells of a sheet as excelize shows them (number formats
// applied); a heading's line breaks are not compared.
func xlsxCellsAre(t *testing.T, f *excelize.File, sheet string, want map[string]string) {
	t.Helper()
	for cell, w := range want {
		got, err := f.GetCellValue(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		if strings.ReplaceAll(got, "\n", "") != w {
			t.Errorf("%s!%s = %q, want %q", sheet, cell, got, w)
		}
	}
}

// xlsxNumbersAre checks that cells hold numbers, and their stored values.
func xlsxNumbersAre(t *testing.T, f *excelize.File, sheet string, want map[string]float64) {
	t.Helper()
	for cell, w := range want {
		typ, err := f.GetCellType(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		raw, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		n, err := strconv.ParseFloat(raw, 64)
		if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber || err != nil || math.Abs(n-w) > 1e-9 {
			t.Errorf("%s!%s: type %v, value %q; want the number %v", sheet, cell, typ, raw, w)
		}
	}
}

// xlsxFormatIs checks the number format of cells.
func xlsxFormatIs(t *testing.T, f *excelize.File, sheet, format string, cells ...string) {
	t.Helper()
	for _, cell := range cells {
		id, err := f.GetCellStyle(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		if st.CustomNumFmt == nil || *st.CustomNumFmt != format {
			t.Errorf("%s!%s: number format %v, want %s", sheet, cell, st.CustomNumFmt, format)
		}
	}
}

func TestXLSXSummarySheet(t *testing.T) {
	tests := []struct {
		name    string
		years   []int
		cells   map[string]string  // as shown
		numbers map[string]float64 // as stored
	}{
		{"FY2016 alone", []int{2016}, map[string]string{
			"A1": "項目別の実施状況（平成28年度（2016年度））",
			"A2": "項目", "B2": "今年度（平成28年度）", "F2": "前年度", "G2": "増減",
			"B3": "実施グループ数", "C3": "一部実施", "D3": "回答グループ数", "E3": "実施率", "F3": "実施グループ数",
			"A4": "項目１　地域連携会議の運営等", "B4": "14", "C4": "0", "D4": "14", "E4": "100.0%", "F4": "", "G4": "",
			"A9": "項目６　産科セミオープンシステム・オープンシステムの検討", "B9": "4", "E9": "28.6%",
			"A11": "項目８　その他", "B11": "2", "E11": "14.3%",
			"A12": rateNote,
		}, map[string]float64{"B9": 4, "C9": 0, "D9": 14, "E9": 4.0 / 14}},
		{"FY2015 and FY2016", []int{2015, 2016}, map[string]string{
			"F2": "前年度（平成27年度）",
			"B4": "14", "F4": "14",
			"B9": "4", "F9": "3", "G9": "+1",
			"B10": "9", "E10": "64.3%", "F10": "6", "G10": "+3",
		}, map[string]float64{"F10": 6, "G10": 3, "G4": 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := openReport(t, writeReport(t, 2016, xlsxFixtures(t, tt.years...)))
			xlsxCellsAre(t, f, summarySheet, tt.cells)
			xlsxNumbersAre(t, f, summarySheet, tt.numbers)
			xlsxFormatIs(t, f, summarySheet, rateFormat, "E4", "E11")
			xlsxFormatIs(t, f, summarySheet, changeFormat, "G4", "G11")
		})
	}
}

// TestXLSXSummaryChange: the change is that of the groups that reported
// in both years (one fewer of four, though two fewer of all the groups
// did the item), a negative change shows its sign, and an item nobody
// reported has no rate. (excelize shows a zero change as +0 where
// Excel and LibreOffice show 0: TestXLSXAnalysisLibreOffice checks that.)
func TestXLSXSummaryChange(t *testing.T) {
	a := Analysis{FiscalYear: 2016, Previous: 2015, Items: []ItemStat{
		{ItemCount: ItemCount{No: 1, Done: 3, Reported: 4}, Label: "地域連携会議の運営等", Prev: &ItemCount{No: 1, Done: 5, Reported: 5},
			Compared: &Comparison{Groups: 4, Was: 4, Is: 3}},
		{ItemCount: ItemCount{No: 2}, Label: "各医療機関等の医療機能の把握", Prev: &ItemCount{No: 2}, Compared: &Comparison{}},
	}}
	f := openReport(t, xlsxWriteAnalysis(t, a, nil))
	xlsxCellsAre(t, f, summarySheet, map[string]string{"E4": "75.0%", "F4": "5", "G4": "-1", "E5": "", "A6": rateNote + changeNote})
	xlsxNumbersAre(t, f, summarySheet, map[string]float64{"G4": -1, "G5": 0})
}

func TestXLSXTrendSheet(t *testing.T) {
	full := []string{"14", "100.0%", "14", "100.0%", "14", "100.0%", "14", "100.0%", "14", "100.0%"}
	row := func(era, year string, rest ...string) []string {
		return append(append([]string{era, year, "14"}, full...), rest...)
	}
	tests := []struct {
		name  string
		years []int
		title string
		rows  [][]string // from row 4
	}{
		{"FY2015 and FY2016", []int{2015, 2016}, "項目別実施状況の推移（平成27年度～平成28年度）", [][]string{
			row("平成27年度", "2015", "3", "21.4%", "6", "42.9%", "2", "14.3%"),
			row("平成28年度", "2016", "4", "28.6%", "9", "64.3%", "2", "14.3%"),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := openReport(t, writeReport(t, 2016, xlsxFixtures(t, tt.years...)))
			rows, err := f.GetRows(trendSheet)
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) < 3+len(tt.rows) {
				t.Fatalf("%d rows", len(rows))
			}
			if rows[0][0] != tt.title {
				t.Errorf("title %q, want %q", rows[0][0], tt.title)
			}
			for i, want := range tt.rows {
				if got := rows[3+i]; !slices.Equal(got, want) {
					t.Errorf("row %d = %q\nwant %q", 4+i, got, want)
				}
			}
			xlsxCellsAre(t, f, trendSheet, map[string]string{
				"A2": "年度", "B2": "西暦", "C2": "グループ数",
				"D2": "項目１　地域連携会議の運営等", "D3": "実施数", "E3": "実施率",
				"N2": "項目６　産科セミオープンシステム・オープンシステムの検討", "R2": "項目８　その他",
			})
			xlsxNumbersAre(t, f, trendSheet, map[string]float64{"B4": float64(tt.years[0]), "C4": 14, "N4": float64(tt.years[0] - 2012)})
			xlsxFormatIs(t, f, trendSheet, rateFormat, "E4", "O4")
		})
	}
}

// TestXLSXTrendSheetOneYear: a report of one year has no trend: 推移
// says why in place of its table and chart, and prints on one page.
func TestXLSXTrendSheetOneYear(t *testing.T) {
	f := openReport(t, writeReport(t, 2016, xlsxFixtures(t, 2016)))
	rows, err := f.GetRows(trendSheet)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"項目別実施状況の推移（平成28年度）"}, {"前年度以前の報告が保存されていないため、前年度との比較及び推移は示していない。"}}
	if !slices.EqualFunc(rows, want, slices.Equal) {
		t.Errorf("推移 rows\n%q\nwant\n%q", rows, want)
	}
	layout, err := f.GetPageLayout(trendSheet)
	if err != nil {
		t.Fatal(err)
	}
	if *layout.Size != paperA4 || *layout.Orientation != "landscape" || *layout.FitToHeight != 1 {
		t.Errorf("推移 prints on paper %d %s, %d pages tall; want A4 landscape, one page", *layout.Size, *layout.Orientation, *layout.FitToHeight)
	}
	for _, n := range f.GetDefinedName() {
		if n.Name == "_xlnm.Print_Titles" && n.Scope == trendSheet {
			t.Errorf("推移 repeats rows %s on every page, and has no table", n.RefersTo)
		}
	}
}

func TestXLSXIssuesSheet(t *testing.T) {
	a, records := xlsxTwoYears(t)
	none := a
	none.Issues = nil
	tests := []struct {
		name string
		a    Analysis
		rows [][]string // from row 3
	}{
		{"issues", a, [][]string{
			{"提出ファイルの問題", "=1+1", "", "+81-3-1234.xlsx", "@SUM(A1)"},
			{"実施グループが少ない項目", "", "項目６　産科セミオープンシステム・オープンシステムの検討", "", "-連携会議"},
			{"実施の中止", "区南部", "項目１　地域連携会議の運営等", "", "=HYPERLINK(\"http://example.com\")"},
			{"実施の中止", "区南部", "項目２　各医療機関等の医療機能の把握", "", "前年度は実施していた"},
			{"配布先施設数の変動", "区西部", "項目３　連携リストの作成・配布", "", "配布先が変わった"},
			{"開始年月の変更", "区東部", "", "", "開始年月が変わった"},
		}},
		{"no issues", none, [][]string{{"課題なし"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := xlsxWriteAnalysis(t, tt.a, records)
			f := openReport(t, path)
			rows, err := f.GetRows(issuesSheet)
			if err != nil {
				t.Fatal(err)
			}
			if want := []string{"種別", "グループ", "項目", "ファイル", "内容"}; len(rows) < 2 || !slices.Equal(rows[1], want) {
				t.Fatalf("header %q, want %q", rows[min(1, len(rows)-1)], want)
			}
			if rows[0][0] != "課題一覧（平成28年度（2016年度））" {
				t.Errorf("title %q", rows[0][0])
			}
			if got := rows[2:]; !slices.EqualFunc(got, tt.rows, slices.Equal) {
				t.Errorf("rows\n%q\nwant\n%q", got, tt.rows)
			}
			last := 2 + len(tt.rows)
			xml := strings.ReplaceAll(sheetXML(t, path)["xl/worksheets/sheet4.xml"], "$", "")
			if !strings.Contains(xml, fmt.Sprintf(`<autoFilter ref="A2:E%d"`, last)) {
				t.Errorf("課題 has no autofilter on A2:E%d", last)
			}
		})
	}
}

// TestXLSXIssuesText: every cell of 課題 is a string, never a formula,
// whatever the text from a form starts with.
func TestXLSXIssuesText(t *testing.T) {
	a, records := xlsxTwoYears(t)
	f := openReport(t, xlsxWriteAnalysis(t, a, records))
	rows, err := f.GetRows(issuesSheet)
	if err != nil {
		t.Fatal(err)
	}
	for i := 2; i < len(rows); i++ {
		for j, text := range rows[i] {
			if text == "" {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			typ, _ := f.GetCellType(issuesSheet, cell)
			formula, _ := f.GetCellFormula(issuesSheet, cell)
			if typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString || formula != "" {
				t.Errorf("%s (%q): type %v, formula %q; want a string", cell, text, typ, formula)
			}
		}
	}
}

// TestXLSXPrintSetup: the analysis sheets print on A4 landscape, one page
// wide: 集計 on one page, 推移 and 課題 as tall as they need, with their
// header rows on every page.
func TestXLSXPrintSetup(t *testing.T) {
	a, records := xlsxTwoYears(t)
	f := openReport(t, xlsxWriteAnalysis(t, a, records))
	if got, want := f.GetSheetList(), []string{statusSheet, summarySheet, trendSheet, issuesSheet, dataSheet}; !slices.Equal(got, want) {
		t.Errorf("sheets %v, want %v", got, want)
	}
	titles := map[string]string{}
	for _, n := range f.GetDefinedName() {
		if n.Name == "_xlnm.Print_Titles" {
			titles[n.Scope] = n.RefersTo
		}
	}
	for _, tt := range []struct {
		sheet  string
		tall   int // pages tall: 0 for as many as needed
		titles string
	}{
		{summarySheet, 1, ""},
		{trendSheet, 0, "'推移'!$2:$3"},
		{issuesSheet, 0, "'課題'!$2:$2"},
	} {
		layout, err := f.GetPageLayout(tt.sheet)
		if err != nil {
			t.Fatal(err)
		}
		if *layout.Size != paperA4 || *layout.Orientation != "landscape" || *layout.FitToWidth != 1 || *layout.FitToHeight != tt.tall {
			t.Errorf("%s: size %d %s, fit %d × %d; want A4 landscape, 1 × %d", tt.sheet,
				*layout.Size, *layout.Orientation, *layout.FitToWidth, *layout.FitToHeight, tt.tall)
		}
		props, err := f.GetSheetProps(tt.sheet)
		if err != nil {
			t.Fatal(err)
		}
		if props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("%s: fit to page is off", tt.sheet)
		}
		if titles[tt.sheet] != tt.titles {
			t.Errorf("%s: print titles %q, want %q", tt.sheet, titles[tt.sheet], tt.titles)
		}
	}
}

// xlsxChartParts returns the chart parts of a workbook by name, with
// apostrophes unescaped.
func xlsxChartParts(t *testing.T, path string) map[string]string {
	t.Helper()
	parts := zipParts(t, path, "xl/charts/chart")
	for name, xml := range parts {
		parts[name] = strings.ReplaceAll(xml, "&#39;", "'")
	}
	return parts
}

// TestXLSXCharts: 集計 has a bar chart of this year, beside the earlier
// year when there is one; 推移 a line chart with one line per item, only
// when there are two years or more.
func TestXLSXCharts(t *testing.T) {
	tests := []struct {
		name      string
		years     []int
		bars      []string // the bar chart's series names
		lineYears string   // the line chart's categories; "" for no line chart
	}{
		{"FY2016 alone", []int{2016}, []string{"'集計'!$B$2"}, ""},
		{"FY2015 and FY2016", []int{2015, 2016}, []string{"'集計'!$F$2", "'集計'!$B$2"}, "'推移'!$A$4:$A$5"},
		{"FY2014 to FY2016", []int{2014, 2015, 2016}, []string{"'集計'!$F$2", "'集計'!$B$2"}, "'推移'!$A$4:$A$6"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			charts := xlsxChartParts(t, writeReport(t, 2016, xlsxFixtures(t, tt.years...)))
			want := 2
			if tt.lineYears == "" {
				want = 1
			}
			if len(charts) != want {
				t.Fatalf("chart parts %v, want %d", slices.Sorted(maps.Keys(charts)), want)
			}
			bar, line := charts["xl/charts/chart1.xml"], charts["xl/charts/chart2.xml"]
			if !strings.Contains(bar, "<barChart>") || strings.Count(bar, "<ser>") != len(tt.bars) {
				t.Errorf("chart1: want a bar chart of %d series", len(tt.bars))
			}
			for _, name := range tt.bars {
				if !strings.Contains(bar, "<tx><strRef><f>"+name+"</f>") {
					t.Errorf("chart1 has no series named by %s", name)
				}
			}
			if !strings.Contains(bar, "<cat><strRef><f>'集計'!$A$4:$A$11</f>") {
				t.Error("chart1's categories are not the items in 集計!A4:A11")
			}
			if tt.lineYears == "" {
				return
			}
			if !strings.Contains(line, "<lineChart>") || strings.Count(line, "<ser>") != 8 {
				t.Errorf("chart2: want a line chart of 8 series")
			}
			for i, col := range []string{"D", "F", "H", "J", "L", "N", "P", "R"} {
				if !strings.Contains(line, "<tx><strRef><f>'推移'!$"+col+"$2</f>") {
					t.Errorf("chart2: item %d's line is not named by 推移!%s2", i+1, col)
				}
			}
			if strings.Count(line, "<cat><strRef><f>"+tt.lineYears+"</f>") != 8 {
				t.Errorf("chart2's categories are not the years in %s", tt.lineYears)
			}
		})
	}
}

// TestXLSXAnalysisReadBack reads back a report of two years whose 課題
// names four items: 集計 names every item down a column, 推移 across a
// row, and neither they nor 課題 may read as a form. The Records are those
// of 実施状況 alone, with no problem.
func TestXLSXAnalysisReadBack(t *testing.T) {
	a, records := xlsxTwoYears(t)
	got, problems := readBack(t, xlsxWriteAnalysis(t, a, records))
	for _, p := range problems {
		t.Errorf("problem: %+v", p)
	}
	status, others := onSheet(got, statusSheet)
	if len(others) != 0 {
		t.Errorf("%d records read from outside %s: %+v", len(others), statusSheet, others)
	}
	if want := len(ofYear(records, 2016)); len(status) != want {
		t.Errorf("%d records from %s, want %d", len(status), statusSheet, want)
	}
}

// TestXLSXAnalysisDeterministic writes a report with charts and issues
// twice: the same bytes.
func TestXLSXAnalysisDeterministic(t *testing.T) {
	a, records := xlsxTwoYears(t)
	var x, y bytes.Buffer
	if err := WriteXLSX(&x, a, records, perinet.DefaultSurvey()); err != nil {
		t.Fatal(err)
	}
	slices.Reverse(records)
	if err := WriteXLSX(&y, a, records, perinet.DefaultSurvey()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(x.Bytes(), y.Bytes()) {
		t.Error("two runs gave different bytes")
	}
}

// TestXLSXAnalysisLibreOffice converts a report of two years with
// LibreOffice: to PDF, where both charts must be drawn (their titles are
// in the PDF's text), and each sheet to CSV as LibreOffice shows it, the
// number formats applied.
func TestXLSXAnalysisLibreOffice(t *testing.T) {
	a, records := xlsxTwoYears(t)
	convert := libreOffice(t, xlsxWriteAnalysis(t, a, records))
	pdf := convert("pdf")
	if pdftotext, err := exec.LookPath("pdftotext"); err == nil {
		out, err := exec.Command(pdftotext, "-layout", pdf, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"項目別の実施状況", "項目別の実施グループ数", "項目別実施状況の推移", "項目別実施率の推移", "課題一覧", "=1+1"} {
			if !bytes.Contains(out, []byte(want)) {
				t.Errorf("the PDF's text lacks %q", want)
			}
		}
	}
	// UTF-8, every sheet to a file of its own (report-集計.csv), as shown.
	dir := filepath.Dir(convert("csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"))
	tests := []struct {
		sheet string
		row   int
		want  []string
	}{
		{summarySheet, 4, []string{"項目１　地域連携会議の運営等", "14", "0", "14", "100.0%", "14", "0"}},
		{summarySheet, 9, []string{"項目６　産科セミオープンシステム・オープンシステムの検討", "4", "0", "14", "28.6%", "3", "+1"}},
		{trendSheet, 4, []string{"平成27年度", "2015", "14", "14", "100.0%"}},
		{issuesSheet, 3, []string{"提出ファイルの問題", "=1+1", "", "+81-3-1234.xlsx", "@SUM(A1)"}},
	}
	for _, tt := range tests {
		b, err := os.ReadFile(filepath.Join(dir, "report-"+tt.sheet+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(bytes.NewReader(b))
		r.FieldsPerRecord = -1
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) < tt.row || !slices.Equal(rows[tt.row-1][:len(tt.want)], tt.want) {
			t.Errorf("%s row %d as LibreOffice shows it: %q, want %q", tt.sheet, tt.row, rows[min(tt.row, len(rows))-1], tt.want)
		}
	}
}

func TestFitWidths(t *testing.T) {
	tests := []struct {
		name string
		rows [][]string
		want []float64
	}{
		{"the minimum", [][]string{{"", "", "", "", ""}}, []float64{10, 10, 8, 10, 40}},
		{"the longest line", [][]string{
			{"未報告", "区中央部", "項目１　地域連携会議の運営等", "a.xlsx", "短い"},
			{"開始年月の変更", "区西南部", "", "form-03-kuseinanbu.xlsx", "一行目\n二行目"},
		}, []float64{16, 10, 30, 25, 40}},
		{"the maximum", [][]string{{strings.Repeat("長", 20), "", "", strings.Repeat("x", 40), strings.Repeat("長", 60)}},
			[]float64{26, 10, 8, 30, 70}},
	}
	for _, tt := range tests {
		if got := fitWidths(tt.rows); !slices.Equal(got, tt.want) {
			t.Errorf("%s: fitWidths = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestItemName(t *testing.T) {
	tests := []struct {
		no    int
		label string
		want  string
	}{
		{1, "地域連携会議の運営等", "項目１　地域連携会議の運営等"},
		{8, "その他", "項目８　その他"},
		{12, "新しい項目", "項目１２　新しい項目"},
	}
	for _, tt := range tests {
		if got := itemName(tt.no, tt.label); got != tt.want {
			t.Errorf("itemName(%d, %q) = %q, want %q", tt.no, tt.label, got, tt.want)
		}
	}
}
