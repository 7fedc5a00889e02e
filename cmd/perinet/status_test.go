package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"perinet"
	"perinet/config"
	"perinet/intake"
	"perinet/store"
)

// recordsByBlock reads the Records of a year from the fixtures, by group.
func recordsByBlock(t *testing.T, fy int) map[string]perinet.Record {
	t.Helper()
	byBlock := map[string]perinet.Record{}
	for _, r := range fixtureRecords(t, fy) {
		byBlock[r.Block] = r
	}
	return byBlock
}

// arrival is one file that reached the store in a status test.
type arrival struct {
	name    string
	day     string // when it arrived, Japan time: "2017-05-20 14:03"
	blocks  []string
	fy      int
	invalid bool   // it has an error problem, and is rejected
	warning bool   // it has a warning
	bytes   string // its content, for its SHA-256; the name when empty
}

// statusStore builds the store of a work folder as a season of nightly runs
// would have left it: FY2015 complete, FY2016 with a group rejected, a
// group whose correction was rejected, a group accepted with a warning, a
// group accepted once it corrected a rejected file, two groups missing, a
// duplicate and a file no fiscal year was read from.
func statusStore(t *testing.T, work string) {
	t.Helper()
	recs := map[int]map[string]perinet.Record{2015: recordsByBlock(t, 2015), 2016: recordsByBlock(t, 2016)}
	var all2015 []string
	for _, b := range perinet.DefaultSurvey().Blocks {
		if _, ok := recs[2015][b.Name]; ok {
			all2015 = append(all2015, b.Name)
		}
	}
	arrivals := []arrival{
		{name: "table-all.xlsx", day: "2016-05-10 10:00", blocks: all2015, fy: 2015},
		{name: "scan-old.pdf", day: "2016-03-02 09:00", invalid: true},
		{name: "form-01-kuchuobu.xlsx", day: "2017-05-08 09:15", blocks: []string{"区中央部"}, fy: 2016},
		{name: "form-02-kunanbu.xlsx", day: "2017-05-20 14:03", blocks: []string{"区南部"}, fy: 2016, invalid: true},
		{name: "form-03-kuseinanbu.xlsx", day: "2017-05-12 11:40", blocks: []string{"区西南部"}, fy: 2016},
		{name: "form-03-kuseinanbu-訂正.xlsx", day: "2017-05-25 16:20", blocks: []string{"区西南部"}, fy: 2016, invalid: true},
		{name: "form-05-kuseihokubu.xlsx", day: "2017-05-15 10:00", blocks: []string{"区西北部"}, fy: 2016},
		{name: "form-06-kutohokubu.xlsx", day: "2017-05-16 10:00", blocks: []string{"区東北部"}, fy: 2016, invalid: true},
		{name: "form-06-kutohokubu-訂正.xlsx", day: "2017-05-22 10:00", blocks: []string{"区東北部"}, fy: 2016},
		{name: "form-07-kutobu.xlsx", day: "2017-05-17 10:00", blocks: []string{"区東部"}, fy: 2016, warning: true},
		{name: "table-tama.xlsx", day: "2017-05-18 10:00", fy: 2016,
			blocks: []string{"多摩地域", "西多摩", "南多摩（町田市除く）", "南多摩（町田市）", "北多摩西部", "北多摩南部"}},
		{name: "form-01-kuchuobu (2).xlsx", day: "2017-05-19 08:00", bytes: "form-01-kuchuobu.xlsx"},
		{name: "scan.pdf", day: "2017-05-30 09:00", invalid: true},
	}
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(work, config.StoreFile))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, a := range arrivals {
		var records []perinet.Record
		for _, b := range a.blocks {
			records = append(records, recs[a.fy][b])
		}
		if a.bytes == "" {
			a.bytes = a.name
		}
		if _, err := s.Add(ctx, newFile(t, a), records, arrivalProblems(a)); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := s.Backup(ctx, time.Date(2017, 5, 26, 2, 0, 4, 0, perinet.Japan())); err != nil {
		t.Fatal(err)
	}
}

// newFile describes an arrival to the store.
func newFile(t *testing.T, a arrival) store.NewFile {
	t.Helper()
	day, err := time.ParseInLocation("2006-01-02 15:04", a.day, perinet.Japan())
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(a.bytes))
	return store.NewFile{SHA256: hex.EncodeToString(sum[:]), Name: a.name, Size: int64(len(a.bytes)), Arrived: day}
}

// arrivalProblems gives a rejected arrival its error problem, and an
// arrival with a warning its warning.
func arrivalProblems(a arrival) []perinet.Problem {
	var problems []perinet.Problem
	if a.invalid {
		problems = append(problems, perinet.Problem{Severity: perinet.Error, Code: perinet.BadDate, Where: "Sheet1!C5",
			Text: "H32年2月", Message: "平成32年2月は存在しません"})
	}
	if a.warning {
		problems = append(problems, perinet.Problem{Severity: perinet.Warning, Code: perinet.UnreadCell, Where: "Sheet1!F9",
			Text: "担当: 山田", Message: "「担当: 山田」は、どの欄としても読みませんでした"})
	}
	return problems
}

// statusDir makes a folder with perinet.toml (the example with the lines
// given added) and, when withStore, the store of statusStore.
func statusDir(t *testing.T, withStore bool, lines ...string) (dir, configFile string) {
	t.Helper()
	dir = t.TempDir()
	if _, err := initFolder(dir); err != nil {
		t.Fatal(err)
	}
	configFile = filepath.Join(dir, config.FileName)
	text := config.Example() + strings.Join(lines, "\n") + "\n"
	if err := os.WriteFile(configFile, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if withStore {
		statusStore(t, filepath.Join(dir, "work"))
	}
	return dir, configFile
}

// TestStatusGolden runs perinet status on a season's store before and after
// the deadline, on the year before, and before any nightly run.
func TestStatusGolden(t *testing.T) {
	dir, file := statusDir(t, true, "year = 2016", "deadline = 2017-05-31")
	emptyDir, emptyFile := statusDir(t, false)
	runs := []struct {
		args []string
		want int
	}{
		{[]string{"--config", file, "--today", "2017-05-29"}, exitOK},
		{[]string{"--config", file, "--today", "2017-06-01"}, exitProblem},
		{[]string{"--config", file, "--today", "2017-06-01", "--year", "平成27年度"}, exitOK},
		{[]string{"--config", emptyFile, "--today", "2017-06-01", "--year", "2016"}, exitOK},
	}
	var out bytes.Buffer
	for _, r := range runs {
		var stdout, stderr bytes.Buffer
		code := run(append([]string{"status"}, r.args...), strings.NewReader(""), &stdout, &stderr)
		if code != r.want {
			t.Errorf("perinet status %q: exit %d, want %d\n%s", r.args, code, r.want, stderr.String())
		}
		args := strings.NewReplacer(dir, "$DIR", emptyDir, "$EMPTY").Replace(strings.Join(r.args, " "))
		fmt.Fprintf(&out, "$ perinet status %s … (exit %d)\n%s%s\n", args, code, stdout.String(), stderr.String())
	}
	got := strings.NewReplacer(dir, "$DIR", emptyDir, "$EMPTY").Replace(out.String())
	golden(t, "status.golden", []byte(got))
	if _, err := os.Stat(filepath.Join(emptyDir, "work", config.StoreFile)); err == nil {
		t.Error("perinet status created a store")
	}
}

// TestStatusStates checks what status says of each kind of group.
func TestStatusStates(t *testing.T) {
	_, file := statusDir(t, true, "year = 2016", "deadline = 2017-05-31")
	cfg, err := config.Load(file)
	if err != nil {
		t.Fatal(err)
	}
	today := time.Date(2017, time.June, 1, 9, 0, 0, 0, perinet.Japan())
	st, err := readStatus(context.Background(), cfg, 2016, perinet.DefaultSurvey(), today)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		state     intake.State
		latest    string
		accepted  string
		corrected string
	}{
		"区中央部":  {intake.StateAccepted, "form-01-kuchuobu.xlsx", "form-01-kuchuobu.xlsx", ""}, // its duplicate adds nothing
		"区南部":   {intake.StateRejected, "form-02-kunanbu.xlsx", "", ""},
		"区西南部":  {intake.StateRejected, "form-03-kuseinanbu-訂正.xlsx", "form-03-kuseinanbu.xlsx", ""},
		"区西部":   {intake.StateMissing, "", "", ""},
		"区東北部":  {intake.StateReview, "form-06-kutohokubu-訂正.xlsx", "form-06-kutohokubu-訂正.xlsx", "form-06-kutohokubu.xlsx"},
		"区東部":   {intake.StateReview, "form-07-kutobu.xlsx", "form-07-kutobu.xlsx", ""},
		"北多摩南部": {intake.StateAccepted, "table-tama.xlsx", "table-tama.xlsx", ""},
		"北多摩北部": {intake.StateMissing, "", "", ""},
	}
	for _, g := range st.Groups {
		w, ok := want[g.Block.Name]
		if !ok {
			continue
		}
		if g.State() != w.state || fileName(g.Latest) != w.latest || fileName(g.Accepted) != w.accepted || fileName(g.Corrected) != w.corrected {
			t.Errorf("%s: %s, latest %q, accepted %q, corrected %q; want %s, %q, %q, %q", g.Block.Name,
				g.State(), fileName(g.Latest), fileName(g.Accepted), fileName(g.Corrected), w.state, w.latest, w.accepted, w.corrected)
		}
	}
	if got, want := strings.Join(st.Late(), " "), "区南部 区西部 北多摩北部"; got != want || !st.deadline.Passed {
		t.Errorf("late: %s (passed %v), want %s", got, st.deadline.Passed, want)
	}
	if len(st.Unread) != 1 || st.Unread[0].Name != "scan.pdf" {
		t.Errorf("files without a fiscal year: %+v, want scan.pdf alone (scan-old.pdf came before FY2016)", st.Unread)
	}
}

func fileName(f *store.FileEntry) string {
	if f == nil {
		return ""
	}
	return f.Name
}

// TestStatusDefaults reads the built-in defaults: the store in ./work.
func TestStatusDefaults(t *testing.T) {
	dir, _ := statusDir(t, true)
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	code := run([]string{"status", "--year", "2016", "--today", "2017-06-01"}, strings.NewReader(""), &stdout, &stderr)
	if code != exitOK || !strings.Contains(stdout.String(), "記録: "+filepath.Join("work", "perinet.db")+"\n") ||
		!strings.Contains(stdout.String(), "提出を待つグループ 14: 受付 8、要確認 2、不受理 2、未提出 2") {
		t.Errorf("exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
}

// TestStatusWaiting lists the files the latest nightly run left in the
// inbox, with how many runs in a row left each there and why; one left
// by wait_runs runs (3, the example's) or more is marked.
func TestStatusWaiting(t *testing.T) {
	dir, file := statusDir(t, true, "year = 2016")
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(dir, "work", config.StoreFile))
	if err != nil {
		t.Fatal(err)
	}
	open := store.Waiting{Name: "区西部.xlsx", Reason: "Excelで開かれているため、次回に受け付けます"}
	copying := store.Waiting{Name: "北多摩北部.xlsx", Reason: "更新されたばかりのため、次回に受け付けます（コピー中の可能性があります）"}
	for _, left := range [][]store.Waiting{{open}, {open}, {open, copying}} {
		if _, err := s.Wait(ctx, time.Now(), left); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	var stdout, stderr bytes.Buffer
	code := run([]string{"status", "--config", file, "--today", "2017-05-29"}, strings.NewReader(""), &stdout, &stderr)
	want := "\n受付フォルダに残っているファイル（最後の perinet run が次回に回したもの）:\n" +
		"  北多摩北部.xlsx  1回続けて  更新されたばかりのため、次回に受け付けます（コピー中の可能性があります）\n" +
		"  区西部.xlsx      3回続けて  Excelで開かれているため、次回に受け付けます ！確かめてください\n"
	if code != exitOK || !strings.HasSuffix(stdout.String(), want) {
		t.Errorf("exit %d\n%s%s\nwant exit 0, ending with\n%s", code, stdout.String(), stderr.String(), want)
	}
}

func TestStatusErrors(t *testing.T) {
	_, file := statusDir(t, false, "year = 'ことし'")
	broken, brokenFile := statusDir(t, false)
	eatenDir, eaten := statusDir(t, false, "publish = 'inbox'")
	if err := os.WriteFile(filepath.Join(broken, "work", config.StoreFile), []byte("not a database, just text"), 0o644); err != nil {
		t.Fatal(err)
	}
	lost, lostFile := statusDir(t, true)
	if err := os.Remove(filepath.Join(lost, "work", config.StoreFile)); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args   []string
		want   int
		stderr string
	}{
		{[]string{"--config", file}, exitUsage, "行目（year）"},
		{[]string{"--config", filepath.Join(broken, "none.toml")}, exitUsage, "設定ファイルを読めません"},
		{[]string{"--config", brokenFile}, exitProblem, "perinet の記録ではありません"},
		{[]string{"--config", lostFile}, exitProblem, "がありません。最新のバックアップから戻してください: perinet run が動いていないときに、作業フォルダ " +
			filepath.Join(lost, "work") + " の perinet.db と、あれば perinet.db-wal, perinet.db-shm を別のフォルダに移し、バックアップ " +
			filepath.Join(lost, "work", "backup", "perinet-2017-05-26-020004.db") + " を作業フォルダに perinet.db という名前でコピーしてから"},
		{[]string{"--config", brokenFile, "--year", "平成32年度"}, exitUsage, "--year"},
		{[]string{"--config", brokenFile, "extra"}, exitUsage, "余分な引数"},
		{[]string{"--config", eaten}, exitUsage, "perinet status: 受付フォルダ（inbox = " + filepath.Join(eatenDir, "inbox") +
			"）と公開フォルダ（publish = " + filepath.Join(eatenDir, "inbox") + "）が同じフォルダです。"},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		code := run(append([]string{"status"}, tt.args...), strings.NewReader(""), &stdout, &stderr)
		if code != tt.want || !strings.Contains(stderr.String(), tt.stderr) {
			t.Errorf("perinet status %q: exit %d, %s; want exit %d and %q", tt.args, code, stderr.String(), tt.want, tt.stderr)
		}
	}
}

func TestDisplayWidth(t *testing.T) {
	tests := []struct {
		s    string
		want int
	}{
		{"", 0}, {"abc", 3}, {"区中央部", 8}, {"南多摩（町田市除く）", 20}, {"ﾍﾞｰｼｯｸ", 6}, {"　西多摩", 8}, {"2017-05-31 14:03", 16},
	}
	for _, tt := range tests {
		if got := displayWidth(tt.s); got != tt.want {
			t.Errorf("displayWidth(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}

// TestStatusBackup: status names the latest backup of the store, or says
// there is none yet.
func TestStatusBackup(t *testing.T) {
	dir, file := statusDir(t, true)
	backups := filepath.Join(dir, "work", "backup")
	tests := []struct {
		name string
		make func() error
		want string
	}{
		{"the latest of two", func() error {
			return os.WriteFile(filepath.Join(backups, "perinet-2017-05-27-020001.db"), nil, 0o644)
		}, "バックアップ: " + filepath.Join(backups, "perinet-2017-05-27-020001.db") + "（2017-05-27 02:00）\n"},
		{"none", func() error { return os.RemoveAll(backups) }, "バックアップ: まだありません（perinet run が記録を変えるたびに作ります）\n"},
	}
	for _, tt := range tests {
		if err := tt.make(); err != nil {
			t.Fatal(err)
		}
		code, stdout, stderr := runCommand("status", "--config", file, "--year", "2016", "--today", "2017-06-01")
		if code != exitOK || !strings.Contains(stdout, tt.want) {
			t.Errorf("%s: exit %d, want a line %q\n%s%s", tt.name, code, tt.want, stdout, stderr)
		}
	}
}
