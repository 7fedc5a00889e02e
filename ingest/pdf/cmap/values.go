package cmap

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// unhex returns the value of the hex digit c, or -1.
func unhex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// appendHex appends to dst the bytes a hex string's text stands for. Like
// PDF readers, it skips white space and any other non-hex character, and
// takes a missing last digit as 0.
func appendHex(dst, raw []byte) []byte {
	hi := -1
	for _, c := range raw {
		d := unhex(c)
		switch {
		case d < 0:
		case hi < 0:
			hi = d
		default:
			dst = append(dst, byte(hi<<4|d))
			hi = -1
		}
	}
	if hi >= 0 {
		dst = append(dst, byte(hi<<4))
	}
	return dst
}

// hexCode returns the character code a hex string holds and its length in
// bytes; ok is false unless it is 1 to 4 bytes long.
func hexCode(t token) (code uint32, n int, ok bool) {
	if t.kind != kHex {
		return 0, 0, false
	}
	var buf [8]byte
	b := appendHex(buf[:0], t.raw)
	if len(b) == 0 || len(b) > 4 {
		return 0, 0, false
	}
	return bytesCode(b), len(b), true
}

// bytesCode returns the big-endian value of up to 4 bytes.
func bytesCode(b []byte) uint32 {
	var c uint32
	for _, x := range b {
		c = c<<8 | uint32(x)
	}
	return c
}

// number returns the value of an unsigned integer token that fits in
// 32 bits.
func number(t token) (uint32, bool) {
	if t.kind != kWord || len(t.raw) == 0 || len(t.raw) > 10 {
		return 0, false
	}
	var v uint64
	for _, c := range t.raw {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + uint64(c-'0')
	}
	if v > 0xFFFFFFFF {
		return 0, false
	}
	return uint32(v), true
}

// isNumber reports whether a word looks like a number (rather than an
// operator).
func isNumber(raw []byte) bool {
	if len(raw) == 0 {
		return false
	}
	c := raw[0]
	return '0' <= c && c <= '9' || c == '-' || c == '+' || c == '.'
}

// text returns the content of a string or hex string token, decoded.
func text(t token) (string, bool) {
	switch t.kind {
	case kString:
		return unescape(t.raw), true
	case kHex:
		return string(appendHex(nil, t.raw)), true
	}
	return "", false
}

// unescape decodes the backslash escapes of a (string).
func unescape(raw []byte) string {
	if bytes.IndexByte(raw, '\\') < 0 {
		return string(raw)
	}
	var b strings.Builder
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' || i+1 == len(raw) {
			b.WriteByte(c)
			continue
		}
		i++
		switch c = raw[i]; c {
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case '\n', '\r':
		case '0', '1', '2', '3', '4', '5', '6', '7':
			v := 0
			for j := 0; j < 3 && i < len(raw) && '0' <= raw[i] && raw[i] <= '7'; j++ {
				v = v<<3 | int(raw[i]-'0')
				i++
			}
			i--
			b.WriteByte(byte(v))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// appendUTF16 appends UTF-16BE text, decoded. A last odd byte is read as
// one Latin-1 character. Invalid UTF-16 (a lone surrogate) and U+FFFD
// make it append nothing.
func appendUTF16(dst, b []byte) []byte {
	n := len(dst)
	for i := 0; i < len(b); i += 2 {
		if i+1 == len(b) {
			dst = utf8.AppendRune(dst, rune(b[i]))
			break
		}
		r := rune(b[i])<<8 | rune(b[i+1])
		if 0xD800 <= r && r < 0xDC00 && i+3 < len(b) {
			r2 := rune(b[i+2])<<8 | rune(b[i+3])
			if 0xDC00 <= r2 && r2 < 0xE000 {
				r = 0x10000 + (r-0xD800)<<10 + (r2 - 0xDC00)
				i += 2
			}
		}
		if !validRune(r) {
			return dst[:n]
		}
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

// validRune reports whether r is a Unicode scalar value other than U+FFFD.
func validRune(r rune) bool {
	return 0 <= r && r <= utf8.MaxRune && (r < 0xD800 || r >= 0xE000) && r != utf8.RuneError
}

// glyphText returns the text of a glyph name as the Adobe Glyph List
// specification reads names of the forms uniXXXX (one or more groups of
// four hex digits), uXXXX to uXXXXXX, and single letters; a suffix after a
// period is dropped and components joined by underscores are
// concatenated. Other names (which would need the glyph list itself) give
// "".
func glyphText(name string) string {
	name, _, _ = strings.Cut(name, ".")
	var out []byte
	for part := range strings.SplitSeq(name, "_") {
		s, ok := glyphPart(part)
		if !ok {
			return ""
		}
		out = append(out, s...)
	}
	return string(out)
}

// glyphPart returns the text of one component of a glyph name.
func glyphPart(p string) (string, bool) {
	switch {
	case len(p) == 1 && ('a' <= p[0] && p[0] <= 'z' || 'A' <= p[0] && p[0] <= 'Z'):
		return p, true
	case len(p) >= 7 && (len(p)-3)%4 == 0 && strings.HasPrefix(p, "uni"):
		var out []byte
		for i := 3; i < len(p); i += 4 {
			r, ok := hexRune(p[i : i+4])
			if !ok {
				return "", false
			}
			out = utf8.AppendRune(out, r)
		}
		return string(out), true
	case len(p) >= 5 && len(p) <= 7 && p[0] == 'u':
		r, ok := hexRune(p[1:])
		return string(r), ok
	}
	return "", false
}

// hexRune reads a code point written in upper-case hex digits, as glyph
// names write them.
func hexRune(s string) (rune, bool) {
	var r rune
	for i := 0; i < len(s); i++ {
		d := unhex(s[i])
		if d < 0 || 'a' <= s[i] && s[i] <= 'f' {
			return 0, false
		}
		r = r<<4 | rune(d)
	}
	return r, validRune(r)
}
