package perinet

import (
	"bytes"
	"encoding/json"
	"slices"
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

func TestItemAskedIn(t *testing.T) {
	tests := []struct {
		from, until, fy int
		want            bool
		years           string
	}{
		{0, 0, 2014, true, ""},
		{2019, 2020, 0, true, "2019〜2020年度"},
		{2019, 0, 2018, false, "2019年度から"},
		{2019, 0, 2019, true, "2019年度から"},
		{2019, 0, 2030, true, "2019年度から"},
		{0, 2017, 2017, true, "2017年度まで"},
		{0, 2017, 2018, false, "2017年度まで"},
		{2015, 2017, 2014, false, "2015〜2017年度"},
		{2015, 2017, 2016, true, "2015〜2017年度"},
		{2015, 2017, 2018, false, "2015〜2017年度"},
	}
	for _, tt := range tests {
		d := ItemDef{No: 9, From: tt.from, Until: tt.until}
		if got := d.AskedIn(tt.fy); got != tt.want {
			t.Errorf("from %d until %d: AskedIn(%d) = %v, want %v", tt.from, tt.until, tt.fy, got, tt.want)
		}
		if got := d.Years(); got != tt.years {
			t.Errorf("from %d until %d: Years() = %q, want %q", tt.from, tt.until, got, tt.years)
		}
	}
}

func TestSurveyYear(t *testing.T) {
	s := DefaultSurvey()
	s.Items[1].Until = 2016
	s.Items = append(s.Items, ItemDef{No: 9, Label: "新しい項目", From: 2019})
	nos := func(y *Survey) []int {
		var out []int
		for _, d := range y.Items {
			out = append(out, d.No)
		}
		return out
	}
	tests := []struct {
		fy   int
		want []int
	}{
		{2016, []int{1, 2, 3, 4, 5, 6, 7, 8}},
		{2018, []int{1, 3, 4, 5, 6, 7, 8}},
		{2019, []int{1, 3, 4, 5, 6, 7, 8, 9}},
		{0, []int{1, 2, 3, 4, 5, 6, 7, 8, 9}},
	}
	for _, tt := range tests {
		if got := nos(s.Year(tt.fy)); !slices.Equal(got, tt.want) {
			t.Errorf("Year(%d) items %v, want %v", tt.fy, got, tt.want)
		}
	}
	if len(s.Items) != 9 {
		t.Errorf("Year changed the survey: %d items", len(s.Items))
	}
}

func TestReadSurveyErrors(t *testing.T) {
	base, err := json.Marshal(DefaultSurvey())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ReadSurvey(bytes.NewReader(base)); err != nil {
		t.Fatalf("the built-in survey, written and read again: %v", err)
	}
	tests := []struct {
		name   string
		change func(s *Survey)
		want   string
	}{
		{"no items", func(s *Survey) { s.Items = nil }, "項目（items）がありません"},
		{"no label", func(s *Survey) { s.Items[0].Label = "" }, "1番目の項目"},
		{"order", func(s *Survey) { s.Items[1].No = 1 }, "項目1が項目1の後"},
		{"years", func(s *Survey) { s.Items[8-1].From, s.Items[8-1].Until = 2019, 2018 }, "項目8: until（2018）が from（2019）より前"},
		{"twice", func(s *Survey) { s.Blocks[1].Name = s.Blocks[0].Name }, "「区中央部」が二度"},
		{"tier", func(s *Survey) { s.Blocks[0].Tier = "ward" }, "network か subgroup"},
		{"parent", func(s *Survey) { s.Blocks[len(s.Blocks)-1].Parent = "区東部区" }, "parent「区東部区」"},
	}
	for _, tt := range tests {
		s := DefaultSurvey()
		tt.change(s)
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		_, err = ReadSurvey(bytes.NewReader(b))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want one saying %q", tt.name, err, tt.want)
		}
	}
	if _, err := ReadSurvey(strings.NewReader(`{"items": [{"no": 1, "label": "a", "form": 2019}]}`)); err == nil || !strings.Contains(err.Error(), "form") {
		t.Errorf("a misspelt key: err = %v, want one naming it", err)
	}
}
