package reader

import (
	"testing"

	"perinet"
)

func TestNumbering(t *testing.T) {
	tests := []struct {
		key    string
		n      int
		rest   string
		marker bool
	}{
		{"3連携リスト", 3, "連携リスト", false},
		{"3.連携リスト", 3, "連携リスト", false},
		{"3)連携リスト", 3, "連携リスト", false},
		{"NO.3連携リスト", 3, "連携リスト", true},
		{"NO3", 3, "", true},
		{"項目3", 3, "", true},
		{"項目3配布先", 3, "配布先", true},
		{"問3", 3, "", true},
		{"第3項", 3, "", true},
		{"三、連携リスト", 3, "連携リスト", false},
		{"12月", 12, "月", false},
		{"2010年", 0, "2010年", false},
		{"3-1", 0, "3-1", false},
		{"連携リスト", 0, "連携リスト", false},
		{"三角", 0, "三角", false},
		{"", 0, "", false},
	}
	for _, tt := range tests {
		n, rest, marker := numbering(tt.key)
		if n != tt.n || n != 0 && (rest != tt.rest || marker != tt.marker) {
			t.Errorf("numbering(%q) = %d, %q, %v; want %d, %q, %v", tt.key, n, rest, marker, tt.n, tt.rest, tt.marker)
		}
	}
}

func TestMarkedNumber(t *testing.T) {
	for text, want := range map[string]bool{"(3)": true, "（３）": true, "③": true, "⑶": true, "【3】": true, "〈3〉": true, "＜３＞": true, " ❸": true,
		"3": false, "(あ)": false, "(": false, "": false} {
		if got := markedNumber(text); got != want {
			t.Errorf("markedNumber(%q) = %v, want %v", text, got, want)
		}
	}
}

// TestHeadings reads headings as forms write them, by the survey's words
// (strict) and, where a heading is expected, by number or likeness (loose).
func TestHeadings(t *testing.T) {
	l := newLabels(perinet.DefaultSurvey())
	tests := []struct {
		text          string
		strict, loose heading
	}{
		{"ブロック名", heading{field: fieldBlock, match: matchLabel}, heading{field: fieldBlock, match: matchLabel}},
		{"ブロック", heading{field: fieldBlock, match: matchSynonym}, heading{field: fieldBlock, match: matchSynonym}},
		{"実施（○／×）", heading{field: fieldMark, match: matchSynonym}, heading{field: fieldMark, match: matchSynonym}},
		{"取組内容", heading{field: fieldDetails, match: matchSynonym}, heading{field: fieldDetails, match: matchSynonym}},
		{"配布先（施設数）", heading{field: fieldCount, match: matchLabel}, heading{field: fieldCount, match: matchLabel}},
		{"配布先", heading{field: fieldCount, match: matchSynonym}, heading{field: fieldCount, match: matchSynonym}},
		{"記入者", heading{field: fieldFurniture, match: matchLabel}, heading{field: fieldFurniture, match: matchLabel}},
		{"１　地域連携会議の運営等", heading{item: 1, match: matchLabel}, heading{item: 1, match: matchLabel}},
		{"地域連携会議の開催", heading{item: 1, match: matchSynonym}, heading{item: 1, match: matchSynonym}},
		{"連携リスト（作成・配布）", heading{item: 3, match: matchSynonym}, heading{item: 3, match: matchSynonym}},
		{"症例検討会・研修", heading{item: 7, match: matchSynonym}, heading{item: 7, match: matchSynonym}},
		{"その他の取組", heading{item: 8, match: matchSynonym}, heading{item: 8, match: matchSynonym}},
		{"７　研修等\n（連携会議とは別に実施）", heading{item: 7, match: matchLabel}, heading{item: 7, match: matchLabel}},
		{"８　その他（自由記載）", heading{item: 8, match: matchSynonym}, heading{item: 8, match: matchSynonym}},
		{"８　その他（その他の連携）", heading{item: 8, match: matchLabel}, heading{item: 8, match: matchLabel}},
		{"③連携リストの作成・配布", heading{item: 3, match: matchLabel}, heading{item: 3, match: matchLabel}},
		{"No.3 連携リストの作成・配布", heading{item: 3, match: matchLabel}, heading{item: 3, match: matchLabel}},
		{"項目3", heading{item: 3, match: matchNumber}, heading{item: 3, match: matchNumber}},
		{"(3)", heading{item: 3, match: matchNumber}, heading{item: 3, match: matchNumber}},
		{"3 配布先", heading{item: 3, sub: fieldCount, match: matchNumber}, heading{item: 3, sub: fieldCount, match: matchNumber}},
		{"4 実施の有無", heading{item: 4, sub: fieldMark, match: matchNumber}, heading{item: 4, sub: fieldMark, match: matchNumber}},
		{"連携リストの作成・配布（配布先）", heading{item: 3, sub: fieldCount, match: matchLabel}, heading{item: 3, sub: fieldCount, match: matchLabel}},
		{"1.地域連携会議の運営等（取組内容）", heading{item: 1, sub: fieldDetails, match: matchLabel}, heading{item: 1, sub: fieldDetails, match: matchLabel}},
		// Loose only: a number before unknown words, words like a label's.
		{"3 連携先名簿の作成", heading{}, heading{item: 3, match: matchNumber}},
		{"リスクに応じた役割分担と連携方法", heading{}, heading{item: 4, match: matchSimilar}},
		{"医療機関の医療機能の把握状況", heading{}, heading{item: 2, match: matchSimilar}},
		// Neither: values, sentences, and an explanation after a label.
		{"○", heading{}, heading{}},
		{"103施設", heading{}, heading{}},
		{"区中央部", heading{}, heading{}},
		{"NCPR講習会", heading{}, heading{}},
		{"　項目３　連携リストの作成・配布：医療機関等の連絡先をまとめた連携リストを作成し、配布した。", heading{}, heading{}},
	}
	for _, tt := range tests {
		got, ok := l.strict(tt.text)
		if ok != (tt.strict != heading{}) || got.field != tt.strict.field || got.item != tt.strict.item || got.sub != tt.strict.sub || got.match != tt.strict.match {
			t.Errorf("strict(%q) = %+v, %v; want %+v", tt.text, got, ok, tt.strict)
		}
		got, ok = l.loose(tt.text)
		if ok != (tt.loose != heading{}) || got.field != tt.loose.field || got.item != tt.loose.item || got.sub != tt.loose.sub || got.match != tt.loose.match {
			t.Errorf("loose(%q) = %+v, %v; want %+v", tt.text, got, ok, tt.loose)
		}
	}
}
