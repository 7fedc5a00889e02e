package normalize

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"perinet"
)

// A written is a date as the tokens give it, before it is checked.
type written struct {
	era    int // index into eras, or -1 for a Gregorian year
	year   int // the era year, or the Gregorian year
	month  int
	day    int
	hasDay bool // a day was written, perhaps 0
}

// EraDate reads a date as people write 開始年月: in an era with its initial
// (H22年2月, Ｈ20年8月, H22.2, H.22.2, H22/2, h22-2), its name (平成22年2月,
// 平22年2月, 平成元年5月), kanji numerals (平成二十二年二月, 平成二二年二月),
// a ligature (㍻22年2月), or Gregorian (2010年2月, 2010/2, 2010-02, 2010.2,
// 201002), with or without a day (平成22年2月1日, 2010/2/1), or as an Excel
// serial day number (40210). Another notation of the same date may follow
// in brackets (H22年2月（2010年2月）); the two must agree. The text is read
// in the normal form of the parsers, so that full-width letters and
// digits, ligatures and radicals read as themselves (Ｈ２２年２⽉ is
// H22年2月), and quoted as written.
//
// The date must exist: its month and day in the calendar, its era covering
// it (平成31年4月 is valid, 平成31年5月 and 平成31年5月1日 are not), on or
// after 1873-01-01, and not after today. Otherwise EraDate returns a
// Problem with the code bad_date, date_outside_era or date_in_future.
func EraDate(text string, today time.Time) (perinet.Date, *perinet.Problem) {
	var ts tokens
	if !lexDate(text, &ts) {
		return perinet.Date{}, unreadableDate(text)
	}
	main, alt, ok := splitAlternative(ts.t[:ts.n])
	if !ok {
		return perinet.Date{}, unreadableDate(text)
	}
	d, p := dateOf(text, main, today)
	if p != nil || len(alt) == 0 {
		return d, p
	}
	other, p := alternativeOf(text, alt, today)
	if p != nil {
		return perinet.Date{}, p
	}
	if !agree(d, other) {
		return perinet.Date{}, errorf(perinet.ConflictingValues, text,
			"「%s」の二つの書き方が食い違っています（%s と %s）", text, gregorianText(d), gregorianText(other))
	}
	return d, nil
}

// alternativeOf reads the bracketed notation of a date: a whole date, or
// only its year (平成22（2010）年2月, 2010年2月（H22）), which gives a Date
// with Month 0.
func alternativeOf(text string, ts []token, today time.Time) (perinet.Date, *perinet.Problem) {
	if y, ok := yearOnly(ts); ok {
		return perinet.Date{Year: y}, nil
	}
	return dateOf(text, ts, today)
}

// yearOnly reads [era] year [年].
func yearOnly(ts []token) (int, bool) {
	era := -1
	if len(ts) > 0 && ts[0].kind == tEra {
		era, ts = int(ts[0].era), ts[1:]
	}
	if len(ts) > 0 && ts[len(ts)-1].kind == tYear {
		ts = ts[:len(ts)-1]
	}
	if len(ts) != 1 || ts[0].kind != tNum || checkYear(era, ts[0]) != yearOK {
		return 0, false
	}
	if era >= 0 {
		return eras[era].gregorian(ts[0].val), true
	}
	return ts[0].val, true
}

// agree reports whether two notations of a date agree in what both give:
// 2010年2月1日 agrees with 2010年2月 and with 2010.
func agree(a, b perinet.Date) bool {
	return a.Year == b.Year &&
		(a.Month == 0 || b.Month == 0 || a.Month == b.Month) &&
		(a.Day == 0 || b.Day == 0 || a.Day == b.Day)
}

// splitAlternative separates "A（B）" into A and B, where B is another
// notation of A. Tokens after the closing bracket belong to A, as 年度 in
// 平成28（2016）年度. Text wholly in brackets is read as it stands.
func splitAlternative(ts []token) (main, alt []token, ok bool) {
	open := -1
	for i, t := range ts {
		if t.kind == tOpen {
			open = i
			break
		}
	}
	if open < 0 {
		return ts, nil, true
	}
	end := len(ts) - 1
	for end > open && ts[end].kind != tClose {
		end--
	}
	if end == open {
		return nil, nil, false
	}
	inner := ts[open+1 : end]
	for _, t := range inner {
		if t.kind == tOpen || t.kind == tClose {
			return nil, nil, false
		}
	}
	if open == 0 && end == len(ts)-1 {
		return inner, nil, true
	}
	// A is the tokens before the bracket and those after it, joined in a copy.
	main = append(ts[:open:open], ts[end+1:]...)
	return main, inner, len(main) > 0
}

// dateOf reads and checks one notation of a date.
func dateOf(text string, ts []token, today time.Time) (perinet.Date, *perinet.Problem) {
	if len(ts) > 0 && ts[0].kind == tNum && isSerial(ts) {
		return serial(text, float64(ts[0].val), false, today)
	}
	w, p := parseDate(text, ts)
	if p != nil {
		return perinet.Date{}, p
	}
	return checkDate(text, w, today)
}

// parseDate reads the tokens of a date: [era] year 年|sep month [月] [day [日]] [time].
func parseDate(text string, ts []token) (written, *perinet.Problem) {
	w := written{era: -1}
	i := 0
	if i < len(ts) && ts[i].kind == tEra {
		w.era = int(ts[i].era)
		i++
	}
	if i >= len(ts) || ts[i].kind != tNum {
		return w, unreadableDate(text)
	}
	y := ts[i]
	i++
	if w.era < 0 && i == len(ts) && !y.kanji && (y.digits == 6 || y.digits == 8) {
		if c := compactDate(y); c.year >= gregorianStart.year() {
			return c, nil
		}
		return w, unreadableDate(text)
	}
	switch checkYear(w.era, y) {
	case yearUnreadable:
		return w, unreadableDate(text)
	case yearWithoutEra:
		return w, yearWithoutEraProblem(text, "H22年2月")
	}
	w.year = y.val
	var sep byte
	switch {
	case i < len(ts) && ts[i].kind == tYear:
	case i < len(ts) && ts[i].kind == tSep:
		sep = ts[i].sep
	default:
		return w, unreadableDate(text)
	}
	i++
	if i >= len(ts) || !isSmallNumber(ts[i]) {
		return w, unreadableDate(text)
	}
	w.month = ts[i].val
	i++
	dayNext := false
	if i < len(ts) && ts[i].kind == tMonth {
		i, dayNext = i+1, true
	} else if sep != 0 && i < len(ts) && ts[i].kind == tSep && ts[i].sep == sep {
		i++
		if i >= len(ts) {
			return w, unreadableDate(text)
		}
		dayNext = true
	}
	if dayNext && i < len(ts) && isSmallNumber(ts[i]) {
		w.day, w.hasDay = ts[i].val, true
		i++
		if i < len(ts) && ts[i].kind == tDay {
			i++
		}
		i = skipTime(ts, i)
	}
	if i != len(ts) {
		return w, unreadableDate(text)
	}
	return w, nil
}

// isSmallNumber reports whether t is a month or day number: one or two
// digits, not 元.
func isSmallNumber(t token) bool {
	return t.kind == tNum && t.digits >= 1 && t.digits <= 2
}

// skipTime skips a time of day (0:00, 00:00:00) that spreadsheet exports
// write after a date.
func skipTime(ts []token, i int) int {
	j := i
	for k := 0; k < 3 && j < len(ts) && ts[j].kind == tNum && ts[j].digits <= 2; k++ {
		j++
		if j == len(ts) {
			return j
		}
		if ts[j].kind != tColon {
			return i
		}
		j++
	}
	return i
}

// compactDate reads 201002 and 20100201.
func compactDate(t token) written {
	if t.digits == 6 {
		return written{era: -1, year: t.val / 100, month: t.val % 100}
	}
	return written{era: -1, year: t.val / 10000, month: t.val / 100 % 100, day: t.val % 100, hasDay: true}
}

// A yearFault says what is wrong with how a year is written.
type yearFault uint8

const (
	yearOK         yearFault = iota
	yearUnreadable           // not an era year nor a four-digit year
	yearWithoutEra           // a one- or two-digit year with no era
)

// checkYear checks that a year is written as an era year (one or two
// digits, kanji numerals, or 元) or as a four-digit Gregorian year.
func checkYear(era int, y token) yearFault {
	switch {
	case era >= 0 && (y.val < 1 || (!y.kanji && y.digits > 2)):
		return yearUnreadable
	case era >= 0:
		return yearOK
	case y.digits == 0: // 元 without an era
		return yearUnreadable
	case y.digits <= 2:
		return yearWithoutEra
	case y.digits != 4:
		return yearUnreadable
	}
	return yearOK
}

// yearWithoutEraProblem explains that a year needs its era; example shows
// how to write it.
func yearWithoutEraProblem(text, example string) *perinet.Problem {
	return errorf(perinet.BadDate, text,
		"「%s」には元号がないため年が分かりません。「%s」のように元号を付けるか、西暦を4桁で書いてください", text, example)
}

// checkDate checks that a written date exists in its calendar and era and
// is not in the future, and returns it in the Gregorian calendar.
func checkDate(text string, w written, today time.Time) (perinet.Date, *perinet.Problem) {
	year := w.year
	if w.era >= 0 {
		year = eras[w.era].gregorian(w.year)
	}
	d := perinet.Date{Year: year, Month: w.month, Day: w.day}
	if w.month < 1 || w.month > 12 {
		return perinet.Date{}, errorf(perinet.BadDate, text, "「%s」の月（%d月）は1月から12月の範囲にありません", text, w.month)
	}
	if w.hasDay && (w.day < 1 || w.day > daysIn(year, w.month)) {
		return perinet.Date{}, errorf(perinet.BadDate, text, "「%s」：%d年%d月に%d日はありません", text, year, w.month, w.day)
	}
	first, last := span(d)
	if last < gregorianStart {
		return perinet.Date{}, beforeGregorian(text)
	}
	if w.era >= 0 && !eras[w.era].covers(first, last) {
		return perinet.Date{}, outsideEra(text, &eras[w.era], eraText(&eras[w.era], w.year)+monthDayText(w.month, w.day), first,
			inEra(first, monthDayText(w.month, w.day)))
	}
	if p := checkFuture(text, d, first, today); p != nil {
		return perinet.Date{}, p
	}
	return d, nil
}

// span returns the first and last day a date stands for: its day, or
// every day of its month.
func span(d perinet.Date) (first, last day) {
	if d.Day != 0 {
		return ymd(d.Year, d.Month, d.Day), ymd(d.Year, d.Month, d.Day)
	}
	return ymd(d.Year, d.Month, 1), ymd(d.Year, d.Month, daysIn(d.Year, d.Month))
}

func checkFuture(text string, d perinet.Date, first day, t time.Time) *perinet.Problem {
	if first <= dayOf(t) {
		return nil
	}
	y, m, dd := t.Date()
	return errorf(perinet.DateInFuture, text, "「%s」（%s）は今日（%d年%d月%d日）より後の日付です", text, gregorianText(d), y, m, dd)
}

// Serial reads an Excel serial day number: days since 1899-12-30 in the
// 1900 date system (where serial 60 is Excel's phantom 1900-02-29), or
// since 1904-01-01 in the 1904 system. A fraction, the time of day, is
// ignored. The date has its day; callers that show only the month drop it.
func Serial(v float64, date1904 bool, today time.Time) (perinet.Date, *perinet.Problem) {
	return serial("", v, date1904, today)
}

// CellDate reads a workbook's date cell: its serial day, shown to the
// precision of its number format (the day is dropped when the format shows
// only the month), with text, the serial as written, quoted in a problem.
func CellDate(text string, c perinet.DateCell, today time.Time) (perinet.Date, *perinet.Problem) {
	d, p := serial(text, c.Serial, c.Date1904, today)
	if !c.ShowsDay {
		d.Day = 0
	}
	return d, p
}

// serial is Serial quoting text, or the number when text is empty.
func serial(text string, v float64, date1904 bool, today time.Time) (perinet.Date, *perinet.Problem) {
	d, ok := serialDay(v, date1904)
	if text == "" && (!ok || d > dayOf(today)) {
		text = strconv.FormatFloat(v, 'f', -1, 64)
	}
	if !ok {
		return perinet.Date{}, errorf(perinet.BadDate, text,
			"「%s」は日付のシリアル値として読めません（1900年1月1日から9999年12月31日まで）", text)
	}
	date := perinet.Date{Year: d.year(), Month: d.month(), Day: d.dom()}
	if p := checkFuture(text, date, d, today); p != nil {
		return perinet.Date{}, p
	}
	return date, nil
}

// serialDay converts a serial day number to its date.
func serialDay(v float64, date1904 bool) (day, bool) {
	if math.IsNaN(v) || v < 0 || v >= 2958466 {
		return 0, false
	}
	n := int(v)
	switch {
	case date1904:
		return civil(n - 24107), true // serial 0 is 1904-01-01
	case n == 0 || n == 60: // 1900-01-00 and 1900-02-29 do not exist
		return 0, false
	case n < 60:
		return civil(n - 25568), true // serial 1 is 1900-01-01
	}
	return civil(n - 25569), true // serial 61 is 1900-03-01
}

// isSerial reports whether tokens are a bare serial day number: five
// digits, perhaps with a fraction.
func isSerial(ts []token) bool {
	t := ts[0]
	if t.kanji || t.digits != 5 {
		return false
	}
	return len(ts) == 1 || (len(ts) == 3 && ts[1].kind == tSep && ts[1].sep == '.' && ts[2].kind == tNum)
}

func unreadableDate(text string) *perinet.Problem {
	if strings.TrimSpace(text) == "" {
		return errorf(perinet.BadDate, text, "年月が空欄です。「H22年2月」のように書いてください")
	}
	return errorf(perinet.BadDate, text,
		"「%s」を年月として読めません。「H22年2月」「平成22年2月」「2010年2月」のように書いてください", text)
}

func beforeGregorian(text string) *perinet.Problem {
	return errorf(perinet.BadDate, text, "「%s」は1873年（明治6年）の改暦より前の日付のため扱えません", text)
}

// outsideEra explains that what, a date or fiscal year of era e starting
// on first, lies outside the era, and suggests the same one written in the
// era that covers it (instead, when there is one).
func outsideEra(text string, e *era, what string, first day, instead string) *perinet.Problem {
	bound := fmt.Sprintf("%sは%sまで", e.name, eraDayText(e, e.last))
	if first < e.first {
		bound = fmt.Sprintf("%sは%sから", e.name, eraDayText(e, e.first))
	}
	if instead == "" {
		return errorf(perinet.DateOutsideEra, text, "%sは存在しません（%s）", what, bound)
	}
	return errorf(perinet.DateOutsideEra, text, "%sは存在しません（%s）。%sのことであれば、「%s」と書いてください", what, bound, instead, instead)
}

// inEra writes the year of day d in the era that covers d, followed by
// rest: 令和元年 and 5月 give 令和元年5月. It returns "" before 明治.
func inEra(d day, rest string) string {
	for i := len(eras) - 1; i >= 0; i-- {
		if e := &eras[i]; d >= e.first {
			return eraText(e, d.year()-e.first.year()+1) + rest
		}
	}
	return ""
}

// eraText writes era year y as 平成22年, or 令和元年 for the first year.
func eraText(e *era, y int) string {
	if y == 1 {
		return e.name + "元年"
	}
	return e.name + strconv.Itoa(y) + "年"
}

// eraDayText writes a day of era e without the era's name: 31年4月30日.
func eraDayText(e *era, d day) string {
	y := d.year() - e.first.year() + 1
	return eraText(e, y)[len(e.name):] + monthDayText(d.month(), d.dom())
}

func monthDayText(m, d int) string {
	s := strconv.Itoa(m) + "月"
	if d != 0 {
		s += strconv.Itoa(d) + "日"
	}
	return s
}

// gregorianText writes a date as 2010年2月 or 2010年2月1日, or a year alone
// as 2010年.
func gregorianText(d perinet.Date) string {
	if d.Month == 0 {
		return strconv.Itoa(d.Year) + "年"
	}
	return strconv.Itoa(d.Year) + "年" + monthDayText(d.Month, d.Day)
}
