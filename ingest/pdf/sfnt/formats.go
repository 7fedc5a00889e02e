package sfnt

import (
	"encoding/binary"
	"fmt"
)

// format0 inverts a byte encoding table: 256 one-byte glyph ids.
func (inv *inverse) format0(sub []byte, mac bool) error {
	const header, size = 6, 6 + 256
	if len(sub) < size {
		return fmt.Errorf("%d bytes, too short for 256 glyph ids", len(sub))
	}
	if err := inv.spend(256); err != nil {
		return err
	}
	for c, g := range sub[header:size] {
		inv.add(code(uint32(c), mac), uint32(g))
	}
	return nil
}

// format6 inverts a trimmed table mapping: entryCount glyph ids for the
// codes from firstCode on.
func (inv *inverse) format6(sub []byte, mac bool) error {
	const header = 10
	if len(sub) < header {
		return fmt.Errorf("%d bytes, too short for a header", len(sub))
	}
	first := uint32(binary.BigEndian.Uint16(sub[6:]))
	count := int(binary.BigEndian.Uint16(sub[8:]))
	if len(sub) < header+2*count {
		return fmt.Errorf("%d glyph ids need %d bytes, %d left", count, header+2*count, len(sub))
	}
	count = min(count, 0x10000-int(first)) // codes are 16-bit
	if err := inv.spend(count); err != nil {
		return err
	}
	for i := range count {
		g := binary.BigEndian.Uint16(sub[header+2*i:])
		inv.add(code(first+uint32(i), mac), uint32(g))
	}
	return nil
}

// format4 inverts a segment mapping to delta values: segments of 16-bit
// codes, each mapped by adding a delta either to the code or to a glyph
// id looked up in the glyph id array.
func (inv *inverse) format4(sub []byte, mac bool) error {
	const header = 14
	if len(sub) < header {
		return fmt.Errorf("%d bytes, too short for a header", len(sub))
	}
	segs := int(binary.BigEndian.Uint16(sub[6:])) / 2
	ends := header
	starts := ends + 2*segs + 2 // after endCode[] and reservedPad
	deltas := starts + 2*segs
	offsets := deltas + 2*segs
	if len(sub) < offsets+2*segs {
		return fmt.Errorf("%d segments need %d bytes, %d left", segs, offsets+2*segs, len(sub))
	}
	if err := inv.spend(segs); err != nil {
		return err
	}
	for i := range segs {
		seg := segment{
			start:    uint32(binary.BigEndian.Uint16(sub[starts+2*i:])),
			end:      uint32(binary.BigEndian.Uint16(sub[ends+2*i:])),
			delta:    binary.BigEndian.Uint16(sub[deltas+2*i:]),
			offset:   binary.BigEndian.Uint16(sub[offsets+2*i:]),
			offsetAt: offsets + 2*i,
		}
		if err := inv.segment(sub, seg, mac); err != nil {
			return err
		}
	}
	return nil
}

// A segment is one range of codes of a format 4 subtable.
type segment struct {
	start, end uint32
	delta      uint16
	offset     uint16 // idRangeOffset: 0, or the glyph id array's distance from offsetAt
	offsetAt   int    // where the segment's idRangeOffset is in the subtable
}

// segment inverts one segment of the format 4 subtable sub. A segment
// whose end comes before its start is skipped, and so is a code whose
// glyph id would lie beyond the subtable.
func (inv *inverse) segment(sub []byte, seg segment, mac bool) error {
	if seg.start > seg.end {
		return nil
	}
	if err := inv.spend(int(seg.end - seg.start + 1)); err != nil {
		return err
	}
	for c := seg.start; c <= seg.end; c++ {
		if seg.offset == 0 {
			inv.add(code(c, mac), uint32(uint16(c)+seg.delta))
			continue
		}
		at := seg.offsetAt + int(seg.offset) + 2*int(c-seg.start)
		if at+2 > len(sub) {
			continue
		}
		if g := binary.BigEndian.Uint16(sub[at:]); g != 0 {
			inv.add(code(c, mac), uint32(g+seg.delta))
		}
	}
	return nil
}

// format12 inverts a segmented coverage table: groups of consecutive
// 32-bit codes mapped to consecutive glyph ids.
func (inv *inverse) format12(sub []byte) error {
	const header, groupSize = 16, 12
	if len(sub) < header {
		return fmt.Errorf("%d bytes, too short for a header", len(sub))
	}
	n := uint64(binary.BigEndian.Uint32(sub[12:]))
	if n > uint64(len(sub)-header)/groupSize {
		return fmt.Errorf("%d groups need %d bytes, %d left", n, header+n*groupSize, len(sub))
	}
	if err := inv.spend(int(n)); err != nil {
		return err
	}
	for i := range int(n) {
		g := sub[header+groupSize*i:]
		start := binary.BigEndian.Uint32(g)
		end := binary.BigEndian.Uint32(g[4:])
		gid := binary.BigEndian.Uint32(g[8:])
		if err := inv.group(start, end, gid); err != nil {
			return err
		}
	}
	return nil
}

// group inverts one format 12 group, as far as its codes are Unicode and
// its glyph ids 16-bit.
func (inv *inverse) group(start, end, gid uint32) error {
	if start > end || start > 0x10FFFF || gid > 0xFFFF {
		return nil
	}
	end = min(end, 0x10FFFF, start+(0xFFFF-gid))
	if err := inv.spend(int(end - start + 1)); err != nil {
		return err
	}
	for c := start; c <= end; c++ {
		inv.add(rune(c), gid+(c-start))
	}
	return nil
}
