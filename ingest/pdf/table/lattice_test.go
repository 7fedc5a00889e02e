package table

import (
	"reflect"
	"testing"

	"perinet/ingest/pdf"
)

// sampleTable sketches a small ruled table at 8 pt: a heading merged
// across two columns, a label set one character a line down three rows,
// a list, an empty cell and a text merged down two rows; a title above, a
// note beside the third row and one below.
func sampleTable(s *sketch) {
	xs := edges(50, 1, 20, 80, 60, 100)
	ys := edges(700, -1, 30, 20, 20, 20)
	s.table(xs, ys, 8, []span{
		{0, 0, 1, 2, "ブロック名", centred}, one(0, 2, "開始年月", centred), one(0, 3, "具体的内容", centred),
		{1, 0, 3, 1, "グループ", stack}, one(1, 1, "区中央部", left), one(1, 2, "H22年2月", left),
		one(1, 3, "・NCPR講習会\n・ALSO", left),
		one(2, 1, "区南部", left), {2, 3, 2, 1, "（連携会議で検討）", left},
		one(3, 1, "区西部", left), one(3, 2, "H22年5月", left),
	})
	s.write(60, 740, 12, "各グループの取組状況（平成28年度）")
	s.write(330, 636, 8, "備考")
	s.write(50, 560, 8, "※注記")
}

// sampleDrawing is what sampleTable reads as.
var sampleDrawing = [][]string{
	{"各グループの取組状況（平成28年度）"},
	{"ブロック名", "<", "開始年月", "具体的内容"},
	{"グループ", "区中央部", "H22年2月", "・NCPR講習会\n・ALSO"},
	{"^", "区南部", "", "（連携会議で検討）", "備考"},
	{"^", "区西部", "H22年5月", "^"},
	{"※注記"},
}

// thinRectangles draws every rule as a filled rectangle 0.8 pt wide, as
// some writers draw borders: two edges, and two short ends.
func thinRectangles(p *pdf.Page) {
	var rules []pdf.Rule
	for _, r := range p.Rules {
		if r.Horizontal() {
			rules = append(rules, pdf.Rule{X0: r.X0, Y0: r.Y0 - 0.4, X1: r.X1, Y1: r.Y0 - 0.4}, pdf.Rule{X0: r.X0, Y0: r.Y0 + 0.4, X1: r.X1, Y1: r.Y0 + 0.4},
				pdf.Rule{X0: r.X0, Y0: r.Y0 - 0.4, X1: r.X0, Y1: r.Y0 + 0.4}, pdf.Rule{X0: r.X1, Y0: r.Y0 - 0.4, X1: r.X1, Y1: r.Y0 + 0.4})
			continue
		}
		rules = append(rules, pdf.Rule{X0: r.X0 - 0.4, Y0: r.Y0, X1: r.X0 - 0.4, Y1: r.Y1}, pdf.Rule{X0: r.X0 + 0.4, Y0: r.Y0, X1: r.X0 + 0.4, Y1: r.Y1},
			pdf.Rule{X0: r.X0 - 0.4, Y0: r.Y0, X1: r.X0 + 0.4, Y1: r.Y0}, pdf.Rule{X0: r.X0 - 0.4, Y0: r.Y1, X1: r.X0 + 0.4, Y1: r.Y1})
	}
	p.Rules = rules
}

// shortened draws every rule a little short of where it ends and a
// little off, as rounding and line joins leave them.
func shortened(p *pdf.Page) {
	for i, r := range p.Rules {
		d := 0.3 * float64(i%3-1)
		if r.Horizontal() {
			p.Rules[i] = pdf.Rule{X0: r.X0 + 0.7, Y0: r.Y0 + d, X1: r.X1 - 0.7, Y1: r.Y1 + d}
		} else {
			p.Rules[i] = pdf.Rule{X0: r.X0 + d, Y0: r.Y0 + 0.7, X1: r.X1 + d, Y1: r.Y1 - 0.7}
		}
	}
}

// framed draws a box around the whole page's content, and a line under
// the title.
func framed(p *pdf.Page) {
	s := &sketch{page: p}
	s.rect(30, 540, 500, 770)
	s.line(60, 737, 260, 737)
}

// TestLattice reads the sample table drawn in several ways.
func TestLattice(t *testing.T) {
	tests := []struct {
		name string
		draw func(*pdf.Page)
	}{
		{"lines", func(*pdf.Page) {}},
		{"thin rectangles", thinRectangles},
		{"lines short and off", shortened},
		{"inside a frame", framed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSketch(1)
			sampleTable(s)
			tt.draw(s.page)
			sheets := Sheets([]*pdf.Page{s.page})
			if len(sheets) != 1 || sheets[0].Name != "p1" {
				t.Fatalf("got %d sheets, want one named p1", len(sheets))
			}
			if got := drawing(sheets[0].Rows); !reflect.DeepEqual(got, sampleDrawing) {
				t.Errorf("read\n%q\nwant\n%q", got, sampleDrawing)
			}
		})
	}
}

// TestMergedCells checks that a merged cell's copies repeat its text and
// place, as workbooks are read.
func TestMergedCells(t *testing.T) {
	s := newSketch(1)
	sampleTable(s)
	rows := Sheets([]*pdf.Page{s.page})[0].Rows
	for _, rc := range [][4]int{{1, 1, 1, 0}, {3, 0, 2, 0}, {4, 0, 2, 0}, {4, 3, 3, 3}} {
		got, first := rows[rc[0]][rc[1]], rows[rc[2]][rc[3]]
		if !got.Merged || got.Text != first.Text || got.Where != first.Where || first.Merged {
			t.Errorf("row %d column %d = %+v; want a merged copy of %+v", rc[0]+1, rc[1]+1, got, first)
		}
	}
}

// TestWhere checks the places of cells: the lower left of their text, or
// of their box when empty, in user space.
func TestWhere(t *testing.T) {
	tests := []struct {
		name    string
		rotate  int
		full    string // 区中央部
		empty   string // the cell right of 区南部
		heading string // ブロック名, merged: its first cell's place
	}{
		{"upright", 0, "p1@72,656", "p1@150,630", "p1@80,681"},
		{"turned a quarter", 90, "p1@186,72", "p1@212,150", "p1@161,80"},
	}
	for _, tt := range tests {
		s := newSketch(1)
		s.page = pdf.NewPage(1, a4Short, a4Long, 0, 0, tt.rotate)
		sampleTable(s)
		rows := Sheets([]*pdf.Page{s.page})[0].Rows
		for _, c := range []struct {
			i, j int
			want string
		}{{2, 1, tt.full}, {3, 2, tt.empty}, {1, 0, tt.heading}, {1, 1, tt.heading}} {
			if got := rows[c.i][c.j].Where; got != c.want {
				t.Errorf("%s: row %d column %d (%q) at %s, want %s", tt.name, c.i+1, c.j+1, rows[c.i][c.j].Text, got, c.want)
			}
		}
	}
}

// hatching returns n horizontal and n vertical lines 3 pt apart.
func hatching(n int) []pdf.Rule {
	var rules []pdf.Rule
	for i := range n {
		d := 3 * float64(i)
		rules = append(rules, pdf.Rule{X0: 0, Y0: d, X1: 3 * float64(n), Y1: d}, pdf.Rule{X0: d, Y0: 0, X1: d, Y1: 3 * float64(n)})
	}
	return rules
}

// TestFrames checks which rules frame a table.
func TestFrames(t *testing.T) {
	box := func(x0, y0, x1, y1 float64) []pdf.Rule {
		s := newSketch(1)
		s.rect(x0, y0, x1, y1)
		return s.page.Rules
	}
	join := func(sets ...[]pdf.Rule) []pdf.Rule {
		var out []pdf.Rule
		for _, s := range sets {
			out = append(out, s...)
		}
		return out
	}
	underline := []pdf.Rule{{X0: 60, Y0: 300, X1: 200, Y1: 300}}
	tests := []struct {
		name  string
		rules []pdf.Rule
		grids [][2]int // the grid lines of each frame: across, down
	}{
		{"no rules", nil, nil},
		{"an underline", underline, nil},
		{"a box", box(50, 50, 100, 100), [][2]int{{2, 2}}},
		{"a box and an underline inside it", join(box(50, 50, 300, 400), underline), [][2]int{{2, 2}}},
		{"two boxes one above the other", join(box(50, 50, 100, 100), box(50, 150, 100, 200)), [][2]int{{2, 2}, {2, 2}}},
		{"two boxes side by side", join(box(50, 50, 100, 100), box(150, 60, 200, 110)), [][2]int{{4, 4}}},
		{"two boxes that touch", join(box(50, 50, 100, 100), box(100, 50, 150, 100)), [][2]int{{3, 2}}},
		{"a box drawn twice a little off", join(box(50, 50, 100, 100), box(50.5, 50.5, 100.5, 100.5)), [][2]int{{2, 2}}},
		{"a hatching of 1100 by 1100 lines", hatching(1100), nil},
	}
	for _, tt := range tests {
		var got [][2]int
		for _, f := range frames(tt.rules) {
			xs, ys := gridLines(f)
			got = append(got, [2]int{len(xs), len(ys)})
		}
		if !reflect.DeepEqual(got, tt.grids) {
			t.Errorf("%s: frames of %v grid lines, want %v", tt.name, got, tt.grids)
		}
	}
}

// TestOpenCells reads a table whose top left corner has no borders, as a
// cross table often has: the corner is an empty cell, and a text in it
// is still read.
func TestOpenCells(t *testing.T) {
	s := newSketch(1)
	xs, ys := edges(50, 1, 60, 60, 60), edges(700, -1, 20, 20)
	s.line(xs[1], ys[0], xs[3], ys[0]) // the top, right of the corner
	s.line(xs[0], ys[1], xs[3], ys[1])
	s.line(xs[0], ys[2], xs[3], ys[2])
	s.line(xs[0], ys[1], xs[0], ys[2]) // the left, below the corner
	for _, x := range xs[1:] {
		s.line(x, ys[0], x, ys[2])
	}
	s.text(xs[0], ys[1], xs[1], ys[0], 8, left, "年度")
	s.text(xs[1], ys[1], xs[2], ys[0], 8, centred, "2016")
	s.text(xs[2], ys[1], xs[3], ys[0], 8, centred, "2017")
	s.text(xs[0], ys[2], xs[1], ys[1], 8, left, "区中央部")
	s.text(xs[1], ys[2], xs[2], ys[1], 8, centred, "○")
	want := [][]string{{"年度", "2016", "2017"}, {"区中央部", "○", ""}}
	if got := drawing(Sheets([]*pdf.Page{s.page})[0].Rows); !reflect.DeepEqual(got, want) {
		t.Errorf("read %q, want %q", got, want)
	}
}

// TestBoxes finds the box of every cell read by its place: a cell of a
// ruled table is the rectangle its rules enclose, a merged one all of it;
// the title above the table and the note beside it, their text.
func TestBoxes(t *testing.T) {
	s := newSketch(1)
	sampleTable(s)
	boxes := Boxes(s.page)
	for _, row := range Sheets([]*pdf.Page{s.page})[0].Rows {
		for _, c := range row {
			if _, ok := boxes[c.Where]; !ok {
				t.Errorf("%q at %s has no box", c.Text, c.Where)
			}
		}
	}
	tests := []struct {
		name, where string
		want        pdf.Box
	}{
		{"区中央部", "p1@72,656", pdf.Box{X0: 70, Y0: 650, X1: 150, Y1: 670}},
		{"the empty cell right of 区南部", "p1@150,630", pdf.Box{X0: 150, Y0: 630, X1: 210, Y1: 650}},
		{"ブロック名, merged across two columns", "p1@80,681", pdf.Box{X0: 50, Y0: 670, X1: 150, Y1: 700}},
	}
	for _, tt := range tests {
		if got := boxes[tt.where]; got != tt.want {
			t.Errorf("%s at %s: box %v, want %v", tt.name, tt.where, got, tt.want)
		}
	}
	for _, text := range []string{"各グループの取組状況（平成28年度）", "備考"} {
		for _, row := range Sheets([]*pdf.Page{s.page})[0].Rows {
			for _, c := range row {
				if b := boxes[c.Where]; c.Text == text && (b.X1-b.X0 < width(text, 8) || b.Y1-b.Y0 < 8) {
					t.Errorf("%s at %s: box %v does not hold its text", text, c.Where, b)
				}
			}
		}
	}
}
