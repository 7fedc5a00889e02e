package sfnt

import (
	"encoding/binary"
	"maps"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
)

// latinKana is a small Unicode map with Latin letters, kana and a kanji.
var latinKana = map[rune]uint16{
	'A': 36, 'B': 37, 'C': 38, 'a': 68, 'b': 69,
	'あ': 1000, 'い': 1001, 'う': 1002, 'ア': 1100,
	'高': 3000,
}

// inverted returns the glyph id to character map that GlyphText should
// give for a code to glyph map without duplicates.
func inverted(m map[rune]uint16) map[uint16]rune {
	out := make(map[uint16]rune, len(m))
	for c, g := range m {
		out[g] = c
	}
	return out
}

func TestGlyphText(t *testing.T) {
	withSupplementary := maps.Clone(latinKana)
	withSupplementary['𠮟'] = 5000 // U+20B9F
	windows := map[rune]uint16{'W': 1}
	unicode := map[rune]uint16{'U': 1}
	tests := []struct {
		name string
		font []byte
		want map[uint16]rune
	}{
		{"format 4 by delta", trueType(cmapTable(subtable{3, 1, format4(latinKana, false)})), inverted(latinKana)},
		{"format 4 by glyph id array", trueType(cmapTable(subtable{3, 1, format4(latinKana, true)})), inverted(latinKana)},
		{"format 4 (0,3)", trueType(cmapTable(subtable{0, 3, format4(latinKana, false)})), inverted(latinKana)},
		{"format 12", trueType(cmapTable(subtable{3, 10, format12(withSupplementary)})), inverted(withSupplementary)},
		{"format 12 before format 4", trueType(cmapTable(
			subtable{3, 1, format4(latinKana, false)},
			subtable{3, 10, format12(withSupplementary)},
		)), inverted(withSupplementary)},
		{"Windows before Unicode platform", trueType(cmapTable(
			subtable{0, 3, format4(unicode, false)},
			subtable{3, 1, format4(windows, false)},
		)), inverted(windows)},
		{"format 6", trueType(cmapTable(subtable{0, 3, format6('a', 10, 0, 12)})), map[uint16]rune{10: 'a', 12: 'c'}},
		{"format 4 before format 6", trueType(cmapTable(
			subtable{3, 1, format6('x', 1)},
			subtable{3, 1, format4(windows, false)},
		)), inverted(windows)},
		{"Mac Roman format 0", trueType(cmapTable(subtable{1, 0, format0(map[rune]uint16{'A': 5, 0x80: 6, 0xDB: 7, 0xCA: 8})})),
			map[uint16]rune{5: 'A', 6: 'Ä', 7: '€', 8: '\u00A0'}},
		{"Mac Roman format 6", trueType(cmapTable(subtable{1, 0, format6(0x8E, 9)})), map[uint16]rune{9: 'é'}},
		{"Unicode before Mac Roman", trueType(cmapTable(
			subtable{1, 0, format0(map[rune]uint16{'M': 1})},
			subtable{3, 1, format4(windows, false)},
		)), inverted(windows)},
		{"symbol subtable not read", trueType(cmapTable(
			subtable{3, 0, format4(map[rune]uint16{0xF041: 2}, false)},
			subtable{3, 1, format4(windows, false)},
		)), inverted(windows)},
		{"damaged best subtable passed over", trueType(cmapTable(
			subtable{3, 10, be32(be16(nil, 12, 0), 100, 0, 1<<31)},
			subtable{3, 1, format4(latinKana, false)},
		)), inverted(latinKana)},
		{"empty best subtable passed over", trueType(cmapTable(
			subtable{3, 10, format12(nil)},
			subtable{3, 1, format4(latinKana, false)},
		)), inverted(latinKana)},
		{"collection", buildCollection(fontTable{"cmap", cmapTable(subtable{3, 1, format4(latinKana, false)})}),
			inverted(latinKana)},
		{"CFF OpenType", buildFont("OTTO", 0, fontTable{"CFF ", []byte{1, 0, 4, 1}},
			fontTable{"cmap", cmapTable(subtable{3, 1, format4(latinKana, false)})}), inverted(latinKana)},
		{"Apple 'true'", buildFont("true", 0, fontTable{"cmap", cmapTable(subtable{0, 3, format4(latinKana, true)})}),
			inverted(latinKana)},
		{"glyph 0, surrogates and noncharacters left out", trueType(cmapTable(subtable{3, 10, format12(map[rune]uint16{
			'x': 0, 0xD800: 3, 0xFDD0: 4, 0xFFFE: 5, 0x1FFFF: 6, 'y': 7,
		})})), map[uint16]rune{7: 'y'}},
		{"format 12 glyph ids beyond 16 bits left out", trueType(cmapTable(subtable{3, 10,
			be32(be16(nil, 12, 0), 40, 0, 1, 'a', 'z', 0xFFFE)})), map[uint16]rune{0xFFFE: 'a', 0xFFFF: 'b'}},
		{"format 4 glyph id beyond the subtable left out", trueType(cmapTable(subtable{3, 1, format4Segments([]seg4{
			{start: 'a', end: 'c', gids: []uint16{1, 2}}, // 'c' reads past the end
		}, true)})), map[uint16]rune{1: 'a', 2: 'b'}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := GlyphText(tt.font)
			if err != nil {
				t.Fatal(err)
			}
			if !maps.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestGlyphTextDuplicates checks which of several characters mapped to
// one glyph the glyph reads as.
func TestGlyphTextDuplicates(t *testing.T) {
	tests := []struct {
		name  string
		codes []rune // all mapped to glyph 1
		want  rune
	}{
		{"lowest code point", []rune{'\u00A0', ' ', '\u2002'}, ' '},
		{"unified before compatibility ideograph", []rune{'\uF9B6', '\u9AD8', '\uFA11'}, '\u9AD8'},
		{"unified before Kangxi radical", []rune{'\u2F08', '\u4EBA'}, '\u4EBA'},
		{"compatibility before private use", []rune{'\uE000', '\uF900'}, '\uF900'},
		{"supplementary before private use", []rune{'\uE000', '\U00020B9F'}, '\U00020B9F'},
		{"BMP private use before plane 15", []rune{'\U000F0000', '\uE001'}, '\uE001'},
		{"anything before a control", []rune{'\r', '\uE000'}, '\uE000'},
		{"space before carriage return", []rune{'\r', ' '}, ' '},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := make(map[rune]uint16)
			for _, c := range tt.codes {
				m[c] = 1
			}
			fonts := [][]byte{trueType(cmapTable(subtable{3, 10, format12(m)}))}
			if tt.want <= 0xFFFF && !slices.ContainsFunc(tt.codes, func(c rune) bool { return c > 0xFFFF }) {
				fonts = append(fonts, trueType(cmapTable(subtable{3, 1, format4(m, true)})))
			}
			for _, font := range fonts {
				got, err := GlyphText(font)
				if err != nil {
					t.Fatal(err)
				}
				if len(got) != 1 || got[1] != tt.want {
					t.Errorf("got %v, want glyph 1 reading %U", got, tt.want)
				}
			}
		})
	}
}

func TestGlyphTextErrors(t *testing.T) {
	valid := cmapTable(subtable{3, 1, format4(latinKana, false)})
	overlapping := be32(be16(nil, 12, 0), 16+12*100, 0, 100)
	for range 100 {
		overlapping = be32(overlapping, 0, 0x10FFFF, 1)
	}
	// Many records point at one subtable whose 65,535 codes all miss.
	costlyEmpty := format4Segments([]seg4{{start: 0, end: 0xFFFE, gids: []uint16{}}}, true)
	binary.BigEndian.PutUint16(costlyEmpty[len(costlyEmpty)-2:], 0xFFFE) // idRangeOffset far past the end
	repeated := be16(nil, 0, 1000)
	for range 1000 {
		repeated = be16(repeated, 3, 1)
		repeated = be32(repeated, 4+8*1000)
	}
	repeated = append(repeated, costlyEmpty...)
	tests := []struct {
		name string
		font []byte
		want string
	}{
		{"empty", nil, "too short for a font"},
		{"not a font", []byte("%PDF-1.7 not a font at all"), "not a TrueType or OpenType font"},
		{"no cmap", buildFont("\x00\x01\x00\x00", 0, fontTable{"head", headTable(1000)}), `no "cmap" table`},
		{"table directory cut", trueType(valid)[:20], "table directory: 2 tables need"},
		{"cmap beyond the font", trueType(valid)[:60], `table "cmap": offset`},
		{"collection without fonts", be32([]byte("ttcf"), 0x00010000, 0), "font collection: no fonts"},
		{"collection font beyond the file", be32([]byte("ttcf"), 0x00010000, 1, 1<<31), "beyond the"},
		{"cmap header cut", trueType([]byte{0, 0}), "cmap: 2 bytes"},
		{"too many encoding records", trueType(be16(nil, 0, 0xFFFF)), "cmap: 65535 encoding records need"},
		{"symbol subtable only", trueType(cmapTable(subtable{3, 0, format4(map[rune]uint16{0xF041: 2}, false)})),
			"no Unicode or Mac Roman subtable"},
		{"format 12 group count", trueType(cmapTable(subtable{3, 10, be32(be16(nil, 12, 0), 100, 0, 1<<31, 0, 0, 0)})),
			"cmap (3,10) format 12: 2147483648 groups need"},
		{"format 4 segment count", trueType(cmapTable(subtable{3, 1, be16(nil, 4, 0, 0, 0xFFFE, 0, 0, 0)})),
			"cmap (3,1) format 4: 32767 segments need"},
		{"format 6 entry count", trueType(cmapTable(subtable{3, 1, be16(nil, 6, 0, 0, 'a', 0xFFFF)})),
			"cmap (3,1) format 6: 65535 glyph ids need"},
		{"format 0 cut", trueType(cmapTable(subtable{1, 0, be16(nil, 0, 262, 0, 1, 2)})),
			"cmap (1,0) format 0: 10 bytes"},
		{"overlapping groups", trueType(cmapTable(subtable{3, 10, overlapping})),
			"cmap (3,10) format 12: ranges cover more code points than Unicode has"},
		{"one costly empty subtable tried again and again", trueType(repeated),
			"cmap (3,1) format 4: ranges cover more code points than Unicode has"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			got, err := GlyphText(tt.font)
			if err == nil {
				t.Fatalf("got %v, want an error", got)
			}
			if !strings.HasPrefix(err.Error(), "sfnt: ") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want one with %q", err, tt.want)
			}
			if d := time.Since(start); d > time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

// TestGlyphTextFailsFast checks that a huge count in a small font costs
// neither time nor memory.
func TestGlyphTextFailsFast(t *testing.T) {
	font := trueType(cmapTable(subtable{3, 10, be32(be16(nil, 12, 0), 100, 0, 1<<31, 0, 0, 0)}))
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range 100 {
		if _, err := GlyphText(font); err == nil {
			t.Fatal("no error")
		}
	}
	runtime.ReadMemStats(&after)
	if perCall := (after.TotalAlloc - before.TotalAlloc) / 100; perCall > 4096 {
		t.Errorf("%d bytes allocated a call", perCall)
	}
}

func TestUnitsPerEm(t *testing.T) {
	tests := []struct {
		name    string
		font    []byte
		want    int
		wantErr string
	}{
		{"TrueType", trueType(nil), 2048, ""},
		{"CFF", buildFont("OTTO", 0, fontTable{"head", headTable(1000)}), 1000, ""},
		{"collection", buildCollection(fontTable{"head", headTable(1024)}), 1024, ""},
		{"no head", buildFont("OTTO", 0, fontTable{"cmap", nil}), 0, `sfnt: no "head" table`},
		{"head cut", buildFont("OTTO", 0, fontTable{"head", headTable(1000)[:19]}), 0, "sfnt: head: 19 bytes"},
		{"zero", buildFont("OTTO", 0, fontTable{"head", headTable(0)}), 0, "sfnt: head: unitsPerEm is 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := UnitsPerEm(tt.font)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one with %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("got %d, %v; want %d", got, err, tt.want)
			}
		})
	}
}

// TestMacRoman checks the Mac OS Roman table against golang.org/x/text.
func TestMacRoman(t *testing.T) {
	for b := range 256 {
		if got, want := macRoman(byte(b)), charmap.Macintosh.DecodeByte(byte(b)); got != want {
			t.Errorf("byte %#x: got %U, want %U", b, got, want)
		}
	}
}
