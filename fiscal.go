package perinet

import "time"

// CurrentFiscalYear returns the fiscal year (年度) that t falls in, in Japan
// time: a fiscal year runs from 1 April to 31 March, and is named by the
// year in which it starts.
func CurrentFiscalYear(t time.Time) int {
	t = t.In(Japan())
	if t.Month() < time.April {
		return t.Year() - 1
	}
	return t.Year()
}

// FiscalYearStart returns midnight at the start of fiscal year fy (1 April),
// Japan time.
func FiscalYearStart(fy int) time.Time {
	return time.Date(fy, time.April, 1, 0, 0, 0, 0, Japan())
}

// Japan returns Japan time (UTC+9; Japan keeps no summer time), without
// needing the system's time zone database.
func Japan() *time.Location { return time.FixedZone("JST", 9*60*60) }
