package pdf

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
)

// testResources are made-up resources: fonts and forms by name.
type testResources struct {
	fonts map[string]*font
	forms map[string]form
	props map[string]operand
}

func (r testResources) font(name string) *font { return r.fonts[name] }

func (r testResources) form(name string) (form, bool) {
	f, ok := r.forms[name]
	return f, ok
}

func (r testResources) properties(name string) (operand, bool) {
	p, ok := r.props[name]
	return p, ok
}

// actualTextProps returns the property list << /ActualText (text) >>.
func actualTextProps(text string) operand {
	return operand{kind: opDict, arr: []operand{{kind: opName, str: []byte("ActualText")}, {kind: opString, str: []byte(text)}}}
}

// testFont returns a simple font whose every code is its ASCII character,
// half an em wide, with ascent 0.8 and descent -0.2.
func testFont() *font {
	s := &simpleFont{}
	for c := range s.text {
		s.width[c] = 0.5
		if c >= 32 && c < 127 {
			s.text[c] = string(rune(c))
		}
	}
	return &font{name: "Test", simple: s, ascent: 0.8, descent: -0.2}
}

// testBudget returns the budget of a file read without a deadline, within
// the default limits.
func testBudget() *budget {
	return newBudget(context.Background(), DefaultLimits().MaxDecoded)
}

// runPage interprets content on a 600 × 800 page and returns the page.
func runPage(t testing.TB, content string, res testResources) *Page {
	t.Helper()
	p := NewPage(1, 600, 800, 0, 0, 0)
	in := newInterp(testBudget(), p, identity, 1000)
	if err := in.run([]byte(content), res); err != nil {
		t.Fatalf("run: %v", err)
	}
	return p
}

// glyphString writes glyphs as "A@72,698" (lower left, rounded).
func glyphString(gs []Glyph) string {
	var parts []string
	for _, g := range gs {
		parts = append(parts, fmt.Sprintf("%s@%g,%g", g.Text, math.Round(g.X*10)/10, math.Round(g.Y*10)/10))
	}
	return strings.Join(parts, " ")
}

func TestShowText(t *testing.T) {
	res := testResources{fonts: map[string]*font{"F1": testFont()}, props: map[string]operand{"P1": actualTextProps("Z")}}
	tests := []struct {
		name, content, want string
	}{
		{"Tj", "BT /F1 10 Tf 72 700 Td (AB) Tj ET", "A@72,698 B@77,698"},
		{"TJ kerning", "BT /F1 10 Tf 72 700 Td [(A) -500 (B)] TJ ET", "A@72,698 B@82,698"},
		{"char spacing", "BT /F1 10 Tf 1 Tc 72 700 Td (AB) Tj ET", "A@72,698 B@78,698"},
		{"word spacing on space only", "BT /F1 10 Tf 3 Tw 72 700 Td (A B) Tj ET", "A@72,698  @77,698 B@85,698"},
		{"horizontal scaling", "BT /F1 10 Tf 50 Tz 72 700 Td (AB) Tj ET", "A@72,698 B@74.5,698"},
		{"rise", "BT /F1 10 Tf 5 Ts 72 700 Td (A) Tj ET", "A@72,703"},
		{"Tm", "BT /F1 1 Tf 10 0 0 10 100 500 Tm (A) Tj ET", "A@100,498"},
		{"cm scales", "1 0 0 1 50 50 cm BT /F1 10 Tf 10 10 Td (A) Tj ET", "A@60,58"},
		{"q Q restores", "q 1 0 0 1 50 50 cm Q BT /F1 10 Tf 10 10 Td (A) Tj ET", "A@10,8"},
		{"T* and TL", "BT /F1 10 Tf 12 TL 72 700 Td (A) Tj T* (B) Tj ET", "A@72,698 B@72,686"},
		{"TD sets leading", "BT /F1 10 Tf 72 700 Td 0 -14 TD (A) Tj T* (B) Tj ET", "A@72,684 B@72,670"},
		{"quote", "BT /F1 10 Tf 12 TL 72 700 Td (A) Tj (B) ' ET", "A@72,698 B@72,686"},
		{"double quote", "BT /F1 10 Tf 12 TL 72 700 Td (A) Tj 0 2 (BC) \" ET", "A@72,698 B@72,686 C@79,686"},
		{"escapes", `BT /F1 10 Tf 72 700 Td (\101\(\)) Tj ET`, "A@72,698 (@77,698 )@82,698"},
		{"hex string", "BT /F1 10 Tf 72 700 Td <4142> Tj ET", "A@72,698 B@77,698"},
		{"off the page", "BT /F1 10 Tf -100 700 Td (A) Tj ET", ""},
		{"no font", "BT 72 700 Td (A) Tj ET", ""},
		{"unknown font", "BT /F9 10 Tf 72 700 Td (A) Tj ET", ""},
		{"inline image skipped", "BI /W 1 /H 1 ID \x00\xff(EI) EI BT /F1 10 Tf 72 700 Td (A) Tj ET", "A@72,698"},
		{"comments and junk", "% c\n) } BT /F1 10 Tf 72 700 Td (A) Tj ET", "A@72,698"},

		// What cannot be seen is not read.
		{"invisible 3 Tr", "BT /F1 10 Tf 72 700 Td 3 Tr (A) Tj 0 Tr (B) Tj ET", "B@77,698"},
		{"clip and invisible 7 Tr", "BT /F1 10 Tf 72 700 Td 7 Tr (A) Tj 2 Tr (B) Tj ET", "B@77,698"},
		{"clipped by a rectangle", "q 70 690 8 20 re W n BT /F1 10 Tf 72 700 Td (AB) Tj ET Q", "A@72,698"},
		{"clipped by a path, even-odd", "q 70 690 m 78 690 l 78 710 l 70 710 l h W* n BT /F1 10 Tf 72 700 Td (AB) Tj ET Q", "A@72,698"},
		{"clipped by a curve's box", "q 70 690 m 74 720 78 720 78 690 c h W n BT /F1 10 Tf 72 700 Td (AB) Tj ET Q", "A@72,698"},
		{"clip painted too", "q 70 690 8 20 re W f BT /F1 10 Tf 72 700 Td (AB) Tj ET Q", "A@72,698"},
		{"clip restored by Q", "q 0 0 10 10 re W n Q BT /F1 10 Tf 72 700 Td (A) Tj ET", "A@72,698"},
		{"clips intersect", "q 0 0 80 800 re W n 75 0 100 800 re W n BT /F1 10 Tf 70 700 Td (ABCD) Tj ET Q", "B@75,698"},
		{"clip in user space", "q 2 0 0 2 0 0 cm 35 345 4 10 re W n 0.5 0 0 0.5 0 0 cm BT /F1 10 Tf 72 700 Td (AB) Tj ET Q", "A@72,698"},
		{"W without a path", "q W n BT /F1 10 Tf 72 700 Td (A) Tj ET Q", "A@72,698"},

		// /ActualText stands for the glyphs it spans.
		{"actual text", "BT /F1 10 Tf 72 700 Td /Span <</ActualText <feff6708>>> BDC (x) Tj EMC (B) Tj ET", "月@72,698 B@77,698"},
		{"actual text over glyphs", "BT /F1 10 Tf 72 700 Td /Span <</ActualText (Z)>> BDC (xy) Tj EMC (B) Tj ET", "Z@72,698 B@82,698"},
		{"actual text UTF-8", "BT /F1 10 Tf 72 700 Td /Span <</ActualText <efbbbfe69c88>>> BDC (x) Tj EMC ET", "月@72,698"},
		{"empty actual text", "BT /F1 10 Tf 72 700 Td /Span <</ActualText ()>> BDC (xy) Tj EMC (B) Tj ET", "B@82,698"},
		{"actual text without glyphs", "/Span <</ActualText (Z)>> BDC 0 0 m 1 1 l S EMC BT /F1 10 Tf 72 700 Td (B) Tj ET", "B@72,698"},
		{"named property list", "BT /F1 10 Tf 72 700 Td /Span /P1 BDC (x) Tj EMC ET", "Z@72,698"},
		{"unknown property list", "BT /F1 10 Tf 72 700 Td /Span /P9 BDC (x) Tj EMC ET", "x@72,698"},
		{"outermost actual text stands", "BT /F1 10 Tf 72 700 Td /Span <</ActualText (Q)>> BDC /Span <</ActualText (R)>> BDC (x) Tj EMC (y) Tj EMC ET", "Q@72,698"},
		{"other marked content", "BT /F1 10 Tf 72 700 Td /Artifact BMC /P <</MCID 0>> BDC /Span <</ActualText (Q)>> BDC (x) Tj EMC (A) Tj EMC EMC (B) Tj ET", "Q@72,698 A@77,698 B@82,698"},
		{"actual text left open", "BT /F1 10 Tf 72 700 Td /Span <</ActualText (Q)>> BDC (xy) Tj ET", "Q@72,698"},
		{"stray EMC", "EMC BT /F1 10 Tf 72 700 Td (A) Tj ET EMC", "A@72,698"},
		{"actual text of invisible glyphs", "BT /F1 10 Tf 72 700 Td 3 Tr /Span <</ActualText (Q)>> BDC (x) Tj EMC ET", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := glyphString(runPage(t, tt.content, res).Glyphs); got != tt.want {
				t.Errorf("%s:\n got %s\nwant %s", tt.content, got, tt.want)
			}
		})
	}
}

func TestGlyphBox(t *testing.T) {
	res := testResources{fonts: map[string]*font{"F1": testFont()}}
	g := runPage(t, "BT /F1 10 Tf 72 700 Td (A) Tj ET", res).Glyphs[0]
	if g.X != 72 || g.Y != 698 || g.W != 5 || g.H != 10 || g.Size != 10 {
		t.Errorf("glyph box = %+v, want 72,698 5×10 size 10", g)
	}
}

func TestRules(t *testing.T) {
	tests := []struct {
		name, content string
		want          []Rule
	}{
		{"stroked line", "10 20 m 110 20 l S", []Rule{{10, 20, 110, 20}}},
		{"vertical line", "10 20 m 10 120 l S", []Rule{{10, 20, 10, 120}}},
		{"diagonal is no rule", "10 20 m 110 120 l S", nil},
		{"curve is no rule", "10 20 m 50 50 60 60 110 20 c S", nil},
		{"stroked rectangle", "10 20 100 50 re S", []Rule{{10, 20, 110, 20}, {110, 20, 110, 70}, {10, 70, 110, 70}, {10, 20, 10, 70}}},
		{"thin filled bar", "10 20 100 0.5 re f", []Rule{{10, 20.25, 110, 20.25}}},
		{"thin filled column", "10 20 1 100 re f", []Rule{{10.5, 20, 10.5, 120}}},
		{"filled area is no rule", "10 20 100 50 re f", nil},
		{"path ended without painting", "10 20 m 110 20 l n", nil},
		{"closed stroke", "10 20 m 110 20 l 110 70 l s", []Rule{{10, 20, 110, 20}, {110, 20, 110, 70}}},
		{"transformed", "2 0 0 2 5 5 cm 10 20 m 110 20 l S", []Rule{{25, 45, 225, 45}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runPage(t, tt.content, testResources{}).Rules
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("%s:\n got %v\nwant %v", tt.content, got, tt.want)
			}
		})
	}
}

func TestClipBox(t *testing.T) {
	res := testResources{fonts: map[string]*font{"F1": testFont()}}
	p := runPage(t, "BT /F1 10 Tf 72 700 Td (A) Tj ET q 70 690 20 14 re W n BT /F1 10 Tf 72 700 Td (B) Tj ET Q", res)
	if len(p.Glyphs) != 2 {
		t.Fatalf("glyphs %s", glyphString(p.Glyphs))
	}
	if c := p.Glyphs[0].Clip; c != (Box{}) {
		t.Errorf("unclipped glyph: Clip %+v, want the zero Box", c)
	}
	if v := p.Glyphs[0].Visible(); v != (Box{72, 698, 77, 708}) {
		t.Errorf("unclipped glyph: Visible %+v", v)
	}
	if c := p.Glyphs[1].Clip; c != (Box{70, 690, 90, 704}) {
		t.Errorf("clipped glyph: Clip %+v, want 70,690–90,704", c)
	}
	if v := p.Glyphs[1].Visible(); v != (Box{72, 698, 77, 704}) {
		t.Errorf("clipped glyph: Visible %+v, want 72,698–77,704", v)
	}
}

func TestForms(t *testing.T) {
	res := testResources{fonts: map[string]*font{"F1": testFont()}, forms: map[string]form{}}
	res.forms["Fm1"] = form{id: 7, content: []byte("BT /F1 10 Tf 0 0 Td (A) Tj ET /Fm1 Do"), matrix: translate(100, 100), res: res}
	res.forms["Fm2"] = form{id: 8, content: []byte("/Fm1 Do"), matrix: translate(10, 0), res: res}
	got := glyphString(runPage(t, "/Fm2 Do q 1 0 0 1 50 50 cm /Fm1 Do Q BT /F1 10 Tf 1 1 Td (B) Tj ET", res).Glyphs)
	if want := "A@110,98 A@150,148 B@1,-1"; got != want {
		t.Errorf("forms: got %s, want %s", got, want)
	}
	// A form's /BBox clips what it draws, in its own space.
	res.forms["Fm3"] = form{id: 9, content: []byte("BT /F1 10 Tf 0 0 Td (AB) Tj ET"), matrix: translate(100, 100), bbox: &Box{0, -5, 6, 10}, res: res}
	res.forms["Fm4"] = form{id: 10, content: []byte("/Span <</ActualText (Z)>> BDC BT /F1 10 Tf 0 0 Td (x) Tj ET"), matrix: identity, res: res}
	got = glyphString(runPage(t, "/Fm3 Do /Fm4 Do BT /F1 10 Tf 1 1 Td (B) Tj ET", res).Glyphs)
	if want := "A@100,98 Z@0,-2 B@1,-1"; got != want {
		t.Errorf("form BBox and a sequence left open in a form: got %s, want %s", got, want)
	}
}

func TestUnmappedFont(t *testing.T) {
	f := testFont()
	f.simple.text['A'] = ""
	p := runPage(t, "BT /F1 10 Tf 72 700 Td (AB) Tj ET", testResources{fonts: map[string]*font{"F1": f}})
	if len(p.Glyphs) != 2 || p.Glyphs[0].Text != "" || fmt.Sprint(p.Unmapped) != "[Test]" {
		t.Errorf("unmapped: glyphs %v, Unmapped %v", glyphString(p.Glyphs), p.Unmapped)
	}
}

func TestGlyphBudget(t *testing.T) {
	p := NewPage(1, 600, 800, 0, 0, 0)
	in := newInterp(testBudget(), p, identity, 3)
	err := in.run([]byte("BT /F1 10 Tf 72 700 Td (ABCDEF) Tj ET"), testResources{fonts: map[string]*font{"F1": testFont()}})
	if err != errGlyphBudget || len(p.Glyphs) != 3 {
		t.Errorf("budget: err %v, %d glyphs", err, len(p.Glyphs))
	}
}

func TestUserPoint(t *testing.T) {
	tests := []struct {
		rotate       int
		x, y, ux, uy float64
	}{
		{0, 10, 20, 10 + 5, 20 + 7},
		{90, 10, 20, 5 + 800 - 20, 7 + 10},
		{180, 10, 20, 5 + 600 - 10, 7 + 800 - 20},
		{270, 10, 20, 5 + 20, 7 + 600 - 10},
	}
	for _, tt := range tests {
		p := NewPage(1, 600, 800, 5, 7, tt.rotate)
		if ux, uy := p.UserPoint(tt.x, tt.y); ux != tt.ux || uy != tt.uy {
			t.Errorf("rotate %d: UserPoint(%g, %g) = %g, %g, want %g, %g", tt.rotate, tt.x, tt.y, ux, uy, tt.ux, tt.uy)
		}
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{
		{"12", 12}, {"-3", -3}, {"+4", 4}, {".5", 0.5}, {"-.5", -0.5}, {"3.", 3}, {"--2", -2}, {"1.2.3", 1.2}, {"-", 0}, {"abc", 0},
	}
	for _, tt := range tests {
		if got := parseNumber([]byte(tt.in)); got != tt.want {
			t.Errorf("parseNumber(%q) = %g, want %g", tt.in, got, tt.want)
		}
	}
}

func TestWithoutVariation(t *testing.T) {
	for in, want := range map[string]string{"逢\U000E0100": "逢", "葛\uFE00": "葛", "日本": "日本", "": ""} {
		if got := withoutVariation(in); got != want {
			t.Errorf("withoutVariation(%q) = %q, want %q", in, got, want)
		}
	}
}
