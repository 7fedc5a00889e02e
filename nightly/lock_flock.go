//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly || illumos

package nightly

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// lock takes the exclusive lock of the file at path (creating it), or
// returns ErrLocked at once when another process holds it. The lock is
// flock(2)'s: the kernel releases it when the process ends, however it
// ends, so a killed run never leaves the work folder locked.
func lock(path string) (unlock func(), err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, ErrLocked
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return func() { f.Close() }, nil
}
