package perinet

import (
	"testing"
	"time"
)

func TestCurrentFiscalYear(t *testing.T) {
	utc := time.UTC
	tests := []struct {
		t    time.Time
		want int
	}{
		{time.Date(2017, time.March, 31, 14, 59, 0, 0, utc), 2016}, // 23:59 in Tokyo
		{time.Date(2017, time.March, 31, 15, 0, 0, 0, utc), 2017},  // 1 April 00:00 in Tokyo
		{time.Date(2017, time.December, 31, 0, 0, 0, 0, utc), 2017},
		{time.Date(2018, time.January, 5, 0, 0, 0, 0, utc), 2017},
	}
	for _, tt := range tests {
		if got := CurrentFiscalYear(tt.t); got != tt.want {
			t.Errorf("CurrentFiscalYear(%v) = %d, want %d", tt.t, got, tt.want)
		}
	}
	if got := FiscalYearStart(2017).UTC(); !got.Equal(time.Date(2017, time.March, 31, 15, 0, 0, 0, utc)) {
		t.Errorf("FiscalYearStart(2017) = %v, want 1 April 2017 00:00 in Tokyo", got)
	}
}
