package store

import (
	"context"
	"encoding/json"
	"fmt"

	"perinet"
)

// Records returns the current Record of each group for fiscal year fy: from
// an accepted file, not superseded by a later one. They come in the order of
// their group names (Block), compared byte by byte, so that the order
// depends neither on the survey nor on when the files arrived. A Record reads
// back as its JSON form says (a nil Details comes back empty).
func (s *Store) Records(ctx context.Context, fy int) ([]perinet.Record, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT file_id, block, record FROM records
		WHERE fiscal_year = ? AND is_current ORDER BY block`, fy)
	if err != nil {
		return nil, fmt.Errorf("records of %d: %w", fy, err)
	}
	defer rows.Close()
	var records []perinet.Record
	for rows.Next() {
		var id int64
		var block string
		var b []byte
		if err := rows.Scan(&id, &block, &b); err != nil {
			return nil, fmt.Errorf("records of %d: %w", fy, err)
		}
		var r perinet.Record
		if err := json.Unmarshal(b, &r); err != nil {
			return nil, fmt.Errorf("records of %d: %s of file %d: %w", fy, block, id, err)
		}
		records = append(records, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("records of %d: %w", fy, err)
	}
	return records, nil
}

// Years returns the fiscal years that have current Records, in ascending
// order. A year from which only rejected files arrived is not among them;
// Files lists those.
func (s *Store) Years(ctx context.Context) ([]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT fiscal_year FROM records WHERE is_current ORDER BY fiscal_year`)
	if err != nil {
		return nil, fmt.Errorf("fiscal years: %w", err)
	}
	defer rows.Close()
	var years []int
	for rows.Next() {
		var fy int
		if err := rows.Scan(&fy); err != nil {
			return nil, fmt.Errorf("fiscal years: %w", err)
		}
		years = append(years, fy)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("fiscal years: %w", err)
	}
	return years, nil
}

// FileRecords returns the Records read from the file with this ID, in
// the file's order, whether or not they are current (for a duplicate:
// none, as nothing of it is stored).
func (s *Store) FileRecords(ctx context.Context, id int64) ([]perinet.Record, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT record FROM records WHERE file_id = ? ORDER BY seq`, id)
	if err != nil {
		return nil, fmt.Errorf("records of file %d: %w", id, err)
	}
	defer rows.Close()
	var records []perinet.Record
	for rows.Next() {
		var b []byte
		if err := rows.Scan(&b); err != nil {
			return nil, fmt.Errorf("records of file %d: %w", id, err)
		}
		var r perinet.Record
		if err := json.Unmarshal(b, &r); err != nil {
			return nil, fmt.Errorf("records of file %d: %w", id, err)
		}
		records = append(records, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("records of file %d: %w", id, err)
	}
	return records, nil
}
