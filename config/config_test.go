package config

import (
	"errors"
	"os"
	"path/filepath"
	"perinet"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
)

// now is the day the tests read their configs on: in fiscal year 2017.
var now = time.Date(2017, time.June, 15, 12, 0, 0, 0, perinet.Japan())

// jst returns midnight at the start of a day, Japan time.
func jst(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, perinet.Japan())
}

func TestParse(t *testing.T) {
	dir := filepath.Join(string(filepath.Separator), "srv", "perinet")
	abs := filepath.Join(string(filepath.Separator), "data", "受付")
	tests := []struct {
		name string
		text string
		want func(c *Config) // changes to the defaults in dir
	}{
		{"empty file: the defaults", "", func(c *Config) {}},
		{"comments only", "# 設定なし\n\n", func(c *Config) {}},
		{"every setting", `inbox = "受付"
work = "作業"
year = "平成28年度"
deadline = 2017-05-31
submit_to = " 事務局（perinatal@example.jp） "
survey = "survey.json"
hospitals = "hospitals.txt"
purpose = "purpose.txt"
notes = "notes.txt"
publish = "公開"
paper = "A4"
settle_seconds = 300
wait_runs = 5
log_format = "json"
read_memory_mb = 2048
read_seconds = 120
`, func(c *Config) {
			c.Inbox, c.Work = filepath.Join(dir, "受付"), filepath.Join(dir, "作業")
			c.Year, c.Deadline = 2016, jst(2017, time.May, 31)
			c.SubmitTo = "事務局（perinatal@example.jp）"
			c.Survey = filepath.Join(dir, "survey.json")
			c.Hospitals, c.Purpose = filepath.Join(dir, "hospitals.txt"), filepath.Join(dir, "purpose.txt")
			c.Notes, c.Publish = filepath.Join(dir, "notes.txt"), filepath.Join(dir, "公開")
			c.Paper, c.Settle, c.WaitRuns, c.LogFormat = A4, 300*time.Second, 5, LogJSON
			c.ReadMemory, c.ReadTime = 2048<<20, 120*time.Second
		}},
		{"absolute path kept", "inbox = '" + abs + "'\n", func(c *Config) { c.Inbox = abs }},
		{"relative path below the file's folder", "work = 'a/b'\n", func(c *Config) { c.Work = filepath.Join(dir, "a", "b") }},
		{"empty optional path is none", "hospitals = ''\n", func(c *Config) {}},
		{"year as a number", "year = 2016\n", func(c *Config) { c.Year = 2016 }},
		{"year with its era initial", "year = 'H27年度'\n", func(c *Config) { c.Year = 2015 }},
		{"year this fiscal year", "year = '平成29年度（2017年度）'\n", func(c *Config) { c.Year = 2017 }},
		{"deadline quoted", "deadline = '2017-05-31'\n", func(c *Config) { c.Deadline = jst(2017, time.May, 31) }},
		{"deadline in full width", "deadline = '２０１７-０５-３１'\n", func(c *Config) { c.Deadline = jst(2017, time.May, 31) }},
		{"paper in lower case and full width", "paper = 'ａ４'\n", func(c *Config) { c.Paper = A4 }},
		{"settle zero", "settle_seconds = 0\n", func(c *Config) { c.Settle = 0 }},
		{"wait one run", "wait_runs = 1\n", func(c *Config) { c.WaitRuns = 1 }},
		{"log format in capitals", "log_format = 'JSON'\n", func(c *Config) { c.LogFormat = LogJSON }},
		{"Windows line ends", "paper = 'A4'\r\nyear = 2016\r\n", func(c *Config) { c.Paper, c.Year = A4, 2016 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := filepath.Join(dir, FileName)
			got, err := parse(tt.text, file, now)
			if err != nil {
				t.Fatalf("parse:\n%s\nerror: %v", tt.text, err)
			}
			want := defaults(dir)
			want.File = file
			tt.want(&want)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("parse:\n%s\ngot  %+v\nwant %+v", tt.text, got, want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		text string
		line int
		key  string
		msg  string // a regular expression the message must match
	}{
		{"unknown key", "inbox = 'inbox'\n\ninbxo = 'x'\n", 3, "inbxo", "「inbxo」という設定はありません.*使える設定: inbox"},
		{"a table", "paper = 'A3'\n[report]\npaper = 'A4'\n", 2, "report", "「report」という設定はありません"},
		{"not TOML", "inbox = 'inbox'\nwork = \n", 2, "", "TOML の書き方になっていません"},
		{"unclosed quote", "inbox = \"inbox\n", 1, "", "TOML の書き方になっていません"},
		{"key twice", "paper = 'A3'\npaper = 'A4'\n", 2, "", "同じ設定がもう上の行に書かれています"},
		{"path not a string", "work = 3\n", 1, "work", "引用符で囲んで.*3 と書かれています"},
		{"inbox empty", "\ninbox = ''\n", 2, "inbox", "空にはできません"},
		{"year that does not exist", "year = '平成32年度'\n", 1, "year", "平成32年度"},
		{"year not begun", "year = 2999\n", 1, "year", "まだ始まっていません"},
		{"year unreadable", "year = 'ことし'\n", 1, "year", "年度として読めません"},
		{"year a fraction", "year = 2016.5\n", 1, "year", "2016 または \"平成28年度\""},
		{"paper B5", "year = 2016\npaper = 'B5'\n", 2, "paper", `"A3" または "A4".*"B5" と書かれています`},
		{"paper a number", "paper = 4\n", 1, "paper", `"A3" または "A4"`},
		{"deadline not a date", "deadline = '5月31日'\n", 1, "deadline", "2017-05-31 のように"},
		{"deadline with a time", "deadline = 2017-05-31T17:00:00\n", 1, "deadline", "日付だけを"},
		{"deadline impossible", "deadline = '2017-02-30'\n", 1, "deadline", "2017-05-31 のように"},
		{"deadline before the year", "year = 2016\n\ndeadline = 2016-03-31\n", 3, "deadline", "報告する年度 平成28年度（2016年度） の始まる前"},
		{"submit_to not text", "submit_to = 3\n", 1, "submit_to", `"…" で囲んで.*3 と書かれています`},
		{"settle negative", "settle_seconds = -1\n", 1, "settle_seconds", "0 から 86400"},
		{"settle quoted", "settle_seconds = '60'\n", 1, "settle_seconds", `"60" と書かれています`},
		{"wait no run", "wait_runs = 0\n", 1, "wait_runs", "1 から 1000 までの整数"},
		{"wait runs quoted", "wait_runs = '3'\n", 1, "wait_runs", `"3" と書かれています`},
		{"log format", "log_format = 'xml'\n", 1, "log_format", `"text" または "json"`},
		{"read memory too low", "read_memory_mb = 100\n", 1, "read_memory_mb", "256 から 65536 までの整数で.*100 と書かれています"},
		{"read memory with its unit", "read_memory_mb = '1GB'\n", 1, "read_memory_mb", `MB 単位の.*"1GB" と書かれています`},
		{"read seconds zero", "read_seconds = 0\n", 1, "read_seconds", "1 から 86400"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse(tt.text, "perinet.toml", now)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("parse:\n%s\nerror %v, want an *Error", tt.text, err)
			}
			if e.Line != tt.line || e.Key != tt.key || !regexp.MustCompile(tt.msg).MatchString(e.Msg) {
				t.Errorf("parse:\n%s\ngot line %d key %q: %s\nwant line %d key %q, a message matching %s",
					tt.text, e.Line, e.Key, e.Msg, tt.line, tt.key, tt.msg)
			}
			if !strings.HasPrefix(err.Error(), "perinet.toml ") {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

// TestParseEveryMistake checks that one reading names every mistake, each
// with its line, so that the secretariat fixes them all at once.
func TestParseEveryMistake(t *testing.T) {
	_, err := parse("paper = 'B5'\nyear = 'x'\nlog_format = 1\n", "perinet.toml", now)
	want := []string{"perinet.toml 1行目（paper）", "perinet.toml 2行目（year）", "perinet.toml 3行目（log_format）"}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != len(want) {
		t.Fatalf("error:\n%v\nwant %d lines", err, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w+": ") {
			t.Errorf("line %d: %s, want it to begin %s", i+1, lines[i], w)
		}
	}
}

// TestExample checks that the example perinet init writes reads back as
// the built-in defaults, and that every setting it shows commented out
// reads when the secretariat removes its #.
func TestExample(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, FileName)
	got, err := parse(Example(), file, now)
	if err != nil {
		t.Fatal(err)
	}
	want := defaults(dir)
	want.File = file
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the example reads as\n%+v\nwant the defaults\n%+v", got, want)
	}
	commented := regexp.MustCompile(`(?m)^# ([a-z_]+ = .*)$`)
	uncommented := commented.ReplaceAllString(Example(), "$1")
	if uncommented == Example() {
		t.Fatal("the example shows no commented-out setting")
	}
	all, err := parse(uncommented, file, now)
	if err != nil {
		t.Fatalf("the example with every setting uncommented: %v", err)
	}
	if all.Year == 0 || all.Deadline.IsZero() || all.Survey == "" || all.Hospitals == "" || all.Purpose == "" || all.Notes == "" || all.Publish == "" || all.DeskPasswordHash == "" {
		t.Errorf("the example does not show every optional setting: %+v", all)
	}
	def := Default()
	if def.Inbox != "inbox" || def.Store() != filepath.Join("work", "perinet.db") {
		t.Errorf("Default() = %+v, want paths in the current folder", def)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		data []byte
		year int
	}{
		{"UTF-8 with a byte order mark", []byte("\uFEFFyear = '平成28年度'\n"), 2016},
		{"Shift_JIS", []byte("year = '\x95\xbd\x90\xac28\x94N\x93x'\n"), 2016}, // 平成28年度
	}
	for _, tt := range tests {
		file := filepath.Join(dir, tt.name+".toml")
		if err := os.WriteFile(file, tt.data, 0o644); err != nil {
			t.Fatal(err)
		}
		c, err := Load(file)
		if err != nil || c.Year != tt.year || c.Inbox != filepath.Join(dir, "inbox") {
			t.Errorf("%s: Load = %+v, %v; want year %d", tt.name, c, err, tt.year)
		}
	}
	if _, err := Load(filepath.Join(dir, "none.toml")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Load of a missing file: %v, want os.ErrNotExist", err)
	}
}

func TestFiscalYear(t *testing.T) {
	tests := []struct {
		now  time.Time
		year int // Config.Year
		want int
	}{
		{time.Date(2017, time.March, 31, 23, 59, 0, 0, perinet.Japan()), 0, 2016},
		{time.Date(2017, time.March, 31, 15, 0, 0, 0, time.UTC), 0, 2017}, // 1 April, 0:00 in Japan
		{time.Date(2017, time.April, 1, 0, 0, 0, 0, perinet.Japan()), 0, 2017},
		{time.Date(2018, time.January, 5, 9, 0, 0, 0, perinet.Japan()), 0, 2017},
		{time.Date(2018, time.January, 5, 9, 0, 0, 0, perinet.Japan()), 2015, 2015},
	}
	for _, tt := range tests {
		if got := (Config{Year: tt.year}).FiscalYear(tt.now); got != tt.want {
			t.Errorf("Config{Year: %d}.FiscalYear(%v) = %d, want %d", tt.year, tt.now, got, tt.want)
		}
	}
}

func TestDeadlinePassed(t *testing.T) {
	c := Config{Deadline: jst(2017, time.May, 31)}
	tests := []struct {
		now  time.Time
		want bool
	}{
		{time.Date(2017, time.May, 31, 23, 59, 0, 0, perinet.Japan()), false},
		{time.Date(2017, time.May, 31, 15, 0, 0, 0, time.UTC), true}, // 1 June, 0:00 in Japan
		{time.Date(2017, time.June, 1, 0, 0, 0, 0, perinet.Japan()), true},
	}
	for _, tt := range tests {
		if got := c.DeadlinePassed(tt.now); got != tt.want {
			t.Errorf("DeadlinePassed(%v) = %v, want %v", tt.now, got, tt.want)
		}
	}
	if (Config{}).DeadlinePassed(now) {
		t.Error("no deadline has passed")
	}
}
