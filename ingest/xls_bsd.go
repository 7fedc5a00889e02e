//go:build unix && !linux

package ingest

import "syscall"

// groupAttr starts soffice in a process group of its own.
func groupAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
