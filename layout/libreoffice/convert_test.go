package libreoffice

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestConvert converts two of the fixtures' workbooks to ods in one run,
// and fails on a file that is not there.
func TestConvert(t *testing.T) {
	dir := t.TempDir()
	c, err := Find(filepath.Join(dir, "profile"))
	if errors.Is(err, ErrMissing) {
		t.Skip("LibreOffice is not installed (.ci/run installs it)")
	}
	files := []string{"../../fixtures/fy2016/form-01-kuchuobu.xlsx", "../../fixtures/fy2016/table-tama.xlsx"}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := c.Convert(ctx, files, "ods", dir); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"form-01-kuchuobu.ods", "table-tama.ods"} {
		if fi, err := os.Stat(filepath.Join(dir, name)); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", name, err)
		}
	}
	var nc *NotConverted
	if err := c.Convert(ctx, []string{filepath.Join(dir, "none.xlsx")}, "ods", dir); !errors.As(err, &nc) || len(nc.Files) != 1 {
		t.Errorf("a file that is not there: error %v, want it listed as not converted", err)
	}
}
