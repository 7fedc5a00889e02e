//go:build linux

// Package proctest helps the tests that a process perinet starts ends
// when it should: a LibreOffice that never ends, the pids it writes, and
// whether processes are gone.
package proctest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// FakeSoffice writes a soffice that runs script into a folder of its own,
// and returns the folder, to put first in PATH.
func FakeSoffice(t testing.TB, script string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "soffice"), []byte("#!/bin/sh\n"+script+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// HangingSoffice is the script of a soffice that writes its pid and its
// parent's to the file at path, then sleeps for ten minutes.
func HangingSoffice(path string) string {
	return "echo \"$$ $PPID\" > '" + path + "'\nexec sleep 600"
}

// Pids waits for the file at path, in which a HangingSoffice writes its
// pid and its parent's, and returns them.
func Pids(t testing.TB, path string) (soffice, parent int) {
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

// Gone waits a while for the processes to be gone, and reports whether
// they are: neither there, nor zombies waiting to be reaped.
func Gone(pids ...int) bool {
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
