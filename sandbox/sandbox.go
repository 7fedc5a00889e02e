// Package sandbox judges each file in a child process of its own, under
// a memory and a time limit, so that a file that exhausts either (a
// workbook of sheets a million rows long, a PDF whose streams inflate to
// gigabytes, a reader that never ends) costs that file only: it gets the
// problem too_large, and a child that fails otherwise (a panic, an answer
// that is no Judgement) gets unreadable_file; either way the file is
// rejected as any other, with its receipt, and the batch goes on.
//
// The child is the program itself: Child.Judge starts Child.Path with
// Child.Args (perinet's hidden subcommand, whose main calls Serve), writes
// the request (the file, the survey, the day, the fallback fiscal year,
// the memory limit) to its standard input as JSON, and reads the
// intake.Judgement, as JSON, from its standard output. Serve judges with
// intake.InProcess: the child reads as perinet always has.
//
// # Memory
//
// The child limits itself with debug.SetMemoryLimit (the Go runtime's
// soft limit, as GOMEMLIMIT does), and, on Linux, with RLIMIT_AS: the
// address space it holds once started, plus Limits.Memory. The Go
// runtime reserves far more address space than it uses (1.3 to 1.6 GB
// at the start, with 10 MB in use), which is why the limit counts from
// there; reading a form takes some 130 MB more (in 64 MB steps: 25 MB
// are in use), the largest workbook of ../shared/corpus 280 MB (220 MB in
// use). LibreOffice, which ingest starts for an .xls file, inherits the
// limit, and needs 500 MB of it. On Windows the
// parent puts the child in a Job Object that limits the memory each of
// its processes commits to Limits.Memory. On other systems only the soft
// limit holds, which a file whose data stays in use can go past.
//
// # Time
//
// When Limits.Time is up, or the context ends, the parent kills the
// child and whatever it started: its process group on Unix, its Job
// Object on Windows. On Linux the child also dies with the parent
// (Pdeathsig), and so does LibreOffice with the child (see ingest), so a
// run killed while a child reads leaves nothing running; on Windows the
// Job Object dies with its last handle, the parent's.
package sandbox

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"runtime"
	"time"

	"perinet"
	"perinet/intake"
)

// Limits bound what reading one file may cost its child process. Both
// must be positive: there is no "no limit".
type Limits struct {
	// Memory bounds the memory the child takes to read the file, in
	// bytes (see the package documentation for how each system holds
	// it). Past it, the file gets too_large.
	Memory int64
	// Time bounds the time the child takes, from its start to its
	// answer. Past it, the child is killed and the file gets too_large.
	Time time.Duration
}

// A Child judges files each in a child process of its own (see the
// package documentation). Its fields say which program to start and
// what the child reads with; its method Judge is an intake.Judge.
type Child struct {
	// Path is the program to start, and Args its arguments: perinet
	// itself (os.Executable) and its hidden subcommand, which calls Serve.
	Path string
	Args []string
	// Survey, Today and FiscalYear make the child's reader: the survey
	// (nil means perinet.DefaultSurvey()), the day against which dates
	// are judged, and the fiscal year of a form that names none (0 for
	// none), as reader.New and reader.Reader.FiscalYear take them.
	Survey     *perinet.Survey
	Today      time.Time
	FiscalYear int
	// Limits bound each child.
	Limits Limits
}

// Answers longer than maxAnswer are not read: the Judgement of a form is
// some 50 KB, and that of a workbook of 500,000 cells (ingest's limit),
// each with a problem, some 150 MB; what the child writes beyond it is
// discarded, and the file gets too_large. Of the child's standard error,
// which says how it died, the first maxStderr bytes are kept.
const (
	maxAnswer = 256 << 20
	maxStderr = 16 << 10
)

// waitDelay is how long Judge waits for the child's output once the
// child is killed or has exited.
const waitDelay = 2 * time.Second

// Judge reads and judges the file at path in a child process, as the
// package documentation describes. A file that exhausts the child's
// limits, or makes it fail, gets a Judgement with the problem that says
// so. The error says that no child could judge the file: the limits are
// not set, the program could not be started, or ctx ended (the child is
// then killed).
func (c Child) Judge(ctx context.Context, path string) (intake.Judgement, error) {
	if c.Limits.Memory <= 0 || c.Limits.Time <= 0 {
		return intake.Judgement{}, fmt.Errorf("sandbox: limits not set: %+v", c.Limits)
	}
	req, err := c.request(path)
	if err != nil {
		return intake.Judgement{}, err
	}
	timed, cancel := context.WithTimeout(ctx, c.Limits.Time)
	defer cancel()
	cmd := exec.CommandContext(timed, c.Path, c.Args...)
	answer, stderr := &head{max: maxAnswer}, &head{max: maxStderr}
	cmd.Stdout, cmd.Stderr = answer, stderr
	cmd.WaitDelay = waitDelay
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return intake.Judgement{}, fmt.Errorf("sandbox: %w", err)
	}
	b, err := newBox(cmd, c.Limits.Memory)
	if err != nil {
		return intake.Judgement{}, fmt.Errorf("sandbox: %w", err)
	}
	defer b.close()
	// On Linux the child dies when the thread that started it ends
	// (Pdeathsig): the thread is kept until the child is done.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if err := cmd.Start(); err != nil {
		return intake.Judgement{}, fmt.Errorf("sandbox: start the reader of %s: %w", filepath.Base(path), err)
	}
	if err := b.enter(cmd.Process.Pid); err != nil {
		cmd.Cancel()
		cmd.Wait()
		return intake.Judgement{}, fmt.Errorf("sandbox: limit the reader of %s: %w", filepath.Base(path), err)
	}
	// The child reads its request only once it is in its box. A failed
	// write means that it died first; how it ended says why.
	stdin.Write(req)
	stdin.Close()
	cmd.Wait()
	if err := ctx.Err(); err != nil {
		return intake.Judgement{}, err
	}
	e := ending{
		success:  cmd.ProcessState.Success(),
		status:   cmd.ProcessState.String(),
		answer:   answer.buf.Bytes(),
		long:     answer.over,
		stderr:   stderr.buf.String(),
		timedOut: errors.Is(timed.Err(), context.DeadlineExceeded),
	}
	return e.judgement(filepath.Base(path), c.Limits), nil
}

// request returns the request for the file at path, as JSON.
func (c Child) request(path string) ([]byte, error) {
	s := c.Survey
	if s == nil {
		s = perinet.DefaultSurvey()
	}
	survey, err := json.Marshal(s)
	if err != nil {
		return nil, fmt.Errorf("sandbox: survey: %w", err)
	}
	b, err := json.Marshal(request{Path: path, Survey: survey, Today: c.Today, FiscalYear: c.FiscalYear, Memory: c.Limits.Memory})
	if err != nil {
		return nil, fmt.Errorf("sandbox: request: %w", err)
	}
	return b, nil
}

// A head keeps the first max bytes written to it, and whether more came.
// It takes every write whole, so that the writer is never stopped.
type head struct {
	buf  bytes.Buffer
	max  int
	over bool
}

func (h *head) Write(p []byte) (int, error) {
	keep := p
	if room := h.max - h.buf.Len(); len(keep) > room {
		keep, h.over = keep[:room], true
	}
	h.buf.Write(keep)
	return len(p), nil
}
