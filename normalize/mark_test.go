package normalize

import (
	"testing"

	"perinet"
)

func TestMark(t *testing.T) {
	tests := []struct {
		want  perinet.Mark
		texts []string
	}{
		{perinet.Yes, []string{"○", "◯", "〇", "⭕", "⭕\uFE0F", "●", "◎", "￮", " ○ ", "\u3000○", "有", "有り", "あり", "済", "実施", "はい", "✓", "✔", "☑", "レ", "ﾚ", "実施済み", "実施した", "○\u200b", "\ufeff○"}},
		{perinet.No, []string{"×", "✕", "✖", "☓", "✗", "無", "無し", "なし", "未実施", "実施していない", "いいえ", "☐", "－", "―", "ー", "-", "ｰ", "‐"}},
		{perinet.Partial, []string{"△", "▲", "一部", "一部実施", "⼀部"}},
		{perinet.Blank, []string{"", " ", "\u3000", "\n"}},
	}
	for _, tt := range tests {
		for _, text := range tt.texts {
			got, p := Mark(text)
			if p != nil || got != tt.want {
				t.Errorf("Mark(%q) = %v, %v; want %v", text, got, p, tt.want)
			}
		}
	}
}

func TestMarkProblems(t *testing.T) {
	for _, text := range []string{"?", "○×", "O", "0", "x", "実施予定", "◇", "○（一部）", "済？"} {
		got, p := Mark(text)
		if got != perinet.Blank || p == nil || p.Code != perinet.BadMark || p.Severity != perinet.Error || p.Text != text {
			t.Errorf("Mark(%q) = %v, %+v; want blank and an error bad_mark quoting the text", text, got, p)
		}
	}
}

func TestLeadingMark(t *testing.T) {
	tests := []struct {
		text, rest string
		mark       perinet.Mark
		ok         bool
	}{
		{"○ NCPR講習会", " NCPR講習会", perinet.Yes, true},
		{"◯\n①NCPR講習会\n②ALSO", "\n①NCPR講習会\n②ALSO", perinet.Yes, true},
		{"　△一部で実施", "一部で実施", perinet.Partial, true},
		{"✕", "", perinet.No, true},
		{"￮ NCPR講習会", " NCPR講習会", perinet.Yes, true}, // half-width, ○ in the normal form
		{"", "", perinet.Blank, false},
		{"NCPR講習会", "NCPR講習会", perinet.Blank, false},
	}
	for _, tt := range tests {
		m, rest, ok := LeadingMark(tt.text)
		if m != tt.mark || rest != tt.rest || ok != tt.ok {
			t.Errorf("LeadingMark(%q) = %v, %q, %v; want %v, %q, %v", tt.text, m, rest, ok, tt.mark, tt.rest, tt.ok)
		}
	}
	if got := Details("\n①NCPR講習会\n②ALSO"); len(got) != 2 || got[0] != "NCPR講習会" {
		t.Errorf("the rest's details: %q", got)
	}
}
