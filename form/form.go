// Package form writes the survey form (調査票) that the hospitals fill in:
// a workbook per network group, pre-filled with what the group reported
// the year before, with drop-downs, number and date checks, instructions
// (記入要領) and sheet protection, laid out so that perinet reads it back
// exactly. A network group with sub-groups (多摩地域) gets one workbook with
// a table of all its groups.
package form

import (
	"strconv"
	"time"

	"perinet"
)

// A Form is one workbook to send out: the fiscal year it asks about and
// the groups it covers, one for a one-group form, more for a table.
type Form struct {
	// FiscalYear is the fiscal year the form asks about (2017 for 平成29年度).
	FiscalYear int
	// Groups are the groups that fill the form in, each as a Record that
	// gives its name, tier and hospital, and the values the form is
	// pre-filled with: a Record with a FiscalYear holds that year's
	// answers, which the form marks as last year's for the hospital to
	// confirm; one with FiscalYear 0 has no answers yet.
	Groups []perinet.Record
	// SubmitTo says where to send the filled-in file, in the words of the
	// instructions ("…事務局（perinatal@example.jp）"); "" for the
	// secretariat in general.
	SubmitTo string
	// Deadline is the submission deadline; zero for none.
	Deadline time.Time
}

// Plan returns the forms of fiscal year fy: for each network group of the
// survey that has a commissioned hospital or a Record, one form, holding
// its sub-groups too. block names one group to plan for instead of all;
// a sub-group named on its own gets a one-group form. last holds Records
// of earlier years, in any order; each group is pre-filled from its latest
// one before fy.
func Plan(s *perinet.Survey, fy int, last []perinet.Record, block string) []Form {
	prefill := latest(fy, last)
	group := func(b perinet.Block) (perinet.Record, bool) {
		if rec, ok := prefill[b.Name]; ok {
			return rec, true
		}
		return perinet.Record{Tier: b.Tier, Block: b.Name, Parent: b.Parent, Hospital: b.Hospital}, b.Hospital != ""
	}
	var forms []Form
	for _, b := range s.Blocks {
		if block != "" && b.Name != block || block == "" && b.Tier != perinet.Network {
			continue
		}
		f := Form{FiscalYear: fy}
		if rec, ok := group(b); ok || block != "" {
			f.Groups = append(f.Groups, rec)
		}
		for _, sub := range s.Blocks {
			if b.Tier != perinet.Network || sub.Parent != b.Name {
				continue
			}
			if rec, ok := group(sub); ok {
				f.Groups = append(f.Groups, rec)
			}
		}
		if len(f.Groups) > 0 {
			forms = append(forms, f)
		}
	}
	return forms
}

// latest returns each group's Record of the latest fiscal year before fy.
func latest(fy int, records []perinet.Record) map[string]perinet.Record {
	m := map[string]perinet.Record{}
	for _, rec := range records {
		if old, ok := m[rec.Block]; rec.FiscalYear < fy && (!ok || rec.FiscalYear > old.FiscalYear) {
			m[rec.Block] = rec
		}
	}
	return m
}

// Name returns the file name of the form: 調査票_2017年度_区中央部.xlsx.
func (f Form) Name() string {
	block := ""
	if len(f.Groups) > 0 {
		block = f.Groups[0].Block
	}
	return "調査票_" + strconv.Itoa(f.FiscalYear) + "年度_" + block + ".xlsx"
}

// prefilledFrom returns the fiscal year the form's answers are from: the
// latest among its groups, or 0 when it has none.
func (f Form) prefilledFrom() int {
	fy := 0
	for _, g := range f.Groups {
		fy = max(fy, g.FiscalYear)
	}
	return fy
}
