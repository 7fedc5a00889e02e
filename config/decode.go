package config

import (
	"cmp"
	"errors"
	"fmt"
	"path/filepath"
	"perinet"
	"slices"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
	"golang.org/x/text/width"

	"perinet/normalize"
)

// keys lists the settings of the file, for the message about an unknown one.
const keys = "inbox, work, year, deadline, submit_to, survey, hospitals, purpose, notes, publish, paper, settle_seconds, wait_runs, read_memory_mb, read_seconds, log_format, desk_password_hash"

// An Error is one mistake in a config file, in Japanese for the
// secretariat who edits the file.
type Error struct {
	File string // the config file
	Line int    // the line of the mistake, from 1; 0 when it has none
	Key  string // the setting concerned; "" when none
	Msg  string // what is wrong and how to write it, in Japanese
	Err  error  // the TOML library's error, when it found the mistake
}

// Error returns the mistake as perinet prints it:
// "perinet.toml 12行目（paper）: …".
func (e *Error) Error() string {
	where := e.File
	if e.Line > 0 {
		where += fmt.Sprintf(" %d行目", e.Line)
	}
	if e.Key != "" {
		where += "（" + e.Key + "）"
	}
	return where + ": " + e.Msg
}

// Unwrap returns the TOML library's error, if any.
func (e *Error) Unwrap() error { return e.Err }

// raw is the file as TOML reads it: every value as written, of whatever
// type, so that perinet checks each one and names its key and line.
type raw struct {
	Inbox     any `toml:"inbox"`
	Work      any `toml:"work"`
	Year      any `toml:"year"`
	Deadline  any `toml:"deadline"`
	SubmitTo  any `toml:"submit_to"`
	Survey    any `toml:"survey"`
	Hospitals any `toml:"hospitals"`
	Purpose   any `toml:"purpose"`
	Notes     any `toml:"notes"`
	Publish   any `toml:"publish"`
	Paper     any `toml:"paper"`
	Settle    any `toml:"settle_seconds"`
	WaitRuns  any `toml:"wait_runs"`
	LogFormat any `toml:"log_format"`
	Memory    any `toml:"read_memory_mb"`
	ReadTime  any `toml:"read_seconds"`
	DeskHash  any `toml:"desk_password_hash"`
}

// parse reads the text of config file file; now decides which fiscal years
// have begun. The mistakes come joined, each an *Error, in the order of
// their lines.
func parse(text, file string, now time.Time) (Config, error) {
	var r raw
	dec := toml.NewDecoder(strings.NewReader(text))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		return Config{}, tomlError(file, err)
	}
	dir := filepath.Dir(file)
	c := defaults(dir)
	c.File = file
	errs := r.apply(&c, dir, now)
	if len(errs) == 0 {
		return c, nil
	}
	lines := keyLines(text)
	slices.SortStableFunc(errs, func(a, b valueError) int { return cmp.Compare(lines[a.key], lines[b.key]) })
	joined := make([]error, len(errs))
	for i, e := range errs {
		joined[i] = &Error{File: file, Line: lines[e.key], Key: e.key, Msg: e.msg}
	}
	return Config{}, errors.Join(joined...)
}

// A valueError is a setting whose value is wrong.
type valueError struct{ key, msg string }

// valueErrors collects the settings whose values are wrong.
type valueErrors []valueError

// check notes the error of setting key, if any.
func (errs *valueErrors) check(key string, err error) {
	if err != nil {
		*errs = append(*errs, valueError{key, err.Error()})
	}
}

// apply sets the fields of c that the file gives, and returns the
// settings whose values are wrong.
func (r raw) apply(c *Config, dir string, now time.Time) valueErrors {
	var errs valueErrors
	errs.check("inbox", setPath(&c.Inbox, r.Inbox, dir, true))
	errs.check("work", setPath(&c.Work, r.Work, dir, true))
	errs.check("year", setYear(&c.Year, r.Year, now))
	errs.check("deadline", setDeadline(&c.Deadline, r.Deadline))
	errs.check("submit_to", setText(&c.SubmitTo, r.SubmitTo))
	errs.check("survey", setPath(&c.Survey, r.Survey, dir, false))
	errs.check("hospitals", setPath(&c.Hospitals, r.Hospitals, dir, false))
	errs.check("purpose", setPath(&c.Purpose, r.Purpose, dir, false))
	errs.check("notes", setPath(&c.Notes, r.Notes, dir, false))
	errs.check("publish", setPath(&c.Publish, r.Publish, dir, false))
	errs.check("paper", setChoice(&c.Paper, r.Paper, A3, A4))
	errs.check("settle_seconds", setSeconds(&c.Settle, r.Settle, 0))
	errs.check("wait_runs", setRuns(&c.WaitRuns, r.WaitRuns))
	errs.check("read_memory_mb", setMegabytes(&c.ReadMemory, r.Memory))
	errs.check("read_seconds", setSeconds(&c.ReadTime, r.ReadTime, 1))
	errs.check("log_format", setChoice(&c.LogFormat, r.LogFormat, LogText, LogJSON))
	errs.check("desk_password_hash", setText(&c.DeskPasswordHash, r.DeskHash))
	if c.Year != 0 && !c.Deadline.IsZero() && c.Deadline.Before(perinet.FiscalYearStart(c.Year)) {
		errs.check("deadline", fmt.Errorf("%s は、報告する年度 %s の始まる前の日です。year と deadline を確かめてください",
			c.Deadline.Format(time.DateOnly), normalize.FiscalYearText(c.Year)))
	}
	return errs
}

// setPath sets *p to the path v names, resolved against folder dir. An
// empty path is "none", unless the setting is required.
func setPath(p *string, v any, dir string, required bool) error {
	if v == nil {
		return nil
	}
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("場所は \"inbox\" や 'D:\\周産期\\受付' のように、引用符で囲んで書いてください（%s と書かれています）", written(v))
	}
	s = strings.TrimSpace(s)
	switch {
	case s == "" && required:
		return errors.New("空にはできません。フォルダの場所を書いてください")
	case s == "" || filepath.IsAbs(s):
		*p = s
	default:
		*p = filepath.Join(dir, s)
	}
	return nil
}

// setYear sets *fy to the fiscal year v names: 2016, "2016", "平成28年度".
func setYear(fy *int, v any, now time.Time) error {
	var text string
	switch v := v.(type) {
	case nil:
		return nil
	case int64:
		text = fmt.Sprint(v)
	case string:
		text = v
	default:
		return fmt.Errorf("年度は 2016 または \"平成28年度\" のように書いてください（%s と書かれています）", written(v))
	}
	y, p := normalize.FiscalYear(text, now)
	if p != nil {
		return errors.New(p.Message)
	}
	*fy = y
	return nil
}

// setDeadline sets *d to the day v names: a TOML date (2017-05-31) or the
// same in quotes.
func setDeadline(d *time.Time, v any) error {
	switch day := v.(type) {
	case nil:
		return nil
	case toml.LocalDate:
		*d = time.Date(day.Year, time.Month(day.Month), day.Day, 0, 0, 0, 0, perinet.Japan())
		return nil
	case string:
		t, err := time.ParseInLocation(time.DateOnly, strings.TrimSpace(width.Narrow.String(day)), perinet.Japan())
		if err == nil {
			*d = t
			return nil
		}
	}
	return fmt.Errorf("提出期限は日付だけを 2017-05-31 のように書いてください（%s と書かれています）", written(v))
}

// setText sets *s to the text v, trimmed.
func setText(s *string, v any) error {
	switch text := v.(type) {
	case nil:
		return nil
	case string:
		*s = strings.TrimSpace(text)
		return nil
	}
	return fmt.Errorf("文字は \"…\" で囲んで書いてください（%s と書かれています）", written(v))
}

// setChoice sets *s to v when it is one of choices, compared without
// regard to case, width or surrounding spaces.
func setChoice(s *string, v any, choices ...string) error {
	if v == nil {
		return nil
	}
	if text, ok := v.(string); ok {
		text = strings.TrimSpace(width.Narrow.String(text))
		for _, c := range choices {
			if strings.EqualFold(text, c) {
				*s = c
				return nil
			}
		}
	}
	return fmt.Errorf("\"%s\" のどれかを書いてください（%s と書かれています）", strings.Join(choices, "\" または \""), written(v))
}

// setSeconds sets *d to v seconds, a whole number from least to a day.
func setSeconds(d *time.Duration, v any, least int64) error {
	switch n, ok := v.(int64); {
	case v == nil:
		return nil
	case !ok || n < least || n > 24*60*60:
		return fmt.Errorf("秒数は %d から 86400 までの整数で、60 のように書いてください（%s と書かれています）", least, written(v))
	default:
		*d = time.Duration(n) * time.Second
	}
	return nil
}

// setRuns sets *n to v, a number of runs: a whole number from 1 to 1000.
func setRuns(n *int, v any) error {
	switch runs, ok := v.(int64); {
	case v == nil:
		return nil
	case !ok || runs < 1 || runs > 1000:
		return fmt.Errorf("回数は 1 から 1000 までの整数で、3 のように書いてください（%s と書かれています）", written(v))
	default:
		*n = int(runs)
	}
	return nil
}

// setMegabytes sets *b to v megabytes (MiB), a whole number from 256,
// which reading a form needs many times over, to 65536.
func setMegabytes(b *int64, v any) error {
	switch n, ok := v.(int64); {
	case v == nil:
		return nil
	case !ok || n < 256 || n > 65536:
		return fmt.Errorf("メモリは MB 単位の 256 から 65536 までの整数で、1024 のように書いてください（%s と書かれています）", written(v))
	default:
		*b = n << 20
	}
	return nil
}

// written shows a value as the file wrote it, for a message.
func written(v any) string {
	switch v := v.(type) {
	case string:
		return fmt.Sprintf("%q", v)
	case map[string]any:
		return "{ … }"
	case []any:
		return "[ … ]"
	}
	return fmt.Sprint(v)
}

// tomlError turns an error of the TOML library into the secretariat's
// words: a setting perinet does not know, or a line that is not TOML.
func tomlError(file string, err error) error {
	var strict *toml.StrictMissingError
	if errors.As(err, &strict) {
		errs := make([]error, len(strict.Errors))
		for i, e := range strict.Errors {
			line, _ := e.Position()
			key := strings.Join(e.Key(), ".")
			errs[i] = &Error{File: file, Line: line, Key: key, Err: &strict.Errors[i],
				Msg: fmt.Sprintf("「%s」という設定はありません。書き間違いではありませんか（使える設定: %s）", key, keys)}
		}
		return errors.Join(errs...)
	}
	e := &Error{File: file, Err: err, Msg: fmt.Sprintf("TOML の書き方になっていません（%v）", err)}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		line, col := de.Position()
		e.Line = line
		e.Msg = fmt.Sprintf("%d文字目で TOML の書き方になっていません。\"…\" の閉じ忘れや、= の書き忘れはありませんか（%v）", col, err)
	}
	if strings.Contains(err.Error(), "already defined") {
		e.Msg = fmt.Sprintf("同じ設定がもう上の行に書かれています。どちらか一方を消すか、行頭に # を付けてください（%v）", err)
	}
	return e
}

// keyLines returns the line of each top-level key of a TOML text that the
// decoder accepted: the first key of each key = value and [table] line.
func keyLines(text string) map[string]int {
	lines := make(map[string]int)
	var p unstable.Parser
	p.Reset([]byte(text))
	for p.NextExpression() {
		e := p.Expression()
		if e.Kind != unstable.KeyValue && e.Kind != unstable.Table && e.Kind != unstable.ArrayTable {
			continue
		}
		it := e.Key()
		if !it.Next() {
			continue
		}
		k := it.Node()
		if _, ok := lines[string(k.Data)]; !ok {
			lines[string(k.Data)] = p.Shape(k.Raw).Start.Line
		}
	}
	return lines
}
