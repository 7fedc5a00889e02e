package normalize

import (
	"math/rand/v2"
	"testing"

	"perinet"
)

// mixedDates returns n date strings as forms give them: every notation of
// random dates from 1873 to today, a month or a day, and one in ten a
// string with a problem (outside its era, impossible, unreadable).
func mixedDates(n int) []string {
	rng := rand.New(rand.NewPCG(2016, 28))
	bad := []string{"H31年5月", "平成32年1月", "昭和64年1月8日", "H22年13月", "平成31年2月29日", "不明", "22年2月", "令和9年1月", "H22", "事業開始時から"}
	out := make([]string, 0, n)
	for len(out) < n {
		if rng.IntN(10) == 0 {
			out = append(out, bad[rng.IntN(len(bad))])
			continue
		}
		d := civil(rng.IntN(int(20_417-(-35_064))) - 35_064) // 1873-01-01 .. 2025-11-25
		date := perinet.Date{Year: d.year(), Month: d.month()}
		if rng.IntN(3) == 0 {
			date.Day = d.dom()
		}
		ns := notations(date)
		out = append(out, ns[rng.IntN(len(ns))])
	}
	return out
}

// BenchmarkEraDate parses a million mixed date strings; ns/op and
// allocs/op are per date.
func BenchmarkEraDate(b *testing.B) {
	dates := mixedDates(1_000_000)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		EraDate(dates[i%len(dates)], fixedToday)
	}
}

// BenchmarkEraDateValid parses the valid dates alone: the common case,
// which must not allocate when the text is already in the normal form
// (H22年2月, 平成二十二年二月); a full-width or ligature notation (Ｈ２２年,
// ㍻22年, one in eight here) allocates its NFKC form.
func BenchmarkEraDateValid(b *testing.B) {
	var dates []string
	for _, s := range mixedDates(100_000) {
		if _, p := EraDate(s, fixedToday); p == nil {
			dates = append(dates, s)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		EraDate(dates[i%len(dates)], fixedToday)
	}
}

func BenchmarkMark(b *testing.B) {
	marks := []string{"○", "◯", "〇", "×", "－", "△", "", "有", "はい？"}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Mark(marks[i%len(marks)])
	}
}

func BenchmarkCount(b *testing.B) {
	counts := []string{"103施設", "１０３施設", "62施設", "多摩地域全体分を杏林大が集約・配付", "158"}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Count(counts[i%len(counts)])
	}
}
