package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"perinet"
)

// t0 is when the first test file arrives: a night in Tokyo.
var t0 = time.Date(2024, 4, 1, 22, 0, 0, 0, time.FixedZone("JST", 9*3600))

// openStore opens a new store in a temporary directory and closes it when
// the test ends.
func openStore(t testing.TB) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "store.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

// newFile describes a file with the given content, arriving minutes after t0.
func newFile(name, content string, minutes int) NewFile {
	sum := sha256.Sum256([]byte(content))
	return NewFile{
		SHA256:  hex.EncodeToString(sum[:]),
		Name:    name,
		Size:    int64(len(content)),
		Arrived: t0.Add(time.Duration(minutes) * time.Minute),
	}
}

// record is a Record of a group as the reader makes it: eight items, the
// third counted.
func record(fy int, block, hospital string) perinet.Record {
	n := 40
	r := perinet.Record{
		FiscalYear: fy,
		Tier:       perinet.Network,
		Block:      block,
		Hospital:   hospital,
		Started:    &perinet.Date{Year: 2010, Month: 2},
		Source:     perinet.Source{Where: map[string]string{"block": "調査票!C4"}},
	}
	for no := 1; no <= 8; no++ {
		it := perinet.Item{No: no, Mark: perinet.Yes, Details: []string{}}
		if no == 3 {
			it.Counted, it.DistributedTo = true, &n
		}
		r.Items = append(r.Items, it)
	}
	return r
}

func subgroup(fy int, block, hospital string) perinet.Record {
	r := record(fy, block, hospital)
	r.Tier, r.Parent = perinet.Subgroup, "多摩地域"
	return r
}

var badDate = perinet.Problem{Severity: perinet.Error, Code: perinet.BadDate, Where: "調査票!C6", Field: "started",
	Text: "H31年5月", Message: "平成31年5月は存在しません（平成は31年4月30日まで）"}

var hiddenSheet = perinet.Problem{Severity: perinet.Warning, Code: perinet.HiddenSheet, Where: "調査票",
	Message: "非表示のシートから読みました"}

func mustAdd(t testing.TB, s *Store, f NewFile, records []perinet.Record, problems ...perinet.Problem) FileEntry {
	t.Helper()
	e, err := s.Add(context.Background(), f, records, problems)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// hospitals returns the hospital of each current Record of fy, by group.
func hospitals(t *testing.T, s *Store, fy int) map[string]string {
	t.Helper()
	records, err := s.Records(context.Background(), fy)
	if err != nil {
		t.Fatal(err)
	}
	m := make(map[string]string)
	for _, r := range records {
		m[r.Block] = r.Hospital
	}
	return m
}

func TestOpenCreatesSchema(t *testing.T) {
	ctx := context.Background()
	s, path := openStore(t)
	years, err := s.Years(ctx)
	if err != nil || len(years) != 0 {
		t.Errorf("Years of a new store = %v, %v; want none", years, err)
	}
	files, err := s.Files(ctx, 2016)
	if err != nil || len(files) != 0 {
		t.Errorf("Files of a new store = %v, %v; want none", files, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	db := rawDB(t, path)
	var version, appID int
	var mode string
	if err := db.QueryRow(`SELECT (SELECT user_version FROM pragma_user_version),
		(SELECT application_id FROM pragma_application_id), (SELECT journal_mode FROM pragma_journal_mode)`).Scan(&version, &appID, &mode); err != nil {
		t.Fatal(err)
	}
	if version != len(migrations) || appID != applicationID || mode != "wal" {
		t.Errorf("user_version %d, application_id %#x, journal_mode %s; want %d, %#x, wal", version, appID, mode, len(migrations), applicationID)
	}
}

// TestOpenEmptyFile: SQLite creates a database file empty and writes it at
// the first commit, so an empty file is a store a crash left unborn.
func TestOpenEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "store.db")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
}

func TestReopenKeepsData(t *testing.T) {
	ctx := context.Background()
	s, path := openStore(t)
	a := mustAdd(t, s, newFile("区中央部.xlsx", "a", 0), []perinet.Record{record(2016, "区中央部", "愛育病院")}, hiddenSheet)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if names := dirNames(t, filepath.Dir(path)); !slices.Equal(names, []string{"store.db"}) {
		t.Errorf("after Close the directory holds %v, want only store.db", names)
	}
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	byHash, err := s.FilesByHash(ctx, a.SHA256)
	if err != nil || len(byHash) != 1 {
		t.Fatalf("FilesByHash after reopening = %v, %v", byHash, err)
	}
	if got := byHash[0]; fmt.Sprint(got) != fmt.Sprint(a) {
		t.Errorf("after reopening:\n got %+v\nwant %+v", got, a)
	}
	if h := hospitals(t, s, 2016); h["区中央部"] != "愛育病院" {
		t.Errorf("Records after reopening = %v", h)
	}
	b := mustAdd(t, s, newFile("区南部.xlsx", "b", 1), []perinet.Record{record(2016, "区南部", "東邦大学医療センター大森病院")})
	if b.ID != a.ID+1 {
		t.Errorf("the file after reopening has ID %d, want %d", b.ID, a.ID+1)
	}
}

// TestOpenRefuses: a file that is not a store, is damaged or is newer is
// refused, and neither it nor its directory changes.
func TestOpenRefuses(t *testing.T) {
	random := make([]byte, 8192)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(r.UintN(256))
	}
	tests := []struct {
		name string
		make func(t *testing.T, path string) // writes the file at path
		want error
	}{
		{"random bytes", writeBytes(random), ErrNotStore},
		{"a text file", writeBytes([]byte("# 別名 = 正式名称\n広尾 = 東京都立広尾病院\n")), ErrNotStore},
		{"the magic cut short", writeBytes([]byte("SQLite for")), ErrNotStore},
		{"the magic alone", writeBytes([]byte(sqliteMagic)), nil}, // either refusal will do
		{"a workbook", writeBytes([]byte("PK\x03\x04\x14\x00\x06\x00")), ErrNotStore},
		{"another program's database", func(t *testing.T, path string) {
			db := rawDB(t, path)
			defer db.Close()
			if _, err := db.Exec(`CREATE TABLE notes (body TEXT)`); err != nil {
				t.Fatal(err)
			}
		}, ErrNotStore},
		{"another program's empty database", func(t *testing.T, path string) {
			db := rawDB(t, path)
			defer db.Close()
			if _, err := db.Exec(`PRAGMA application_id = 42`); err != nil {
				t.Fatal(err)
			}
		}, ErrNotStore},
		{"a newer schema", func(t *testing.T, path string) {
			writeStore(t, path, 3)
			db := rawDB(t, path)
			defer db.Close()
			if _, err := db.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, len(migrations)+1)); err != nil {
				t.Fatal(err)
			}
		}, ErrNewerSchema},
		{"truncated to its header", truncated(100), nil},
		{"truncated to its first page", truncated(4096), nil},
		{"truncated by half", truncatedBy(0.5), ErrCorrupt},
		{"without its last page", truncatedBy(-1), ErrCorrupt},
		{"a page overwritten", func(t *testing.T, path string) {
			writeStore(t, path, 200)
			b := readFile(t, path)
			copy(b[2*4096:3*4096], random)
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}, ErrCorrupt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "store.db")
			tt.make(t, path)
			before := readFile(t, path)
			s, err := Open(context.Background(), path)
			if err == nil {
				s.Close()
				t.Fatalf("Open succeeded")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("Open: %v; want %v", err, tt.want)
			}
			if !errors.Is(err, ErrNotStore) && !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrNewerSchema) {
				t.Errorf("Open: %v; want one of the store's errors", err)
			}
			t.Logf("Open: %v", err)
			if !bytes.Equal(readFile(t, path), before) {
				t.Error("Open changed the file")
			}
			if names := dirNames(t, dir); !slices.Equal(names, []string{"store.db"}) {
				t.Errorf("Open left %v in the directory", names)
			}
		})
	}
}

// TestOpenOddPath: a path with characters that mean something in a URI,
// and Japanese, is the file it names.
func TestOpenOddPath(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "作業 100% #1?")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "ストア?.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	mustAdd(t, s, newFile("a.xlsx", "a", 0), nil)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if names := dirNames(t, dir); !slices.Equal(names, []string{"ストア?.db"}) {
		t.Errorf("the directory holds %v, want only ストア?.db", names)
	}
}

// TestOpenMissingDirectory: Open creates the database, not its directory.
func TestOpenMissingDirectory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing", "store.db")
	_, err := Open(context.Background(), path)
	if err == nil {
		t.Fatal("Open succeeded")
	}
	t.Log(err)
	if !strings.Contains(err.Error(), path) {
		t.Errorf("Open: %v; want the path in the message", err)
	}
}

func TestOpenDirectory(t *testing.T) {
	if _, err := Open(context.Background(), t.TempDir()); !errors.Is(err, ErrNotStore) {
		t.Errorf("Open(a directory) = %v; want ErrNotStore", err)
	}
}

// writeStore makes a store at path with n one-group files, and closes it.
func writeStore(t *testing.T, path string, n int) {
	t.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		mustAdd(t, s, newFile(fmt.Sprintf("form-%d.xlsx", i), fmt.Sprint(i), i),
			[]perinet.Record{record(2016, fmt.Sprintf("ブロック%03d", i), "病院")})
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

func writeBytes(b []byte) func(*testing.T, string) {
	return func(t *testing.T, path string) {
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// truncated makes a store of 200 files and cuts it to size bytes.
func truncated(size int64) func(*testing.T, string) {
	return func(t *testing.T, path string) {
		writeStore(t, path, 200)
		if err := os.Truncate(path, size); err != nil {
			t.Fatal(err)
		}
	}
}

// truncatedBy makes a store of 200 files and cuts it to the fraction f of
// its size, or by one page when f is -1.
func truncatedBy(f float64) func(*testing.T, string) {
	return func(t *testing.T, path string) {
		writeStore(t, path, 200)
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		size := int64(float64(fi.Size()) * f)
		if f < 0 {
			size = fi.Size() - 4096
		}
		if err := os.Truncate(path, size); err != nil {
			t.Fatal(err)
		}
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// rawDB opens the database at path with the driver alone, as another
// program would, and closes it when the test ends.
func rawDB(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestAddDuplicate(t *testing.T) {
	ctx := context.Background()
	s, _ := openStore(t)
	first := mustAdd(t, s, newFile("区中央部.xlsx", "same bytes", 0), []perinet.Record{record(2016, "区中央部", "愛育病院")})
	if first.Outcome != Accepted || first.ID != 1 {
		t.Errorf("first file: %+v", first)
	}
	// The same bytes under another name, a day later: the records are
	// read again by the caller, but not stored again.
	again := newFile("区中央部（再送）.xlsx", "same bytes", 24*60)
	dup := mustAdd(t, s, again, []perinet.Record{record(2016, "区中央部", "別の病院")})
	if dup.Outcome != Duplicate || dup.DuplicateOf != first.ID || dup.ID != 2 || dup.Name != again.Name {
		t.Errorf("second file: %+v; want a duplicate of %d", dup, first.ID)
	}
	want := []Group{{FiscalYear: 2016, Block: "区中央部"}}
	if !slices.Equal(dup.Groups, want) {
		t.Errorf("duplicate's groups = %+v, want %+v", dup.Groups, want)
	}
	if h := hospitals(t, s, 2016); h["区中央部"] != "愛育病院" {
		t.Errorf("the duplicate changed the records: %v", h)
	}
	twins, err := s.FilesByHash(ctx, strings.ToUpper(again.SHA256))
	if err != nil || len(twins) != 2 || twins[0].ID != first.ID || twins[1].ID != dup.ID {
		t.Errorf("FilesByHash = %+v, %v; want files %d and %d", twins, err, first.ID, dup.ID)
	}
	if others, err := s.FilesByHash(ctx, newFile("", "other bytes", 0).SHA256); len(others) != 0 || err != nil {
		t.Errorf("FilesByHash(other bytes) = %v, %v; want none", others, err)
	}
	files, err := s.Files(ctx, 2016)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 2 || files[0].ID != first.ID || files[1].ID != dup.ID {
		t.Errorf("Files(2016) = %+v; want the first file and its duplicate", files)
	}
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM records`).Scan(&n); err != nil || n != 1 {
		t.Errorf("%d records stored (%v), want 1", n, err)
	}
}

// TestSupersedePerGroup follows 多摩地域: a table of all its sub-groups,
// then a corrected one-group form for one of them, a rejected form, and a
// duplicate.
func TestSupersedePerGroup(t *testing.T) {
	ctx := context.Background()
	s, _ := openStore(t)
	tama := []perinet.Record{
		subgroup(2016, "西多摩", "公立福生病院"),
		subgroup(2016, "南多摩（町田市除く）", "日本医科大学多摩永山病院"),
		subgroup(2016, "北多摩西部", "国立病院機構災害医療センター"),
	}
	table := mustAdd(t, s, newFile("多摩地域.xlsx", "table", 0), tama)
	for i, g := range table.Groups {
		if !g.Current || g.Supersedes != 0 || g.SupersededBy != 0 || g.Block != tama[i].Block {
			t.Errorf("table's group %d = %+v", i, g)
		}
	}

	// Sent the same minute: the arrival sequence decides.
	form := mustAdd(t, s, newFile("西多摩.xlsx", "form", 0), []perinet.Record{subgroup(2016, "西多摩", "青梅市立総合病院")})
	if want := []Group{{FiscalYear: 2016, Block: "西多摩", Current: true, Supersedes: table.ID}}; !slices.Equal(form.Groups, want) {
		t.Errorf("form's groups = %+v, want %+v", form.Groups, want)
	}
	want := map[string]string{"西多摩": "青梅市立総合病院", "南多摩（町田市除く）": "日本医科大学多摩永山病院", "北多摩西部": "国立病院機構災害医療センター"}
	if h := hospitals(t, s, 2016); fmt.Sprint(h) != fmt.Sprint(want) {
		t.Errorf("Records(2016) hospitals = %v, want %v", h, want)
	}

	// A form with an error: kept, listed, never current.
	bad := mustAdd(t, s, newFile("南多摩.xlsx", "bad", 5), []perinet.Record{subgroup(2016, "南多摩（町田市除く）", "誤記病院")}, badDate, hiddenSheet)
	if bad.Outcome != Rejected || bad.Groups[0].Current || bad.Groups[0].Supersedes != 0 {
		t.Errorf("rejected file: %+v", bad)
	}
	if h := hospitals(t, s, 2016); fmt.Sprint(h) != fmt.Sprint(want) {
		t.Errorf("after the rejected file, Records(2016) hospitals = %v, want %v", h, want)
	}

	// The table sent again: a duplicate, which changes nothing.
	dup := mustAdd(t, s, newFile("多摩地域(2).xlsx", "table", 10), tama)
	if dup.Outcome != Duplicate || dup.DuplicateOf != table.ID {
		t.Errorf("table sent again: %+v", dup)
	}

	// The corrected form of 南多摩: supersedes the table for that group.
	fixed := mustAdd(t, s, newFile("南多摩（修正）.xlsx", "fixed", 60), []perinet.Record{subgroup(2016, "南多摩（町田市除く）", "東京都立多摩総合医療センター")})
	want["南多摩（町田市除く）"] = "東京都立多摩総合医療センター"
	if h := hospitals(t, s, 2016); fmt.Sprint(h) != fmt.Sprint(want) {
		t.Errorf("after the corrected form, Records(2016) hospitals = %v, want %v", h, want)
	}

	files, err := s.Files(ctx, 2016)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		id      int64
		outcome Outcome
		groups  string
	}
	var got []row
	for _, f := range files {
		got = append(got, row{f.ID, f.Outcome, fmt.Sprint(f.Groups)})
	}
	wantRows := []row{
		{table.ID, Accepted, fmt.Sprint([]Group{
			{2016, "西多摩", false, 0, form.ID},
			{2016, "南多摩（町田市除く）", false, 0, fixed.ID},
			{2016, "北多摩西部", true, 0, 0},
		})},
		{form.ID, Accepted, fmt.Sprint([]Group{{2016, "西多摩", true, table.ID, 0}})},
		{bad.ID, Rejected, fmt.Sprint([]Group{{2016, "南多摩（町田市除く）", false, 0, 0}})},
		{dup.ID, Duplicate, fmt.Sprint([]Group{{2016, "西多摩", false, 0, 0}, {2016, "南多摩（町田市除く）", false, 0, 0}, {2016, "北多摩西部", false, 0, 0}})},
		{fixed.ID, Accepted, fmt.Sprint([]Group{{2016, "南多摩（町田市除く）", true, table.ID, 0}})},
	}
	if !slices.Equal(got, wantRows) {
		t.Errorf("Files(2016):\n got %v\nwant %v", got, wantRows)
	}
	if files[2].Problems == nil || fmt.Sprint(files[2].Problems) != fmt.Sprint([]perinet.Problem{badDate, hiddenSheet}) {
		t.Errorf("rejected file's problems = %+v", files[2].Problems)
	}

	latest := Latest(files, 2016)
	for block, id := range map[string]int64{"西多摩": form.ID, "南多摩（町田市除く）": fixed.ID, "北多摩西部": table.ID} {
		if latest[block].ID != id {
			t.Errorf("Latest[%s] = file %d, want %d", block, latest[block].ID, id)
		}
	}
}

// TestRejectedOnly: a year from which only a rejected file came has no
// current Records and is not among Years, but Files lists the file.
func TestRejectedOnly(t *testing.T) {
	ctx := context.Background()
	s, _ := openStore(t)
	mustAdd(t, s, newFile("2016.xlsx", "2016", 0), []perinet.Record{record(2016, "区中央部", "愛育病院")})
	bad := mustAdd(t, s, newFile("2017.xlsx", "2017", 1), []perinet.Record{record(2017, "区中央部", "愛育病院")}, badDate)
	if years, err := s.Years(ctx); err != nil || !slices.Equal(years, []int{2016}) {
		t.Errorf("Years = %v, %v; want [2016]", years, err)
	}
	if records, err := s.Records(ctx, 2017); err != nil || len(records) != 0 {
		t.Errorf("Records(2017) = %v, %v; want none", records, err)
	}
	files, err := s.Files(ctx, 2017)
	if err != nil || len(files) != 1 || files[0].ID != bad.ID || files[0].Outcome != Rejected {
		t.Errorf("Files(2017) = %+v, %v; want the rejected file", files, err)
	}
	latest := Latest(files, 2017)
	if f, ok := latest["区中央部"]; !ok || f.ID != bad.ID {
		t.Errorf("Latest(2017) = %v", latest)
	}
	// A later accepted file of the year does not supersede the rejected
	// one: only current Records are superseded.
	ok := mustAdd(t, s, newFile("2017 fixed.xlsx", "2017 fixed", 2), []perinet.Record{record(2017, "区中央部", "愛育病院")})
	if ok.Groups[0].Supersedes != 0 || !ok.Groups[0].Current {
		t.Errorf("corrected file's group = %+v", ok.Groups[0])
	}
	if years, err := s.Years(ctx); err != nil || !slices.Equal(years, []int{2016, 2017}) {
		t.Errorf("Years = %v, %v; want [2016 2017]", years, err)
	}
}

// TestFilesWithoutYear: files nothing could be read from are listed under
// the fiscal year 0, with their duplicates, and under no other year.
func TestFilesWithoutYear(t *testing.T) {
	ctx := context.Background()
	s, _ := openStore(t)
	unreadable := perinet.Problem{Severity: perinet.Error, Code: perinet.UnreadableFile, Message: "ファイルを読めません"}
	noYear := perinet.Problem{Severity: perinet.Error, Code: perinet.MissingFiscalYear, Where: "調査票", Message: "年度がありません"}
	broken := mustAdd(t, s, newFile("壊れた.xlsx", "broken", 0), nil, unreadable)
	mustAdd(t, s, newFile("2016.xlsx", "2016", 1), []perinet.Record{record(2016, "区中央部", "愛育病院")})
	yearless := mustAdd(t, s, newFile("年度なし.xlsx", "no year", 2), []perinet.Record{record(0, "区南部", "東邦大学医療センター大森病院")}, noYear)
	again := mustAdd(t, s, newFile("壊れた(2).xlsx", "broken", 3), nil)
	files, err := s.Files(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, f := range files {
		ids = append(ids, f.ID)
	}
	if want := []int64{broken.ID, yearless.ID, again.ID}; !slices.Equal(ids, want) {
		t.Errorf("Files(0) = files %v, want %v", ids, want)
	}
	if files, err := s.Files(ctx, 2016); err != nil || len(files) != 1 {
		t.Errorf("Files(2016) = %+v, %v; want one file", files, err)
	}
}

// TestRecordsRoundTrip stores the published FY2016 table and reads it back:
// the JSON must be the same.
func TestRecordsRoundTrip(t *testing.T) {
	ctx := context.Background()
	b, err := os.ReadFile(filepath.Join("..", "fixtures", "fy2016-records.json"))
	if err != nil {
		t.Fatal(err)
	}
	var want []perinet.Record
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	for i := range want {
		want[i].Source.Where = map[string]string{"block": fmt.Sprintf("調査票!C%d", i+4), "items.3": "p1@72.5,540"}
	}
	// Fields the table does not exercise.
	extra := record(2016, "島しょ", "未登録の病院")
	extra.Started = &perinet.Date{Year: 2019, Month: 5, Day: 1}
	extra.Items[2].DistributedTo = nil // counted, but no count given
	extra.Items[2].Details = []string{"多摩地域全体分を杏林大が集約・配付"}
	extra.Items[6].Mark = perinet.Partial
	noStart := record(2016, "架空の区", "")
	noStart.Started = nil
	noStart.Source.Where = nil
	want = append(want, extra, noStart)

	s, _ := openStore(t)
	mustAdd(t, s, newFile("fy2016.xlsx", "fy2016", 0), want)
	got, err := s.Records(ctx, 2016)
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(want, func(a, b perinet.Record) int { return strings.Compare(a.Block, b.Block) })
	if len(got) != len(want) {
		t.Fatalf("Records(2016): %d records, want %d", len(got), len(want))
	}
	for i := range want {
		wj, gj := jsonMarshal(t, want[i]), jsonMarshal(t, got[i])
		if wj != gj {
			t.Errorf("record %d:\n got %s\nwant %s", i, gj, wj)
		}
	}
	// Counted survives even without a count.
	for _, r := range got {
		if r.Block == "島しょ" && (!r.Items[2].Counted || r.Items[2].DistributedTo != nil || r.Items[1].Counted) {
			t.Errorf("島しょ items 2 and 3 = %+v, %+v", r.Items[1], r.Items[2])
		}
	}
}

// TestAddRefuses: input that cannot be stored is refused, and nothing of
// it is stored.
func TestAddRefuses(t *testing.T) {
	ctx := context.Background()
	n := 1
	uncounted := record(2016, "区西部", "東京医科大学病院")
	uncounted.Items[0].DistributedTo = &n
	tests := []struct {
		name     string
		file     NewFile
		records  []perinet.Record
		problems []perinet.Problem
	}{
		{"no hash", NewFile{Name: "a.xlsx", Arrived: t0}, nil, nil},
		{"no name", NewFile{SHA256: newFile("", "a", 0).SHA256, Arrived: t0}, nil, nil},
		{"an arrival time past 9999", NewFile{SHA256: newFile("", "a", 0).SHA256, Name: "a.xlsx", Arrived: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}, nil, nil},
		{"a short hash", NewFile{SHA256: "abc123", Name: "a.xlsx", Arrived: t0}, nil, nil},
		{"no arrival time", NewFile{SHA256: newFile("", "a", 0).SHA256, Name: "a.xlsx"}, nil, nil},
		{"a negative size", NewFile{SHA256: newFile("", "a", 0).SHA256, Name: "a.xlsx", Size: -1, Arrived: t0}, nil, nil},
		{"a group twice in an accepted file", newFile("a.xlsx", "a", 0),
			[]perinet.Record{record(2016, "区西部", "東京医科大学病院"), record(2016, "区西部", "東京医科大学病院")}, nil},
		{"an accepted record without a year", newFile("a.xlsx", "a", 0), []perinet.Record{record(0, "区西部", "東京医科大学病院")}, nil},
		{"an accepted record without a group", newFile("a.xlsx", "a", 0), []perinet.Record{record(2016, "", "東京医科大学病院")}, []perinet.Problem{hiddenSheet}},
		{"a count on an uncounted item", newFile("a.xlsx", "a", 0), []perinet.Record{uncounted}, []perinet.Problem{badDate}},
	}
	s, _ := openStore(t)
	for _, tt := range tests {
		if e, err := s.Add(ctx, tt.file, tt.records, tt.problems); err == nil {
			t.Errorf("%s: Add = %+v, no error", tt.name, e)
		} else {
			t.Logf("%s: %v", tt.name, err)
		}
	}
	var n1, n2 int
	if err := s.db.QueryRow(`SELECT (SELECT count(*) FROM files), (SELECT count(*) FROM records)`).Scan(&n1, &n2); err != nil || n1+n2 != 0 {
		t.Errorf("%d files and %d records stored (%v), want none", n1, n2, err)
	}
	// A rejected file may hold anything it read.
	e := mustAdd(t, s, newFile("a.xlsx", "a", 0), []perinet.Record{record(2016, "区西部", "x"), record(2016, "区西部", "y"), record(0, "", "")}, badDate)
	if e.Outcome != Rejected || len(e.Groups) != 3 {
		t.Errorf("rejected file = %+v", e)
	}
}

func TestArrivedIsUTC(t *testing.T) {
	s, _ := openStore(t)
	f := newFile("a.xlsx", "a", 0)
	f.Arrived = f.Arrived.Add(123456789 * time.Nanosecond)
	e := mustAdd(t, s, f, nil)
	if !e.Arrived.Equal(f.Arrived) || e.Arrived.Location() != time.UTC {
		t.Errorf("Arrived = %v, want %v in UTC", e.Arrived, f.Arrived)
	}
}

func TestOutcomeOf(t *testing.T) {
	tests := []struct {
		problems []perinet.Problem
		want     Outcome
	}{
		{nil, Accepted},
		{[]perinet.Problem{hiddenSheet}, Accepted},
		{[]perinet.Problem{hiddenSheet, badDate}, Rejected},
		{[]perinet.Problem{badDate}, Rejected},
	}
	for _, tt := range tests {
		if got := outcomeOf(tt.problems); got != tt.want {
			t.Errorf("outcomeOf(%v) = %s, want %s", tt.problems, got, tt.want)
		}
	}
}

func TestLatest(t *testing.T) {
	g := func(fy int, block string) Group { return Group{FiscalYear: fy, Block: block} }
	files := []FileEntry{
		{ID: 1, Outcome: Accepted, Groups: []Group{g(2016, "A"), g(2016, "B")}},
		{ID: 2, Outcome: Rejected, Groups: []Group{g(2016, "A")}},
		{ID: 3, Outcome: Duplicate, DuplicateOf: 1, Groups: []Group{g(2016, "A"), g(2016, "B")}},
		{ID: 4, Outcome: Accepted, Groups: []Group{g(2017, "B"), g(2016, "C")}},
	}
	tests := []struct {
		fy   int
		want map[string]int64
	}{
		{2016, map[string]int64{"A": 2, "B": 1, "C": 4}},
		{2017, map[string]int64{"B": 4}},
		{2018, map[string]int64{}},
	}
	for _, tt := range tests {
		got := make(map[string]int64)
		for block, f := range Latest(files, tt.fy) {
			got[block] = f.ID
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("Latest(%d) = %v, want %v", tt.fy, got, tt.want)
		}
	}
}

func jsonMarshal(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestFilesByHash finds files by the first digits of their hash: every
// file with those bytes, duplicates included, and no other.
func TestFilesByHash(t *testing.T) {
	ctx := context.Background()
	s, _ := openStore(t)
	first := mustAdd(t, s, newFile("a.xlsx", "same bytes", 0), []perinet.Record{record(2016, "区中央部", "愛育病院")})
	mustAdd(t, s, newFile("other.xlsx", "other bytes", 1), []perinet.Record{record(2016, "区南部", "昭和大学病院")})
	dup := mustAdd(t, s, newFile("b.xlsx", "same bytes", 2), nil)
	sum := first.SHA256
	for _, c := range []struct {
		prefix string
		want   []int64
	}{
		{sum, []int64{first.ID, dup.ID}},
		{strings.ToUpper(sum[:8]), []int64{first.ID, dup.ID}},
		{sum[:3], []int64{first.ID, dup.ID}},
		{"", []int64{1, 2, 3}},
		{sum[:7] + string("0123456789abcdef"[(strings.IndexByte("0123456789abcdef", sum[7])+1)%16]), nil},
	} {
		files, err := s.FilesByHash(ctx, c.prefix)
		var got []int64
		for _, f := range files {
			got = append(got, f.ID)
		}
		if err != nil || !slices.Equal(got, c.want) {
			t.Errorf("FilesByHash(%q) = %v, %v; want %v", c.prefix, got, err, c.want)
		}
	}
	if files, _ := s.FilesByHash(ctx, sum); len(files) == 2 && !slices.Equal(files[1].Groups, []Group{{FiscalYear: 2016, Block: "区中央部"}}) {
		t.Errorf("the duplicate's groups: %+v", files[1].Groups)
	}
	for _, bad := range []string{"xyz", sum + "0", "1a2b'"} {
		if _, err := s.FilesByHash(ctx, bad); err == nil {
			t.Errorf("FilesByHash(%q) accepted", bad)
		}
	}
}
