package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"perinet"
)

// workbook reads an xlsx workbook (or the xlsx LibreOffice made of an xls
// one) into g.
func (r reader) workbook(ctx context.Context, g *perinet.Grid, name string, data []byte) (*perinet.Grid, []perinet.Problem) {
	return r.book(ctx, g, name, "Excelファイル", func() bookRead { return r.readXLSX(ctx, name, data) })
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
	case errors.Is(err, errXMLToken):
		return tooLarge(name, fmt.Sprintf("ブックの中身に大きすぎる部分があります（%v）。", err))
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

// looksNumeric reports whether a raw value can be a number, cheaply: it
// starts like one. The caller confirms with strconv.ParseFloat.
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
