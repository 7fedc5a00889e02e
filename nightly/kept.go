package nightly

import (
	"path/filepath"

	"perinet/intake"
	"perinet/store"
)

// Kept returns where the nightly runs keep the copy of the ledger entry e
// and its receipt, as paths relative to the work folder: in the archive
// of its fiscal year when it was accepted (or repeats an accepted file),
// or when every group read from it was accepted in a later file; in
// rejected/ otherwise. l must hold every file with e's bytes: LoadLedger
// of the years of e's groups; kin are the files whose SHA-256 begins with
// e's first 8 hex digits (store.FilesByHash), which the copy's name is
// told apart from. The copy may be gone: the secretariat removes what it
// no longer needs from rejected/.
func Kept(l *intake.Ledger, e store.FileEntry, kin []store.FileEntry) (copy, receipt string) {
	var work layout // the work folder itself, so that paths come out relative
	fy := intake.GroupsYear(e.Groups)
	dir := work.rejected()
	if state := l.State(e); state == store.Accepted || state == store.Rejected && l.Corrected(e) {
		dir = work.archive(fy)
	}
	copy = filepath.Join(dir, copyName(e, kin))
	return copy, receiptPath(copy)
}

// ReportFolder returns the folder of fiscal year fy's reports, relative to
// the work folder: reports/2016年度.
func ReportFolder(fy int) string {
	var work layout
	return work.reports(fy)
}

// OutcomeWord names a ledger outcome in a word, as the run's log and
// summary say it: 受付, 不受理 or 重複.
func OutcomeWord(o store.Outcome) string { return outcomeWord[o] }
