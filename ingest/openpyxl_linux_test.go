package ingest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// openpyxlRead reads every cell value of the workbooks named on its
// command line with openpyxl in read-only mode, the fastest way
// openpyxl has.
const openpyxlRead = `
import sys, openpyxl
n = 0
for path in sys.argv[1:]:
    wb = openpyxl.load_workbook(path, read_only=True)
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            for v in row:
                n += 1
    wb.close()
print(n)
`

// python is Debian's Python, which python3-openpyxl installs into.
const python = "/usr/bin/python3"

// A run is what one process took: wall time and peak resident memory.
type run struct {
	wall time.Duration
	rss  int64 // bytes
}

// measure runs cmd and returns what it took.
func measure(t *testing.T, cmd *exec.Cmd) run {
	t.Helper()
	start := time.Now()
	out, err := cmd.CombinedOutput()
	wall := time.Since(start)
	if err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, out)
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	return run{wall: wall, rss: ru.Maxrss << 10} // Linux gives KiB
}

// median returns the median of runs, by wall time and by memory apart.
func median(runs []run) run {
	walls := make([]time.Duration, len(runs))
	rss := make([]int64, len(runs))
	for i, r := range runs {
		walls[i], rss[i] = r.wall, r.rss
	}
	slices.Sort(walls)
	slices.Sort(rss)
	return run{wall: walls[len(walls)/2], rss: rss[len(rss)/2]}
}

// TestOpenpyxl compares File with openpyxl's read-only mode, each in a
// process of its own (testdata/readfiles, which calls File and nothing
// else), on the census workbook of the corpus (208,785 cells) and on the
// 14 one-group forms of fixtures/fy2016: the median wall time and peak
// resident memory of several runs, taken in turns so that both see the
// machine alike. The streaming reader must take at most 0.7 of
// openpyxl's time on the census workbook, and less memory. It runs only
// when PERINET_OPENPYXL is set, and skips without Debian's
// python3-openpyxl.
//
//	PERINET_OPENPYXL=1 go test ./ingest -run TestOpenpyxl -v
func TestOpenpyxl(t *testing.T) {
	if os.Getenv("PERINET_OPENPYXL") == "" {
		t.Skip("set PERINET_OPENPYXL=1 to compare with openpyxl")
	}
	if err := exec.Command(python, "-c", "import openpyxl").Run(); err != nil {
		t.Skipf("%s has no openpyxl (apt-get install python3-openpyxl): %v", python, err)
	}
	census := filepath.Join(corpusDir, "xlsx", "tablelinker__major_results_2020.xlsx")
	if _, err := os.Stat(census); err != nil {
		t.Skipf("corpus not found: %v", err)
	}
	forms, _ := filepath.Glob("../fixtures/fy2016/form-*.xlsx")
	readfiles := filepath.Join(t.TempDir(), "readfiles")
	if out, err := exec.Command("go", "build", "-o", readfiles, "./testdata/readfiles").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	const runs = 7
	for _, tt := range []struct {
		name  string
		files []string
		check bool // the bounds apply
	}{
		{"census workbook", []string{census}, true},
		{fmt.Sprintf("%d forms", len(forms)), forms, false},
	} {
		var ours, theirs []run
		for range runs {
			ours = append(ours, measure(t, exec.Command(readfiles, tt.files...)))
			theirs = append(theirs, measure(t, exec.Command(python, append([]string{"-c", openpyxlRead}, tt.files...)...)))
		}
		o, p := median(ours), median(theirs)
		t.Logf("%s, median of %d runs: perinet %v, %s; openpyxl read-only %v, %s; time ×%.2f, memory ×%.2f",
			tt.name, runs, o.wall.Round(time.Millisecond), byteSize(o.rss), p.wall.Round(time.Millisecond), byteSize(p.rss),
			float64(o.wall)/float64(p.wall), float64(o.rss)/float64(p.rss))
		if tt.check && (float64(o.wall) > 0.7*float64(p.wall) || o.rss >= p.rss) {
			t.Errorf("%s: perinet %v, %s; want at most 0.7 of openpyxl's %v, and less than %s", tt.name, o.wall, byteSize(o.rss), p.wall, byteSize(p.rss))
		}
	}
}
