package sandbox

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
)

// procAttr starts a child in a process group of its own, and kills it
// (SIGKILL) when the thread that started it ends, which Judge keeps
// until the child is done: a parent killed while a child reads leaves
// no child running.
func procAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

// limitAddressSpace limits the address space of the process (RLIMIT_AS,
// soft and hard, which the programs it starts inherit) to what it holds
// now plus n bytes, or to the hard limit it has when that is lower: a
// process may lower its limits, never raise its hard one.
func limitAddressSpace(n int64) error {
	now, err := addressSpace()
	if err != nil {
		return err
	}
	var had unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_AS, &had); err != nil {
		return err
	}
	lim := min(uint64(now+n), had.Max)
	return unix.Setrlimit(unix.RLIMIT_AS, &unix.Rlimit{Cur: lim, Max: lim})
}

// addressSpace returns the size of the process's address space, in
// bytes: the first field of /proc/self/statm, in pages.
func addressSpace() (int64, error) {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0, err
	}
	fields := strings.Fields(string(b))
	if len(fields) == 0 {
		return 0, fmt.Errorf("/proc/self/statm: %q", b)
	}
	pages, err := strconv.ParseInt(fields[0], 10, 64)
	if err != nil {
		return 0, fmt.Errorf("/proc/self/statm: %w", err)
	}
	return pages * int64(os.Getpagesize()), nil
}
