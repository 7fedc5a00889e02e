package reader

import (
	"flag"
	"fmt"
	"strings"
	"testing"
	"time"

	"perinet"
	"perinet/ingest"
)

// explain names a file to show the reader's steps on: go test ./reader
// -run TestExplain -explain FILE prints, for each sheet, its cells, the
// table found (header band, each column's meaning, the groups' rows), and
// the role each cell got.
var explain = flag.String("explain", "", "a `file` whose reading to print, step by step")

func TestExplain(t *testing.T) {
	if *explain == "" {
		t.Skip("no -explain file")
	}
	g, probs := ingest.File(*explain, ingest.DefaultLimits())
	for _, p := range probs {
		t.Logf("ingest: %+v", p)
	}
	r, err := New(perinet.DefaultSurvey(), time.Date(2026, 11, 25, 12, 0, 0, 0, perinet.Japan()))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for i := range g.Sheets {
		sr, itemsOnly := r.readSheet(&g.Sheets[i])
		fmt.Fprintf(&b, "== sheet %q: ", g.Sheets[i].Name)
		if sr == nil {
			fmt.Fprintf(&b, "no survey (items only: %v)\n", itemsOnly)
			for _, c := range newSheet(&g.Sheets[i], r.labels).cells {
				fmt.Fprintf(&b, "  [%d,%d] %s heading %v %+v\n", c.r0, c.c0, c, c.isHead, c.head)
			}
			continue
		}
		fmt.Fprintf(&b, "fiscal year %d, example %v\n", sr.fy.year, sr.example)
		for _, t := range sr.tables {
			fmt.Fprintf(&b, "%s", t)
		}
		fmt.Fprintf(&b, "%s", sr.tables[0].v)
		for _, p := range sr.problems {
			fmt.Fprintf(&b, "  problem: %s %s %q %s\n", p.Code, p.Where, p.Text, p.Message)
		}
	}
	recs, probs := r.Read(g)
	for _, rec := range recs {
		fmt.Fprintf(&b, "record: %s %+v\n", rec.Block, rec.Items)
	}
	for _, p := range probs {
		fmt.Fprintf(&b, "problem: %s %s %s %q\n", p.Code, p.Where, p.Field, p.Text)
	}
	t.Log("\n" + b.String())
}
