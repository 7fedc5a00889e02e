package cmap

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"
)

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func TestHugeRanges(t *testing.T) {
	data := `1 begincodespacerange <00000000> <FFFFFFFF> endcodespacerange
1 begincidrange <00000000> <FFFFFFFF> 7 endcidrange
1 beginnotdefrange <00000000> <FFFFFFFF> 1 endnotdefrange
1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange
1 beginbfrange <00000000> <FFFFFFFF> [<0041> <0042>] endbfrange
1 begincidchar <FFFFFFFF> 4294967295 endcidchar
1 beginbfchar <FFFFFFFE> <0043> endbfchar`
	var c *CMap
	var err error
	if n := allocated(func() { c, err = Parse([]byte(data)) }); n > 64<<10 {
		t.Errorf("Parse allocated %d bytes", n)
	}
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		code uint32
		cid  uint32
		text string
	}{
		{0, 7, "A"}, {1, 8, "B"}, {2, 9, "\u0043"}, {0x10FFFF - 0x41, 0x10FFFF - 0x41 + 7, "\U0010FFFF"},
		{0x10FFFF - 0x40, 0x10FFFF - 0x40 + 7, ""}, {0xFFFFFFFE, 5, "C"}, {0xFFFFFFFF, 0xFFFFFFFF, ""},
	}
	for _, ck := range checks {
		cid, _ := c.CID(ck.code)
		text, _ := c.Unicode(ck.code)
		if cid != ck.cid || text != ck.text {
			t.Errorf("code %#x: CID %d, text %q; want %d, %q", ck.code, cid, text, ck.cid, ck.text)
		}
	}
	if code, n := c.Next([]byte{1, 2, 3, 4, 5}); code != 0x01020304 || n != 4 {
		t.Errorf("Next = %#x, %d", code, n)
	}
}

// TestOverlaps checks the later-wins rule on many nested and crossing
// ranges against a plain table.
func TestOverlaps(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	want := make([]int, 4096)
	for i := range want {
		want[i] = -1
	}
	b.WriteString("1 begincodespacerange <0000> <0FFF> endcodespacerange\n")
	for range 3000 {
		lo := r.IntN(4096)
		hi := min(4095, lo+r.IntN(300))
		cid := r.IntN(60000)
		if r.IntN(4) == 0 {
			hi = lo
		}
		fmt.Fprintf(&b, "1 begincidrange <%04X> <%04X> %d endcidrange\n", lo, hi, cid)
		for c := lo; c <= hi; c++ {
			want[c] = cid + c - lo
		}
	}
	c, err := Parse([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	for code, w := range want {
		cid, ok := c.CID(uint32(code))
		if ok != (w >= 0) || ok && int(cid) != w {
			t.Fatalf("CID(%#x) = %d, %v; want %d", code, cid, ok, w)
		}
	}
}

func TestManyCodespaces(t *testing.T) {
	data := "1 begincodespacerange\n" + strings.Repeat("<8000> <8001>\n", 10000) + "<00> <7F> endcodespacerange"
	c, err := Parse([]byte(data))
	if !errors.Is(err, ErrMalformed) || len(c.spaces) != maxSpaces {
		t.Errorf("%d codespace ranges, err = %v", len(c.spaces), err)
	}
	if _, n := c.Next([]byte{0x80, 0x01}); n != 2 {
		t.Errorf("Next read %d bytes", n)
	}
}

func TestGarbage(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	words := []string{"<", ">", "<<", ">>", "[", "]", "(", ")", "\\", "%", "/", "{", "}",
		"<00>", "<FFFF>", "<0000>", "<D800>", "<DC00>", "<FFFFFFFF>", "<00000000>", "0", "4294967296", "-1",
		"begincodespacerange", "endcodespacerange", "beginbfchar", "endbfchar", "beginbfrange",
		"endbfrange", "begincidrange", "endcidrange", "begincidchar", "endcidchar",
		"beginnotdefrange", "endnotdefrange", "/WMode", "/CMapName", "/Registry", "/Ordering",
		"/Supplement", "usecmap", "/90ms-RKSJ-H", "/Identity-H", "/uni0041", "def", "endcmap", " ", "\n", "\x00"}
	for range 2000 {
		var b []byte
		if r.IntN(2) == 0 {
			b = make([]byte, r.IntN(512))
			for i := range b {
				b[i] = byte(r.UintN(256))
			}
		} else {
			for range r.IntN(200) {
				b = append(b, words[r.IntN(len(words))]...)
				if r.IntN(3) > 0 {
					b = append(b, ' ')
				}
			}
		}
		exercise(t, b, b)
	}
}

func TestTruncated(t *testing.T) {
	for _, name := range []string{"90ms-RKSJ-V", "UniJIS-UTF16-H"} {
		data, err := files.ReadFile("Adobe-Japan1/" + name)
		if err != nil {
			t.Fatal(err)
		}
		for n := 0; n <= len(data); n += 1 + n/50 {
			exercise(t, data[:n], []byte("\x93\xFA\x81\x41A\xD8\x40\xDC\x0B\x00"))
		}
	}
	data := []byte(toUnicode)
	for n := range len(data) {
		exercise(t, data[:n], []byte{0, 0x10, 0, 0x20, 0x10})
	}
}

// exercise parses data and reads text through the result, checking that
// nothing panics, that Next always moves on, and that texts are valid.
func exercise(t *testing.T, data, text []byte) {
	t.Helper()
	c, _ := Parse(data)
	if c == nil {
		t.Fatalf("Parse(%q) = nil", data)
	}
	for b := text; len(b) > 0; {
		code, n := c.Next(b)
		if n < 1 || n > len(b) || n > 4 {
			t.Fatalf("Parse(%q).Next(% X) read %d bytes", data, b, n)
		}
		b = b[n:]
		c.CID(code)
		s, ok := c.Unicode(code)
		if ok != (s != "") || !utf8.ValidString(s) || strings.ContainsRune(s, utf8.RuneError) {
			t.Fatalf("Parse(%q).Unicode(%#x) = %q, %v", data, code, s, ok)
		}
	}
	c.Vertical()
	c.Name()
	c.Collection()
}
