package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"perinet"
)

// TestOpenReadOnly reads a store a writer keeps adding to: the reader sees
// each commit, refuses to write, and leaves the database's bytes alone.
func TestOpenReadOnly(t *testing.T) {
	ctx := context.Background()
	w, path := openStore(t)
	mustAdd(t, w, newFile("区中央部.xlsx", "a", 0), []perinet.Record{record(2016, "区中央部", "愛育病院")})
	mustAdd(t, w, newFile("区南部.xlsx", "b", 1), []perinet.Record{record(2017, "区南部", "東邦大学医療センター大森病院")}, badDate)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	before := readFile(t, path)

	r, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if years, err := r.FileYears(ctx); err != nil || !slices.Equal(years, []int{2016, 2017}) {
		t.Errorf("FileYears = %v, %v; want [2016 2017] (2017 rejected only)", years, err)
	}
	if years, err := r.Years(ctx); err != nil || !slices.Equal(years, []int{2016}) {
		t.Errorf("Years = %v, %v; want [2016]", years, err)
	}
	if _, err := r.Add(ctx, newFile("区西部.xlsx", "c", 2), []perinet.Record{record(2016, "区西部", "")}, nil); err == nil {
		t.Error("Add through a read-only store succeeded")
	}
	if !bytes.Equal(readFile(t, path), before) {
		t.Error("reading changed the database file")
	}

	w, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	mustAdd(t, w, newFile("区西部.xlsx", "c", 2), []perinet.Record{record(2016, "区西部", "日本赤十字社医療センター")})
	if h := hospitals(t, r, 2016); h["区西部"] != "日本赤十字社医療センター" {
		t.Errorf("the reader does not see the writer's commit: %v", h)
	}
}

// TestOpenReadOnlyRefuses: what is not a store a nightly run wrote is
// refused, and nothing is written to it; where there is no file, none is
// made.
func TestOpenReadOnlyRefuses(t *testing.T) {
	tests := []struct {
		name string
		make func(t *testing.T, path string)
		want error
	}{
		{"no file", func(*testing.T, string) {}, os.ErrNotExist},
		{"an empty file", writeBytes(nil), ErrNotStore},
		{"a text file", writeBytes([]byte("not a database, just text")), ErrNotStore},
		{"an empty database", func(t *testing.T, path string) {
			if _, err := rawDB(t, path).Exec(`VACUUM`); err != nil {
				t.Fatal(err)
			}
		}, ErrNotStore},
		{"a newer schema", func(t *testing.T, path string) {
			writeStore(t, path, 1)
			if _, err := rawDB(t, path).Exec(fmt.Sprintf(`PRAGMA user_version = %d`, len(migrations)+1)); err != nil {
				t.Fatal(err)
			}
		}, ErrNewerSchema},
		{"damaged", truncatedBy(0.5), ErrCorrupt},
		{"no file, but backups", func(t *testing.T, path string) {
			writeStore(t, path, 1)
			s, err := Open(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if _, _, err := s.Backup(context.Background(), t0); err != nil {
				t.Fatal(err)
			}
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
		}, ErrMissing},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "store.db")
			tt.make(t, path)
			before, _ := os.ReadFile(path)
			s, err := OpenReadOnly(context.Background(), path)
			if err == nil {
				s.Close()
				t.Fatal("OpenReadOnly succeeded")
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("OpenReadOnly: %v; want %v", err, tt.want)
			}
			after, err := os.ReadFile(path)
			if errors.Is(tt.want, os.ErrNotExist) && !errors.Is(err, os.ErrNotExist) {
				t.Errorf("OpenReadOnly made %s", path)
			}
			if !bytes.Equal(after, before) {
				t.Error("OpenReadOnly changed the file")
			}
		})
	}
}
