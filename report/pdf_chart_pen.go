package report

import (
	"math"

	"github.com/signintech/gopdf"
)

// A pdfForm is the outline of a chart's marker.
type pdfForm uint8

// The forms of marker, in the order the series take them.
const (
	pdfCircle pdfForm = iota
	pdfSquare
	pdfTriangle
	pdfDiamond
	pdfForms // the number of forms
)

// A pdfShape is a marker: its form, filled or in outline (white inside).
type pdfShape struct {
	form pdfForm
	open bool
}

// points returns the corners of the shape centred at x, y, d across. A
// circle is a polygon of 20 sides, round enough at a marker's size; a
// square and a diamond are drawn a little smaller than d, so that every
// form looks about as large as the circle.
func (s pdfShape) points(x, y, d float64) []gopdf.Point {
	r := d / 2
	switch s.form {
	case pdfSquare:
		r *= 0.85
		return []gopdf.Point{{X: x - r, Y: y - r}, {X: x + r, Y: y - r}, {X: x + r, Y: y + r}, {X: x - r, Y: y + r}}
	case pdfTriangle:
		r *= 1.2
		h := r * math.Sqrt(3) / 2
		return []gopdf.Point{{X: x, Y: y - r}, {X: x + h, Y: y + r/2}, {X: x - h, Y: y + r/2}}
	case pdfDiamond:
		r *= 1.15
		return []gopdf.Point{{X: x, Y: y - r}, {X: x + r, Y: y}, {X: x, Y: y + r}, {X: x - r, Y: y}}
	}
	const sides = 20
	pts := make([]gopdf.Point, sides)
	for i := range pts {
		a := 2 * math.Pi * float64(i) / sides
		pts[i] = gopdf.Point{X: x + r*math.Cos(a), Y: y + r*math.Sin(a)}
	}
	return pts
}

// pdfPalette is the charts' colours: the Okabe–Ito colours that people
// with any common colour blindness tell apart, their yellow replaced by a
// grey, which prints better.
var pdfPalette = [...][3]uint8{
	{0, 114, 178},   // blue
	{213, 94, 0},    // vermilion
	{0, 158, 115},   // bluish green
	{204, 121, 167}, // reddish purple
	{230, 159, 0},   // orange
	{86, 180, 233},  // sky blue
	{0, 0, 0},       // black
	{110, 110, 110}, // grey
}

// pdfDashes are the dash patterns of the trend chart's lines, in points.
var pdfDashes = [...][]float64{nil, {6, 3}, {1.5, 2}, {7, 2.5, 1.5, 2.5}}

// A pdfSeries is how one item is drawn on the trend chart: its line and
// its marker. Each of the first eight items differs from every other in
// colour, in marker and in line, so that the chart reads in black and
// white too.
type pdfSeries struct {
	line  *pdfPen
	mark  *pdfPen
	shape pdfShape
}

// pdfSeriesOf returns the look of the i-th series (from 0).
func pdfSeriesOf(i int) pdfSeries {
	rgb := pdfPalette[i%len(pdfPalette)]
	return pdfSeries{
		line:  &pdfPen{rgb: rgb, width: 1.6, dash: pdfDashes[(i+i/int(pdfForms))%len(pdfDashes)]},
		mark:  &pdfPen{rgb: rgb, width: 1.2},
		shape: pdfShape{form: pdfForm(i % int(pdfForms)), open: i/int(pdfForms)%2 == 1},
	}
}

// pdfGridPen is the pen of a chart's gridlines: thin and light grey.
func pdfGridPen() *pdfPen { return &pdfPen{rgb: [3]uint8{200, 200, 200}, width: 0.5} }

// pdfAxisPen is the pen of a chart's axes.
func pdfAxisPen() *pdfPen { return &pdfPen{width: 0.8} }
