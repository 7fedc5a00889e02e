package ingest

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/japanese"

	"perinet"
)

// corpusDir is where the public test files live, beside the project.
const corpusDir = "../../shared/corpus"

// codes joins the codes of problems with commas, "" when there are none.
func codes(probs []perinet.Problem) string {
	var cs []string
	for _, p := range probs {
		cs = append(cs, string(p.Code))
	}
	return strings.Join(cs, ",")
}

// cellCount counts the cells of a Grid.
func cellCount(g *perinet.Grid) int {
	n := 0
	for _, s := range g.Sheets {
		for _, r := range s.Rows {
			n += len(r)
		}
	}
	return n
}

// writeFile writes data to a file in a temporary directory.
func writeFile(t testing.TB, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func sjis(t testing.TB, s string) []byte {
	t.Helper()
	b, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestFormatByContent(t *testing.T) {
	tests := []struct {
		name   string
		file   string // the name, whose extension must not matter
		data   []byte
		format string
		code   perinet.Code
	}{
		{"pdf named xlsx", "form.xlsx", []byte("%PDF-1.7\n%âãÏÓ\n1 0 obj\n"), "pdf", perinet.UnreadableFile},
		{"csv named xlsx", "form.xlsx", []byte("ブロック名,区中央部\n"), "csv", ""},
		{"binary", "form.csv", []byte{0x00, 0x01, 0x02, 0xff, 0x10}, "unknown", perinet.UnreadableFile},
		{"png", "form.xls", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "unknown", perinet.UnreadableFile},
		{"empty", "form.xlsx", nil, "unknown", perinet.UnreadableFile},
		{"broken zip", "form.csv", []byte("PK\x03\x04garbage"), "xlsx", perinet.UnreadableFile},
		{"broken OLE", "form.xls", append([]byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}, make([]byte, 600)...), "unknown", perinet.UnreadableFile},
	}
	for _, tt := range tests {
		g, probs := File(writeFile(t, tt.file, tt.data), DefaultLimits())
		if g == nil || g.Format != tt.format || codes(probs) != string(tt.code) {
			t.Errorf("%s: format %v, problems %q; want %s, %q (%v)", tt.name, g, codes(probs), tt.format, tt.code, probs)
		}
		for _, p := range probs {
			if p.Where != tt.file || p.Text != tt.file || p.Message == "" || p.Severity != perinet.Error {
				t.Errorf("%s: problem %+v; want an error about %s with a message", tt.name, p, tt.file)
			}
		}
	}
	if _, probs := File(filepath.Join(t.TempDir(), "missing.xlsx"), DefaultLimits()); codes(probs) != "unreadable_file" {
		t.Errorf("missing file: problems %v, want unreadable_file", probs)
	}
}

func TestCSV(t *testing.T) {
	const form = "ブロック名,区中央部\r\n開始年月,H22年2月\r\n\"具体的内容\",\"NCPR講習会\nALSO\"\r\n\r\n項目3,103施設,\"a \"b\" c\"\r\n"
	tests := []struct {
		name string
		data []byte
	}{
		{"UTF-8", []byte(form)},
		{"UTF-8 with BOM", append([]byte{0xef, 0xbb, 0xbf}, form...)},
		{"Shift_JIS", sjis(t, form)},
		{"CP932 extensions", sjis(t, strings.ReplaceAll(form, "区中央部", "区中央部①㈱"))},
	}
	for _, tt := range tests {
		g, probs := File(writeFile(t, "form.csv", tt.data), DefaultLimits())
		if len(probs) != 0 || g.Format != "csv" || len(g.Sheets) != 1 || g.Sheets[0].Name != "" {
			t.Errorf("%s: %+v, problems %v; want one csv sheet", tt.name, g, probs)
			continue
		}
		rows := g.Sheets[0].Rows
		want := []struct {
			row, col    int
			text, where string
		}{
			{1, 1, "ブロック名", "r1c1"},
			{1, 2, "区中央部", "r1c2"},
			{2, 2, "H22年2月", "r2c2"},
			{3, 2, "NCPR講習会\nALSO", "r3c2"}, // a quoted line break stays, and is one row
			{5, 2, "103施設", "r5c2"},         // the blank line is an empty row, as a spreadsheet shows it
			{5, 3, `a "b" c`, "r5c3"},       // LazyQuotes
		}
		if tt.name == "CP932 extensions" {
			want[1].text = "区中央部①㈱"
		}
		for _, w := range want {
			if w.row > len(rows) || w.col > len(rows[w.row-1]) {
				t.Errorf("%s: no cell r%dc%d in %v", tt.name, w.row, w.col, rows)
				continue
			}
			if c := rows[w.row-1][w.col-1]; c.Text != w.text || c.Where != w.where {
				t.Errorf("%s: r%dc%d = %q at %q, want %q at %q", tt.name, w.row, w.col, c.Text, c.Where, w.text, w.where)
			}
		}
	}
	many := strings.Repeat("a,b,c,d\n", 100)
	if _, probs := File(writeFile(t, "many.csv", []byte(many)), Limits{MaxCells: 399}); codes(probs) != "too_large" {
		t.Errorf("400 cells with MaxCells 399: problems %v, want too_large", probs)
	}
	if _, probs := File(writeFile(t, "many.csv", []byte(many)), Limits{MaxBytes: 100}); codes(probs) != "too_large" {
		t.Errorf("800 bytes with MaxBytes 100: problems %v, want too_large", probs)
	}
}

// A corpusFile is one line of the corpus's MANIFEST.tsv.
type corpusFile struct {
	path        string // relative to the corpus
	description string
}

// corpus returns the files of the corpus in the given folders, or skips
// the test when the corpus is not beside the project.
func corpus(tb testing.TB, dirs ...string) []corpusFile {
	tb.Helper()
	f, err := os.Open(filepath.Join(corpusDir, "MANIFEST.tsv"))
	if err != nil {
		tb.Skipf("corpus not found (%v): the public test files live in ../shared/corpus beside the project", err)
	}
	defer f.Close()
	var files []corpusFile
	sc := bufio.NewScanner(f)
	sc.Scan() // the header
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) < 7 {
			continue
		}
		if slices.Contains(dirs, filepath.Dir(fields[0])) {
			files = append(files, corpusFile{fields[0], fields[6]})
		}
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return files
}

// encryptedCorpus lists the corpus files protected by a password.
var encryptedCorpus = map[string]bool{
	"xls/SheetJS__password_2002_40_xor.xls":              true,
	"xlsx-hostile/calamine__pass_protected.xlsx":         true,
	"xlsx-hostile/excelize__agile4096Boundary.xlsx":      true,
	"xlsx-hostile/excelize__encryptSHA1.xlsx":            true,
	"xlsx-hostile/poi__protected_passtika.xlsx":          true,
	"pdf-hostile/fpdf__Fpdf_SetProtection.pdf":           true,
	"pdf-hostile/pdfjs__issue6010_1.pdf":                 true,
	"pdf-hostile/qpdf__enc-XI-R6_V5_U-view_O-master.pdf": true,
}

// corpusLimits are the default limits with more time: the tests run
// beside others, and converting an .xls file has been measured at 13
// seconds on a busy machine.
func corpusLimits() Limits {
	lim := DefaultLimits()
	lim.Timeout = 2 * time.Minute
	return lim
}

// hasSoffice reports whether LibreOffice is installed.
func hasSoffice() bool {
	_, err := exec.LookPath("soffice")
	return err == nil
}

// TestCorpus reads every workbook and CSV file of the corpus: File must
// return, without panicking, a Grid or problems, and the problems a user
// expects of the password-protected files.
func TestCorpus(t *testing.T) {
	files := corpus(t, "xlsx", "xlsx-hostile", "xls", "csv-sjis", "pdf-ja", "pdf-hostile")
	if !hasSoffice() {
		t.Log("soffice not found: the .xls files are expected to give unreadable_file")
	}
	for _, cf := range files {
		t.Run(filepath.Base(cf.path), func(t *testing.T) {
			path := filepath.Join(corpusDir, cf.path)
			before, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			g, probs := File(path, corpusLimits())
			if g == nil {
				t.Fatal("no Grid")
			}
			if len(g.Sheets) == 0 && len(probs) == 0 {
				t.Error("neither sheets nor problems")
			}
			t.Logf("%-8s sheets %d cells %d problems %q", g.Format, len(g.Sheets), cellCount(g), codes(probs))
			for _, p := range probs {
				t.Logf("  %s: %s", p.Code, p.Message)
			}
			if after, err := os.Stat(path); err != nil || !after.ModTime().Equal(before.ModTime()) || after.Size() != before.Size() {
				t.Errorf("the file changed: %v, %v", before, after)
			}
			switch {
			case encryptedCorpus[cf.path]:
				if codes(probs) != "encrypted" {
					t.Errorf("problems %q, want encrypted", codes(probs))
				}
			case strings.HasPrefix(cf.path, "xlsx/"), strings.HasPrefix(cf.path, "csv-sjis/"):
				// calamine__vba.xlsm has three empty sheets.
				if len(probs) != 0 || len(g.Sheets) == 0 {
					t.Errorf("%d sheets, problems %v; want sheets and no problems", len(g.Sheets), probs)
				}
			}
		})
	}
}

// TestCorpusCSVDecoding checks text known to be in the Shift_JIS files.
func TestCorpusCSVDecoding(t *testing.T) {
	corpus(t, "csv-sjis")
	tests := []struct {
		file string
		want string // in some cell
	}{
		{"tablelinker__kyotenbyoinlist20220101.csv", "東京都災害拠点病院一覧"},
		{"tablelinker__kyotenbyoinlist20220101.csv", "令和4年1月1日現在"},
		{"tablelinker__ma030000.csv", "全　国"},
		{"tablelinker__yanai_tourism_sjis.csv", "昭和59年"},
		{"tablelinker__yanai_tourism_utf8bom.csv", "柳井"},
		{"holidays-jp__syukujitsu.csv", "元日"},
		{"traffic-accident__kosokuhyo_2020.csv", "0001"},
	}
	for _, tt := range tests {
		g, probs := File(filepath.Join(corpusDir, "csv-sjis", tt.file), DefaultLimits())
		if len(probs) != 0 || g.Format != "csv" {
			t.Errorf("%s: format %s, problems %v", tt.file, g.Format, probs)
			continue
		}
		found := ""
	search:
		for _, row := range g.Sheets[0].Rows {
			for _, c := range row {
				if strings.Contains(c.Text, tt.want) {
					found = c.Where
					break search
				}
			}
		}
		if found == "" {
			t.Errorf("%s: no cell holds %q", tt.file, tt.want)
		} else {
			t.Logf("%s: %q at %s", tt.file, tt.want, found)
		}
	}
}

// TestXLS converts the readable .xls files of the corpus with LibreOffice,
// and checks what a user gets when LibreOffice is missing.
func TestXLS(t *testing.T) {
	corpus(t, "xls")
	dir := filepath.Join(corpusDir, "xls")
	const japanese = "poi__12561-1.xls"

	t.Run("without soffice", func(t *testing.T) {
		r := reader{lim: DefaultLimits(), soffice: "perinet-test-no-such-soffice"}
		g, probs := r.file(filepath.Join(dir, japanese))
		if g.Format != "xls" || codes(probs) != "unreadable_file" || !strings.Contains(probs[0].Message, ".xlsx") {
			t.Errorf("format %s, problems %v; want xls, unreadable_file asking to save as .xlsx", g.Format, probs)
		}
		// A locked .xls is told apart before conversion, soffice or not.
		_, probs = r.file(filepath.Join(dir, "SheetJS__password_2002_40_xor.xls"))
		if codes(probs) != "encrypted" {
			t.Errorf("password_2002_40_xor.xls without soffice: problems %v, want encrypted", probs)
		}
	})

	if !hasSoffice() {
		t.Skip("soffice not found: install libreoffice-calc-nogui to test the conversion of .xls files")
	}
	// The other .xls files are converted by TestCorpus.
	g, probs := File(filepath.Join(dir, japanese), corpusLimits())
	if len(probs) != 0 || g.Format != "xls" || len(g.Sheets) == 0 {
		t.Fatalf("format %s, %d sheets, problems %v; want xls sheets", g.Format, len(g.Sheets), probs)
	}
	// The sheet keeps its name, and a date cell its serial (2002-06-30).
	want := map[string]string{"作業リスト!A3": "作業NO", "作業リスト!C3": "分類", "作業リスト!M4": "37437"}
	for _, s := range g.Sheets {
		for _, row := range s.Rows {
			for _, c := range row {
				if !strings.HasPrefix(c.Where, s.Name+"!") {
					t.Fatalf("cell at %q on sheet %q", c.Where, s.Name)
				}
				if text, ok := want[c.Where]; ok && c.Text == text && !c.Merged {
					if c.Where == "作業リスト!M4" && (c.Date == nil || c.Date.Serial != 37437 || !c.Date.ShowsDay) {
						t.Errorf("%s: date %+v, want serial 37437 with its day", c.Where, c.Date)
					}
					delete(want, c.Where)
				}
			}
		}
	}
	if len(want) != 0 {
		t.Errorf("cells not found: %v", want)
	}
}

// TestXLSTimeout: a conversion that runs out of time gives too_large,
// and leaves no LibreOffice running.
func TestXLSTimeout(t *testing.T) {
	corpus(t, "xls")
	if !hasSoffice() {
		t.Skip("soffice not found")
	}
	start := time.Now()
	g, probs := File(filepath.Join(corpusDir, "xls", "poi__12561-1.xls"), Limits{Timeout: 200 * time.Millisecond})
	if g.Format != "xls" || codes(probs) != "too_large" {
		t.Errorf("format %s, problems %v; want xls, too_large", g.Format, probs)
	}
	t.Logf("gave up after %v", time.Since(start))
}

// BenchmarkCorpus reads each workbook and CSV file of the corpus; ns/op
// and B/op are per file. The .xls files are left out: their cost is
// LibreOffice's start, seconds, not ours.
func BenchmarkCorpus(b *testing.B) {
	for _, cf := range corpus(b, "xlsx", "xlsx-hostile", "csv-sjis") {
		path := filepath.Join(corpusDir, cf.path)
		b.Run(filepath.Base(cf.path), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				File(path, DefaultLimits())
			}
		})
	}
}

// BenchmarkForm reads a one-group form of 20 rows × 10 columns, like the
// ones hospitals send: the team's target is 100 forms a second on one
// core, 10 ms/op.
func BenchmarkForm(b *testing.B) {
	path := writeBook(b, oneGroupForm(b), "form.xlsx")
	b.ReportAllocs()
	for b.Loop() {
		if _, probs := File(path, DefaultLimits()); len(probs) != 0 {
			b.Fatal(probs)
		}
	}
}

func TestText(t *testing.T) {
	sjis, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte("事務局の所見\r\n二行目"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
		want string // "error" for an error
	}{
		{"UTF-8", []byte("事務局の所見\n二行目"), "事務局の所見\n二行目"},
		{"UTF-8 with a byte order mark and CRLF", []byte("\xef\xbb\xbf事務局の所見\r\n二行目"), "事務局の所見\n二行目"},
		{"Shift_JIS", sjis, "事務局の所見\n二行目"},
		{"neither", []byte{0x82, 0xa0, 0xff, 0xfe, 0x81}, "error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "notes.txt")
			if err := os.WriteFile(path, tt.data, 0o600); err != nil {
				t.Fatal(err)
			}
			got, err := Text(path)
			if tt.want == "error" {
				if err == nil {
					t.Errorf("Text = %q, want an error", got)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("Text = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}
