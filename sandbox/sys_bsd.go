//go:build unix && !linux

package sandbox

import "syscall"

// procAttr starts a child in a process group of its own.
func procAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}

// limitAddressSpace does nothing but on Linux: macOS does not hold to
// RLIMIT_AS, and the soft limit is what the package promises elsewhere.
func limitAddressSpace(int64) error { return nil }
