package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"perinet"
)

// BackupDir is the folder, beside the store's file, that holds the store's
// backups.
const BackupDir = "backup"

// A backup's name is perinet-<when it was made, Japan time>.db, so that the
// names sort as the backups were made; backupTemp begins the name of one
// being written.
const (
	backupPrefix = "perinet-"
	backupTime   = "2006-01-02-150405"
	backupExt    = ".db"
	backupTemp   = ".perinet-backup-"
)

// A Backup is a copy of the store that Backup made.
type Backup struct {
	Path string // in the backup folder
	// Made is when it was made, to the second, as its name says. It is
	// later than the Made of every backup before it, whatever the clock
	// did.
	Made time.Time
}

// Backups lists the backups of the store at path that Backup made, oldest
// first; none when its backup folder does not exist. Other files in the
// folder are not backups.
func Backups(path string) ([]Backup, error) {
	dir := filepath.Join(filepath.Dir(path), BackupDir)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("backups of %s: %w", path, err)
	}
	var backups []Backup
	for _, e := range entries {
		if made, ok := parseBackupName(e.Name()); ok && e.Type().IsRegular() {
			backups = append(backups, Backup{Path: filepath.Join(dir, e.Name()), Made: made})
		}
	}
	slices.SortFunc(backups, func(a, b Backup) int { return a.Made.Compare(b.Made) })
	return backups, nil
}

// backupName is the name of a backup made at t.
func backupName(t time.Time) string {
	return backupPrefix + t.In(perinet.Japan()).Format(backupTime) + backupExt
}

// parseBackupName returns when the backup of this name was made, and
// whether it is the name of a backup at all: exactly as backupName writes
// it.
func parseBackupName(name string) (time.Time, bool) {
	stamp, ok := strings.CutPrefix(name, backupPrefix)
	if !ok {
		return time.Time{}, false
	}
	if stamp, ok = strings.CutSuffix(stamp, backupExt); !ok {
		return time.Time{}, false
	}
	t, err := time.ParseInLocation(backupTime, stamp, perinet.Japan())
	if err != nil || backupName(t) != name {
		return time.Time{}, false
	}
	return t, true
}

// nextMade is when a backup made now is said to be made: now to the
// second, or a second after the latest backup when that is not earlier
// (two backups in one second, or a clock put back), so that no two
// backups have one name and the names sort as the backups were made.
func nextMade(now time.Time, backups []Backup) time.Time {
	t := now.Truncate(time.Second)
	if n := len(backups); n > 0 && !t.After(backups[n-1].Made) {
		t = backups[n-1].Made.Add(time.Second)
	}
	return t
}

// Backup makes a backup of the store in its backup folder, unless the
// latest backup there already holds what the store holds; now is the
// time it is made, which names it. It returns the latest backup, and
// whether it made it.
//
// The copy is consistent, made by SQLite from the open store (VACUUM
// INTO) while other processes may read it, into a temporary file that is
// synced and then renamed, so that a backup's name always holds a whole
// backup; the store itself is only read. A temporary file that a crash
// left in the folder is removed.
//
// The ledger changes only as Add adds a file to it (and migrations change
// the schema), so two stores hold the same when their schema version and
// their ledger's last file are the same. The files waiting in the inbox
// (Wait) change besides, but they are one night's state of the inbox,
// which the next run finds again: no backup is made for them alone.
func (s *Store) Backup(ctx context.Context, now time.Time) (Backup, bool, error) {
	b, made, err := s.backup(ctx, now)
	if err != nil {
		return Backup{}, false, fmt.Errorf("back up the store %s: %w", s.path, err)
	}
	return b, made, nil
}

func (s *Store) backup(ctx context.Context, now time.Time) (Backup, bool, error) {
	backups, err := Backups(s.path)
	if err != nil {
		return Backup{}, false, err
	}
	current, err := readState(ctx, s.db)
	if err != nil {
		return Backup{}, false, classify(err)
	}
	if n := len(backups); n > 0 {
		// A latest backup that cannot be read is not the store's state:
		// a new backup is made.
		if latest, err := backupState(ctx, backups[n-1].Path); err == nil && latest == current {
			return backups[n-1], false, nil
		}
	}
	dir := filepath.Join(filepath.Dir(s.path), BackupDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Backup{}, false, err
	}
	leftovers, err := filepath.Glob(filepath.Join(dir, backupTemp+"*"))
	if err != nil {
		return Backup{}, false, err
	}
	for _, p := range leftovers {
		if err := os.Remove(p); err != nil {
			return Backup{}, false, err
		}
	}
	b := Backup{Made: nextMade(now, backups)}
	b.Path = filepath.Join(dir, backupName(b.Made))
	if err := s.writeBackup(ctx, dir, b.Path); err != nil {
		return Backup{}, false, err
	}
	return b, true, nil
}

// writeBackup writes the store's copy to path, through a temporary file in
// dir.
func (s *Store) writeBackup(ctx context.Context, dir, path string) error {
	f, err := os.CreateTemp(dir, backupTemp+"*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp) // fails harmlessly once renamed
	if err := f.Close(); err != nil {
		return err
	}
	abs, err := filepath.Abs(tmp)
	if err != nil {
		return err
	}
	// VACUUM INTO writes into a file that is empty, as this one is.
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", abs); err != nil {
		return classify(err)
	}
	if err := syncFile(tmp); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	return syncDir(dir)
}

// RemoveBackups removes the backups of the store but the latest keep,
// and returns the paths of those it removed.
func (s *Store) RemoveBackups(keep int) ([]string, error) {
	backups, err := Backups(s.path)
	if err != nil {
		return nil, err
	}
	var removed []string
	for _, b := range backups[:max(len(backups)-keep, 0)] {
		if err := os.Remove(b.Path); err != nil {
			return removed, fmt.Errorf("remove an old backup: %w", err)
		}
		removed = append(removed, b.Path)
	}
	return removed, nil
}

// A state is what identifies the content of a store: its schema version
// and the last file of its ledger.
type state struct {
	version int
	files   int64
	last    string // the last file's ID, SHA-256 and arrival; "" when none
}

// readState reads the state of the database db.
func readState(ctx context.Context, db *sql.DB) (state, error) {
	var st state
	err := db.QueryRowContext(ctx, `SELECT
		(SELECT user_version FROM pragma_user_version),
		(SELECT count(*) FROM files),
		coalesce((SELECT id || ' ' || sha256 || ' ' || arrived FROM files ORDER BY id DESC LIMIT 1), '')`).
		Scan(&st.version, &st.files, &st.last)
	return st, err
}

// backupState reads the state of the backup at path, only reading the
// file: nothing is written beside it.
func backupState(ctx context.Context, path string) (state, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return state{}, err
	}
	q := url.Values{}
	q.Set("mode", "ro")
	q.Set("immutable", "1")
	db, err := sql.Open("sqlite", fileURI(abs, q))
	if err != nil {
		return state{}, err
	}
	defer db.Close()
	return readState(ctx, db)
}

// syncFile flushes the file at path to disk. It is opened for writing, as
// Windows flushes only such a file.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	return syncClose(f)
}

// syncDir syncs a folder, so that a name just renamed in it outlives a
// crash. Windows cannot open a folder to sync it, and NTFS journals a
// rename itself.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	return syncClose(d)
}

// syncClose syncs f and closes it.
func syncClose(f *os.File) error {
	err := f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
