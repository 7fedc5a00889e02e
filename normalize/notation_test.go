package normalize

import (
	"fmt"
	"strings"

	"golang.org/x/text/unicode/norm"

	"perinet"
)

// The notations below write a date back in each way EraDate reads, for the
// round-trip checks of the fuzz targets and for the benchmark's inputs.

// eraAt returns the era that covers day d.
func eraAt(d day) *era {
	for i := len(eras) - 1; i >= 0; i-- {
		if d >= eras[i].first {
			return &eras[i]
		}
	}
	return nil
}

// kanjiTens writes n in kanji with 十: 22 → 二十二, 10 → 十.
func kanjiTens(n int) string {
	const digits = "〇一二三四五六七八九"
	d := []rune(digits)
	var b strings.Builder
	if n >= 10 {
		if n/10 > 1 {
			b.WriteRune(d[n/10])
		}
		b.WriteRune('十')
		n %= 10
		if n == 0 {
			return b.String()
		}
	}
	b.WriteRune(d[n])
	return b.String()
}

// kanjiPositional writes n digit by digit: 2010 → 二〇一〇.
func kanjiPositional(n int) string {
	d := []rune("〇一二三四五六七八九")
	var b strings.Builder
	for _, c := range fmt.Sprint(n) {
		b.WriteRune(d[c-'0'])
	}
	return b.String()
}

// ligature returns the one character that NFKC writes as the name of
// era e: ㍻ for 平成.
func ligature(e *era) string {
	for _, r := range "㍾㍽㍼㍻㋿" {
		if norm.NFKC.String(string(r)) == e.name {
			return string(r)
		}
	}
	panic("no ligature for " + e.name)
}

// notations returns d written in every notation EraDate reads.
func notations(d perinet.Date) []string {
	first, _ := span(d)
	e := eraAt(first)
	y := d.Year - e.first.year() + 1
	eraYear := fmt.Sprint(y)
	kanjiYear := kanjiTens(y)
	if y == 1 {
		kanjiYear = "元"
	}
	md := func(sep string) string {
		if d.Day == 0 {
			return fmt.Sprint(d.Month)
		}
		return fmt.Sprintf("%d%s%d", d.Month, sep, d.Day)
	}
	jp := func(m, dd string) string {
		if d.Day == 0 {
			return m + "月"
		}
		return m + "月" + dd + "日"
	}
	ascii := jp(fmt.Sprint(d.Month), fmt.Sprint(d.Day))
	out := []string{
		e.name + eraYear + "年" + ascii,
		e.short + eraYear + "年" + ascii,
		string(e.initial) + eraYear + "." + md("."),
		string(e.initial) + "." + eraYear + "." + md("."),
		strings.ToLower(string(e.initial)) + eraYear + "/" + md("/"),
		string(e.initial) + eraYear + "-" + md("-"),
		ligature(e) + eraYear + "年" + ascii,
		e.name + kanjiYear + "年" + jp(kanjiTens(d.Month), kanjiTens(d.Day)),
		e.name + kanjiPositional(y) + "年" + jp(kanjiPositional(d.Month), kanjiPositional(d.Day)),
		fmt.Sprintf("%d年%s", d.Year, ascii),
		fmt.Sprintf("%d/%s", d.Year, md("/")),
		fmt.Sprintf("%d.%s", d.Year, md(".")),
		kanjiPositional(d.Year) + "年" + jp(kanjiPositional(d.Month), kanjiPositional(d.Day)),
		toFullWidth(string(e.initial) + eraYear + "年" + ascii),
	}
	if d.Day == 0 {
		out = append(out, fmt.Sprintf("%d-%02d", d.Year, d.Month), fmt.Sprintf("%d%02d", d.Year, d.Month))
	} else {
		out = append(out, fmt.Sprintf("%d-%02d-%02d", d.Year, d.Month, d.Day), fmt.Sprintf("%d%02d%02d", d.Year, d.Month, d.Day))
	}
	return out
}

// toFullWidth writes the ASCII letters and digits of s in full width.
func toFullWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r > ' ' && r < 0x7F {
			return r + ('！' - '!')
		}
		return r
	}, s)
}
