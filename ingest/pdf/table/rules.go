package table

import (
	"cmp"
	"math"
	"slices"

	"perinet/ingest/pdf"
)

// Tolerances for ruling lines, in points.
const (
	// snap: lines nearer than this are one grid line. A border drawn as a
	// thin filled rectangle gives two edges its width apart (0.4–1.5 pt),
	// and borders drawn cell by cell differ by rounding.
	snap = 2.0
	// touch: rules whose ends come this near meet. Renderers leave small
	// gaps where border segments join, and a thin rectangle's edges stand
	// half its width off the line it draws.
	touch = 2.0
	// minRule: a rule shorter than this edges no cell: it is the short end
	// of a thin rectangle that draws a line, or a tick.
	minRule = 3.0
)

// maxGrid is the most elementary cells a frame's grid lines may make. A
// form's table has hundreds; a million is a drawing (a hatching, a chart's
// grid) or a hostile file, and its text is read as if it had no rules.
const maxGrid = 1 << 20

// cleanRules returns the rules that can edge a cell: horizontal or
// vertical, from the lower or left end, and long enough.
func cleanRules(rules []pdf.Rule) []pdf.Rule {
	var out []pdf.Rule
	for _, r := range rules {
		if r.X0 > r.X1 {
			r.X0, r.X1 = r.X1, r.X0
		}
		if r.Y0 > r.Y1 {
			r.Y0, r.Y1 = r.Y1, r.Y0
		}
		if (r.Y0 == r.Y1 && r.X1-r.X0 >= minRule) || (r.X0 == r.X1 && r.Y1-r.Y0 >= minRule) {
			out = append(out, r)
		}
	}
	return out
}

// meets reports whether two rules cross or touch.
func meets(a, b pdf.Rule) bool {
	return a.X0-touch <= b.X1 && b.X0-touch <= a.X1 && a.Y0-touch <= b.Y1 && b.Y0-touch <= a.Y1
}

// frames returns the rules in groups that each frame one table: rules that
// meet, directly or through others, with at least two horizontal and two
// vertical grid lines (a lone line, an underline, frames no cell). Frames
// side by side (whose heights overlap) are taken as one, so that two
// tables never share a row. A frame of more than maxGrid cells is left out.
func frames(rules []pdf.Rule) [][]pdf.Rule {
	rules = cleanRules(rules)
	var groups [][]pdf.Rule
	for _, g := range meeting(rules) {
		rs := make([]pdf.Rule, len(g))
		for k, i := range g {
			rs[k] = rules[i]
		}
		if xs, ys := gridLines(rs); len(xs) >= 2 && len(ys) >= 2 {
			groups = append(groups, rs)
		}
	}
	return slices.DeleteFunc(joinOverlapping(groups), func(rs []pdf.Rule) bool {
		xs, ys := gridLines(rs)
		return (len(xs)-1)*(len(ys)-1) > maxGrid
	})
}

// meeting sorts rules by their left end and returns the groups of them,
// by index, that meet, directly or through others.
func meeting(rules []pdf.Rule) [][]int {
	slices.SortFunc(rules, func(a, b pdf.Rule) int { return cmp.Compare(a.X0, b.X0) })
	sets := newUnion(len(rules))
	for i, a := range rules {
		for j := i + 1; j < len(rules) && rules[j].X0-touch <= a.X1; j++ {
			if meets(a, rules[j]) {
				sets.join(i, j)
			}
		}
	}
	return sets.groups()
}

// joinOverlapping joins the groups of rules whose heights overlap.
func joinOverlapping(groups [][]pdf.Rule) [][]pdf.Rule {
	type extent struct{ lo, hi float64 }
	ext := make([]extent, len(groups))
	for k, g := range groups {
		ext[k] = extent{g[0].Y0, g[0].Y1}
		for _, r := range g {
			ext[k].lo, ext[k].hi = min(ext[k].lo, r.Y0), max(ext[k].hi, r.Y1)
		}
	}
	sets := newUnion(len(groups))
	for a := range groups {
		for b := a + 1; b < len(groups); b++ {
			if ext[a].lo+snap < ext[b].hi && ext[b].lo+snap < ext[a].hi {
				sets.join(a, b)
			}
		}
	}
	var out [][]pdf.Rule
	for _, g := range sets.groups() {
		var rs []pdf.Rule
		for _, k := range g {
			rs = append(rs, groups[k]...)
		}
		out = append(out, rs)
	}
	return out
}

// gridLines returns the grid lines of a frame's rules: the x of its
// vertical rules left to right, and the y of its horizontal rules top to
// bottom, each nearly equal coordinates taken as one.
func gridLines(rules []pdf.Rule) (xs, ys []float64) {
	for _, r := range rules {
		if r.Y0 == r.Y1 {
			ys = append(ys, r.Y0)
		} else {
			xs = append(xs, r.X0)
		}
	}
	xs, ys = cluster(xs), cluster(ys)
	slices.Reverse(ys)
	return xs, ys
}

// cluster returns the values in ascending order with each run of values
// less than snap apart replaced by its mean.
func cluster(vs []float64) []float64 {
	slices.Sort(vs)
	var out []float64
	for i := 0; i < len(vs); {
		j, sum := i+1, vs[i]
		for j < len(vs) && vs[j]-vs[j-1] < snap {
			sum += vs[j]
			j++
		}
		out = append(out, sum/float64(j-i))
		i = j
	}
	return out
}

// nearest returns the index of the value in sorted vs (ascending or
// descending) nearest to v.
func nearest(vs []float64, v float64) int {
	best := 0
	for i := range vs {
		if math.Abs(vs[i]-v) < math.Abs(vs[best]-v) {
			best = i
		}
	}
	return best
}

// A union is a disjoint-set forest over 0..n-1.
type union struct{ parent []int }

func newUnion(n int) *union {
	u := &union{parent: make([]int, n)}
	for i := range u.parent {
		u.parent[i] = i
	}
	return u
}

func (u *union) find(i int) int {
	for u.parent[i] != i {
		u.parent[i] = u.parent[u.parent[i]]
		i = u.parent[i]
	}
	return i
}

// join puts i and j in one set and reports whether they were apart.
func (u *union) join(i, j int) bool {
	a, b := u.find(i), u.find(j)
	if a == b {
		return false
	}
	u.parent[max(a, b)] = min(a, b)
	return true
}

// groups returns the sets, each in ascending order, ordered by their
// smallest member.
func (u *union) groups() [][]int {
	index := map[int]int{}
	var out [][]int
	for i := range u.parent {
		root := u.find(i)
		k, ok := index[root]
		if !ok {
			k = len(out)
			index[root] = k
			out = append(out, nil)
		}
		out[k] = append(out[k], i)
	}
	return out
}
