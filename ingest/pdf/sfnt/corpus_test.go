package sfnt

import (
	"encoding/binary"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// corpusDir holds the Japanese PDFs of the shared corpus; the tests that
// read them skip when it is absent.
const corpusDir = "/work/shared/corpus/pdf-ja"

// cidFont is what the corpus tests read of a page's Type 0 font.
type cidFont struct {
	program  []byte // the FontFile2 stream, decoded
	cidToGID []byte // the CIDToGIDMap stream, decoded; nil for Identity
}

// TestCorpusJavaUninstall checks that the glyphs that the first page of
// javauninstall-7r.pdf shows in HGPGothicE, a TrueType font embedded
// without ToUnicode, read through the font's cmap as pdftotext prints them.
func TestCorpusJavaUninstall(t *testing.T) {
	ctx, page := readCorpusPage(t, "pdfjs__javauninstall-7r.pdf")
	font := pageFont(t, ctx, page, "F1")
	text, err := GlyphText(font.program)
	if err != nil {
		t.Fatal(err)
	}
	content, err := ctx.PageContent(page, 1)
	if err != nil {
		t.Fatal(err)
	}
	var shown strings.Builder
	for _, s := range literalStrings(content) {
		for i := 0; i+1 < len(s); i += 2 { // Identity-H: two-byte codes are CIDs
			cid := int(binary.BigEndian.Uint16([]byte(s[i:])))
			r, ok := text[glyphOf(font, cid)]
			if !ok {
				t.Errorf("CID %#04x (glyph %d) has no text", cid, glyphOf(font, cid))
			}
			shown.WriteRune(r)
		}
	}
	got := shown.String()
	for _, want := range []string{"の削除・インストールについて", "メニューの「スタート」⇒「コントロールパネル」⇒「プログラムのアンインストール」を押下します。", "のソフトを、全て削除して下さい。"} {
		if !strings.Contains(got, want) {
			t.Errorf("page text lacks %q:\n%s", want, got)
		}
	}
	if want, ok := pdftotext(t, "pdfjs__javauninstall-7r.pdf"); ok && runeCounts(got) != runeCounts(want) {
		t.Errorf("characters differ from pdftotext's:\ngot  %s\nwant %s", runeCounts(got), runeCounts(want))
	}
}

// TestCorpusVertical checks that the AokinMincho subset of vertical.pdf,
// whose font program has no cmap table, is reported as such: its text can
// only come from the Adobe-Japan1 collection that its CIDs are in.
func TestCorpusVertical(t *testing.T) {
	ctx, page := readCorpusPage(t, "pdfjs__vertical.pdf")
	font := pageFont(t, ctx, page, "F1")
	if _, err := GlyphText(font.program); err == nil || !strings.Contains(err.Error(), `no "cmap" table`) {
		t.Errorf("error %v, want no cmap table", err)
	}
	if upem, err := UnitsPerEm(font.program); err != nil || upem != 1000 {
		t.Errorf("UnitsPerEm: %d, %v; want 1000", upem, err)
	}
}

// readCorpusPage reads the corpus PDF and returns its first page.
func readCorpusPage(t *testing.T, name string) (*model.Context, types.Dict) {
	t.Helper()
	f, err := os.Open(filepath.Join(corpusDir, name))
	if os.IsNotExist(err) {
		t.Skipf("corpus absent: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ctx, err := api.ReadContext(f, model.NewDefaultConfiguration())
	if err != nil {
		t.Fatal(err)
	}
	if err := ctx.EnsurePageCount(); err != nil {
		t.Fatal(err)
	}
	page, _, _, err := ctx.PageDict(1, true)
	if err != nil {
		t.Fatal(err)
	}
	return ctx, page
}

// pageFont reads the descendant CIDFont of the page's Type 0 font res.
func pageFont(t *testing.T, ctx *model.Context, page types.Dict, res string) cidFont {
	t.Helper()
	x := ctx.XRefTable
	dict := func(o types.Object) types.Dict {
		d, err := x.DereferenceDict(o)
		if err != nil || d == nil {
			t.Fatalf("not a dictionary: %v (%v)", o, err)
		}
		return d
	}
	stream := func(o types.Object) []byte {
		sd, _, err := x.DereferenceStreamDict(o)
		if err == nil && sd != nil {
			err = sd.Decode()
		}
		if err != nil || sd == nil {
			t.Fatalf("not a stream: %v (%v)", o, err)
		}
		return sd.Content
	}
	fonts := dict(dict(page["Resources"])["Font"])
	descendants, err := x.DereferenceArray(dict(fonts[res])["DescendantFonts"])
	if err != nil || len(descendants) == 0 {
		t.Fatalf("no DescendantFonts: %v", err)
	}
	cid := dict(descendants[0])
	var f cidFont
	f.program = stream(dict(cid["FontDescriptor"])["FontFile2"])
	if m, ok := cid["CIDToGIDMap"]; ok {
		if n, isName := m.(types.Name); !isName || n != "Identity" {
			f.cidToGID = stream(m)
		}
	}
	return f
}

// glyphOf returns the glyph id of a CID through the font's CIDToGIDMap.
func glyphOf(f cidFont, cid int) uint16 {
	if f.cidToGID == nil {
		return uint16(cid)
	}
	if 2*cid+2 > len(f.cidToGID) {
		return 0
	}
	return binary.BigEndian.Uint16(f.cidToGID[2*cid:])
}

// literalStrings returns the literal strings, (…), of a content stream,
// with their escapes resolved.
func literalStrings(content []byte) []string {
	var out []string
	for i := 0; i < len(content); i++ {
		if content[i] == '(' {
			s, end := literal(content, i+1)
			out = append(out, s)
			i = end
		}
	}
	return out
}

// literal reads one literal string from b[i:], just after its opening
// parenthesis, and returns it and the index of its closing parenthesis.
func literal(b []byte, i int) (string, int) {
	var s []byte
	for depth := 1; i < len(b); i++ {
		switch c := b[i]; {
		case c == '\\' && i+1 < len(b):
			n, adv := escape(b[i+1:])
			s, i = append(s, n...), i+adv
		case c == '(':
			depth++
			s = append(s, c)
		case c == ')':
			if depth--; depth == 0 {
				return string(s), i
			}
			s = append(s, c)
		default:
			s = append(s, c)
		}
	}
	return string(s), i
}

// escape resolves the escape sequence at the start of b (after its
// backslash) and returns its bytes and its length.
func escape(b []byte) ([]byte, int) {
	if b[0] >= '0' && b[0] <= '7' {
		v, n := 0, 0
		for n < 3 && n < len(b) && b[n] >= '0' && b[n] <= '7' {
			v, n = v*8+int(b[n]-'0'), n+1
		}
		return []byte{byte(v)}, n
	}
	if i := strings.IndexByte("nrtbf", b[0]); i >= 0 {
		return []byte{"\n\r\t\b\f"[i]}, 1
	}
	if b[0] == '\n' || b[0] == '\r' {
		return nil, 1
	}
	return b[:1], 1
}

// pdftotext returns what pdftotext prints of the corpus PDF, and false
// when pdftotext is not installed.
func pdftotext(t *testing.T, name string) (string, bool) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Logf("pdftotext not installed: %v", err)
		return "", false
	}
	out, err := exec.Command("pdftotext", filepath.Join(corpusDir, name), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out), true
}

// runeCounts lists the characters of s other than white space, each with
// how often it appears, in code point order: the comparison of two texts
// that does not depend on the order a layout gives them.
func runeCounts(s string) string {
	counts := make(map[rune]int)
	for _, r := range s {
		if !unicode.IsSpace(r) {
			counts[r]++
		}
	}
	var b strings.Builder
	for _, r := range slices.Sorted(maps.Keys(counts)) {
		fmt.Fprintf(&b, "%c×%d ", r, counts[r])
	}
	return b.String()
}
