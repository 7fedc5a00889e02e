package ingest

import (
	"errors"
	"strings"
	"testing"

	"perinet/ingest/pdf"
)

// TestPageProblems: what a PDF's pages say about themselves becomes
// problems with their page.
func TestPageProblems(t *testing.T) {
	text := func(n int, s string) *pdf.Page {
		p := pdf.NewPage(n, 600, 800, 0, 0, 0)
		p.Glyphs = []pdf.Glyph{{Text: s}}
		return p
	}
	damaged := text(2, "区")
	damaged.Err = errors.New("stream: zlib: invalid header")
	unmapped := text(1, "")
	unmapped.Unmapped = []string{"ABCDEE+MS-Gothic"}
	tests := []struct {
		name  string
		pages []*pdf.Page
		want  string // codes and places
	}{
		{"text", []*pdf.Page{text(1, "区中央部")}, ""},
		{"no pages", nil, "no_text_layer@form.pdf"},
		{"a scan", []*pdf.Page{text(1, " ")}, "no_text_layer@form.pdf"},
		{"a damaged page", []*pdf.Page{text(1, "区"), damaged}, "unreadable_file@p2"},
		{"a font without text", []*pdf.Page{unmapped, text(2, "区")}, "no_text_layer@p1"},
	}
	for _, tt := range tests {
		var got []string
		c := pageCheck{name: "form.pdf"}
		for _, p := range tt.pages {
			c.add(p)
		}
		for _, p := range c.problems() {
			got = append(got, string(p.Code)+"@"+p.Where)
			if p.Code == "no_text_layer" && p.Where == "p1" && !strings.Contains(p.Message, "ABCDEE+MS-Gothic") {
				t.Errorf("%s: the message does not name the font: %s", tt.name, p.Message)
			}
		}
		if g := strings.Join(got, ","); g != tt.want {
			t.Errorf("%s: problems %q, want %q", tt.name, g, tt.want)
		}
	}
}
