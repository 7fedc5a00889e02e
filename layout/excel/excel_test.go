package excel

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/japanese"

	"perinet/layout"
)

// sheet is a small rendered sheet: a title merged over three columns, a
// heading merged over two rows, a date cell, a count cell, a text with a
// line break, a comma and a quote.
func sheet() layout.Sheet {
	day := time.Date(2010, time.February, 1, 0, 0, 0, 0, time.UTC)
	return layout.Sheet{Name: "調査票", Cells: []layout.Cell{
		{Row: 1, Col: 1, Rows: 1, Cols: 3, Value: layout.Text("調査票"), Role: layout.Role{Part: layout.InHead}},
		{Row: 2, Col: 1, Rows: 2, Cols: 1, Value: layout.Text("開始年月"), Role: layout.Role{Part: layout.InTable, Kind: layout.KindHeading}},
		{Row: 2, Col: 2, Rows: 1, Cols: 1, Value: layout.Value{Kind: layout.DateValue, Date: day, Format: layout.FormatEraMonth}},
		{Row: 2, Col: 3, Rows: 1, Cols: 1, Value: layout.Value{Kind: layout.NumberValue, Number: 103, Format: layout.FormatCount}},
		{Row: 3, Col: 2, Rows: 1, Cols: 1, Value: layout.Value{Kind: layout.DateValue, Date: day, Format: layout.FormatDay}},
		{Row: 3, Col: 3, Rows: 1, Cols: 1, Value: layout.Text("・NCPR講習会\n・ALSO, \"J-MELS\"")},
		{Row: 5, Col: 2, Rows: 1, Cols: 1, Value: layout.Text("※昨年度と同じ"), Role: layout.Role{Part: layout.InNotes, Kind: layout.KindNote}},
	}}
}

func TestCSV(t *testing.T) {
	want := "調査票,,\r\n" +
		"開始年月,平成22年2月,103施設\r\n" +
		",2010/2/1,\"・NCPR講習会\n・ALSO, \"\"J-MELS\"\"\"\r\n" +
		",,\r\n" +
		",※昨年度と同じ,\r\n"
	got, err := CSV(sheet(), UTF8)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(got, []byte("\xef\xbb\xbf")) || string(got[3:]) != want {
		t.Errorf("CSV UTF-8 =\n%q\nwant the BOM and\n%q", got, want)
	}
	sjis, err := CSV(sheet(), CP932)
	if err != nil {
		t.Fatal(err)
	}
	text, err := japanese.ShiftJIS.NewDecoder().Bytes(sjis)
	if err != nil || string(text) != want {
		t.Errorf("CSV CP932 decodes as\n%q, %v\nwant\n%q", text, err, want)
	}
	bad := sheet()
	bad.Cells[0].Value = layout.Text("✓")
	if _, err := CSV(bad, CP932); err == nil || !strings.Contains(err.Error(), "Shift_JIS") {
		t.Errorf("a ✓ in CP932: error %v, want one saying it cannot be written", err)
	}
}

// TestXLSX writes the sheet and reads it with excelize: the values, the
// number formats as Excel shows them, the merged ranges.
func TestXLSX(t *testing.T) {
	b, err := XLSX([]layout.Sheet{sheet(), {Name: "前年度", Cells: sheet().Cells[:1]}})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 2 || got[0] != "調査票" || got[1] != "前年度" {
		t.Errorf("sheets %v", got)
	}
	for cell, want := range map[string]string{"A1": "調査票", "A2": "開始年月", "C2": "103施設", "B3": "2010/2/1", "B5": "※昨年度と同じ"} {
		if got, err := f.GetCellValue("調査票", cell); err != nil || got != want {
			t.Errorf("%s = %q, %v; want %q", cell, got, err, want)
		}
	}
	if raw, _ := f.GetCellValue("調査票", "B2", excelize.Options{RawCellValue: true}); raw != "40210" {
		t.Errorf("B2 holds %q, want the serial 40210", raw)
	}
	id, _ := f.GetCellStyle("調査票", "B2")
	if st, err := f.GetStyle(id); err != nil || st.CustomNumFmt == nil || *st.CustomNumFmt != layout.FormatEraMonth {
		t.Errorf("B2's format: %v, %v", st, err)
	}
	merges, _ := f.GetMergeCells("調査票")
	var ranges []string
	for _, m := range merges {
		ranges = append(ranges, m.GetStartAxis()+":"+m.GetEndAxis())
	}
	if strings.Join(ranges, " ") != "A1:C1 A2:A3" {
		t.Errorf("merged ranges %v, want A1:C1 A2:A3", ranges)
	}
	again, err := XLSX([]layout.Sheet{sheet(), {Name: "前年度", Cells: sheet().Cells[:1]}})
	if err != nil || !bytes.Equal(again, b) {
		t.Errorf("two writes of the same sheets differ (%v)", err)
	}
}
