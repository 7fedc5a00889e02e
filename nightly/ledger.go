package nightly

import (
	"context"
	"fmt"
	"path/filepath"

	"perinet/intake"
	"perinet/store"
)

// sweepRejected moves every file of rejected/ whose groups were all
// corrected since, with its receipt, into the archive of its fiscal
// year. A file from which no group could be read stays in rejected/
// until the secretariat removes it: no later file can be said to
// correct it.
func (r *run) sweepRejected(ctx context.Context, l *intake.Ledger) error {
	for _, e := range l.All {
		if l.State(e) != store.Rejected || !l.Corrected(e) {
			continue
		}
		kin, err := r.store.FilesByHash(ctx, e.SHA256[:8])
		if err != nil {
			return err
		}
		name := copyName(e, kin)
		from := filepath.Join(r.work.rejected(), name)
		to := filepath.Join(r.work.archive(intake.GroupsYear(e.Groups)), name)
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
