package ingest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
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
	{"a sheet without its part", rawBook{
		sheets: []rawSheet{{name: "ある", xml: `<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>`}, {name: "ない"}},
		parts:  map[string]string{"xl/worksheets/sheet2.xml": ""},
	}},
}
