package nightly

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"slices"

	"perinet/store"
)

// A ledger is the store's files as a run sees them once the inbox is
// taken: what it needs to move corrected rejections and to make the
// reports.
type ledger struct {
	years []int                     // the fiscal years with current Records, ascending
	files map[int][]store.FileEntry // Files of each of those years, and of 0
	all   []store.FileEntry         // every file of those, once, in arrival order
	// accepted is, for each group and year, the ID of the latest accepted
	// file that holds it.
	accepted map[groupKey]int64
}

// groupKey names a group in a fiscal year.
type groupKey struct {
	fy    int
	block string
}

// loadLedger reads the ledger's files of every fiscal year with Records
// and the files no year could be read from. Files of years from which
// only rejected files came are not needed: none of them is corrected yet,
// and no report is made of such a year.
func loadLedger(ctx context.Context, st *store.Store) (*ledger, error) {
	years, err := st.Years(ctx)
	if err != nil {
		return nil, err
	}
	l := &ledger{years: years, files: map[int][]store.FileEntry{}, accepted: map[groupKey]int64{}}
	byID := map[int64]store.FileEntry{}
	for _, fy := range append([]int{0}, years...) {
		if l.files[fy], err = st.Files(ctx, fy); err != nil {
			return nil, err
		}
		for _, e := range l.files[fy] {
			byID[e.ID] = e
		}
	}
	for _, id := range slices.Sorted(maps.Keys(byID)) {
		e := byID[id]
		l.all = append(l.all, e)
		for _, g := range e.Groups {
			if e.Outcome == store.Accepted {
				l.accepted[groupKey{g.FiscalYear, g.Block}] = e.ID
			}
		}
	}
	return l, nil
}

// state is the outcome that decides where a file is kept: its own, or
// for a duplicate the outcome of the file it repeats.
func (l *ledger) state(e store.FileEntry) store.Outcome {
	if e.Outcome != store.Duplicate {
		return e.Outcome
	}
	i, ok := slices.BinarySearchFunc(l.all, e.DuplicateOf, func(f store.FileEntry, id int64) int { return cmp.Compare(f.ID, id) })
	if !ok {
		return store.Rejected
	}
	return l.all[i].Outcome
}

// corrected reports whether a file with groups has, for every one of
// them, a file accepted after it: the hospital sent its correction.
func (l *ledger) corrected(e store.FileEntry) bool {
	for _, g := range e.Groups {
		if l.accepted[groupKey{g.FiscalYear, g.Block}] < e.ID {
			return false
		}
	}
	return len(e.Groups) > 0
}

// twins are the files with the bytes of sha, in arrival order.
func (l *ledger) twins(sha string) []store.FileEntry {
	var twins []store.FileEntry
	for _, e := range l.all {
		if e.SHA256 == sha {
			twins = append(twins, e)
		}
	}
	return twins
}

// sweepRejected moves every file of rejected/ whose groups were all
// corrected since, with its receipt, into the archive of its fiscal
// year. A file from which no group could be read stays in rejected/
// until the secretariat removes it: no later file can be said to
// correct it.
func (r *run) sweepRejected(l *ledger) error {
	for _, e := range l.all {
		if l.state(e) != store.Rejected || !l.corrected(e) {
			continue
		}
		name := copyName(e.Name, e.SHA256, e.Arrived, nth(l.twins(e.SHA256), e.Name, e.Arrived, e.ID))
		from := filepath.Join(r.work.rejected(), name)
		to := filepath.Join(r.work.archive(groupsYear(e.Groups)), name)
		for _, p := range [][2]string{{from, to}, {receiptPath(from), receiptPath(to)}} {
			if err := r.moveIfThere(p[0], p[1]); err != nil {
				return fmt.Errorf("move the corrected %s: %w", e.Name, err)
			}
		}
	}
	return nil
}

// moveIfThere moves the file at from to to, unless it is gone already.
func (r *run) moveIfThere(from, to string) error {
	ok, err := exists(from)
	if err != nil || !ok {
		return err
	}
	if err := moveFile(from, to); err != nil {
		return err
	}
	r.log.Info("修正されたファイルを受け付けたため、エラーのあったファイルを保管フォルダに移しました", "path", r.work.rel(to))
	return r.at("swept", to)
}
