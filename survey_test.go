package perinet

import (
	"strings"
	"testing"
)

func TestDefaultSurvey(t *testing.T) {
	s := DefaultSurvey()
	if len(s.Items) != 8 {
		t.Fatalf("%d items, want 8", len(s.Items))
	}
	counted := 0
	for i, it := range s.Items {
		if it.No != i+1 || it.Label == "" || it.About == "" {
			t.Errorf("item %d: %+v", i+1, it)
		}
		if it.Counted {
			counted++
		}
	}
	if counted != 1 || !s.Items[2].Counted {
		t.Errorf("want exactly item 3 counted, got %d counted items", counted)
	}
	tiers := map[string]Tier{}
	for _, b := range s.Blocks {
		if _, dup := tiers[b.Name]; dup {
			t.Errorf("block %s listed twice", b.Name)
		}
		tiers[b.Name] = b.Tier
	}
	for _, b := range s.Blocks {
		switch {
		case b.Tier == Subgroup && tiers[b.Parent] != Network:
			t.Errorf("sub-group %s: parent %q is not a network group", b.Name, b.Parent)
		case b.Tier == Network && b.Parent != "":
			t.Errorf("network group %s has a parent", b.Name)
		case b.Tier != Network && b.Tier != Subgroup:
			t.Errorf("block %s: tier %q", b.Name, b.Tier)
		}
	}
	hospitals := map[string]bool{}
	for _, h := range s.Hospitals {
		hospitals[h.Name] = true
	}
	for _, b := range s.Blocks {
		if b.Hospital != "" && !hospitals[b.Hospital] {
			t.Errorf("block %s: hospital %q is not a canonical hospital name", b.Name, b.Hospital)
		}
	}
	if len(tiers) != 15 {
		t.Errorf("%d blocks, want the contract's 9 network groups and 6 sub-groups", len(tiers))
	}
}

func TestAddHospitalAliasesErrors(t *testing.T) {
	for _, file := range []string{"墨東\n", "= 東京都立墨東病院\n", "墨東 =\n"} {
		err := DefaultSurvey().AddHospitalAliases(strings.NewReader("# ok\n" + file))
		if err == nil || !strings.Contains(err.Error(), "2行目") {
			t.Errorf("AddHospitalAliases(%q): err = %v, want one naming line 2", file, err)
		}
	}
}

func TestSurveyItem(t *testing.T) {
	s := DefaultSurvey()
	tests := []struct {
		no            int
		ok            bool
		sharing, open bool
	}{
		{1, true, false, false}, {5, true, true, false}, {8, true, false, true}, {0, false, false, false}, {9, false, false, false},
	}
	for _, tt := range tests {
		d, ok := s.Item(tt.no)
		if ok != tt.ok || ok && (d.No != tt.no || d.Sharing != tt.sharing || d.Open != tt.open) {
			t.Errorf("Item(%d) = %+v, %v", tt.no, d, ok)
		}
	}
}
