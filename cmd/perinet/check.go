package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"perinet"
	"perinet/config"
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
	s, err := checkedSurvey(*files, today)
	if err != nil {
		fmt.Fprintf(stderr, "perinet check: %v\n", err)
		return exitUsage
	}
	fy := 0
	if *year != "" {
		var p *perinet.Problem
		if fy, p = normalize.FiscalYear(*year, today); p != nil {
			fmt.Fprintf(stderr, "perinet check: --year: %s\n", p.Message)
			return exitUsage
		}
	}
	child, err := newChild(s, today, fy, config.Default())
	if err != nil {
		fmt.Fprintf(stderr, "perinet check: %v\n", err)
		return exitProblem
	}
	defer child.Close()
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	status := exitOK
	for _, name := range fs.Args() {
		f, err := intake.Read(context.Background(), name, child.Judge)
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

// checkedSurvey loads the survey that files give, and makes sure a
// reader can be made of it (no name of two groups or hospitals): its
// mistakes are the command line's, found once, not in every child that
// reads a file.
func checkedSurvey(files surveyFiles, today time.Time) (*perinet.Survey, error) {
	s, err := loadSurvey(files)
	if err != nil {
		return nil, err
	}
	if _, err := reader.New(s, today); err != nil {
		return nil, err
	}
	return s, nil
}
