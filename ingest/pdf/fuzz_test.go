package pdf

import "testing"

// FuzzContent runs the content-stream interpreter on any bytes, with a
// font and two forms that draw each other: it must not panic or hang, and
// what it finds must be on the page.
func FuzzContent(f *testing.F) {
	for _, s := range []string{
		"BT /F1 10 Tf 72 700 Td (AB) Tj [(C) -200 <4445>] TJ T* (E) ' 1 2 (F) \" ET",
		"q 2 0 0 2 10 10 cm 0 0 m 100 0 l S 10 10 50 0.5 re f Q /Fm1 Do",
		"BI /W 1 /H 1 ID \x00\xffEI <</A [1 2 (x)]>> BDC EMC",
		"[[[[(x)]]]] ) > } { 1.2.3 -- .5 /N",
		"BT /F1 12 Tf 0 1 -1 0 300 400 Tm 3 Tr 50 Tz 2 Ts (rotated) Tj ET",
		"BT /F1 10 Tf 72 700 Td /Span <</ActualText <feff6708>>> BDC (x) Tj EMC /Span /P1 BDC (yz) Tj EMC ET",
		"/P <</MCID 0>> BDC q /Span <</ActualText (Z) /Alt [(a) <</B 1>>]>> BDC BT /F1 9 Tf (xy) Tj ET Q EMC EMC EMC /Fm1 Do",
		"q 70 690 8 20 re W n q 0 0 m 100 0 50 80 c h W* n BT /F1 10 Tf 72 700 Td 7 Tr (AB) Tj 0 Tr (C) Tj ET Q Q",
		"q W n W* f 1 0 0 -1 0 800 cm 10 10 5 5 re W n /Fm1 Do Q",
	} {
		f.Add([]byte(s))
	}
	res := testResources{fonts: map[string]*font{"F1": testFont()}, forms: map[string]form{}, props: map[string]operand{"P1": actualTextProps("月")}}
	res.forms["Fm1"] = form{id: 1, content: []byte("/Fm2 Do BT /F1 8 Tf (x) Tj ET"), matrix: translate(5, 5), bbox: &Box{0, 0, 50, 50}, res: res}
	res.forms["Fm2"] = form{id: 2, content: []byte("/Fm1 Do 0 0 m 0 9 l S"), matrix: identity, res: res}
	f.Fuzz(func(t *testing.T, content []byte) {
		p := NewPage(1, 600, 800, 0, 0, 0)
		in := newInterp(testBudget(), p, identity, 10_000)
		if err := in.run(content, res); err != nil && err != errGlyphBudget {
			t.Fatalf("run: %v", err)
		}
		for _, g := range p.Glyphs {
			if g.X > p.Width || g.Y > p.Height || g.X+g.W < 0 || g.Y+g.H < 0 {
				t.Fatalf("glyph off the page: %+v", g)
			}
			if v := g.box().intersect(g.Clip); g.Clip != (Box{}) && (v.X0 > v.X1 || v.Y0 > v.Y1) {
				t.Fatalf("glyph outside its clip: %+v", g)
			}
		}
		for _, r := range p.Rules {
			if r.X0 > r.X1 || r.Y0 > r.Y1 || (r.X0 != r.X1 && r.Y0 != r.Y1) {
				t.Fatalf("rule neither horizontal nor vertical: %+v", r)
			}
		}
	})
}
