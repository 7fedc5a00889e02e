//go:build linux || openbsd || dragonfly

package nightly

import (
	"io/fs"
	"syscall"
	"time"
)

// lastChange is when the file last changed in any way: its modification
// time, or its status change time when later, since a copy that keeps
// the modification time of the file copied (cp -p, rsync -t) is new all
// the same.
func lastChange(fi fs.FileInfo) time.Time {
	t := fi.ModTime()
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		if c := time.Unix(st.Ctim.Unix()); c.After(t) {
			t = c
		}
	}
	return t
}
