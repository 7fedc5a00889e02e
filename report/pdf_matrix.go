package report

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"perinet"
	"perinet/layout"
	"perinet/normalize"
)

// The status matrix's type, in points on the A3 layout.
const (
	pdfCellSize = 9.0                    // body text
	pdfHeadText = 8.5                    // header text
	pdfLead     = pdfCellSize * 1.35     // body line height
	pdfHeadLead = pdfHeadText * 1.35     // header line height
	pdfPad      = 4.0                    // space inside a cell
	pdfTableW   = pdfPageW - 2*pdfMargin // the table's width
	pdfTableTop = pdfMargin + 30         // the header's top, below the page heading
	pdfTableEnd = pdfFootY - 14          // the lowest a row may reach
)

// A pdfColumn is one column of the status matrix: its width and how a
// Record fills it. The headings are pdfHeads.
type pdfColumn struct {
	w float64
	// cell returns the text of r's cell and, for a cell that merges with
	// the same cell of the rows next to it (the tier label, 多摩地域's
	// distribution note), a key that is equal for the rows it merges with.
	cell func(r perinet.Record) (text, key string)
}

// A pdfHead is a cell of the header: first row (row 0) over span columns,
// or both rows (rows 2).
type pdfHead struct {
	text       string
	col, span  int
	row, rows  int
	x, y, w, h float64 // set by the layout
}

// A pdfMatrix is the status matrix laid out: its columns, header and rows.
type pdfMatrix struct {
	cols    []pdfColumn
	heads   []pdfHead
	headH   [2]float64 // the heights of the header's two rows
	heading string     // the line above the table on every page
	rows    []pdfRow
}

// A pdfRow is one group's row: each cell's text broken into lines.
type pdfRow struct {
	cells []pdfCell
	lines int // the lines of the tallest unmerged cell
}

// A pdfCell is the text of one cell, broken to its column, and its merge key.
type pdfCell struct {
	lines []string
	key   string
}

// pdfMatrixColumns returns the matrix's columns and header for survey, as
// the published table has them: the tier label, ブロック名, 開始年月 and
// 委託病院 (by its short name, 愛育), then per item its mark and, where the survey gives the item two
// columns, its facility count (配布先) or details (具体的内容).
func pdfMatrixColumns(survey *perinet.Survey) ([]pdfColumn, []pdfHead) {
	cols := []pdfColumn{
		{w: 20, cell: func(r perinet.Record) (string, string) {
			return pdfTierName(survey, r.Tier), "tier\x00" + string(r.Tier) + "\x00" + r.Parent
		}},
		{w: 96, cell: func(r perinet.Record) (string, string) { return r.Block, "" }},
		{w: 68, cell: func(r perinet.Record) (string, string) { return pdfStarted(r.Started), "" }},
		{w: 120, cell: func(r perinet.Record) (string, string) { return survey.ShortName(r.Hospital), "" }},
	}
	heads := []pdfHead{
		{text: "ブロック名", col: 0, span: 2, rows: 2},
		{text: "開始年月", col: 2, span: 1, rows: 2},
		{text: "委託病院", col: 3, span: 1, rows: 2},
	}
	for _, def := range survey.Items {
		head := pdfItemHead(def)
		if len(def.Columns) < 2 {
			heads = append(heads, pdfHead{text: head, col: len(cols), span: 1, rows: 2})
			cols = append(cols, pdfItemColumn(def))
			continue
		}
		heads = append(heads, pdfHead{text: head, col: len(cols), span: 2, rows: 1},
			pdfHead{text: def.Columns[0], col: len(cols), span: 1, row: 1, rows: 1},
			pdfHead{text: def.Columns[1], col: len(cols) + 1, span: 1, row: 1, rows: 1})
		cols = append(cols, pdfMarkColumn(def.No), pdfTextColumn(def))
	}
	total := 0.0
	for _, c := range cols {
		total += c.w
	}
	for i := range cols {
		cols[i].w *= pdfTableW / total
	}
	return cols, heads
}

// pdfItemHead writes an item's heading as the published table does:
// "１　地域連携会議の運営等", its note below in brackets.
func pdfItemHead(def perinet.ItemDef) string {
	head := pdfWideNumber(def.No) + "　" + def.Label
	if def.Note != "" {
		head += "\n（" + def.Note + "）"
	}
	return head
}

// pdfWideNumber writes n in full-width digits, as the table numbers items.
func pdfWideNumber(n int) string {
	return strings.Map(func(r rune) rune { return r - '0' + '０' }, strconv.Itoa(n))
}

// pdfItemColumn is the one column of an item without sub-columns: its
// mark, and for a free-text item (6–8) the text written, below the mark.
func pdfItemColumn(def perinet.ItemDef) pdfColumn {
	w := 52.0
	if def.FreeText {
		w = 100
	}
	return pdfColumn{w: w, cell: func(r perinet.Record) (string, string) {
		it := itemOf(r, def.No)
		text := it.Mark.Symbol()
		if details := detailsText(it.Details); details != "" {
			text = strings.TrimPrefix(text+"\n"+details, "\n")
		}
		return text, ""
	}}
}

// pdfMarkColumn is an item's 実施の有無 or リストの有無 column.
func pdfMarkColumn(no int) pdfColumn {
	return pdfColumn{w: 44, cell: func(r perinet.Record) (string, string) {
		return itemOf(r, no).Mark.Symbol(), ""
	}}
}

// pdfTextColumn is an item's second column: the facility count (配布先)
// of the counted item, or the details (具体的内容). A sub-group's
// distribution note ("多摩地域全体分を杏林大が集約・配付") merges with the
// same note of the sub-groups beside it.
func pdfTextColumn(def perinet.ItemDef) pdfColumn {
	if !def.Counted {
		return pdfColumn{w: 120, cell: func(r perinet.Record) (string, string) {
			return detailsText(itemOf(r, def.No).Details), ""
		}}
	}
	return pdfColumn{w: 66, cell: func(r perinet.Record) (string, string) {
		it := itemOf(r, def.No)
		if it.DistributedTo != nil {
			return strconv.Itoa(*it.DistributedTo) + "施設", ""
		}
		text := detailsText(it.Details)
		if text == "" || r.Tier != perinet.Subgroup {
			return text, ""
		}
		return text, "count\x00" + r.Parent + "\x00" + text
	}}
}

// pdfStarted writes 開始年月 as the committee does: H22年2月.
func pdfStarted(d *perinet.Date) string {
	if d == nil {
		return ""
	}
	return normalize.EraText(*d)
}

// pdfTierName returns the survey's word for a tier: ネットワークグループ.
func pdfTierName(survey *perinet.Survey, t perinet.Tier) string {
	if words := survey.Tiers[t]; len(words) > 0 {
		return words[0]
	}
	return string(t)
}

// pdfSortRecords returns the records in the survey's block order; blocks
// the survey does not know come last, in the order given.
func pdfSortRecords(survey *perinet.Survey, records []perinet.Record) []perinet.Record {
	order := map[string]int{}
	for i, b := range survey.Blocks {
		order[b.Name] = i + 1
	}
	rank := func(r perinet.Record) int {
		if n, ok := order[r.Block]; ok {
			return n
		}
		return len(order) + 1
	}
	out := slices.Clone(records)
	slices.SortStableFunc(out, func(a, b perinet.Record) int { return rank(a) - rank(b) })
	return out
}

// newPDFMatrix lays out the matrix for doc: columns, header and rows with
// their cells broken into lines.
func newPDFMatrix(s *pdfSetter, doc PDFDoc) *pdfMatrix {
	cols, heads := pdfMatrixColumns(doc.Survey)
	m := &pdfMatrix{cols: cols, heads: heads}
	m.heading = s.clean(strings.Replace(layout.PublishedTitle(doc.Survey), layout.YearMark, pdfFiscalYear(doc.Analysis.FiscalYear), 1))
	m.layoutHead(s)
	absent := map[string]string{}
	records := doc.Records
	for _, a := range doc.Analysis.Absent {
		absent[a.Block] = a.Word()
		records = append(records[:len(records):len(records)], absentRecord(doc.Survey, a.Block))
	}
	for _, r := range pdfSortRecords(doc.Survey, records) {
		row := m.row(s, r)
		if word, ok := absent[r.Block]; ok && r.Items == nil {
			row = m.absentRow(s, r, word)
		}
		m.rows = append(m.rows, row)
	}
	return m
}

// absentRecord returns what the survey says of a group with no Record
// (its tier, parent and hospital), to fill the row the matrix keeps for
// it; it has no items.
func absentRecord(survey *perinet.Survey, block string) perinet.Record {
	r := perinet.Record{Block: block}
	for _, b := range survey.Blocks {
		if b.Name == block {
			r.Tier, r.Parent, r.Hospital = b.Tier, b.Parent, b.Hospital
		}
	}
	return r
}

// absentRow is the row of a group with no Record: its names, and word
// (未提出 or 不受理) in the first item's cell, the others empty. Reading the
// report back gives no Record for it.
func (m *pdfMatrix) absentRow(s *pdfSetter, r perinet.Record, word string) pdfRow {
	row := m.row(s, r)
	for i := pdfItemsFrom; i < len(row.cells); i++ {
		row.cells[i] = pdfCell{lines: []string{""}}
	}
	row.cells[pdfItemsFrom] = pdfCell{lines: []string{word}}
	return row
}

// pdfItemsFrom is the matrix's first item column, after the tier, the
// group, 開始年月 and 委託病院.
const pdfItemsFrom = 4

// row breaks each cell of r into lines.
func (m *pdfMatrix) row(s *pdfSetter, r perinet.Record) pdfRow {
	row := pdfRow{cells: make([]pdfCell, len(m.cols)), lines: 1}
	for i, c := range m.cols {
		text, key := c.cell(r)
		text = s.clean(text)
		if key != "" {
			row.cells[i] = pdfCell{lines: []string{text}, key: key}
			continue
		}
		lines := s.lines(text, c.w-2*pdfPad, pdfCellSize)
		row.cells[i] = pdfCell{lines: lines}
		row.lines = max(row.lines, len(lines))
	}
	return row
}

// layoutHead places the header cells and sets the two rows' heights so
// that every heading fits.
func (m *pdfMatrix) layoutHead(s *pdfSetter) {
	x := make([]float64, len(m.cols)+1)
	x[0] = pdfMargin
	for i, c := range m.cols {
		x[i+1] = x[i] + c.w
	}
	need := make([]float64, len(m.heads))
	for i := range m.heads {
		h := &m.heads[i]
		h.text = s.clean(h.text)
		h.x, h.w = x[h.col], x[h.col+h.span]-x[h.col]
		need[i] = float64(len(s.lines(h.text, h.w-2*pdfPad, pdfHeadText)))*pdfHeadLead + 2*pdfPad
		if h.rows == 1 {
			m.headH[h.row] = max(m.headH[h.row], need[i])
		}
	}
	for i, h := range m.heads {
		if h.rows == 2 && need[i] > m.headH[0]+m.headH[1] {
			m.headH[0] = need[i] - m.headH[1]
		}
	}
	for i := range m.heads {
		h := &m.heads[i]
		h.y, h.h = pdfTableTop, m.headH[0]
		switch {
		case h.rows == 2:
			h.h += m.headH[1]
		case h.row == 1:
			h.y += m.headH[0]
			h.h = m.headH[1]
		}
	}
}

// A pdfFrag is the part of a row on one page: lines from to to of each
// cell (the whole row unless it is taller than what is left of a page).
type pdfFrag struct {
	row, from, to int
	whole         bool
}

func (f pdfFrag) height() float64 { return float64(f.to-f.from)*pdfLead + 2*pdfPad }

// paginate puts the rows on pages: a row goes whole onto the next page
// when it does not fit on this one, and is split between lines only when
// it is taller than a page.
func (m *pdfMatrix) paginate() [][]pdfFrag {
	top := pdfTableTop + m.headH[0] + m.headH[1]
	room := pdfTableEnd - top
	pages := [][]pdfFrag{nil}
	y := top
	for i, r := range m.rows {
		for from := 0; from < r.lines; {
			last := len(pages) - 1
			f := pdfFrag{row: i, from: from, to: r.lines, whole: from == 0}
			switch {
			case y+f.height() <= pdfTableEnd:
			case len(pages[last]) > 0 && f.height() <= room:
				pages, y = append(pages, nil), top
				continue
			default:
				k := int(math.Floor((pdfTableEnd - y - 2*pdfPad) / pdfLead))
				if k < 1 {
					pages, y = append(pages, nil), top
					continue
				}
				f.to, f.whole = from+k, false
			}
			pages[last] = append(pages[last], f)
			y += f.height()
			from = f.to
		}
	}
	return pages
}

// pdfMatrixPages lays out the status matrix, its header on every page.
func pdfMatrixPages(s *pdfSetter, doc PDFDoc) []pdfPage {
	m := newPDFMatrix(s, doc)
	var pages []pdfPage
	for _, frags := range m.paginate() {
		var p pdfPage
		m.drawPage(s, &p, frags)
		pages = append(pages, p)
	}
	return pages
}
