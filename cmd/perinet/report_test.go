package main

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"perinet"
	"perinet/intake"
	"perinet/report"

	"github.com/xuri/excelize/v2"
)

// fixtureGlob returns the committed files that match a pattern under fixtures/.
func fixtureGlob(t *testing.T, pattern string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "fixtures", pattern))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures %s: %v", pattern, err)
	}
	return files
}

// runReportIn runs perinet report into a new folder and returns the
// folder, the exit status and what was printed.
func runReportIn(t *testing.T, args ...string) (dir string, code int, stdout, stderr string) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "out")
	var out, errOut bytes.Buffer
	args = append([]string{"report", "--today", "2026-11-25", "--out", dir}, args...)
	code = run(args, strings.NewReader(""), &out, &errOut)
	return dir, code, out.String(), errOut.String()
}

// TestReportRoundTrip writes the FY2016 report from the fixtures, with
// FY2015 as the earlier year, and reads report.xlsx back with perinet
// check --json: the 実施状況 sheet gives the Records that went in; and
// reads report.pdf back the same way: its status matrix gives them too.
func TestReportRoundTrip(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	files := append(fixtureGlob(t, "fy2015/form-*.xlsx"), fixtureGlob(t, "fy2016/form-*.xlsx")...)
	dir, code, stdout, stderr := runReportIn(t, append([]string{"--year", "平成28年度"}, files...)...)
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	for _, want := range []string{"平成28年度（2016年度）の報告書を作成しました。", "グループ: 14", "提出ファイル: 14（問題のあるファイル: 0）"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout has no %q:\n%s", want, stdout)
		}
	}
	want := fixtureRecords(t, 2016)
	x, err := excelize.OpenFile(filepath.Join(dir, reportXLSX))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	props, err := x.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if props.Created != "2017-05-15T10:30:00Z" {
		t.Errorf("report.xlsx created %q, want the date of the PDF, when the latest form was saved", props.Created)
	}
	readsBack(t, dir, want)
}

// TestReportAbsentRoundTrip reports on FY2018, from which 区東北部 sent
// nothing (fixtures/history.json): its row is kept, 未提出, and reading the
// report back gives the thirteen Records that went in and none for it.
func TestReportAbsentRoundTrip(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	files := append(fixtureGlob(t, "fy2017/form-*.xlsx"), fixtureGlob(t, "fy2018/form-*.xlsx")...)
	dir, code, stdout, stderr := runReportIn(t, append([]string{"--year", "2018"}, files...)...)
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	want := fixtureRecords(t, 2018)
	if len(want) != 13 {
		t.Fatalf("fy2018-records.json: %d records, want 13", len(want))
	}
	readsBack(t, dir, want)
}

// TestReportA4RoundTrip writes the reports of FY2016 and of FY2018 (from
// which 区東北部 sent nothing) on A4, whose layout is its own, and reads
// them back: report.pdf's matrix gives the Records that went in, as on A3.
func TestReportA4RoundTrip(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	for _, tt := range []struct {
		year  string
		files []string
		want  []perinet.Record
	}{
		{"2016", fixtureGlob(t, "fy2016/form-*.xlsx"), fixtureRecords(t, 2016)},
		{"2018", append(fixtureGlob(t, "fy2017/form-*.xlsx"), fixtureGlob(t, "fy2018/form-*.xlsx")...), fixtureRecords(t, 2018)},
	} {
		dir, code, stdout, stderr := runReportIn(t, append([]string{"--year", tt.year, "--paper", "A4"}, tt.files...)...)
		if code != exitOK {
			t.Fatalf("FY%s: exit %d\n%s%s", tt.year, code, stdout, stderr)
		}
		readsBack(t, dir, tt.want)
	}
}

// TestReportWholeFolder reports on every file of FY2016's folder, where
// most groups come from several files (a form, its corrected form, the
// whole table, 多摩地域's table, a CSV export): one Record stands for each
// group, so that report.xlsx and report.pdf read back as the year's
// Records, and the files set aside are named.
func TestReportWholeFolder(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	dir, code, stdout, stderr := runReportIn(t, append([]string{"--year", "2016"}, fixtureGlob(t, "fy2016/*")...)...)
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "差し替え: 14グループ、内容の相違: 0件") {
		t.Errorf("stdout does not count the groups read from several files:\n%s", stdout)
	}
	readsBack(t, dir, fixtureRecords(t, 2016))
}

// readsBack reads report.xlsx and report.pdf of dir back with perinet
// check --json: each gives exactly the Records want, without a problem.
func readsBack(t *testing.T, dir string, want []perinet.Record) {
	t.Helper()
	for _, name := range []string{reportXLSX, reportPDF} {
		line, _, code := checkJSON(t, filepath.Join(dir, name))
		if code != exitOK || len(line.Problems) != 0 {
			t.Errorf("check %s: exit %d, problems %+v", name, code, line.Problems)
		}
		if len(line.Records) != len(want) {
			t.Fatalf("%s read back as %d records, want %d", name, len(line.Records), len(want))
		}
		for i, r := range line.Records {
			if got, w := recordJSON(t, r), recordJSON(t, want[i]); got != w {
				t.Errorf("%s: record %d read back as\n%s\nwant\n%s", name, i, got, w)
			}
		}
	}
}

// TestReportPDFText reads report.pdf's text: the year, every group, the
// date the latest form was saved, and the secretariat's notes as written.
func TestReportPDFText(t *testing.T) {
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not installed (poppler-utils)")
	}
	t.Setenv("SOURCE_DATE_EPOCH", "")
	notes := filepath.Join(t.TempDir(), "notes.txt")
	const note = "事務局より：次年度は共通診療ノートの普及状況を重点的に確認する。"
	if err := os.WriteFile(notes, []byte(note+"\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir, code, stdout, stderr := runReportIn(t, append([]string{"--notes", notes, "--paper", "Ａ４"}, fixtureGlob(t, "fy201[78]/form-*.xlsx")...)...)
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	out, err := exec.Command(pdftotext, "-raw", "-enc", "UTF-8", filepath.Join(dir, reportPDF), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.NewReplacer("\n", "", " ", "").Replace(string(out))
	want := []string{"平成30年度（2018年度）", "2019年5月15日作成", note}
	fy2018 := fixtureRecords(t, 2018) // 区東北部 did not submit (fixtures/history.json)
	if len(fy2018) != 13 {
		t.Fatalf("fy2018-records.json: %d records, want 13", len(fy2018))
	}
	survey := perinet.DefaultSurvey()
	for _, r := range fy2018 {
		want = append(want, r.Block, survey.ShortName(r.Hospital)) // the matrix prints short names
	}
	want = append(want, "区東北部女子医東未提出") // its row kept, marked as sending nothing
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("report.pdf has no %q", w)
		}
	}
}

// TestReportDeterministic runs the same report twice: the same bytes.
func TestReportDeterministic(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	files := fixtureGlob(t, "fy201[678]/form-0[1-4]*.xlsx")
	a, codeA, _, errA := runReportIn(t, files...)
	b, codeB, _, errB := runReportIn(t, files...)
	if codeA != exitOK || codeB != exitOK {
		t.Fatalf("exit %d, %d: %s%s", codeA, codeB, errA, errB)
	}
	for _, name := range []string{reportXLSX, reportPDF} {
		x, errX := os.ReadFile(filepath.Join(a, name))
		y, errY := os.ReadFile(filepath.Join(b, name))
		if errX != nil || errY != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs (%v, %v)", name, errX, errY)
		}
	}
}

// TestReportKeepsInputs refuses to write report.xlsx over a file it reads.
func TestReportKeepsInputs(t *testing.T) {
	dir := t.TempDir()
	form, err := os.ReadFile(filepath.Join("..", "..", "fixtures", "fy2016", "form-01-kuchuobu.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	input := filepath.Join(dir, reportXLSX)
	if err := os.WriteFile(input, form, 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"report", "--out", dir, input}, strings.NewReader(""), &stdout, &stderr)
	if code != exitUsage || !strings.Contains(stderr.String(), "上書きできません") {
		t.Errorf("exit %d, stderr %q; want a refusal", code, stderr.String())
	}
	if after, _ := os.ReadFile(input); !bytes.Equal(after, form) {
		t.Error("the input was changed")
	}
	if _, err := os.Stat(filepath.Join(dir, reportPDF)); err == nil {
		t.Error("report.pdf was written after the refusal")
	}
}

// TestReportUnreadable gives a file that is not a form with the forms: the
// report is written all the same, lists the file, and the exit status
// says that something needs a look.
func TestReportUnreadable(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	memo := filepath.Join(t.TempDir(), "memo.csv")
	if err := os.WriteFile(memo, []byte("氏名,住所\n山田,東京都\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir, code, stdout, _ := runReportIn(t, append(fixtureGlob(t, "fy2016/form-0[12]*.xlsx"), memo)...)
	if code != exitProblem {
		t.Errorf("exit %d, want %d", code, exitProblem)
	}
	if !strings.Contains(stdout, "要確認: "+memo) {
		t.Errorf("stdout does not name %s:\n%s", memo, stdout)
	}
	for _, name := range []string{reportXLSX, reportPDF} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s not written: %v", name, err)
		}
	}
}

func TestReportUsage(t *testing.T) {
	form := filepath.Join("..", "..", "fixtures", "fy2016", "form-01-kuchuobu.xlsx")
	out := t.TempDir()
	tests := []struct {
		args []string
		want string // in stderr
	}{
		{[]string{"report", form}, "--out"},
		{[]string{"report", "--out", out}, "ファイルを指定"},
		{[]string{"report", "--out", out, "--paper", "B5", form}, "A3 または A4"},
		{[]string{"report", "--out", out, "--year", "来年", form}, "--year"},
		{[]string{"report", "--out", out, "--notes", filepath.Join(out, "none.txt"), form}, "--notes"},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		if code := run(tt.args, strings.NewReader(""), &stdout, &stderr); code != exitUsage {
			t.Errorf("perinet %q: exit %d, want %d", tt.args, code, exitUsage)
		}
		if !strings.Contains(stderr.String(), tt.want) {
			t.Errorf("perinet %q: stderr %q has no %q", tt.args, stderr.String(), tt.want)
		}
	}
}

// TestReportSupersede takes files through `perinet report`'s intake: for
// each group and year the latest accepted file stands, latest by its saved
// time, else its modification time, then its name; the same bytes again
// change nothing; a rejected file replaces nothing; and the Records set
// aside are named on the quality page, as a conflict when they differ.
func TestReportSupersede(t *testing.T) {
	may := func(d int) time.Time { return time.Date(2017, 5, d, 10, 0, 0, 0, time.UTC) }
	bad := perinet.Problem{Severity: perinet.Error, Code: perinet.NoSurveyFound}
	// file is an accepted file of one FY2016 Record of block by hospital,
	// its bytes named by sha (one hex digit, repeated).
	type file struct {
		name, block, hospital string
		sha                   byte
		saved, mod            time.Time
		rejected              bool
	}
	tests := []struct {
		name   string
		files  []file
		stands map[string]string // block: the hospital of the Record that stands
		issues []string          // kind block file, of the Superseded and Conflict issues
		date   time.Time         // the report's date
	}{
		{
			name: "later saved time stands, whatever the order given",
			files: []file{
				{name: "b.xlsx", block: "区中央部", hospital: "愛育病院", sha: '2', saved: may(20), mod: may(1)},
				{name: "a.xlsx", block: "区中央部", hospital: "愛育病院", sha: '1', saved: may(10), mod: may(30)},
			},
			stands: map[string]string{"区中央部": "愛育病院"},
			issues: []string{"superseded 区中央部 a.xlsx"},
			date:   may(20),
		},
		{
			name: "no saved time: the modification time",
			files: []file{
				{name: "form.xlsx", block: "区中央部", hospital: "愛育病院", sha: '1', saved: may(10)},
				{name: "form.csv", block: "区中央部", hospital: "聖路加国際病院", sha: '2', mod: may(12)},
			},
			stands: map[string]string{"区中央部": "聖路加国際病院"},
			issues: []string{"conflict 区中央部 form.xlsx"},
			date:   may(12),
		},
		{
			name: "same time: the later name",
			files: []file{
				{name: "edit.xlsx", block: "区南部", hospital: "昭和大学病院", sha: '1', saved: may(10)},
				{name: "form.xlsx", block: "区南部", hospital: "東邦大学医療センター大森病院", sha: '2', saved: may(10)},
			},
			stands: map[string]string{"区南部": "東邦大学医療センター大森病院"},
			issues: []string{"conflict 区南部 edit.xlsx"},
			date:   may(10),
		},
		{
			name: "a later rejected file replaces nothing",
			files: []file{
				{name: "ok.xlsx", block: "区南部", hospital: "昭和大学病院", sha: '1', saved: may(10)},
				{name: "bad.xlsx", block: "区南部", hospital: "東邦大学医療センター大森病院", sha: '2', saved: may(11), rejected: true},
			},
			stands: map[string]string{"区南部": "昭和大学病院"},
			date:   may(11),
		},
		{
			name: "the same bytes twice: a duplicate, set aside nothing",
			files: []file{
				{name: "form.xlsx", block: "区南部", hospital: "昭和大学病院", sha: '1', saved: may(10)},
				{name: "copy.xlsx", block: "区南部", hospital: "昭和大学病院", sha: '1', saved: may(10)},
			},
			stands: map[string]string{"区南部": "昭和大学病院"},
			date:   may(10),
		},
		{
			name: "groups apart: each its own latest",
			files: []file{
				{name: "table.xlsx", block: "区中央部", hospital: "愛育病院", sha: '1', saved: may(20)},
				{name: "form-02.xlsx", block: "区南部", hospital: "昭和大学病院", sha: '2', saved: may(10)},
			},
			stands: map[string]string{"区中央部": "愛育病院", "区南部": "昭和大学病院"},
			date:   may(20),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var files []intake.File
			for _, f := range tt.files {
				in := intake.File{Path: f.name, SHA256: strings.Repeat(string(f.sha), 64), Format: "xlsx", Saved: f.saved, ModTime: f.mod,
					Records: []perinet.Record{{FiscalYear: 2016, Block: f.block, Hospital: f.hospital}}, Problems: []perinet.Problem{}}
				if f.rejected {
					in.Problems = append(in.Problems, bad)
				}
				files = append(files, in)
			}
			in, err := reportInput(context.Background(), files, 2016, intake.ReportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			stands := map[string]string{}
			for _, r := range in.Records[2016] {
				if _, twice := stands[r.Block]; twice {
					t.Errorf("%s stands twice", r.Block)
				}
				stands[r.Block] = r.Hospital
			}
			if !maps.Equal(stands, tt.stands) {
				t.Errorf("Records that stand %v, want %v", stands, tt.stands)
			}
			var issues []string
			for _, is := range report.Analyze(in).Issues {
				if is.Kind == report.Superseded || is.Kind == report.Conflict {
					issues = append(issues, fmt.Sprintf("%s %s %s", is.Kind, is.Block, is.File))
				}
			}
			if !slices.Equal(issues, tt.issues) {
				t.Errorf("issues %q, want %q", issues, tt.issues)
			}
			if !in.Created.Equal(tt.date) {
				t.Errorf("report dated %v, want %v", in.Created, tt.date)
			}
		})
	}
}

// TestReportSubmissions lists, as the year's submissions, the latest file
// of each group (rejected or not), every file no year was read from, and
// every file that could not be read at all; Records of the years before
// make the trend, and later years are left out.
func TestReportSubmissions(t *testing.T) {
	bad := perinet.Problem{Severity: perinet.Error, Code: perinet.NoSurveyFound}
	day := func(d int) time.Time { return time.Date(2017, 5, d, 0, 0, 0, 0, time.UTC) }
	file := func(name string, sha byte, d int, records ...perinet.Record) intake.File {
		return intake.File{Path: name, SHA256: strings.Repeat(string(sha), 64), Saved: day(d), Records: records, Problems: []perinet.Problem{}}
	}
	rec := func(fy int, block string) perinet.Record { return perinet.Record{FiscalYear: fy, Block: block} }
	memo := file("memo.csv", '3', 3)
	memo.Problems = []perinet.Problem{bad}
	bad16 := file("bad-2016.xlsx", '5', 5, rec(2016, "区西部"))
	bad16.Problems = []perinet.Problem{bad}
	missing := intake.File{Path: "missing.xlsx", Problems: []perinet.Problem{bad}}
	files := []intake.File{
		file("2015.xlsx", '1', 1, rec(2015, "区中央部")),
		file("2016.xlsx", '2', 2, rec(2016, "区中央部"), rec(2016, "区南部")),
		memo,
		file("2017.xlsx", '4', 4, rec(2017, "区中央部")),
		bad16, missing,
	}
	in, err := reportInput(context.Background(), files, 2016, intake.ReportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Records[2015]) != 1 || len(in.Records[2016]) != 2 || len(in.Records[2017]) != 0 {
		t.Errorf("records by year %v, want 1 of 2015, 2 of 2016 (none of the rejected file), none of 2017", in.Records)
	}
	var names []string
	for _, s := range in.Submissions {
		names = append(names, s.File+":"+strings.Join(s.Blocks, "・"))
	}
	if got, want := strings.Join(names, " "), "2016.xlsx:区中央部・区南部 memo.csv: bad-2016.xlsx:区西部 missing.xlsx:"; got != want {
		t.Errorf("submissions %q, want %q", got, want)
	}
}

func TestReportYear(t *testing.T) {
	files := []intake.File{{Records: []perinet.Record{{FiscalYear: 2015}, {FiscalYear: 2018}}}, {Records: []perinet.Record{{FiscalYear: 2017}}}}
	tests := []struct {
		year  int
		files []intake.File
		want  int // 0 for an error
	}{
		{0, files, 2018},
		{2017, files, 2017},
		{2016, files, 0}, // no form of 2016
		{0, []intake.File{{}}, 0},
		{2016, []intake.File{{}}, 0},
	}
	for _, tt := range tests {
		got, err := reportYear(tt.year, tt.files)
		if got != tt.want || (err != nil) != (tt.want == 0) {
			t.Errorf("reportYear(%d) = %d, %v; want %d", tt.year, got, err, tt.want)
		}
	}
}

func TestParsePaper(t *testing.T) {
	tests := []struct {
		in   string
		want report.Paper
		err  bool
	}{
		{"A3", report.A3, false}, {"a4", report.A4, false}, {"Ａ４", report.A4, false}, {" A3 ", report.A3, false},
		{"B4", 0, true}, {"", 0, true},
	}
	for _, tt := range tests {
		got, err := parsePaper(tt.in)
		if got != tt.want || (err != nil) != tt.err {
			t.Errorf("parsePaper(%q) = %v, %v", tt.in, got, err)
		}
	}
}
