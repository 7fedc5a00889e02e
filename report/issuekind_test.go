package report

import "testing"

func TestIssueKindTitle(t *testing.T) {
	tests := []struct {
		kind IssueKind
		want string
	}{
		{NoSubmission, "未提出"},
		{Rejected, "不受理"},
		{SubmissionProblems, "提出ファイルの問題"},
		{Corrected, "事務局による修正"},
		{FewGroups, "実施グループが少ない項目"},
		{Stopped, "実施の中止"},
		{StartChanged, "開始年月の変更"},
		{CountMoved, "配布先施設数の変動"},
		{"new_rule", "new_rule"}, // a kind without a name yet
	}
	for _, tt := range tests {
		if got := tt.kind.Title(); got != tt.want {
			t.Errorf("%s.Title() = %q, want %q", tt.kind, got, tt.want)
		}
	}
}

// TestIssueKindTitleEvery: every kind the analysis lists has a name of
// its own.
func TestIssueKindTitleEvery(t *testing.T) {
	seen := map[string]IssueKind{}
	for _, k := range issueKinds {
		title := k.Title()
		if title == string(k) {
			t.Errorf("%s has no Japanese name", k)
		}
		if other, dup := seen[title]; dup {
			t.Errorf("%s and %s are both named %s", other, k, title)
		}
		seen[title] = k
	}
}
