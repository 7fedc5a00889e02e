package sfnt

import (
	"math/rand/v2"
	"testing"
)

// japaneseCodes returns a cmap like a Japanese font's: ASCII, kana and
// about 7,500 ideographs, 8,000 code points in all, mapped to glyph ids in
// an order of their own (as JIS order is to Unicode order), so that few
// runs of codes have consecutive glyph ids.
func japaneseCodes() map[rune]uint16 {
	var codes []rune
	for c := rune(0x20); c < 0x7F; c++ {
		codes = append(codes, c)
	}
	for c := rune(0x3041); c <= 0x30FF; c++ {
		codes = append(codes, c)
	}
	for c := rune(0x4E00); len(codes) < 8000; c += 2 {
		codes = append(codes, c)
	}
	gids := rand.New(rand.NewPCG(1, 2)).Perm(len(codes))
	m := make(map[rune]uint16, len(codes))
	for i, c := range codes {
		m[c] = uint16(gids[i] + 1)
	}
	return m
}

func BenchmarkGlyphText(b *testing.B) {
	codes := japaneseCodes()
	for _, bm := range []struct {
		name string
		font []byte
	}{
		{"format4", trueType(cmapTable(subtable{1, 0, format0(nil)}, subtable{3, 1, format4(codes, true)}))},
		{"format12", trueType(cmapTable(subtable{3, 10, format12(codes)}, subtable{3, 1, format4(codes, true)}))},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.SetBytes(int64(len(bm.font)))
			b.ReportAllocs()
			for b.Loop() {
				m, err := GlyphText(bm.font)
				if err != nil || len(m) != len(codes) {
					b.Fatalf("%d glyphs, %v", len(m), err)
				}
			}
		})
	}
}
