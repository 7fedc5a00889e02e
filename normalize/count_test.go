package normalize

import (
	"testing"

	"perinet"
)

func TestCount(t *testing.T) {
	tests := []struct {
		text string
		n    int
	}{
		{"103施設", 103},
		{"１０３施設", 103},
		{"103 施設", 103},
		{"103　施設", 103},
		{"103か所", 103},
		{"103ヶ所", 103},
		{"103カ所", 103},
		{"103箇所", 103},
		{"103件", 103},
		{"103医療機関", 103},
		{"103機関", 103},
		{"103", 103},
		{"103.0", 103},
		{"1,030施設", 1030},
		{"0施設", 0},
		{"百三施設", 103},
		{"⼆⼗施設", 20}, // Kangxi radicals
		{"158施設", 158},
		{" 62施設 ", 62},
	}
	for _, tt := range tests {
		got, p := Count(tt.text)
		if p != nil || got.N == nil || *got.N != tt.n || got.Note != "" {
			t.Errorf("Count(%q) = %+v, %v; want %d", tt.text, got, p, tt.n)
		}
	}
}

func TestCountNotes(t *testing.T) {
	tests := []struct {
		text, note string
		warn       bool
	}{
		{"多摩地域全体分を杏林大が集約・配付", "多摩地域全体分を杏林大が集約・配付", false},
		{"区内の全分娩施設", "区内の全分娩施設", true},
		{"約百施設", "約百施設", true},
		{"連携会議で配布", "連携会議で配布", false},
		{"約100施設", "約100施設", true},
		{"100施設程度", "100施設程度", true},
		{"1,03施設", "1,03施設", true},
	}
	for _, tt := range tests {
		got, p := Count(tt.text)
		if got.N != nil || got.Note != tt.note {
			t.Errorf("Count(%q) = %+v; want note %q", tt.text, got, tt.note)
		}
		if warned := p != nil && p.Severity == perinet.Warning && p.Code == perinet.BadCount; warned != tt.warn || (p != nil && !warned) {
			t.Errorf("Count(%q): problem %+v, want warning: %v", tt.text, p, tt.warn)
		}
	}
}

func TestCountProblems(t *testing.T) {
	for _, text := range []string{"-3", "-3施設", "10.5施設", "1000000施設", "103.", "99999999999", "○", "〇", "○○施設", "〇〇", "××施設", "＊＊施設"} {
		got, p := Count(text)
		if got.N != nil || got.Note != "" || p == nil || p.Code != perinet.BadCount || p.Severity != perinet.Error {
			t.Errorf("Count(%q) = %+v, %+v; want an error bad_count", text, got, p)
		}
	}
	if got, p := Count(""); got.N != nil || got.Note != "" || p != nil {
		t.Errorf("Count(\"\") = %+v, %v; want nothing", got, p)
	}
}
