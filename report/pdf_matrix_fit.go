package report

import (
	"math"
	"slices"
)

// A pdfFit is what a column of a table must hold, measured in points at
// the type it is set in, the cell's padding included.
type pdfFit struct {
	min  float64 // the narrowest the column may be: its widest word, name or mark
	max  float64 // the widest it needs to be: its longest line set unbroken
	area float64 // the width of all its text set on one line: how much it holds
}

// widest returns the widest the column needs to be: its max, or its min
// for a column that holds no text (area 0), which nothing would fill.
func (f pdfFit) widest() float64 {
	if f.area <= 0 {
		return f.min
	}
	return max(f.min, f.max)
}

// add widens the fit to hold text whose widest unbreakable piece is
// narrow, whose longest line is wide and whose lines are long in all.
func (f *pdfFit) add(narrow, wide, long float64) {
	f.min = max(f.min, narrow)
	f.max = max(f.max, wide)
	f.area += long
}

// pdfFitWidths shares width among columns so that the table is width wide
// and as short as it can be: cost gives the table's height at given
// widths. It starts from pdfShareWidths, which counts lines but not rows,
// then searches: for each column, the least width that makes cost smaller
// when the column alone is widened (the width that takes a cell's last
// word back to the line above), taken from one other column or from all
// the others in proportion to their room over their min; the move that
// makes cost smallest is made, and the search goes on until no move makes
// it smaller. A row is as tall as its tallest cell, so width goes where it
// shortens the rows, not merely the cells. A column is never made
// narrower than its min.
func pdfFitWidths(cols []pdfFit, width float64, cost func(widths []float64) float64) []float64 {
	w := pdfShareWidths(cols, width)
	spare := 0.0
	for i, c := range cols {
		spare += w[i] - c.min
	}
	if spare <= 0 {
		return w
	}
	best := cost(w)
	try := make([]float64, len(w))
	for {
		next := best
		var move []float64
		for to := range w {
			d := pdfGain(w, to, spare-(w[to]-cols[to].min), best, cost)
			if d == 0 {
				continue
			}
			for _, m := range pdfMoves(cols, w, to, d) {
				for i := range w {
					try[i] = w[i] + m[i]
				}
				if c := cost(try); c < next {
					next, move = c, m
				}
			}
		}
		if move == nil {
			return w
		}
		for i := range w {
			w[i] += move[i]
		}
		best = next
	}
}

// pdfGain returns the least width, to a quarter of a point and no more
// than room, that makes cost smaller than best when column to alone is
// made that much wider; 0 if none does.
func pdfGain(w []float64, to int, room, best float64, cost func([]float64) float64) float64 {
	try := slices.Clone(w)
	gains := func(d float64) bool {
		try[to] = w[to] + d
		return cost(try) < best
	}
	lo, hi := 0.0, 0.25
	for !gains(min(hi, room)) {
		if hi >= room {
			return 0
		}
		lo, hi = hi, hi*2
	}
	hi = min(hi, room)
	for hi-lo > 0.25 {
		if mid := (lo + hi) / 2; gains(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

// pdfMoves returns the ways to give step of width to column to, as the
// change to each column's width: from one other column that has step to
// spare over its min, or from all the others in proportion to what they
// have over their min.
func pdfMoves(cols []pdfFit, w []float64, to int, step float64) [][]float64 {
	var moves [][]float64
	others := 0.0
	for from, c := range cols {
		if from == to {
			continue
		}
		others += w[from] - c.min
		if w[from]-step >= c.min {
			m := make([]float64, len(w))
			m[from], m[to] = -step, step
			moves = append(moves, m)
		}
	}
	if others < step {
		return moves
	}
	m := make([]float64, len(w))
	for i, c := range cols {
		if i != to {
			m[i] = -step * (w[i] - c.min) / others
		}
	}
	m[to] = step
	return append(moves, m)
}

// pdfShareWidths shares width among columns so that the table is width
// wide and takes as few lines as it can. A column of text of area a set w wide
// takes about a/w lines; the sum of a/w over the columns, their widths
// adding up to width, is least when each w is in proportion to √a. So
// each column is λ√a wide, for the λ that fills width, but no narrower
// than its min (a word is never broken) and no wider than its max (where
// nothing wraps any more). When the columns' max leave room over, it goes
// to them in proportion to √a, or to their max if no column holds text;
// when even their min do not fit, each gets its min scaled down to fit,
// and the words wider than their cells are broken. Columns with nothing
// to measure share width evenly.
func pdfShareWidths(cols []pdfFit, width float64) []float64 {
	out := make([]float64, len(cols))
	var least, most, roots float64
	for _, c := range cols {
		least += c.min
		most += c.widest()
		roots += math.Sqrt(c.area)
	}
	switch {
	case len(cols) == 0:
		return out
	case least >= width:
		for i, c := range cols {
			out[i] = c.min * width / least
			if least == 0 {
				out[i] = width / float64(len(cols))
			}
		}
		return out
	case most <= width:
		for i, c := range cols {
			share := 1 / float64(len(cols))
			switch {
			case roots > 0:
				share = math.Sqrt(c.area) / roots
			case most > 0:
				share = c.widest() / most
			}
			out[i] = c.widest() + (width-most)*share
		}
		return out
	}
	// least < width < most: bisect for the λ at which the widths fill width.
	at := func(lambda float64) float64 {
		sum := 0.0
		for i, c := range cols {
			out[i] = min(max(lambda*math.Sqrt(c.area), c.min), c.widest())
			sum += out[i]
		}
		return sum
	}
	lo, hi := 0.0, 1.0
	for at(hi) < width {
		hi *= 2
	}
	for range 100 {
		mid := (lo + hi) / 2
		if at(mid) < width {
			lo = mid
		} else {
			hi = mid
		}
	}
	at(hi)
	return out
}
