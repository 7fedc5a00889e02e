package normalize

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"perinet"
)

// seedRow is a row of the published FY2016 table as transcribed in
// ../shared/seed/fy2016-status.json, with the spellings as published.
type seedRow map[string]any

// text returns a cell of the row; a list of lines is joined with line breaks.
func (r seedRow) text(key string) string {
	switch v := r[key].(type) {
	case string:
		return v
	case []any:
		var lines []string
		for _, l := range v {
			lines = append(lines, l.(string))
		}
		return strings.Join(lines, "\n")
	}
	return ""
}

// TestSeedTable reads every cell of the published FY2016 table with the
// normalizers and compares the result with the contract's Records of the
// same table (fy2016-records.json).
func TestSeedTable(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "seed")
	var status struct{ Rows []seedRow }
	var records []perinet.Record
	for name, v := range map[string]any{"fy2016-status.json": &status, "fy2016-records.json": &records} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Skipf("the seed is not beside the project: %v", err)
		}
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	names := testNames(t)
	for i, row := range status.Rows {
		want := records[i]
		if b, p := names.Block(row.text("block")); p != nil || b.Name != want.Block || b.Tier != want.Tier || b.Parent != want.Parent {
			t.Errorf("row %d: block %q read as %+v, %v; want %s", i, row.text("block"), b, p, want.Block)
		}
		if h, p := names.Hospital(row.text("hospital")); p != nil || h != want.Hospital {
			t.Errorf("row %d: hospital %q read as %q, %v; want %s", i, row.text("hospital"), h, p, want.Hospital)
		}
		if d, p := EraDate(row.text("start"), fixedToday); p != nil || want.Started == nil || d != *want.Started {
			t.Errorf("row %d: start %q read as %+v, %v; want %+v", i, row.text("start"), d, p, want.Started)
		}
		for _, it := range want.Items {
			got := readSeedItem(t, row, it)
			if !reflect.DeepEqual(got, it) {
				t.Errorf("row %d (%s) item %d: read as %+v, want %+v", i, want.Block, it.No, got, it)
			}
		}
	}
}

// readSeedItem reads item it.No of a row: its mark, its count (item 3)
// and its details. A cell of items 6–8 that holds text rather than a mark
// is details, as the contract says.
func readSeedItem(t *testing.T, row seedRow, want perinet.Item) perinet.Item {
	key := "i" + string(rune('0'+want.No))
	got := perinet.Item{No: want.No, Counted: want.Counted, Details: Details(row.text(key + "_detail"))}
	m, p := Mark(row.text(key))
	if p != nil && want.No >= 6 {
		got.Details = append(got.Details, Details(row.text(key))...)
		m, p = perinet.Blank, nil
	}
	if p != nil {
		t.Errorf("item %d: %s", want.No, p.Message)
	}
	got.Mark = m
	if want.Counted {
		c, p := Count(row.text(key + "_to"))
		if p != nil {
			t.Errorf("item %d: %s", want.No, p.Message)
		}
		got.DistributedTo = c.N
		if c.Note != "" {
			got.Details = append(got.Details, c.Note)
		}
	}
	return got
}
