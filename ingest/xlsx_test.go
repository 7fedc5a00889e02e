package ingest

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
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
