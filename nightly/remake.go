package nightly

import (
	"context"
	"fmt"
	"log/slog"

	"perinet"
	"perinet/intake"
	"perinet/store"
)

// Lock takes the lock of the work folder work that a run holds from
// start to end, so that something else may change the store (the desk's
// corrections) while no run does. It returns ErrLocked at once, without
// waiting, while a run (or another holder) has it. The lock is the
// process's until unlock is called or the process ends.
func Lock(work string) (unlock func(), err error) {
	return lock(work)
}

// WriteReports brings the reports of the fiscal years given (every year
// with Records when none is) up to date with the store, as a run does
// once it has taken its files: the same code, under the same lock
// (ErrLocked when a run holds it), remaking a year's report exactly when
// what it is made from changed (a correction, say), then publishing the
// PDF of the year to publish. Of the Options it reads Work, Publish,
// PublishYear, Survey, Purpose, Notes, Paper and Log. The Summary lists
// the reports made and published.
func WriteReports(ctx context.Context, o Options, years ...int) (Summary, error) {
	sum, err := reportRun(ctx, o, years)
	if err != nil {
		err = fmt.Errorf("write reports: %w", err)
	}
	return sum, err
}

func reportRun(ctx context.Context, o Options, years []int) (sum Summary, err error) {
	if err := checkDir(o.Work); err != nil {
		return Summary{}, fmt.Errorf("work folder: %w", err)
	}
	r := &run{o: o, work: layout{o.Work}, survey: o.Survey, log: o.Log}
	if r.survey == nil {
		r.survey = perinet.DefaultSurvey()
	}
	if r.log == nil {
		r.log = slog.New(slog.DiscardHandler)
	}
	unlock, err := lock(r.work.root)
	if err != nil {
		return Summary{}, err
	}
	defer unlock()
	if r.store, err = store.Open(ctx, r.work.store()); err != nil {
		return Summary{}, err
	}
	defer func() {
		if cerr := r.store.Close(); err == nil {
			err = cerr
		}
	}()
	if err := r.work.prepare(); err != nil {
		return Summary{}, err
	}
	l, err := intake.LoadLedger(ctx, r.store)
	if err != nil {
		return Summary{}, err
	}
	err = r.writeReports(l, years...)
	return r.sum, err
}
