package desk

import (
	"reflect"
	"testing"

	"perinet/ingest/pdf"
)

// TestTextRuns sets glyphs as SVG text on a page 800 pt high: y turned to
// run down from the top, the baseline 0.12 em above the foot of the em
// square centred in the glyph's box; glyphs one after the other on a
// baseline as one element with an x for each character, a gap of a cell
// or another size a new one; text turned or written down a glyph at a
// time, centred on its box.
func TestTextRuns(t *testing.T) {
	at := func(text string, x, y, w float64) pdf.Glyph {
		return pdf.Glyph{Text: text, X: x, Y: y, W: w, H: 10, Size: 10}
	}
	tests := []struct {
		name   string
		glyphs []pdf.Glyph
		want   []textView
	}{
		{"one word", []pdf.Glyph{at("西", 100, 700, 10), at("多", 110, 700, 10), at("摩", 120, 700, 10)},
			[]textView{{Text: "西多摩", X: "100 110 120", Y: "98.8", Size: "10"}}},
		{"a space left out, its place kept", []pdf.Glyph{at("A", 100, 700, 5), at(" ", 105, 700, 3), at("B", 108, 700, 5)},
			[]textView{{Text: "AB", X: "100 108", Y: "98.8", Size: "10"}}},
		{"a ligature, its letters spread over its advance", []pdf.Glyph{at("fi", 100, 700, 6)},
			[]textView{{Text: "fi", X: "100 103", Y: "98.8", Size: "10"}}},
		{"the next cell, far right", []pdf.Glyph{at("○", 100, 700, 10), at("有", 200, 700, 10)},
			[]textView{{Text: "○", X: "100", Y: "98.8", Size: "10"}, {Text: "有", X: "200", Y: "98.8", Size: "10"}}},
		{"the next line", []pdf.Glyph{at("一", 100, 700, 10), at("二", 110, 688, 10)},
			[]textView{{Text: "一", X: "100", Y: "98.8", Size: "10"}, {Text: "二", X: "110", Y: "110.8", Size: "10"}}},
		{"a box taller than the em", []pdf.Glyph{{Text: "高", X: 100, Y: 700, W: 10, H: 14, Size: 10}},
			[]textView{{Text: "高", X: "100", Y: "96.8", Size: "10"}}},
		{"turned to read upwards", []pdf.Glyph{{Text: "計", X: 100, Y: 700, W: 10, H: 10, Size: 10, Rotation: 90}},
			[]textView{{Text: "計", X: "105", Y: "98.8", Size: "10", Centred: true, Transform: "rotate(-90 105 95)"}}},
		{"written down", []pdf.Glyph{{Text: "縦", X: 100, Y: 700, W: 10, H: 10, Size: 10, Vertical: true}},
			[]textView{{Text: "縦", X: "105", Y: "98.8", Size: "10", Centred: true}}},
		{"no text to show", []pdf.Glyph{{X: 100, Y: 700, W: 10, H: 10, Size: 10}}, nil},
	}
	for _, tt := range tests {
		if got := textRuns(tt.glyphs, 800); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tt.name, got, tt.want)
		}
	}
}

// TestDrawPage draws a page's rules and cells with y turned, the cells
// top to bottom and left to right, and cuts the view to what the page
// shows, a margin around it.
func TestDrawPage(t *testing.T) {
	p := pdf.NewPage(1, 600, 800, 0, 0, 0)
	p.Rules = []pdf.Rule{{X0: 50, Y0: 700, X1: 250, Y1: 700}, {X0: 50, Y0: 680, X1: 50, Y1: 700}}
	p.Glyphs = []pdf.Glyph{{Text: "表", X: 60, Y: 702, W: 10, H: 10, Size: 10}}
	v := drawPage(p, map[string]pdf.Box{
		"p1@150,680": {X0: 150, Y0: 680, X1: 250, Y1: 700},
		"p1@52,682":  {X0: 50, Y0: 680, X1: 150, Y1: 700},
		"p1@60,702":  {X0: 60, Y0: 702, X1: 70, Y1: 712},
	})
	if want := []ruleView{{"50", "100", "250", "100"}, {"50", "120", "50", "100"}}; !reflect.DeepEqual(v.Rules, want) {
		t.Errorf("rules %+v, want %+v", v.Rules, want)
	}
	want := []boxView{
		{Where: "p1@60,702", X: "60", Y: "88", W: "10", H: "10"},
		{Where: "p1@52,682", X: "50", Y: "100", W: "100", H: "20"},
		{Where: "p1@150,680", X: "150", Y: "100", W: "100", H: "20"},
	}
	if !reflect.DeepEqual(v.Cells, want) {
		t.Errorf("cells\n got %+v\nwant %+v", v.Cells, want)
	}
	if v.ViewBox != "38 76 224 56" || v.Width != "600" || v.Height != "800" {
		t.Errorf("view box %q of a page %s×%s, want 38 76 224 56 of 600×800", v.ViewBox, v.Width, v.Height)
	}
	for _, tt := range []struct {
		name  string
		shown pdf.Box
		want  string
	}{
		{"nothing shown: the whole page", pdf.Box{X0: 600, Y0: 800}, "0 0 600 800"},
		{"at the page's edges: cut there", pdf.Box{X0: 5, Y0: 5, X1: 595, Y1: 795}, "0 0 600 800"},
	} {
		if got := viewBox(tt.shown, 600, 800); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}
