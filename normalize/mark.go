package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"perinet"
)

// Mark reads the mark of an item cell: ○ ◯ 〇 ⭕ ● ◎ 有 済 実施 ✓ レ … for yes,
// × ✕ ✖ ☓ 無 なし 未実施 and a lone dash for no, △ ▲ 一部 for partial, and an
// empty cell for blank. The text is compared in its normal form (Clean),
// with every circle and cross variant listed on its own, since NFKC does
// not unify them. Anything else is blank with a bad_mark problem.
func Mark(text string) (perinet.Mark, *perinet.Problem) {
	s := Clean(text)
	if m, ok := markOf(s); ok {
		return m, nil
	}
	return perinet.Blank, errorf(perinet.BadMark, text,
		"「%s」を印として読めません。実施は○、未実施は×、一部実施は△と書くか、空欄にしてください", text)
}

// markOf looks up a mark in its NFKC form.
func markOf(s string) (perinet.Mark, bool) {
	switch s {
	case "":
		return perinet.Blank, true
	case "○", "◯", "〇", "⭕", "●", "◎", "◉", "⚪", "⚫", "⬤",
		"有", "有り", "あり", "済", "済み", "実施", "実施済", "実施済み", "実施した", "実施している", "はい",
		"✓", "✔", "☑", "✅", "レ":
		return perinet.Yes, true
	case "×", "✕", "✖", "☓", "✗", "✘", "╳", "❌", "❎",
		"無", "無し", "なし", "未実施", "実施なし", "実施していない", "実施しなかった", "いいえ", "☐",
		"-", "―", "ー", "‐", "–", "—", "−", "─", "━":
		return perinet.No, true
	case "△", "▲", "▵", "一部", "一部実施", "一部のみ":
		return perinet.Partial, true
	}
	return perinet.Blank, false
}

// LeadingMark reads a mark at the start of a text that goes on after it
// (○ NCPR講習会), as written in the one cell of an item that takes both a
// mark and free text. It returns the mark and the text after it, and false
// when the text does not start with a circle, a cross or a triangle.
//
// The mark is compared in its normal form (￮ is ○). The text after it is
// returned as written, line breaks and circled numbers kept, for Details
// to split into entries.
func LeadingMark(text string) (perinet.Mark, string, bool) {
	s := strings.TrimLeftFunc(text, unicode.IsSpace)
	_, size := utf8.DecodeRuneInString(s)
	switch mark := normal(s[:size]); mark {
	case "○", "◯", "〇", "●", "◎", "×", "✕", "△":
		m, _ := markOf(mark)
		return m, s[size:], true
	}
	return perinet.Blank, text, false
}
