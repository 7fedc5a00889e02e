package sfnt

import "fmt"

// maxWork bounds the code points, segments and groups that one call of
// GlyphText visits over all the subtables it tries: twice the whole of
// Unicode, so that a damaged or hostile cmap with overlapping ranges
// cannot make it loop for long.
const maxWork = 2 * 0x110000

// errBudget reports that a cmap asked for more than maxWork steps.
const errBudget = constError("ranges cover more code points than Unicode has")

// A constError is an error that can be a constant.
type constError string

func (e constError) Error() string { return string(e) }

// An inverse collects the glyph id to character map of one subtable.
// It stages the map in a slice indexed by glyph id (at most 256 KiB, for
// glyph 65,535), and makes the map, of the right size, once at the end.
type inverse struct {
	runes []rune // by glyph id; 0 for a glyph without a character yet
	n     int    // the glyphs with a character
	work  int    // steps left of maxWork
}

func newInverse() *inverse {
	return &inverse{work: maxWork}
}

// reset empties the map for the next subtable; the work spent stays spent.
func (inv *inverse) reset() {
	clear(inv.runes)
	inv.n = 0
}

// spend takes n steps of the budget, or fails if they are not left.
func (inv *inverse) spend(n int) error {
	if n > inv.work {
		inv.work = 0
		return errBudget
	}
	inv.work -= n
	return nil
}

// add records that code point c maps to glyph gid, unless the glyph
// already has a character that the preference rule puts first. U+0000 is
// not recorded.
func (inv *inverse) add(c rune, gid uint32) {
	if gid == 0 || gid > 0xFFFF || c == 0 || !isCharacter(c) {
		return
	}
	if int(gid) >= len(inv.runes) {
		inv.runes = append(inv.runes, make([]rune, int(gid)+1-len(inv.runes))...)
	}
	switch old := inv.runes[gid]; {
	case old == 0:
		inv.n++
	case !preferred(c, old):
		return
	}
	inv.runes[gid] = c
}

// glyphs returns the map collected.
func (inv *inverse) glyphs() map[uint16]rune {
	m := make(map[uint16]rune, inv.n)
	for g, r := range inv.runes {
		if r != 0 {
			m[uint16(g)] = r
		}
	}
	return m
}

// invert adds the mappings of the subtable that starts sub (and runs to
// the end of the cmap table: subtable lengths are not trusted, format 4's
// 16-bit one often overflows). mac says the codes are Mac OS Roman.
func (inv *inverse) invert(sub []byte, format uint16, mac bool) error {
	switch format {
	case 0:
		return inv.format0(sub, mac)
	case 4:
		return inv.format4(sub, mac)
	case 6:
		return inv.format6(sub, mac)
	case 12:
		return inv.format12(sub)
	}
	return fmt.Errorf("format %d not read", format)
}

// code returns the character of code c of a subtable: c itself for a
// Unicode subtable; for a Mac Roman one, its Mac OS Roman character, or
// -1 if c is beyond one byte.
func code(c uint32, mac bool) rune {
	if !mac {
		return rune(c)
	}
	if c > 0xFF {
		return -1
	}
	return macRoman(byte(c))
}

// isCharacter reports whether c is a Unicode scalar value and not a
// noncharacter.
func isCharacter(c rune) bool {
	switch {
	case c < 0 || c > 0x10FFFF:
		return false
	case c >= 0xD800 && c <= 0xDFFF:
		return false
	case c >= 0xFDD0 && c <= 0xFDEF, c&0xFFFE == 0xFFFE:
		return false
	}
	return true
}

// preferred reports whether c should be a glyph's character rather than
// old: by kind (ordinary, CJK compatibility, private use, control), then by
// the lower code point.
func preferred(c, old rune) bool {
	if kc, ko := kind(c), kind(old); kc != ko {
		return kc < ko
	}
	return c < old
}

// kind sorts characters for preferred, the lower the better.
func kind(c rune) int {
	switch {
	case c < 0x20, c >= 0x7F && c <= 0x9F:
		return 3 // control
	case c >= 0xE000 && c <= 0xF8FF, c >= 0xF0000:
		return 2 // private use
	case c >= 0x2E80 && c <= 0x2FDF, // CJK Radicals Supplement, Kangxi Radicals
		c >= 0xF900 && c <= 0xFAFF,   // CJK Compatibility Ideographs
		c >= 0x2F800 && c <= 0x2FA1F: // and their supplement
		return 1
	}
	return 0
}
