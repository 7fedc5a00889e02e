package normalize

import (
	"strings"
	"unicode/utf8"
)

// tokenKind is the kind of a token of a written date.
type tokenKind uint8

const (
	tNum    tokenKind = iota // a number in digits or kanji, or 元
	tEra                     // an era: 平成, 平, H, ㍻
	tSep                     // . / - between numbers
	tYear                    // 年
	tMonth                   // 月
	tDay                     // 日
	tFiscal                  // 年度, or the FY before a year
	tColon                   // : in a time of day
	tOpen                    // (
	tClose                   // )
)

// A token is one meaningful piece of a written date.
type token struct {
	kind   tokenKind
	sep    byte // tSep: which separator
	era    int8 // tEra: index into eras
	digits int8 // tNum: how many digits it was written with; 0 for 元
	kanji  bool // tNum: written in kanji numerals
	val    int  // tNum: its value
}

// maxTokens bounds the tokens of one date; longer text is not a date.
const maxTokens = 24

// tokens is a fixed array so that lexing a date in the normal form
// allocates nothing.
type tokens struct {
	t [maxTokens]token
	n int
}

func (ts *tokens) add(t token) bool {
	if ts.n == len(ts.t) {
		return false
	}
	ts.t[ts.n] = t
	ts.n++
	return true
}

// suffixWords may follow a date and mean nothing to its value: 開始年月 is
// often written "H22年2月～", "H22年2月から" or "H22年2月～現在".
var suffixWords = [...]string{"から", "より", "開始", "以降", "頃", "ごろ", "現在", "継続中", "継続"}

// suffixStarts holds the first rune, folded, of every suffix: the wave
// dash, an opening bracket and the first rune of each suffix word.
const suffixStarts = "~(かよ開以頃ご現継"

// lexDate splits text, in its normal form, into tokens. It reports false
// when the text holds something that has no place in a date.
func lexDate(text string, ts *tokens) bool {
	s := normal(text)
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		r = foldRune(r)
		switch {
		case r == ' ':
			s = s[size:]
			continue
		case r >= '0' && r <= '9':
			n, rest, ok := lexDigits(s)
			if !ok || !ts.add(n) {
				return false
			}
			s = rest
			continue
		case kanjiDigit(r) >= 0 || kanjiUnit(r) > 0:
			n, rest, ok := lexKanjiNumber(s)
			if !ok || !ts.add(n) {
				return false
			}
			s = rest
			continue
		}
		if strings.ContainsRune(suffixStarts, r) && isSuffix(s) {
			return true
		}
		t, rest, ok := lexWord(s, r, size)
		if !ok {
			return false
		}
		if !ts.add(t) {
			return false
		}
		s = rest
	}
	return true
}

// isSuffix reports whether s is made of suffixes only: suffix words, a
// wave dash (～), a weekday in brackets ((月)), or any of these in brackets
// ((継続)).
func isSuffix(s string) bool {
	for {
		s = trimSpaces(s)
		if s == "" {
			return true
		}
		rest, ok := trimSuffix(s)
		if !ok {
			return false
		}
		s = rest
	}
}

// trimSuffix removes one suffix from the start of s.
func trimSuffix(s string) (string, bool) {
	r, size := utf8.DecodeRuneInString(s)
	switch foldRune(r) {
	case '~':
		return s[size:], true
	case '(':
		inner, rest, ok := cutClose(s[size:])
		if ok && (isWeekday(inner) || isSuffix(inner)) {
			return rest, true
		}
		return s, false
	}
	for _, w := range suffixWords {
		if strings.HasPrefix(s, w) {
			return s[len(w):], true
		}
	}
	return s, false
}

// cutClose splits s at its first closing bracket.
func cutClose(s string) (inner, rest string, ok bool) {
	for i, r := range s {
		if foldRune(r) == ')' {
			return s[:i], s[i+utf8.RuneLen(r):], true
		}
	}
	return "", s, false
}

func isWeekday(s string) bool {
	s = trimSpaces(s)
	return utf8.RuneCountInString(s) == 1 && strings.Contains("月火水木金土日", s)
}

// trimSpaces removes leading white space, half- or full-width.
func trimSpaces(s string) string {
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		if foldRune(r) != ' ' {
			break
		}
		s = s[size:]
	}
	return s
}

// lexWord reads one token that is not a number, whose first rune, folded, is r.
func lexWord(s string, r rune, size int) (token, string, bool) {
	switch r {
	case '.', '/', '-':
		return token{kind: tSep, sep: byte(r)}, s[size:], true
	case ':':
		return token{kind: tColon}, s[size:], true
	case '(':
		return token{kind: tOpen}, s[size:], true
	case ')':
		return token{kind: tClose}, s[size:], true
	case '年':
		if rest := trimSpaces(s[size:]); strings.HasPrefix(rest, "度") {
			return token{kind: tFiscal}, rest[len("度"):], true
		}
		return token{kind: tYear}, s[size:], true
	case '月':
		return token{kind: tMonth}, s[size:], true
	case '日':
		return token{kind: tDay}, s[size:], true
	case '元':
		return token{kind: tNum, val: 1}, s[size:], true
	}
	if r == 'F' || r == 'f' {
		if r2, size2 := utf8.DecodeRuneInString(s[size:]); foldRune(r2) == 'Y' || foldRune(r2) == 'y' {
			return token{kind: tFiscal}, s[size+size2:], true
		}
	}
	for i := range eras {
		e := &eras[i]
		switch {
		case r == rune(e.initial) || r == rune(e.initial)+'a'-'A':
			rest := s[size:]
			if r2, size2 := utf8.DecodeRuneInString(rest); foldRune(r2) == '.' {
				rest = rest[size2:]
			}
			return token{kind: tEra, era: int8(i)}, rest, true
		case strings.HasPrefix(s, e.name):
			return token{kind: tEra, era: int8(i)}, s[len(e.name):], true
		case strings.HasPrefix(s, e.short):
			return token{kind: tEra, era: int8(i)}, s[len(e.short):], true
		}
	}
	return token{}, s, false
}

// lexDigits reads a run of digits, half- or full-width.
func lexDigits(s string) (token, string, bool) {
	t := token{kind: tNum}
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		r = foldRune(r)
		if r < '0' || r > '9' {
			break
		}
		if t.digits == 9 {
			return t, s, false
		}
		t.val = t.val*10 + int(r-'0')
		t.digits++
		s = s[size:]
	}
	return t, s, true
}

// kanjiDigit returns the value of a kanji digit, or -1. ○ stands for 〇, as
// people often write 二○一○.
func kanjiDigit(r rune) int {
	switch r {
	case '〇', '○', '零':
		return 0
	case '一':
		return 1
	case '二':
		return 2
	case '三':
		return 3
	case '四':
		return 4
	case '五':
		return 5
	case '六':
		return 6
	case '七':
		return 7
	case '八':
		return 8
	case '九':
		return 9
	}
	return -1
}

// kanjiUnit returns the value of 十, 百 or 千, or 0.
func kanjiUnit(r rune) int {
	switch r {
	case '十':
		return 10
	case '百':
		return 100
	case '千':
		return 1000
	}
	return 0
}

// lexKanjiNumber reads a kanji numeral: positional (二〇一〇, 二二) or with
// units (二千十, 二十二, 十).
func lexKanjiNumber(s string) (token, string, bool) {
	t := token{kind: tNum, kanji: true}
	var total, cur, lastUnit int
	positional, units := 0, false
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		if d := kanjiDigit(r); d >= 0 {
			if positional == 9 {
				return t, s, false
			}
			cur = cur*10 + d
			positional++
		} else if u := kanjiUnit(r); u > 0 {
			if (lastUnit != 0 && u >= lastUnit) || positional > 1 {
				return t, s, false
			}
			if positional == 0 {
				cur = 1
			}
			total += cur * u
			cur, positional, lastUnit, units = 0, 0, u, true
		} else {
			break
		}
		s = s[size:]
	}
	if (units && positional > 1) || (!units && cur == 0) {
		return t, s, false // 二十二三, or only zeros: 〇月 and ○○ are placeholders, not numbers
	}
	t.val = total + cur
	if units {
		t.digits = ndigits(t.val)
	} else {
		t.digits = int8(positional)
	}
	return t, s, true
}

// ndigits returns how many decimal digits n has.
func ndigits(n int) int8 {
	var d int8 = 1
	for ; n >= 10; n /= 10 {
		d++
	}
	return d
}
