package reader

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"perinet"
	"perinet/normalize"
)

// fiscalYearCell is a form's fiscal year and the cell it was read from
// (nil when it came from the Reader's FiscalYear).
type fiscalYearCell struct {
	year int
	cell *perinet.Cell
}

// fiscalYear finds the fiscal year of a sheet: in the value of a 年度
// heading, or in a title above the survey (…実施状況（平成28年度）). When the
// sheet names none, the Reader's FiscalYear stands; when neither does,
// missing_fiscal_year.
func (r *Reader) fiscalYear(sh *sheetView, top int) (fiscalYearCell, []perinet.Problem) {
	var found []fiscalYearCell
	var problems []perinet.Problem
	for i, row := range sh.keys {
		for j, k := range row {
			c := sh.cell(i, j)
			if sh.labels.field(k) == fieldFiscalYear {
				v := nonEmpty(sh.valueRight(i, j))
				if v == nil {
					continue
				}
				fy, p := normalize.FiscalYear(v.Text, r.Today)
				if p != nil {
					p.Where, p.Field = v.Where, "fiscal_year"
					problems = append(problems, *p)
					continue
				}
				found = append(found, fiscalYearCell{fy, v})
			} else if i < top && !c.Merged {
				if fy, ok := fiscalYearIn(c.Text, r); ok {
					found = append(found, fiscalYearCell{fy, c})
				}
			}
		}
	}
	for _, f := range found[min(1, len(found)):] {
		if f.year != found[0].year {
			problems = append(problems, conflict("fiscal_year", found[0].cell, f.cell))
		}
	}
	switch {
	case len(found) > 0 && r.FiscalYear != 0 && found[0].year != r.FiscalYear:
		c := found[0].cell
		problems = append(problems, perinet.Problem{Severity: perinet.Error, Code: perinet.ConflictingValues, Where: c.Where,
			Field: "fiscal_year", Text: c.Text,
			Message: "シートの年度（" + strconv.Itoa(found[0].year) + "年度）と指定された年度（" + strconv.Itoa(r.FiscalYear) + "年度）が違います"})
		return found[0], problems
	case len(found) > 0:
		return found[0], problems
	case r.FiscalYear != 0:
		return fiscalYearCell{year: r.FiscalYear}, problems
	}
	return fiscalYearCell{}, append(problems, perinet.Problem{Severity: perinet.Error, Code: perinet.MissingFiscalYear, Where: sh.Name,
		Field: "fiscal_year", Message: "年度が書かれていません。表題か「年度」の欄に「平成28年度」のように書くか、--year で指定してください"})
}

// fiscalYearIn finds a fiscal year in a title: the longest run of text
// ending at its first 年度 that reads as one (…実施状況（平成28年度）).
func fiscalYearIn(text string, r *Reader) (int, bool) {
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
