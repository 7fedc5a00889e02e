package ingest

import "testing"

func TestIsDateFormat(t *testing.T) {
	tests := []struct {
		code     string
		date     bool
		showsDay bool
	}{
		// Japanese era formats, as Excel and LibreOffice write them.
		{`[$-411]ggge"年"m"月"`, true, false},
		{`[$-1030411]ggge"年"m"月"d"日"`, true, true},
		{`[$-ja-JP-x-gannen]ggge"年"m"月"`, true, false},
		{`[$-411]ge.m.d`, true, true},
		{`ge.m.d`, true, true},
		{`[$-411]GGGE"年"M"月"D"日"`, true, true},
		{`[$-411]ggge"年"m"月"d"日";@`, true, true},
		// Gregorian.
		{`yyyy/m/d`, true, true},
		{`yyyy"年"m"月"`, true, false},
		{`YYYY/MM/DD`, true, true},
		{`m/d/yy h:mm`, true, true},
		{`mmm-yy`, true, false},
		{`d-mmm`, true, true},
		{`m"月"d"日"`, true, true},
		{`yyyy/m/d\ (aaa)`, true, true},
		{`mmmm`, true, false},
		{`yyyy"年"m"月"\ dddd`, true, false}, // dddd is the weekday
		{`[$-F800]dddd\,\ mmmm\ dd\,\ yyyy`, true, true},
		{`[Red]yyyy/m/d`, true, true},
		// Time only: m after h, or before s, is minutes.
		{`h:mm`, false, false},
		{`h:mm:ss`, false, false},
		{`mm:ss`, false, false},
		{`[h]:mm:ss`, false, false},
		{`[h]:mm`, false, false},
		{`[mm]:ss`, false, false},
		{`h"時"mm"分"`, false, false},
		{`h:mm AM/PM`, false, false},
		{`h:mm a/p`, false, false},
		// Numbers and text: letters inside quotes, escapes, brackets do not count.
		{`General`, false, false},
		{`0`, false, false},
		{`#,##0"施設"`, false, false},
		{`0"日"`, false, false},
		{`0.00E+00`, false, false},
		{`##0.0e-0`, false, false},
		{`\d0`, false, false},
		{`_-* #,##0_-;\-* #,##0_-;_-* "-"_-;_-@_-`, false, false},
		{`[$¥-411]#,##0`, false, false},
		{`"year"0`, false, false},
		{`@`, false, false},
		{`0;[Red]yyyy`, false, false}, // only the first section counts
		{``, false, false},
		{`"unterminated`, false, false},
		{`[unterminated`, false, false},
	}
	for _, tt := range tests {
		got := isDateFormat(tt.code)
		if got.isDate != tt.date || got.showsDay != tt.showsDay {
			t.Errorf("isDateFormat(%q) = date %v, day %v; want date %v, day %v",
				tt.code, got.isDate, got.showsDay, tt.date, tt.showsDay)
		}
	}
}

func TestBuiltInDates(t *testing.T) {
	noDay := map[int]bool{17: true, 34: true, 52: true, 55: true}
	for id, code := range builtInDates {
		got := isDateFormat(code)
		if !got.isDate || got.showsDay == noDay[id] {
			t.Errorf("built-in %d (%s) = date %v, day %v; want date true, day %v", id, code, got.isDate, got.showsDay, !noDay[id])
		}
	}
	for _, id := range []int{0, 1, 18, 19, 20, 21, 32, 33, 45, 46, 47, 49} {
		if _, ok := builtInDates[id]; ok {
			t.Errorf("built-in %d is a date; it shows a number or a time", id)
		}
	}
}
