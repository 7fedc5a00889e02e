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

// lastChange is when the file last changed in any way: its modification
// time, or its creation time when later, since Explorer gives a copy the
// modification time of the file copied.
func lastChange(fi fs.FileInfo) time.Time {
	t := fi.ModTime()
	if d, ok := fi.Sys().(*syscall.Win32FileAttributeData); ok {
		if c := time.Unix(0, d.CreationTime.Nanoseconds()); c.After(t) {
			t = c
		}
	}
	return t
}
