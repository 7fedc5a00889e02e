// Package store keeps everything perinet's nightly run knows between runs,
// in one SQLite database file: the ledger of every file ever seen, the
// Records read from them, by fiscal year and group, and the files the
// latest run left waiting in the inbox, with how many runs in a row left
// each (Waiting). It is the only state; reports can be rebuilt from it at
// any time.
//
// A Store is written by one nightly run at a time and may be read at the same
// time by other processes (perinet status). Every change is one transaction
// with synchronous=FULL in write-ahead-log mode: a process killed at any
// moment leaves the database as it was before or after each Add, and an Add
// that returned is on disk. Keep the database on a local disk: the
// write-ahead log needs shared memory, which network file systems do not
// give. While the database is open its log (store.db-wal, store.db-shm) lies
// beside it; Close folds the log back into the database and removes it.
//
// Backup copies the store into the folder backup/ beside it, consistent
// even while others read or write it, and RemoveBackups keeps the latest
// few. A backup is restored by copying it over the store's file while no
// process has the store open, once the store's -wal and -shm files are
// moved away (they belong to the file being replaced). A store file that
// is missing while backups of it are there is refused (ErrMissing): the
// store was lost, and a new, empty one would forget every file seen.
//
// The store never reads the clock: the caller says when each file arrived.
// "Newer" means later in the store's own arrival sequence (FileEntry.ID), so
// two files that arrive in the same second are still in order.
package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Errors that Open returns, wrapped with the path and the details; test for
// them with errors.Is. In each case Open writes nothing to the file (SQLite
// alone may still fold in the log a crashed process left beside it).
var (
	// ErrNotStore: the file is not a SQLite database, or it is another
	// program's database.
	ErrNotStore = errors.New("not a perinet store")
	// ErrCorrupt: the file is a SQLite database, but damaged (truncated,
	// overwritten), so that the store cannot be trusted.
	ErrCorrupt = errors.New("store is damaged")
	// ErrNewerSchema: a newer perinet has changed the database's layout;
	// this one does not know it and will not touch it.
	ErrNewerSchema = errors.New("store was written by a newer perinet")
	// ErrMissing: the file does not exist, or is empty, while its backup
	// folder holds backups of it: the store was lost, not never made, and
	// a new, empty one would not do.
	ErrMissing = errors.New("store is missing, but it has backups")
)

// busyTimeout is how long a statement waits for another process that holds
// the database (a nightly run writing, perinet status reading) before it
// gives up with "database is locked".
const busyTimeout = 10 * time.Second

// applicationID marks a SQLite database as a perinet store ("PRNT"), so that
// Open never adds its tables to another program's database.
const applicationID = 0x50524e54

// sqliteMagic is how every SQLite database file begins.
const sqliteMagic = "SQLite format 3\x00"

// A Store is an open store database. It is safe for concurrent use by
// several goroutines; their calls take turns on one connection.
type Store struct {
	db   *sql.DB
	path string
	// stmts are the statements run for every file taken, by their SQL,
	// prepared once by Open; a Store opened read-only has none.
	stmts map[string]*sql.Stmt
}

// Open opens the store database at path, creating it when the file does not
// exist (or is empty) and has no backups (ErrMissing), and brings its schema
// up to date. A file that is not a SQLite database, another program's
// database, a damaged one (ErrCorrupt: PRAGMA quick_check reads every page
// of an existing store) or one from a newer perinet (ErrNewerSchema) is
// refused before anything is written to it.
func Open(ctx context.Context, path string) (*Store, error) {
	s, err := open(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return s, nil
}

func open(ctx context.Context, path string) (*Store, error) {
	existing, err := existingStore(path)
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", dsn(abs))
	if err != nil {
		return nil, err
	}
	// One connection: calls from several goroutines take turns, and the
	// process never competes with itself for the database's locks.
	db.SetMaxOpenConns(1)
	s := &Store{db: db, path: path}
	if err := s.prepare(ctx, existing); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.prepareStatements(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// checkHeader looks at the file before SQLite does: a file that exists, is
// not empty and does not begin as a SQLite database does is refused here, so
// that nothing is ever written to it. It reports whether the file holds
// existingStore reports whether the file at path holds a store
// (checkHeader), and refuses one missing or empty while it has backups
// (ErrMissing): restoring the latest is the secretariat's to do, not
// starting afresh.
func existingStore(path string) (bool, error) {
	existing, err := checkHeader(path)
	if err != nil || existing {
		return existing, err
	}
	backups, err := Backups(path)
	if err != nil {
		return false, err
	}
	if n := len(backups); n > 0 {
		return false, fmt.Errorf("%w: the latest is %s", ErrMissing, backups[n-1].Path)
	}
	return false, nil
}

// anything.
func checkHeader(path string) (existing bool, err error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return false, err
	}
	if fi.IsDir() {
		return false, fmt.Errorf("%w: a directory", ErrNotStore)
	}
	if fi.Size() == 0 {
		return false, nil // SQLite's own empty database, as a crash right after creating it leaves it
	}
	head := make([]byte, len(sqliteMagic))
	if _, err := io.ReadFull(f, head); err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return false, err
	}
	if !bytes.Equal(head, []byte(sqliteMagic)) {
		return false, fmt.Errorf("%w: not a SQLite database", ErrNotStore)
	}
	return true, nil
}

// dsn is the driver's name for the database at the absolute path abs, with
// the settings every connection needs.
func dsn(abs string) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	// FULL: a commit is on disk when Commit returns, so the nightly run may
	// move a file out of the inbox as soon as Add has returned.
	q.Add("_pragma", "synchronous(FULL)")
	// Writing transactions take the write lock at BEGIN, so that two
	// processes never both read and then both want to write (a deadlock
	// that no busy timeout resolves). Read-only transactions do not.
	q.Set("_txlock", "immediate")
	return fileURI(abs, q)
}

// fileURI is SQLite's URI of the file at the absolute path abs, with the
// parameters q.
func fileURI(abs string, q url.Values) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive: file:///C:/…
	}
	return "file://" + (&url.URL{Path: p}).EscapedPath() + "?" + q.Encode()
}

// prepare checks an existing database before anything is written to it,
// then switches it to write-ahead logging and applies the migrations it
// lacks.
func (s *Store) prepare(ctx context.Context, existing bool) error {
	if err := s.db.PingContext(ctx); err != nil {
		return classify(err)
	}
	if existing {
		if err := s.inspect(ctx); err != nil {
			return err
		}
	}
	mode, err := s.walMode(ctx)
	if err != nil {
		return classify(fmt.Errorf("set journal mode: %w", err))
	}
	if !strings.EqualFold(mode, "wal") {
		return fmt.Errorf("set journal mode: the database stays in %q mode, not WAL (is it on a network file system?)", mode)
	}
	return s.migrate(ctx)
}

// walMode switches the database to write-ahead logging and returns the
// journal mode it is in. The switch needs the database to itself: while
// another process opens or closes the same store it fails at once with
// SQLITE_BUSY (no busy handler is called for it), or with an I/O error as
// the other removes its log, so it is tried again until busyTimeout.
func (s *Store) walMode(ctx context.Context) (string, error) {
	deadline := time.Now().Add(busyTimeout)
	for {
		var mode string
		err := s.db.QueryRowContext(ctx, "PRAGMA journal_mode = WAL").Scan(&mode)
		if err == nil || !transient(err) || time.Now().After(deadline) {
			return mode, err
		}
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// transient reports whether err is one that another process's opening or
// closing of the store causes, and that passes: busy, locked or I/O.
func transient(err error) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_IOERR:
		return true
	}
	return false
}

// inspect refuses another program's database, a newer schema and a damaged
// file. It only reads.
func (s *Store) inspect(ctx context.Context) error {
	var appID, version, tables int
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT application_id FROM pragma_application_id),
		(SELECT user_version FROM pragma_user_version),
		(SELECT count(*) FROM sqlite_schema)`).Scan(&appID, &version, &tables)
	if err != nil {
		return classify(err)
	}
	switch {
	case appID == 0 && version == 0 && tables == 0:
		return nil // an empty database: a new store
	case appID != applicationID:
		return fmt.Errorf("%w: another program's SQLite database (application id %#x, %d tables)", ErrNotStore, appID, tables)
	case version > len(migrations):
		return fmt.Errorf("%w: schema version %d, this perinet knows up to %d", ErrNewerSchema, version, len(migrations))
	}
	rows, err := s.db.QueryContext(ctx, "PRAGMA quick_check")
	if err != nil {
		return classify(err)
	}
	defer rows.Close()
	var faults []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return classify(err)
		}
		if line != "ok" && len(faults) < 3 {
			faults = append(faults, line)
		}
	}
	if err := rows.Err(); err != nil {
		return classify(err)
	}
	if len(faults) > 0 {
		return fmt.Errorf("%w: %s", ErrCorrupt, strings.Join(faults, "; "))
	}
	return nil
}

// classify names SQLite's "not a database" and "malformed" errors with
// ErrNotStore and ErrCorrupt.
func classify(err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_NOTADB:
			return fmt.Errorf("%w: %w", ErrNotStore, err)
		case sqlite3.SQLITE_CORRUPT:
			return fmt.Errorf("%w: %w", ErrCorrupt, err)
		}
	}
	return err
}

// prepareStatements prepares the statements run for every file taken
// (hotStatements), once, before any transaction holds the connection.
func (s *Store) prepareStatements(ctx context.Context) error {
	s.stmts = make(map[string]*sql.Stmt)
	for _, q := range hotStatements() {
		st, err := s.db.PrepareContext(ctx, q)
		if err != nil {
			return fmt.Errorf("prepare %q: %w", q, err)
		}
		s.stmts[q] = st
	}
	return nil
}

// txStmt returns the statement of query to run in tx: the one prepared
// by prepareStatements, or prepared now for tx alone.
func (s *Store) txStmt(ctx context.Context, tx *sql.Tx, query string) (*sql.Stmt, error) {
	if st, ok := s.stmts[query]; ok {
		return tx.StmtContext(ctx, st), nil
	}
	return tx.PrepareContext(ctx, query)
}

// Close closes the database. Its write-ahead log is folded back into the
// database file and removed, so that a closed store is one file.
func (s *Store) Close() error {
	for _, st := range s.stmts {
		st.Close()
	}
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close store %s: %w", s.path, err)
	}
	return nil
}
