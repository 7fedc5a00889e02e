package report

import (
	"reflect"
	"slices"
	"strings"
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
			{File: "form-02.xlsx", Blocks: []string{"区南部"}, Problems: []perinet.Problem{{Severity: perinet.Warning}}},
			{File: "form-09.xlsx", Blocks: []string{"西多摩"}},
		},
		Notes: "事務局の所見。\n\n二つ目の段落。\n",
	}
}

// rejectedYears is a made-up FY2015 and FY2016 in which two groups sent
// FY2016 forms that were rejected for their errors (区西南部 and 区西部)
// and one sent nothing (区東北部). Of the four groups that reported in
// both years, item 6 went from one to three, item 7 from none to one,
// item 8 stayed at none and item 4 fell from four to three; over all the
// groups of each year items 6–8 fell (4 to 3, 2 to 1, 1 to 0), as the
// rejected and missing groups did them in FY2015.
func rejectedYears() Input {
	rec := func(fy int, block, marks string) perinet.Record {
		r := groupRecord(block, marks)
		r.FiscalYear = fy
		return r
	}
	warning := []perinet.Problem{{Severity: perinet.Warning, Code: perinet.BadMark}}
	errs := []perinet.Problem{{Severity: perinet.Error, Code: perinet.BadMark}, {Severity: perinet.Warning, Code: perinet.BadMark}}
	return Input{
		FiscalYear: 2016,
		Records: map[int][]perinet.Record{
			2015: {
				rec(2015, "区中央部", "yyyyy..."),
				rec(2015, "区南部", "yyyyy..."),
				withDetails(rec(2015, "区西南部", "yyyyyyy."), 8, "SNSの整備"),
				rec(2015, "区西部", "yyyyyyy."),
				rec(2015, "区東北部", "yyyyyy.."),
				rec(2015, "区東部", "yyyyy..."),
				rec(2015, "西多摩", "yyyyyy.."),
			},
			2016: {
				rec(2016, "区中央部", "yyyyyy.."),
				rec(2016, "区南部", "yyyyyyy."),
				rec(2016, "区東部", "yyyny..."),
				rec(2016, "西多摩", "yyyyyy.."),
			},
		},
		Submissions: []Submission{
			{File: "form-01.xlsx", Blocks: []string{"区中央部"}},
			{File: "form-02.xlsx", Blocks: []string{"区南部"}},
			{File: "form-03.xlsx", Blocks: []string{"区西南部"}, Problems: errs},
			{File: "form-04.xlsx", Blocks: []string{"区西部"}, Problems: errs},
			{File: "form-07.xlsx", Blocks: []string{"区東部"}, Problems: warning},
			{File: "form-09.xlsx", Blocks: []string{"西多摩"}},
		},
	}
}

// TestSummaryRejected checks the rules on groups without a Record and on
// changes: a group whose files were all rejected is 不受理, never "報告が
// ない", and only a group that sent nothing is; neither is counted as
// having stopped an item; a change is judged over the groups that
// reported in both years, so that no "減った" is said of a rate that did
// not fall, nor "増えた" of one that did not rise; a one-year report says
// why it has no trend.
func TestSummaryRejected(t *testing.T) {
	scenario := rejectedYears()
	// change returns the scenario changed by edit.
	change := func(edit func(in *Input)) Input {
		in := rejectedYears()
		edit(&in)
		return in
	}
	tests := []struct {
		name   string
		in     Input
		has    []string // sentences of the summary, in this order
		hasNot []string // words no sentence of the summary has
	}{
		{"rejected groups are 不受理", scenario,
			[]string{"区西南部及び区西部は提出があったが、不備があり受理されていない（不受理）。"},
			[]string{"区西南部、", "区西南部及び区西部から", "区西部及び区東北部"}},
		{"the group that sent nothing has no report", scenario,
			[]string{"前年度に報告のあった区東北部から、今年度の報告がない（未提出）。"},
			[]string{"区東北部は提出"}},
		{"the groups reporting are counted without the others", scenario,
			[]string{"平成28年度は4グループ（ネットワークグループ3、サブグループ1）から報告があった。",
				"項目1から3までは4グループすべてで実施されている。"},
			nil},
		{"changes are judged on the groups that reported in both years", scenario,
			[]string{"前年度からの変化は、前年度と今年度の両方に報告のあった4グループについて比べた。",
				"項目4を実施したグループの割合は、前年度の100%（4グループ中4グループ）から今年度は75%（4グループ中3グループ）に減った。",
				"項目6を実施したグループの割合は、前年度の25%（4グループ中1グループ）から今年度は75%（4グループ中3グループ）に増えた。",
				"項目7を実施したグループの割合は、前年度の0%（4グループ中0グループ）から今年度は25%（4グループ中1グループ）に増えた。"},
			[]string{"項目6を実施したグループの割合は、前年度の25%（4グループ中1グループ）から今年度は75%（4グループ中3グループ）に減った。",
				"項目6及び", "項目7を実施したグループは前年度"}},
		{"a rate that stays the same is no change", scenario, nil,
			[]string{"項目8を実施", "項目5を実施", "項目1を実施", "項目1から3までを実施"}},
		{"a rejected or missing group has not stopped an item", scenario,
			[]string{"前年度に実施していた項目を今年度は実施していないグループが1グループある（区東部：項目4）。"},
			[]string{"区西南部：", "区西部：", "区東北部："}},
		{"rejected files and files with warnings", scenario,
			[]string{"今年度に提出された6件のファイルのうち2件は、エラーがあるため受理していない（不受理）。受理した4件のうち1件に、確認を要する点（注意1件）がある。"},
			[]string{"受け付けた"}},
		{"a group rejected first and accepted later has reported", change(func(in *Input) {
			in.Records[2016] = append(in.Records[2016], groupRecord("区西部", "yyyyyyy."))
			in.Submissions = append(in.Submissions, Submission{File: "form-04-fixed.xlsx", Blocks: []string{"区西部"}})
		}), []string{"区西南部は提出があったが、不備があり受理されていない（不受理）。",
			"前年度からの変化は、前年度と今年度の両方に報告のあった5グループについて比べた。"},
			[]string{"区西部は提出", "区西南部及び区西部"}},
		{"a rejected group new this year is 不受理 all the same", change(func(in *Input) {
			in.Submissions = append(in.Submissions, Submission{File: "form-12.xlsx", Blocks: []string{"北多摩西部"}, Problems: []perinet.Problem{{Severity: perinet.Error}}})
		}), []string{"区西南部、区西部及び北多摩西部は提出があったが、不備があり受理されていない（不受理）。"}, nil},
		{"no file accepted this year", change(func(in *Input) {
			in.Records[2016] = nil
			in.Submissions = in.Submissions[2:4]
		}), []string{"平成28年度に受理した報告はない。",
			"区西南部及び区西部は提出があったが、不備があり受理されていない（不受理）。",
			"前年度に報告のあった区中央部、区南部、区東北部、区東部及び西多摩から、今年度の報告がない（未提出）。"},
			[]string{"平成28年度の報告はない。"}},
		{"a one-year report says why it has no trend", change(func(in *Input) { delete(in.Records, 2015) }),
			[]string{"区西南部及び区西部は提出があったが、不備があり受理されていない（不受理）。",
				"前年度以前の報告が保存されていないため、前年度との比較及び推移は示していない。"},
			[]string{"増えた", "減った", "変化", "報告がない", "実施していない"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			summary := Analyze(tt.in).Summary
			rest := summary
			for _, want := range tt.has {
				i := slices.Index(rest, want)
				if i < 0 {
					t.Errorf("the summary has no sentence %q after the ones before it:\n%s", want, strings.Join(summary, "\n"))
					continue
				}
				rest = rest[i+1:]
			}
			for _, s := range summary {
				for _, word := range tt.hasNot {
					if strings.Contains(s, word) {
						t.Errorf("the sentence %q has %q", s, word)
					}
				}
			}
		})
	}
}

func TestSummary(t *testing.T) {
	a := Analyze(twoYears())
	want := []string{
		"平成28年度は3グループ（ネットワークグループ2、サブグループ1）から報告があった。",
		"前年度に報告のあった区西部及び区東部から、今年度の報告がない（未提出）。",
		"項目1から4までは3グループすべてで実施されている。",
		"項目5（妊産婦等に関する情報の共有化等）は3グループ中2グループで実施されているが、共通診療ノート等による個別の妊産婦の情報共有は1グループにとどまる。",
		"項目6（産科セミオープンシステム・オープンシステムの検討）を実施しているグループは0グループ（3グループ中）で、半数に満たない。",
		"項目7（研修等）を実施しているグループは1グループ（3グループ中）で、半数に満たない。",
		"前年度からの変化は、前年度と今年度の両方に報告のあった3グループについて比べた。",
		"項目5を実施したグループの割合は、前年度の100%（3グループ中3グループ）から今年度は67%（3グループ中2グループ）に減った。",
		"項目6を実施したグループの割合は、前年度の33%（3グループ中1グループ）から今年度は0%（3グループ中0グループ）に減った。",
		"項目7を実施したグループの割合は、前年度の67%（3グループ中2グループ）から今年度は33%（3グループ中1グループ）に減った。",
		"前年度に実施していた項目を今年度は実施していないグループが2グループある（区中央部：項目6及び7、区南部：項目5及び7）。",
		"区南部の開始年月が前年度の報告と異なる。",
		"区中央部の項目3（連携リストの作成・配布）の配布先の施設数が、前年度から30%を超えて増減した。",
		"今年度に提出された3件のファイルはすべて受理したが、うち1件に確認を要する点（注意1件）がある。",
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
	if want := []string{"平成30年度の報告はない。", "前年度以前の報告が保存されていないため、前年度との比較及び推移は示していない。"}; !reflect.DeepEqual(a.Summary, want) || a.Groups != 0 || len(a.Issues) != 0 || len(a.Items) != 8 || len(a.Trend) != 0 {
		t.Errorf("Analyze of nothing = %+v; want 8 empty items and %q", a, want)
	}
}

// TestChangeSentences covers the sentences on the changes from the
// earlier year: each is judged on the groups that reported in both years
// (Compared), whatever the counts of all groups each year did.
func TestChangeSentences(t *testing.T) {
	// stat is an item done by was and is of the groups reporting both
	// years, beside counts of all the groups that move otherwise.
	stat := func(no, groups, was, is int) ItemStat {
		return ItemStat{ItemCount: ItemCount{No: no, Done: is, Reported: groups},
			Prev:     &ItemCount{No: no, Done: was + 2, Reported: groups + 3},
			Compared: &Comparison{Groups: groups, Was: was, Is: is}}
	}
	const lead = "前年度からの変化は、前年度と今年度の両方に報告のあった10グループについて比べた。"
	tests := []struct {
		name   string
		stats  []ItemStat
		groups int
		before string
		want   []string
	}{
		{"a rate that rose, though fewer groups did it than the year before", []ItemStat{stat(6, 10, 4, 5)}, 10, "前年度", []string{lead,
			"項目6を実施したグループの割合は、前年度の40%（10グループ中4グループ）から今年度は50%（10グループ中5グループ）に増えた。"}},
		{"a rate that fell", []ItemStat{stat(7, 10, 6, 3)}, 10, "前年度", []string{lead,
			"項目7を実施したグループの割合は、前年度の60%（10グループ中6グループ）から今年度は30%（10グループ中3グループ）に減った。"}},
		{"items of the same change share a sentence, in the order of their first item", []ItemStat{stat(1, 10, 10, 10), stat(6, 10, 4, 5), stat(7, 10, 8, 9), stat(8, 10, 4, 5)}, 10, "前年度", []string{lead,
			"項目6及び8を実施したグループの割合は、いずれも前年度の40%（10グループ中4グループ）から今年度は50%（10グループ中5グループ）に増えた。",
			"項目7を実施したグループの割合は、前年度の80%（10グループ中8グループ）から今年度は90%（10グループ中9グループ）に増えた。"}},
		{"a rate that stays the same, though fewer groups did it than the year before", []ItemStat{stat(1, 10, 10, 10), stat(6, 10, 3, 3)}, 10, "前年度", []string{
			"前年度と今年度の両方に報告のあった10グループでは、各項目を実施したグループの割合に前年度からの変化はない。"}},
		{"the year before that", []ItemStat{stat(6, 3, 1, 2)}, 3, "平成26年度", []string{
			"平成26年度からの変化は、平成26年度と今年度の両方に報告のあった3グループについて比べた。",
			"項目6を実施したグループの割合は、平成26年度の33%（3グループ中1グループ）から今年度は67%（3グループ中2グループ）に増えた。"}},
		{"no group reported in both years", []ItemStat{{ItemCount: ItemCount{No: 1, Done: 3, Reported: 3}, Prev: &ItemCount{No: 1, Done: 2, Reported: 2}, Compared: &Comparison{}}}, 0, "前年度", []string{
			"前年度と今年度の両方に報告のあったグループがないため、前年度からの変化は比べられない。"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := changeSentences(tt.stats, tt.groups, tt.before); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("changeSentences =\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

// TestProblemSentence covers the sentence on the year's files: rejected
// files are 不受理, never files received (受け付けた) with problems, and
// the warnings counted are those of the files accepted.
func TestProblemSentence(t *testing.T) {
	ok := Submission{File: "ok.xlsx"}
	warned := Submission{File: "warned.xlsx", Problems: []perinet.Problem{{Severity: perinet.Warning}, {Severity: perinet.Warning}}}
	bad := Submission{File: "bad.xlsx", Problems: []perinet.Problem{{Severity: perinet.Error}, {Severity: perinet.Warning}}}
	tests := []struct {
		name string
		subs []Submission
		want string
	}{
		{"no file", nil, ""},
		{"every file clean", []Submission{ok, ok}, ""},
		{"warnings alone", []Submission{ok, warned}, "今年度に提出された2件のファイルはすべて受理したが、うち1件に確認を要する点（注意2件）がある。"},
		{"a file rejected", []Submission{ok, bad}, "今年度に提出された2件のファイルのうち1件は、エラーがあるため受理していない（不受理）。"},
		{"files rejected and files with warnings", []Submission{bad, ok, warned, bad},
			"今年度に提出された4件のファイルのうち2件は、エラーがあるため受理していない（不受理）。受理した2件のうち1件に、確認を要する点（注意2件）がある。"},
	}
	for _, tt := range tests {
		if got := problemSentence(tt.subs); got != tt.want {
			t.Errorf("%s: problemSentence =\n%q\nwant\n%q", tt.name, got, tt.want)
		}
	}
}
