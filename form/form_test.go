package form

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"perinet"
	"perinet/ingest"
	"perinet/normalize"
)

// fixtureYears are the fiscal years of the committed fixtures.
var fixtureYears = []int{2014, 2015, 2016, 2017, 2018}

// fixtureRecords returns the Records of a fixture year.
func fixtureRecords(t testing.TB, fy int) []perinet.Record {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "fixtures", "fy"+strconv.Itoa(fy)+"-records.json"))
	if err != nil {
		t.Fatal(err)
	}
	var recs []perinet.Record
	if err := json.Unmarshal(b, &recs); err != nil {
		t.Fatal(err)
	}
	return recs
}

// writeForm writes a form into a file in a temporary folder and returns its path.
func writeForm(t testing.TB, f Form, s *perinet.Survey) string {
	t.Helper()
	var buf bytes.Buffer
	if err := f.Write(&buf, s); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), f.Name())
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// readForm reads a form file back as perinet check does, on a day in the
// form's fiscal year.
func readForm(t testing.TB, path string, fy int) ([]perinet.Record, []perinet.Problem) {
	t.Helper()
	g, problems := ingest.File(path, ingest.Limits{})
	if g == nil {
		return nil, problems
	}
	r, err := normalize.NewReader(perinet.DefaultSurvey(), time.Date(fy+1, time.June, 1, 0, 0, 0, 0, perinet.Japan()))
	if err != nil {
		t.Fatal(err)
	}
	recs, more := r.Read(g)
	return recs, append(problems, more...)
}

// answers returns a Record's JSON without where it was read from, for
// comparing what two Records say.
func answers(t testing.TB, rec perinet.Record) string {
	t.Helper()
	rec.Source = perinet.Source{}
	b, err := json.Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestRoundTrip: for every group of every fixture year, the next year's
// form pre-filled with the group's latest Record reads back as that
// Record, with the next year's fiscal year.
func TestRoundTrip(t *testing.T) {
	s := perinet.DefaultSurvey()
	var last []perinet.Record
	for _, fy := range fixtureYears {
		last = append(last, fixtureRecords(t, fy)...)
		want := latest(fy+1, last)
		groups := 0
		for _, f := range Plan(s, fy+1, last, "") {
			recs, problems := readForm(t, writeForm(t, f, s), fy+1)
			for _, p := range problems {
				t.Errorf("FY%d %s: problem %+v", fy+1, f.Name(), p)
			}
			for _, rec := range recs {
				w := want[rec.Block]
				w.FiscalYear = fy + 1
				if got, want := answers(t, rec), answers(t, w); got != want {
					t.Errorf("FY%d %s:\n got %s\nwant %s", fy+1, f.Name(), got, want)
				}
				groups++
			}
		}
		if groups != len(want) {
			t.Errorf("FY%d: %d groups read back, want %d", fy+1, groups, len(want))
		}
	}
}
