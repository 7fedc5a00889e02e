package typeset

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A Measure returns the width of text as it would be drawn. Break assumes
// that widths add up: the width of a string is the sum of the widths of its
// parts (true of a font drawn without kerning, as perinet draws IPAex).
type Measure func(text string) float64

// Break breaks text into lines no wider than width, as measured by measure.
//
// Every "\n" in text ends a line. Elsewhere a line may break between any
// two Japanese characters, except that a character that must not start a
// line (NoStart: 、。）」ー and small kana such as っ) stays with the one
// before it, and one that must not end a line (NoEnd: （「) stays with the
// one after it. A run of Latin letters and digits (NCPR, J-MELS, 103), and
// a run of katakana (ベーシックコース, センター), is a word broken only at
// spaces, unless it is wider than a whole line; spaces stay
// at the end of the line they follow and do not count against its width.
//
// No character is lost or added: joining the lines gives text back without
// its "\n"s. Text with no characters gives one empty line; a line is empty
// only where text has an empty line.
func Break(text string, width float64, measure Measure) []string {
	var lines []string
	for para := range strings.SplitSeq(text, "\n") {
		lines = append(lines, breakParagraph(para, width, measure, true)...)
	}
	return lines
}

// Narrowest returns the narrowest width at which Break sets text without
// breaking a word or a pair the kinsoku rules hold together: the width of
// the widest such piece, the spaces after it left out. Text with no
// characters is 0 wide.
func Narrowest(text string, measure Measure) float64 {
	widest := 0.0
	for para := range strings.SplitSeq(text, "\n") {
		for _, p := range pieces(para, true) {
			widest = max(widest, measure(strings.TrimRightFunc(p, unicode.IsSpace)))
		}
	}
	return widest
}

// breakParagraph breaks text without "\n" greedily: each line takes as many
// unbreakable pieces as fit. With words false, only the kinsoku rules
// hold characters together (a katakana word wider than a line).
func breakParagraph(text string, width float64, measure Measure, words bool) []string {
	var (
		lines []string
		cur   strings.Builder
		curW  float64
	)
	flush := func() {
		if cur.Len() > 0 {
			lines = append(lines, cur.String())
			cur.Reset()
			curW = 0
		}
	}
	for _, piece := range pieces(text, words) {
		w := measure(piece)
		fit := measure(strings.TrimRightFunc(piece, unicode.IsSpace))
		switch {
		case curW+fit <= width:
		case fit <= width:
			flush()
		default:
			flush()
			split := splitRunes(piece, width, measure)
			if words && strings.ContainsFunc(piece, isKatakana) {
				split = breakParagraph(piece, width, measure, false)
			}
			lines = append(lines, split[:len(split)-1]...)
			piece = split[len(split)-1]
			w = measure(piece)
		}
		cur.WriteString(piece)
		curW += w
	}
	flush()
	if len(lines) == 0 {
		return []string{""}
	}
	return lines
}

// splitRunes breaks a piece wider than a line at whatever character fills
// the line, keeping at least one character on each line.
func splitRunes(piece string, width float64, measure Measure) []string {
	var (
		out   []string
		start int
		w     float64
	)
	for i, r := range piece {
		rw := measure(string(r))
		if i > start && w+rw > width && !unicode.IsSpace(r) {
			out = append(out, piece[start:i])
			start, w = i, 0
		}
		w += rw
	}
	return append(out, piece[start:])
}

// pieces cuts a paragraph into the pieces a line may not break inside:
// words (when words is set) and single Japanese characters, each with the
// spaces after it, then glued by the kinsoku rules. A paragraph that
// begins with characters that must not begin a line (a bullet ・) keeps
// them with what follows.
func pieces(text string, words bool) []string {
	var out []string
	for _, u := range units(text, words) {
		n := len(out)
		if n > 0 && (startsNoStart(u) || endsNoEnd(out[n-1]) || n == 1 && allNoStart(out[0])) {
			out[n-1] += u
			continue
		}
		out = append(out, u)
	}
	return out
}

// startsNoStart reports whether s begins with a character that must not
// begin a line.
func startsNoStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return NoStart(r)
}

// allNoStart reports whether s, its spaces left out, is made of
// characters that must not begin a line.
func allNoStart(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) && !NoStart(r) {
			return false
		}
	}
	return true
}

// endsNoEnd reports whether s ends with a character that must not end a line.
func endsNoEnd(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return NoEnd(r)
}

// units cuts a paragraph into words (runs of characters of one word
// class: Latin, or katakana) and single other characters; spaces join the
// unit before them, or make a unit of their own at the start.
func units(text string, words bool) []string {
	var out []string
	start := 0
	prev := none
	for i, r := range text {
		space, class := unicode.IsSpace(r), wordClass(r)
		if !words && class == katakana {
			class = none
		}
		switch {
		case i == 0, space, class != none && class == prev && !endsSpace(text[start:i]):
		default:
			out = append(out, text[start:i])
			start = i
		}
		if !space {
			prev = class
		}
	}
	if start < len(text) {
		out = append(out, text[start:])
	}
	return out
}

// isKatakana reports whether r belongs to a katakana word.
func isKatakana(r rune) bool { return wordClass(r) == katakana }

// endsSpace reports whether s ends with a space.
func endsSpace(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsSpace(r)
}

// A class is the kind of word a character belongs to: words of one class
// are not broken.
type class int

const (
	none     class = iota // a character a line may break before and after
	latin                 // J-MELS, NCPR, 103
	katakana              // ベーシックコース, センター
)

// wordClass returns the class of word r belongs to: Latin letters and
// digits, in half and full width, and the ASCII punctuation that joins them
// (J-MELS, e-mail, 1.5, A/B), but not brackets; katakana in full and half
// width with the long vowel mark, but not the middle dot that parts words
// (ノート・ダイアリー); none for every other character.
func wordClass(r rune) class {
	switch {
	case r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ':
		return latin
	case r == '・' || r == '･':
		return none
	case r >= 0x30A1 && r <= 0x30FF, r >= 0x31F0 && r <= 0x31FF, r >= 0xFF66 && r <= 0xFF9F:
		return katakana
	case r >= 0x2E80:
		return none // CJK, hiragana, wide and half-width forms
	case r < 0x80 && (unicode.IsPunct(r) || unicode.IsSymbol(r)):
		if strings.ContainsRune(`()[]{}<>"'`, r) {
			return none
		}
		return latin
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		return latin
	}
	return none
}
