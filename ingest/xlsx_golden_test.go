package ingest

import (
	"bufio"
	"crypto/sha256"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"perinet"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// goldenWorkbooks returns the workbooks whose Grids testdata/xlsx.golden
// fixes, by label: the fixtures, the public corpus's workbooks (when it
// is beside the project), the workbooks written by hand (edgeBooks) and
// those the tests build with excelize.
func goldenWorkbooks(t *testing.T) map[string]string {
	t.Helper()
	files := map[string]string{}
	for _, pattern := range []string{"../fixtures/*/*.xlsx", corpusDir + "/xlsx/*", corpusDir + "/xlsx-hostile/*"} {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			files[strings.TrimPrefix(p, "../")] = p
		}
	}
	for _, tt := range edgeBooks {
		files["edge:"+tt.name] = tt.book.path(t)
	}
	files["test:formBook"] = writeBook(t, formBook(t), "form.xlsx")
	files["test:oneGroupForm"] = writeBook(t, oneGroupForm(t), "one.xlsx")
	return files
}

// gridDigest describes what File read of a workbook in a few lines: the
// problems, when it was saved, and each sheet's name, size and a hash of
// its cells (their text, place, Merged and date).
func gridDigest(label string, g *perinet.Grid, probs []perinet.Problem) []string {
	var codes []string
	for _, p := range probs {
		codes = append(codes, string(p.Code)+"@"+p.Where)
	}
	lines := []string{fmt.Sprintf("%s\t%s\tmodified %s\tproblems [%s]", label, g.Format, g.Modified.Format(time.RFC3339), strings.Join(codes, " "))}
	for _, s := range g.Sheets {
		h := sha256.New()
		cells := 0
		for i, row := range s.Rows {
			fmt.Fprintf(h, "row %d\n", i+1)
			for _, c := range row {
				fmt.Fprintf(h, "%q %q %v", c.Text, c.Where, c.Merged)
				if c.Date != nil {
					fmt.Fprintf(h, " %v %v %v", c.Date.Serial, c.Date.Date1904, c.Date.ShowsDay)
				}
				h.Write([]byte{'\n'})
			}
			cells += len(row)
		}
		lines = append(lines, fmt.Sprintf("%s\tsheet %q hidden %v rows %d cells %d sha256 %x", label, s.Name, s.Hidden, len(s.Rows), cells, h.Sum(nil)[:12]))
	}
	return lines
}

// TestXLSXGolden reads every workbook of goldenWorkbooks and compares what
// it read with testdata/xlsx.golden. The excelize-based reader wrote it
// before the streaming reader took its place, which reads every workbook
// alike but SheetJS__wtf_path.xlsx, whose shared strings and styles it
// finds by their relationships (in wtf/, where excelize did not look).
// Regenerate with -update and review the diff.
func TestXLSXGolden(t *testing.T) {
	const golden = "testdata/xlsx.golden"
	files := goldenWorkbooks(t)
	var got []string
	for label, path := range files {
		g, probs := File(path, corpusLimits())
		got = append(got, gridDigest(label, g, probs)...)
	}
	slices.Sort(got)
	if *update {
		if err := os.WriteFile(golden, []byte(strings.Join(got, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	f, err := os.Open(golden)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		label, _, _ := strings.Cut(line, "\t")
		if _, ok := files[label]; ok { // a corpus file is missing when the corpus is
			want[line] = true
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for _, line := range got {
		if !want[line] {
			t.Errorf("read:   %s", line)
		}
		delete(want, line)
	}
	for line := range want {
		t.Errorf("golden: %s", line)
	}
	t.Logf("%d workbooks, %d lines", len(files), len(got))
}
