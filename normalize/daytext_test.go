package normalize

import (
	"testing"
	"time"
)

func TestDayText(t *testing.T) {
	tests := []struct {
		t           time.Time
		day, minute string
	}{
		{time.Date(2017, time.May, 31, 14, 3, 59, 0, time.FixedZone("JST", 9*3600)), "2017年5月31日", "2017-05-31 14:03"},
		{time.Date(2017, time.May, 31, 15, 0, 0, 0, time.UTC), "2017年6月1日", "2017-06-01 00:00"}, // midnight in Japan
		{time.Date(2019, time.January, 2, 3, 4, 0, 0, time.FixedZone("EST", -5*3600)), "2019年1月2日", "2019-01-02 17:04"},
	}
	for _, tt := range tests {
		if got := DayText(tt.t); got != tt.day {
			t.Errorf("DayText(%v) = %s, want %s", tt.t, got, tt.day)
		}
		if got := MinuteText(tt.t); got != tt.minute {
			t.Errorf("MinuteText(%v) = %s, want %s", tt.t, got, tt.minute)
		}
	}
}
