package nightly

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"perinet/config"
	"perinet/store"
	"perinet/store/storetest"
)

// backups lists the store's backups, oldest first.
func (e *env) backups() []store.Backup {
	e.t.Helper()
	backups, err := store.Backups(filepath.Join(e.work, config.StoreFile))
	if err != nil {
		e.t.Fatal(err)
	}
	return backups
}

// backupLedger describes the store a backup holds, as env.ledger does,
// from a copy of it.
func backupLedger(t testing.TB, b store.Backup) []string {
	t.Helper()
	cp := filepath.Join(t.TempDir(), config.StoreFile)
	if err := os.WriteFile(cp, readFile(t, b.Path), 0o644); err != nil {
		t.Fatal(err)
	}
	return ledgerAt(t, cp)
}

// TestRunBackups: the first run backs the store up, even with nothing to
// record; a run that records nothing makes no backup; every run that
// records something makes one, which holds what the store holds; the
// latest seven are kept, and the secretariat's own files in backup/ stay.
func TestRunBackups(t *testing.T) {
	e := newEnv(t)
	e.run()
	if got := e.backups(); len(got) != 1 || len(backupLedger(t, got[0])) != 0 {
		t.Fatalf("after a first run on an empty inbox: backups %v, want one of the empty store", got)
	}
	first := e.backups()[0]
	e.run()
	if got := e.backups(); len(got) != 1 || got[0].Path != first.Path {
		t.Errorf("after a run that recorded nothing: backups %v, want only %s", got, first.Path)
	}
	mine := filepath.Join(e.work, store.BackupDir, "perinet-修正の前.db")
	if err := os.WriteFile(mine, []byte("the secretariat's own copy"), 0o644); err != nil {
		t.Fatal(err)
	}
	var made []store.Backup
	for i := range 9 {
		e.drop(fmt.Sprintf("memo-%d.csv", i), fmt.Appendf(nil, "名前,値\nさくら,%d\n", i), day(15).Add(time.Duration(i)*time.Minute))
		if sum := e.run(); sum.Rejected != 1 {
			t.Fatalf("run %d: %+v, want the memo rejected", i, sum)
		}
		backups := e.backups()
		latest := backups[len(backups)-1]
		if slices.ContainsFunc(made, func(b store.Backup) bool { return b.Path == latest.Path }) {
			t.Fatalf("run %d made no backup: the latest is %s", i, latest.Path)
		}
		made = append(made, latest)
		if got, want := backupLedger(t, latest), e.ledger(); !slices.Equal(got, want) {
			t.Errorf("run %d: the backup holds\n%s\nthe store\n%s", i, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	got := e.backups()
	var paths []string
	for _, b := range got {
		paths = append(paths, b.Path)
	}
	var want []string
	for _, b := range made[len(made)-keepBackups:] {
		want = append(want, b.Path)
	}
	if !slices.Equal(paths, want) {
		t.Errorf("backups kept:\n%s\nwant the latest %d:\n%s", strings.Join(paths, "\n"), keepBackups, strings.Join(want, "\n"))
	}
	if _, err := os.Stat(mine); err != nil {
		t.Errorf("the secretariat's own file in backup/: %v", err)
	}
}

// inboxState describes the inbox: each file's name, size, modification
// time and bytes.
func (e *env) inboxState() []string {
	e.t.Helper()
	var out []string
	for _, name := range names(e.t, e.inbox) {
		path := filepath.Join(e.inbox, name)
		fi, err := os.Stat(path)
		if err != nil {
			e.t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%s %d %v %s", name, fi.Size(), fi.ModTime().UnixNano(), sha256Hex(readFile(e.t, path))))
	}
	return out
}

// restore restores the latest backup as README.md says: perinet.db and its
// -wal and -shm files are moved into another folder, and the backup is
// copied in as perinet.db.
func (e *env) restore() {
	e.t.Helper()
	backups := e.backups()
	if len(backups) == 0 {
		e.t.Fatal("no backup to restore")
	}
	aside := filepath.Join(e.work, "壊れた記録")
	if err := os.Mkdir(aside, 0o755); err != nil {
		e.t.Fatal(err)
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		name := config.StoreFile + suffix
		err := os.Rename(filepath.Join(e.work, name), filepath.Join(aside, name))
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			e.t.Fatal(err)
		}
	}
	b := readFile(e.t, backups[len(backups)-1].Path)
	if err := os.WriteFile(filepath.Join(e.work, config.StoreFile), b, 0o644); err != nil {
		e.t.Fatal(err)
	}
}

// TestRunRestore: a store damaged in a page in its middle stops the run
// before the inbox is touched; restored from its latest backup as README.md
// says, the next run takes the inbox, and the store ends as if nothing had
// happened, nothing recorded twice, even a file the damaged store had
// recorded and that is put back into the inbox.
func TestRunRestore(t *testing.T) {
	first := forms(t, 2016)[:6]
	later := forms(t, 2016)[6:8]
	ref := newEnv(t)
	ref.dropFixtures(day(15), first...)
	ref.run()
	ref.dropFixtures(day(16), later...)
	ref.run()

	e := newEnv(t)
	e.dropFixtures(day(15), first...)
	e.run()
	storetest.DamagePage(t, filepath.Join(e.work, config.StoreFile))
	e.dropFixtures(day(16), later...)
	inbox, tree := e.inboxState(), e.tree()
	_, err := Run(context.Background(), e.options())
	if !errors.Is(err, store.ErrCorrupt) {
		t.Fatalf("Run on a damaged store: %v, want store.ErrCorrupt", err)
	}
	if got := e.inboxState(); !slices.Equal(got, inbox) {
		t.Errorf("the inbox changed:\n%s\nwas\n%s", strings.Join(got, "\n"), strings.Join(inbox, "\n"))
	}
	if d := diff(tree, e.tree()); len(d) > 0 {
		t.Errorf("the run on a damaged store changed files:\n%s", strings.Join(d, "\n"))
	}

	e.restore()
	sum := e.run()
	if sum.Accepted != len(later) || sum.AlreadyRecorded != 0 {
		t.Errorf("the run after the restore: %+v, want %d accepted", sum, len(later))
	}
	e.dropFixtures(day(15), first[0]) // the very arrival the first run took
	if sum := e.run(); sum.AlreadyRecorded != 1 || sum.Accepted != 0 {
		t.Errorf("a file the first run took, put back: %+v, want it already recorded", sum)
	}
	if got, want := e.ledger(), ref.ledger(); !slices.Equal(got, want) {
		t.Errorf("the restored store holds\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestRunStoreMissing: a store that is gone while it has backups stops
// the run before the inbox is touched, and no new store is made.
func TestRunStoreMissing(t *testing.T) {
	e := newEnv(t)
	e.dropFixtures(day(15), forms(t, 2016)[:1]...)
	e.run()
	db := filepath.Join(e.work, config.StoreFile)
	if err := os.Remove(db); err != nil {
		t.Fatal(err)
	}
	e.dropFixtures(day(16), forms(t, 2016)[1:2]...)
	inbox := e.inboxState()
	_, err := Run(context.Background(), e.options())
	if !errors.Is(err, store.ErrMissing) {
		t.Fatalf("Run without the store: %v, want store.ErrMissing", err)
	}
	if got := e.inboxState(); !slices.Equal(got, inbox) {
		t.Errorf("the inbox changed:\n%s\nwas\n%s", strings.Join(got, "\n"), strings.Join(inbox, "\n"))
	}
	if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a new store was made: %v", err)
	}
}
