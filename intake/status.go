package intake

import (
	"fmt"
	"slices"

	"perinet"
	"perinet/store"
)

// A State is how a group stands in a fiscal year, as `perinet status`
// prints it and the desk shows it.
type State string

// The states of a group.
const (
	// StateAccepted: the latest file that holds the group was accepted,
	// without a warning, and no file of the group was rejected before it.
	StateAccepted State = "受付"
	// StateReview: the latest file that holds the group was accepted, but
	// it has warnings (a cell read into no field, a hidden sheet …), or it
	// corrects a rejected file: someone should look at it.
	StateReview State = "要確認"
	// StateRejected: the latest file that holds the group was rejected.
	StateRejected State = "不受理"
	// StateMissing: no file holds the group.
	StateMissing State = "未提出"
)

// States are the states in the order they are counted and listed.
var States = []State{StateAccepted, StateReview, StateRejected, StateMissing}

// A GroupStatus is how one group stands for a fiscal year.
type GroupStatus struct {
	Block perinet.Block
	// Files are the files of the year that hold the group, in arrival
	// order; duplicates are left out, as they add nothing.
	Files []store.FileEntry
	// Latest is the last of Files; nil when there is none.
	Latest *store.FileEntry
	// Accepted is the file whose Record of the group is current (the one
	// the report uses); nil when none.
	Accepted *store.FileEntry
	// Corrected is, when Latest was accepted, the latest rejected file
	// before it, which it corrected; nil when none.
	Corrected *store.FileEntry
	// Awaited is true when a submission is expected from the group: it
	// was accepted in YearStatus.Basis, or sent something this year, or
	// there is no basis year.
	Awaited bool
}

// State returns the group's state.
func (g GroupStatus) State() State {
	switch {
	case g.Latest == nil:
		return StateMissing
	case g.Latest.Outcome == store.Rejected:
		return StateRejected
	case g.Warnings() > 0 || g.Corrected != nil:
		return StateReview
	}
	return StateAccepted
}

// Warnings counts the warnings of the latest file. A file of several
// groups has one list of problems: its warnings count for each of them.
func (g GroupStatus) Warnings() int {
	if g.Latest == nil {
		return 0
	}
	_, warnings := perinet.Tally(g.Latest.Problems)
	return warnings
}

// Notes says, in Japanese, what the group's state needs said beside it,
// as perinet status and the desk say it: how many errors or warnings its
// latest file has, which file the report uses instead of a rejected one,
// which rejected file an accepted one corrects, and, once the deadline
// has passed, that a group without an accepted file is late.
func (g GroupStatus) Notes(deadlinePassed bool) []string {
	var notes []string
	switch g.State() {
	case StateMissing:
		if deadlinePassed {
			notes = append(notes, "期限を過ぎています")
		}
	case StateRejected:
		errs, _ := perinet.Tally(g.Latest.Problems)
		notes = append(notes, fmt.Sprintf("誤り %d件", errs))
		if g.Accepted != nil {
			notes = append(notes, "報告書には前に受け付けた "+g.Accepted.Name+" を使います")
		} else if deadlinePassed {
			notes = append(notes, "期限を過ぎています")
		}
	case StateReview:
		if n := g.Warnings(); n > 0 {
			notes = append(notes, fmt.Sprintf("注意 %d件", n))
		}
		if g.Corrected != nil {
			notes = append(notes, "不受理の "+g.Corrected.Name+" を訂正")
		}
	}
	return notes
}

// A YearStatus is how the groups stand for one fiscal year.
type YearStatus struct {
	FiscalYear int
	// Basis is the latest earlier fiscal year with current Records: the
	// groups accepted in it are awaited. 0 when there is none, and every
	// group of the survey is awaited.
	Basis int
	// Groups are the groups of the survey in its order, each sub-group
	// after its network group, then any group the files name that the
	// survey does not know.
	Groups []GroupStatus
	// Unread are the files no fiscal year was read from that arrived in
	// the year or the next (duplicates aside): they may be a missing
	// group's form.
	Unread []store.FileEntry
}

// Status returns how each group stands for fiscal year fy, which must be
// among the ledger's Years or the years LoadLedger was given.
func (l *Ledger) Status(fy int, survey *perinet.Survey) YearStatus {
	st := YearStatus{FiscalYear: fy}
	for _, y := range l.Years {
		if y < fy {
			st.Basis = y
		}
	}
	awaited := map[string]bool{}
	for _, r := range l.records[st.Basis] {
		awaited[r.Block] = true
	}
	for _, e := range l.Files[0] {
		if e.Outcome != store.Duplicate && inCollection(e, fy) {
			st.Unread = append(st.Unread, e)
		}
	}
	blocks := surveyOrder(survey.Blocks)
	known := make(map[string]bool, len(blocks))
	for _, b := range blocks {
		known[b.Name] = true
	}
	files := map[string][]store.FileEntry{}
	for _, e := range l.Files[fy] {
		if e.Outcome == store.Duplicate {
			continue
		}
		for _, g := range e.Groups {
			if g.FiscalYear != fy || slices.ContainsFunc(files[g.Block], func(f store.FileEntry) bool { return f.ID == e.ID }) {
				continue
			}
			if !known[g.Block] {
				known[g.Block] = true
				blocks = append(blocks, perinet.Block{Name: g.Block})
			}
			files[g.Block] = append(files[g.Block], e)
		}
	}
	for _, b := range blocks {
		g := GroupStatus{Block: b, Files: files[b.Name]}
		for j, e := range g.Files {
			g.Latest = &g.Files[j]
			if held(e, fy, b.Name).Current {
				g.Accepted = &g.Files[j]
			}
		}
		if g.Latest != nil && g.Latest.Outcome == store.Accepted {
			for j, e := range g.Files {
				if e.Outcome == store.Rejected {
					g.Corrected = &g.Files[j]
				}
			}
		}
		g.Awaited = st.Basis == 0 || awaited[b.Name] || g.Latest != nil
		st.Groups = append(st.Groups, g)
	}
	return st
}

// Late returns the awaited groups that have no accepted submission: those
// the report lacks.
func (st YearStatus) Late() []string {
	var names []string
	for _, g := range st.Groups {
		if g.Awaited && g.Accepted == nil {
			names = append(names, g.Block.Name)
		}
	}
	return names
}

// Counts counts the awaited groups in each state.
func (st YearStatus) Counts() map[State]int {
	counts := map[State]int{}
	for _, g := range st.Groups {
		if g.Awaited {
			counts[g.State()]++
		}
	}
	return counts
}

// held returns the file's Group entry of a group in fiscal year fy.
func held(e store.FileEntry, fy int, block string) store.Group {
	for _, g := range e.Groups {
		if g.FiscalYear == fy && g.Block == block {
			return g
		}
	}
	return store.Group{}
}

// inCollection reports whether a file arrived in the time a fiscal year's
// forms arrive: the year itself and the year after it.
func inCollection(e store.FileEntry, fy int) bool {
	return !e.Arrived.Before(perinet.FiscalYearStart(fy)) && e.Arrived.Before(perinet.FiscalYearStart(fy+2))
}

// surveyOrder returns the groups in the survey's order, each sub-group
// moved to follow its network group.
func surveyOrder(blocks []perinet.Block) []perinet.Block {
	names := make(map[string]bool, len(blocks))
	for _, b := range blocks {
		names[b.Name] = true
	}
	out := make([]perinet.Block, 0, len(blocks))
	for _, b := range blocks {
		if names[b.Parent] {
			continue // placed after its network group
		}
		out = append(out, b)
		for _, sub := range blocks {
			if sub.Parent == b.Name {
				out = append(out, sub)
			}
		}
	}
	return out
}
