package pdf

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"perinet"
	"perinet/report"
)

// benchGroups is how many groups make manyGroupsReportPDF 50 pages long:
// the size of the file the benchmark against pdftotext -bbox is
// run on.
const benchGroups = 994

// manyGroupsReportPDF returns report.pdf, as `perinet report` lays it out
// (A3 landscape, IPAex Gothic, through gopdf), for a made-up fiscal year
// of the given number of groups: FY2016's fourteen Records from
// ../../fixtures/fy2016-records.json over and over, renamed 区中央部1 …
// 北多摩北部1, 区中央部2 …, as package report's own benchmarks make them.
// The status matrix takes about 22 groups a page (the hospitals by their
// short names, the columns as wide as their text needs), after the title
// and purpose and before the bar chart, the summary and the files (a
// report of one year has no trend chart); benchGroups (994, FY2016's
// groups 71 times) give 50 pages, the matrix on pages 3–47. The same groups always give the same bytes.
func manyGroupsReportPDF(tb testing.TB, groups int) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "fixtures", "fy2016-records.json"))
	if err != nil {
		tb.Fatalf("the fixture Records: %v", err)
	}
	var base []perinet.Record
	if err := json.Unmarshal(b, &base); err != nil {
		tb.Fatalf("fy2016-records.json: %v", err)
	}
	records := make([]perinet.Record, groups)
	for i := range records {
		r := base[i%len(base)]
		r.Block = fmt.Sprintf("%s%d", r.Block, i/len(base)+1)
		records[i] = r
	}
	a := report.Analyze(report.Input{FiscalYear: 2016, Records: map[int][]perinet.Record{2016: records}})
	doc := report.PDFDoc{Analysis: a, Records: records, Created: time.Date(2017, 5, 15, 10, 30, 0, 0, time.UTC)}
	tb.Setenv("SOURCE_DATE_EPOCH", "")
	var buf bytes.Buffer
	if err := report.WritePDF(&buf, doc); err != nil {
		tb.Fatalf("report.pdf of %d groups: %v", groups, err)
	}
	return buf.Bytes()
}

// writeTempPDF writes data to a file of the test's temporary folder and
// returns its path.
func writeTempPDF(tb testing.TB, name string, data []byte) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		tb.Fatalf("write %s: %v", path, err)
	}
	return path
}

// TestManyGroupsReportPDF checks the benchmark's file: 50 pages, each with
// words, every group on the matrix pages.
func TestManyGroupsReportPDF(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 50-page PDF")
	}
	path := writeTempPDF(t, "report.pdf", manyGroupsReportPDF(t, benchGroups))
	pages := popplerPages(t, path)
	if len(pages) != 50 {
		t.Errorf("%d groups give %d pages, want 50", benchGroups, len(pages))
	}
	words := 0
	for i, p := range pages {
		if len(p.Words) == 0 {
			t.Errorf("page %d has no word", i+1)
		}
		words += len(p.Words)
	}
	t.Logf("%d pages, %d words", len(pages), words)
}

// BenchmarkPopplerBBox50 is the reference side of the benchmark:
// pdftotext -bbox on the 50-page report, its output thrown away (reading
// it is our cost, not poppler's).
func BenchmarkPopplerBBox50(b *testing.B) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		b.Skip("pdftotext is not installed")
	}
	path := writeTempPDF(b, "report.pdf", manyGroupsReportPDF(b, benchGroups))
	b.ResetTimer()
	for b.Loop() {
		if out, err := exec.Command("pdftotext", "-bbox", path, os.DevNull).CombinedOutput(); err != nil {
			b.Fatalf("pdftotext: %v: %s", err, out)
		}
	}
}

// BenchmarkRead50 is our side: Read, the positioned text and rules of the
// same 50 pages.
func BenchmarkRead50(b *testing.B) {
	data := manyGroupsReportPDF(b, benchGroups)
	b.ResetTimer()
	for b.Loop() {
		pages, err := Read(context.Background(), data, Limits{})
		if err != nil || len(pages) != 50 {
			b.Fatalf("Read: %d pages, %v", len(pages), err)
		}
	}
}
