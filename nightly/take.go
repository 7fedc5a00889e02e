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
func (r *run) takeInbox(ctx context.Context) (unreadable, err error) {
	cands, err := r.scan()
	if err != nil {
		return nil, err
	}
	var failed []error
	for i, c := range cands {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		err := r.take(ctx, c)
		var ie *inboxError
		switch {
		case errors.As(err, &ie):
			r.skip(c.name, skipUnreadable, ie.err)
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

// take takes one file: copies it aside, reads it, keeps the copy and its
// receipt, records it in the store, and only then removes it from the
// inbox. See the package documentation for why every crash in between is
// safe.
func (r *run) take(ctx context.Context, c candidate) error {
	a, err := r.stage(c)
	if err != nil || a == nil {
		return err
	}
	rd, err := r.read(ctx, a.staged)
	if err != nil {
		return err
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
// hashing it on the way, and returns nil when the file changed while it
// was read (it is still being written, and is left for the next run), or
// is no regular file any more (opened without waiting, and left alone).
func (r *run) stage(c candidate) (*arrival, error) {
	f, _, err := ingest.OpenFile(c.path)
	switch {
	case errors.Is(err, ingest.ErrNotFile): // replaced since the scan
		r.sum.Seen-- // counted as a file by the scan, it is none
		r.ignore(c.name, err.Error())
		return nil, nil
	case inUse(err):
		r.skip(c.name, skipInUse, nil)
		return nil, nil
	case err != nil:
		return nil, &inboxError{c.name, err}
	}
	defer f.Close()
	dir, err := os.MkdirTemp(r.work.tmp(), tempPrefix+"take-")
	if err != nil {
		return nil, fmt.Errorf("stage %s: %w", c.name, err)
	}
	a := &arrival{candidate: c, staged: filepath.Join(dir, c.name), arrived: c.info.ModTime()}
	src := &sourceReader{r: f}
	h := sha256.New()
	if a.size, err = writeStaged(a.staged, io.TeeReader(src, h)); err != nil {
		if src.err != nil {
			return nil, &inboxError{c.name, src.err}
		}
		return nil, fmt.Errorf("stage %s: %w", c.name, err)
	}
	a.sha256 = hex.EncodeToString(h.Sum(nil))
	if err := r.at("read", c.name); err != nil {
		return nil, err
	}
	if !unchanged(c, f, a.size) {
		r.skip(c.name, skipGrowing, nil)
		return nil, os.RemoveAll(dir)
	}
	return a, nil
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
