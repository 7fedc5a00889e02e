package nightly

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"perinet/ingest"
)

// An arrival is an inbox file being taken: its bytes copied into the
// scratch folder and hashed, and what identifies it. Its name, bytes and
// modification time are the arrival: a rerun after a crash computes the
// same ledger values and the same paths from them.
type arrival struct {
	candidate
	staged  string // the copy in the scratch folder, named as the file was
	sha256  string // of the bytes, in hex
	size    int64
	arrived time.Time // the inbox file's modification time
}

// An inboxError is a file that cannot be read from the inbox: it stays
// there, and the run goes on with the others.
type inboxError struct {
	name string
	err  error
}

func (e *inboxError) Error() string { return fmt.Sprintf("read %s from the inbox: %v", e.name, e.err) }
func (e *inboxError) Unwrap() error { return e.err }

// takeInbox takes every complete file of the inbox. The files that could
// not be read from the inbox come back as one error, the first result;
// the second is an error that stopped the run.
//
// It works in two stages, one file apart: while a file is kept and
// recorded (take), the next one is staged and read (prepare), the slow
// part, in the judge's child process. Files are recorded one at a time,
// in the order of the scan, as they would be by one stage; the judge
// judges one file at a time, in the reading stage only. When the run
// stops, the reading stage stops too before takeInbox returns, and the
// staged copy of a file read ahead but not taken is removed (were it
// left, as by a crash, the next run would remove it, and take the file
// anew).
func (r *run) takeInbox(ctx context.Context) (unreadable, err error) {
	cands, err := r.scan()
	if err != nil {
		return nil, err
	}
	readCtx, cancel := context.WithCancel(ctx)
	files := make(chan prepared) // unbuffered: the reading stage waits for the recording one
	go func() {
		defer close(files)
		for _, c := range cands {
			if readCtx.Err() != nil {
				return
			}
			select {
			case files <- r.prepare(readCtx, c):
			case <-readCtx.Done():
				return
			}
		}
	}()
	defer func() {
		cancel()
		for f := range files {
			r.discard(f)
		}
	}()
	var failed []error
	for i := range cands {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		f, ok := <-files
		if !ok { // the reading stage saw ctx done
			return nil, ctx.Err()
		}
		err := r.take(ctx, f)
		var ie *inboxError
		switch {
		case errors.As(err, &ie):
			r.skip(f.c.name, skipUnreadable, ie.err)
			failed = append(failed, err)
		case err != nil:
			return nil, err
		}
		if r.o.Progress != nil {
			r.o.Progress(i+1, len(cands))
		}
	}
	return errors.Join(failed...), nil
}

// A prepared file is a file of the scan as the reading stage leaves it
// for the recording one: staged and read, or left alone (arrival nil,
// why in pass), or an error.
type prepared struct {
	c       candidate
	arrival *arrival
	reading reading
	pass    pass
	err     error
}

// A pass says why a file of the scan is not taken after all: skipped
// (left in the inbox for the next run), or ignored as no regular file.
type pass struct {
	skip   string // why it is skipped
	ignore string // why it is ignored
}

// prepare stages a file and reads its copy. It touches nothing but the
// scratch folder and the judge, so that it can run while the file before
// is recorded.
func (r *run) prepare(ctx context.Context, c candidate) prepared {
	a, p, err := r.stage(c)
	if err != nil || a == nil {
		return prepared{c: c, pass: p, err: err}
	}
	rd, err := r.read(ctx, a.staged)
	return prepared{c: c, arrival: a, reading: rd, err: err}
}

// discard removes the staged copy of a prepared file that is not taken.
func (r *run) discard(f prepared) {
	if f.arrival == nil {
		return
	}
	if err := os.RemoveAll(filepath.Dir(f.arrival.staged)); err != nil {
		r.log.Warn("一時フォルダを削除できませんでした", "path", filepath.Dir(f.arrival.staged), "error", err)
	}
}

// take takes one prepared file: keeps the copy and its receipt, records
// it in the store, and only then removes it from the inbox. See the
// package documentation for why every crash in between is safe.
func (r *run) take(ctx context.Context, f prepared) error {
	a, rd := f.arrival, f.reading
	switch {
	case f.err != nil:
		return f.err
	case a == nil && f.pass.ignore != "":
		r.sum.Seen-- // counted as a file by the scan, it is none
		r.ignore(f.c.name, f.pass.ignore)
		return nil
	case a == nil:
		r.skip(f.c.name, f.pass.skip, nil)
		return nil
	}
	p, err := r.past(ctx, a)
	if err != nil {
		return err
	}
	if p.self != nil {
		err = r.resume(a, rd, p)
	} else {
		err = r.record(ctx, a, rd, p)
	}
	if err != nil {
		return err
	}
	r.removeFromInbox(a)
	return r.at("removed", a.name)
}

// stage copies an inbox file into the scratch folder under its own name,
// hashing it on the way, and returns a nil arrival, and why, when the
// file changed while it was read (it is still being written, and is left
// for the next run), or is no regular file any more (opened without
// waiting, and left alone).
func (r *run) stage(c candidate) (*arrival, pass, error) {
	f, _, err := ingest.OpenFile(c.path)
	switch {
	case errors.Is(err, ingest.ErrNotFile): // replaced since the scan
		return nil, pass{ignore: err.Error()}, nil
	case inUse(err):
		return nil, pass{skip: skipInUse}, nil
	case err != nil:
		return nil, pass{}, &inboxError{c.name, err}
	}
	defer f.Close()
	dir, err := os.MkdirTemp(r.work.tmp(), tempPrefix+"take-")
	if err != nil {
		return nil, pass{}, fmt.Errorf("stage %s: %w", c.name, err)
	}
	a := &arrival{candidate: c, staged: filepath.Join(dir, c.name), arrived: c.info.ModTime()}
	src := &sourceReader{r: f}
	h := sha256.New()
	if a.size, err = writeStaged(a.staged, io.TeeReader(src, h)); err != nil {
		if src.err != nil {
			return nil, pass{}, &inboxError{c.name, src.err}
		}
		return nil, pass{}, fmt.Errorf("stage %s: %w", c.name, err)
	}
	a.sha256 = hex.EncodeToString(h.Sum(nil))
	if err := r.at("read", c.name); err != nil {
		return nil, pass{}, err
	}
	if !unchanged(c, f, a.size) {
		return nil, pass{skip: skipGrowing}, os.RemoveAll(dir)
	}
	return a, pass{}, nil
}

// sourceReader remembers an error reading the inbox file, to tell it
// from an error writing the scratch folder.
type sourceReader struct {
	r   io.Reader
	err error
}

func (s *sourceReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if err != nil && err != io.EOF {
		s.err = err
	}
	return n, err
}

// writeStaged writes what src holds to a new file at path, synced.
func writeStaged(path string, src io.Reader) (int64, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(f, src)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return n, err
}

// unchanged reports whether the inbox file is still the one the scan saw:
// the same file (f, opened before reading, and the name now), the same
// size and modification time, and as many bytes read as its size.
func unchanged(c candidate, f *os.File, read int64) bool {
	opened, err1 := f.Stat()
	now, err2 := os.Lstat(c.path)
	if err1 != nil || err2 != nil {
		return false
	}
	return os.SameFile(c.info, opened) && os.SameFile(c.info, now) && read == c.info.Size() &&
		now.Size() == c.info.Size() && now.ModTime().Equal(c.info.ModTime())
}
