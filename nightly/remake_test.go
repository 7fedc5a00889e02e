package nightly

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"perinet"
	"perinet/config"
	"perinet/store"
)

// TestWriteReports remakes FY2016's report after a correction, with the
// code of the run, and only then: not while a run holds the lock, nor
// when nothing changed.
func TestWriteReports(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	e.dropFixtures(day(10), forms(t, 2016)[0])
	e.run()
	o := Options{Work: e.work, Publish: e.publish}
	if sum, err := WriteReports(ctx, o); err != nil || len(sum.Reports) != 0 {
		t.Fatalf("nothing changed: reports %v, %v", sum.Reports, err)
	}
	st, err := store.Open(ctx, filepath.Join(e.work, config.StoreFile))
	if err != nil {
		t.Fatal(err)
	}
	files, err := st.Files(ctx, 2016)
	if err == nil && len(files) == 1 && len(files[0].Groups) == 1 {
		_, err = st.AddCorrection(ctx, perinet.Correction{FiscalYear: 2016, Block: files[0].Groups[0].Block, Field: "hospital",
			Old: "?", New: "聖路加国際病院", Value: json.RawMessage(`"聖路加国際病院"`), Reason: "確認", Who: "佐藤",
			At: time.Now(), File: files[0].ID})
	}
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatalf("correct: %v (files %v)", err, files)
	}

	unlock, err := Lock(e.work)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := WriteReports(ctx, o); !errors.Is(err, ErrLocked) {
		t.Errorf("while the lock is held: %v, want ErrLocked", err)
	}
	unlock()
	sum, err := WriteReports(ctx, o, 2016)
	if err != nil || len(sum.Reports) != 2 || sum.Published == "" {
		t.Errorf("after a correction: reports %v, published %q, %v", sum.Reports, sum.Published, err)
	}
}
