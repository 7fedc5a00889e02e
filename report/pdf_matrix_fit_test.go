package report

import (
	"math"
	"testing"
)

// pdfNear reports whether the widths are want, within a hundredth of a point.
func pdfNear(got, want []float64) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if math.Abs(got[i]-want[i]) > 0.01 {
			return false
		}
	}
	return true
}

func TestPDFShareWidths(t *testing.T) {
	tests := []struct {
		name  string
		cols  []pdfFit
		width float64
		want  []float64
	}{
		{"no columns", nil, 100, []float64{}},
		{"in proportion to the root of the text", []pdfFit{{10, 200, 100}, {10, 200, 400}}, 90, []float64{30, 60}},
		{"a word is never broken", []pdfFit{{50, 200, 100}, {10, 200, 10000}}, 100, []float64{50, 50}},
		{"no wider than the longest line", []pdfFit{{10, 20, 400}, {10, 200, 100}}, 100, []float64{20, 80}},
		{"room over goes by the root of the text", []pdfFit{{10, 20, 100}, {10, 20, 400}}, 70, []float64{30, 40}},
		{"a column without text keeps its min", []pdfFit{{15, 15, 0}, {10, 50, 100}, {10, 50, 100}}, 75, []float64{15, 30, 30}},
		{"room over, no text anywhere", []pdfFit{{10, 10, 0}, {30, 30, 0}}, 80, []float64{20, 60}},
		{"min do not fit: scaled down", []pdfFit{{60, 60, 10}, {40, 40, 10}}, 50, []float64{30, 20}},
		{"nothing to measure: even shares", []pdfFit{{}, {}}, 10, []float64{5, 5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := pdfShareWidths(tt.cols, tt.width)
			if !pdfNear(got, tt.want) {
				t.Errorf("pdfShareWidths(%v, %v) = %.2f, want %.2f", tt.cols, tt.width, got, tt.want)
			}
		})
	}
}

// pdfToyTable is a table for TestPDFFitWidths: each cell's text as its
// length on one line, in points, set in lines of ceil(length/width), a
// row as tall as its tallest cell.
type pdfToyTable [][]float64

// height is the cost pdfFitWidths is given: the rows' lines, and a
// hundredth for each cell's line, as the matrix counts them.
func (tab pdfToyTable) height(w []float64) float64 {
	h := 0.0
	for _, row := range tab {
		tallest, all := 1.0, 0.0
		for c, length := range row {
			n := math.Max(1, math.Ceil(length/w[c]-1e-9))
			tallest, all = math.Max(tallest, n), all+n
		}
		h += tallest + all/100
	}
	return h
}

// fits returns the columns' fits: the narrowest, a tenth of the longest
// text (a word), the widest, the longest text, and the sum of their
// lengths.
func (tab pdfToyTable) fits() []pdfFit {
	fits := make([]pdfFit, len(tab[0]))
	for _, row := range tab {
		for c, length := range row {
			fits[c].add(length/10, length, length)
		}
	}
	return fits
}

func TestPDFFitWidths(t *testing.T) {
	tests := []struct {
		name  string
		table pdfToyTable
		width float64
		want  []float64 // the widths, when only they will do
		rows  float64   // the rows' lines, which is what counts
		short bool      // the rows are fewer than pdfShareWidths's
	}{
		{
			// pdfShareWidths gives the first column 152 and the second
			// 108: the first row takes 3 lines, for its second cell. The
			// first column needs only 100 to keep the other rows on one
			// line, and the first row takes 2 lines for its first cell
			// at any width from 100 to 199: the second cell can have 150.
			name:  "width goes where the rows are tallest",
			table: pdfToyTable{{200, 300}, {100, 1}, {100, 1}, {100, 1}, {100, 1}},
			width: 260,
			rows:  6,
			short: true,
		},
		{
			// one long text in a column of short ones: the √a share starves
			// it, but its row is the tallest of the table.
			name:  "a long text in a column of short ones",
			table: pdfToyTable{{40, 40, 120}, {40, 40, 1}, {40, 40, 1}, {40, 40, 1}},
			width: 200,
			rows:  4,
		},
		{
			name:  "everything fits on one line",
			table: pdfToyTable{{10, 20}, {20, 10}},
			width: 100,
			rows:  2,
		},
		{
			name:  "too narrow for the words",
			table: pdfToyTable{{100, 200}},
			width: 20,
			want:  []float64{20.0 / 3, 40.0 / 3},
			rows:  15,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fits := tt.table.fits()
			got := pdfFitWidths(fits, tt.width, tt.table.height)
			sum, least := 0.0, 0.0
			for _, f := range fits {
				least += f.min
			}
			for c, w := range got {
				sum += w
				if least <= tt.width && w < fits[c].min-1e-9 {
					t.Errorf("column %d is %.2f wide, narrower than its min %.2f", c, w, fits[c].min)
				}
			}
			if math.Abs(sum-tt.width) > 1e-6 {
				t.Errorf("widths %.2f add up to %.2f, want %v", got, sum, tt.width)
			}
			if rows := math.Floor(tt.table.height(got)); rows != tt.rows {
				t.Errorf("widths %.2f give %v lines of rows, want %v", got, rows, tt.rows)
			}
			if tt.want != nil && !pdfNear(got, tt.want) {
				t.Errorf("widths %.2f, want %.2f", got, tt.want)
			}
			share := pdfShareWidths(fits, tt.width)
			if got, share := tt.table.height(got), tt.table.height(share); got > share || tt.short && math.Floor(got) >= math.Floor(share) {
				t.Errorf("widths give a table %v high, the share %v", got, share)
			}
		})
	}
}
