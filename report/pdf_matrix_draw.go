package report

// drawPage draws one page of the matrix: the heading, the header and the
// row fragments frags, with merged cells drawn once over their rows.
func (m *pdfMatrix) drawPage(s *pdfSetter, p *pdfPage, frags []pdfFrag) {
	p.text(pdfMargin, pdfMargin, 14, m.heading)
	m.drawHead(s, p)
	x := m.colX()
	y := pdfTableTop + m.headH[0] + m.headH[1]
	ys := make([]float64, len(frags)+1) // the top of each fragment, and the bottom
	for i, f := range frags {
		ys[i] = y
		m.drawFrag(s, p, f, x, y)
		y += f.height()
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
	x[0] = pdfMargin
	for i, c := range m.cols {
		x[i+1] = x[i] + c.w
	}
	return x
}

// drawHead draws the header: grey cells with their headings centred.
func (m *pdfMatrix) drawHead(s *pdfSetter, p *pdfPage) {
	p.fill(pdfMargin, pdfTableTop, pdfTableW, m.headH[0]+m.headH[1])
	for _, h := range m.heads {
		lines := s.lines(h.text, h.w-2*pdfPad, pdfHeadText)
		y := h.y + (h.h-float64(len(lines))*pdfHeadLead)/2
		pdfCentred(s, p, lines, h.x, y, h.w, pdfHeadText, pdfHeadLead)
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
	row := m.rows[f.row]
	for c, cell := range row.cells {
		if cell.key != "" || f.from >= len(cell.lines) {
			continue
		}
		lines := cell.lines[f.from:min(f.to, len(cell.lines))]
		top := y + pdfPad
		if f.whole {
			top = y + (f.height()-float64(len(lines))*pdfLead)/2
		}
		if len(cell.lines) == 1 {
			pdfCentred(s, p, lines, x[c], top, m.cols[c].w, pdfCellSize, pdfLead)
			continue
		}
		for _, l := range lines {
			p.text(x[c]+pdfPad, top+(pdfLead-pdfCellSize)/2, pdfCellSize, l)
			top += pdfLead
		}
	}
}

// drawMerged draws the merged cells of column c: each run of fragments
// with the same key, once, over the run's height. The tier column's label
// is set vertically, one character under the other.
func (m *pdfMatrix) drawMerged(s *pdfSetter, p *pdfPage, frags []pdfFrag, ys []float64, c int, x []float64) {
	for i := 0; i < len(frags); {
		cell := m.rows[frags[i].row].cells[c]
		j := i + 1
		for j < len(frags) && cell.key != "" && m.rows[frags[j].row].cells[c].key == cell.key {
			j++
		}
		if cell.key != "" && cell.lines[0] != "" {
			top, h := ys[i], ys[j]-ys[i]
			if c == 0 {
				pdfVertical(s, p, cell.lines[0], x[c], top, m.cols[c].w, h)
			} else {
				pdfFitted(s, p, cell.lines[0], x[c], top, m.cols[c].w, h)
			}
		}
		i = j
	}
}

// pdfVertical sets text vertically, centred in the box, at the body size
// or smaller if the box is too short; ー is turned to stand upright.
func pdfVertical(s *pdfSetter, p *pdfPage, text string, x, y, w, h float64) {
	runes := []rune(text)
	size := min(pdfCellSize, (h-2*pdfPad)/float64(len(runes)), w-4)
	step := size
	top := y + (h-step*float64(len(runes)))/2
	for _, r := range runes {
		cw := s.measure(size)(string(r))
		op := pdfOp{kind: pdfText, x: x + (w-cw)/2, y: top, size: size, text: string(r)}
		if r == 'ー' || r == '－' || r == '〜' || r == '～' {
			op.kind, op.x = pdfTurned, x+(w-size)/2
		}
		p.ops = append(p.ops, op)
		top += step
	}
}

// pdfFitted sets text broken to the box, centred, at the body size or
// smaller if the box is too short for it.
func pdfFitted(s *pdfSetter, p *pdfPage, text string, x, y, w, h float64) {
	size := pdfCellSize
	lines := s.lines(text, w-2*pdfPad, size)
	for size > 4 && float64(len(lines))*size*1.35+2*pdfPad > h {
		size -= 0.5
		lines = s.lines(text, w-2*pdfPad, size)
	}
	lead := size * 1.35
	pdfCentred(s, p, lines, x, y+(h-float64(len(lines))*lead)/2, w, size, lead)
}

// drawRules rules the body: the columns' edges from the header down, and
// under each fragment, except inside a merged cell.
func (m *pdfMatrix) drawRules(p *pdfPage, frags []pdfFrag, ys []float64, x []float64) {
	bottom := ys[len(ys)-1]
	for _, cx := range x {
		p.rule(cx, pdfTableTop+m.headH[0]+m.headH[1], cx, bottom)
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
