package report

// A pdfTable is a table set in a flow's text column: its columns'
// headings and widths, and which columns are centred. Its header is
// repeated on every page the table runs onto, under its title and
// "（続き）".
type pdfTable struct {
	title  string // what the table lists, as the line above it says
	heads  []string
	widths []float64 // shares of the table's width
	centre []bool    // columns of counts and short words, centred
	indent float64   // from the text column's left edge
}

// A pdfTableRow is one row of a pdfTable: its cells' text and, for a row
// to stand out, a tint behind it (nil for none).
type pdfTableRow struct {
	cells []string
	tint  *pdfPen
}

// colX returns the left edge of each column on sh and, last, the table's
// right edge.
func (t pdfTable) colX(sh pdfSheet) []float64 {
	total := 0.0
	for _, w := range t.widths {
		total += w
	}
	x := []float64{sh.textLeft + t.indent}
	for _, w := range t.widths {
		x = append(x, x[len(x)-1]+w*(sh.textWidth()-t.indent)/total)
	}
	return x
}

// cellLines breaks each cell of a row to its column; it returns the lines
// and the row's height.
func (t pdfTable) cellLines(s *pdfSetter, cells []string) ([][]string, float64) {
	sh := s.sheet
	x := t.colX(sh)
	out := make([][]string, len(cells))
	n := 1
	for i, c := range cells {
		out[i] = s.lines(c, x[i+1]-x[i]-2*sh.rowPad, sh.rowSize)
		n = max(n, len(out[i]))
	}
	return out, float64(n)*sh.rowLead() + 2*sh.rowPad
}

// table sets rows under t's header in the flow. A row goes whole onto the
// next page, under the title and the header again, when it does not fit
// on this one.
func (f *pdfFlow) table(t pdfTable, rows []pdfTableRow) {
	head, headH := t.cellLines(f.s, t.heads)
	for i, r := range rows {
		lines, h := t.cellLines(f.s, r.cells)
		more := i > 0 && f.y+h > f.s.sheet.textBottom()
		if more {
			f.breakPage()
			f.para(t.title+"（続き）", t.indent, 0)
		}
		if i == 0 || more {
			f.keep(headH + h)
			p := f.page()
			t.row(f.s, p, head, f.y, headH, nil, true)
			f.y += headH
		}
		p := f.page()
		t.row(f.s, p, lines, f.y, h, r.tint, false)
		f.y += h
	}
	f.y += f.s.sheet.rowLead()
}

// row draws a row at y, h high: its tint or, for the header, the header's
// grey, each cell's lines and its box.
func (t pdfTable) row(s *pdfSetter, p *pdfPage, lines [][]string, y, h float64, tint *pdfPen, header bool) {
	sh := s.sheet
	x := t.colX(sh)
	switch {
	case header:
		p.fill(x[0], y, x[len(x)-1]-x[0], h)
	case tint != nil:
		p.paint(x[0], y, x[len(x)-1]-x[0], h, tint)
	}
	for i, cell := range lines {
		w := x[i+1] - x[i]
		if header || t.centre[i] {
			pdfCentred(s, p, cell, x[i], y+sh.rowPad, w, sh.rowSize, sh.rowLead())
		} else {
			for k, l := range cell {
				p.text(x[i]+sh.rowPad, y+sh.rowPad+float64(k)*sh.rowLead()+(sh.rowLead()-sh.rowSize)/2, sh.rowSize, l)
			}
		}
		pdfBox(p, x[i], y, w, h)
	}
}
