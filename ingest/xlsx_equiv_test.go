package ingest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"perinet"
)

// equivFiles returns every workbook the project and the corpus hold:
// the fixtures, the public corpus (good and hostile), and the workbooks
// the tests of this package build.
func equivFiles(t *testing.T) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	add := func(label, path string) {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		files[label] = data
	}
	for _, pattern := range []string{"../fixtures/*/*.xlsx", corpusDir + "/xlsx/*", corpusDir + "/xlsx-hostile/*"} {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			add(strings.TrimPrefix(p, "../"), p)
		}
	}
	add("test:formBook", writeBook(t, formBook(t), "form.xlsx"))
	add("test:oneGroupForm", writeBook(t, oneGroupForm(t), "one.xlsx"))
	return files
}

// sofficeFiles converts, with LibreOffice, the corpus's .xls files and
// some fixtures to .xlsx, so that workbooks written by LibreOffice are
// compared too.
func sofficeFiles(t *testing.T) map[string][]byte {
	t.Helper()
	if !hasSoffice() {
		t.Log("soffice not found: no LibreOffice-written workbooks compared")
		return nil
	}
	dir := t.TempDir()
	var in []string
	xls, _ := filepath.Glob(corpusDir + "/xls/*.xls")
	in = append(in, xls...)
	for _, year := range []string{"fy2016", "fy2018"} {
		forms, _ := filepath.Glob("../fixtures/" + year + "/*.xlsx")
		for i, f := range forms {
			if i%3 == 0 {
				// Converting x.xlsx to xlsx in place would overwrite: copy it
				// under another name.
				data, _ := os.ReadFile(f)
				p := filepath.Join(dir, "src-"+year+"-"+strings.TrimSuffix(filepath.Base(f), ".xlsx")+".xls.xlsx")
				if err := os.WriteFile(p, data, 0o600); err != nil {
					t.Fatal(err)
				}
				in = append(in, p)
			}
		}
	}
	out := filepath.Join(dir, "out")
	args := append([]string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--headless", "--norestore",
		"--convert-to", "xlsx", "--outdir", out}, in...)
	cmd := exec.Command("soffice", args...)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Logf("soffice: %v: %s", err, b)
	}
	got := map[string][]byte{}
	paths, _ := filepath.Glob(filepath.Join(out, "*.xlsx"))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		got["soffice:"+filepath.Base(p)] = data
	}
	return got
}

// differs lists the workbooks that the streaming reader reads better than
// excelize, and why.
var differs = map[string]string{
	"../shared/corpus/xlsx/SheetJS__wtf_path.xlsx": "its shared strings and styles are in wtf/, where its relationships say; excelize looks in xl/ only",
}

// TestXLSXStreamMatchesExcelize reads every workbook with the excelize
// reader and the streaming one, and requires the same sheets, cells and
// problems of both (the problems' messages aside).
func TestXLSXStreamMatchesExcelize(t *testing.T) {
	files := equivFiles(t)
	for k, v := range sofficeFiles(t) {
		files[k] = v
	}
	var labels []string
	for k := range files {
		labels = append(labels, k)
	}
	sort.Strings(labels)
	r := reader{lim: corpusLimits(), soffice: "soffice"}
	same, cells := 0, 0
	for _, label := range labels {
		data := files[label]
		old := r.readWorkbook(context.Background(), label, data)
		got := r.readXLSX(context.Background(), label, data)
		d := diffBooks(old, got)
		switch why, ok := differs[label]; {
		case ok && d == "":
			t.Errorf("%s: read alike, but listed in differs", label)
		case ok:
			t.Logf("%s: differs as expected (%s): %s", label, why, d)
		case d != "":
			t.Errorf("%s: %s", label, d)
		}
		if d != "" {
			continue
		}
		same++
		for _, s := range got.sheets {
			for _, row := range s.Rows {
				cells += len(row)
			}
		}
	}
	t.Logf("%d of %d workbooks read alike (%d cells)", same, len(labels), cells)
}

// diffBooks describes the first difference between two readings of a
// workbook, or returns "".
func diffBooks(a, b bookRead) string {
	if !a.modified.Equal(b.modified) {
		return fmt.Sprintf("modified %v, want %v", b.modified, a.modified)
	}
	pa, pb := probKeys(a.probs), probKeys(b.probs)
	if pa != pb {
		return fmt.Sprintf("problems %s, want %s (%v)", pb, pa, b.probs)
	}
	if len(a.sheets) != len(b.sheets) {
		return fmt.Sprintf("%d sheets, want %d", len(b.sheets), len(a.sheets))
	}
	for i := range a.sheets {
		sa, sb := a.sheets[i], b.sheets[i]
		if sa.Name != sb.Name || sa.Hidden != sb.Hidden {
			return fmt.Sprintf("sheet %d: %q hidden %v, want %q hidden %v", i, sb.Name, sb.Hidden, sa.Name, sa.Hidden)
		}
		if len(sa.Rows) != len(sb.Rows) {
			return fmt.Sprintf("sheet %q: %d rows, want %d", sa.Name, len(sb.Rows), len(sa.Rows))
		}
		for r := range sa.Rows {
			if len(sa.Rows[r]) != len(sb.Rows[r]) {
				return fmt.Sprintf("sheet %q row %d: %d cells, want %d (%v, want %v)", sa.Name, r+1, len(sb.Rows[r]), len(sa.Rows[r]), sb.Rows[r], sa.Rows[r])
			}
			for c := range sa.Rows[r] {
				ca, cb := sa.Rows[r][c], sb.Rows[r][c]
				if ca.Text != cb.Text || ca.Where != cb.Where || ca.Merged != cb.Merged || (ca.Date == nil) != (cb.Date == nil) || ca.Date != nil && *ca.Date != *cb.Date {
					return fmt.Sprintf("sheet %q row %d column %d: %s, want %s", sa.Name, r+1, c+1, cellString(cb), cellString(ca))
				}
			}
		}
	}
	return ""
}

func probKeys(probs []perinet.Problem) string {
	var ks []string
	for _, p := range probs {
		ks = append(ks, string(p.Code)+"@"+p.Where)
	}
	return strings.Join(ks, ",")
}

func cellString(c perinet.Cell) string {
	s := fmt.Sprintf("{%q %q merged %v", c.Text, c.Where, c.Merged)
	if c.Date != nil {
		s += fmt.Sprintf(" date %+v", *c.Date)
	}
	return s + "}"
}

// TestXLSXStreamMatchesExcelizeEdges compares the readers on workbooks
// written by hand.
func TestXLSXStreamMatchesExcelizeEdges(t *testing.T) {
	r := reader{lim: corpusLimits(), soffice: "soffice"}
	for _, tt := range edgeBooks {
		data, err := os.ReadFile(tt.book.path(t))
		if err != nil {
			t.Fatal(err)
		}
		old := r.readWorkbook(context.Background(), tt.name, data)
		got := r.readXLSX(context.Background(), tt.name, data)
		if d := diffBooks(old, got); d != "" {
			t.Errorf("%s: %s", tt.name, d)
		}
	}
}
