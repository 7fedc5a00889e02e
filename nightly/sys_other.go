//go:build !windows

package nightly

import (
	"io/fs"
	"os"
)

// syncDir syncs a folder, so that the names just created or renamed in it
// outlive a crash.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}

// hiddenAttr reports whether the system marks a file hidden beyond its
// name; only Windows does.
func hiddenAttr(fs.FileInfo) bool { return false }

// inUse reports whether opening a file failed because another program is
// writing it; only Windows says so.
func inUse(error) bool { return false }
