package report

import (
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"perinet/normalize"
	"perinet/xlsxcell"
)

// The rows of the 課題 sheet: a title, the header row, an issue a row.
const (
	issuesHeadRow = analysisHeadRow
	issuesBodyRow = issuesHeadRow + 1
)

// issueColumns are the headings of the 課題 sheet, one a column, with the
// narrowest and widest each column may be: a column fits its longest line
// within those, and longer text wraps.
var issueColumns = []struct {
	head     string
	min, max float64
}{
	{"種別", 10, 26},   // IssueKind.Title
	{"グループ", 10, 22}, // the group concerned
	{"項目", 8, 58},    // 項目３　連携リストの作成・配布; the longest on one line
	{"ファイル", 10, 30}, // the submitted file concerned
	{"内容", 40, 70},   // the message for the committee
}

// noIssues is the row of the 課題 sheet when the analysis found none.
const noIssues = "課題なし"

// issueRows returns the cells of the 課題 sheet below its header: the
// kind, group, item, file and message of each issue, in the analysis's
// order, or one row saying there are none.
func issueRows(a Analysis) [][]string {
	if len(a.Issues) == 0 {
		return [][]string{{noIssues, "", "", "", ""}}
	}
	rows := make([][]string, 0, len(a.Issues))
	for _, is := range a.Issues {
		item := ""
		if is.Item != 0 {
			item = itemName(is.Item, itemLabel(a, is.Item))
		}
		rows = append(rows, []string{is.Kind.Title(), is.Block, item, is.File, is.Message})
	}
	return rows
}

// fitWidths returns the width of each column of issueColumns that fits
// the widest line of its heading and cells, kept within its min and max.
func fitWidths(rows [][]string) []float64 {
	widths := make([]float64, len(issueColumns))
	for j, c := range issueColumns {
		w := xlsxcell.Width(c.head)
		for _, row := range rows {
			for _, line := range strings.Split(row[j], "\n") {
				w = max(w, xlsxcell.Width(line))
			}
		}
		widths[j] = min(max(float64(w)+2, c.min), c.max) // a little room for the margins
	}
	return widths
}

// writeIssues writes the 課題 sheet: a title naming the fiscal year, the
// header row, then one row per issue, every cell text (group and file
// names come from the forms), with an autofilter on the header.
func (b *workbook) writeIssues(a Analysis) error {
	const sheet = issuesSheet
	rows := issueRows(a)
	widths := fitWidths(rows)
	spans := []span{cellSpan(1, analysisTitleRow, "課題一覧（"+normalize.FiscalYearText(a.FiscalYear)+"）", b.style.caption)}
	for j, c := range issueColumns {
		spans = append(spans, cellSpan(j+1, issuesHeadRow, c.head, b.style.header))
	}
	for i, row := range rows {
		for j, text := range row {
			spans = append(spans, cellSpan(j+1, issuesBodyRow+i, text, b.style.text))
		}
	}
	last := issuesBodyRow + len(rows) - 1
	if err := b.layOut(sheet, spans, widths, last); err != nil {
		return err
	}
	corner, err := excelize.CoordinatesToCellName(len(issueColumns), last)
	if err != nil {
		return err
	}
	if err := b.AutoFilter(sheet, "A"+strconv.Itoa(issuesHeadRow)+":"+corner, nil); err != nil {
		return err
	}
	return b.printRows(sheet, issuesHeadRow, issuesHeadRow)
}
