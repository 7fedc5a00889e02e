package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"perinet"
	"perinet/intake"
	"perinet/normalize"
	"perinet/reader"
)

// checkLine is one line of `perinet check --json`, in the contract's shape.
type checkLine struct {
	File     string            `json:"file"`
	SHA256   string            `json:"sha256"`
	Format   string            `json:"format"`
	Records  []perinet.Record  `json:"records"`
	Problems []perinet.Problem `json:"problems"`
}

// runCheck is `perinet check`: it reads each file into Records and prints,
// per file, one JSON line (--json) or a summary for the secretariat.
func runCheck(args []string, stdout, stderr io.Writer) int {
	fs, files, todayFlag := newFlagSet("check")
	asJSON := fs.Bool("json", false, "1ファイル1行のJSONで出力する")
	year := fs.String("year", "", "調査票に年度がないときの年度（例: 2016, 平成28年度）")
	if code, ok := parseCommandLine(fs, args, stdout, stderr); !ok {
		return code
	}
	if fs.NArg() == 0 {
		return usageError(stderr, "check", "調べるファイルを指定してください")
	}
	today, err := parseToday(*todayFlag)
	if err != nil {
		fmt.Fprintf(stderr, "perinet check: %v\n", err)
		return exitUsage
	}
	rd, err := newReader(*files, today)
	if err != nil {
		fmt.Fprintf(stderr, "perinet check: %v\n", err)
		return exitUsage
	}
	if *year != "" {
		fy, p := normalize.FiscalYear(*year, today)
		if p != nil {
			fmt.Fprintf(stderr, "perinet check: --year: %s\n", p.Message)
			return exitUsage
		}
		rd.FiscalYear = fy
	}
	judge := intake.InProcess(rd)
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	status := exitOK
	for _, name := range fs.Args() {
		f, err := intake.Read(context.Background(), name, judge)
		if err != nil {
			fmt.Fprintf(stderr, "perinet check: %v\n", err)
			return exitProblem
		}
		line := newCheckLine(f)
		if perinet.HasError(line.Problems) {
			status = exitProblem
		}
		if *asJSON {
			err = writeJSON(w, line)
		} else {
			err = writeSummary(w, line)
		}
		if err != nil {
			fmt.Fprintf(stderr, "perinet check: %v\n", err)
			return exitProblem
		}
	}
	return status
}

// checkLine returns the line of `perinet check --json` of a file read
// and judged.
func newCheckLine(f intake.File) checkLine {
	return checkLine{File: f.Path, SHA256: f.SHA256, Format: f.Format, Records: f.Records, Problems: f.Problems}
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// parseToday reads --today, or returns the current time when it is empty.
func parseToday(s string) (time.Time, error) {
	if s == "" {
		return time.Now(), nil
	}
	t, err := time.ParseInLocation("2006-01-02", s, time.Local)
	if err != nil {
		return t, fmt.Errorf("--today %q は YYYY-MM-DD の形で書いてください", s)
	}
	return t, nil
}

// newReader builds the survey reader of the survey that files give.
func newReader(files surveyFiles, today time.Time) (*reader.Reader, error) {
	s, err := loadSurvey(files)
	if err != nil {
		return nil, err
	}
	return reader.New(s, today)
}

// checkFile reads and judges one file in this process (intake.InProcess
// never fails), as every command does, into its line.
func checkFile(name string, rd *reader.Reader) checkLine {
	f, _ := intake.Read(context.Background(), name, intake.InProcess(rd))
	return newCheckLine(f)
}
