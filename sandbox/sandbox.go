// Package sandbox judges each file in a child process, under a memory
// and a time limit, so that a file that exhausts either (a workbook of
// sheets a million rows long, a PDF whose streams inflate to gigabytes,
// a reader that never ends) costs that file only: it gets the problem
// too_large, and a child that fails otherwise (a panic, an answer that is
// no Judgement) gets unreadable_file; either way the file is rejected as
// any other, with its receipt, and the batch goes on.
//
// The child is the program itself: Child.Judge starts Child.Path with
// Child.Args (perinet's hidden subcommand, whose main calls Serve), and
// writes to its standard input, as JSON, the setup (the survey, the day,
// the fallback fiscal year, the memory limit), then the path of each
// file; the child writes the intake.Judgement of each on a line of its
// standard output. Serve judges with intake.InProcess: the child reads
// as perinet always has. A child reads file after file while it judges
// them well, since starting one costs more than reading a form; any
// trouble ends it, and a file that troubled a child that had read others
// is read again by a new one (see Child.Judge).
//
// # Memory
//
// The child limits itself with debug.SetMemoryLimit (the Go runtime's
// soft limit, as GOMEMLIMIT does), and, on Linux, with RLIMIT_AS: the
// address space it holds once started, plus Limits.Memory. The Go
// runtime reserves far more address space than it uses (1.3 to 1.6 GB
// at the start, with 10 MB in use), which is why the limit counts from
// there; reading a form takes some 130 MB more (in 64 MB steps; 25 MB
// are in use), the largest workbook of ../shared/corpus 280 MB (220 MB
// in use). The runtime reuses what it reserved for one file for the
// next. LibreOffice, which ingest starts for an .xls file, inherits the
// limit, and needs 500 MB of it. On Windows the parent puts the child in
// a Job Object that limits the memory each of its processes commits to
// Limits.Memory. On other systems only the soft limit holds, which a
// file whose data stays in use can go past.
//
// # Time
//
// When Limits.Time is up, or the context ends, the parent kills the
// child and whatever it started: its process group on Unix, its Job
// Object on Windows. On Linux the child also dies with the parent
// (Pdeathsig), and so does LibreOffice with the child (see ingest), so a
// run killed while a child reads leaves nothing running; on Windows the
// Job Object dies with its last handle, the parent's. Elsewhere a child
// outlives its parent until it has read its file: its standard input
// ends, or its answer has nowhere to go.
package sandbox

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
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
	// Time bounds the time the child takes to answer, from the request.
	// Past it, the child is killed and the file gets too_large.
	Time time.Duration
}

// A Child judges files in a child process (see the package
// documentation). Its fields say which program to start and what the
// child reads with; set them before the first Judge. Its method Judge is
// an intake.Judge; Close ends the child. A Child is safe for use by
// several goroutines, which it serves one at a time.
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
	// Limits bound the child's reading of each file.
	Limits Limits

	mu sync.Mutex
	w  *worker // the child that judged the last file, when it is well
}

// Answers longer than maxAnswer are not read: the Judgement of a form is
// some 50 KB, and that of a workbook of 500,000 cells (ingest's limit),
// each with a problem, some 150 MB; a longer answer makes the file
// too_large. Of the child's standard error, which says how it died, the
// first maxStderr bytes are kept.
const (
	maxAnswer = 256 << 20
	maxStderr = 16 << 10
)

// waitDelay is how long a child killed has to let go of its standard
// error before it is given up on.
const waitDelay = 2 * time.Second

// Judge reads and judges the file at path in a child process, as the
// package documentation describes. A file that exhausts the child's
// limits, or makes it fail, gets a Judgement with the problem that says
// so. The error says that no child could judge the file: the limits are
// not set, the program could not be started, or ctx ended (the child is
// then killed).
//
// A child that judged a file well (without too_large, which a limit of
// ingest's gives, and may leave a reader running) reads the next one,
// which spares a process start (10 to 20 ms) a file; any other child is
// killed. A child that fails on a file after it read others is replaced,
// and the file read again by a new one, so that what a file gets does
// not depend on the files before it; but for running out of time, which
// a new child would only repeat.
func (c *Child) Judge(ctx context.Context, path string) (intake.Judgement, error) {
	if c.Limits.Memory <= 0 || c.Limits.Time <= 0 {
		return intake.Judgement{}, fmt.Errorf("sandbox: limits not set: %+v", c.Limits)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for {
		fresh := c.w == nil
		if fresh {
			w, err := c.start()
			if err != nil {
				return intake.Judgement{}, fmt.Errorf("sandbox: start the reader of %s: %w", filepath.Base(path), err)
			}
			c.w = w
		}
		e, err := c.w.judge(ctx, path, c.Limits.Time)
		if err != nil {
			c.stop()
			return intake.Judgement{}, err
		}
		j, answered := e.judgement(filepath.Base(path), c.Limits)
		if !answered || hasCode(j.Problems, perinet.TooLarge) {
			c.stop()
		}
		if answered || fresh || e.timedOut {
			return j, nil
		}
	}
}

// Close ends the child, if one is running. The Child can judge again.
func (c *Child) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stop()
	return nil
}

// stop kills the worker, if any.
func (c *Child) stop() {
	if c.w != nil {
		c.w.kill()
		c.w = nil
	}
}

// hasCode reports whether one of problems has code.
func hasCode(problems []perinet.Problem, code perinet.Code) bool {
	for _, p := range problems {
		if p.Code == code {
			return true
		}
	}
	return false
}

// A worker is a child process that judges files one after another: it
// reads a setup, then the request of each file, from its standard input,
// and writes each Judgement on a line of its standard output.
type worker struct {
	cmd     *exec.Cmd
	box     *box
	cancel  context.CancelFunc // kills it
	stdin   io.WriteCloser
	answers <-chan answer   // its lines
	quit    chan struct{}   // closed when its lines are no longer wanted
	exited  <-chan struct{} // closed once it has exited and its standard error is read
	stderr  *head
	killed  sync.Once
}

// An answer is a line a worker wrote, or why there is no more.
type answer struct {
	line []byte
	err  error // io.EOF when the worker closed its output; errLong
}

// errLong is the error of an answer longer than maxAnswer.
var errLong = errors.New("answer too long")

// start starts a worker and sends it its setup.
func (c *Child) start() (*worker, error) {
	first, err := c.setupLine()
	if err != nil {
		return nil, err
	}
	// The worker's standard output is a pipe of our own, which Wait
	// leaves alone, so that its lines are read to the end whenever it
	// exits.
	out, in, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	defer in.Close() // the worker has its own once started
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, c.Path, c.Args...)
	w := &worker{cmd: cmd, cancel: cancel, stderr: &head{max: maxStderr}, quit: make(chan struct{})}
	cmd.Stdout, cmd.Stderr, cmd.WaitDelay = in, w.stderr, waitDelay
	undo := func(err error) (*worker, error) {
		cancel()
		out.Close()
		if w.box != nil {
			w.box.close()
		}
		return nil, err
	}
	if w.stdin, err = cmd.StdinPipe(); err != nil {
		return undo(err)
	}
	if w.box, err = newBox(cmd, c.Limits.Memory); err != nil {
		return undo(err)
	}
	if err := w.run(); err != nil {
		return undo(err)
	}
	answers := make(chan answer)
	w.answers = answers
	go w.read(out, answers)
	if err := w.box.enter(cmd.Process.Pid); err != nil {
		w.kill()
		return nil, err
	}
	// The worker reads its setup only once it is in its box. A failed
	// write means that it died first; how it ended tells why.
	w.stdin.Write(first)
	return w, nil
}

// setupLine returns the setup of a worker, as a line of JSON.
func (c *Child) setupLine() ([]byte, error) {
	s := c.Survey
	if s == nil {
		s = perinet.DefaultSurvey()
	}
	survey, err := json.Marshal(s)
	if err != nil {
		return nil, fmt.Errorf("survey: %w", err)
	}
	b, err := json.Marshal(setup{Survey: survey, Today: c.Today, FiscalYear: c.FiscalYear, Memory: c.Limits.Memory})
	return append(b, '\n'), err
}

// run starts the worker's process, and waits for it in a goroutine of
// its own, on one thread: on Linux the child dies when the thread that
// started it ends (Pdeathsig), which must not happen while it runs.
func (w *worker) run() error {
	started := make(chan error)
	exited := make(chan struct{})
	w.exited = exited
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		if err := w.cmd.Start(); err != nil {
			started <- err
			return
		}
		started <- nil
		w.cmd.Wait()
		close(exited)
	}()
	return <-started
}

// read sends the lines of out, one at a time, until out ends or they
// are no longer wanted.
func (w *worker) read(out *os.File, answers chan<- answer) {
	defer out.Close()
	r := bufio.NewReader(out)
	for {
		line, err := readLine(r, maxAnswer)
		select {
		case answers <- answer{line, err}:
		case <-w.quit:
			return
		}
		if err != nil {
			return
		}
	}
}

// readLine reads a line of r, without its end, of at most max bytes.
func readLine(r *bufio.Reader, max int) ([]byte, error) {
	var line []byte
	for {
		chunk, err := r.ReadSlice('\n')
		if len(line)+len(chunk) > max+1 {
			return nil, errLong
		}
		line = append(line, chunk...)
		if err != bufio.ErrBufferFull {
			return bytes.TrimSuffix(line, []byte("\n")), err
		}
	}
}

// judge asks the worker to judge the file at path, and returns how that
// ended, within limit. The error is ctx's, when it ended first.
func (w *worker) judge(ctx context.Context, path string, limit time.Duration) (ending, error) {
	req, err := json.Marshal(request{Path: path})
	if err != nil {
		return ending{}, err
	}
	w.stdin.Write(append(req, '\n')) // a failed write: the worker died; its end tells why
	timer := time.NewTimer(limit)
	defer timer.Stop()
	select {
	case a := <-w.answers:
		switch {
		case a.err == nil:
			return ending{success: true, answer: a.line}, nil
		case errors.Is(a.err, errLong):
			return ending{success: true, long: true}, nil
		}
		<-w.exited
		return ending{success: w.cmd.ProcessState.Success(), status: w.cmd.ProcessState.String(),
			answer: a.line, stderr: w.stderr.buf.String()}, nil
	case <-timer.C:
		w.kill()
		return ending{status: w.cmd.ProcessState.String(), timedOut: true}, nil
	case <-ctx.Done():
		return ending{}, ctx.Err()
	}
}

// kill kills the worker and all it started, and waits for its end.
func (w *worker) kill() {
	w.killed.Do(func() {
		w.cancel()
		<-w.exited
		close(w.quit)
		w.box.close()
	})
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
