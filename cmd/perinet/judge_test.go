package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"perinet"
	"perinet/config"
	"perinet/intake"
	"perinet/sandbox"
)

// TestJudgeCommand: the hidden subcommand judges the files it is asked,
// and help never shows it.
func TestJudgeCommand(t *testing.T) {
	survey, err := json.Marshal(perinet.DefaultSurvey())
	if err != nil {
		t.Fatal(err)
	}
	setup, _ := json.Marshal(map[string]any{"survey": json.RawMessage(survey), "today": time.Date(2017, 5, 15, 0, 0, 0, 0, time.UTC), "memory": 1 << 30})
	var stdin bytes.Buffer
	stdin.Write(append(setup, '\n'))
	for _, f := range fixtureGlob(t, "fy2016/form-0[12]*.xlsx") {
		req, _ := json.Marshal(map[string]string{"path": f})
		stdin.Write(append(req, '\n'))
	}
	// In a process of its own, as perinet runs it: the subcommand limits
	// the memory of the process it runs in.
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(self, judgeCommand)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = &stdin, &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v: %s", err, stderr.String())
	}
	var blocks []string
	for line := range strings.Lines(stdout.String()) {
		var j intake.Judgement
		if err := json.Unmarshal([]byte(line), &j); err != nil || len(j.Records) != 1 {
			t.Fatalf("answer %q: %v", line, err)
		}
		blocks = append(blocks, j.Records[0].Block)
	}
	if strings.Join(blocks, " ") != "区中央部 区南部" {
		t.Errorf("judged %v, want 区中央部 区南部", blocks)
	}
	cmd = exec.Command(self, judgeCommand)
	cmd.Stdin = strings.NewReader("こんにちは")
	if err := cmd.Run(); cmd.ProcessState == nil || cmd.ProcessState.ExitCode() != exitProblem {
		t.Errorf("a setup that is not one: %v", err)
	}
	stdout.Reset()
	run([]string{"help"}, nil, &stdout, &stderr)
	if strings.Contains(stdout.String(), judgeCommand) {
		t.Errorf("help shows %s", judgeCommand)
	}
}

// TestRunChildLimits: the nightly run's child reads with the limits of
// the config file.
func TestRunChildLimits(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, config.FileName)
	if err := os.WriteFile(file, []byte("read_memory_mb = 300\nread_seconds = 7\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	o, child, _, err := runFlags{config: file}.options(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	defer child.Close()
	if child.Limits != (sandbox.Limits{Memory: 300 << 20, Time: 7 * time.Second}) || o.Judge == nil || child.Survey != o.Survey {
		t.Errorf("limits %+v, judge %v; want 300 MB and 7 s, the child's", child.Limits, o.Judge != nil)
	}
}
