//go:build ignore

// Gen writes tables.go, the table of package ideograph, from two files of
// the Unicode Character Database as Debian's unicode-data package installs
// them:
//
//   - EquivalentUnifiedIdeograph.txt: the unified ideograph that each CJK
//     radical (Kangxi Radicals, CJK Radicals Supplement) and CJK stroke is
//     equivalent to, where there is one;
//   - UnicodeData.txt: the canonical decomposition of each CJK
//     compatibility ideograph, and the ranges of the unified ideographs.
//
// It checks what it writes: every mapping lies in a block it knows, every
// target is a unified ideograph, and where a radical has a decomposition
// too (every Kangxi radical), the two agree. Run it with
//
//	go generate ./ideograph
//
// or go run gen.go [-ucd DIR] [-o FILE].
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A source says where a block's mappings come from.
type source uint8

const (
	equivalent    source = iota // Equivalent_Unified_Ideograph
	decomposition               // the canonical decomposition, a single code point
)

// blocks are the blocks whose code points the table maps, in code point
// order, and the property that maps each.
var blocks = []struct {
	name        string
	first, last rune
	from        source
}{
	{"CJK Radicals Supplement", 0x2E80, 0x2EFF, equivalent},
	{"Kangxi Radicals", 0x2F00, 0x2FDF, equivalent},
	{"CJK Strokes", 0x31C0, 0x31EF, equivalent},
	{"CJK Compatibility Ideographs", 0xF900, 0xFAFF, decomposition},
	{"CJK Compatibility Ideographs Supplement", 0x2F800, 0x2FA1F, decomposition},
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("gen: ")
	ucd := flag.String("ucd", "/usr/share/unicode", "the folder of the Unicode Character Database")
	out := flag.String("o", "tables.go", "the file to write")
	flag.Parse()

	version, equiv, err := readEquivalents(filepath.Join(*ucd, "EquivalentUnifiedIdeograph.txt"))
	if err != nil {
		log.Fatal(err)
	}
	decomp, unified, err := readUnicodeData(filepath.Join(*ucd, "UnicodeData.txt"))
	if err != nil {
		log.Fatal(err)
	}
	src, err := table(version, equiv, decomp, unified)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		log.Fatal(err)
	}
}

// readEquivalents reads EquivalentUnifiedIdeograph.txt: the Unicode
// version its first line names, and its mappings.
func readEquivalents(path string) (string, map[rune]rune, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", nil, err
	}
	m := regexp.MustCompile(`^# EquivalentUnifiedIdeograph-(\d+\.\d+\.\d+)\.txt`).FindSubmatch(data)
	if m == nil {
		return "", nil, fmt.Errorf("%s: no version in its first line", path)
	}
	equiv := map[rune]rune{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line, _, _ := strings.Cut(sc.Text(), "#")
		if strings.TrimSpace(line) == "" {
			continue
		}
		from, to, ok := strings.Cut(line, ";")
		if !ok {
			return "", nil, fmt.Errorf("%s:%d: no semicolon", path, n)
		}
		lo, hi, ok := strings.Cut(strings.TrimSpace(from), "..")
		if !ok {
			hi = lo
		}
		first, err1 := hex(lo)
		last, err2 := hex(hi)
		target, err3 := hex(strings.TrimSpace(to))
		if err1 != nil || err2 != nil || err3 != nil || last < first {
			return "", nil, fmt.Errorf("%s:%d: bad mapping %q", path, n, sc.Text())
		}
		for r := first; r <= last; r++ {
			equiv[r] = target
		}
	}
	return string(m[1]), equiv, sc.Err()
}

// readUnicodeData reads UnicodeData.txt: the code points whose canonical
// decomposition is a single code point, and the ranges of the unified
// ideographs (<CJK Ideograph…, First> to <…, Last>).
func readUnicodeData(path string) (map[rune]rune, [][2]rune, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	decomp := map[rune]rune{}
	var unified [][2]rune
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		fields := strings.Split(sc.Text(), ";")
		if len(fields) != 15 {
			return nil, nil, fmt.Errorf("%s:%d: %d fields, want 15", path, n, len(fields))
		}
		r, err := hex(fields[0])
		if err != nil {
			return nil, nil, fmt.Errorf("%s:%d: %v", path, n, err)
		}
		name, d := fields[1], fields[5]
		switch {
		case strings.HasPrefix(name, "<CJK Ideograph") && strings.HasSuffix(name, ", First>"):
			unified = append(unified, [2]rune{r, -1})
		case strings.HasPrefix(name, "<CJK Ideograph") && strings.HasSuffix(name, ", Last>"):
			if len(unified) == 0 || unified[len(unified)-1][1] != -1 {
				return nil, nil, fmt.Errorf("%s:%d: %s without its first", path, n, name)
			}
			unified[len(unified)-1][1] = r
		case d != "" && !strings.HasPrefix(d, "<") && !strings.Contains(d, " "):
			if decomp[r], err = hex(d); err != nil {
				return nil, nil, fmt.Errorf("%s:%d: %v", path, n, err)
			}
		}
	}
	if len(unified) == 0 {
		return nil, nil, fmt.Errorf("%s: no unified ideographs", path)
	}
	return decomp, unified, sc.Err()
}

func hex(s string) (rune, error) {
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil || v > utf8.MaxRune {
		return 0, fmt.Errorf("bad code point %q", s)
	}
	return rune(v), nil
}

// table writes the Go source of the table, and checks every mapping.
func table(version string, equiv, decomp map[rune]rune, unified [][2]rune) ([]byte, error) {
	isUnified := func(r rune) bool {
		for _, u := range unified {
			if u[0] <= r && r <= u[1] {
				return true
			}
		}
		return false
	}
	inBlocks := func(r rune) bool {
		for _, b := range blocks {
			if b.first <= r && r <= b.last {
				return true
			}
		}
		return false
	}
	for r := range equiv {
		if !inBlocks(r) {
			return nil, fmt.Errorf("U+%04X has an equivalent unified ideograph but lies in no block of the table", r)
		}
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by gen.go from Unicode %s EquivalentUnifiedIdeograph.txt and UnicodeData.txt. DO NOT EDIT.\n\n", version)
	b.WriteString("package ideograph\n\n")
	b.WriteString("// blocks maps, block by block in code point order, each code point to the\n")
	fmt.Fprintf(&b, "// unified ideograph Unicode %s gives it, or to 0.\n", version)
	b.WriteString("var blocks = [...]block{\n")
	var prefixes [256]uint64 // as mayFold below
	for _, blk := range blocks {
		to := map[rune]rune{}
		for r := blk.first; r <= blk.last; r++ {
			e, hasEquiv := equiv[r]
			d, hasDecomp := decomp[r]
			if hasEquiv && hasDecomp && d != e {
				return nil, fmt.Errorf("U+%04X: equivalent to U+%04X, but decomposes to U+%04X", r, e, d)
			}
			switch {
			case blk.from == equivalent && hasDecomp && !hasEquiv:
				return nil, fmt.Errorf("U+%04X decomposes to U+%04X but has no equivalent unified ideograph", r, d)
			case blk.from == decomposition && hasEquiv && !hasDecomp:
				return nil, fmt.Errorf("U+%04X has an equivalent unified ideograph but no decomposition", r)
			case blk.from == equivalent && hasEquiv:
				to[r] = e
			case blk.from == decomposition && hasDecomp:
				to[r] = d
			}
			if t, ok := to[r]; ok && !isUnified(t) {
				return nil, fmt.Errorf("U+%04X maps to U+%04X, which is not a unified ideograph", r, t)
			}
		}
		if len(to) == 0 {
			return nil, fmt.Errorf("%s: nothing maps", blk.name)
		}
		first, last := blk.last, blk.first
		for r := range to {
			first, last = min(first, r), max(last, r)
		}
		fmt.Fprintf(&b, "\t{ // %s: %d code points\n\t\tfirst: 0x%04X,\n\t\tto: []rune{", blk.name, len(to), first)
		for r := first; r <= last; r++ {
			if (r-first)%8 == 0 {
				b.WriteString("\n\t\t\t")
			} else {
				b.WriteByte(' ')
			}
			fmt.Fprintf(&b, "0x%04X,", to[r])
			if to[r] != 0 {
				var p [utf8.UTFMax]byte
				utf8.EncodeRune(p[:], r)
				prefixes[p[0]] |= 1 << (p[1] & 0x3F)
			}
		}
		b.WriteString("\n\t\t},\n\t},\n")
	}
	b.WriteString("}\n\n")
	b.WriteString("// mayFold[b0]&(1<<(b1&0x3F)) is not 0 when bytes b0, b1 start the UTF-8\n// form of a code point that blocks maps.\n")
	b.WriteString("var mayFold = [256]uint64{\n")
	for c, mask := range prefixes {
		if mask != 0 {
			fmt.Fprintf(&b, "\t0x%02X: 0x%016X,\n", c, mask)
		}
	}
	b.WriteString("}\n")
	return format.Source(b.Bytes())
}
