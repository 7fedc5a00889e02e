// Package config reads perinet.toml, the settings of the nightly run, of
// perinet status and of perinet template: where the inbox and the work
// folder are, which fiscal year to report, its submission deadline and where
// forms are sent, and the files and options of the report. The secretariat edits the file, so every mistake is reported in
// Japanese with the line it is on (see Error).
//
// Without a file perinet uses the built-in defaults, Default, which are the
// ones the commented example, Example, spells out:
//
//	inbox          = "inbox"   the folder hospitals' files are dropped into
//	work           = "work"    the store perinet.db, archive/, rejected/, reports/
//	year           (none)      the current fiscal year, April to March, Japan time
//	deadline       (none)      no submission deadline
//	submit_to      (none)      the forms' instructions name the secretariat in general
//	survey         (none)      the survey built into perinet
//	hospitals      (none)      no hospital alias file
//	purpose        (none)      the report's built-in text of 目的
//	notes          (none)      no notes of the secretariat
//	publish        (none)      the PDF is not copied anywhere
//	paper          = "A3"      the report's paper, landscape
//	settle_seconds = 60        files changed more recently wait for the next run
//	wait_runs      = 3         a file left in the inbox by as many runs in a row is a warning
//	read_memory_mb = 1024      the memory the nightly run may take to read one file
//	read_seconds   = 60        the time the nightly run may take to read one file
//	log_format     = "text"    the run's log: "text" or "json"
//	desk_password_hash (none)  the desk's password, hashed: needed to listen beyond this computer
//
// Relative paths resolve against the folder of the config file, or against
// the current folder for the built-in defaults. A command's flags override
// the file: the command sets the fields of the Config after Load, then
// makes sure with CheckFolders that the folders cannot eat each other.
package config

import (
	_ "embed"
	"fmt"
	"path/filepath"
	"time"

	"perinet"
	"perinet/ingest"
)

// FileName is the name of the config file that perinet init writes.
const FileName = "perinet.toml"

// The files and folders perinet keeps in the work folder.
const (
	StoreFile   = "perinet.db" // the store: the ledger of files and the Records
	ArchiveDir  = "archive"    // the accepted files, by fiscal year
	RejectedDir = "rejected"   // the files with error problems
	ReportsDir  = "reports"    // the reports, by fiscal year
)

// The paper sizes of the report.
const (
	A3 = "A3"
	A4 = "A4"
)

// The formats of the nightly run's log.
const (
	LogText = "text"
	LogJSON = "json"
)

// A Config is what perinet.toml says, with the built-in defaults for what it
// leaves out, and every path resolved against the file's folder.
type Config struct {
	// File is the config file read; "" for the built-in defaults.
	File string
	// Inbox is the folder that hospitals' files are dropped into.
	Inbox string
	// Work is the folder of the store and of archive/, rejected/ and
	// reports/ (see Store, Archive, Rejected, Reports).
	Work string
	// Year is the fiscal year to report (2016 for 平成28年度), or 0 for the
	// current one; FiscalYear says which year that is.
	Year int
	// Deadline is the submission deadline of the fiscal year reported:
	// midnight at the start of that day, Japan time. Zero when none.
	Deadline time.Time
	// SubmitTo says where hospitals send their forms, as perinet template
	// writes it in the forms' instructions; "" for the secretariat in general.
	SubmitTo string
	// Survey is a survey definition of the secretariat's own, in the form
	// of perinet's built-in survey.json (perinet.ReadSurvey), or "" for the
	// built-in one.
	Survey string
	// Hospitals is the hospital alias file ("別名 = 正式名称" a line), or "".
	Hospitals string
	// Purpose is the text file of the report's 目的, or "" for the built-in text.
	Purpose string
	// Notes is the text file of the secretariat's notes for
	// 取組の傾向及び課題, or "" for none.
	Notes string
	// Publish is the folder the report's PDF is copied to, or "" for none.
	Publish string
	// Paper is the report's paper: A3 or A4.
	Paper string
	// Settle is how long a file must have been left unchanged before the
	// nightly run takes it; a file changed more recently waits for the next run.
	Settle time.Duration
	// WaitRuns is how many nightly runs in a row may leave a file in the
	// inbox (open in Excel, dated in the future) before it is a warning,
	// from 1.
	WaitRuns int
	// ReadMemory (in bytes) and ReadTime bound the reading of each file
	// by the nightly run, in a separate process: a file that needs more
	// memory or time is rejected as too large (too_large).
	ReadMemory int64
	ReadTime   time.Duration
	// LogFormat is the nightly run's log format: LogText or LogJSON.
	LogFormat string
	// DeskPasswordHash is the hash of the password of the secretariat's
	// desk (perinet serve), which it asks for when it listens beyond this
	// computer; "" for none. perinet serve --set-password writes it
	// (SetPasswordHash); the desk reads its form.
	DeskPasswordHash string
}

//go:embed example.toml
var example string

// Example returns the commented example config that perinet init writes.
// It says what each setting means, in Japanese, and reads back as the
// built-in defaults.
func Example() string { return example }

// Default returns the built-in defaults, with paths relative to the current
// folder: those of Example, read from a file in the current folder.
func Default() Config { return defaults(".") }

// defaults returns the built-in defaults with paths in folder dir.
func defaults(dir string) Config {
	return Config{
		Inbox:      filepath.Join(dir, "inbox"),
		Work:       filepath.Join(dir, "work"),
		Paper:      A3,
		Settle:     60 * time.Second,
		WaitRuns:   3,
		LogFormat:  LogText,
		ReadMemory: 1024 << 20,
		ReadTime:   60 * time.Second,
	}
}

// Load reads the config file at path (UTF-8 or Shift_JIS, as Notepad saves
// it). Settings it leaves out keep their defaults; relative paths resolve
// against the file's folder. A file that cannot be read, or holds a mistake,
// is an error; each mistake is an *Error naming its line and key.
func Load(path string) (Config, error) {
	text, err := ingest.Text(path)
	if err != nil {
		return Config{}, fmt.Errorf("設定ファイルを読めません: %w", err)
	}
	return Parse(text, path)
}

// Parse reads the text of a config file as Load does; file is its path,
// which the errors name and against whose folder relative paths resolve.
// A fiscal year that has not begun yet is a mistake.
func Parse(text, file string) (Config, error) {
	return parse(text, file, time.Now())
}

// Store returns the path of the store database, in the work folder.
func (c Config) Store() string { return filepath.Join(c.Work, StoreFile) }

// Archive returns the folder of the accepted files, in the work folder.
func (c Config) Archive() string { return filepath.Join(c.Work, ArchiveDir) }

// Rejected returns the folder of the rejected files, in the work folder.
func (c Config) Rejected() string { return filepath.Join(c.Work, RejectedDir) }

// Reports returns the folder of the reports, in the work folder.
func (c Config) Reports() string { return filepath.Join(c.Work, ReportsDir) }

// FiscalYear returns the fiscal year to report: Year, or when it is 0 the
// fiscal year that now falls in.
func (c Config) FiscalYear(now time.Time) int {
	if c.Year != 0 {
		return c.Year
	}
	return perinet.CurrentFiscalYear(now)
}

// DeadlinePassed reports whether there is a deadline and now is after the
// end of its day, in Japan time.
func (c Config) DeadlinePassed(now time.Time) bool {
	return !c.Deadline.IsZero() && !now.Before(c.Deadline.AddDate(0, 0, 1))
}
