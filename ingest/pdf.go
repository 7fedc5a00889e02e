package ingest

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"perinet"
	"perinet/ingest/pdf"
	"perinet/ingest/pdf/table"
)

// pdfRead is what readPDF read.
type pdfRead struct {
	sheets []perinet.Sheet
	probs  []perinet.Problem
}

// pdf reads a PDF into g: its pages' text and ruling lines, rebuilt into
// tables, one Sheet per page ("p1", "p2", …). It reads in the caller's
// goroutine, not in an abandonable one: package pdf stops by itself when
// ctx is done (at its next page, every thousand tokens of a content
// stream, every few KiB of a stream it inflates), so that nothing of the
// read goes on once File has returned.
func (r reader) pdf(ctx context.Context, g *perinet.Grid, name string, data []byte) (*perinet.Grid, []perinet.Problem) {
	res := r.readPDF(ctx, name, data)
	g.Sheets = res.sheets
	return g, res.probs
}

// readPDF reads the pages of a PDF and turns them into Sheets, a page at
// a time, with the problems of the file and of its pages. A panic while
// reading is the problem unreadable_file.
func (r reader) readPDF(ctx context.Context, name string, data []byte) (res pdfRead) {
	defer func() {
		if v := recover(); v != nil {
			res = pdfRead{probs: []perinet.Problem{unreadable(name, fmt.Sprintf("PDFファイルを読み取れません（読み取り中の内部エラー: %v）", v))}}
		}
	}()
	lim := r.lim.PDF()
	var tables table.Builder
	pages := pageCheck{name: name}
	err := pdf.Pages(ctx, data, lim, func(p *pdf.Page) {
		tables.Add(p)
		pages.add(p)
	})
	probs := pages.problems()
	switch {
	case errors.Is(err, pdf.ErrEncrypted):
		return pdfRead{probs: []perinet.Problem{problem(perinet.Encrypted, name,
			"PDFにパスワードが設定されているため読み取れません。パスワードを解除したPDFか、Excelのファイル（.xlsx）を送ってもらってください。")}}
	case errors.Is(err, pdf.ErrDecodeLimit):
		probs = append(probs, tooLarge(name, fmt.Sprintf("PDFの中のデータを展開すると大きすぎるため（展開後の合計の上限は%s）、途中までしか読み取っていません。", byteSize(r.lim.MaxDecoded))))
	case errors.Is(err, pdf.ErrTooLarge):
		probs = append(probs, tooLarge(name, fmt.Sprintf("PDFが大きすぎるため、途中までしか読み取っていません（%v）。", err)))
	case errors.Is(err, context.DeadlineExceeded):
		p, _ := r.limitProblem(name, err)
		return pdfRead{probs: []perinet.Problem{p}}
	case err != nil:
		return pdfRead{probs: []perinet.Problem{unreadable(name, fmt.Sprintf("PDFファイルとして読み取れません。ファイルが壊れている可能性があります（%v）。", err))}}
	}
	return pdfRead{sheets: tables.Sheets(), probs: probs}
}

// PDF returns the limits a PDF is read under with lim: its glyphs count
// as cells, and a stream may decode to four times the file's size. A zero
// field of lim leaves package pdf's default.
func (lim Limits) PDF() pdf.Limits {
	return pdf.Limits{MaxGlyphs: lim.MaxCells, MaxStream: 4 * lim.MaxBytes, MaxDecoded: lim.MaxDecoded}
}

// A pageCheck collects the problems of a PDF's pages as they are read:
// pages that could not be read to their end, fonts without text, and a
// file with no text at all (a scan).
type pageCheck struct {
	name  string // the file's
	probs []perinet.Problem
	text  bool // a page shows text
}

// add checks one page. A page cut short by a limit is not damaged: the
// file's too_large problem says why it ends there.
func (c *pageCheck) add(p *pdf.Page) {
	where := fmt.Sprintf("p%d", p.Number)
	if p.Err != nil && !errors.Is(p.Err, pdf.ErrTooLarge) {
		c.probs = append(c.probs, perinet.Problem{Severity: perinet.Error, Code: perinet.UnreadableFile, Where: where, Text: c.name,
			Message: fmt.Sprintf("%dページ目を最後まで読み取れません。ページが壊れている可能性があります（%v）。", p.Number, p.Err)})
	}
	if len(p.Unmapped) > 0 {
		c.probs = append(c.probs, perinet.Problem{Severity: perinet.Error, Code: perinet.NoTextLayer, Where: where, Text: strings.Join(p.Unmapped, ", "),
			Message: fmt.Sprintf("%dページ目のフォント（%s）の文字が何の文字かPDFに書かれていないため、その文字を読み取れません。Excelのファイル（.xlsx）を送ってもらってください。", p.Number, strings.Join(p.Unmapped, "、"))})
	}
	for _, g := range p.Glyphs {
		if strings.TrimSpace(g.Text) != "" {
			c.text = true
			break
		}
	}
}

// problems returns the problems of the pages checked.
func (c *pageCheck) problems() []perinet.Problem {
	if !c.text {
		return append(c.probs, problem(perinet.NoTextLayer, c.name,
			"PDFに文字の情報がありません（紙をスキャンした画像のPDFと思われます）。Excelのファイル（.xlsx）を送ってもらってください。"))
	}
	return c.probs
}
