package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"perinet"
)

// BenchmarkAdd2000 adds 2,000 files of one Record each to a new store, as a
// nightly run of 2,000 forms would: fifteen groups, five years, so that most
// files supersede an earlier one. One op is the 2,000 files; ns/file is one.
func BenchmarkAdd2000(b *testing.B) {
	ctx := context.Background()
	const files = 2000
	for b.Loop() {
		b.StopTimer()
		s, err := Open(ctx, filepath.Join(b.TempDir(), "store.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		for i := range files {
			f := newFile(fmt.Sprintf("form-%d.xlsx", i), fmt.Sprint(i), i)
			rec := record(2014+i%5, fmt.Sprintf("group%02d", i%15), "病院")
			if _, err := s.Add(ctx, f, []perinet.Record{rec}, nil); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*files), "ns/file")
}

// BenchmarkRecords500 reads the current Records of a year with 500 groups,
// each from a file of its own.
func BenchmarkRecords500(b *testing.B) {
	ctx := context.Background()
	s, _ := openStore(b)
	for i := range 500 {
		f := newFile(fmt.Sprintf("form-%d.xlsx", i), fmt.Sprint(i), i)
		mustAdd(b, s, f, []perinet.Record{record(2016, fmt.Sprintf("group%03d", i), "病院")})
	}
	for b.Loop() {
		records, err := s.Records(ctx, 2016)
		if err != nil {
			b.Fatal(err)
		}
		if len(records) != 500 {
			b.Fatalf("%d records", len(records))
		}
	}
}

// BenchmarkFiles500 reads the ledger entries of a year of 500 files.
func BenchmarkFiles500(b *testing.B) {
	ctx := context.Background()
	s, _ := openStore(b)
	for i := range 500 {
		f := newFile(fmt.Sprintf("form-%d.xlsx", i), fmt.Sprint(i), i)
		mustAdd(b, s, f, []perinet.Record{record(2016, fmt.Sprintf("group%03d", i%100), "病院")})
	}
	for b.Loop() {
		files, err := s.Files(ctx, 2016)
		if err != nil {
			b.Fatal(err)
		}
		if len(files) != 500 {
			b.Fatalf("%d files", len(files))
		}
	}
}

// store2000 makes a store of 2,000 files of one Record each, as
// BenchmarkAdd2000 does, closed, and returns its path.
func store2000(b *testing.B) string {
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "store.db")
	s, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	for i := range 2000 {
		f := newFile(fmt.Sprintf("form-%d.xlsx", i), fmt.Sprint(i), i)
		rec := record(2014+i%5, fmt.Sprintf("group%02d", i%15), "病院")
		if _, err := s.Add(ctx, f, []perinet.Record{rec}, nil); err != nil {
			b.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkOpen2000 opens a store of 2,000 files, as each run begins:
// PRAGMA quick_check reads every page.
func BenchmarkOpen2000(b *testing.B) {
	path := store2000(b)
	for b.Loop() {
		s, err := Open(context.Background(), path)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}

// BenchmarkBackup2000 backs a store of 2,000 files up, the backup folder
// emptied before each.
func BenchmarkBackup2000(b *testing.B) {
	ctx := context.Background()
	path := store2000(b)
	s, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for b.Loop() {
		b.StopTimer()
		if err := os.RemoveAll(filepath.Join(filepath.Dir(path), BackupDir)); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, made, err := s.Backup(ctx, time.Now()); err != nil || !made {
			b.Fatalf("Backup: made %v, %v", made, err)
		}
	}
}
