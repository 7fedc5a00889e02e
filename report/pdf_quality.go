package report

import (
	"fmt"
	"slices"
	"strconv"

	"perinet"
)

// pdfQualityPages lays out 提出状況及びデータの確認: an overview, the files
// received, accepted and rejected apart, with the groups read from each
// and their errors and warnings, the groups that sent nothing or whose
// files were all rejected, every problem of each file with its place, and
// the other issues by kind.
func pdfQualityPages(s *pdfSetter, doc PDFDoc) []pdfPage {
	a := doc.Analysis
	order := newBlockOrder(doc.Survey)
	f := &pdfFlow{s: s}
	f.heading("提出状況及びデータの確認")
	f.para(pdfQualityOverview(a), 0, s.sheet.textLead()/2)
	pdfReceived(f, a.Submissions, order)
	pdfUnreported(f, a)
	pdfFileProblems(f, a.Submissions, order)
	pdfOtherIssues(f, a.Issues)
	return f.pages
}

// pdfQualityOverview says in a few sentences what the page lists: how
// many files came, how many were accepted (and of them how many with
// warnings) and how many rejected, how many groups sent nothing or had
// their files rejected, and how many other issues there are.
func pdfQualityOverview(a Analysis) string {
	t := tallyFiles(a.Submissions)
	var text string
	switch {
	case t.files == 0:
		text = "提出ファイルの記録なし。"
	case t.rejected == 0:
		text = fmt.Sprintf("提出されたファイルは%d件で、すべて受理した。", t.files)
	default:
		text = fmt.Sprintf("提出されたファイルは%d件で、うち%d件を受理し、%d件はエラーがあるため受理していない（%s）。",
			t.files, t.files-t.rejected, t.rejected, rejectedWord)
	}
	if t.warned > 0 {
		text += fmt.Sprintf("受理したファイルのうち注意のあるものは%d件。", t.warned)
	}
	if a.Previous != 0 {
		text += fmt.Sprintf("%sに報告があり今年度は提出のないグループ（%s）は%dグループ、",
			yearWord(a.FiscalYear, a.Previous), NoSubmission.Title(), len(pdfIssuesOf(a.Issues, NoSubmission)))
	}
	text += fmt.Sprintf("提出があったが受理されていないグループ（%s）は%dグループ。", Rejected.Title(), len(pdfIssuesOf(a.Issues, Rejected)))
	return text + fmt.Sprintf("その他の確認事項は%d件。", len(pdfOtherIssueList(a.Issues)))
}

// section sets a numbered section's heading, on a new page unless there
// is room below it for a few lines.
func (f *pdfFlow) section(text string) {
	sh := f.s.sheet
	f.keep(4 * sh.textLead())
	f.line(f.s.clean(text), sh.textSize+1, sh.textLead(), 0)
}

// subsection sets the line above a table, on a new page unless the
// table's title, header and first row of one line fit below it.
func (f *pdfFlow) subsection(text string) {
	sh := f.s.sheet
	f.keep(sh.textLead() + 2*(sh.rowLead()+2*sh.rowPad))
	f.para(text, sh.textSize, 0)
}

// note sets a short paragraph under a section's heading, indented as the
// section's tables are, with space below it.
func (f *pdfFlow) note(text string) {
	sh := f.s.sheet
	f.para(text, sh.textSize, sh.textLead()/2)
}

// pdfReceived lists the files received, those accepted and those
// rejected under headings of their own: each file's name, the groups
// read from it, its errors and warnings, and what became of it.
func pdfReceived(f *pdfFlow, subs []Submission, order blockOrder) {
	f.section(fmt.Sprintf("１　提出されたファイル（%d件）", len(subs)))
	if len(subs) == 0 {
		f.note("提出ファイルの記録なし")
		return
	}
	accepted, rejected := pdfSplitFiles(subs)
	pdfFileTable(f, "■ "+acceptedWord+"したファイル", accepted, order)
	pdfFileTable(f, "■ "+rejectedWord+"のファイル", rejected, order)
}

// pdfSplitFiles parts the files received into those accepted and those
// rejected, each in the order given.
func pdfSplitFiles(subs []Submission) (accepted, rejected []Submission) {
	for _, sub := range subs {
		if rejectedFile(sub) {
			rejected = append(rejected, sub)
		} else {
			accepted = append(accepted, sub)
		}
	}
	return accepted, rejected
}

// pdfFileTable lists files under head and their number, or says there
// are none.
func pdfFileTable(f *pdfFlow, head string, subs []Submission, order blockOrder) {
	title := fmt.Sprintf("%s（%d件）", head, len(subs))
	f.subsection(title)
	if len(subs) == 0 {
		f.note("なし")
		return
	}
	t := pdfTable{
		title:  title,
		heads:  []string{"No.", "ファイル名", "読み取ったグループ", perinet.Error.Label(), perinet.Warning.Label(), "判定"},
		widths: []float64{4, 31, 35, 7, 7, 9},
		centre: []bool{true, false, false, true, true, true},
		indent: f.s.sheet.textSize,
	}
	var rows []pdfTableRow
	for i, sub := range subs {
		errs, warns := perinet.Tally(sub.Problems)
		verdict, tint := pdfVerdict(sub)
		rows = append(rows, pdfTableRow{tint: tint, cells: []string{strconv.Itoa(i + 1), sub.File,
			pdfBlocksOf(sub, order), strconv.Itoa(errs), strconv.Itoa(warns), verdict}})
	}
	f.table(t, rows)
}

// pdfBlocksOf names the groups read from a file, in survey order.
func pdfBlocksOf(sub Submission, order blockOrder) string {
	blocks := slices.Clone(sub.Blocks)
	order.sort(blocks)
	return blockList(blocks)
}

// pdfVerdict says what became of a file, and the tint that makes a
// doubtful one stand out: 不受理 with errors, 受理（要確認） with warnings
// alone.
func pdfVerdict(sub Submission) (string, *pdfPen) {
	_, warns := perinet.Tally(sub.Problems)
	switch {
	case rejectedFile(sub):
		return acceptance(sub), pdfTint(perinet.Error)
	case warns > 0:
		return acceptance(sub) + "（要確認）", pdfTint(perinet.Warning)
	}
	return acceptance(sub), nil
}

// pdfTint is the light colour behind a row with an error (red) or a
// warning (yellow); it prints as a light grey.
func pdfTint(sev perinet.Severity) *pdfPen {
	if sev == perinet.Error {
		return &pdfPen{rgb: [3]uint8{250, 212, 204}}
	}
	return &pdfPen{rgb: [3]uint8{255, 241, 190}}
}

// pdfProblemCells returns a problem's row of the table: its severity, the
// cell as the secretariat finds it (B4 for a CSV file's r4c2), the field
// as the form heads it (項目3の配布先), the text as written and the message.
func pdfProblemCells(p perinet.Problem) []string {
	field := perinet.FieldLabel(p.Field)
	if field == "" {
		field = p.Field
	}
	return []string{p.Severity.Label(), perinet.CellName(p.Where), field, p.Text, p.Message}
}

// pdfUnreported lists the groups without a Record this year that the
// report names: those that reported the year before and sent nothing
// (未提出), and those whose files were all rejected (不受理), each kind
// under its own heading.
func pdfUnreported(f *pdfFlow, a Analysis) {
	absent := pdfIssuesOf(a.Issues, NoSubmission, Rejected)
	f.section(fmt.Sprintf("２　%s及び%sのグループ（%d）", NoSubmission.Title(), Rejected.Title(), len(absent)))
	if a.Previous == 0 {
		f.note("前年度以前の報告が保存されていないため、" + NoSubmission.Title() + "のグループは判定できない。")
	} else if len(absent) == 0 {
		f.note("なし（" + yearWord(a.FiscalYear, a.Previous) + "に報告のあったグループはすべて報告している）")
	}
	pdfIssueGroups(f, absent)
}

// pdfFileProblems lists every problem of each file that has any: its
// severity, its place (the cell or page), the Record field, the text as
// written and the message.
func pdfFileProblems(f *pdfFlow, subs []Submission, order blockOrder) {
	f.section("３　ファイルごとの指摘")
	if len(subs) == 0 {
		f.note("提出ファイルの記録なし")
		return
	}
	t := pdfTable{
		heads:  []string{"区分", "場所", "データ項目", "記載内容", "指摘"},
		widths: []float64{7, 15, 14, 18, 46},
		centre: []bool{true, false, false, false, false},
		indent: f.s.sheet.textSize,
	}
	listed := 0
	for _, sub := range subs {
		if len(sub.Problems) == 0 {
			continue
		}
		listed++
		t.title = "■ " + sub.File + "（" + pdfBlocksOf(sub, order) + "）　" + acceptance(sub) + "（" + problemText(perinet.Tally(sub.Problems)) + "）"
		f.subsection(t.title)
		var rows []pdfTableRow
		for _, p := range sub.Problems {
			rows = append(rows, pdfTableRow{tint: pdfTint(p.Severity),
				cells: pdfProblemCells(p)})
		}
		f.table(t, rows)
	}
	if listed == 0 {
		f.note("指摘なし")
	}
}

// pdfOtherIssues lists the issues that are neither a group without a
// Record nor a file's problems (listed above), by kind, each with its
// group and item.
func pdfOtherIssues(f *pdfFlow, issues []Issue) {
	f.section("４　その他の確認事項")
	other := pdfOtherIssueList(issues)
	if len(other) == 0 {
		f.note("なし")
	}
	pdfIssueGroups(f, other)
}

// pdfIssueGroups lists issues kind by kind, each kind under a line naming
// it and counting its issues. The issues come sorted by kind, as Analyze
// gives them.
func pdfIssueGroups(f *pdfFlow, issues []Issue) {
	for i := 0; i < len(issues); {
		j := i + 1
		for j < len(issues) && issues[j].Kind == issues[i].Kind {
			j++
		}
		title := fmt.Sprintf("■ %s（%d件）", issues[i].Kind.Title(), j-i)
		f.subsection(title)
		pdfIssueTable(f, title, issues[i:j])
		i = j
	}
}

// pdfIssueTable lists issues, under title, with their group and item,
// "－" for none.
func pdfIssueTable(f *pdfFlow, title string, issues []Issue) {
	t := pdfTable{
		title:  title,
		heads:  []string{"グループ", "項目", "内容"},
		widths: []float64{18, 8, 74},
		centre: []bool{false, true, false},
		indent: f.s.sheet.textSize,
	}
	rows := make([]pdfTableRow, len(issues))
	for i, is := range issues {
		block, item := is.Block, "－"
		if block == "" {
			block = "－"
		}
		if is.Item != 0 {
			item = strconv.Itoa(is.Item)
		}
		rows[i] = pdfTableRow{cells: []string{block, item, is.Message}}
	}
	f.table(t, rows)
}

// pdfIssuesOf returns the issues of the kinds given, in their order.
func pdfIssuesOf(issues []Issue, kinds ...IssueKind) []Issue {
	var out []Issue
	for _, is := range issues {
		if slices.Contains(kinds, is.Kind) {
			out = append(out, is)
		}
	}
	return out
}

// pdfOtherIssueList returns the issues the page lists under その他の確認事項.
func pdfOtherIssueList(issues []Issue) []Issue {
	var out []Issue
	for _, is := range issues {
		if !slices.Contains([]IssueKind{NoSubmission, Rejected, SubmissionProblems}, is.Kind) {
			out = append(out, is)
		}
	}
	return out
}
