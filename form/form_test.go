package form

import (
	"bytes"
	"encoding/json"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"perinet"
	"perinet/ingest"
	"perinet/reader"
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
	r, err := reader.New(perinet.DefaultSurvey(), time.Date(fy+1, time.June, 1, 0, 0, 0, 0, perinet.Japan()))
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

// TestPlan: which forms a fiscal year gets, which groups each covers, and
// from which year each group is pre-filled.
func TestPlan(t *testing.T) {
	rec := func(fy int, block string) perinet.Record {
		return perinet.Record{FiscalYear: fy, Block: block, Tier: perinet.Network, Hospital: "病院" + strconv.Itoa(fy)}
	}
	tama := "多摩地域 西多摩 南多摩（町田市除く） 南多摩（町田市） 北多摩西部 北多摩南部 北多摩北部"
	network := []string{"区中央部", "区南部", "区西南部", "区西部", "区西北部", "区東北部", "区東部", tama}
	tests := []struct {
		name  string
		fy    int
		last  []perinet.Record
		block string
		want  []string // each form's groups, as "block block…"
		from  map[string]int
	}{
		{"all, blank: the groups with a hospital", 2017, nil, "", network, nil},
		{"a sub-group alone", 2017, nil, "西多摩", []string{"西多摩"}, nil},
		{"a group without a hospital, asked for", 2017, nil, "島しょ", []string{"島しょ"}, nil},
		{"a group without a hospital but with a Record", 2017, []perinet.Record{rec(2015, "島しょ")}, "",
			append(append([]string{}, network[:8]...), "島しょ"), map[string]int{"島しょ": 2015}},
		{"the latest year before the form's", 2017,
			[]perinet.Record{rec(2016, "区東部"), rec(2017, "区東部"), rec(2015, "区東部"), rec(2014, "区中央部")},
			"", network, map[string]int{"区東部": 2016, "区中央部": 2014}},
	}
	s := perinet.DefaultSurvey()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			from := map[string]int{}
			for _, f := range Plan(s, tt.fy, tt.last, tt.block) {
				var names []string
				for _, g := range f.Groups {
					names = append(names, g.Block)
					if g.FiscalYear != 0 {
						from[g.Block] = g.FiscalYear
					}
				}
				got = append(got, strings.Join(names, " "))
				if f.FiscalYear != tt.fy {
					t.Errorf("%s: fiscal year %d", f.Name(), f.FiscalYear)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("forms %q, want %q", got, tt.want)
			}
			if len(from) != len(tt.from) || !maps.Equal(from, tt.from) && len(tt.from) > 0 {
				t.Errorf("pre-filled from %v, want %v", from, tt.from)
			}
		})
	}
}

// BenchmarkWrite writes the eight forms of FY2019, pre-filled from every
// fixture year: what perinet template --all does besides reading the store.
func BenchmarkWrite(b *testing.B) {
	s := perinet.DefaultSurvey()
	var last []perinet.Record
	for _, fy := range fixtureYears {
		last = append(last, fixtureRecords(b, fy)...)
	}
	forms := Plan(s, 2019, last, "")
	for b.Loop() {
		for _, f := range forms {
			if err := f.Write(io.Discard, s); err != nil {
				b.Fatal(err)
			}
		}
	}
}
