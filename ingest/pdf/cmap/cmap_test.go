package cmap

import (
	"errors"
	"strings"
	"testing"
)

// toUnicode is a ToUnicode CMap as PDF producers write them, with the
// cases Unicode must handle.
const toUnicode = `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
2 beginbfchar
<0003> <0020>
<0010> <D83DDE00>
<0011> <006600660069>
<0012> /uni65E5
<0013> /u1F600
<0014> /f_i
<0015> /space
<0016> <FFFD>
<0017> <D800>
<0018> <>
<0019> <00410042D840DC0B>
endbfchar
3 beginbfrange
<0020> <0022> <0041>
<0030> <0032> [<0061> <D840DC0B> <00660066>]
<0040> <0042> <D83DDFFF>
<0050> <0051> <00660066>
<0060> <0062> <00FF>
<0070> <0071> [<0031>]
<1000> <1001> <D7FF>
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end
`

func TestUnicode(t *testing.T) {
	c, err := Parse([]byte(toUnicode))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		code uint32
		want string // "" for no text
	}{
		{0x0003, " "},
		{0x0010, "😀"},
		{0x0011, "ffi"},
		{0x0012, "日"},
		{0x0013, "😀"},
		{0x0014, "fi"},
		{0x0015, ""}, // a glyph name only the glyph list knows
		{0x0016, ""}, // U+FFFD
		{0x0017, ""}, // lone surrogate
		{0x0018, ""}, // empty
		{0x0019, "AB\U0002000B"},
		{0x0020, "A"}, {0x0021, "B"}, {0x0022, "C"}, {0x0023, ""},
		{0x0030, "a"}, {0x0031, "\U0002000B"}, {0x0032, "ff"},
		{0x0040, "\U0001F7FF"}, {0x0041, "\U0001F800"}, {0x0042, "\U0001F801"},
		{0x0050, "ff"}, {0x0051, "fg"},
		{0x0060, "ÿ"}, {0x0061, "Ā"}, {0x0062, "ā"},
		{0x0070, "1"}, {0x0071, ""},
		{0x1000, "\uD7FF"}, {0x1001, ""}, // no surrogate code points
		{0x0000, ""}, {0xFFFF, ""}, {0x12345678, ""},
	}
	for _, tt := range tests {
		got, ok := c.Unicode(tt.code)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("Unicode(%#x) = %q, %v; want %q", tt.code, got, ok, tt.want)
		}
	}
	if r, o, s := c.Collection(); r != "Adobe" || o != "UCS" || s != 0 {
		t.Errorf("Collection() = %q, %q, %d", r, o, s)
	}
	if c.Name() != "Adobe-Identity-UCS" || c.Vertical() {
		t.Errorf("Name() = %q, Vertical() = %v", c.Name(), c.Vertical())
	}
}

// shiftJIS is a ToUnicode CMap with Shift_JIS's mixed 1- and 2-byte
// codespace.
const shiftJIS = `begincmap
4 begincodespacerange
<00> <80> <8140> <9FFC> <A0> <DF> <E040> <FCFC>
endcodespacerange
1 beginbfchar
<41> <0041>
<8140> <3000>
<93FA> <65E5>
<B1> <FF71>
endbfchar
endcmap`

func TestNext(t *testing.T) {
	c, err := Parse([]byte(shiftJIS))
	if err != nil {
		t.Fatal(err)
	}
	type read struct {
		code uint32
		n    int
	}
	tests := []struct {
		in   string
		want []read
	}{
		{"", nil},
		{"A\x81\x40\x93\xFA\xB1", []read{{0x41, 1}, {0x8140, 2}, {0x93FA, 2}, {0xB1, 1}}},
		{"\x81\x20A", []read{{0x8120, 2}, {0x41, 1}}}, // bad trail byte: 2 bytes, as the range's first byte matches
		{"\xFD\xFEA", []read{{0xFD, 1}, {0xFE, 1}, {0x41, 1}}},
		{"A\x93", []read{{0x41, 1}, {0x93, 1}}}, // truncated 2-byte code
	}
	for _, tt := range tests {
		var got []read
		for b := []byte(tt.in); len(b) > 0; {
			code, n := c.Next(b)
			got = append(got, read{code, n})
			b = b[n:]
		}
		if !equal(got, tt.want) {
			t.Errorf("Next over %q = %v; want %v", tt.in, got, tt.want)
		}
	}
	if s, _ := c.Unicode(0x93FA); s != "日" {
		t.Errorf("Unicode(0x93FA) = %q", s)
	}
}

func equal[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestSyntax(t *testing.T) {
	tests := []struct {
		name, data string
		code       uint32
		want       string
		bad        bool // Parse reports ErrMalformed
	}{
		{"no spaces", "1 begincodespacerange<00><FF>endcodespacerange 1 beginbfchar<41><0041>endbfchar", 0x41, "A", false},
		{"comments", "% c\n1 begincodespacerange % c\n<00> % c\n<FF> endcodespacerange\n1 beginbfchar <41> %c\n<0041> endbfchar", 0x41, "A", false},
		{"odd hex", "1 beginbfchar <4> <041> endbfchar", 0x40, "\u0410", false},
		{"spaces in hex", "1 beginbfchar <00 4 1> <0 0\n4\t1> endbfchar", 0x41, "A", false},
		{"wrong count", "1 beginbfchar <01> <0041> <02> <0042> <03> <0043> endbfchar", 3, "C", false},
		{"no endcmap", "begincmap 1 beginbfchar <01> <0041> endbfchar", 1, "A", false},
		{"no end", "1 beginbfchar <01> <0041> 1 beginbfrange <02> <03> <0042> endbfrange", 3, "C", true},
		{"truncated", "1 beginbfchar <01> <0041> <02> <00", 1, "A", true},
		{"truncated entry", "1 beginbfchar <01> <0041> <02>", 1, "A", true},
		{"bad entry", "2 beginbfchar <01> 7 <02> <0042> endbfchar", 2, "B", true},
		{"long code", "1 beginbfchar <0102030405> <0041> <02> <0042> endbfchar", 2, "B", true},
		{"later wins", "1 beginbfchar <01> <0041> endbfchar 1 beginbfrange <00> <02> <0061> endbfrange", 1, "b", false},
		{"earlier kept", "1 beginbfrange <00> <02> <0061> endbfrange 1 beginbfchar <01> <0041> endbfchar", 2, "c", false},
		{"reversed range", "1 beginbfrange <05> <01> <0061> endbfrange", 3, "", true},
		{"latin-1 byte", "1 beginbfchar <01> <41> endbfchar", 1, "A", false},
	}
	for _, tt := range tests {
		c, err := Parse([]byte(tt.data))
		if c == nil {
			t.Fatalf("%s: Parse returned nil", tt.name)
		}
		if errors.Is(err, ErrMalformed) != tt.bad {
			t.Errorf("%s: err = %v", tt.name, err)
		}
		if got, _ := c.Unicode(tt.code); got != tt.want {
			t.Errorf("%s: Unicode(%#x) = %q; want %q", tt.name, tt.code, got, tt.want)
		}
	}
}

func TestCID(t *testing.T) {
	data := `/CIDSystemInfo 3 dict dup begin
  /Registry (Adobe) def
  /Ordering (Japan1) def
  /Supplement 6 def
end def
/CMapName /Test-V def
/WMode 1 def
2 begincodespacerange <00> <7F> <8000> <FFFF> endcodespacerange
1 beginnotdefrange <00> <1f> 231 endnotdefrange
2 begincidrange <20> <7e> 1 <8000> <80FF> 1000 endcidrange
1 begincidchar <8010> 5 <41> 99 endcidchar
1 beginnotdefchar <9000> 7 endnotdefchar`
	c, err := Parse([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		code uint32
		cid  uint32
		ok   bool
	}{
		{0x20, 1, true}, {0x40, 33, true}, {0x41, 99, true}, {0x42, 35, true},
		{0x05, 231, false}, {0x7F, 0, false},
		{0x8000, 1000, true}, {0x8010, 5, true}, {0x8011, 1017, true}, {0x80FF, 1255, true},
		{0x9000, 7, false}, {0x9001, 0, false},
	}
	for _, tt := range tests {
		cid, ok := c.CID(tt.code)
		if cid != tt.cid || ok != tt.ok {
			t.Errorf("CID(%#x) = %d, %v; want %d, %v", tt.code, cid, ok, tt.cid, tt.ok)
		}
	}
	if !c.Vertical() || c.Name() != "Test-V" {
		t.Errorf("Vertical() = %v, Name() = %q", c.Vertical(), c.Name())
	}
	if r, o, s := c.Collection(); r != "Adobe" || o != "Japan1" || s != 6 {
		t.Errorf("Collection() = %q, %q, %d", r, o, s)
	}
}

func TestImplicitCodespace(t *testing.T) {
	tests := []struct {
		data  string
		wantN int
	}{
		{"1 beginbfchar <0041> <0041> endbfchar 1 beginbfrange <0100> <01FF> <0041> endbfrange", 2},
		{"1 beginbfchar <41> <0041> endbfchar", 1},
		{"1 beginbfchar <41> <0041> <0042> <0042> endbfchar", 1}, // lengths differ: 1 byte at a time
		{"", 1},
	}
	for _, tt := range tests {
		c, _ := Parse([]byte(tt.data))
		if _, n := c.Next([]byte{0, 0x41, 0, 0}); n != tt.wantN {
			t.Errorf("%q: Next read %d bytes; want %d", tt.data, n, tt.wantN)
		}
	}
}

func TestUsecmapLoop(t *testing.T) {
	srcs := map[string]string{
		"A": "/B usecmap 1 begincidchar <01> 1 endcidchar",
		"B": "/A usecmap 1 begincidchar <02> 2 endcidchar",
	}
	var res resolver
	res = func(name string, depth int) (*CMap, error) {
		return parse([]byte(srcs[name]), res, depth)
	}
	c, err := parse([]byte(srcs["A"]), res, 0)
	if !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), "chain") {
		t.Errorf("err = %v; want a usecmap chain error", err)
	}
	if cid, ok := c.CID(2); cid != 2 || !ok {
		t.Errorf("CID(2) = %d, %v; want the parent's 2", cid, ok)
	}
}

func TestUsecmapUnknown(t *testing.T) {
	for _, data := range []string{
		"/Nonexistent-H usecmap",
		"/CMapName /Self def /Self usecmap",
		"/LICENSE usecmap",
		"/Adobe-Japan1-UCS2-H usecmap",
	} {
		c, err := Parse([]byte(data))
		if c == nil || !errors.Is(err, ErrUnknownCMap) {
			t.Errorf("%q: err = %v; want ErrUnknownCMap", data, err)
		}
	}
}
