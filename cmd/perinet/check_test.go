package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"perinet"
	"perinet/intake"
	"perinet/reader"
)

// fixtureFiles returns the committed FY2016 forms.
func fixtureFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "fixtures", "fy2016", "*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	return files
}

// fixtureRecords reads the Records of fiscal year fy that the fixtures
// hold (fixtures/fyNNNN-records.json; FY2016's is the published table).
func fixtureRecords(t *testing.T, fy int) []perinet.Record {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "fixtures", fmt.Sprintf("fy%d-records.json", fy)))
	if err != nil {
		t.Fatal(err)
	}
	var records []perinet.Record
	if err := json.Unmarshal(b, &records); err != nil {
		t.Fatalf("fy%d-records.json: %v", fy, err)
	}
	return records
}

// checkJSON runs perinet check --json on one file.
func checkJSON(t *testing.T, file string) (checkLine, []byte, int) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run([]string{"check", "--json", "--today", "2026-11-25", file}, strings.NewReader(""), &stdout, &stderr)
	var line checkLine
	if err := json.Unmarshal(stdout.Bytes(), &line); err != nil {
		t.Fatalf("check %s: %v\n%s%s", file, err, stdout.String(), stderr.String())
	}
	return line, stdout.Bytes(), code
}

// TestCheckFixtures checks every fixture against its golden output.
func TestCheckFixtures(t *testing.T) {
	for _, file := range fixtureFiles(t) {
		name := filepath.Base(file)
		t.Run(name, func(t *testing.T) {
			line, out, code := checkJSON(t, file)
			if code != exitOK || len(line.Problems) != 0 {
				t.Errorf("exit %d, problems %+v", code, line.Problems)
			}
			// The golden file names the fixture as the test's working directory sees it.
			golden(t, filepath.Join("check", strings.TrimSuffix(name, filepath.Ext(name))+".json"), out)
		})
	}
}

// TestFixturesEqualSeed reads every fixture and compares each group's
// Record, field by field, with the published FY2016 table
// (fixtures/fy2016-records.json), whatever the shape of the file.
func TestFixturesEqualSeed(t *testing.T) {
	want := recordsByBlock(t, 2016)
	seen := map[string]int{}
	for _, file := range fixtureFiles(t) {
		line, _, _ := checkJSON(t, file)
		if len(line.Records) == 0 {
			t.Errorf("%s: no records", file)
		}
		for _, got := range line.Records {
			seen[got.Block]++
			w, ok := want[got.Block]
			if !ok {
				t.Errorf("%s: group %q is not in the seed", file, got.Block)
				continue
			}
			got.Source = perinet.Source{}
			if !reflect.DeepEqual(recordJSON(t, got), recordJSON(t, w)) {
				t.Errorf("%s: %s read as\n%s\nwant\n%s", file, got.Block, recordJSON(t, got), recordJSON(t, w))
			}
		}
	}
	for block := range want {
		if seen[block] < 2 {
			t.Errorf("%s is read from %d fixtures; want it in a one-group form and in the published table", block, seen[block])
		}
	}
}

// recordJSON is a Record in the contract's JSON, without its source.
func recordJSON(t *testing.T, r perinet.Record) string {
	r.Source = perinet.Source{}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	json.Unmarshal(b, &m)
	delete(m, "source")
	b, _ = json.Marshal(m)
	return string(b)
}

func TestCheckExitStatus(t *testing.T) {
	dir := t.TempDir()
	notSurvey := filepath.Join(dir, "memo.csv")
	os.WriteFile(notSurvey, []byte("氏名,住所\n山田,東京都\n"), 0o644)
	form := filepath.Join("..", "..", "fixtures", "fy2016", "form-01-kuchuobu.xlsx")
	tests := []struct {
		args []string
		want int
	}{
		{[]string{"check", "--json", form}, exitOK},
		{[]string{"check", "--json", form, notSurvey}, exitProblem},
		{[]string{"check", "--json", filepath.Join(dir, "missing.xlsx")}, exitProblem},
		{[]string{"check"}, exitUsage},
		{[]string{"check", "--year", "来年", form}, exitUsage},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		got := run(tt.args, strings.NewReader(""), &stdout, &stderr)
		if got != tt.want {
			t.Errorf("perinet %q: exit %d, want %d (%s)", tt.args, got, tt.want, stderr.String())
		}
		if tt.want != exitUsage && strings.Count(stdout.String(), "\n") != len(tt.args)-2 {
			t.Errorf("perinet %q: want one line per file, got\n%s", tt.args, stdout.String())
		}
	}
}

// TestCheckCorpus runs perinet check on every public file of the shared
// corpus that a hospital could send instead of a form: none holds the
// survey, so each must end with an error (no_survey_found, encrypted,
// unreadable_file), never a crash or an empty success.
func TestCheckCorpus(t *testing.T) {
	root := filepath.Join("..", "..", "..", "shared", "corpus")
	if _, err := os.Stat(root); err != nil {
		t.Skipf("the shared corpus is not beside the project: %v", err)
	}
	reader, err := newReader(surveyFiles{}, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	codes := map[perinet.Code]int{}
	for _, dir := range []string{"xlsx", "xlsx-hostile", "xls", "csv-sjis", "pdf-ja", "pdf-hostile"} {
		files, _ := filepath.Glob(filepath.Join(root, dir, "*"))
		for _, file := range files {
			line := checkFile(file, reader)
			if len(line.Records) > 0 || !perinet.HasError(line.Problems) {
				t.Errorf("%s: %d records, problems %+v; want no records and an error", file, len(line.Records), line.Problems)
			}
			for _, p := range line.Problems {
				codes[p.Code]++
			}
			t.Logf("%-60s %-7s %v", filepath.Join(dir, filepath.Base(file)), line.Format, line.Problems[0].Code)
		}
	}
	t.Logf("problem codes: %v", codes)
}

// BenchmarkCheckCorpusPDF checks every PDF of the shared corpus, as
// perinet check does, and reports the slowest file's time (the issue's
// bound is 5 s a file).
func BenchmarkCheckCorpusPDF(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "corpus", "pdf-*", "*.pdf"))
	if len(files) == 0 {
		b.Skip("the shared corpus is not beside the project")
	}
	reader, err := newReader(surveyFiles{}, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC))
	if err != nil {
		b.Fatal(err)
	}
	var slowest time.Duration
	for b.Loop() {
		for _, file := range files {
			start := time.Now()
			checkFile(file, reader)
			slowest = max(slowest, time.Since(start))
		}
	}
	b.ReportMetric(slowest.Seconds(), "slowest-s/file")
}

// BenchmarkCheckForms reads the 14 one-group forms, file to Records, as
// perinet check does; it reports forms/s and the bytes allocated per form
// (B/op divided by 14).
func BenchmarkCheckForms(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "fixtures", "fy2016", "form-*.xlsx"))
	if len(files) != 14 {
		b.Fatalf("%d forms, want 14", len(files))
	}
	reader, err := newReader(surveyFiles{}, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, f := range files {
			if line := checkFile(f, reader); len(line.Records) != 1 {
				b.Fatalf("%s: %d records", f, len(line.Records))
			}
		}
	}
	b.ReportMetric(float64(b.N*len(files))/b.Elapsed().Seconds(), "forms/s")
}

// damaged writes a copy of a fixture with one part of its zip changed.
func damaged(t *testing.T, fixture, part string, change func([]byte) []byte) string {
	t.Helper()
	zr, err := zip.OpenReader(filepath.Join("..", "..", "fixtures", "fy2016", fixture))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := filepath.Join(t.TempDir(), fixture)
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if zf.Name == part {
			b = change(b)
		}
		w, _ := zw.Create(zf.Name)
		w.Write(b)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return out
}

// TestCheckSilentPartialReads damages a form the ways excelize reads
// without an error — a worksheet cut in half, an empty shared-strings
// part — and wants an error, not a Record with blanks.
func TestCheckSilentPartialReads(t *testing.T) {
	tests := []struct {
		name, part string
		change     func([]byte) []byte
	}{
		{"worksheet cut in half", "xl/worksheets/sheet1.xml", func(b []byte) []byte { return b[:len(b)/2] }},
		{"worksheet without its last rows", "xl/worksheets/sheet1.xml", func(b []byte) []byte {
			from, to := bytes.Index(b, []byte(`<row r="14"`)), bytes.Index(b, []byte(`</sheetData>`))
			return append(append([]byte{}, b[:from]...), b[to:]...)
		}},
		{"empty shared strings", "xl/sharedStrings.xml", func([]byte) []byte {
			return []byte(`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"></sst>`)
		}},
	}
	reader, err := newReader(surveyFiles{}, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		line := checkFile(damaged(t, "form-01-kuchuobu.xlsx", tt.part, tt.change), reader)
		var codes []string
		for _, p := range line.Problems {
			codes = append(codes, string(p.Code))
		}
		t.Logf("%s: %d records, problems %v", tt.name, len(line.Records), codes)
		if !perinet.HasError(line.Problems) {
			t.Errorf("%s: no error; records %+v", tt.name, line.Records)
		}
	}
}

// TestSummary shows what the secretariat reads for a form with problems
// of every kind: each with its cell and the field as the form heads it.
func TestSummary(t *testing.T) {
	reader, err := newReader(surveyFiles{}, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	for _, file := range []string{filepath.Join("testdata", "bad-form.csv"), filepath.Join("..", "..", "fixtures", "fy2016", "table-tama.xlsx")} {
		line := checkFile(file, reader)
		line.File = filepath.Base(file)
		if err := writeSummary(&out, line); err != nil {
			t.Fatal(err)
		}
	}
	golden(t, "summary.golden", out.Bytes())
}

// newReader builds the survey reader of the survey that files give.
func newReader(files surveyFiles, today time.Time) (*reader.Reader, error) {
	s, err := loadSurvey(files)
	if err != nil {
		return nil, err
	}
	return reader.New(s, today)
}

// checkFile reads and judges one file in this process (intake.InProcess
// never fails), as every command does, into its line.
func checkFile(name string, rd *reader.Reader) checkLine {
	f, _ := intake.Read(context.Background(), name, intake.InProcess(rd))
	return newCheckLine(f)
}
