//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly || illumos

package nightly

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// lock takes the exclusive lock of the work folder dir, or returns
// ErrLocked at once when another process holds it. The lock is flock(2)'s
// on the folder itself, not on a file in it that someone could delete or
// replace (a second run would then lock a new file and overlap the
// first); the kernel releases it when the process ends, however it ends,
// so a killed run never leaves the work folder locked.
func lock(dir string) (unlock func(), err error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", dir, err)
	}
	err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, ErrLocked
		}
		return nil, fmt.Errorf("lock %s: %w", dir, err)
	}
	return func() { f.Close() }, nil
}
