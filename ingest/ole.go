package ingest

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"

	"github.com/richardlehane/mscfb"

	"perinet"
)

// oleKind is what an OLE compound file holds, as far as we care.
type oleKind int

const (
	oleOther     oleKind = iota
	oleEncrypted         // an OOXML workbook encrypted with a password (ECMA-376)
	oleXLS               // a legacy BIFF workbook
	oleXLSLocked         // a legacy workbook encrypted with a password (FILEPASS)
)

// ole reads an OLE compound file: a password-protected workbook, or a
// legacy .xls workbook, which is converted and read.
func (r reader) ole(ctx context.Context, g *perinet.Grid, path, name string, data []byte) (*perinet.Grid, []perinet.Problem) {
	kind, err := inspectOLE(data)
	switch {
	case err != nil:
		return g, []perinet.Problem{unreadable(name, fmt.Sprintf("ファイルが壊れているため読み取れません（%v）。", err))}
	case kind == oleEncrypted:
		g.Format = formatXLSX
		return g, []perinet.Problem{encrypted(name)}
	case kind == oleXLSLocked:
		g.Format = formatXLS
		return g, []perinet.Problem{encrypted(name)}
	case kind == oleXLS:
		g.Format = formatXLS
		return r.xls(ctx, g, path, name, data)
	}
	return g, []perinet.Problem{unreadable(name, "Officeの文書ですが、Excelのブックではありません。")}
}

// inspectOLE tells what an OLE compound file holds by the names of its
// streams: EncryptionInfo or EncryptedPackage (an encrypted OOXML package),
// Workbook or Book (a BIFF8 or BIFF5 workbook, whose first records tell
// whether it is encrypted).
func inspectOLE(data []byte) (kind oleKind, err error) {
	defer func() {
		if v := recover(); v != nil {
			kind, err = oleOther, fmt.Errorf("OLE: %v", v)
		}
	}()
	doc, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return oleOther, err
	}
	var book *mscfb.File
	for e, err := doc.Next(); err == nil; e, err = doc.Next() {
		if len(e.Path) != 0 {
			continue // only streams at the root matter
		}
		switch e.Name {
		case "EncryptionInfo", "EncryptedPackage":
			return oleEncrypted, nil
		case "Workbook", "Book":
			if book == nil || e.Name == "Workbook" {
				book = e
			}
		}
	}
	if book == nil {
		return oleOther, nil
	}
	if hasFilePass(book) {
		return oleXLSLocked, nil
	}
	return oleXLS, nil
}

// BIFF record types.
const (
	biffEOF      = 0x000a
	biffFilePass = 0x002f
)

// hasFilePass reports whether the workbook globals of a BIFF stream hold
// a FILEPASS record, which Excel writes near the start when the workbook
// is encrypted. It reads the records of the globals up to their EOF
// record, and at most 1 MiB of them.
func hasFilePass(stream io.Reader) bool {
	rd := io.LimitReader(stream, 1<<20)
	var hdr [4]byte
	for {
		if _, err := io.ReadFull(rd, hdr[:]); err != nil {
			return false
		}
		typ := binary.LittleEndian.Uint16(hdr[0:2])
		size := binary.LittleEndian.Uint16(hdr[2:4])
		switch typ {
		case biffFilePass:
			return true
		case biffEOF:
			return false
		}
		if _, err := io.CopyN(io.Discard, rd, int64(size)); err != nil {
			return false
		}
	}
}

// isBIFF reports whether data starts with the BOF record of a bare BIFF
// stream (BIFF2 to BIFF8, ids 0x0009, 0x0209, 0x0409, 0x0809), which
// Excel 2.1 to 4.0 saved as a file of its own.
func isBIFF(data []byte) bool {
	if len(data) < 8 {
		return false
	}
	typ := binary.LittleEndian.Uint16(data[0:2])
	size := binary.LittleEndian.Uint16(data[2:4])
	switch typ {
	case 0x0009, 0x0209, 0x0409, 0x0809:
		return size >= 4 && size <= 20
	}
	return false
}
