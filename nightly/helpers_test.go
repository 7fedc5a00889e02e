package nightly

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"perinet/config"
	"perinet/intake"
	"perinet/store"
)

// jst is the secretariat's time zone.
var jst = time.FixedZone("JST", 9*3600)

// day is noon (JST) of a day of May 2017, when FY2016's forms came in:
// the same date in every time zone from UTC-3 to UTC+12.
func day(d int) time.Time { return time.Date(2017, 5, d, 12, 0, 0, 0, jst) }

// env is a work folder, an inbox and a publish folder for one test.
type env struct {
	t                    testing.TB
	inbox, work, publish string
}

func newEnv(t testing.TB) *env {
	t.Helper()
	root := t.TempDir()
	e := &env{t: t, inbox: filepath.Join(root, "inbox"), work: filepath.Join(root, "work"), publish: filepath.Join(root, "publish")}
	for _, d := range []string{e.inbox, e.work, e.publish} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return e
}

// options are the run's options: files must have settled for a minute,
// and the runs happen an hour later than the clock says, so that every
// file a test drops has (its status change time is the clock's).
func (e *env) options() Options {
	return Options{Inbox: e.inbox, Work: e.work, Publish: e.publish, Settle: time.Minute,
		Now: func() time.Time { return time.Now().Add(time.Hour) }}
}

// run runs with the env's options and fails the test on an error.
func (e *env) run() Summary {
	e.t.Helper()
	sum, err := Run(context.Background(), e.options())
	if err != nil {
		e.t.Fatalf("Run: %v", err)
	}
	return sum
}

// drop puts a file into the inbox, modified at mtime.
func (e *env) drop(name string, data []byte, mtime time.Time) string {
	e.t.Helper()
	path := filepath.Join(e.inbox, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		e.t.Fatal(err)
	}
	if err := os.Chtimes(path, mtime, mtime); err != nil {
		e.t.Fatal(err)
	}
	return path
}

// dropFixtures copies fixture files (paths under ../fixtures) into the
// inbox, each a minute after the one before from mtime.
func (e *env) dropFixtures(mtime time.Time, paths ...string) {
	e.t.Helper()
	for i, p := range paths {
		e.drop(filepath.Base(p), fixture(e.t, p), mtime.Add(time.Duration(i)*time.Minute))
	}
}

// fixture reads a file of ../fixtures.
func fixture(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "fixtures", path))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// forms lists a fixture year's one-group forms.
func forms(t testing.TB, fy int) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "fixtures", fmt.Sprintf("fy%d", fy), "form-*.xlsx"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no forms of %d: %v", fy, err)
	}
	for i, p := range paths {
		paths[i] = strings.TrimPrefix(filepath.ToSlash(p), "../fixtures/")
	}
	return paths
}

// edited returns a fixture workbook with cells changed (sheet 調査票).
func edited(t testing.TB, path string, cells map[string]string) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(fixture(t, path)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for cell, v := range cells {
		if err := f.SetCellStr("調査票", cell, v); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// names lists the files directly in dir, sorted; nil when dir is missing.
func names(t testing.TB, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// tree maps every file under the work and publish folders (the store,
// the lock file Windows has and the scratch folder aside) to the SHA-256
// of its bytes: what a user would compare between two runs. The store's
// backups, named by the clock, are "work/backup/1", "work/backup/2", … in
// the order they were made.
func (e *env) tree() map[string]string {
	e.t.Helper()
	out := map[string]string{}
	backups, err := store.Backups(filepath.Join(e.work, config.StoreFile))
	if err != nil {
		e.t.Fatal(err)
	}
	for i, b := range backups {
		out[fmt.Sprintf("work/%s/%d", store.BackupDir, i+1)] = sha256Hex(readFile(e.t, b.Path))[:16]
	}
	for _, root := range []string{e.work, e.publish, e.inbox} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(filepath.Dir(root), path)
			rel = filepath.ToSlash(rel)
			if strings.HasPrefix(rel, "work/"+config.StoreFile) || rel == "work/perinet.lock" || strings.HasPrefix(rel, "work/"+tmpDir+"/") ||
				strings.HasPrefix(rel, "work/"+store.BackupDir+"/") {
				return nil
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(b)
			out[rel] = hex.EncodeToString(sum[:8])
			return nil
		})
		if err != nil {
			e.t.Fatal(err)
		}
	}
	return out
}

// ledger describes the store: every file with its outcome and groups,
// and every current Record, one line each.
func (e *env) ledger() []string {
	e.t.Helper()
	return ledgerAt(e.t, filepath.Join(e.work, config.StoreFile))
}

// openLedger opens the store at path and loads its whole ledger; the
// caller closes the store.
func openLedger(t testing.TB, path string) (*store.Store, *intake.Ledger) {
	t.Helper()
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	l, err := intake.LoadLedger(context.Background(), st)
	if err != nil {
		st.Close()
		t.Fatal(err)
	}
	return st, l
}

// ledgerAt describes the store at path as env.ledger does.
func ledgerAt(t testing.TB, path string) []string {
	t.Helper()
	st, l := openLedger(t, path)
	defer st.Close()
	var lines []string
	for _, f := range l.All {
		lines = append(lines, fmt.Sprintf("file %d %s %s %s dup=%d groups=%v problems=%d",
			f.ID, f.Name, f.Arrived.UTC().Format(time.RFC3339), f.Outcome, f.DuplicateOf, f.Groups, len(f.Problems)))
	}
	for _, fy := range l.Years {
		recs, err := st.Records(context.Background(), fy)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs {
			b, err := json.Marshal(r)
			if err != nil {
				t.Fatal(err)
			}
			lines = append(lines, fmt.Sprintf("record %d %s %s", r.FiscalYear, r.Block, b))
		}
	}
	return lines
}

// diff lists the differences between two trees.
func diff(a, b map[string]string) []string {
	var d []string
	for k, v := range a {
		if b[k] != v {
			d = append(d, fmt.Sprintf("%s: %q vs %q", k, v, b[k]))
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			d = append(d, fmt.Sprintf("%s: only in the second", k))
		}
	}
	slices.Sort(d)
	return d
}

// readFile reads the file at path.
func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// sha256Hex is the SHA-256 of b in hex.
func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
