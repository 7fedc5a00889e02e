package main

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"perinet"
)

// pdfFixture names a fixture PDF's year and the workbook it was made
// from: fixtures/pdf/libreoffice/fy2016-form-01-kuchuobu.pdf is
// fixtures/fy2016/form-01-kuchuobu.xlsx; fixtures/pdf/gopdf/fy2016-report.pdf
// is the report of fixtures/fy2016-records.json.
var pdfFixture = regexp.MustCompile(`^fy(\d{4})-(.+)\.pdf$`)

// TestCheckPDFFixtures reads every fixture PDF — the forms each producer
// made of the fixture workbooks (a folder per producer), and the reports
// our own writer made — and compares its Records with those of what it
// was made from: the workbook, or the year's Records. Only source.where
// differs. Each PDF's check --json line is also kept as a golden file.
// The scans of fixtures/pdf/scan have no text and are left out.
func TestCheckPDFFixtures(t *testing.T) {
	files := fixtureGlob(t, filepath.Join("pdf", "*", "*.pdf"))
	for _, file := range files {
		name := filepath.Base(file)
		if filepath.Base(filepath.Dir(file)) == "scan" {
			continue // no text: see TestScanPDF in package ingest
		}
		t.Run(filepath.Base(filepath.Dir(file))+"/"+name, func(t *testing.T) {
			m := pdfFixture.FindStringSubmatch(name)
			if m == nil {
				t.Fatalf("%s: not named fyNNNN-…", name)
			}
			fy, _ := strconv.Atoi(m[1])
			var want []perinet.Record
			if m[2] == "report" {
				want = fixtureRecords(t, fy)
			} else {
				wb, _, _ := checkJSON(t, filepath.Join("..", "..", "fixtures", "fy"+m[1], m[2]+".xlsx"))
				want = wb.Records
			}
			line, out, code := checkJSON(t, file)
			if code != exitOK || len(line.Problems) != 0 {
				t.Errorf("exit %d, problems %+v", code, line.Problems)
			}
			compareRecords(t, line.Records, want)
			golden(t, filepath.Join("check", "pdf", filepath.Base(filepath.Dir(file))+"-"+strings.TrimSuffix(name, ".pdf")+".json"), out)
		})
	}
}

// compareRecords compares Records group by group, leaving out where they
// were read.
func compareRecords(t *testing.T, got, want []perinet.Record) {
	t.Helper()
	byBlock := map[string]perinet.Record{}
	for _, r := range want {
		byBlock[r.Block] = r
	}
	for _, g := range got {
		w, ok := byBlock[g.Block]
		if !ok {
			t.Errorf("group %q read, not in the source", g.Block)
			continue
		}
		delete(byBlock, g.Block)
		if gj, wj := recordJSON(t, g), recordJSON(t, w); gj != wj {
			t.Errorf("%s read as\n%s\nwant\n%s", g.Block, gj, wj)
		}
	}
	for block := range byBlock {
		t.Errorf("group %q not read", block)
	}
}
