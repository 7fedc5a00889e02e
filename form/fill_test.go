package form

import (
	"slices"
	"strings"
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

// TestWrongFillIns fills FY2017 forms, pre-filled from FY2016, in the ways
// people depart from the instructions, and reads them back: each gives the
// value meant, or the problem that says what is wrong and where. The cases
// are 区中央部's one-group form unless they name 多摩地域's table.
func TestWrongFillIns(t *testing.T) {
	s := perinet.DefaultSurvey()
	n := func(v int) *int { return &v }
	tests := []struct {
		name     string
		cells    map[string]any
		want     func(r *perinet.Record) // the change to the pre-filled Record
		problems []string                // code@where
		table    int                     // in 多摩地域's table, the group's row from 1; 0 for 区中央部's form
	}{
		{"mark pasted as 有り", map[string]any{"C11": "有り"}, func(r *perinet.Record) {}, nil, 0},
		{"mark pasted as 実施", map[string]any{"C12": "実施"}, func(r *perinet.Record) {}, nil, 0},
		{"mark pasted as ✕", map[string]any{"C14": "✕"}, func(r *perinet.Record) { r.Items[3].Mark = perinet.No }, nil, 0},
		{"mark cleared", map[string]any{"C11": nil}, func(r *perinet.Record) { r.Items[0].Mark = perinet.Blank }, nil, 0},
		{"text pasted over a mark", map[string]any{"C12": "検討中"},
			func(r *perinet.Record) { r.Items[1].Mark = perinet.Blank }, []string{"bad_mark@調査票!C12"}, 0},
		{"text pasted over a free-text item's mark", map[string]any{"C16": "検討中"},
			func(r *perinet.Record) { r.Items[5].Mark, r.Items[5].Details = perinet.Blank, []string{"検討中"} }, nil, 0},
		{"count pasted as text", map[string]any{"D13": "１０３施設"}, func(r *perinet.Record) {}, nil, 0},
		{"count pasted as a note", map[string]any{"D13": "約100"},
			func(r *perinet.Record) { r.Items[2].DistributedTo, r.Items[2].Details = nil, []string{"約100"} },
			[]string{"bad_count@調査票!D13"}, 0},
		{"count cleared", map[string]any{"D13": nil}, func(r *perinet.Record) { r.Items[2].DistributedTo = nil }, nil, 0},
		{"count changed", map[string]any{"D13": 98}, func(r *perinet.Record) { r.Items[2].DistributedTo = n(98) }, nil, 0},
		{"date typed as text H22.2", map[string]any{"C8": "H22.2"}, func(r *perinet.Record) {}, nil, 0},
		{"date typed as text 平成22年2月", map[string]any{"C8": "平成22年2月"}, func(r *perinet.Record) {}, nil, 0},
		{"date typed as text 2010/2", map[string]any{"C8": "2010/2"}, func(r *perinet.Record) {}, nil, 0},
		{"date typed with its day", map[string]any{"C8": time.Date(2010, 2, 15, 0, 0, 0, 0, time.UTC)}, func(r *perinet.Record) {}, nil, 0},
		{"date outside its era", map[string]any{"C8": "H31年5月"},
			func(r *perinet.Record) { r.Started = nil }, []string{"date_outside_era@調査票!C8"}, 0},
		{"date cleared", map[string]any{"C8": nil}, func(r *perinet.Record) { r.Started = nil }, []string{"bad_date@調査票!C8"}, 0},
		{"details pasted with bullets", map[string]any{"E17": "・NCPR講習会\n・ALSO"},
			func(r *perinet.Record) { r.Items[6].Details = []string{"NCPR講習会", "ALSO"} }, nil, 0},
		{"details cleared", map[string]any{"E14": nil}, func(r *perinet.Record) { r.Items[3].Details = []string{} }, nil, 0},
		{"table: mark pasted as ×", map[string]any{"F8": "×"}, func(r *perinet.Record) { r.Items[0].Mark = perinet.No }, nil, 2},
		{"table: count typed beside a note", map[string]any{"K8": "50施設"}, func(r *perinet.Record) { r.Items[2].DistributedTo = n(50) }, nil, 2},
		{"table: start cleared", map[string]any{"E13": nil}, func(r *perinet.Record) { r.Started = nil }, []string{"bad_date@調査票!E13"}, 7},
		{"table: text pasted over a mark", map[string]any{"H9": "検討中"},
			func(r *perinet.Record) { r.Items[1].Mark = perinet.Blank }, []string{"bad_mark@調査票!H9"}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			block, group := "区中央部", 0
			if tt.table > 0 {
				block, group = "多摩地域", tt.table-1
			}
			forms := Plan(s, 2017, fixtureRecords(t, 2016), block)
			path := writeForm(t, forms[0], s)
			fill(t, path, tt.cells)
			recs, problems := readForm(t, path, 2017)
			if len(recs) != len(forms[0].Groups) {
				t.Fatalf("%d records, problems %+v", len(recs), problems)
			}
			want := forms[0].Groups[group]
			want.FiscalYear = 2017
			want.Items = slices.Clone(want.Items)
			tt.want(&want)
			if got, want := answers(t, recs[group]), answers(t, want); got != want {
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

// TestFillInBlank fills in blank one-group forms of FY2017 as the
// instructions say — ○ or × from the list, the count as a number, the
// start as a date, one entry a line — with each group's FY2016 answers:
// each reads back as those answers, with no problem.
func TestFillInBlank(t *testing.T) {
	s := perinet.DefaultSurvey()
	for _, rec := range fixtureRecords(t, 2016) {
		forms := Plan(s, 2017, nil, rec.Block)
		if len(forms[0].Groups) > 1 {
			continue // 多摩地域's table: its cells are TestWrongFillIns's
		}
		t.Run(rec.Block, func(t *testing.T) {
			if forms[0].Groups[0].FiscalYear != 0 || len(forms[0].Groups[0].Items) > 0 {
				t.Fatalf("%+v, want a blank form", forms[0])
			}
			path := writeForm(t, forms[0], s)
			fill(t, path, answersCells(t, rec))
			recs, problems := readForm(t, path, 2017)
			if len(problems) > 0 || len(recs) != 1 {
				t.Fatalf("%d records, problems %+v", len(recs), problems)
			}
			want := rec
			want.FiscalYear = 2017
			if got, want := answers(t, recs[0]), answers(t, want); got != want {
				t.Errorf("read back\n got %s\nwant %s", got, want)
			}
		})
	}
}

// answersCells returns what a hospital types into a one-group form's
// cells to give a Record's answers.
func answersCells(t *testing.T, rec perinet.Record) map[string]any {
	t.Helper()
	cell := func(col, row int) string {
		name, err := excelize.CoordinatesToCellName(col, row)
		if err != nil {
			t.Fatal(err)
		}
		return name
	}
	cells := map[string]any{}
	if d := rec.Started; d != nil {
		cells[cell(markCol, infoTop+3)] = time.Date(d.Year, time.Month(d.Month), 1, 0, 0, 0, 0, time.UTC)
	}
	for i, it := range rec.Items {
		row := tableTop + 1 + i
		if it.Mark != perinet.Blank {
			cells[cell(markCol, row)] = it.Mark.Symbol()
		}
		if it.DistributedTo != nil {
			cells[cell(countCol, row)] = *it.DistributedTo
		}
		if len(it.Details) > 0 {
			cells[cell(detailsCol, row)] = strings.Join(it.Details, "\n")
		}
	}
	return cells
}
