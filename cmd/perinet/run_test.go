package main

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"perinet/store"
	"perinet/store/storetest"
)

// copyForms copies fixture forms into a new inbox and returns its path.
func copyForms(t *testing.T, patterns ...string) string {
	t.Helper()
	inbox := filepath.Join(t.TempDir(), "inbox")
	if err := os.Mkdir(inbox, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, pattern := range patterns {
		for _, f := range fixtureGlob(t, pattern) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			name := filepath.Base(filepath.Dir(f)) + "-" + filepath.Base(f)
			if err := os.WriteFile(filepath.Join(inbox, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return inbox
}

// runCommand runs perinet with args and returns the exit status and output.
func runCommand(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := run(args, strings.NewReader(""), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// TestRunCommand runs the nightly job on two years of forms: every file
// accepted, the inbox emptied, the summary line and the report's path on
// stdout, a log line per file on stderr (not a terminal: no progress bar).
func TestRunCommand(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	inbox := copyForms(t, "fy2017/form-*.xlsx", "fy2018/form-*.xlsx")
	work := filepath.Join(t.TempDir(), "work")
	code, stdout, stderr := runCommand("run", "--inbox", inbox, "--work", work, "--settle", "0", "--log-format", "json")
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	latest := filepath.Join(work, "reports", "2018年度", "latest.pdf")
	for _, want := range []string{"受付フォルダのファイル 27: 受付 27、重複 0、不受理 0", "報告書: " + latest} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout has no %q:\n%s", want, stdout)
		}
	}
	if n := strings.Count(stderr, `"msg":"受け付けました"`); n != 27 {
		t.Errorf("%d JSON log lines of accepted files, want 27:\n%s", n, stderr)
	}
	if strings.Contains(stderr, "受付中 [") {
		t.Error("a progress bar was drawn into a pipe")
	}
	if left, _ := os.ReadDir(inbox); len(left) != 0 {
		t.Errorf("%d files left in the inbox", len(left))
	}
	if _, err := os.Stat(latest); err != nil {
		t.Error(err)
	}
}

// TestRunCommandKeep runs twice with --keep: the inbox stays as it is, and
// the second run records nothing twice and says so: 受付 0, the files
// already recorded, no report made; its log says the same of each file.
// A run without --keep then empties the inbox.
func TestRunCommandKeep(t *testing.T) {
	inbox := copyForms(t, "fy2016/form-0[12]*.xlsx")
	work := filepath.Join(t.TempDir(), "work")
	runs := []struct {
		keep         bool
		summary, log string
		logs         int // lines of the log that hold log
	}{
		{true, "受付フォルダのファイル 2: 受付 2、重複 0、不受理 0、前回までに記録済み 0、次回に回したもの 0（差し替えたグループ 0）。報告書 1件を作成。", "outcome=受付", 2},
		{true, "受付フォルダのファイル 2: 受付 0、重複 0、不受理 0、前回までに記録済み 2、次回に回したもの 0（差し替えたグループ 0）。報告書 0件を作成。",
			"msg=前回までに記録済みのファイルです（前回の結果は受付）。記録し直しません file=fy2016-form-01-kuchuobu.xlsx outcome=記録済み groups=\"[2016年度 区中央部]\"", 1},
		{false, "受付 0、重複 0、不受理 0、前回までに記録済み 2", "outcome=記録済み", 2},
	}
	for i, r := range runs {
		args := []string{"run", "--inbox", inbox, "--work", work, "--settle", "0"}
		if r.keep {
			args = append(args, "--keep")
		}
		code, stdout, stderr := runCommand(args...)
		if code != exitOK || !strings.Contains(stdout, r.summary) || strings.Count(stderr, r.log) != r.logs {
			t.Errorf("run %d: exit %d\n%s%s\nwant exit 0, %q and %d log lines with %q", i+1, code, stdout, stderr, r.summary, r.logs, r.log)
		}
		left, _ := os.ReadDir(inbox)
		if want := map[bool]int{true: 2, false: 0}[r.keep]; len(left) != want {
			t.Errorf("run %d: %d files in the inbox, want %d", i+1, len(left), want)
		}
	}
}

// TestRunCommandRejected gives a file that is not a form: it goes to
// rejected/ and the exit status is 3, so that cron mails someone.
func TestRunCommandRejected(t *testing.T) {
	inbox := copyForms(t, "fy2016/form-01*.xlsx")
	if err := os.WriteFile(filepath.Join(inbox, "memo.csv"), []byte("氏名,住所\n山田,東京都\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	work := filepath.Join(t.TempDir(), "work")
	code, stdout, stderr := runCommand("run", "--inbox", inbox, "--work", work, "--settle", "0")
	if code != exitAttention || !strings.Contains(stdout, "受付 1、重複 0、不受理 1") {
		t.Errorf("exit %d, want %d\n%s%s", code, exitAttention, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(work, "rejected")); err != nil {
		t.Error(err)
	}
}

// TestRunCommandLeftAlone: a hidden file and a folder in the inbox are
// left there, each named on standard output with why.
func TestRunCommandLeftAlone(t *testing.T) {
	inbox := copyForms(t, "fy2016/form-01*.xlsx")
	if err := os.WriteFile(filepath.Join(inbox, ".区南部.xlsx"), []byte("PK"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(inbox, "5月分"), 0o755); err != nil {
		t.Fatal(err)
	}
	work := filepath.Join(t.TempDir(), "work")
	code, stdout, stderr := runCommand("run", "--inbox", inbox, "--work", work, "--settle", "0")
	for _, want := range []string{"受付フォルダのファイル 1: 受付 1、",
		"読まずに残したもの: .区南部.xlsx（隠しファイルのため読みません。受け付けるときは、名前の先頭の「.」か隠し属性を外してください）\n",
		"読まずに残したもの: 5月分（フォルダのため読みません。受付フォルダの中のフォルダは見ないので、ファイルを受付フォルダに直接置いてください）\n"} {
		if code != exitOK || !strings.Contains(stdout, want) {
			t.Errorf("exit %d, stdout lacks %q:\n%s%s", code, want, stdout, stderr)
		}
	}
	if left, _ := os.ReadDir(inbox); len(left) != 2 {
		t.Errorf("inbox holds %v", left)
	}
}

// TestRunCommandWaits: a workbook left open in Excel (its ~$ lock file
// beside it) waits in the inbox; once wait_runs runs in a row have left
// it there, the run names it with why, warns in its log and exits 3.
func TestRunCommandWaits(t *testing.T) {
	inbox := copyForms(t, "fy2016/form-01*.xlsx")
	if err := os.WriteFile(filepath.Join(inbox, "~$fy2016-form-01-kuchuobu.xlsx"), []byte("lock"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	conf := filepath.Join(dir, "perinet.toml")
	text := "inbox = '" + inbox + "'\nwork = 'work'\nsettle_seconds = 0\nwait_runs = 2\n"
	if err := os.WriteFile(conf, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "work"), 0o755); err != nil {
		t.Fatal(err)
	}
	const line = "2回続けて受け付けていないもの: fy2016-form-01-kuchuobu.xlsx（Excelで開かれているため、次回に受け付けます）\n"
	for run, want := range []int{exitOK, exitAttention} {
		code, stdout, stderr := runCommand("run", "--config", conf)
		if code != want || strings.Contains(stdout, line) != (want == exitAttention) ||
			strings.Contains(stderr, "level=WARN msg=受付フォルダに残ったまま、2回続けて受け付けていません。") != (want == exitAttention) {
			t.Errorf("run %d: exit %d\n%s%s\nwant exit %d, and the file named only when it is %d", run+1, code, stdout, stderr, want, exitAttention)
		}
	}
}

// inboxFiles describes the files of an inbox: name, size, modification
// time and bytes.
func inboxFiles(t *testing.T, inbox string) []string {
	t.Helper()
	entries, err := os.ReadDir(inbox)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		fi, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(inbox, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%s %d %v %x", e.Name(), fi.Size(), fi.ModTime().UnixNano(), sha256.Sum256(b)))
	}
	return out
}

// TestRunCommandDamagedStore damages a page in the middle of the store:
// perinet run exits 1 before it touches the inbox, naming the store and
// the latest backup and saying how to restore it; done as it says, the
// next run takes the inbox, and records nothing twice.
func TestRunCommandDamagedStore(t *testing.T) {
	inbox := copyForms(t, "fy2016/form-0*.xlsx")
	work := filepath.Join(t.TempDir(), "work")
	if code, stdout, stderr := runCommand("run", "--inbox", inbox, "--work", work, "--settle", "0"); code != exitOK {
		t.Fatalf("first run: exit %d\n%s%s", code, stdout, stderr)
	}
	db := filepath.Join(work, "perinet.db")
	backups, err := store.Backups(db)
	if err != nil || len(backups) != 1 {
		t.Fatalf("backups after the first run: %v, %v; want one", backups, err)
	}
	storetest.DamagePage(t, db)
	for _, f := range fixtureGlob(t, "fy2016/form-1*.xlsx") {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(inbox, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	before := inboxFiles(t, inbox)
	code, stdout, stderr := runCommand("run", "--inbox", inbox, "--work", work, "--settle", "0")
	if code != exitProblem {
		t.Errorf("run on the damaged store: exit %d, want %d\n%s%s", code, exitProblem, stdout, stderr)
	}
	for _, want := range []string{"記録 " + db + " が壊れています。", "最新のバックアップから戻してください",
		"バックアップ " + backups[0].Path + " を作業フォルダに perinet.db という名前でコピー", "perinet.db-wal, perinet.db-shm を別のフォルダに移し"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("the message lacks %q:\n%s", want, stderr)
		}
	}
	if after := inboxFiles(t, inbox); !slices.Equal(after, before) {
		t.Errorf("the inbox changed:\n%s\nwas\n%s", strings.Join(after, "\n"), strings.Join(before, "\n"))
	}

	// The README's steps.
	aside := filepath.Join(t.TempDir(), "壊れた記録")
	if err := os.Mkdir(aside, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"perinet.db", "perinet.db-wal", "perinet.db-shm"} {
		if err := os.Rename(filepath.Join(work, name), filepath.Join(aside, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(backups[0].Path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(db, b, 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = runCommand("run", "--inbox", inbox, "--work", work, "--settle", "0")
	if code != exitOK || !strings.Contains(stdout, fmt.Sprintf("受付フォルダのファイル %d: 受付 %[1]d、重複 0、不受理 0、前回までに記録済み 0", len(before))) {
		t.Errorf("run after the restore: exit %d\n%s%s", code, stdout, stderr)
	}
}

// TestRestoreAdvice: the advice names the latest backup, or the backup
// folder when it has none.
func TestRestoreAdvice(t *testing.T) {
	path := filepath.Join("work", "perinet.db")
	tests := []struct {
		latest string
		want   []string
	}{
		{filepath.Join("work", "backup", "perinet-2026-12-06-020005.db"), []string{"作業フォルダ work の perinet.db と、あれば perinet.db-wal, perinet.db-shm を別のフォルダに移し",
			"バックアップ " + filepath.Join("work", "backup", "perinet-2026-12-06-020005.db") + " を作業フォルダに perinet.db という名前でコピー", "README の「記録をバックアップから戻す」"}},
		{"", []string{"バックアップ（" + filepath.Join("work", "backup") + "）がありません", "perinet.db を別のフォルダに移して perinet run を実行すると、空の記録から始めます"}},
	}
	for _, tt := range tests {
		got := restoreAdvice(path, tt.latest)
		for _, want := range tt.want {
			if !strings.Contains(got, want) {
				t.Errorf("restoreAdvice(%q, %q) = %q, want %q in it", path, tt.latest, got, want)
			}
		}
	}
}

// TestRunCommandConfig runs from the config perinet init writes: its work
// folder must exist; a missing one named by the config is an error, not
// a new empty store.
func TestRunCommandConfig(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := runCommand("init", dir); code != exitOK {
		t.Fatalf("init: %s", stderr)
	}
	conf := filepath.Join(dir, "perinet.toml")
	if code, stdout, stderr := runCommand("run", "--config", conf, "--settle", "0"); code != exitOK || !strings.Contains(stdout, "受付フォルダのファイル 0") {
		t.Errorf("run on the empty inbox of init: exit %d\n%s%s", code, stdout, stderr)
	}
	if err := os.RemoveAll(filepath.Join(dir, "work")); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := runCommand("run", "--config", conf); code != exitProblem {
		t.Errorf("run with the config's work folder missing: exit %d, want %d", code, exitProblem)
	}
	if _, err := os.Stat(filepath.Join(dir, "work")); err == nil {
		t.Error("the config's missing work folder was made")
	}
}

// TestRunCommandFolders: folders that would eat each other, named by the
// flags or by the config, are refused with exit status 2 and a message
// naming the two settings, before anything is made.
func TestRunCommandFolders(t *testing.T) {
	dir := t.TempDir()
	inbox := filepath.Join(dir, "inbox")
	if code, _, stderr := runCommand("init", dir); code != exitOK {
		t.Fatalf("init: %s", stderr)
	}
	withConfig := func(line string) string {
		conf := filepath.Join(t.TempDir(), "perinet.toml")
		text := "inbox = '" + inbox + "'\nwork = '" + filepath.Join(dir, "work") + "'\n" + line + "\n"
		if err := os.WriteFile(conf, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return conf
	}
	conf := withConfig("publish = '" + inbox + "'")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--inbox", inbox, "--work", inbox}, "受付フォルダ（--inbox = " + inbox + "）と作業フォルダ（--work = " + inbox + "）が同じフォルダです。"},
		{[]string{"--inbox", inbox, "--work", filepath.Join(inbox, "work")},
			"作業フォルダ（--work = " + filepath.Join(inbox, "work") + "）が、受付フォルダ（--inbox = " + inbox + "）の中にあります。"},
		{[]string{"--config", conf}, "受付フォルダ（inbox = " + inbox + "）と公開フォルダ（publish = " + inbox + "）が同じフォルダです。"},
		{[]string{"--config", conf, "--publish", filepath.Join(dir, "work", "rejected")},
			"公開フォルダ（--publish = " + filepath.Join(dir, "work", "rejected") + "）と受け付けられなかった調査票のフォルダ（work の rejected = "},
		{[]string{"--config", withConfig(""), "--inbox", filepath.Join(dir, "work", "rejected", "受付")},
			"受付フォルダ（--inbox = " + filepath.Join(dir, "work", "rejected", "受付") + "）が、作業フォルダ（work = " + filepath.Join(dir, "work") + "）の中にあります。"},
	}
	for _, tt := range tests {
		code, stdout, stderr := runCommand(append([]string{"run", "--settle", "0"}, tt.args...)...)
		if code != exitUsage || !strings.Contains(stderr, "perinet run: "+tt.want) {
			t.Errorf("perinet run %q: exit %d\n%s%s\nwant exit %d and %q", tt.args, code, stdout, stderr, exitUsage, tt.want)
		}
	}
	if left, _ := os.ReadDir(inbox); len(left) != 0 {
		t.Errorf("the inbox holds %v", left)
	}
	if got, _ := os.ReadDir(filepath.Join(dir, "work")); len(got) != 3 {
		t.Errorf("the work folder holds %v, want archive, rejected and reports as init made them", got)
	}
}

func TestRunCommandUsage(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"run", "--work", dir, "form.xlsx"}, "ファイルは指定できません"},
		{[]string{"run", "--work", dir, "--log-format", "xml"}, "text または json"},
		{[]string{"run", "--work", dir, "--year", "来年"}, "--year"},
		{[]string{"run", "--config", filepath.Join(dir, "none.toml")}, "設定ファイル"},
		{[]string{"run", "--unknown"}, "使い方"},
	}
	for _, tt := range tests {
		code, _, stderr := runCommand(tt.args...)
		if code != exitUsage || !strings.Contains(stderr, tt.want) {
			t.Errorf("perinet %q: exit %d, stderr %q; want %d and %q", tt.args, code, stderr, exitUsage, tt.want)
		}
	}
}

func TestProgressBar(t *testing.T) {
	var buf bytes.Buffer
	if newProgressBar(&buf) != nil {
		t.Error("a progress bar on a buffer, not a terminal")
	}
	b := &progressBar{w: &buf}
	b.show(3, 10)
	b.show(10, 10)
	b.done()
	want := "\r受付中 [#########                     ] 3/10\r受付中 [##############################] 10/10\n"
	if buf.String() != want {
		t.Errorf("bar %q, want %q", buf.String(), want)
	}
	var none *progressBar
	none.done() // no bar: nothing to end
}

// TestRunLogJapanTime: the log's times are Japan time, in either format,
// whatever the machine's zone.
func TestRunLogJapanTime(t *testing.T) {
	tests := []struct {
		format string
		want   *regexp.Regexp
	}{
		{"text", regexp.MustCompile(`^time=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+09:00 level=INFO msg=受け付けました file=a.xlsx outcome=受付\n$`)},
		{"json", regexp.MustCompile(`^\{"time":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+\+09:00","level":"INFO","msg":"受け付けました","file":"a.xlsx","outcome":"受付"\}\n$`)},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		newLogger(&buf, tt.format, false).Info("受け付けました", "file", "a.xlsx", "outcome", "受付")
		if !tt.want.MatchString(buf.String()) {
			t.Errorf("%s log line %q, want %s", tt.format, buf.String(), tt.want)
		}
	}
}

// TestReportCount: a report is a fiscal year's PDF and workbook together.
func TestReportCount(t *testing.T) {
	tests := []struct {
		paths []string
		want  int
	}{
		{nil, 0},
		{[]string{"reports/2016年度/report-2017-05-15.pdf", "reports/2016年度/report-2017-05-15.xlsx"}, 1},
		{[]string{"reports/2016年度/report-2017-05-15.pdf", "reports/2016年度/report-2017-05-15.xlsx",
			"reports/2017年度/report-2018-05-15.pdf", "reports/2017年度/report-2018-05-15.xlsx",
			"reports/2017年度/report-2018-05-15-2.pdf", "reports/2017年度/report-2018-05-15-2.xlsx"}, 3},
	}
	for _, tt := range tests {
		if got := reportCount(tt.paths); got != tt.want {
			t.Errorf("reportCount(%q) = %d, want %d", tt.paths, got, tt.want)
		}
	}
}
