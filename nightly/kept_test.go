package nightly

import (
	"context"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"perinet/config"
	"perinet/store"
)

// TestKept runs a season of every kind of arrival and finds each ledger
// entry's copy and receipt where Kept says, and nothing else in archive/
// and rejected/.
func TestKept(t *testing.T) {
	e := newEnv(t)
	form := fixture(t, "fy2016/form-02-kunanbu.xlsx")
	bad := edited(t, "fy2016/form-09-nishitama.xlsx", map[string]string{"C7": "H31年5月"})
	memo := []byte("名前,値\nさくら,1\n")
	e.drop("kunanbu.xlsx", form, day(15))
	e.drop("nishitama.xlsx", bad, day(15))
	e.drop("memo.csv", memo, day(15))
	e.run()
	e.drop("kunanbu.xlsx", form, day(15).Add(time.Hour)) // the same name, bytes and day: "kunanbu (2).xlsx"
	e.drop("nishitama-再送.xlsx", bad, day(16))            // a duplicate of a rejected file
	e.run()
	e.dropFixtures(day(20), "fy2016/form-09-nishitama.xlsx") // corrects nishitama.xlsx: it moves to the archive
	e.drop("memo (2).csv", memo, day(21))                    // a duplicate of a file of no year
	e.run()

	ctx := context.Background()
	st, l := openLedger(t, filepath.Join(e.work, config.StoreFile))
	defer st.Close()
	var want []string
	for _, f := range l.All {
		kin, err := st.FilesByHash(ctx, f.SHA256[:8])
		if err != nil {
			t.Fatal(err)
		}
		copy, receipt := Kept(l, f, kin)
		want = append(want, filepath.ToSlash(copy), filepath.ToSlash(receipt))
	}
	slices.Sort(want)
	var got []string
	for _, dir := range []string{config.ArchiveDir, config.RejectedDir} {
		err := filepath.WalkDir(filepath.Join(e.work, dir), func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(e.work, path)
				got = append(got, filepath.ToSlash(rel))
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("kept:\n%s\nKept says:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(l.All) != 7 {
		t.Errorf("%d files in the ledger, want 7", len(l.All))
	}
	if got := ReportFolder(2016); got != filepath.Join("reports", "2016年度") {
		t.Errorf("ReportFolder(2016) = %s", got)
	}
	if got := OutcomeWord(store.Duplicate); got != "重複" {
		t.Errorf("OutcomeWord(Duplicate) = %s", got)
	}
}
