package report

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"

	"perinet"
	"perinet/normalize"
)

// A pdfAxis is the scale of a chart's value axis: from 0 to top, with a
// tick every step.
type pdfAxis struct{ top, step float64 }

// pdfNiceAxis returns the axis from 0 that holds most in about steps
// steps, each step 1, 2 or 5 times a power of ten and no less than least
// (1 for a count of groups). An axis for nothing (most ≤ 0) is one step
// of least.
func pdfNiceAxis(most float64, steps int, least float64) pdfAxis {
	if most <= 0 {
		return pdfAxis{top: least, step: least}
	}
	raw := most / float64(max(steps, 1))
	power := math.Pow(10, math.Floor(math.Log10(raw)))
	step := 10 * power
	for _, m := range []float64{1, 2, 5} {
		if m*power >= raw*(1-1e-9) {
			step = m * power
			break
		}
	}
	step = max(step, least)
	return pdfAxis{top: math.Ceil(most/step-1e-9) * step, step: step}
}

// ticks returns the values at which the axis has a tick, from 0 to top.
func (a pdfAxis) ticks() []float64 {
	n := int(math.Round(a.top / a.step))
	out := make([]float64, n+1)
	for i := range out {
		out[i] = float64(i) * a.step
	}
	return out
}

// at returns where v falls between from (0) and to (top).
func (a pdfAxis) at(v, from, to float64) float64 {
	return from + (to-from)*v/a.top
}

// pdfTickText writes a tick's value: 0, 2, 0.5.
func pdfTickText(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// pdfSpread places labels that each want to be at want (their middles,
// top to bottom), no two closer than gap, and each as near its wish as
// the others let it: labels that would collide are set one under the
// other, centred on the mean of their wishes. Labels stay between lo and
// hi when they fit there. The result is in the order of want.
func pdfSpread(want []float64, gap, lo, hi float64) []float64 {
	order := make([]int, len(want))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(want[a], want[b]) })
	y := make([]float64, len(want)) // in the order of order
	for _, r := range pdfStacks(order, want, gap) {
		for j := range r.n {
			y[r.first+j] = r.top() + float64(j)*gap
		}
	}
	for i := len(y) - 1; i >= 0; i-- { // within hi,
		limit := hi
		if i < len(y)-1 {
			limit = y[i+1] - gap
		}
		y[i] = min(y[i], limit)
	}
	for i := range y { // and within lo, which wins when they do not fit
		limit := lo
		if i > 0 {
			limit = y[i-1] + gap
		}
		y[i] = max(y[i], limit)
	}
	out := make([]float64, len(want))
	for i, k := range order {
		out[k] = y[i]
	}
	return out
}

// A pdfStack is labels set one under the other, gap apart: from the
// first-th in order, n of them; sum is the sum of each one's wish less
// its place in the run times gap, so that the run's top is their mean.
type pdfStack struct {
	first, n int
	sum      float64
}

func (r pdfStack) top() float64 { return r.sum / float64(r.n) }

// pdfStacks groups the labels, in order of their wishes, into the runs in
// which none collides with the next.
func pdfStacks(order []int, want []float64, gap float64) []pdfStack {
	var runs []pdfStack
	for i, k := range order {
		runs = append(runs, pdfStack{first: i, n: 1, sum: want[k]})
		for len(runs) > 1 {
			a, b := &runs[len(runs)-2], runs[len(runs)-1]
			if a.top()+float64(a.n)*gap <= b.top()+1e-9 {
				break
			}
			a.sum += b.sum - float64(b.n*a.n)*gap
			a.n += b.n
			runs = runs[:len(runs)-1]
		}
	}
	return runs
}

// pdfEraShort writes fiscal year fy as the trend chart's axis does: the
// era's initial and year, H28, R1. The era is the one fiscal years are
// named in (normalize.EraFiscalYear), that of the last day of the year fy.
func pdfEraShort(fy int) string {
	short, _, _ := strings.Cut(normalize.EraText(perinet.Date{Year: fy, Month: 12, Day: 31}), "年")
	return short
}

// pdfItemTitle returns the item's heading without its note, as the
// charts name it: "１　地域連携会議の運営等". The label is the survey's,
// or else label.
func pdfItemTitle(survey *perinet.Survey, no int, label string) string {
	def, ok := survey.Item(no)
	if !ok {
		def = perinet.ItemDef{No: no, Label: label}
	}
	def.Note = ""
	return pdfItemHead(def)
}

// A pdfKey is one entry of a chart's legend: a sample of how the chart
// draws something, and what that is.
type pdfKey struct {
	sample func(p *pdfPage, x, y float64) // draws the sample the sheet's keyW wide from x, its middle at y
	text   string
}

// pdfLegend sets keys in cols columns across w from x, y, row by row, each
// key's text broken to its column; it returns the y below the legend.
func pdfLegend(s *pdfSetter, p *pdfPage, keys []pdfKey, x, y, w float64, cols int) float64 {
	sh := s.sheet
	size, lead := sh.keySize, sh.keySize*1.6
	colW := w / float64(cols)
	for row := 0; row*cols < len(keys); row++ {
		lines := 1
		for c, k := range keys[row*cols : min(len(keys), (row+1)*cols)] {
			kx := x + float64(c)*colW
			text := s.lines(k.text, colW-sh.keyW-16, size)
			k.sample(p, kx, y+lead/2)
			for i, l := range text {
				p.text(kx+sh.keyW+6, y+float64(i)*lead+(lead-size)/2, size, l)
			}
			lines = max(lines, len(text))
		}
		y += float64(lines) * lead
	}
	return y
}

// pdfRight sets text (cleaned) so that it ends at x.
func pdfRight(s *pdfSetter, p *pdfPage, x, y, size float64, text string) {
	p.text(x-s.measure(size)(text), y, size, text)
}

// pdfChartPage starts a chart's page: its heading and the note under it,
// in the text column. It returns the flow, on that page, below them.
func pdfChartPage(s *pdfSetter, heading, note string) *pdfFlow {
	f := &pdfFlow{s: s}
	f.heading(heading)
	f.para(note, 0, 6)
	return f
}
