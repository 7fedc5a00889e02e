// Package xlsxcell holds what the workbooks perinet writes (the report,
// the forms, the fixtures) share about their cells: how wide a line of
// text is in column-width units, how many lines a text wraps to in a
// column, the serial day number a workbook stores for a date, and the
// font, borders, fills and era date format they all use. Excel does not
// fit row heights to wrapped text in files it did not write, so writers
// size rows from these.
package xlsxcell

import (
	"strings"
	"time"

	"golang.org/x/text/width"
)

// Width returns the width of a line of text in column-width units: two
// for a full-width character and for one whose width depends on the font
// (○, ※), which Japanese fonts draw full-width; one for any other.
func Width(line string) int {
	n := 0
	for _, r := range line {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth, width.EastAsianAmbiguous:
			n += 2
		default:
			n++
		}
	}
	return n
}

// Lines returns how many lines a text takes in a column of the given
// width when wrapped: each of its lines at least one.
func Lines(text string, colWidth float64) int {
	per := max(1, int(colWidth)-1) // a little room for the cell's margins
	lines := 0
	for _, line := range strings.Split(text, "\n") {
		lines += max(1, (Width(line)+per-1)/per)
	}
	return lines
}

// Serial returns the day number that a workbook in the 1900 date system
// stores for the day t falls on (its time of day dropped): 2010-02-01 is
// 40210. It is right for every day from 1 March 1900 on, after the
// 1900-02-29 that Excel counts and that never was.
func Serial(t time.Time) float64 {
	epoch := time.Date(1899, time.December, 30, 0, 0, 0, 0, time.UTC)
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return float64(day.Sub(epoch) / (24 * time.Hour))
}
