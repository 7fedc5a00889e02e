package report

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"perinet"
)

// pdfQualityText returns the squashed text of the pages from 提出状況及び
// データの確認 to the end, and how many pages they are.
func pdfQualityText(t *testing.T, doc PDFDoc) (string, int) {
	t.Helper()
	pages := pdfPages(pdfToText(t, writePDF(t, doc)))
	for i, p := range pages {
		if strings.HasPrefix(pdfSquash(p), "提出状況及びデータの確認") {
			return pdfSquash(strings.Join(pages[i:], "\n")), len(pages) - i
		}
	}
	t.Fatal("no page starts with 提出状況及びデータの確認")
	return "", 0
}

func TestWritePDFQuality(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	doc := twoYearDoc(t)
	text, _ := pdfQualityText(t, doc)
	a := doc.Analysis
	accepted, rejected := pdfSplitFiles(a.Submissions)
	if len(accepted) != 13 || len(rejected) != 2 {
		t.Fatalf("%d files accepted and %d rejected, want 13 and 2", len(accepted), len(rejected))
	}
	for _, part := range []struct {
		head string
		subs []Submission
	}{{"■受理したファイル（13件）", accepted}, {"■不受理のファイル（2件）", rejected}} {
		for i, sub := range part.subs {
			errs, warns := perinet.Tally(sub.Problems)
			verdict, _ := pdfVerdict(sub)
			row := []string{strconv.Itoa(i + 1), sub.File, blockList(sub.Blocks), strconv.Itoa(errs), strconv.Itoa(warns), verdict}
			if !pdfInOrder(text, "１提出されたファイル（15件）", part.head, strings.Join(row, "")) {
				t.Errorf("the files received have no row %q under %s", row, part.head)
			}
		}
	}
	for _, sub := range a.Submissions {
		for _, p := range sub.Problems {
			row := pdfProblemCells(p)
			if !pdfInOrder(text, "■"+sub.File, acceptance(sub), strings.Join(row, "")) {
				t.Errorf("%s: no problem %q under the file's name", sub.File, row)
			}
		}
	}
	if !pdfInOrder(text, "２未提出及び不受理のグループ（1）", "■不受理（1件）", "区南部", "提出があったが、不備があり受理されていない（form-02-kunanbu.xlsx）") {
		t.Errorf("区南部 is not listed as 不受理:\n%s", text)
	}
	for _, is := range pdfOtherIssueList(a.Issues) {
		if !pdfInOrder(text, "その他の確認事項", is.Kind.Title(), is.Message) {
			t.Errorf("no issue %q under %s", is.Message, is.Kind.Title())
		}
	}
	overview := "提出されたファイルは15件で、うち13件を受理し、2件はエラーがあるため受理していない（不受理）。受理したファイルのうち注意のあるものは1件。" +
		"前年度に報告があり今年度は提出のないグループ（未提出）は0グループ、提出があったが受理されていないグループ（不受理）は1グループ。その他の確認事項は"
	if !strings.Contains(text, overview) {
		t.Errorf("the overview does not count the files and groups:\n%s", text)
	}
	if strings.Contains(text, "受け付け") {
		t.Errorf("the page says 受け付け of files some of which were rejected:\n%s", text)
	}
}

func TestWritePDFQualityNoSubmissions(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	text, pages := pdfQualityText(t, fy2016Doc(t))
	if got := strings.Count(text, "提出ファイルの記録なし"); got < 2 {
		t.Errorf("提出ファイルの記録なし appears %d times, want it for the files received and their problems:\n%s", got, text)
	}
	if !strings.Contains(text, "前年度以前の報告が保存されていないため、未提出のグループは判定できない。") {
		t.Errorf("without an earlier year, the page does not say that missing groups cannot be told:\n%s", text)
	}
	if pages != 1 {
		t.Errorf("the page runs over %d pages, want 1", pages)
	}
}

func TestWritePDFQualityMissingGroup(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	doc := fy2016Doc(t)
	without := doc.Records[1:]
	doc.Analysis = Analyze(Input{FiscalYear: 2016, Records: map[int][]perinet.Record{2015: fixtureRecords(t, 2015), 2016: without}})
	text, _ := pdfQualityText(t, doc)
	missing := pdfIssuesOf(doc.Analysis.Issues, NoSubmission)
	if len(missing) != 1 {
		t.Fatalf("%d groups not reporting, want 1", len(missing))
	}
	if !pdfInOrder(text, "未提出及び不受理のグループ（1）", "■未提出（1件）", "区中央部", missing[0].Message) {
		t.Errorf("区中央部 is not listed as not reporting:\n%s", text)
	}
}

// TestWritePDFQualityLong gives a file more problems than a page holds:
// the list runs onto further pages, its header on each, and no problem is
// lost.
func TestWritePDFQualityLong(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	doc := fy2016Doc(t)
	sub := Submission{File: "table-all.xlsx", Blocks: []string{"区中央部", "区南部"}}
	for i := range 150 {
		sub.Problems = append(sub.Problems, perinet.Problem{Severity: perinet.Warning, Code: perinet.BadMark,
			Where: fmt.Sprintf("一覧!E%d", i+5), Field: "items.4", Text: "？",
			Message: fmt.Sprintf("「？」は印として読めません（%d件目）。○、×、△のいずれかで書いてください", i+1)})
	}
	doc.Analysis.Submissions = []Submission{sub}
	text, pages := pdfQualityText(t, doc)
	var messages []string
	for _, p := range sub.Problems {
		messages = append(messages, p.Message)
	}
	if !pdfInOrder(text, messages...) {
		t.Error("the problems are not all listed, in order")
	}
	if pages < 3 {
		t.Errorf("150 problems take %d pages, want at least 3", pages)
	}
	if got := strings.Count(text, "区分場所データ項目記載内容指摘"); got != pages {
		t.Errorf("the problems' header appears %d times, want once on each of %d pages", got, pages)
	}
}

// TestWritePDFQualityMissingGlyphs names a file with a character the font
// lacks: the page draws it as 〓 and WritePDF says which.
func TestWritePDFQualityMissingGlyphs(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	doc := twoYearDoc(t)
	doc.Analysis.Submissions[0].File = "報告😀.xlsx"
	var buf bytes.Buffer
	var missing *MissingGlyphsError
	if err := WritePDF(&buf, doc); !errors.As(err, &missing) || len(missing.Missing) != 1 || missing.Missing[0].Rune != '😀' {
		t.Fatalf("WritePDF = %v, want a *MissingGlyphsError for 😀", err)
	}
	if text := pdfToText(t, buf.Bytes()); !strings.Contains(text, "報告〓.xlsx") {
		t.Errorf("the file's name is not drawn with 〓:\n%s", text)
	}
}

// TestPDFQualityOverview covers the overview's wordings: the files
// accepted and rejected, and the groups that sent nothing (only with an
// earlier year) or whose files were all rejected.
func TestPDFQualityOverview(t *testing.T) {
	ok := Submission{File: "ok.xlsx"}
	warned := Submission{File: "warned.xlsx", Problems: []perinet.Problem{{Severity: perinet.Warning}}}
	bad := Submission{File: "bad.xlsx", Problems: []perinet.Problem{{Severity: perinet.Error}}}
	issues := []Issue{{Kind: NoSubmission, Block: "区東北部"}, {Kind: Rejected, Block: "区西南部"}, {Kind: Rejected, Block: "区西部"},
		{Kind: SubmissionProblems, File: "bad.xlsx"}, {Kind: FewGroups, Item: 6}}
	tests := []struct {
		name string
		a    Analysis
		want string
	}{
		{"nothing", Analysis{FiscalYear: 2016},
			"提出ファイルの記録なし。提出があったが受理されていないグループ（不受理）は0グループ。その他の確認事項は0件。"},
		{"every file accepted", Analysis{FiscalYear: 2016, Previous: 2015, Submissions: []Submission{ok, ok}},
			"提出されたファイルは2件で、すべて受理した。前年度に報告があり今年度は提出のないグループ（未提出）は0グループ、提出があったが受理されていないグループ（不受理）は0グループ。その他の確認事項は0件。"},
		{"rejected, missing and warned", Analysis{FiscalYear: 2016, Previous: 2014, Submissions: []Submission{ok, bad, warned, bad}, Issues: issues},
			"提出されたファイルは4件で、うち2件を受理し、2件はエラーがあるため受理していない（不受理）。受理したファイルのうち注意のあるものは1件。" +
				"平成26年度に報告があり今年度は提出のないグループ（未提出）は1グループ、提出があったが受理されていないグループ（不受理）は2グループ。その他の確認事項は1件。"},
	}
	for _, tt := range tests {
		if got := pdfQualityOverview(tt.a); got != tt.want {
			t.Errorf("%s: pdfQualityOverview =\n%q\nwant\n%q", tt.name, got, tt.want)
		}
	}
}
