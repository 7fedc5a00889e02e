package cmap

import (
	"errors"
	"fmt"
	"slices"
)

// Errors Parse, Predefined and CIDToUnicode wrap.
var (
	// ErrMalformed reports that part of a CMap could not be read and was
	// skipped.
	ErrMalformed = errors.New("malformed CMap")
	// ErrUnknownCMap reports that no predefined CMap has the name asked
	// for.
	ErrUnknownCMap = errors.New("unknown predefined CMap")
	// ErrUnknownCollection reports that no CID to Unicode map is shipped
	// for the character collection asked for.
	ErrUnknownCollection = errors.New("no CID to Unicode map for this character collection")
)

// maxDepth bounds a chain of usecmap: A uses B uses C...
const maxDepth = 8

// A resolver returns the CMap a usecmap names; depth is the length of the
// chain of usecmap that leads to it.
type resolver func(name string, depth int) (*CMap, error)

// Parse reads a CMap file: a ToUnicode CMap embedded in a PDF, or one of
// Adobe's CMap resources. A /Name usecmap is resolved against the
// predefined CMaps; the parent's mappings apply where the CMap has none.
//
// Parse is lenient and never fails outright: it always returns a usable
// CMap with everything it could read. The error, when not nil, tells what
// was skipped: it wraps ErrMalformed for an entry or block it could not
// read or for data that ends inside a block (a truncated file), and
// ErrUnknownCMap when the usecmap parent is unknown. A missing endcmap is
// no error. The counts written before begin... are ignored.
//
// When the CMap declares no codespace range (nor has a parent that does),
// and all its source codes have the same length, it gets the codespace of
// all codes of that length; otherwise Next reads 1 byte at a time.
func Parse(data []byte) (*CMap, error) {
	return parse(data, resolvePredefined, 0)
}

// A parser builds a CMap from its tokens.
type parser struct {
	lex     lexer
	back    []token // tokens read ahead, to read again
	resolve resolver
	depth   int
	err     error // the first problem met

	name, registry, ordering string
	supplement               int
	wmode                    int // -1 until /WMode is read
	parent                   *CMap
	spaces                   []codespace
	lengths                  uint8 // bit n-1: a source code of n bytes was seen
	cids, notdefs, texts     []span
	drafts                   []draft  // the entries texts' values index
	arena                    []byte   // the drafts' texts
	offs                     []uint32 // the expanded drafts' offsets
	budget                   int      // codes left to expand, see incrementing
}

func parse(data []byte, resolve resolver, depth int) (*CMap, error) {
	p := &parser{
		lex:     lexer{data: data},
		resolve: resolve,
		depth:   depth,
		wmode:   -1,
		budget:  expandBudget,
	}
	p.run()
	if p.lex.truncated {
		p.fail("data ends inside a string")
	}
	return p.build(), p.err
}

// fail records a problem, unless one was recorded already.
func (p *parser) fail(format string, args ...any) {
	if p.err == nil {
		msg := fmt.Sprintf(format, args...)
		p.err = fmt.Errorf("cmap: %s near byte %d: %w", msg, p.lex.pos, ErrMalformed)
	}
}

// next returns the next token, one given back first.
func (p *parser) next() token {
	if n := len(p.back); n > 0 {
		t := p.back[n-1]
		p.back = p.back[:n-1]
		return t
	}
	return p.lex.next()
}

// run reads the tokens at the top level: the begin... blocks, usecmap and
// the /Key value pairs the parser wants.
func (p *parser) run() {
	var prev token
	for {
		t := p.next()
		switch {
		case t.kind == kEOF:
			return
		case t.kind == kWord && !isNumber(t.raw):
			p.operator(t, prev)
		case prev.kind == kName:
			p.keyValue(string(prev.raw), t)
		}
		prev = t
	}
}

// keyValue reads the value of one of the keys the parser wants.
func (p *parser) keyValue(key string, t token) {
	switch key {
	case "CMapName":
		if t.kind == kName {
			p.name = string(t.raw)
		}
	case "Registry":
		if s, ok := text(t); ok {
			p.registry = s
		}
	case "Ordering":
		if s, ok := text(t); ok {
			p.ordering = s
		}
	case "Supplement":
		if n, ok := number(t); ok && n <= 1<<20 {
			p.supplement = int(n)
		}
	case "WMode":
		if n, ok := number(t); ok && n <= 1 {
			p.wmode = int(n)
		}
	}
}

// operator acts on the operators that start blocks, and on usecmap.
func (p *parser) operator(t, prev token) {
	switch string(t.raw) {
	case "begincodespacerange":
		p.block("endcodespacerange", 2, (*parser).codespace)
	case "beginbfchar":
		p.block("endbfchar", 2, (*parser).bfchar)
	case "beginbfrange":
		p.block("endbfrange", 3, (*parser).bfrange)
	case "begincidchar":
		p.block("endcidchar", 2, (*parser).cidchar)
	case "begincidrange":
		p.block("endcidrange", 3, (*parser).cidrange)
	case "beginnotdefchar":
		p.block("endnotdefchar", 2, (*parser).notdefchar)
	case "beginnotdefrange":
		p.block("endnotdefrange", 3, (*parser).notdefrange)
	case "usecmap":
		if prev.kind == kName {
			p.usecmap(string(prev.raw))
		}
	}
}

// block reads the entries of a block, n operands each, up to its end
// operator, and hands each entry to add. Any other operator ends the block
// too and is read again at the top level.
func (p *parser) block(end string, n int, add func(*parser, []token) bool) {
	var ops [3]token
	for {
		for i := range n {
			t, ok := p.operand(end)
			if !ok {
				if i > 0 {
					p.fail("incomplete entry before %s", end)
				}
				return
			}
			ops[i] = t
		}
		if !add(p, ops[:n]) {
			p.fail("malformed entry before %s", end)
		}
	}
}

// operand returns the next operand of a block; false at the block's end.
func (p *parser) operand(end string) (token, bool) {
	t := p.next()
	switch {
	case t.kind == kEOF:
		p.fail("data ends before %s", end)
		return t, false
	case t.kind == kWord && !isNumber(t.raw):
		if string(t.raw) != end {
			p.back = append(p.back, t)
			p.fail("%s missing", end)
		}
		return t, false
	}
	return t, true
}

// usecmap makes the named CMap the parent. Only the first usecmap counts.
func (p *parser) usecmap(name string) {
	switch {
	case p.parent != nil:
		p.fail("second usecmap /%s", name)
	case p.depth >= maxDepth:
		p.fail("usecmap /%s: chain of usecmap longer than %d", name, maxDepth)
	default:
		parent, err := p.resolve(name, p.depth+1)
		switch {
		case p.err != nil || err == nil:
		case errors.Is(err, ErrUnknownCMap):
			p.err = fmt.Errorf("cmap: usecmap /%s: %w", name, ErrUnknownCMap)
		default:
			p.err = fmt.Errorf("cmap: usecmap /%s: %w", name, err)
		}
		p.parent = parent
	}
}

// build makes the CMap of what was read, with its parent's mappings
// under its own.
func (p *parser) build() *CMap {
	c := &CMap{
		name:       p.name,
		registry:   p.registry,
		ordering:   p.ordering,
		supplement: p.supplement,
		vertical:   p.wmode == 1,
	}
	texts, bf := p.texts, p.entries()
	if q := p.parent; q != nil {
		p.inherit(c, q)
		p.spaces = append(p.spaces, q.spaces...)
		p.cids = slices.Concat(q.cids.spans, p.cids)
		p.notdefs = slices.Concat(q.notdefs.spans, p.notdefs)
		texts = slices.Concat(q.texts.spans, shifted(p.texts, len(q.bf)))
		bf = slices.Concat(q.bf, bf)
	}
	c.spaces = p.codespaces()
	for _, s := range c.spaces {
		for b := int(s.lo[0]); b <= int(s.hi[0]); b++ {
			c.first[b] |= 1 << (s.n - 1)
		}
	}
	c.cids = newTable(normalize(p.cids))
	c.notdefs = newTable(normalize(p.notdefs))
	c.texts = newTable(normalize(texts))
	c.bf = bf
	return c
}

// entries returns the bfEntries of the drafts, their texts in one string.
func (p *parser) entries() []bfEntry {
	arena := string(p.arena)
	bf := make([]bfEntry, len(p.drafts))
	for i := range p.drafts {
		bf[i] = p.drafts[i].entry(arena, p.offs)
	}
	return bf
}

// inherit gives c what its parent q says and p does not.
func (p *parser) inherit(c, q *CMap) {
	if p.wmode < 0 {
		c.vertical = q.vertical
	}
	if p.registry == "" && p.ordering == "" {
		c.registry, c.ordering, c.supplement = q.Collection()
	}
}

// shifted returns Unicode spans whose entries move by n places.
func shifted(spans []span, n int) []span {
	out := make([]span, len(spans))
	for i, s := range spans {
		out[i] = span{s.lo, s.hi, s.val + uint32(n)}
	}
	return out
}

// codespaces returns the codespace ranges, shortest first; when there are
// none, the whole codespace of the one length all source codes have.
func (p *parser) codespaces() []codespace {
	spaces := p.spaces
	if len(spaces) == 0 && p.lengths != 0 && p.lengths&(p.lengths-1) == 0 {
		s := codespace{n: 1}
		for p.lengths>>s.n != 0 {
			s.n++
		}
		s.hi = [4]byte{0xFF, 0xFF, 0xFF, 0xFF}
		spaces = []codespace{s}
	}
	slices.SortStableFunc(spaces, func(a, b codespace) int { return a.n - b.n })
	return spaces
}
