package normalize

// The oracle tests check EraDate against tables made from Java's
// java.time.chrono.JapaneseDate by testdata/oracle/Gen.java. The tables are
// kept in the repository, so the tests need no Java. To remake them:
//
//	cd normalize/testdata/oracle && java Gen.java

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"perinet"
)

// oracleToday returns the "today" given to EraDate: the last day of the
// oracle, so that no oracle day lies in the future.
func oracleToday() time.Time {
	return time.Date(2100, 12, 31, 0, 0, 0, 0, time.UTC)
}

// maxOracleExamples bounds the mismatches each test prints.
const maxOracleExamples = 20

// An oracleCase is one text to parse and what EraDate should make of it:
// either a date (code empty) or a problem with the given code.
type oracleCase struct {
	line int // line in the oracle file, for messages
	text string
	date perinet.Date
	code perinet.Code
}

// readOracle reads a gzip-compressed TSV file of testdata/oracle. It checks
// that the header line names the wanted columns and returns the other lines
// split into fields.
func readOracle(t *testing.T, name string, columns []string) [][]string {
	t.Helper()
	path := filepath.Join("testdata", "oracle", name)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	defer zr.Close()

	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	if !sc.Scan() {
		t.Fatalf("%s: no header line: %v", path, sc.Err())
	}
	if got, want := sc.Text(), "#"+strings.Join(columns, "\t"); got != want {
		t.Fatalf("%s: header %q, want %q", path, got, want)
	}
	var rows [][]string
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) != len(columns) {
			t.Fatalf("%s:%d: %d fields, want %d", path, len(rows)+2, len(fields), len(columns))
		}
		rows = append(rows, fields)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(rows) == 0 {
		t.Fatalf("%s: no data lines", path)
	}
	return rows
}

// oracleExpected reads an expected value of the oracle: YYYY-MM-DD, YYYY-MM
// (a date without a day) or a problem code.
func oracleExpected(s string) (perinet.Date, perinet.Code, error) {
	if s == "" || s[0] < '0' || s[0] > '9' {
		switch c := perinet.Code(s); c {
		case perinet.BadDate, perinet.DateOutsideEra, perinet.DateInFuture:
			return perinet.Date{}, c, nil
		}
		return perinet.Date{}, "", fmt.Errorf("unknown expected value %q", s)
	}
	parts := strings.Split(s, "-")
	if len(parts) != 2 && len(parts) != 3 {
		return perinet.Date{}, "", fmt.Errorf("bad expected date %q", s)
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil {
			return perinet.Date{}, "", fmt.Errorf("bad expected date %q", s)
		}
		n[i] = v
	}
	return perinet.Date{Year: n[0], Month: n[1], Day: n[2]}, "", nil
}

// A column of oracle cases, all written in one notation.
type oracleColumn struct {
	name  string
	cases []oracleCase
}

// A oracleResult is what checking one column found.
type oracleResult struct {
	mismatches int
	examples   []string // at most maxOracleExamples
}

// checkOracleColumn parses every case of a column with EraDate.
func checkOracleColumn(file string, col oracleColumn) oracleResult {
	var r oracleResult
	today := oracleToday()
	for _, c := range col.cases {
		got, p := EraDate(c.text, today)
		var ok bool
		if c.code == "" {
			ok = p == nil && got == c.date
		} else {
			ok = p != nil && p.Code == c.code
		}
		if ok {
			continue
		}
		r.mismatches++
		if len(r.examples) < maxOracleExamples {
			r.examples = append(r.examples, fmt.Sprintf("%s:%d [%s] EraDate(%q) = %s, want %s",
				file, c.line, col.name, c.text, oracleGot(got, p), oracleWant(c)))
		}
	}
	return r
}

// checkOracle checks the columns concurrently and reports the mismatches of
// each column, with at most maxOracleExamples examples in all.
func checkOracle(t *testing.T, file string, cols []oracleColumn) {
	t.Helper()
	results := make([]oracleResult, len(cols))
	var wg sync.WaitGroup
	for i, col := range cols {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = checkOracleColumn(file, col)
		}()
	}
	wg.Wait()

	// Take the examples from the columns in turn, so that each broken
	// notation shows up.
	printed := 0
	for k := 0; k < maxOracleExamples && printed < maxOracleExamples; k++ {
		for _, r := range results {
			if k < len(r.examples) && printed < maxOracleExamples {
				t.Error(r.examples[k])
				printed++
			}
		}
	}
	total, cases := 0, 0
	for i, r := range results {
		cases += len(cols[i].cases)
		if r.mismatches > 0 {
			t.Errorf("%s [%s]: %d of %d mismatched", file, cols[i].name, r.mismatches, len(cols[i].cases))
			total += r.mismatches
		}
	}
	if total > 0 {
		t.Errorf("%s: %d of %d cases mismatched", file, total, cases)
	}
}

// oracleGot renders what EraDate returned.
func oracleGot(d perinet.Date, p *perinet.Problem) string {
	if p != nil {
		return fmt.Sprintf("problem %s (date %+v)", p.Code, d)
	}
	return fmt.Sprintf("%+v", d)
}

// oracleWant renders what a case expects.
func oracleWant(c oracleCase) string {
	if c.code != "" {
		return "problem " + string(c.code)
	}
	return fmt.Sprintf("%+v", c.date)
}

// TestOracleDays parses every day from 1873-01-01 to 2100-12-31 in every
// notation of days.tsv.gz, the ISO form included.
func TestOracleDays(t *testing.T) {
	t.Parallel()
	columns := []string{"iso", "era", "latin", "ligature", "kanji", "kanji0", "gregorian", "gregorian_kanji0"}
	rows := readOracle(t, "days.tsv.gz", columns)

	// The file must hold every day of the range, in order.
	first := time.Date(1873, 1, 1, 0, 0, 0, 0, time.UTC)
	last := oracleToday()
	if n := int(last.Sub(first).Hours()/24) + 1; len(rows) != n {
		t.Fatalf("days.tsv.gz: %d days, want %d", len(rows), n)
	}

	cols := make([]oracleColumn, len(columns))
	for i, name := range columns {
		cols[i] = oracleColumn{name: name, cases: make([]oracleCase, len(rows))}
	}
	day := first
	for i, row := range rows {
		if iso := day.Format("2006-01-02"); row[0] != iso {
			t.Fatalf("days.tsv.gz:%d: iso %q, want %q", i+2, row[0], iso)
		}
		d := perinet.Date{Year: day.Year(), Month: int(day.Month()), Day: day.Day()}
		for j := range columns {
			cols[j].cases[i] = oracleCase{line: i + 2, text: row[j], date: d}
		}
		day = day.AddDate(0, 0, 1)
	}
	checkOracle(t, "days.tsv.gz", cols)
}

// TestOracleMonths parses every year and month of every era, in kanji-era and
// Latin notation, from months.tsv.gz.
func TestOracleMonths(t *testing.T) {
	t.Parallel()
	columns := []string{"era", "latin", "expected"}
	rows := readOracle(t, "months.tsv.gz", columns)
	cols := []oracleColumn{{name: "era"}, {name: "latin"}}
	for i, row := range rows {
		d, code, err := oracleExpected(row[2])
		if err != nil {
			t.Fatalf("months.tsv.gz:%d: %v", i+2, err)
		}
		if code == "" && d.Day != 0 {
			t.Fatalf("months.tsv.gz:%d: expected %q has a day", i+2, row[2])
		}
		for j := range cols {
			cols[j].cases = append(cols[j].cases, oracleCase{line: i + 2, text: row[j], date: d, code: code})
		}
	}
	checkOracle(t, "months.tsv.gz", cols)
}

// TestOracleBoundaries parses the days around each era change and the
// calendar-impossible days of boundary.tsv.gz.
func TestOracleBoundaries(t *testing.T) {
	t.Parallel()
	rows := readOracle(t, "boundary.tsv.gz", []string{"text", "expected"})
	col := oracleColumn{name: "text"}
	for i, row := range rows {
		d, code, err := oracleExpected(row[1])
		if err != nil {
			t.Fatalf("boundary.tsv.gz:%d: %v", i+2, err)
		}
		col.cases = append(col.cases, oracleCase{line: i + 2, text: row[0], date: d, code: code})
	}
	checkOracle(t, "boundary.tsv.gz", []oracleColumn{col})
}
