package nightly

import (
	"strings"
	"testing"
	"time"
)

// TestCopyName names kept copies: the arrival date, the hash's first
// digits and the name, a second copy of a day as Windows names it, and a
// long name shortened to fit the file system with its receipt.
func TestCopyName(t *testing.T) {
	sha := "1a2b3c4d" + strings.Repeat("0", 56)
	at := time.Date(2017, 5, 15, 23, 30, 0, 0, jst)
	long := strings.Repeat("区中央部", 30) + ".xlsx"
	for _, c := range []struct {
		name string
		nth  int
		want string
	}{
		{"form.xlsx", 0, "2017-05-15_1a2b3c4d_form.xlsx"},
		{"form.xlsx", 1, "2017-05-15_1a2b3c4d_form (2).xlsx"},
		{"調査票", 2, "2017-05-15_1a2b3c4d_調査票 (3)"},
		{long, 0, "2017-05-15_1a2b3c4d_" + strings.Repeat("区中央部", 16) + "区中.xlsx"},
		{"a." + strings.Repeat("x", 300), 0, "2017-05-15_1a2b3c4d_a." + strings.Repeat("x", 201)},
	} {
		got := copyName(c.name, sha, at, c.nth)
		if got != c.want {
			t.Errorf("copyName(%q, %d) = %q, want %q", c.name, c.nth, got, c.want)
		}
		if n := len(got + receiptExt); n > 255 {
			t.Errorf("copyName(%q) with its receipt's suffix is %d bytes", c.name, n)
		}
	}
}
