package form

import (
	"fmt"
	"io"
	"strings"
	"time"

	"perinet"
	"perinet/normalize"
	"perinet/xlsxcell"
)

// sheetName is the name of a form's one sheet.
const sheetName = "調査票"

// Write writes the form as an xlsx workbook: a one-group form for one
// group, a table for more, with the instructions under it, the input cells
// checked and unlocked, everything else protected, and print set up on one
// A4 page.
func (f Form) Write(w io.Writer, s *perinet.Survey) error {
	if len(f.Groups) == 0 {
		return fmt.Errorf("form %s: no group", f.Name())
	}
	sh := newSheet(sheetName)
	l := layout{sheet: sh, survey: s, form: f}
	if len(f.Groups) == 1 {
		l.oneGroup()
	} else {
		l.table()
	}
	sh.addChecks(f.FiscalYear)
	sh.protect()
	sh.do(func() error { return sh.f.Write(w) })
	if sh.err != nil {
		return fmt.Errorf("form %s: %w", f.Name(), sh.err)
	}
	return nil
}

// A layout puts a form's parts on its sheet.
type layout struct {
	*sheet
	survey *perinet.Survey
	form   Form
}

// The rows of the head of either layout.
const (
	titleRow  = 1
	yearRow   = 2
	noticeRow = 3
)

// head writes the title, the fiscal year and the notice of what to fill
// in, across the columns from B to last.
func (l layout) head(last int) {
	l.put(2, titleRow, l.survey.Title+"調査票", l.style.title)
	l.merge(2, titleRow, last, titleRow)
	l.height(titleRow, 24)
	// The fiscal year stands alone in its cell, where perinet reads it.
	l.put(2, yearRow, normalize.FiscalYearText(l.form.FiscalYear), l.style.plain)
	// The notice names no year: perinet would read one above the survey
	// as the form's fiscal year.
	notice := "黄色の欄に記入してください。記入の仕方は下の" + guideTitle + "にあります。"
	if l.form.prefilledFrom() != 0 {
		notice = "黄色の欄には前回の回答が入っています。確認し、変わったところを書き換えてください。" +
			"記入の仕方は下の" + guideTitle + "にあります。"
	}
	l.put(2, noticeRow, notice, l.style.note)
	l.merge(2, noticeRow, last, noticeRow)
	l.height(noticeRow, 30)
}

// guide writes the instructions from row top down, across the columns
// from B to last, each paragraph merged across them; it returns the last
// row written.
func (l layout) guide(top, last int, chars float64) int {
	l.put(2, top, guideTitle, l.style.plain)
	row := top
	for _, p := range guide(l.survey, l.form) {
		row++
		l.put(2, row, p, l.style.note)
		l.merge(2, row, last, row)
		l.height(row, float64(xlsxcell.Lines(p, chars*11/10))*12.5+3)
	}
	return row
}

// itemColumns are the columns of one item's cells; count is 0 for an item
// that takes no count.
type itemColumns struct{ mark, count, details int }

// item writes one item's input cells in a row, pre-filled with what it
// holds, and returns the height the details need in a column that many
// characters wide.
func (l layout) item(row int, cols itemColumns, it perinet.Item, chars float64) float64 {
	l.input(cols.mark, row, markInput, it.Mark.Symbol())
	if cols.count != 0 {
		var n any
		if it.DistributedTo != nil {
			n = *it.DistributedTo
		}
		l.input(cols.count, row, countInput, n)
	}
	details := strings.Join(it.Details, "\n")
	l.input(cols.details, row, detailsInput, details)
	return textHeight(details, chars)
}

// started writes the start date's input cell, pre-filled with a group's
// date: a date cell showing era, year and month (and the day when one was
// given); text for a date before 1900, which a workbook cannot hold.
func (l layout) started(col, row int, d *perinet.Date) {
	switch {
	case d == nil:
		l.input(col, row, dateInput, nil)
	case d.Year < 1900:
		l.input(col, row, dateInput, normalize.EraText(*d))
	case d.Day != 0:
		l.inputWithStyle(col, row, dateInput, time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC), l.style.dayInput)
	default:
		l.input(col, row, dateInput, time.Date(d.Year, time.Month(d.Month), 1, 0, 0, 0, 0, time.UTC))
	}
}

// hospital writes a group's hospital: fixed when the group has one, an
// input cell when the survey names none.
func (l layout) hospital(col, row int, name string) {
	if name == "" {
		l.input(col, row, textInput, nil)
		return
	}
	l.put(col, row, name, l.style.fixed)
}

// itemLabel returns an item's label as the form prints it: its number in
// full width, the label, and its note in brackets on a line of its own.
func itemLabel(d perinet.ItemDef) string {
	label := wideNumber(d.No) + "　" + d.Label
	if d.Note != "" {
		label += "\n（" + d.Note + "）"
	}
	return label
}

// itemOf returns a group's item number no, or a blank one.
func itemOf(rec perinet.Record, no int) perinet.Item {
	for _, it := range rec.Items {
		if it.No == no {
			return it
		}
	}
	return perinet.Item{No: no}
}
