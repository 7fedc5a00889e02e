package main

import (
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWindowsTask reads deploy/perinet-nightly.xml as the Task Scheduler
// would: well-formed plain ASCII whose declaration names no encoding (so
// that schtasks reads it however it decodes a file), a task that runs
// perinet run with a config every day at 02:00 Japan time, its log kept
// in the work folder.
func TestWindowsTask(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "deploy", "perinet-nightly.xml"))
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range b {
		if c >= 0x80 {
			t.Fatalf("byte %d is not ASCII: %q", i, b[max(i-20, 0):min(i+20, len(b))])
		}
	}
	if !bytes.HasPrefix(b, []byte(`<?xml version="1.0"?>`)) {
		t.Errorf("the file begins %q, want an XML declaration without encoding", b[:min(40, len(b))])
	}
	var task struct {
		XMLName  xml.Name `xml:"http://schemas.microsoft.com/windows/2004/02/mit/task Task"`
		Version  string   `xml:"version,attr"`
		Triggers struct {
			Calendar []struct {
				StartBoundary string
				DaysInterval  int `xml:"ScheduleByDay>DaysInterval"`
			} `xml:"CalendarTrigger"`
		}
		Settings struct {
			StartWhenAvailable bool
			ExecutionTimeLimit string
		}
		Exec []struct {
			Command, Arguments, WorkingDirectory string
		} `xml:"Actions>Exec"`
	}
	if err := xml.Unmarshal(b, &task); err != nil {
		t.Fatal(err)
	}
	if len(task.Triggers.Calendar) != 1 || !strings.HasSuffix(task.Triggers.Calendar[0].StartBoundary, "T02:00:00+09:00") ||
		task.Triggers.Calendar[0].DaysInterval != 1 {
		t.Errorf("triggers %+v, want one, every day at 02:00+09:00", task.Triggers)
	}
	if !task.Settings.StartWhenAvailable || task.Settings.ExecutionTimeLimit != "PT2H" {
		t.Errorf("settings %+v", task.Settings)
	}
	if len(task.Exec) != 1 {
		t.Fatalf("actions %+v, want one", task.Exec)
	}
	e := task.Exec[0]
	if !strings.HasSuffix(e.Command, `\cmd.exe`) || !strings.HasPrefix(e.Arguments, "/d /c ") ||
		!strings.Contains(e.Arguments, `\perinet.exe run --config `) || !strings.HasSuffix(e.Arguments, `\work\perinet-run.log 2>&1`) {
		t.Errorf("action %+v, want cmd.exe /d /c perinet.exe run --config …, its log in work\\perinet-run.log", e)
	}
}
