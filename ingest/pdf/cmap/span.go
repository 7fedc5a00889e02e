package cmap

import "slices"

// A span maps the codes lo to hi. For CIDs, val is the CID minus the code
// (mod 2³²), so that cutting a span leaves val unchanged; for notdef CIDs,
// it is the CID; for Unicode, it is the index of the span's bfEntry.
type span struct {
	lo, hi, val uint32
}

// A table is sorted, disjoint spans, with an index for the codes below
// 2¹⁶ when there are many spans: the span that may hold such a code c is
// among spans[at[c>>8]] to spans[at[c>>8+1]].
type table struct {
	spans []span
	at    *[257]uint32 // at[k]: the first span that ends at k<<8 or later
}

// newTable returns the table of spans sorted and disjoint.
func newTable(spans []span) table {
	t := table{spans: spans}
	if len(spans) < 16 {
		return t
	}
	t.at = new([257]uint32)
	i := 0
	for k := range t.at {
		for i < len(spans) && uint64(spans[i].hi) < uint64(k)<<8 {
			i++
		}
		t.at[k] = uint32(i)
	}
	return t
}

// find returns the span that holds code.
func (t *table) find(code uint32) (span, bool) {
	i, j := 0, len(t.spans)
	if t.at != nil && code < 1<<16 {
		k := code >> 8
		i, j = int(t.at[k]), min(int(t.at[k+1])+1, j)
	}
	for i < j {
		h := int(uint(i+j) >> 1)
		if t.spans[h].hi < code {
			i = h + 1
		} else {
			j = h
		}
	}
	if i < len(t.spans) && t.spans[i].lo <= code {
		return t.spans[i], true
	}
	return span{}, false
}

// normalize returns the spans sorted and disjoint. Where spans overlap, the
// later one in the slice wins, as when a CMap's mappings are applied one
// after the other. It works on the spans' ends only, never on the codes
// between them.
func normalize(in []span) []span {
	out := slices.Clone(in)
	slices.SortStableFunc(out, func(a, b span) int { return cmpU32(a.lo, b.lo) })
	if disjoint(out) {
		return out
	}
	return sweep(in)
}

func cmpU32(a, b uint32) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// disjoint reports whether sorted spans do not overlap.
func disjoint(s []span) bool {
	for i := 1; i < len(s); i++ {
		if s[i].lo <= s[i-1].hi {
			return false
		}
	}
	return true
}

// sweep cuts the code space at every span's ends and gives each piece to
// the latest span covering it, then joins neighbouring pieces with the
// same value.
func sweep(in []span) []span {
	order := make([]int, len(in))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmpU32(in[a].lo, in[b].lo) })
	cuts := make([]uint64, 0, 2*len(in))
	for _, s := range in {
		cuts = append(cuts, uint64(s.lo), uint64(s.hi)+1)
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)

	var out []span
	var active latest
	next := 0
	for i := 0; i+1 < len(cuts); i++ {
		lo, hi := cuts[i], cuts[i+1]-1
		for next < len(order) && uint64(in[order[next]].lo) <= lo {
			active.push(order[next])
			next++
		}
		for len(active) > 0 && uint64(in[active[0]].hi) < lo {
			active.pop()
		}
		if len(active) == 0 {
			continue
		}
		out = appendSpan(out, span{uint32(lo), uint32(hi), in[active[0]].val})
	}
	return out
}

// appendSpan appends s, joining it to the last span when they touch and
// have the same value.
func appendSpan(out []span, s span) []span {
	if n := len(out); n > 0 && out[n-1].val == s.val && uint64(out[n-1].hi)+1 == uint64(s.lo) {
		out[n-1].hi = s.hi
		return out
	}
	return append(out, s)
}

// latest is a max-heap of span indices: its top, latest[0], is the
// latest span.
type latest []int

func (h *latest) push(x int) {
	*h = append(*h, x)
	a := *h
	for i := len(a) - 1; i > 0; {
		up := (i - 1) / 2
		if a[up] >= a[i] {
			break
		}
		a[up], a[i] = a[i], a[up]
		i = up
	}
}

func (h *latest) pop() {
	a := *h
	n := len(a) - 1
	a[0] = a[n]
	a = a[:n]
	for i := 0; ; {
		big := i
		for _, c := range [2]int{2*i + 1, 2*i + 2} {
			if c < n && a[c] > a[big] {
				big = c
			}
		}
		if big == i {
			break
		}
		a[i], a[big] = a[big], a[i]
		i = big
	}
	*h = a
}
