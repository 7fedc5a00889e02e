package sfnt

// macRoman returns the character of byte b in the Mac OS Roman character
// set, the one of cmap subtables of platform 1, encoding 0. The 0xDB byte
// is the euro sign, as since Mac OS 8.5, and 0xF0 the Apple logo, a
// private-use character.
func macRoman(b byte) rune {
	if b < 0x80 {
		return rune(b)
	}
	// The characters of bytes 0x80 to 0xFF; a string constant rather than
	// a table variable, walked to the b-th character (at most 128 steps).
	const high = "" +
		"\u00C4\u00C5\u00C7\u00C9\u00D1\u00D6\u00DC\u00E1\u00E0\u00E2\u00E4\u00E3\u00E5\u00E7\u00E9\u00E8" +
		"\u00EA\u00EB\u00ED\u00EC\u00EE\u00EF\u00F1\u00F3\u00F2\u00F4\u00F6\u00F5\u00FA\u00F9\u00FB\u00FC" +
		"\u2020\u00B0\u00A2\u00A3\u00A7\u2022\u00B6\u00DF\u00AE\u00A9\u2122\u00B4\u00A8\u2260\u00C6\u00D8" +
		"\u221E\u00B1\u2264\u2265\u00A5\u00B5\u2202\u2211\u220F\u03C0\u222B\u00AA\u00BA\u03A9\u00E6\u00F8" +
		"\u00BF\u00A1\u00AC\u221A\u0192\u2248\u2206\u00AB\u00BB\u2026\u00A0\u00C0\u00C3\u00D5\u0152\u0153" +
		"\u2013\u2014\u201C\u201D\u2018\u2019\u00F7\u25CA\u00FF\u0178\u2044\u20AC\u2039\u203A\uFB01\uFB02" +
		"\u2021\u00B7\u201A\u201E\u2030\u00C2\u00CA\u00C1\u00CB\u00C8\u00CD\u00CE\u00CF\u00CC\u00D3\u00D4" +
		"\uF8FF\u00D2\u00DA\u00DB\u00D9\u0131\u02C6\u02DC\u00AF\u02D8\u02D9\u02DA\u00B8\u02DD\u02DB\u02C7"
	n := b - 0x80
	for _, r := range high {
		if n == 0 {
			return r
		}
		n--
	}
	return -1 // not reached: high has 128 characters
}
