//go:build linux

package pdf

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// peakEnv names the PDF that TestPeakChild reads, in the child process
// BenchmarkPages300 starts.
const peakEnv = "PERINET_PEAK_PDF"

// TestPeakChild reads the PDF that peakEnv names with Pages, as the
// nightly run reads a file, keeping nothing of a page after it is read.
// It is the child process of BenchmarkPages300, and does nothing on its
// own.
func TestPeakChild(t *testing.T) {
	path := os.Getenv(peakEnv)
	if path == "" {
		t.Skip("the child process of BenchmarkPages300")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pages, glyphs := 0, 0
	err = Pages(context.Background(), data, Limits{}, func(p *Page) { pages, glyphs = pages+1, glyphs+len(p.Glyphs) })
	if err != nil || pages < 300 {
		t.Fatalf("%d pages, %v", pages, err)
	}
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	m := vmHWM.FindSubmatch(status)
	if m == nil {
		t.Fatalf("no VmHWM in /proc/self/status")
	}
	t.Logf("%d pages, %d glyphs", pages, glyphs)
	fmt.Printf("peak-kB %s\n", m[1])
}

// vmHWM finds the peak resident memory in /proc/self/status. It is the
// process's own since exec, where getrusage's ru_maxrss of a child also
// counts the parent's memory from before the exec.
var vmHWM = regexp.MustCompile(`VmHWM:\s+(\d+) kB`)

// peakKB finds the child's report of its peak memory.
var peakKB = regexp.MustCompile(`peak-kB (\d+)`)

// BenchmarkPages300 reads a PDF of over 300 pages (the report of 5,200
// groups, as the 50-page file is made) in a process of its own and
// reports that process's peak resident memory (peak-MB, its VmHWM: the Go
// runtime, the test binary, the file and pdfcpu's cross-reference table
// included). The target is under
// 100 MB: a page's glyphs are released once it is read.
func BenchmarkPages300(b *testing.B) {
	path := filepath.Join(b.TempDir(), "report300.pdf")
	if err := os.WriteFile(path, manyGroupsReportPDF(b, 5200), 0o644); err != nil {
		b.Fatal(err)
	}
	peak := 0.0
	b.ResetTimer()
	for b.Loop() {
		cmd := exec.Command(os.Args[0], "-test.run=^TestPeakChild$", "-test.v")
		cmd.Env = append(os.Environ(), peakEnv+"="+path)
		out, err := cmd.CombinedOutput()
		m := peakKB.FindSubmatch(out)
		if err != nil || m == nil {
			b.Fatalf("child: %v\n%s", err, out)
		}
		kb, _ := strconv.Atoi(string(m[1]))
		peak = max(peak, float64(kb)/1024)
	}
	b.ReportMetric(peak, "peak-MB")
}
