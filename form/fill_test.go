package form

import (
	"slices"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"perinet"
)

// fill changes the cells of a form file as a hospital might, each value
// written over what the cell held, keeping its style: text as text (as
// pasted), a time as a date (as typed into a date cell), nil to clear it.
func fill(t *testing.T, path string, cells map[string]any) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for cell, v := range cells {
		switch v := v.(type) {
		case string:
			err = f.SetCellStr(sheetName, cell, v)
		case nil:
			err = f.SetCellValue(sheetName, cell, nil)
		default:
			err = f.SetCellValue(sheetName, cell, v)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

// TestWrongFillIns fills 区中央部's FY2017 form, pre-filled from FY2016, in
// the ways people depart from the instructions, and reads it back: each
// gives the value meant, or the problem that says what is wrong and where.
func TestWrongFillIns(t *testing.T) {
	s := perinet.DefaultSurvey()
	forms := Plan(s, 2017, fixtureRecords(t, 2016), "区中央部")
	if len(forms) != 1 || len(forms[0].Groups) != 1 {
		t.Fatalf("Plan: %+v", forms)
	}
	n := func(v int) *int { return &v }
	tests := []struct {
		name     string
		cells    map[string]any
		want     func(r *perinet.Record) // the change to the pre-filled Record
		problems []string                // code@where
	}{
		{"mark pasted as 有り", map[string]any{"C11": "有り"}, func(r *perinet.Record) {}, nil},
		{"mark pasted as 実施", map[string]any{"C12": "実施"}, func(r *perinet.Record) {}, nil},
		{"mark pasted as ✕", map[string]any{"C14": "✕"}, func(r *perinet.Record) { r.Items[3].Mark = perinet.No }, nil},
		{"mark cleared", map[string]any{"C11": nil}, func(r *perinet.Record) { r.Items[0].Mark = perinet.Blank }, nil},
		{"text pasted over a mark", map[string]any{"C12": "検討中"},
			func(r *perinet.Record) { r.Items[1].Mark = perinet.Blank }, []string{"bad_mark@調査票!C12"}},
		{"text pasted over a free-text item's mark", map[string]any{"C16": "検討中"},
			func(r *perinet.Record) { r.Items[5].Mark, r.Items[5].Details = perinet.Blank, []string{"検討中"} }, nil},
		{"count pasted as text", map[string]any{"D13": "１０３施設"}, func(r *perinet.Record) {}, nil},
		{"count pasted as a note", map[string]any{"D13": "約100"},
			func(r *perinet.Record) { r.Items[2].DistributedTo, r.Items[2].Details = nil, []string{"約100"} },
			[]string{"bad_count@調査票!D13"}},
		{"count cleared", map[string]any{"D13": nil}, func(r *perinet.Record) { r.Items[2].DistributedTo = nil }, nil},
		{"count changed", map[string]any{"D13": 98}, func(r *perinet.Record) { r.Items[2].DistributedTo = n(98) }, nil},
		{"date typed as text H22.2", map[string]any{"C8": "H22.2"}, func(r *perinet.Record) {}, nil},
		{"date typed as text 平成22年2月", map[string]any{"C8": "平成22年2月"}, func(r *perinet.Record) {}, nil},
		{"date typed as text 2010/2", map[string]any{"C8": "2010/2"}, func(r *perinet.Record) {}, nil},
		{"date typed with its day", map[string]any{"C8": time.Date(2010, 2, 15, 0, 0, 0, 0, time.UTC)}, func(r *perinet.Record) {}, nil},
		{"date outside its era", map[string]any{"C8": "H31年5月"},
			func(r *perinet.Record) { r.Started = nil }, []string{"date_outside_era@調査票!C8"}},
		{"date cleared", map[string]any{"C8": nil}, func(r *perinet.Record) { r.Started = nil }, []string{"bad_date@調査票!C8"}},
		{"details pasted with bullets", map[string]any{"E17": "・NCPR講習会\n・ALSO"},
			func(r *perinet.Record) { r.Items[6].Details = []string{"NCPR講習会", "ALSO"} }, nil},
		{"details cleared", map[string]any{"E14": nil}, func(r *perinet.Record) { r.Items[3].Details = []string{} }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeForm(t, forms[0], s)
			fill(t, path, tt.cells)
			recs, problems := readForm(t, path, 2017)
			if len(recs) != 1 {
				t.Fatalf("%d records, problems %+v", len(recs), problems)
			}
			want := forms[0].Groups[0]
			want.FiscalYear = 2017
			want.Items = slices.Clone(want.Items)
			tt.want(&want)
			if got, want := answers(t, recs[0]), answers(t, want); got != want {
				t.Errorf("read back\n got %s\nwant %s", got, want)
			}
			var codes []string
			for _, p := range problems {
				codes = append(codes, string(p.Code)+"@"+p.Where)
			}
			if !slices.Equal(codes, tt.problems) {
				t.Errorf("problems %v, want %v", codes, tt.problems)
			}
		})
	}
}
