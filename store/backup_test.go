package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"perinet"
	"perinet/store/storetest"
)

// jst is Japan's time, in which backups are named.
var jst = perinet.Japan()

func TestBackupName(t *testing.T) {
	made := time.Date(2026, 12, 6, 2, 0, 5, 0, jst)
	if got, want := backupName(made), "perinet-2026-12-06-020005.db"; got != want {
		t.Errorf("backupName(%v) = %q, want %q", made, got, want)
	}
	if got, want := backupName(made.UTC()), "perinet-2026-12-06-020005.db"; got != want {
		t.Errorf("backupName(%v) = %q, want %q (Japan time)", made.UTC(), got, want)
	}
	tests := []struct {
		name string
		ok   bool
	}{
		{"perinet-2026-12-06-020005.db", true},
		{"perinet-2027-01-01-000000.db", true},
		{"perinet.db", false},
		{"perinet-2026-12-06-020005 - コピー.db", false},
		{"perinet-2026-12-06-020005 (2).db", false},
		{"perinet-2026-12-06-020005.db.bak", false},
		{"perinet-2026-12-6-020005.db", false},
		{"perinet-2026-13-06-020005.db", false},
		{"perinet-2026-12-06-250005.db", false},
		{"Perinet-2026-12-06-020005.db", false},
		{"perinet-before-the-fix.db", false},
		{".perinet-backup-12345", false},
	}
	for _, tt := range tests {
		got, ok := parseBackupName(tt.name)
		if ok != tt.ok {
			t.Errorf("parseBackupName(%q) = %v, %v; want ok %v", tt.name, got, ok, tt.ok)
		}
		if ok && backupName(got) != tt.name {
			t.Errorf("parseBackupName(%q) = %v, which is named %q", tt.name, got, backupName(got))
		}
	}
}

func TestNextMade(t *testing.T) {
	at := func(hms string) time.Time {
		t.Helper()
		v, err := time.ParseInLocation("15:04:05.000", hms, jst)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		name   string
		now    string
		latest string // "" for no backup
		want   string
	}{
		{"the first backup", "02:00:05.700", "", "02:00:05.000"},
		{"after an earlier one", "02:00:05.700", "01:59:00.000", "02:00:05.000"},
		{"in the same second", "02:00:05.700", "02:00:05.000", "02:00:06.000"},
		{"after a clock put back", "01:00:00.000", "02:00:05.000", "02:00:06.000"},
	}
	for _, tt := range tests {
		var backups []Backup
		if tt.latest != "" {
			backups = []Backup{{Made: at("00:00:00.000")}, {Made: at(tt.latest)}}
		}
		if got := nextMade(at(tt.now), backups); !got.Equal(at(tt.want)) {
			t.Errorf("%s: nextMade(%s, latest %q) = %v, want %s", tt.name, tt.now, tt.latest, got.Format("15:04:05.000"), tt.want)
		}
	}
}

// backUp makes a backup at now, and reports whether it made one.
func backUp(t *testing.T, s *Store, now time.Time) (Backup, bool) {
	t.Helper()
	b, made, err := s.Backup(context.Background(), now)
	if err != nil {
		t.Fatal(err)
	}
	return b, made
}

// ledgerOf opens a copy of the backup at path (so that nothing is written
// beside it) and describes it.
func ledgerOf(t *testing.T, path string) string {
	t.Helper()
	cp := filepath.Join(t.TempDir(), "copy.db")
	if err := os.WriteFile(cp, readFile(t, path), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Open(context.Background(), cp)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	return describe(t, s)
}

// describe lists the files of the store and its current Records of 2016.
func describe(t *testing.T, s *Store) string {
	t.Helper()
	files, err := s.Files(context.Background(), 2016)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprint(files, hospitals(t, s, 2016))
}

// sameBackups reports whether two lists of backups are the same.
func sameBackups(a, b []Backup) bool {
	return slices.EqualFunc(a, b, func(x, y Backup) bool { return x.Path == y.Path && x.Made.Equal(y.Made) })
}

// TestBackup: a backup holds what the store holds; none is made while the
// store holds what the latest backup holds; each one made later sorts
// later; the folder holds backups only.
func TestBackup(t *testing.T) {
	s, path := openStore(t)
	night := time.Date(2026, 12, 6, 2, 0, 0, 0, jst)
	first, made := backUp(t, s, night)
	if !made || filepath.Base(first.Path) != "perinet-2026-12-06-020000.db" || filepath.Dir(first.Path) != filepath.Join(filepath.Dir(path), BackupDir) {
		t.Fatalf("the backup of a new store: %+v, made %v; want backup/perinet-2026-12-06-020000.db", first, made)
	}
	if again, made := backUp(t, s, night.Add(time.Hour)); made || !sameBackups([]Backup{again}, []Backup{first}) {
		t.Errorf("a backup of an unchanged store: %+v, made %v; want none made, the latest %+v", again, made, first)
	}
	mustAdd(t, s, newFile("区中央部.xlsx", "a", 0), []perinet.Record{record(2016, "区中央部", "愛育病院")})
	mustAdd(t, s, newFile("区南部.xlsx", "b", 1), []perinet.Record{record(2016, "区南部", "東邦大学医療センター大森病院")}, badDate)
	second, made := backUp(t, s, night.AddDate(0, 0, 1))
	if !made || second.Path == first.Path {
		t.Fatalf("a backup after Add: %+v, made %v", second, made)
	}
	if got, want := ledgerOf(t, second.Path), describe(t, s); got != want {
		t.Errorf("the backup holds\n%s\nthe store\n%s", got, want)
	}
	if got := ledgerOf(t, first.Path); got != "[] map[]" {
		t.Errorf("the first backup changed: %s", got)
	}
	// A duplicate changes the ledger too; the clock, put back, does not
	// make the backup sort first.
	mustAdd(t, s, newFile("区中央部（再送）.xlsx", "a", 2), nil)
	third, made := backUp(t, s, night)
	if !made || !third.Made.After(second.Made) {
		t.Errorf("a backup with the clock put back: %+v, made %v; want it after %v", third, made, second.Made)
	}
	backups, err := Backups(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := []Backup{first, second, third}; !sameBackups(backups, want) {
		t.Errorf("Backups = %v, want %v", backups, want)
	}
	if names := dirNames(t, filepath.Dir(first.Path)); len(names) != 3 {
		t.Errorf("the backup folder holds %v, want the three backups", names)
	}
}

// TestBackupLeftovers: a temporary file a crash left in the backup folder
// is removed by the next backup; the secretariat's own files there are
// neither backups nor removed.
func TestBackupLeftovers(t *testing.T) {
	s, path := openStore(t)
	dir := filepath.Join(filepath.Dir(path), BackupDir)
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	mine := []string{"perinet-2026-12-06-020005 - コピー.db", "perinet-before-the-fix.db", "メモ.txt"}
	for _, name := range append([]string{backupTemp + "123456"}, mine...) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, _ := backUp(t, s, time.Date(2026, 12, 6, 2, 0, 0, 0, jst))
	want := append([]string{filepath.Base(b.Path)}, mine...)
	slices.Sort(want)
	if got := dirNames(t, dir); !slices.Equal(got, want) {
		t.Errorf("the backup folder holds %q, want %q", got, want)
	}
	for range 8 {
		mustAdd(t, s, newFile("a.xlsx", fmt.Sprint(rand.Int()), 0), nil)
		backUp(t, s, time.Now())
	}
	if _, err := s.RemoveBackups(1); err != nil {
		t.Fatal(err)
	}
	if got := dirNames(t, dir); len(got) != 1+len(mine) {
		t.Errorf("after RemoveBackups(1) the folder holds %q", got)
	}
}

// TestRemoveBackups keeps the latest backups.
func TestRemoveBackups(t *testing.T) {
	s, path := openStore(t)
	night := time.Date(2026, 12, 1, 2, 0, 0, 0, jst)
	var made []Backup
	for i := range 9 {
		mustAdd(t, s, newFile(fmt.Sprintf("%d.xlsx", i), fmt.Sprint(i), i), nil)
		b, _ := backUp(t, s, night.AddDate(0, 0, i))
		made = append(made, b)
	}
	tests := []struct {
		keep int
		want []Backup // left
	}{
		{9, made},
		{7, made[2:]},
		{7, made[2:]},
		{1, made[8:]},
		{0, nil},
	}
	for _, tt := range tests {
		if _, err := s.RemoveBackups(tt.keep); err != nil {
			t.Fatal(err)
		}
		if got, err := Backups(path); err != nil || !sameBackups(got, tt.want) {
			t.Errorf("RemoveBackups(%d) leaves %v, %v; want %v", tt.keep, got, err, tt.want)
		}
	}
}

// TestBackupReplacesDamaged: a latest backup that cannot be read does not
// stand for the store: a new one is made.
func TestBackupReplacesDamaged(t *testing.T) {
	s, _ := openStore(t)
	mustAdd(t, s, newFile("a.xlsx", "a", 0), nil)
	b, _ := backUp(t, s, time.Date(2026, 12, 6, 2, 0, 0, 0, jst))
	if err := os.WriteFile(b.Path, []byte("not a database"), 0o644); err != nil {
		t.Fatal(err)
	}
	next, made := backUp(t, s, time.Date(2026, 12, 7, 2, 0, 0, 0, jst))
	if !made || next.Path == b.Path {
		t.Fatalf("after the latest backup was damaged: %+v, made %v; want a new one", next, made)
	}
	if got, want := ledgerOf(t, next.Path), describe(t, s); got != want {
		t.Errorf("the new backup holds\n%s\nthe store\n%s", got, want)
	}
}

// TestRestore: a store damaged in a b-tree page in the middle of the file
// is refused; the latest backup, copied over it, is the store again.
func TestRestore(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "store.db")
	writeStore(t, path, 200)
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := backUp(t, s, time.Now())
	want := ledgerOf(t, b.Path)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	storetest.DamagePage(t, path)
	if _, err := Open(ctx, path); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("Open of the damaged store: %v, want ErrCorrupt", err)
	}
	if err := os.WriteFile(path, readFile(t, b.Path), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatalf("Open of the restored store: %v", err)
	}
	defer s.Close()
	if got := describe(t, s); got != want || !strings.Contains(got, "form-199.xlsx") {
		t.Errorf("the restored store holds\n%s\nwant\n%s", got, want)
	}
	if _, made := backUp(t, s, time.Now()); made {
		t.Error("the restored store was backed up again, though it holds what the backup holds")
	}
}

// TestOpenMissing: a store that is gone, or empty, while it has backups is
// refused, and nothing is made in its place.
func TestOpenMissing(t *testing.T) {
	for _, tt := range []struct {
		name string
		lose func(path string) error
	}{
		{"removed", os.Remove},
		{"emptied", func(path string) error { return os.Truncate(path, 0) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "store.db")
			writeStore(t, path, 3)
			s, err := Open(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := backUp(t, s, time.Now())
			s.Close()
			if err := tt.lose(path); err != nil {
				t.Fatal(err)
			}
			before := dirNames(t, filepath.Dir(path))
			_, err = Open(context.Background(), path)
			if !errors.Is(err, ErrMissing) || !strings.Contains(err.Error(), b.Path) {
				t.Errorf("Open: %v; want ErrMissing naming %s", err, b.Path)
			}
			if after := dirNames(t, filepath.Dir(path)); !slices.Equal(after, before) {
				t.Errorf("Open changed the folder from %v to %v", before, after)
			}
		})
	}
}

// openCopy opens a copy of the backup at path, so that nothing is written
// beside it, and closes it when the test ends.
func openCopy(t *testing.T, path string) *Store {
	t.Helper()
	cp := filepath.Join(t.TempDir(), "copy.db")
	if err := os.WriteFile(cp, readFile(t, path), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Open(context.Background(), cp)
	if err != nil {
		t.Fatalf("backup %s: %v", path, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestBackupWhileWriting backs the store up while another process adds
// files to it: every backup is a whole store, as it was between two Adds.
func TestBackupWhileWriting(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a process")
	}
	path := filepath.Join(t.TempDir(), "store.db")
	writeStore(t, path, 0)
	cmd, sc := helper(t, path, "w", 300)
	done := make(chan map[int64]string)
	go func() { done <- added(sc) }()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var got map[int64]string
	sizes := map[int]bool{}
	for got == nil {
		select {
		case got = <-done:
		default:
		}
		b, made := backUp(t, s, time.Now())
		if !made {
			continue
		}
		files := checkLedger(t, openCopy(t, b.Path), 3)
		sizes[len(files)] = true
	}
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	if len(got) != 300 || len(sizes) < 3 {
		t.Errorf("the writer added %d files; the backups held %d different numbers of files", len(got), len(sizes))
	}
	t.Logf("%d backups of different sizes", len(sizes))
}

// TestKilledBackup kills a process that backs the store up after each Add
// at random moments: the store is whole, every backup is whole, and the
// next backup leaves no temporary file behind.
func TestKilledBackup(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	path := filepath.Join(t.TempDir(), "store.db")
	r := rand.New(rand.NewPCG(7, 7))
	for trial := range 10 {
		cmd, sc := helper(t, path, fmt.Sprintf("trial%d", trial), 0, "PERINET_STORE_HELPER_BACKUP=1")
		time.Sleep(time.Duration(50+r.IntN(300)) * time.Millisecond)
		if err := cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		added(sc)
		cmd.Wait()
		s, err := Open(context.Background(), path)
		if err != nil {
			t.Fatalf("trial %d: reopening after the kill: %v", trial, err)
		}
		checkLedger(t, s, 3)
		backups, err := Backups(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range backups {
			checkLedger(t, openCopy(t, b.Path), 3)
		}
		dir := filepath.Join(filepath.Dir(path), BackupDir)
		leftovers := len(dirNames(t, dir)) - len(backups)
		backUp(t, s, time.Now())
		for _, name := range dirNames(t, dir) {
			if _, ok := parseBackupName(name); !ok {
				t.Errorf("trial %d: %s left in the backup folder", trial, name)
			}
		}
		t.Logf("trial %d: %d backups, %d temporary files left by the kill", trial, len(backups), leftovers)
		s.Close()
	}
}
