package sandbox

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"perinet"
	"perinet/internal/proctest"
)

// hangingSoffice puts a LibreOffice that never ends first in PATH: a
// soffice that writes its pid and its parent's (the child's) to a file,
// then sleeps. It returns that file, and a legacy .xls file to convert.
func hangingSoffice(t *testing.T) (pids, xls string) {
	pids = filepath.Join(t.TempDir(), "pids")
	t.Setenv("PATH", proctest.FakeSoffice(t, proctest.HangingSoffice(pids))+string(os.PathListSeparator)+os.Getenv("PATH"))
	// An Excel 4.0 worksheet: a bare BIFF stream, which ingest converts.
	return pids, write(t, "old.xls", []byte{0x09, 0x04, 0x06, 0x00, 0x00, 0x00, 0x10, 0x00, 0, 0, 0, 0})
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
	if soffice, child := proctest.Pids(t, pids); !proctest.Gone(soffice, child) {
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
	soffice, child := proctest.Pids(t, pids)
	if err := parent.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	var exit *exec.ExitError
	if err := parent.Wait(); !errors.As(err, &exit) || exit.ExitCode() != -1 {
		t.Fatalf("the parent ended with %v before it was killed", err)
	}
	if !proctest.Gone(soffice, child) {
		t.Errorf("soffice (pid %d) or the child (pid %d) still runs", soffice, child)
	}
}

// TestLowerHardLimit: a child started with a hard limit on its address
// space lower than what it would set itself (a service manager's, or a
// parent child's) keeps to that limit and judges, rather than failing
// to set its own.
func TestLowerHardLimit(t *testing.T) {
	prlimit, err := exec.LookPath("prlimit")
	if err != nil {
		t.Skip("no prlimit")
	}
	c := child(t, "real", roomy)
	// A hard limit of 8 GiB leaves room for the Go runtime's
	// reservations, and lies below what the child would set: its address
	// space (about 1.5 GB) plus the 64 GiB asked for.
	c.Limits.Memory = 64 << 30
	c.Args = append([]string{"--as=" + strconv.Itoa(8<<30), "--", c.Path}, c.Args...)
	c.Path = prlimit
	j, err := c.Judge(context.Background(), fixture("fy2016/form-01-kuchuobu.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if len(j.Records) != 1 || len(j.Problems) != 0 {
		t.Errorf("judged under a lower hard limit: %d records, problems %+v", len(j.Records), j.Problems)
	}
}
