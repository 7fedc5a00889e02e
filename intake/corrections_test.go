package intake

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"perinet"
	"perinet/store"
)

// TestCorrectionsStand follows a correction of 区中央部's count through
// the report input: applied and listed while its file stands, withdrawn
// (the value read from the file back), made again, then not carried over
// to a later submission of the group.
func TestCorrectionsStand(t *testing.T) {
	ctx := context.Background()
	st, closeStore, err := OpenTemp(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer closeStore()
	at := time.Date(2019, 5, 10, 1, 0, 0, 0, time.UTC)
	add := func(name string, count int) store.FileEntry {
		n := count
		r := perinet.Record{FiscalYear: 2018, Tier: perinet.Network, Block: "区中央部", Hospital: "愛育病院",
			Items: []perinet.Item{{No: 3, Mark: perinet.Yes, Counted: true, DistributedTo: &n}}}
		e, err := st.Add(ctx, store.NewFile{SHA256: sha(name), Name: name, Size: 1, Arrived: at}, []perinet.Record{r}, nil)
		if err != nil {
			t.Fatal(err)
		}
		at = at.Add(time.Hour)
		return e
	}
	count := func() (int, int) {
		t.Helper()
		l, err := LoadLedger(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		in := l.Report(2018, ReportOptions{})
		return *in.Records[2018][0].Items[0].DistributedTo, len(in.Corrections)
	}
	first := add("a.xlsx", 103)
	c := perinet.Correction{FiscalYear: 2018, Block: "区中央部", Field: "items.3.distributed_to", Old: "103", New: "120",
		Value: json.RawMessage(`120`), Reason: "電話で確認", Who: "佐藤", At: at, File: first.ID}
	c, err = st.AddCorrection(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	if n, listed := count(); n != 120 || listed != 1 {
		t.Errorf("corrected: count %d, %d corrections listed; want 120, 1", n, listed)
	}
	if err := st.WithdrawCorrection(ctx, c.ID, perinet.Withdrawal{Who: "佐藤", At: at, Reason: "誤り"}); err != nil {
		t.Fatal(err)
	}
	if n, listed := count(); n != 103 || listed != 0 {
		t.Errorf("withdrawn: count %d, %d corrections listed; want 103, 0", n, listed)
	}
	if _, err := st.AddCorrection(ctx, c); err != nil {
		t.Fatal(err)
	}
	add("b.xlsx", 99)
	if n, listed := count(); n != 99 || listed != 0 {
		t.Errorf("after a later file: count %d, %d corrections listed; want 99, 0", n, listed)
	}
	l, err := LoadLedger(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(l.Corrections(2018)); got != 2 || len(l.InForce(2018)) != 0 || l.Standing(2018, "区中央部") == first.ID {
		t.Errorf("after a later file: %d corrections, %d in force, standing file %d", got, len(l.InForce(2018)), l.Standing(2018, "区中央部"))
	}
}

// sha is a made-up SHA-256 for a file name.
func sha(name string) string {
	const hex = "0123456789abcdef"
	b := make([]byte, 64)
	for i := range b {
		b[i] = hex[(int(name[i%len(name)])+i)%16]
	}
	return string(b)
}
