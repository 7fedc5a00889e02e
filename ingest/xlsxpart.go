package ingest

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// An xlsxPackage is the parts of an xlsx workbook, a zip archive laid out
// by the Open Packaging Conventions: parts named by path ("xl/workbook.xml"),
// found from one another by relationships (the .rels parts). It reads one
// part at a time, streamed through encoding/xml, and counts the bytes the
// parts unzip to against a budget, so that a part read twice counts twice.
type xlsxPackage struct {
	parts map[string]*zip.File // by part name, lower-cased: part names are case-insensitive
	left  int64                // the bytes the parts read from now on may unzip to
}

// Errors of the structure of an xlsx package.
var (
	errPartMissing = errors.New("part not found") // a relationship names a part the archive does not hold
	errNoWorkbook  = errors.New("no workbook: the package's relationships name no officeDocument")
)

// newXLSXPackage returns the parts of the zip archive zr, which may unzip
// to limit bytes in all.
func newXLSXPackage(zr *zip.Reader, limit int64) *xlsxPackage {
	p := &xlsxPackage{parts: make(map[string]*zip.File, len(zr.File)), left: limit}
	for _, f := range zr.File {
		// Some writers separate folders with '\'.
		name := strings.ToLower(strings.ReplaceAll(f.Name, `\`, "/"))
		if _, ok := p.parts[name]; !ok {
			p.parts[name] = f
		}
	}
	return p
}

// has reports whether the archive holds the named part.
func (p *xlsxPackage) has(name string) bool {
	_, ok := p.parts[strings.ToLower(name)]
	return ok
}

// read streams the named part through read, and reads the rest of it, so
// that the archive's checksum is checked. It returns an error wrapping
// errPartMissing when there is no such part, and one wrapping
// errPartTooLarge when the part would unzip past the budget.
func (p *xlsxPackage) read(name string, read func(*xmlStream) error) error {
	f, ok := p.parts[strings.ToLower(name)]
	if !ok {
		return fmt.Errorf("%s: %w", name, errPartMissing)
	}
	err := readPart(f, p.left, func(x *xmlStream) error {
		if err := read(x); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	// readPart read the whole part, and the zip reader fails a part that
	// is longer or shorter than its stated size.
	p.left -= int64(min(f.UncompressedSize64, 1<<62))
	return nil
}

// readRoot reads an XML part up to its root element and hands each child
// of the root to elem, which must read it to its end. The root must have
// the given local name, whatever its namespace (Strict and Transitional
// Open XML name them alike), unless local is empty. A part with no root
// element is read as empty, as Excel writes no empty part but some tools
// do. What follows the root element is not read.
func readRoot(x *xmlStream, local string, elem func(xml.StartElement) error) error {
	for {
		tok, err := x.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if se, ok := tok.(xml.StartElement); ok {
			if local != "" && se.Name.Local != local {
				return fmt.Errorf("root element %s, want %s", se.Name.Local, local)
			}
			return x.content(elem, nil)
		}
	}
}

// text reads the element whose start was just read to its end, and
// appends its character data to b, leaving out that of its child
// elements, as encoding/xml's ",chardata" does.
func (x *xmlStream) text(b []byte) ([]byte, error) {
	for {
		tok, err := x.next()
		if err == io.EOF {
			return b, io.ErrUnexpectedEOF
		}
		if err != nil {
			return b, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := x.skip(); err != nil {
				return b, err
			}
		case xml.EndElement:
			return b, nil
		case xml.CharData:
			b = append(b, t...)
		}
	}
}

// localAttr returns the value of the attribute of an element with the
// given local name, in any namespace, and whether it has one.
func localAttr(se xml.StartElement, local string) (string, bool) {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

// intAttr returns the value of an element's attribute as a whole number,
// 0 when it is absent or empty, and an error when it is not a number.
func intAttr(se xml.StartElement, local string) (int, error) {
	v, _ := localAttr(se, local)
	if v = strings.TrimSpace(v); v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("%s %s=%q: not a whole number", se.Name.Local, local, shorten(v, 20))
	}
	return n, nil
}

// The namespaces of the relationship ids of Transitional and Strict Open XML.
const (
	nsRelationships       = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsStrictRelationships = "http://purl.oclc.org/ooxml/officeDocument/relationships"
	nsDCTerms             = "http://purl.org/dc/terms/"
)

// The kinds of relationship the reader follows: the last segment of a
// relationship's type, which Transitional and Strict Open XML share.
const (
	relOfficeDocument = "officeDocument"
	relSharedStrings  = "sharedStrings"
	relStyles         = "styles"
	relCoreProperties = "core-properties"
)

// A relationship is a Relationship element of a .rels part: its id, the
// kind of thing its target is (relStyles …) and the name of the part it
// points to.
type relationship struct {
	id, kind, target string
}

// rels reads the relationships of the named part; "" names the package
// itself, whose relationships lead to the workbook. A part without a .rels
// part has no relationships. Targets outside the package are left out.
func (p *xlsxPackage) rels(source string) ([]relationship, error) {
	dir, base := path.Split(source)
	name := dir + "_rels/" + base + ".rels"
	if !p.has(name) {
		return nil, nil
	}
	var rels []relationship
	err := p.read(name, func(x *xmlStream) error {
		return readRoot(x, "Relationships", func(se xml.StartElement) error {
			if se.Name.Local == "Relationship" && !strings.EqualFold(attrValue(se, "", "TargetMode"), "External") {
				typ := attrValue(se, "", "Type")
				rels = append(rels, relationship{
					id:     attrValue(se, "", "Id"),
					kind:   typ[strings.LastIndexByte(typ, '/')+1:],
					target: partName(dir, attrValue(se, "", "Target")),
				})
			}
			return x.skip()
		})
	})
	return rels, err
}

// partName returns the name of the part that a relationship's target
// names: a path relative to dir, the folder of the relationship's source
// part ("" or ending in '/'), or from the package's root when it starts
// with '/'.
func partName(dir, target string) string {
	target = strings.ReplaceAll(target, `\`, "/")
	if !strings.HasPrefix(target, "/") {
		target = dir + target
	}
	return strings.TrimPrefix(path.Clean("/"+target), "/")
}

// relTarget returns the target of the first relationship of the given
// kind, or else the conventional name of such a part, when the package
// holds it: a workbook that does not relate its shared strings or its
// styles to it still has them read from where they usually are.
func (p *xlsxPackage) relTarget(rels []relationship, kind, conventional string) string {
	for _, r := range rels {
		if r.kind == kind {
			return r.target
		}
	}
	if p.has(conventional) {
		return conventional
	}
	return ""
}

// An xlsxBook is what the parts of a workbook other than its sheets say:
// the sheets and where they are, the date system, the number formats of
// the cell formats, the shared strings, when it was saved.
type xlsxBook struct {
	sheets   []bookSheet
	date1904 bool
	formats  []dateFormat // by cell format (xf) index
	strings  []string     // the shared strings, by index
	modified time.Time    // zero when the workbook does not say
}

// A bookSheet is a sheet as workbook.xml lists it.
type bookSheet struct {
	name   string
	hidden bool   // state="hidden" or "veryHidden"
	rid    string // the id of the relationship to its part
	part   string // the name of its part; "" when no relationship names one
}

// readBook reads the workbook-wide parts of an xlsx package: the package's
// relationships, its core properties, the workbook (workbook.xml and its
// relationships), its shared strings (no more than maxStrings) and its
// styles (the number formats and cell formats only: not the fonts,
// fills, borders nor the theme). A package that names no workbook part,
// or lacks it, is a zip archive of some other kind: errNoWorkbook, or an
// error wrapping errPartMissing.
func readBook(p *xlsxPackage, maxStrings int) (*xlsxBook, error) {
	root, err := p.rels("")
	if err != nil {
		return nil, err
	}
	book := &xlsxBook{}
	if core := p.relTarget(root, relCoreProperties, "docProps/core.xml"); core != "" {
		book.modified = readModified(p, core)
	}
	wbPart := p.relTarget(root, relOfficeDocument, "")
	if wbPart == "" {
		return nil, errNoWorkbook
	}
	if err := p.read(wbPart, book.readWorkbook); err != nil {
		return nil, err
	}
	rels, err := p.rels(wbPart)
	if err != nil {
		return nil, err
	}
	for i := range book.sheets {
		for _, r := range rels {
			if r.id == book.sheets[i].rid {
				book.sheets[i].part = r.target
				break
			}
		}
	}
	if sst := p.relTarget(rels, relSharedStrings, "xl/sharedStrings.xml"); sst != "" {
		err := p.read(sst, func(x *xmlStream) error {
			var err error
			book.strings, err = readSharedStrings(x, maxStrings)
			return err
		})
		if err != nil && !errors.Is(err, errPartMissing) {
			return nil, err
		}
	}
	if styles := p.relTarget(rels, relStyles, "xl/styles.xml"); styles != "" {
		err := p.read(styles, func(x *xmlStream) error {
			var err error
			book.formats, err = readCellFormats(x)
			return err
		})
		if err != nil && !errors.Is(err, errPartMissing) {
			return nil, err
		}
	}
	return book, nil
}

// readWorkbook reads workbook.xml: the sheets, in order, and the date
// system.
func (book *xlsxBook) readWorkbook(x *xmlStream) error {
	return readRoot(x, "workbook", func(se xml.StartElement) error {
		switch se.Name.Local {
		case "workbookPr":
			if v, ok := localAttr(se, "date1904"); ok {
				b, err := strconv.ParseBool(strings.TrimSpace(v))
				if err != nil {
					return fmt.Errorf("workbookPr date1904=%q: not a boolean", shorten(v, 20))
				}
				book.date1904 = b
			}
		case "sheets":
			return x.content(func(se xml.StartElement) error {
				if se.Name.Local == "sheet" {
					name := attrValue(se, "", "name")
					if len(name) > maxSheetName {
						return fmt.Errorf("%w: %d文字", errSheetName, utf8.RuneCountInString(name))
					}
					rid, ok := attr(se, nsRelationships, "id")
					if !ok {
						rid = attrValue(se, nsStrictRelationships, "id")
					}
					state := attrValue(se, "", "state")
					book.sheets = append(book.sheets, bookSheet{name: name, hidden: state != "" && state != "visible", rid: rid})
				}
				return x.skip()
			}, nil)
		}
		return x.skip()
	})
}

// errTooManyStrings stops the reading of a shared strings table that has
// more strings than the workbook may have cells.
var errTooManyStrings = errors.New("too many shared strings")

// readSharedStrings reads the shared strings table (sharedStrings.xml):
// the text of each string item, no more than max of them.
func readSharedStrings(x *xmlStream, max int) ([]string, error) {
	var sst []string
	var buf []byte
	err := readRoot(x, "sst", func(se xml.StartElement) error {
		if se.Name.Local != "si" {
			return x.skip()
		}
		if len(sst) == max {
			return errTooManyStrings
		}
		var s string
		var err error
		s, buf, err = readRichText(x, buf)
		sst = append(sst, s)
		return err
	})
	return sst, err
}

// readRichText reads a string item (a shared string's si, an inline
// string's is) whose start was just read: its text (t), or its runs of
// rich text (r), joined: the item's t (the last, if it has more), then
// each run's t (the last of each). The phonetic runs (rPh, the furigana of
// Japanese text) and the phonetic properties are left out. The escapes
// of characters that XML cannot hold (_x000D_) are undone. buf is scratch
// space, returned for the next call.
func readRichText(x *xmlStream, buf []byte) (string, []byte, error) {
	buf = buf[:0]
	var t []byte // the item's own t, kept apart: it comes first
	hasT := false
	err := x.content(func(se xml.StartElement) error {
		var err error
		switch se.Name.Local {
		case "t":
			t, err = x.text(t[:0])
			hasT = true
			return err
		case "r":
			start := len(buf)
			return x.content(func(se xml.StartElement) error {
				if se.Name.Local != "t" {
					return x.skip()
				}
				buf, err = x.text(buf[:start]) // a run's last t counts
				return err
			}, nil)
		}
		return x.skip()
	}, nil)
	if err != nil {
		return "", buf, err
	}
	if hasT {
		buf = append(t, buf...)
	}
	return unescapeOOXML(buf), buf, nil
}

// unescapeOOXML returns the text of a string of a workbook with its
// escapes undone: _xHHHH_ (four hexadecimal digits) stands for the
// character U+HHHH, which XML 1.0 cannot hold (_x000D_ for a carriage
// return), and _x005F_ for the '_' that escapes a literal "_xHHHH_". An
// escape of a surrogate, which is no character, stands for nothing.
func unescapeOOXML(b []byte) string {
	i := 0
	for i < len(b) && !isOOXMLEscape(b[i:]) {
		i++
	}
	if i == len(b) {
		return string(b)
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); {
		if !isOOXMLEscape(b[i:]) {
			out = append(out, b[i])
			i++
			continue
		}
		r, _ := strconv.ParseUint(string(b[i+2:i+6]), 16, 32)
		if utf8.ValidRune(rune(r)) {
			out = utf8.AppendRune(out, rune(r))
		}
		i += 7
	}
	return string(out)
}

// isOOXMLEscape reports whether b starts with an escape _xHHHH_.
func isOOXMLEscape(b []byte) bool {
	if len(b) < 7 || b[0] != '_' || b[1] != 'x' || b[6] != '_' {
		return false
	}
	for _, c := range b[2:6] {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// readCellFormats reads the styles part (styles.xml) for what it says of
// dates: for each cell format (xf of cellXfs), whether its number format
// shows a date. A number format the workbook defines (numFmt; the last
// one of an id) takes precedence over a built-in one of the same id; a
// cell format with no number format shows no date.
func readCellFormats(x *xmlStream) ([]dateFormat, error) {
	custom := map[int]string{}
	var ids []int // the number format of each cell format; -1 for none
	err := readRoot(x, "styleSheet", func(se xml.StartElement) error {
		switch se.Name.Local {
		case "numFmts":
			return x.content(func(se xml.StartElement) error {
				if se.Name.Local == "numFmt" {
					id, err := intAttr(se, "numFmtId")
					if err != nil {
						return err
					}
					custom[id] = attrValue(se, "", "formatCode")
				}
				return x.skip()
			}, nil)
		case "cellXfs":
			return x.content(func(se xml.StartElement) error {
				if se.Name.Local == "xf" {
					id := -1
					if _, ok := localAttr(se, "numFmtId"); ok {
						var err error
						if id, err = intAttr(se, "numFmtId"); err != nil {
							return err
						}
					}
					ids = append(ids, id)
				}
				return x.skip()
			}, nil)
		}
		return x.skip()
	})
	if err != nil {
		return nil, err
	}
	known := map[int]dateFormat{}
	formats := make([]dateFormat, len(ids))
	for i, id := range ids {
		f, ok := known[id]
		if !ok {
			if code, ok := custom[id]; ok {
				f = isDateFormat(code)
			} else if code, ok := builtInDates[id]; ok {
				f = isDateFormat(code)
			}
			known[id] = f
		}
		formats[i] = f
	}
	return formats, nil
}

// readModified returns when the core properties part says the workbook
// was last saved (dcterms:modified, an RFC 3339 time), or the zero time
// when it does not say, or the part cannot be read.
func readModified(p *xlsxPackage, name string) time.Time {
	var text []byte
	err := p.read(name, func(x *xmlStream) error {
		return readRoot(x, "coreProperties", func(se xml.StartElement) error {
			if se.Name != (xml.Name{Space: nsDCTerms, Local: "modified"}) {
				return x.skip()
			}
			var err error
			text, err = x.text(text[:0])
			return err
		})
	})
	if err != nil {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339, string(text))
	if err != nil {
		return time.Time{}
	}
	return t
}
