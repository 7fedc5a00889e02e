package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"perinet"
	"perinet/form"
	"perinet/normalize"
	"perinet/store"
)

// runTemplate is `perinet template`: the forms of a fiscal year for the
// hospitals to fill in, pre-filled from the store.
func runTemplate(args []string, stdout, stderr io.Writer) int {
	fs, files, today := newFlagSet("template")
	configFile := fs.String("config", "", "設定ファイル（perinet.toml）")
	work := fs.String("work", "", "作業フォルダ（記録 perinet.db のあるフォルダ）")
	year := fs.String("year", "", "調査する年度")
	group := fs.String("group", "", "グループ名")
	all := fs.Bool("all", false, "すべてのグループ")
	out := fs.String("out", "", "書き出すフォルダ")
	if code, ok := parseCommandLine(fs, args, stdout, stderr); !ok {
		return code
	}
	job, err := newTemplateJob(fs.Args(), templateFlags{*configFile, *work, *year, *group, *all, *out, *files, *today})
	if err != nil {
		fmt.Fprintf(stderr, "perinet template: %v\n", err)
		return exitUsage
	}
	forms, note, err := job.plan(context.Background())
	if err != nil {
		fmt.Fprintf(stderr, "perinet template: %v\n", err)
		return exitProblem
	}
	if note != "" {
		fmt.Fprintln(stdout, note)
	}
	return job.write(forms, stdout, stderr)
}

// templateFlags are the command line of `perinet template`.
type templateFlags struct {
	config, work string
	year, group  string
	all          bool
	out          string
	files        surveyFiles
	today        string
}

// A templateJob is one `perinet template` as its flags and config describe it.
type templateJob struct {
	statusJob
	block string // the group asked for; "" for all
	out   string
}

// newTemplateJob reads the flags and the config. The fiscal year may be
// the one after today's, so that forms go out before it starts.
func newTemplateJob(args []string, f templateFlags) (templateJob, error) {
	job := templateJob{out: f.out}
	switch {
	case f.out == "":
		return job, errors.New("--out で書き出すフォルダを指定してください")
	case f.all == (f.group != ""):
		return job, errors.New("--group グループ名 か --all のどちらか一方を指定してください")
	}
	var err error
	if job.statusJob, err = newStatusJob(args, f.config, "", f.files, f.today); err != nil {
		return job, err
	}
	var flags []string
	if f.work != "" {
		// A folder named by hand that is not there is a mistyped name, not
		// a store without answers: blank forms would be the wrong forms.
		if info, err := os.Stat(f.work); err != nil || !info.IsDir() {
			return job, fmt.Errorf("--work: 作業フォルダ %s がありません", f.work)
		}
		job.cfg.Work, flags = f.work, []string{"work"}
	}
	if err := job.cfg.CheckFolders(flags...); err != nil {
		return job, err
	}
	if f.year != "" {
		fy, p := normalize.FiscalYear(f.year, job.today.AddDate(1, 0, 0))
		if p != nil {
			return job, fmt.Errorf("--year: %s", p.Message)
		}
		job.fy = fy
	}
	if f.group != "" {
		names, err := normalize.NewNames(job.survey)
		if err != nil {
			return job, err
		}
		b, p := names.Block(f.group)
		if p != nil || b.Name == "" {
			return job, fmt.Errorf("--group: 「%s」というグループはありません", f.group)
		}
		job.block = b.Name
	}
	return job, nil
}

// plan returns the forms to write, pre-filled from the Records of earlier
// years in the store, and a note for the secretariat when there are none.
func (job templateJob) plan(ctx context.Context) ([]form.Form, string, error) {
	last, err := earlierRecords(ctx, job.cfg.Store(), job.fy)
	if err != nil {
		return nil, "", err
	}
	note := ""
	if len(last) == 0 {
		note = fmt.Sprintf("記録（%s）に %s より前の年度の回答がないため、前回の回答を入れずに作ります。", job.cfg.Store(), normalize.FiscalYearText(job.fy))
	}
	forms := form.Plan(job.survey, job.fy, last, job.block)
	deadline := job.cfg.DeadlineOf(job.fy, job.today).Day
	for i := range forms {
		forms[i].SubmitTo, forms[i].Deadline = job.cfg.SubmitTo, deadline
	}
	return forms, note, nil
}

// earlierRecords returns the current Records of the fiscal years before fy
// in the store at path; none when the store does not exist (and has no
// backups: then it was lost), which it never creates.
func earlierRecords(ctx context.Context, path string, fy int) ([]perinet.Record, error) {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) && latestBackup(path) == "" {
		return nil, nil
	}
	s, err := store.Open(ctx, path)
	if err != nil {
		return nil, storeError(path, err)
	}
	defer s.Close()
	years, err := s.Years(ctx)
	if err != nil {
		return nil, fmt.Errorf("記録 %s を読めません: %w", path, err)
	}
	var records []perinet.Record
	for _, y := range years {
		if y >= fy {
			continue
		}
		recs, err := s.Records(ctx, y)
		if err != nil {
			return nil, fmt.Errorf("記録 %s を読めません: %w", path, err)
		}
		records = append(records, recs...)
	}
	return records, nil
}

// write writes each form into the output folder, never over a file that
// is there, and says what it wrote.
func (job templateJob) write(forms []form.Form, stdout, stderr io.Writer) int {
	if err := os.MkdirAll(job.out, 0o755); err != nil {
		fmt.Fprintf(stderr, "perinet template: フォルダ %s を作れません: %v\n", job.out, err)
		return exitProblem
	}
	status := exitOK
	for _, f := range forms {
		path := filepath.Join(job.out, f.Name())
		err := writeFileNew(path, func(w io.Writer) error { return f.Write(w, job.survey) })
		switch {
		case errors.Is(err, fs.ErrExist):
			fmt.Fprintf(stderr, "perinet template: %s はもうあるので、書き換えずにおきます。作り直すときは、先に移すか消してください\n", path)
			status = exitProblem
		case err != nil:
			fmt.Fprintf(stderr, "perinet template: %s を書けません: %v\n", path, err)
			status = exitProblem
		default:
			fmt.Fprintf(stdout, "%s（%s）\n", path, describe(f))
		}
	}
	return status
}

// describe says in a few words which groups a form covers and from which
// year it is pre-filled.
func describe(f form.Form) string {
	var names []string
	from := 0
	for _, g := range f.Groups {
		names = append(names, g.Block)
		from = max(from, g.FiscalYear)
	}
	s := strings.Join(names, "、")
	if from != 0 {
		return s + "。前回（" + normalize.EraFiscalYear(from) + "）の回答入り"
	}
	return s + "。回答なし"
}
