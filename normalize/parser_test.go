package normalize

import "testing"

func TestFieldKind(t *testing.T) {
	for _, c := range []struct{ field, kind string }{
		{"hospital", "hospital"},
		{"started", "date"},
		{"items.3", "mark"},
		{"items.3.distributed_to", "count"},
		{"items.8.details", "details"},
		{"block", ""},
		{"items", ""},
		{"items.3.mark", ""},
	} {
		if got := FieldKind(c.field); got != c.kind {
			t.Errorf("FieldKind(%q) = %q, want %q", c.field, got, c.kind)
		}
	}
}
