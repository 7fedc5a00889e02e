package fontenc

import "testing"

func TestRune(t *testing.T) {
	tests := []struct {
		name string
		text string
		ok   bool
	}{
		// The table.
		{"A", "A", true},
		{"a", "a", true},
		{"zero", "0", true},
		{"space", " ", true},
		{"nbspace", "\u00A0", true},
		{"nonbreakingspace", "\u00A0", true},
		{"sfthyphen", "\u00AD", true},
		{"hyphen", "-", true},
		{"minus", "−", true},
		{"yen", "¥", true},
		{"backslash", `\`, true},
		{"quotesingle", "'", true},
		{"quoteright", "’", true},
		{"quoteleft", "‘", true},
		{"grave", "`", true},
		{"quotedblleft", "“", true},
		{"quotedblright", "”", true},
		{"bullet", "•", true},
		{"endash", "–", true},
		{"emdash", "—", true},
		{"ellipsis", "…", true},
		{"Euro", "€", true},
		{"florin", "ƒ", true},
		{"fraction", "⁄", true},
		{"periodcentered", "·", true},
		{"middot", "·", true},
		{"fi", "ﬁ", true},
		{"fl", "ﬂ", true},
		{"ffi", "ﬃ", true},
		{"Aacute", "Á", true},
		{"ydieresis", "ÿ", true},
		{"Ydieresis", "Ÿ", true},
		{"dotlessi", "ı", true},
		{"circumflex", "ˆ", true},
		{"asciicircum", "^", true},
		{"tilde", "˜", true},
		{"asciitilde", "~", true},
		{"mu", "µ", true},
		{"Omega", "Ω", true},
		{"Delta", "Δ", true},
		{"alpha", "α", true},
		{"arrowright", "→", true},
		{"afii61352", "№", true},
		{"H22073", "□", true},

		// Suffixes.
		{"a.sc", "a", true},
		{"one.oldstyle", "1", true},
		{"A.alt.2", "A", true},
		{"uni3042.vert", "あ", true},
		{"f_f_i.liga", "ffi", true},
		{".notdef", "", false},
		{".null", "", false},
		{".", "", false},

		// Ligatures.
		{"f_f_i", "ffi", true},
		{"f_f", "ff", true},
		{"f_i", "fi", true},
		{"T_h", "Th", true},
		{"uni0066_uni0069", "fi", true},
		{"f_uni0069_u1F600", "fi😀", true},
		{"f_foo", "", false},
		{"f__i", "", false},
		{"_", "", false},
		{"f_", "", false},

		// uniXXXX.
		{"uni0041", "A", true},
		{"uni3042", "あ", true},
		{"uni30423044", "あい", true},
		{"uni00410042", "AB", true},
		{"uniFFFD", "\uFFFD", true},
		{"uniE000", "\uE000", true},
		{"uni20AC.alt", "€", true},
		{"uni", "", false},
		{"uni304", "", false},   // not a multiple of four
		{"uni30421", "", false}, // not a multiple of four
		{"uni3042x", "", false},
		{"uni3042abcd", "", false}, // lowercase
		{"unid842", "", false},     // lowercase
		{"uniD842", "", false},     // a surrogate
		{"uni3042DFFF", "", false}, // a surrogate
		{"uni+041", "", false},
		{"uni-041", "", false},

		// uXXXX to uXXXXXX.
		{"u0041", "A", true},
		{"u3042", "あ", true},
		{"u1F600", "😀", true},
		{"u10FFFF", "\U0010FFFF", true},
		{"u020B9F", "𠮟", true},
		{"u041", "", false},     // too short
		{"u0000041", "", false}, // too long
		{"u110000", "", false},  // beyond Unicode
		{"uD800", "", false},    // a surrogate
		{"u1f600", "", false},   // lowercase
		{"u+0041", "", false},
		{"u", "u", true}, // the letter

		// No text.
		{"", "", false},
		{"g12", "", false},
		{"g3", "", false},
		{"glyph5", "", false},
		{"cid123", "", false},
		{"G41", "", false},
		{"c65", "", false},
		{"C65", "", false},
		{"index0x41", "", false},
		{"foo", "", false},
		{"Afoo", "", false},
		{"apple", "", false},
		{"parenlefttp", "", false}, // a Symbol piece
		{"radicalex", "", false},
		{"ABCD", "", false},
		{"a b", "", false},
	}
	for _, tt := range tests {
		if got, ok := Rune(tt.name); got != tt.text || ok != tt.ok {
			t.Errorf("Rune(%q) = %q, %v, want %q, %v", tt.name, got, ok, tt.text, tt.ok)
		}
	}
}

// TestRuneTable checks that every named glyph with a Unicode value has it
// as its text.
func TestRuneTable(t *testing.T) {
	for _, g := range glyphs {
		got, ok := Rune(g.name)
		if g.r == 0 {
			if ok {
				t.Errorf("Rune(%q) = %q, want none", g.name, got)
			}
			continue
		}
		if !ok || got != string(g.r) {
			t.Errorf("Rune(%q) = %q, %v, want %q", g.name, got, ok, string(g.r))
		}
	}
}

var sink string

func BenchmarkRune(b *testing.B) {
	common := []string{"A", "space", "quotedblleft", "yen", "periodcentered", "emdash", "Euro", "zero", "hyphen", "a.sc"}
	for b.Loop() {
		for _, name := range common {
			sink, _ = Rune(name)
		}
	}
}

func BenchmarkRuneUni(b *testing.B) {
	for b.Loop() {
		sink, _ = Rune("uni3042")
	}
}

func BenchmarkDecode(b *testing.B) {
	e, _ := Base("WinAnsiEncoding")
	for b.Loop() {
		for c := 0x20; c < 0x100; c++ {
			sink, _ = e.Decode(byte(c))
		}
	}
}
