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

// A parser reads one value of a kind and returns what `perinet parse`
// prints for it: the value (nil for none) and a problem.
type parser func(text string) (any, *perinet.Problem)

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
	fs, hospitals, todayFlag := newFlagSet("parse")
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
	p, err := parserFor(fs.Arg(0), *hospitals, today)
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
// command takes: --hospitals and --today.
func newFlagSet(name string) (fs *flag.FlagSet, hospitals, today *string) {
	fs = newCommandFlags(name)
	hospitals = fs.String("hospitals", "", "病院の別名ファイル")
	today = fs.String("today", "", "今日の日付の代わりに使う日 (YYYY-MM-DD)")
	return fs, hospitals, today
}

// printParsed prints one JSON line for each text that next gives.
func printParsed(stdout, stderr io.Writer, p parser, next func() (string, bool)) int {
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

// parserFor returns the parser of a kind.
func parserFor(kind, hospitalFile string, today time.Time) (parser, error) {
	switch kind {
	case "date":
		return func(s string) (any, *perinet.Problem) {
			d, p := normalize.EraDate(s, today)
			return d, p
		}, nil
	case "fiscal-year":
		return func(s string) (any, *perinet.Problem) {
			fy, p := normalize.FiscalYear(s, today)
			return map[string]int{"fiscal_year": fy}, p
		}, nil
	case "mark":
		return func(s string) (any, *perinet.Problem) {
			m, p := normalize.Mark(s)
			return m, p
		}, nil
	case "count":
		return parseCount, nil
	case "details":
		return func(s string) (any, *perinet.Problem) { return normalize.Details(s), nil }, nil
	case "block", "hospital":
		names, err := loadNames(hospitalFile)
		if err != nil {
			return nil, err
		}
		if kind == "block" {
			return func(s string) (any, *perinet.Problem) { return blockValue(names.Block(s)) }, nil
		}
		return func(s string) (any, *perinet.Problem) { return hospitalValue(names.Hospital(s)) }, nil
	}
	return nil, fmt.Errorf("「%s」という種類はありません（date, fiscal-year, mark, count, block, hospital, details のいずれか）", kind)
}

func parseCount(s string) (any, *perinet.Problem) {
	c, p := normalize.Count(s)
	switch {
	case c.N != nil:
		return *c.N, p
	case c.Note != "":
		return map[string]string{"note": c.Note}, p
	}
	return nil, p
}

func blockValue(b perinet.Block, p *perinet.Problem) (any, *perinet.Problem) {
	if b.Name == "" {
		return nil, p
	}
	return map[string]string{"block": b.Name, "tier": string(b.Tier)}, p
}

func hospitalValue(name string, p *perinet.Problem) (any, *perinet.Problem) {
	if name == "" {
		return nil, p
	}
	return name, p
}

// loadNames builds the name index of the survey built into perinet, with
// the secretariat's hospital aliases when a file is given.
func loadNames(hospitalFile string) (*normalize.Names, error) {
	s, err := loadSurvey(hospitalFile)
	if err != nil {
		return nil, err
	}
	return normalize.NewNames(s)
}

// loadSurvey returns the survey built into perinet, with the secretariat's
// hospital aliases when a file is given.
func loadSurvey(hospitalFile string) (*perinet.Survey, error) {
	s := perinet.DefaultSurvey()
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
