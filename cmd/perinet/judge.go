package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"perinet"
	"perinet/config"
	"perinet/sandbox"
)

// judgeCommand is the hidden subcommand that reads files for a parent
// perinet, in a separate process (sandbox.Serve). `perinet help` does not
// list it: nobody types it.
const judgeCommand = "__judge"

// runJudge is the hidden subcommand: it reads the setup and the files
// asked for from stdin, and writes each file's Judgement to stdout.
func runJudge(stdin io.Reader, stdout, stderr io.Writer) int {
	if err := sandbox.Serve(stdin, stdout); err != nil {
		fmt.Fprintf(stderr, "perinet %s: %v\n", judgeCommand, err)
		return exitProblem
	}
	return exitOK
}

// newChild returns the child perinet that reads each file (its Judge),
// with survey s, dates judged against today, fiscal year fy for forms
// that name none (0 for none), and the limits of cfg. Close it when done.
func newChild(s *perinet.Survey, today time.Time, fy int, cfg config.Config) (*sandbox.Child, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("perinet のプログラムの場所がわかりません（ファイルを別のプロセスで読むために使います）: %w", err)
	}
	return &sandbox.Child{Path: exe, Args: []string{judgeCommand}, Survey: s, Today: today, FiscalYear: fy,
		Limits: sandbox.Limits{Memory: cfg.ReadMemory, Time: cfg.ReadTime}}, nil
}
