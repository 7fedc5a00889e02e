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
			c := Child{Path: exe, Args: []string{"child", "real"}, Limits: Limits{Memory: 256 << 20, Time: time.Minute}}
			_, err = c.Judge(context.Background(), os.Args[2])
		}
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

// childJudge returns the judge of a child started as "child MODE".
func childJudge(mode string) func(request) (intake.Judgement, error) {
	switch mode {
	case "hog": // keeps allocating, and touching, memory
		return func(request) (intake.Judgement, error) {
			var kept [][]byte
			for {
				b := make([]byte, 1<<20)
				for i := 0; i < len(b); i += 4096 {
					b[i] = 1
				}
				kept = append(kept, b)
			}
		}
	case "spin": // writes its pid to the request's path, then burns CPU for ever
		return func(req request) (intake.Judgement, error) {
			if err := os.WriteFile(req.Path, fmt.Appendf(nil, "%d", os.Getpid()), 0o644); err != nil {
				return intake.Judgement{}, err
			}
			for {
			}
		}
	case "panic":
		return func(request) (intake.Judgement, error) { panic("a reader's bug") }
	case "garbage": // answers what is no Judgement
		return func(request) (intake.Judgement, error) {
			fmt.Print("<html>")
			os.Exit(0)
			return intake.Judgement{}, nil
		}
	case "exit": // ends without a word
		return func(request) (intake.Judgement, error) {
			os.Exit(3)
			return intake.Judgement{}, nil
		}
	}
	return judge
}

// child returns the Child that starts the test binary in mode, with
// limits lim.
func child(t *testing.T, mode string, lim Limits) Child {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	return Child{Path: exe, Args: []string{"child", mode}, Today: time.Date(2017, 5, 15, 0, 0, 0, 0, perinet.Japan()), Limits: lim}
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
		{"spin", Limits{Memory: 64 << 20, Time: 500 * time.Millisecond}, perinet.TooLarge, "時間がかかりすぎた"},
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

// TestBombs: issue 16's poison pills, read by the real child under low
// limits, get too_large: a workbook of 200 sheets each with one cell at
// row 1,048,576, and a PDF of forms that inflate to 79 MB each.
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
		if len(j.Problems) == 0 || j.Problems[0].Code != perinet.TooLarge {
			t.Errorf("%s: problems %+v, want too_large", filepath.Base(path), j.Problems)
		}
		t.Logf("%s: %v, %s", filepath.Base(path), time.Since(start), j.Problems[0].Message)
	}
}

// TestContextEnds: a context that ends stops the child, and is Judge's
// error, not a problem of the file.
func TestContextEnds(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := child(t, "spin", roomy).Judge(ctx, filepath.Join(t.TempDir(), "pid"))
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
	missing := Child{Path: filepath.Join(t.TempDir(), "no-such-perinet"), Limits: roomy}
	if _, err := missing.Judge(context.Background(), path); err == nil {
		t.Error("a program that is not there: no error")
	}
	if _, err := child(t, "real", Limits{}).Judge(context.Background(), path); err == nil {
		t.Error("no limits: no error")
	}
}
