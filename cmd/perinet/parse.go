package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"perinet"
	"perinet/ingest"
	"perinet/normalize"
)

// parseLine is one line of `perinet parse` output, in the contract's shape.
type parseLine struct {
	Text    string           `json:"text"`
	Value   any              `json:"value"`
	Problem *perinet.Problem `json:"problem"`
}

// runParse is `perinet parse`: it reads each value, or each line of
// standard input, with the parser of the kind asked for, and prints one
// JSON object a line.
func runParse(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs, files, todayFlag := newFlagSet("parse")
	if code, ok := parseCommandLine(fs, args, stdout, stderr); !ok {
		return code
	}
	if fs.NArg() == 0 {
		return usageError(stderr, "parse", "種類を指定してください")
	}
	today, err := parseToday(*todayFlag)
	if err != nil {
		fmt.Fprintf(stderr, "perinet parse: %v\n", err)
		return exitUsage
	}
	p, err := parserFor(fs.Arg(0), *files, today)
	if err != nil {
		fmt.Fprintf(stderr, "perinet parse: %v\n", err)
		return exitUsage
	}
	values := fs.Args()[1:]
	next := func() (string, bool) {
		if len(values) == 0 {
			return "", false
		}
		v := values[0]
		values = values[1:]
		return v, true
	}
	if len(values) == 0 {
		sc := bufio.NewScanner(stdin)
		sc.Buffer(nil, 1<<20)
		next = func() (string, bool) {
			if !sc.Scan() {
				return "", false
			}
			return strings.TrimSuffix(sc.Text(), "\r"), true
		}
		defer func() {
			if err := sc.Err(); err != nil {
				fmt.Fprintf(stderr, "perinet parse: 標準入力を読めません: %v\n", err)
			}
		}()
	}
	return printParsed(stdout, stderr, p, next)
}

// newFlagSet returns the flag set of a command with the flags every
// command takes: --survey, --hospitals and --today.
func newFlagSet(name string) (fs *flag.FlagSet, files *surveyFiles, today *string) {
	fs = newCommandFlags(name)
	files = new(surveyFiles)
	fs.StringVar(&files.survey, "survey", "", "調査の定義ファイル")
	fs.StringVar(&files.hospitals, "hospitals", "", "病院の別名ファイル")
	today = fs.String("today", "", "今日の日付の代わりに使う日 (YYYY-MM-DD)")
	return fs, files, today
}

// printParsed prints one JSON line for each text that next gives.
func printParsed(stdout, stderr io.Writer, p normalize.Parser, next func() (string, bool)) int {
	w := bufio.NewWriter(stdout)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	status := exitOK
	for text, ok := next(); ok; text, ok = next() {
		value, problem := p(text)
		if problem != nil && problem.Severity == perinet.Error {
			value, status = nil, exitProblem
		}
		if err := enc.Encode(parseLine{Text: text, Value: value, Problem: problem}); err != nil {
			fmt.Fprintf(stderr, "perinet parse: %v\n", err)
			return exitProblem
		}
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintf(stderr, "perinet parse: %v\n", err)
		return exitProblem
	}
	return status
}

// parserFor returns the parser of a kind, with the survey's names that
// files give for block and hospital.
func parserFor(kind string, files surveyFiles, today time.Time) (normalize.Parser, error) {
	var names *normalize.Names
	if kind == "block" || kind == "hospital" {
		var err error
		if names, err = loadNames(files); err != nil {
			return nil, err
		}
	}
	return normalize.ParserFor(kind, names, today)
}

// loadNames builds the name index of the survey that files give.
func loadNames(files surveyFiles) (*normalize.Names, error) {
	s, err := loadSurvey(files)
	if err != nil {
		return nil, err
	}
	return normalize.NewNames(s)
}

// surveyFiles are the secretariat's files that change the survey built
// into perinet: a survey definition of their own (survey.json's form) and
// hospital aliases. "" leaves out a file.
type surveyFiles struct{ survey, hospitals string }

// loadSurvey returns the survey that files give: the secretariat's survey
// definition or the one built into perinet, with the secretariat's
// hospital aliases.
func loadSurvey(files surveyFiles) (*perinet.Survey, error) {
	s := perinet.DefaultSurvey()
	if files.survey != "" {
		text, err := ingest.Text(files.survey)
		if err != nil {
			return nil, fmt.Errorf("調査の定義ファイルを読めません: %w", err)
		}
		if s, err = perinet.ReadSurvey(strings.NewReader(text)); err != nil {
			return nil, fmt.Errorf("%s: %w", files.survey, err)
		}
	}
	hospitalFile := files.hospitals
	if hospitalFile == "" {
		return s, nil
	}
	text, err := ingest.Text(hospitalFile)
	if err != nil {
		return nil, fmt.Errorf("病院の別名ファイルを読めません: %w", err)
	}
	if err := s.AddHospitalAliases(strings.NewReader(text)); err != nil {
		return nil, fmt.Errorf("%s: %w", hospitalFile, err)
	}
	return s, nil
}
