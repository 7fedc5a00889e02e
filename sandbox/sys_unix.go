//go:build unix

package sandbox

import (
	"os/exec"
	"syscall"
)

// A box holds a child process and all it starts, so that they die
// together. On Unix it is a process group of the child's own.
type box struct{}

// newBox makes cmd start in a process group of its own (and, on Linux,
// die with its parent), which a cancelled cmd kills whole with SIGKILL.
func newBox(cmd *exec.Cmd, _ int64) (*box, error) {
	cmd.SysProcAttr = procAttr()
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	return &box{}, nil
}

// enter does nothing on Unix: the child starts in its group.
func (*box) enter(int) error { return nil }

// close does nothing on Unix: the group ends with its last process.
func (*box) close() {}
