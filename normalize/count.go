package normalize

import (
	"strings"
	"unicode/utf8"

	"perinet"
)

// countUnits are the words that may follow a facility count, longest
// first so that 医療機関 is not taken for 機関.
var countUnits = [...]string{"医療機関", "施設", "か所", "ヵ所", "ヶ所", "カ所", "ケ所", "箇所", "個所", "機関", "病院", "件"}

// maxCount bounds a facility count; a larger number is a typing error.
const maxCount = 100000

// Count reads a facility count (配布先): 103施設, １０３施設, 103 施設,
// 103か所, 1,030, 103, or 百三施設. Text that is not a number, such as
// 多摩地域全体分を杏林大が集約・配付, is kept as a note. What cannot be a count
// (-3, 10.5, 1000000, or a mark or placeholder: ○, ○○施設) is bad_count;
// text that looks like a count but is not a plain one (約100施設,
// 区内の全施設) is kept as a note with a warning, since no number was taken.
// The text is read, and a note kept, in its normal form (Clean).
func Count(text string) (perinet.Count, *perinet.Problem) {
	s := Clean(text)
	if s == "" {
		return perinet.Count{}, nil
	}
	body, unit := trimCountUnit(s)
	body = strings.TrimSpace(body)
	n, kind := countNumber(body)
	switch kind {
	case countOK:
		return perinet.Count{N: &n}, nil
	case countInvalid:
		return perinet.Count{}, errorf(perinet.BadCount, text,
			"「%s」を施設数として読めません。0以上の整数で「103施設」のように書いてください", text)
	}
	if unit || strings.ContainsAny(s, "0123456789") {
		return perinet.Count{Note: s}, warningf(perinet.BadCount, text,
			"「%s」は施設数ではなく文として扱いました。数を集計するには「103施設」のように数だけを書いてください", text)
	}
	return perinet.Count{Note: s}, nil
}

// trimCountUnit removes the unit from the end of s, and says whether it did.
func trimCountUnit(s string) (string, bool) {
	for _, u := range countUnits {
		if strings.HasSuffix(s, u) {
			return s[:len(s)-len(u)], true
		}
	}
	return s, false
}

// A countKind says what a count's text is.
type countKind uint8

const (
	countOK      countKind = iota // a whole number of facilities
	countInvalid                  // a number, but not a possible count
	countText                     // not a number
)

// countNumber reads the number of a count without its unit: digits with
// optional thousands separators and an optional ".0" (as a numeric
// spreadsheet cell gives it), or kanji numerals.
func countNumber(s string) (int, countKind) {
	if isPlaceholder(s) {
		return 0, countInvalid
	}
	if r, _ := utf8.DecodeRuneInString(s); kanjiDigit(r) >= 0 || kanjiUnit(r) > 0 {
		t, rest, ok := lexKanjiNumber(s)
		if !ok || rest != "" {
			return 0, countText
		}
		return bounded(t.val)
	}
	neg := strings.HasPrefix(s, "-")
	whole, frac, hasFrac := strings.Cut(strings.TrimPrefix(s, "-"), ".")
	n, ok := digitsWithCommas(whole)
	if !ok || (frac != "" && !allDigits(frac)) {
		return 0, countText
	}
	if neg || (hasFrac && frac == "") || strings.Trim(frac, "0") != "" {
		return 0, countInvalid
	}
	return bounded(n)
}

// isPlaceholder reports whether s, in the normal form, is a mark or a row
// of them (○, ○○, ××, ＊＊ as **) where a number should be: a template left unfilled, or a mark
// typed into the count's cell.
func isPlaceholder(s string) bool {
	if s == "" {
		return false
	}
	if m, ok := markOf(s); ok && m != perinet.Blank {
		return true
	}
	return strings.Trim(s, "○〇◯●×*") == ""
}

func bounded(n int) (int, countKind) {
	if n > maxCount {
		return 0, countInvalid
	}
	return n, countOK
}

// digitsWithCommas reads 103 or 1,030: digits, perhaps in groups of three
// after the first. A number too long to be a count reads as maxCount+1.
func digitsWithCommas(s string) (int, bool) {
	groups := strings.Split(s, ",")
	n, digits := 0, 0
	for i, g := range groups {
		if !allDigits(g) || (i > 0 && len(g) != 3) || (len(groups) > 1 && i == 0 && len(g) > 3) {
			return 0, false
		}
		for _, c := range g {
			n = n*10 + int(c-'0')
			if digits++; digits > 9 {
				return maxCount + 1, true
			}
		}
	}
	return n, true
}

// allDigits reports whether s is one or more ASCII digits.
func allDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}
