// Package sfnt reads what PDF text extraction needs from an embedded
// TrueType or OpenType font program (a PDF /FontFile2 or /FontFile3
// /OpenType stream): the Unicode text of each glyph, found by inverting the
// font's own cmap table, and the font's units per em.
//
// A PDF CIDFontType2 font shown through Identity-H or Identity-V and
// without a /ToUnicode map gives its glyph ids (after /CIDToGIDMap) and
// nothing else; the font program's cmap is then the only place that says
// which characters those glyphs are. Some subsetting tools (dvipdfmx, for
// one) leave the cmap out; GlyphText then fails with `no "cmap" table`, and
// the text can only come from the character collection the CIDs belong to
// (the font's /CIDSystemInfo, e.g. Adobe-Japan1). Glyph widths are not
// read here: a PDF reader takes them from the font dictionary (/W, /DW,
// /Widths), and the ascent and descent from the font descriptor.
//
// The input is untrusted. Every offset and length is checked against the
// data, nothing is allocated in proportion to a count read from the font
// beyond what the data can hold (GlyphText uses at most 256 KiB beside the
// map it returns), the code points visited are bounded whatever the ranges
// say, and no input makes the package panic.
package sfnt

import (
	"encoding/binary"
	"fmt"
)

// GlyphText returns the Unicode character that each glyph of the font
// program shows, keyed by glyph id, by inverting the best Unicode subtable
// of the font's cmap table.
//
// The subtable is chosen in this order: format 12 (Unicode full
// repertoire, as (3,10) or (0,4)), then format 4 (Unicode BMP, as (3,1),
// (0,3) or another platform 0 encoding), then format 6, then format 0 with
// Unicode codes; at equal format a Windows (platform 3) subtable comes
// before a Unicode (platform 0) one. A Macintosh Roman (1,0) subtable of
// format 0, 6 or 4 is used, through the Mac OS Roman character set, only
// when no Unicode subtable maps a glyph. Symbol (3,0) and other
// subtables are not used. A subtable that is damaged, or maps no glyph, is
// passed over for the next best.
//
// Where several characters map to the same glyph, the glyph gets one of
// them by this rule: an ordinary character beats a CJK compatibility
// character (CJK Radicals Supplement, Kangxi Radicals, CJK Compatibility
// Ideographs and their supplement), which beats a private-use character,
// which beats a control character; among characters of the same kind the
// lowest code point wins. So a glyph mapped from both U+9AD8 and a
// compatibility ideograph reads U+9AD8, and one mapped from both U+0020
// and U+00A0 reads U+0020.
//
// Glyph 0 (.notdef), U+0000, surrogates, noncharacters and code points
// beyond U+10FFFF are never in the result, which holds at most 65,535
// entries. A nil error comes with a map of at least one entry.
// A font collection ('ttcf') is read through its first font.
func GlyphText(font []byte) (map[uint16]rune, error) {
	cmap, err := table(font, "cmap")
	if err != nil {
		return nil, fmt.Errorf("sfnt: %w", err)
	}
	m, err := invertCmap(cmap)
	if err != nil {
		return nil, fmt.Errorf("sfnt: %w", err)
	}
	return m, nil
}

// UnitsPerEm returns the number of font units in the em square of the
// font program, from its head table: glyph coordinates and the hmtx
// advance widths are in these units (1000 for most CFF fonts, often 1024
// or 2048 for TrueType ones).
func UnitsPerEm(font []byte) (int, error) {
	head, err := table(font, "head")
	if err != nil {
		return 0, fmt.Errorf("sfnt: %w", err)
	}
	const unitsPerEmAt = 18
	if len(head) < unitsPerEmAt+2 {
		return 0, fmt.Errorf("sfnt: head: %d bytes, too short for unitsPerEm", len(head))
	}
	upem := int(binary.BigEndian.Uint16(head[unitsPerEmAt:]))
	if upem == 0 {
		return 0, fmt.Errorf("sfnt: head: unitsPerEm is 0")
	}
	return upem, nil
}

// table returns the contents of the table named tag in font, after
// checking that it lies within font.
func table(font []byte, tag string) ([]byte, error) {
	dir, err := directory(font)
	if err != nil {
		return nil, err
	}
	numTables := int(binary.BigEndian.Uint16(dir[4:]))
	const headerSize, recordSize = 12, 16
	if len(dir) < headerSize+numTables*recordSize {
		return nil, fmt.Errorf("table directory: %d tables need %d bytes, %d left",
			numTables, headerSize+numTables*recordSize, len(dir))
	}
	for i := range numTables {
		rec := dir[headerSize+i*recordSize:]
		if string(rec[:4]) != tag {
			continue
		}
		off := uint64(binary.BigEndian.Uint32(rec[8:]))
		n := uint64(binary.BigEndian.Uint32(rec[12:]))
		if off+n > uint64(len(font)) {
			return nil, fmt.Errorf("table %q: offset %d and length %d overrun the %d-byte font",
				tag, off, n, len(font))
		}
		return font[off : off+n], nil
	}
	return nil, fmt.Errorf("no %q table", tag)
}

// directory returns font from the start of its table directory on: font
// itself, or for a font collection, from its first font's directory. Table
// offsets count from the start of font in both cases.
func directory(font []byte) ([]byte, error) {
	if len(font) < 12 {
		return nil, fmt.Errorf("%d bytes, too short for a font", len(font))
	}
	if string(font[:4]) == "ttcf" {
		// tag, version, numFonts, then the offset of each font's directory.
		if len(font) < 16 || binary.BigEndian.Uint32(font[8:]) == 0 {
			return nil, fmt.Errorf("font collection: no fonts")
		}
		first := uint64(binary.BigEndian.Uint32(font[12:]))
		if first+12 > uint64(len(font)) {
			return nil, fmt.Errorf("font collection: first font at %d, beyond the %d-byte file", first, len(font))
		}
		font = font[first:]
	}
	switch v := string(font[:4]); v {
	case "\x00\x01\x00\x00", "OTTO", "true", "typ1":
		return font, nil
	default:
		return nil, fmt.Errorf("not a TrueType or OpenType font (version %q)", v)
	}
}
