package normalize

import (
	"time"

	"perinet"
)

// FiscalYear reads a fiscal year (年度) as a form's title or field gives it
// — 平成28年度, H28年度, 2016年度, 令和元年度, R2年度, FY2016, or two
// notations at once (平成28年度（2016年度）, which must agree) — and returns
// the Gregorian year in which it starts: fiscal year N runs from 1 April of
// N to 31 March of N+1. 年度 may be left out (平成28, 2016) but not
// replaced by 年, which names a calendar year. The text is read in the
// normal form, as EraDate reads a date.
//
// A fiscal year is valid in an era that covers any of its days: 平成31年度
// and 令和元年度 are both 2019, 平成32年度 does not exist. One that starts
// after today is date_in_future.
func FiscalYear(text string, today time.Time) (int, *perinet.Problem) {
	var ts tokens
	if !lexDate(text, &ts) {
		return 0, unreadableFiscalYear(text)
	}
	main, alt, ok := splitAlternative(ts.t[:ts.n])
	if !ok {
		return 0, unreadableFiscalYear(text)
	}
	fy, p := fiscalYearOf(text, main, today)
	if p != nil || len(alt) == 0 {
		return fy, p
	}
	fy2, p := fiscalYearOf(text, alt, today)
	if p != nil {
		return 0, p
	}
	if fy != fy2 {
		return 0, errorf(perinet.ConflictingValues, text,
			"「%s」の二つの書き方が食い違っています（%d年度 と %d年度）", text, fy, fy2)
	}
	return fy, nil
}

// fiscalYearOf reads and checks one notation: [FY] [era] year [年度].
func fiscalYearOf(text string, ts []token, today time.Time) (int, *perinet.Problem) {
	i, era := 0, -1
	if i < len(ts) && ts[i].kind == tFiscal {
		i++
	}
	if i < len(ts) && ts[i].kind == tEra {
		era = int(ts[i].era)
		i++
	}
	if i >= len(ts) || ts[i].kind != tNum {
		return 0, unreadableFiscalYear(text)
	}
	y := ts[i]
	if i++; i < len(ts) && ts[i].kind == tFiscal {
		i++
	}
	if i != len(ts) {
		return 0, unreadableFiscalYear(text)
	}
	switch checkYear(era, y) {
	case yearUnreadable:
		return 0, unreadableFiscalYear(text)
	case yearWithoutEra:
		return 0, yearWithoutEraProblem(text, "H28年度")
	}
	fy := y.val
	if era >= 0 {
		fy = eras[era].gregorian(y.val)
	}
	first, last := ymd(fy, 4, 1), ymd(fy+1, 3, 31)
	if last < gregorianStart {
		return 0, beforeGregorian(text)
	}
	if era >= 0 && !eras[era].covers(first, last) {
		return 0, outsideEra(text, &eras[era], eraText(&eras[era], y.val)+"度", first, inEra(first, "度"))
	}
	if first > dayOf(today) {
		return 0, errorf(perinet.DateInFuture, text,
			"「%s」（%d年度）はまだ始まっていません（%d年4月1日から）", text, fy, fy)
	}
	return fy, nil
}

func unreadableFiscalYear(text string) *perinet.Problem {
	return errorf(perinet.BadDate, text,
		"「%s」を年度として読めません。「平成28年度」「R2年度」「2016年度」のように書いてください", text)
}
