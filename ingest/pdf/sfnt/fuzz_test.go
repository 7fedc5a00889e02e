package sfnt

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// FuzzGlyphText checks that no font program makes GlyphText or
// UnitsPerEm panic, and that what GlyphText returns keeps its promises.
// The seed corpus, in testdata/fuzz/FuzzGlyphText, is written by
// TestWriteFuzzSeeds.
func FuzzGlyphText(f *testing.F) {
	f.Fuzz(func(t *testing.T, font []byte) {
		if upem, err := UnitsPerEm(font); err == nil && upem <= 0 {
			t.Errorf("UnitsPerEm %d without an error", upem)
		}
		m, err := GlyphText(font)
		if err != nil {
			if m != nil {
				t.Errorf("a map of %d glyphs with error %v", len(m), err)
			}
			return
		}
		if len(m) == 0 {
			t.Error("an empty map without an error")
		}
		for g, r := range m {
			if g == 0 || !isCharacter(r) {
				t.Errorf("glyph %d reads %U", g, r)
			}
		}
	})
}

// TestWriteFuzzSeeds writes the seed corpus of FuzzGlyphText from the
// synthetic fonts of the tests, when SFNT_WRITE_SEEDS is set.
func TestWriteFuzzSeeds(t *testing.T) {
	if os.Getenv("SFNT_WRITE_SEEDS") == "" {
		t.Skip("set SFNT_WRITE_SEEDS=1 to rewrite testdata/fuzz/FuzzGlyphText")
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzGlyphText")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, font := range fuzzSeeds() {
		data := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", font)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// fuzzSeeds returns the seed fonts by file name: one for each subtable
// format and font flavour the package reads.
func fuzzSeeds() map[string][]byte {
	small := map[rune]uint16{'A': 3, 'B': 4, 'a': 5, ' ': 1, '\u00A0': 1, 'あ': 9, '高': 12, '\uF9B6': 12}
	wide := map[rune]uint16{'A': 3, 'あ': 9, '𠮟': 20, '\U000F0000': 21}
	return map[string][]byte{
		"format4-delta": trueType(cmapTable(subtable{3, 1, format4(small, false)})),
		"format4-array": trueType(cmapTable(subtable{0, 3, format4(small, true)})),
		"format12":      trueType(cmapTable(subtable{3, 10, format12(wide)}, subtable{3, 1, format4(small, false)})),
		"format6":       trueType(cmapTable(subtable{3, 1, format6('a', 5, 6, 0, 8)})),
		"format0-mac":   trueType(cmapTable(subtable{1, 0, format0(map[rune]uint16{'A': 3, 0x80: 4, 0xDB: 5})})),
		"collection":    buildCollection(fontTable{"head", headTable(1000)}, fontTable{"cmap", cmapTable(subtable{3, 1, format4(small, false)})}),
		"opentype-cff":  buildFont("OTTO", 0, fontTable{"head", headTable(1000)}, fontTable{"cmap", cmapTable(subtable{3, 10, format12(wide)})}),
	}
}
