package cmap

import (
	"errors"
	"testing"
)

// encodings are the predefined CMaps a PDF can name.
var encodings = []string{
	"Identity-H", "Identity-V",
	"83pv-RKSJ-H", "90ms-RKSJ-H", "90ms-RKSJ-V", "90msp-RKSJ-H", "90msp-RKSJ-V",
	"90pv-RKSJ-H", "90pv-RKSJ-V", "Add-RKSJ-H", "Add-RKSJ-V", "EUC-H", "EUC-V",
	"Ext-RKSJ-H", "Ext-RKSJ-V", "H", "V", "RKSJ-H", "RKSJ-V",
	"UniJIS-UCS2-H", "UniJIS-UCS2-V", "UniJIS-UCS2-HW-H", "UniJIS-UCS2-HW-V",
	"UniJIS-UTF16-H", "UniJIS-UTF16-V",
}

func TestPredefinedAll(t *testing.T) {
	for _, name := range encodings {
		c, err := Predefined(name)
		if err != nil {
			t.Errorf("Predefined(%q): %v", name, err)
			continue
		}
		if c.Name() != name {
			t.Errorf("Predefined(%q).Name() = %q", name, c.Name())
		}
		if v := name[len(name)-1] == 'V'; c.Vertical() != v {
			t.Errorf("Predefined(%q).Vertical() = %v", name, c.Vertical())
		}
		wantOrdering := "Japan1"
		if name[0] == 'I' {
			wantOrdering = "Identity"
		}
		if r, o, _ := c.Collection(); r != "Adobe" || o != wantOrdering {
			t.Errorf("Predefined(%q).Collection() = %q, %q", name, r, o)
		}
		if again, _ := Predefined(name); again != c {
			t.Errorf("Predefined(%q) parsed twice", name)
		}
	}
}

func TestPredefinedUnknown(t *testing.T) {
	for _, name := range []string{"", "Foo-H", "LICENSE", "README.md", "../Adobe-Japan1/H", "Adobe-Japan1-UCS2", "GBK-EUC-H"} {
		if c, err := Predefined(name); c != nil || !errors.Is(err, ErrUnknownCMap) {
			t.Errorf("Predefined(%q) = %v, %v; want ErrUnknownCMap", name, c, err)
		}
	}
	for _, coll := range [][2]string{{"Adobe", "GB1"}, {"Adobe", "CNS1"}, {"Adobe", "Korea1"}, {"Adobe", "Identity"}, {"", ""}} {
		if c, err := CIDToUnicode(coll[0], coll[1]); c != nil || !errors.Is(err, ErrUnknownCollection) {
			t.Errorf("CIDToUnicode(%q, %q) = %v, %v; want ErrUnknownCollection", coll[0], coll[1], c, err)
		}
	}
}

// decode shows bytes through an encoding CMap and Adobe-Japan1-UCS2, as a
// PDF reader extracts the text of a Type0 font without /ToUnicode.
func decode(t *testing.T, encoding string, b []byte) (string, []int) {
	t.Helper()
	enc, err := Predefined(encoding)
	if err != nil {
		t.Fatal(err)
	}
	uni, err := CIDToUnicode("Adobe", "Japan1")
	if err != nil {
		t.Fatal(err)
	}
	var s string
	var lengths []int
	for len(b) > 0 {
		code, n := enc.Next(b)
		b = b[n:]
		lengths = append(lengths, n)
		cid, ok := enc.CID(code)
		if !ok {
			t.Errorf("%s: code %#x has no CID", encoding, code)
		}
		u, ok := uni.Unicode(cid)
		if !ok {
			t.Errorf("%s: CID %d has no text", encoding, cid)
		}
		s += u
	}
	return s, lengths
}

func TestJapanese(t *testing.T) {
	tests := []struct {
		encoding string
		in       []byte
		want     string
		lengths  []int
	}{
		{"90ms-RKSJ-H", []byte{0x93, 0xFA, 0x96, 0x7B, 0x8C, 0xEA, 0x83, 0x65, 0x83, 0x58, 0x83, 0x67}, "日本語テスト", []int{2, 2, 2, 2, 2, 2}},
		// Adobe-Japan1-UCS2 gives the half-width space, CID 231, as U+2002.
		{"90ms-RKSJ-H", []byte("PDF 1.7"), "PDF\u20021.7", []int{1, 1, 1, 1, 1, 1, 1}},
		{"90ms-RKSJ-H", []byte{'A', 0x93, 0xFA, 0xB1}, "A日ｱ", []int{1, 2, 1}},
		{"90ms-RKSJ-V", []byte{0x93, 0xFA, 0x96, 0x7B}, "日本", []int{2, 2}},
		{"RKSJ-H", []byte{0x93, 0xFA, 0x96, 0x7B}, "日本", []int{2, 2}},
		{"H", []byte{0x46, 0x7C, 0x4B, 0x5C, 0x38, 0x6C}, "日本語", []int{2, 2, 2}},
		{"EUC-H", []byte{0xC6, 0xFC, 0xCB, 0xDC, 'A'}, "日本A", []int{2, 2, 1}},
		{"UniJIS-UCS2-H", []byte{0x65, 0xE5, 0x67, 0x2C, 0x8A, 0x9E}, "日本語", []int{2, 2, 2}},
		{"UniJIS-UCS2-V", []byte{0x65, 0xE5}, "日", []int{2}},
		{"UniJIS-UTF16-H", []byte{0x65, 0xE5, 0xD8, 0x40, 0xDC, 0x0B}, "日\U0002000B", []int{2, 4}},
	}
	for _, tt := range tests {
		got, lengths := decode(t, tt.encoding, tt.in)
		if got != tt.want || !equal(lengths, tt.lengths) {
			t.Errorf("%s % X = %q %v; want %q %v", tt.encoding, tt.in, got, lengths, tt.want, tt.lengths)
		}
	}
}

func TestVertical(t *testing.T) {
	h, _ := Predefined("90ms-RKSJ-H")
	v, _ := Predefined("90ms-RKSJ-V")
	if h.Vertical() || !v.Vertical() {
		t.Fatalf("Vertical() = %v, %v", h.Vertical(), v.Vertical())
	}
	// 日 is only in the parent: both map it alike.
	hc, _ := h.CID(0x93FA)
	vc, ok := v.CID(0x93FA)
	if hc != 3284 || vc != hc || !ok {
		t.Errorf("CID(0x93FA) = %d (H), %d, %v (V)", hc, vc, ok)
	}
	// 、 has a vertical form.
	if hc, _ := h.CID(0x8141); hc != 634 {
		t.Errorf("H: CID(0x8141) = %d; want 634", hc)
	}
	if vc, _ := v.CID(0x8141); vc != 7887 {
		t.Errorf("V: CID(0x8141) = %d; want 7887", vc)
	}
	// The parent's codespace and notdef range apply.
	if code, n := v.Next([]byte{0x81, 0x41}); code != 0x8141 || n != 2 {
		t.Errorf("V: Next = %#x, %d", code, n)
	}
	if cid, ok := v.CID(0x05); cid != 231 || ok {
		t.Errorf("V: CID(0x05) = %d, %v; want notdef 231", cid, ok)
	}
}

func TestIdentity(t *testing.T) {
	for _, name := range []string{"Identity-H", "Identity-V"} {
		c, err := Predefined(name)
		if err != nil {
			t.Fatal(err)
		}
		if c.Vertical() != (name == "Identity-V") {
			t.Errorf("%s: Vertical() = %v", name, c.Vertical())
		}
		code, n := c.Next([]byte{0x12, 0x34, 0x56})
		cid, ok := c.CID(code)
		if code != 0x1234 || n != 2 || cid != 0x1234 || !ok {
			t.Errorf("%s: Next, CID = %#x, %d, %#x, %v", name, code, n, cid, ok)
		}
		if code, n := c.Next([]byte{0x56}); code != 0x56 || n != 1 {
			t.Errorf("%s: Next on an odd byte = %#x, %d", name, code, n)
		}
		if _, ok := c.Unicode(0x1234); ok {
			t.Errorf("%s: Unicode has text", name)
		}
	}
}

func TestCIDToUnicode(t *testing.T) {
	u, err := CIDToUnicode("Adobe", "Japan1")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		cid  uint32
		want string
	}{
		{0, ""}, // <fffd> in the file
		{1, " "},
		{34, "A"},
		{3284, "日"},
		{843, "あ"},
		{0xFFFF, ""},
		{0x10000, ""},
	}
	for _, tt := range tests {
		if got, ok := u.Unicode(tt.cid); got != tt.want || ok != (tt.want != "") {
			t.Errorf("Unicode(CID %d) = %q, %v; want %q", tt.cid, got, ok, tt.want)
		}
	}
}

// TestUsecmapPredefined parses an embedded CMap whose parent is predefined.
func TestUsecmapPredefined(t *testing.T) {
	c, err := Parse([]byte("/90ms-RKSJ-H usecmap /CMapName /Mine def /WMode 1 def 1 begincidchar <8141> 5 endcidchar"))
	if err != nil {
		t.Fatal(err)
	}
	if cid, _ := c.CID(0x8141); cid != 5 {
		t.Errorf("CID(0x8141) = %d; want its own 5", cid)
	}
	if cid, _ := c.CID(0x93FA); cid != 3284 {
		t.Errorf("CID(0x93FA) = %d; want the parent's 3284", cid)
	}
	if _, n := c.Next([]byte{0x93, 0xFA}); n != 2 || !c.Vertical() || c.Name() != "Mine" {
		t.Errorf("Next n = %d, Vertical() = %v, Name() = %q", n, c.Vertical(), c.Name())
	}
	if r, o, s := c.Collection(); r != "Adobe" || o != "Japan1" || s != 2 {
		t.Errorf("Collection() = %q, %q, %d; want the parent's", r, o, s)
	}
}
