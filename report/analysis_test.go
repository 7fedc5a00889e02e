package report

import (
	"fmt"
	"reflect"
	"slices"
	"testing"

	"perinet"
)

// groupRecord makes a group's Record with a mark per item, written as a person
// might sketch the row: y ○, n ×, p △, . blank.
func groupRecord(block, marks string) perinet.Record {
	r := perinet.Record{FiscalYear: 2016, Block: block, Tier: perinet.Network}
	for _, b := range perinet.DefaultSurvey().Blocks {
		if b.Name == block {
			r.Tier, r.Parent = b.Tier, b.Parent
		}
	}
	for i, c := range marks {
		m := map[rune]perinet.Mark{'y': perinet.Yes, 'n': perinet.No, 'p': perinet.Partial, '.': perinet.Blank}[c]
		r.Items = append(r.Items, perinet.Item{No: i + 1, Mark: m, Counted: i+1 == 3})
	}
	return r
}

// withDetails returns r with item no's details set.
func withDetails(r perinet.Record, no int, entries ...string) perinet.Record {
	items := append([]perinet.Item(nil), r.Items...)
	items[no-1].Details = entries
	r.Items = items
	return r
}

// withStart returns r with its 開始年月 set.
func withStart(r perinet.Record, y, m, d int) perinet.Record {
	r.Started = &perinet.Date{Year: y, Month: m, Day: d}
	return r
}

// withFacilities returns r with item 3's facility count set.
func withFacilities(r perinet.Record, n int) perinet.Record {
	items := append([]perinet.Item(nil), r.Items...)
	items[2].DistributedTo = &n
	r.Items = items
	return r
}

func TestItemCounts(t *testing.T) {
	tests := []struct {
		name    string
		records []perinet.Record
		no      int
		want    ItemCount
		blocks  []string
	}{
		{"yes counts, no and blank do not", []perinet.Record{groupRecord("区中央部", "y"), groupRecord("区南部", "n"), groupRecord("区西部", ".")}, 1,
			ItemCount{No: 1, Done: 1, Reported: 3}, []string{"区中央部"}},
		{"partial is counted apart, not as done", []perinet.Record{groupRecord("区中央部", "p"), groupRecord("区南部", "y")}, 1,
			ItemCount{No: 1, Done: 1, Partial: 1, Reported: 2}, []string{"区南部"}},
		{"text in place of a mark, free-text item", []perinet.Record{withDetails(groupRecord("区西南部", "........"), 8, "SNSの整備"), groupRecord("区南部", "........")}, 8,
			ItemCount{No: 8, Done: 1, Reported: 2}, []string{"区西南部"}},
		{"text with a blank mark, item with its own mark column", []perinet.Record{withDetails(groupRecord("区西南部", "....."), 5, "連携会議で実施")}, 5,
			ItemCount{No: 5, Reported: 1}, nil},
		{"text beside ×, free-text item", []perinet.Record{withDetails(groupRecord("区西南部", "......n"), 7, "来年度実施予定")}, 7,
			ItemCount{No: 7, Reported: 1}, nil},
		{"a later Record of a group supersedes the earlier", []perinet.Record{groupRecord("区中央部", "n"), groupRecord("区南部", "y"), groupRecord("区中央部", "y")}, 1,
			ItemCount{No: 1, Done: 2, Reported: 2}, []string{"区中央部", "区南部"}},
		{"survey order; unknown groups last, by name", []perinet.Record{groupRecord("北多摩北部", "y"), groupRecord("島嶼Z", "y"), groupRecord("区東部", "y"), groupRecord("Aグループ", "y")}, 1,
			ItemCount{No: 1, Done: 4, Reported: 4}, []string{"区東部", "北多摩北部", "Aグループ", "島嶼Z"}},
		{"a Record without the item", []perinet.Record{groupRecord("区中央部", "y")}, 2,
			ItemCount{No: 2, Reported: 0}, nil},
	}
	for _, tt := range tests {
		a := Analyze(Input{FiscalYear: 2016, Records: map[int][]perinet.Record{2016: tt.records}})
		got := a.Items[tt.no-1]
		if got.ItemCount != tt.want || !reflect.DeepEqual(got.Blocks, tt.blocks) {
			t.Errorf("%s: item %d = %+v %v; want %+v %v", tt.name, tt.no, got.ItemCount, got.Blocks, tt.want, tt.blocks)
		}
	}
}

func TestRateAndChange(t *testing.T) {
	if r := (ItemCount{Done: 4, Reported: 14}).Rate(); r != 4.0/14 {
		t.Errorf("Rate of 4 of 14 = %v", r)
	}
	if r := (ItemCount{}).Rate(); r != 0 {
		t.Errorf("Rate of 0 of 0 = %v, want 0", r)
	}
	if d, ok := (ItemStat{ItemCount: ItemCount{Done: 9}}).Change(); ok || d != 0 {
		t.Errorf("Change without an earlier year = %d, %v; want 0, false", d, ok)
	}
	if d, ok := (ItemStat{ItemCount: ItemCount{Done: 7}, Prev: &ItemCount{Done: 9}, Compared: &Comparison{Groups: 9, Was: 8, Is: 7}}).Change(); !ok || d != -1 {
		t.Errorf("Change from 8 to 7 of the groups of both years (9 to 7 of all) = %d, %v; want -1, true", d, ok)
	}
}

func TestTrend(t *testing.T) {
	records := map[int][]perinet.Record{
		2013: {groupRecord("区中央部", "y.......")},
		2014: {groupRecord("区中央部", "yy......"), groupRecord("区南部", "y.......")},
		2015: nil, // a year with no Records is no year
		2016: {groupRecord("区中央部", "yyy....."), groupRecord("区南部", "yp......")},
		2017: {groupRecord("区中央部", "yyyy....")}, // after the year reported
	}
	a := Analyze(Input{FiscalYear: 2016, Records: records})
	if a.Previous != 2014 {
		t.Errorf("Previous = %d, want 2014, the latest earlier year with Records", a.Previous)
	}
	var years []int
	for _, y := range a.Trend {
		years = append(years, y.FiscalYear)
	}
	if want := []int{2013, 2014, 2016}; !reflect.DeepEqual(years, want) {
		t.Fatalf("Trend years %v, want %v", years, want)
	}
	if got, want := a.Trend[1].Items[1], (ItemCount{No: 2, Done: 1, Reported: 2}); got != want || a.Trend[1].Groups != 2 {
		t.Errorf("FY2014 item 2 = %+v, %d groups; want %+v, 2", got, a.Trend[1].Groups, want)
	}
	if got, want := a.Items[1], (ItemStat{ItemCount: ItemCount{No: 2, Done: 1, Partial: 1, Reported: 2}, Label: "各医療機関等の医療機能の把握",
		Blocks: []string{"区中央部"}, Prev: &ItemCount{No: 2, Done: 1, Reported: 2},
		Compared: &Comparison{Groups: 2, Was: 1, Is: 1}}); !reflect.DeepEqual(got, want) {
		t.Errorf("item 2 = %+v, want %+v", got, want)
	}
}

func TestParagraphs(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"", nil},
		{"\n \n\u3000\n", nil},
		{"一つ目の段落。\n続き。\n\n二つ目。", []string{"一つ目の段落。\n続き。", "二つ目。"}},
		{"\uFEFF○段落\r\n\r\n\r\n　字下げした段落\r\n", []string{"○段落", "　字下げした段落"}},
		{"=SUM(A1) は式ではない\n\n\n", []string{"=SUM(A1) は式ではない"}},
	}
	for _, tt := range tests {
		if got := paragraphs(tt.text); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("paragraphs(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestWords(t *testing.T) {
	tests := []struct{ got, want string }{
		{yearWord(2016, 2015), "前年度"},
		{yearWord(2016, 2014), "平成26年度"},
		{itemList([]int{6}), "項目6"},
		{itemList([]int{6, 7}), "項目6及び7"},
		{itemList([]int{1, 2, 4}), "項目1、2及び4"},
		{itemList([]int{1, 2, 3, 4}), "項目1から4まで"},
		{joinAnd([]string{"区西部", "区東部", "西多摩"}), "区西部、区東部及び西多摩"},
		{movement(100, 131), "31%増"},
		{movement(100, 60), "40%減"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestAllRecords(t *testing.T) {
	rec := func(fy int, block string) perinet.Record { return perinet.Record{FiscalYear: fy, Block: block} }
	in := Input{FiscalYear: 2016, Records: map[int][]perinet.Record{
		2017: {rec(2017, "区南部")},
		2016: {rec(2016, "区中央部"), rec(2016, "区南部")},
		2014: {rec(2014, "区中央部")},
	}}
	var got []string
	for _, r := range in.AllRecords() {
		got = append(got, fmt.Sprint(r.FiscalYear, r.Block))
	}
	if want := []string{"2014区中央部", "2016区中央部", "2016区南部"}; !reflect.DeepEqual(got, want) {
		t.Errorf("AllRecords = %v, want %v (oldest year first, none after the year reported)", got, want)
	}
}

// TestAnalyzeItemOfLaterYears analyzes FY2019 under a survey that asks a
// ninth item from FY2019 on: the item is counted in FY2019, has no
// earlier year to be compared with (a sentence says so), and the trend
// gives no count for it before FY2019.
func TestAnalyzeItemOfLaterYears(t *testing.T) {
	s := perinet.DefaultSurvey()
	s.Items = append(s.Items, perinet.ItemDef{No: 9, Label: "災害時の連携体制の整備", From: 2019})
	year := func(fy int, marks string, blocks ...string) []perinet.Record {
		var out []perinet.Record
		for _, b := range blocks {
			r := groupRecord(b, marks)
			r.FiscalYear = fy
			out = append(out, r)
		}
		return out
	}
	in := Input{FiscalYear: 2019, Survey: s, Records: map[int][]perinet.Record{
		2017: year(2017, "yyyyyyyy", "区中央部", "区南部"),
		2018: year(2018, "yyyyyyyn", "区中央部", "区南部"),
		2019: year(2019, "yyyyyyyyy", "区中央部", "区南部"),
	}}
	a := Analyze(in)
	if len(a.Items) != 9 || a.Items[8].Done != 2 || a.Items[8].Prev != nil || a.Items[8].Compared != nil {
		t.Fatalf("items %+v", a.Items)
	}
	if a.Items[7].Prev == nil || a.Items[7].Compared == nil {
		t.Errorf("item 8 not compared with FY2018: %+v", a.Items[7])
	}
	for _, y := range a.Trend {
		c := y.Items[8]
		if want := map[bool]int{true: 2, false: 0}[y.FiscalYear == 2019]; c.No != 9 || c.Reported != want || c.Done != want {
			t.Errorf("trend of FY%d: item 9 %+v", y.FiscalYear, c)
		}
	}
	want := "項目9（災害時の連携体制の整備）は前年度の調査になかった項目のため、前年度とは比べていない。"
	if !slices.Contains(a.Summary, want) {
		t.Errorf("summary %q\nhas no %q", a.Summary, want)
	}
}

func TestNewItemsSentence(t *testing.T) {
	prev := &ItemCount{}
	tests := []struct {
		stats []ItemStat
		want  string
	}{
		{[]ItemStat{{ItemCount: ItemCount{No: 1}, Prev: prev}}, ""},
		{[]ItemStat{{ItemCount: ItemCount{No: 1}, Prev: prev}, {ItemCount: ItemCount{No: 9}, Label: "新"}},
			"項目9（新）は前年度の調査になかった項目のため、前年度とは比べていない。"},
		{[]ItemStat{{ItemCount: ItemCount{No: 9}, Label: "新"}, {ItemCount: ItemCount{No: 10}, Label: "次"}},
			"項目9及び10は前年度の調査になかった項目のため、前年度とは比べていない。"},
	}
	for _, tt := range tests {
		if got := newItemsSentence(tt.stats, "前年度"); got != tt.want {
			t.Errorf("newItemsSentence(%+v) = %q, want %q", tt.stats, got, tt.want)
		}
	}
}
