package normalize

import (
	"reflect"
	"testing"
)

func TestDetails(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"", []string{}},
		{"   ", []string{}},
		// The spellings of the published FY2016 table.
		{"（連携会議で検討）", []string{"連携会議で検討"}},
		{"（連携会議で実施）", []string{"連携会議で実施"}},
		{"・NCPR講習会\n・ALSO\n・育児支援研修会\n・J-MELSﾍﾞｰｼｯｸｺｰｽ", []string{"NCPR講習会", "ALSO", "育児支援研修会", "J-MELSベーシックコース"}},
		{"・共通診療ノート\n・マタニティダイアリー\n・きずなノート", []string{"共通診療ノート", "マタニティダイアリー", "きずなノート"}},
		{"・共通診療ノート\n・共有カルテ（母と子のネットワーク健診手帳）", []string{"共通診療ノート", "共有カルテ(母と子のネットワーク健診手帳)"}},
		{"ＷＥＢ型周産期地域診療情報連携システムの利用促進", []string{"WEB型周産期地域診療情報連携システムの利用促進"}},
		{"多摩地域全体分を杏林大が集約・配付", []string{"多摩地域全体分を杏林大が集約・配付"}},
		{"（サブグループ内での情報交換会や症例検討会で実施）", []string{"サブグループ内での情報交換会や症例検討会で実施"}},
		{"・助産師対象の研修", []string{"助産師対象の研修"}},
		// Bullets, numbering and line breaks.
		{"・NCPR講習会 ・ALSO", []string{"NCPR講習会", "ALSO"}},
		{"・NCPR講習会・ALSO", []string{"NCPR講習会・ALSO"}},
		{"• NCPR\r\n• ALSO", []string{"NCPR", "ALSO"}},
		{"- NCPR\n* ALSO\n+ BLS", []string{"NCPR", "ALSO", "BLS"}},
		{"●NCPR ●ALSO", []string{"NCPR", "ALSO"}},
		{"①NCPR講習会②ALSO", []string{"NCPR講習会", "ALSO"}},
		{"1. NCPR\n2. ALSO", []string{"NCPR", "ALSO"}},
		{"１．NCPR\n２．ALSO", []string{"NCPR", "ALSO"}},
		{"(1)NCPR\n(2)ALSO", []string{"NCPR", "ALSO"}},
		{"（１）NCPR\n（２）ALSO", []string{"NCPR", "ALSO"}},
		{"1)NCPR\n2)ALSO", []string{"NCPR", "ALSO"}},
		{"3、4年目の助産師対象の研修", []string{"3、4年目の助産師対象の研修"}},
		{"1、2月に症例検討会を開催", []string{"1、2月に症例検討会を開催"}},
		{"(1)と(2)を統合", []string{"(1)と(2)を統合"}},
		{"(1)NCPR (2)ALSO", []string{"NCPR", "ALSO"}},
		{"1.NCPR 2.ALSO", []string{"NCPR", "ALSO"}},
		{"NCPR講習会 2回", []string{"NCPR講習会 2回"}},
		{"研修会（①NCPR ②ALSO）", []string{"研修会(①NCPR ②ALSO)"}},
		{"（①NCPR ②ALSO）", []string{"①NCPR ②ALSO"}},
		{"· NCPR", []string{"NCPR"}},
		{"（サブグループ内での情報交換会や\n症例検討会で実施）", []string{"サブグループ内での情報交換会や症例検討会で実施"}},
		{"(NCPR\ncourse)", []string{"NCPR course"}},
		{"研修（NCPR・\nALSO）\n・BLS", []string{"研修(NCPR・ALSO)", "BLS"}},
		{"（連携会議で\n・検討", []string{"(連携会議で", "検討"}},
		{"1.5次医療の検討", []string{"1.5次医療の検討"}},
		{"10月に研修会", []string{"10月に研修会"}},
		{"2016", []string{"2016"}},
		{"・\n\n・ALSO\n", []string{"ALSO"}},
		// White space and brackets.
		{"  NCPR　講習会  （年２回）  ", []string{"NCPR 講習会 (年2回)"}},
		{"(A)と(B)", []string{"(A)と(B)"}},
		{"((二重))", []string{"(二重)"}},
		{"「連携会議」", []string{"連携会議"}},
		{"【連携会議で検討】", []string{"連携会議で検討"}},
		{"（未完", []string{"(未完"}},
		{"()", []string{}},
		// The normal form: radicals folded, zero-width characters dropped.
		{"・⽇本⾚⼗字社\n・区⻄南部で実施", []string{"日本赤十字社", "区西南部で実施"}},
		{"NCPR\u200b講習会", []string{"NCPR講習会"}},
	}
	for _, tt := range tests {
		if got := Details(tt.text); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Details(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
