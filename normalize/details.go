package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Details splits the free text of an item (具体的内容, or the text in the
// cell of items 6–8) into entries, as the contract says: in the normal
// form of the parsers (NFKC, radicals folded to ideographs, as Clean),
// trimmed, white space collapsed; split at line breaks, at bullets (・ • ● ◆ ■ at
// the start of a line or after a space), at numbering after a space
// (1. (1)) and at circled numbers (①); a leading bullet or numbering
// removed; one pair of brackets that encloses the whole entry removed
// (（連携会議で検討） → 連携会議で検討); empty entries dropped. Nothing inside
// brackets splits: a line break there is a wrapped line, and the lines are
// joined. The result is never nil.
func Details(text string) []string {
	entries := []string{}
	for _, line := range joinBracketed(strings.FieldsFunc(prepare(text), isLineBreak)) {
		for _, e := range splitEntries(line) {
			if e = entry(e); e != "" {
				entries = append(entries, e)
			}
		}
	}
	return entries
}

// Circled numbers (①) start entries, but NFKC would turn them into bare
// digits. prepare moves each into Unicode's private-use plane 15 first,
// where the normal form leaves it alone, and restore brings back any that
// stay inside an entry.
const circledShift = 0xF0000

// prepare hides circled numbers from NFKC and returns the normal form.
func prepare(text string) string {
	return normal(strings.Map(func(r rune) rune {
		if isCircledNumber(r) {
			return r + circledShift
		}
		return r
	}, text))
}

func isCircled(r rune) bool { return isCircledNumber(r - circledShift) }

// restore turns hidden circled numbers back into themselves.
func restore(s string) string {
	return strings.Map(func(r rune) rune {
		if isCircled(r) {
			return r - circledShift
		}
		return r
	}, s)
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
	case '・', '•', '●', '◆', '◇', '■', '□', '▪', '◦', '‣', '⁃', '∙', '·':
		return true
	}
	return false
}

// joinBracketed joins a line that leaves a bracket open with the lines
// after it, up to the one that closes it: a cell's text wrapped by hand
// inside （…）. A bracket that never closes joins nothing.
func joinBracketed(lines []string) []string {
	closesAt := make([]bool, len(lines)+1) // closesAt[i]: a line from i on closes a bracket
	for i := len(lines) - 1; i >= 0; i-- {
		closesAt[i] = closesAt[i+1] || strings.IndexFunc(lines[i], isClosing) >= 0
	}
	var out []string
	for i := 0; i < len(lines); i++ {
		depth := bracketDepth(lines[i], 0)
		if depth == 0 || !closesAt[i+1] {
			out = append(out, lines[i])
			continue
		}
		var b strings.Builder
		b.WriteString(lines[i])
		for depth > 0 && closesAt[i+1] {
			i++
			joinWrapped(&b, lines[i])
			depth = bracketDepth(lines[i], depth)
		}
		out = append(out, b.String())
	}
	return out
}

// bracketDepth returns how many brackets are open after s, starting from depth.
func bracketDepth(s string, depth int) int {
	for _, r := range s {
		depth = depthAfter(r, depth)
	}
	return depth
}

// depthAfter returns how many brackets are open after r.
func depthAfter(r rune, depth int) int {
	if _, ok := brackets[r]; ok {
		return depth + 1
	}
	if depth > 0 && isClosing(r) {
		return depth - 1
	}
	return depth
}

func isClosing(r rune) bool {
	for _, c := range brackets {
		if r == c {
			return true
		}
	}
	return false
}

// joinWrapped adds the next piece of a wrapped line to b: directly, as
// Japanese is written, or after a space between two Latin words.
func joinWrapped(b *strings.Builder, next string) {
	next = strings.TrimLeftFunc(next, unicode.IsSpace)
	last, _ := utf8.DecodeLastRuneInString(strings.TrimRightFunc(b.String(), unicode.IsSpace))
	first, _ := utf8.DecodeRuneInString(next)
	if isLatin(last) && isLatin(first) {
		b.WriteByte(' ')
	}
	b.WriteString(next)
}

func isLatin(r rune) bool {
	return r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// splitEntries splits a line before every circled number, before every
// bullet or numbering that begins the line or follows white space, but
// never inside brackets or inside a word (集約・配付).
func splitEntries(line string) []string {
	var parts []string
	start, depth, prevSpace := 0, 0, true
	for i, r := range line {
		if depth == 0 && i > start && (isCircled(r) || (prevSpace && (isBullet(r) || hasNumbering(line[i:])))) {
			parts = append(parts, line[start:i])
			start = i
		}
		depth = depthAfter(r, depth)
		prevSpace = unicode.IsSpace(r)
	}
	return append(parts, line[start:])
}

// entry cleans one entry: white space, a leading bullet or numbering, and
// enclosing brackets.
func entry(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.TrimSpace(trimNumbering(trimBullet(s)))
	return strings.TrimSpace(unbracket(restore(s)))
}

func trimBullet(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if isBullet(r) || isCircled(r) || r == '-' || r == '*' || r == '+' {
		return strings.TrimSpace(s[size:])
	}
	return s
}

func hasNumbering(s string) bool { return len(trimNumbering(s)) != len(s) }

// trimNumbering removes 1. 1) and (1) from the start of s, but not the 1
// of 1.5倍, 10月 or 1、2月, nor the (1) of (1)と(2)を統合.
func trimNumbering(s string) string {
	var rest string
	if strings.HasPrefix(s, "(") {
		n := leadingDigits(s[1:])
		if n == 0 || n > 2 || !strings.HasPrefix(s[1+n:], ")") {
			return s
		}
		rest = s[2+n:]
	} else {
		n := leadingDigits(s)
		if n == 0 || n > 2 || n == len(s) || (s[n] != '.' && s[n] != ')') {
			return s
		}
		rest = s[n+1:]
		if r, _ := utf8.DecodeRuneInString(rest); s[n] == '.' && r >= '0' && r <= '9' {
			return s
		}
	}
	if r, _ := utf8.DecodeRuneInString(rest); strings.ContainsRune("とや・、,~", r) {
		return s
	}
	return rest
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
