package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/width"

	"perinet"
	"perinet/config"
	"perinet/ingest"
	"perinet/intake"
	"perinet/normalize"
	"perinet/reader"
	"perinet/report"
	"perinet/store"
)

// The files `perinet report` writes into its --out folder.
const (
	reportXLSX = "report.xlsx"
	reportPDF  = "report.pdf"
)

// reportJob is one `perinet report` as its flags describe it.
type reportJob struct {
	year    int    // the fiscal year of --year; 0 means the latest year read
	out     string // the folder written into
	purpose string // the text of 目的, or "" for the default
	notes   string // the secretariat's paragraphs, or ""
	paper   report.Paper
	files   []string
}

// runReport is `perinet report`: it reads the forms, analyses the fiscal
// year asked for against the earlier years the forms hold, and writes
// report.xlsx and report.pdf into the --out folder.
func runReport(args []string, stdout, stderr io.Writer) int {
	fs, files, todayFlag := newFlagSet("report")
	var job reportJob
	year := fs.String("year", "", "報告する年度（省略時は調査票の最新の年度）")
	fs.StringVar(&job.out, "out", "", "報告書を書き出すフォルダ")
	purposeFile := fs.String("purpose", "", "目的の文章のファイル")
	notesFile := fs.String("notes", "", "事務局の所見のファイル")
	paper := fs.String("paper", "A3", "用紙（A3 または A4）")
	if code, ok := parseCommandLine(fs, args, stdout, stderr); !ok {
		return code
	}
	usageError := func(err error) int {
		fmt.Fprintf(stderr, "perinet report: %v\n", err)
		return exitUsage
	}
	job.files = fs.Args()
	if err := job.check(); err != nil {
		return usageError(err)
	}
	var err error
	if job.paper, err = parsePaper(*paper); err != nil {
		return usageError(err)
	}
	if job.purpose, err = readOptional(*purposeFile, "--purpose"); err != nil {
		return usageError(err)
	}
	if job.notes, err = readOptional(*notesFile, "--notes"); err != nil {
		return usageError(err)
	}
	today, err := parseToday(*todayFlag)
	if err != nil {
		return usageError(err)
	}
	if *year != "" {
		fy, p := normalize.FiscalYear(*year, today)
		if p != nil {
			return usageError(fmt.Errorf("--year: %s", p.Message))
		}
		job.year = fy
	}
	survey, err := loadSurvey(*files)
	if err != nil {
		return usageError(err)
	}
	return job.run(survey, today, stdout, stderr)
}

// check refuses a job that lacks its folder or files, or that would write
// over one of the files it reads.
func (job reportJob) check() error {
	if job.out == "" {
		return errors.New("--out で報告書を書き出すフォルダを指定してください")
	}
	if len(job.files) == 0 {
		return errors.New("調査票のファイルを指定してください")
	}
	for _, out := range []string{reportXLSX, reportPDF} {
		path := filepath.Join(job.out, out)
		o, err := os.Stat(path)
		if err != nil {
			continue
		}
		for _, in := range job.files {
			if i, err := os.Stat(in); err == nil && os.SameFile(i, o) {
				return fmt.Errorf("%s は読み込むファイルでもあるため上書きできません。別の --out を指定してください", path)
			}
		}
	}
	return nil
}

// parsePaper reads --paper: A3 or A4, in either width or case.
func parsePaper(s string) (report.Paper, error) {
	switch strings.ToUpper(width.Narrow.String(strings.TrimSpace(s))) {
	case "A3":
		return report.A3, nil
	case "A4":
		return report.A4, nil
	}
	return 0, fmt.Errorf("--paper %q は A3 または A4 で指定してください", s)
}

// readOptional reads the text file a flag names, or returns "" when the
// flag was not given.
func readOptional(path, flag string) (string, error) {
	if path == "" {
		return "", nil
	}
	text, err := ingest.Text(path)
	if err != nil {
		return "", fmt.Errorf("%s のファイルを読めません: %w", flag, err)
	}
	return text, nil
}

// run reads the files and writes the report. Every file is read; one that
// cannot be read is listed on the report's submission page, and the
// status is exitProblem.
func (job reportJob) run(survey *perinet.Survey, today time.Time, stdout, stderr io.Writer) int {
	// The survey's mistakes are the command line's, found once, not in
	// every child that reads a file.
	if _, err := reader.New(survey, today); err != nil {
		fmt.Fprintf(stderr, "perinet report: %v\n", err)
		return exitUsage
	}
	child, err := newChild(survey, today, 0, config.Default())
	if err != nil {
		fmt.Fprintf(stderr, "perinet report: %v\n", err)
		return exitProblem
	}
	defer child.Close()
	files := make([]intake.File, len(job.files))
	for i, name := range job.files {
		if files[i], err = intake.Read(context.Background(), name, child.Judge); err != nil {
			fmt.Fprintf(stderr, "perinet report: %v\n", err)
			return exitProblem
		}
	}
	fy, err := reportYear(job.year, files)
	if err != nil {
		fmt.Fprintf(stderr, "perinet report: %v\n", err)
		if errors.Is(err, errNoForms) {
			return exitProblem
		}
		return exitUsage
	}
	in, err := reportInput(context.Background(), files, fy, intake.ReportOptions{Survey: survey, Notes: job.notes})
	if err != nil {
		fmt.Fprintf(stderr, "perinet report: %v\n", err)
		return exitProblem
	}
	a := report.Analyze(in)
	written, err := job.write(in, a, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "perinet report: %v\n", err)
		return exitProblem
	}
	writeReportSummary(stdout, a, written)
	for _, f := range files {
		if !f.Accepted() {
			return exitProblem
		}
	}
	return exitOK
}

// errNoForms is reportYear's error when no file held a form.
var errNoForms = errors.New("どのファイルからも調査票を読み取れませんでした。`perinet check` で内容を確かめてください")

// reportYear returns the fiscal year to report: year when it is not 0,
// else the latest fiscal year the files hold. A year asked for that no
// file holds is an error that names the years they do hold; so is no
// year at all (errNoForms).
func reportYear(year int, files []intake.File) (int, error) {
	var years []int
	for _, f := range files {
		for _, r := range f.Records {
			if r.FiscalYear != 0 && !slices.Contains(years, r.FiscalYear) {
				years = append(years, r.FiscalYear)
			}
		}
	}
	slices.Sort(years)
	switch {
	case len(years) == 0:
		return 0, errNoForms
	case year == 0:
		return years[len(years)-1], nil
	case !slices.Contains(years, year):
		held := make([]string, len(years))
		for i, y := range years {
			held[i] = normalize.FiscalYearText(y)
		}
		return 0, fmt.Errorf("--year の%sの調査票がありません（ファイルにある年度: %s）。--year を直すか、その年度の調査票を指定してください",
			normalize.FiscalYearText(year), strings.Join(held, "、"))
	}
	return year, nil
}

// reportInput takes the files through the nightly run's rules, in a
// temporary store (intake.Take), and returns what the report on fiscal
// year fy is made from, dated, as the nightly run makes it
// (intake.Ledger.Report): for each group and year the latest accepted
// submission stands, by the files' saved times (else their modification
// times), and the Records set aside are listed. Every file no year was
// read from is listed among the submissions, and so is every file that
// could not be read at all.
func reportInput(ctx context.Context, files []intake.File, fy int, o intake.ReportOptions) (report.Input, error) {
	st, closeStore, err := intake.OpenTemp(ctx)
	if err != nil {
		return report.Input{}, err
	}
	defer closeStore()
	if err := intake.Take(ctx, st, files); err != nil {
		return report.Input{}, err
	}
	l, err := intake.LoadLedger(ctx, st, fy)
	if err != nil {
		return report.Input{}, err
	}
	saved := map[string]bool{}
	for _, f := range files {
		_, saved[f.Path] = f.Arrival()
	}
	o.AllUnread = true
	o.Arrival = func(e store.FileEntry) string {
		if saved[e.Name] {
			return intake.ArrivalSaved
		}
		return intake.ArrivalMod
	}
	in := l.Report(fy, o)
	for _, f := range files {
		if f.SHA256 == "" {
			in.Submissions = append(in.Submissions, report.Submission{File: f.Path, Problems: f.Problems})
		}
	}
	return in, nil
}

// write writes report.xlsx and report.pdf into the job's folder and
// returns their paths. A character the font lacks is a warning: the PDF
// is written with 〓 in its place.
func (job reportJob) write(in report.Input, a report.Analysis, stderr io.Writer) ([]string, error) {
	if err := os.MkdirAll(job.out, 0o755); err != nil {
		return nil, fmt.Errorf("出力先のフォルダを作れません: %w", err)
	}
	xlsx := func(w io.Writer) error { return report.WriteXLSX(w, a, in.AllRecords(), in.Survey) }
	pdf := func(w io.Writer) error {
		err := report.WritePDF(w, report.PDFDoc{Analysis: a, Records: in.Records[a.FiscalYear], Survey: in.Survey,
			Purpose: job.purpose, Paper: job.paper})
		var missing *report.MissingGlyphsError
		if errors.As(err, &missing) {
			fmt.Fprintf(stderr, "perinet report: 注意: %s\n", missingText(missing))
			return nil
		}
		return err
	}
	var paths []string
	for _, f := range []struct {
		name  string
		write func(io.Writer) error
	}{{reportXLSX, xlsx}, {reportPDF, pdf}} {
		path := filepath.Join(job.out, f.name)
		if err := writeFileAtomic(path, f.write); err != nil {
			return paths, fmt.Errorf("%s: %w", path, err)
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// missingText says in Japanese which characters the PDF could not draw.
func missingText(e *report.MissingGlyphsError) string {
	var b strings.Builder
	b.WriteString("報告書PDFのフォントにない文字を〓で表示しました:")
	for _, m := range e.Missing {
		fmt.Fprintf(&b, " %q（%U、「%s」）", m.Rune, m.Rune, m.Text)
	}
	return b.String()
}

// writeFileAtomic writes a file through a temporary file in the same
// folder, renamed into place only when complete: a failed run leaves the
// previous report as it was.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	return writeComplete(path, write, os.Rename)
}

// writeFileNew writes a file as writeFileAtomic does, but never over a
// file that is already there: that is an error wrapping fs.ErrExist.
func writeFileNew(path string, write func(io.Writer) error) error {
	return writeComplete(path, write, placeNew)
}

// placeNew puts file from at to, unless a file is there already: a hard
// link where the file system has them, else a rename after a look.
func placeNew(from, to string) error {
	err := os.Link(from, to)
	if err == nil || errors.Is(err, fs.ErrExist) {
		return err
	}
	if _, err := os.Lstat(to); err == nil {
		return &fs.PathError{Op: "create", Path: to, Err: fs.ErrExist}
	}
	return os.Rename(from, to)
}

// writeComplete writes a file through a temporary file in the same
// folder, which place (os.Rename or os.Link) puts at path only when
// complete.
func writeComplete(path string, write func(io.Writer) error, place func(from, to string) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return place(tmp.Name(), path)
}

// writeReportSummary tells the secretariat what was written and what
// needs a look.
func writeReportSummary(w io.Writer, a report.Analysis, paths []string) {
	fmt.Fprintf(w, "%sの報告書を作成しました。\n", normalize.FiscalYearText(a.FiscalYear))
	for _, p := range paths {
		fmt.Fprintf(w, "  %s\n", p)
	}
	fmt.Fprintf(w, "  グループ: %d\n", a.Groups)
	var flawed []report.Submission
	for _, s := range a.Submissions {
		if len(s.Problems) > 0 {
			flawed = append(flawed, s)
		}
	}
	fmt.Fprintf(w, "  提出ファイル: %d（問題のあるファイル: %d）\n", len(a.Submissions), len(flawed))
	fmt.Fprintf(w, "  課題: %d件\n", len(a.Issues))
	superseded, conflicts := 0, 0
	for _, is := range a.Issues {
		switch is.Kind {
		case report.Superseded:
			superseded++
		case report.Conflict:
			conflicts++
		}
	}
	if superseded+conflicts > 0 {
		fmt.Fprintf(w, "  差し替え: %dグループ、内容の相違: %d件（使ったファイルと使わなかったファイルは報告書の「その他の確認事項」にあります）\n", superseded, conflicts)
	}
	for _, s := range flawed {
		errs := 0
		for _, p := range s.Problems {
			if p.Severity == perinet.Error {
				errs++
			}
		}
		fmt.Fprintf(w, "  要確認: %s（誤り %d件、注意 %d件）… perinet check で詳細を表示できます\n", s.File, errs, len(s.Problems)-errs)
	}
}
