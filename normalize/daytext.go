package normalize

import (
	"fmt"
	"time"

	"perinet"
)

// DayText writes the day of t in Japan time, as the secretariat writes a
// date: 2017年5月31日.
func DayText(t time.Time) string {
	t = t.In(perinet.Japan())
	return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())
}

// MinuteText writes t to the minute in Japan time, as lists of arrivals
// show it, in columns: 2017-05-31 14:03.
func MinuteText(t time.Time) string {
	return t.In(perinet.Japan()).Format("2006-01-02 15:04")
}
