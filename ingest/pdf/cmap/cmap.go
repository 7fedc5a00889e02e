package cmap

import "math/bits"

// A CMap maps the bytes of a shown string to character codes, and codes
// to CIDs and to Unicode text. A CMap is immutable: its methods are safe
// for concurrent use.
type CMap struct {
	name                 string
	registry, ordering   string
	supplement           int
	vertical             bool
	spaces               []codespace // shortest first
	first                [256]uint8  // bit n-1: a codespace of n bytes admits this first byte
	cids, notdefs, texts table
	bf                   []bfEntry // the entries texts' values index
}

// A codespace is a codespace range: the codes of n bytes whose every byte
// i lies between lo[i] and hi[i].
type codespace struct {
	n      int
	lo, hi [4]byte
}

// match reports whether b starts with a code of the range.
func (s *codespace) match(b []byte) bool {
	if len(b) < s.n {
		return false
	}
	for i := range s.n {
		if b[i] < s.lo[i] || b[i] > s.hi[i] {
			return false
		}
	}
	return true
}

// Next reads the character code at the start of b, as the codespace
// ranges delimit it, and returns it with its length in bytes. When no
// range matches, it follows PDF 32000-1 §9.7.6.3: it consumes as many
// bytes as the shortest range whose first byte matches (or what is left of
// b), and 1 byte if no range does; the code returned then holds the bytes
// consumed, and a conforming reader shows it as CID 0. n is 0 only when b
// is empty.
func (c *CMap) Next(b []byte) (code uint32, n int) {
	if len(b) == 0 {
		return 0, 0
	}
	m := c.first[b[0]]
	if m&1 != 0 {
		return uint32(b[0]), 1
	}
	for i := range c.spaces {
		s := &c.spaces[i]
		if m&(1<<(s.n-1)) != 0 && s.match(b) {
			return bytesCode(b[:s.n]), s.n
		}
	}
	n = 1
	if m != 0 {
		n = min(bits.TrailingZeros8(m)+1, len(b))
	}
	return bytesCode(b[:n]), n
}

// CID returns the CID a code selects. ok is true when a cidchar or
// cidrange maps the code. Otherwise the CID is the one a notdefchar or
// notdefrange gives the code (the glyph to show for it, which is not the
// code's character), or 0, and ok is false.
func (c *CMap) CID(code uint32) (cid uint32, ok bool) {
	if s, ok := c.cids.find(code); ok {
		return code + s.val, true
	}
	if s, ok := c.notdefs.find(code); ok {
		return s.val, false
	}
	return 0, false
}

// Unicode returns the text a bfchar or bfrange maps the code to: one or
// more characters. ok is false when the code has no text; U+FFFD, an
// empty destination and invalid UTF-16 count as no text.
func (c *CMap) Unicode(code uint32) (string, bool) {
	s, ok := c.texts.find(code)
	if !ok {
		return "", false
	}
	e := &c.bf[s.val]
	t := e.value(code - e.lo)
	return t, t != ""
}

// Vertical reports whether the CMap is for vertical writing (/WMode 1).
func (c *CMap) Vertical() bool { return c.vertical }

// Name returns the CMap's /CMapName, "" if it has none.
func (c *CMap) Name() string { return c.name }

// Collection returns the character collection of the CMap's CIDs, from its
// /CIDSystemInfo: Adobe, Japan1, 7 for instance. They are empty and 0 when
// the CMap does not say.
func (c *CMap) Collection() (registry, ordering string, supplement int) {
	return c.registry, c.ordering, c.supplement
}
