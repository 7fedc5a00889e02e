package ingest

import "strings"

// builtInDates holds the codes of the built-in number formats that show a
// date, by id. A workbook refers to them by id alone, without writing the
// code; ids 27–36 and 50–58 depend on the language of Excel, and a form
// from a Japanese hospital means the ja-JP codes below (excelize's ja-JP
// table). The time-only ids are absent: 18–21 (h:mm AM/PM, h:mm:ss …),
// 32 (h"時"mm"分") and 33 (h"時"mm"分"ss"秒"), 45–47 (mm:ss …).
var builtInDates = map[int]string{
	14: "m/d/yyyy",
	15: "d-mmm-yy",
	16: "d-mmm",
	17: "mmm-yy",
	22: "m/d/yy h:mm",
	27: `[$-411]ge.m.d`,
	28: `[$-411]ggge"年"m"月"d"日"`,
	29: `[$-411]ggge"年"m"月"d"日"`,
	30: "m/d/yy",
	31: `yyyy"年"m"月"d"日"`,
	34: `yyyy"年"m"月"`,
	35: `m"月"d"日"`,
	36: `[$-411]ge.m.d`,
	50: `[$-411]ge.m.d`,
	51: `[$-411]ggge"年"m"月"d"日"`,
	52: `yyyy"年"m"月"`,
	53: `m"月"d"日"`,
	54: `[$-411]ggge"年"m"月"d"日"`,
	55: `yyyy"年"m"月"`,
	56: `m"月"d"日"`,
	57: `[$-411]ge.m.d`,
	58: `[$-411]ggge"年"m"月"d"日"`,
}

// A dateFormat is what a number format says about the numbers it shows.
type dateFormat struct {
	isDate   bool // the format shows a date (perhaps with a time)
	showsDay bool // it shows the day of the month
}

// isDateFormat reads a number format code and tells whether it shows a
// date, and whether it shows the day. Only the first section (the one for
// positive numbers, up to the first unquoted ';') counts. Quoted text,
// characters escaped with '\', the character after '_' or '*', bracketed
// sections ([$-411], [Red]; but [h], [mm] and [ss] are elapsed time), the word General, AM/PM and A/P, and the
// E+ or E- of scientific notation are skipped. What is left is a date when
// it has a y (year), d (day), g (era name) or e (era year) token, or an m
// that is a month: an m is minutes when the date-time token before it is
// an h or the one after it is an s (h:mm, mm:ss), as in Excel. d and dd are
// the day; ddd and dddd are the weekday, which does not show the day.
// Letters are read regardless of case (LibreOffice writes YYYY/MM/DD).
func isDateFormat(code string) dateFormat {
	// The date-time tokens of the section: a letter and its run length.
	type token struct {
		c rune
		n int
	}
	var toks []token
	s := strings.ToLower(code)
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ';':
			i = len(s) // only the first section
			continue
		case c == '"':
			j := strings.IndexByte(s[i+1:], '"')
			if j < 0 {
				i = len(s)
			} else {
				i += j + 2
			}
			continue
		case c == '\\' || c == '_' || c == '*':
			i += 2
			continue
		case c == '[':
			j := strings.IndexByte(s[i:], ']')
			if j < 0 {
				i = len(s)
				continue
			}
			// Elapsed time ([h], [mm], [ss]) is a token; the rest
			// ([$-411], [Red], [>100], [DBNum1]) is not.
			if in := s[i+1 : i+j]; in != "" && strings.Trim(in, in[:1]) == "" && strings.Contains("hms", in[:1]) {
				toks = append(toks, token{rune(in[0]), len(in)})
			}
			i += j + 1
			continue
		case strings.HasPrefix(s[i:], "general"):
			i += len("general")
			continue
		case strings.HasPrefix(s[i:], "am/pm"):
			i += len("am/pm")
			continue
		case strings.HasPrefix(s[i:], "a/p"):
			i += len("a/p")
			continue
		case c == 'e' && i+1 < len(s) && (s[i+1] == '+' || s[i+1] == '-'):
			i += 2
			continue
		case c == 'y' || c == 'm' || c == 'd' || c == 'h' || c == 's' || c == 'g' || c == 'e':
			j := i
			for j < len(s) && s[j] == c {
				j++
			}
			toks = append(toks, token{rune(c), j - i})
			i = j
			continue
		}
		i++
	}
	var f dateFormat
	for k, t := range toks {
		switch t.c {
		case 'y', 'g', 'e':
			f.isDate = true
		case 'd':
			f.isDate = true
			if t.n <= 2 {
				f.showsDay = true
			}
		case 'm':
			minute := (k > 0 && toks[k-1].c == 'h') || (k+1 < len(toks) && toks[k+1].c == 's')
			if !minute {
				f.isDate = true
			}
		}
	}
	return f
}
