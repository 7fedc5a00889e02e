package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"perinet"
)

// correctionsVersion is the schema version that has the corrections
// table; a store of an older version, read as it is, has none.
const correctionsVersion = 3

// ErrNoCorrection is returned for a correction the store does not hold,
// or holds withdrawn already.
var ErrNoCorrection = errors.New("no such correction in force")

// AddCorrection records a correction, in one transaction, and returns it
// with its ID. It needs a reason and who made it, and a file of the
// ledger that holds a Record of the group and year.
func (s *Store) AddCorrection(ctx context.Context, c perinet.Correction) (perinet.Correction, error) {
	id, err := s.addCorrection(ctx, c)
	if err != nil {
		return c, fmt.Errorf("add the correction of %s %d %s: %w", c.Block, c.FiscalYear, c.Field, err)
	}
	c.ID = id
	return c, nil
}

func (s *Store) addCorrection(ctx context.Context, c perinet.Correction) (int64, error) {
	switch {
	case c.Reason == "":
		return 0, errors.New("no reason")
	case c.Who == "":
		return 0, errors.New("no one made it")
	case c.At.IsZero():
		return 0, errors.New("no time")
	case len(c.Value) == 0:
		return 0, errors.New("no value")
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	var n int
	err = tx.QueryRowContext(ctx, `SELECT count(*) FROM records WHERE file_id = ? AND fiscal_year = ? AND block = ?`,
		c.File, c.FiscalYear, c.Block).Scan(&n)
	if err != nil {
		return 0, err
	}
	if n == 0 {
		return 0, fmt.Errorf("file %d holds no Record of the group and year", c.File)
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO corrections
		(fiscal_year, block, field, old_text, new_text, value, reason, who, at, file_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.FiscalYear, c.Block, c.Field, c.Old, c.New, string(c.Value), c.Reason, c.Who, c.At.UTC().Format(time.RFC3339Nano), c.File)
	if err != nil {
		return 0, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	return id, tx.Commit()
}

// WithdrawCorrection records, in one transaction, that the correction
// with this ID no longer applies: who withdrew it, when and why. A
// correction withdrawn already, or unknown, is ErrNoCorrection.
func (s *Store) WithdrawCorrection(ctx context.Context, id int64, w perinet.Withdrawal) error {
	if err := s.withdrawCorrection(ctx, id, w); err != nil {
		return fmt.Errorf("withdraw correction %d: %w", id, err)
	}
	return nil
}

func (s *Store) withdrawCorrection(ctx context.Context, id int64, w perinet.Withdrawal) error {
	if w.Who == "" || w.At.IsZero() {
		return errors.New("no one, or no time")
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `UPDATE corrections SET withdrawn_who = ?, withdrawn_at = ?, withdrawn_why = ?
		WHERE id = ? AND withdrawn_at IS NULL`, w.Who, w.At.UTC().Format(time.RFC3339Nano), w.Reason, id)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		if err == nil {
			err = ErrNoCorrection
		}
		return err
	}
	return tx.Commit()
}

// Corrections returns the corrections of fiscal year fy, withdrawn ones
// among them, in the order they were made. A store older than
// corrections, read as it is, has none.
func (s *Store) Corrections(ctx context.Context, fy int) ([]perinet.Correction, error) {
	cs, err := s.corrections(ctx, fy)
	if err != nil {
		return nil, fmt.Errorf("corrections of %d: %w", fy, err)
	}
	return cs, nil
}

func (s *Store) corrections(ctx context.Context, fy int) ([]perinet.Correction, error) {
	var version int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return nil, err
	}
	if version < correctionsVersion {
		return nil, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, fiscal_year, block, field, old_text, new_text, value, reason,
		who, at, file_id, withdrawn_who, withdrawn_at, withdrawn_why FROM corrections WHERE fiscal_year = ? ORDER BY id`, fy)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cs []perinet.Correction
	for rows.Next() {
		var c perinet.Correction
		var value, at string
		var wWho, wAt, wWhy sql.NullString
		if err := rows.Scan(&c.ID, &c.FiscalYear, &c.Block, &c.Field, &c.Old, &c.New, &value, &c.Reason,
			&c.Who, &at, &c.File, &wWho, &wAt, &wWhy); err != nil {
			return nil, err
		}
		c.Value = []byte(value)
		if c.At, err = time.Parse(time.RFC3339Nano, at); err != nil {
			return nil, fmt.Errorf("correction %d: %w", c.ID, err)
		}
		if wAt.Valid {
			w := perinet.Withdrawal{Who: wWho.String, Reason: wWhy.String}
			if w.At, err = time.Parse(time.RFC3339Nano, wAt.String); err != nil {
				return nil, fmt.Errorf("correction %d: %w", c.ID, err)
			}
			c.Withdrawn = &w
		}
		cs = append(cs, c)
	}
	return cs, rows.Err()
}
