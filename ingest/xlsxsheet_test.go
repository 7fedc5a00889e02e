package ingest

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestUnescapeOOXML(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"NCPR講習会", "NCPR講習会"},
		{"a_x000D_b", "a\rb"},
		{"_x000d__x000A_", "\r\n"},
		{"_x005F_x000D_", "_x000D_"}, // the escape of an escape
		{"_x005F_", "_"},
		{"_xD800_", ""}, // a surrogate is no character
		{"_x41_", "_x41_"},
		{"_x00G1_", "_x00G1_"},
		{"__x0041_", "_A"},
		{"_x0041", "_x0041"},
		{"x0041_", "x0041_"},
	}
	for _, tt := range tests {
		if got := string(unescapeOOXML(nil, []byte(tt.in))); got != tt.want {
			t.Errorf("unescapeOOXML(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseCellRef(t *testing.T) {
	tests := []struct {
		ref      string
		col, row int // 0: an error
	}{
		{"A1", 1, 1},
		{"b12", 2, 12},
		{"$C$3", 3, 3},
		{"AA10", 27, 10},
		{"XFD1048576", 16384, 1048576},
		{"XFE1", 0, 0},
		{"A1048577", 0, 0},
		{"A0", 0, 0},
		{"A", 0, 0},
		{"1", 0, 0},
		{"A1B", 0, 0},
		{"A+1", 0, 0},
		{"AAAAA1", 0, 0},
		{"", 0, 0},
	}
	for _, tt := range tests {
		col, row, err := parseCellRef(tt.ref)
		if tt.col == 0 {
			if err == nil {
				t.Errorf("parseCellRef(%q) = %d, %d; want an error", tt.ref, col, row)
			}
			continue
		}
		if err != nil || col != tt.col || row != tt.row {
			t.Errorf("parseCellRef(%q) = %d, %d, %v; want %d, %d", tt.ref, col, row, err, tt.col, tt.row)
		}
	}
}

// rng is a cellRange from its reference, for a test.
func rng(t *testing.T, ref string, order int) cellRange {
	t.Helper()
	a, b, _ := strings.Cut(ref, ":")
	c1, r1, err1 := parseCellRef(a)
	c2, r2, err2 := parseCellRef(b)
	if err1 != nil || err2 != nil {
		t.Fatalf("bad range %q", ref)
	}
	return cellRange{r1: r1, c1: c1, r2: r2, c2: c2, order: order}
}

// refs writes ranges as "A1:B2 C3:D4", in order.
func refs(rs []cellRange) string {
	var s []string
	for _, r := range rs {
		s = append(s, cellName(r.c1, r.r1)+":"+cellName(r.c2, r.r2))
	}
	return strings.Join(s, " ")
}

func cellName(col, row int) string { return string(appendColumn(nil, col)) + fmt.Sprint(row) }

func TestJoinOverlapping(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", ""},
		{"A1:B2", "A1:B2"},
		{"A1:B2 C1:D2 A3:D3", "A1:B2 C1:D2 A3:D3"},       // touching is not overlapping
		{"C3:D4 A1:B2 B2:C3", "A1:D4"},                   // joined in the place of the first
		{"A1:A1 A1:A1", "A1:A1"},                         // the same range twice
		{"A2:C2 B1:B3", "A1:C3"},                         // a cross
		{"E1:E2 A1:A1 B5:B5 A1:D1 D1:D5", "E1:E2 A1:D5"}, // a chain, and a range it comes to cover
		{"A1:A3 C1:C3 A3:C3 B4:B4", "A1:C3 B4:B4"},       // two joined by a third
		{"B1:B1 A2:C2 D1:D1", "B1:B1 A2:C2 D1:D1"},       // above a range, not on it
		{"A10:A10 A1:A9 B1:B1 A5:B5", "A10:A10 A1:B9"},   // a range that grows upwards
		{"F6:F6 A1:B2 E5:F6 B2:E5", "A1:F6"},             // joined ranges reach back up to one passed
		{"A1:B1 C1:D1 E1:F1 A1:F1 G2:G2", "A1:F1 G2:G2"}, // several open ranges at once
		{"XFD1048576:XFD1048576 A1:XFD1048576", "A1:XFD1048576"},
	}
	for _, tt := range tests {
		var in []cellRange
		for i, f := range strings.Fields(tt.in) {
			in = append(in, rng(t, f, i))
		}
		got, err := joinOverlapping(context.Background(), in)
		if err != nil || refs(got) != tt.want {
			t.Errorf("joinOverlapping(%s) = %s, %v; want %s", tt.in, refs(got), err, tt.want)
		}
	}
}

// naiveJoin joins overlapping ranges two at a time until none overlap:
// what joinOverlapping computes, the slow way.
func naiveJoin(rs []cellRange) []cellRange {
	rs = slices.Clone(rs)
	for joined := true; joined; {
		joined = false
		for i := 0; i < len(rs) && !joined; i++ {
			for j := i + 1; j < len(rs) && !joined; j++ {
				a, b := rs[i], rs[j]
				if a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2 {
					rs[i] = cellRange{r1: min(a.r1, b.r1), c1: min(a.c1, b.c1), r2: max(a.r2, b.r2), c2: max(a.c2, b.c2), order: min(a.order, b.order)}
					rs = slices.Delete(rs, j, j+1)
					joined = true
				}
			}
		}
	}
	slices.SortFunc(rs, func(a, b cellRange) int { return cmp.Compare(a.order, b.order) })
	return rs
}

func TestJoinOverlappingRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := range 2000 {
		size := 1 + n%40
		in := make([]cellRange, 1+r.IntN(30))
		for i := range in {
			r1, c1 := 1+r.IntN(size), 1+r.IntN(size)
			in[i] = cellRange{r1: r1, c1: c1, r2: r1 + r.IntN(4), c2: c1 + r.IntN(4), order: i}
		}
		got, err := joinOverlapping(context.Background(), in)
		if want := naiveJoin(in); err != nil || refs(got) != refs(want) {
			t.Fatalf("joinOverlapping(%s) = %s, %v; want %s", refs(in), refs(got), err, refs(want))
		}
	}
}

func TestColStyles(t *testing.T) {
	var cs colStyles
	if cs.at(1) != 0 {
		t.Errorf("no col elements: column 1 has format %d, want 0", cs.at(1))
	}
	for _, c := range []struct{ lo, hi, style int }{
		{3, 4, 2},
		{4, 6, 3},     // column 4 keeps 2
		{1, 2, 0},     // no format
		{1, 1, 5},     // column 1, whose col element above named none
		{0, 1, 9},     // nothing new
		{8, 20000, 7}, // to the last column
		{7, 5, 8},     // min past max
		{1, 16384, 6}, // what is left: 2 and 7
	} {
		cs.add(c.lo, c.hi, c.style)
	}
	want := map[int]int{1: 5, 2: 6, 3: 2, 4: 2, 5: 3, 6: 3, 7: 6, 8: 7, 16384: 7, 16385: 0}
	for col, style := range want {
		if got := cs.at(col); got != style {
			t.Errorf("column %d: format %d, want %d", col, got, style)
		}
	}
}

func TestArena(t *testing.T) {
	var a arena
	var got []string
	var want []string
	for i := range 20_000 {
		s := strings.Repeat(fmt.Sprint(i%10), 1+i%40)
		want = append(want, s)
		got = append(got, a.string([]byte(s)))
	}
	long := strings.Repeat("長", arenaChunk)
	want, got = append(want, long, ""), append(got, a.string([]byte(long)), a.string(nil))
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("string %d = %q, want %q", i, got[i], want[i])
		}
	}
}
