package nightly

import (
	"context"
	"time"
)

// keepBackups is how many backups of the store a run keeps: a week of
// nights that changed it.
const keepBackups = 7

// backup backs the store up into backup/ unless the latest backup there
// holds what the store holds, then removes the backups beyond the latest
// keepBackups. A backup that cannot be removed (Windows refuses while a
// program has it open) stays, with a warning, until a later run.
func (r *run) backup(ctx context.Context) error {
	b, made, err := r.store.Backup(ctx, time.Now())
	if err != nil {
		return err
	}
	if made {
		r.log.Info("記録のバックアップを作りました", "path", r.work.rel(b.Path))
		if err := r.at("backup", r.work.store()); err != nil {
			return err
		}
	}
	removed, err := r.store.RemoveBackups(keepBackups)
	for _, p := range removed {
		r.log.Info("古いバックアップを削除しました", "path", r.work.rel(p))
	}
	if err != nil {
		r.log.Warn("古いバックアップを削除できませんでした。次の実行でもう一度削除します", "error", err)
	}
	return nil
}
