package config

import (
	"testing"
	"time"

	"perinet"
)

func TestDeadlineOf(t *testing.T) {
	may31, mar31 := jst(2017, time.May, 31), jst(2017, time.March, 31)
	tests := []struct {
		name     string
		year     int       // the config's year; 0 for the current one
		deadline time.Time // the config's deadline
		fy       int       // the year asked about
		now      time.Time // in fiscal year 2017
		want     Deadline
	}{
		{"the year reported, after the day", 2016, may31, 2016, time.Date(2017, time.June, 1, 9, 0, 0, 0, perinet.Japan()),
			Deadline{Day: may31, Passed: true}},
		{"the year reported, on the day", 2016, may31, 2016, time.Date(2017, time.May, 31, 23, 0, 0, 0, perinet.Japan()),
			Deadline{Day: may31}},
		{"the year reported, two days before", 2016, may31, 2016, time.Date(2017, time.May, 29, 0, 0, 0, 0, perinet.Japan()),
			Deadline{Day: may31, DaysLeft: 2}},
		{"another year", 2016, may31, 2015, now,
			Deadline{Note: "設定の提出期限（2017年5月31日）は 平成28年度（2016年度） のものです"}},
		{"the current year by default", 0, may31, 2017, time.Date(2017, time.May, 1, 9, 0, 0, 0, perinet.Japan()),
			Deadline{Day: may31, DaysLeft: 30}},
		{"a day before the year began", 0, mar31, 2017, now,
			Deadline{Note: "設定の提出期限（2017年3月31日）は 平成29年度（2017年度） が始まる前の日なので使いません。perinet.toml の year と deadline を確かめてください"}},
		{"none", 2016, time.Time{}, 2016, now, Deadline{}},
	}
	for _, tt := range tests {
		c := Config{Year: tt.year, Deadline: tt.deadline}
		if got := c.DeadlineOf(tt.fy, tt.now); got != tt.want {
			t.Errorf("%s: DeadlineOf(%d) = %+v, want %+v", tt.name, tt.fy, got, tt.want)
		}
	}
}
