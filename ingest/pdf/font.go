package pdf

import (
	"sort"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"perinet/ingest/pdf/cmap"
	"perinet/ingest/pdf/fontenc"
)

// A font is what placing a font's glyphs and telling their text needs.
// Simple fonts have one byte per code; composite (Type0) fonts read
// their codes with a CMap and have CIDs.
type font struct {
	name     string  // the base font name, for problems
	vertical bool    // a composite font written top to bottom
	ascent   float64 // above the baseline, in text space units (1 = the font size)
	descent  float64 // below it, negative
	space    float64 // the width of its space, in text space units; 0 when not known

	toUnicode *cmap.CMap // the font's /ToUnicode, or nil
	// identityText is set when /ToUnicode is the name Identity-H or
	// Identity-V: a producer's way to say the two-byte codes are Unicode.
	identityText bool

	simple *simpleFont
	cid    *cidFont
}

// A simpleFont is a font with one byte per code.
type simpleFont struct {
	text  [256]string  // by code, from the encoding's glyph names
	width [256]float64 // by code, in text space units
}

// A cidFont is a Type0 font with its CIDFont.
type cidFont struct {
	codes      *cmap.CMap // the /Encoding: code → CID
	codeIsText bool       // the encoding is a Unicode CMap: a code is UTF-16
	cidText    *cmap.CMap // the character collection's CID → Unicode, or nil
	gidText    map[uint16]rune
	cidToGID   []uint16 // nil is the identity
	widths     []cidWidth
	defWidth   float64 // DW, in text space units
	vAdvance   float64 // DW2's advance, negative: down
	vertWidths []cidWidth
}

// A cidWidth gives the width of the CIDs first to last.
type cidWidth struct {
	first, last uint32
	w           float64 // in text space units
}

// next reads the next code from s, and how many bytes it took; at least
// one.
func (f *font) next(s []byte) (uint32, int) {
	if f.cid == nil {
		return uint32(s[0]), 1
	}
	code, n := f.cid.codes.Next(s)
	if n < 1 {
		return uint32(s[0]), 1
	}
	return code, n
}

// glyph returns the text and the horizontal advance of a code; ok is
// false when the font gives the code no text.
func (f *font) glyph(code uint32) (text string, w float64, ok bool) {
	if f.cid == nil {
		code &= 0xff
		text, w = f.simple.text[code], f.simple.width[code]
		if t, ok := f.mapped(code); ok {
			text = t
		}
		return text, w, text != ""
	}
	cid, _ := f.cid.codes.CID(code)
	w = widthOf(f.cid.widths, cid, f.cid.defWidth)
	if t, ok := f.mapped(code); ok {
		return t, w, true
	}
	text = f.cid.textOf(code, cid)
	return text, w, text != ""
}

// mapped returns the text the ToUnicode map gives a code.
func (f *font) mapped(code uint32) (string, bool) {
	switch {
	case f.toUnicode != nil:
		if t, ok := f.toUnicode.Unicode(code); ok && usable(t) {
			return t, true
		}
	case f.identityText && code > 0 && code < 0xd800:
		return string(rune(code)), true
	}
	return "", false
}

// textOf returns the text of a CID font's code without a ToUnicode map:
// the code itself for a Unicode encoding, the glyph's own character from
// an embedded TrueType font, or the character collection's.
func (c *cidFont) textOf(code, cid uint32) string {
	if c.codeIsText {
		return utf16Text(code)
	}
	if c.gidText != nil {
		gid := cid
		if c.cidToGID != nil {
			gid = 0
			if int(cid) < len(c.cidToGID) {
				gid = uint32(c.cidToGID[cid])
			}
		}
		if r, ok := c.gidText[uint16(gid)]; ok && gid <= 0xffff {
			return string(r)
		}
	}
	if c.cidText != nil {
		if t, ok := c.cidText.Unicode(cid); ok && usable(t) {
			return withoutVariation(t)
		}
	}
	return ""
}

// withoutVariation removes variation selectors: Adobe-Japan1-UCS2 gives
// some glyph variants as a character and a selector (逢 U+E0100), which
// is the same character to a reader of the form.
func withoutVariation(t string) string {
	return strings.Map(func(r rune) rune {
		if (r >= 0xfe00 && r <= 0xfe0f) || (r >= 0xe0100 && r <= 0xe01ef) {
			return -1
		}
		return r
	}, t)
}

// vAdvance returns the vertical advance of a code in a vertical font, in
// text space units: negative, as the text goes down.
func (f *font) vAdvance(code uint32) float64 {
	if f.cid == nil {
		return -1
	}
	cid, _ := f.cid.codes.CID(code)
	return widthOf(f.cid.vertWidths, cid, f.cid.vAdvance)
}

// widthOf looks a CID up in sorted width ranges.
func widthOf(ws []cidWidth, cid uint32, def float64) float64 {
	i := sort.Search(len(ws), func(i int) bool { return ws[i].last >= cid })
	if i < len(ws) && ws[i].first <= cid {
		return ws[i].w
	}
	return def
}

// utf16Text returns the text of a one- or two-unit UTF-16 code.
func utf16Text(code uint32) string {
	if code > 0xffff {
		r := utf16.DecodeRune(rune(code>>16), rune(code&0xffff))
		if r == utf8.RuneError {
			return ""
		}
		return string(r)
	}
	if code == 0 || utf16.IsSurrogate(rune(code)) {
		return ""
	}
	return string(rune(code))
}

// usable reports whether a mapped text can stand for a glyph: not empty,
// valid, and no replacement character.
func usable(t string) bool {
	if t == "" || !utf8.ValidString(t) {
		return false
	}
	for _, r := range t {
		if r == utf8.RuneError || r == 0 {
			return false
		}
	}
	return true
}

// textString decodes a PDF text string (an /ActualText): UTF-16BE after
// its byte order mark, UTF-8 after its own (PDF 2.0), else
// PDFDocEncoding. Code points that are no text (a NUL, an unpaired
// surrogate) are left out.
func textString(b []byte) string {
	var out []rune
	switch {
	case len(b) >= 2 && b[0] == 0xfe && b[1] == 0xff:
		units := make([]uint16, 0, (len(b)-2)/2)
		for i := 2; i+1 < len(b); i += 2 {
			units = append(units, uint16(b[i])<<8|uint16(b[i+1]))
		}
		out = utf16.Decode(units)
	case len(b) >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf:
		out = []rune(string(b[3:]))
	default:
		doc, _ := fontenc.Base("PDFDocEncoding")
		var s strings.Builder
		for _, c := range b {
			if t, ok := fontenc.Rune(doc[c]); ok {
				s.WriteString(t)
			}
		}
		out = []rune(s.String())
	}
	return strings.Map(func(r rune) rune {
		if r == 0 || r == utf8.RuneError {
			return -1
		}
		return r
	}, string(out))
}
