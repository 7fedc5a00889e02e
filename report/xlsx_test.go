package report

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"perinet"
	"perinet/ingest"
	"perinet/reader"
	"perinet/xlsxcell"
)

// today is the day the tests read the report back on: after FY2016.
var today = time.Date(2017, time.June, 1, 0, 0, 0, 0, time.UTC)

// writeReport writes report.xlsx for the Records, analysed for fiscal
// year fy, into a temporary directory and returns its path.
func writeReport(t testing.TB, fy int, records []perinet.Record) string {
	t.Helper()
	return xlsxWriteAnalysis(t, Analyze(Input{FiscalYear: fy, Records: byYear(records)}), records)
}

// byYear indexes Records by fiscal year, as Input holds them.
func byYear(records []perinet.Record) map[int][]perinet.Record {
	m := map[int][]perinet.Record{}
	for _, r := range records {
		m[r.FiscalYear] = append(m[r.FiscalYear], r)
	}
	return m
}

// openReport opens a written report with excelize.
func openReport(t testing.TB, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// contractJSON returns Records as the contract's JSON objects, without
// "source", for comparing.
func contractJSON(t testing.TB, records []perinet.Record) []map[string]any {
	t.Helper()
	b, err := json.Marshal(records)
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	for _, m := range out {
		delete(m, "source")
	}
	return out
}

// readBack reads a report with perinet's own reader, as perinet check does.
func readBack(t *testing.T, path string) ([]perinet.Record, []perinet.Problem) {
	t.Helper()
	grid, problems := ingest.File(path, ingest.DefaultLimits())
	if len(problems) > 0 {
		t.Fatalf("ingest: %+v", problems)
	}
	r, err := reader.New(perinet.DefaultSurvey(), today)
	if err != nil {
		t.Fatal(err)
	}
	return r.Read(grid)
}

// onSheet returns the Records read from a sheet, and the other ones.
func onSheet(records []perinet.Record, sheet string) (on, off []perinet.Record) {
	for _, r := range records {
		if strings.HasPrefix(r.Source.Where["block"], sheet+"!") {
			on = append(on, r)
		} else {
			off = append(off, r)
		}
	}
	return on, off
}

// TestXLSXRoundTrip reads report.xlsx back as perinet check reads a
// submitted multi-group table: the 実施状況 sheet must give exactly the
// Records that went in.
func TestXLSXRoundTrip(t *testing.T) {
	want := fixtureRecords(t, 2016)
	path := writeReport(t, 2016, want)
	got, problems := readBack(t, path)
	status, others := onSheet(got, statusSheet)

	for _, p := range problems {
		if strings.HasPrefix(p.Where, statusSheet) {
			t.Errorf("problem on %s: %+v", statusSheet, p)
		}
	}
	g, w := contractJSON(t, status), contractJSON(t, want)
	if len(g) != len(w) {
		t.Fatalf("%s: %d records read back, want %d", statusSheet, len(g), len(w))
	}
	for i := range w {
		if !reflect.DeepEqual(g[i], w[i]) {
			gb, _ := json.Marshal(g[i])
			wb, _ := json.Marshal(w[i])
			t.Errorf("%s record %d read back as\n%s\nwant\n%s", statusSheet, i, gb, wb)
		}
	}
	if status[0].Source.Where["started"] != statusSheet+"!C4" {
		t.Errorf("区中央部's start read from %s, want the text in %s!C4 (not the date column)", status[0].Source.Where["started"], statusSheet)
	}

	if len(others) > 0 {
		t.Logf("records read from other sheets than %s: see TestXLSXDataSheetReadBack", statusSheet)
	}
}

// TestXLSXDataSheetReadBack reads the whole report back: データ names every
// item once per group down one column, a long table that the reader must
// not take for a one-group form, so the Records are those of 実施状況 alone,
// with no problem.
func TestXLSXDataSheetReadBack(t *testing.T) {
	got, problems := readBack(t, writeReport(t, 2016, fixtureRecords(t, 2016)))
	for _, p := range problems {
		t.Errorf("problem: %+v", p)
	}
	if _, others := onSheet(got, statusSheet); len(others) != 0 {
		t.Errorf("%d records read from outside %s: %+v", len(others), statusSheet, others)
	}
}

// TestXLSXOtherYears gives the Records of two fiscal years: 実施状況 shows
// the year asked for, データ both, the older first.
func TestXLSXOtherYears(t *testing.T) {
	records := fixtureRecords(t, 2016)
	old := fixtureRecords(t, 2016)[0]
	old.FiscalYear = 2015
	f := openReport(t, writeReport(t, 2016, append(records, old)))
	status, err := f.GetRows(statusSheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(status) != 3+len(records) {
		t.Errorf("%s: %d rows, want %d", statusSheet, len(status), 3+len(records))
	}
	data, err := f.GetRows(dataSheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) != 1+8*(len(records)+1) || data[1][0] != "2015" || data[1][1] != "平成27年度" || data[9][0] != "2016" {
		t.Errorf("%s: %d rows, starting %q, %q", dataSheet, len(data), data[1], data[9])
	}
}

// TestXLSXFormulaText writes form text that looks like a formula: it must
// be stored as a string, with no formula, on both sheets.
func TestXLSXFormulaText(t *testing.T) {
	records := fixtureRecords(t, 2016)[:1]
	records[0].Hospital = "=1+1"
	records[0].Items[3].Details = []string{"@SUM(A1)"}
	records[0].Items[4].Details = []string{"+81-3-1234", "-連携会議"}
	f := openReport(t, writeReport(t, 2016, records))

	tests := []struct{ sheet, cell, want string }{
		{statusSheet, "D4", "=1+1"},
		{statusSheet, "J4", "@SUM(A1)"},
		{statusSheet, "L4", "・+81-3-1234\n・-連携会議"},
		{dataSheet, "F2", "=1+1"},
		{dataSheet, "N5", "@SUM(A1)"},
		{dataSheet, "N6", "+81-3-1234\n-連携会議"},
	}
	for _, tt := range tests {
		typ, err := f.GetCellType(tt.sheet, tt.cell)
		if err != nil {
			t.Fatal(err)
		}
		formula, err := f.GetCellFormula(tt.sheet, tt.cell)
		if err != nil {
			t.Fatal(err)
		}
		v, err := f.GetCellValue(tt.sheet, tt.cell)
		if err != nil {
			t.Fatal(err)
		}
		if typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString || formula != "" || v != tt.want {
			t.Errorf("%s!%s: type %v, formula %q, value %q; want a string %q and no formula", tt.sheet, tt.cell, typ, formula, v, tt.want)
		}
	}
	// And in the file itself: no <f> element anywhere.
	for name, xml := range sheetXML(t, writeReport(t, 2016, records)) {
		if strings.Contains(xml, "<f>") || strings.Contains(xml, "<f ") {
			t.Errorf("%s holds a formula", name)
		}
	}
}

// sheetXML returns the worksheet parts of a workbook.
func sheetXML(t *testing.T, path string) map[string]string {
	t.Helper()
	return zipParts(t, path, "xl/worksheets/")
}

// zipParts returns the parts of a workbook whose names start with prefix.
func zipParts(t *testing.T, path, prefix string) map[string]string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	parts := map[string]string{}
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, prefix) {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[zf.Name] = string(b)
	}
	return parts
}

// TestXLSXStatusLayout checks what a person opening 実施状況 sees: the
// merged tier labels and note, the headers, the date column, the frozen
// panes and the print setup.
func TestXLSXStatusLayout(t *testing.T) {
	f := openReport(t, writeReport(t, 2016, fixtureRecords(t, 2016)))
	const sh = statusSheet

	if got := f.GetSheetList(); !slices.Equal(got, []string{statusSheet, summarySheet, trendSheet, issuesSheet, dataSheet}) {
		t.Errorf("sheets %v", got)
	}
	merged, err := f.GetMergeCells(sh)
	if err != nil {
		t.Fatal(err)
	}
	ranges := map[string]string{}
	for _, m := range merged {
		ranges[m.GetStartAxis()+":"+m.GetEndAxis()] = m.GetCellValue()
	}
	for rng, want := range map[string]string{
		"A1:P1":   "周産期医療ネットワークグループ事業 実施状況　各グループの取組状況（平成28年度（2016年度））",
		"A2:B3":   "ブロック名",
		"C2:C3":   "開始年月",
		"D2:D3":   "委託病院",
		"A4:A10":  "ネットワークグループ",
		"A11:B11": "多摩地域",
		"A12:A17": "サブグループ",
		"H12:H17": "多摩地域全体分を杏林大が集約・配付",
		"G2:H2":   "３　連携リスト\nの作成・配布",
		"Q2:Q3":   "開始年月\n（日付）",
	} {
		got, ok := ranges[rng]
		if !ok {
			t.Errorf("%s is not merged", rng)
		} else if got != want {
			t.Errorf("%s = %q, want %q", rng, got, want)
		}
	}
	for cell, want := range map[string]string{
		"G3": "リスト\nの有無", "H3": "配布先", "I3": "実施の\n有無", "J3": "具体的内容",
		"B4": "区中央部", "C4": "H22年2月", "D4": "愛育", // short names, as published "E4": "○", "H4": "103施設",
		"O4":  "・NCPR講習会\n・ALSO\n・育児支援研修会\n・J-MELSベーシックコース",
		"C6":  "H20年8月", // published as Ｈ20年8月: written as the committee writes it
		"P6":  "WEB型周産期地域診療情報連携システムの利用促進",
		"B12": "西多摩", "D15": "共済立川", "P16": "SNSの整備",
		"P4": "", // item 8 blank
	} {
		if got, _ := f.GetCellValue(sh, cell); got != want {
			t.Errorf("%s = %q, want %q", cell, got, want)
		}
	}

	// The real date column: 区中央部, H22年2月 → 2010-02-01, serial 40210.
	raw, err := f.GetCellValue(sh, "Q4", excelize.Options{RawCellValue: true})
	if err != nil || raw != "40210" {
		t.Errorf("Q4 raw value %q, %v; want the serial 40210", raw, err)
	}
	if typ, _ := f.GetCellType(sh, "Q4"); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("Q4 type %v, want a number", typ)
	}
	style, err := f.GetCellStyle(sh, "Q4")
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(style)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt == nil || *st.CustomNumFmt != xlsxcell.MonthFormat {
		t.Errorf("Q4 number format %v, want %s", st.CustomNumFmt, xlsxcell.MonthFormat)
	}
	if shown, _ := f.GetCellValue(sh, "Q17"); !strings.Contains(shown, "22") {
		t.Logf("Q17 as excelize renders it: %q", shown)
	}
	if raw, _ := f.GetCellValue(sh, "Q17", excelize.Options{RawCellValue: true}); raw != "40238" {
		t.Errorf("Q17 (北多摩北部, H22年3月) = %s, want 40238", raw)
	}

	panes, err := f.GetPanes(sh)
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.XSplit != 4 || panes.YSplit != 3 || panes.TopLeftCell != "E4" {
		t.Errorf("panes %+v, want frozen at E4", panes)
	}

	layout, err := f.GetPageLayout(sh)
	if err != nil {
		t.Fatal(err)
	}
	if *layout.Size != 8 || *layout.Orientation != "landscape" || *layout.FitToWidth != 1 || *layout.FitToHeight != 0 {
		t.Errorf("page layout size %d %s, fit %d × %d; want A3 (8) landscape, 1 × 0",
			*layout.Size, *layout.Orientation, *layout.FitToWidth, *layout.FitToHeight)
	}
	props, err := f.GetSheetProps(sh)
	if err != nil {
		t.Fatal(err)
	}
	if props.FitToPage == nil || !*props.FitToPage {
		t.Error("fit to page is off")
	}
	hf, err := f.GetHeaderFooter(sh)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(hf.OddFooter, "&P") || !strings.Contains(hf.OddFooter, "&N") {
		t.Errorf("footer %q, want page n / N", hf.OddFooter)
	}
	names := map[string]string{}
	for _, n := range f.GetDefinedName() {
		if n.Scope == sh {
			names[n.Name] = n.RefersTo
		}
	}
	if got := names["_xlnm.Print_Titles"]; got != "'実施状況'!$2:$3" {
		t.Errorf("print titles %q, want rows 2:3", got)
	}
	if got := names["_xlnm.Print_Area"]; got != "'実施状況'!$A$1:$P$17" {
		t.Errorf("print area %q, want A1:P17 (the date column in Q left out)", got)
	}
}

// TestXLSXDataSheet checks データ: one header row, one row per group and
// item, numbers as numbers, 和暦 and 西暦 side by side, no merged cells.
func TestXLSXDataSheet(t *testing.T) {
	records := fixtureRecords(t, 2016)
	f := openReport(t, writeReport(t, 2016, records))
	const sh = dataSheet
	rows, err := f.GetRows(sh)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+len(records)*8 {
		t.Fatalf("%d rows, want a header and %d", len(rows), len(records)*8)
	}
	head := []string{"年度", "年度（和暦）", "区分", "ブロック名", "上位グループ", "委託病院", "開始年月（和暦）", "開始年月（西暦）",
		"項目番号", "項目名", "実施", "実施コード", "配布先施設数", "具体的内容"}
	if !slices.Equal(rows[0], head) {
		t.Errorf("header %q", rows[0])
	}
	merged, err := f.GetMergeCells(sh)
	if err != nil || len(merged) != 0 {
		t.Errorf("%d merged ranges, %v; want none", len(merged), err)
	}
	// 区中央部, item 3 (row 4) and 北多摩北部, item 3 (the last group's).
	for _, tt := range []struct {
		row  int
		want []string
	}{
		{4, []string{"2016", "平成28年度", "ネットワークグループ", "区中央部", "", "愛育病院", "H22年2月", "2010-02",
			"3", "連携リストの作成・配布", "○", "yes", "103", ""}},
		{1 + 13*8 + 3, []string{"2016", "平成28年度", "サブグループ", "北多摩北部", "多摩地域", "公立昭和病院", "H22年3月", "2010-03",
			"3", "連携リストの作成・配布", "○", "yes", "", "多摩地域全体分を杏林大が集約・配付"}},
		{1 + 2*8 + 8, []string{"2016", "平成28年度", "ネットワークグループ", "区西南部", "", "日本赤十字社医療センター", "H20年8月", "2008-08",
			"8", "その他", "", "blank", "", "WEB型周産期地域診療情報連携システムの利用促進"}},
	} {
		got := rows[tt.row-1]
		for len(got) < len(head) {
			got = append(got, "")
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("row %d = %q\nwant %q", tt.row, got, tt.want)
		}
	}
	for _, cell := range []string{"A4", "I4", "M4"} {
		if typ, _ := f.GetCellType(sh, cell); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("%s type %v, want a number", cell, typ)
		}
	}
	if typ, _ := f.GetCellType(sh, "M12"); typ != excelize.CellTypeUnset {
		t.Errorf("M12 (区南部 item 1, no count) type %v, want an empty cell", typ)
	}
}

// TestXLSXDeterministic writes the report twice: the same bytes.
func TestXLSXDeterministic(t *testing.T) {
	records := fixtureRecords(t, 2016)
	var a, b bytes.Buffer
	s := perinet.DefaultSurvey()
	an := Analyze(Input{FiscalYear: 2016, Records: byYear(records), Survey: s})
	if err := WriteXLSX(&a, an, records, s); err != nil {
		t.Fatal(err)
	}
	slices.Reverse(records) // the order given does not matter either
	if err := WriteXLSX(&b, an, records, s); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two runs gave different bytes")
	}
}

// TestXLSXLibreOffice opens report.xlsx in LibreOffice and converts it to
// PDF and to CSV, as the committee's machines and the checks do.
func TestXLSXLibreOffice(t *testing.T) {
	path := writeReport(t, 2016, fixtureRecords(t, 2016))
	convert := libreOffice(t, path)
	dir := filepath.Dir(convert("pdf"))
	if fi, err := os.Stat(filepath.Join(dir, "report.pdf")); err != nil || fi.Size() == 0 {
		t.Fatalf("no PDF: %v", err)
	}
	b, err := os.ReadFile(convert("csv:Text - txt - csv (StarCalc):44,34,76,1")) // UTF-8, the first sheet
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		// Rows differ in length; read loosely.
		r := csv.NewReader(bytes.NewReader(b))
		r.FieldsPerRecord = -1
		if rows, err = r.ReadAll(); err != nil {
			t.Fatal(err)
		}
	}
	text := string(b)
	for _, want := range []string{"H22年2月", "愛育", "○", "多摩地域全体分を杏林大が集約・配付", "平成22年2月"} {
		if !strings.Contains(text, want) {
			t.Errorf("the CSV of %s lacks %q", statusSheet, want)
		}
	}
	if len(rows) < 17 || rows[3][2] != "H22年2月" || rows[3][16] != "平成22年2月" {
		t.Errorf("CSV row 4: %q; want H22年2月 in C and the date shown as 平成22年2月 in Q", rows[min(3, len(rows)-1)])
	}
	if pdftotext, err := exec.LookPath("pdftotext"); err == nil {
		out, err := exec.Command(pdftotext, "-layout", filepath.Join(dir, "report.pdf"), "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"平成28年度（2016年度）", "東京都立墨東病院", "H23年11月",
			"項目別の実施状況", "項目別実施状況の推移", "課題一覧"} {
			if !bytes.Contains(out, []byte(want)) {
				t.Errorf("the PDF's text lacks %q", want)
			}
		}
		if !regexp.MustCompile(`(?m)^\s*1 ?/ ?\d+\s*$`).Match(out) {
			t.Error("the PDF's first page has no footer 1 / N")
		}
	}
}

// libreOffice returns a function that converts the workbook at path with
// LibreOffice (soffice --convert-to) into a temporary directory, and
// returns the path of the file made, named as the workbook with the new
// extension. It skips the test when soffice is not on PATH.
func libreOffice(t *testing.T, path string) func(to string) string {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice (LibreOffice) is not on PATH")
	}
	dir := t.TempDir()
	return func(to string) string {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
			"--headless", "--convert-to", to, "--outdir", dir, path)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("soffice --convert-to %s: %v\n%s", to, err, out)
		}
		ext, _, _ := strings.Cut(to, ":")
		return filepath.Join(dir, strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))+"."+ext)
	}
}

func TestBalance(t *testing.T) {
	tests := []struct {
		text  string
		width float64
		want  string
	}{
		{"配布先", 12, "配布先"},
		{"３　連携リストの作成・配布", 19, "３　連携リスト\nの作成・配布"},
		{"実施の有無", 7, "実施の\n有無"},
		{"７　研修等\n（連携会議とは別に実施）", 33, "７　研修等\n（連携会議とは別に実施）"},
		{"あいうえおか・きくけこ", 12, "あいうえお\nか・きくけこ"}, // no line starts with ・
	}
	for _, tt := range tests {
		if got := balance(tt.text, tt.width); got != tt.want {
			t.Errorf("balance(%q, %v) = %q, want %q", tt.text, tt.width, got, tt.want)
		}
	}
}

func TestMonthSerial(t *testing.T) {
	tests := []struct {
		d    perinet.Date
		want float64
	}{
		{perinet.Date{Year: 2010, Month: 2}, 40210},
		{perinet.Date{Year: 2010, Month: 11}, 40483},
		{perinet.Date{Year: 2010, Month: 2, Day: 15}, 40210}, // the first of the month
		{perinet.Date{Year: 1900, Month: 3}, 61},
		{perinet.Date{Year: 2019, Month: 5}, 43586},
	}
	for _, tt := range tests {
		if got := monthSerial(tt.d); got != tt.want {
			t.Errorf("monthSerial(%+v) = %v, want %v", tt.d, got, tt.want)
		}
	}
}

// TestXLSXTallestRow writes an issue whose text needs more height than a
// row of Excel may have (the files of a long year joined in one cell):
// the row is as tall as Excel allows, and the cell keeps its whole text.
func TestXLSXTallestRow(t *testing.T) {
	files := strings.Repeat("調査票_区中央部_修正版.xlsx、", 400)
	a := Analysis{FiscalYear: 2016, Issues: []Issue{{Kind: Superseded, File: files, Message: "差し替えられたファイル: " + files}}}
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, a, nil, perinet.DefaultSurvey()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(issuesSheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range rows {
		for _, v := range row {
			if !strings.Contains(v, files) {
				continue
			}
			h, err := f.GetRowHeight(issuesSheet, i+1)
			if err != nil || h != excelize.MaxRowHeight {
				t.Errorf("row %d: height %v (%v), want %d", i+1, h, err, excelize.MaxRowHeight)
			}
			return
		}
	}
	t.Errorf("no cell holds the whole text: %q", rows)
}
