//go:build unix

package nightly

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"

	"perinet/store"
)

// TestRunFIFOSwapped swaps a file for a named pipe after the scan saw it
// and before the run opens it: the run goes on at once, without waiting
// for a writer, and leaves the pipe alone, listed with why.
func TestRunFIFOSwapped(t *testing.T) {
	e := newEnv(t)
	path := e.drop("form.xlsx", fixture(t, "fy2016/form-01-kuchuobu.xlsx"), day(15))
	ctx := context.Background()
	r, err := newRun(e.options())
	if err != nil {
		t.Fatal(err)
	}
	// run's steps, with the scan and the taking apart.
	unlock, err := lock(e.work)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	if r.store, err = store.Open(ctx, r.work.store()); err != nil {
		t.Fatal(err)
	}
	defer r.store.Close()
	if err := r.work.prepare(); err != nil {
		t.Fatal(err)
	}
	cands, err := r.scan()
	if err != nil || len(cands) != 1 {
		t.Fatalf("scan: %v, %v", cands, err)
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- r.take(ctx, r.prepare(ctx, cands[0])) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("take: %v", err)
		}
	case <-time.After(10 * time.Second):
		if w, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			w.Close() // let the reader go
		}
		t.Fatal("the run waits for a writer of the named pipe")
	}
	want := []FileResult{{Name: "form.xlsx", Ignored: "名前付きパイプ（FIFO）で、ファイルではないため読みません。"}}
	if !slices.Equal(r.sum.Files, want) || r.sum.Ignored != 1 || r.sum.Seen != 0 {
		t.Errorf("summary %+v, want the pipe ignored: %+v", r.sum, want)
	}
	if got := names(t, e.inbox); !slices.Equal(got, []string{"form.xlsx"}) {
		t.Errorf("inbox: %v", got)
	}
	if l := e.ledger(); len(l) != 0 {
		t.Errorf("ledger: %v", l)
	}
	if got := names(t, filepath.Join(e.work, "archive")); len(got) != 0 {
		t.Errorf("archive: %v", got)
	}
	if left, _ := os.ReadDir(r.work.tmp()); len(left) != 0 {
		t.Errorf("left in the scratch folder: %v", left)
	}
}
