// Package ingest turns one submitted file (a workbook, a CSV file or a PDF)
// into a Grid: rows of cell text, each cell knowing where it came from. It
// knows file formats and nothing about the survey; reading the survey out
// of a Grid is package reader's job.
//
// File tells the format by the file's first bytes, never by its name:
//
//   - a zip archive is an Excel workbook (.xlsx, .xlsm), read with excelize;
//   - an OLE compound file is either a password-protected workbook (problem
//     encrypted) or a legacy .xls workbook, which is converted to .xlsx by
//     LibreOffice (soffice) in a temporary directory and then read like one;
//   - a PDF is read with package pdf (pdfcpu for the file, our own
//     interpreter for the pages) and its pages rebuilt into tables by
//     package table: one Sheet per page, named "p1", "p2", …;
//   - any other file that looks like text is a CSV file, in UTF-8 (with or
//     without a byte order mark) when its bytes are valid UTF-8, and in
//     Shift_JIS (Windows code page 932) otherwise;
//   - anything else is of format "unknown".
//
// Workbook cells keep their raw values: a number is its text as stored
// ("103", "40210"), and a date cell also gets a DateCell with the serial
// day number, the workbook's date system and whether its number format
// shows the day. This package decides which cells are dates from their
// number formats: the built-in date formats (ids 14–17, 22, and the
// Japanese 27–31, 34–36, 50–58), and any format code that, outside quoted
// text, escapes and brackets, shows a year, a day, an era (g, e) or a
// month (an m that is not the minutes of h:mm or mm:ss). It never converts
// a serial to a calendar date itself, and never uses excelize's formatted
// text of a date: that is normalize.Serial's job. Merged ranges are expanded: every covered cell
// repeats the text, place and date of the range's first cell.
//
// Nothing here writes to the file it reads; temporary files are removed
// before File returns (but see Limits.Timeout).
package ingest
