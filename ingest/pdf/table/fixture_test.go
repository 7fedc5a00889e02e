package table

import (
	"encoding/json"
	"os"
	"path/filepath"
	"perinet/reader"
	"strings"
	"testing"
	"time"

	"perinet"
)

// fixtures is the project's folder of fixtures, from this package.
var fixtures = filepath.Join("..", "..", "..", "fixtures")

// A group is one row of the published FY2016 table (fy2016-status.json):
// its names and, for each of the eight items, the mark, 配布先 and
// 具体的内容 as printed.
type group struct {
	Tier, Block, Start, Hospital string
	items                        [8]entry
}

// An entry is what the table prints for one item.
type entry struct{ mark, to, details string }

// UnmarshalJSON reads a row of fy2016-status.json: "iN" the mark,
// "iN_to" 配布先, "iN_detail" a text or a list printed one entry a line
// led by ・; a text in place of a mark is the item's details.
func (g *group) UnmarshalJSON(b []byte) error {
	var names struct{ Tier, Block, Start, Hospital string }
	var v map[string]json.RawMessage
	if err := json.Unmarshal(b, &names); err != nil {
		return err
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	g.Tier, g.Block, g.Start, g.Hospital = names.Tier, names.Block, names.Start, names.Hospital
	for n := range g.items {
		key := "i" + string(rune('1'+n))
		e := &g.items[n]
		json.Unmarshal(v[key], &e.mark)
		json.Unmarshal(v[key+"_to"], &e.to)
		var list []string
		if json.Unmarshal(v[key+"_detail"], &e.details) != nil && json.Unmarshal(v[key+"_detail"], &list) == nil && len(list) > 0 {
			e.details = "・" + strings.Join(list, "\n・")
		}
		if e.mark != "" && e.mark != "○" {
			e.mark, e.details = "", strings.TrimPrefix(e.details+"\n"+e.mark, "\n")
		}
	}
	return nil
}

// published returns the groups of the published FY2016 table.
func published(t testing.TB) []group {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtures, "fy2016-status.json"))
	if err != nil {
		t.Fatal(err)
	}
	var status struct{ Rows []group }
	if err := json.Unmarshal(b, &status); err != nil {
		t.Fatal(err)
	}
	return status.Rows
}

// wantRecords returns the Records of fy2016-records.json by group.
func wantRecords(t testing.TB) map[string]perinet.Record { return yearRecords(t, "2016") }

// readRecords reads sheets as package reader reads a PDF's Grid,
// judged as of the fixtures' day, and fails on any problem.
func readRecords(t *testing.T, sheets []perinet.Sheet) []perinet.Record {
	t.Helper()
	r, err := reader.New(perinet.DefaultSurvey(), time.Date(2026, 11, 25, 0, 0, 0, 0, perinet.Japan()))
	if err != nil {
		t.Fatal(err)
	}
	records, problems := r.Read(&perinet.Grid{Format: "pdf", Sheets: sheets})
	for _, p := range problems {
		t.Errorf("problem %s at %s: %q %s", p.Code, p.Where, p.Text, p.Message)
	}
	return records
}

// sameRecords checks that records are the fixture's Records of blocks, in
// that order, source aside.
func sameRecords(t *testing.T, records []perinet.Record, blocks ...string) {
	t.Helper()
	want := wantRecords(t)
	if len(records) != len(blocks) {
		t.Errorf("read %d records, want %d", len(records), len(blocks))
	}
	for i, r := range records {
		if i >= len(blocks) {
			break
		}
		r.Source = perinet.Source{}
		got, _ := json.Marshal(r)
		exp, _ := json.Marshal(want[blocks[i]])
		if string(got) != string(exp) {
			t.Errorf("record %d:\n got %s\nwant %s", i+1, got, exp)
		}
	}
}

// blocks returns the names of groups.
func blocks(gs []group) []string {
	out := make([]string, len(gs))
	for i, g := range gs {
		out[i] = g.Block
	}
	return out
}
