//go:build unix

package nightly

import (
	"syscall"
	"time"
)

// cpuTime returns the processor time, user and system, this process and
// its children that ended have used so far; ok is false where the system
// cannot say.
func cpuTime() (d time.Duration, ok bool) {
	for _, who := range []int{syscall.RUSAGE_SELF, syscall.RUSAGE_CHILDREN} {
		var ru syscall.Rusage
		if err := syscall.Getrusage(who, &ru); err != nil {
			return 0, false
		}
		d += time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	return d, true
}
