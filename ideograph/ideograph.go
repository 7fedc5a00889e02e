// Package ideograph folds the characters that stand in for CJK unified
// ideographs to the ideographs themselves: PDF producers (Chromium and
// Skia, macOS Quartz) map glyphs to Kangxi radicals and CJK Radicals
// Supplement code points (⽉ U+2F49 for 月, ⻄ U+2EC4 for 西), and people
// paste such text into workbooks, where it reads as a bad date (H22年2⽉)
// or an unknown name (区⻄南部).
//
// The table comes from the Unicode Character Database (gen.go, and
// LICENSE-UNICODE beside it): the Equivalent_Unified_Ideograph of the
// Kangxi Radicals (U+2F00–U+2FD5), the CJK Radicals Supplement
// (U+2E80–U+2EF3) and the CJK Strokes, and the canonical decomposition of
// the CJK Compatibility Ideographs (U+F900–U+FAFF, U+2F800–U+2FA1F). NFKC
// folds the Kangxi radicals and the compatibility ideographs too, but only
// two of the CJK Radicals Supplement.
package ideograph

//go:generate go run gen.go

import (
	"strings"
	"unicode/utf8"
)

// A block maps the code points from first on: to[r-first] is the unified
// ideograph of r, or 0 when r has none.
type block struct {
	first rune
	to    []rune
}

// FoldRune returns the unified ideograph that r stands for, when r is a
// CJK radical or stroke that Unicode gives an equivalent unified
// ideograph, or a CJK compatibility ideograph with a canonical
// decomposition; otherwise it returns r.
func FoldRune(r rune) rune {
	for i := range blocks {
		b := &blocks[i]
		if r < b.first {
			return r
		}
		if off := r - b.first; off < rune(len(b.to)) {
			if to := b.to[off]; to != 0 {
				return to
			}
			return r
		}
	}
	return r
}

// Fold returns s with every rune folded by FoldRune. It returns s itself,
// without allocating, when no rune changes; bytes that are not valid
// UTF-8 are kept as they are.
func Fold(s string) string {
	for i := 0; i+1 < len(s); i++ {
		if mayFold[s[i]]&(1<<(s[i+1]&0x3F)) == 0 {
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if FoldRune(r) != r {
			return foldFrom(s, i)
		}
		i += size - 1
	}
	return s
}

// foldFrom folds s from byte i, the start of the first rune that changes.
func foldFrom(s string, i int) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/3) // a three-byte radical may fold to a four-byte ideograph
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if f := FoldRune(r); f != r {
			b.WriteRune(f)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}
