//go:build !unix

package nightly

import "time"

// cpuTime reports that the processor time used is not known here.
func cpuTime() (time.Duration, bool) { return 0, false }
