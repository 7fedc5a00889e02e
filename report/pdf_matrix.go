package report

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"perinet"
	"perinet/layout"
	"perinet/normalize"
	"perinet/report/typeset"
)

// A pdfEntry is what a Record puts in a cell of the status matrix, before
// it is broken into lines.
type pdfEntry struct {
	text string
	// key is set for a cell that merges with the same cell of the rows
	// next to it (the tier label, 多摩地域's distribution note): it is
	// equal for the rows it merges with.
	key string
	// whole is set for a name, a date, a count or a mark: the column is
	// made wide enough to keep it on one line.
	whole bool
}

// A pdfColumn is one column of the status matrix: how a Record fills it
// and, once laid out, its width. The headings are pdfHeads.
type pdfColumn struct {
	cell     func(r perinet.Record) pdfEntry
	vertical bool    // the tier label, set one character under the other
	w        float64 // set by the layout
}

// A pdfHead is a cell of the header: first row (row 0) over span columns,
// or both rows (rows 2).
type pdfHead struct {
	text       string
	col, span  int
	row, rows  int
	x, y, w, h float64  // set by the layout
	lines      []string // set by the layout
}

// A pdfMatrix is the status matrix laid out on its sheet: its columns,
// header and rows.
type pdfMatrix struct {
	sheet   pdfSheet
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

// A pdfCell is the text of one cell, broken to its column, and for a
// merged cell its key and the height its text needs.
type pdfCell struct {
	lines []string
	key   string
	need  float64
}

// pdfMatrixColumns returns the matrix's columns and header for survey, as
// the published table has them: the tier label, ブロック名, 開始年月 and
// 委託病院 (by its short name, 愛育), then per item its mark and, where the
// survey gives the item two columns, its facility count (配布先) or details
// (具体的内容). The columns' widths are left to the layout.
func pdfMatrixColumns(survey *perinet.Survey) ([]pdfColumn, []pdfHead) {
	cols := []pdfColumn{
		{vertical: true, cell: func(r perinet.Record) pdfEntry {
			return pdfEntry{text: pdfTierName(survey, r.Tier), key: "tier\x00" + string(r.Tier) + "\x00" + r.Parent}
		}},
		{cell: func(r perinet.Record) pdfEntry { return pdfEntry{text: r.Block, whole: true} }},
		{cell: func(r perinet.Record) pdfEntry { return pdfEntry{text: pdfStarted(r.Started), whole: true} }},
		{cell: func(r perinet.Record) pdfEntry { return pdfEntry{text: survey.ShortName(r.Hospital), whole: true} }},
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
	return pdfColumn{cell: func(r perinet.Record) pdfEntry {
		it := itemOf(r, def.No)
		details := detailsText(it.Details)
		if details == "" {
			return pdfEntry{text: it.Mark.Symbol(), whole: true}
		}
		return pdfEntry{text: strings.TrimPrefix(it.Mark.Symbol()+"\n"+details, "\n")}
	}}
}

// pdfMarkColumn is an item's 実施の有無 or リストの有無 column.
func pdfMarkColumn(no int) pdfColumn {
	return pdfColumn{cell: func(r perinet.Record) pdfEntry {
		return pdfEntry{text: itemOf(r, no).Mark.Symbol(), whole: true}
	}}
}

// pdfTextColumn is an item's second column: the facility count (配布先)
// of the counted item, or the details (具体的内容). A sub-group's
// distribution note ("多摩地域全体分を杏林大が集約・配付") merges with the
// same note of the sub-groups beside it.
func pdfTextColumn(def perinet.ItemDef) pdfColumn {
	if !def.Counted {
		return pdfColumn{cell: func(r perinet.Record) pdfEntry {
			return pdfEntry{text: detailsText(itemOf(r, def.No).Details)}
		}}
	}
	return pdfColumn{cell: func(r perinet.Record) pdfEntry {
		it := itemOf(r, def.No)
		if it.DistributedTo != nil {
			return pdfEntry{text: strconv.Itoa(*it.DistributedTo) + "施設", whole: true}
		}
		text := detailsText(it.Details)
		if text == "" || r.Tier != perinet.Subgroup {
			return pdfEntry{text: text}
		}
		return pdfEntry{text: text, key: "count\x00" + r.Parent + "\x00" + text}
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

// newPDFMatrix lays out the matrix for doc on s's sheet: the cells'
// text, the columns' widths fitted to it, the header, and the rows with
// their cells broken into lines.
func newPDFMatrix(s *pdfSetter, doc PDFDoc) *pdfMatrix {
	cols, heads := pdfMatrixColumns(doc.Survey)
	for i := range heads {
		heads[i].text = s.clean(heads[i].text)
	}
	m := &pdfMatrix{sheet: s.sheet, cols: cols, heads: heads}
	m.heading = s.clean(strings.Replace(layout.PublishedTitle(doc.Survey), layout.YearMark, pdfFiscalYear(doc.Analysis.FiscalYear), 1))
	entries := m.entries(s, doc)
	m.fitColumns(s, entries)
	m.layoutHead(s)
	for _, row := range entries {
		m.rows = append(m.rows, m.row(s, row))
	}
	return m
}

// entries returns what each row's cells hold, cleaned: a row per Record
// and per group absent (未提出, 不受理), in the survey's block order.
func (m *pdfMatrix) entries(s *pdfSetter, doc PDFDoc) [][]pdfEntry {
	absent := map[string]string{}
	records := doc.Records
	for _, a := range doc.Analysis.Absent {
		absent[a.Block] = a.Word()
		records = append(records[:len(records):len(records)], absentRecord(doc.Survey, a.Block))
	}
	var out [][]pdfEntry
	for _, r := range pdfSortRecords(doc.Survey, records) {
		row := make([]pdfEntry, len(m.cols))
		for i, c := range m.cols {
			row[i] = c.cell(r)
			row[i].text = s.clean(row[i].text)
		}
		if word, ok := absent[r.Block]; ok && r.Items == nil {
			absentEntries(row, word)
		}
		out = append(out, row)
	}
	return out
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

// absentEntries makes row the row of a group with no Record: its names,
// and word (未提出 or 不受理) in the first item's cell, the others empty.
// Reading the report back gives no Record for it.
func absentEntries(row []pdfEntry, word string) {
	for i := pdfItemsFrom; i < len(row); i++ {
		row[i] = pdfEntry{}
	}
	row[pdfItemsFrom] = pdfEntry{text: word, whole: true}
}

// pdfItemsFrom is the matrix's first item column, after the tier, the
// group, 開始年月 and 委託病院.
const pdfItemsFrom = 4

// fitColumns sets the columns' widths so that the table fills the sheet's
// width and its rows are as short as they can be (pdfFitWidths), from
// what each column holds: its headings and its cells, measured in the
// font. The tier label's column is one character wide, and a heading over
// it and the next gives its share to the next; a sub-column's heading
// (実施の有無, 配布先) is set in two lines at most; a merged cell asks only
// that its widest word fit.
func (m *pdfMatrix) fitColumns(s *pdfSetter, entries [][]pdfEntry) {
	sh := m.sheet
	pad := 2 * sh.cellPad
	fits := make([]pdfFit, len(m.cols))
	measure := s.measure(sh.cellSize)
	for _, row := range entries {
		for c, e := range row {
			switch {
			case m.cols[c].vertical:
			case e.key != "":
				fits[c].add(typeset.Narrowest(e.text, measure)+pad, 0, 0)
			default:
				most := 0
				if e.whole {
					most = 1
				}
				fits[c].add(pdfTextFit(e.text, most, measure, pad))
			}
		}
	}
	for c, col := range m.cols {
		if col.vertical {
			fits[c] = pdfFit{min: sh.cellSize + pad, max: sh.cellSize + pad}
		}
	}
	measure = s.measure(sh.matHead)
	for _, h := range m.heads {
		most := 0
		if h.row == 1 {
			most = 2
		}
		narrow, wide, long := pdfTextFit(h.text, most, measure, pad)
		var have pdfFit
		var under []int // the columns that share the heading's needs
		for c := h.col; c < h.col+h.span; c++ {
			have.min += fits[c].min
			have.max += fits[c].max
			if !m.cols[c].vertical {
				under = append(under, c)
			}
		}
		n := float64(len(under))
		for _, c := range under {
			fits[c].add(fits[c].min+max(0, narrow-have.min)/n, fits[c].max+max(0, wide-have.max)/n, long/n)
		}
	}
	for c, w := range pdfFitWidths(fits, sh.tableW(), m.heightAt(s, entries)) {
		m.cols[c].w = w
	}
}

// heightAt returns the function that gives the matrix's height at given
// column widths, for pdfFitWidths: its header's and its rows', a row as
// tall as its tallest unmerged cell, and a hundredth of a point for every
// line, so that of two layouts as tall the one with fewer lines wins. It
// breaks each column's distinct texts once for each width it is asked
// about, and counts alike rows once, however many groups share them.
func (m *pdfMatrix) heightAt(s *pdfSetter, entries [][]pdfEntry) func([]float64) float64 {
	sh := m.sheet
	texts := make([][]string, len(m.cols)) // each column's distinct texts
	var rows [][]int                       // distinct rows: each cell's text by its index in texts, -1 for none
	var times []float64                    // how many rows are alike
	seen := map[string]int{}
	for _, row := range entries {
		idx := make([]int, len(row))
		for c, e := range row {
			idx[c] = -1
			if e.key == "" && !m.cols[c].vertical {
				idx[c] = pdfIndex(&texts[c], e.text)
			}
		}
		key := fmt.Sprint(idx)
		if k, ok := seen[key]; ok {
			times[k]++
			continue
		}
		seen[key] = len(rows)
		rows, times = append(rows, idx), append(times, 1)
	}
	body, head := s.measure(sh.cellSize), s.measure(sh.matHead)
	cells := make([]map[float64][]int, len(m.cols)) // by column, then width: the lines of each text
	for c := range cells {
		cells[c] = map[float64][]int{}
	}
	heads := make([]map[float64]float64, len(m.heads)) // by heading, then width: the height it needs
	for i := range heads {
		heads[i] = map[float64]float64{}
	}
	need := make([]float64, len(m.heads))
	lines := make([][]int, len(m.cols))
	return func(w []float64) float64 {
		for i, h := range m.heads {
			hw := 0.0
			for _, cw := range w[h.col : h.col+h.span] {
				hw += cw
			}
			n, ok := heads[i][hw]
			if !ok {
				n = float64(len(typeset.Break(h.text, hw-2*sh.cellPad, head)))*sh.headLead() + 2*sh.cellPad
				heads[i][hw] = n
			}
			need[i] = n
		}
		hh := pdfHeaderHeights(m.heads, need)
		total := hh[0] + hh[1]
		for c, cw := range w {
			n, ok := cells[c][cw]
			if !ok {
				n = make([]int, len(texts[c]))
				for i, t := range texts[c] {
					n[i] = len(typeset.Break(t, cw-2*sh.cellPad, body))
				}
				cells[c][cw] = n
			}
			lines[c] = n
		}
		for k, idx := range rows {
			tallest, all := 1, 0
			for c, i := range idx {
				if i >= 0 {
					tallest, all = max(tallest, lines[c][i]), all+lines[c][i]
				}
			}
			total += times[k] * (float64(tallest)*sh.cellLead() + 2*sh.cellPad + float64(all)/100)
		}
		return total
	}
}

// pdfIndex returns the index of text in *texts, appending it if it is not
// there yet.
func pdfIndex(texts *[]string, text string) int {
	if i := slices.Index(*texts, text); i >= 0 {
		return i
	}
	*texts = append(*texts, text)
	return len(*texts) - 1
}

// pdfHeaderHeights returns the heights of the header's two rows, given
// the height each heading needs: a heading of one row sets its row's, and
// one over both rows that needs more than they give makes the first taller.
func pdfHeaderHeights(heads []pdfHead, need []float64) [2]float64 {
	var hh [2]float64
	for i, h := range heads {
		if h.rows == 1 {
			hh[h.row] = max(hh[h.row], need[i])
		}
	}
	for i, h := range heads {
		if h.rows == 2 && need[i] > hh[0]+hh[1] {
			hh[0] = need[i] - hh[1]
		}
	}
	return hh
}

// pdfTextFit measures text for a column: the narrowest width that sets it
// without breaking a word, each of its lines in most lines at most (any
// number for 0, unbroken for 1), its longest line and all its lines
// together, pad added to the first two.
func pdfTextFit(text string, most int, measure typeset.Measure, pad float64) (narrow, wide, long float64) {
	paras := 0
	for line := range strings.SplitSeq(text, "\n") {
		w := measure(line)
		wide, long, paras = max(wide, w), long+w, paras+1
	}
	switch most {
	case 0:
		narrow = typeset.Narrowest(text, measure)
	case 1:
		narrow = wide
	default:
		lo, hi := typeset.Narrowest(text, measure), wide
		for hi-lo > 0.01 {
			mid := (lo + hi) / 2
			if len(typeset.Break(text, mid, measure)) <= most*paras {
				hi = mid
			} else {
				lo = mid
			}
		}
		narrow = hi
	}
	return narrow + pad, wide + pad, long
}

// row breaks each cell of a row to its column. A merged cell keeps its
// text, broken to its column unless it is set vertically, and the height
// it needs.
func (m *pdfMatrix) row(s *pdfSetter, entries []pdfEntry) pdfRow {
	sh := m.sheet
	row := pdfRow{cells: make([]pdfCell, len(m.cols)), lines: 1}
	for i, c := range m.cols {
		e := entries[i]
		switch {
		case c.vertical:
			n := utf8.RuneCountInString(e.text)
			row.cells[i] = pdfCell{lines: []string{e.text}, key: e.key, need: float64(n)*sh.cellSize + 2*sh.cellPad}
		case e.key != "":
			lines := s.balanced(e.text, c.w-2*sh.cellPad, sh.cellSize)
			row.cells[i] = pdfCell{lines: lines, key: e.key, need: float64(len(lines))*sh.cellLead() + 2*sh.cellPad}
		default:
			lines := s.lines(e.text, c.w-2*sh.cellPad, sh.cellSize)
			row.cells[i] = pdfCell{lines: lines}
			row.lines = max(row.lines, len(lines))
		}
	}
	return row
}

// layoutHead places the header cells and sets the two rows' heights so
// that every heading fits.
func (m *pdfMatrix) layoutHead(s *pdfSetter) {
	sh := m.sheet
	x := m.colX()
	need := make([]float64, len(m.heads))
	for i := range m.heads {
		h := &m.heads[i]
		h.x, h.w = x[h.col], x[h.col+h.span]-x[h.col]
		h.lines = s.balanced(h.text, h.w-2*sh.cellPad, sh.matHead)
		need[i] = float64(len(h.lines))*sh.headLead() + 2*sh.cellPad
	}
	m.headH = pdfHeaderHeights(m.heads, need)
	for i := range m.heads {
		h := &m.heads[i]
		h.y, h.h = sh.tableTop(), m.headH[0]
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
// cell (the whole row unless it is taller than what is left of a page),
// and extra height below them, so that a merged cell over the fragments
// of its rows on the page is as tall as its text needs.
type pdfFrag struct {
	row, from, to int
	whole         bool
	extra         float64
}

// height returns the height of a fragment on the matrix's sheet.
func (m *pdfMatrix) height(f pdfFrag) float64 {
	return float64(f.to-f.from)*m.sheet.cellLead() + 2*m.sheet.cellPad + f.extra
}

// runEnd returns the end of the run of fragments from i on that column c
// merges into one cell: i+1 unless the cell has a key the next share.
func (m *pdfMatrix) runEnd(frags []pdfFrag, c, i int) int {
	key := m.rows[frags[i].row].cells[c].key
	j := i + 1
	for key != "" && j < len(frags) && m.rows[frags[j].row].cells[c].key == key {
		j++
	}
	return j
}

// stretch sets the extra height of one page's fragments so that every
// merged cell on the page is as tall as its text needs: a run too short
// for it is made taller at its last fragment. It returns the fragments'
// height.
func (m *pdfMatrix) stretch(frags []pdfFrag) float64 {
	for i := range frags {
		frags[i].extra = 0
	}
	for c := range m.cols {
		for i := 0; i < len(frags); {
			j := m.runEnd(frags, c, i)
			if cell := m.rows[frags[i].row].cells[c]; cell.key != "" {
				h := 0.0
				for _, f := range frags[i:j] {
					h += m.height(f)
				}
				frags[j-1].extra += max(0, cell.need-h)
			}
			i = j
		}
	}
	h := 0.0
	for _, f := range frags {
		h += m.height(f)
	}
	return h
}

// fits reports whether f fits on a page under frags, with the merged
// cells stretched as they need.
func (m *pdfMatrix) fits(frags []pdfFrag, f pdfFrag, room float64) bool {
	return m.stretch(append(slices.Clip(frags), f)) <= room+1e-9
}

// stretched returns how much height stretch adds to one page's fragments.
func (m *pdfMatrix) stretched(frags []pdfFrag) float64 {
	m.stretch(frags)
	extra := 0.0
	for _, f := range frags {
		extra += f.extra
	}
	return extra
}

// balance moves whole rows from the foot of each page to the top of the
// next, as many as stretch the merged cells least (a tier label that runs
// onto the next page for a row or two needs more height than those rows
// have), when that stretches them less than before and the next page
// still holds them. A page keeps at least one row.
func (m *pdfMatrix) balance(pages [][]pdfFrag, room float64) {
	for i := 0; i+1 < len(pages); i++ {
		best := m.stretched(pages[i]) + m.stretched(pages[i+1])
		keep := len(pages[i])
		for k := len(pages[i]) - 1; k > 0 && pages[i][k].whole; k-- {
			next := append(slices.Clone(pages[i][k:]), pages[i+1]...)
			if m.stretch(next) > room+1e-9 {
				break
			}
			if e := m.stretched(pages[i][:k]) + m.stretched(next); e < best-1e-9 {
				best, keep = e, k
			}
		}
		if keep < len(pages[i]) {
			pages[i], pages[i+1] = pages[i][:keep:keep], append(slices.Clone(pages[i][keep:]), pages[i+1]...)
		}
	}
}

// paginate puts the rows on pages: a row goes whole onto the next page
// when it does not fit on this one, and is split between lines only when
// it is taller than a page. Every merged cell is stretched on each page to
// the height its text needs, and rows move to the next page where that
// stretches them less (balance).
func (m *pdfMatrix) paginate() [][]pdfFrag {
	sh := m.sheet
	room := sh.tableEnd() - (sh.tableTop() + m.headH[0] + m.headH[1])
	pages := [][]pdfFrag{nil}
	for i, r := range m.rows {
		for from := 0; from < r.lines; {
			last := len(pages) - 1
			page := pages[last]
			f := pdfFrag{row: i, from: from, to: r.lines, whole: from == 0}
			switch {
			case m.fits(page, f, room):
			case len(page) > 0 && m.fits(nil, f, room):
				pages = append(pages, nil)
				continue
			default:
				f.whole = false
				for f.to > from+1 && !m.fits(page, f, room) {
					f.to--
				}
				if len(page) > 0 && !m.fits(page, f, room) {
					pages = append(pages, nil)
					continue
				}
			}
			pages[last] = append(page, f)
			from = f.to
		}
	}
	m.balance(pages, room)
	for _, p := range pages {
		m.stretch(p)
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
