package config

import (
	"fmt"
	"time"

	"perinet"
	"perinet/normalize"
)

// A Deadline is the submission deadline of one fiscal year as the config
// gives it, seen on one day: what perinet status prints and the desk
// shows.
type Deadline struct {
	// Day is midnight at the start of the deadline's day, Japan time;
	// zero when no deadline applies to the year.
	Day time.Time
	// Note says why the config's deadline does not apply to the year; ""
	// when it does, or when the config has none.
	Note string
	// Passed is true once the day has ended, in Japan time.
	Passed bool
	// DaysLeft counts the days from today to the day (0 on the day
	// itself) while it has not passed.
	DaysLeft int
}

// DeadlineOf returns the deadline of fiscal year fy on the day now: the
// config's deadline when fy is the year reported (FiscalYear) and the
// deadline falls after fy began; none, with a note that says why,
// otherwise.
func (c Config) DeadlineOf(fy int, now time.Time) Deadline {
	switch reported := c.FiscalYear(now); {
	case c.Deadline.IsZero():
		return Deadline{}
	case reported != fy:
		return Deadline{Note: fmt.Sprintf("設定の提出期限（%s）は %s のものです", normalize.DayText(c.Deadline), normalize.FiscalYearText(reported))}
	case c.Deadline.Before(perinet.FiscalYearStart(fy)):
		return Deadline{Note: fmt.Sprintf("設定の提出期限（%s）は %s が始まる前の日なので使いません。perinet.toml の year と deadline を確かめてください",
			normalize.DayText(c.Deadline), normalize.FiscalYearText(fy))}
	}
	d := Deadline{Day: c.Deadline, Passed: c.DeadlinePassed(now)}
	if !d.Passed {
		t := now.In(perinet.Japan())
		today := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, perinet.Japan())
		d.DaysLeft = int(c.Deadline.Sub(today).Hours() / 24)
	}
	return d
}
