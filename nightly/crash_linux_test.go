package nightly

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"perinet/internal/proctest"
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
	t.Setenv("PATH", proctest.FakeSoffice(t, "exit 1")+string(os.PathListSeparator)+path) // it fails at once
	ref := newEnvWith(t, scenario)
	ref.run()
	wantTree, wantLedger := ref.tree(), ref.ledger()

	e := newEnvWith(t, scenario)
	pids := filepath.Join(t.TempDir(), "pids")
	hanging := proctest.FakeSoffice(t, proctest.HangingSoffice(pids))
	cmd := exec.Command(perinetBinary(t), "run", "--inbox", e.inbox, "--work", e.work, "--publish", e.publish, "--settle", "0")
	cmd.Env = append(os.Environ(), "PATH="+hanging+string(os.PathListSeparator)+path, "SOURCE_DATE_EPOCH=")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	soffice, child := proctest.Pids(t, pids)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if !proctest.Gone(soffice, child) {
		t.Errorf("soffice (pid %d) or perinet's child (pid %d) still runs", soffice, child)
	}
	if left := names(t, e.inbox); !strings.Contains(strings.Join(left, " "), "old.xls") {
		t.Errorf("old.xls is not in the inbox any more: %v", left)
	}
	e.run()
	e.check(wantTree, wantLedger)
}
