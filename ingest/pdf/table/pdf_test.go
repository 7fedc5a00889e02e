package table

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"perinet"
	"perinet/ingest/pdf"
)

// fixturePDF names a fixture PDF (fixtures/pdf/README.md): its year and
// what it is.
var fixturePDF = regexp.MustCompile(`^fy(\d{4})-(form|table-all|table-tama|report)`)

// TestFixturePDFs reads every PDF of fixtures/pdf (the forms and tables as
// each producer makes them, a folder per producer, and our report as
// perinet writes it) through pdf.Read, Sheets and normalize: each must
// give, with no problem, the Records of its year's records file, source
// aside, for the groups it holds: one for a form, 多摩地域 and its six
// sub-groups for table-tama, every group of the year for table-all and
// the report. The scans of fixtures/pdf/scan have no text to read (see
// TestScanPDF in package ingest) and are left out. A subtest is named
// after the producer's folder and the file: libreoffice/fy2016-table-all.pdf.
func TestFixturePDFs(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(fixtures, "pdf", "*", "*.pdf"))
	if len(files) == 0 {
		t.Skip("no fixture PDFs in fixtures/pdf")
	}
	for _, file := range files {
		producer, name := filepath.Base(filepath.Dir(file)), filepath.Base(file)
		if producer == "scan" {
			continue
		}
		t.Run(producer+"/"+name, func(t *testing.T) {
			m := fixturePDF.FindStringSubmatch(name)
			if m == nil {
				t.Fatalf("%s: not a fixture PDF's name", name)
			}
			want := yearRecords(t, m[1])
			records := readRecords(t, Sheets(readPDF(t, file)))
			groups := map[string]int{"form": 1, "table-tama": 7}[m[2]]
			if groups == 0 {
				groups = len(want)
			}
			if len(records) != groups {
				t.Errorf("read %d records, want %d", len(records), groups)
			}
			for _, r := range records {
				r.Source = perinet.Source{}
				got, _ := json.Marshal(r)
				exp, _ := json.Marshal(want[r.Block])
				if string(got) != string(exp) {
					t.Errorf("\n got %s\nwant %s", got, exp)
				}
			}
		})
	}
}

// readPDF reads the pages of a PDF file.
func readPDF(t *testing.T, file string) []*pdf.Page {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	pages, err := pdf.Read(context.Background(), data, pdf.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

// yearRecords returns the Records of a year's records file by group.
func yearRecords(t testing.TB, year string) map[string]perinet.Record {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtures, "fy"+year+"-records.json"))
	if err != nil {
		t.Fatal(err)
	}
	var records []perinet.Record
	if err := json.Unmarshal(b, &records); err != nil {
		t.Fatal(err)
	}
	out := map[string]perinet.Record{}
	for _, r := range records {
		out[r.Block] = r
	}
	return out
}

// TestFixturePDFSheet shows how LibreOffice's export of the form of 区中央部
// reads: the title and fiscal year above the info rows and the item table,
// the ideographic space after each item's number as drawn, and the places
// of cells in points.
func TestFixturePDFSheet(t *testing.T) {
	file := filepath.Join(fixtures, "pdf", "libreoffice", "fy2016-form-01-kuchuobu.pdf")
	if _, err := os.Stat(file); err != nil {
		t.Skip(err)
	}
	want := [][]string{
		{"周産期医療ネットワークグループ事業 取組状況調査票@202,760"},
		{"平成28年度（2016年度）@54,750"},
		{"ブロック名@64,734", "区中央部@233,734"},
		{"区分@64,726", "ネットワークグループ@233,722"},
		{"委託病院@64,717", "愛育@233,717"},
		{"開始年月@64,709", "H22年2月@233,709"},
		{"項目@143,693", "実施の有無@240,693", "配布先（施設数）@288,693", "具体的内容@427,693"},
		{"１\u3000地域連携会議の運営等@64,684", "○@251,684", "@275,682", "@344,682"},
		{"２\u3000各医療機関等の医療機能の把握@64,674", "○@251,674", "@275,672", "@344,672"},
		{"３\u3000連携リストの作成・配布@64,664", "○@251,664", "103施設@276,664", "@344,662"},
		{"４\u3000リスクに応じた役割分担と連携方法の検討@64,654", "○@251,654", "@275,652", "（連携会議で検討）@345,654"},
		{"５\u3000妊産婦等に関する情報の共有化等@64,644", "○@251,644", "@275,642", "（連携会議で実施）@345,644"},
		{"６\u3000産科セミオープンシステム・オープンシステムの検討（事業開始時からの取組を含む）@64,627", "○@251,630", "@275,625", "@344,625"},
		{"７\u3000研修等（連携会議とは別に実施）@64,605", "○@251,605", "@275,592", "・NCPR講習会\n・ALSO\n・育児支援研修会\n・J-MELSﾍﾞｰｼｯｸｺｰｽ@345,595"},
		{"８\u3000その他@64,584", "@233,582", "@275,582", "@344,582"},
	}
	sheets := Sheets(readPDF(t, file))
	if len(sheets) != 1 {
		t.Fatalf("%d sheets, want 1", len(sheets))
	}
	var got [][]string
	for _, row := range sheets[0].Rows {
		var cells []string
		for _, c := range row {
			cells = append(cells, c.Text+"@"+strings.TrimPrefix(c.Where, "p1@"))
		}
		got = append(got, cells)
	}
	for i := range max(len(got), len(want)) {
		if i >= len(got) || i >= len(want) || strings.Join(got[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d:\n got %q\nwant %q", i+1, at(got, i), at(want, i))
		}
	}
}

// at returns row i of rows, or nil past their end.
func at(rows [][]string, i int) []string {
	if i < len(rows) {
		return rows[i]
	}
	return nil
}
