package perinet

import "time"

// A Grid is what package ingest reads from one file: its tables of cells,
// each cell knowing where it came from, and nothing yet about the survey.
// Package reader finds the survey in it.
type Grid struct {
	Format string  // "xlsx", "ods", "csv", "xls" or "pdf", as the contract names formats
	Sheets []Sheet // in the order of the file: a workbook's sheets, a CSV file's one table, a PDF's pages
	// Modified is when the file says it was last saved (a workbook's
	// document properties); the zero time when it does not say. It is
	// part of the data, unlike the file system's time, which a copy changes.
	Modified time.Time
}

// A Sheet is one table of a Grid.
type Sheet struct {
	Name   string   // the sheet's name, or "p1" for a PDF page; empty for a CSV file
	Hidden bool     // the workbook hides the sheet; it is read all the same
	Rows   [][]Cell // Rows[i][j] is row i+1, column j+1; rows may differ in length
}

// A Cell is one cell of a Sheet.
type Cell struct {
	// Text is the cell's content as typed: a string with its line breaks
	// (rich-text runs joined), a number as its raw value ("103", "40210"),
	// with the CJK radicals and compatibility ideographs that stand for
	// ideographs folded to them (⽉ is 月; package ideograph).
	Text string
	// Where is the cell's place in the contract's notation: "調査票!C6",
	// "r5c3" for CSV, "p1@72,540" for PDF. A cell covered by a merged range
	// has the text and the place of the range's first cell.
	Where string
	// Merged is set on every cell of a merged range but its first.
	Merged bool
	// Date is set when the cell holds a date: a number whose format shows
	// a date. Text then holds the serial as written in the file.
	Date *DateCell
}

// A DateCell is a date as a workbook stores it: a serial day number, read
// with the workbook's date system, shown with or without its day.
type DateCell struct {
	Serial   float64
	Date1904 bool // the workbook counts from 1904-01-01
	ShowsDay bool // the number format shows the day (yyyy/m/d), not only the month (ggge"年"m"月")
}
