package nightly

import (
	"errors"
	"io/fs"
	"syscall"
	"time"

	"golang.org/x/sys/windows"
)

// syncDir does nothing on Windows, which cannot open a folder to sync it;
// NTFS journals a rename itself.
func syncDir(string) error { return nil }

// hiddenAttr reports whether Windows marks the file hidden or as the
// system's (desktop.ini, Thumbs.db, Office's ~$ lock files are).
func hiddenAttr(fi fs.FileInfo) bool {
	d, ok := fi.Sys().(*syscall.Win32FileAttributeData)
	return ok && d.FileAttributes&(syscall.FILE_ATTRIBUTE_HIDDEN|syscall.FILE_ATTRIBUTE_SYSTEM) != 0
}

// inUse reports whether opening a file failed because another program
// has it open for writing: Explorer copying it in, Excel saving it.
func inUse(err error) bool {
	return errors.Is(err, windows.ERROR_SHARING_VIOLATION) || errors.Is(err, windows.ERROR_LOCK_VIOLATION)
}

// copiedIn is the file's creation time, which Explorer sets on a copy
// while giving it the modification time of the file copied.
func copiedIn(fi fs.FileInfo) (time.Time, bool) {
	d, ok := fi.Sys().(*syscall.Win32FileAttributeData)
	if !ok {
		return time.Time{}, false
	}
	return time.Unix(0, d.CreationTime.Nanoseconds()), true
}
