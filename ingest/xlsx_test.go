package ingest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"perinet"
)

// cellAt returns the cell at col, row (from 1) of the named sheet.
func cellAt(g *perinet.Grid, sheet string, col, row int) (perinet.Cell, bool) {
	for _, s := range g.Sheets {
		if s.Name != sheet {
			continue
		}
		if row > len(s.Rows) || col > len(s.Rows[row-1]) {
			return perinet.Cell{}, false
		}
		return s.Rows[row-1][col-1], true
	}
	return perinet.Cell{}, false
}

// writeBook saves f in a temporary directory and returns the path.
func writeBook(t testing.TB, f *excelize.File, name string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// formBook builds a one-group form the way hospitals fill it in: dates in
// several number formats, a time, numbers, merged labels and values, rich
// text with a line break and a hidden sheet.
func formBook(t testing.TB) *excelize.File {
	t.Helper()
	f := excelize.NewFile()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	const s = "調査票"
	must(f.SetSheetName("Sheet1", s))
	style := func(id int, custom string) int {
		t.Helper()
		st := &excelize.Style{NumFmt: id}
		if custom != "" {
			st.CustomNumFmt = &custom
		}
		n, err := f.NewStyle(st)
		must(err)
		return n
	}
	// Column A: the format; column B: the serial 40210 (2010-02-01) in it.
	formats := []struct {
		id     int
		custom string
	}{
		{14, ""}, {31, ""}, {34, ""}, {57, ""}, {58, ""}, {20, ""},
		{0, `[$-411]ggge"年"m"月"`},
		{0, `[$-1030411]ggge"年"m"月"d"日"`},
		{0, `[$-ja-JP-x-gannen]ggge"年"m"月"`},
		{0, `yyyy/m/d`},
		{0, `ge.m.d`},
		{0, `yyyy"年"m"月"`},
		{0, `h:mm:ss`},
	}
	for i, fm := range formats {
		row := i + 1
		cell, _ := excelize.CoordinatesToCellName(2, row)
		must(f.SetCellValue(s, cell, 40210))
		must(f.SetCellStyle(s, cell, cell, style(fm.id, fm.custom)))
	}
	// A number, and a number as text.
	must(f.SetCellValue(s, "D1", 103))
	must(f.SetCellValue(s, "D2", "40210"))
	must(f.SetCellStyle(s, "D2", "D2", style(14, "")))
	// A vertical merged label, and a value merged across three rows.
	must(f.SetCellValue(s, "F1", "項目"))
	must(f.MergeCell(s, "F1", "F3"))
	must(f.SetCellValue(s, "G1", 39000))
	must(f.SetCellStyle(s, "G1", "G1", style(58, "")))
	must(f.MergeCell(s, "G1", "G3"))
	must(f.MergeCell(s, "H1", "I2"))    // empty: no text to repeat
	must(f.SetCellValue(s, "J2", "行末")) // so that I2 is inside the used area
	must(f.SetCellValue(s, "K7", "開始年月"))
	must(f.MergeCell(s, "L7", "M7")) // an empty field past the row's last text: its first cell is there
	// Rich text with a line break.
	must(f.SetCellRichText(s, "D5", []excelize.RichTextRun{
		{Text: "NCPR"}, {Text: "講習会\n", Font: &excelize.Font{Bold: true}}, {Text: "ALSO"},
	}))
	// A hidden sheet, read all the same.
	_, err := f.NewSheet("隠し")
	must(err)
	must(f.SetCellValue("隠し", "A1", "非表示"))
	must(f.SetSheetVisible("隠し", false))
	return f
}

func TestWorkbookCells(t *testing.T) {
	g, probs := File(writeBook(t, formBook(t), "form.xlsx"), DefaultLimits())
	if len(probs) != 0 {
		t.Fatalf("problems: %v", probs)
	}
	if g.Format != "xlsx" || len(g.Sheets) != 2 {
		t.Fatalf("format %q, %d sheets; want xlsx, 2", g.Format, len(g.Sheets))
	}
	if g.Sheets[0].Name != "調査票" || g.Sheets[0].Hidden || g.Sheets[1].Name != "隠し" || !g.Sheets[1].Hidden {
		t.Errorf("sheets %q hidden %v, %q hidden %v; want 調査票 shown, 隠し hidden",
			g.Sheets[0].Name, g.Sheets[0].Hidden, g.Sheets[1].Name, g.Sheets[1].Hidden)
	}
	date := func(day bool) *perinet.DateCell { return &perinet.DateCell{Serial: 40210, ShowsDay: day} }
	tests := []struct {
		name     string
		col, row int
		text     string
		where    string
		merged   bool
		date     *perinet.DateCell
	}{
		{"built-in 14 m/d/yyyy", 2, 1, "40210", "調査票!B1", false, date(true)},
		{"built-in 31 yyyy年m月d日", 2, 2, "40210", "調査票!B2", false, date(true)},
		{"built-in 34 yyyy年m月", 2, 3, "40210", "調査票!B3", false, date(false)},
		{"built-in 57 ge.m.d", 2, 4, "40210", "調査票!B4", false, date(true)},
		{"built-in 58 ggge年m月d日", 2, 5, "40210", "調査票!B5", false, date(true)},
		{"built-in 20 h:mm is a time", 2, 6, "40210", "調査票!B6", false, nil},
		{"era year-month", 2, 7, "40210", "調査票!B7", false, date(false)},
		{"era with calendar flag", 2, 8, "40210", "調査票!B8", false, date(true)},
		{"gannen year-month", 2, 9, "40210", "調査票!B9", false, date(false)},
		{"yyyy/m/d", 2, 10, "40210", "調査票!B10", false, date(true)},
		{"ge.m.d", 2, 11, "40210", "調査票!B11", false, date(true)},
		{"yyyy年m月", 2, 12, "40210", "調査票!B12", false, date(false)},
		{"h:mm:ss is a time", 2, 13, "40210", "調査票!B13", false, nil},
		{"number raw", 4, 1, "103", "調査票!D1", false, nil},
		{"text in a date format", 4, 2, "40210", "調査票!D2", false, nil},
		{"merged label first", 6, 1, "項目", "調査票!F1", false, nil},
		{"merged label covered", 6, 3, "項目", "調査票!F1", true, nil},
		{"merged date first", 7, 1, "39000", "調査票!G1", false, &perinet.DateCell{Serial: 39000, ShowsDay: true}},
		{"merged date covered", 7, 2, "39000", "調査票!G1", true, &perinet.DateCell{Serial: 39000, ShowsDay: true}},
		{"merged date covered last", 7, 3, "39000", "調査票!G1", true, &perinet.DateCell{Serial: 39000, ShowsDay: true}},
		{"empty merge covered", 9, 2, "", "調査票!H1", true, nil},
		{"empty merge at the row's end", 12, 7, "", "調査票!L7", false, nil},
		{"rich text with a line break", 4, 5, "NCPR講習会\nALSO", "調査票!D5", false, nil},
		{"hidden sheet", 1, 1, "非表示", "隠し!A1", false, nil},
	}
	for _, tt := range tests {
		sheet := "調査票"
		if tt.name == "hidden sheet" {
			sheet = "隠し"
		}
		c, ok := cellAt(g, sheet, tt.col, tt.row)
		if !ok {
			t.Errorf("%s: no cell at column %d, row %d", tt.name, tt.col, tt.row)
			continue
		}
		if c.Text != tt.text || c.Where != tt.where || c.Merged != tt.merged {
			t.Errorf("%s: got {%q %q merged %v}, want {%q %q merged %v}", tt.name, c.Text, c.Where, c.Merged, tt.text, tt.where, tt.merged)
		}
		switch {
		case (c.Date == nil) != (tt.date == nil):
			t.Errorf("%s: date %+v, want %+v", tt.name, c.Date, tt.date)
		case c.Date != nil && *c.Date != *tt.date:
			t.Errorf("%s: date %+v, want %+v", tt.name, *c.Date, *tt.date)
		}
	}
}

func TestWorkbookDate1904(t *testing.T) {
	f := excelize.NewFile()
	yes := true
	if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
		t.Fatal(err)
	}
	st, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	_ = f.SetCellValue("Sheet1", "A1", 38748) // 2010-02-01 counted from 1904
	_ = f.SetCellStyle("Sheet1", "A1", "A1", st)
	g, probs := File(writeBook(t, f, "mac.xlsx"), DefaultLimits())
	if len(probs) != 0 {
		t.Fatalf("problems: %v", probs)
	}
	c, _ := cellAt(g, "Sheet1", 1, 1)
	want := perinet.DateCell{Serial: 38748, Date1904: true, ShowsDay: true}
	if c.Date == nil || *c.Date != want {
		t.Errorf("A1 date %+v, want %+v", c.Date, want)
	}
}

// zipFile writes a zip archive of the given parts and returns its path.
func zipFile(t testing.TB, parts map[string][]byte) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range parts {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "book.xlsx")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestWorkbookLimits(t *testing.T) {
	big := excelize.NewFile()
	for r := 1; r <= 50; r++ {
		for c := 1; c <= 10; c++ {
			cell, _ := excelize.CoordinatesToCellName(c, r)
			_ = big.SetCellValue("Sheet1", cell, "○")
		}
	}
	merged := excelize.NewFile()
	_ = merged.SetCellValue("Sheet1", "A1", "全体")
	_ = merged.MergeCell("Sheet1", "A1", "Z1000")
	// A zip bomb: 5 MiB of one byte (5 KiB zipped) unzips past 4×MaxBytes.
	bomb := zipFile(t, map[string][]byte{"xl/worksheets/sheet1.xml": bytes.Repeat([]byte{' '}, 5<<20)})

	tests := []struct {
		name string
		path string
		lim  Limits
		code perinet.Code
	}{
		{"file larger than MaxBytes", writeBook(t, big, "big.xlsx"), Limits{MaxBytes: 1 << 10}, perinet.TooLarge},
		{"more cells than MaxCells", writeBook(t, big, "big.xlsx"), Limits{MaxCells: 499}, perinet.TooLarge},
		{"exactly MaxCells", writeBook(t, big, "big.xlsx"), Limits{MaxCells: 500}, ""},
		{"merged range past MaxCells", writeBook(t, merged, "merged.xlsx"), Limits{MaxCells: 10_000}, perinet.TooLarge},
		{"zip bomb", bomb, Limits{MaxBytes: 1 << 20}, perinet.TooLarge},
		{"timeout", writeBook(t, big, "big.xlsx"), Limits{Timeout: time.Nanosecond}, perinet.TooLarge},
	}
	for _, tt := range tests {
		g, probs := File(tt.path, tt.lim)
		if g == nil || g.Format != "xlsx" {
			t.Errorf("%s: grid %+v, want format xlsx", tt.name, g)
		}
		if got := codes(probs); got != string(tt.code) {
			t.Errorf("%s: problems %q, want %q (%v)", tt.name, got, tt.code, probs)
		}
	}
}

// oneGroupForm builds a one-group status form of 20 rows × 10 columns: a
// title, the group and hospital, the start date in an era format, and
// eight items with a mark, a count and free text, merged as forms are.
func oneGroupForm(tb testing.TB) *excelize.File {
	tb.Helper()
	f := excelize.NewFile()
	const s = "調査票"
	_ = f.SetSheetName("Sheet1", s)
	set := func(cell string, v any) {
		if err := f.SetCellValue(s, cell, v); err != nil {
			tb.Fatal(err)
		}
	}
	merge := func(a, b string) {
		if err := f.MergeCell(s, a, b); err != nil {
			tb.Fatal(err)
		}
	}
	code := `[$-411]ggge"年"m"月"`
	era, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
	set("A1", "平成28年度 周産期医療ネットワークグループ事業 実施状況")
	merge("A1", "J1")
	set("A2", "ブロック名")
	set("C2", "区中央部")
	merge("C2", "E2")
	set("F2", "委託病院")
	set("H2", "愛育病院")
	merge("H2", "J2")
	set("A3", "開始年月")
	set("C3", 40210)
	_ = f.SetCellStyle(s, "C3", "C3", era)
	for i := 0; i < 8; i++ {
		r := 5 + 2*i
		cell := func(col int) string { c, _ := excelize.CoordinatesToCellName(col, r); return c }
		below := func(col int) string { c, _ := excelize.CoordinatesToCellName(col, r+1); return c }
		set(cell(1), i+1)
		merge(cell(1), below(1))
		set(cell(2), "項目の名前が入る欄")
		merge(cell(2), below(4))
		set(cell(5), "○")
		merge(cell(5), below(5))
		set(cell(6), "103施設")
		set(cell(7), "NCPR講習会\nALSO")
		merge(cell(7), below(10))
	}
	return f
}

// TestWorkbookModified reads when a workbook says it was last saved: the
// time in its document properties, whatever the file system says.
func TestWorkbookModified(t *testing.T) {
	tests := []struct {
		name, modified string
		want           time.Time
	}{
		{"saved", "2017-05-15T10:30:00Z", time.Date(2017, 5, 15, 10, 30, 0, 0, time.UTC)},
		{"with an offset", "2017-05-15T19:30:00+09:00", time.Date(2017, 5, 15, 10, 30, 0, 0, time.UTC)},
		{"not a time", "昨日", time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := excelize.NewFile()
			if err := f.SetDocProps(&excelize.DocProperties{Modified: tt.modified}); err != nil {
				t.Fatal(err)
			}
			path := writeBook(t, f, "book.xlsx")
			if err := os.Chtimes(path, time.Now(), time.Now()); err != nil {
				t.Fatal(err)
			}
			g, probs := File(path, DefaultLimits())
			if len(probs) != 0 {
				t.Fatalf("problems: %v", probs)
			}
			if !g.Modified.Equal(tt.want) {
				t.Errorf("Modified = %v, want %v", g.Modified, tt.want)
			}
		})
	}
}

// A rawBook is a workbook written part by part, for what spreadsheet
// programs rarely or never write: each sheet as the XML inside its
// worksheet element, the shared strings as the XML of their si elements.
type rawBook struct {
	sheets     []rawSheet
	strings    []string          // the inner XML of each si
	numFmts    string            // numFmt elements
	cellXfs    string            // xf elements
	workbookPr string            // the attributes of workbookPr
	parts      map[string]string // parts added, or put in place of the ones made
}

// A rawSheet is a sheet of a rawBook.
type rawSheet struct {
	name, state string
	xml         string // inside <worksheet>
}

// path writes the workbook and returns its path.
func (b rawBook) path(t testing.TB) string {
	t.Helper()
	const main = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	var wb, rels strings.Builder
	fmt.Fprintf(&wb, `<?xml version="1.0" encoding="UTF-8"?><workbook %s><workbookPr %s/><sheets>`, main, b.workbookPr)
	rels.WriteString(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	parts := map[string][]byte{
		"_rels/.rels": []byte(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="` + rel + `officeDocument" Target="xl/workbook.xml"/></Relationships>`),
	}
	for i, s := range b.sheets {
		state := ""
		if s.state != "" {
			state = ` state="` + s.state + `"`
		}
		fmt.Fprintf(&wb, `<sheet name="%s" sheetId="%d"%s r:id="rId%d"/>`, s.name, i+1, state, i+1)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="%sworksheet" Target="worksheets/sheet%d.xml"/>`, i+1, rel, i+1)
		parts[fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1)] = []byte(`<?xml version="1.0" encoding="UTF-8"?><worksheet ` + main + `>` + s.xml + `</worksheet>`)
	}
	wb.WriteString(`</sheets></workbook>`)
	fmt.Fprintf(&rels, `<Relationship Id="rIdS" Type="%ssharedStrings" Target="sharedStrings.xml"/>`, rel)
	fmt.Fprintf(&rels, `<Relationship Id="rIdT" Type="%sstyles" Target="styles.xml"/>`, rel)
	rels.WriteString(`</Relationships>`)
	var sst strings.Builder
	fmt.Fprintf(&sst, `<?xml version="1.0" encoding="UTF-8"?><sst %s count="%d">`, main, len(b.strings))
	for _, s := range b.strings {
		sst.WriteString("<si>" + s + "</si>")
	}
	sst.WriteString("</sst>")
	parts["xl/workbook.xml"] = []byte(wb.String())
	parts["xl/_rels/workbook.xml.rels"] = []byte(rels.String())
	parts["xl/sharedStrings.xml"] = []byte(sst.String())
	parts["xl/styles.xml"] = []byte(`<?xml version="1.0" encoding="UTF-8"?><styleSheet ` + main + `><numFmts>` + b.numFmts +
		`</numFmts><cellXfs><xf numFmtId="0"/>` + b.cellXfs + `</cellXfs></styleSheet>`)
	for name, p := range b.parts {
		if p == "" {
			delete(parts, name)
		} else {
			parts[name] = []byte(p)
		}
	}
	return zipFile(t, parts)
}

// The namespaces of a workbook's elements, Transitional and Strict.
const (
	mainNS       = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	strictMainNS = `xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main" xmlns:r="http://purl.oclc.org/ooxml/officeDocument/relationships"`
)

// edgeBooks are workbooks of what the xlsx reader must read as Excel
// means it, written by hand.
var edgeBooks = []struct {
	name string
	book rawBook
}{
	{"no references", rawBook{
		strings: []string{`<t>a</t>`},
		sheets: []rawSheet{{name: "S", xml: `<sheetData><row><c t="s"><v>0</v></c><c/><c><v>2</v></c></row>` +
			`<row><c><v>3</v></c></row><row/><row><c r="B4"><v>4</v></c></row></sheetData>`}},
	}},
	{"strings", rawBook{
		strings: []string{
			"<r><t>NCPR</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\">講習会\n</t></r><r><t>ALSO</t></r><rPh sb=\"0\" eb=\"1\"><t>コウ</t></rPh><phoneticPr fontId=\"1\"/>",
			`<t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1" type="noConversion"/>`,
			`<t>a_x000D_b_x005F_x0041_c_xD800_d_x41_e</t>`,
			`<t>x</t><t>y</t>`,
			`<r><t>1</t></r><t>2</t>`,
			`<t><![CDATA[<&>]]> &amp; &#x6771;</t>`,
			`<t></t>`,
		},
		sheets: []rawSheet{{name: "S", xml: `<sheetData><row r="1">` +
			`<c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c>` +
			`<c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c><c r="G1" t="s"><v>6</v></c>` +
			`<c r="H1" t="inlineStr"><is><r><t>in</t></r><r><t>line_x000A_</t></r><rPh><t>x</t></rPh></is></c>` +
			`<c r="I1" t="inlineStr"><v>v</v></c><c r="J1" t="str"><f>A1</f><v>_x000D_</v></c>` +
			`<c r="K1" t="s"><v>99</v></c><c r="L1" t="s"><v> 1 </v></c><c r="M1" t="s"><v>-1</v></c><c r="N1"><is><t>not inline</t></is><v>n</v></c>` +
			`</row></sheetData>`}},
	}},
	{"types", rawBook{
		cellXfs: `<xf numFmtId="14"/>`,
		sheets: []rawSheet{{name: "S", xml: `<sheetData><row r="1">` +
			`<c r="A1" t="b"><v>1</v></c><c r="B1" t="e"><v>#N/A</v></c><c r="C1"><f>1/0</f></c>` +
			`<c r="D1" t="d" s="1"><v>2010-02-01T00:00:00</v></c><c r="E1"><v></v></c><c r="F1" s="1"/><c r="G1"><v>7</v></c>` +
			`<c r="H1" t="b" s="1"><v>0</v></c><c r="I1" t="e" s="1"><v>#VALUE!</v></c><c r="J1" t="x" s="1"><v>40210</v></c>` +
			`<c r="K1" s="1"><f>A1</f><v>40210</v></c><c r="L1"><f t="shared" si="0"/></c>` +
			`</row></sheetData>`}},
	}},
	{"dates", rawBook{
		numFmts: `<numFmt numFmtId="14" formatCode="0.00"/><numFmt numFmtId="164" formatCode="[$-411]ggge&quot;年&quot;m&quot;月&quot;"/>`,
		cellXfs: `<xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="58"/><xf/><xf numFmtId="22"/>`,
		sheets: []rawSheet{{name: "S", xml: `<cols><col min="3" max="4" style="2"/><col min="4" max="5" style="3"/><col min="6" max="6" style="0"/></cols>` +
			`<sheetData><row r="1">` +
			`<c r="A1" s="1"><v>40210</v></c><c r="B1" s="2"><v>40210</v></c><c r="C1"><v>40210</v></c><c r="D1"><v>40210</v></c>` +
			`<c r="E1"><v>40210.5</v></c><c r="F1" s="4"><v>40210</v></c><c r="G1" s="5"><v>40210</v></c>` +
			`<c r="H1" s="2" t="n"><v>-1</v></c><c r="I1" s="2" t="str"><v>40210</v></c><c r="J1" s="99"><v>40210</v></c>` +
			`<c r="K1" s="3"><v>1e5</v></c><c r="L1" s="3"><v>.5</v></c><c r="M1" s="3"><v>abc</v></c><c r="N1" s="3" t="s"><v>0</v></c>` +
			`</row><row r="2" s="3" customFormat="1"><c r="A2"><v>40210</v></c><c r="B2" s="1"><v>40210</v></c><c r="F2"><v>40210</v></c></row>` +
			`<row r="3" s="0"><c r="E3"><v>40210</v></c></row></sheetData>`}},
		strings: []string{`<t>40210</t>`},
	}},
	{"1904", rawBook{
		workbookPr: `date1904="1"`,
		cellXfs:    `<xf numFmtId="14"/>`,
		sheets:     []rawSheet{{name: "S", xml: `<sheetData><row r="1"><c r="A1" s="1"><v>38748</v></c></row></sheetData>`}},
	}},
	{"1904 spelled true", rawBook{
		workbookPr: `date1904="true"`,
		cellXfs:    `<xf numFmtId="14"/>`,
		sheets:     []rawSheet{{name: "S", xml: `<sheetData><row r="1"><c r="A1" s="1"><v>38748</v></c></row></sheetData>`}},
	}},
	{"merges", rawBook{
		strings: []string{`<t>見出し</t>`, `<t>x</t>`},
		cellXfs: `<xf numFmtId="14"/>`,
		sheets: []rawSheet{{name: "S", xml: `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row>` +
			`<row r="3"><c r="C3" t="s"><v>1</v></c><c r="F3" s="1"><v>40210</v></c></row><row r="5"><c r="B5"><v>5</v></c></row></sheetData>` +
			`<mergeCells count="8"><mergeCell ref="A1:B2"/><mergeCell ref="D4:C3"/><mergeCell ref="F1:G2"/><mergeCell ref="$H$8:$I$9"/>` +
			`<mergeCell ref="J1"/><mergeCell ref="A5:A6"/><mergeCell ref="F3:F7"/><mergeCell ref="B5:B5"/></mergeCells>`}},
	}},
	{"overlapping merges", rawBook{
		strings: []string{`<t>v</t>`},
		sheets: []rawSheet{{name: "S", xml: `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="E1"><v>2</v></c></row></sheetData>` +
			`<mergeCells><mergeCell ref="A1:B2"/><mergeCell ref="E1:E2"/><mergeCell ref="B2:C3"/><mergeCell ref="C3:D4"/><mergeCell ref="A1:B2"/></mergeCells>`}},
	}},
	{"sheet states", rawBook{
		sheets: []rawSheet{
			{name: "shown", state: "visible", xml: `<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>`},
			{name: "hidden", state: "hidden", xml: `<sheetData><row r="1"><c r="A1"><v>2</v></c></row></sheetData>`},
			{name: "very hidden", state: "veryHidden", xml: `<sheetData><row r="1"><c r="A1"><v>3</v></c></row></sheetData>`},
			{name: "empty", xml: ``},
		},
	}},
	{"sparse", rawBook{
		sheets: []rawSheet{{name: "S", xml: `<sheetData><row r="1" spans="1:3"><c r="A1"><v>1</v></c></row><row r="2" ht="20" customHeight="1"><c r="B2" s="0"/></row>` +
			`<row r="50"><c r="C50"><v>50</v></c><c r="XFD50"><v>9</v></c></row></sheetData>`}},
	}},
	{"cells out of order", rawBook{
		sheets: []rawSheet{{name: "S", xml: `<sheetData><row r="1"><c r="C1"><v>3</v></c><c r="A1"><v>1</v></c><c><v>2</v></c></row>` +
			`<row r="2"><c r="B7"><v>27</v></c></row></sheetData>`}},
	}},
	{"strict", rawBook{
		sheets: []rawSheet{{name: "S"}},
		parts: map[string]string{
			"xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8"?><workbook ` + strictMainNS + `><workbookPr date1904="1"/><sheets><sheet name="厳格" sheetId="1" r:id="rId1"/></sheets></workbook>`,
			"xl/worksheets/sheet1.xml": `<?xml version="1.0" encoding="UTF-8"?><worksheet ` + strictMainNS + `><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c>` +
				`<c r="B1" s="1"><v>38748</v></c></row></sheetData><mergeCells><mergeCell ref="A1:A2"/></mergeCells></worksheet>`,
			"xl/sharedStrings.xml": `<?xml version="1.0" encoding="UTF-8"?><sst ` + strictMainNS + `><si><t>厳格</t></si></sst>`,
			"xl/styles.xml":        `<?xml version="1.0" encoding="UTF-8"?><styleSheet ` + strictMainNS + `><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>`,
		},
	}},
	{"prefixed", rawBook{
		sheets: []rawSheet{{name: "S"}},
		parts: map[string]string{
			"xl/worksheets/sheet1.xml": `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
				`<x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>前</x:t></x:is></x:c></x:row></x:sheetData>` +
				`<x:mergeCells><x:mergeCell ref="A1:A3"/></x:mergeCells></x:worksheet>`,
			"xl/sharedStrings.xml": `<?xml version="1.0" encoding="UTF-8"?><x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:si><x:t>接頭辞</x:t></x:si></x:sst>`,
		},
	}},
	{"shared strings without a relationship", rawBook{
		strings: []string{`<t>従来の場所</t>`},
		sheets:  []rawSheet{{name: "S", xml: `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>`}},
		parts: map[string]string{
			"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
				`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/></Relationships>`,
		},
	}},
	{"empty parts", rawBook{
		sheets: []rawSheet{{name: "S", xml: `<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>`}},
		parts:  map[string]string{"xl/sharedStrings.xml": " ", "xl/styles.xml": " "},
	}},
	{"document properties", rawBook{
		sheets: []rawSheet{{name: "S", xml: `<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>`}},
		parts: map[string]string{"docProps/core.xml": `<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
			`xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dcterms:modified xsi:type="dcterms:W3CDTF">2017-05-15T19:30:00+09:00</dcterms:modified></cp:coreProperties>`},
	}},
	{"parts in other folders", rawBook{
		strings: []string{`<t>別の場所</t>`},
		cellXfs: `<xf numFmtId="14"/>`,
		sheets:  []rawSheet{{name: "S", xml: `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>40210</v></c></row></sheetData>`}},
		parts: map[string]string{
			"_rels/.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
				`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/book/wb.xml"/></Relationships>`,
			"book/_rels/wb.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
				`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="../Sheets/One.xml"/>` +
				`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="./strings.xml"/>` +
				`<Relationship Id="rId3" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/styles" Target="st.xml"/></Relationships>`,
			"book/wb.xml":      `<?xml version="1.0" encoding="UTF-8"?><workbook ` + mainNS + `><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
			"sheets/one.xml":   `<?xml version="1.0" encoding="UTF-8"?><worksheet ` + mainNS + `><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>40210</v></c></row></sheetData></worksheet>`,
			"book/strings.xml": `<?xml version="1.0" encoding="UTF-8"?><sst ` + mainNS + `><si><t>別の場所</t></si></sst>`,
			"book/st.xml":      `<?xml version="1.0" encoding="UTF-8"?><styleSheet ` + mainNS + `><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>`,
			"xl/workbook.xml":  "", "xl/_rels/workbook.xml.rels": "", "xl/sharedStrings.xml": "", "xl/styles.xml": "", "xl/worksheets/sheet1.xml": "",
		},
	}},
	{"a sheet without its part", rawBook{
		sheets: []rawSheet{{name: "ある", xml: `<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>`}, {name: "ない"}},
		parts:  map[string]string{"xl/worksheets/sheet2.xml": ""},
	}},
}

// TestWorkbookBombs reads small workbooks that say they hold far more than
// they do, or than a reader can afford: each must give too_large, and the
// memory allocated on the way (runtime.MemStats.TotalAlloc, garbage
// included) must stay within what the limits allow, whatever the file
// says: a few MiB when the first cell or range is past the limit, and
// in proportion to MaxCells (50,000 here) when the cells or ranges add
// up to it. A zip bomb is found by what its parts say they unzip to, or,
// for a part read again and again, as the bytes are read. The excelize reader made every row up to a sheet's last to
// find its merged ranges: the first workbook ran it out of memory.
func TestWorkbookBombs(t *testing.T) {
	sheets := func(n int, xml string) []rawSheet {
		s := make([]rawSheet, n)
		for i := range s {
			s[i] = rawSheet{name: fmt.Sprintf("S%d", i+1), xml: xml}
		}
		return s
	}
	repeat := func(n int, f func(i int) string) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(f(i + 1))
		}
		return b.String()
	}
	mergeCells := func(refs string) string {
		return `<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><mergeCells>` + refs + `</mergeCells>`
	}
	small := Limits{MaxCells: 50_000}
	tests := []struct {
		name     string
		book     rawBook
		lim      Limits
		maxAlloc uint64 // bytes
	}{
		{"sparse: 200 sheets, each one cell at row 1,048,576",
			rawBook{sheets: sheets(200, `<sheetData><row r="1048576"><c r="A1048576"><v>1</v></c></row></sheetData>`)},
			DefaultLimits(), 4 << 20},
		{"sparse: a cell in the last row and the last column",
			rawBook{sheets: sheets(1, `<sheetData><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>`)},
			DefaultLimits(), 4 << 20},
		{"sparse: a cell at column XFD in every row",
			rawBook{sheets: sheets(1, `<sheetData>`+repeat(10_000, func(r int) string { return fmt.Sprintf(`<row r="%d"><c r="XFD%d"><v>1</v></c></row>`, r, r) })+`</sheetData>`)},
			small, 16 << 20},
		{"sparse: a cell every 10,000 rows of 200 sheets",
			rawBook{sheets: sheets(200, `<sheetData>`+repeat(10, func(r int) string {
				return fmt.Sprintf(`<row r="%d"><c r="A%d"><v>1</v></c></row>`, r*10_000, r*10_000)
			})+`</sheetData>`)},
			small, 8 << 20},
		{"merge: a range of the whole sheet",
			rawBook{sheets: sheets(1, mergeCells(`<mergeCell ref="A1:XFD1048576"/>`))},
			DefaultLimits(), 4 << 20},
		{"merge: an empty range in the last cell, in 200 sheets",
			rawBook{sheets: sheets(200, mergeCells(`<mergeCell ref="XFD1048576:XFD1048576"/>`))},
			DefaultLimits(), 4 << 20},
		{"merge: 1,000,000 ranges",
			rawBook{sheets: sheets(1, mergeCells(strings.Repeat(`<mergeCell ref="B2:C3"/>`, 1_000_000)))},
			small, 32 << 20},
		{"merge: 200,000 ranges of a column each, every one over the others' rows",
			rawBook{sheets: sheets(1, mergeCells(repeat(200_000, func(i int) string { return fmt.Sprintf(`<mergeCell ref="B%d:XFD%d"/>`, i, i+1) })))},
			small, 32 << 20},
		{"zip: a sheet that unzips to 100 MiB",
			rawBook{sheets: sheets(1, `<sheetData>`+strings.Repeat(" ", 100<<20)+`</sheetData>`)},
			DefaultLimits(), 4 << 20},
		{"zip: one sheet of 1 MiB, the part of 100 sheets, read past 4 MiB",
			rawBook{sheets: sheets(100, ""), parts: sameSheetPart(100, `<sheetData>`+strings.Repeat("<x/>", 1<<18)+`</sheetData>`)},
			Limits{MaxBytes: 1 << 20}, 4 << 20},
		{"xml: 16 MiB of white space between two cells",
			rawBook{sheets: sheets(1, `<sheetData><row r="1"><c r="A1"><v>1</v></c>`+strings.Repeat(" ", 16<<20)+`<c r="B1"><v>2</v></c></row></sheetData>`)},
			DefaultLimits(), 4 << 20},
		{"xml: a tag of 16 MiB",
			rawBook{sheets: sheets(1, `<sheetData><row r="1"><c r="A1"`+strings.Repeat(` a=""`, 4<<20)+`><v>1</v></c></row></sheetData>`)},
			DefaultLimits(), 4 << 20},
		{"strings: 1,000,000 shared strings",
			rawBook{strings: slices.Repeat([]string{""}, 1_000_000), sheets: sheets(1, `<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>`)},
			small, 32 << 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.book.path(t)
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			g, probs := File(path, tt.lim)
			elapsed := time.Since(start)
			runtime.ReadMemStats(&after)
			alloc := after.TotalAlloc - before.TotalAlloc
			t.Logf("%s file: %s, %d sheets read, allocated %s, in %v", byteSize(fi.Size()), codes(probs), len(g.Sheets), byteSize(int64(alloc)), elapsed)
			if codes(probs) != string(perinet.TooLarge) {
				t.Errorf("problems %v, want too_large", probs)
			}
			if alloc > tt.maxAlloc {
				t.Errorf("allocated %s, want at most %s", byteSize(int64(alloc)), byteSize(int64(tt.maxAlloc)))
			}
		})
	}
}

// sameSheetPart returns the parts of a rawBook whose n sheets are all one
// part, holding xml.
func sameSheetPart(n int, xml string) map[string]string {
	var rels strings.Builder
	rels.WriteString(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for i := range n {
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>`, i+1)
	}
	rels.WriteString(`</Relationships>`)
	parts := map[string]string{
		"xl/_rels/workbook.xml.rels": rels.String(),
		"xl/worksheets/sheet1.xml":   `<?xml version="1.0" encoding="UTF-8"?><worksheet ` + mainNS + `>` + xml + `</worksheet>`,
	}
	for i := 2; i <= n; i++ {
		parts[fmt.Sprintf("xl/worksheets/sheet%d.xml", i)] = ""
	}
	return parts
}

// TestWorkbookEdges reads what edgeBooks write by hand, cell by cell.
func TestWorkbookEdges(t *testing.T) {
	date := func(serial float64, showsDay bool) *perinet.DateCell {
		return &perinet.DateCell{Serial: serial, ShowsDay: showsDay}
	}
	tests := []struct {
		book, sheet, ref string
		text, where      string // where "" is sheet!ref
		merged           bool
		date             *perinet.DateCell
	}{
		{"no references", "S", "A1", "a", "", false, nil},
		{"no references", "S", "B1", "", "", false, nil}, // an empty c between two values
		{"no references", "S", "C1", "2", "", false, nil},
		{"no references", "S", "A2", "3", "", false, nil},
		{"no references", "S", "B4", "4", "", false, nil},

		{"strings", "S", "A1", "NCPR講習会\nALSO", "", false, nil}, // runs joined, rPh left out
		{"strings", "S", "B1", "東京", "", false, nil},
		{"strings", "S", "C1", "a\rb_x0041_cd_x41_e", "", false, nil}, // _x000D_ undone, _x005F_ escapes, a surrogate stands for nothing
		{"strings", "S", "D1", "y", "", false, nil},                   // the last t
		{"strings", "S", "E1", "21", "", false, nil},                  // the item's t before its runs
		{"strings", "S", "F1", "<&> & 東", "", false, nil},
		{"strings", "S", "H1", "inline\n", "", false, nil},
		{"strings", "S", "I1", "v", "", false, nil},       // inlineStr with a v and no is
		{"strings", "S", "J1", "_x000D_", "", false, nil}, // a formula's string is not escaped
		{"strings", "S", "K1", "", "", false, nil},        // an index past the table
		{"strings", "S", "L1", "東京", "", false, nil},      // an index with spaces
		{"strings", "S", "N1", "n", "", false, nil},       // an is in a cell not of inlineStr

		{"types", "S", "A1", "1", "", false, nil},
		{"types", "S", "B1", "#N/A", "", false, nil},
		{"types", "S", "C1", "", "", false, nil}, // a formula without a value
		{"types", "S", "D1", "2010-02-01T00:00:00", "", false, nil},
		{"types", "S", "G1", "7", "", false, nil},
		{"types", "S", "H1", "0", "", false, nil},
		{"types", "S", "I1", "#VALUE!", "", false, nil},
		{"types", "S", "J1", "40210", "", false, date(40210, true)}, // a type unheard of is a number's
		{"types", "S", "K1", "40210", "", false, date(40210, true)}, // a formula's number
		{"types", "S", "L1", "", "", false, nil},

		{"dates", "S", "A1", "40210", "", false, nil},                   // numFmt 14 redefined as 0.00
		{"dates", "S", "B1", "40210", "", false, date(40210, false)},    // ggge"年"m"月"
		{"dates", "S", "C1", "40210", "", false, date(40210, false)},    // the column's format
		{"dates", "S", "D1", "40210", "", false, date(40210, false)},    // the first col element's
		{"dates", "S", "E1", "40210.5", "", false, date(40210.5, true)}, // the second's, 58
		{"dates", "S", "F1", "40210", "", false, nil},                   // an xf without numFmtId
		{"dates", "S", "G1", "40210", "", false, date(40210, true)},     // 22, m/d/yy h:mm
		{"dates", "S", "H1", "-1", "", false, date(-1, false)},          // t="n"
		{"dates", "S", "I1", "40210", "", false, nil},                   // a formula's string
		{"dates", "S", "J1", "40210", "", false, nil},                   // a format past cellXfs
		{"dates", "S", "K1", "1e5", "", false, date(100000, true)},      // an exponent
		{"dates", "S", "L1", ".5", "", false, date(0.5, true)},          // a fraction
		{"dates", "S", "M1", "abc", "", false, nil},                     // not a number
		{"dates", "S", "N1", "40210", "", false, nil},                   // a shared string
		{"dates", "S", "A2", "40210", "", false, date(40210, true)},     // the row's format
		{"dates", "S", "B2", "40210", "", false, nil},                   // the cell's own over the row's
		{"dates", "S", "F2", "40210", "", false, date(40210, true)},     // the row's over the column's
		{"dates", "S", "E3", "40210", "", false, date(40210, true)},     // s="0" on a row is none
		{"1904", "S", "A1", "38748", "", false, &perinet.DateCell{Serial: 38748, Date1904: true, ShowsDay: true}},
		{"1904 spelled true", "S", "A1", "38748", "", false, &perinet.DateCell{Serial: 38748, Date1904: true, ShowsDay: true}},

		{"merges", "S", "B1", "見出し", "S!A1", true, nil},
		{"merges", "S", "B2", "見出し", "S!A1", true, nil},
		{"merges", "S", "D4", "x", "S!C3", true, nil}, // D4:C3
		{"merges", "S", "F1", "", "", false, nil},     // an empty range's first cell is put in
		{"merges", "S", "H8", "", "", false, nil},     // even below the last row
		{"merges", "S", "F7", "40210", "S!F3", true, date(40210, true)},
		{"merges", "S", "B5", "5", "", false, nil}, // a range of one cell
		{"overlapping merges", "S", "D4", "v", "S!A1", true, nil},
		{"overlapping merges", "S", "E2", "2", "S!E1", true, nil},

		{"sparse", "S", "C50", "50", "", false, nil},
		{"sparse", "S", "XFD50", "9", "", false, nil},
		{"cells out of order", "S", "C1", "3", "", false, nil},
		{"cells out of order", "S", "D1", "1", "", false, nil}, // A1 after C1: after the row's last cell
		{"cells out of order", "S", "E1", "2", "", false, nil},
		{"cells out of order", "S", "B2", "27", "", false, nil}, // the row's number, not the cell's
		{"strict", "厳格", "B1", "38748", "", false, &perinet.DateCell{Serial: 38748, Date1904: true, ShowsDay: true}},
		{"strict", "厳格", "A2", "厳格", "厳格!A1", true, nil},
		{"prefixed", "S", "B1", "前", "", false, nil},
		{"prefixed", "S", "A3", "接頭辞", "S!A1", true, nil},
		{"shared strings without a relationship", "S", "A1", "従来の場所", "", false, nil},
		{"parts in other folders", "S", "A1", "別の場所", "", false, nil},
		{"parts in other folders", "S", "B1", "40210", "", false, date(40210, true)},
		{"empty parts", "S", "A1", "1", "", false, nil},
	}
	grids := map[string]*perinet.Grid{}
	for _, tt := range edgeBooks {
		g, probs := File(tt.book.path(t), DefaultLimits())
		if len(probs) != 0 && tt.name != "a sheet without its part" {
			t.Errorf("%s: problems %v", tt.name, probs)
		}
		grids[tt.name] = g
	}
	for _, tt := range tests {
		col, row, err := parseCellRef(tt.ref)
		if err != nil {
			t.Fatal(err)
		}
		c, ok := cellAt(grids[tt.book], tt.sheet, col, row)
		if !ok {
			t.Errorf("%s: no cell %s!%s", tt.book, tt.sheet, tt.ref)
			continue
		}
		want := perinet.Cell{Text: tt.text, Where: tt.where, Merged: tt.merged, Date: tt.date}
		if want.Where == "" {
			want.Where = tt.sheet + "!" + tt.ref
		}
		if c.Text != want.Text || c.Where != want.Where || c.Merged != want.Merged || (c.Date == nil) != (want.Date == nil) || c.Date != nil && *c.Date != *want.Date {
			t.Errorf("%s: %s!%s = %s, want %s", tt.book, tt.sheet, tt.ref, cellText(c), cellText(want))
		}
	}

	g := grids["merges"]
	if c, ok := cellAt(g, "S", 7, 1); !ok || c.Merged {
		t.Errorf("merges: S!G1 = %+v; want a cell not merged (F1:G2 was expanded before J1 made G1)", c)
	}
	if names := sheetNames(grids["sheet states"]); names != "shown:false hidden:true very hidden:true empty:false" {
		t.Errorf("sheet states: %s", names)
	}
	if got, want := grids["document properties"].Modified, time.Date(2017, 5, 15, 10, 30, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("document properties: Modified %v, want %v", got, want)
	}
	g, probs := File(edgeBook(t, "a sheet without its part"), DefaultLimits())
	if codes(probs) != "unreadable_file" || probs[0].Where != "ない" || sheetNames(g) != "ある:false" {
		t.Errorf("a sheet without its part: sheets %s, problems %v; want ある, and unreadable_file about ない", sheetNames(g), probs)
	}
}

// edgeBook writes the named workbook of edgeBooks and returns its path.
func edgeBook(t *testing.T, name string) string {
	t.Helper()
	for _, tt := range edgeBooks {
		if tt.name == name {
			return tt.book.path(t)
		}
	}
	t.Fatalf("no edge book %q", name)
	return ""
}

// sheetNames lists a Grid's sheets, "name:hidden", for a failure message.
func sheetNames(g *perinet.Grid) string {
	var names []string
	for _, s := range g.Sheets {
		names = append(names, fmt.Sprintf("%s:%v", s.Name, s.Hidden))
	}
	return strings.Join(names, " ")
}

// cellText writes a cell for a failure message.
func cellText(c perinet.Cell) string {
	s := fmt.Sprintf("{%q at %s merged %v", c.Text, c.Where, c.Merged)
	if c.Date != nil {
		s += fmt.Sprintf(" date %+v", *c.Date)
	}
	return s + "}"
}
