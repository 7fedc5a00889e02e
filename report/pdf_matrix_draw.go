package report

// drawPage draws one page of the matrix: the heading, the header and the
// row fragments frags, with merged cells drawn once over their rows.
func (m *pdfMatrix) drawPage(s *pdfSetter, p *pdfPage, frags []pdfFrag) {
	sh := m.sheet
	p.text(sh.margin, sh.margin, sh.matTitle, m.heading)
	m.drawHead(s, p)
	x := m.colX()
	y := sh.tableTop() + m.headH[0] + m.headH[1]
	ys := make([]float64, len(frags)+1) // the top of each fragment, and the bottom
	for i, f := range frags {
		ys[i] = y
		m.drawFrag(s, p, f, x, y)
		y += m.height(f)
	}
	ys[len(frags)] = y
	for c := range m.cols {
		m.drawMerged(s, p, frags, ys, c, x)
	}
	m.drawRules(p, frags, ys, x)
}

// colX returns the left edge of each column and, last, the table's right edge.
func (m *pdfMatrix) colX() []float64 {
	x := make([]float64, len(m.cols)+1)
	x[0] = m.sheet.margin
	for i, c := range m.cols {
		x[i+1] = x[i] + c.w
	}
	return x
}

// drawHead draws the header: grey cells with their headings centred.
func (m *pdfMatrix) drawHead(s *pdfSetter, p *pdfPage) {
	sh := m.sheet
	p.fill(sh.margin, sh.tableTop(), sh.tableW(), m.headH[0]+m.headH[1])
	for _, h := range m.heads {
		y := h.y + (h.h-float64(len(h.lines))*sh.headLead())/2
		pdfCentred(s, p, h.lines, h.x, y, h.w, sh.matHead, sh.headLead())
		pdfBox(p, h.x, h.y, h.w, h.h)
	}
}

// pdfCentred sets lines one under the other from y, each centred in w.
func pdfCentred(s *pdfSetter, p *pdfPage, lines []string, x, y, w, size, lead float64) {
	measure := s.measure(size)
	for _, l := range lines {
		p.text(x+(w-measure(l))/2, y+(lead-size)/2, size, l)
		y += lead
	}
}

// pdfBox rules a rectangle.
func pdfBox(p *pdfPage, x, y, w, h float64) {
	p.rule(x, y, x+w, y)
	p.rule(x, y+h, x+w, y+h)
	p.rule(x, y, x, y+h)
	p.rule(x+w, y, x+w, y+h)
}

// drawFrag draws the unmerged cells of a row fragment whose top is y. A
// whole row's cells are centred vertically; a one-line cell is centred
// across its column, a longer one set flush left.
func (m *pdfMatrix) drawFrag(s *pdfSetter, p *pdfPage, f pdfFrag, x []float64, y float64) {
	sh := m.sheet
	row := m.rows[f.row]
	for c, cell := range row.cells {
		if cell.key != "" || f.from >= len(cell.lines) {
			continue
		}
		lines := cell.lines[f.from:min(f.to, len(cell.lines))]
		top := y + sh.cellPad
		if f.whole {
			top = y + (m.height(f)-float64(len(lines))*sh.cellLead())/2
		}
		if len(cell.lines) == 1 {
			pdfCentred(s, p, lines, x[c], top, m.cols[c].w, sh.cellSize, sh.cellLead())
			continue
		}
		for _, l := range lines {
			p.text(x[c]+sh.cellPad, top+(sh.cellLead()-sh.cellSize)/2, sh.cellSize, l)
			top += sh.cellLead()
		}
	}
}

// drawMerged draws the merged cells of column c: each run of fragments
// with the same key, once, centred over the run's height, which stretch
// has made tall enough. The tier label is set vertically, one character
// under the other.
func (m *pdfMatrix) drawMerged(s *pdfSetter, p *pdfPage, frags []pdfFrag, ys []float64, c int, x []float64) {
	sh := m.sheet
	for i := 0; i < len(frags); {
		j := m.runEnd(frags, c, i)
		cell := m.rows[frags[i].row].cells[c]
		if cell.key != "" && cell.lines[0] != "" {
			top, h, w := ys[i], ys[j]-ys[i], m.cols[c].w
			if m.cols[c].vertical {
				pdfVertical(s, p, cell.lines[0], x[c], top, w, h, sh.cellSize)
			} else {
				lead := sh.cellLead()
				pdfCentred(s, p, cell.lines, x[c], top+(h-float64(len(cell.lines))*lead)/2, w, sh.cellSize, lead)
			}
		}
		i = j
	}
}

// pdfVertical sets text vertically in size points, centred in the box; ー
// is turned to stand upright.
func pdfVertical(s *pdfSetter, p *pdfPage, text string, x, y, w, h, size float64) {
	runes := []rune(text)
	top := y + (h-size*float64(len(runes)))/2
	for _, r := range runes {
		cw := s.measure(size)(string(r))
		op := pdfOp{kind: pdfText, x: x + (w-cw)/2, y: top, size: size, text: string(r)}
		if r == 'ー' || r == '－' || r == '〜' || r == '～' {
			op.kind, op.x = pdfTurned, x+(w-size)/2
		}
		p.ops = append(p.ops, op)
		top += size
	}
}

// drawRules rules the body: the columns' edges from the header down, and
// under each fragment, except inside a merged cell.
func (m *pdfMatrix) drawRules(p *pdfPage, frags []pdfFrag, ys []float64, x []float64) {
	bottom := ys[len(ys)-1]
	top := m.sheet.tableTop() + m.headH[0] + m.headH[1]
	for _, cx := range x {
		p.rule(cx, top, cx, bottom)
	}
	for i := range frags {
		for c := range m.cols {
			key := m.rows[frags[i].row].cells[c].key
			if i+1 < len(frags) && key != "" && m.rows[frags[i+1].row].cells[c].key == key {
				continue
			}
			p.rule(x[c], ys[i+1], x[c+1], ys[i+1])
		}
	}
}
