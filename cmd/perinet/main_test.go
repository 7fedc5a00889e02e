package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestMain lets the test binary be the child perinet that the commands
// under test start to read each file (package sandbox): started with the
// hidden subcommand, it runs it, as perinet would.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == judgeCommand {
		os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (go test -update rewrites it):\n--- got\n%s", path, got)
	}
}

// TestParseGolden runs perinet parse on the spellings of the published
// table and the notations of the contract, one kind at a time.
func TestParseGolden(t *testing.T) {
	runs := [][]string{
		{"date", "H22年2月", "Ｈ20年8月", "H22.2", "H.22.2", "H22/2", "H22-2", "h22.2", "平成22年2月", "平22年2月",
			"平成二十二年二月", "令和元年5月", "R1.5", "㍻22年2月", "2010年2月", "2010/2", "2010-02", "平成22年2月1日", "40210",
			"H31年5月", "平成31年5月1日", "令和元年4月", "昭和64年1月8日", "平成31年2月29日", "令和9年1月", "22年2月", "不明"},
		{"fiscal-year", "平成28年度", "H28年度", "2016年度", "令和元年度", "R2年度", "平成28年度（2016年度）", "平成32年度", "平成28年度（2017年度）"},
		{"mark", "○", "◯", "〇", "⭕", "●", "◎", "有", "済", "×", "✕", "✖", "☓", "無", "－", "―", "△", "一部", "", "？"},
		{"count", "103施設", "１０３施設", "103 施設", "103か所", "103", "多摩地域全体分を杏林大が集約・配付", "約100施設", "-3", ""},
		{"block", "区中央部", "南多摩(町田市除く)", "南多摩 町田市除く", "多摩地域", "島しょ", "区北部", ""},
		{"hospital", "愛育", "東邦大森", "日医大多摩永山", "東京都立墨東病院", "さくら病院"},
		{"details", "・NCPR講習会\n・ALSO\n・育児支援研修会\n・J-MELSﾍﾞｰｼｯｸｺｰｽ", "（連携会議で検討）", "多摩地域全体分を杏林大が集約・配付", ""},
	}
	var out bytes.Buffer
	for _, args := range runs {
		var stdout, stderr bytes.Buffer
		code := run(append([]string{"parse", "--today", "2026-11-25"}, args...), strings.NewReader(""), &stdout, &stderr)
		fmt.Fprintf(&out, "$ perinet parse %s … (exit %d)\n%s%s", args[0], code, stdout.String(), stderr.String())
		if lines := strings.Count(stdout.String(), "\n"); lines != len(args)-1 {
			t.Errorf("parse %s: %d lines for %d values", args[0], lines, len(args)-1)
		}
	}
	golden(t, "parse.golden", out.Bytes())
}

// TestParseShape checks each line against the contract's shape: exactly
// the keys text, value and problem, and a complete problem.
func TestParseShape(t *testing.T) {
	var stdout, stderr bytes.Buffer
	run([]string{"parse", "date", "H22年2月", "H31年5月"}, strings.NewReader(""), &stdout, &stderr)
	for _, line := range strings.Split(strings.TrimSpace(stdout.String()), "\n") {
		var v map[string]json.RawMessage
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		if len(v) != 3 || v["text"] == nil || v["value"] == nil || v["problem"] == nil {
			t.Errorf("line %s: want exactly text, value and problem", line)
		}
		var p map[string]any
		if err := json.Unmarshal(v["problem"], &p); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"severity", "code", "where", "field", "text", "message"} {
			if _, ok := p[k]; p != nil && !ok {
				t.Errorf("line %s: problem has no %q", line, k)
			}
		}
	}
}

// TestParseRadicals: text with CJK radicals for ideographs, as copied from
// a PDF, reads as the ideographs do, and is quoted as written.
func TestParseRadicals(t *testing.T) {
	tests := []struct {
		kind, text, want string
	}{
		{"date", "H22年2⽉", `{"text":"H22年2⽉","value":{"year":2010,"month":2},"problem":null}`},
		{"block", "区⻄南部", `{"text":"区⻄南部","value":{"block":"区西南部","tier":"network"},"problem":null}`},
		{"hospital", "⽇本⾚⼗字社医療センター", `{"text":"⽇本⾚⼗字社医療センター","value":"日本赤十字社医療センター","problem":null}`},
		{"count", "⼆⼗施設", `{"text":"⼆⼗施設","value":20,"problem":null}`},
		{"mark", "⼀部", `{"text":"⼀部","value":"partial","problem":null}`},
		{"details", "・⽇本⾚⼗字社で実施", `{"text":"・⽇本⾚⼗字社で実施","value":["日本赤十字社で実施"],"problem":null}`},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		code := run([]string{"parse", "--today", "2026-11-25", tt.kind, tt.text}, strings.NewReader(""), &stdout, &stderr)
		if got := strings.TrimSpace(stdout.String()); code != exitOK || got != tt.want {
			t.Errorf("parse %s %q: exit %d\n%s%s\nwant exit 0\n%s", tt.kind, tt.text, code, got, stderr.String(), tt.want)
		}
	}
}

func TestParseStdin(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run([]string{"parse", "mark"}, strings.NewReader("○\r\n×\n\n△"), &stdout, &stderr)
	want := `{"text":"○","value":"yes","problem":null}
{"text":"×","value":"no","problem":null}
{"text":"","value":"blank","problem":null}
{"text":"△","value":"partial","problem":null}
`
	if code != exitOK || stdout.String() != want {
		t.Errorf("parse mark from stdin: exit %d\n%s\nwant exit 0\n%s", code, stdout.String(), want)
	}
}

func TestExitStatus(t *testing.T) {
	tests := []struct {
		args []string
		want int
	}{
		{[]string{"parse", "date", "H22年2月"}, exitOK},
		{[]string{"parse", "date", "H22年2月", "H31年5月"}, exitProblem},
		{[]string{"parse", "hospital", "さくら病院"}, exitOK}, // a warning is not an error
		{[]string{"parse", "mark", "-"}, exitOK},         // a lone dash is a value, not a flag
		{[]string{"parse"}, exitUsage},
		{[]string{"parse", "colour", "red"}, exitUsage},
		{[]string{"parse", "--today", "tomorrow", "date", "H22年2月"}, exitUsage},
		{[]string{"parse", "--hospitals", "/nonexistent", "hospital", "墨東"}, exitUsage},
		{[]string{}, exitUsage},
		{[]string{"frobnicate"}, exitUsage},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		if got := run(tt.args, strings.NewReader(""), &stdout, &stderr); got != tt.want {
			t.Errorf("perinet %q: exit %d, want %d (stderr %s)", tt.args, got, tt.want, stderr.String())
		}
	}
}

func TestParseHospitalFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "hospitals.txt")
	if err := os.WriteFile(file, []byte("広尾 = 東京都立広尾病院\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"parse", "--hospitals", file, "hospital", "広尾"}, strings.NewReader(""), &stdout, &stderr)
	if want := `{"text":"広尾","value":"東京都立広尾病院","problem":null}` + "\n"; code != exitOK || stdout.String() != want {
		t.Errorf("exit %d, %s; want %s", code, stdout.String(), want)
	}
}
