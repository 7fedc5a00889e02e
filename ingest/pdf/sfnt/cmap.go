package sfnt

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
)

// The cmap encoding records that invertCmap reads.
const (
	platformUnicode = 0
	platformMac     = 1
	platformWindows = 3

	encodingMacRoman   = 0
	encodingWindowsBMP = 1
	encodingWindowsUCS = 10
)

// An encodingRecord is one entry of the cmap table's list of subtables.
type encodingRecord struct {
	platform, encoding uint16
	offset             uint32 // from the start of the cmap table
}

// invertCmap inverts the best usable subtable of the cmap table, trying
// the subtables in the order of rank, best first.
func invertCmap(cmap []byte) (map[uint16]rune, error) {
	if len(cmap) < 4 {
		return nil, fmt.Errorf("cmap: %d bytes, too short for a header", len(cmap))
	}
	n := int(binary.BigEndian.Uint16(cmap[2:]))
	if len(cmap) < 4+8*n {
		return nil, fmt.Errorf("cmap: %d encoding records need %d bytes, %d left", n, 4+8*n, len(cmap))
	}
	inv := newInverse()
	var firstErr error
	for r := maxRank; r > 0; r-- {
		for i := range n {
			rec := record(cmap, i)
			format, ok := subtableFormat(cmap, rec)
			if !ok || rank(rec, format) != r {
				continue
			}
			err := inv.invert(cmap[rec.offset:], format, rec.platform == platformMac)
			if err == nil && inv.n > 0 {
				return inv.glyphs(), nil
			}
			if err != nil {
				err = fmt.Errorf("cmap (%d,%d) format %d: %w", rec.platform, rec.encoding, format, err)
				if errors.Is(err, errBudget) {
					return nil, err
				}
				firstErr = cmp.Or(firstErr, err)
			}
			inv.reset()
		}
	}
	if firstErr != nil {
		return nil, firstErr
	}
	return nil, fmt.Errorf("cmap: no Unicode or Mac Roman subtable that maps a glyph")
}

// record returns the i-th encoding record of the cmap table.
func record(cmap []byte, i int) encodingRecord {
	b := cmap[4+8*i:]
	return encodingRecord{
		platform: binary.BigEndian.Uint16(b),
		encoding: binary.BigEndian.Uint16(b[2:]),
		offset:   binary.BigEndian.Uint32(b[4:]),
	}
}

// subtableFormat returns the format of the subtable that rec points to,
// and false if rec points outside the cmap table.
func subtableFormat(cmap []byte, rec encodingRecord) (uint16, bool) {
	if uint64(rec.offset)+2 > uint64(len(cmap)) {
		return 0, false
	}
	return binary.BigEndian.Uint16(cmap[rec.offset:]), true
}

// maxRank is the rank of the best kind of subtable.
const maxRank = 9

// rank orders the subtables that GlyphText can use, from maxRank (the best)
// down to 1 (Mac Roman); it is 0 for a subtable it does not use.
func rank(rec encodingRecord, format uint16) int {
	fr := formatRank(format)
	switch {
	case fr == 0:
		return 0
	case rec.platform == platformWindows &&
		(rec.encoding == encodingWindowsBMP || rec.encoding == encodingWindowsUCS):
		return 2*fr + 1
	case rec.platform == platformUnicode:
		return 2 * fr
	case rec.platform == platformMac && rec.encoding == encodingMacRoman && format != 12:
		return 1
	}
	return 0
}

// formatRank orders the Unicode subtable formats, 4 for the best, 0 for
// one not read.
func formatRank(format uint16) int {
	switch format {
	case 12:
		return 4
	case 4:
		return 3
	case 6:
		return 2
	case 0:
		return 1
	}
	return 0
}
