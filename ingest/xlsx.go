package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"perinet"
)

// workbook reads an xlsx workbook (or the xlsx LibreOffice made of an xls
// one) into g.
func (r reader) workbook(ctx context.Context, g *perinet.Grid, name string, data []byte) (*perinet.Grid, []perinet.Problem) {
	return r.book(ctx, g, name, "Excelファイル", func() bookRead { return r.readWorkbook(ctx, name, data) })
}

// book reads a workbook, xlsx or ods, into g in a goroutine, so that it
// can give up when ctx is done; what names the kind of file for the
// message of a panic.
func (r reader) book(ctx context.Context, g *perinet.Grid, name, what string, read func() bookRead) (*perinet.Grid, []perinet.Problem) {
	res, ok := abandonable(ctx, read, func(v any) bookRead {
		return bookRead{probs: []perinet.Problem{unreadable(name, fmt.Sprintf("%sを読み取れません（読み取り中の内部エラー: %v）", what, v))}}
	})
	if !ok {
		p, _ := r.limitProblem(name, errTimeout)
		return g, []perinet.Problem{p}
	}
	g.Sheets, g.Modified = res.sheets, res.modified
	return g, res.probs
}

// A bookRead is what reading a workbook gave.
type bookRead struct {
	sheets   []perinet.Sheet
	modified time.Time // when the workbook says it was last saved; zero when it does not say
	probs    []perinet.Problem
}

// readWorkbook reads every sheet of a workbook, in workbook order. When a
// sheet goes past a limit, it returns the sheets read before it.
func (r reader) readWorkbook(ctx context.Context, name string, data []byte) bookRead {
	// Check what the parts unzip to before excelize unzips them: its own
	// check gives an error that does not say it is a limit.
	unzipLimit := 4 * r.lim.MaxBytes
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return bookRead{probs: []perinet.Problem{unreadable(name, fmt.Sprintf("Excelファイルとして読み取れません。ファイルが壊れている可能性があります（%v）。", err))}}
	}
	var unzipped uint64
	for _, zf := range zr.File {
		unzipped += zf.UncompressedSize64
	}
	if unzipped > uint64(unzipLimit) {
		return bookRead{probs: []perinet.Problem{tooLarge(name, fmt.Sprintf("ブックの中身が大きすぎます（展開すると%s、上限は%s）。", byteSize(int64(min(unzipped, 1<<62))), byteSize(unzipLimit)))}}
	}

	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		RawCellValue:      true,
		UnzipSizeLimit:    unzipLimit,
		UnzipXMLSizeLimit: r.lim.MaxBytes,
	})
	if err != nil {
		if f != nil {
			_ = f.Close()
		}
		return bookRead{probs: []perinet.Problem{unreadable(name, fmt.Sprintf("Excelファイルとして読み取れません。ファイルが壊れている可能性があります（%v）。", err))}}
	}
	defer f.Close() // removes excelize's temporary files

	wb := bookReader{
		f:       f,
		formats: cellFormats(f),
		budget:  newCellBudget(r.lim.MaxCells),
		ctx:     ctx,
	}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		wb.date1904 = *props.Date1904
	}
	res := bookRead{modified: modified(f)}
	for _, sh := range f.GetSheetList() {
		sheet, err := wb.sheet(sh)
		if p, ok := r.limitProblem(name, err); ok {
			res.probs = append(res.probs, p)
			return res
		}
		if err != nil {
			// One broken sheet does not hide the others.
			res.probs = append(res.probs, problem(perinet.UnreadableFile, sh, fmt.Sprintf("シート「%s」を読み取れません（%v）。", sh, err)))
			continue
		}
		res.sheets = append(res.sheets, sheet)
	}
	if len(res.sheets) == 0 && len(res.probs) == 0 {
		res.probs = append(res.probs, unreadable(name, "ブックにシートがありません。"))
	}
	return res
}

// modified returns when the workbook's document properties say it was
// last saved, or the zero time when they do not say or cannot be read.
func modified(f *excelize.File) time.Time {
	props, err := f.GetDocProps()
	if err != nil {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339, props.Modified)
	if err != nil {
		return time.Time{}
	}
	return t
}

// cellFormats tells, for each cell format (xf) of the workbook, whether
// it shows a date, so that cells are judged by a lookup. A format the
// workbook defines takes precedence over a built-in one of the same id.
func cellFormats(f *excelize.File) []dateFormat {
	s := f.Styles
	if s == nil || s.CellXfs == nil {
		return nil
	}
	custom := map[int]string{}
	if s.NumFmts != nil {
		for _, nf := range s.NumFmts.NumFmt {
			if nf != nil {
				custom[nf.NumFmtID] = nf.FormatCode
			}
		}
	}
	out := make([]dateFormat, len(s.CellXfs.Xf))
	for i, xf := range s.CellXfs.Xf {
		if xf.NumFmtID == nil {
			continue
		}
		id := *xf.NumFmtID
		if code, ok := custom[id]; ok {
			out[i] = isDateFormat(code)
		} else if code, ok := builtInDates[id]; ok {
			out[i] = isDateFormat(code)
		}
	}
	return out
}

// bookReader is the state of reading one workbook.
type bookReader struct {
	f        *excelize.File
	formats  []dateFormat // by cell format (style) id
	date1904 bool
	budget   *cellBudget
	ctx      context.Context
}

// anyDates reports whether some cell format of the workbook shows a date.
func (wb *bookReader) anyDates() bool {
	for _, d := range wb.formats {
		if d.isDate {
			return true
		}
	}
	return false
}

// sheet reads one sheet: its rows streamed with raw values, then the
// number formats of the cells that hold numbers, then its merged ranges.
func (wb *bookReader) sheet(name string) (perinet.Sheet, error) {
	sheet := perinet.Sheet{Name: name}
	if visible, err := wb.f.GetSheetVisible(name); err == nil {
		sheet.Hidden = !visible
	}
	rows, err := wb.f.Rows(name)
	if err != nil {
		return sheet, err
	}
	var (
		out     [][]perinet.Cell
		numbers [][2]int // row, column (0-based) of cells holding a number
		n       int      // the row number
		empty   int      // empty rows not appended yet
		hasDate = wb.anyDates()
	)
	for rows.Next() {
		n++
		if err := wb.ctx.Err(); err != nil {
			_ = rows.Close()
			return sheet, errTimeout
		}
		values, err := rows.Columns()
		if err != nil {
			_ = rows.Close()
			return sheet, err
		}
		if len(values) == 0 {
			empty++
			continue
		}
		if err := wb.budget.take(len(values)); err != nil {
			_ = rows.Close()
			return sheet, err
		}
		for ; empty > 0; empty-- {
			out = append(out, nil)
		}
		row := make([]perinet.Cell, len(values))
		for j, v := range values {
			row[j] = perinet.Cell{Text: v, Where: where(name, j+1, n)}
			if hasDate && looksNumeric(v) {
				numbers = append(numbers, [2]int{n - 1, j})
			}
		}
		out = append(out, row)
	}
	if err := rows.Close(); err != nil {
		return sheet, err
	}
	for _, rc := range numbers {
		if err := wb.date(name, &out[rc[0]][rc[1]], rc[0]+1, rc[1]+1); err != nil {
			return sheet, err
		}
	}
	out, err = wb.merge(name, out)
	sheet.Rows = out
	return sheet, err
}

// date sets c.Date when the cell at row, col holds a number in a format
// that shows a date.
func (wb *bookReader) date(sheet string, c *perinet.Cell, row, col int) error {
	ref := cellName(col, row)
	typ, err := wb.f.GetCellType(sheet, ref)
	if err != nil {
		return err
	}
	if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		return nil
	}
	style, err := wb.f.GetCellStyle(sheet, ref)
	if err != nil {
		return err
	}
	if style < 0 || style >= len(wb.formats) || !wb.formats[style].isDate {
		return nil
	}
	serial, err := strconv.ParseFloat(c.Text, 64)
	if err != nil {
		return nil
	}
	c.Date = &perinet.DateCell{Serial: serial, Date1904: wb.date1904, ShowsDay: wb.formats[style].showsDay}
	return nil
}

// merge expands the merged ranges of a sheet: every cell a range covers
// gets the text, place and date of the range's first cell, and Merged.
// A range whose first cell is empty makes the sheet larger only by that
// cell, so that an empty merged field still has a place a problem can
// name; the other cells already there are marked.
func (wb *bookReader) merge(sheet string, rows [][]perinet.Cell) ([][]perinet.Cell, error) {
	ranges, err := wb.f.GetMergeCells(sheet, true)
	if err != nil {
		return rows, err
	}
	for _, mc := range ranges {
		c1, r1, err1 := excelize.CellNameToCoordinates(mc.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(mc.GetEndAxis())
		if err1 != nil || err2 != nil {
			continue // a broken range: ignore it rather than lose the sheet
		}
		c1, c2 = min(c1, c2), max(c1, c2)
		r1, r2 = min(r1, r2), max(r1, r2)
		first := perinet.Cell{Where: where(sheet, c1, r1)}
		if r1 <= len(rows) && c1 <= len(rows[r1-1]) {
			first = rows[r1-1][c1-1]
		}
		if first.Text == "" && first.Date == nil {
			if rows, err = wb.pad(sheet, rows, c1, r1); err != nil {
				return rows, err
			}
			for r := r1; r <= r2 && r <= len(rows); r++ {
				for c := c1; c <= c2 && c <= len(rows[r-1]); c++ {
					if r != r1 || c != c1 {
						rows[r-1][c-1] = perinet.Cell{Where: first.Where, Merged: true}
					}
				}
			}
			continue
		}
		if err := wb.budget.take((r2-r1+1)*(c2-c1+1) - 1); err != nil {
			return rows, err
		}
		for len(rows) < r2 {
			rows = append(rows, nil)
		}
		for r := r1; r <= r2; r++ {
			row := rows[r-1]
			for c := len(row) + 1; c <= c2; c++ {
				row = append(row, perinet.Cell{Where: where(sheet, c, r)})
			}
			for c := c1; c <= c2; c++ {
				if r != r1 || c != c1 {
					row[c-1] = perinet.Cell{Text: first.Text, Where: first.Where, Date: first.Date, Merged: true}
				}
			}
			rows[r-1] = row
		}
	}
	return rows, nil
}

// pad makes the sheet hold the cell at (col, row), from 1: it adds the
// empty rows and cells up to it, counting them against the budget.
func (wb *bookReader) pad(sheet string, rows [][]perinet.Cell, col, row int) ([][]perinet.Cell, error) {
	added := max(0, row-len(rows)) // a row costs as much as a cell
	for len(rows) < row {
		rows = append(rows, nil)
	}
	cells := rows[row-1]
	added += max(0, col-len(cells))
	for c := len(cells) + 1; c <= col; c++ {
		cells = append(cells, perinet.Cell{Where: where(sheet, c, row)})
	}
	rows[row-1] = cells
	return rows, wb.budget.take(added)
}

// looksNumeric reports whether a raw value can be a number, cheaply: it
// starts like one. The caller confirms with the cell's type.
func looksNumeric(v string) bool {
	if v == "" {
		return false
	}
	c := v[0]
	return c >= '0' && c <= '9' || c == '-' || c == '.'
}

// where returns a cell's place in the contract's notation, "Sheet!C6".
func where(sheet string, col, row int) string {
	b := make([]byte, 0, len(sheet)+1+10)
	b = append(b, sheet...)
	b = append(b, '!')
	b = appendColumn(b, col)
	return string(strconv.AppendInt(b, int64(row), 10))
}

// cellName returns the A1 name of a cell.
func cellName(col, row int) string {
	b := appendColumn(make([]byte, 0, 10), col)
	return string(strconv.AppendInt(b, int64(row), 10))
}

// appendColumn appends the letters of column col (1 = A, 27 = AA).
func appendColumn(b []byte, col int) []byte {
	var buf [8]byte
	i := len(buf)
	for col > 0 && i > 0 {
		col--
		i--
		buf[i] = byte('A' + col%26)
		col /= 26
	}
	return append(b, buf[i:]...)
}

// readXLSX reads every sheet of a workbook, in workbook order, streaming
// each part once. When a sheet goes past a limit, it returns the sheets
// read before it; a sheet that cannot be read gets a problem, and the
// others are read all the same.
func (r reader) readXLSX(ctx context.Context, name string, data []byte) bookRead {
	fail := func(p perinet.Problem) bookRead { return bookRead{probs: []perinet.Problem{p}} }
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fail(unreadable(name, fmt.Sprintf("Excelファイルとして読み取れません。ファイルが壊れている可能性があります（%v）。", err)))
	}
	unzipLimit := 4 * r.lim.MaxBytes
	var unzipped uint64
	for _, zf := range zr.File {
		// The sizes are the file's word: add them without wrapping round.
		unzipped = min(unzipped+min(zf.UncompressedSize64, 1<<62), 1<<62)
	}
	if unzipped > uint64(unzipLimit) {
		return fail(tooLarge(name, fmt.Sprintf("ブックの中身が大きすぎます（展開すると%s、上限は%s）。", byteSize(int64(unzipped)), byteSize(unzipLimit))))
	}
	p := newXLSXPackage(zr, unzipLimit)
	book, err := readBook(p, r.lim.MaxCells)
	if err != nil {
		return fail(r.xlsxProblem(name, "", err))
	}
	res := bookRead{modified: book.modified}
	budget := newCellBudget(r.lim.MaxCells)
	for _, sh := range book.sheets {
		sheet, err := readSheet(ctx, p, book, budget, sh)
		if err != nil {
			prob := r.xlsxProblem(name, sh.name, err)
			res.probs = append(res.probs, prob)
			if prob.Code == perinet.TooLarge {
				return res
			}
			continue // one broken sheet does not hide the others
		}
		res.sheets = append(res.sheets, sheet)
	}
	if len(res.sheets) == 0 && len(res.probs) == 0 {
		res.probs = append(res.probs, unreadable(name, "ブックにシートがありません。"))
	}
	return res
}

// readSheet reads one sheet of a workbook from its part.
func readSheet(ctx context.Context, p *xlsxPackage, book *xlsxBook, budget *cellBudget, sh bookSheet) (perinet.Sheet, error) {
	if sh.part == "" {
		return perinet.Sheet{}, fmt.Errorf("no part for relationship %q: %w", sh.rid, errPartMissing)
	}
	s := newSheetReader(ctx, book, budget, sh.name)
	if err := p.read(sh.part, s.read); err != nil {
		return perinet.Sheet{}, err
	}
	return perinet.Sheet{Name: sh.name, Hidden: sh.hidden, Rows: s.rows}, nil
}

// xlsxProblem turns the error that stopped the reading of a workbook, or
// of its named sheet, into a Problem: too_large for a limit, and
// otherwise unreadable_file, about the sheet when there is one.
func (r reader) xlsxProblem(name, sheet string, err error) perinet.Problem {
	if p, ok := r.limitProblem(name, err); ok {
		return p
	}
	switch {
	case errors.Is(err, errPartTooLarge):
		return tooLarge(name, fmt.Sprintf("ブックの中身が大きすぎます（展開すると%sを超えます）。", byteSize(4*r.lim.MaxBytes)))
	case errors.Is(err, errTooManyStrings):
		return tooLarge(name, fmt.Sprintf("ブックの文字列が多すぎます（上限は%d個）。", r.lim.MaxCells))
	case errors.Is(err, errSheetName):
		return unreadable(name, fmt.Sprintf("シートの名前が長すぎるため読み取れません（%v）。シートの名前を短くして保存し直してください。", err))
	case sheet != "":
		return problem(perinet.UnreadableFile, sheet, fmt.Sprintf("シート「%s」を読み取れません（%v）。", sheet, err))
	}
	return unreadable(name, fmt.Sprintf("Excelファイルとして読み取れません。ファイルが壊れている可能性があります（%v）。", err))
}
