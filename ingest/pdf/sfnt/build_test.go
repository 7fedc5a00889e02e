package sfnt

import (
	"encoding/binary"
	"slices"
	"strings"
)

// This file assembles small synthetic font programs for the tests: a
// table directory and the tables the package reads, cmap subtables of
// formats 0, 4, 6 and 12 built from a code point to glyph id map.

// A fontTable is one table of a font being built.
type fontTable struct {
	tag  string
	data []byte
}

// buildFont returns a font program with a TrueType table directory and
// tables, whose offsets count from base bytes before the directory (0 for
// a single font, the collection header's size in a collection).
func buildFont(version string, base int, tables ...fontTable) []byte {
	tables = slices.Clone(tables)
	slices.SortFunc(tables, func(a, b fontTable) int { return strings.Compare(a.tag, b.tag) })
	out := []byte(version)
	out = be16(out, uint16(len(tables)), 0, 0, 0) // searchRange & co. are not read
	off := base + 12 + 16*len(tables)
	var body []byte
	for _, t := range tables {
		out = append(out, t.tag...)
		out = be32(out, 0, uint32(off+len(body)), uint32(len(t.data)))
		body = append(body, t.data...)
		for len(body)%4 != 0 {
			body = append(body, 0)
		}
	}
	return append(out, body...)
}

// buildCollection returns a font collection ('ttcf') whose first font has
// the tables.
func buildCollection(tables ...fontTable) []byte {
	out := be32([]byte("ttcf"), 0x00010000, 1, 16)
	return append(out, buildFont("\x00\x01\x00\x00", 16, tables...)...)
}

// trueType is a single TrueType font with a head table and the cmap.
func trueType(cmap []byte) []byte {
	return buildFont("\x00\x01\x00\x00", 0, fontTable{"head", headTable(2048)}, fontTable{"cmap", cmap})
}

// headTable returns a 54-byte head table with the units per em.
func headTable(unitsPerEm uint16) []byte {
	head := make([]byte, 54)
	binary.BigEndian.PutUint32(head, 0x00010000)
	binary.BigEndian.PutUint32(head[12:], 0x5F0F3CF5) // magicNumber
	binary.BigEndian.PutUint16(head[18:], unitsPerEm)
	return head
}

// A subtable is one cmap subtable with its encoding record's ids.
type subtable struct {
	platform, encoding uint16
	data               []byte
}

// cmapTable returns a cmap table with the subtables, in order.
func cmapTable(subs ...subtable) []byte {
	out := be16(nil, 0, uint16(len(subs)))
	off := 4 + 8*len(subs)
	for _, s := range subs {
		out = be16(out, s.platform, s.encoding)
		out = be32(out, uint32(off))
		off += len(s.data)
	}
	for _, s := range subs {
		out = append(out, s.data...)
	}
	return out
}

// A mapping is one code to glyph id pair of a subtable being built.
type mapping struct {
	code rune
	gid  uint16
}

// sorted returns the pairs of m by code.
func sorted(m map[rune]uint16) []mapping {
	var ms []mapping
	for c, g := range m {
		ms = append(ms, mapping{c, g})
	}
	slices.SortFunc(ms, func(a, b mapping) int { return int(a.code - b.code) })
	return ms
}

// format0 returns a format 0 subtable mapping the one-byte codes of m.
func format0(m map[rune]uint16) []byte {
	out := be16(nil, 0, 262, 0)
	ids := make([]byte, 256)
	for c, g := range m {
		ids[c] = byte(g)
	}
	return append(out, ids...)
}

// format6 returns a format 6 subtable for the codes from first on.
func format6(first uint16, gids ...uint16) []byte {
	out := be16(nil, 6, uint16(10+2*len(gids)), 0, first, uint16(len(gids)))
	return be16(out, gids...)
}

// format12 returns a format 12 subtable mapping m, one group for each run
// of consecutive codes to consecutive glyph ids.
func format12(m map[rune]uint16) []byte {
	var groups []uint32
	for _, p := range sorted(m) {
		if n := len(groups); n > 0 && groups[n-2]+1 == uint32(p.code) &&
			groups[n-1]+uint32(p.code)-groups[n-3] == uint32(p.gid) {
			groups[n-2]++
			continue
		}
		groups = append(groups, uint32(p.code), uint32(p.code), uint32(p.gid))
	}
	out := be16(nil, 12, 0)
	out = be32(out, uint32(16+4*len(groups)), 0, uint32(len(groups)/3))
	return be32(out, groups...)
}

// A seg4 is a segment of a format 4 subtable being built.
type seg4 struct {
	start, end uint16
	delta      uint16
	gids       []uint16 // for a segment through the glyph id array
}

// format4 returns a format 4 subtable mapping the BMP codes of m, one
// segment for each run of consecutive codes with the same delta (or, with
// viaArray, for each run of consecutive codes, through the glyph id array),
// and the closing 0xFFFF segment.
func format4(m map[rune]uint16, viaArray bool) []byte {
	var segs []seg4
	for _, p := range sorted(m) {
		c, d := uint16(p.code), p.gid-uint16(p.code)
		if n := len(segs); n > 0 && segs[n-1].end+1 == c && (viaArray || segs[n-1].delta == d) {
			segs[n-1].end = c
			segs[n-1].gids = append(segs[n-1].gids, p.gid)
			continue
		}
		if viaArray {
			d = 0
		}
		segs = append(segs, seg4{start: c, end: c, delta: d, gids: []uint16{p.gid}})
	}
	segs = append(segs, seg4{start: 0xFFFF, end: 0xFFFF, delta: 1})
	return format4Segments(segs, viaArray)
}

// format4Segments lays out a format 4 subtable with the segments.
func format4Segments(segs []seg4, viaArray bool) []byte {
	n := len(segs)
	var ends, starts, deltas, offsets, array []uint16
	for i, s := range segs {
		ends, starts, deltas = append(ends, s.end), append(starts, s.start), append(deltas, s.delta)
		if !viaArray || s.gids == nil {
			offsets = append(offsets, 0)
			continue
		}
		offsets = append(offsets, uint16(2*(n-i)+2*len(array)))
		array = append(array, s.gids...)
	}
	length := 16 + 8*n + 2*len(array)
	out := be16(nil, 4, uint16(length), 0, uint16(2*n), 0, 0, 0)
	out = be16(be16(out, ends...), 0)
	out = be16(be16(be16(out, starts...), deltas...), offsets...)
	return be16(out, array...)
}

func be16(b []byte, vs ...uint16) []byte {
	for _, v := range vs {
		b = binary.BigEndian.AppendUint16(b, v)
	}
	return b
}

func be32(b []byte, vs ...uint32) []byte {
	for _, v := range vs {
		b = binary.BigEndian.AppendUint32(b, v)
	}
	return b
}
