// Package excel writes rendered sheets (package layout) as Excel writes
// files: a workbook, through excelize, with its merged ranges and its
// date and number cells in their formats; and a sheet saved as CSV, as
// Excel saves it on a Japanese Windows.
package excel

import (
	"fmt"
	"strings"

	"golang.org/x/text/encoding/japanese"

	"perinet/layout"
)

// An Encoding is one of Excel's CSV formats.
type Encoding uint8

// Excel's CSV formats.
const (
	// UTF8 is "CSV UTF-8 (comma delimited)": UTF-8 after a byte order mark.
	UTF8 Encoding = iota
	// CP932 is "CSV (comma delimited)" on a Japanese Windows: Shift_JIS as
	// code page 932 has it.
	CP932
)

// String names the encoding as the tests' tables do.
func (e Encoding) String() string {
	if e == CP932 {
		return "CP932"
	}
	return "UTF-8"
}

// CSV writes a sheet as Excel saves it as CSV: every row from the first
// to the last that holds a cell, each padded with empty fields to the
// widest, from column A; a merged range's text in its first cell and its
// other cells empty; a number or a date as the cell shows it (103施設,
// 平成22年2月, 2010/2/1); a field quoted only when it holds a comma, a
// quote or a line break, its quotes doubled, a line break within it kept
// as LF; CRLF after every row. It fails when a value has a format it
// cannot show, and, for CP932, when a character has no place in code
// page 932 (Excel would write ? for it).
func CSV(sh layout.Sheet, enc Encoding) ([]byte, error) {
	rows, err := texts(sh)
	if err != nil {
		return nil, err
	}
	width := 0
	for _, r := range rows {
		width = max(width, len(r))
	}
	var b strings.Builder
	if enc == UTF8 {
		b.WriteString("\uFEFF")
	}
	for _, r := range rows {
		for j := range width {
			if j > 0 {
				b.WriteByte(',')
			}
			if j < len(r) {
				b.WriteString(field(r[j]))
			}
		}
		b.WriteString("\r\n")
	}
	if enc == UTF8 {
		return []byte(b.String()), nil
	}
	out, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte(b.String()))
	if err != nil {
		return nil, fmt.Errorf("sheet %s: not all of it can be written in Shift_JIS: %w", sh.Name, err)
	}
	return out, nil
}

// texts returns the text each cell of a sheet shows, row by row from A1.
func texts(sh layout.Sheet) ([][]string, error) {
	var rows [][]string
	for _, c := range sh.Cells {
		text, err := c.Value.Shown()
		if err != nil {
			return nil, fmt.Errorf("sheet %s row %d column %d: %w", sh.Name, c.Row, c.Col, err)
		}
		last := c.Row + max(c.Rows, 1) - 1
		for len(rows) < last {
			rows = append(rows, nil)
		}
		for r := c.Row; r <= last; r++ {
			for len(rows[r-1]) < c.Col+max(c.Cols, 1)-1 {
				rows[r-1] = append(rows[r-1], "")
			}
		}
		rows[c.Row-1][c.Col-1] = text
	}
	return rows, nil
}

// field quotes a field that holds a comma, a quote or a line break,
// doubling its quotes.
func field(s string) string {
	if !strings.ContainsAny(s, ",\"\r\n") {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}
