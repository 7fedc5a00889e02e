package cmap

import "unicode/utf8"

// Ranges of up to maxExpand codes that map to incrementing text are
// expanded when parsed, up to expandBudget codes per CMap, so that their
// lookups need not build a string. Larger ranges build it on each lookup.
const (
	maxExpand    = 256
	expandBudget = 1 << 18
)

// A bfEntry is the Unicode text of the codes from lo on, as one bfchar or
// bfrange defines it. It is one of:
//   - fixed (cut < 0): text is the text of lo, the only code;
//   - expanded (offs != nil): text[offs[i]:offs[i+1]] is the text of lo+i;
//   - incrementing: the text of lo+i is text with its last character,
//     which starts at cut, moved on by i code points.
//
// An empty text means the code has no text.
type bfEntry struct {
	lo   uint32
	cut  int32
	text string
	offs []uint32
}

// value returns the text of code lo+i, "" if none.
func (e *bfEntry) value(i uint32) string {
	switch {
	case e.offs != nil:
		if uint64(i)+1 < uint64(len(e.offs)) {
			return e.text[e.offs[i]:e.offs[i+1]]
		}
		return ""
	case e.cut < 0:
		if i == 0 {
			return e.text
		}
		return ""
	}
	return e.increment(i)
}

// increment returns the text with its last character moved on by i code
// points: a surrogate pair carries into its high half, and a result that
// is no Unicode scalar value (or U+FFFD) gives "".
func (e *bfEntry) increment(i uint32) string {
	if e.text == "" || i > utf8.MaxRune {
		return ""
	}
	r, _ := utf8.DecodeRuneInString(e.text[e.cut:])
	r += rune(i)
	if !validRune(r) {
		return ""
	}
	if i == 0 {
		return e.text
	}
	return e.text[:e.cut] + string(r)
}

// A draft is a bfEntry being parsed. Its text is arena[start:end] of the
// parser, and its offsets, if expanded, offs[offStart:offEnd]: the parser
// keeps all texts in one buffer, made one string when the CMap is built.
type draft struct {
	lo               uint32
	cut              int32
	start, end       uint32
	offStart, offEnd uint32
}

// entry returns the bfEntry of a draft, given the parser's arena as a
// string and its offsets.
func (d *draft) entry(arena string, offs []uint32) bfEntry {
	e := bfEntry{lo: d.lo, cut: d.cut, text: arena[d.start:d.end]}
	if d.offEnd > d.offStart {
		e.offs = offs[d.offStart:d.offEnd:d.offEnd]
	}
	return e
}

// fixed adds the draft for a single code whose text is arena[start:].
func (p *parser) fixed(code uint32, start int) {
	p.addText(draft{lo: code, cut: -1, start: uint32(start), end: uint32(len(p.arena))}, code)
}

// incrementing adds the draft for the codes lo to hi whose text starts
// with arena[start:], expanded when it is small enough and the budget
// allows.
func (p *parser) incrementing(lo, hi uint32, start int) {
	base := p.arena[start:]
	r, size := utf8.DecodeLastRune(base)
	d := draft{lo: lo, cut: int32(len(base) - size), start: uint32(start), end: uint32(len(p.arena))}
	n := int64(hi) - int64(lo) + 1
	if len(base) == 0 || n > maxExpand || n > int64(p.budget) {
		p.addText(d, hi)
		return
	}
	p.budget -= int(n)
	prefix := base[:d.cut]
	d = draft{lo: lo, start: d.end, offStart: uint32(len(p.offs))}
	p.offs = append(p.offs, 0)
	for i := range rune(n) {
		if validRune(r + i) {
			p.arena = append(p.arena, prefix...)
			p.arena = utf8.AppendRune(p.arena, r+i)
		}
		p.offs = append(p.offs, uint32(len(p.arena))-d.start)
	}
	d.end, d.offEnd = uint32(len(p.arena)), uint32(len(p.offs))
	p.addText(d, hi)
}

// addText adds a draft mapping d.lo to hi.
func (p *parser) addText(d draft, hi uint32) {
	p.texts = append(p.texts, span{d.lo, hi, uint32(len(p.drafts))})
	p.drafts = append(p.drafts, d)
}
