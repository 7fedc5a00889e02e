package normalize

import (
	"testing"

	"golang.org/x/text/unicode/norm"

	"perinet/ideograph"
)

func TestClean(t *testing.T) {
	tests := []struct{ text, want string }{
		{"", ""},
		{"区西南部", "区西南部"},
		{"  ＮＣＰＲ　講習会\n（年２回） ", "NCPR 講習会 (年2回)"},
		{"区⻄南部", "区西南部"},         // ⻄ U+2EC4, which NFKC leaves
		{"開始年⽉", "開始年月"},         // ⽉ U+2F49
		{"⺠間病院", "民間病院"},         // ⺠ U+2EA0
		{"⻘梅市⽴総合病院", "青梅市立総合病院"}, // ⻘ U+2ED8, ⽴ U+2F74
		{"⽥", "田"},                         // ⽥ U+2F65
		{"\uF900", "豈"},                    // a compatibility ideograph
		{"㍻22年", "平成22年"},                  // NFKC
		{"⭕\uFE0F", "⭕"},                   // a variation selector
		{"NCPR\u200b講習会\uFEFF", "NCPR講習会"}, // zero-width space, BOM
	}
	for _, tt := range tests {
		if got := Clean(tt.text); got != tt.want {
			t.Errorf("Clean(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestNormalKeepsLines checks that the normal form keeps white space and
// line breaks, which Details and the date lexer read.
func TestNormalKeepsLines(t *testing.T) {
	if got, want := normal("・⽇本\n・ALSO　2回"), "・日本\n・ALSO 2回"; got != want {
		t.Errorf("normal = %q, want %q", got, want)
	}
}

// TestNormalUnchanged checks the fast path: text already in the normal
// form is returned without an allocation.
func TestNormalUnchanged(t *testing.T) {
	for _, s := range []string{"H22年2月", "区西南部", "・NCPR講習会\n・ALSO", "○", ""} {
		if allocs := testing.AllocsPerRun(100, func() { normal(s) }); allocs != 0 {
			t.Errorf("normal(%q): %v allocations, want 0", s, allocs)
		}
	}
}

// TestPlainRunes checks the rule of normal's fast path: every plain rune
// is in the normal form on its own, folds to nothing else, and starts a
// new NFKC segment, so that text made of plain runes is in the normal form.
func TestPlainRunes(t *testing.T) {
	for r := rune(0); r <= 0x10FFFF; r++ {
		if !isPlainRune(r) {
			continue
		}
		s := string(r)
		if norm.NFKC.String(s) != s || ideograph.FoldRune(r) != r || !norm.NFKC.PropertiesString(s).BoundaryBefore() {
			t.Errorf("U+%04X is plain, but the normal form changes it or it combines", r)
		}
	}
}
