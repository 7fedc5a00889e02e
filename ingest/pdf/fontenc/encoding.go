// Package fontenc gives the Unicode text of the glyphs of simple PDF fonts
// (Type1, TrueType and Type3 fonts, one byte a character) that have no
// ToUnicode map: the character code is turned into a glyph name through
// the font's encoding (a base encoding with /Differences on top), and the
// glyph name into text by the Adobe Glyph List Specification's algorithm.
//
// The encodings are those of ISO 32000-1 Annex D, written from the
// standard's tables; MacExpertEncoding is not provided. Where Annex D and
// the code pages of golang.org/x/text/encoding/charmap differ, Annex D
// wins: WinAnsiEncoding's 0xA0 and 0xAD are space and hyphen (U+0020,
// U+002D; Annex D calls them the non-breaking space and the soft hyphen
// but gives them those glyphs), its undefined codes above 0x20 (0x7F,
// 0x81, 0x8D, 0x8F, 0x90, 0x9D) are bullet, as Annex D says they show;
// MacRomanEncoding's 0xCA is space and its 0xDB currency (U+00A4, not the
// euro of later Mac OS Roman), and it leaves undefined the Mac OS Roman
// codes that are not in the Latin character set (the math signs, Omega,
// the Apple logo). PDFDocEncoding, an encoding of text strings rather than
// of fonts, also decodes its tab, line feed and carriage return.
//
// Glyph names get the Adobe Glyph List's values (so "fi" is U+FB01, the
// ligature), except the Symbol font's: Delta and Omega are the Greek
// letters, its serif and sans serif ©, ® and ™ the plain signs, and the
// pieces of its large brackets and integral have no text.
package fontenc

import (
	"reflect"
	"strings"
)

// An Encoding maps a character code of a simple font to a glyph name;
// "" is no glyph. Its zero value encodes nothing.
type Encoding [256]string

// Base returns the predefined encoding of that name: "StandardEncoding",
// "MacRomanEncoding", "WinAnsiEncoding" (the values /BaseEncoding may
// take, and the implicit standard one) or "PDFDocEncoding". It returns
// false for any other name, MacExpertEncoding among them.
func Base(name string) (Encoding, bool) {
	switch name {
	case "StandardEncoding":
		return encodings[standard], true
	case "MacRomanEncoding":
		return encodings[macRoman], true
	case "WinAnsiEncoding":
		return encodings[winAnsi], true
	case "PDFDocEncoding":
		return encodings[pdfDoc], true
	}
	return Encoding{}, false
}

// BuiltIn returns the built-in encoding of one of the standard 14 fonts,
// by its base font name, possibly with a subset tag ("ABCDEF+Symbol"):
// StandardEncoding for the Times, Helvetica and Courier fonts, the Symbol
// font's own encoding for Symbol. It returns false for ZapfDingbats and
// for every other font, whose built-in encoding is in its font program.
func BuiltIn(baseFont string) (Encoding, bool) {
	if len(baseFont) > 7 && baseFont[6] == '+' {
		baseFont = baseFont[7:]
	}
	switch baseFont {
	case "Symbol":
		return encodings[symbol], true
	case "Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic",
		"Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique",
		"Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique":
		return encodings[standard], true
	}
	return Encoding{}, false
}

// Decode returns the Unicode text of the glyph that code selects, by Rune
// of its glyph name; false if the code has no glyph or the name no text.
func (e *Encoding) Decode(code byte) (string, bool) {
	if e[code] == "" {
		return "", false
	}
	return Rune(e[code])
}

// A Difference gives code Code the glyph named Name: one entry of an
// encoding dictionary's /Differences array.
type Difference struct {
	Code int
	Name string
}

// ParseDifferences turns a /Differences array, as the values of a PDF
// reader, into Differences: an integer gives the code of the name that
// follows it, and each further name the next code. Integers may be of any
// Go integer type, or a float with an integral value; names of any type
// whose underlying type is string, with or without their leading '/'.
// What cannot be read is skipped: anything else, and names before the
// first number or after a number that is not an integer.
func ParseDifferences(arr []any) []Difference {
	var diffs []Difference
	code, ok := 0, false
	for _, v := range arr {
		rv := reflect.ValueOf(v)
		switch rv.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			code, ok = int(rv.Int()), true
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			u := rv.Uint()
			code, ok = int(u), u <= 1<<31
		case reflect.Float32, reflect.Float64:
			f := rv.Float()
			ok = f >= -1<<31 && f <= 1<<31 && f == float64(int(f))
			if ok {
				code = int(f)
			}
		case reflect.String:
			if ok {
				diffs = append(diffs, Difference{code, strings.TrimPrefix(rv.String(), "/")})
				code++
			}
		}
	}
	return diffs
}

// Apply sets the glyph names the differences give, in their order; codes
// outside 0 to 255 are ignored.
func (e *Encoding) Apply(diffs []Difference) {
	for _, d := range diffs {
		if d.Code >= 0 && d.Code <= 255 {
			e[d.Code] = d.Name
		}
	}
}

// The encodings glyphs gives codes in.
const (
	standard = iota
	macRoman
	winAnsi
	pdfDoc
	symbol
	numEncodings
)

// extraCodes are the codes that Annex D gives glyphs besides those in
// glyphs: the second codes of its notes, and the control characters that
// PDFDocEncoding, an encoding of text strings, defines.
var extraCodes = [...]struct {
	enc  int
	code byte
	name string
}{
	{winAnsi, 0o240, "space"},  // the non-breaking space
	{winAnsi, 0o255, "hyphen"}, // the soft hyphen
	{macRoman, 0o312, "space"}, // the non-breaking space
	{pdfDoc, 0o011, "uni0009"}, // tab
	{pdfDoc, 0o012, "uni000A"}, // line feed
	{pdfDoc, 0o015, "uni000D"}, // carriage return
}

// encodings are the predefined encodings, by the constants above.
var encodings = buildEncodings()

func buildEncodings() [numEncodings]Encoding {
	var encs [numEncodings]Encoding
	for _, g := range glyphs {
		for i, c := range [numEncodings]int16{g.std, g.mac, g.win, g.pdf, g.sym} {
			if c != no {
				encs[i][c] = g.name
			}
		}
	}
	for _, x := range extraCodes {
		encs[x.enc][x.code] = x.name
	}
	// In WinAnsiEncoding every undefined code above 0o40 shows a bullet
	// (a note to Annex D's Table D.2).
	for c := 0o41; c < 256; c++ {
		if encs[winAnsi][c] == "" {
			encs[winAnsi][c] = "bullet"
		}
	}
	return encs
}
