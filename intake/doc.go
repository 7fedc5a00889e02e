// Package intake is the one place that decides what a file is worth and
// which Record stands for each group and fiscal year. Every command goes
// through it: `perinet check` reads and judges each file with Read;
// the nightly run judges each file it takes with a Judge (perinet's
// read each file in a child process: package sandbox), adds it to the
// store, and makes each year's report input with Ledger.Report;
// `perinet report FILE...` takes its files into a temporary store with
// Take, in the order of their Arrival, so that the very rules of the
// nightly run decide which submission stands, and makes its input with
// Ledger.Report too.
//
// # Judging a file
//
// A file is accepted when it has no problem of severity error. Besides
// the reader's own problems, a file without errors whose Records cannot
// all stand (a Record without a fiscal year or a group, a group twice) or
// from which no group was read gets an error, so that it is rejected.
//
// # Which Record stands
//
// For each group and year the latest accepted submission stands; the
// store keeps that rule (store.Store.Add): a later accepted file
// supersedes an earlier one group by group, and the same bytes again are
// a duplicate that changes nothing. "Later" is the order in which the
// files were added: in the nightly run, the inbox files' modification
// times; for `perinet report FILE...`, each file's own saved time where
// it has one, else its modification time (Arrival), then its name.
//
// # How the groups stand
//
// Ledger.Status says, for a fiscal year, how each group of the survey
// stands (受付, 要確認, 不受理 or 未提出: see State), which groups are
// awaited, and which files no year was read from; `perinet status` prints
// it and the desk (perinet serve) shows it.
//
// # What a report is made from
//
// Ledger.Report gives the Records that stand in the year and the years
// before it, the year's submissions (for each group the latest file that
// holds it, accepted or rejected), the Records set aside (an earlier
// accepted file's Record that a later one replaced, for the quality
// page), the secretariat's corrections (perinet.Correction) of the
// Records that stand, applied and listed, and the report's date: the latest arrival among the files it
// draws on, duplicates aside — never the clock.
package intake
