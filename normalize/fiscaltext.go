package normalize

import "strconv"

// FiscalYearText writes fiscal year fy (April of fy to March of fy+1) as
// the committee titles its tables: the era year and the Gregorian year,
// 平成28年度（2016年度）. The era is as EraFiscalYear gives it; before 明治
// only the Gregorian form is written (1867年度).
func FiscalYearText(fy int) string {
	gregorian := strconv.Itoa(fy) + "年度"
	if era := EraFiscalYear(fy); era != "" {
		return era + "（" + gregorian + "）"
	}
	return gregorian
}

// EraFiscalYear writes fiscal year fy in its era alone, as sentences name
// it: 平成28年度, 令和元年度. The era is the newest one that began in or
// before the calendar year fy, as Japanese fiscal years are named: 2019 is
// 令和元年度, 1988 is 昭和63年度. It returns "" before 明治.
func EraFiscalYear(fy int) string {
	for i := len(eras) - 1; i >= 0; i-- {
		if e := &eras[i]; e.first.year() <= fy {
			return eraText(e, fy-e.first.year()+1) + "度"
		}
	}
	return ""
}
