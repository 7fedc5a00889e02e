package ingest

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"

	"perinet"
)

// utf8BOM starts a UTF-8 file that Excel saved as "CSV UTF-8".
var utf8BOM = []byte{0xef, 0xbb, 0xbf}

// csv reads a CSV file into one sheet named "". The encoding is detected,
// not configured: bytes that are valid UTF-8 (after an optional byte
// order mark) are UTF-8; anything else is Shift_JIS as Windows writes it
// (code page 932, with its NEC and IBM extensions), which is what Excel
// saves as "CSV" on a Japanese Windows. Fields are read as encoding/csv
// reads them with LazyQuotes, and rows may differ in length. A cell's
// place is "r5c3": the fifth row as a spreadsheet shows the file (an empty
// line is an empty row; a quoted field that holds line breaks is still one
// row), third field.
func (r reader) csv(g *perinet.Grid, name string, data []byte) (*perinet.Grid, []perinet.Problem) {
	data, err := decodeText(data)
	if err != nil {
		return g, []perinet.Problem{unreadable(name, err.Error())}
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	budget := newCellBudget(r.lim.MaxCells)
	var rows [][]perinet.Cell
	lastLine := 0 // the line on which the previous record ended
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			line := 0
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.Line
			}
			p := unreadable(name, fmt.Sprintf("CSVファイルの%d行目を読み取れません（%v）。", line, err))
			p.Text = lineOf(data, line)
			return g, []perinet.Problem{p}
		}
		if err := budget.take(len(rec)); err != nil {
			p, _ := r.limitProblem(name, err)
			return g, []perinet.Problem{p}
		}
		// encoding/csv skips empty lines; keep them as empty rows.
		line, _ := cr.FieldPos(0)
		for ; lastLine+1 < line; lastLine++ {
			rows = append(rows, nil)
		}
		end, _ := cr.FieldPos(len(rec) - 1)
		lastLine = end + strings.Count(rec[len(rec)-1], "\n")
		n := len(rows) + 1
		row := make([]perinet.Cell, len(rec))
		for j, v := range rec {
			row[j] = perinet.Cell{Text: v, Where: csvWhere(n, j+1)}
		}
		rows = append(rows, row)
	}
	g.Sheets = []perinet.Sheet{{Name: "", Rows: rows}}
	return g, nil
}

// decodeText returns text in UTF-8 without a byte order mark: the bytes
// as they are when they are valid UTF-8 (after an optional byte order
// mark), else decoded from Shift_JIS (code page 932). The error is in
// Japanese, for the secretariat.
func decodeText(data []byte) ([]byte, error) {
	data = bytes.TrimPrefix(data, utf8BOM)
	if utf8.Valid(data) {
		return data, nil
	}
	dec, err := japanese.ShiftJIS.NewDecoder().Bytes(data)
	if err == nil && bytes.ContainsRune(dec, utf8.RuneError) {
		err = errors.New("UTF-8 でも Shift_JIS でもない文字があります")
	}
	if err != nil {
		return nil, fmt.Errorf("文字コード（UTF-8またはShift_JIS）を判別できません（%v）。", err)
	}
	return dec, nil
}

// Text reads a text file the secretariat wrote (a paragraph for the
// report, a list of names) as UTF-8 or Shift_JIS, as Windows' Notepad may
// save it, detected as for CSV files, with "\r\n" line ends made "\n".
func Text(path string) (string, error) {
	f, _, err := OpenFile(path)
	if err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return "", fmt.Errorf("%s: ファイルを読み取れません（%w）", path, err)
	}
	text, err := decodeText(data)
	if err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	return strings.ReplaceAll(string(text), "\r\n", "\n"), nil
}

// csvWhere returns the place of a CSV field, "r5c3".
func csvWhere(row, col int) string {
	b := make([]byte, 0, 12)
	b = append(b, 'r')
	b = strconv.AppendInt(b, int64(row), 10)
	b = append(b, 'c')
	return string(strconv.AppendInt(b, int64(col), 10))
}

// lineOf returns line n (from 1) of data, at most 200 bytes of it, for the
// Text of a problem.
func lineOf(data []byte, n int) string {
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(data, '\n')
		if j < 0 {
			return ""
		}
		data = data[j+1:]
	}
	if j := bytes.IndexByte(data, '\n'); j >= 0 {
		data = data[:j]
	}
	data = bytes.TrimRight(data, "\r")
	if len(data) > 200 {
		data = data[:200]
		for len(data) > 0 && !utf8.Valid(data) {
			data = data[:len(data)-1]
		}
	}
	return string(data)
}
