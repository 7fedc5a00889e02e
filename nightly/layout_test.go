package nightly

import (
	"slices"
	"strings"
	"testing"
	"time"

	"perinet/store"
)

// TestCandidateName names kept copies: the arrival date, the hash's first
// digits and the name, a second copy as Windows names it, and a long name
// shortened to fit the file system with its receipt, keeping the number.
func TestCandidateName(t *testing.T) {
	sha := "1a2b3c4d" + strings.Repeat("0", 56)
	at := time.Date(2017, 5, 15, 23, 30, 0, 0, jst)
	long := strings.Repeat("区中央部", 30) + ".xlsx"
	for _, c := range []struct {
		name string
		n    int
		want string
	}{
		{"form.xlsx", 1, "2017-05-15_1a2b3c4d_form.xlsx"},
		{"form.xlsx", 2, "2017-05-15_1a2b3c4d_form (2).xlsx"},
		{"調査票", 3, "2017-05-15_1a2b3c4d_調査票 (3)"},
		{long, 1, "2017-05-15_1a2b3c4d_" + strings.Repeat("区中央部", 16) + "区中.xlsx"},
		{long, 2, "2017-05-15_1a2b3c4d_" + strings.Repeat("区中央部", 16) + " (2).xlsx"},
		{long, 10, "2017-05-15_1a2b3c4d_" + strings.Repeat("区中央部", 16) + " (10).xlsx"},
		{"a." + strings.Repeat("x", 300), 1, "2017-05-15_1a2b3c4d_a." + strings.Repeat("x", 201)},
	} {
		got := candidateName(c.name, sha, at, c.n)
		if got != c.want {
			t.Errorf("candidateName(%q, %d) = %q, want %q", c.name, c.n, got, c.want)
		}
		if n := len(got + receiptExt); n > 255 {
			t.Errorf("candidateName(%q, %d) with its receipt's suffix is %d bytes", c.name, c.n, n)
		}
	}
}

// TestCopyName gives every arrival a name of its own, in the order of the
// ledger: a name as sent that looks like a second copy's, the same name
// again, a name that differs only in case or in composition, long names
// alike in their first 200 bytes, and the same names on another day or
// with other bytes.
func TestCopyName(t *testing.T) {
	sha := "1a2b3c4d" + strings.Repeat("0", 56)
	other := "1a2b3c4d" + strings.Repeat("f", 56) // other bytes, the same first digits
	at := func(d int) time.Time { return time.Date(2017, 5, d, 9, 0, 0, 0, jst) }
	rep := "区中央部の調査票"
	long := strings.Repeat(rep, 9) // 216 bytes
	arrive := func(name, sha string, d int) store.FileEntry {
		return store.FileEntry{Name: name, SHA256: sha, Arrived: at(d)}
	}
	for _, c := range []struct {
		name     string
		arrivals []store.FileEntry
		want     []string // without "2017-05-DD_1a2b3c4d_"
	}{
		{"one", []store.FileEntry{arrive("x.xlsx", sha, 15)}, []string{"x.xlsx"}},
		{"the same name twice", []store.FileEntry{arrive("x.xlsx", sha, 15), arrive("x.xlsx", sha, 15)},
			[]string{"x.xlsx", "x (2).xlsx"}},
		{"a name like a second copy's", []store.FileEntry{arrive("x.xlsx", sha, 15), arrive("x (2).xlsx", sha, 15),
			arrive("x.xlsx", sha, 15), arrive("x (2).xlsx", sha, 15)},
			[]string{"x.xlsx", "x (2).xlsx", "x (3).xlsx", "x (2) (2).xlsx"}},
		{"case and composition", []store.FileEntry{arrive("x.xlsx", sha, 15), arrive("X.XLSX", sha, 15),
			arrive("が.xlsx", sha, 15), arrive("か\u3099.xlsx", sha, 15)},
			[]string{"x.xlsx", "X (2).XLSX", "が.xlsx", "か\u3099 (2).xlsx"}},
		{"long names", []store.FileEntry{arrive(long+"（最初）.xlsx", sha, 15), arrive(long+"（再送）.xlsx", sha, 15),
			arrive(long+"（再々送）.xlsx", sha, 15)},
			[]string{strings.Repeat(rep, 8) + "区中.xlsx", strings.Repeat(rep, 8) + " (2).xlsx", strings.Repeat(rep, 8) + " (3).xlsx"}},
		{"other bytes with the same digits", []store.FileEntry{arrive("x.xlsx", sha, 15), arrive("x.xlsx", other, 15)},
			[]string{"x.xlsx", "x (2).xlsx"}},
		{"another day", []store.FileEntry{arrive("x.xlsx", sha, 15), arrive("x.xlsx", sha, 16)},
			[]string{"x.xlsx", "x.xlsx"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var kin []store.FileEntry
			var got []string
			for i, a := range c.arrivals {
				name := copyName(a, kin) // a new arrival, not yet in the ledger
				got = append(got, name[len("2017-05-15_1a2b3c4d_"):])
				a.ID = int64(i + 1)
				kin = append(kin, a)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("names %q, want %q", got, c.want)
			}
			// Once in the ledger, each file is named the same, whatever
			// came after it: a run resuming after a crash, or moving a
			// corrected file, finds it under that name.
			for i, a := range kin {
				if name := copyName(a, kin); !strings.HasSuffix(name, "_"+c.want[i]) {
					t.Errorf("file %d in the ledger is named %q, want %q", a.ID, name, c.want[i])
				}
			}
		})
	}
}
