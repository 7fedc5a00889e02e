package report

import (
	"reflect"
	"testing"

	"perinet"
)

// twoYears is a made-up FY2015 and FY2016 in which every rule finds
// something.
func twoYears() Input {
	return Input{
		FiscalYear: 2016,
		Records: map[int][]perinet.Record{
			2015: {
				withFacilities(withStart(groupRecord("区中央部", "yyyyyyy."), 2010, 2, 0), 100),
				withStart(withDetails(groupRecord("区南部", "yyyyy.y."), 5, "連携会議で実施"), 2011, 11, 0),
				groupRecord("区西部", "yyyyy.y."),
				groupRecord("区東部", "yyyyy..."),
				groupRecord("西多摩", "yyyyy..."),
			},
			2016: {
				groupRecord("西多摩", "yyyyy.y."),
				withFacilities(withStart(withDetails(groupRecord("区中央部", "yyyyy.n."), 5, "共通診療ノート"), 2010, 2, 0), 140),
				withStart(withDetails(groupRecord("区南部", "yyyyn.p."), 5, "連携会議で実施"), 2012, 11, 0),
			},
		},
		Submissions: []Submission{
			{File: "form-01.xlsx", Blocks: []string{"区中央部"}},
			{File: "form-02.xlsx", Blocks: []string{"区南部"}, Problems: []perinet.Problem{{Severity: perinet.Error}, {Severity: perinet.Warning}}},
			{File: "form-09.xlsx", Blocks: []string{"西多摩"}},
		},
		Notes: "事務局の所見。\n\n二つ目の段落。\n",
	}
}

func TestSummary(t *testing.T) {
	a := Analyze(twoYears())
	want := []string{
		"平成28年度は3グループ（ネットワークグループ2、サブグループ1）から報告があった。",
		"項目1から4までは3グループすべてで実施されている。",
		"項目5（妊産婦等に関する情報の共有化等）は3グループ中2グループで実施されているが、共通診療ノート等による個別の妊産婦の情報共有は1グループにとどまる。",
		"項目6（産科セミオープンシステム・オープンシステムの検討）を実施しているグループは0グループ（3グループ中）で、半数に満たない。",
		"項目7（研修等）を実施しているグループは1グループ（3グループ中）で、半数に満たない。",
		"項目5を実施したグループは前年度の5から2に減った。",
		"項目6を実施したグループは前年度の1から0に減った。",
		"項目7を実施したグループは前年度の3から1に減った。",
		"前年度に実施していた項目を今年度は実施していないグループが2グループある（区中央部：項目6及び7、区南部：項目5及び7）。",
		"区南部の開始年月が前年度の報告と異なる。",
		"区中央部の項目3（連携リストの作成・配布）の配布先の施設数が、前年度から30%を超えて増減した。",
		"前年度に報告のあった区西部及び区東部から、今年度の報告がない。",
		"今年度に受け付けた3件のファイルのうち1件に、確認を要する点（エラー1件、注意1件）がある。",
	}
	if !reflect.DeepEqual(a.Summary, want) {
		t.Errorf("Summary:\n%q\nwant\n%q", a.Summary, want)
	}
	var kinds []IssueKind
	var blocks []string
	for _, is := range a.Issues {
		kinds = append(kinds, is.Kind)
		blocks = append(blocks, is.Block)
	}
	wantKinds := []IssueKind{NoSubmission, NoSubmission, SubmissionProblems, FewGroups, FewGroups,
		Stopped, Stopped, Stopped, Stopped, StartChanged, CountMoved}
	wantBlocks := []string{"区西部", "区東部", "区南部", "", "", "区中央部", "区中央部", "区南部", "区南部", "区南部", "区中央部"}
	if !reflect.DeepEqual(kinds, wantKinds) || !reflect.DeepEqual(blocks, wantBlocks) {
		t.Errorf("issues in the order\n%v %q\nwant\n%v %q", kinds, blocks, wantKinds, wantBlocks)
	}
	if want := []string{"事務局の所見。", "二つ目の段落。"}; !reflect.DeepEqual(a.Notes, want) {
		t.Errorf("Notes = %q, want %q", a.Notes, want)
	}
}

// TestSharingSentence covers the wordings of item 5's sentence.
func TestSharingSentence(t *testing.T) {
	item5 := func(done, reported int) []ItemStat {
		return []ItemStat{{ItemCount: ItemCount{No: 5, Done: done, Reported: reported}, Label: "妊産婦等に関する情報の共有化等"}}
	}
	groups := func(n int) Sharing {
		return Sharing{Item: 5, Individual: make([]SharingGroup, n)}
	}
	tests := []struct {
		stats []ItemStat
		sh    Sharing
		want  string
	}{
		{item5(14, 14), groups(3), "項目5（妊産婦等に関する情報の共有化等）は14グループすべてで実施されているが、共通診療ノート等による個別の妊産婦の情報共有は3グループにとどまる。"},
		{item5(14, 14), groups(7), "項目5（妊産婦等に関する情報の共有化等）は14グループすべてで実施されており、共通診療ノート等による個別の妊産婦の情報共有も7グループで行われている。"},
		{item5(2, 3), groups(1), "項目5（妊産婦等に関する情報の共有化等）は3グループ中2グループで実施されているが、共通診療ノート等による個別の妊産婦の情報共有は1グループにとどまる。"},
		{item5(12, 14), groups(0), "項目5（妊産婦等に関する情報の共有化等）は14グループ中12グループで実施されているが、共通診療ノート等による個別の妊産婦の情報共有を行っているグループはない。"},
		{item5(0, 14), groups(0), "項目5（妊産婦等に関する情報の共有化等）を実施しているグループはない。"},
		{item5(0, 14), groups(1), "項目5（妊産婦等に関する情報の共有化等）を実施しているグループはないが、共通診療ノート等による個別の妊産婦の情報共有は1グループで行われている。"},
		{nil, groups(1), ""},
		{item5(14, 14), Sharing{}, ""}, // a survey with no sharing item
	}
	for _, tt := range tests {
		if got := sharingSentence(tt.stats, tt.sh); got != tt.want {
			t.Errorf("sharingSentence(%+v, %d individual) =\n%q\nwant\n%q", tt.stats, len(tt.sh.Individual), got, tt.want)
		}
	}
}

// TestDeterministic checks that the order of the Records given does not
// change the Analysis.
func TestDeterministic(t *testing.T) {
	in := twoYears()
	want := Analyze(in)
	for _, fy := range []int{2015, 2016} {
		rs := in.Records[fy]
		rev := make([]perinet.Record, len(rs))
		for i, r := range rs {
			rev[len(rs)-1-i] = r
		}
		in.Records[fy] = rev
	}
	for i := 0; i < 20; i++ {
		if got := Analyze(in); !reflect.DeepEqual(got, want) {
			t.Fatalf("Analyze with the Records reversed differs:\n%+v\nwant\n%+v", got, want)
		}
	}
}

func TestNoRecords(t *testing.T) {
	a := Analyze(Input{FiscalYear: 2018})
	if want := []string{"平成30年度の報告はない。"}; !reflect.DeepEqual(a.Summary, want) || a.Groups != 0 || len(a.Issues) != 0 || len(a.Items) != 8 || len(a.Trend) != 0 {
		t.Errorf("Analyze of nothing = %+v; want 8 empty items and %q", a, want)
	}
}

func TestChangeSentences(t *testing.T) {
	stat := func(no, was, is int) ItemStat {
		return ItemStat{ItemCount: ItemCount{No: no, Done: is}, Prev: &ItemCount{No: no, Done: was}}
	}
	all := ItemStat{ItemCount: ItemCount{No: 2, Done: 13, Reported: 13}, Prev: &ItemCount{No: 2, Done: 14, Reported: 14}}
	stats := []ItemStat{stat(1, 14, 14), all, stat(6, 4, 5), stat(7, 8, 9), stat(8, 4, 5), {ItemCount: ItemCount{No: 9, Done: 3}}}
	want := []string{
		"項目6及び8を実施したグループは前年度の4から5に増えた。",
		"項目7を実施したグループは前年度の8から9に増えた。",
	}
	if got := changeSentences(stats, "前年度"); !reflect.DeepEqual(got, want) {
		t.Errorf("changeSentences = %q, want %q", got, want)
	}
}
