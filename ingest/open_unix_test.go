//go:build unix

package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"perinet"
)

// TestOpen: only a regular file, or a link to one, is opened; anything
// else is the problem unreadable_file, said in Japanese, and a named pipe
// is never opened (that would wait for a writer).
func TestOpen(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "form.csv")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(file, []byte("a,b\n"), 0o644))
	must(os.Symlink(file, filepath.Join(dir, "link.csv")))
	must(os.Mkdir(filepath.Join(dir, "folder"), 0o755))
	must(os.Symlink(filepath.Join(dir, "folder"), filepath.Join(dir, "folderlink")))
	must(syscall.Mkfifo(filepath.Join(dir, "pipe"), 0o644))
	tests := []struct {
		name, message string // "" for a file that opens
	}{
		{"form.csv", ""},
		{"link.csv", ""},
		{"folder", "ファイルではなくフォルダです。フォルダの中のファイルを指定してください。"},
		{"folderlink", "ファイルではなくフォルダです。フォルダの中のファイルを指定してください。"},
		{"pipe", "名前付きパイプ（FIFO）で、ファイルではないため読みません。"},
		{"none.xlsx", "ファイルがありません。名前と場所を確かめてください。"},
	}
	for _, tt := range tests {
		f, fi, p := Open(filepath.Join(dir, tt.name))
		if tt.message == "" {
			if p != nil || fi.Size() != 4 {
				t.Errorf("%s: %+v, want the file open", tt.name, p)
			} else {
				f.Close()
			}
			continue
		}
		want := perinet.Problem{Severity: perinet.Error, Code: perinet.UnreadableFile, Where: tt.name, Text: tt.name, Message: tt.message}
		if f != nil || p == nil || *p != want {
			t.Errorf("%s: %+v, want %+v", tt.name, p, want)
		}
	}
	// File and Text say the same, without blocking on the pipe.
	if g, probs := File(filepath.Join(dir, "pipe"), DefaultLimits()); g == nil || len(probs) != 1 || probs[0].Code != perinet.UnreadableFile {
		t.Errorf("File(pipe): %v", probs)
	}
	if _, err := Text(filepath.Join(dir, "pipe")); err == nil {
		t.Error("Text(pipe): no error")
	}
}

// TestOpenFileNeverWaits: OpenFile says a named pipe is no file, with
// ErrNotFile, and the flags it opens with open a named pipe at once, with
// no writer: one put in a file's place between its look and its open is
// then refused, not waited on.
func TestOpenFileNeverWaits(t *testing.T) {
	pipe := filepath.Join(t.TempDir(), "form.xlsx")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := OpenFile(pipe); !errors.Is(err, ErrNotFile) || err.Error() != "名前付きパイプ（FIFO）で、ファイルではないため読みません。" {
		t.Errorf("OpenFile(pipe): %v, want ErrNotFile", err)
	}
	done := make(chan error, 1)
	go func() {
		f, err := os.OpenFile(pipe, readOnly, 0)
		if err == nil {
			f.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("open with readOnly: %v", err)
		}
	case <-time.After(10 * time.Second):
		if w, err := os.OpenFile(pipe, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			w.Close()
		}
		t.Fatal("opening a named pipe with readOnly waits for a writer")
	}
}
