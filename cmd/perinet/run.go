package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"perinet"
	"perinet/config"
	"perinet/nightly"
	"perinet/normalize"
	"perinet/sandbox"
)

// exitAttention is perinet run's status when it finished but something
// needs a person: it rejected some files, or a file has waited in the
// inbox for wait_runs runs in a row; so that cron mails someone.
const exitAttention = 3

// runFlags are the flags of `perinet run`; each, when given, overrides
// the config file.
type runFlags struct {
	config, inbox, work, publish, year, logFormat string
	settle                                        int
	keep                                          bool
}

// runRun is `perinet run`: the nightly job. It takes the settled files of
// the inbox into the store, the archive or rejected/, writes a receipt
// for each, brings the reports up to date and ends with a one-line summary.
func runRun(args []string, stdout, stderr io.Writer) int {
	var f runFlags
	fs := newCommandFlags("run")
	fs.StringVar(&f.config, "config", "", "設定ファイル")
	fs.StringVar(&f.inbox, "inbox", "", "受付フォルダ")
	fs.StringVar(&f.work, "work", "", "作業フォルダ")
	fs.StringVar(&f.publish, "publish", "", "報告書PDFを置くフォルダ")
	fs.StringVar(&f.year, "year", "", "公開する報告書の年度")
	fs.StringVar(&f.logFormat, "log-format", "", "ログの形式（text または json）")
	fs.IntVar(&f.settle, "settle", -1, "この秒数より新しいファイルは次回に回す")
	fs.BoolVar(&f.keep, "keep", false, "受け付けたファイルを受付フォルダに残す（試しに実行するとき）")
	if code, ok := parseCommandLine(fs, args, stdout, stderr); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "perinet run: ファイルは指定できません（受付フォルダのファイルを読みます）: %s\n", strings.Join(fs.Args(), " "))
		return exitUsage
	}
	o, child, logFormat, err := f.options(time.Now())
	if err != nil {
		fmt.Fprintf(stderr, "perinet run: %v\n", err)
		return exitUsage
	}
	defer child.Close()
	if err := f.checkFolder(o.Inbox, "受付フォルダ", "inbox", f.inbox); err != nil {
		fmt.Fprintf(stderr, "perinet run: %v。%s\n", err, f.inboxAdvice())
		return exitUsage
	}
	// A work folder named on the command line is made when missing; one
	// from the config must exist (perinet init makes it), so that a drive
	// that is not mounted is not taken for a new, empty work folder.
	if f.work != "" {
		if err := os.MkdirAll(f.work, 0o755); err != nil {
			fmt.Fprintf(stderr, "perinet run: 作業フォルダを作れません: %v\n", err)
			return exitProblem
		}
	} else if err := f.checkFolder(o.Work, "作業フォルダ", "work", ""); err != nil {
		fmt.Fprintf(stderr, "perinet run: %v。ドライブがつながっているか確かめてください。新しく始めるときは "+
			"perinet init で用意するか、--work で作業フォルダを指定してください（指定したフォルダは作ります）\n", err)
		return exitProblem
	}
	return runNightly(o, logFormat, stdout, stderr)
}

// inboxAdvice says what to do when the inbox is not there, by where it
// was named.
func (f runFlags) inboxAdvice() string {
	switch {
	case f.inbox != "":
		return "フォルダの名前を確かめてください（受付フォルダは自動では作りません。perinet init フォルダ で用意できます）"
	case f.config != "":
		return "そのフォルダを作るか、設定ファイルの inbox を直してください（--inbox で受付フォルダを指定することもできます）"
	}
	return "perinet init フォルダ で設定ファイルと受付フォルダを用意して、その perinet.toml を --config で指定するか、" +
		"--inbox で受付フォルダを指定してください"
}

// checkFolder makes sure path, the folder what (受付フォルダ, 作業フォルダ)
// that the config's key or the flag of that name gave, is a folder. The
// error says in Japanese which folder is not there, and where it was
// named.
func (f runFlags) checkFolder(path, what, key, flag string) error {
	from, note := "", ""
	switch {
	case flag != "":
		from = "--" + key + " で指定した"
	case f.config != "":
		from = "設定ファイル " + f.config + " の " + key + " に書かれた"
	default:
		note = "（--config の指定がないため、今のフォルダの " + key + " を使います）"
	}
	if path == "" {
		return fmt.Errorf("%s%sが決まっていません", from, what)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("%s%s %s がありません%s", from, what, abs, note)
	case err != nil:
		return fmt.Errorf("%s%s %s を開けません（%v）", from, what, abs, err)
	case !fi.IsDir():
		return fmt.Errorf("%s%s %s はフォルダではありません%s", from, what, abs, note)
	}
	return nil
}

// options reads the config file and the flags into the run's options,
// and makes sure that the folders they name cannot eat each other; its
// Judge is that of a child perinet (the second result), to be closed
// after the run.
func (f runFlags) options(now time.Time) (nightly.Options, *sandbox.Child, string, error) {
	cfg, err := loadConfig(f.config)
	if err != nil {
		return nightly.Options{}, nil, "", err
	}
	if err := f.override(&cfg, now); err != nil {
		return nightly.Options{}, nil, "", err
	}
	if err := cfg.CheckFolders(f.folderFlags()...); err != nil {
		return nightly.Options{}, nil, "", err
	}
	o := nightly.Options{Inbox: cfg.Inbox, Work: cfg.Work, Publish: cfg.Publish, PublishYear: cfg.Year,
		Settle: cfg.Settle, WaitRuns: cfg.WaitRuns, Keep: f.keep, SubmitTo: cfg.SubmitTo, Deadline: cfg.Deadline}
	if o.Survey, err = loadSurvey(surveyFiles{cfg.Survey, cfg.Hospitals}); err != nil {
		return o, nil, "", err
	}
	if o.Paper, err = parsePaper(cfg.Paper); err != nil {
		return o, nil, "", err
	}
	if o.Purpose, err = readOptional(cfg.Purpose, "purpose"); err != nil {
		return o, nil, "", err
	}
	if o.Notes, err = readOptional(cfg.Notes, "notes"); err != nil {
		return o, nil, "", err
	}
	child, err := newChild(o.Survey, now, 0, cfg)
	if err != nil {
		return o, nil, "", err
	}
	o.Judge = child.Judge
	return o, child, cfg.LogFormat, nil
}

// folderFlags lists the folders' keys whose flags were given, for the
// message of config.Config.CheckFolders.
func (f runFlags) folderFlags() []string {
	var keys []string
	for _, g := range []struct{ key, flag string }{{"inbox", f.inbox}, {"work", f.work}, {"publish", f.publish}} {
		if g.flag != "" {
			keys = append(keys, g.key)
		}
	}
	return keys
}

// override puts the flags given over the config's settings.
func (f runFlags) override(cfg *config.Config, now time.Time) error {
	for _, s := range []struct {
		flag string
		to   *string
	}{{f.inbox, &cfg.Inbox}, {f.work, &cfg.Work}, {f.publish, &cfg.Publish}, {f.logFormat, &cfg.LogFormat}} {
		if s.flag != "" {
			*s.to = s.flag
		}
	}
	if cfg.LogFormat != config.LogText && cfg.LogFormat != config.LogJSON {
		return fmt.Errorf("--log-format %q は text または json で指定してください", cfg.LogFormat)
	}
	if f.settle >= 0 {
		cfg.Settle = time.Duration(f.settle) * time.Second
	}
	if f.year != "" {
		fy, p := normalize.FiscalYear(f.year, now)
		if p != nil {
			return fmt.Errorf("--year: %s", p.Message)
		}
		cfg.Year = fy
	}
	return nil
}

// runNightly runs the job with a log on stderr (and a progress bar when
// stderr is a terminal) and prints the summary on stdout.
func runNightly(o nightly.Options, logFormat string, stdout, stderr io.Writer) int {
	bar := newProgressBar(stderr)
	o.Log = newLogger(stderr, logFormat, bar != nil)
	if bar != nil {
		o.Progress = bar.show
	}
	sum, err := nightly.Run(context.Background(), o)
	bar.done()
	writeRunSummary(stdout, sum, o.WaitRuns)
	switch {
	case errors.Is(err, nightly.ErrLocked):
		fmt.Fprintln(stderr, "perinet run: ほかの perinet run が実行中のため、何もせずに終了します")
		return exitProblem
	case storeFault(err):
		fmt.Fprintf(stderr, "perinet run: 実行を止めました（記録に入れ終えていないファイルは受付フォルダに残っています）。%v\n",
			storeError(filepath.Join(o.Work, config.StoreFile), err))
		return exitProblem
	case err != nil:
		fmt.Fprintf(stderr, "perinet run: 実行を完了できませんでした: %v\n", err)
		return exitProblem
	case sum.Rejected > 0 || sum.Stuck > 0:
		return exitAttention
	}
	return exitOK
}

// newLogger logs to w in the config's format, in Japan time whatever the
// machine's time zone: every file under cron, only warnings and errors on
// a terminal, where the progress bar shows the rest.
func newLogger(w io.Writer, format string, terminal bool) *slog.Logger {
	opts := &slog.HandlerOptions{Level: slog.LevelInfo, ReplaceAttr: japanTime}
	if terminal {
		opts.Level = slog.LevelWarn
	}
	if format == config.LogJSON {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// japanTime puts the time of a log line in Japan time.
func japanTime(groups []string, a slog.Attr) slog.Attr {
	if a.Key == slog.TimeKey && len(groups) == 0 && a.Value.Kind() == slog.KindTime {
		a.Value = slog.TimeValue(a.Value.Time().In(perinet.Japan()))
	}
	return a
}

// writeRunSummary ends the run with one line of counts, a line for each
// file left alone that may have been meant to be taken (a link, a
// folder, a hidden file) and for each file left in the inbox by waitRuns
// runs in a row or more, then the path of the committee's PDF. The
// counts are of what this run recorded: a file an earlier run recorded
// counts as 前回までに記録済み, and a report is a fiscal year's PDF and
// workbook together.
func writeRunSummary(w io.Writer, sum nightly.Summary, waitRuns int) {
	fmt.Fprintf(w, "受付フォルダのファイル %d: 受付 %d、重複 %d、不受理 %d、前回までに記録済み %d、次回に回したもの %d（差し替えたグループ %d）。報告書 %d件を作成。\n",
		sum.Seen, sum.Accepted, sum.Duplicate, sum.Rejected, sum.AlreadyRecorded, sum.Skipped, sum.Superseded, reportCount(sum.Reports))
	for _, f := range sum.Files {
		if f.Ignored != "" {
			fmt.Fprintf(w, "読まずに残したもの: %s（%s）\n", f.Name, strings.TrimSuffix(f.Ignored, "。"))
		}
		if waitRuns > 0 && f.Waited >= waitRuns {
			fmt.Fprintf(w, "%d回続けて受け付けていないもの: %s（%s）\n", f.Waited, f.Name, f.Skipped)
		}
	}
	if sum.Latest != "" {
		fmt.Fprintf(w, "報告書: %s\n", sum.Latest)
	}
	if sum.Published != "" {
		fmt.Fprintf(w, "公開フォルダにコピーしました: %s\n", sum.Published)
	}
}

// reportCount counts the reports among the paths of a run's report
// files: report-<date>.pdf and report-<date>.xlsx are one report.
func reportCount(paths []string) int {
	reports := map[string]bool{}
	for _, p := range paths {
		reports[strings.TrimSuffix(p, filepath.Ext(p))] = true
	}
	return len(reports)
}

// A progressBar draws "受付中 [#####     ] 12/65" on a terminal, over
// itself.
type progressBar struct {
	w     io.Writer
	drawn bool
}

// newProgressBar returns a bar on w when w is a terminal, else nil: under
// cron, or into a file, nothing of the sort is written.
func newProgressBar(w io.Writer) *progressBar {
	f, ok := w.(*os.File)
	if !ok {
		return nil
	}
	fi, err := f.Stat()
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	return &progressBar{w: w}
}

// show draws the bar for done files of total.
func (b *progressBar) show(done, total int) {
	const width = 30
	filled := width
	if total > 0 {
		filled = width * done / total
	}
	fmt.Fprintf(b.w, "\r受付中 [%s%s] %d/%d", strings.Repeat("#", filled), strings.Repeat(" ", width-filled), done, total)
	b.drawn = true
}

// done ends the bar's line; nothing when there is no bar.
func (b *progressBar) done() {
	if b != nil && b.drawn {
		fmt.Fprintln(b.w)
	}
}
