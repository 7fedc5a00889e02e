package ingest

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"perinet"
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

// TestPDFLimits: a PDF past a limit gets the problem too_large, with a
// message in Japanese, and only that; and when File returns, nothing of
// the read is still running: no goroutine is left behind to go on reading
// a page that would take seconds.
func TestPDFLimits(t *testing.T) {
	form := filepath.Join("..", "fixtures", "pdf", "chromium", "fy2016-form-01-kuchuobu.pdf")
	slow := filepath.Join(t.TempDir(), "slow.pdf")
	if err := os.WriteFile(slow, slowPDF(t), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path string
		lim        Limits
		message    string // in the problem's message
	}{
		{"decodes past MaxDecoded", form, Limits{MaxDecoded: 64 << 10}, "展開後の合計の上限は64.0 KiB"},
		{"past the time limit", slow, Limits{Timeout: 20 * time.Millisecond, MaxDecoded: 1 << 40}, "時間がかかりすぎた"},
	}
	for _, tt := range tests {
		goroutines := runtime.NumGoroutine()
		g, probs := File(tt.path, tt.lim)
		if n := runtime.NumGoroutine(); n > goroutines {
			t.Errorf("%s: %d goroutines after File returned, %d before: the reader goes on", tt.name, n, goroutines)
		}
		if len(probs) != 1 || probs[0].Code != perinet.TooLarge || !strings.Contains(probs[0].Message, tt.message) {
			t.Errorf("%s: problems %+v, want one too_large saying %q", tt.name, probs, tt.message)
		}
		if g.Format != "pdf" {
			t.Errorf("%s: format %q, want pdf", tt.name, g.Format)
		}
	}
}

// slowPDF returns a PDF of one page whose content, "q Q" ten million
// times (40 MB, compressed to 38 KiB), takes the reader seconds.
func slowPDF(t *testing.T) []byte {
	t.Helper()
	var content bytes.Buffer
	zw := zlib.NewWriter(&content)
	ops := bytes.Repeat([]byte("q Q\n"), 1<<10)
	for range 10_000_000 >> 10 {
		zw.Write(ops)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	var offs []int
	obj := func(body string) {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offs), body)
	}
	b.WriteString("%PDF-1.7\n")
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Contents 4 0 R >>")
	obj(fmt.Sprintf("<< /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream", content.Len(), content.Bytes()))
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, off := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, xref)
	return b.Bytes()
}
