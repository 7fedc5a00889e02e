package normalize

import (
	"strconv"

	"perinet"
)

// An era is a Japanese era (元号) and the days it covers. Its ligature
// (㍻) needs no field: the normal form writes it as its name.
type era struct {
	name    string // 平成
	short   string // 平, as in 平22年
	initial byte   // H
	first   day    // its first day
	last    day    // its last day; 0 for the current era
}

// eras lists the eras that perinet reads, oldest first. 明治 is counted from
// 1868-01-01, as java.time does; dates before 1873, when Japan took up the
// Gregorian calendar, are rejected before any era is consulted.
var eras = [...]era{
	{"明治", "明", 'M', ymd(1868, 1, 1), ymd(1912, 7, 29)},
	{"大正", "大", 'T', ymd(1912, 7, 30), ymd(1926, 12, 24)},
	{"昭和", "昭", 'S', ymd(1926, 12, 25), ymd(1989, 1, 7)},
	{"平成", "平", 'H', ymd(1989, 1, 8), ymd(2019, 4, 30)},
	{"令和", "令", 'R', ymd(2019, 5, 1), 0},
}

// gregorianStart is the first day perinet accepts: 明治6年1月1日, the day
// Japan took up the Gregorian calendar.
const gregorianStart = day(18730101)

// covers reports whether the era covers any day from a to b.
func (e *era) covers(a, b day) bool {
	return b >= e.first && (e.last == 0 || a <= e.last)
}

// gregorian returns the Gregorian year of era year y.
func (e *era) gregorian(y int) int { return e.first.year() + y - 1 }

// EraText writes a date as the committee writes 開始年月: the era's initial,
// its year and the month (H22年2月, R1年5月), and the day when it has one
// (H22年2月1日). The era is the one that covers the date's first day.
func EraText(d perinet.Date) string {
	first, _ := span(d)
	for i := len(eras) - 1; i >= 0; i-- {
		if e := &eras[i]; first >= e.first {
			return string(e.initial) + strconv.Itoa(d.Year-e.first.year()+1) + "年" + monthDayText(d.Month, d.Day)
		}
	}
	return gregorianText(d)
}
