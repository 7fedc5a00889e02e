package intake

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"perinet"
	"perinet/store"
)

// TestStatus takes a season's files into a store and reads each group's
// state, in the survey's order, with the groups awaited.
func TestStatus(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "perinet.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	warning := perinet.Problem{Severity: perinet.Warning, Code: perinet.UnreadCell, Where: "調査票!F9", Text: "担当: 山田"}
	bad := perinet.Problem{Severity: perinet.Error, Code: perinet.BadDate, Where: "調査票!C7", Text: "H32年2月"}
	day := time.Date(2016, time.May, 1, 9, 0, 0, 0, perinet.Japan())
	for i, f := range []struct {
		name     string
		fy       int
		blocks   string // space-separated
		problems []perinet.Problem
	}{
		{"2015.xlsx", 2015, "区中央部 区南部 区西南部 区西部 区東部 西多摩", nil},
		{"中央.xlsx", 2016, "区中央部", nil},
		{"南部.xlsx", 2016, "区南部", []perinet.Problem{bad}},
		{"西南部.xlsx", 2016, "区西南部", []perinet.Problem{warning}},
		{"東部.xlsx", 2016, "区東部", []perinet.Problem{bad}},
		{"東部-訂正.xlsx", 2016, "区東部", nil},
		{"中央-訂正.xlsx", 2016, "区中央部", []perinet.Problem{bad}},
		{"新.xlsx", 2016, "新グループ", nil},
		{"scan.pdf", 0, "", []perinet.Problem{bad}},
	} {
		var records []perinet.Record
		for _, b := range strings.Fields(f.blocks) {
			records = append(records, perinet.Record{FiscalYear: f.fy, Block: b})
		}
		sum := sha256.Sum256([]byte(f.name))
		nf := store.NewFile{SHA256: hex.EncodeToString(sum[:]), Name: f.name, Size: 1, Arrived: day.AddDate(0, 0, i)}
		if _, err := s.Add(ctx, nf, records, f.problems); err != nil {
			t.Fatal(err)
		}
	}
	l, err := LoadLedger(ctx, s, 2016)
	if err != nil {
		t.Fatal(err)
	}
	st := l.Status(2016, perinet.DefaultSurvey())
	var got []string
	for _, g := range st.Groups {
		if g.Awaited {
			got = append(got, g.Block.Name+":"+string(g.State()))
		}
	}
	want := "区中央部:不受理 区南部:不受理 区西南部:要確認 区西部:未提出 区東部:要確認 西多摩:未提出 新グループ:受付"
	if strings.Join(got, " ") != want {
		t.Errorf("awaited groups:\n got %s\nwant %s", strings.Join(got, " "), want)
	}
	if st.Basis != 2015 || len(st.Unread) != 1 || strings.Join(st.Late(), " ") != "区南部 区西部 西多摩" {
		t.Errorf("basis %d, unread %v, late %v; want 2015, scan.pdf, 区南部 区西部 西多摩", st.Basis, st.Unread, st.Late())
	}
	counts := st.Counts()
	if counts[StateAccepted] != 1 || counts[StateReview] != 2 || counts[StateRejected] != 2 || counts[StateMissing] != 2 {
		t.Errorf("counts %v", counts)
	}
	notes := map[string]string{
		"区中央部":  "誤り 1件、報告書には前に受け付けた 中央.xlsx を使います",
		"区南部":   "誤り 1件、期限を過ぎています",
		"区西南部":  "注意 1件",
		"区西部":   "期限を過ぎています",
		"区東部":   "不受理の 東部.xlsx を訂正",
		"新グループ": "",
	}
	for _, g := range st.Groups {
		if g.Block.Name == "区中央部" && (g.Accepted == nil || g.Accepted.Name != "中央.xlsx" || len(g.Files) != 2) {
			t.Errorf("区中央部: accepted %v, files %v; want 中央.xlsx standing, two files", g.Accepted, g.Files)
		}
		if want, ok := notes[g.Block.Name]; ok && strings.Join(g.Notes(true), "、") != want {
			t.Errorf("%s: notes after the deadline %q, want %q", g.Block.Name, g.Notes(true), want)
		}
		if g.Block.Name == "区西部" && len(g.Notes(false)) > 0 {
			t.Errorf("区西部: notes before the deadline %q, want none", g.Notes(false))
		}
	}
}
