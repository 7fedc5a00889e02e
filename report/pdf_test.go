package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"perinet"
)

// fixtureRecords reads the Records of fiscal year fy that the fixtures
// hold (FY2016: the published table).
func fixtureRecords(t testing.TB, fy int) []perinet.Record {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "fixtures", fmt.Sprintf("fy%d-records.json", fy)))
	if err != nil {
		t.Fatal(err)
	}
	var records []perinet.Record
	if err := json.Unmarshal(b, &records); err != nil {
		t.Fatalf("fy%d-records.json: %v", fy, err)
	}
	return records
}

// pdfNotes is the published FY2016 table's trends and issues, given as
// the secretariat's own paragraphs.
const pdfNotes = "各グループの連携会議では、搬送実績の報告のみならず、直近の傾向（例：周産期の災害医療、出生前診断、社会的ハイリスク妊婦等）を踏まえた講演会や症例報告等を行う等、情報の共有の場等として適切に機能している。\n\n" +
	"妊産婦に関する一般的な情報共有は連携会議等で行われている。一方、共通診療ノートの利用やオープン・セミオープンシステム等による個別の妊産婦に対する情報共有は十分に進んでいない。"

func fy2016Doc(t testing.TB) PDFDoc {
	records := fixtureRecords(t, 2016)
	return PDFDoc{
		Analysis: Analyze(Input{FiscalYear: 2016, Records: map[int][]perinet.Record{2016: records}, Notes: pdfNotes}),
		Records:  records,
		Created:  time.Date(2017, 3, 31, 9, 0, 0, 0, time.UTC),
	}
}

func writePDF(t testing.TB, doc PDFDoc) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WritePDF(&buf, doc); err != nil {
		t.Fatalf("WritePDF: %v", err)
	}
	return buf.Bytes()
}

func TestWritePDFDeterministic(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	for _, paper := range []Paper{A3, A4} {
		doc := fy2016Doc(t)
		doc.Paper = paper
		a, b := writePDF(t, doc), writePDF(t, doc)
		if !bytes.Equal(a, b) {
			t.Errorf("paper %d: two runs on the same doc differ (%d and %d bytes)", paper, len(a), len(b))
		}
		two := twoYearDoc(t)
		two.Paper = paper
		if c, d := writePDF(t, two), writePDF(t, two); !bytes.Equal(c, d) {
			t.Errorf("paper %d: two runs on the doc of two years, with its charts, differ", paper)
		}
		for _, word := range []string{"/ID", "/ModDate"} {
			if bytes.Contains(a, []byte(word)) {
				t.Errorf("paper %d: the PDF has %s", paper, word)
			}
		}
		if !bytes.Contains(a, []byte("/CreationDate(D:20170331180000+09'00')")) {
			t.Errorf("paper %d: no /CreationDate of 2017-03-31 18:00 JST", paper)
		}
	}
}

func TestPDFCreated(t *testing.T) {
	given := time.Date(2017, 3, 31, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		created time.Time
		epoch   string
		want    string // RFC 3339, or "error"
	}{
		{"from the doc", given, "", "2017-03-31T09:00:00+09:00"},
		{"SOURCE_DATE_EPOCH wins", given, "1500000000", "2017-07-14T11:40:00+09:00"},
		{"SOURCE_DATE_EPOCH alone", time.Time{}, "0", "1970-01-01T09:00:00+09:00"},
		{"no date", time.Time{}, "", "error"},
		{"bad SOURCE_DATE_EPOCH", given, "yesterday", "error"},
		{"negative SOURCE_DATE_EPOCH", given, "-1", "error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := reportDate(tt.created, tt.epoch)
			if tt.want == "error" {
				if err == nil {
					t.Errorf("reportDate(%v, %q) = %v, want an error", tt.created, tt.epoch, got)
				}
				return
			}
			if err != nil || got.Format(time.RFC3339) != tt.want {
				t.Errorf("reportDate(%v, %q) = %v, %v; want %s", tt.created, tt.epoch, got, err, tt.want)
			}
		})
	}
}

func TestWritePDFSourceDateEpoch(t *testing.T) {
	doc := fy2016Doc(t)
	t.Setenv("SOURCE_DATE_EPOCH", "1500000000")
	a := writePDF(t, doc)
	doc.Created = doc.Created.AddDate(1, 0, 0)
	if b := writePDF(t, doc); !bytes.Equal(a, b) {
		t.Error("with SOURCE_DATE_EPOCH set, a different PDFDoc.Created changed the PDF")
	}
	if !bytes.Contains(a, []byte("/CreationDate(D:20170714114000+09'00')")) {
		t.Error("the PDF's /CreationDate is not SOURCE_DATE_EPOCH's")
	}
}

func TestWritePDFMissingGlyphs(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	doc := fy2016Doc(t)
	doc.Analysis.Notes = []string{"絵文字⭕と😀は描けない。"}
	var buf bytes.Buffer
	err := WritePDF(&buf, doc)
	var missing *MissingGlyphsError
	if !errors.As(err, &missing) {
		t.Fatalf("WritePDF = %v, want a *MissingGlyphsError", err)
	}
	var got []rune
	for _, m := range missing.Missing {
		got = append(got, m.Rune)
	}
	if string(got) != "⭕😀" {
		t.Errorf("missing runes %q, want %q", string(got), "⭕😀")
	}
	if !strings.Contains(err.Error(), "U+1F600") {
		t.Errorf("error %q does not name U+1F600", err)
	}
	if text := pdfToText(t, buf.Bytes()); !strings.Contains(pdfSquash(text), "絵文字〓と〓は描けない。") {
		t.Errorf("the missing characters are not drawn as 〓:\n%s", text)
	}
}

// pdfTool returns the path of a poppler-utils program, skipping the test
// when it is not installed.
func pdfTool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s not installed (poppler-utils): %v", name, err)
	}
	return path
}

// pdfRun writes pdf to a file and runs a poppler tool on it.
func pdfRun(t *testing.T, pdf []byte, tool string, args ...string) string {
	t.Helper()
	path := pdfTool(t, tool)
	file := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(path, append(args, file)...).Output()
	if err != nil {
		t.Fatalf("%s %s: %v", tool, strings.Join(args, " "), err)
	}
	return string(out)
}

// pdfToText extracts the text of pdf in the order it is drawn (-raw), so
// that the lines of one cell come out together.
func pdfToText(t *testing.T, pdf []byte) string {
	t.Helper()
	path := pdfTool(t, "pdftotext")
	file := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(path, "-raw", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// pdfSquash removes the line breaks and spaces that wrapping puts into
// extracted text, and the ideographic spaces that pdftotext writes as
// spaces, so that a wrapped sentence can be looked for whole.
func pdfSquash(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == ' ' || r == '\f' || r == '\u3000' {
			return -1
		}
		return r
	}, s)
}

func TestWritePDFText(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	doc := fy2016Doc(t)
	text := pdfToText(t, writePDF(t, doc))
	flat := pdfSquash(text)
	yes := 0
	var want []string
	survey := perinet.DefaultSurvey()
	for _, r := range doc.Records {
		want = append(want, r.Block, survey.ShortName(r.Hospital)) // the matrix prints short names
		for _, it := range r.Items {
			if it.Mark == perinet.Yes {
				yes++
			}
		}
	}
	want = append(want, "周産期医療ネットワークグループ事業実施状況", "平成28年度（2016年度）", "2017年3月31日作成",
		"目的及び事業内容", DefaultPurpose, "取組の傾向及び課題", "H22年2月", "103施設", "J-MELSベーシックコース",
		"多摩地域全体分を杏林大が集約・配付")
	want = append(want, doc.Analysis.Summary...)
	want = append(want, doc.Analysis.Notes...)
	for _, def := range perinet.DefaultSurvey().Items {
		want = append(want, def.Label)
	}
	for _, w := range want {
		if !strings.Contains(flat, pdfSquash(w)) {
			t.Errorf("pdftotext has no %q", w)
		}
	}
	if got := strings.Count(text, "○"); got != yes {
		t.Errorf("pdftotext has %d ○, want %d (the yes marks of the Records)", got, yes)
	}
	pages := strings.Count(text, "\f")
	for n := 1; n <= pages; n++ {
		if foot := fmt.Sprintf("%d/%d", n, pages); !strings.Contains(flat, foot) {
			t.Errorf("no page number %q", foot)
		}
	}
}

func TestWritePDFFontsAndInfo(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	pdf := writePDF(t, fy2016Doc(t))
	fonts := pdfRun(t, pdf, "pdffonts")
	lines := strings.Split(strings.TrimSpace(fonts), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts lists no font:\n%s", fonts)
	}
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		if len(f) < 5 || !strings.Contains(f[0], "IPAexGothic") || !strings.Contains(l, " yes ") {
			t.Errorf("font not embedded IPAex Gothic: %q", l)
		}
	}
	// pdffonts: name type encoding emb sub uni; emb is the first yes/no.
	if !strings.Contains(fonts, "Identity-H       yes") {
		t.Errorf("pdffonts does not show the font embedded (emb yes):\n%s", fonts)
	}
	info := pdfRun(t, pdf, "pdfinfo")
	fields := map[string]string{}
	for _, l := range strings.Split(info, "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok {
			fields[k] = strings.TrimSpace(v)
		}
	}
	for k, v := range map[string]string{
		"Title":     "周産期医療ネットワークグループ事業 実施状況 平成28年度（2016年度）",
		"Author":    PDFAuthor,
		"Page size": "1190 x 842 pts (A3)",
	} {
		if fields[k] != v {
			t.Errorf("pdfinfo %s: %q, want %q", k, fields[k], v)
		}
	}
}

func TestWritePDFPagesNotBlank(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	pngs := pdfPNGs(t, writePDF(t, twoYearDoc(t)))
	if len(pngs) < 7 {
		t.Fatalf("pdftoppm rendered %d pages, want at least 7 (title, purpose, matrix, bar chart, trend chart, summary, submissions)", len(pngs))
	}
	for _, name := range pngs {
		if ink := pdfInk(t, name); ink < 0.002 {
			t.Errorf("%s: %.4f of the pixels are not white: a blank page", filepath.Base(name), ink)
		}
	}
}

// pdfPNGs renders every page of pdf at 30 dpi and returns the files.
func pdfPNGs(t *testing.T, pdf []byte) []string {
	t.Helper()
	pdftoppm := pdfTool(t, "pdftoppm")
	dir := t.TempDir()
	file := filepath.Join(dir, "report.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(pdftoppm, "-png", "-r", "30", file, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	pngs, _ := filepath.Glob(filepath.Join(dir, "page-*.png"))
	return pngs
}

// pdfInk returns the share of a PNG's pixels that are not white.
func pdfInk(t *testing.T, name string) float64 {
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	b := img.Bounds()
	dark := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, g, bl, _ := img.At(x, y).RGBA(); r+g+bl < 3*0xF000 {
				dark++
			}
		}
	}
	return float64(dark) / float64(b.Dx()*b.Dy())
}

var _ image.Image // image/png registers its decoder with image

// pdfManyGroups returns n Records made from the FY2016 ones, renamed so
// that each group is distinct.
func pdfManyGroups(t testing.TB, n int) []perinet.Record {
	base := fixtureRecords(t, 2016)
	out := make([]perinet.Record, n)
	for i := range out {
		r := base[i%len(base)]
		r.Block = fmt.Sprintf("%s%d", r.Block, i/len(base)+1)
		out[i] = r
	}
	return out
}

func TestWritePDFManyGroups(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	doc := fy2016Doc(t)
	doc.Records = pdfManyGroups(t, 100)
	text := pdfToText(t, writePDF(t, doc))
	matrix := 0
	for i, page := range pdfPages(text) {
		want := 0
		if strings.Contains(page, "各グループの取組状況") {
			matrix, want = matrix+1, 1
		}
		if got := strings.Count(page, "ブロック名"); got != want {
			t.Errorf("page %d: the header appears %d times, want %d (once on each matrix page)", i+1, got, want)
		}
	}
	if matrix < 2 {
		t.Errorf("the matrix of 100 groups takes %d pages, want more than one", matrix)
	}
	flat := pdfSquash(text)
	for _, r := range doc.Records {
		if !strings.Contains(flat, r.Block) {
			t.Errorf("pdftotext has no %q", r.Block)
		}
	}
}

func BenchmarkWritePDF500(b *testing.B) {
	b.Setenv("SOURCE_DATE_EPOCH", "")
	doc := fy2016Doc(b)
	doc.Records = pdfManyGroups(b, 500)
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := WritePDF(&buf, doc); err != nil {
			b.Fatal(err)
		}
	}
}

// TestWritePDFTallRow gives a group more details than a page holds: the
// row continues on the next page, under the header, and no line is lost.
func TestWritePDFTallRow(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	doc := fy2016Doc(t)
	var details []string
	for i := range 120 {
		details = append(details, fmt.Sprintf("研修会第%d回", i+1))
	}
	doc.Records[0].Items[6].Details = details
	text := pdfToText(t, writePDF(t, doc))
	for _, d := range details {
		if !strings.Contains(text, d+"\n") {
			t.Errorf("pdftotext has no line %q", d)
		}
	}
	if got := strings.Count(text, "ブロック名"); got < 2 {
		t.Errorf("the header appears %d times, want it on each of the matrix's pages", got)
	}
}
