package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// A Waiting is a file that a nightly run left in the inbox for the next
// one: still being copied, open in Excel, dated in the future.
type Waiting struct {
	Name   string    // the file's name in the inbox
	Reason string    // why the latest run left it there, in Japanese
	Runs   int       // the runs in a row that left it there, the latest included
	Since  time.Time // when the first of those runs ran, in UTC
}

// Wait records the files that a nightly run, which ran at at, left in the
// inbox (the Name and Reason of each), in place of those the run before
// it left: a file left again counts one run more, a file not left any
// more is forgotten. It returns the files with their Runs and Since, in
// the order given. It is one transaction.
func (s *Store) Wait(ctx context.Context, at time.Time, left []Waiting) ([]Waiting, error) {
	waiting, err := s.wait(ctx, at, left)
	if err != nil {
		return nil, fmt.Errorf("record the files waiting in the inbox: %w", err)
	}
	return waiting, nil
}

func (s *Store) wait(ctx context.Context, at time.Time, left []Waiting) ([]Waiting, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	before, err := loadWaiting(ctx, tx)
	if err != nil {
		return nil, err
	}
	now := nextWaiting(before, at, left)
	if _, err := tx.ExecContext(ctx, `DELETE FROM waiting`); err != nil {
		return nil, err
	}
	for _, w := range now {
		if _, err := tx.ExecContext(ctx, `INSERT INTO waiting (name, reason, runs, since) VALUES (?, ?, ?, ?)`,
			w.Name, w.Reason, w.Runs, w.Since.Format(time.RFC3339Nano)); err != nil {
			return nil, fmt.Errorf("%s: %w", w.Name, err)
		}
	}
	return now, tx.Commit()
}

// nextWaiting returns the files left, in their order, each with the runs
// and the first run of its waiting: one run more, since the same time,
// when before (what the run before left) holds it, else one run since at.
func nextWaiting(before []Waiting, at time.Time, left []Waiting) []Waiting {
	was := make(map[string]Waiting, len(before))
	for _, w := range before {
		was[w.Name] = w
	}
	now := make([]Waiting, len(left))
	for i, w := range left {
		now[i] = Waiting{Name: w.Name, Reason: w.Reason, Runs: 1, Since: at.UTC()}
		if old, ok := was[w.Name]; ok {
			now[i].Runs, now[i].Since = old.Runs+1, old.Since
		}
	}
	return now
}

// Waiting returns the files the latest nightly run left in the inbox, by
// name; none before the first run.
func (s *Store) Waiting(ctx context.Context) ([]Waiting, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("files waiting in the inbox: %w", err)
	}
	defer tx.Rollback()
	waiting, err := loadWaiting(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("files waiting in the inbox: %w", err)
	}
	return waiting, nil
}

// loadWaiting reads the table waiting, by name.
func loadWaiting(ctx context.Context, tx *sql.Tx) ([]Waiting, error) {
	rows, err := tx.QueryContext(ctx, `SELECT name, reason, runs, since FROM waiting ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var waiting []Waiting
	for rows.Next() {
		var w Waiting
		var since string
		if err := rows.Scan(&w.Name, &w.Reason, &w.Runs, &since); err != nil {
			return nil, err
		}
		if w.Since, err = time.Parse(time.RFC3339Nano, since); err != nil {
			return nil, fmt.Errorf("%s: since: %w", w.Name, err)
		}
		waiting = append(waiting, w)
	}
	return waiting, rows.Err()
}
