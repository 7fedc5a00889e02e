package main

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestParseFlags: flags anywhere among the arguments, "--" ends them, and
// each mistake is said in Japanese.
func TestParseFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
		json bool
		year string
		rest []string
		err  string // in the error; "" for none
	}{
		{"flags first", []string{"--json", "--year", "2016", "a.xlsx"}, true, "2016", []string{"a.xlsx"}, ""},
		{"a flag after the files", []string{"a.xlsx", "b.csv", "--json"}, true, "", []string{"a.xlsx", "b.csv"}, ""},
		{"a flag between the files", []string{"a.xlsx", "--year", "平成28年度", "b.csv"}, false, "平成28年度", []string{"a.xlsx", "b.csv"}, ""},
		{"flag=value, one dash", []string{"a.xlsx", "-year=2016", "-json"}, true, "2016", []string{"a.xlsx"}, ""},
		{"a boolean's value after =", []string{"--json=false", "a.xlsx"}, false, "", []string{"a.xlsx"}, ""},
		{"a boolean takes no next argument", []string{"--json", "true"}, true, "", []string{"true"}, ""},
		{"-- ends the flags", []string{"a.xlsx", "--", "--json", "-x"}, false, "", []string{"a.xlsx", "--json", "-x"}, ""},
		{"values that are no flags", []string{"-", "-3", "- 研修会", "－", "-ほげ"}, false, "", []string{"-", "-3", "- 研修会", "－", "-ほげ"}, ""},
		{"a value that looks like a flag", []string{"--year", "--json"}, false, "--json", nil, ""},
		{"no such flag", []string{"a.xlsx", "--jsno"}, false, "", nil,
			"「--jsno」というオプションはありません（使えるオプション: --json, --year）。「-」で始まるファイル名や値は、-- の後に書いてください"},
		{"a value missing", []string{"a.xlsx", "--year"}, false, "", nil, "--year の後に値を書いてください（年度）"},
		{"a value it cannot take", []string{"--json=maybe", "a.xlsx"}, false, "", nil, "--json に「maybe」は指定できません（JSONで出力する）"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := newCommandFlags("check")
			json := fs.Bool("json", false, "JSONで出力する")
			year := fs.String("year", "", "年度")
			err := parseFlags(fs, tt.args)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Errorf("parseFlags(%q): %v, want the error %q", tt.args, err, tt.err)
				}
				return
			}
			if err != nil || *json != tt.json || *year != tt.year || !slices.Equal(fs.Args(), tt.rest) {
				t.Errorf("parseFlags(%q): json %v, year %q, rest %q, %v; want %v, %q, %q", tt.args, *json, *year, fs.Args(), err, tt.json, tt.year, tt.rest)
			}
		})
	}
	for _, help := range []string{"-h", "--help", "-help"} {
		if err := parseFlags(newCommandFlags("check"), []string{"a.xlsx", help}); !errors.Is(err, errHelp) {
			t.Errorf("parseFlags(%s): %v, want errHelp", help, err)
		}
	}
}

// TestCommandMessages runs each command the ways people get it wrong, and
// some they get right with flags after the files: the exit status and
// what is said, in Japanese.
func TestCommandMessages(t *testing.T) {
	dir := t.TempDir()
	form := fixtureGlob(t, "fy2016/form-01*.xlsx")[0]
	conf := filepath.Join(dir, "perinet.toml")
	if code, _, stderr := runCommand("init", dir); code != exitOK {
		t.Fatalf("init: %s", stderr)
	}
	if err := os.Remove(filepath.Join(dir, "inbox")); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "pipe")
	if err := mkfifo(fifo); err != nil {
		fifo = "" // no named pipes here
	}
	out := filepath.Join(dir, "report")
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string // in stdout
		stderr string // in stderr
	}{
		{"check: a flag after the file", []string{"check", form, "--json", "--today", "2026-11-25"}, exitOK,
			`{"file":"` + form + `","sha256":"`, ""},
		{"check: a folder", []string{"check", "--json", dir}, exitProblem,
			`"code":"unreadable_file","where":"` + filepath.Base(dir) + `","field":"","text":"` + filepath.Base(dir) + `","message":"ファイルではなくフォルダです。フォルダの中のファイルを指定してください。"`, ""},
		{"check: a file not there", []string{"check", filepath.Join(dir, "none.xlsx"), form}, exitProblem,
			"■ " + filepath.Join(dir, "none.xlsx") + ": 読み取れませんでした。\n  エラー［none.xlsx］ ファイルがありません。名前と場所を確かめてください。\n", ""},
		{"check: a named pipe", []string{"check", fifo}, exitProblem, "エラー［pipe］ 名前付きパイプ（FIFO）で、ファイルではないため読みません。", ""},
		{"check: no file", []string{"check", "--json"}, exitUsage, "", "perinet check: 調べるファイルを指定してください\n\n使い方:\n  perinet check [--json]"},
		{"check: a flag mistyped", []string{"check", form, "--jsno"}, exitUsage, "",
			"perinet check: 「--jsno」というオプションはありません（使えるオプション: --hospitals, --json, --survey, --today, --year）"},
		{"check --help", []string{"check", "--help"}, exitOK, "使い方:\n  perinet check [--json]", ""},
		{"help check", []string{"help", "check"}, exitOK, "使い方:\n  perinet check [--json]", ""},
		{"report: flags after the files", []string{"report", form, "--out", out, "--today", "2026-11-25"}, exitOK, "平成28年度（2016年度）の報告書を作成しました。", ""},
		{"report: a year no file holds", []string{"report", form, "--out", out, "--year", "2019"}, exitUsage, "",
			"perinet report: --year の令和元年度（2019年度）の調査票がありません（ファイルにある年度: 平成28年度（2016年度））。--year を直すか、その年度の調査票を指定してください\n"},
		{"report: no --out", []string{"report", form}, exitUsage, "", "--out で報告書を書き出すフォルダを指定してください"},
		{"run: the config's inbox missing", []string{"run", "--config", conf}, exitUsage, "",
			"perinet run: 設定ファイル " + conf + " の inbox に書かれた受付フォルダ " + filepath.Join(dir, "inbox") +
				" がありません。そのフォルダを作るか、設定ファイルの inbox を直してください（--inbox で受付フォルダを指定することもできます）\n"},
		{"run: --inbox missing", []string{"run", "--inbox", filepath.Join(dir, "none"), "--work", filepath.Join(dir, "w")}, exitUsage, "",
			"perinet run: --inbox で指定した受付フォルダ " + filepath.Join(dir, "none") +
				" がありません。フォルダの名前を確かめてください（受付フォルダは自動では作りません。perinet init フォルダ で用意できます）\n"},
		{"run: --inbox a file", []string{"run", "--inbox", form, "--work", filepath.Join(dir, "w")}, exitUsage, "", "はフォルダではありません"},
		{"parse: a flag after the kind", []string{"parse", "mark", "○", "--today", "2026-11-25"}, exitOK, `{"text":"○","value":"yes","problem":null}`, ""},
		{"parse: a value after --", []string{"parse", "details", "--", "-x", "--today"}, exitOK, `{"text":"-x","value":["x"],"problem":null}` + "\n" + `{"text":"--today",`, ""},
		{"status: too many arguments", []string{"status", "--config", conf, "2016"}, exitUsage, "", "perinet status: 余分な引数があります: 2016"},
		{"version", []string{"version"}, exitOK, "perinet ", ""},
		{"--version", []string{"--version"}, exitOK, "\nGo: go", ""},
		{"version: an argument", []string{"version", "x"}, exitUsage, "", "perinet version: 余分な引数があります: x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if slices.Contains(tt.args, "") {
				t.Skip("no named pipe on this system")
			}
			done := make(chan struct{})
			var code int
			var stdout, stderr string
			go func() {
				code, stdout, stderr = runCommand(tt.args...)
				close(done)
			}()
			select {
			case <-done:
			case <-time.After(time.Minute):
				t.Fatalf("perinet %q still running after a minute", tt.args)
			}
			if code != tt.code || !strings.Contains(stdout, tt.stdout) || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("perinet %q: exit %d\nstdout %s\nstderr %s\nwant exit %d, stdout with %q, stderr with %q",
					tt.args, code, stdout, stderr, tt.code, tt.stdout, tt.stderr)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "w")); err == nil {
		t.Error("a run without its inbox made the work folder")
	}
}

// TestRunWithoutConfig: perinet run in a folder with no inbox and no
// --config says where it looked and suggests perinet init or --inbox.
func TestRunWithoutConfig(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	code, _, stderr := runCommand("run")
	want := "perinet run: 受付フォルダ " + filepath.Join(dir, "inbox") + " がありません（--config の指定がないため、今のフォルダの inbox を使います）。" +
		"perinet init フォルダ で設定ファイルと受付フォルダを用意して、その perinet.toml を --config で指定するか、--inbox で受付フォルダを指定してください\n"
	if code != exitUsage || stderr != want {
		t.Errorf("exit %d, %q; want exit %d, %q", code, stderr, exitUsage, want)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("perinet run without an inbox left %d files", len(left))
	}
}

// TestUsageTexts: the usage of every command lists every flag it takes
// (as its message about an unknown flag names them) and, for a command
// that reads forms, every format.
func TestUsageTexts(t *testing.T) {
	flagName := regexp.MustCompile(`--[a-z][a-z-]*`)
	description := regexp.MustCompile(`\n {6}\S`) // the synopsis ends where the description begins
	for _, c := range commands {
		t.Run(c.name, func(t *testing.T) {
			if c.name == "help" {
				return
			}
			_, _, stderr := runCommand(c.name, "--no-such-flag")
			taken := flagName.FindAllString(stderr[:strings.Index(stderr, "\n")], -1)[1:]
			for _, f := range taken {
				if !strings.Contains(c.usage, "      "+f+" ") {
					t.Errorf("the usage of %s has no line for %s:\n%s", c.name, f, c.usage)
				}
				synopsis := c.usage[:description.FindStringIndex(c.usage)[0]]
				if !strings.Contains(synopsis, f+" ") && !strings.Contains(synopsis, f+"]") && !strings.Contains(synopsis, f+")") {
					t.Errorf("the synopsis of %s has no %s:\n%s", c.name, f, synopsis)
				}
			}
			if got := commandUsage(c.name); !strings.HasPrefix(got, "使い方:\n"+c.usage) {
				t.Errorf("commandUsage(%s) = %q", c.name, got)
			}
		})
	}
	for _, name := range []string{"check", "report", "run"} {
		for _, format := range []string{".xlsx", ".xlsm", ".xls", ".ods", "CSV", "PDF"} {
			if !strings.Contains(commandUsage(name), format) {
				t.Errorf("the usage of %s does not name %s", name, format)
			}
		}
	}
	if code, stdout, _ := runCommand("help"); code != exitOK || stdout != usage {
		t.Errorf("perinet help: exit %d, %q", code, stdout)
	}
}

func TestVersionText(t *testing.T) {
	build := func(version string, settings ...string) *debug.BuildInfo {
		info := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "perinet", Version: version}}
		for i := 0; i < len(settings); i += 2 {
			info.Settings = append(info.Settings, debug.BuildSetting{Key: settings[i], Value: settings[i+1]})
		}
		return info
	}
	tests := []struct {
		name string
		info *debug.BuildInfo
		want string
	}{
		{"a release", build("v1.2.0", "vcs.revision", "a091617c0ffee", "vcs.time", "2026-11-30T15:04:05Z", "vcs.modified", "false"),
			"perinet v1.2.0\nビルド: リビジョン a091617c0ffee（2026-12-01 00:04:05 日本時間）\nGo: go1.26.8\n"},
		{"changes not committed", build("(devel)", "vcs.revision", "a091617", "vcs.time", "2026-11-30T15:04:05Z", "vcs.modified", "true"),
			"perinet 開発版（(devel)）\nビルド: リビジョン a091617（2026-12-01 00:04:05 日本時間）、コミットしていない変更を含む\nGo: go1.26.8\n"},
		{"no version control", build("(devel)"),
			"perinet 開発版（(devel)）\nビルド: リビジョン不明（バージョン管理の情報なしでビルドされました）\nGo: go1.26.8\n"},
		{"no build information", nil, "perinet（バージョン不明: ビルドの情報がありません）\n"},
	}
	for _, tt := range tests {
		if got := versionText(tt.info); got != tt.want {
			t.Errorf("%s:\n%s\nwant\n%s", tt.name, got, tt.want)
		}
	}
}

// TestParseCommandLineHelp: --help prints the command's usage on stdout
// and nothing else.
func TestParseCommandLineHelp(t *testing.T) {
	var stdout, stderr strings.Builder
	fs := newCommandFlags("status")
	code, ok := parseCommandLine(fs, []string{"--help"}, &stdout, &stderr)
	if ok || code != exitOK || stdout.String() != commandUsage("status") || stderr.Len() != 0 {
		t.Errorf("--help: %d, %v, stdout %q, stderr %q", code, ok, stdout.String(), stderr.String())
	}
}
