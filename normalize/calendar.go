package normalize

import "time"

// A day is a date of the proleptic Gregorian calendar, as a number that
// sorts like the date: year*10000 + month*100 + day.
type day int

func ymd(y, m, d int) day { return day(y*10000 + m*100 + d) }

func (d day) year() int  { return int(d) / 10000 }
func (d day) month() int { return int(d) / 100 % 100 }
func (d day) dom() int   { return int(d) % 100 }

// dayOf returns t's date, read in t's own location.
func dayOf(t time.Time) day {
	y, m, d := t.Date()
	return ymd(y, int(m), d)
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// daysIn returns the number of days in month m of year y.
func daysIn(y, m int) int {
	switch m {
	case 2:
		if isLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// civil returns the date that lies n days after 1970-01-01 (Howard
// Hinnant's days-to-civil algorithm).
func civil(n int) day {
	n += 719468
	era := n / 146097
	if n < 0 && n%146097 != 0 {
		era--
	}
	doe := n - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	y := yoe + era*400
	if m <= 2 {
		y++
	}
	return ymd(y, m, d)
}
