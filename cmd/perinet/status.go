package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/text/width"

	"perinet"
	"perinet/config"
	"perinet/intake"
	"perinet/normalize"
	"perinet/store"
)

// A yearStatus is what `perinet status` reports on one fiscal year.
type yearStatus struct {
	intake.YearStatus
	storeAt  string // the store's path
	noStore  bool   // the store does not exist yet
	deadline config.Deadline
	waiting  []store.Waiting // the files the latest perinet run left in the inbox
	waitRuns int             // the runs in a row after which a file waiting is a warning (wait_runs)
	backup   string          // the latest backup of the store; "" when none
	backupAt time.Time       // when it was made
}

// runStatus is `perinet status`: for a fiscal year, each group's latest
// submission, the groups still missing, and the deadline.
func runStatus(args []string, stdout, stderr io.Writer) int {
	fs, files, today := newFlagSet("status")
	configFile := fs.String("config", "", "設定ファイル（perinet.toml）")
	year := fs.String("year", "", "年度（省略時は設定ファイルの年度）")
	if code, ok := parseCommandLine(fs, args, stdout, stderr); !ok {
		return code
	}
	job, err := newStatusJob(fs.Args(), *configFile, *year, *files, *today)
	if err == nil {
		err = job.cfg.CheckFolders()
	}
	if err != nil {
		fmt.Fprintf(stderr, "perinet status: %v\n", err)
		return exitUsage
	}
	st, err := readStatus(context.Background(), job.cfg, job.fy, job.survey, job.today)
	if err != nil {
		fmt.Fprintf(stderr, "perinet status: %v\n", err)
		return exitProblem
	}
	w := bufio.NewWriter(stdout)
	st.write(w, job.today)
	if err := w.Flush(); err != nil {
		fmt.Fprintf(stderr, "perinet status: %v\n", err)
		return exitProblem
	}
	if st.deadline.Passed && len(st.Late()) > 0 {
		return exitProblem
	}
	return exitOK
}

// A statusJob is one `perinet status` as its flags and config describe it.
type statusJob struct {
	cfg    config.Config
	fy     int // the fiscal year shown
	survey *perinet.Survey
	today  time.Time
}

// newStatusJob reads the flags of `perinet status` and the config file;
// --survey and --hospitals override the config's files, and --year its year.
func newStatusJob(args []string, configFile, year string, files surveyFiles, today string) (statusJob, error) {
	var job statusJob
	if len(args) > 0 {
		return job, fmt.Errorf("余分な引数があります: %s", strings.Join(args, " "))
	}
	var err error
	if job.today, err = parseToday(today); err != nil {
		return job, err
	}
	if job.cfg, err = loadConfig(configFile); err != nil {
		return job, err
	}
	if files.survey != "" {
		job.cfg.Survey = files.survey
	}
	if files.hospitals != "" {
		job.cfg.Hospitals = files.hospitals
	}
	job.fy = job.cfg.FiscalYear(job.today)
	if year != "" {
		fy, p := normalize.FiscalYear(year, job.today)
		if p != nil {
			return job, fmt.Errorf("--year: %s", p.Message)
		}
		job.fy = fy
	}
	job.survey, err = loadSurvey(surveyFiles{job.cfg.Survey, job.cfg.Hospitals})
	return job, err
}

// loadConfig reads the config file that --config names, with its paths
// made absolute, or returns the built-in defaults (paths in the current
// folder) when none is named.
func loadConfig(path string) (config.Config, error) {
	if path == "" {
		return config.Default(), nil
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return config.Config{}, fmt.Errorf("--config %s: %w", path, err)
	}
	return config.Load(abs)
}

// readStatus gathers how each group of the survey stands for fiscal year
// fy. A store that does not exist yet is read as empty, and never created.
func readStatus(ctx context.Context, cfg config.Config, fy int, survey *perinet.Survey, today time.Time) (yearStatus, error) {
	st := yearStatus{storeAt: cfg.Store(), deadline: cfg.DeadlineOf(fy, today), waitRuns: cfg.WaitRuns}
	backups, err := store.Backups(st.storeAt)
	if err != nil {
		return st, fmt.Errorf("記録のバックアップを調べられません: %w", err)
	}
	if n := len(backups); n > 0 {
		st.backup, st.backupAt = backups[n-1].Path, backups[n-1].Made
	}
	l := &intake.Ledger{}
	if _, err := os.Stat(st.storeAt); errors.Is(err, os.ErrNotExist) && st.backup == "" {
		st.noStore = true
	} else if l, st.waiting, err = readLedger(ctx, st.storeAt, fy); err != nil {
		return st, err
	}
	st.YearStatus = l.Status(fy, survey)
	return st, nil
}

// readLedger reads what the store at path holds about fiscal year fy and
// the years before it, and the files the latest run left in the inbox.
func readLedger(ctx context.Context, path string, fy int) (*intake.Ledger, []store.Waiting, error) {
	s, err := store.Open(ctx, path)
	if err != nil {
		return nil, nil, storeError(path, err)
	}
	defer s.Close()
	l, err := intake.LoadLedger(ctx, s, fy)
	if err != nil {
		return nil, nil, fmt.Errorf("記録 %s を読めません: %w", path, err)
	}
	waiting, err := s.Waiting(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("記録 %s を読めません: %w", path, err)
	}
	return l, waiting, nil
}

// storeError says in Japanese why the store could not be opened, and for
// a damaged or lost store, how to restore its latest backup.
func storeError(path string, err error) error {
	switch {
	case errors.Is(err, store.ErrNewerSchema):
		return fmt.Errorf("記録 %s は新しい版の perinet が書いたものです。perinet を新しくしてください（%w）", path, err)
	case errors.Is(err, store.ErrCorrupt):
		return fmt.Errorf("記録 %s が壊れています。%s（%w）", path, restoreAdvice(path, latestBackup(path)), err)
	case errors.Is(err, store.ErrMissing):
		return fmt.Errorf("記録 %s がありません。%s（%w）", path, restoreAdvice(path, latestBackup(path)), err)
	case errors.Is(err, store.ErrNotStore):
		return fmt.Errorf("%s は perinet の記録ではありません。設定の work を確かめてください（%w）", path, err)
	}
	return fmt.Errorf("記録 %s を開けません（%w）", path, err)
}

// storeFault reports whether err is one of the store's own errors, which
// storeError explains.
func storeFault(err error) bool {
	for _, e := range []error{store.ErrCorrupt, store.ErrMissing, store.ErrNotStore, store.ErrNewerSchema} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// latestBackup is the latest backup of the store at path; "" when there
// is none, or the backup folder cannot be read.
func latestBackup(path string) string {
	backups, err := store.Backups(path)
	if err != nil || len(backups) == 0 {
		return ""
	}
	return backups[len(backups)-1].Path
}

// restoreAdvice says how to restore the store at path from its latest
// backup, or what to do when it has none.
func restoreAdvice(path, latest string) string {
	dir, name := filepath.Dir(path), filepath.Base(path)
	if latest == "" {
		return fmt.Sprintf("バックアップ（%s）がありません。%s を別のフォルダに移して perinet run を実行すると、空の記録から始めます"+
			"（受け付けたファイルは archive と rejected に残ります）", filepath.Join(dir, store.BackupDir), name)
	}
	return fmt.Sprintf("最新のバックアップから戻してください: perinet run が動いていないときに、作業フォルダ %s の %s と、"+
		"あれば %s-wal, %s-shm を別のフォルダに移し、バックアップ %s を作業フォルダに %s という名前でコピーしてから、"+
		"もう一度 perinet run を実行します（README の「記録をバックアップから戻す」）", dir, name, name, name, latest, name)
}

// write prints the status for a terminal, in Japanese.
func (st yearStatus) write(w io.Writer, today time.Time) {
	fmt.Fprintf(w, "%sの提出状況（%s現在）\n", normalize.FiscalYearText(st.FiscalYear), normalize.DayText(today))
	fmt.Fprintf(w, "記録: %s\n", st.storeAt)
	if st.noStore {
		fmt.Fprintln(w, "  記録はまだありません。perinet run を一度実行すると作られます。")
	} else if st.backup == "" {
		fmt.Fprintln(w, "バックアップ: まだありません（perinet run が記録を変えるたびに作ります）")
	} else {
		fmt.Fprintf(w, "バックアップ: %s（%s）\n", st.backup, normalize.MinuteText(st.backupAt))
	}
	st.writeDeadline(w)
	st.writeCounts(w)
	fmt.Fprintln(w)
	rows := [][]string{{"グループ", "状態", "届いた日時", "ファイル"}}
	for _, g := range st.Groups {
		if g.Awaited {
			rows = append(rows, st.row(g))
		}
	}
	writeTable(w, "  ", rows)
	st.writeFooter(w)
	st.writeWaiting(w)
}

// writeDeadline prints the deadline line: the day, and whether it has passed.
func (st yearStatus) writeDeadline(w io.Writer) {
	switch d := st.deadline; {
	case d.Day.IsZero() && d.Note != "":
		fmt.Fprintf(w, "提出期限: なし（%s）\n", d.Note)
	case d.Day.IsZero():
		fmt.Fprintln(w, "提出期限: なし（perinet.toml の deadline で設定できます）")
	case d.Passed:
		fmt.Fprintf(w, "提出期限: %s（期限を過ぎています）\n", normalize.DayText(d.Day))
	default:
		fmt.Fprintf(w, "提出期限: %s（あと%d日）\n", normalize.DayText(d.Day), d.DaysLeft)
	}
}

// writeCounts prints how many of the awaited groups are in each state;
// 要確認 only when a group is.
func (st yearStatus) writeCounts(w io.Writer) {
	awaited, counts := 0, st.Counts()
	var parts []string
	for _, s := range intake.States {
		awaited += counts[s]
		if s != intake.StateReview || counts[s] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", s, counts[s]))
		}
	}
	fmt.Fprintf(w, "提出を待つグループ %d: %s\n", awaited, strings.Join(parts, "、"))
}

// row is a group's line of the table: the file, or the note of a missing
// group, with what its state needs said (intake.GroupStatus.Notes).
func (st yearStatus) row(g intake.GroupStatus) []string {
	name := g.Block.Name
	if g.Block.Tier == perinet.Subgroup {
		name = "　" + name
	}
	notes := strings.Join(g.Notes(st.deadline.Passed), "、")
	if g.Latest == nil {
		if notes != "" {
			notes = "！" + notes
		}
		return []string{name, string(intake.StateMissing), "", notes}
	}
	file := g.Latest.Name
	if notes != "" {
		file += "（" + notes + "）"
	}
	return []string{name, string(g.State()), normalize.MinuteText(g.Latest.Arrived), file}
}

// writeFooter prints which groups are awaited, the files no fiscal year was
// read from, and the groups late after the deadline.
func (st yearStatus) writeFooter(w io.Writer) {
	late := st.Late()
	if st.Basis == 0 && len(st.Unread) == 0 && (!st.deadline.Passed || len(late) == 0) {
		return
	}
	fmt.Fprintln(w)
	if st.Basis != 0 {
		var others []string
		for _, g := range st.Groups {
			if !g.Awaited {
				others = append(others, g.Block.Name)
			}
		}
		fmt.Fprintf(w, "提出を待つのは、%sに受け付けたグループと、この年度に提出のあったグループです。\n", normalize.FiscalYearText(st.Basis))
		if len(others) > 0 {
			fmt.Fprintf(w, "上にないグループ（%sに提出なし）: %s\n", normalize.FiscalYearText(st.Basis), strings.Join(others, "、"))
		}
	}
	if len(st.Unread) > 0 {
		fmt.Fprintf(w, "年度を読み取れなかったファイル（%sから%sまでに届いたもの）:\n",
			normalize.DayText(perinet.FiscalYearStart(st.FiscalYear)), normalize.DayText(perinet.FiscalYearStart(st.FiscalYear+2).AddDate(0, 0, -1)))
		rows := make([][]string, len(st.Unread))
		for i, f := range st.Unread {
			state := intake.StateAccepted
			if f.Outcome == store.Rejected {
				state = intake.StateRejected
			}
			rows[i] = []string{normalize.MinuteText(f.Arrived), string(state), f.Name}
		}
		writeTable(w, "  ", rows)
	}
	if st.deadline.Passed && len(late) > 0 {
		fmt.Fprintf(w, "期限を過ぎても受け付けていないグループ: %s\n", strings.Join(late, "、"))
	}
}

// writeWaiting prints the files the latest perinet run left in the inbox,
// with how many runs in a row left each there and why, and a warning for
// those left by wait_runs runs or more.
func (st yearStatus) writeWaiting(w io.Writer) {
	if len(st.waiting) == 0 {
		return
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "受付フォルダに残っているファイル（最後の perinet run が次回に回したもの）:")
	rows := make([][]string, len(st.waiting))
	for i, f := range st.waiting {
		rows[i] = []string{f.Name, fmt.Sprintf("%d回続けて", f.Runs), f.Reason}
		if f.Runs >= st.waitRuns {
			rows[i][2] += " ！確かめてください"
		}
	}
	writeTable(w, "  ", rows)
}

// writeTable writes rows of cells in columns aligned for a terminal, where
// a full-width character takes two columns. The last cell of a row is not
// padded.
func writeTable(w io.Writer, indent string, rows [][]string) {
	var widths []int
	for _, row := range rows {
		for i, cell := range row {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], displayWidth(cell))
		}
	}
	for _, row := range rows {
		var b strings.Builder
		b.WriteString(indent)
		for i, cell := range row {
			b.WriteString(cell)
			if i < len(row)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-displayWidth(cell)+2))
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

// displayWidth returns how many terminal columns s takes: two for a wide or
// full-width character, one for any other.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n++
		if k := width.LookupRune(r).Kind(); k == width.EastAsianWide || k == width.EastAsianFullwidth {
			n++
		}
	}
	return n
}
