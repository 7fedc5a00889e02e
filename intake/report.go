package intake

import (
	"cmp"
	"slices"
	"time"

	"perinet"
	"perinet/report"
	"perinet/store"
)

// ReportOptions say what a report says besides what the ledger holds.
type ReportOptions struct {
	Survey *perinet.Survey // nil means perinet.DefaultSurvey()
	Notes  string          // the secretariat's paragraphs
	// Arrival says what a file's arrival time is, as the report prints it
	// before the time (report.Stamp.Of); nil says 受付 (ArrivalInbox) for
	// every file, as the nightly run's arrival is.
	Arrival func(store.FileEntry) string
	// AllUnread lists every file no fiscal year was read from among the
	// submissions, not only those that arrived while the year was being
	// collected: `perinet report FILE...` reports on every file it is given.
	AllUnread bool
}

// What a file's arrival time is, as a report prints it before the time.
const (
	ArrivalInbox = "受付" // the nightly run's: when the file was put into the inbox (its modification time there)
	ArrivalSaved = "保存" // File.Arrival: the file's own saved time
	ArrivalMod   = "更新" // File.Arrival: the file's modification time, when it has no saved time
)

// Report returns what fiscal year fy's report is made from, dated by
// Created: the Records that stand in fy and the years before it, with
// the secretariat's corrections in force applied (InForce) and those of
// fy listed for the quality page, the submissions of fy (for each group
// the latest file that holds it, accepted or rejected, and the files no
// year could be read from that arrived while fy was the latest year being
// collected), and the Records of fy that later accepted files replaced.
func (l *Ledger) Report(fy int, o ReportOptions) report.Input {
	in := report.Input{FiscalYear: fy, Records: map[int][]perinet.Record{}, Survey: o.Survey, Notes: o.Notes}
	var drawn []store.FileEntry
	for _, y := range l.Years {
		if y > fy {
			break
		}
		in.Records[y] = l.records[y]
		drawn = append(drawn, l.Files[y]...)
	}
	if !slices.Contains(l.Years, fy) {
		drawn = append(drawn, l.Files[fy]...) // a year whose files were all rejected
	}
	var subs []store.FileEntry
	for _, e := range store.Latest(l.Files[fy], fy) {
		subs = append(subs, e)
	}
	unread := l.unreadYears()
	for _, e := range l.Files[0] {
		if unread[e.ID] == fy || o.AllUnread && e.Outcome != store.Duplicate {
			subs = append(subs, e)
			drawn = append(drawn, e)
		}
	}
	slices.SortFunc(subs, func(a, b store.FileEntry) int { return cmp.Compare(a.ID, b.ID) })
	subs = slices.CompactFunc(subs, func(a, b store.FileEntry) bool { return a.ID == b.ID })
	for _, e := range subs {
		s := report.Submission{File: e.Name, Problems: e.Problems}
		for _, g := range e.Groups {
			if g.FiscalYear == fy {
				s.Blocks = append(s.Blocks, g.Block)
			}
		}
		in.Submissions = append(in.Submissions, s)
	}
	in.SetAside = l.setAside(fy, o.stamp)
	in.Corrections = l.InForce(fy)
	in.Created = Created(drawn)
	return in
}

// Created is a report's date: the latest arrival among the files it
// draws on (duplicates aside: they change nothing), never the clock, so
// that the same files always give the same report. It names the nightly
// run's report versions and is printed on every report.
func Created(files []store.FileEntry) time.Time {
	var t time.Time
	for _, e := range files {
		if e.Outcome != store.Duplicate && e.Arrived.After(t) {
			t = e.Arrived
		}
	}
	return t
}

// stamp is when a file arrived, as the report prints it.
func (o ReportOptions) stamp(e store.FileEntry) report.Stamp {
	if o.Arrival == nil {
		return report.Stamp{Time: e.Arrived, Of: ArrivalInbox}
	}
	return report.Stamp{Time: e.Arrived, Of: o.Arrival(e)}
}

// setAside returns the Records of fy that a later accepted file replaced,
// in arrival order, each with the file whose Record stands.
func (l *Ledger) setAside(fy int, stamp func(store.FileEntry) report.Stamp) []report.SetAside {
	standing := map[string]store.FileEntry{}
	for _, e := range l.Files[fy] {
		for _, g := range e.Groups {
			if g.FiscalYear == fy && g.Current {
				standing[g.Block] = e
			}
		}
	}
	var out []report.SetAside
	for _, e := range l.Files[fy] {
		for i, g := range e.Groups {
			by, ok := standing[g.Block]
			if g.FiscalYear != fy || g.SupersededBy == 0 || !ok || i >= len(l.aside[e.ID]) {
				continue
			}
			out = append(out, report.SetAside{Record: l.aside[e.ID][i], File: e.Name, Arrived: stamp(e),
				By: by.Name, ByArrived: stamp(by)})
		}
	}
	return out
}

// unreadYears assigns each file no fiscal year could be read from
// (duplicates aside) to the report of the year being collected when it
// arrived: the latest fiscal year read from the files that arrived before
// it, or, when none did, the latest year of all. So it is listed once,
// on one year's report, and stays there.
func (l *Ledger) unreadYears() map[int64]int {
	last := 0
	if len(l.Years) > 0 {
		last = l.Years[len(l.Years)-1]
	}
	unread := map[int64]int{}
	before := 0
	for _, e := range l.All {
		if e.Outcome == store.Duplicate {
			continue
		}
		if GroupsYear(e.Groups) == 0 {
			unread[e.ID] = cmp.Or(before, last)
		}
		before = max(before, GroupsYear(e.Groups))
	}
	return unread
}
