package nightly

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// tempPrefix begins the name of every temporary file and folder a run
// makes, in the scratch folder and in the publish folder, so that the
// next run removes its own and nothing else (removeTemp).
const tempPrefix = ".perinet-"

// writeFile writes data to path so that path holds either what it held
// before or all of data, whatever happens: a temporary file in the folder
// tmp, written and synced, is renamed over path, and path's folder is
// synced. tmp must be on the same file system as path.
func writeFile(path, tmp string, data []byte) error {
	if err := placeFile(path, tmp, data); err != nil {
		return err
	}
	return syncFolder(filepath.Dir(path))
}

// placeFile is writeFile but for the sync of path's folder, which is
// left to the caller: until it is made, a crash of the system (not of
// the process) may leave path as it was.
func placeFile(path, tmp string, data []byte) error {
	f, err := os.CreateTemp(tmp, tempPrefix+"*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(f.Name()) // fails harmlessly once renamed
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return renameFile(f.Name(), path)
}

// removeTemp removes from dir the files and folders that a run of
// perinet left there: those whose names begin with tempPrefix.
func removeTemp(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("read %s: %w", dir, err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), tempPrefix) {
			if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
				return fmt.Errorf("remove %s: %w", e.Name(), err)
			}
		}
	}
	return nil
}

// moveFile renames from to to, creating to's folder when needed, and syncs
// that folder, so that the new name outlives a crash.
func moveFile(from, to string) error {
	if err := renameFile(from, to); err != nil {
		return err
	}
	return syncFolder(filepath.Dir(to))
}

// renameFile is moveFile but for the sync of to's folder, which is left
// to the caller.
func renameFile(from, to string) error {
	dir := filepath.Dir(to)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	if err := os.Rename(from, to); err != nil {
		return fmt.Errorf("move to %s: %w", to, err)
	}
	return nil
}

// syncFolder syncs the folder dir, so that the names just made in it
// outlive a crash.
func syncFolder(dir string) error {
	if err := syncDir(dir); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}

// sameContent reports whether the file at path exists and holds data.
func sameContent(path string, data []byte) (bool, error) {
	old, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read %s: %w", path, err)
	}
	return bytes.Equal(old, data), nil
}

// exists reports whether path names a file or folder.
func exists(path string) (bool, error) {
	_, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("look at %s: %w", path, err)
	}
	return true, nil
}
