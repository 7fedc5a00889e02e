// Package cmap reads PDF CMaps: the PostScript CMap resources that turn
// the bytes of a shown string into character codes, CIDs and Unicode text.
//
// A PDF uses CMaps in two places. A Type0 font's /Encoding is a CMap that
// splits the string into codes (by its codespace ranges) and maps each
// code to a CID, the glyph's number in the font's character collection;
// it is either embedded in the PDF or one of Adobe's predefined CMaps,
// named. A font's /ToUnicode is an embedded CMap that maps codes to
// Unicode text. When a font has no /ToUnicode, the text of a CID comes
// from the collection's own CID to Unicode map.
//
// Parse reads any of them. Predefined returns Identity-H and Identity-V
// and Adobe's predefined CMaps for the Adobe-Japan1 collection, which are
// embedded in the package; CIDToUnicode returns the CID to Unicode map of
// a collection (only Adobe-Japan1 is shipped).
//
// A *CMap is immutable once built: its methods are safe for concurrent use.
// Predefined maps are parsed at most once per process and then shared.
package cmap
