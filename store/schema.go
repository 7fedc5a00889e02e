package store

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations are the changes that build the schema, in order: migrations[i]
// takes the database from version i (PRAGMA user_version) to version i+1.
// A migration, once released, is never edited; a change to the schema is a
// new migration at the end.
var migrations = []func(ctx context.Context, tx *sql.Tx) error{
	execAll(
		// files is the ledger: every file ever seen, one row per arrival.
		// id is the arrival sequence, which decides which submission is
		// newer. A duplicate (the same bytes as an earlier file) points to
		// the first file with those bytes and holds no records itself.
		`CREATE TABLE files (
			id           INTEGER PRIMARY KEY AUTOINCREMENT,
			sha256       TEXT    NOT NULL CHECK (length(sha256) = 64),
			name         TEXT    NOT NULL,
			size         INTEGER NOT NULL CHECK (size >= 0),
			arrived      TEXT    NOT NULL, -- UTC, RFC 3339 with nanoseconds
			outcome      TEXT    NOT NULL CHECK (outcome IN ('accepted', 'rejected', 'duplicate')),
			duplicate_of INTEGER REFERENCES files (id),
			problems     TEXT    NOT NULL, -- JSON array of perinet.Problem
			CHECK ((outcome = 'duplicate') = (duplicate_of IS NOT NULL))
		) STRICT`,
		`CREATE UNIQUE INDEX files_by_sha256 ON files (sha256) WHERE outcome <> 'duplicate'`,
		`CREATE INDEX files_by_original ON files (duplicate_of) WHERE duplicate_of IS NOT NULL`,
		// records holds every Record read from an accepted or rejected
		// file, as the contract's JSON, with the fields it is found by.
		// is_current marks the one Record of a group and fiscal year that
		// counts: from an accepted file, not superseded by a later one.
		// supersedes and superseded_by link a group's successive accepted
		// submissions.
		`CREATE TABLE records (
			file_id       INTEGER NOT NULL REFERENCES files (id),
			seq           INTEGER NOT NULL, -- position in the file, from 0
			fiscal_year   INTEGER NOT NULL,
			block         TEXT    NOT NULL,
			is_current    INTEGER NOT NULL CHECK (is_current IN (0, 1)),
			supersedes    INTEGER REFERENCES files (id),
			superseded_by INTEGER REFERENCES files (id),
			record        TEXT    NOT NULL, -- perinet.Record as JSON
			PRIMARY KEY (file_id, seq),
			CHECK (NOT (is_current AND superseded_by IS NOT NULL))
		) STRICT`,
		`CREATE UNIQUE INDEX records_current ON records (fiscal_year, block) WHERE is_current`,
		`CREATE INDEX records_by_year ON records (fiscal_year, file_id)`,
	),
	execAll(
		// waiting holds the files the latest nightly run left in the inbox
		// for the next one, by name: why, how many runs in a row left each
		// there, and when the first of them ran.
		`CREATE TABLE waiting (
			name   TEXT    PRIMARY KEY,
			reason TEXT    NOT NULL,
			runs   INTEGER NOT NULL CHECK (runs >= 1),
			since  TEXT    NOT NULL -- UTC, RFC 3339 with nanoseconds
		) STRICT`,
		// FilesByHash looks files up by the first digits of their hash,
		// duplicates among them.
		`CREATE INDEX files_by_hash ON files (sha256)`,
	),
	execAll(
		// corrections holds the secretariat's changes of a field of a
		// group's Record (perinet.Correction), each for the file whose
		// Record it changes; a withdrawal fills the withdrawn_ columns,
		// and nothing is ever deleted.
		`CREATE TABLE corrections (
			id              INTEGER PRIMARY KEY AUTOINCREMENT,
			fiscal_year     INTEGER NOT NULL,
			block           TEXT    NOT NULL,
			field           TEXT    NOT NULL,
			old_text        TEXT    NOT NULL,
			new_text        TEXT    NOT NULL,
			value           TEXT    NOT NULL, -- the new value, as the contract's JSON of the field
			reason          TEXT    NOT NULL CHECK (reason <> ''),
			who             TEXT    NOT NULL CHECK (who <> ''),
			at              TEXT    NOT NULL, -- UTC, RFC 3339 with nanoseconds
			file_id         INTEGER NOT NULL REFERENCES files (id),
			withdrawn_who   TEXT,
			withdrawn_at    TEXT,
			withdrawn_why   TEXT,
			CHECK ((withdrawn_at IS NULL) = (withdrawn_who IS NULL))
		) STRICT`,
		`CREATE INDEX corrections_by_year ON corrections (fiscal_year, block)`,
	),
}

// execAll returns a migration that runs the statements in order.
func execAll(stmts ...string) func(context.Context, *sql.Tx) error {
	return func(ctx context.Context, tx *sql.Tx) error {
		for _, q := range stmts {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		return nil
	}
}

// migrate applies the migrations the database lacks, each in a transaction
// of its own together with the new version number, so that a process killed
// halfway leaves the database at one version or the next. The version is read
// again inside each transaction: of two processes opening a new store at
// once, the second finds the work done.
func (s *Store) migrate(ctx context.Context) error {
	for {
		done, err := s.migrateOnce(ctx)
		if err != nil || done {
			return err
		}
	}
}

func (s *Store) migrateOnce(ctx context.Context) (done bool, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, classify(fmt.Errorf("migrate: %w", err))
	}
	defer tx.Rollback()
	var version int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return false, classify(fmt.Errorf("migrate: %w", err))
	}
	switch {
	case version > len(migrations):
		return false, fmt.Errorf("%w: schema version %d, this perinet knows up to %d", ErrNewerSchema, version, len(migrations))
	case version == len(migrations):
		return true, nil
	}
	if err := migrations[version](ctx, tx); err != nil {
		return false, fmt.Errorf("migrate to version %d: %w", version+1, err)
	}
	// PRAGMA takes no parameters; both values are integers of ours.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", version+1)); err != nil {
		return false, fmt.Errorf("migrate to version %d: %w", version+1, err)
	}
	if version == 0 {
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", applicationID)); err != nil {
			return false, fmt.Errorf("migrate to version 1: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("migrate to version %d: %w", version+1, err)
	}
	return version+1 == len(migrations), nil
}
