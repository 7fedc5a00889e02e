package desk

import (
	"context"
	"strings"
	"testing"

	"perinet"
	"perinet/nightly"
)

// TestReadKeptNotTwice: a file the night could not read whole (too_large,
// unreadable_file, found by a child process under its limits) is not read
// again by the desk, in its own process, to draw the form; a file read
// well is.
func TestReadKeptNotTwice(t *testing.T) {
	s := newSeason(t)
	d := s.open(t, Options{})
	ctx := context.Background()
	l, err := d.ledger(ctx)
	if err != nil {
		t.Fatal(err)
	}
	id := s.id(t, "fy2018-form-02-kunanbu.xlsx")
	for _, e := range l.All {
		if e.ID != id {
			continue
		}
		kin, err := d.o.Store.FilesByHash(ctx, e.SHA256[:8])
		if err != nil {
			t.Fatal(err)
		}
		copy, _ := nightly.Kept(l, e, kin)
		if g, note := d.readKept(copy, e); g == nil || note != "" {
			t.Fatalf("a file read well: grid %v, note %q", g != nil, note)
		}
		for _, code := range []perinet.Code{perinet.TooLarge, perinet.UnreadableFile} {
			bomb := e
			bomb.Problems = []perinet.Problem{{Severity: perinet.Error, Code: code, Message: "上限を超えました"}}
			if g, note := d.readKept(copy, bomb); g != nil || !strings.Contains(note, "上限を超えました") {
				t.Errorf("%s: grid %v, note %q; want no grid and the night's message", code, g != nil, note)
			}
		}
		return
	}
	t.Fatalf("no ledger entry %d", id)
}
