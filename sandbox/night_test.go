package sandbox

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"perinet/nightly"
)

// TestBombNight: a night with issue 16's two poison pills among good
// forms takes every form, rejects each pill as too_large with its
// receipt, and leaves the inbox empty; the next night has nothing to do.
func TestBombNight(t *testing.T) {
	root := t.TempDir()
	inbox, work := filepath.Join(root, "inbox"), filepath.Join(root, "work")
	for _, d := range []string{inbox, work} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	forms, err := filepath.Glob(fixture("fy2016/form-*.xlsx"))
	if err != nil || len(forms) == 0 {
		t.Fatalf("no forms: %v", err)
	}
	drop := func(i int, name string, data []byte) {
		path := filepath.Join(inbox, name)
		mtime := time.Date(2017, 5, 15, 12, i, 0, 0, time.UTC)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(path, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	for i, f := range forms {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		drop(i, filepath.Base(f), data)
	}
	drop(3, "sparse.xlsx", sparseSheets(t, 200))
	drop(9, "forms.pdf", inflatingForms(t, 155, 79<<20))

	c := child(t, "real", Limits{Memory: 256 << 20, Time: 30 * time.Second})
	o := nightly.Options{Inbox: inbox, Work: work, Judge: c.Judge}
	sum, err := nightly.Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Accepted != len(forms) || sum.Rejected != 2 || sum.Seen != len(forms)+2 {
		t.Errorf("seen %d, accepted %d, rejected %d; want %d, %d, 2", sum.Seen, sum.Accepted, sum.Rejected, len(forms)+2, len(forms))
	}
	if left, _ := os.ReadDir(inbox); len(left) != 0 {
		t.Errorf("left in the inbox: %v", left)
	}
	for _, f := range sum.Files {
		if f.Name != "sparse.xlsx" && f.Name != "forms.pdf" {
			continue
		}
		receipt, err := os.ReadFile(f.Receipt)
		if err != nil || filepath.Base(filepath.Dir(f.Path)) != "rejected" {
			t.Errorf("%s kept as %s: %v", f.Name, f.Path, err)
			continue
		}
		if !strings.Contains(string(receipt), "上限") {
			t.Errorf("%s: the receipt does not say the file goes past a limit:\n%s", f.Name, receipt)
		}
	}
	if again, err := nightly.Run(context.Background(), o); err != nil || again.Seen != 0 {
		t.Errorf("the next night saw %d files: %v", again.Seen, err)
	}
}
