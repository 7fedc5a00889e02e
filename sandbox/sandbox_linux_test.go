package sandbox

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"perinet"
)

// hangingSoffice puts a LibreOffice that never ends first in PATH: a
// soffice that writes its pid and its parent's (the child's) to a file,
// then sleeps. It returns that file, and a legacy .xls file to convert.
func hangingSoffice(t *testing.T) (pids, xls string) {
	dir := t.TempDir()
	pids = filepath.Join(dir, "pids")
	script := "#!/bin/sh\necho \"$$ $PPID\" > '" + pids + "'\nexec sleep 600\n"
	if err := os.WriteFile(filepath.Join(dir, "soffice"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	// An Excel 4.0 worksheet: a bare BIFF stream, which ingest converts.
	return pids, write(t, "old.xls", []byte{0x09, 0x04, 0x06, 0x00, 0x00, 0x00, 0x10, 0x00, 0, 0, 0, 0})
}

// readPids waits for the hanging soffice to write its pid and the
// child's.
func readPids(t *testing.T, path string) (soffice, child int) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		b, err := os.ReadFile(path)
		if err == nil && strings.HasSuffix(string(b), "\n") {
			if _, err := fmt.Sscan(string(b), &soffice, &child); err != nil {
				t.Fatal(err)
			}
			return soffice, child
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

// TestLibreOfficeDiesWithChild: at the time limit the child is killed,
// and the LibreOffice it started, in a process group of its own, too.
func TestLibreOfficeDiesWithChild(t *testing.T) {
	pids, xls := hangingSoffice(t)
	j, err := child(t, "real", Limits{Memory: 256 << 20, Time: 2 * time.Second}).Judge(context.Background(), xls)
	if err != nil {
		t.Fatal(err)
	}
	if len(j.Problems) != 1 || j.Problems[0].Code != perinet.TooLarge {
		t.Errorf("problems %+v, want too_large", j.Problems)
	}
	if soffice, child := readPids(t, pids); !gone(soffice, child) {
		t.Errorf("soffice (pid %d) or the child (pid %d) still runs", soffice, child)
	}
}

// TestChildDiesWithParent: a parent killed (SIGKILL) while its child
// reads leaves nothing running, neither the child nor its LibreOffice.
func TestChildDiesWithParent(t *testing.T) {
	pids, xls := hangingSoffice(t)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	parent := exec.Command(exe, "parent", xls)
	if err := parent.Start(); err != nil {
		t.Fatal(err)
	}
	soffice, child := readPids(t, pids)
	if err := parent.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	var exit *exec.ExitError
	if err := parent.Wait(); !errors.As(err, &exit) || exit.ExitCode() != -1 {
		t.Fatalf("the parent ended with %v before it was killed", err)
	}
	if !gone(soffice, child) {
		t.Errorf("soffice (pid %d) or the child (pid %d) still runs", soffice, child)
	}
}
