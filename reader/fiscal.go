package reader

import (
	"strings"
	"unicode/utf8"

	"perinet"
	"perinet/normalize"
)

// A fiscalYear is the fiscal year of a sheet and where it was read: the
// value of a 年度 label, a title above the survey, or the sheet's name.
type fiscalYear struct {
	year   int
	cell   *cell // the cell it was read from; nil for the sheet's name or --year
	label  *cell // the 年度 label, when it was read beside one
	byName bool  // read from the sheet's name
}

// sheetYear finds the fiscal year a sheet names: in the value of a 年度
// label, or in a title above the survey (…実施状況（平成28年度）); failing
// both, in the sheet's name (H28年度). Two cells naming different years
// are a conflict. It returns the zero fiscalYear when the sheet names none.
func (r *Reader) sheetYear(sh *sheet, above int, labels []labelled) (fiscalYear, []perinet.Problem) {
	var found []fiscalYear
	var problems []perinet.Problem
	for _, lf := range labels {
		if lf.field != fieldFiscalYear {
			continue
		}
		lf.label.role = roleLabel
		if lf.value == nil {
			continue
		}
		lf.value.role = roleTitle
		fy, p := normalize.FiscalYear(lf.value.Text, r.Today)
		if p != nil {
			p.Where, p.Field = lf.value.Where, "fiscal_year"
			problems = append(problems, *p)
			continue
		}
		found = append(found, fiscalYear{year: fy, cell: lf.value, label: lf.label})
	}
	for _, c := range sh.cells {
		if c.role != roleNone || c.r0 >= above || c.Date != nil {
			continue
		}
		if fy, ok := r.fiscalYearIn(c.Text); ok {
			c.role = roleTitle
			found = append(found, fiscalYear{year: fy, cell: c})
		}
	}
	for _, f := range found[min(1, len(found)):] {
		if f.year != found[0].year {
			problems = append(problems, conflict("fiscal_year", found[0].cell.Cell, f.cell.Cell))
		}
	}
	if len(found) > 0 {
		return found[0], problems
	}
	if fy, ok := r.fiscalYearIn(sh.Name); ok {
		return fiscalYear{year: fy, byName: true}, problems
	}
	return fiscalYear{}, problems
}

// fiscalYearIn finds a fiscal year in a title or a sheet's name: the
// longest run of its normal form ending at its first 年度 that reads as
// one (…実施状況（平成28年度）).
func (r *Reader) fiscalYearIn(text string) (int, bool) {
	text = normalize.Clean(text)
	i := strings.Index(text, "年度")
	if i < 0 {
		return 0, false
	}
	head := text[:i+len("年度")]
	for n := 12; n >= 3; n-- {
		if fy, p := normalize.FiscalYear(lastRunes(head, n), r.Today); p == nil {
			return fy, true
		}
	}
	return 0, false
}

// lastRunes returns the last n runes of s.
func lastRunes(s string, n int) string {
	i := len(s)
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}
