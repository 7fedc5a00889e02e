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
// tables, one Sheet per page ("p1", "p2", …).
func (r reader) pdf(ctx context.Context, g *perinet.Grid, name string, data []byte) (*perinet.Grid, []perinet.Problem) {
	res, ok := abandonable(ctx, func() pdfRead { return r.readPDF(ctx, name, data) },
		func(v any) pdfRead {
			return pdfRead{probs: []perinet.Problem{unreadable(name, fmt.Sprintf("PDFファイルを読み取れません（読み取り中の内部エラー: %v）", v))}}
		})
	if !ok {
		p, _ := r.limitProblem(name, errTimeout)
		return g, []perinet.Problem{p}
	}
	g.Sheets = res.sheets
	return g, res.probs
}

// readPDF reads the pages of a PDF and turns them into Sheets, with the
// problems of the file and of its pages.
func (r reader) readPDF(ctx context.Context, name string, data []byte) pdfRead {
	lim := pdf.Limits{MaxGlyphs: r.lim.MaxCells, MaxStream: 4 * r.lim.MaxBytes}
	pages, err := pdf.Read(ctx, data, lim)
	var probs []perinet.Problem
	switch {
	case errors.Is(err, pdf.ErrEncrypted):
		return pdfRead{probs: []perinet.Problem{problem(perinet.Encrypted, name,
			"PDFにパスワードが設定されているため読み取れません。パスワードを解除したPDFか、Excelのファイル（.xlsx）を送ってもらってください。")}}
	case errors.Is(err, pdf.ErrTooLarge):
		probs = append(probs, tooLarge(name, fmt.Sprintf("PDFが大きすぎるため、途中までしか読み取っていません（%v）。", err)))
	case errors.Is(err, context.DeadlineExceeded):
		p, _ := r.limitProblem(name, err)
		return pdfRead{probs: []perinet.Problem{p}}
	case err != nil:
		return pdfRead{probs: []perinet.Problem{unreadable(name, fmt.Sprintf("PDFファイルとして読み取れません。ファイルが壊れている可能性があります（%v）。", err))}}
	}
	probs = append(probs, pageProblems(name, pages)...)
	return pdfRead{sheets: table.Sheets(pages), probs: probs}
}

// pageProblems returns the problems of a PDF's pages: pages that could
// not be read to their end, fonts without text, and a file with no text
// at all (a scan).
func pageProblems(name string, pages []*pdf.Page) []perinet.Problem {
	var probs []perinet.Problem
	text := false
	for _, p := range pages {
		where := fmt.Sprintf("p%d", p.Number)
		if p.Err != nil {
			probs = append(probs, perinet.Problem{Severity: perinet.Error, Code: perinet.UnreadableFile, Where: where, Text: name,
				Message: fmt.Sprintf("%dページ目を最後まで読み取れません。ページが壊れている可能性があります（%v）。", p.Number, p.Err)})
		}
		if len(p.Unmapped) > 0 {
			probs = append(probs, perinet.Problem{Severity: perinet.Error, Code: perinet.NoTextLayer, Where: where, Text: strings.Join(p.Unmapped, ", "),
				Message: fmt.Sprintf("%dページ目のフォント（%s）の文字が何の文字かPDFに書かれていないため、その文字を読み取れません。Excelのファイル（.xlsx）を送ってもらってください。", p.Number, strings.Join(p.Unmapped, "、"))})
		}
		for _, gl := range p.Glyphs {
			if strings.TrimSpace(gl.Text) != "" {
				text = true
				break
			}
		}
	}
	if !text {
		probs = append(probs, problem(perinet.NoTextLayer, name,
			"PDFに文字の情報がありません（紙をスキャンした画像のPDFと思われます）。Excelのファイル（.xlsx）を送ってもらってください。"))
	}
	return probs
}
