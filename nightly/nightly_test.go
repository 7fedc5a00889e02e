package nightly

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"perinet/config"
	"perinet/store"
)

// TestRunFullYears takes FY2016's and FY2017's forms: every one accepted,
// kept in its year's archive with a receipt, the inbox left empty, and a
// report for each year, the later one published.
func TestRunFullYears(t *testing.T) {
	e := newEnv(t)
	files := append(forms(t, 2016), forms(t, 2017)...)
	for i, f := range files { // the years' forms have the same names
		e.drop(strings.ReplaceAll(f, "/", "_"), fixture(t, f), day(15).Add(time.Duration(i)*time.Minute))
	}
	sum := e.run()

	if sum.Seen != len(files) || sum.Accepted != len(files) || sum.Rejected+sum.Duplicate+sum.Skipped+sum.Superseded != 0 {
		t.Errorf("summary %+v, want all %d accepted", sum, len(files))
	}
	if got := names(t, e.inbox); len(got) != 0 {
		t.Errorf("inbox left with %v", got)
	}
	for _, fy := range []int{2016, 2017} {
		kept := names(t, e.work+"/archive/"+yearDir(fy))
		if len(kept) != 2*14 {
			t.Errorf("archive of %d holds %d files, want 14 copies and 14 receipts: %v", fy, len(kept), kept)
		}
		reports := names(t, filepath.Join(e.work, "reports", yearDir(fy)))
		want := []string{inputFile, "latest.pdf", "latest.xlsx", "report-2017-05-15.pdf", "report-2017-05-15.xlsx"}
		if !slices.Equal(reports, want) {
			t.Errorf("reports of %d: %v, want %v", fy, reports, want)
		}
	}
	name := "2017-05-15_" + sha8(t, "fy2016/form-01-kuchuobu.xlsx") + "_fy2016_form-01-kuchuobu.xlsx"
	copyPath := filepath.Join(e.work, "archive", "2016年度", name)
	if b, err := os.ReadFile(copyPath); err != nil || !bytes.Equal(b, fixture(t, "fy2016/form-01-kuchuobu.xlsx")) {
		t.Errorf("archived copy %s: %v, or not the bytes sent", copyPath, err)
	}
	text := readReceipt(t, receiptPath(copyPath))
	for _, want := range []string{"結果　　　: 受け付けました。", "平成28年度（2016年度）　区中央部（ネットワークグループ）",
		"委託病院: 愛育病院", "開始年月: H22年2月", "3 連携リストの作成・配布: ○　配布先 103施設", "■ 問題（エラー 0件、注意 0件）"} {
		if !strings.Contains(text, want) {
			t.Errorf("receipt lacks %q:\n%s", want, text)
		}
	}
	if got := names(t, e.publish); !slices.Equal(got, []string{"報告書_2017年度.pdf"}) {
		t.Errorf("publish folder holds %v", got)
	}
	if sum.Published == "" || len(sum.Reports) != 4 {
		t.Errorf("published %q, reports %v", sum.Published, sum.Reports)
	}
}

// sha8 is the first 8 hex digits of a fixture's SHA-256.
func sha8(t testing.TB, path string) string {
	t.Helper()
	return sha256Hex(fixture(t, path))[:8]
}

// readReceipt reads a receipt, checking that Notepad reads it as UTF-8
// with CR LF line ends, and returns its text with LF.
func readReceipt(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("\uFEFF")) {
		t.Errorf("%s has no byte order mark", path)
	}
	if bytes.Count(b, []byte("\n")) != bytes.Count(b, []byte("\r\n")) {
		t.Errorf("%s has a line not ending in CR LF", path)
	}
	return strings.ReplaceAll(strings.TrimPrefix(string(b), "\uFEFF"), "\r\n", "\n")
}

// TestRunAgainChangesNothing runs again on an empty inbox: no new report
// version, every file byte for byte the same, nothing published again.
func TestRunAgainChangesNothing(t *testing.T) {
	e := newEnv(t)
	e.dropFixtures(day(15), forms(t, 2016)...)
	e.run()
	before, ledger := e.tree(), e.ledger()
	sum := e.run()
	if d := diff(before, e.tree()); len(d) > 0 {
		t.Errorf("a run on an empty inbox changed files:\n%s", strings.Join(d, "\n"))
	}
	if after := e.ledger(); !slices.Equal(ledger, after) {
		t.Errorf("a run on an empty inbox changed the store:\n%s\nthen\n%s", strings.Join(ledger, "\n"), strings.Join(after, "\n"))
	}
	if sum.Seen != 0 || len(sum.Reports) != 0 || sum.Published != "" {
		t.Errorf("summary of the second run: %+v", sum)
	}
}

// TestRunDuplicate sends the same bytes twice, under another name and a
// day later: recorded once, the second a duplicate with its own copy and
// a receipt naming the first.
func TestRunDuplicate(t *testing.T) {
	e := newEnv(t)
	form := fixture(t, "fy2016/form-02-kunanbu.xlsx")
	e.drop("区南部.xlsx", form, day(15))
	e.run()
	e.drop("区南部（再送）.xlsx", form, day(16))
	sum := e.run()
	if sum.Duplicate != 1 || sum.Accepted != 0 {
		t.Fatalf("summary %+v, want one duplicate", sum)
	}
	dir := filepath.Join(e.work, "archive", "2016年度")
	sha := sha256Hex(form)[:8]
	text := readReceipt(t, receiptPath(filepath.Join(dir, "2017-05-16_"+sha+"_区南部（再送）.xlsx")))
	if !strings.Contains(text, "以前に受け付けたファイル（2017年5月15日") || !strings.Contains(text, "「区南部.xlsx」）と同じ内容です") {
		t.Errorf("duplicate's receipt:\n%s", text)
	}
	if recs := e.ledger(); len(recs) != 3 { // two files, one Record
		t.Errorf("ledger:\n%s", strings.Join(recs, "\n"))
	}
}

// TestRunDuplicateSameDay sends the same file under the same name twice
// in a day, in two runs: the second copy and its receipt take a name of
// their own, as Windows names a second copy.
func TestRunDuplicateSameDay(t *testing.T) {
	e := newEnv(t)
	form := fixture(t, "fy2016/form-02-kunanbu.xlsx")
	e.drop("kunanbu.xlsx", form, day(15))
	e.run()
	e.drop("kunanbu.xlsx", form, day(15).Add(time.Hour))
	e.run()
	sha := sha256Hex(form)[:8]
	want := []string{
		"2017-05-15_" + sha + "_kunanbu (2).xlsx", "2017-05-15_" + sha + "_kunanbu (2).xlsx" + receiptExt,
		"2017-05-15_" + sha + "_kunanbu.xlsx", "2017-05-15_" + sha + "_kunanbu.xlsx" + receiptExt,
	}
	if got := names(t, filepath.Join(e.work, "archive", "2016年度")); !slices.Equal(got, want) {
		t.Errorf("archive: %v, want %v", got, want)
	}
}

// TestRunSupersede sends a corrected form for one group: its Record
// replaces the first, both files stay in the archive and the ledger, and
// the report is made again as a new version.
func TestRunSupersede(t *testing.T) {
	e := newEnv(t)
	e.dropFixtures(day(15), forms(t, 2016)...)
	e.run()
	e.drop("form-07-kutobu.xlsx", edited(t, "fy2016/form-07-kutobu.xlsx", map[string]string{"C16": ""}), day(22))
	sum := e.run()
	if sum.Accepted != 1 || sum.Superseded != 1 {
		t.Errorf("summary %+v, want one accepted superseding one group", sum)
	}
	var kutobu string
	for _, l := range e.ledger() {
		if strings.HasPrefix(l, "record 2016 区東部") {
			kutobu = l
		}
	}
	if !strings.Contains(kutobu, `{"no":7,"mark":"blank"`) {
		t.Errorf("区東部's current Record is not the corrected one: %s", kutobu)
	}
	reports := names(t, filepath.Join(e.work, "reports", "2016年度"))
	for _, want := range []string{"report-2017-05-15.pdf", "report-2017-05-22.pdf", "report-2017-05-22.xlsx"} {
		if !slices.Contains(reports, want) {
			t.Errorf("reports lack %s: %v", want, reports)
		}
	}
	if sum.Published == "" {
		t.Errorf("the changed report was not published")
	}
}

// TestRunRejectedLastYear sends 西多摩's FY2015 form, then its FY2016 form
// with a date that does not exist: the receipt shows, beside the
// problem, what the group wrote the year before.
func TestRunRejectedLastYear(t *testing.T) {
	e := newEnv(t)
	e.dropFixtures(day(14), "fy2015/form-09-nishitama.xlsx")
	e.run()
	bad := edited(t, "fy2016/form-09-nishitama.xlsx", map[string]string{"C7": "H31年5月"})
	e.drop("nishitama.xlsx", bad, day(15))
	if sum := e.run(); sum.Rejected != 1 {
		t.Fatalf("summary %+v, want one rejected", sum)
	}
	text := readReceipt(t, receiptPath(filepath.Join(e.work, "rejected", "2017-05-15_"+sha256Hex(bad)[:8]+"_nishitama.xlsx")))
	for _, want := range []string{"西多摩（青梅市立総合病院） ご担当者様", "令和元年5月のことであれば",
		"前年度の記入: 「H22年2月」（平成27年度（2015年度））", "■ 再提出", "受付番号: "} {
		if !strings.Contains(text, want) {
			t.Errorf("receipt lacks %q:\n%s", want, text)
		}
	}
}

// TestRunRejected sends a CSV file that is no form, and a form with a
// date that does not exist: both go to rejected/ with a receipt naming
// the problem. The form's correction moves it into the archive; the CSV
// file stays, as nothing can correct it.
func TestRunRejected(t *testing.T) {
	e := newEnv(t)
	e.drop("memo.csv", []byte("名前,値\nさくら,1\n"), day(15))
	bad := edited(t, "fy2016/form-09-nishitama.xlsx", map[string]string{"C7": "H31年5月"})
	e.drop("nishitama.xlsx", bad, day(15))
	sum := e.run()
	if sum.Rejected != 2 || sum.Accepted != 0 {
		t.Fatalf("summary %+v, want two rejected", sum)
	}
	badName := "2017-05-15_" + sha256Hex(bad)[:8] + "_nishitama.xlsx"
	text := readReceipt(t, receiptPath(filepath.Join(e.work, "rejected", badName)))
	for _, want := range []string{"受け付けられませんでした。エラーが1件あります。", "エラー　調査票!C7（開始年月）: 平成31年5月は存在しません",
		"記入内容: 「H31年5月」"} {
		if !strings.Contains(text, want) {
			t.Errorf("receipt lacks %q:\n%s", want, text)
		}
	}
	memo := readReceipt(t, receiptPath(filepath.Join(e.work, "rejected", "2017-05-15_"+sha256Hex([]byte("名前,値\nさくら,1\n"))[:8]+"_memo.csv")))
	if !strings.Contains(memo, "調査票が見つかりません") || !strings.Contains(memo, "読み取れたグループはありません。") {
		t.Errorf("memo.csv's receipt:\n%s", memo)
	}

	e.dropFixtures(day(20), "fy2016/form-09-nishitama.xlsx")
	sum = e.run()
	if sum.Accepted != 1 {
		t.Fatalf("summary %+v, want the correction accepted", sum)
	}
	if got := names(t, filepath.Join(e.work, "rejected")); len(got) != 2 || !strings.HasSuffix(got[0], "_memo.csv") {
		t.Errorf("rejected/ holds %v, want memo.csv and its receipt", got)
	}
	archived := names(t, filepath.Join(e.work, "archive", "2016年度"))
	if !slices.Contains(archived, badName) || !slices.Contains(archived, badName+receiptExt) {
		t.Errorf("the corrected file and its receipt are not in the archive: %v", archived)
	}
}

// TestRunWaitsForCompleteFiles leaves files changed seconds ago for the
// next run, and takes them then: one modified seconds ago, and one copied
// seconds ago with the old modification time of the file copied, as
// Explorer and cp -p copy.
func TestRunWaitsForCompleteFiles(t *testing.T) {
	e := newEnv(t)
	e.drop("form.xlsx", fixture(t, "fy2016/form-01-kuchuobu.xlsx"), time.Now().Add(-10*time.Second))
	copied := e.drop("copied.xlsx", fixture(t, "fy2016/form-02-kunanbu.xlsx"), day(15))
	want := 2
	if fi, err := os.Lstat(copied); err != nil || lastChange(fi).Equal(fi.ModTime()) {
		want = 1 // this system does not say when a file was copied
	}
	o := e.options()
	o.Now = time.Now
	sum, err := Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Skipped != want || sum.Seen != 2 || sum.Accepted != 2-want || sum.Files[0].Skipped != skipUnsettled {
		t.Fatalf("summary %+v, want %d files skipped", sum, want)
	}
	if got := names(t, e.inbox); len(got) != want {
		t.Fatalf("inbox %v", got)
	}
	if sum := e.run(); sum.Accepted != want {
		t.Fatalf("next run: %+v", sum)
	}
}

// TestRunSkipsGrowingFile: a file that grows while it is read is left
// where it is, and nothing of it is kept.
func TestRunSkipsGrowingFile(t *testing.T) {
	e := newEnv(t)
	path := e.drop("form.xlsx", fixture(t, "fy2016/form-01-kuchuobu.xlsx"), day(15))
	r, err := newRun(e.options())
	if err != nil {
		t.Fatal(err)
	}
	r.step = func(step, name string) error {
		if step == "read" {
			f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				return err
			}
			defer f.Close()
			_, err = f.WriteString("more")
			return err
		}
		return nil
	}
	if err := r.run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if r.sum.Skipped != 1 || r.sum.Files[0].Skipped != skipGrowing {
		t.Errorf("summary %+v, want the growing file skipped", r.sum)
	}
	if got := names(t, e.inbox); !slices.Equal(got, []string{"form.xlsx"}) {
		t.Errorf("inbox: %v", got)
	}
	if got := names(t, filepath.Join(e.work, "archive")); len(got) != 0 {
		t.Errorf("archive: %v", got)
	}
	if l := e.ledger(); len(l) != 0 {
		t.Errorf("ledger: %v", l)
	}
}

// TestRunWarnsOfWaitingFiles leaves two files in the inbox night after
// night: one beside a stale ~$ lock file, one dated in the future. From
// the third run (WaitRuns) each is a warning in the log naming the file
// and why, counted in Stuck; the count lives in the store, from one run
// to the next, and a file taken at last is forgotten.
func TestRunWarnsOfWaitingFiles(t *testing.T) {
	e := newEnv(t)
	form := fixture(t, "fy2016/form-01-kuchuobu.xlsx")
	e.drop("open.xlsx", form, day(15))
	lock := e.drop("~$open.xlsx", []byte("lock"), day(15))
	e.drop("future.xlsx", fixture(t, "fy2016/form-02-kunanbu.xlsx"), time.Now().AddDate(1, 0, 0))
	night := func() (Summary, string) {
		t.Helper()
		var log bytes.Buffer
		o := e.options()
		o.WaitRuns = 3
		o.Log = slog.New(slog.NewTextHandler(&log, &slog.HandlerOptions{Level: slog.LevelWarn}))
		sum, err := Run(context.Background(), o)
		if err != nil {
			t.Fatal(err)
		}
		return sum, log.String()
	}
	for run := 1; run <= 4; run++ {
		sum, log := night()
		want := []FileResult{{Name: "future.xlsx", Skipped: skipFuture, Waited: run}, {Name: "open.xlsx", Skipped: skipOpen, Waited: run}}
		if !slices.Equal(sum.Files, want) {
			t.Errorf("run %d: files %+v, want %+v", run, sum.Files, want)
		}
		stuck, warnings := 0, 0
		if run >= 3 {
			stuck, warnings = 2, 2
		}
		if sum.Stuck != stuck || strings.Count(log, "level=WARN") != warnings {
			t.Errorf("run %d: %d stuck, log:\n%s\nwant %d stuck and as many warnings", run, sum.Stuck, log, stuck)
		}
		if run >= 3 {
			for _, want := range []string{
				fmt.Sprintf("msg=受付フォルダに残ったまま、%d回続けて受け付けていません。確かめてください file=open.xlsx outcome=次回に回した reason=%s", run, skipOpen),
				fmt.Sprintf("msg=受付フォルダに残ったまま、%d回続けて受け付けていません。確かめてください file=future.xlsx outcome=次回に回した reason=%s", run, skipFuture),
			} {
				if !strings.Contains(log, want) {
					t.Errorf("run %d: the log lacks %q:\n%s", run, want, log)
				}
			}
		}
	}
	if err := os.Remove(lock); err != nil {
		t.Fatal(err)
	}
	sum, _ := night()
	if sum.Accepted != 1 || sum.Stuck != 1 || !slices.Equal(sum.Files[:1], []FileResult{{Name: "future.xlsx", Skipped: skipFuture, Waited: 5}}) {
		t.Errorf("once the lock file is gone: %+v", sum)
	}
	st, err := store.Open(context.Background(), filepath.Join(e.work, config.StoreFile))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if w, err := st.Waiting(context.Background()); err != nil || len(w) != 1 || w[0].Name != "future.xlsx" || w[0].Runs != 5 {
		t.Errorf("the store's files waiting: %+v, %v", w, err)
	}
}

// TestRunLeavesOthersAlone: lock, hidden and temporary files, folders,
// links, receipts and a workbook open in Excel stay in the inbox
// untouched; the hidden file, the folder and the link are listed with why.
func TestRunLeavesOthersAlone(t *testing.T) {
	e := newEnv(t)
	form := fixture(t, "fy2016/form-01-kuchuobu.xlsx")
	left := []string{"~$other.xlsx", ".~lock.form.xlsx#", ".hidden.xlsx", "Thumbs.db", "desktop.ini", "copy.tmp",
		"~WRL0001.tmp", "a.xlsx.crdownload", "old.xlsx" + receiptExt, "open.xlsx", "~$open.xlsx"}
	for _, n := range left {
		e.drop(n, form, day(15))
	}
	if err := os.Mkdir(filepath.Join(e.inbox, "folder"), 0o755); err != nil {
		t.Fatal(err)
	}
	left = append(left, "folder")
	listed := []FileResult{{Name: ".hidden.xlsx", Ignored: ignoreHidden}, {Name: "folder", Ignored: ignoreFolder}}
	if err := os.Symlink(filepath.Join(e.work, "elsewhere.xlsx"), filepath.Join(e.inbox, "link.xlsx")); err == nil {
		left = append(left, "link.xlsx")
		listed = append(listed, FileResult{Name: "link.xlsx", Ignored: ignoreLink})
	} else {
		t.Logf("no link: %v", err) // Windows without the right to make one
	}
	e.drop("form.xlsx", form, day(15))
	sum := e.run()
	if sum.Accepted != 1 || sum.Skipped != 1 || sum.Ignored != len(left)-1 {
		t.Errorf("summary %+v", sum)
	}
	var ignored []FileResult
	for _, f := range sum.Files {
		if f.Ignored != "" {
			ignored = append(ignored, f)
		}
	}
	if !slices.Equal(ignored, listed) {
		t.Errorf("files listed as left alone: %+v, want %+v", ignored, listed)
	}
	slices.Sort(left)
	if got := names(t, e.inbox); !slices.Equal(got, left) {
		t.Errorf("inbox: %v, want %v", got, left)
	}
}

// TestLeftAlone says which inbox entries a run leaves alone, and why:
// the files no one sends without a word, and the others listed.
func TestLeftAlone(t *testing.T) {
	const file, folder = fs.FileMode(0o644), fs.ModeDir | 0o755
	for _, c := range []struct {
		name   string
		mode   fs.FileMode
		hidden bool
		why    string
		quiet  bool
	}{
		{"form.xlsx", file, false, "", false},
		{"区中央部_調査票.xlsx", file, false, "", false},
		{"報告.CSV", file, false, "", false},
		{"~$form.xlsx", file, true, ignoreQuiet, true},
		{"~WRL0003.tmp", file, false, ignoreQuiet, true},
		{".~lock.form.xlsx#", file, false, ignoreQuiet, true},
		{"._form.xlsx", file, false, ignoreQuiet, true},
		{".DS_Store", file, false, ignoreQuiet, true},
		{"THUMBS.DB", file, true, ignoreQuiet, true},
		{"Desktop.ini", file, true, ignoreQuiet, true},
		{"form.xlsx.TMP", file, false, ignoreQuiet, true},
		{"form.xlsx.crdownload", file, false, ignoreQuiet, true},
		{"form.xlsx.part", file, false, ignoreQuiet, true},
		{"form.xlsx" + receiptExt, file, false, ignoreQuiet, true},
		{".form.xlsx", file, false, ignoreHidden, false},
		{"form.xlsx", file, true, ignoreHidden, false},
		{"form.xlsx", fs.ModeSymlink | 0o777, false, ignoreLink, false},
		{"2016年度", folder, false, ignoreFolder, false},
		{".git", folder, true, ignoreFolder, false},
		{"form.xlsx", fs.ModeNamedPipe | 0o644, false, "名前付きパイプ（FIFO）で、ファイルではないため読みません。", false},
		{"form.xlsx", fs.ModeDevice | fs.ModeCharDevice | 0o644, false, "デバイスで、ファイルではないため読みません。", false},
	} {
		why, quiet := leftAlone(c.name, c.mode, c.hidden)
		if why != c.why || quiet != c.quiet {
			t.Errorf("leftAlone(%q, %v, hidden %v) = %q, %v; want %q, %v", c.name, c.mode, c.hidden, why, quiet, c.why, c.quiet)
		}
	}
}

// TestOpenInOffice tells a workbook open in Excel or Word by its lock file.
func TestOpenInOffice(t *testing.T) {
	for _, c := range []struct {
		name  string
		inbox []string
		want  bool
	}{
		{"form.xlsx", []string{"~$form.xlsx"}, true},
		{"区中央部調査票.docx", []string{"~$央部調査票.docx"}, true},
		{"form.xlsx", []string{"~$other.xlsx"}, false},
		{"form.xlsx", nil, false},
	} {
		names := map[string]bool{}
		for _, n := range c.inbox {
			names[n] = true
		}
		if got := openInOffice(c.name, names); got != c.want {
			t.Errorf("openInOffice(%q, %v) = %v, want %v", c.name, c.inbox, got, c.want)
		}
	}
}

// TestRunLocked: while one run holds the lock, another returns ErrLocked
// at once and touches nothing.
func TestRunLocked(t *testing.T) {
	e := newEnv(t)
	e.dropFixtures(day(15), "fy2016/form-01-kuchuobu.xlsx")
	unlock, err := lock(e.work)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = Run(context.Background(), e.options())
	if !errors.Is(err, ErrLocked) || time.Since(start) > 5*time.Second {
		t.Errorf("Run while locked: %v after %v, want ErrLocked at once", err, time.Since(start))
	}
	if got := names(t, e.inbox); len(got) != 1 {
		t.Errorf("inbox: %v", got)
	}
	unlock()
	if sum := e.run(); sum.Accepted != 1 {
		t.Errorf("after the lock was released: %+v", sum)
	}
}

// TestRunConcurrent starts a second run while the first is taking its
// first file: the second returns ErrLocked at once, having done nothing,
// and the first takes every file, each once.
func TestRunConcurrent(t *testing.T) {
	e := newEnv(t)
	e.dropFixtures(day(15), forms(t, 2016)...)
	first, err := newRun(e.options())
	if err != nil {
		t.Fatal(err)
	}
	var second error
	var secondSum Summary
	first.step = func(step, name string) error {
		if step == "read" && second == nil {
			secondSum, second = Run(context.Background(), e.options())
		}
		return nil
	}
	if err := first.run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !errors.Is(second, ErrLocked) || secondSum.Seen != 0 {
		t.Errorf("second run: %v, %+v; want ErrLocked having seen nothing", second, secondSum)
	}
	if first.sum.Accepted != 14 || len(e.ledger()) != 14+14 {
		t.Errorf("first run %+v, ledger:\n%s", first.sum, strings.Join(e.ledger(), "\n"))
	}
}

// TestRunLockFileDeleted: while one run holds the lock, every file of
// the work folder but the store is deleted, as someone who takes a lock
// file for a stale one would; a second run still returns ErrLocked, and
// every file is recorded once.
func TestRunLockFileDeleted(t *testing.T) {
	e := newEnv(t)
	e.dropFixtures(day(15), forms(t, 2016)[:3]...)
	first, err := newRun(e.options())
	if err != nil {
		t.Fatal(err)
	}
	var second error
	first.step = func(step, name string) error {
		if step != "read" || second != nil {
			return nil
		}
		entries, err := os.ReadDir(e.work)
		if err != nil {
			return err
		}
		for _, f := range entries {
			if !f.IsDir() && !strings.HasPrefix(f.Name(), config.StoreFile) {
				if err := os.Remove(filepath.Join(e.work, f.Name())); err != nil {
					t.Logf("remove %s: %v", f.Name(), err) // Windows refuses while the file is open
				}
			}
		}
		_, second = Run(context.Background(), e.options())
		return nil
	}
	if err := first.run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !errors.Is(second, ErrLocked) {
		t.Errorf("second run after the lock file was deleted: %v, want ErrLocked", second)
	}
	if first.sum.Accepted != 3 || len(e.ledger()) != 3+3 {
		t.Errorf("first run %+v, ledger:\n%s", first.sum, strings.Join(e.ledger(), "\n"))
	}
}

// TestRunFoldersThatEatEachOther: a work folder that is the inbox, a
// publish folder that is the inbox, an inbox inside rejected/, a work
// folder inside the inbox: Run refuses each with a *config.FolderError
// and touches nothing.
func TestRunFoldersThatEatEachOther(t *testing.T) {
	for _, c := range []struct {
		name   string
		change func(e *env, o *Options)
	}{
		{"work is the inbox", func(e *env, o *Options) { o.Work = e.inbox }},
		{"publish is the inbox", func(e *env, o *Options) { o.Publish = e.inbox }},
		{"publish is work", func(e *env, o *Options) { o.Publish = e.work }},
		{"the inbox inside rejected/", func(e *env, o *Options) {
			o.Inbox = filepath.Join(e.work, "rejected", "inbox")
			if err := os.MkdirAll(o.Inbox, 0o755); err != nil {
				t.Fatal(err)
			}
			e.dropFixtures(day(15), "fy2016/form-02-kunanbu.xlsx") // into the first inbox, for the count below
			e.inbox = o.Inbox
		}},
		{"work inside the inbox", func(e *env, o *Options) {
			o.Work = filepath.Join(e.inbox, "work")
			if err := os.Mkdir(o.Work, 0o755); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t)
			o := e.options()
			c.change(e, &o)
			e.dropFixtures(day(15), "fy2016/form-01-kuchuobu.xlsx")
			before := e.tree()
			_, err := Run(context.Background(), o)
			var fe *config.FolderError
			if !errors.As(err, &fe) {
				t.Errorf("Run: %v, want a FolderError", err)
			}
			if d := diff(before, e.tree()); len(d) > 0 {
				t.Errorf("Run changed files:\n%s", strings.Join(d, "\n"))
			}
			for _, dir := range []string{e.inbox, e.work, o.Work} {
				if got := names(t, dir); slices.Contains(got, config.StoreFile) || slices.Contains(got, tmpDir) {
					t.Errorf("%s holds %v", dir, got)
				}
			}
		})
	}
}

// TestRunScratchFolder: a run removes from its scratch folder only what
// a run left there, and leaves alone a tmp/ folder of the secretariat's.
func TestRunScratchFolder(t *testing.T) {
	e := newEnv(t)
	for _, f := range []string{"tmp/メモ.txt", tmpDir + "/" + tempPrefix + "take-123/form.xlsx", tmpDir + "/" + tempPrefix + "456",
		tmpDir + "/控え.xlsx"} {
		path := filepath.Join(e.work, f)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	e.dropFixtures(day(15), "fy2016/form-01-kuchuobu.xlsx")
	if sum := e.run(); sum.Accepted != 1 {
		t.Fatalf("summary %+v", sum)
	}
	if got := names(t, filepath.Join(e.work, "tmp")); !slices.Equal(got, []string{"メモ.txt"}) {
		t.Errorf("tmp/ holds %v, want メモ.txt as it was", got)
	}
	if got := names(t, filepath.Join(e.work, tmpDir)); !slices.Equal(got, []string{"控え.xlsx"}) {
		t.Errorf("the scratch folder holds %v, want only 控え.xlsx, which perinet did not make", got)
	}
}

// TestRunUnwritableArchive: when the archive cannot be written, the run
// fails and every inbox file stays.
func TestRunUnwritableArchive(t *testing.T) {
	e := newEnv(t)
	files := forms(t, 2016)[:3]
	e.dropFixtures(day(15), files...)
	archive := filepath.Join(e.work, "archive")
	if os.Geteuid() == 0 {
		// root writes through any permission: make the folder a file.
		if err := os.WriteFile(archive, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	} else {
		if err := os.Mkdir(archive, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(archive, 0o755) })
	}
	_, err := Run(context.Background(), e.options())
	if err == nil {
		t.Fatal("Run succeeded with an unwritable archive")
	}
	if got := names(t, e.inbox); len(got) != len(files) {
		t.Errorf("inbox: %v, want all %d files", got, len(files))
	}
	if l := e.ledger(); len(l) != 0 {
		t.Errorf("ledger: %v", l)
	}
}

// TestRunStoreErrors: a store that is not perinet's, damaged, or from a
// newer perinet stops the run before anything is written.
func TestRunStoreErrors(t *testing.T) {
	for _, c := range []struct {
		name  string
		store func(t *testing.T) []byte
		want  error
	}{
		{"not a database", func(*testing.T) []byte { return []byte("これはデータベースではありません") }, store.ErrNotStore},
		{"damaged", damagedStore, store.ErrCorrupt},
		{"newer", newerStore, store.ErrNewerSchema},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t)
			content := c.store(t)
			db := filepath.Join(e.work, config.StoreFile)
			if err := os.WriteFile(db, content, 0o644); err != nil {
				t.Fatal(err)
			}
			e.dropFixtures(day(15), "fy2016/form-01-kuchuobu.xlsx")
			_, err := Run(context.Background(), e.options())
			if !errors.Is(err, c.want) {
				t.Errorf("Run: %v, want %v", err, c.want)
			}
			if b, _ := os.ReadFile(db); !bytes.Equal(b, content) {
				t.Errorf("the store file was changed")
			}
			if got := names(t, e.inbox); len(got) != 1 {
				t.Errorf("inbox: %v", got)
			}
			if got := names(t, filepath.Join(e.work, "archive")); len(got) != 0 {
				t.Errorf("archive: %v", got)
			}
		})
	}
}

// storeOf returns the bytes of the store after a run on FY2016's forms,
// changed by change (given the database file's path).
func storeOf(t *testing.T, change func(path string)) []byte {
	e := newEnv(t)
	e.dropFixtures(day(15), forms(t, 2016)...)
	e.run()
	path := filepath.Join(e.work, config.StoreFile)
	change(path)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// damagedStore returns a store with pages overwritten.
func damagedStore(t *testing.T) []byte {
	return storeOf(t, func(path string) {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for i := 4096 + 100; i < len(b) && i < 3*4096; i++ {
			b[i] = 0xAA
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	})
}

// newerStore returns a store whose schema a newer perinet made.
func newerStore(t *testing.T) []byte {
	return storeOf(t, func(path string) {
		db, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.Exec("PRAGMA user_version = 99"); err != nil {
			t.Fatal(err)
		}
	})
}

// TestRunPublishesOnlyChanges: the PDF is copied to the publish folder
// when it is new or different, not otherwise; a publish folder emptied by
// hand is filled again.
func TestRunPublishesOnlyChanges(t *testing.T) {
	e := newEnv(t)
	e.dropFixtures(day(15), forms(t, 2016)[:2]...)
	if sum := e.run(); sum.Published == "" {
		t.Fatal("first report not published")
	}
	published := filepath.Join(e.publish, "報告書_2016年度.pdf")
	old := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := os.Chtimes(published, old, old); err != nil {
		t.Fatal(err)
	}
	e.dropFixtures(day(17), "fy2016/form-01-kuchuobu.xlsx") // a duplicate: the report stays the same
	if sum := e.run(); sum.Published != "" {
		t.Errorf("an unchanged report was published again: %+v", sum)
	}
	if fi, err := os.Stat(published); err != nil || !fi.ModTime().Equal(old) {
		t.Errorf("the published PDF was touched: %v", err)
	}
	e.dropFixtures(day(16), forms(t, 2016)[2])
	if sum := e.run(); sum.Published != published {
		t.Errorf("a changed report was not published: %+v", sum)
	}
	os.Remove(published)
	if sum := e.run(); sum.Published != published {
		t.Errorf("a missing published PDF was not copied again: %+v", sum)
	}
}

// TestRunLogsAndProgress: a log line per file with its outcome, groups
// and problems, a line per report, and the progress after each file.
func TestRunLogsAndProgress(t *testing.T) {
	e := newEnv(t)
	e.dropFixtures(day(15), forms(t, 2016)[:3]...)
	e.drop("memo.csv", []byte("名前,値\nさくら,1\n"), day(16))
	var log bytes.Buffer
	var progress []string
	o := e.options()
	o.Log = slog.New(slog.NewJSONHandler(&log, nil))
	o.Progress = func(done, total int) { progress = append(progress, fmt.Sprintf("%d/%d", done, total)) }
	if _, err := Run(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	var files, reports []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(log.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		switch {
		case m["file"] != nil:
			files = append(files, m)
		case m["pdf"] != nil:
			reports = append(reports, m)
		}
	}
	if len(files) != 4 || len(reports) != 1 {
		t.Fatalf("log:\n%s", log.String())
	}
	if f := files[0]; f["outcome"] != "受付" || f["problems"] != 0.0 || fmt.Sprint(f["groups"]) != "[2016年度 区中央部]" {
		t.Errorf("first file's line: %v", f)
	}
	if f := files[3]; f["outcome"] != "不受理" || f["problems"] != 1.0 || f["level"] != "INFO" {
		t.Errorf("memo.csv's line: %v", f)
	}
	if want := []string{"1/4", "2/4", "3/4", "4/4"}; !slices.Equal(progress, want) {
		t.Errorf("progress %v, want %v", progress, want)
	}
}

// TestRunKeep runs on an inbox it must leave as it is: the files are
// recorded and archived, stay in the inbox, and a second run records
// nothing twice; a run without Keep then removes them.
func TestRunKeep(t *testing.T) {
	e := newEnv(t)
	e.dropFixtures(day(15), forms(t, 2016)[:3]...)
	inbox := names(t, e.inbox)
	keep := func() Summary {
		t.Helper()
		o := e.options()
		o.Keep = true
		sum, err := Run(context.Background(), o)
		if err != nil {
			t.Fatal(err)
		}
		return sum
	}
	want := filepath.Join(e.work, "reports", "2016年度", "latest.pdf")
	if sum := keep(); sum.Accepted != 3 || sum.Latest != want {
		t.Fatalf("first run: %+v, want 3 accepted and the latest PDF %s", sum, want)
	}
	ledger := e.ledger()
	sum := keep()
	if sum.Latest != want {
		t.Errorf("second run: latest PDF %q, want %q though nothing changed", sum.Latest, want)
	}
	if sum.Accepted != 0 || sum.AlreadyRecorded != 3 || len(sum.Reports) != 0 || !sum.Files[0].AlreadyRecorded {
		t.Errorf("second run: %+v, want nothing accepted, 3 files already recorded and no report", sum)
	}
	if got := names(t, e.inbox); !slices.Equal(got, inbox) {
		t.Errorf("inbox after runs with Keep: %q, want %q", got, inbox)
	}
	if after := e.ledger(); !slices.Equal(ledger, after) {
		t.Errorf("a second run with Keep changed the store:\n%s\nthen\n%s", strings.Join(ledger, "\n"), strings.Join(after, "\n"))
	}
	e.run()
	if got := names(t, e.inbox); len(got) != 0 {
		t.Errorf("inbox after a run without Keep: %q", got)
	}
	if after := e.ledger(); !slices.Equal(ledger, after) {
		t.Errorf("the run without Keep changed the store")
	}
}

// TestRunCopyNamesNeverCollide sends, on one day, the same bytes as
// x.xlsx, x (2).xlsx and x.xlsx again, under a name that differs only in
// case, and under two long names whose first 200 bytes are the same:
// every arrival keeps a copy and a receipt of its own.
func TestRunCopyNamesNeverCollide(t *testing.T) {
	e := newEnv(t)
	form := fixture(t, "fy2016/form-02-kunanbu.xlsx")
	long := strings.Repeat("区南部の調査票", 10) // 210 bytes
	sent := []string{"x.xlsx", "x (2).xlsx", "x.xlsx", "X.xlsx", long + "（最初）.xlsx", long + "（再送）.xlsx"}
	var kept []string
	for i, name := range sent {
		e.drop(name, form, day(15).Add(time.Duration(i)*time.Minute))
		sum := e.run()
		if len(sum.Files) != 1 || sum.Files[0].Path == "" {
			t.Fatalf("run %d (%s): %+v", i, name, sum)
		}
		kept = append(kept, sum.Files[0].Path)
	}
	seen := map[string]string{}
	for i, path := range kept {
		folded := strings.ToLower(path)
		if other, ok := seen[folded]; ok {
			t.Errorf("%s and %s are both kept as %s", other, sent[i], path)
		}
		seen[folded] = sent[i]
		if len(filepath.Base(path+receiptExt)) > 255 {
			t.Errorf("%s: the receipt's name is longer than 255 bytes", path)
		}
		if b, err := os.ReadFile(path); err != nil || !bytes.Equal(b, form) {
			t.Errorf("%s: %v, or not the bytes sent", path, err)
		}
		if text := readReceipt(t, receiptPath(path)); !strings.Contains(text, "ファイル名: "+sent[i]+"\n") {
			t.Errorf("the receipt beside %s is not that of %s:\n%s", path, sent[i], text)
		}
	}
	if got := names(t, filepath.Join(e.work, "archive", "2016年度")); len(got) != 2*len(sent) {
		t.Errorf("archive holds %d files, want %d copies and their receipts: %q", len(got), len(sent), got)
	}
}
