package desk

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"

	"perinet/config"
	"perinet/intake"
	"perinet/normalize"
)

// A homePage is 年度の状況: how every awaited group stands in a fiscal year.
type homePage struct {
	FiscalYear int
	Years      []int // the years to choose from, latest first
	Today      time.Time
	Deadline   config.Deadline
	Status     intake.YearStatus
	Rows       []groupRow // the awaited groups
	Counts     []stateCount
	Others     []string // the groups not awaited
	Reports    []reportFile
}

// A groupRow is one group's line on 年度の状況.
type groupRow struct {
	intake.GroupStatus
	Notes []string // what the state needs said
}

// A stateCount is how many awaited groups are in a state.
type stateCount struct {
	State intake.State
	N     int
}

// home shows 年度の状況 of the year asked (?year=2016), else of the config's.
func (d *Desk) home(w http.ResponseWriter, r *http.Request) {
	now := d.o.Now()
	fy := d.o.Config.FiscalYear(now)
	if y := r.FormValue("year"); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 1900 || n > 9999 {
			d.fail(w, r, http.StatusBadRequest, fmt.Sprintf("年度「%s」は、2016 のように西暦の年で指定してください。", y), nil)
			return
		}
		fy = n
	}
	l, err := d.ledger(r.Context())
	if err != nil {
		d.storeFailed(w, r, err)
		return
	}
	p := homePage{FiscalYear: fy, Today: now, Deadline: d.o.Config.DeadlineOf(fy, now), Status: l.Status(fy, d.survey)}
	p.Years = d.years(l, fy)
	counts := p.Status.Counts()
	for _, s := range intake.States {
		p.Counts = append(p.Counts, stateCount{s, counts[s]})
	}
	for _, g := range p.Status.Groups {
		if !g.Awaited {
			p.Others = append(p.Others, g.Block.Name)
			continue
		}
		p.Rows = append(p.Rows, groupRow{GroupStatus: g, Notes: g.Notes(p.Deadline.Passed)})
	}
	if p.Reports, err = d.reportFiles(fy); err != nil {
		d.fail(w, r, http.StatusInternalServerError, "報告書のフォルダを読めませんでした。", err)
		return
	}
	d.render(w, r, "home", http.StatusOK, frame{Title: normalize.FiscalYearText(fy) + "の状況", Nav: "home", Year: fy, Page: p})
}

// years returns the fiscal years of the store and fy, latest first.
func (d *Desk) years(l *intake.Ledger, fy int) []int {
	years := []int{fy, d.o.Config.FiscalYear(d.o.Now())}
	for y := range l.Files {
		if y > 0 {
			years = append(years, y)
		}
	}
	slices.Sort(years)
	years = slices.Compact(years)
	slices.Reverse(years)
	return years
}
