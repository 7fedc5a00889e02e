package normalize

import "perinet"

// Mark reads the mark of an item cell: ○ ◯ 〇 ⭕ ● ◎ 有 済 実施 ✓ … for yes,
// × ✕ ✖ ☓ 無 なし 未実施 and a lone dash for no, △ ▲ 一部 for partial, and an
// empty cell for blank. The text is compared after NFKC, with every
// circle and cross variant listed on its own, since NFKC does not unify
// them. Anything else is blank with a bad_mark problem.
func Mark(text string) (perinet.Mark, *perinet.Problem) {
	s := clean(text)
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
		"有", "有り", "あり", "済", "済み", "実施", "実施済", "実施済み", "はい",
		"✓", "✔", "☑", "✅":
		return perinet.Yes, true
	case "×", "✕", "✖", "☓", "✗", "✘", "╳", "❌", "❎",
		"無", "無し", "なし", "未実施", "実施なし", "いいえ", "☐",
		"-", "―", "ー", "‐", "–", "—", "−", "─", "━":
		return perinet.No, true
	case "△", "▲", "▵", "一部", "一部実施", "一部のみ":
		return perinet.Partial, true
	}
	return perinet.Blank, false
}
