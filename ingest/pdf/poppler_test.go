package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"maps"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
)

// The reference extractor: poppler's pdftotext, whose words and boxes the
// reader's pages are compared with. pdftotext prints them with -bbox as
// XHTML:
//
//	<doc>
//	  <page width="595.303937" height="841.889764">
//	    <word xMin="201.601000" yMin="72.787864" xMax="332.535000" yMax="82.800464">取組状況</word>
//	  </page>
//	</doc>
//
// Its coordinates are points from the page's top left corner, y downwards.

// popplerTimeout is how long one pdftotext run may take.
const popplerTimeout = 2 * time.Minute

// A popplerPage is one page as pdftotext -bbox prints it.
type popplerPage struct {
	Width, Height float64 // the page's size in points, after /Rotate
	Words         []popplerWord
}

// A popplerWord is one word of a page: its text and its box, in points
// from the page's top left corner (y grows downwards).
type popplerWord struct {
	Text                   string
	XMin, YMin, XMax, YMax float64
}

// popplerPages runs pdftotext -bbox on the PDF at path and returns its
// pages, in order. It skips the test when pdftotext is not installed, and
// fails it when pdftotext cannot be started or runs past popplerTimeout.
// A pdftotext that exits with an error still has its output parsed and
// returned (logged with its message), for the caller to judge: a file
// pdftotext cannot open at all, such as one that needs a password, gives
// no pages and no failure.
func popplerPages(t testing.TB, path string) []popplerPage {
	t.Helper()
	exe, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	ctx, cancel := context.WithTimeout(t.Context(), popplerTimeout)
	defer cancel()
	var stdout bytes.Buffer
	stderr := &popplerStderr{max: 4096}
	cmd := exec.CommandContext(ctx, exe, "-bbox", path, "-")
	cmd.Stdout, cmd.Stderr = &stdout, stderr
	err = cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("pdftotext -bbox %s: no answer within %v", path, popplerTimeout)
	}
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		t.Logf("pdftotext -bbox %s: %v: %s", path, err, popplerFirstLine(stderr.buf.String()))
	case err != nil:
		t.Fatalf("pdftotext -bbox %s: %v", path, err)
	}
	pages, err := parsePopplerBBox(stdout.Bytes())
	if err != nil {
		t.Fatalf("pdftotext -bbox %s: %v", path, err)
	}
	return pages
}

// A popplerStderr keeps the first max bytes written to it and drops the
// rest: pdftotext may print a line of complaint for every broken object.
type popplerStderr struct {
	buf bytes.Buffer
	max int
}

func (w *popplerStderr) Write(p []byte) (int, error) {
	if room := w.max - w.buf.Len(); room > 0 {
		w.buf.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

// popplerFirstLine returns the first line of s, for a short log message.
func popplerFirstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}

// parsePopplerBBox reads the XHTML pdftotext -bbox prints: a page for each
// <page>, a word for each <word> in it, with the entities of attribute
// values and texts resolved. It is written by hand rather than with
// encoding/xml because pdftotext passes on what a broken font maps to,
// control characters and invalid UTF-8 included, which XML forbids. A
// word cut off by the end of the output (pdftotext stopped midway) is
// dropped; a word outside any page, or a number that does not parse, is
// an error.
func parsePopplerBBox(out []byte) ([]popplerPage, error) {
	var pages []popplerPage
	s := string(out)
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			return pages, nil
		}
		s = s[i+1:]
		end := strings.IndexByte(s, '>')
		if end < 0 {
			return pages, nil // a tag cut off at the end
		}
		tag := s[:end]
		s = s[end+1:]
		name, attrs, _ := strings.Cut(tag, " ")
		switch name {
		case "page":
			var p popplerPage
			if err := popplerAttrs(attrs, map[string]*float64{"width": &p.Width, "height": &p.Height}); err != nil {
				return pages, fmt.Errorf("page %d: %w", len(pages)+1, err)
			}
			pages = append(pages, p)
		case "word":
			if len(pages) == 0 {
				return pages, errors.New("a <word> before the first <page>")
			}
			var w popplerWord
			err := popplerAttrs(attrs, map[string]*float64{"xMin": &w.XMin, "yMin": &w.YMin, "xMax": &w.XMax, "yMax": &w.YMax})
			if err != nil {
				return pages, fmt.Errorf("page %d, word %d: %w", len(pages), len(pages[len(pages)-1].Words)+1, err)
			}
			text, rest, ok := strings.Cut(s, "</word>")
			if !ok {
				return pages, nil // the output ends inside the word
			}
			w.Text, s = html.UnescapeString(text), rest
			p := &pages[len(pages)-1]
			p.Words = append(p.Words, w)
		}
	}
}

// popplerAttrs reads the attributes of a tag (`width="595.3" height="841.9"`)
// into the numbers of want, by name, and requires each of them.
func popplerAttrs(attrs string, want map[string]*float64) error {
	seen := map[string]bool{}
	for {
		attrs = strings.TrimLeft(attrs, " \t\r\n/")
		if attrs == "" {
			break
		}
		key, rest, ok := strings.Cut(attrs, `="`)
		if !ok {
			return fmt.Errorf("attributes %q: not key=\"value\"", attrs)
		}
		value, rest, ok := strings.Cut(rest, `"`)
		if !ok {
			return fmt.Errorf("attribute %s: value not closed", key)
		}
		attrs = rest
		dst, ok := want[key]
		if !ok {
			continue
		}
		v, err := strconv.ParseFloat(html.UnescapeString(value), 64)
		if err != nil {
			return fmt.Errorf("attribute %s: %w", key, err)
		}
		*dst = v
		seen[key] = true
	}
	for _, key := range slices.Sorted(maps.Keys(want)) {
		if !seen[key] {
			return fmt.Errorf("no attribute %s", key)
		}
	}
	return nil
}

// popplerText runs plain pdftotext on the PDF at path and returns the text
// of each page, as the form feeds that end pages divide it; nil when
// pdftotext fails. It is the same extractor without -bbox, against which
// the parsed words are checked.
func popplerText(t testing.TB, path string) []string {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), popplerTimeout)
	defer cancel()
	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, "pdftotext", path, "-")
	cmd.Stdout = &out // and its complaints to nowhere
	if err := cmd.Run(); err != nil {
		return nil
	}
	pages := strings.Split(out.String(), "\f")
	return pages[:len(pages)-1] // the text after the last page's form feed
}

// pdfinfoPages returns the number of pages poppler's pdfinfo gives for the
// PDF at path, and false when pdfinfo fails or gives none (a file it
// cannot open).
func pdfinfoPages(t testing.TB, path string) (int, bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), popplerTimeout)
	defer cancel()
	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, "pdfinfo", path)
	cmd.Stdout = &out
	if err := cmd.Run(); err != nil {
		return 0, false
	}
	for line := range strings.Lines(out.String()) {
		if rest, ok := strings.CutPrefix(line, "Pages:"); ok {
			n, err := strconv.Atoi(strings.TrimSpace(rest))
			return n, err == nil
		}
	}
	return 0, false
}

// charMultiset returns how many times each code point other than white
// space occurs in s, as it is (no normalization: a Kangxi radical ⽉ is not
// 月, the half-width ﾍ is not ヘ): the text of a page as a bag of
// characters, which two extractors can be compared on whatever order and
// spacing they give it.
func charMultiset(s string) map[rune]int {
	m := map[rune]int{}
	for _, r := range s {
		if !unicode.IsSpace(r) {
			m[r]++
		}
	}
	return m
}

// multisetAgreement returns the share of characters two multisets have in
// common: the characters matched (for each character, the smaller of its
// two counts) over the larger of the two totals. It is 1 when both are
// empty, and 0 when only one is.
func multisetAgreement(want, got map[rune]int) float64 {
	matched, wantN, gotN := 0, 0, 0
	for r, n := range want {
		wantN += n
		matched += min(n, got[r])
	}
	for _, n := range got {
		gotN += n
	}
	total := max(wantN, gotN)
	if total == 0 {
		return 1
	}
	return float64(matched) / float64(total)
}

// popplerPageChars returns the characters of a page's words as one multiset.
// popplerPageString returns a page's words, with a space between them.
func popplerPageString(p popplerPage) string {
	var parts []string
	for _, w := range p.Words {
		parts = append(parts, w.Text)
	}
	return strings.Join(parts, " ")
}

func popplerPageChars(p popplerPage) map[rune]int {
	return charMultiset(popplerPageString(p))
}

func TestParsePopplerBBox(t *testing.T) {
	head := `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd"><html xmlns="http://www.w3.org/1999/xhtml">
<head>
<title>a &lt;title&gt; with &lt;word&gt; in it</title>
<meta name="Producer" content="LibreOffice 7.4"/>
</head>
<body>
<doc>
`
	tests := []struct {
		name string
		out  string
		want []popplerPage
		err  string
	}{
		{name: "nothing printed (a file pdftotext cannot open)", out: "", want: nil},
		{
			name: "words and entities",
			out: head + `  <page width="595.303937" height="841.889764">
    <word xMin="201.601000" yMin="72.787864" xMax="332.535000" yMax="82.800464">取組状況</word>
    <word xMin="1" yMin="2" xMax="3" yMax="4">&amp;&lt;&gt;&quot;&#39;&apos;&#x41;</word>
  </page>
</doc>
</body>
</html>
`,
			want: []popplerPage{{Width: 595.303937, Height: 841.889764, Words: []popplerWord{
				{Text: "取組状況", XMin: 201.601, YMin: 72.787864, XMax: 332.535, YMax: 82.800464},
				{Text: `&<>"''A`, XMin: 1, YMin: 2, XMax: 3, YMax: 4},
			}}},
		},
		{
			name: "empty pages",
			out: head + `  <page width="249.450000" height="321.020000">
    <word xMin="233.86" yMin="12.758" xMax="243.072" yMax="58.818">あいうえお</word>
  </page>
  <page width="249.450000" height="321.020000">
  </page>
  <page width="100" height="200"/>
</doc>
`,
			want: []popplerPage{
				{Width: 249.45, Height: 321.02, Words: []popplerWord{{Text: "あいうえお", XMin: 233.86, YMin: 12.758, XMax: 243.072, YMax: 58.818}}},
				{Width: 249.45, Height: 321.02},
				{Width: 100, Height: 200},
			},
		},
		{
			name: "control characters and invalid UTF-8 kept",
			out:  head + "<page width=\"10\" height=\"20\">\n<word xMin=\"1\" yMin=\"2\" xMax=\"3\" yMax=\"4\">\x01\xff</word>\n</page>",
			want: []popplerPage{{Width: 10, Height: 20, Words: []popplerWord{{Text: "\x01\xff", XMin: 1, YMin: 2, XMax: 3, YMax: 4}}}},
		},
		{
			name: "output cut off inside a word",
			out:  head + `<page width="10" height="20"><word xMin="1" yMin="2" xMax="3" yMax="4">ab</word><word xMin="1" yMin="2" xMax="3" yMax="4">cd`,
			want: []popplerPage{{Width: 10, Height: 20, Words: []popplerWord{{Text: "ab", XMin: 1, YMin: 2, XMax: 3, YMax: 4}}}},
		},
		{
			name: "output cut off inside a tag",
			out:  head + `<page width="10" height="20"><word xMin="1" yMin`,
			want: []popplerPage{{Width: 10, Height: 20}},
		},
		{name: "a word outside a page", out: head + `<word xMin="1" yMin="2" xMax="3" yMax="4">a</word>`, err: "before the first <page>"},
		{name: "a missing attribute", out: head + `<page width="10">`, err: "page 1: no attribute height"},
		{name: "a number that does not parse", out: head + `<page width="10" height="x">`, err: `page 1: attribute height: strconv.ParseFloat: parsing "x": invalid syntax`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parsePopplerBBox([]byte(tt.out))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want one with %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestCharMultiset(t *testing.T) {
	tests := []struct {
		in   string
		want map[rune]int
	}{
		{"", map[rune]int{}},
		{" \t\n　", map[rune]int{}}, // the ideographic space is a space too
		{"○ ○\n区", map[rune]int{'○': 2, '区': 1}},
		{"ﾍﾞｰ", map[rune]int{'ﾍ': 1, 'ﾞ': 1, 'ｰ': 1}}, // code points as they are
		{"１０３施設", map[rune]int{'１': 1, '０': 1, '３': 1, '施': 1, '設': 1}},
		{"2⽉月", map[rune]int{'2': 1, '⽉': 1, '月': 1}}, // a radical is not its ideograph
		{"㍻", map[rune]int{'㍻': 1}},
	}
	for _, tt := range tests {
		if got := charMultiset(tt.in); !maps.Equal(got, tt.want) {
			t.Errorf("charMultiset(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestMultisetAgreement(t *testing.T) {
	tests := []struct {
		want, got string
		agree     float64
	}{
		{"", "", 1},
		{"abc", "", 0},
		{"", "abc", 0},
		{"abc", "cba", 1},
		{"a b c", "abc", 1},
		{"abcd", "abc", 0.75},   // one lost
		{"abc", "abcd", 0.75},   // one extra
		{"aab", "abb", 2.0 / 3}, // one a for one b
		{"ﾍﾞ", "ベ", 0},          // not the same code points
		{"区中央部", "区中央", 0.75},
	}
	for _, tt := range tests {
		got := multisetAgreement(charMultiset(tt.want), charMultiset(tt.got))
		if math.Abs(got-tt.agree) > 1e-9 {
			t.Errorf("multisetAgreement(%q, %q) = %v, want %v", tt.want, tt.got, got, tt.agree)
		}
	}
}

// harnessFiles returns the PDFs the harness is tried on: the Japanese PDFs
// of the shared corpus and the hostile ones (when the corpus is there),
// and the project's fixture PDFs.
func harnessFiles(t *testing.T) []string {
	var files []string
	for _, dir := range []string{"../../../shared/corpus/pdf-ja", "../../../shared/corpus/pdf-hostile"} {
		found, err := filepath.Glob(filepath.Join(dir, "*.pdf"))
		if err != nil {
			t.Fatal(err)
		}
		if len(found) == 0 {
			t.Logf("no PDF in %s (the shared corpus is absent): not tried", dir)
		}
		files = append(files, found...)
	}
	fixtures, err := filepath.Glob("../../fixtures/pdf/*/*.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if len(fixtures) == 0 {
		t.Error("no fixture PDF in ../../fixtures/pdf/*/")
	}
	return append(files, fixtures...)
}

// TestPopplerHarness runs the reference extractor on every PDF at hand and
// checks that its output is read in full: as many pages as pdfinfo counts
// (where pdfinfo can open the file), and on each page a size and the same
// characters as plain pdftotext prints, so words on every page that has
// text. On the hostile files, where poppler itself is not consistent (a
// looping page tree gives -bbox a second page of size 0 that plain
// pdftotext leaves out), only the page count is required and the rest is
// logged: what matters there is that the harness returns.
func TestPopplerHarness(t *testing.T) {
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Skip("pdfinfo (poppler-utils) is not installed")
	}
	for _, path := range harnessFiles(t) {
		name := filepath.Base(filepath.Dir(path)) + "/" + filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			errorf := t.Errorf
			if strings.HasPrefix(name, "pdf-hostile/") {
				errorf = t.Logf
			}
			pages := popplerPages(t, path)
			n, ok := pdfinfoPages(t, path)
			switch {
			case ok && len(pages) != n:
				t.Errorf("pdftotext -bbox gives %d pages, pdfinfo %d", len(pages), n)
			case !ok && len(pages) > 0:
				t.Logf("pdfinfo cannot open it, pdftotext -bbox gives %d pages", len(pages))
			}
			text := popplerText(t, path)
			if len(text) != len(pages) {
				errorf("pdftotext -bbox gives %d pages, plain pdftotext %d", len(pages), len(text))
			}
			words, chars := 0, 0
			for i, p := range pages {
				if p.Width <= 0 || p.Height <= 0 {
					errorf("page %d: size %v × %v", i+1, p.Width, p.Height)
				}
				words += len(p.Words)
				got := popplerPageChars(p)
				for _, n := range got {
					chars += n
				}
				if i >= len(text) {
					continue
				}
				want := charMultiset(text[i])
				if len(want) > 0 && len(p.Words) == 0 {
					errorf("page %d: no word, but pdftotext prints %q", i+1, popplerFirstLine(text[i]))
				}
				if a := multisetAgreement(want, got); a < 1 {
					errorf("page %d: the words' characters agree with plain pdftotext's to %.3f, want 1", i+1, a)
				}
			}
			t.Logf("%s: %d pages, %d words, %d characters", name, len(pages), words, chars)
		})
	}
}

// TestPopplerHarnessFixtures checks what the fixture PDFs must hold for
// the comparison to mean anything: every page has words, and the forms
// and tables are read as the one page each is. The scans of
// fixtures/pdf/scan are images without text, on purpose: they are left
// out.
func TestPopplerHarnessFixtures(t *testing.T) {
	files, err := filepath.Glob("../../fixtures/pdf/*/*.pdf")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range files {
		if filepath.Base(filepath.Dir(path)) == "scan" {
			continue
		}
		pages := popplerPages(t, path)
		if strings.Contains(path, "/libreoffice/") && len(pages) != 1 {
			t.Errorf("%s: %d pages, want 1 (a form or table on one page)", path, len(pages))
		}
		for i, p := range pages {
			if len(p.Words) == 0 {
				t.Errorf("%s: page %d has no word", path, i+1)
			}
		}
	}
	if _, err := os.Stat("../../fixtures/pdf/make.sh"); err != nil {
		t.Errorf("the fixture PDFs' recipe: %v", err)
	}
}
