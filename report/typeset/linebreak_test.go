package typeset

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// cells measures text in character cells: a Japanese character is one
// cell wide, an ASCII character or a half-width kana half a cell.
func cells(text string) float64 {
	var w float64
	for _, r := range text {
		if r < 0x80 || r >= 0xFF61 && r <= 0xFF9F {
			w += 0.5
		} else {
			w++
		}
	}
	return w
}

func TestBreak(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		width float64
		want  []string
	}{
		{"empty", "", 5, []string{""}},
		{"fits", "連携会議で検討", 10, []string{"連携会議で検討"}},
		{"exactly fits", "連携会議で検討", 7, []string{"連携会議で検討"}},
		{"plain break", "連携会議で検討", 4, []string{"連携会議", "で検討"}},
		{"full stop stays", "あいうえお。かき", 5, []string{"あいうえ", "お。かき"}},
		{"comma stays", "役割分担、連携体制", 4, []string{"役割分", "担、連携", "体制"}},
		{"small tsu stays", "あいうえおっと", 5, []string{"あいうえ", "おっと"}},
		{"small ya stays", "いしゃいしゃ", 2, []string{"い", "しゃ", "い", "しゃ"}},
		{"small katakana stays", "マタニティダイアリー", 4, []string{"マタニ", "ティダイ", "アリー"}},
		{"long vowel stays", "あいうえデータ", 5, []string{"あいうえ", "データ"}},
		{"middle dot stays", "集約・配付", 2, []string{"集", "約・", "配付"}},
		{"closing bracket stays", "共有カルテ（手帳）です", 6, []string{"共有カルテ", "（手帳）です"}},
		{"closing corner bracket", "あいう「え」", 4, []string{"あいう", "「え」"}},
		{"opening bracket moves", "あいう「えお」", 4, []string{"あいう", "「えお」"}},
		{"opening bracket at end moves", "あいう（えお", 4, []string{"あいう", "（えお"}},
		{"question mark stays", "あいうえ？か", 4, []string{"あいう", "え？か"}},
		{"exclamation stays", "あいうえ！か", 4, []string{"あいう", "え！か"}},
		{"full-width comma and stop", "あいうえ，か．", 4, []string{"あいう", "え，か．"}},
		{"tortoise bracket", "あいう〔え〕", 4, []string{"あいう", "〔え〕"}},
		{"lenticular bracket", "あいう【え】", 4, []string{"あいう", "【え】"}},
		{"white corner bracket", "あいう『え』", 4, []string{"あいう", "『え』"}},
		{"latin word kept", "NCPR講習会", 2.5, []string{"NCPR", "講習", "会"}},
		{"latin word moves whole", "研修J-MELS", 3, []string{"研修", "J-MELS"}},
		{"latin words break at spaces", "abc defgh", 3, []string{"abc ", "defgh"}},
		{"space hangs", "ab cd", 1, []string{"ab ", "cd"}},
		{"too long word is split", "abcdefghij", 2, []string{"abcd", "efgh", "ij"}},
		{"number kept with unit", "103施設", 2, []string{"103", "施設"}},
		{"full-width latin kept", "ＷＥＢ型周産期", 2, []string{"ＷＥ", "Ｂ型", "周産", "期"}},
		{"full-width latin whole", "ＷＥＢ型周産期", 3, []string{"ＷＥＢ", "型周産", "期"}},
		{"half-width kana sound marks", "ﾍﾞｰｼｯｸ", 1.5, []string{"ﾍﾞｰ", "ｼｯｸ"}},
		{"kinsoku gives way to a too narrow line", "ﾍﾞｰｼｯｸ", 1, []string{"ﾍﾞ", "ｰ", "ｼｯ", "ｸ"}},
		{"katakana word kept", "J-MELSベーシックコース", 8, []string{"J-MELS", "ベーシックコース"}},
		{"katakana word moves whole", "日本赤十字社医療センター", 10, []string{"日本赤十字社医療", "センター"}},
		{"katakana word wider than a line", "ベーシックコース", 3, []string{"ベー", "シック", "コース"}},
		{"katakana word in brackets wider than a line", "「センター」", 3, []string{"「セン", "ター」"}},
		{"middle dot parts katakana words", "ノート・ダイアリー", 5, []string{"ノート・", "ダイアリー"}},
		{"newline honoured", "あ\nい", 5, []string{"あ", "い"}},
		{"blank line kept", "あ\n\nい", 5, []string{"あ", "", "い"}},
		{"only newline", "\n", 5, []string{"", ""}},
		{"bullets", "・NCPR講習会\n・ALSO", 10, []string{"・NCPR講習会", "・ALSO"}},
		{"bullet stays with its word", "・マタニティダイアリー", 10, []string{"・マタニティダイア", "リー"}},
		{"bullet stays with its latin word", "・NCPR講習会", 3, []string{"・NCPR", "講習会"}},
		{"zero width", "あい", 0, []string{"あ", "い"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Break(tt.text, tt.width, cells)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Break(%q, %v) = %q, want %q", tt.text, tt.width, got, tt.want)
			}
		})
	}
}

// breakTexts are texts from the FY2016 table and the published summary,
// for the properties every break must have.
var breakTexts = []string{
	"周産期医療機関連携ガイドラインに沿った役割分担、連携体制の構築",
	"各サブグループ内で予後不良となった症例を議論・協議し、既存のサブグループ内独自の基準をアップデート",
	"妊娠週数やリスクに応じた個別の状態把握、各病院の診療体制等の報告・確認",
	"共有カルテ（母と子のネットワーク健診手帳）",
	"WEB型周産期地域診療情報連携システムの利用促進",
	"各グループの連携会議では、搬送実績の報告のみならず、直近の傾向（例：周産期の災害医療、出生前診断、社会的ハイリスク妊婦等）を踏まえた講演会や症例報告等を行う等、情報の共有の場等として適切に機能している。",
	"妊産婦に関する一般的な情報共有は連携会議等で行われている。一方、共通診療ノートの利用やオープン・セミオープンシステム等による個別の妊産婦に対する情報共有は十分に進んでいない。",
	"・NCPR講習会 ・ALSO ・育児支援研修会 ・J-MELSﾍﾞｰｼｯｸｺｰｽ",
	"「ショッピング」、『チェック』！？　ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ",
}

// TestBreakProperties checks every text at every width from the widest
// unbreakable piece up: below that, kinsoku must give way somewhere.
func TestBreakProperties(t *testing.T) {
	for _, text := range breakTexts {
		widest := Narrowest(text, cells)
		for width := widest; width <= 30; width++ {
			t.Run(fmt.Sprintf("%.8s/%v", text, width), func(t *testing.T) {
				lines := Break(text, width, cells)
				if got := strings.Join(lines, ""); got != text {
					t.Fatalf("lines %q join to %q, want %q", lines, got, text)
				}
				for i, line := range lines {
					if w := cells(strings.TrimRight(line, " ")); w > width {
						t.Errorf("line %d %q is %v wide, more than %v", i, line, w, width)
					}
					r, _ := utf8.DecodeRuneInString(line)
					if i > 0 && NoStart(r) {
						t.Errorf("line %d %q starts with %q (lines %q)", i, line, r, lines)
					}
					r, _ = utf8.DecodeLastRuneInString(line)
					if i < len(lines)-1 && NoEnd(r) {
						t.Errorf("line %d %q ends with %q (lines %q)", i, line, r, lines)
					}
				}
			})
		}
	}
}

func TestNarrowest(t *testing.T) {
	tests := []struct {
		name string
		text string
		want float64
	}{
		{"empty", "", 0},
		{"kanji break anywhere", "連携会議で検討", 1},
		{"katakana word", "J-MELSベーシックコース", 8},
		{"latin word", "NCPR講習会", 2},
		{"number", "103施設", 1.5},
		{"kinsoku pair", "役割分担、連携", 2},
		{"bracketed kanji", "南多摩（町田市除く）", 2},
		{"each paragraph", "・ALSO\n・J-MELS", 4},
		{"trailing space left out", "abc def", 1.5},
		{"middle dot parts words", "ノート・ダイアリー", 5},
		{"bullet holds on to its word", "・マタニティダイアリー", 11},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Narrowest(tt.text, cells); got != tt.want {
				t.Errorf("Narrowest(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestKinsokuTables(t *testing.T) {
	for _, r := range "、。，．）」』】〕ー・？！ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ" {
		if !NoStart(r) {
			t.Errorf("NoStart(%q) = false, want true", r)
		}
	}
	for _, r := range "（「『【〔" {
		if !NoEnd(r) {
			t.Errorf("NoEnd(%q) = false, want true", r)
		}
	}
	for _, r := range "あア漢AＡ1（「" {
		if NoStart(r) {
			t.Errorf("NoStart(%q) = true, want false", r)
		}
	}
}

func FuzzBreak(f *testing.F) {
	for _, text := range breakTexts {
		f.Add(text, 5.0)
	}
	f.Fuzz(func(t *testing.T, text string, width float64) {
		if !utf8.ValidString(text) {
			t.Skip()
		}
		lines := Break(text, width, cells)
		if got, want := strings.Join(lines, ""), strings.ReplaceAll(text, "\n", ""); got != want {
			t.Fatalf("Break(%q, %v) = %q: joined %q, want %q", text, width, lines, got, want)
		}
		if got, want := len(lines), strings.Count(text, "\n")+1; got < want {
			t.Fatalf("Break(%q, %v) = %d lines, want at least %d", text, width, got, want)
		}
	})
}

func BenchmarkBreak(b *testing.B) {
	text := strings.Join(breakTexts, "\n")
	for b.Loop() {
		Break(text, 12, cells)
	}
}
