package ideograph_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"perinet/ideograph"
)

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"moon, Kangxi radical", "H22年2⽉", "H22年2月"},
		{"west, CJK Radicals Supplement", "区⻄南部", "区西南部"},
		{"stand", "⽴", "立"},
		{"civilian", "⺠", "民"},
		{"blue", "⻘", "青"},
		{"field", "⽥", "田"},
		{"heading", "開始年⽉", "開始年月"},
		{"several", "⽇本⾚⼗字社医療センター", "日本赤十字社医療センター"},
		{"radical to Extension B", "\u2E87", "\U00020628"},
		{"stroke H", "\u31D0", "一"},
		{"compatibility ideograph", "\uF900", "豈"},
		{"compatibility ideograph supplement", "\U0002F800", "丽"},
		{"radical without an equivalent", "\u2E80", "\u2E80"},
		{"stroke without an equivalent", "\u31C0", "\u31C0"},
		{"unified compatibility ideograph", "\uFA11", "\uFA11"},
		{"empty", "", ""},
		{"ASCII", "H22.2", "H22.2"},
		{"clean form text", "平成22年2月", "平成22年2月"},
		{"full width and marks, left to NFKC", "Ｈ２２年○月㍻", "Ｈ２２年○月㍻"},
		{"invalid UTF-8 kept", "\xe2⽉\xff", "\xe2月\xff"},
		{"truncated radical kept", "⽉\xe2\xbd", "月\xe2\xbd"},
	}
	for _, tt := range tests {
		if got := ideograph.Fold(tt.in); got != tt.want {
			t.Errorf("%s: Fold(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

// TestFoldUnchanged checks the fast path: text with nothing to fold comes
// back without an allocation.
func TestFoldUnchanged(t *testing.T) {
	for _, s := range formText {
		if allocs := testing.AllocsPerRun(100, func() { ideograph.Fold(s) }); allocs != 0 {
			t.Errorf("Fold(%q): %v allocations, want 0", s, allocs)
		}
	}
}

// The blocks that FoldRune maps, and how many code points of each Unicode
// 15.0 maps.
var folded = []struct {
	name        string
	first, last rune
	n           int
}{
	{"CJK Radicals Supplement", 0x2E80, 0x2EFF, 114},
	{"Kangxi Radicals", 0x2F00, 0x2FDF, 214},
	{"CJK Strokes", 0x31C0, 0x31EF, 20},
	{"CJK Compatibility Ideographs", 0xF900, 0xFAFF, 460},
	{"CJK Compatibility Ideographs Supplement", 0x2F800, 0x2FA1F, 542},
}

// unified are the blocks of CJK unified ideographs.
var unified = [][2]rune{
	{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0x20000, 0x2A6DF}, {0x2A700, 0x2B73F}, {0x2B740, 0x2B81F},
	{0x2B820, 0x2CEAF}, {0x2CEB0, 0x2EBEF}, {0x30000, 0x3134F}, {0x31350, 0x323AF},
}

func isUnified(r rune) bool {
	for _, u := range unified {
		if u[0] <= r && r <= u[1] {
			return true
		}
	}
	return false
}

// TestFoldRuneBlocks checks every code point of the blocks FoldRune maps:
// what it maps goes to a unified ideograph, which stays as it is, and
// agrees with NFKC (x/text's own copy of Unicode's data) wherever NFKC
// gives a single code point.
func TestFoldRuneBlocks(t *testing.T) {
	for _, b := range folded {
		n := 0
		for r := b.first; r <= b.last; r++ {
			f := ideograph.FoldRune(r)
			if f != r {
				n++
				if !isUnified(f) || ideograph.FoldRune(f) != f {
					t.Errorf("FoldRune(U+%04X) = U+%04X, not a unified ideograph that stays", r, f)
				}
			}
			if k := []rune(norm.NFKC.String(string(r))); len(k) == 1 && k[0] != r && f != k[0] {
				t.Errorf("FoldRune(U+%04X) = U+%04X, but NFKC gives U+%04X", r, f, k[0])
			}
		}
		if n != b.n {
			t.Errorf("%s: %d code points fold, want %d", b.name, n, b.n)
		}
	}
}

// TestFoldRuneElsewhere checks that no code point outside those blocks
// changes.
func TestFoldRuneElsewhere(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		inside := false
		for _, b := range folded {
			inside = inside || (b.first <= r && r <= b.last)
		}
		if !inside && ideograph.FoldRune(r) != r {
			t.Errorf("FoldRune(U+%04X) = U+%04X, want it unchanged", r, ideograph.FoldRune(r))
		}
	}
}

// TestTablesGenerated checks that tables.go is what gen.go makes of the
// Unicode data installed on this machine (Debian's unicode-data).
func TestTablesGenerated(t *testing.T) {
	const ucd = "/usr/share/unicode"
	if _, err := os.Stat(filepath.Join(ucd, "EquivalentUnifiedIdeograph.txt")); err != nil {
		t.Skipf("no Unicode data to generate from: %v", err)
	}
	out := filepath.Join(t.TempDir(), "tables.go")
	cmd := exec.Command("go", "run", "gen.go", "-ucd", ucd, "-o", out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run gen.go: %v\n%s", err, msg)
	}
	var made [2][]byte // what gen.go makes, and what is committed
	for i, file := range []string{out, "tables.go"} {
		var err error
		if made[i], err = os.ReadFile(file); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(made[0], made[1]) {
		t.Errorf("tables.go differs from what gen.go makes of %s: run go generate ./ideograph", ucd)
	}
}

// formText is the text of the cells of a one-group form, as typed.
var formText = []string{
	"周産期医療ネットワークグループ事業 取組状況調査票", "平成28年度（2016年度）", "ブロック名", "区中央部",
	"区分", "ネットワークグループ", "委託病院", "愛育", "開始年月", "H22年2月", "項目", "実施の有無",
	"配布先（施設数）", "具体的内容", "１　地域連携会議の運営等", "○", "２　各医療機関等の医療機能の把握",
	"３　連携リストの作成・配布", "103施設", "４　リスクに応じた役割分担と連携方法の検討", "（連携会議で検討）",
	"５　妊産婦等に関する情報の共有化等", "（連携会議で実施）",
	"６　産科セミオープンシステム・オープンシステムの検討（事業開始時からの取組を含む）",
	"７　研修等（連携会議とは別に実施）", "・NCPR講習会\n・ALSO\n・育児支援研修会\n・J-MELSﾍﾞｰｼｯｸｺｰｽ", "８　その他", "40210",
}

// BenchmarkFold folds the cells of a form, as ingest does every cell:
// ns/op is per cell.
func BenchmarkFold(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		ideograph.Fold(formText[i%len(formText)])
	}
}

// BenchmarkFoldRadicals folds cells that hold radicals, as a PDF gives
// them: the slow path, which allocates the folded text.
func BenchmarkFoldRadicals(b *testing.B) {
	cells := []string{"H22年2⽉", "区⻄南部", "開始年⽉", "⽇本⾚⼗字社医療センター"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		ideograph.Fold(cells[i%len(cells)])
	}
}
