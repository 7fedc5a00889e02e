package pdf

import (
	"context"
	"encoding/hex"
	"errors"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// allocated returns the bytes that f allocates on the heap, all told
// (runtime.MemStats.TotalAlloc): a bound on the most f holds at once that
// the garbage collector's timing does not change.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestDecodeLimit reads decompression bombs, each made here: every one
// stops with ErrDecodeLimit, having allocated about the budget and not
// what the bomb decodes to (gigabytes, or a billion form XObjects).
func TestDecodeLimit(t *testing.T) {
	const mib = 1 << 20
	contentBomb := func() []byte {
		w := newTestPDF()
		w.onePage("")
		w.stream(4, "/Filter /FlateDecode", spaces(t, 72*mib))
		return w.file()
	}
	xrefBomb := func() []byte {
		w := newTestPDF()
		w.onePage("")
		w.stream(4, "", []byte("0 0 m 100 0 l S"))
		return w.fileXRefStream(t, 5, nil, 72*mib)
	}
	tests := []struct {
		name string
		pdf  []byte
		lim  Limits
		// alloc bounds what the read allocates, in MiB: the budget, that
		// a bomb inflates into and no more, twice over for the streams
		// decoded whole (their chunks, and the chunks joined), and what
		// pdfcpu allocates reading the file.
		alloc uint64
	}{
		{"a content stream that inflates a thousandfold", contentBomb(), Limits{}, 80},
		{"forms that decode to 79 MB each: a 12 MB file", formsPDF(150, 0, spaces(t, 79_000_000)), Limits{}, 80},
		{"forms that decode to 20 MiB each", formsPDF(150, 0, spaces(t, 20*mib)), Limits{}, 128},
		{"a form of 1 MiB drawn 10,000 times", formsPDF(1, 10_000, spaces(t, mib)), Limits{}, 16},
		{"forms that draw forms ten times, ten deep", nestedFormsPDF(10, 10, "0 0 m 100 0 l S"), Limits{MaxDecoded: 4 * mib}, 64},
		{"an object stream that inflates a thousandfold", objectStreamPDF(t, 72*mib, false), Limits{}, 80},
		{"the catalog's object stream, that pdfcpu inflates", objectStreamPDF(t, 72*mib, true), Limits{}, 80},
		{"a cross-reference stream that inflates a thousandfold", xrefBomb(), Limits{}, 80},
	}
	for _, tt := range tests {
		var err error
		n := allocated(func() { _, err = Read(context.Background(), tt.pdf, tt.lim) })
		t.Logf("%s: a file of %d KiB: %.1f MiB allocated, %v", tt.name, len(tt.pdf)>>10, float64(n)/mib, err)
		if !errors.Is(err, ErrDecodeLimit) || !errors.Is(err, ErrTooLarge) {
			t.Errorf("%s: error %v, want ErrDecodeLimit", tt.name, err)
		}
		if n > tt.alloc*mib {
			t.Errorf("%s: %.1f MiB allocated, want at most %d MiB", tt.name, float64(n)/mib, tt.alloc)
		}
	}
}

// TestNestedFormsStop reads forms that draw forms ten times over, ten deep
// (a billion lines from a 3 KiB file), with the default limits: the
// budget stops it, with no more lines on the page than it allows.
func TestNestedFormsStop(t *testing.T) {
	var pages []*Page
	var err error
	n := allocated(func() { pages, err = Read(context.Background(), nestedFormsPDF(10, 10, "0 0 m 100 0 l S"), Limits{}) })
	if !errors.Is(err, ErrDecodeLimit) || len(pages) != 1 {
		t.Fatalf("%d pages, error %v, want 1 page and ErrDecodeLimit", len(pages), err)
	}
	lines := len(pages[0].Rules)
	t.Logf("%d lines drawn, %.0f MiB allocated", lines, float64(n)/(1<<20))
	if most := int(DefaultLimits().MaxDecoded / drawCost); lines == 0 || lines > most {
		t.Errorf("%d lines drawn, want 1 to %d", lines, most)
	}
}

// A countdown is a context whose Err says it is done once it has been
// asked n times: a deadline that passes in the middle of the work, where
// the work looks at it, without a clock. It counts the times it is asked
// after that.
type countdown struct {
	context.Context // Background's: no deadline, never done
	left, after     atomic.Int64
}

func newCountdown(n int64) *countdown {
	c := &countdown{Context: context.Background()}
	c.left.Store(n)
	return c
}

func (c *countdown) Err() error {
	if c.left.Add(-1) >= 0 {
		return nil
	}
	c.after.Add(1)
	return context.DeadlineExceeded
}

// TestPagesStopWhenDone: a read whose time is up stops where it is, in the
// middle of a page that would take seconds (a million forms drawn), and
// nothing of it goes on once Pages has returned.
func TestPagesStopWhenDone(t *testing.T) {
	slow := nestedFormsPDF(10, 7, "q Q")
	ctx := newCountdown(200)
	goroutines := runtime.NumGoroutine()
	called := false
	err := Pages(ctx, slow, Limits{MaxDecoded: 1 << 40}, func(*Page) { called = true })
	if !errors.Is(err, context.DeadlineExceeded) || called {
		t.Fatalf("error %v, page called %v; want context.DeadlineExceeded, and no page", err, called)
	}
	if n := ctx.after.Load(); n > 2 {
		t.Errorf("the context was asked %d times after it said the time was up, want the reader to stop at once", n)
	}
	time.Sleep(50 * time.Millisecond) // time for anything left running to show itself
	if n := ctx.after.Load(); n > 2 {
		t.Errorf("the context was asked %d times after Pages returned", n)
	}
	if n := runtime.NumGoroutine(); n > goroutines {
		t.Errorf("%d goroutines after Pages returned, %d before", n, goroutines)
	}
}

// TestInflateStopsWhenDone: a stream being inflated stops within a few
// KiB of its compressed bytes once the time is up, long before its end.
func TestInflateStopsWhenDone(t *testing.T) {
	const size = 72 << 20
	sd := types.StreamDict{Raw: spaces(t, size), FilterPipeline: []types.PDFFilter{{Name: "FlateDecode"}}}
	b := newBudget(newCountdown(3), 1<<40) // decode looks once, then once for each 4 KiB the inflater reads
	var err error
	n := allocated(func() { _, err = b.decode(&sd, 1<<40) })
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error %v, want context.DeadlineExceeded", err)
	}
	if n > size/4 {
		t.Errorf("%.1f MiB allocated inflating a stream of %d MiB stopped at once", float64(n)/(1<<20), size>>20)
	}
}

// TestBudget: what a stream counts in the budget is what it decodes to,
// the output of each of its filters; the budget stops a stream once it is
// spent, and every stream after it.
func TestBudget(t *testing.T) {
	raw := []byte("0 0 m 100 0 l S")
	flate := flate(t, 1000, "0 0 m ")
	hexFlate := []byte(hex.EncodeToString(flate) + ">")
	tests := []struct {
		name    string
		sd      types.StreamDict
		max     int64
		counted int64 // what the budget has counted after
		err     error
	}{
		{"a stream without filters", types.StreamDict{Raw: raw}, 100, int64(len(raw)), nil},
		{"FlateDecode", types.StreamDict{Raw: flate, FilterPipeline: pipeline("FlateDecode")}, 2000, 1006, nil},
		{"two filters: each output counts", types.StreamDict{Raw: hexFlate, FilterPipeline: pipeline("ASCIIHexDecode", "FlateDecode")}, 2000, int64(len(flate)) + 1006, nil},
		{"over the budget", types.StreamDict{Raw: flate, FilterPipeline: pipeline("FlateDecode")}, 1000, 1001, ErrDecodeLimit},
		{"over the budget, without filters", types.StreamDict{Raw: raw}, 10, int64(len(raw)), ErrDecodeLimit},
	}
	for _, tt := range tests {
		b := newBudget(context.Background(), tt.max)
		out, err := b.decode(&tt.sd, 1<<40)
		if !errors.Is(err, tt.err) || b.used != tt.counted {
			t.Errorf("%s: counted %d, error %v; want %d, %v", tt.name, b.used, err, tt.counted, tt.err)
		}
		if tt.err == nil && strings.TrimSpace(string(out)) == "" {
			t.Errorf("%s: decoded to %q", tt.name, out)
		}
		if tt.err != nil {
			if _, err := b.decode(&types.StreamDict{Raw: []byte("q")}, 1<<40); !errors.Is(err, ErrDecodeLimit) {
				t.Errorf("%s: the next stream decodes, error %v", tt.name, err)
			}
		}
	}
}

// pipeline returns the filters of a stream, each without parameters.
func pipeline(names ...string) []types.PDFFilter {
	var fs []types.PDFFilter
	for _, n := range names {
		fs = append(fs, types.PDFFilter{Name: n})
	}
	return fs
}
