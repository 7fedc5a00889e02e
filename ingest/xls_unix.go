//go:build unix

package ingest

import (
	"os/exec"
	"syscall"
)

// killGroup starts cmd in a process group of its own and makes a cancelled
// cmd kill the whole group: soffice is a script that starts soffice.bin,
// which killing the script alone would leave running.
func killGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = groupAttr()
	cmd.Cancel = func() error {
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
