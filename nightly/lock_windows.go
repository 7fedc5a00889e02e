package nightly

import (
	"errors"
	"fmt"
	"path/filepath"

	"golang.org/x/sys/windows"
)

// lockFile is the file in the work folder whose lock a run holds on
// Windows, which cannot lock a folder.
const lockFile = "perinet.lock"

// lock takes the exclusive lock of the work folder dir, or returns
// ErrLocked at once when another process holds it. The lock is
// LockFileEx's on the first byte of dir's lock file, which is opened
// without FILE_SHARE_DELETE: while the run holds it, no one can delete or
// rename the file and let a second run lock another one. Windows releases
// the lock when the process ends, however it ends, so a killed run never
// leaves the work folder locked.
func lock(dir string) (unlock func(), err error) {
	path := filepath.Join(dir, lockFile)
	name, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	h, err := windows.CreateFile(name, windows.GENERIC_READ|windows.GENERIC_WRITE,
		windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE, nil, windows.OPEN_ALWAYS, windows.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	flags := uint32(windows.LOCKFILE_EXCLUSIVE_LOCK | windows.LOCKFILE_FAIL_IMMEDIATELY)
	err = windows.LockFileEx(h, flags, 0, 1, 0, new(windows.Overlapped))
	if err != nil {
		windows.CloseHandle(h)
		if errors.Is(err, windows.ERROR_LOCK_VIOLATION) {
			return nil, ErrLocked
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return func() { windows.CloseHandle(h) }, nil
}
