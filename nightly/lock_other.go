//go:build !(windows || linux || darwin || freebsd || netbsd || openbsd || dragonfly || illumos)

package nightly

import (
	"fmt"
	"runtime"
)

// lock refuses to run where perinet knows no lock that the system
// releases when a process dies: two runs must never overlap.
func lock(dir string) (unlock func(), err error) {
	return nil, fmt.Errorf("lock %s: no file lock on %s", dir, runtime.GOOS)
}
