package nightly

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"

	"perinet"
	"perinet/config"
	"perinet/intake"
	"perinet/reader"
	"perinet/report"
	"perinet/store"
)

// Options say where a run reads and writes, and what its reports say.
type Options struct {
	// Inbox is the folder the hospitals' files are dropped into. It must
	// exist; only the files directly in it are taken, not its sub-folders.
	Inbox string
	// Work holds the store (perinet.db), its backups (backup/), archive/,
	// rejected/, reports/ and the scratch folder .perinet-tmp/. It must
	// exist, on a local disk, as one file system (files are renamed from
	// .perinet-tmp/ into place).
	Work string
	// Publish is the folder the committee's PDF is copied to; "" for none.
	// The three folders, and archive/, rejected/ and reports/, must be
	// different folders, and the inbox may lie inside none of the others,
	// nor they inside it (config.Config.CheckFolders): Run refuses them
	// with a *config.FolderError before anything is touched.
	Publish string
	// PublishYear is the fiscal year whose PDF is published; 0 means the
	// latest fiscal year with Records.
	PublishYear int
	// Survey is the survey definition with the secretariat's hospital
	// aliases; nil means perinet.DefaultSurvey().
	Survey *perinet.Survey
	// Purpose and Notes are the report's 目的 ("" for the built-in one) and
	// the secretariat's own paragraphs; both may be empty.
	Purpose, Notes string
	// Paper is the sheet the PDF is laid out on.
	Paper report.Paper
	// SubmitTo says where hospitals send their forms and ask about them,
	// and Deadline is the year's submission deadline (zero for none): the
	// receipts tell a hospital both.
	SubmitTo string
	Deadline time.Time
	// Settle is how long a file must have been left alone before it is
	// taken: a file modified or copied in more recently (or dated in the
	// future) may still be being copied, and waits for the next run. 0
	// takes every file at once.
	Settle time.Duration
	// WaitRuns is how many runs in a row may leave a file in the inbox
	// (Skipped) before the run warns of it (Summary.Stuck); 0 warns of
	// none. The store counts the runs (store.Waiting).
	WaitRuns int
	// Keep leaves every file in the inbox once it is taken: a trial run
	// on copies of real files, or on the committed fixtures. The store,
	// the archive and the reports are made as usual; a later run
	// recognises the files as the same arrivals, so nothing is recorded
	// twice (a run without Keep then removes them).
	Keep bool
	// Judge reads and judges each file taken (its copy in
	// .perinet-tmp/): perinet run's judges them in a child process under
	// a memory and a time limit (the sandbox package). It must read with
	// Survey. nil means intake.InProcess with a reader of Survey, in the
	// run's own process.
	Judge intake.Judge
	// Now is the clock, for tests; nil means time.Now. It judges Settle
	// and dates in the future; it never names a file or a report.
	Now func() time.Time
	// Log receives a line per file, per report and per error; nil logs
	// nothing.
	Log *slog.Logger
	// Progress, when not nil, is called after each file taken with the
	// number done and the number to do.
	Progress func(done, total int)
}

// A Summary says what a run did.
type Summary struct {
	Seen       int // files in the inbox that were considered (not Ignored)
	Accepted   int // files accepted: their Records count
	Duplicate  int // files with the same bytes as one received before
	Superseded int // groups whose earlier accepted submission a file of this run replaced
	Rejected   int // files with errors, put in rejected/
	Skipped    int // files left in the inbox for the next run (still being written, open in Excel, unreadable)
	// AlreadyRecorded counts the files an earlier run recorded, found in
	// the inbox again: left there by Keep, or by a run that stopped before
	// removing them. Nothing is recorded again, and they count in none of
	// Accepted, Duplicate, Rejected and Superseded.
	AlreadyRecorded int
	Ignored         int // links, folders, lock, hidden and temporary files, and receipts, left alone
	// Stuck counts the files skipped by Options.WaitRuns runs in a row or
	// more (FileResult.Waited), each a warning in the log: nothing waits
	// in the inbox unsaid.
	Stuck int

	// Files lists every file taken or skipped, in the order handled, and
	// every file left alone that the secretariat may have meant to be
	// taken (FileResult.Ignored): links, folders, hidden files, what is
	// no regular file.
	Files []FileResult
	// Reports are the report versions this run made current
	// (reports/<年度>/report-<date>.pdf and .xlsx), in year order.
	Reports []string
	// Latest is the current PDF of the year published (Options.PublishYear),
	// reports/<年度>/latest.pdf, whether or not this run remade it; "" when
	// that year has no report.
	Latest string
	// Published is the PDF copied to Options.Publish; "" when none was
	// copied (no Publish folder, or the copy there was already the same).
	Published string
}

// A FileResult is what became of one inbox file.
type FileResult struct {
	Name string // as it was in the inbox
	// Outcome is the ledger's verdict; "" when the file was skipped.
	Outcome store.Outcome
	// Path is the kept copy, under archive/ or rejected/; Receipt the
	// receipt beside it. Both "" when the file was skipped.
	Path, Receipt string
	Groups        int    // the groups read from the file
	Problems      int    // the problems found in it, errors and warnings
	Skipped       string // why the file was left in the inbox; "" when it was taken
	// Waited counts, for a skipped file, the runs in a row that left it
	// in the inbox, this one included; 0 for a file not skipped.
	Waited int
	// Ignored says why the run left the file alone without reading it (a
	// link, a folder, a hidden file, no regular file); "" otherwise.
	Ignored string
	// AlreadyRecorded is true for a file an earlier run recorded; Outcome
	// is then that run's verdict.
	AlreadyRecorded bool
}

// ErrLocked is returned by Run when another run holds the work folder's
// lock; that run is left to finish, and nothing is done.
var ErrLocked = errors.New("another perinet run is in progress (the work folder is locked)")

// Run takes the complete files of the inbox into the store, the archive
// and rejected/, writes a receipt for each, and brings the reports of
// every fiscal year up to date, as the package documentation describes.
// It returns ErrLocked, without waiting, when another run holds the lock.
// An error about the store (store.ErrCorrupt, store.ErrNotStore,
// store.ErrNewerSchema, store.ErrMissing) or about writing to the work
// folder stops the run at once; every inbox file not yet fully taken is
// then still in the inbox. A store found damaged stops the run before the
// inbox is looked at. A file that cannot be read from the inbox is left there, and
// reported in the error once everything else is done.
func Run(ctx context.Context, o Options) (Summary, error) {
	r, err := newRun(o)
	if err != nil {
		return Summary{}, fmt.Errorf("nightly run: %w", err)
	}
	err = r.run(ctx)
	if err != nil {
		err = fmt.Errorf("nightly run: %w", err)
	}
	return r.sum, err
}

// A run is one Run in progress.
type run struct {
	o      Options
	now    time.Time // when the run started, by Options.Now
	log    *slog.Logger
	work   layout
	survey *perinet.Survey
	reader *reader.Reader
	store  *store.Store
	sum    Summary
	// step, when not nil, is called at each step of the run that leaves
	// something on disk; an error it returns stops the run there, as a
	// crash would. Tests set it. The reading and the recording stage
	// (takeInbox) call it in turn, under stepMu.
	step   func(step, name string) error
	stepMu sync.Mutex
}

// newRun checks the options and fills in their defaults.
func newRun(o Options) (*run, error) {
	for _, d := range []struct{ flag, path string }{{"inbox", o.Inbox}, {"work", o.Work}} {
		if err := checkDir(d.path); err != nil {
			return nil, fmt.Errorf("%s folder: %w", d.flag, err)
		}
	}
	if err := (config.Config{Inbox: o.Inbox, Work: o.Work, Publish: o.Publish}).CheckFolders(); err != nil {
		return nil, err
	}
	r := &run{o: o, work: layout{o.Work}, survey: o.Survey, log: o.Log}
	if r.survey == nil {
		r.survey = perinet.DefaultSurvey()
	}
	if r.log == nil {
		r.log = slog.New(slog.DiscardHandler)
	}
	r.now = time.Now()
	if o.Now != nil {
		r.now = o.Now()
	}
	var err error
	if r.reader, err = reader.New(r.survey, r.now); err != nil {
		return nil, fmt.Errorf("survey: %w", err)
	}
	return r, nil
}

// checkDir makes sure path names an existing folder.
func checkDir(path string) error {
	if path == "" {
		return errors.New("not given")
	}
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("%s is not a folder", path)
	}
	return nil
}

// run holds the lock and the store while it takes the inbox's files and
// writes the reports.
func (r *run) run(ctx context.Context) (err error) {
	unlock, err := lock(r.work.root)
	if err != nil {
		return err
	}
	defer unlock()
	if r.store, err = store.Open(ctx, r.work.store()); err != nil {
		return err
	}
	defer func() {
		if cerr := r.store.Close(); err == nil {
			err = cerr
		}
	}()
	if err := r.work.prepare(); err != nil {
		return err
	}
	unreadable, err := r.takeInbox(ctx)
	if err != nil {
		return err
	}
	if err := r.countWaits(ctx); err != nil {
		return err
	}
	if err := r.backup(ctx); err != nil {
		return err
	}
	l, err := intake.LoadLedger(ctx, r.store)
	if err != nil {
		return err
	}
	if err := r.sweepRejected(ctx, l); err != nil {
		return err
	}
	if err := r.writeReports(l); err != nil {
		return err
	}
	return unreadable
}

// at marks a step of the run for the tests' crashes.
func (r *run) at(step, name string) error {
	if r.step == nil {
		return nil
	}
	r.stepMu.Lock()
	defer r.stepMu.Unlock()
	return r.step(step, name)
}
