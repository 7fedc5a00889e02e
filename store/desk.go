package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
)

// OpenReadOnly opens the store database at path for reading only, as the
// secretariat's desk (perinet serve) does while nightly runs go on: it
// never creates the file, never changes its schema and refuses every
// write. The file must be a store that a nightly run has written
// (ErrNotStore otherwise; a file that is not there is an error wrapping
// os.ErrNotExist, or ErrMissing when it has backups); a damaged one
// (ErrCorrupt) or one from a newer perinet (ErrNewerSchema) is refused as
// Open refuses it. A store of an older schema is read as it is.
//
// A reader sees each nightly run's commits as they happen, through the
// write-ahead log and its index beside the database (store.db-wal,
// store.db-shm); SQLite creates them when they are missing, and a reader
// cannot fold them back, so they stay after Close until a nightly run
// closes the store.
func OpenReadOnly(ctx context.Context, path string) (*Store, error) {
	s, err := openReadOnly(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("open store %s for reading: %w", path, err)
	}
	return s, nil
}

func openReadOnly(ctx context.Context, path string) (*Store, error) {
	existing, err := existingStore(path)
	if err != nil {
		return nil, err
	}
	if !existing {
		if _, err := os.Stat(path); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("%w: an empty file", ErrNotStore)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", readOnlyDSN(abs))
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	s := &Store{db: db, path: path}
	if err := s.inspect(ctx); err != nil {
		db.Close()
		return nil, err
	}
	var version int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		db.Close()
		return nil, classify(err)
	}
	if version == 0 {
		db.Close()
		return nil, fmt.Errorf("%w: an empty database", ErrNotStore)
	}
	return s, nil
}

// readOnlyDSN is the driver's name for the database at the absolute path
// abs, opened read-only, with every statement refused that would write.
func readOnlyDSN(abs string) string {
	q := url.Values{}
	q.Set("mode", "ro")
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
	q.Add("_pragma", "query_only(1)")
	return fileURI(abs, q)
}

// FileYears returns every fiscal year read from a file of the ledger,
// accepted or rejected, in ascending order: Years and the years from
// which only rejected files came.
func (s *Store) FileYears(ctx context.Context) ([]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT fiscal_year FROM records WHERE fiscal_year > 0 ORDER BY fiscal_year`)
	if err != nil {
		return nil, fmt.Errorf("fiscal years of the files: %w", err)
	}
	defer rows.Close()
	var years []int
	for rows.Next() {
		var fy int
		if err := rows.Scan(&fy); err != nil {
			return nil, fmt.Errorf("fiscal years of the files: %w", err)
		}
		years = append(years, fy)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("fiscal years of the files: %w", err)
	}
	return years, nil
}
