package fontenc

import (
	"fmt"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

func base(t *testing.T, name string) Encoding {
	t.Helper()
	e, ok := Base(name)
	if !ok {
		t.Fatalf("Base(%q) = false", name)
	}
	return e
}

func TestBaseCodes(t *testing.T) {
	tests := []struct {
		enc  string
		code byte
		name string
		text string
	}{
		{"WinAnsiEncoding", 0x41, "A", "A"},
		{"WinAnsiEncoding", 0x80, "Euro", "€"},
		{"WinAnsiEncoding", 0x93, "quotedblleft", "“"},
		{"WinAnsiEncoding", 0x94, "quotedblright", "”"},
		{"WinAnsiEncoding", 0xA5, "yen", "¥"},
		{"WinAnsiEncoding", 0x5C, "backslash", `\`},
		{"WinAnsiEncoding", 0x27, "quotesingle", "'"},
		{"WinAnsiEncoding", 0x60, "grave", "`"},
		{"WinAnsiEncoding", 0x95, "bullet", "•"},
		{"WinAnsiEncoding", 0x96, "endash", "–"},
		{"WinAnsiEncoding", 0x97, "emdash", "—"},
		{"WinAnsiEncoding", 0x85, "ellipsis", "…"},
		{"WinAnsiEncoding", 0xB7, "periodcentered", "·"},
		{"WinAnsiEncoding", 0xD7, "multiply", "×"},
		{"WinAnsiEncoding", 0xA0, "space", " "},
		{"WinAnsiEncoding", 0xAD, "hyphen", "-"},
		{"WinAnsiEncoding", 0x7F, "bullet", "•"},
		{"WinAnsiEncoding", 0x81, "bullet", "•"},
		{"WinAnsiEncoding", 0xFF, "ydieresis", "ÿ"},
		{"StandardEncoding", 0x27, "quoteright", "’"},
		{"StandardEncoding", 0x60, "quoteleft", "‘"},
		{"StandardEncoding", 0x2D, "hyphen", "-"},
		{"StandardEncoding", 0xA5, "yen", "¥"},
		{"StandardEncoding", 0xA9, "quotesingle", "'"},
		{"StandardEncoding", 0xA4, "fraction", "⁄"},
		{"StandardEncoding", 0xAE, "fi", "ﬁ"},
		{"StandardEncoding", 0xB7, "bullet", "•"},
		{"StandardEncoding", 0xD0, "emdash", "—"},
		{"StandardEncoding", 0xE1, "AE", "Æ"},
		{"StandardEncoding", 0xFB, "germandbls", "ß"},
		{"MacRomanEncoding", 0xA5, "bullet", "•"},
		{"MacRomanEncoding", 0xD0, "endash", "–"},
		{"MacRomanEncoding", 0xD1, "emdash", "—"},
		{"MacRomanEncoding", 0x80, "Adieresis", "Ä"},
		{"MacRomanEncoding", 0xB4, "yen", "¥"},
		{"MacRomanEncoding", 0xCA, "space", " "},
		{"MacRomanEncoding", 0xDB, "currency", "¤"},
		{"MacRomanEncoding", 0xD2, "quotedblleft", "“"},
		{"MacRomanEncoding", 0xFF, "caron", "ˇ"},
		{"PDFDocEncoding", 0x18, "breve", "˘"},
		{"PDFDocEncoding", 0x0A, "uni000A", "\n"},
		{"PDFDocEncoding", 0x80, "bullet", "•"},
		{"PDFDocEncoding", 0x8A, "minus", "−"},
		{"PDFDocEncoding", 0x8D, "quotedblleft", "“"},
		{"PDFDocEncoding", 0xA0, "Euro", "€"},
		{"PDFDocEncoding", 0xA5, "yen", "¥"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/%02X", tt.enc, tt.code), func(t *testing.T) {
			e := base(t, tt.enc)
			if e[tt.code] != tt.name {
				t.Errorf("glyph name = %q, want %q", e[tt.code], tt.name)
			}
			if got, ok := e.Decode(tt.code); !ok || got != tt.text {
				t.Errorf("Decode = %q, %v, want %q, true", got, ok, tt.text)
			}
		})
	}
}

func TestBaseUndefined(t *testing.T) {
	tests := []struct {
		enc  string
		code byte
	}{
		{"StandardEncoding", 0x00},
		{"StandardEncoding", 0x1F},
		{"StandardEncoding", 0x7F},
		{"StandardEncoding", 0x80},
		{"StandardEncoding", 0xA0},
		{"StandardEncoding", 0xC9},
		{"WinAnsiEncoding", 0x00},
		{"WinAnsiEncoding", 0x1F},
		{"MacRomanEncoding", 0x7F},
		{"MacRomanEncoding", 0xAD}, // notequal in Mac OS Roman
		{"MacRomanEncoding", 0xBD}, // Omega in Mac OS Roman
		{"MacRomanEncoding", 0xF0}, // the Apple logo in Mac OS Roman
		{"PDFDocEncoding", 0x7F},
		{"PDFDocEncoding", 0x9F},
		{"PDFDocEncoding", 0xAD},
	}
	for _, tt := range tests {
		e := base(t, tt.enc)
		if e[tt.code] != "" {
			t.Errorf("%s[%02X] = %q, want none", tt.enc, tt.code, e[tt.code])
		}
		if got, ok := e.Decode(tt.code); ok || got != "" {
			t.Errorf("%s.Decode(%02X) = %q, %v, want \"\", false", tt.enc, tt.code, got, ok)
		}
	}
}

func TestBaseNames(t *testing.T) {
	for _, name := range []string{"MacExpertEncoding", "Identity-H", "", "winansiencoding", "Symbol"} {
		if _, ok := Base(name); ok {
			t.Errorf("Base(%q) = true, want false", name)
		}
	}
	// Base returns a copy that its caller may change.
	e := base(t, "WinAnsiEncoding")
	e[0x41] = "B"
	if e := base(t, "WinAnsiEncoding"); e[0x41] != "A" {
		t.Errorf("changing a returned encoding changed WinAnsiEncoding: 0x41 is %q", e[0x41])
	}
}

func TestBaseCounts(t *testing.T) {
	tests := []struct {
		enc  string
		want int
	}{
		{"StandardEncoding", 149},
		{"MacRomanEncoding", 208}, // 207 glyphs, space twice
		{"WinAnsiEncoding", 224},  // every code from 0x20 on
		{"PDFDocEncoding", 232},   // the 229 glyphs and 3 control characters
	}
	for _, tt := range tests {
		e := base(t, tt.enc)
		n := 0
		for _, name := range e {
			if name != "" {
				n++
			}
		}
		if n != tt.want {
			t.Errorf("%s encodes %d codes, want %d", tt.enc, n, tt.want)
		}
	}
}

// TestBaseASCIIAndLatin1 checks the ranges where an encoding is ASCII or
// ISO 8859-1.
func TestBaseASCIIAndLatin1(t *testing.T) {
	tests := []struct {
		enc      string
		from, to int
		except   map[int]string
	}{
		{"StandardEncoding", 0x20, 0x7E, map[int]string{0x27: "’", 0x60: "‘"}},
		{"MacRomanEncoding", 0x20, 0x7E, nil},
		{"WinAnsiEncoding", 0x20, 0x7E, nil},
		{"PDFDocEncoding", 0x20, 0x7E, nil},
		{"WinAnsiEncoding", 0xA1, 0xFF, map[int]string{0xAD: "-"}},
		{"PDFDocEncoding", 0xA1, 0xFF, map[int]string{0xAD: ""}},
	}
	for _, tt := range tests {
		e := base(t, tt.enc)
		for c := tt.from; c <= tt.to; c++ {
			want, ok := tt.except[c]
			if !ok {
				want = string(rune(c))
			}
			if got, _ := e.Decode(byte(c)); got != want {
				t.Errorf("%s.Decode(%02X) = %q, want %q", tt.enc, c, got, want)
			}
		}
	}
}

// TestCharmap checks WinAnsiEncoding and MacRomanEncoding against the code
// pages of golang.org/x/text for every code they encode; the exceptions
// are where Annex D differs from Windows-1252 and Mac OS Roman.
func TestCharmap(t *testing.T) {
	tests := []struct {
		enc    string
		cm     *charmap.Charmap
		except map[byte]rune // the code page's rune where it differs
	}{
		{"WinAnsiEncoding", charmap.Windows1252, map[byte]rune{
			// Annex D: unused codes show a bullet.
			0x7F: 0x007F, 0x81: 0xFFFD, 0x8D: 0xFFFD, 0x8F: 0xFFFD, 0x90: 0xFFFD, 0x9D: 0xFFFD,
			0xA0: 0x00A0, // Annex D: space
			0xAD: 0x00AD, // Annex D: hyphen
		}},
		{"MacRomanEncoding", charmap.Macintosh, map[byte]rune{
			0xCA: 0x00A0, // Annex D: space
			0xDB: 0x20AC, // Annex D: currency, as before Mac OS 8.5
		}},
	}
	for _, tt := range tests {
		e := base(t, tt.enc)
		for c := 0; c < 256; c++ {
			got, ok := e.Decode(byte(c))
			if !ok {
				continue
			}
			cmr := tt.cm.DecodeByte(byte(c))
			if want, isExcept := tt.except[byte(c)]; isExcept {
				if cmr != want {
					t.Errorf("%s %02X: the code page has %U, the exception says %U", tt.enc, c, cmr, want)
				}
				if got == string(cmr) {
					t.Errorf("%s %02X: %U is listed as an exception but agrees", tt.enc, c, cmr)
				}
				continue
			}
			if got != string(cmr) {
				t.Errorf("%s.Decode(%02X) = %q (%U), the code page has %q (%U)", tt.enc, c, got, []rune(got), string(cmr), cmr)
			}
		}
		for c := range tt.except {
			if e[c] == "" {
				t.Errorf("%s %02X: an exception for a code it does not encode", tt.enc, c)
			}
		}
	}
}

func TestBuiltIn(t *testing.T) {
	tests := []struct {
		font string
		code byte
		text string
		ok   bool
	}{
		{"Helvetica", 0x27, "’", true},
		{"Times-BoldItalic", 0x60, "‘", true},
		{"ABCDEF+Courier", 0x41, "A", true},
		{"Symbol", 0x61, "α", true},
		{"Symbol", 0x57, "Ω", true},
		{"Symbol", 0x44, "Δ", true},
		{"Symbol", 0x2D, "−", true},
		{"Symbol", 0x6D, "µ", true},
		{"Symbol", 0xA0, "€", true},
		{"Symbol", 0xB3, "≥", true},
		{"Symbol", 0xB4, "×", true},
		{"Symbol", 0xD6, "√", true},
		{"Symbol", 0xE5, "∑", true},
		{"Symbol", 0xE6, "", true}, // parenlefttp, a piece
		{"Symbol", 0xF0, "", true}, // undefined
		{"ZapfDingbats", 0x21, "", false},
		{"Arial", 0x41, "", false},
		{"MS-Mincho", 0x41, "", false},
	}
	for _, tt := range tests {
		e, ok := BuiltIn(tt.font)
		if ok != tt.ok {
			t.Errorf("BuiltIn(%q) = %v, want %v", tt.font, ok, tt.ok)
			continue
		}
		if got, _ := e.Decode(tt.code); got != tt.text {
			t.Errorf("BuiltIn(%q).Decode(%02X) = %q, want %q", tt.font, tt.code, got, tt.text)
		}
	}
	e, _ := BuiltIn("Symbol")
	n := 0
	for _, name := range e {
		if name != "" {
			n++
		}
	}
	if n != 189 {
		t.Errorf("the Symbol encoding encodes %d codes, want 189", n)
	}
}

// TestGlyphTable checks the single table the encodings come from: a name
// once, a code once an encoding, Latin glyphs all in PDFDocEncoding.
func TestGlyphTable(t *testing.T) {
	seen := map[string]bool{}
	var used [numEncodings][256]string
	latin := 0
	for _, g := range glyphs {
		if seen[g.name] {
			t.Errorf("%s: twice", g.name)
		}
		seen[g.name] = true
		if g.r < 0 || g.r > 0x10FFFF || 0xD800 <= g.r && g.r <= 0xDFFF {
			t.Errorf("%s: %U is not a Unicode scalar value", g.name, g.r)
		}
		codes := [numEncodings]int16{g.std, g.mac, g.win, g.pdf, g.sym}
		for i, c := range codes {
			if c == no {
				continue
			}
			if c < 0 || c > 255 {
				t.Errorf("%s: code %d", g.name, c)
				continue
			}
			if used[i][c] != "" {
				t.Errorf("encoding %d, code %03o: %s and %s", i, c, used[i][c], g.name)
			}
			used[i][c] = g.name
		}
		if g.std != no || g.mac != no || g.win != no || g.pdf != no {
			latin++
			if g.pdf == no {
				t.Errorf("%s: a Latin glyph not in PDFDocEncoding", g.name)
			}
		}
	}
	if latin != 229 {
		t.Errorf("%d glyphs of the Latin character set, want 229", latin)
	}
	for _, x := range extraCodes {
		if used[x.enc][x.code] != "" {
			t.Errorf("extra code %03o of encoding %d is already %s", x.code, x.enc, used[x.enc][x.code])
		}
		if _, ok := Rune(x.name); !ok {
			t.Errorf("extra code %03o: %q has no text", x.code, x.name)
		}
	}
}

func TestDifferences(t *testing.T) {
	type name string // as a PDF reader may type its names
	type integer int
	arr := []any{
		name("ignored"), // before any code
		integer(65), name("uni3042"), "/Bcircumflex", "g12",
		0x93, "quotesingle",
		200.0, name("yen"),
		int64(0xFF), "space", "beyond", // 256 is ignored
		2.5, "afterfraction", // not an integer: skipped
		-1, "negative", "zero?", // -1 is ignored, 0 gets the next name
		nil, []any{1}, true, // skipped
		uint8(0x30), "one",
	}
	diffs := ParseDifferences(arr)
	want := []Difference{
		{65, "uni3042"}, {66, "Bcircumflex"}, {67, "g12"},
		{0x93, "quotesingle"},
		{200, "yen"},
		{0xFF, "space"}, {256, "beyond"},
		{-1, "negative"}, {0, "zero?"},
		{0x30, "one"},
	}
	if fmt.Sprint(diffs) != fmt.Sprint(want) {
		t.Fatalf("ParseDifferences =\n%v, want\n%v", diffs, want)
	}

	e := base(t, "WinAnsiEncoding")
	e.Apply(diffs)
	tests := []struct {
		code byte
		text string
		ok   bool
	}{
		{0x41, "あ", true},
		{0x42, "", false}, // a name without text
		{0x43, "", false}, // g12
		{0x44, "D", true}, // untouched
		{0x93, "'", true},
		{200, "¥", true},
		{0xFF, " ", true},
		{0x00, "", false}, // "zero?"
		{0x30, "1", true},
		{0x80, "€", true}, // untouched
	}
	for _, tt := range tests {
		if got, ok := e.Decode(tt.code); got != tt.text || ok != tt.ok {
			t.Errorf("Decode(%02X) = %q, %v, want %q, %v", tt.code, got, ok, tt.text, tt.ok)
		}
	}
	if w := base(t, "WinAnsiEncoding"); w[0x41] != "A" {
		t.Error("Apply changed the base encoding")
	}

	var empty Encoding
	empty.Apply(ParseDifferences([]any{32, "space", "exclam"}))
	if got, _ := empty.Decode(0x21); got != "!" {
		t.Errorf("Differences on an empty encoding: 0x21 is %q, want \"!\"", got)
	}
	if ParseDifferences(nil) != nil {
		t.Error("ParseDifferences(nil) is not nil")
	}
}
