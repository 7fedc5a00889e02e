//go:build linux || openbsd || dragonfly

package nightly

import (
	"io/fs"
	"syscall"
	"time"
)

// copiedIn is the file's status change time, which a copy that keeps the
// modification time of the file copied (cp -p, rsync -t) sets all the same.
func copiedIn(fi fs.FileInfo) (time.Time, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return time.Time{}, false
	}
	return time.Unix(st.Ctim.Unix()), true
}
