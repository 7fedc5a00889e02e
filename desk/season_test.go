package desk

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"perinet"
	"perinet/config"
	"perinet/nightly"
	"perinet/store"
)

// A season is a work folder as the nightly run leaves it after the
// fixtures' five years (FY2014 to FY2018), and FY2018 with every kind of
// arrival: a group rejected then corrected (要確認), a group whose
// correction was rejected (不受理, its earlier file standing), a group
// accepted with a warning (要確認), a group missing (区東北部: 未提出), a
// duplicate, a PDF, and a file no fiscal year was read from.
type season struct {
	work string
	ids  map[string]int64 // the ledger ID of each arrival, by its name
}

// The names of FY2018's special arrivals.
const (
	kunanbuBad    = "区南部-誤り.xlsx"  // rejected, then corrected by fy2018-form-02-kunanbu.xlsx
	kuseinanbuBad = "区西南部-訂正.xlsx" // a correction that was rejected
	kutobuWarning = "区東部-追記.xlsx"  // accepted with an unread cell
	kuchuobuAgain = "区中央部-再送.xlsx" // the same bytes as fy2018-form-01-kuchuobu.xlsx
	nishitamaPDF  = "西多摩.pdf"      // a PDF, superseding the workbook
	memo          = "memo.csv"     // no survey: no fiscal year read
	deadline2018  = "2019-05-31"   // the deadline of FY2018, in the season's config
)

var (
	seasonOnce sync.Once
	seasonDir  string
	seasonErr  error
)

// newSeason returns the season's work folder, made once for the test
// binary by a nightly run on the fixtures. With DESK_KEEP set to a
// folder, the work folder is made there and kept.
func newSeason(t testing.TB) season {
	t.Helper()
	seasonOnce.Do(func() {
		dir := os.Getenv("DESK_KEEP")
		if dir == "" {
			if seasonDir, seasonErr = os.MkdirTemp("", "desk-season-"); seasonErr != nil {
				return
			}
			dir = seasonDir
		}
		seasonErr = makeSeason(dir)
	})
	if seasonErr != nil {
		t.Fatal(seasonErr)
	}
	dir := os.Getenv("DESK_KEEP")
	if dir == "" {
		dir = seasonDir
	}
	work := filepath.Join(dir, "work")
	s := season{work: work, ids: map[string]int64{}}
	st, err := store.OpenReadOnly(context.Background(), filepath.Join(work, config.StoreFile))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, fy := range []int{0, 2014, 2015, 2016, 2017, 2018} {
		files, err := st.Files(context.Background(), fy)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			s.ids[f.Name] = f.ID
		}
	}
	return s
}

// makeSeason runs the nightly job on the season's inbox in dir.
func makeSeason(dir string) error {
	inbox, work := filepath.Join(dir, "inbox"), filepath.Join(dir, "work")
	for _, d := range []string{inbox, work} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	forms, err := filepath.Glob(filepath.Join("..", "fixtures", "inbox", "fy20*-form-*.xlsx"))
	if err != nil {
		return err
	}
	put := func(name string, data []byte, at string) error {
		day, err := time.ParseInLocation("2006-01-02 15:04", at, perinet.Japan())
		if err != nil {
			return err
		}
		path := filepath.Join(inbox, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
		return os.Chtimes(path, day, day)
	}
	for i, f := range forms {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		var fy int
		fmt.Sscanf(filepath.Base(f), "fy%d", &fy)
		if err := put(filepath.Base(f), b, fmt.Sprintf("%d-05-10 %02d:%02d", fy+1, 9+i%14/2, i%2*30)); err != nil {
			return err
		}
	}
	special := []struct {
		name, from string
		cells      map[string]string // cells of sheet 調査票 changed; nil to copy
		at         string
	}{
		{kunanbuBad, "inbox/fy2018-form-02-kunanbu.xlsx", map[string]string{"C7": "H31年5月"}, "2019-05-08 10:00"},
		{kuseinanbuBad, "inbox/fy2018-form-03-kuseinanbu.xlsx", map[string]string{"C10": "はい？"}, "2019-05-20 15:30"},
		{kutobuWarning, "inbox/fy2018-form-07-kutobu.xlsx", map[string]string{"B19": "会議は年2回開催"}, "2019-05-21 11:00"},
		{kuchuobuAgain, "inbox/fy2018-form-01-kuchuobu.xlsx", nil, "2019-05-22 09:00"},
		{nishitamaPDF, "pdf/libreoffice/fy2018-form-09-nishitama.pdf", nil, "2019-05-23 16:45"},
	}
	for _, s := range special {
		b, err := os.ReadFile(filepath.Join("..", "fixtures", s.from))
		if err == nil && s.cells != nil {
			b, err = edited(b, s.cells)
		}
		if err == nil {
			err = put(s.name, b, s.at)
		}
		if err != nil {
			return err
		}
	}
	if err := put(memo, []byte("名前,値\nさくら,1\n"), "2019-05-24 08:00"); err != nil {
		return err
	}
	_, err = nightly.Run(context.Background(), nightly.Options{Inbox: inbox, Work: work, Keep: true})
	return err
}

// edited returns a workbook with cells of its sheet 調査票 changed.
func edited(b []byte, cells map[string]string) ([]byte, error) {
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	for cell, v := range cells {
		if err := f.SetCellStr("調査票", cell, v); err != nil {
			return nil, err
		}
	}
	var out bytes.Buffer
	if _, err := f.WriteTo(&out); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// TestMain removes the season's temporary folder.
func TestMain(m *testing.M) {
	code := m.Run()
	if seasonDir != "" {
		os.RemoveAll(seasonDir)
	}
	os.Exit(code)
}

// open opens the season's desk with the options given (Store, Work,
// Config, Now are set), and closes it when the test ends.
func (s season) open(t testing.TB, o Options) *Desk {
	t.Helper()
	st, err := store.OpenReadOnly(context.Background(), filepath.Join(s.work, config.StoreFile))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	day, _ := time.ParseInLocation(time.DateOnly, deadline2018, perinet.Japan())
	o.Store, o.Work = st, s.work
	o.Config = config.Config{Year: 2018, Deadline: day, Work: s.work}
	if o.Now == nil {
		o.Now = func() time.Time { return time.Date(2019, time.May, 25, 10, 0, 0, 0, perinet.Japan()) }
	}
	d, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// id returns the ledger ID of an arrival.
func (s season) id(t testing.TB, name string) int64 {
	t.Helper()
	id, ok := s.ids[name]
	if !ok {
		t.Fatalf("no arrival %s in the season (%d arrivals)", name, len(s.ids))
	}
	return id
}
