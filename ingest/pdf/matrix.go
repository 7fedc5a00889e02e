package pdf

import "math"

// A matrix is an affine transformation [a b c d e f], as PDF writes
// them: a point x, y goes to a*x + c*y + e, b*x + d*y + f.
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m followed by n: the matrix that applies m, then n.
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2],
		m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2],
		m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4],
		m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

// apply transforms the point x, y.
func (m matrix) apply(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

// invert returns the inverse of m, and false when m has none.
func (m matrix) invert() (matrix, bool) {
	det := m[0]*m[3] - m[1]*m[2]
	if det == 0 || math.IsNaN(det) || math.IsInf(det, 0) {
		return identity, false
	}
	a, b, c, d := m[3]/det, -m[1]/det, -m[2]/det, m[0]/det
	return matrix{a, b, c, d, -(m[4]*a + m[5]*c), -(m[4]*b + m[5]*d)}, true
}

// translate returns the matrix that moves by tx, ty.
func translate(tx, ty float64) matrix { return matrix{1, 0, 0, 1, tx, ty} }

// scaleOf returns how much m enlarges lengths, on average over its two
// axes: the size a unit shown through m has on the page.
func (m matrix) scaleOf() float64 {
	return math.Sqrt(math.Abs(m[0]*m[3] - m[1]*m[2]))
}
