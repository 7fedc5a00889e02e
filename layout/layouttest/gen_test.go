package layouttest

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"perinet"
	"perinet/layout"
	"perinet/normalize"
)

// TestNew requires every seed to give a case that renders, the same case
// twice, and Records that are whole: eight items in order, a count only
// on the counted item.
func TestNew(t *testing.T) {
	s := perinet.DefaultSurvey()
	for seed := uint64(1); seed <= 3000; seed++ {
		c, err := New(s, seed)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := New(s, seed)
		if again.String() != c.String() {
			t.Fatalf("seed %d gave two cases:\n%s\n%s", seed, c, again)
		}
		if _, err := layout.Render(c.Layout, s, c.FiscalYear, c.Records); err != nil {
			t.Fatalf("%s: %v", c, err)
		}
		for _, r := range c.Records {
			if len(r.Items) != len(s.Items) {
				t.Fatalf("%s: %s has %d items", c, r.Block, len(r.Items))
			}
			for i, it := range r.Items {
				if it.No != i+1 || it.DistributedTo != nil && !it.Counted || it.Details == nil {
					t.Fatalf("%s: %s item %+v", c, r.Block, it)
				}
			}
		}
	}
}

// TestVariants requires the reordered and spread variants of every case
// to render, with the same Records, and to differ from the case.
func TestVariants(t *testing.T) {
	s := perinet.DefaultSurvey()
	for seed := uint64(1); seed <= 500; seed++ {
		c, err := New(s, seed)
		if err != nil {
			t.Fatal(err)
		}
		for name, v := range map[string]Case{"reordered": Reordered(c, seed), "spread": Spread(c, seed)} {
			if _, err := layout.Render(v.Layout, s, v.FiscalYear, v.Records); err != nil {
				t.Fatalf("%s variant of %s: %v", name, c, err)
			}
			if len(Diff(c.Records, v.Records)) > 0 {
				t.Fatalf("%s variant of %s has other Records", name, c)
			}
		}
		if sp := Spread(c, seed); sp.Layout.Table.Gap != c.Layout.Table.Gap+1 || len(sp.Layout.Table.Blank) <= len(c.Layout.Table.Blank) {
			t.Fatalf("spread variant of %s: no blank lines added", c)
		}
	}
}

func TestJudge(t *testing.T) {
	s := perinet.DefaultSurvey()
	c, err := New(s, 7)
	if err != nil {
		t.Fatal(err)
	}
	exact := slices.Clone(c.Records)
	exact[0].Source = perinet.Source{Where: map[string]string{"block": "調査票!C4"}}
	other := slices.Clone(c.Records)
	other[0].Hospital = "愛育病院"
	warning := perinet.Problem{Severity: perinet.Warning, Code: perinet.UnknownHospital}
	bad := perinet.Problem{Severity: perinet.Error, Code: perinet.BadMark}
	tests := []struct {
		name     string
		got      []perinet.Record
		problems []perinet.Problem
		want     Outcome
	}{
		{"the Records written, source aside, and a warning", exact, []perinet.Problem{warning}, Exact},
		{"other Records and no error", other, nil, Silent},
		{"other Records and an error", other, []perinet.Problem{bad}, Rejected},
		{"no Records and an error", nil, []perinet.Problem{bad}, Rejected},
		{"a Record too many", append(slices.Clone(c.Records), other[0]), nil, Silent},
	}
	for _, tt := range tests {
		v := Judge(c, tt.got, tt.problems)
		if v.Outcome != tt.want {
			t.Errorf("%s: %s (%v), want %s", tt.name, v.Outcome, v.Diff, tt.want)
		}
	}
	if d := Diff(c.Records, other); len(d) != 1 || !strings.Contains(d[0], "hospital") {
		t.Errorf("Diff = %q, want one line about the hospital", d)
	}
}

// TestWrite writes a case through each producer that needs no other
// program; CP932 refuses a case with ✓.
func TestWrite(t *testing.T) {
	s := perinet.DefaultSurvey()
	dir := t.TempDir()
	for seed := uint64(1); seed <= 40; seed++ {
		c, err := New(s, seed)
		if err != nil {
			t.Fatal(err)
		}
		unwritable := false // a ✓ or ✕ in the form, which CP932 lacks
		for _, p := range []Producer{Excelize, CSVUTF8, CSVCP932} {
			path, err := Write(c, s, p, dir)
			if p == CSVCP932 && unwritable {
				if err == nil {
					t.Errorf("%s: written in CP932 with a ✓ or ✕", c)
				}
				continue
			}
			if p == CSVUTF8 {
				b, _ := os.ReadFile(path)
				unwritable = strings.ContainsAny(string(b), "✓✕")
			}
			if err != nil {
				t.Fatalf("%s: %s: %v", c, p, err)
			}
			if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
				t.Errorf("%s: %s wrote %s: %v", c, p, path, err)
			}
		}
		if _, err := Write(c, s, LibreOfficeODS, dir); err == nil {
			t.Error("Write made a LibreOffice file itself")
		}
	}
}

// TestRecordsValid requires the Records of every case to be what the
// contract can give back: canonical group and hospital names, the tier
// and parent of the survey, a start date on or before Today with a day
// exactly when the notation shows one, marks and counts of their kinds,
// details as the contract's entries (normalize.Details of the entry is
// the entry itself).
func TestRecordsValid(t *testing.T) {
	s := perinet.DefaultSurvey()
	blocks := map[string]perinet.Block{}
	for _, b := range s.Blocks {
		blocks[b.Name] = b
	}
	for _, note := range listNotes {
		if n, p := normalize.Count(note); p != nil || n.N != nil || n.Note != note {
			t.Errorf("the note %q reads as a count: %+v, %v", note, n, p)
		}
	}
	for seed := uint64(1); seed <= 2000; seed++ {
		c, err := New(s, seed)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range c.Records {
			b, ok := blocks[r.Block]
			if !ok || r.Tier != b.Tier || r.Parent != b.Parent || r.Hospital != b.Hospital || r.FiscalYear != c.FiscalYear {
				t.Fatalf("%s: %s: %+v", c, r.Block, r)
			}
			if d := r.Started; d != nil {
				when := time.Date(d.Year, time.Month(d.Month), max(d.Day, 1), 0, 0, 0, 0, perinet.Japan())
				if when.After(Today) || (d.Day != 0) != c.Layout.Notation.Started.ShowsDay() {
					t.Fatalf("%s: %s started %+v", c, r.Block, *d)
				}
			}
			for _, it := range r.Items {
				for _, e := range it.Details {
					if got := normalize.Details(e); len(got) != 1 || got[0] != e {
						t.Fatalf("%s: %s item %d: entry %q reads as %q", c, r.Block, it.No, e, got)
					}
					if m, p := normalize.Mark(e); p == nil || m != perinet.Blank {
						t.Fatalf("%s: %s item %d: entry %q reads as a mark", c, r.Block, it.No, e)
					}
				}
				if it.DistributedTo != nil && (*it.DistributedTo < 1 || !it.Counted) {
					t.Fatalf("%s: %s item %d: count %d", c, r.Block, it.No, *it.DistributedTo)
				}
			}
		}
	}
}
