package normalize

import (
	"strings"

	"golang.org/x/text/unicode/norm"

	"perinet/ideograph"
)

// normal returns text in the form every parser of this package reads:
// NFKC, with the radicals and compatibility ideographs that stand for
// unified ideographs folded to them (ideograph.Fold: 2⽉ is 2月, ⻄ is 西),
// and without variation selectors and zero-width characters. White space
// and line breaks are kept. It returns text itself when that is already
// the form, as it is for most text, without allocating.
//
// Parsers read the normal form and quote text as written in their
// problems.
func normal(text string) string {
	if isPlain(text) {
		return text
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case '\uFE0E', '\uFE0F', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF':
			return -1 // variation selectors, zero-width spaces and joiners, BOM
		}
		return r
	}, ideograph.Fold(norm.NFKC.String(text)))
}

// isPlain reports whether text is made only of characters that the normal
// form leaves as they are and that combine with nothing before them:
// ASCII, kana without the combining sound marks, the CJK unified
// ideographs, and a few of their marks (、。々〇). Such text is in the
// normal form, and most text of a form (H22年2月, 区西南部) is such text.
func isPlain(text string) bool {
	for _, r := range text {
		if !isPlainRune(r) {
			return false
		}
	}
	return true
}

func isPlainRune(r rune) bool {
	return r < 0x80 ||
		('\u3001' <= r && r <= '\u3002') || // 、。
		('\u3005' <= r && r <= '\u3007') || // 々〆〇
		('\u3041' <= r && r <= '\u3096') || // hiragana ぁ to ゖ
		('\u30A1' <= r && r <= '\u30FC') || // katakana ァ to ー
		('\u4E00' <= r && r <= '\u9FFF') // CJK Unified Ideographs
}

// Clean returns text in the normal form of the parsers (NFKC, radicals
// folded to ideographs, without variation selectors and zero-width
// characters), with white space trimmed and runs of it collapsed to one
// space.
func Clean(text string) string {
	return strings.Join(strings.Fields(normal(text)), " ")
}
