package ingest_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"perinet"
	"perinet/ingest"
	"perinet/reader"
)

// TestScanPDF reads the scanned form of fixtures/pdf/scan (a page that
// is one image, no text) as perinet check does: ingest.File, then the
// survey's reader when the file has no error. It must give the problem
// no_text_layer, naming the file, and nothing else: no other problem and
// no Record, not even when its Grid is read all the same.
func TestScanPDF(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "fixtures", "pdf", "scan", "*.pdf"))
	if len(files) == 0 {
		t.Skip("no scanned PDF in fixtures/pdf/scan")
	}
	rd, err := reader.New(perinet.DefaultSurvey(), time.Date(2026, 11, 25, 0, 0, 0, 0, perinet.Japan()))
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(name, func(t *testing.T) {
			g, probs := ingest.File(file, ingest.DefaultLimits())
			if g.Format != "pdf" {
				t.Errorf("format %q, want pdf", g.Format)
			}
			var records []perinet.Record
			if !perinet.HasError(probs) {
				var more []perinet.Problem
				records, more = rd.Read(g)
				probs = append(probs, more...)
			}
			var got []string
			for _, p := range probs {
				got = append(got, string(p.Code)+"@"+p.Where)
			}
			if codes, want := strings.Join(got, ","), string(perinet.NoTextLayer)+"@"+name; codes != want {
				t.Errorf("problems %q, want %q", codes, want)
			}
			if len(records) > 0 {
				t.Errorf("%d records from a scan, want none", len(records))
			}
			if records, _ := rd.Read(g); len(records) > 0 {
				t.Errorf("its Grid read all the same gives %d records, want none", len(records))
			}
		})
	}
}
