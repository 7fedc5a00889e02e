package report

import (
	"fmt"
	"slices"
	"strconv"

	"perinet"
)

// pdfQualityPages lays out 提出状況及びデータの確認: an overview, the files
// received with the groups read from each and their errors and warnings,
// the groups that did not report, every problem of each file with its
// place, and the other issues by kind.
func pdfQualityPages(s *pdfSetter, doc PDFDoc) []pdfPage {
	a := doc.Analysis
	order := newBlockOrder(doc.Survey)
	f := &pdfFlow{s: s}
	f.heading("提出状況及びデータの確認")
	f.para(pdfQualityOverview(a), 0, pdfTextLead/2)
	pdfReceived(f, a.Submissions, order)
	pdfUnreported(f, a)
	pdfFileProblems(f, a.Submissions, order)
	pdfOtherIssues(f, a.Issues)
	return f.pages
}

// pdfQualityOverview says in a few sentences what the page lists: how
// many files came and how many have errors or warnings, how many groups
// did not report and how many other issues there are.
func pdfQualityOverview(a Analysis) string {
	text := "提出ファイルの記録なし。"
	if len(a.Submissions) > 0 {
		withErrors, withWarnings := 0, 0
		for _, sub := range a.Submissions {
			switch errs, warns := perinet.Tally(sub.Problems); {
			case errs > 0:
				withErrors++
			case warns > 0:
				withWarnings++
			}
		}
		text = fmt.Sprintf("受け付けたファイルは%d件で、うちエラーのあるものが%d件、注意のみのものが%d件。",
			len(a.Submissions), withErrors, withWarnings)
	}
	if a.Previous != 0 {
		text += fmt.Sprintf("%sに報告があり今年度の報告がないグループは%dグループ。",
			yearWord(a.FiscalYear, a.Previous), len(pdfIssuesOf(a.Issues, NoSubmission)))
	}
	return text + fmt.Sprintf("その他の確認事項は%d件。", len(pdfOtherIssueList(a.Issues)))
}

// pdfTableStart is the room a titled table needs on a page: its title,
// header and first row of one line.
const pdfTableStart = pdfTextLead + 2*(pdfRowLead+2*pdfRowPad)

// section sets a numbered section's heading, on a new page unless there
// is room below it for a few lines.
func (f *pdfFlow) section(text string) {
	f.keep(4 * pdfTextLead)
	f.line(f.s.clean(text), pdfTextSize+1, pdfTextLead, 0)
}

// subsection sets the line above a table, on a new page unless the
// table's header and first row fit below it.
func (f *pdfFlow) subsection(text string) {
	f.keep(pdfTableStart)
	f.para(text, pdfTextSize, 0)
}

// pdfReceived lists the files received: each file's name, the groups
// read from it, its errors and warnings, and whether it can be accepted.
func pdfReceived(f *pdfFlow, subs []Submission, order blockOrder) {
	title := fmt.Sprintf("１　受け付けたファイル（%d件）", len(subs))
	f.section(title)
	if len(subs) == 0 {
		f.para("提出ファイルの記録なし", pdfTextSize, pdfTextLead/2)
		return
	}
	t := pdfTable{
		title:  title,
		heads:  []string{"No.", "ファイル名", "読み取ったグループ", perinet.Error.Label(), perinet.Warning.Label(), "判定"},
		widths: []float64{4, 31, 35, 7, 7, 9},
		centre: []bool{true, false, false, true, true, true},
		indent: pdfTextSize,
	}
	var rows []pdfTableRow
	for i, sub := range subs {
		errs, warns := perinet.Tally(sub.Problems)
		verdict, tint := pdfVerdict(errs, warns)
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

// pdfVerdict says whether a file can be accepted, and the tint that
// makes a doubtful one stand out: 要修正 with errors, 要確認 with warnings
// alone.
func pdfVerdict(errs, warns int) (string, *pdfPen) {
	switch {
	case errs > 0:
		return "要修正", pdfTint(perinet.Error)
	case warns > 0:
		return "要確認", pdfTint(perinet.Warning)
	}
	return "受付可", nil
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

// pdfUnreported lists the groups that reported the year before and not
// this year.
func pdfUnreported(f *pdfFlow, a Analysis) {
	missing := pdfIssuesOf(a.Issues, NoSubmission)
	title := fmt.Sprintf("２　%sのグループ（%d）", NoSubmission.Title(), len(missing))
	f.section(title)
	switch {
	case a.Previous == 0:
		f.para("前年度の記録がないため、報告のないグループは判定できない。", pdfTextSize, pdfTextLead/2)
	case len(missing) == 0:
		f.para("なし（"+yearWord(a.FiscalYear, a.Previous)+"に報告のあったグループはすべて報告している）", pdfTextSize, pdfTextLead/2)
	default:
		pdfIssueTable(f, title, missing)
	}
}

// pdfFileProblems lists every problem of each file that has any: its
// severity, its place (the cell or page), the Record field, the text as
// written and the message.
func pdfFileProblems(f *pdfFlow, subs []Submission, order blockOrder) {
	f.section("３　ファイルごとの指摘")
	if len(subs) == 0 {
		f.para("提出ファイルの記録なし", pdfTextSize, pdfTextLead/2)
		return
	}
	t := pdfTable{
		heads:  []string{"区分", "場所", "データ項目", "記載内容", "指摘"},
		widths: []float64{7, 15, 14, 18, 46},
		centre: []bool{true, false, false, false, false},
		indent: pdfTextSize,
	}
	listed := 0
	for _, sub := range subs {
		if len(sub.Problems) == 0 {
			continue
		}
		listed++
		t.title = "■ " + sub.File + "（" + pdfBlocksOf(sub, order) + "）　" + problemText(perinet.Tally(sub.Problems))
		f.subsection(t.title)
		var rows []pdfTableRow
		for _, p := range sub.Problems {
			rows = append(rows, pdfTableRow{tint: pdfTint(p.Severity),
				cells: pdfProblemCells(p)})
		}
		f.table(t, rows)
	}
	if listed == 0 {
		f.para("指摘なし", pdfTextSize, pdfTextLead/2)
	}
}

// pdfOtherIssues lists the issues that are neither a missing report nor a
// file's problems (listed above), by kind, each with its group and item.
// The issues come sorted by kind, as Analyze gives them.
func pdfOtherIssues(f *pdfFlow, issues []Issue) {
	f.section("４　その他の確認事項")
	other := pdfOtherIssueList(issues)
	if len(other) == 0 {
		f.para("なし", pdfTextSize, pdfTextLead/2)
	}
	for i := 0; i < len(other); {
		j := i + 1
		for j < len(other) && other[j].Kind == other[i].Kind {
			j++
		}
		title := fmt.Sprintf("■ %s（%d件）", other[i].Kind.Title(), j-i)
		f.subsection(title)
		pdfIssueTable(f, title, other[i:j])
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
		indent: pdfTextSize,
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

// pdfIssuesOf returns the issues of kind.
func pdfIssuesOf(issues []Issue, kind IssueKind) []Issue {
	var out []Issue
	for _, is := range issues {
		if is.Kind == kind {
			out = append(out, is)
		}
	}
	return out
}

// pdfOtherIssueList returns the issues the page lists under その他の確認事項.
func pdfOtherIssueList(issues []Issue) []Issue {
	var out []Issue
	for _, is := range issues {
		if is.Kind != NoSubmission && is.Kind != SubmissionProblems {
			out = append(out, is)
		}
	}
	return out
}
