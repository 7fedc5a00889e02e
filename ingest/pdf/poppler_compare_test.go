package pdf

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// comparedFiles returns the PDFs that are compared with poppler: the
// Japanese corpus and the fixtures. It skips when there are none.
func comparedFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, pattern := range []string{
		"../../../shared/corpus/pdf-ja/*.pdf",
		"../../fixtures/pdf/*/*.pdf",
	} {
		m, _ := filepath.Glob(pattern)
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Skip("no PDFs to compare")
	}
	return files
}

// maxWordOffset is how far, in points, each edge of a word's box may be
// from poppler's.
const maxWordOffset = 2.0

// wordDeviations are the files, by folder and name (or a whole folder),
// whose word places are known to differ from poppler's, and why. Their
// characters are compared all the same.
var wordDeviations = map[string]string{
	// Helvetica, one of the standard 14 fonts, is not embedded and has no
	// /Widths (allowed before PDF 1.5). Poppler takes its widths from
	// Adobe's metrics, a third-party file we do not ship; we take half
	// an em for every glyph, so the second word starts 3.5 pt off.
	"pdf-ja/pdfjs__90ms_rksj_h_sample.pdf": "standard font without /Widths",

	// Chromium draws bold text (the title) in Type 3 fonts whose
	// FontMatrix turns y over ([1/2048 0 0 -1/2048 0 0]) and whose
	// descriptor gives no ascent. Poppler's box of such a glyph is 2.6 em
	// tall (the title at 21.4–57.8 pt from the top); the ink, measured on
	// pdftoppm's rendering at 72 dpi, is at 35–47, inside our 35.4–50.8.
	// Cairo, Ghostscript and qpdf keep those fonts when they rewrite
	// Chromium's files.
	"chromium":                                  type3Title,
	"chromium-rules":                            type3Title,
	"chromium-bare":                             type3Title,
	"cairo/fy2016-form-08-tama.pdf":             type3Title,
	"cairo/fy2016-form-10-minamitama.pdf":       type3Title,
	"ghostscript/fy2016-form-03-kuseinanbu.pdf": type3Title,
	"ghostscript/fy2016-table-all.pdf":          type3Title,
	"qpdf/fy2016-form-01-kuchuobu.pdf":          type3Title,
}

// type3Title is why Chromium's files deviate.
const type3Title = "Chromium's Type 3 bold title: poppler's boxes 2.6 em tall, ours on the ink"

// TestAgainstPoppler compares the text of every page with pdftotext's:
// the code points as they are, after /ActualText and before any
// normalization (as multisets, white space left out), and the places of
// the words.
func TestAgainstPoppler(t *testing.T) {
	for _, path := range comparedFiles(t) {
		// Named after the folder too: the producers' folders of the
		// fixtures hold files of the same name.
		t.Run(filepath.Base(filepath.Dir(path))+"/"+filepath.Base(path), func(t *testing.T) {
			want := popplerPages(t, path)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			seen, err := Read(context.Background(), data, Limits{})
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			var got []*Page
			if err := pages(context.Background(), data, Limits{}, true, func(p *Page) { got = append(got, p) }); err != nil {
				t.Fatalf("read with hidden glyphs: %v", err)
			}
			if len(got) != len(want) || len(seen) != len(want) {
				t.Fatalf("%d pages, poppler %d", len(got), len(want))
			}
			for i := range got {
				comparePage(t, got[i], want[i])
				compareHidden(t, seen[i], got[i])
			}
		})
	}
}

// comparePage compares one page with poppler's.
func comparePage(t *testing.T, got *Page, want popplerPage) {
	t.Helper()
	var b strings.Builder
	for _, g := range got.Glyphs {
		b.WriteString(g.Text)
	}
	if a := multisetAgreement(popplerPageChars(want), charMultiset(b.String())); a < 1 {
		t.Errorf("p%d: characters agree %.2f%% with poppler's (want 100%%)\n ours:    %.300s\n poppler: %.300s",
			got.Number, 100*a, b.String(), popplerPageString(want))
	}
	off, worst := 0, popplerWord{}
	for _, w := range want.Words {
		if d := wordOffset(got, w); d > maxWordOffset {
			off++
			worst = w
		}
	}
	_, name, _ := strings.Cut(t.Name(), "/")
	reason, known := wordDeviations[name]
	if folder, _, _ := strings.Cut(name, "/"); !known {
		reason, known = wordDeviations[folder]
	}
	switch {
	case off > 0 && known:
		t.Logf("p%d: %d of %d words more than %g pt from poppler's, as expected (%s)", got.Number, off, len(want.Words), maxWordOffset, reason)
	case off == 0 && known:
		t.Errorf("p%d: every word where poppler has it: take the file out of wordDeviations", got.Number)
	case off > 0:
		t.Errorf("p%d: %d of %d words more than %g pt from poppler's, e.g. %q at %.1f,%.1f–%.1f,%.1f",
			got.Number, off, len(want.Words), maxWordOffset, worst.Text, worst.XMin, worst.YMin, worst.XMax, worst.YMax)
	}
}

// compareHidden checks what seeing leaves out of a page read with the
// glyphs that cannot be seen, the characters poppler prints and a reader
// of the page does not see: only glyphs, never one that is seen. It says
// how many.
func compareHidden(t *testing.T, seen, all *Page) {
	t.Helper()
	var s, a strings.Builder
	for _, g := range seen.Glyphs {
		s.WriteString(g.Text)
	}
	for _, g := range all.Glyphs {
		a.WriteString(g.Text)
	}
	sm, am := charMultiset(s.String()), charMultiset(a.String())
	hidden := 0
	for r, n := range sm {
		if n > am[r] {
			t.Errorf("p%d: %q read %d times, but only %d glyphs of it drawn", seen.Number, r, n, am[r])
		}
	}
	for r, n := range am {
		hidden += n - min(n, sm[r])
	}
	if hidden > 0 {
		t.Logf("p%d: %d of the %d characters poppler prints cannot be seen (clipped away or invisible), and are not read", seen.Number, hidden, len(all.Glyphs))
	}
}

// wordOffset returns how far the box of our glyphs of a poppler word is
// from poppler's box: the larger difference of its left and right edges,
// or of its top or bottom edge, whichever is closer (the other edge
// depends on the ascent and descent each reader takes for the font). Our
// glyphs of the word are those whose box is inside poppler's, give or
// take maxWordOffset; with none, the offset is infinite.
//
// Poppler's boxes of vertical text are not where the glyphs are drawn:
// it puts a glyph's box half an em to the right of and one em above the
// glyph (measured on the rendering of pdfjs__vertical.pdf: the ink of
// あいうえお is at x 230–236, as our box 229.3–238.5 says, where
// poppler's word box is 233.9–243.1). Our vertical boxes are moved the
// same way before they are compared.
func wordOffset(p *Page, w popplerWord) float64 {
	top, bottom := p.Height-w.YMin, p.Height-w.YMax // poppler's y runs down
	const s = maxWordOffset
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, g := range p.Glyphs {
		gx, gy := g.X, g.Y
		if g.Vertical {
			gx, gy = gx+g.Size/2, gy+g.Size
		}
		if strings.TrimSpace(g.Text) == "" || gx < w.XMin-s || gx+g.W > w.XMax+s || gy < bottom-s || gy+g.H > top+s {
			continue
		}
		x0, y0, x1, y1 = min(x0, gx), min(y0, gy), max(x1, gx+g.W), max(y1, gy+g.H)
	}
	if math.IsInf(x0, 1) {
		return math.Inf(1)
	}
	return max(math.Abs(x0-w.XMin), math.Abs(x1-w.XMax), min(math.Abs(y0-bottom), math.Abs(y1-top)))
}
