package layouttest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"perinet"
	"perinet/layout"
	"perinet/layout/excel"
)

// A Producer is a program that saves a case's file.
type Producer string

// The producers of files. The LibreOffice ones convert the Excelize
// workbook (package libreoffice).
const (
	Excelize        Producer = "excelize-xlsx"    // the workbook written by excelize
	CSVUTF8         Producer = "excel-csv-utf8"   // the form's sheet saved as "CSV UTF-8"
	CSVCP932        Producer = "excel-csv-cp932"  // the form's sheet saved as "CSV" (Shift_JIS)
	LibreOfficeXLSX Producer = "libreoffice-xlsx" // the Excelize workbook saved again by LibreOffice
	LibreOfficeODS  Producer = "libreoffice-ods"  // the Excelize workbook saved by LibreOffice as ODF
)

// Producers are every producer, in the order of the tables.
var Producers = []Producer{Excelize, CSVUTF8, CSVCP932, LibreOfficeXLSX, LibreOfficeODS}

// Name returns a case's file name, without its extension.
func (c Case) Name() string { return fmt.Sprintf("case-%d", c.Seed) }

// Write writes a case's file as p makes it, into dir, and returns its
// path. The LibreOffice producers are not written here: they convert the
// Excelize file. CSVCP932 fails for a case with a character that code
// page 932 lacks (✓, ✕), which Excel would write as ?.
func Write(c Case, s *perinet.Survey, p Producer, dir string) (string, error) {
	sheets, err := layout.Render(c.Layout, s, c.FiscalYear, c.Records)
	if err != nil {
		return "", err
	}
	var data []byte
	ext := ".xlsx"
	switch p {
	case Excelize:
		data, err = excel.XLSX(sheets)
	case CSVUTF8, CSVCP932:
		ext = ".csv"
		enc := excel.UTF8
		if p == CSVCP932 {
			enc = excel.CP932
		}
		i := slices.IndexFunc(sheets, func(sh layout.Sheet) bool { return sh.Name == c.Layout.Sheet })
		data, err = excel.CSV(sheets[i], enc)
	default:
		return "", fmt.Errorf("layouttest: %s converts the %s file", p, Excelize)
	}
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, c.Name()+ext)
	return path, os.WriteFile(path, data, 0o644)
}

// An Outcome is how a file read back.
type Outcome uint8

// The outcomes of reading a file back.
const (
	Exact    Outcome = iota // the Records written, and no error
	Rejected                // some error Problem: the file would be sent back with a reason
	Silent                  // other Records, and no error: the defect
)

// String names an outcome.
func (o Outcome) String() string { return [...]string{"exact", "error", "silent"}[o] }

// A Verdict is the judgement of one read.
type Verdict struct {
	Outcome  Outcome
	Errors   []perinet.Code // the codes of the error Problems
	Warnings int
	// Diff says, for a read that is not exact, how its Records differ from
	// the case's: a line per difference.
	Diff []string
	// Fields names what differs, once each: a Record's field ("started",
	// "items.details"), "record missing" or "record extra".
	Fields []string
}

// Judge compares what a file read as with what its case means: the
// Records, source aside, in any order, and the Problems' severities.
func Judge(c Case, got []perinet.Record, problems []perinet.Problem) Verdict {
	var v Verdict
	for _, p := range problems {
		if p.Severity == perinet.Error {
			v.Errors = append(v.Errors, p.Code)
		} else {
			v.Warnings++
		}
	}
	v.Diff, v.Fields = diff(c.Records, got)
	switch {
	case len(v.Errors) > 0:
		v.Outcome = Rejected
	case len(v.Diff) > 0:
		v.Outcome = Silent
	}
	return v
}

// Diff returns how two lists of Records differ, source aside and in any
// order: a line per Record that only one has, and per field that differs.
func Diff(want, got []perinet.Record) []string {
	lines, _ := diff(want, got)
	return lines
}

// diff returns Diff's lines, and the names of what differs.
func diff(want, got []perinet.Record) (lines, fields []string) {
	w, g := byGroup(want), byGroup(got)
	seen := map[string]bool{}
	note := func(field string) {
		if !seen[field] {
			seen[field] = true
			fields = append(fields, field)
		}
	}
	for _, k := range keys(w, g) {
		switch {
		case len(w[k]) == 0:
			lines = append(lines, fmt.Sprintf("%s: an extra Record %s", k, strings.Join(g[k], " | ")))
			note("record extra")
		case len(g[k]) == 0:
			lines = append(lines, fmt.Sprintf("%s: no Record (want %s)", k, strings.Join(w[k], " | ")))
			note("record missing")
		case !slices.Equal(w[k], g[k]):
			lines = append(lines, fieldDiff(k, w[k], g[k], note)...)
		}
	}
	slices.Sort(fields)
	return lines, fields
}

// byGroup returns Records as JSON lines by group and year, source aside.
func byGroup(records []perinet.Record) map[string][]string {
	m := map[string][]string{}
	for _, r := range records {
		r.Source = perinet.Source{}
		b, err := json.Marshal(r)
		if err != nil {
			b = []byte(err.Error())
		}
		k := fmt.Sprintf("%s FY%d", r.Block, r.FiscalYear)
		m[k] = append(m[k], string(b))
	}
	return m
}

// keys returns the keys of two maps, sorted.
func keys(a, b map[string][]string) []string {
	var ks []string
	for k := range a {
		ks = append(ks, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			ks = append(ks, k)
		}
	}
	slices.Sort(ks)
	return ks
}

// fieldDiff tells the fields in which a group's Records differ, and
// notes the name of each.
func fieldDiff(k string, want, got []string, note func(string)) []string {
	if len(want) != 1 || len(got) != 1 {
		note("records of a group")
		return []string{fmt.Sprintf("%s: %d Records, want %d", k, len(got), len(want))}
	}
	var w, g map[string]any
	_ = json.Unmarshal([]byte(want[0]), &w)
	_ = json.Unmarshal([]byte(got[0]), &g)
	var out []string
	for _, f := range []string{"fiscal_year", "tier", "block", "parent", "hospital", "started"} {
		if !jsonEqual(w[f], g[f]) {
			out = append(out, fmt.Sprintf("%s: %s = %s, want %s", k, f, jsonText(g[f]), jsonText(w[f])))
			note(f)
		}
	}
	wi, _ := w["items"].([]any)
	gi, _ := g["items"].([]any)
	for i := range max(len(wi), len(gi)) {
		var a, b any
		if i < len(wi) {
			a = wi[i]
		}
		if i < len(gi) {
			b = gi[i]
		}
		if !jsonEqual(a, b) {
			out = append(out, fmt.Sprintf("%s: items[%d] = %s, want %s", k, i, jsonText(b), jsonText(a)))
			am, _ := a.(map[string]any)
			bm, _ := b.(map[string]any)
			for _, f := range []string{"mark", "distributed_to", "details"} {
				if !jsonEqual(am[f], bm[f]) {
					note("items." + f)
				}
			}
		}
	}
	return out
}

func jsonEqual(a, b any) bool { return jsonText(a) == jsonText(b) }

func jsonText(v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
	return strings.TrimSpace(buf.String())
}
