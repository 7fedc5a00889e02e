package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"perinet"
	"perinet/ingest"
)

// templateWork runs the nightly job on every fixture form into a new work
// folder and returns a config file that names it, and the folder.
func templateWork(t *testing.T) (cfg, work string) {
	t.Helper()
	inbox := copyForms(t, "fy20*/form-*.xlsx")
	dir := t.TempDir()
	work = filepath.Join(dir, "work")
	if code, stdout, stderr := runCommand("run", "--inbox", inbox, "--work", work, "--settle", "0"); code != exitOK {
		t.Fatalf("run: exit %d\n%s%s", code, stdout, stderr)
	}
	cfg = filepath.Join(dir, "perinet.toml")
	text := "work = '" + work + "'\ndeadline = 2019-05-31\nyear = 2019\nsubmit_to = '事務局（perinatal@example.jp）'\n"
	if err := os.WriteFile(cfg, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return cfg, work
}

// TestTemplateRoundTrip makes each year's forms from a store that holds
// every fixture year and checks them with perinet check --json: every
// group reads back as its latest Record before the year, in the year, with
// no problem.
func TestTemplateRoundTrip(t *testing.T) {
	cfg, _ := templateWork(t)
	var all []perinet.Record
	for fy := 2014; fy <= 2019; fy++ {
		want := map[string]perinet.Record{}
		for _, r := range all {
			r.FiscalYear = fy
			want[r.Block] = r // later years come later
		}
		out := filepath.Join(t.TempDir(), "forms")
		code, stdout, stderr := runCommand("template", "--config", cfg, "--year", strconv.Itoa(fy), "--all", "--out", out, "--today", "2019-06-01")
		if code != exitOK {
			t.Fatalf("FY%d: exit %d\n%s%s", fy, code, stdout, stderr)
		}
		files, _ := filepath.Glob(filepath.Join(out, "*.xlsx"))
		if len(files) != 8 {
			t.Errorf("FY%d: %d forms, want 8 (7 network groups, 多摩地域 with its sub-groups)", fy, len(files))
		}
		var got []perinet.Record
		for _, file := range files {
			line, _, code := checkJSON(t, file)
			if code != exitOK || len(line.Problems) > 0 && len(want) > 0 {
				t.Errorf("FY%d %s: exit %d, problems %+v", fy, filepath.Base(file), code, line.Problems)
			}
			got = append(got, line.Records...)
		}
		if len(want) > 0 {
			compareRecords(t, got, mapValues(want))
		} else {
			checkBlank(t, stdout, got)
		}
		if fy < 2019 {
			all = append(all, fixtureRecords(t, fy)...)
		}
	}
}

// checkBlank checks the forms made from a store without earlier years:
// the secretariat is told, and each of the 14 groups reads back with its
// name and hospital and nothing else.
func checkBlank(t *testing.T, stdout string, got []perinet.Record) {
	t.Helper()
	if !strings.Contains(stdout, "前回の回答を入れずに作ります") {
		t.Errorf("no word that the forms are blank:\n%s", stdout)
	}
	hospitals := map[string]string{}
	for _, b := range perinet.DefaultSurvey().Blocks {
		hospitals[b.Name] = b.Hospital
	}
	if len(got) != 14 {
		t.Errorf("%d groups in the blank forms, want 14", len(got))
	}
	for _, r := range got {
		if r.Hospital != hospitals[r.Block] || r.Hospital == "" || r.Started != nil {
			t.Errorf("blank form of %s: hospital %q, started %+v", r.Block, r.Hospital, r.Started)
		}
		for _, it := range r.Items {
			if it.Mark != perinet.Blank || len(it.Details) > 0 || it.DistributedTo != nil {
				t.Errorf("blank form of %s: item %+v", r.Block, it)
			}
		}
	}
}

func mapValues(m map[string]perinet.Record) []perinet.Record {
	var v []perinet.Record
	for _, r := range m {
		v = append(v, r)
	}
	return v
}

// TestTemplateNeverOverwrites writes a form, from the store --work names,
// twice into a folder that holds a file of its name: the file is left as
// it was, and the exit status says so.
func TestTemplateNeverOverwrites(t *testing.T) {
	out := t.TempDir()
	path := filepath.Join(out, "調査票_2019年度_区東部.xlsx")
	if err := os.WriteFile(path, []byte("a hospital's answer"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, work := templateWork(t)
	for range 2 {
		code, _, stderr := runCommand("template", "--work", work, "--year", "2019", "--group", "区東部", "--out", out)
		if code != exitProblem || !strings.Contains(stderr, "書き換えずにおきます") {
			t.Errorf("exit %d, stderr %q; want exit %d and that the file is left as it was", code, stderr, exitProblem)
		}
	}
	if b, _ := os.ReadFile(path); !bytes.Equal(b, []byte("a hospital's answer")) {
		t.Error("the file in the way was overwritten")
	}
	if left, _ := os.ReadDir(out); len(left) != 1 {
		t.Errorf("%d files in the folder, want only the one that was there", len(left))
	}
}

// TestTemplateWork writes a form from the store in the folder --work
// names, without a config: it is pre-filled with the group's latest
// answers.
func TestTemplateWork(t *testing.T) {
	_, work := templateWork(t)
	out := t.TempDir()
	code, stdout, stderr := runCommand("template", "--work", work, "--year", "2019", "--group", "区西部", "--out", out)
	if code != exitOK || !strings.Contains(stdout, "前回（平成30年度）の回答入り") {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	line, _, _ := checkJSON(t, filepath.Join(out, "調査票_2019年度_区西部.xlsx"))
	var want perinet.Record
	for _, r := range fixtureRecords(t, 2018) {
		if r.Block == "区西部" {
			want = r
			want.FiscalYear = 2019
		}
	}
	compareRecords(t, line.Records, []perinet.Record{want})
}

// TestTemplateLostStore: a store that is gone while it has backups is not
// taken for a new one, whose forms would lack last year's answers: perinet
// template says how to restore it, and writes nothing.
func TestTemplateLostStore(t *testing.T) {
	_, work := templateWork(t)
	if err := os.Remove(filepath.Join(work, "perinet.db")); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	code, stdout, stderr := runCommand("template", "--work", work, "--year", "2019", "--group", "区西部", "--out", out)
	if code != exitProblem || !strings.Contains(stderr, "がありません。最新のバックアップから戻してください") {
		t.Errorf("exit %d, want %d and how to restore\n%s%s", code, exitProblem, stdout, stderr)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("%d files written", len(entries))
	}
}

// TestTemplateGroup writes one group's form: a sub-group named on its own
// gets a one-group form, a network group with sub-groups the table.
func TestTemplateGroup(t *testing.T) {
	cfg, _ := templateWork(t)
	tests := []struct {
		group  string
		file   string
		groups int
	}{
		{"西多摩", "調査票_2019年度_西多摩.xlsx", 1},
		{"多摩", "調査票_2019年度_多摩地域.xlsx", 7},
		{"区中央部", "調査票_2019年度_区中央部.xlsx", 1},
	}
	for _, tt := range tests {
		out := t.TempDir()
		code, stdout, stderr := runCommand("template", "--config", cfg, "--group", tt.group, "--out", out, "--today", "2019-06-01")
		if code != exitOK {
			t.Fatalf("--group %s: exit %d\n%s%s", tt.group, code, stdout, stderr)
		}
		line, _, _ := checkJSON(t, filepath.Join(out, tt.file))
		if len(line.Records) != tt.groups || len(line.Problems) != 0 {
			t.Errorf("--group %s: %d groups, problems %+v; want %d groups", tt.group, len(line.Records), line.Problems, tt.groups)
		}
		const send = "事務局（perinatal@example.jp）へ2019年5月31日（金）までに電子メールで送ってください"
		if text := sheetText(t, filepath.Join(out, tt.file)); !strings.Contains(text, send) {
			t.Errorf("--group %s: the instructions do not say %q", tt.group, send)
		}
	}
}

// sheetText returns the text of every cell of a workbook's sheets.
func sheetText(t *testing.T, path string) string {
	t.Helper()
	g, problems := ingest.File(path, ingest.Limits{})
	if g == nil {
		t.Fatalf("%s: %+v", path, problems)
	}
	var b strings.Builder
	for _, sh := range g.Sheets {
		for _, row := range sh.Rows {
			for _, c := range row {
				b.WriteString(c.Text + "\n")
			}
		}
	}
	return b.String()
}

// TestTemplateUsage: a command line that cannot be done is a usage error
// that says what to write.
func TestTemplateUsage(t *testing.T) {
	out := t.TempDir()
	dir, conf := statusDir(t, false)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--all"}, "--out"},
		{[]string{"--out", out}, "--group"},
		{[]string{"--out", out, "--all", "--group", "区東部"}, "どちらか一方"},
		{[]string{"--out", out, "--group", "区北部"}, "「区北部」というグループはありません"},
		{[]string{"--out", out, "--all", "--year", "令和99年度"}, "--year"},
		{[]string{"--out", out, "--all", "extra"}, "余分な引数"},
		{[]string{"--out", out, "--all", "--work", filepath.Join(out, "wrok")}, "作業フォルダ"},
		{[]string{"--out", out, "--all", "--config", conf, "--work", filepath.Join(dir, "inbox")},
			"受付フォルダ（inbox = " + filepath.Join(dir, "inbox") + "）と作業フォルダ（--work = " + filepath.Join(dir, "inbox") + "）が同じフォルダです。"},
	}
	for _, tt := range tests {
		code, _, stderr := runCommand(append([]string{"template"}, tt.args...)...)
		if code != exitUsage || !strings.Contains(stderr, tt.want) {
			t.Errorf("template %v: exit %d, stderr %q; want exit %d and %q", tt.args, code, stderr, exitUsage, tt.want)
		}
	}
	if left, _ := os.ReadDir(out); len(left) != 0 {
		t.Errorf("a usage error wrote %d files", len(left))
	}
}
