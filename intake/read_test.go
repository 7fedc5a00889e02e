package intake

import (
	"testing"

	"perinet"
)

// TestUnfit rejects what the store could not make current.
func TestUnfit(t *testing.T) {
	rec := func(fy int, block string) perinet.Record { return perinet.Record{FiscalYear: fy, Block: block} }
	bad := []perinet.Problem{{Severity: perinet.Error, Code: perinet.BadDate}}
	for _, c := range []struct {
		name     string
		records  []perinet.Record
		problems []perinet.Problem
		want     bool
	}{
		{"two groups", []perinet.Record{rec(2016, "区中央部"), rec(2016, "区南部")}, nil, false},
		{"a group in two years", []perinet.Record{rec(2016, "区中央部"), rec(2017, "区中央部")}, nil, false},
		{"no year", []perinet.Record{rec(0, "区中央部")}, nil, true},
		{"no group", []perinet.Record{rec(2016, "")}, nil, true},
		{"a group twice", []perinet.Record{rec(2016, "区中央部"), rec(2016, "区中央部")}, nil, true},
		{"nothing read", nil, nil, true},
		{"already rejected", nil, bad, false},
	} {
		if got := unfit(c.records, c.problems); (len(got) > 0) != c.want {
			t.Errorf("%s: unfit = %v, want a problem: %v", c.name, got, c.want)
		}
	}
}
