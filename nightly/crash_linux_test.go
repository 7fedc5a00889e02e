package nightly

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestCrashWhileReading kills perinet run (SIGKILL) while its child
// reads a file, LibreOffice converting an .xls that never ends: neither
// the child nor LibreOffice is left running, and the next run ends as a
// run never killed.
func TestCrashWhileReading(t *testing.T) {
	// An Excel 4.0 worksheet, a bare BIFF stream, which LibreOffice converts.
	xls := []byte{0x09, 0x04, 0x06, 0x00, 0x00, 0x00, 0x10, 0x00, 0, 0, 0, 0}
	scenario := func(e *env) {
		crashScenario(e)
		e.drop("old.xls", xls, day(15).Add(4*time.Minute))
	}
	path := os.Getenv("PATH")
	t.Setenv("PATH", fakeSoffice(t, "exit 1")+string(os.PathListSeparator)+path) // it fails at once
	ref := newEnvWith(t, scenario)
	ref.run()
	wantTree, wantLedger := ref.tree(), ref.ledger()

	e := newEnvWith(t, scenario)
	pids := filepath.Join(t.TempDir(), "pids")
	hanging := fakeSoffice(t, "echo \"$$ $PPID\" > '"+pids+"'\nexec sleep 600")
	cmd := exec.Command(perinetBinary(t), "run", "--inbox", e.inbox, "--work", e.work, "--publish", e.publish, "--settle", "0")
	cmd.Env = append(os.Environ(), "PATH="+hanging+string(os.PathListSeparator)+path, "SOURCE_DATE_EPOCH=")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	soffice, child := waitPids(t, pids)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if !gone(soffice, child) {
		t.Errorf("soffice (pid %d) or perinet's child (pid %d) still runs", soffice, child)
	}
	if left := names(t, e.inbox); !strings.Contains(strings.Join(left, " "), "old.xls") {
		t.Errorf("old.xls is not in the inbox any more: %v", left)
	}
	e.run()
	e.check(wantTree, wantLedger)
}

// fakeSoffice writes a soffice that runs script into a folder of its own,
// and returns the folder, to put first in PATH.
func fakeSoffice(t *testing.T, script string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "soffice"), []byte("#!/bin/sh\n"+script+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// waitPids waits for the file in which the hanging soffice writes its
// pid and its parent's.
func waitPids(t *testing.T, path string) (soffice, parent int) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		b, err := os.ReadFile(path)
		if err == nil && strings.HasSuffix(string(b), "\n") {
			if _, err := fmt.Sscan(string(b), &soffice, &parent); err != nil {
				t.Fatal(err)
			}
			return soffice, parent
		}
	}
	t.Fatal("soffice was never started")
	return 0, 0
}

// gone waits a while for the processes to be gone, and reports whether
// they are: neither there, nor zombies waiting to be reaped.
func gone(pids ...int) bool {
	for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		n := 0
		for _, pid := range pids {
			stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
			if _, after, ok := strings.Cut(string(stat), ") "); err == nil && ok && !strings.HasPrefix(after, "Z") {
				n++
			}
		}
		if n == 0 {
			return true
		}
	}
	return false
}
