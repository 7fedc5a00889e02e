package normalize

// An era is a Japanese era (元号) and the days it covers.
type era struct {
	name     string // 平成
	short    string // 平, as in 平22年
	initial  byte   // H
	ligature rune   // ㍻
	first    day    // its first day
	last     day    // its last day; 0 for the current era
}

// eras lists the eras that perinet reads, oldest first. 明治 is counted from
// 1868-01-01, as java.time does; dates before 1873, when Japan took up the
// Gregorian calendar, are rejected before any era is consulted.
var eras = [...]era{
	{"明治", "明", 'M', '㍾', ymd(1868, 1, 1), ymd(1912, 7, 29)},
	{"大正", "大", 'T', '㍽', ymd(1912, 7, 30), ymd(1926, 12, 24)},
	{"昭和", "昭", 'S', '㍼', ymd(1926, 12, 25), ymd(1989, 1, 7)},
	{"平成", "平", 'H', '㍻', ymd(1989, 1, 8), ymd(2019, 4, 30)},
	{"令和", "令", 'R', '㋿', ymd(2019, 5, 1), 0},
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
