package store

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"perinet"
)

// TestCorrections adds corrections, withdraws one, and reads them back,
// through a read-only store as the desk does; what the store refuses is
// not written.
func TestCorrections(t *testing.T) {
	ctx := context.Background()
	s, path := openStore(t)
	a := mustAdd(t, s, newFile("a.xlsx", "a", 0), []perinet.Record{record(2018, "区中央部", "愛育病院")})
	good := perinet.Correction{FiscalYear: 2018, Block: "区中央部", Field: "items.3.distributed_to", Old: "40", New: "120",
		Value: json.RawMessage(`120`), Reason: "電話で確認", Who: "佐藤", At: t0, File: a.ID}
	for _, c := range []struct {
		name string
		edit func(*perinet.Correction)
	}{
		{"no reason", func(c *perinet.Correction) { c.Reason = "" }},
		{"no one", func(c *perinet.Correction) { c.Who = "" }},
		{"no value", func(c *perinet.Correction) { c.Value = nil }},
		{"another group's file", func(c *perinet.Correction) { c.Block = "区南部" }},
		{"no such file", func(c *perinet.Correction) { c.File = 99 }},
	} {
		bad := good
		c.edit(&bad)
		if _, err := s.AddCorrection(ctx, bad); err == nil {
			t.Errorf("%s: the correction was recorded", c.name)
		}
	}
	first, err := s.AddCorrection(ctx, good)
	if err != nil {
		t.Fatal(err)
	}
	second := good
	second.Field, second.Old, second.New, second.Value = "hospital", "愛育病院", "聖路加国際病院", json.RawMessage(`"聖路加国際病院"`)
	if second, err = s.AddCorrection(ctx, second); err != nil {
		t.Fatal(err)
	}
	w := perinet.Withdrawal{Who: "鈴木", At: t0.Add(3600e9), Reason: "病院に確かめた"}
	if err := s.WithdrawCorrection(ctx, first.ID, w); err != nil {
		t.Fatal(err)
	}
	if err := s.WithdrawCorrection(ctx, first.ID, w); !errors.Is(err, ErrNoCorrection) {
		t.Errorf("withdrawn twice: %v, want ErrNoCorrection", err)
	}
	ro, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	got, err := ro.Corrections(ctx, 2018)
	if err != nil {
		t.Fatal(err)
	}
	first.Withdrawn = &w
	for _, c := range []*perinet.Correction{&first, &second} {
		c.At = c.At.UTC()
	}
	first.Withdrawn.At = first.Withdrawn.At.UTC()
	if !reflect.DeepEqual(got, []perinet.Correction{first, second}) {
		t.Errorf("corrections:\n got %+v\nwant %+v", got, []perinet.Correction{first, second})
	}
	if none, err := ro.Corrections(ctx, 2017); err != nil || len(none) != 0 {
		t.Errorf("corrections of 2017: %v, %v", none, err)
	}
}

// TestCorrectionsOlderStore reads a store made before corrections as
// having none.
func TestCorrectionsOlderStore(t *testing.T) {
	ctx := context.Background()
	s, path := openStore(t)
	mustAdd(t, s, newFile("a.xlsx", "a", 0), []perinet.Record{record(2018, "区中央部", "愛育病院")})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	db := rawDB(t, path)
	if _, err := db.Exec(`DROP TABLE corrections; PRAGMA user_version = 2`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	ro, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if cs, err := ro.Corrections(ctx, 2018); err != nil || cs != nil {
		t.Errorf("corrections of an older store: %v, %v", cs, err)
	}
}
