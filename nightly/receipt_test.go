package nightly

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"perinet"
	"testing"
	"time"

	"perinet/store"
)

var update = flag.Bool("update", false, "rewrite the golden receipts in testdata/")

// TestMain runs the tests in the secretariat's time zone, so that dates
// in names and receipts are those of an office in Tokyo.
func TestMain(m *testing.M) {
	time.Local = jst
	os.Exit(m.Run())
}

// badCSV is a form saved as CSV with mistakes a person makes: an unknown
// group, a date that does not exist, a mark that is no mark, a count in
// words, and the last items missing.
const badCSV = "周産期医療ネットワークグループ事業 取組状況調査票\r\n平成28年度\r\n\r\n" +
	"ブロック名,区北部\r\n委託病院,さくら病院\r\n開始年月,H31年5月\r\n\r\n" +
	"項目,実施の有無,配布先,具体的内容\r\n１　地域連携会議の運営等,○\r\n２　各医療機関等の医療機能の把握,はい？\r\n" +
	"３　連携リストの作成・配布,○,約100施設\r\n４　リスクに応じた役割分担と連携方法の検討,済\r\n" +
	"５　妊産婦等に関する情報の共有化等,×\r\n"

// TestReceipt compares receipts with the golden ones in testdata/: what
// the secretariat sends back to a hospital.
func TestReceipt(t *testing.T) {
	form := fixture(t, "fy2016/form-03-kuseinanbu.xlsx")
	first := &store.FileEntry{ID: 1, Name: "区西南部_調査票.xlsx", Arrived: day(15), Outcome: store.Accepted}
	for _, c := range []struct {
		golden  string
		name    string
		data    []byte
		outcome store.Outcome
		first   *store.FileEntry
		to      string    // where to send forms
		by      time.Time // the deadline
	}{
		{"accepted", "form-03-kuseinanbu.xlsx", form, store.Accepted, nil, "", time.Time{}},
		{"rejected", "区北部.csv", []byte(badCSV), store.Rejected, nil, "", time.Time{}},
		{"rejected-deadline", "区北部.csv", []byte(badCSV), store.Rejected, nil,
			"東京都 周産期医療ネットワーク事務局（perinatal@example.jp）", time.Date(2017, 5, 31, 0, 0, 0, 0, perinet.Japan())},
		{"unreadable", "memo.txt", []byte{0, 1, 2, 3}, store.Rejected, nil, "", time.Time{}},
		{"duplicate", "form-03-kuseinanbu.xlsx", form, store.Duplicate, first, "", time.Time{}},
	} {
		t.Run(c.golden, func(t *testing.T) {
			e := newEnv(t)
			r, err := newRun(e.options())
			if err != nil {
				t.Fatal(err)
			}
			path := e.drop(c.name, c.data, day(16))
			a := &arrival{candidate: candidate{name: c.name, path: path}, staged: path, sha256: sha256Hex(c.data),
				size: int64(len(c.data)), arrived: day(16)}
			rd, err := r.read(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			got := receipt{arrival: a, reading: rd, outcome: c.outcome, first: c.first, survey: r.survey,
				submitTo: c.to, deadline: c.by}.bytes()
			golden := filepath.Join("testdata", c.golden+receiptExt)
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("receipt differs from %s (go test ./nightly -update rewrites it):\n%s", golden, got)
			}
			readReceipt(t, golden)
		})
	}
}
