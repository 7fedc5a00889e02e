package report

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"testing"

	"perinet"
	readpdf "perinet/ingest/pdf"
)

// pdfRead reads pdf back with perinet's own reader: each page's glyphs,
// with the size they are drawn at, and its rules.
func pdfRead(t *testing.T, pdf []byte) []*readpdf.Page {
	t.Helper()
	pages, err := readpdf.Read(context.Background(), pdf, readpdf.Limits{})
	if err != nil {
		t.Fatalf("read the PDF back: %v", err)
	}
	return pages
}

// pdfPageText returns the text of a page's glyphs, in the order drawn.
func pdfPageText(p *readpdf.Page) string {
	var b strings.Builder
	for _, g := range p.Glyphs {
		b.WriteString(g.Text)
	}
	return b.String()
}

// pdfMatrixPagesOf returns the pages of the status matrix: those that
// have its heading.
func pdfMatrixPagesOf(pages []*readpdf.Page) []*readpdf.Page {
	var out []*readpdf.Page
	for _, p := range pages {
		if strings.Contains(pdfPageText(p), "各グループの取組状況") {
			out = append(out, p)
		}
	}
	return out
}

// pdfNineItems returns the FY2016 doc with a survey of nine items, as a
// later year's survey may have: the ninth has a mark and details, and
// some groups did it.
func pdfNineItems(t testing.TB) PDFDoc {
	survey := *perinet.DefaultSurvey()
	survey.Items = append(slices.Clone(survey.Items), perinet.ItemDef{No: 9, Label: "災害時の連携体制の整備",
		Columns: []string{"実施の有無", "具体的内容"}, About: "災害時に備えた連携体制を整備した"})
	doc := fy2016Doc(t)
	records := slices.Clone(doc.Records)
	for i := range records {
		it := perinet.Item{No: 9}
		if i%3 == 0 {
			it.Mark, it.Details = perinet.Yes, []string{"災害時小児周産期リエゾンとの合同訓練"}
		}
		records[i].Items = append(slices.Clone(records[i].Items), it)
	}
	doc.Records, doc.Survey = records, &survey
	doc.Analysis = Analyze(Input{FiscalYear: 2016, Records: map[int][]perinet.Record{2016: records}, Survey: &survey, Notes: pdfNotes})
	return doc
}

// pdfNetworkDoc returns a doc of n network groups and no sub-group: one
// tier that runs over several pages of the matrix.
func pdfNetworkDoc(t testing.TB, n int) PDFDoc {
	doc := fy2016Doc(t)
	var records []perinet.Record
	for _, r := range pdfManyGroups(t, 2*n) {
		if r.Tier == perinet.Network && len(records) < n {
			records = append(records, r)
		}
	}
	doc.Records = records
	return doc
}

// pdfTallRowDoc returns the FY2016 doc with a row taller than a page.
func pdfTallRowDoc(t testing.TB) PDFDoc {
	doc := fy2016Doc(t)
	var details []string
	for i := range 120 {
		details = append(details, fmt.Sprintf("研修会第%d回", i+1))
	}
	doc.Records = slices.Clone(doc.Records)
	doc.Records[0].Items = slices.Clone(doc.Records[0].Items)
	doc.Records[0].Items[6].Details = details
	return doc
}

// pdfTypeDocs are the reports whose type the tests check: every kind of
// page, with tall rows, a tier over several pages, many years and nine
// items.
func pdfTypeDocs(t testing.TB) []struct {
	name string
	doc  PDFDoc
} {
	return []struct {
		name string
		doc  PDFDoc
	}{
		{"FY2016", fy2016Doc(t)},
		{"two years, files and issues", twoYearDoc(t)},
		{"twelve years", pdfTrendDoc(t, 12)},
		{"a row taller than a page", pdfTallRowDoc(t)},
		{"a tier over three pages", pdfNetworkDoc(t, 40)},
		{"nine items", pdfNineItems(t)},
	}
}

// TestWritePDFSmallestType reads every glyph of each report back, on A3
// and on A4: none is set smaller than 7 pt.
func TestWritePDFSmallestType(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	for _, paper := range []Paper{A3, A4} {
		smallest, where := math.Inf(1), ""
		for _, tt := range pdfTypeDocs(t) {
			doc := tt.doc
			doc.Paper = paper
			for _, p := range pdfRead(t, writePDF(t, doc)) {
				for _, g := range p.Glyphs {
					if g.Size < smallest {
						smallest, where = g.Size, fmt.Sprintf("%s, page %d, %q", tt.name, p.Number, g.Text)
					}
					if g.Size < pdfMinSize-1e-6 {
						t.Errorf("%s: page %d: %q is %.2f pt, smaller than %v pt", tt.name, p.Number, g.Text, g.Size, pdfMinSize)
					}
				}
			}
		}
		t.Logf("%s: the smallest type is %.2f pt (%s)", pdfPaperName(paper), smallest, where)
	}
}

// pdfPaperName names a paper for a test's messages.
func pdfPaperName(p Paper) string {
	if p == A4 {
		return "A4"
	}
	return "A3"
}

// TestWritePDFMatrixFillsWidth reads the matrix's rules back: on A3 and on
// A4, for eight items and for nine, the table runs from the left margin
// to the right one.
func TestWritePDFMatrixFillsWidth(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	for _, paper := range []Paper{A3, A4} {
		sheet := pdfSheetOf(paper)
		for _, tt := range []struct {
			name string
			doc  PDFDoc
		}{{"eight items", fy2016Doc(t)}, {"nine items", pdfNineItems(t)}} {
			doc := tt.doc
			doc.Paper = paper
			matrix := pdfMatrixPagesOf(pdfRead(t, writePDF(t, doc)))
			if len(matrix) == 0 {
				t.Fatalf("%s, %s: no page of the matrix", pdfPaperName(paper), tt.name)
			}
			for _, p := range matrix {
				left, right := math.Inf(1), math.Inf(-1)
				for _, r := range p.Rules {
					left, right = min(left, r.X0), max(right, r.X1)
				}
				if math.Abs(left-sheet.margin) > 1 || math.Abs(right-(sheet.w-sheet.margin)) > 1 {
					t.Errorf("%s, %s, page %d: the table runs from %.1f to %.1f, want %v to %v (the text width, %v)",
						pdfPaperName(paper), tt.name, p.Number, left, right, sheet.margin, sheet.w-sheet.margin, sheet.tableW())
				}
			}
		}
	}
}

// TestWritePDFMatrixTextInCells reads the matrix back: no rule runs
// through a glyph, so that every text, the merged tier labels and notes
// included, stays inside its cell, on A3 and on A4.
func TestWritePDFMatrixTextInCells(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	const e = 0.2 // how far a glyph may touch a rule
	for _, paper := range []Paper{A3, A4} {
		for _, tt := range pdfTypeDocs(t) {
			doc := tt.doc
			doc.Paper = paper
			for _, p := range pdfMatrixPagesOf(pdfRead(t, writePDF(t, doc))) {
				for _, g := range p.Glyphs {
					if strings.TrimSpace(g.Text) == "" {
						continue
					}
					for _, r := range p.Rules {
						across := r.Horizontal() && r.Y0 > g.Y+e && r.Y0 < g.Y+g.H-e && r.X0 < g.X+g.W-e && r.X1 > g.X+e
						down := !r.Horizontal() && r.X0 > g.X+e && r.X0 < g.X+g.W-e && r.Y0 < g.Y+g.H-e && r.Y1 > g.Y+e
						if across || down {
							t.Errorf("%s, %s, page %d: a rule (%.1f,%.1f)–(%.1f,%.1f) runs through %q at (%.1f,%.1f) %.1f×%.1f",
								pdfPaperName(paper), tt.name, p.Number, r.X0, r.Y0, r.X1, r.Y1, g.Text, g.X, g.Y, g.W, g.H)
							break
						}
					}
				}
			}
		}
	}
}

// TestWritePDFTierOnEveryPage gives one tier more groups than a page
// holds: on A3 and on A4, each page of the matrix has the tier's label,
// whole, set down its first column.
func TestWritePDFTierOnEveryPage(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	doc := pdfNetworkDoc(t, 40)
	for _, paper := range []Paper{A3, A4} {
		doc.Paper = paper
		sheet := pdfSheetOf(paper)
		column := sheet.margin + sheet.cellSize + 2*sheet.cellPad // the tier column's right edge
		matrix := pdfMatrixPagesOf(pdfRead(t, writePDF(t, doc)))
		if len(matrix) < 2 {
			t.Fatalf("%s: 40 groups take %d pages of the matrix, want more than one", pdfPaperName(paper), len(matrix))
		}
		for _, p := range matrix {
			var label []readpdf.Glyph
			for _, g := range p.Glyphs {
				if g.X+g.W <= column+0.5 && g.Y < sheet.h-sheet.tableTop() {
					label = append(label, g)
				}
			}
			sort.SliceStable(label, func(i, j int) bool { return label[i].Y > label[j].Y })
			var text strings.Builder
			for _, g := range label {
				text.WriteString(g.Text)
			}
			if got := text.String(); got != "ネットワークグループ" {
				t.Errorf("%s, page %d: the tier column reads %q, want ネットワークグループ", pdfPaperName(paper), p.Number, got)
			}
		}
	}
}

// TestWritePDFNineItems writes the matrix of a survey of nine items: the
// ninth item's heading and details are on it, on A3 and on A4.
func TestWritePDFNineItems(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	doc := pdfNineItems(t)
	for _, paper := range []Paper{A3, A4} {
		doc.Paper = paper
		text := pdfSquash(pdfToText(t, writePDF(t, doc)))
		for _, want := range []string{"９　災害時の連携体制の整備", "災害時小児周産期リエゾンとの合同訓練", "８　その他"} {
			if !strings.Contains(text, pdfSquash(want)) {
				t.Errorf("%s: no %q", pdfPaperName(paper), want)
			}
		}
	}
}

// TestWritePDFPageSize reads the size of each paper's pages with pdfinfo.
func TestWritePDFPageSize(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	for paper, want := range map[Paper]string{A3: "1190 x 842 pts (A3)", A4: "842 x 595 pts (A4)"} {
		doc := fy2016Doc(t)
		doc.Paper = paper
		if info := pdfRun(t, writePDF(t, doc), "pdfinfo"); !strings.Contains(info, "Page size:       "+want) {
			t.Errorf("%s: pdfinfo does not give the page size %q:\n%s", pdfPaperName(paper), want, info)
		}
	}
}
