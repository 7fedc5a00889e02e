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
	"perinet/normalize"
	"perinet/store"
)

// The states of a group in `perinet status`.
const (
	stateAccepted = "受付"
	stateRejected = "不受理"
	stateMissing  = "未提出"
)

// A groupStatus is how one group stands for a fiscal year.
type groupStatus struct {
	block    perinet.Block
	latest   *store.FileEntry // the latest file that holds the group; nil when none
	accepted *store.FileEntry // the file whose Record of the group is current; nil when none
	awaited  bool             // a submission is expected from the group
}

// A yearStatus is what `perinet status` reports on one fiscal year.
type yearStatus struct {
	fy       int
	storeAt  string // the store's path
	noStore  bool   // the store does not exist yet
	basis    int    // the earlier fiscal year whose groups are awaited; 0 for every group of the survey
	groups   []groupStatus
	unread   []store.FileEntry // files of no fiscal year that arrived in the year or the next
	deadline time.Time         // zero when none applies
	note     string            // why the config's deadline does not apply, or ""
	passed   bool              // the deadline has passed
	waiting  []store.Waiting   // the files the latest perinet run left in the inbox
	waitRuns int               // the runs in a row after which a file waiting is a warning (wait_runs)
	backup   string            // the latest backup of the store; "" when none
	backupAt time.Time         // when it was made
}

// A ledger is what the store holds about one fiscal year.
type ledger struct {
	files   []store.FileEntry // the files of the year, in arrival order
	unread  []store.FileEntry // files of no fiscal year that arrived in the year or the next
	basis   int               // the latest earlier year with Records; 0 when none
	awaited map[string]bool   // the groups with a Record in the basis year
	waiting []store.Waiting   // the files the latest perinet run left in the inbox
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
	if st.passed && len(st.late()) > 0 {
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
	st := yearStatus{fy: fy, storeAt: cfg.Store(), waitRuns: cfg.WaitRuns}
	st.deadline, st.note = deadlineOf(cfg, fy, today)
	st.passed = !st.deadline.IsZero() && cfg.DeadlinePassed(today)
	backups, err := store.Backups(st.storeAt)
	if err != nil {
		return st, fmt.Errorf("記録のバックアップを調べられません: %w", err)
	}
	if n := len(backups); n > 0 {
		st.backup, st.backupAt = backups[n-1].Path, backups[n-1].Made
	}
	var l ledger
	if _, err := os.Stat(st.storeAt); errors.Is(err, os.ErrNotExist) && st.backup == "" {
		st.noStore = true
	} else if l, err = readLedger(ctx, st.storeAt, fy); err != nil {
		return st, err
	}
	st.basis, st.unread, st.waiting = l.basis, l.unread, l.waiting
	st.groups = groupStates(survey, l, fy)
	return st, nil
}

// deadlineOf returns the config's deadline when it is the deadline of fiscal
// year fy, or else a note that says why it does not apply.
func deadlineOf(cfg config.Config, fy int, today time.Time) (time.Time, string) {
	switch reported := cfg.FiscalYear(today); {
	case cfg.Deadline.IsZero():
		return time.Time{}, ""
	case reported != fy:
		return time.Time{}, fmt.Sprintf("設定の提出期限（%s）は %s のものです", dateText(cfg.Deadline), normalize.FiscalYearText(reported))
	case cfg.Deadline.Before(perinet.FiscalYearStart(fy)):
		return time.Time{}, fmt.Sprintf("設定の提出期限（%s）は %s が始まる前の日なので使いません。perinet.toml の year と deadline を確かめてください",
			dateText(cfg.Deadline), normalize.FiscalYearText(fy))
	}
	return cfg.Deadline, ""
}

// readLedger reads what the store at path holds about fiscal year fy.
func readLedger(ctx context.Context, path string, fy int) (ledger, error) {
	s, err := store.Open(ctx, path)
	if err != nil {
		return ledger{}, storeError(path, err)
	}
	defer s.Close()
	var l ledger
	if l.files, err = s.Files(ctx, fy); err != nil {
		return l, fmt.Errorf("記録 %s を読めません: %w", path, err)
	}
	noYear, err := s.Files(ctx, 0)
	if err != nil {
		return l, fmt.Errorf("記録 %s を読めません: %w", path, err)
	}
	for _, f := range noYear {
		if f.Outcome != store.Duplicate && inCollection(f.Arrived, fy) {
			l.unread = append(l.unread, f)
		}
	}
	if l.basis, l.awaited, err = awaitedGroups(ctx, s, fy); err != nil {
		return l, fmt.Errorf("記録 %s を読めません: %w", path, err)
	}
	if l.waiting, err = s.Waiting(ctx); err != nil {
		return l, fmt.Errorf("記録 %s を読めません: %w", path, err)
	}
	return l, nil
}

// awaitedGroups returns the latest fiscal year before fy with Records in
// the store, and the groups with a Record in it; 0 and none when there is
// no such year.
func awaitedGroups(ctx context.Context, s *store.Store, fy int) (basis int, groups map[string]bool, err error) {
	years, err := s.Years(ctx)
	if err != nil {
		return 0, nil, err
	}
	for _, y := range years {
		if y < fy {
			basis = y
		}
	}
	if basis == 0 {
		return 0, nil, nil
	}
	records, err := s.Records(ctx, basis)
	if err != nil {
		return 0, nil, err
	}
	groups = make(map[string]bool, len(records))
	for _, r := range records {
		groups[r.Block] = true
	}
	return basis, groups, nil
}

// inCollection reports whether t falls in the time a fiscal year's forms
// arrive: the year itself and the year after it.
func inCollection(t time.Time, fy int) bool {
	return !t.Before(perinet.FiscalYearStart(fy)) && t.Before(perinet.FiscalYearStart(fy+2))
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

// groupStates lists the groups of the survey in its order, then any other
// group the files name, each with its latest and its accepted file.
func groupStates(survey *perinet.Survey, l ledger, fy int) []groupStatus {
	latest := store.Latest(l.files, fy)
	accepted := make(map[string]*store.FileEntry)
	for i, f := range l.files {
		for _, g := range f.Groups {
			if g.FiscalYear == fy && g.Current {
				accepted[g.Block] = &l.files[i]
			}
		}
	}
	blocks := surveyOrder(survey.Blocks)
	known := make(map[string]bool, len(blocks))
	for _, b := range blocks {
		known[b.Name] = true
	}
	for _, f := range l.files {
		for _, g := range f.Groups {
			if g.FiscalYear == fy && !known[g.Block] {
				known[g.Block] = true
				blocks = append(blocks, perinet.Block{Name: g.Block})
			}
		}
	}
	groups := make([]groupStatus, len(blocks))
	for i, b := range blocks {
		g := groupStatus{block: b, accepted: accepted[b.Name]}
		if f, ok := latest[b.Name]; ok {
			g.latest = &f
		}
		g.awaited = l.basis == 0 || l.awaited[b.Name] || g.latest != nil
		groups[i] = g
	}
	return groups
}

// surveyOrder returns the groups in the survey's order, each sub-group
// moved to follow its network group.
func surveyOrder(blocks []perinet.Block) []perinet.Block {
	names := make(map[string]bool, len(blocks))
	for _, b := range blocks {
		names[b.Name] = true
	}
	out := make([]perinet.Block, 0, len(blocks))
	for _, b := range blocks {
		if names[b.Parent] {
			continue // placed after its network group
		}
		out = append(out, b)
		for _, sub := range blocks {
			if sub.Parent == b.Name {
				out = append(out, sub)
			}
		}
	}
	return out
}

// state is the group's state: accepted, rejected (its latest file) or missing.
func (g groupStatus) state() string {
	switch {
	case g.latest == nil:
		return stateMissing
	case g.latest.Outcome == store.Rejected:
		return stateRejected
	}
	return stateAccepted
}

// late returns the awaited groups that have no accepted submission: those
// the report lacks.
func (st yearStatus) late() []string {
	var names []string
	for _, g := range st.groups {
		if g.awaited && g.accepted == nil {
			names = append(names, g.block.Name)
		}
	}
	return names
}

// write prints the status for a terminal, in Japanese.
func (st yearStatus) write(w io.Writer, today time.Time) {
	fmt.Fprintf(w, "%sの提出状況（%s現在）\n", normalize.FiscalYearText(st.fy), dateText(today))
	fmt.Fprintf(w, "記録: %s\n", st.storeAt)
	if st.noStore {
		fmt.Fprintln(w, "  記録はまだありません。perinet run を一度実行すると作られます。")
	} else if st.backup == "" {
		fmt.Fprintln(w, "バックアップ: まだありません（perinet run が記録を変えるたびに作ります）")
	} else {
		fmt.Fprintf(w, "バックアップ: %s（%s）\n", st.backup, timeText(st.backupAt))
	}
	st.writeDeadline(w, today)
	st.writeCounts(w)
	fmt.Fprintln(w)
	rows := [][]string{{"グループ", "状態", "届いた日時", "ファイル"}}
	for _, g := range st.groups {
		if g.awaited {
			rows = append(rows, st.row(g))
		}
	}
	writeTable(w, "  ", rows)
	st.writeFooter(w)
	st.writeWaiting(w)
}

// writeDeadline prints the deadline line: the day, and whether it has passed.
func (st yearStatus) writeDeadline(w io.Writer, today time.Time) {
	switch {
	case st.deadline.IsZero() && st.note != "":
		fmt.Fprintf(w, "提出期限: なし（%s）\n", st.note)
	case st.deadline.IsZero():
		fmt.Fprintln(w, "提出期限: なし（perinet.toml の deadline で設定できます）")
	case st.passed:
		fmt.Fprintf(w, "提出期限: %s（期限を過ぎています）\n", dateText(st.deadline))
	default:
		t := today.In(perinet.Japan())
		days := int(st.deadline.Sub(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, perinet.Japan())).Hours() / 24)
		fmt.Fprintf(w, "提出期限: %s（あと%d日）\n", dateText(st.deadline), days)
	}
}

// writeCounts prints how many of the awaited groups are accepted, rejected
// and missing.
func (st yearStatus) writeCounts(w io.Writer) {
	awaited, counts := 0, map[string]int{}
	for _, g := range st.groups {
		if g.awaited {
			awaited++
			counts[g.state()]++
		}
	}
	fmt.Fprintf(w, "提出を待つグループ %d: %s %d、%s %d、%s %d\n", awaited,
		stateAccepted, counts[stateAccepted], stateRejected, counts[stateRejected], stateMissing, counts[stateMissing])
}

// row is a group's line of the table.
func (st yearStatus) row(g groupStatus) []string {
	name := g.block.Name
	if g.block.Tier == perinet.Subgroup {
		name = "　" + name
	}
	if g.latest == nil {
		note := ""
		if st.passed {
			note = "！期限を過ぎています"
		}
		return []string{name, stateMissing, "", note}
	}
	file := g.latest.Name
	if g.latest.Outcome == store.Rejected {
		file += fmt.Sprintf("（誤り %d件）", errorCount(g.latest.Problems))
		if g.accepted != nil {
			file += fmt.Sprintf(" → 報告書には前に受け付けた %s を使います", g.accepted.Name)
		} else if st.passed {
			file += " ！期限を過ぎています"
		}
	}
	return []string{name, g.state(), timeText(g.latest.Arrived), file}
}

// writeFooter prints which groups are awaited, the files no fiscal year was
// read from, and the groups late after the deadline.
func (st yearStatus) writeFooter(w io.Writer) {
	late := st.late()
	if st.basis == 0 && len(st.unread) == 0 && (!st.passed || len(late) == 0) {
		return
	}
	fmt.Fprintln(w)
	if st.basis != 0 {
		var others []string
		for _, g := range st.groups {
			if !g.awaited {
				others = append(others, g.block.Name)
			}
		}
		fmt.Fprintf(w, "提出を待つのは、%sに受け付けたグループと、この年度に提出のあったグループです。\n", normalize.FiscalYearText(st.basis))
		if len(others) > 0 {
			fmt.Fprintf(w, "上にないグループ（%sに提出なし）: %s\n", normalize.FiscalYearText(st.basis), strings.Join(others, "、"))
		}
	}
	if len(st.unread) > 0 {
		fmt.Fprintf(w, "年度を読み取れなかったファイル（%sから%sまでに届いたもの）:\n",
			dateText(perinet.FiscalYearStart(st.fy)), dateText(perinet.FiscalYearStart(st.fy+2).AddDate(0, 0, -1)))
		rows := make([][]string, len(st.unread))
		for i, f := range st.unread {
			state := stateAccepted
			if f.Outcome == store.Rejected {
				state = stateRejected
			}
			rows[i] = []string{timeText(f.Arrived), state, f.Name}
		}
		writeTable(w, "  ", rows)
	}
	if st.passed && len(late) > 0 {
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

// errorCount counts the problems of severity error.
func errorCount(problems []perinet.Problem) int {
	n := 0
	for _, p := range problems {
		if p.Severity == perinet.Error {
			n++
		}
	}
	return n
}

// dateText writes a day as the secretariat does, in Japan time: 2017年5月31日.
func dateText(t time.Time) string {
	t = t.In(perinet.Japan())
	return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())
}

// timeText writes when a file arrived, in Japan time: 2017-05-31 14:03.
func timeText(t time.Time) string {
	return t.In(perinet.Japan()).Format("2006-01-02 15:04")
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
