package cmap

// This file reads the entries of the begin... blocks. Each function gets
// the operands of one entry and reports whether they made sense.

// maxSpaces bounds the codespace ranges of a CMap, which Next tries one
// after the other. Real CMaps have a handful.
const maxSpaces = 256

// codespace reads <lo> <hi> of a codespace range.
func (p *parser) codespace(ops []token) bool {
	if ops[0].kind != kHex || ops[1].kind != kHex || len(p.spaces) == maxSpaces {
		return false
	}
	var a, b [8]byte
	lo, hi := appendHex(a[:0], ops[0].raw), appendHex(b[:0], ops[1].raw)
	if len(lo) != len(hi) || len(lo) == 0 || len(lo) > 4 {
		return false
	}
	s := codespace{n: len(lo)}
	copy(s.lo[:], lo)
	copy(s.hi[:], hi)
	p.spaces = append(p.spaces, s)
	return true
}

// codeRange reads the source codes <lo> <hi> of a range entry.
func (p *parser) codeRange(a, b token) (lo, hi uint32, ok bool) {
	lo, n, ok1 := hexCode(a)
	hi, m, ok2 := hexCode(b)
	if !ok1 || !ok2 || lo > hi {
		return 0, 0, false
	}
	p.lengths |= 1<<(n-1) | 1<<(m-1)
	return lo, hi, true
}

// code reads the source code <code> of a single entry.
func (p *parser) code(t token) (uint32, bool) {
	c, n, ok := hexCode(t)
	if ok {
		p.lengths |= 1 << (n - 1)
	}
	return c, ok
}

// cidchar reads <code> cid.
func (p *parser) cidchar(ops []token) bool {
	return p.cidEntry(false, ops[0], ops[0], ops[1])
}

// cidrange reads <lo> <hi> cid.
func (p *parser) cidrange(ops []token) bool {
	return p.cidEntry(false, ops[0], ops[1], ops[2])
}

// notdefchar reads <code> cid.
func (p *parser) notdefchar(ops []token) bool {
	return p.cidEntry(true, ops[0], ops[0], ops[1])
}

// notdefrange reads <lo> <hi> cid.
func (p *parser) notdefrange(ops []token) bool {
	return p.cidEntry(true, ops[0], ops[1], ops[2])
}

// cidEntry maps the codes lo to hi: to cid and on for a cidrange, all to
// cid for a notdefrange.
func (p *parser) cidEntry(notdef bool, a, b, c token) bool {
	lo, hi, ok := p.codeRange(a, b)
	cid, ok2 := number(c)
	switch {
	case !ok || !ok2:
		return false
	case notdef:
		p.notdefs = append(p.notdefs, span{lo, hi, cid})
	default:
		p.cids = append(p.cids, span{lo, hi, cid - lo})
	}
	return true
}

// bfchar reads <code> <utf16be> or <code> /glyphname.
func (p *parser) bfchar(ops []token) bool {
	c, ok := p.code(ops[0])
	start := len(p.arena)
	if !ok || !p.destination(ops[1]) {
		return false
	}
	p.fixed(c, start)
	return true
}

// bfrange reads <lo> <hi> <utf16be>, whose text moves on with the code,
// or <lo> <hi> [<utf16be>...], one destination per code.
func (p *parser) bfrange(ops []token) bool {
	lo, hi, ok := p.codeRange(ops[0], ops[1])
	if ops[2].kind == kArrayOpen {
		return p.bfarray(lo, hi, ok) && ok
	}
	start := len(p.arena)
	if !ok || !p.destination(ops[2]) {
		return false
	}
	p.incrementing(lo, hi, start)
	return true
}

// bfarray reads the array of a bfrange, up to its ], and when add is true
// maps the codes from lo on to its destinations, as far as hi. It reports
// whether the array held only destinations.
func (p *parser) bfarray(lo, hi uint32, add bool) bool {
	ok := true
	for i := uint64(lo); ; i++ {
		t := p.next()
		switch {
		case t.kind == kArrayClose:
			return ok
		case t.kind == kEOF, t.kind == kWord && !isNumber(t.raw):
			p.back = append(p.back, t)
			return false
		}
		start := len(p.arena)
		if !p.destination(t) {
			ok = false
		} else if add && i <= uint64(hi) {
			p.fixed(uint32(i), start)
		}
	}
}

// destination appends to the arena the Unicode text a bfchar or bfrange
// destination stands for: a hex string of UTF-16BE, or a glyph name. It
// appends nothing for what is no text: an empty or invalid destination,
// or one holding U+FFFD. It reports whether t is a destination.
func (p *parser) destination(t token) bool {
	switch t.kind {
	case kHex:
		var buf [64]byte
		p.arena = appendUTF16(p.arena, appendHex(buf[:0], t.raw))
	case kName:
		p.arena = append(p.arena, glyphText(string(t.raw))...)
	default:
		return false
	}
	return true
}
