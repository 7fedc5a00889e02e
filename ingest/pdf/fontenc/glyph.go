package fontenc

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Rune returns the Unicode text of a glyph name by the Adobe Glyph List
// Specification's algorithm: the name is cut at its first '.' ("a.sc" is
// "a"), the rest split at '_' into components whose texts are joined
// ("f_f_i" is "ffi"), and each component is a name of the package's table
// (the glyphs of ISO 32000-1 Annex D's encodings and other common names,
// with the Adobe Glyph List's values), or "uni" and one or more groups of
// four uppercase hexadecimal digits, each a code point outside the
// surrogates ("uni00410042" is "AB"), or "u" and four to six of them
// ("u1F600"). It returns false when a component is none of these,
// including names that only number glyphs ("g12", "cid123", "glyph5") or
// character codes ("G41", "c65"; their meaning differs between producers),
// or when the name is empty before its '.' (".notdef").
func Rune(name string) (string, bool) {
	if i := strings.IndexByte(name, '.'); i >= 0 {
		name = name[:i]
	}
	if name == "" {
		return "", false
	}
	if s, ok := names[name]; ok {
		return s, true
	}
	var arr [16]byte // most texts fit: no allocation but the string's
	buf := arr[:0]
	for c := range strings.SplitSeq(name, "_") {
		var ok bool
		if buf, ok = appendComponent(buf, c); !ok {
			return "", false
		}
	}
	return string(buf), true
}

// appendComponent appends the text of one component of a glyph name.
func appendComponent(buf []byte, c string) ([]byte, bool) {
	if s, ok := names[c]; ok {
		return append(buf, s...), true
	}
	if hex, ok := strings.CutPrefix(c, "uni"); ok && len(hex) > 0 && len(hex)%4 == 0 {
		n := len(buf)
		for i := 0; i < len(hex); i += 4 {
			r, ok := parseHex(hex[i : i+4])
			if !ok || r > 0xFFFF {
				return buf[:n], false
			}
			buf = utf8.AppendRune(buf, r)
		}
		return buf, true
	}
	if hex, ok := strings.CutPrefix(c, "u"); ok && len(hex) >= 4 && len(hex) <= 6 {
		if r, ok := parseHex(hex); ok {
			return utf8.AppendRune(buf, r), true
		}
	}
	return buf, false
}

// parseHex parses uppercase hexadecimal digits into a Unicode scalar
// value: a code point that is not a surrogate.
func parseHex(hex string) (rune, bool) {
	for i := 0; i < len(hex); i++ {
		if c := hex[i]; !('0' <= c && c <= '9' || 'A' <= c && c <= 'F') {
			return 0, false
		}
	}
	v, err := strconv.ParseUint(hex, 16, 32)
	if err != nil || v > utf8.MaxRune || 0xD800 <= v && v <= 0xDFFF {
		return 0, false
	}
	return rune(v), true
}

// names maps the glyph names of glyphs that have text to it.
var names = buildNames()

func buildNames() map[string]string {
	m := make(map[string]string, len(glyphs))
	for _, g := range glyphs {
		if g.r != 0 {
			m[g.name] = string(g.r)
		}
	}
	return m
}
