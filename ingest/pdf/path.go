package pdf

import "math"

// A path is the current path, in page space, as far as ruling lines need
// it: its straight segments, and its rectangles.
type path struct {
	segs   []segment
	rects  []rect
	start  point // the current subpath's first point
	cur    point
	hasCur bool
	curves bool // the current subpath has a curve: it is not a table line
	box    Box  // every point of the path, control points included
	hasBox bool
}

// add adds a point to the path's box.
func (p *path) add(pt point) {
	switch {
	case !finite(pt.x, pt.y):
		return
	case !p.hasBox:
		p.box, p.hasBox = Box{pt.x, pt.y, pt.x, pt.y}, true
	default:
		p.box = p.box.union(Box{pt.x, pt.y, pt.x, pt.y})
	}
}

type point struct{ x, y float64 }

type segment struct{ a, b point }

// A rect is a rectangle drawn with re, in page space; its corners may be
// in any order when the CTM turns it.
type rect struct{ x0, y0, x1, y1 float64 }

// Ruling lines: what counts as straight and thin.
const (
	// straightSlack is how far, in points, the two ends of a segment may
	// differ across its direction and still make a horizontal or vertical
	// line: a hairline drawn at half-point coordinates rounds both ways.
	straightSlack = 0.5
	// thinRule is the greatest thickness, in points, of a filled
	// rectangle that is a line rather than an area (a cell's background):
	// Excel draws a thick border as a filled bar of about 2 points.
	thinRule = 3.0
)

// pathOperator builds or paints the current path.
func (in *interp) pathOperator(op string) {
	p := &in.path
	m := in.gs.ctm
	switch op {
	case "m":
		p.moveTo(m, in.num(2), in.num(1))
	case "l":
		p.lineTo(m, in.num(2), in.num(1))
	case "c", "v", "y":
		n := 4
		if op == "c" {
			n = 6
		}
		for i := n; i >= 2; i -= 2 {
			x, y := m.apply(in.num(i), in.num(i-1))
			p.add(point{x, y})
		}
		p.curves = true
		p.hasCur = false
	case "W", "W*":
		in.clipNext = true
	case "h":
		p.closePath()
	case "re":
		p.rectangle(m, in.num(4), in.num(3), in.num(2), in.num(1))
	case "S", "s", "B", "B*", "b", "b*":
		if op == "s" || op == "b" || op == "b*" {
			p.closePath()
		}
		in.stroke()
		in.endPath()
	case "f", "F", "f*":
		in.fill()
		in.endPath()
	case "n":
		in.endPath()
	}
}

// endPath ends the current path once it is painted: when W or W* came
// before, the clipping path is narrowed to the path's box (a rectangle
// clips exactly; another shape as its box does).
func (in *interp) endPath() {
	p := &in.path
	if in.clipNext {
		in.clipNext = false
		if p.hasBox {
			in.gs.clipTo(p.box)
		}
	}
	*p = path{segs: p.segs[:0], rects: p.rects[:0]}
}

func (p *path) moveTo(m matrix, x, y float64) {
	px, py := m.apply(x, y)
	p.cur, p.start, p.hasCur, p.curves = point{px, py}, point{px, py}, true, false
	p.add(p.cur)
}

func (p *path) lineTo(m matrix, x, y float64) {
	px, py := m.apply(x, y)
	if p.hasCur && !p.curves {
		p.segs = append(p.segs, segment{p.cur, point{px, py}})
	}
	p.cur, p.hasCur = point{px, py}, true
	p.add(p.cur)
}

func (p *path) closePath() {
	if p.hasCur && !p.curves && p.cur != p.start {
		p.segs = append(p.segs, segment{p.cur, p.start})
	}
	p.cur = p.start
}

func (p *path) rectangle(m matrix, x, y, w, h float64) {
	corners := [4]point{}
	for i, c := range [4][2]float64{{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}} {
		corners[i].x, corners[i].y = m.apply(c[0], c[1])
	}
	for i := range corners {
		p.segs = append(p.segs, segment{corners[i], corners[(i+1)%4]})
		p.add(corners[i])
	}
	p.rects = append(p.rects, rect{corners[0].x, corners[0].y, corners[2].x, corners[2].y})
	p.cur, p.start, p.hasCur, p.curves = corners[0], corners[0], true, false
}

// stroke turns the straight segments of the path into rules.
func (in *interp) stroke() {
	for _, s := range in.path.segs {
		if r, ok := ruleOf(s.a, s.b); ok {
			in.page.Rules = append(in.page.Rules, r)
		}
	}
}

// fill turns the path's thin rectangles into rules along their middle;
// a filled area (a cell's background) is no rule. Besides rectangles drawn
// with re, a closed subpath of four straight segments that makes a
// rectangle counts.
func (in *interp) fill() {
	rects := in.path.rects
	if len(rects) == 0 {
		rects = closedRects(in.path.segs)
	}
	for _, r := range rects {
		x0, x1 := min(r.x0, r.x1), max(r.x0, r.x1)
		y0, y1 := min(r.y0, r.y1), max(r.y0, r.y1)
		var ru Rule
		var ok bool
		switch {
		case y1-y0 <= thinRule && x1-x0 > y1-y0:
			ru, ok = ruleOf(point{x0, (y0 + y1) / 2}, point{x1, (y0 + y1) / 2})
		case x1-x0 <= thinRule && y1-y0 > x1-x0:
			ru, ok = ruleOf(point{(x0 + x1) / 2, y0}, point{(x0 + x1) / 2, y1})
		}
		if ok {
			in.page.Rules = append(in.page.Rules, ru)
		}
	}
}

// closedRects finds the axis-aligned rectangles that runs of four
// segments make.
func closedRects(segs []segment) []rect {
	var out []rect
	for i := 0; i+4 <= len(segs); i++ {
		s := segs[i : i+4]
		if s[0].a != s[3].b || s[0].b != s[1].a || s[1].b != s[2].a || s[2].b != s[3].a {
			continue
		}
		r := rect{s[0].a.x, s[0].a.y, s[1].b.x, s[1].b.y}
		if isAxisRect(s) {
			out = append(out, r)
			i += 3
		}
	}
	return out
}

// isAxisRect reports whether four joined segments are the sides of an
// axis-aligned rectangle.
func isAxisRect(s []segment) bool {
	for _, g := range s {
		if _, ok := ruleOf(g.a, g.b); !ok && g.a != g.b {
			return false
		}
	}
	return true
}

// ruleOf returns the segment a–b as a Rule when it is horizontal or
// vertical; points make no rule.
func ruleOf(a, b point) (Rule, bool) {
	dx, dy := math.Abs(a.x-b.x), math.Abs(a.y-b.y)
	switch {
	case !finite(a.x, a.y, b.x, b.y):
		return Rule{}, false
	case dy <= straightSlack && dx > dy:
		y := (a.y + b.y) / 2
		return Rule{X0: min(a.x, b.x), Y0: y, X1: max(a.x, b.x), Y1: y}, true
	case dx <= straightSlack && dy > dx:
		x := (a.x + b.x) / 2
		return Rule{X0: x, Y0: min(a.y, b.y), X1: x, Y1: max(a.y, b.y)}, true
	}
	return Rule{}, false
}
