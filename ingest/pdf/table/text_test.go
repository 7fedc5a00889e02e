package table

import (
	"testing"

	"perinet/ingest/pdf"
)

// TestCellText sets texts in a cell as a spreadsheet prints them and reads
// them back: wrapped lines joined, typed line breaks kept.
func TestCellText(t *testing.T) {
	tests := []struct {
		name  string
		width float64 // the cell's width, in points at 10 pt
		align align
		text  string
		want  string
	}{
		{"one line", 200, left, "NCPR講習会", "NCPR講習会"},
		{"a mark centred", 40, centred, "○", "○"},
		{"Japanese wrapped over three lines", 120, left,
			"周産期医療機関連携ガイドラインに沿った役割分担、連携体制の構築",
			"周産期医療機関連携ガイドラインに沿った役割分担、連携体制の構築"},
		{"a list, one entry a line", 200, left,
			"・共通診療ノート\n・マタニティダイアリー\n・きずなノート",
			"・共通診療ノート\n・マタニティダイアリー\n・きずなノート"},
		{"a list with a wrapped entry", 110, left,
			"・共通診療ノート\n・共有カルテ（母と子のネットワーク健診手帳）",
			"・共通診療ノート\n・共有カルテ（母と子のネットワーク健診手帳）"},
		{"a wrapped line that begins with ・", 84, left,
			"多摩地域全体分を杏林大が集約・配付",
			"多摩地域全体分を杏林大が集約・配付"},
		{"a numbered line wrapped before ・", 140, left,
			"１　産科セミオープンシステム・オープンシステム",
			"１ 産科セミオープンシステム・オープンシステム"},
		{"a numbered list", 200, left, "1. 連携会議\n2. 症例検討会", "1. 連携会議\n2. 症例検討会"},
		{"a list after a line without a bullet", 120, left,
			"（連携会議で実施）\n・育児支援研修会\n・J-MELSベーシック",
			"（連携会議で実施）\n・育児支援研修会\n・J-MELSベーシック"},
		{"a katakana word moved whole to the next line", 140, left,
			"周産期医療機関連携\nガイドラインに沿った役割分担",
			"周産期医療機関連携ガイドラインに沿った役割分担"},
		{"a bulleted entry's line without a bullet", 200, left,
			"・NCPR講習会\n・J-MELS\nベーシックコース",
			"・NCPR講習会\n・J-MELSベーシックコース"},
		{"a list under a mark", 120, left,
			"●\n・共通診療ノートの運用\n・多職種連携の研修会",
			"●\n・共通診療ノートの運用\n・多職種連携の研修会"},
		{"a full line before a list's entry", 70, left,
			"研修会として\n・育児支援研修\n・J-MELS",
			"研修会として\n・育児支援研修\n・J-MELS"},
		{"Latin words wrapped", 70, left,
			"Neonatal Cardiopulmonary Resuscitation course",
			"Neonatal Cardiopulmonary Resuscitation course"},
		{"half-width kana after Latin", 200, left, "J-MELSﾍﾞｰｼｯｸｺｰｽ", "J-MELSﾍﾞｰｼｯｸｺｰｽ"},
		{"a short line ends with a break", 200, left, "連携会議で検討\nWEB会議", "連携会議で検討\nWEB会議"},
		{"centred heading broken by hand", 90, centred, "１　地域連携\n会議の運営等", "１ 地域連携\n会議の運営等"},
		{"a label wrapped after its number", 200, left,
			"６　産科セミオープンシステム・オープンシステムの検討（事業開始時からの取組を含む）",
			"６ 産科セミオープンシステム・オープンシステムの検討（事業開始時からの取組を含む）"},
		{"Latin words spaced", 200, left, "SNS and WEB", "SNS and WEB"},
		{"stacked one character a line", 20, stack, "ネットワークグループ", "ネットワークグループ"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSketch(1)
			s.text(100, 100, 100+tt.width, 300, 10, tt.align, tt.text)
			if got := cellText(lines(s.page.Glyphs), tt.width); got != tt.want {
				t.Errorf("set in %g pt: read %q, want %q", tt.width, got, tt.want)
			}
		})
	}
}

// TestVerticalGlyphs reads text written vertically (a -V font): top to
// bottom, columns right to left.
func TestVerticalGlyphs(t *testing.T) {
	down := func(x, top float64, text string) []pdf.Glyph {
		var gs []pdf.Glyph
		for i, r := range []rune(text) {
			gs = append(gs, pdf.Glyph{Text: string(r), X: x, Y: top - 10*float64(i+1), W: 10, H: 10, Size: 10, Vertical: true})
		}
		return gs
	}
	upwards := func(x, bottom float64, text string) []pdf.Glyph {
		var gs []pdf.Glyph
		for i, r := range []rune(text) {
			gs = append(gs, pdf.Glyph{Text: string(r), X: x, Y: bottom + 10*float64(i), W: 10, H: 10, Size: 10})
		}
		return gs
	}
	turned := func(gs []pdf.Glyph, rotation int) []pdf.Glyph {
		for i := range gs {
			gs[i].Vertical, gs[i].Rotation = false, rotation
		}
		return gs
	}
	tests := []struct {
		name   string
		glyphs []pdf.Glyph
		width  float64
		want   string
	}{
		{"one column", down(100, 500, "サブグループ"), 10, "サブグループ"},
		{"two columns, the longer on the right", append(down(100, 500, "あいうえお"), down(85, 500, "日本語")...), 30, "あいうえお\n日本語"},
		{"two columns, the longer on the left", append(down(100, 500, "日本語"), down(85, 500, "あいうえお")...), 30, "日本語\nあいうえお"},
		{"a column broken by a gap", append(down(100, 500, "上"), down(100, 450, "下")...), 10, "上\n下"},
		{"turned to read downwards", turned(down(100, 500, "区分"), 270), 10, "区分"},
		{"turned to read upwards", turned(upwards(100, 400, "ネットワークグループ"), 90), 10, "ネットワークグループ"},
		{"two columns upwards", turned(append(upwards(100, 400, "ネットワーク"), upwards(112, 400, "グループ")...), 90), 24, "ネットワーク\nグループ"},
	}
	for _, tt := range tests {
		if got := cellText(lines(tt.glyphs), tt.width); got != tt.want {
			t.Errorf("%s: read %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestSpaces checks where a gap between glyphs reads as a space.
func TestSpaces(t *testing.T) {
	tests := []struct {
		a, b string
		gap  float64 // in points, at 10 pt
		want string
	}{
		{"A", "B", 0, "AB"},
		{"A", "B", 1, "AB"},    // kerned or tracked
		{"A", "B", 2.5, "A B"}, // a word space
		{"愛", "育", 0, "愛育"},
		{"愛", "育", 1.5, "愛育"},
		{"事", "業", 3, "事 業"},  // a half-width space not drawn
		{"１", "地", 10, "１ 地"}, // an ideographic space not drawn
		{"A", "A", -4.7, "A"}, // drawn twice: fake bold
		{"R", "講", 2.1, "R講"}, // LibreOffice Writer's autospace between scripts
		{"S", "ベ", 2, "Sベ"},
		{"会", "J", 2, "会J"},
		{"R", "講", 3, "R 講"}, // a space's width
		{"会", "J", 3, "会 J"},
		{"１", "地", 2, "１地"}, // a full-width digit is Japanese text
	}
	for _, tt := range tests {
		a := pdf.Glyph{Text: tt.a, X: 100, Y: 100, W: 5, H: 10, Size: 10}
		if wide([]rune(tt.a)[0]) {
			a.W = 10
		}
		b := pdf.Glyph{Text: tt.b, X: a.X + a.W + tt.gap, Y: 100, W: 5, H: 10, Size: 10}
		if got := newLine([]pdf.Glyph{a, b}).text(); got != tt.want {
			t.Errorf("%q and %q %g pt apart read %q, want %q", tt.a, tt.b, tt.gap, got, tt.want)
		}
	}
}

// TestEntryMark checks what begins an entry of a list.
func TestEntryMark(t *testing.T) {
	for text, want := range map[string]listMark{
		"・NCPR講習会": "・", "･ALSO": "･", "• ALSO": "•", "- item": "-", "①研修": "1", "(1) 研修": "1",
		"（１）研修": "1", "1. 研修": "1", "１．研修": "1", "2) 研修": "1", "１　地域": "1",
		"NCPR講習会": "", "2016年度": "", "(連携会議で検討)": "", "103施設": "", "": "",
	} {
		if got := entryMark(text); got != want {
			t.Errorf("entryMark(%q) = %q, want %q", text, got, want)
		}
	}
}
