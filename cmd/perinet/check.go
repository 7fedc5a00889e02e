package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"perinet"
	"perinet/ingest"
	"perinet/normalize"
	"perinet/reader"
)

// checkLine is one line of `perinet check --json`, in the contract's shape.
type checkLine struct {
	File     string            `json:"file"`
	SHA256   string            `json:"sha256"`
	Format   string            `json:"format"`
	Records  []perinet.Record  `json:"records"`
	Problems []perinet.Problem `json:"problems"`

	saved time.Time // when the file says it was last saved (not in the contract)
}

// runCheck is `perinet check`: it reads each file into Records and prints,
// per file, one JSON line (--json) or a summary for the secretariat.
func runCheck(args []string, stdout, stderr io.Writer) int {
	fs, hospitals, todayFlag := newFlagSet("check")
	asJSON := fs.Bool("json", false, "1ファイル1行のJSONで出力する")
	year := fs.String("year", "", "調査票に年度がないときの年度（例: 2016, 平成28年度）")
	if code, ok := parseCommandLine(fs, args, stdout, stderr); !ok {
		return code
	}
	if fs.NArg() == 0 {
		return usageError(stderr, "check", "調べるファイルを指定してください")
	}
	today, err := parseToday(*todayFlag)
	if err != nil {
		fmt.Fprintf(stderr, "perinet check: %v\n", err)
		return exitUsage
	}
	rd, err := newReader(*hospitals, today)
	if err != nil {
		fmt.Fprintf(stderr, "perinet check: %v\n", err)
		return exitUsage
	}
	if *year != "" {
		fy, p := normalize.FiscalYear(*year, today)
		if p != nil {
			fmt.Fprintf(stderr, "perinet check: --year: %s\n", p.Message)
			return exitUsage
		}
		rd.FiscalYear = fy
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	status := exitOK
	for _, name := range fs.Args() {
		line := checkFile(name, rd)
		if perinet.HasError(line.Problems) {
			status = exitProblem
		}
		if *asJSON {
			err = writeJSON(w, line)
		} else {
			err = writeSummary(w, line)
		}
		if err != nil {
			fmt.Fprintf(stderr, "perinet check: %v\n", err)
			return exitProblem
		}
	}
	return status
}

// checkFile reads one file into its Records and Problems. A file that
// cannot be read still gets its line.
func checkFile(name string, rd *reader.Reader) checkLine {
	line := checkLine{File: name, Format: "unknown", Records: []perinet.Record{}, Problems: []perinet.Problem{}}
	sum, p := fileSHA256(name)
	if p != nil {
		line.Problems = append(line.Problems, *p)
		return line
	}
	line.SHA256 = sum
	grid, problems := ingest.File(name, ingest.DefaultLimits())
	line.Problems = append(line.Problems, problems...)
	if grid == nil {
		return line
	}
	line.Format, line.saved = grid.Format, grid.Modified
	if perinet.HasError(problems) {
		return line
	}
	records, problems := rd.Read(grid)
	line.Records = append(line.Records, records...)
	line.Problems = append(line.Problems, problems...)
	return line
}

// fileSHA256 returns the SHA-256 of a file in hex, or the problem that
// says why it cannot be read (a folder, a FIFO or a file that is not
// there is never opened).
func fileSHA256(name string) (string, *perinet.Problem) {
	f, _, p := ingest.Open(name)
	if p != nil {
		return "", p
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", &perinet.Problem{Severity: perinet.Error, Code: perinet.UnreadableFile, Where: filepath.Base(name), Text: name,
			Message: fmt.Sprintf("ファイルを読み取れません（%v）。", err)}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// parseToday reads --today, or returns the current time when it is empty.
func parseToday(s string) (time.Time, error) {
	if s == "" {
		return time.Now(), nil
	}
	t, err := time.ParseInLocation("2006-01-02", s, time.Local)
	if err != nil {
		return t, fmt.Errorf("--today %q は YYYY-MM-DD の形で書いてください", s)
	}
	return t, nil
}

// newReader builds the survey reader with the secretariat's hospital aliases.
func newReader(hospitalFile string, today time.Time) (*reader.Reader, error) {
	s, err := loadSurvey(hospitalFile)
	if err != nil {
		return nil, err
	}
	return reader.New(s, today)
}
