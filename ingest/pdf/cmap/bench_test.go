package cmap

import "testing"

// sample is Japanese text as a form shows it.
const sample = "令和6年度 学校基本調査 調査票（学校用） 学校名 所在地 電話番号 " +
	"在学者数 男 女 計 第1学年 第2学年 第3学年 教員数 本務教員 兼務教員 " +
	"ABC-123 記入者氏名 日本語テスト ０１２３４５６７８９ ｱｲｳｴｵ"

// ucs2 returns s as UCS-2 codes, as UniJIS-UCS2-H reads them.
func ucs2(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r>>8), byte(r))
	}
	return b
}

func mustPredefined(b *testing.B, name string) *CMap {
	c, err := Predefined(name)
	if err != nil {
		b.Fatal(err)
	}
	return c
}

func mustUnicode(b *testing.B) *CMap {
	u, err := CIDToUnicode("Adobe", "Japan1")
	if err != nil {
		b.Fatal(err)
	}
	return u
}

// BenchmarkNextCIDUnicode reads the text through UniJIS-UCS2-H and
// Adobe-Japan1-UCS2 as an interpreter does per glyph: Next, CID, Unicode.
// One op is one glyph.
func BenchmarkNextCIDUnicode(b *testing.B) {
	enc, uni := mustPredefined(b, "UniJIS-UCS2-H"), mustUnicode(b)
	text := ucs2(sample)
	b.ResetTimer()
	glyphs := 0
	for b.Loop() {
		for s := text; len(s) > 0; glyphs++ {
			code, n := enc.Next(s)
			s = s[n:]
			cid, _ := enc.CID(code)
			uni.Unicode(cid)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(glyphs), "ns/glyph")
}

// BenchmarkNextUnicode reads UCS-2 text through a large ToUnicode-like
// map, Adobe-Japan1-UCS2 used directly: Next, then Unicode. One op is
// one glyph.
func BenchmarkNextUnicode(b *testing.B) {
	uni := mustUnicode(b)
	enc := mustPredefined(b, "UniJIS-UCS2-H")
	var text []byte
	for _, r := range sample {
		cid, _ := enc.CID(uint32(r))
		text = append(text, byte(cid>>8), byte(cid))
	}
	glyphs := 0
	for b.Loop() {
		for s := text; len(s) > 0; glyphs++ {
			code, n := uni.Next(s)
			s = s[n:]
			uni.Unicode(code)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(glyphs), "ns/glyph")
}

// BenchmarkNext splits Shift_JIS text by 90ms-RKSJ-H's mixed codespace.
func BenchmarkNext(b *testing.B) {
	enc := mustPredefined(b, "90ms-RKSJ-H")
	text := []byte("\x93\xFA\x96\x7B\x8C\xEA\x83\x65\x83\x58\x83\x67ABC 123\x81\x40\xB1\xB2")
	glyphs := 0
	for b.Loop() {
		for s := text; len(s) > 0; glyphs++ {
			_, n := enc.Next(s)
			s = s[n:]
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(glyphs), "ns/glyph")
}

// codes returns the UCS-2 codes of the sample.
func codes() []uint32 {
	var cs []uint32
	for _, r := range sample {
		cs = append(cs, uint32(r))
	}
	return cs
}

// BenchmarkCID looks up the CIDs of the sample in UniJIS-UCS2-H. One op is
// one lookup.
func BenchmarkCID(b *testing.B) {
	enc := mustPredefined(b, "UniJIS-UCS2-H")
	cs := codes()
	i := 0
	for b.Loop() {
		enc.CID(cs[i])
		if i++; i == len(cs) {
			i = 0
		}
	}
}

// BenchmarkUnicode looks up the text of the sample's CIDs in
// Adobe-Japan1-UCS2. One op is one lookup.
func BenchmarkUnicode(b *testing.B) {
	enc, uni := mustPredefined(b, "UniJIS-UCS2-H"), mustUnicode(b)
	var cids []uint32
	for _, c := range codes() {
		cid, _ := enc.CID(c)
		cids = append(cids, cid)
	}
	i := 0
	for b.Loop() {
		uni.Unicode(cids[i])
		if i++; i == len(cids) {
			i = 0
		}
	}
}

func benchmarkParse(b *testing.B, name string) {
	data, err := files.ReadFile("Adobe-Japan1/" + name)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseUniJISUCS2H(b *testing.B)     { benchmarkParse(b, "UniJIS-UCS2-H") }
func BenchmarkParseAdobeJapan1UCS2(b *testing.B) { benchmarkParse(b, "Adobe-Japan1-UCS2") }
func BenchmarkParseUniJISUCS2V(b *testing.B)     { benchmarkParse(b, "UniJIS-UCS2-V") }
