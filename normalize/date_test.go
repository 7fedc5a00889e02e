package normalize

import (
	"testing"
	"time"

	"perinet"
)

// fixedToday is the "today" of the tests, so that they do not age.
var fixedToday = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

func ym(y, m int) perinet.Date      { return perinet.Date{Year: y, Month: m} }
func ymdv(y, m, d int) perinet.Date { return perinet.Date{Year: y, Month: m, Day: d} }

func TestEraDate(t *testing.T) {
	tests := []struct {
		text string
		want perinet.Date
	}{
		// Latin initials, as in the published table.
		{"H22年2月", ym(2010, 2)},
		{"Ｈ20年8月", ym(2008, 8)},
		{"Ｈ２０年８月", ym(2008, 8)},
		{"H22.2", ym(2010, 2)},
		{"H.22.2", ym(2010, 2)},
		{"Ｈ．２２．２", ym(2010, 2)},
		{"H22/2", ym(2010, 2)},
		{"H22-2", ym(2010, 2)},
		{"Ｈ22－2", ym(2010, 2)},
		{"h22.2", ym(2010, 2)},
		{"H 22年 2月", ym(2010, 2)},
		{"H23年11月", ym(2011, 11)},
		{"H22年02月", ym(2010, 2)},
		{"H01.05", ym(1989, 5)},
		{"S64.1", ym(1989, 1)},
		{"s50.4", ym(1975, 4)},
		{"T15.12", ym(1926, 12)},
		{"M45.7", ym(1912, 7)},
		{"R1.5", ym(2019, 5)},
		{"R2年4月", ym(2020, 4)},
		{"ｒ2年4月", ym(2020, 4)},
		// Kanji era names, short names and 元年.
		{"平成22年2月", ym(2010, 2)},
		{"平22年2月", ym(2010, 2)},
		{"平成元年1月", ym(1989, 1)},
		{"令和元年5月", ym(2019, 5)},
		{"昭和64年1月", ym(1989, 1)},
		{"平成31年4月", ym(2019, 4)},
		{"大正元年7月", ym(1912, 7)},
		{"明治6年1月", ym(1873, 1)},
		{"昭和元年12月", ym(1926, 12)},
		{"令和8年11月", ym(2026, 11)},
		// Kanji numerals.
		{"平成二十二年二月", ym(2010, 2)},
		{"平成二二年二月", ym(2010, 2)},
		{"平成十年十月", ym(1998, 10)},
		{"平成一〇年一〇月", ym(1998, 10)},
		{"平成三十一年四月", ym(2019, 4)},
		{"令和元年十二月", ym(2019, 12)},
		{"二〇一〇年二月", ym(2010, 2)},
		{"二○一○年二月", ym(2010, 2)},
		{"二千十年二月", ym(2010, 2)},
		// Ligatures.
		{"㍻22年2月", ym(2010, 2)},
		{"㍼64年1月", ym(1989, 1)},
		{"㍽15年12月", ym(1926, 12)},
		{"㍾45年7月", ym(1912, 7)},
		{"㋿元年5月", ym(2019, 5)},
		{"㋿2.4", ym(2020, 4)},
		// Gregorian.
		{"2010年2月", ym(2010, 2)},
		{"２０１０年２月", ym(2010, 2)},
		{"2010/2", ym(2010, 2)},
		{"2010-02", ym(2010, 2)},
		{"2010.2", ym(2010, 2)},
		{"201002", ym(2010, 2)},
		{"1873年1月", ym(1873, 1)},
		// With a day.
		{"平成22年2月1日", ymdv(2010, 2, 1)},
		{"H22.2.1", ymdv(2010, 2, 1)},
		{"H22/2/1", ymdv(2010, 2, 1)},
		{"2010/2/1", ymdv(2010, 2, 1)},
		{"2010-02-01", ymdv(2010, 2, 1)},
		{"2010年2月1日", ymdv(2010, 2, 1)},
		{"20100201", ymdv(2010, 2, 1)},
		{"2010/02/01 0:00", ymdv(2010, 2, 1)},
		{"2010/02/01 00:00:00", ymdv(2010, 2, 1)},
		{"平成31年4月30日", ymdv(2019, 4, 30)},
		{"令和元年5月1日", ymdv(2019, 5, 1)},
		{"昭和64年1月7日", ymdv(1989, 1, 7)},
		{"平成元年1月8日", ymdv(1989, 1, 8)},
		{"平成24年2月29日", ymdv(2012, 2, 29)},
		{"平成二十二年二月一日", ymdv(2010, 2, 1)},
		// Excel serial day numbers.
		{"40210", ymdv(2010, 2, 1)},
		{"40210.5", ymdv(2010, 2, 1)},
		// Suffixes and a second notation in brackets.
		{"H22年2月～", ymdv(2010, 2, 0)},
		{"H22年2月〜", ym(2010, 2)},
		{"H22年2月から", ym(2010, 2)},
		{"H22年2月 開始", ym(2010, 2)},
		{"H22年2月（2010年2月）", ym(2010, 2)},
		{"（H22年2月）", ym(2010, 2)},
		{" H22年2月 ", ym(2010, 2)},
		{"平成22年2月～現在", ym(2010, 2)},
		{"H22年2月～（継続）", ym(2010, 2)},
		{"平成22年2月頃から", ym(2010, 2)},
		{"平成22年2月1日(月)", ymdv(2010, 2, 1)},
		{"平成22年2月1日（月）～", ymdv(2010, 2, 1)},
		{"平成22（2010）年2月", ym(2010, 2)},
		{"H22年（2010年）2月", ym(2010, 2)},
		{"2010年2月（H22）", ym(2010, 2)},
		{"H22年2月1日（2010年2月）", ymdv(2010, 2, 1)},
		{"H22年2月\u200b", ym(2010, 2)},
		{"\u3000H22年2月", ym(2010, 2)},
		// Radicals and compatibility ideographs, as PDF producers write them.
		{"H22年2⽉", ym(2010, 2)},         // ⽉ U+2F49, KANGXI RADICAL MOON
		{"H22年2\u2E9D", ym(2010, 2)},    // ⺝ U+2E9D, CJK RADICAL MOON, which NFKC leaves
		{"平成22年2⽉1⽇", ymdv(2010, 2, 1)}, // ⽇ U+2F47
		{"平成⼆⼗⼆年⼆⽉", ym(2010, 2)},       // ⼆ U+2F06, ⼗ U+2F17
		{"⼆〇⼀〇年⼆⽉", ym(2010, 2)},
		{"H22年2⽉～", ym(2010, 2)},
		{"H22年2月から\uFE0F", ym(2010, 2)},
	}
	for _, tt := range tests {
		got, p := EraDate(tt.text, fixedToday)
		if p != nil {
			t.Errorf("EraDate(%q): problem %s: %s", tt.text, p.Code, p.Message)
			continue
		}
		if got != tt.want {
			t.Errorf("EraDate(%q) = %+v, want %+v", tt.text, got, tt.want)
		}
	}
}

func TestEraDateProblems(t *testing.T) {
	tests := []struct {
		text    string
		code    perinet.Code
		message string // when not empty, the exact message
	}{
		{"H31年5月", perinet.DateOutsideEra, "平成31年5月は存在しません（平成は31年4月30日まで）。令和元年5月のことであれば、「令和元年5月」と書いてください"},
		{"平成31年5月", perinet.DateOutsideEra, ""},
		{"平成31年5月1日", perinet.DateOutsideEra, "平成31年5月1日は存在しません（平成は31年4月30日まで）。令和元年5月1日のことであれば、「令和元年5月1日」と書いてください"},
		{"令和元年4月", perinet.DateOutsideEra, "令和元年4月は存在しません（令和は元年5月1日から）。平成31年4月のことであれば、「平成31年4月」と書いてください"},
		{"令和元年4月30日", perinet.DateOutsideEra, ""},
		{"平成32年1月", perinet.DateOutsideEra, ""},
		{"昭和64年1月8日", perinet.DateOutsideEra, "昭和64年1月8日は存在しません（昭和は64年1月7日まで）。平成元年1月8日のことであれば、「平成元年1月8日」と書いてください"},
		{"昭和64年2月", perinet.DateOutsideEra, ""},
		{"平成元年1月7日", perinet.DateOutsideEra, "平成元年1月7日は存在しません（平成は元年1月8日から）。昭和64年1月7日のことであれば、「昭和64年1月7日」と書いてください"},
		{"大正元年6月", perinet.DateOutsideEra, ""},
		{"明治45年7月30日", perinet.DateOutsideEra, ""},
		{"H0.5", perinet.BadDate, ""},
		{"明治5年12月", perinet.BadDate, ""},
		{"1872年12月", perinet.BadDate, ""},
		{"H22年13月", perinet.BadDate, "「H22年13月」の月（13月）は1月から12月の範囲にありません"},
		{"H22年13⽉", perinet.BadDate, "「H22年13⽉」の月（13月）は1月から12月の範囲にありません"}, // quoted as written
		{"H22年0月", perinet.BadDate, ""},
		{"平成31年2月29日", perinet.BadDate, "「平成31年2月29日」：2019年2月に29日はありません"},
		{"H22年4月31日", perinet.BadDate, ""},
		{"H22年2月0日", perinet.BadDate, "「H22年2月0日」：2010年2月に0日はありません"},
		{"2010/2/0", perinet.BadDate, ""},
		{"20100200", perinet.BadDate, ""},
		{"22年2月", perinet.BadDate, ""},
		{"H22", perinet.BadDate, ""},
		{"H22年", perinet.BadDate, ""},
		{"2010", perinet.BadDate, ""},
		{"2010/2/", perinet.BadDate, ""},
		{"H22年2月頃?", perinet.BadDate, ""},
		{"平成", perinet.BadDate, ""},
		{"", perinet.BadDate, ""},
		{"不明", perinet.BadDate, ""},
		{"事業開始時", perinet.BadDate, ""},
		{"X22.2", perinet.BadDate, ""},
		{"元年5月", perinet.BadDate, ""},
		{"H222.2", perinet.BadDate, ""},
		{"60", perinet.BadDate, ""},
		{"平成22年○月", perinet.BadDate, "「平成22年○月」を年月として読めません。「H22年2月」「平成22年2月」「2010年2月」のように書いてください"},
		{"H22年〇〇月", perinet.BadDate, ""},
		{"100201", perinet.BadDate, ""},
		{"平成22年2月まで", perinet.BadDate, ""},
		{"平成22（2011）年2月", perinet.ConflictingValues, ""},
		{"H22年2月1日（2010年3月）", perinet.ConflictingValues, ""},
		{"   ", perinet.BadDate, "年月が空欄です。「H22年2月」のように書いてください"},
		{"H22年2月（2011年2月）", perinet.ConflictingValues, "「H22年2月（2011年2月）」の二つの書き方が食い違っています（2010年2月 と 2011年2月）"},
		{"令和8年12月", perinet.DateInFuture, "「令和8年12月」（2026年12月）は今日（2026年11月25日）より後の日付です"},
		{"令和8年11月26日", perinet.DateInFuture, ""},
		{"2100/1", perinet.DateInFuture, ""},
		{"99999", perinet.DateInFuture, ""},
	}
	for _, tt := range tests {
		got, p := EraDate(tt.text, fixedToday)
		if p == nil {
			t.Errorf("EraDate(%q) = %+v, want problem %s", tt.text, got, tt.code)
			continue
		}
		if p.Code != tt.code || p.Severity != perinet.Error || p.Text != tt.text {
			t.Errorf("EraDate(%q): problem %s %s text %q, want error %s", tt.text, p.Severity, p.Code, p.Text, tt.code)
		}
		if tt.message != "" && p.Message != tt.message {
			t.Errorf("EraDate(%q): message %q, want %q", tt.text, p.Message, tt.message)
		}
		if got != (perinet.Date{}) {
			t.Errorf("EraDate(%q) = %+v with a problem, want the zero Date", tt.text, got)
		}
	}
}

// TestEraDateAllocs checks that a date already in the normal form is read
// without an allocation.
func TestEraDateAllocs(t *testing.T) {
	for _, text := range []string{"H22年2月", "平成二十二年二月一日", "2010/2/1", "H22年2月(2010年2月)から"} {
		if allocs := testing.AllocsPerRun(100, func() { EraDate(text, fixedToday) }); allocs != 0 {
			t.Errorf("EraDate(%q): %v allocations, want 0", text, allocs)
		}
	}
}

func TestEraDateToday(t *testing.T) {
	// Today itself is not in the future, in whatever notation.
	for _, text := range []string{"令和8年11月25日", "R8.11", "2026/11/25"} {
		if _, p := EraDate(text, fixedToday); p != nil {
			t.Errorf("EraDate(%q) on 2026-11-25: %s", text, p.Message)
		}
	}
}

func TestSerial(t *testing.T) {
	tests := []struct {
		v        float64
		date1904 bool
		want     perinet.Date
		code     perinet.Code
	}{
		{1, false, ymdv(1900, 1, 1), ""},
		{59, false, ymdv(1900, 2, 28), ""},
		{60, false, perinet.Date{}, perinet.BadDate},
		{61, false, ymdv(1900, 3, 1), ""},
		{40210, false, ymdv(2010, 2, 1), ""},
		{40210.99, false, ymdv(2010, 2, 1), ""},
		{43586, false, ymdv(2019, 5, 1), ""},
		{2958465, false, ymdv(9999, 12, 31), perinet.DateInFuture},
		{0, true, ymdv(1904, 1, 1), ""},
		{38748, true, ymdv(2010, 2, 1), ""},
		{0, false, perinet.Date{}, perinet.BadDate},
		{-1, false, perinet.Date{}, perinet.BadDate},
		{2958466, false, perinet.Date{}, perinet.BadDate},
	}
	for _, tt := range tests {
		got, p := Serial(tt.v, tt.date1904, fixedToday)
		if tt.code != "" {
			if p == nil || p.Code != tt.code {
				t.Errorf("Serial(%v, %v) = %+v, %v; want problem %s", tt.v, tt.date1904, got, p, tt.code)
			}
			continue
		}
		if p != nil || got != tt.want {
			t.Errorf("Serial(%v, %v) = %+v, %v; want %+v", tt.v, tt.date1904, got, p, tt.want)
		}
	}
}

func TestEraText(t *testing.T) {
	tests := []struct {
		d    perinet.Date
		want string
	}{
		{ym(2010, 2), "H22年2月"},
		{ym(2008, 8), "H20年8月"},
		{ymdv(2010, 2, 1), "H22年2月1日"},
		{ym(2019, 4), "H31年4月"},
		{ym(2019, 5), "R1年5月"},
		{ym(1989, 1), "S64年1月"},
		{ymdv(1989, 1, 8), "H1年1月8日"},
		{ym(1912, 7), "M45年7月"},
		{ymdv(1912, 7, 30), "T1年7月30日"},
		{ym(1873, 1), "M6年1月"},
	}
	for _, tt := range tests {
		got := EraText(tt.d)
		if got != tt.want {
			t.Errorf("EraText(%+v) = %q, want %q", tt.d, got, tt.want)
		}
		if back, p := EraDate(got, fixedToday); p != nil || back != tt.d {
			t.Errorf("EraDate(EraText(%+v)) = %+v, %v", tt.d, back, p)
		}
	}
}
