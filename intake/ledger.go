package intake

import (
	"cmp"
	"context"
	"maps"
	"slices"

	"perinet"
	"perinet/store"
)

// A Ledger is the store's files and standing Records as one report, or
// one nightly run, sees them.
type Ledger struct {
	// Years are the fiscal years with current Records, ascending.
	Years []int
	// Files holds the store's Files of each of those years, of the years
	// asked for besides, and of 0 (the files no year was read from).
	Files map[int][]store.FileEntry
	// All is every file of those, once, in arrival order.
	All []store.FileEntry

	records map[int][]perinet.Record // the current Records of each year of Years, corrected
	// corrections are the corrections of each year of Years, withdrawn
	// ones and those for a file that no longer stands among them.
	corrections map[int][]perinet.Correction
	// standing is, for each group and year of Years, the ID of the file
	// whose Record stands.
	standing map[groupKey]int64
	aside    map[int64][]perinet.Record
	// accepted is, for each group and year, the ID of the latest accepted
	// file that holds it.
	accepted map[groupKey]int64
}

// groupKey names a group in a fiscal year.
type groupKey struct {
	fy    int
	block string
}

// LoadLedger reads the files of every fiscal year with current Records,
// of the years given besides (a year asked for whose files were all
// rejected), and the files no year could be read from, with the current
// Records of those years and the Records their later files replaced.
func LoadLedger(ctx context.Context, st *store.Store, years ...int) (*Ledger, error) {
	current, err := st.Years(ctx)
	if err != nil {
		return nil, err
	}
	l := &Ledger{Years: current, Files: map[int][]store.FileEntry{}, records: map[int][]perinet.Record{},
		aside: map[int64][]perinet.Record{}, accepted: map[groupKey]int64{},
		corrections: map[int][]perinet.Correction{}, standing: map[groupKey]int64{}}
	byID := map[int64]store.FileEntry{}
	for _, fy := range append(append([]int{0}, current...), years...) {
		if _, ok := l.Files[fy]; ok {
			continue
		}
		if l.Files[fy], err = st.Files(ctx, fy); err != nil {
			return nil, err
		}
		for _, e := range l.Files[fy] {
			byID[e.ID] = e
		}
	}
	for _, id := range slices.Sorted(maps.Keys(byID)) {
		e := byID[id]
		l.All = append(l.All, e)
		for _, g := range e.Groups {
			if e.Outcome == store.Accepted {
				l.accepted[groupKey{g.FiscalYear, g.Block}] = e.ID
			}
			if g.Current {
				l.standing[groupKey{g.FiscalYear, g.Block}] = e.ID
			}
			if g.SupersededBy != 0 && l.aside[e.ID] == nil {
				if l.aside[e.ID], err = st.FileRecords(ctx, e.ID); err != nil {
					return nil, err
				}
			}
		}
	}
	for _, fy := range current {
		if l.corrections[fy], err = st.Corrections(ctx, fy); err != nil {
			return nil, err
		}
		records, err := st.Records(ctx, fy)
		if err != nil {
			return nil, err
		}
		if l.records[fy], err = perinet.ApplyCorrections(records, l.InForce(fy)); err != nil {
			return nil, err
		}
	}
	return l, nil
}

// Corrections returns the corrections of fiscal year fy, withdrawn ones
// and those for a file that no longer stands among them, in the order
// they were made.
func (l *Ledger) Corrections(fy int) []perinet.Correction {
	return l.corrections[fy]
}

// InForce returns the corrections of fiscal year fy that apply: not
// withdrawn, and for the file whose Record of the group stands. A
// correction of a file that a later submission replaced is not carried
// over to it.
func (l *Ledger) InForce(fy int) []perinet.Correction {
	var out []perinet.Correction
	for _, c := range l.corrections[fy] {
		if c.Withdrawn == nil && l.Standing(fy, c.Block) == c.File {
			out = append(out, c)
		}
	}
	return out
}

// Standing returns the ID of the file whose Record of a group stands in
// fiscal year fy, 0 when none does.
func (l *Ledger) Standing(fy int, block string) int64 {
	return l.standing[groupKey{fy, block}]
}

// Record returns the Record of a group that stands in fiscal year fy,
// with the corrections in force applied, and whether there is one.
func (l *Ledger) Record(fy int, block string) (perinet.Record, bool) {
	i := slices.IndexFunc(l.records[fy], func(r perinet.Record) bool { return r.Block == block })
	if i < 0 {
		return perinet.Record{}, false
	}
	return l.records[fy][i], true
}

// State is the outcome that decides where a file is kept: its own, or
// for a duplicate the outcome of the file it repeats.
func (l *Ledger) State(e store.FileEntry) store.Outcome {
	if e.Outcome != store.Duplicate {
		return e.Outcome
	}
	i, ok := slices.BinarySearchFunc(l.All, e.DuplicateOf, func(f store.FileEntry, id int64) int { return cmp.Compare(f.ID, id) })
	if !ok {
		return store.Rejected
	}
	return l.All[i].Outcome
}

// Corrected reports whether a file with groups has, for every one of
// them, a file accepted after it: the hospital sent its correction.
func (l *Ledger) Corrected(e store.FileEntry) bool {
	for _, g := range e.Groups {
		if l.accepted[groupKey{g.FiscalYear, g.Block}] < e.ID {
			return false
		}
	}
	return len(e.Groups) > 0
}

// GroupsYear is the latest fiscal year of a ledger entry's groups, 0 when
// none has one: the archive folder of a file.
func GroupsYear(groups []store.Group) int {
	fy := 0
	for _, g := range groups {
		fy = max(fy, g.FiscalYear)
	}
	return fy
}
