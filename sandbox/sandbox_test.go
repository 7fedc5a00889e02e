package sandbox

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"perinet"
	"perinet/intake"
	"perinet/reader"
)

// TestMain makes the test binary the child when it is started as one
// ("child MODE"): the mechanism is tested with the real Serve, and with
// judges that misbehave. Started as "parent FILE", it judges the file
// with a real child, and is killed meanwhile.
func TestMain(m *testing.M) {
	switch {
	case len(os.Args) == 3 && os.Args[1] == "child":
		if err := serve(os.Stdin, os.Stdout, childJudge(os.Args[2])); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	case len(os.Args) == 3 && os.Args[1] == "parent":
		exe, err := os.Executable()
		if err == nil {
			c := &Child{Path: exe, Args: []string{"child", "real"}, Limits: Limits{Memory: 256 << 20, Time: time.Minute}}
			_, err = c.Judge(context.Background(), os.Args[2])
		}
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

// childJudge returns the judge of a child started as "child MODE".
func childJudge(mode string) func(setup) (func(path string) intake.Judgement, error) {
	var judge func(path string) intake.Judgement
	switch mode {
	case "real":
		return inProcess
	case "hog": // keeps allocating, and touching, memory
		judge = func(string) intake.Judgement {
			var kept [][]byte
			for len(kept) >= 0 { // until the memory runs out
				b := make([]byte, 1<<20)
				for i := 0; i < len(b); i += 4096 {
					b[i] = 1
				}
				kept = append(kept, b)
			}
			return intake.Judgement{Format: fmt.Sprint(len(kept))}
		}
	case "spin": // burns CPU for ever
		judge = func(string) intake.Judgement {
			n := 0
			for n >= 0 { // for ever
				n = (n + 1) % 1000
			}
			return intake.Judgement{}
		}
	case "panic":
		judge = func(string) intake.Judgement { panic("a reader's bug") }
	case "garbage": // answers what is no Judgement
		judge = func(string) intake.Judgement {
			fmt.Println("<html>")
			return intake.Judgement{}
		}
	case "exit": // ends without a word
		judge = func(string) intake.Judgement {
			os.Exit(3)
			return intake.Judgement{}
		}
	case "pid": // answers its pid as the format; ends on a file named bad, finds one named big too large
		judge = func(path string) intake.Judgement {
			j := intake.Judgement{Format: fmt.Sprint(os.Getpid())}
			switch filepath.Base(path) {
			case "bad":
				os.Exit(3)
			case "big":
				j.Problems = []perinet.Problem{{Severity: perinet.Error, Code: perinet.TooLarge}}
			}
			return j
		}
	case "flaky": // reads the first file it is asked, and ends on every other
		first := true
		judge = func(string) intake.Judgement {
			if !first {
				os.Exit(3)
			}
			first = false
			return intake.Judgement{Format: "xlsx"}
		}
	}
	return func(setup) (func(string) intake.Judgement, error) { return judge, nil }
}

// child returns the Child that starts the test binary in mode, with
// limits lim.
func child(t *testing.T, mode string, lim Limits) *Child {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	c := &Child{Path: exe, Args: []string{"child", mode}, Today: time.Date(2017, 5, 15, 0, 0, 0, 0, perinet.Japan()), Limits: lim}
	t.Cleanup(func() { c.Close() })
	return c
}

// roomy are limits no form comes near.
var roomy = Limits{Memory: 1 << 30, Time: time.Minute}

// fixture returns the path of a file of ../fixtures.
func fixture(path string) string { return filepath.Join("..", "fixtures", filepath.FromSlash(path)) }

// write writes a file into a new temporary folder and returns its path.
func write(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestSameAsInProcess: a child judges as the process itself does, the
// fallback fiscal year included.
func TestSameAsInProcess(t *testing.T) {
	files := []string{
		fixture("fy2016/form-01-kuchuobu.xlsx"),
		fixture("fy2016/table-all.xlsx"),
		fixture("fy2016/edit-04-kutobu-datecell.xlsx"),
		fixture("fy2016/csv-kuchuobu-sjis.csv"),
		fixture("pdf/libreoffice/fy2016-form-08-tama.pdf"),
		write(t, "memo.csv", []byte("名前,値\nさくら,1\n")),
		write(t, "binary.dat", []byte{0, 1, 2, 3}),
		filepath.Join(t.TempDir(), "missing.xlsx"),
	}
	c := child(t, "real", roomy)
	c.FiscalYear = 2016
	rd, err := reader.New(perinet.DefaultSurvey(), c.Today)
	if err != nil {
		t.Fatal(err)
	}
	rd.FiscalYear = c.FiscalYear
	for _, path := range files {
		got, err := c.Judge(context.Background(), path)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		want, _ := intake.InProcess(rd)(context.Background(), path)
		if g, w := asJSON(t, got), asJSON(t, want); g != w {
			t.Errorf("%s: the child judged\n%s\nthe process itself\n%s", filepath.Base(path), g, w)
		}
	}
}

// asJSON returns a Judgement as JSON, the times in UTC.
func asJSON(t *testing.T, j intake.Judgement) string {
	t.Helper()
	j.Saved = j.Saved.UTC()
	b, err := json.Marshal(j)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestFailures: a child that runs out of memory or time, panics, answers
// garbage or nothing costs its file only, which gets the problem that
// says so.
func TestFailures(t *testing.T) {
	low := Limits{Memory: 64 << 20, Time: 2 * time.Second}
	for _, c := range []struct {
		mode string
		lim  Limits
		code perinet.Code
		msg  string
	}{
		{"hog", low, perinet.TooLarge, "メモリが上限を超えた"},
		// Room enough in memory that only the time runs out: with 64 MB
		// over its start, a spinning child may fail to start a thread.
		{"spin", Limits{Memory: 512 << 20, Time: 500 * time.Millisecond}, perinet.TooLarge, "時間がかかりすぎた"},
		{"panic", low, perinet.UnreadableFile, "内部エラー: a reader's bug"},
		{"garbage", low, perinet.UnreadableFile, "壊れた結果"},
		{"exit", low, perinet.UnreadableFile, "異常終了しました: exit status 3"},
	} {
		t.Run(c.mode, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "form.xlsx")
			start := time.Now()
			j, err := child(t, c.mode, c.lim).Judge(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			if took := time.Since(start); took > c.lim.Time+waitDelay {
				t.Errorf("took %v, limit %v", took, c.lim.Time)
			}
			if len(j.Problems) != 1 || j.Problems[0].Code != c.code || j.Problems[0].Severity != perinet.Error ||
				!strings.Contains(j.Problems[0].Message, c.msg) || j.Problems[0].Where != "form.xlsx" {
				t.Errorf("problems %+v, want one error %s saying %q", j.Problems, c.code, c.msg)
			}
		})
	}
}

// TestOneChildForMany: a child that judged a file well reads the next;
// one that failed, or found a file too large (an abandoned reader may
// still run in it), is replaced.
func TestOneChildForMany(t *testing.T) {
	c := child(t, "pid", roomy)
	dir := t.TempDir()
	pid := func(name string, want perinet.Code) string {
		t.Helper()
		j, err := c.Judge(context.Background(), filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if got := hasCode(j.Problems, want); want != "" && !got || want == "" && len(j.Problems) > 0 {
			t.Errorf("%s: problems %+v, want %q", name, j.Problems, want)
		}
		return j.Format
	}
	a, b := pid("a", ""), pid("b", "")
	if a == "" || b != a {
		t.Errorf("a read by %q, b by %q: want one child", a, b)
	}
	if big := pid("big", perinet.TooLarge); big != a {
		t.Errorf("big read by %q, want %q", big, a)
	}
	cc := pid("c", "")
	if cc == a {
		t.Errorf("c read by the child that found big too large")
	}
	pid("bad", perinet.UnreadableFile)
	if d := pid("d", ""); d == cc {
		t.Errorf("d read by the child that ended on bad")
	}
	if err := c.Close(); err != nil {
		t.Error(err)
	}
	if e := pid("e", ""); e == cc {
		t.Errorf("e read by the child closed")
	}
}

// TestFailureReadAgain: a file on which a child that read others fails
// is read again by a new child, so that what a file gets does not
// depend on the files before it.
func TestFailureReadAgain(t *testing.T) {
	c := child(t, "flaky", roomy)
	for _, name := range []string{"a", "b", "c"} {
		j, err := c.Judge(context.Background(), filepath.Join(t.TempDir(), name))
		if err != nil {
			t.Fatal(err)
		}
		if j.Format != "xlsx" || len(j.Problems) > 0 {
			t.Errorf("%s: %+v, want it read", name, j)
		}
	}
}

// TestBombs: issue 16's poison pills, read by the real child under low
// limits, get too_large, from the child's limits or from ingest's own
// (the PDF's decoding budget): a workbook of 200 sheets each with one
// cell at row 1,048,576, and a PDF of forms that inflate to 79 MB each.
func TestBombs(t *testing.T) {
	lim := Limits{Memory: 256 << 20, Time: 20 * time.Second}
	for _, path := range []string{
		write(t, "sparse.xlsx", sparseSheets(t, 200)),
		write(t, "forms.pdf", inflatingForms(t, 155, 79<<20)),
	} {
		start := time.Now()
		j, err := child(t, "real", lim).Judge(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		if !hasCode(j.Problems, perinet.TooLarge) {
			t.Errorf("%s: problems %+v, want too_large", filepath.Base(path), j.Problems)
		}
		t.Logf("%s: %v, %+v", filepath.Base(path), time.Since(start), j.Problems)
	}
}

// TestContextEnds: a context that ends stops the child, and is Judge's
// error, not a problem of the file.
func TestContextEnds(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := child(t, "spin", roomy).Judge(ctx, filepath.Join(t.TempDir(), "form.xlsx"))
	if err != context.DeadlineExceeded {
		t.Errorf("error %v, want %v", err, context.DeadlineExceeded)
	}
	if took := time.Since(start); took > 300*time.Millisecond+waitDelay {
		t.Errorf("took %v", took)
	}
}

// TestNoChild: a program that cannot be started, or no limits, is
// Judge's error.
func TestNoChild(t *testing.T) {
	path := fixture("fy2016/form-01-kuchuobu.xlsx")
	missing := &Child{Path: filepath.Join(t.TempDir(), "no-such-perinet"), Limits: roomy}
	if _, err := missing.Judge(context.Background(), path); err == nil {
		t.Error("a program that is not there: no error")
	}
	if _, err := child(t, "real", Limits{}).Judge(context.Background(), path); err == nil {
		t.Error("no limits: no error")
	}
}

// BenchmarkJudge compares reading a form in this process with reading it
// in a child, whose start is the cost of the sandbox.
func BenchmarkJudge(b *testing.B) {
	path := fixture("fy2016/form-01-kuchuobu.xlsx")
	rd, err := reader.New(perinet.DefaultSurvey(), time.Now())
	if err != nil {
		b.Fatal(err)
	}
	exe, err := os.Executable()
	if err != nil {
		b.Fatal(err)
	}
	for _, j := range []struct {
		name  string
		judge intake.Judge
	}{
		{"in-process", intake.InProcess(rd)},
		{"child", (&Child{Path: exe, Args: []string{"child", "real"}, Today: time.Now(), Limits: roomy}).Judge},
	} {
		b.Run(j.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := j.judge(context.Background(), path); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
