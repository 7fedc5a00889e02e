package layouttest

import (
	"testing"

	"perinet"
	"perinet/layout"
)

// TestNew requires every seed to give a case that renders, the same case
// twice, and Records that are whole: eight items in order, a count only
// on the counted item.
func TestNew(t *testing.T) {
	s := perinet.DefaultSurvey()
	for seed := uint64(1); seed <= 3000; seed++ {
		c, err := New(s, seed)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := New(s, seed)
		if again.String() != c.String() {
			t.Fatalf("seed %d gave two cases:\n%s\n%s", seed, c, again)
		}
		if _, err := layout.Render(c.Layout, s, c.FiscalYear, c.Records); err != nil {
			t.Fatalf("%s: %v", c, err)
		}
		for _, r := range c.Records {
			if len(r.Items) != len(s.Items) {
				t.Fatalf("%s: %s has %d items", c, r.Block, len(r.Items))
			}
			for i, it := range r.Items {
				if it.No != i+1 || it.DistributedTo != nil && !it.Counted || it.Details == nil {
					t.Fatalf("%s: %s item %+v", c, r.Block, it)
				}
			}
		}
	}
}
