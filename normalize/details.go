package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Details splits the free text of an item (具体的内容, or the text in the
// cell of items 6–8) into entries, as the contract says: NFKC, trimmed,
// white space collapsed; split at line breaks, at bullets (・ • ● ◆ ■ at
// the start of a line or after a space) and at circled numbers (① ②);
// a leading bullet or numbering (・ • - * 1. 1) (1) ①) removed; one pair
// of brackets that encloses the whole entry removed (（連携会議で検討） →
// 連携会議で検討); empty entries dropped. The result is never nil.
func Details(text string) []string {
	entries := []string{}
	for _, line := range strings.FieldsFunc(prepare(text), isLineBreak) {
		for _, e := range splitAtBullets(line) {
			if e = entry(e); e != "" {
				entries = append(entries, e)
			}
		}
	}
	return entries
}

// prepare turns circled numbers into line breaks, since each starts an
// entry, and then applies NFKC (which would turn ① into a bare 1).
func prepare(text string) string {
	return norm.NFKC.String(strings.Map(func(r rune) rune {
		if isCircledNumber(r) {
			return '\n'
		}
		return r
	}, text))
}

func isLineBreak(r rune) bool {
	return r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' || r == '\v' || r == '\f'
}

// isCircledNumber reports whether r is a numbering character such as ①, ㉑,
// ❶ or ➀.
func isCircledNumber(r rune) bool {
	return (r >= '\u2460' && r <= '\u2473') || // ① .. ⑳
		(r >= '\u3251' && r <= '\u325F') || // ㉑ .. ㉟
		(r >= '\u32B1' && r <= '\u32BF') || // ㊱ .. ㊿
		(r >= '\u2776' && r <= '\u2793') || // ❶ .. ➓
		(r >= '\u24EB' && r <= '\u24FF') // ⓫ .. ⓿
}

// isBullet reports whether r, in NFKC form, is a bullet that starts an
// entry wherever it follows a space.
func isBullet(r rune) bool {
	switch r {
	case '・', '•', '●', '◆', '◇', '■', '□', '▪', '◦', '‣', '⁃', '∙':
		return true
	}
	return false
}

// splitAtBullets splits a line before every bullet that begins it or
// follows white space; a bullet inside a word (集約・配付) does not split.
func splitAtBullets(line string) []string {
	var parts []string
	start := 0
	prevSpace := true
	for i, r := range line {
		if isBullet(r) && prevSpace && i > start {
			parts = append(parts, line[start:i])
			start = i
		}
		prevSpace = unicode.IsSpace(r)
	}
	return append(parts, line[start:])
}

// entry cleans one entry: white space, a leading bullet or numbering, and
// enclosing brackets.
func entry(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.TrimSpace(trimNumbering(trimBullet(s)))
	return strings.TrimSpace(unbracket(s))
}

func trimBullet(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if isBullet(r) || r == '-' || r == '*' || r == '+' {
		return strings.TrimSpace(s[size:])
	}
	return s
}

// trimNumbering removes 1. 1) 1、 and (1) from the start of s, but not
// the 1 of 1.5倍 or 10月.
func trimNumbering(s string) string {
	if strings.HasPrefix(s, "(") {
		if n := leadingDigits(s[1:]); n > 0 && n <= 2 && strings.HasPrefix(s[1+n:], ")") {
			return s[2+n:]
		}
		return s
	}
	n := leadingDigits(s)
	if n == 0 || n > 2 || n == len(s) {
		return s
	}
	rest := s[n:]
	switch {
	case strings.HasPrefix(rest, ")"):
		return rest[len(")"):]
	case strings.HasPrefix(rest, "、"):
		return rest[len("、"):]
	case strings.HasPrefix(rest, "."):
		if r, _ := utf8.DecodeRuneInString(rest[1:]); r < '0' || r > '9' {
			return rest[1:]
		}
	}
	return s
}

func leadingDigits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

// brackets pairs each opening bracket, in NFKC form, with its closing one.
var brackets = map[rune]rune{'(': ')', '[': ']', '「': '」', '『': '』', '【': '】', '〔': '〕', '<': '>', '〈': '〉', '《': '》', '{': '}'}

// unbracket removes one pair of brackets that encloses the whole of s:
// (連携会議で検討) but not (A)と(B).
func unbracket(s string) string {
	open, size := utf8.DecodeRuneInString(s)
	closing, ok := brackets[open]
	if !ok || !strings.HasSuffix(s, string(closing)) || len(s) < size+utf8.RuneLen(closing) {
		return s
	}
	depth := 0
	for i, r := range s {
		switch r {
		case open:
			depth++
		case closing:
			depth--
			if depth == 0 && i+utf8.RuneLen(r) != len(s) {
				return s
			}
		}
	}
	if depth != 0 {
		return s
	}
	return s[size : len(s)-utf8.RuneLen(closing)]
}
