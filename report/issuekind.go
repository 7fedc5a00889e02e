package report

// Title returns the kind's name as the report prints it, in Japanese:
// 未提出, 不受理, 提出ファイルの問題, and so on. A kind the report does not
// know is returned as it is.
func (k IssueKind) Title() string {
	switch k {
	case NoSubmission:
		return "未提出"
	case Rejected:
		return rejectedWord
	case SubmissionProblems:
		return "提出ファイルの問題"
	case Conflict:
		return "内容の相違"
	case Superseded:
		return "差し替え"
	case Corrected:
		return "事務局による修正"
	case FewGroups:
		return "実施グループが少ない項目"
	case Stopped:
		return "実施の中止"
	case StartChanged:
		return "開始年月の変更"
	case CountMoved:
		return "配布先施設数の変動"
	}
	return string(k)
}
