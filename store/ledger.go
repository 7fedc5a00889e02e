package store

import (
	"context"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"perinet"
)

// Outcome says what became of a file in the ledger.
type Outcome string

// The outcomes of a file.
const (
	// Accepted: no problem of severity error; its Records are current
	// until a later accepted file supersedes them, group by group.
	Accepted Outcome = "accepted"
	// Rejected: at least one problem of severity error. Its Records, as far
	// as they were read, are kept, but never current.
	Rejected Outcome = "rejected"
	// Duplicate: the same bytes as an earlier file (FileEntry.DuplicateOf);
	// nothing of it is stored again.
	Duplicate Outcome = "duplicate"
)

// A NewFile describes a file that arrived, for Add.
type NewFile struct {
	SHA256  string    // the SHA-256 of the file's bytes, in hex
	Name    string    // the file's original name
	Size    int64     // in bytes
	Arrived time.Time // when it arrived; the store never reads the clock itself
}

// A FileEntry is one file of the ledger.
type FileEntry struct {
	// ID is the arrival sequence: 1 for the first file the store recorded,
	// then 2, 3, … A later file is a newer submission, whatever the clock
	// said when it arrived.
	ID      int64
	SHA256  string // lower-case hex
	Name    string
	Size    int64
	Arrived time.Time // in UTC
	Outcome Outcome
	// DuplicateOf is, for a Duplicate, the ID of the first file with the
	// same bytes; 0 otherwise.
	DuplicateOf int64
	Problems    []perinet.Problem // as given to Add; nil when none
	// Groups are the groups read from the file, one per Record in the
	// file's order, whatever their fiscal year. A duplicate lists the
	// groups of the file it repeats, none of them current through it.
	Groups []Group
}

// A Group is one group (and fiscal year) read from a file, and how the
// file's Record of it stands.
type Group struct {
	FiscalYear int
	Block      string
	// Current says that this file's Record is the one that counts for the
	// group and year: the file was accepted and nothing has superseded it.
	Current bool
	// Supersedes is the ID of the earlier accepted file whose Record of the
	// group this file replaced when it arrived; 0 when none.
	Supersedes int64
	// SupersededBy is the ID of the later accepted file that replaced this
	// file's Record of the group; 0 while none has.
	SupersededBy int64
}

// Add records a file that arrived, with the Records and problems read from
// it, in one transaction:
//   - a file whose bytes were recorded before becomes a Duplicate entry
//     pointing to the first one, with the problems given; its records are
//     not stored again, and change nothing;
//   - otherwise it is Rejected when any problem has severity error, and
//     Accepted when none has;
//   - each Record of an accepted file becomes its group's current Record
//     for its fiscal year, superseding the one before (Group.Supersedes).
//
// It returns the new ledger entry. An accepted file must name a fiscal year
// and a group for every Record, each group and year once.
func (s *Store) Add(ctx context.Context, f NewFile, records []perinet.Record, problems []perinet.Problem) (FileEntry, error) {
	e, err := s.add(ctx, f, records, problems)
	if err != nil {
		return FileEntry{}, fmt.Errorf("add %q to the store: %w", f.Name, err)
	}
	return e, nil
}

func (s *Store) add(ctx context.Context, f NewFile, records []perinet.Record, problems []perinet.Problem) (FileEntry, error) {
	sum, err := checkSHA256(f.SHA256)
	if err != nil {
		return FileEntry{}, err
	}
	if f.Name == "" {
		return FileEntry{}, errors.New("no file name")
	}
	if f.Arrived.IsZero() {
		return FileEntry{}, errors.New("no arrival time")
	}
	if y := f.Arrived.UTC().Year(); y < 1 || y > 9999 {
		return FileEntry{}, fmt.Errorf("arrival time %v out of range", f.Arrived)
	}
	if f.Size < 0 {
		return FileEntry{}, fmt.Errorf("size %d", f.Size)
	}
	if problems == nil {
		problems = []perinet.Problem{}
	}
	problemJSON, err := json.Marshal(problems)
	if err != nil {
		return FileEntry{}, fmt.Errorf("problems: %w", err)
	}
	outcome := outcomeOf(problems)
	recordJSON := make([][]byte, len(records))
	for i, r := range records {
		if recordJSON[i], err = json.Marshal(r); err != nil {
			return FileEntry{}, fmt.Errorf("record %d (%d %s): %w", i+1, r.FiscalYear, r.Block, err)
		}
	}
	if outcome == Accepted {
		if err := checkAccepted(records); err != nil {
			return FileEntry{}, err
		}
	}
	arrived := f.Arrived.UTC().Format(time.RFC3339Nano)

	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return FileEntry{}, err
	}
	defer tx.Rollback()

	firstOf, err := s.txStmt(ctx, tx, firstOfQuery)
	if err != nil {
		return FileEntry{}, err
	}
	insertFile, err := s.txStmt(ctx, tx, insertFileQuery)
	if err != nil {
		return FileEntry{}, err
	}
	var first int64
	err = firstOf.QueryRowContext(ctx, sum).Scan(&first)
	switch {
	case err == nil:
		outcome = Duplicate
	case !errors.Is(err, sql.ErrNoRows):
		return FileEntry{}, err
	}
	res, err := insertFile.ExecContext(ctx, sum, f.Name, f.Size, arrived, string(outcome), nullID(first), string(problemJSON))
	if err != nil {
		return FileEntry{}, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return FileEntry{}, err
	}
	if outcome != Duplicate {
		if err := s.insertRecords(ctx, tx, id, outcome, records, recordJSON); err != nil {
			return FileEntry{}, err
		}
	}
	entries, err := s.loadFiles(ctx, tx, byID, id)
	if err != nil {
		return FileEntry{}, err
	}
	if len(entries) != 1 {
		return FileEntry{}, fmt.Errorf("file %d vanished while it was added", id)
	}
	if err := tx.Commit(); err != nil {
		return FileEntry{}, err
	}
	return entries[0], nil
}

// insertRecords stores the Records of file id; for an accepted file each one
// becomes current, superseding its group's current Record.
func (s *Store) insertRecords(ctx context.Context, tx *sql.Tx, id int64, outcome Outcome, records []perinet.Record, recordJSON [][]byte) error {
	supersede, err := s.txStmt(ctx, tx, supersedeQuery)
	if err != nil {
		return err
	}
	insert, err := s.txStmt(ctx, tx, insertRecordQuery)
	if err != nil {
		return err
	}
	for i, r := range records {
		var before int64
		current := outcome == Accepted
		if current {
			err := supersede.QueryRowContext(ctx, id, r.FiscalYear, r.Block).Scan(&before)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("supersede %d %s: %w", r.FiscalYear, r.Block, err)
			}
		}
		if _, err := insert.ExecContext(ctx, id, i, r.FiscalYear, r.Block, current, nullID(before), string(recordJSON[i])); err != nil {
			return fmt.Errorf("record %d (%d %s): %w", i+1, r.FiscalYear, r.Block, err)
		}
	}
	return nil
}

// outcomeOf is Rejected when any problem is an error, else Accepted.
func outcomeOf(problems []perinet.Problem) Outcome {
	for _, p := range problems {
		if p.Severity == perinet.Error {
			return Rejected
		}
	}
	return Accepted
}

// checkAccepted makes sure that the Records of an accepted file can each be
// current: every one names its fiscal year and group, and no group and year
// comes twice (the reader reports that as an error, duplicate_group).
func checkAccepted(records []perinet.Record) error {
	seen := make(map[Group]bool, len(records))
	for i, r := range records {
		if r.FiscalYear <= 0 || r.Block == "" {
			return fmt.Errorf("record %d of an accepted file has no fiscal year or group (%d %q)", i+1, r.FiscalYear, r.Block)
		}
		g := Group{FiscalYear: r.FiscalYear, Block: r.Block}
		if seen[g] {
			return fmt.Errorf("accepted file holds %d %s twice", r.FiscalYear, r.Block)
		}
		seen[g] = true
	}
	return nil
}

// checkSHA256 returns sum in lower case, or an error when it is not the hex
// form of a SHA-256.
func checkSHA256(sum string) (string, error) {
	sum = strings.ToLower(sum)
	if b, err := hex.DecodeString(sum); err != nil || len(b) != 32 {
		return "", fmt.Errorf("%q is not a SHA-256 in hex", sum)
	}
	return sum, nil
}

// nullID stores the file ID 0 as NULL.
func nullID(id int64) sql.NullInt64 {
	return sql.NullInt64{Int64: id, Valid: id != 0}
}

// Files returns the ledger entries that concern fiscal year fy, in arrival
// order: the files with a Record of that year, accepted or rejected, and the
// duplicates of them. Files(ctx, 0) returns the files no fiscal year could be
// read from (nothing read at all, or Records without a year) and their
// duplicates.
func (s *Store) Files(ctx context.Context, fy int) ([]FileEntry, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("files of %d: %w", fy, err)
	}
	defer tx.Rollback()
	// A file's Records are those of the file it duplicates, if it does.
	const cond = `EXISTS (SELECT 1 FROM records r
			WHERE r.file_id = coalesce(files.duplicate_of, files.id) AND r.fiscal_year = ?1)
		OR (?1 = 0 AND NOT EXISTS (SELECT 1 FROM records r
			WHERE r.file_id = coalesce(files.duplicate_of, files.id)))`
	entries, err := s.loadFiles(ctx, tx, cond, fy)
	if err != nil {
		return nil, fmt.Errorf("files of %d: %w", fy, err)
	}
	return entries, nil
}

// FilesByHash returns the ledger entries whose SHA-256 begins with prefix
// (hex digits, any case), in arrival order: the files whose bytes are those
// of a hash, or, for a shorter prefix, every file a name made of the
// hash's first digits could stand for.
func (s *Store) FilesByHash(ctx context.Context, prefix string) ([]FileEntry, error) {
	prefix = strings.ToLower(prefix)
	if _, err := hex.DecodeString(prefix + strings.Repeat("0", len(prefix)%2)); err != nil || len(prefix) > 64 {
		return nil, fmt.Errorf("files by hash %q: not hex digits of a SHA-256", prefix)
	}
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("files by hash %s: %w", prefix, err)
	}
	defer tx.Rollback()
	entries, err := s.loadFiles(ctx, tx, byHashPrefix, prefix)
	if err != nil {
		return nil, fmt.Errorf("files by hash %s: %w", prefix, err)
	}
	return entries, nil
}

// The SQL of the statements run for every file taken, prepared once
// (Store.prepareStatements).
const (
	firstOfQuery    = `SELECT id FROM files WHERE sha256 = ? AND outcome <> 'duplicate'`
	insertFileQuery = `INSERT INTO files (sha256, name, size, arrived, outcome, duplicate_of, problems)
		VALUES (?, ?, ?, ?, ?, ?, ?)`
	supersedeQuery = `UPDATE records SET is_current = 0, superseded_by = ?
		WHERE fiscal_year = ? AND block = ? AND is_current RETURNING file_id`
	insertRecordQuery = `INSERT INTO records
		(file_id, seq, fiscal_year, block, is_current, supersedes, record) VALUES (?, ?, ?, ?, ?, ?, ?)`
	// Conditions of loadFiles: the file ?1, and the files whose SHA-256
	// begins with ?1 (every hex digit sorts before "g": the range holds
	// exactly those hashes).
	byID         = `id = ?1`
	byHashPrefix = `sha256 >= ?1 AND sha256 < ?1 || 'g'`
)

// hotStatements is the SQL of the statements run for every file taken.
func hotStatements() []string {
	return []string{firstOfQuery, insertFileQuery, supersedeQuery, insertRecordQuery,
		filesQuery(byID), groupsQuery(byID), filesQuery(byHashPrefix), groupsQuery(byHashPrefix)}
}

// filesQuery selects the ledger entries that satisfy cond (see loadFiles).
func filesQuery(cond string) string {
	return `SELECT id, sha256, name, size, arrived, outcome, coalesce(duplicate_of, 0), problems
		FROM files WHERE ` + cond + ` ORDER BY id`
}

// groupsQuery selects the groups of the ledger entries that satisfy cond.
func groupsQuery(cond string) string {
	return `SELECT file_id, fiscal_year, block, is_current, coalesce(supersedes, 0), coalesce(superseded_by, 0)
		FROM records WHERE file_id IN (SELECT coalesce(duplicate_of, id) FROM files WHERE ` + cond + `)
		ORDER BY file_id, seq`
}

// loadFiles reads the ledger entries that satisfy cond, a condition on the
// table files with the parameter ?1, in arrival order.
func (s *Store) loadFiles(ctx context.Context, tx *sql.Tx, cond string, arg any) ([]FileEntry, error) {
	files, err := s.txStmt(ctx, tx, filesQuery(cond))
	if err != nil {
		return nil, err
	}
	groupsOf, err := s.txStmt(ctx, tx, groupsQuery(cond))
	if err != nil {
		return nil, err
	}
	rows, err := files.QueryContext(ctx, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var entries []FileEntry
	for rows.Next() {
		var e FileEntry
		var arrived, outcome, problems string
		if err := rows.Scan(&e.ID, &e.SHA256, &e.Name, &e.Size, &arrived, &outcome, &e.DuplicateOf, &problems); err != nil {
			return nil, err
		}
		e.Outcome = Outcome(outcome)
		if e.Arrived, err = time.Parse(time.RFC3339Nano, arrived); err != nil {
			return nil, fmt.Errorf("file %d: arrival time: %w", e.ID, err)
		}
		if err := json.Unmarshal([]byte(problems), &e.Problems); err != nil {
			return nil, fmt.Errorf("file %d: problems: %w", e.ID, err)
		}
		if len(e.Problems) == 0 {
			e.Problems = nil
		}
		entries = append(entries, e)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(entries) == 0 {
		return nil, nil
	}

	groups := make(map[int64][]Group) // by the ID of the file that holds the Records
	rows, err = groupsOf.QueryContext(ctx, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var g Group
		if err := rows.Scan(&id, &g.FiscalYear, &g.Block, &g.Current, &g.Supersedes, &g.SupersededBy); err != nil {
			return nil, err
		}
		groups[id] = append(groups[id], g)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range entries {
		e := &entries[i]
		if e.Outcome != Duplicate {
			e.Groups = groups[e.ID]
			continue
		}
		for _, g := range groups[e.DuplicateOf] {
			e.Groups = append(e.Groups, Group{FiscalYear: g.FiscalYear, Block: g.Block})
		}
	}
	return entries, nil
}

// Latest returns, for each group of fiscal year fy, the latest file among
// files (as Files returns them, in arrival order) that holds the group,
// accepted or rejected; duplicates do not count, as they add nothing. A
// group missing from the map has sent nothing for the year. The file's
// Group entry says whether its Record is current.
func Latest(files []FileEntry, fy int) map[string]FileEntry {
	latest := make(map[string]FileEntry)
	for _, f := range files {
		if f.Outcome == Duplicate {
			continue
		}
		for _, g := range f.Groups {
			if g.FiscalYear != fy {
				continue
			}
			if old, ok := latest[g.Block]; !ok || f.ID > old.ID {
				latest[g.Block] = f
			}
		}
	}
	return latest
}
