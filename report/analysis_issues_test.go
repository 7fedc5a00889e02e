package report

import (
	"reflect"
	"testing"

	"perinet"
)

// TestIssues checks each rule on its own: the issues of one kind that a
// pair of years gives.
func TestIssues(t *testing.T) {
	const all = "yyyyyyyy"
	problem := func(s perinet.Severity) perinet.Problem { return perinet.Problem{Severity: s, Code: perinet.BadMark} }
	tests := []struct {
		name      string
		prevYear  int // 0: no earlier year
		prev, cur []perinet.Record
		subs      []Submission
		kind      IssueKind
		want      []Issue
	}{
		// Items fewer than half the groups do.
		{name: "half is not fewer than half", cur: []perinet.Record{groupRecord("区中央部", all), groupRecord("区南部", "yyyyy.yy")},
			kind: FewGroups},
		{name: "one of three", cur: []perinet.Record{groupRecord("区中央部", all), groupRecord("区南部", "yyyyy.yy"), groupRecord("区西部", "yyyyy.yy")},
			kind: FewGroups, want: []Issue{{Kind: FewGroups, Item: 6,
				Message: "項目6（産科セミオープンシステム・オープンシステムの検討）を実施しているグループは3グループ中1グループで、半数に満たない"}}},
		{name: "partial is not done", cur: []perinet.Record{groupRecord("区中央部", "pyyyyyyy"), groupRecord("区南部", "pyyyyyyy"), groupRecord("区西部", all)},
			kind: FewGroups, want: []Issue{{Kind: FewGroups, Item: 1,
				Message: "項目1（地域連携会議の運営等）を実施しているグループは3グループ中1グループで、半数に満たない"}}},
		{name: "item 8 (その他) is not judged", cur: []perinet.Record{groupRecord("区中央部", "yyyyyyy."), groupRecord("区南部", "yyyyyyy.")},
			kind: FewGroups},

		// Items a group did the year before and not now.
		{name: "done, then not", prevYear: 2015, prev: []perinet.Record{groupRecord("区中央部", all)},
			cur: []perinet.Record{groupRecord("区中央部", "yyyyyyn.")}, kind: Stopped, want: []Issue{
				{Kind: Stopped, Block: "区中央部", Item: 7, Message: "前年度は実施していた項目7（研修等）を、今年度は実施していない"},
				{Kind: Stopped, Block: "区中央部", Item: 8, Message: "前年度は実施していた項目8（その他）を、今年度は実施していない"},
			}},
		{name: "done, then partial", prevYear: 2015, prev: []perinet.Record{groupRecord("区南部", "y")},
			cur: []perinet.Record{groupRecord("区南部", "p")}, kind: Stopped, want: []Issue{
				{Kind: Stopped, Block: "区南部", Item: 1, Message: "前年度は実施していた項目1（地域連携会議の運営等）を、今年度は一部の実施（△）にとどまる"},
			}},
		{name: "text in place of a mark, then none", prevYear: 2015, prev: []perinet.Record{withDetails(groupRecord("区西南部", "........"), 8, "SNSの整備")},
			cur: []perinet.Record{groupRecord("区西南部", "........")}, kind: Stopped, want: []Issue{
				{Kind: Stopped, Block: "区西南部", Item: 8, Message: "前年度は実施していた項目8（その他）を、今年度は実施していない"},
			}},
		{name: "partial, then not; not done, then done", prevYear: 2015, prev: []perinet.Record{groupRecord("区西部", "p.")},
			cur: []perinet.Record{groupRecord("区西部", "ny")}, kind: Stopped},
		{name: "the year before that", prevYear: 2014, prev: []perinet.Record{groupRecord("区西部", "y")},
			cur: []perinet.Record{groupRecord("区西部", "n")}, kind: Stopped, want: []Issue{
				{Kind: Stopped, Block: "区西部", Item: 1, Message: "平成26年度は実施していた項目1（地域連携会議の運営等）を、今年度は実施していない"},
			}},
		{name: "no earlier year", cur: []perinet.Record{groupRecord("区西部", "n")}, kind: Stopped},

		// 開始年月.
		{name: "start moved", prevYear: 2015, prev: []perinet.Record{withStart(groupRecord("区南部", all), 2011, 11, 0)},
			cur: []perinet.Record{withStart(groupRecord("区南部", all), 2012, 11, 0)}, kind: StartChanged, want: []Issue{
				{Kind: StartChanged, Block: "区南部", Message: "開始年月が前年度のH23年11月から今年度はH24年11月に変わった"},
			}},
		{name: "a day written one year only", prevYear: 2015, prev: []perinet.Record{withStart(groupRecord("区南部", all), 2011, 11, 0)},
			cur: []perinet.Record{withStart(groupRecord("区南部", all), 2011, 11, 1)}, kind: StartChanged},
		{name: "days that differ", prevYear: 2015, prev: []perinet.Record{withStart(groupRecord("区南部", all), 2011, 11, 1)},
			cur: []perinet.Record{withStart(groupRecord("区南部", all), 2011, 11, 15)}, kind: StartChanged, want: []Issue{
				{Kind: StartChanged, Block: "区南部", Message: "開始年月が前年度のH23年11月1日から今年度はH23年11月15日に変わった"},
			}},
		{name: "a start missing one year", prevYear: 2015, prev: []perinet.Record{groupRecord("区南部", all)},
			cur: []perinet.Record{withStart(groupRecord("区南部", all), 2011, 11, 0)}, kind: StartChanged},

		// Facility counts: more than 30%.
		{name: "30% exactly", prevYear: 2015, prev: []perinet.Record{withFacilities(groupRecord("区中央部", all), 100), withFacilities(groupRecord("区南部", all), 100)},
			cur: []perinet.Record{withFacilities(groupRecord("区中央部", all), 130), withFacilities(groupRecord("区南部", all), 70)}, kind: CountMoved},
		{name: "more than 30%, up and down", prevYear: 2015, prev: []perinet.Record{withFacilities(groupRecord("区中央部", all), 100), withFacilities(groupRecord("区南部", all), 100)},
			cur: []perinet.Record{withFacilities(groupRecord("区南部", all), 69), withFacilities(groupRecord("区中央部", all), 131)}, kind: CountMoved, want: []Issue{
				{Kind: CountMoved, Block: "区中央部", Item: 3, Message: "項目3（連携リストの作成・配布）の配布先が前年度の100施設から今年度は131施設に変わった（31%増）"},
				{Kind: CountMoved, Block: "区南部", Item: 3, Message: "項目3（連携リストの作成・配布）の配布先が前年度の100施設から今年度は69施設に変わった（31%減）"},
			}},
		{name: "from zero", prevYear: 2015, prev: []perinet.Record{withFacilities(groupRecord("区中央部", all), 0), withFacilities(groupRecord("区南部", all), 0)},
			cur: []perinet.Record{withFacilities(groupRecord("区中央部", all), 5), withFacilities(groupRecord("区南部", all), 0)}, kind: CountMoved, want: []Issue{
				{Kind: CountMoved, Block: "区中央部", Item: 3, Message: "項目3（連携リストの作成・配布）の配布先が前年度の0施設から今年度は5施設に変わった（0施設からの増加）"},
			}},
		{name: "a note in place of a number", prevYear: 2015, prev: []perinet.Record{withDetails(groupRecord("西多摩", all), 3, "多摩地域全体分を杏林大が集約・配付")},
			cur: []perinet.Record{withFacilities(groupRecord("西多摩", all), 40)}, kind: CountMoved},

		// Groups that did not report.
		{name: "no submission", prevYear: 2015, prev: []perinet.Record{groupRecord("区西部", all), groupRecord("区中央部", all), groupRecord("区東部", all)},
			cur: []perinet.Record{groupRecord("区中央部", all)}, kind: NoSubmission, want: []Issue{
				{Kind: NoSubmission, Block: "区西部", Message: "前年度は報告があったが、今年度の報告がない"},
				{Kind: NoSubmission, Block: "区東部", Message: "前年度は報告があったが、今年度の報告がない"},
			}},
		{name: "nothing at all this year", prevYear: 2015, prev: []perinet.Record{groupRecord("区西部", all)},
			kind: NoSubmission, want: []Issue{
				{Kind: NoSubmission, Block: "区西部", Message: "前年度は報告があったが、今年度の報告がない"},
			}},
		{name: "a group whose file was rejected has sent something", prevYear: 2015, prev: []perinet.Record{groupRecord("区西部", all), groupRecord("区東部", all)},
			subs: []Submission{{File: "form-04.xlsx", Blocks: []string{"区西部"}, Problems: []perinet.Problem{problem(perinet.Error)}}},
			kind: NoSubmission, want: []Issue{
				{Kind: NoSubmission, Block: "区東部", Message: "前年度は報告があったが、今年度の報告がない"},
			}},

		// Groups whose files were all rejected.
		{name: "rejected files, of a group that reported the year before and of one that did not",
			prevYear: 2015, prev: []perinet.Record{groupRecord("区西部", all)}, cur: []perinet.Record{groupRecord("区中央部", all)},
			subs: []Submission{
				{File: "form-04.xlsx", Blocks: []string{"区西部"}, Problems: []perinet.Problem{problem(perinet.Error)}},
				{File: "form-12.xlsx", Blocks: []string{"北多摩西部"}, Problems: []perinet.Problem{problem(perinet.Error)}},
				{File: "form-04-2.xlsx", Blocks: []string{"区西部"}, Problems: []perinet.Problem{problem(perinet.Error), problem(perinet.Warning)}},
			}, kind: Rejected, want: []Issue{
				{Kind: Rejected, Block: "区西部", File: "form-04.xlsx、form-04-2.xlsx", Message: "提出があったが、不備があり受理されていない（form-04.xlsx、form-04-2.xlsx）"},
				{Kind: Rejected, Block: "北多摩西部", File: "form-12.xlsx", Message: "提出があったが、不備があり受理されていない（form-12.xlsx）"},
			}},
		{name: "a rejected file, then an accepted one", cur: []perinet.Record{groupRecord("区西部", all)},
			subs: []Submission{
				{File: "form-04.xlsx", Blocks: []string{"区西部"}, Problems: []perinet.Problem{problem(perinet.Error)}},
				{File: "form-04-2.xlsx", Blocks: []string{"区西部"}},
			}, kind: Rejected},
		{name: "a file with warnings alone is accepted", subs: []Submission{{File: "form-04.xlsx", Blocks: []string{"区西部"}, Problems: []perinet.Problem{problem(perinet.Warning)}}},
			kind: Rejected},
		{name: "a rejected group does not stop an item", prevYear: 2015, prev: []perinet.Record{groupRecord("区西部", all)},
			subs: []Submission{{File: "form-04.xlsx", Blocks: []string{"区西部"}, Problems: []perinet.Problem{problem(perinet.Error)}}},
			kind: Stopped},

		// Files with problems.
		{name: "files with problems", cur: []perinet.Record{groupRecord("区中央部", all), groupRecord("区南部", all)}, subs: []Submission{
			{File: "table.xlsx", Blocks: []string{"区南部", "区中央部"}, Problems: []perinet.Problem{problem(perinet.Error), problem(perinet.Warning), problem(perinet.Error)}},
			{File: "clean.xlsx", Blocks: []string{"区中央部"}},
			{File: "form-02.xlsx", Blocks: []string{"区南部"}, Problems: []perinet.Problem{problem(perinet.Warning)}},
			{File: "broken.xlsx", Problems: []perinet.Problem{{Severity: perinet.Error, Code: perinet.UnreadableFile}}},
		}, kind: SubmissionProblems, want: []Issue{
			{Kind: SubmissionProblems, File: "broken.xlsx", Message: "broken.xlsx（グループを読み取れず）：不受理（エラー1件）"},
			{Kind: SubmissionProblems, File: "table.xlsx", Message: "table.xlsx（区中央部、区南部）：不受理（エラー2件、注意1件）"},
			{Kind: SubmissionProblems, Block: "区南部", File: "form-02.xlsx", Message: "form-02.xlsx（区南部）：受理（注意1件）"},
		}},
	}
	for _, tt := range tests {
		records := map[int][]perinet.Record{2016: tt.cur}
		if tt.prevYear != 0 {
			records[tt.prevYear] = tt.prev
		}
		a := Analyze(Input{FiscalYear: 2016, Records: records, Submissions: tt.subs})
		var got []Issue
		for _, is := range a.Issues {
			if is.Kind == tt.kind {
				got = append(got, is)
			}
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: %s issues\n%+v\nwant\n%+v", tt.name, tt.kind, got, tt.want)
		}
	}
}

// TestFewGroupsOpen judges every item by how many groups do it but the
// ones the survey marks open-ended.
func TestFewGroupsOpen(t *testing.T) {
	open := perinet.DefaultSurvey()
	closed := perinet.DefaultSurvey()
	closed.Items[7].Open = false
	tests := []struct {
		survey *perinet.Survey
		c      ItemCount
		want   bool
	}{
		{open, ItemCount{No: 1, Done: 6, Reported: 14}, true},
		{open, ItemCount{No: 1, Done: 7, Reported: 14}, false},
		{open, ItemCount{No: 8, Done: 1, Reported: 14}, false},
		{closed, ItemCount{No: 8, Done: 1, Reported: 14}, true},
		{open, ItemCount{No: 1, Done: 0, Reported: 0}, false},
	}
	for _, tt := range tests {
		if got := fewGroups(tt.survey, tt.c); got != tt.want {
			t.Errorf("fewGroups(item %d open %v, %+v) = %v", tt.c.No, tt.survey.Items[7].Open, tt.c, got)
		}
	}
}
