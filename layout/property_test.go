package layout_test

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"perinet"
	"perinet/ingest"
	"perinet/layout"
	"perinet/layout/layouttest"
	"perinet/layout/libreoffice"
	"perinet/reader"
)

var (
	nLayouts    = flag.Int("layouts", 0, "random layouts to write and read back (0: the fixed sample of the CI)")
	seedFrom    = flag.Uint64("layouts.seed", 1, "the seed of the first layout; layout i has seed+i")
	nLibre      = flag.Int("layouts.lo", -1, "how many of the layouts LibreOffice converts too (-1: all of a big run, the sample's share of the fixed one)")
	keepDir     = flag.String("layouts.keep", "", "a directory to write the files into and keep them (default: a temporary one)")
	showSilent  = flag.Int("layouts.show", 3, "silent differences shown in full, with the sheet drawn")
	metamorphic = flag.Int("layouts.meta", 150, "layouts checked against their reordered, spread and CSV variants")
)

// The fixed sample: so many layouts through excelize and Excel's CSV,
// and so many of them through LibreOffice too, seeded from 1.
const (
	sampleLayouts     = 300
	sampleLibreOffice = 40
)

// A read is one file read back and judged.
type read struct {
	c        *layouttest.Case
	producer layouttest.Producer
	path     string
	got      []perinet.Record
	problems []perinet.Problem
	verdict  layouttest.Verdict
}

// TestLayouts writes random Records in random layouts through every
// producer, reads each file back with ingest and the reader as of
// layouttest.Today, and requires every read to give the Records written
// or an error Problem saying why: never other Records without an error.
// It prints, by producer, how many read exactly, how many were rejected
// (by error code) and how many differed silently, and, by each value of
// each dimension of the layouts, the same counts, so that a failure
// points at what the reader does not read yet. go test -layouts=10000
// runs a big sample; -layouts.seed=N -layouts=1 -layouts.keep=DIR
// reproduces one case and keeps its files.
func TestLayouts(t *testing.T) {
	s := perinet.DefaultSurvey()
	n, nLO := *nLayouts, *nLibre
	if n == 0 {
		n = sampleLayouts
		if nLO < 0 {
			nLO = sampleLibreOffice
		}
	}
	if nLO < 0 || nLO > n {
		nLO = n
	}
	start := time.Now()
	dir := *keepDir
	if dir == "" {
		dir = t.TempDir()
	}
	cases := make([]layouttest.Case, n)
	for i := range cases {
		c, err := layouttest.New(s, *seedFrom+uint64(i))
		if err != nil {
			t.Fatal(err)
		}
		cases[i] = c
	}
	files, skipped := writeFiles(t, s, cases, dir)
	made := time.Since(start)
	files, lo := convert(t, cases[:nLO], files, skipped, dir)
	converted := time.Since(start) - made
	rd, err := reader.New(s, layouttest.Today)
	if err != nil {
		t.Fatal(err)
	}
	reads := readAll(rd, files)
	t.Logf("%d layouts (seeds %d–%d): written in %v, %d converted by LibreOffice in %v (%s), read in %v",
		n, *seedFrom, *seedFrom+uint64(n)-1, made.Round(time.Millisecond), nLO, converted.Round(time.Millisecond), lo,
		(time.Since(start) - made - converted).Round(time.Millisecond))
	t.Log("\n" + producerTable(reads, skipped))
	t.Log("\n" + dimensionTable(reads))
	t.Log("\n" + silentTable(reads))
	t.Log("\n" + previousTable(reads))
	var silent []read
	for _, r := range reads {
		if r.verdict.Outcome == layouttest.Silent {
			silent = append(silent, r)
		}
	}
	for i, r := range silent {
		if i < *showSilent {
			t.Errorf("silent difference:\n%s", explain(s, r))
		}
	}
	if len(silent) > *showSilent {
		var seeds []string
		for _, r := range silent[*showSilent:] {
			seeds = append(seeds, fmt.Sprintf("%d/%s", r.c.Seed, r.producer))
		}
		t.Errorf("%d more silent differences: %s", len(silent)-*showSilent, strings.Join(seeds, " "))
	}
	if *metamorphic > 0 {
		checkVariants(t, s, rd, cases[:min(*metamorphic, n)], reads, dir)
	}
}

// A file is one case's file from one producer.
type file struct {
	c        *layouttest.Case
	producer layouttest.Producer
	path     string
}

// writeFiles writes every case through the producers that need no other
// program, and counts, by producer, the cases that one cannot write.
func writeFiles(t *testing.T, s *perinet.Survey, cases []layouttest.Case, dir string) ([]file, map[layouttest.Producer]int) {
	var files []file
	skipped := map[layouttest.Producer]int{}
	for _, p := range []layouttest.Producer{layouttest.Excelize, layouttest.CSVUTF8, layouttest.CSVCP932} {
		pdir := filepath.Join(dir, string(p))
		if err := os.MkdirAll(pdir, 0o755); err != nil {
			t.Fatal(err)
		}
		for i := range cases {
			path, err := layouttest.Write(cases[i], s, p, pdir)
			if p == layouttest.CSVCP932 && err != nil && strings.Contains(err.Error(), "Shift_JIS") {
				skipped[p]++
				continue
			}
			if err != nil {
				t.Fatalf("%s: %v", cases[i], err)
			}
			files = append(files, file{&cases[i], p, path})
		}
	}
	return files, skipped
}

// convert has LibreOffice save the cases' Excelize workbooks as xlsx and
// as ods, 250 files a start of soffice, and returns files with theirs added,
// and what it did, or why not; a file soffice would not convert is counted
// in skipped.
func convert(t *testing.T, cases []layouttest.Case, files []file, skipped map[layouttest.Producer]int, dir string) ([]file, string) {
	if len(cases) == 0 {
		return files, "none asked"
	}
	if _, err := libreoffice.Find(""); errors.Is(err, libreoffice.ErrMissing) {
		t.Logf("LibreOffice is not installed: the %d layouts are not converted (.ci/run installs it)", len(cases))
		return files, "soffice missing"
	}
	var sources []string
	for i := range cases {
		sources = append(sources, filepath.Join(dir, string(layouttest.Excelize), cases[i].Name()+".xlsx"))
	}
	const workers = 1 // two soffice processes at once were slower on two cores
	batch := min(250, (len(sources)+workers-1)/workers)
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			conv, err := libreoffice.Find(filepath.Join(dir, fmt.Sprintf("lo-profile-%d", w)))
			if err != nil {
				errs <- err
				return
			}
			for from := w * batch; from < len(sources); from += workers * batch {
				part := sources[from:min(from+batch, len(sources))]
				for _, p := range []layouttest.Producer{layouttest.LibreOfficeXLSX, layouttest.LibreOfficeODS} {
					ext := map[layouttest.Producer]string{layouttest.LibreOfficeXLSX: "xlsx", layouttest.LibreOfficeODS: "ods"}[p]
					out := filepath.Join(dir, string(p))
					if err := os.MkdirAll(out, 0o755); err != nil {
						errs <- err
						return
					}
					ctx, cancel := context.WithTimeout(context.Background(), 20*time.Minute)
					err := conv.Convert(ctx, part, ext, out)
					cancel()
					var nc *libreoffice.NotConverted
					if errors.As(err, &nc) {
						t.Logf("%v: counted as skipped", err)
					} else if err != nil {
						errs <- err
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	for i := range cases {
		for _, p := range []layouttest.Producer{layouttest.LibreOfficeXLSX, layouttest.LibreOfficeODS} {
			ext := map[layouttest.Producer]string{layouttest.LibreOfficeXLSX: ".xlsx", layouttest.LibreOfficeODS: ".ods"}[p]
			path := filepath.Join(dir, string(p), cases[i].Name()+ext)
			if _, err := os.Stat(path); err != nil {
				skipped[p]++
				continue
			}
			files = append(files, file{&cases[i], p, path})
		}
	}
	return files, fmt.Sprintf("%d soffice processes", workers)
}

// readAll reads every file back and judges it, on every core.
func readAll(rd *reader.Reader, files []file) []read {
	out := make([]read, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f := files[i]
				got, problems := readFile(rd, *f.c, f.path)
				out[i] = read{f.c, f.producer, f.path, got, problems, layouttest.Judge(*f.c, got, problems)}
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// readFile reads a case's file with ingest and the reader, which is told
// the fiscal year only when the file names none.
func readFile(rd *reader.Reader, c layouttest.Case, path string) ([]perinet.Record, []perinet.Problem) {
	grid, problems := ingest.File(path, ingest.DefaultLimits())
	r := *rd
	if c.NoYear {
		r.FiscalYear = c.FiscalYear
	}
	got, more := r.Read(grid)
	return got, append(problems, more...)
}

// A tally counts reads by outcome.
type tally struct {
	n        int
	outcomes [3]int
	warnings int
	codes    map[perinet.Code]int
}

func (t *tally) add(r read) {
	t.n++
	t.outcomes[r.verdict.Outcome]++
	if r.verdict.Outcome == layouttest.Exact {
		t.warnings += r.verdict.Warnings
	}
	if t.codes == nil {
		t.codes = map[perinet.Code]int{}
	}
	for _, c := range dedupe(r.verdict.Errors) {
		t.codes[c]++
	}
}

func dedupe(codes []perinet.Code) []perinet.Code {
	out := slices.Clone(codes)
	slices.Sort(out)
	return slices.Compact(out)
}

// share writes k of n as a percentage.
func share(k, n int) string {
	if n == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(k)/float64(n))
}

// producerTable writes the outcomes by producer, with the error codes.
func producerTable(reads []read, skipped map[layouttest.Producer]int) string {
	by := map[layouttest.Producer]*tally{}
	for _, r := range reads {
		if by[r.producer] == nil {
			by[r.producer] = &tally{}
		}
		by[r.producer].add(r)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-18s %6s %14s %14s %8s %8s  %s\n", "producer", "files", "exact", "error", "silent", "skipped", "error codes (files) / warnings on exact reads")
	for _, p := range layouttest.Producers {
		t := by[p]
		if t == nil {
			t = &tally{}
		}
		fmt.Fprintf(&b, "%-18s %6d %6d %7s %6d %7s %8d %8d  %s / %d\n", p, t.n,
			t.outcomes[layouttest.Exact], share(t.outcomes[layouttest.Exact], t.n),
			t.outcomes[layouttest.Rejected], share(t.outcomes[layouttest.Rejected], t.n),
			t.outcomes[layouttest.Silent], skipped[p], codeList(t.codes), t.warnings)
	}
	return b.String()
}

// codeList writes error codes with their counts, most frequent first.
func codeList(codes map[perinet.Code]int) string {
	var ks []perinet.Code
	for k, n := range codes {
		if n > 0 {
			ks = append(ks, k)
		}
	}
	sort.Slice(ks, func(i, j int) bool {
		return codes[ks[i]] > codes[ks[j]] || codes[ks[i]] == codes[ks[j]] && ks[i] < ks[j]
	})
	var parts []string
	for _, k := range ks {
		parts = append(parts, fmt.Sprintf("%s %d", k, codes[k]))
	}
	return strings.Join(parts, ", ")
}

// A dimTally counts the reads of a dimension's value by outcome, the
// rejected ones split into those where no survey was found and the rest.
type dimTally struct {
	tally
	notFound int
}

// readable reports whether ingest could read the file at all: a read
// that could not tells nothing about the layout.
func readable(r read) bool {
	return !slices.Contains(r.verdict.Errors, perinet.UnreadableFile)
}

// dimensionTable writes, for each value of each dimension of the layouts,
// how the reads of its cases came out, over the files ingest could read;
// a value read exactly less often, or silently more often, than the whole
// is marked, so that the dimensions the reader fails stand out.
func dimensionTable(reads []read) string {
	all := &dimTally{}
	by := map[string]*dimTally{}
	unread := 0
	for _, r := range reads {
		if !readable(r) {
			unread++
			continue
		}
		notFound := slices.Contains(r.verdict.Errors, perinet.NoSurveyFound)
		for _, t := range append([]*dimTally{all}, dimTallies(by, r.c.Dims)...) {
			t.add(r)
			if notFound {
				t.notFound++
				t.codes[perinet.NoSurveyFound]--
			}
		}
	}
	keys := make([]string, 0, len(by))
	for k := range by {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	rate := func(t *dimTally, o layouttest.Outcome) float64 { return float64(t.outcomes[o]) / float64(max(t.n, 1)) }
	var b strings.Builder
	fmt.Fprintf(&b, "by dimension, over the %d reads of files ingest could read (%d could not): "+
		"! marks a value read exactly less often, or silently more often, than the whole (%s exact, %s silent)\n",
		all.n, unread, share(all.outcomes[layouttest.Exact], all.n), share(all.outcomes[layouttest.Silent], all.n))
	fmt.Fprintf(&b, "   %-36s %6s %8s %10s %8s %8s  %s\n", "dimension=value", "reads", "exact", "not found", "error", "silent", "other error codes")
	for _, k := range keys {
		t := by[k]
		mark := " "
		if rate(t, layouttest.Exact) < rate(all, layouttest.Exact)-0.05 || rate(t, layouttest.Silent) > rate(all, layouttest.Silent)+0.02 {
			mark = "!"
		}
		codes := codeList(t.codes)
		if len(codes) > 60 {
			codes = codes[:strings.LastIndex(codes[:60], ",")] + ", …"
		}
		fmt.Fprintf(&b, " %s %-36s %6d %8s %10s %8s %8s  %s\n", mark, k, t.n, share(t.outcomes[layouttest.Exact], t.n),
			share(t.notFound, t.n), share(t.outcomes[layouttest.Rejected]-t.notFound, t.n), share(t.outcomes[layouttest.Silent], t.n), codes)
	}
	return b.String()
}

// dimTallies returns the tallies of a case's dimension values, made as needed.
func dimTallies(by map[string]*dimTally, dims []layouttest.Dim) []*dimTally {
	var out []*dimTally
	for _, d := range dims {
		k := d.Name + "=" + d.Value
		if by[k] == nil {
			by[k] = &dimTally{}
		}
		out = append(out, by[k])
	}
	return out
}

// silentTable counts the silent reads by what differed in them, by
// producer.
func silentTable(reads []read) string {
	by := map[string]map[layouttest.Producer]int{}
	for _, r := range reads {
		if r.verdict.Outcome != layouttest.Silent {
			continue
		}
		for _, f := range r.verdict.Fields {
			if by[f] == nil {
				by[f] = map[layouttest.Producer]int{}
			}
			by[f][r.producer]++
		}
	}
	var b strings.Builder
	b.WriteString("silent reads by what differs in them")
	for _, p := range layouttest.Producers {
		fmt.Fprintf(&b, " | %s", p)
	}
	b.WriteString("\n")
	fields := make([]string, 0, len(by))
	for f := range by {
		fields = append(fields, f)
	}
	slices.Sort(fields)
	for _, f := range fields {
		fmt.Fprintf(&b, "  %-24s", f)
		for _, p := range layouttest.Producers {
			fmt.Fprintf(&b, " %8d", by[f][p])
		}
		b.WriteString("\n")
	}
	return b.String()
}

// previousTable says how often a file that keeps last year's answers on a
// sheet of their own read with a warning, as it should.
func previousTable(reads []read) string {
	n, warned := 0, 0
	for _, r := range reads {
		if r.c.Previous && r.producer != layouttest.CSVUTF8 && r.producer != layouttest.CSVCP932 && r.verdict.Outcome == layouttest.Exact {
			n++
			if r.verdict.Warnings > 0 {
				warned++
			}
		}
	}
	return fmt.Sprintf("workbooks with a previous year's sheet read exactly: %d, of which with a warning: %d (the contract wants one)", n, warned)
}

// explain writes what a reviewer needs to see a silent difference: the
// case and how to run it alone, the file, how the Records differ, the
// problems, and the sheets drawn.
func explain(s *perinet.Survey, r read) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\nproducer %s, file %s\n", r.c, r.producer, r.path)
	fmt.Fprintf(&b, "run alone: go test ./layout -run TestLayouts -layouts=1 -layouts.seed=%d -layouts.keep=/tmp/layout-%d\n", r.c.Seed, r.c.Seed)
	b.WriteString("differences (got, want):\n")
	for _, d := range r.verdict.Diff {
		b.WriteString("  " + d + "\n")
	}
	for _, p := range r.problems {
		fmt.Fprintf(&b, "  problem %s %s at %s: %s %q\n", p.Severity, p.Code, p.Where, p.Message, p.Text)
	}
	sheets, err := layout.Render(r.c.Layout, s, r.c.FiscalYear, r.c.Records)
	if err != nil {
		fmt.Fprintf(&b, "render: %v\n", err)
	}
	for _, sh := range sheets {
		b.WriteString(sh.String())
	}
	return b.String()
}

// checkVariants requires a case's reordered and spread variants, and its
// CSV file, to read as the case's workbook does when none of the reads
// has an error: the reads are compared with each other, not with the
// Records written.
func checkVariants(t *testing.T, s *perinet.Survey, rd *reader.Reader, cases []layouttest.Case, reads []read, dir string) {
	byCase := map[uint64]map[layouttest.Producer]read{}
	for _, r := range reads {
		if byCase[r.c.Seed] == nil {
			byCase[r.c.Seed] = map[layouttest.Producer]read{}
		}
		byCase[r.c.Seed][r.producer] = r
	}
	vdir := filepath.Join(dir, "variants")
	if err := os.MkdirAll(vdir, 0o755); err != nil {
		t.Fatal(err)
	}
	type check struct{ n, compared, failed int }
	checks := map[string]*check{"reordered": {}, "spread": {}, "csv": {}}
	for _, c := range cases {
		base := byCase[c.Seed][layouttest.Excelize]
		variants := map[string]read{"csv": byCase[c.Seed][layouttest.CSVUTF8]}
		for name, v := range map[string]layouttest.Case{
			"reordered": layouttest.Reordered(c, c.Seed), "spread": layouttest.Spread(c, c.Seed),
		} {
			sub := filepath.Join(vdir, name)
			if err := os.MkdirAll(sub, 0o755); err != nil {
				t.Fatal(err)
			}
			path, err := layouttest.Write(v, s, layouttest.Excelize, sub)
			if err != nil {
				t.Fatalf("%s variant of %s: %v", name, c, err)
			}
			got, problems := readFile(rd, v, path)
			variants[name] = read{&v, layouttest.Excelize, path, got, problems, layouttest.Judge(v, got, problems)}
		}
		for name, v := range variants {
			ck := checks[name]
			ck.n++
			if len(base.verdict.Errors) > 0 || len(v.verdict.Errors) > 0 {
				continue
			}
			ck.compared++
			if d := layouttest.Diff(base.got, v.got); len(d) > 0 {
				ck.failed++
				t.Errorf("the %s variant reads otherwise than the workbook, with no error:\n%s\nvariant file %s\n  %s\n%s",
					name, c, v.path, strings.Join(d, "\n  "), explain(s, v))
			}
		}
	}
	var b strings.Builder
	b.WriteString("metamorphic checks (a variant against the Excelize workbook; compared when neither read has an error):\n")
	for _, name := range []string{"reordered", "spread", "csv"} {
		ck := checks[name]
		fmt.Fprintf(&b, "  %-10s %4d cases, %4d compared, %4d differ\n", name, ck.n, ck.compared, ck.failed)
	}
	t.Log("\n" + b.String())
}

// FuzzLayout writes the case of a seed through excelize and Excel's two
// CSV formats, reads each back, and fails on a silent difference. The
// seeds it finds failing are kept in testdata/fuzz/FuzzLayout.
func FuzzLayout(f *testing.F) {
	for seed := range uint64(4) {
		f.Add(seed + 1)
	}
	s := perinet.DefaultSurvey()
	rd, err := reader.New(s, layouttest.Today)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, seed uint64) {
		c, err := layouttest.New(s, seed)
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		for _, p := range []layouttest.Producer{layouttest.Excelize, layouttest.CSVUTF8, layouttest.CSVCP932} {
			path, err := layouttest.Write(c, s, p, dir)
			if p == layouttest.CSVCP932 && err != nil {
				continue // a character code page 932 lacks
			}
			if err != nil {
				t.Fatal(err)
			}
			got, problems := readFile(rd, c, path)
			if v := layouttest.Judge(c, got, problems); v.Outcome == layouttest.Silent {
				t.Fatalf("silent difference:\n%s", explain(s, read{&c, p, path, got, problems, v}))
			}
		}
	})
}
