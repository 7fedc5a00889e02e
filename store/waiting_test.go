package store

import (
	"context"
	"reflect"
	"testing"
	"time"
)

// TestNextWaiting counts the runs in a row that left each file in the
// inbox: one more for a file left again, since the same run; a file left
// for the first time, or again after a run that took it, starts anew.
func TestNextWaiting(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2017, 5, d, 2, 0, 0, 0, time.UTC) }
	open := Waiting{Name: "open.xlsx", Reason: "Excelで開かれているため、次回に受け付けます"}
	future := Waiting{Name: "future.xlsx", Reason: "更新日時が未来のため"}
	for _, c := range []struct {
		name         string
		before, left []Waiting
		want         []Waiting
	}{
		{"nothing", nil, nil, []Waiting{}},
		{"first run", nil, []Waiting{open},
			[]Waiting{{Name: "open.xlsx", Reason: open.Reason, Runs: 1, Since: day(15)}}},
		{"left again, for another reason", []Waiting{{Name: "open.xlsx", Reason: "前の理由", Runs: 2, Since: day(13)}}, []Waiting{open},
			[]Waiting{{Name: "open.xlsx", Reason: open.Reason, Runs: 3, Since: day(13)}}},
		{"one taken, one new", []Waiting{{Name: "open.xlsx", Reason: open.Reason, Runs: 4, Since: day(11)}}, []Waiting{future},
			[]Waiting{{Name: "future.xlsx", Reason: future.Reason, Runs: 1, Since: day(15)}}},
		{"all taken", []Waiting{{Name: "open.xlsx", Reason: open.Reason, Runs: 4, Since: day(11)}}, nil, []Waiting{}},
		{"in the order given", []Waiting{{Name: "future.xlsx", Reason: future.Reason, Runs: 1, Since: day(14)}}, []Waiting{open, future},
			[]Waiting{{Name: "open.xlsx", Reason: open.Reason, Runs: 1, Since: day(15)}, {Name: "future.xlsx", Reason: future.Reason, Runs: 2, Since: day(14)}}},
	} {
		if got := nextWaiting(c.before, day(15), c.left); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: nextWaiting = %+v, want %+v", c.name, got, c.want)
		}
	}
}

// TestWait keeps the files waiting from one run to the next, in the
// store: closed and opened again between runs, as each night does.
func TestWait(t *testing.T) {
	ctx := context.Background()
	s, path := openStore(t)
	if w, err := s.Waiting(ctx); err != nil || len(w) != 0 {
		t.Errorf("Waiting of a new store: %v, %v", w, err)
	}
	left := []Waiting{{Name: "b.xlsx", Reason: "理由 b"}, {Name: "a.xlsx", Reason: "理由 a"}}
	for run := 1; run <= 3; run++ {
		at := t0.Add(time.Duration(run) * 24 * time.Hour)
		got, err := s.Wait(ctx, at, left)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].Name != "b.xlsx" || got[0].Runs != run || !got[0].Since.Equal(t0.Add(24*time.Hour)) {
			t.Errorf("run %d: Wait = %+v", run, got)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if s, err = Open(ctx, path); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		stored, err := s.Waiting(ctx)
		if err != nil || len(stored) != 2 || stored[0].Name != "a.xlsx" || stored[0].Runs != run || stored[0].Reason != "理由 a" {
			t.Errorf("run %d: Waiting = %+v, %v", run, stored, err)
		}
	}
	if _, err := s.Wait(ctx, t0.Add(96*time.Hour), left[:1]); err != nil {
		t.Fatal(err)
	}
	if stored, err := s.Waiting(ctx); err != nil || len(stored) != 1 || stored[0].Name != "b.xlsx" || stored[0].Runs != 4 {
		t.Errorf("after a.xlsx was taken: %+v, %v", stored, err)
	}
}

// TestMigrateToWaiting opens a store of the first schema, as perinet
// wrote it before the table of files waiting: it gains the table and the
// index of FilesByHash, and keeps its files.
func TestMigrateToWaiting(t *testing.T) {
	ctx := context.Background()
	s, path := openStore(t)
	mustAdd(t, s, newFile("a.xlsx", "bytes", 0), nil)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	db := rawDB(t, path)
	if _, err := db.Exec(`DROP TABLE waiting; DROP INDEX files_by_hash; DROP TABLE corrections; PRAGMA user_version = 1`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Wait(ctx, t0, []Waiting{{Name: "a.xlsx", Reason: "理由"}}); err != nil {
		t.Errorf("Wait after the migration: %v", err)
	}
	if files, err := s.FilesByHash(ctx, newFile("a.xlsx", "bytes", 0).SHA256[:8]); err != nil || len(files) != 1 {
		t.Errorf("files after the migration: %v, %v", files, err)
	}
}
