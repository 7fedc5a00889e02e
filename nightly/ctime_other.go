//go:build !(windows || linux || openbsd || dragonfly || darwin || freebsd || netbsd)

package nightly

import (
	"io/fs"
	"time"
)

// lastChange is the file's modification time: this system's status change
// time is not known to perinet.
func lastChange(fi fs.FileInfo) time.Time { return fi.ModTime() }
