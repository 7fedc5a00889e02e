package sandbox

import (
	"os/exec"
	"unsafe"

	"golang.org/x/sys/windows"
)

// A box holds a child process and all it starts, so that they die
// together. On Windows it is a Job Object that limits the memory each
// of its processes commits, and kills them all when its last handle,
// the parent's, is closed: by close, or by the parent's death.
type box struct {
	job windows.Handle
}

// newBox makes the Job Object of cmd, which a cancelled cmd kills whole.
func newBox(cmd *exec.Cmd, memory int64) (*box, error) {
	job, err := windows.CreateJobObject(nil, nil)
	if err != nil {
		return nil, err
	}
	info := windows.JOBOBJECT_EXTENDED_LIMIT_INFORMATION{
		BasicLimitInformation: windows.JOBOBJECT_BASIC_LIMIT_INFORMATION{
			LimitFlags: windows.JOB_OBJECT_LIMIT_PROCESS_MEMORY | windows.JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE,
		},
		ProcessMemoryLimit: uintptr(memory),
	}
	if _, err := windows.SetInformationJobObject(job, windows.JobObjectExtendedLimitInformation,
		uintptr(unsafe.Pointer(&info)), uint32(unsafe.Sizeof(info))); err != nil {
		windows.CloseHandle(job)
		return nil, err
	}
	cmd.Cancel = func() error {
		windows.TerminateJobObject(job, 1)
		return cmd.Process.Kill() // should the child not be in the job yet
	}
	return &box{job: job}, nil
}

// enter puts the child, started, in the Job Object. It has not read its
// request yet, so it has done nothing outside it.
func (b *box) enter(pid int) error {
	h, err := windows.OpenProcess(windows.PROCESS_SET_QUOTA|windows.PROCESS_TERMINATE, false, uint32(pid))
	if err != nil {
		return err
	}
	defer windows.CloseHandle(h)
	return windows.AssignProcessToJobObject(b.job, h)
}

// close closes the Job Object, which kills whatever it still holds.
func (b *box) close() { windows.CloseHandle(b.job) }

// limitAddressSpace does nothing on Windows, where the Job Object limits
// the memory.
func limitAddressSpace(int64) error { return nil }
