package normalize

import (
	"strconv"
	"testing"
)

func TestFiscalYearText(t *testing.T) {
	tests := []struct {
		fy   int
		want string
	}{
		{2016, "平成28年度（2016年度）"},
		{2010, "平成22年度（2010年度）"},
		{1989, "平成元年度（1989年度）"},
		{1988, "昭和63年度（1988年度）"},
		{2018, "平成30年度（2018年度）"},
		{2019, "令和元年度（2019年度）"},
		{2020, "令和2年度（2020年度）"},
		{1926, "昭和元年度（1926年度）"},
		{1912, "大正元年度（1912年度）"},
		{1873, "明治6年度（1873年度）"},
		{1867, "1867年度"},
	}
	for _, tt := range tests {
		got := FiscalYearText(tt.fy)
		if got != tt.want {
			t.Errorf("FiscalYearText(%d) = %q, want %q", tt.fy, got, tt.want)
			continue
		}
		if era := EraFiscalYear(tt.fy); tt.fy >= 1868 && got != era+"（"+strconv.Itoa(tt.fy)+"年度）" {
			t.Errorf("EraFiscalYear(%d) = %q, not the era part of %q", tt.fy, era, got)
		}
		if tt.fy < 1873 {
			continue
		}
		// What the committee writes, perinet reads back.
		if back, p := FiscalYear(got, fixedToday); p != nil || back != tt.fy {
			t.Errorf("FiscalYear(%q) = %d, %v; want %d", got, back, p, tt.fy)
		}
	}
}
