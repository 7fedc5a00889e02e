package table

import (
	"testing"

	"perinet/ingest/pdf"
)

// benchGlyphs is the size of the benchmark's page.
const benchGlyphs = 500

// BenchmarkSheets reads a page of 500 glyphs: the ruled one-group form of
// 区西南部, with lines of notes below it to make up the count.
func BenchmarkSheets(b *testing.B) {
	p := formPage(published(b)[2], 1, false)
	s := &sketch{page: p}
	for y := 200.0; len(p.Glyphs) < benchGlyphs; y -= 12 {
		s.write(31, y, 10, "※備考：周産期医療機関連携ガイドラインに沿った役割分担 (notes)")
	}
	p.Glyphs = p.Glyphs[:benchGlyphs]
	pages := []*pdf.Page{p}
	b.ReportAllocs()
	for b.Loop() {
		Sheets(pages)
	}
}
