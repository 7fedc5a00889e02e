package report

import (
	"reflect"
	"testing"

	"perinet"
)

// TestSeed checks the figures of the published FY2016 table (平成28年度)
// and the sentences made from them.
func TestSeed(t *testing.T) {
	a := Analyze(Input{FiscalYear: 2016, Records: map[int][]perinet.Record{2016: fixtureRecords(t, 2016)}})
	if a.Groups != 14 || a.Previous != 0 {
		t.Errorf("Groups, Previous = %d, %d; want 14, 0", a.Groups, a.Previous)
	}
	// Done of 14, per item. Item 8 (その他) is written as text in place of
	// a mark by 区西南部 and 北多摩南部.
	wantDone := []int{14, 14, 14, 14, 14, 4, 9, 2}
	for i, s := range a.Items {
		if s.No != i+1 || s.Done != wantDone[i] || s.Reported != 14 || s.Partial != 0 || s.Prev != nil {
			t.Errorf("item %d: %+v, want %d of 14 done, no earlier year", i+1, s, wantDone[i])
		}
	}
	if want := []string{"区中央部", "区西南部", "多摩地域", "南多摩（町田市除く）"}; !reflect.DeepEqual(a.Items[5].Blocks, want) {
		t.Errorf("item 6 done by %v, want %v", a.Items[5].Blocks, want)
	}
	if len(a.Trend) != 1 || a.Trend[0].FiscalYear != 2016 || a.Trend[0].Groups != 14 {
		t.Errorf("Trend = %+v, want FY2016 alone", a.Trend)
	}

	var individual, general []string
	for _, g := range a.Sharing.Individual {
		individual = append(individual, g.Block)
	}
	for _, g := range a.Sharing.General {
		general = append(general, g.Block)
	}
	if want := []string{"区西南部", "南多摩（町田市除く）"}; !reflect.DeepEqual(individual, want) {
		t.Errorf("individual sharing: %v, want %v", individual, want)
	}
	if len(general) != 12 || len(a.Sharing.Unclear) != 0 || len(a.Sharing.NotDone) != 0 {
		t.Errorf("general sharing: %v, unclear %v, not done %v; want the other 12 groups general", general, a.Sharing.Unclear, a.Sharing.NotDone)
	}

	wantSummary := []string{
		"平成28年度は14グループ（ネットワークグループ8、サブグループ6）から報告があった。",
		"項目1から4までは14グループすべてで実施されている。",
		"項目5（妊産婦等に関する情報の共有化等）は14グループすべてで実施されているが、共通診療ノート等による個別の妊産婦の情報共有は2グループにとどまる。",
		"項目6（産科セミオープンシステム・オープンシステムの検討）を実施しているグループは4グループ（14グループ中）で、半数に満たない。",
		"前年度以前の報告が保存されていないため、前年度との比較及び推移は示していない。",
	}
	if !reflect.DeepEqual(a.Summary, wantSummary) {
		t.Errorf("Summary:\n%q\nwant\n%q", a.Summary, wantSummary)
	}
	wantIssues := []Issue{{Kind: FewGroups, Item: 6,
		Message: "項目6（産科セミオープンシステム・オープンシステムの検討）を実施しているグループは14グループ中4グループで、半数に満たない"}}
	if !reflect.DeepEqual(a.Issues, wantIssues) {
		t.Errorf("Issues:\n%+v\nwant\n%+v", a.Issues, wantIssues)
	}
}
