// Package ingest turns one submitted file (an Excel or LibreOffice
// workbook, a CSV file or a PDF) into a Grid: rows of cell text, each cell
// knowing where it came from. It knows file formats and nothing about the
// survey; reading the survey out of a Grid is package reader's job.
//
// File tells the format by the file's first bytes, never by its name:
//
//   - a zip archive is an OpenDocument spreadsheet (LibreOffice Calc's .ods,
//     or a template, .ots) when its first entry, mimetype, says so, or, in
//     an archive without that entry, when its content.xml holds an
//     office:spreadsheet; another OpenDocument file (a text, .odt; a
//     presentation, .odp) is unreadable_file, of format "unknown"; any
//     other zip archive is an Excel workbook (.xlsx, .xlsm), read by this
//     package;
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
// a serial to a calendar date itself, and never formats a date: that is
// normalize.Serial's job. Merged ranges are expanded: every covered cell
// repeats the text, place and date of the range's first cell.
//
// An .xlsx file is read part by part, each part streamed once through a
// scanner of XML of this package's, which checks what encoding/xml checks
// but allocates nothing for a token (a sheet has millions), the parts
// found by their relationships as the Open Packaging Conventions say: workbook.xml for the sheets, their states
// and the date system; sharedStrings.xml, each string's runs joined,
// without its phonetic runs (rPh, the furigana of Japanese text), the
// escapes _xHHHH_ undone; styles.xml for the number formats and cell
// formats only (not fonts, fills, borders, nor the theme); docProps/core.xml
// for Modified; then each sheet, in one pass: its column formats, its
// rows of cells, its merged ranges. A cell's Text is its value as the
// file writes it (a number as "103", a boolean as "1" or "0", an error as
// "#N/A", a formula's last value), its shared string, or its inline
// string; a cell with no value and no formula, and the empty cells after
// a row's last one that holds something, are left out, as are the empty
// rows at the end of a sheet. A number is a date when its cell format
// shows one: the cell's own, else its row's, else its column's.
// Overlapping merged ranges, which Excel never writes, are joined into
// the range that covers them. The empty rows and cells before a cell are
// counted against MaxCells before they are made, so a sheet whose one cell
// is at row 1,048,576 is too_large at once, and costs nothing to find so;
// and a part holding a run of text or a tag longer than 1 MiB, which no
// workbook needs (a cell holds 32,767 characters), is too_large.
//
// An .ods file is read by this package too: its content.xml
// is streamed with encoding/xml, one table:table after the other into one
// Sheet each (hidden when its table style says table:display="false"),
// with the data styles of content.xml and styles.xml. Repeated rows and
// cells are expanded, but the repeats of empty rows and cells after the
// last cell that holds something (LibreOffice writes them to the end of
// the sheet, a million rows) are counted, never made, and cost nothing;
// merged ranges (number-columns-spanned, number-rows-spanned) are expanded
// as for xlsx. A cell's Text is what the xlsx reader would give: a number's
// office:value as written ("103", "0.5"), a boolean as "1" or "0", a time
// as a fraction of a day, and otherwise the text of its paragraphs, joined
// by line breaks, with the spaces, tabs and line breaks of text:s, text:tab
// and text:line-break, without comments, and with the white space of the
// file kept as LibreOffice keeps it. A date (office:date-value, or a number
// in a date style) becomes a DateCell holding the serial an xlsx workbook
// would hold for its day (Excel's 1900 system, with its 29 February 1900;
// the 1904 system when the file's null date is 1904-01-01), showing the
// day when its date style has a number:day: a style of era, year and month
// only (平成22年11月) shows the month, as ggge"年"m"月" does in a workbook.
// Modified is meta.xml's dc:date; a time without a zone, as LibreOffice
// writes it, is taken as Japan's.
//
// Every cell's text, whatever the format, is folded once, where File
// finishes the Grid: the CJK radicals and compatibility ideographs that
// PDF producers write in place of ideographs, and that people paste into
// workbooks (⽉ U+2F49 for 月, ⻄ U+2EC4 for 西), become the unified
// ideographs they stand for (package ideograph). Nothing else in the text
// changes: full-width letters, line breaks and the rest stay as typed,
// for package normalize to read. Sheet names and places are kept as the
// file writes them.
//
// Nothing here writes to the file it reads; temporary files are removed
// before File returns (but see Limits.Timeout).
package ingest
