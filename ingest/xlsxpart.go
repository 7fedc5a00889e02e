package ingest

import (
	"archive/zip"
	"bytes"
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
// part at a time, streamed through an xmlScanner, and counts the bytes the
// parts unzip to against a budget, so that a part read twice counts twice.
type xlsxPackage struct {
	parts map[string]*zip.File // by part name, lower-cased: part names are case-insensitive
	left  int64                // the bytes the parts read from now on may unzip to
	scan  xmlScanner           // the scanner of the part being read, reused
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
func (p *xlsxPackage) read(name string, read func(*xmlScanner) error) error {
	f, ok := p.parts[strings.ToLower(name)]
	if !ok {
		return fmt.Errorf("%s: %w", name, errPartMissing)
	}
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	defer rc.Close()
	pr := &partReader{r: rc, left: p.left}
	p.scan.reset(pr)
	if err := read(&p.scan); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if _, err := io.Copy(io.Discard, pr); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	// The zip reader fails a part that is longer or shorter than it says.
	p.left -= int64(min(f.UncompressedSize64, 1<<62))
	return nil
}

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
	err := p.read(name, func(s *xmlScanner) error {
		ok, err := s.root("Relationships")
		for depth := s.depth(); ok; {
			if ok, err = s.child(depth); !ok {
				break
			}
			if mode, _ := s.attr("TargetMode"); s.is("Relationship") && !bytes.EqualFold(mode, []byte("External")) {
				typ, _ := s.attr("Type")
				id, _ := s.attr("Id")
				target, _ := s.attr("Target")
				rels = append(rels, relationship{
					id:     string(id),
					kind:   string(typ[bytes.LastIndexByte(typ, '/')+1:]),
					target: partName(dir, string(target)),
				})
			}
			if err := s.skip(); err != nil {
				return err
			}
		}
		return err
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
		err := p.read(sst, func(s *xmlScanner) error {
			var err error
			book.strings, err = readSharedStrings(s, maxStrings)
			return err
		})
		if err != nil && !errors.Is(err, errPartMissing) {
			return nil, err
		}
	}
	if styles := p.relTarget(rels, relStyles, "xl/styles.xml"); styles != "" {
		err := p.read(styles, func(s *xmlScanner) error {
			var err error
			book.formats, err = readCellFormats(s)
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
func (book *xlsxBook) readWorkbook(s *xmlScanner) error {
	ok, err := s.root("workbook")
	for depth := s.depth(); ok; {
		if ok, err = s.child(depth); !ok {
			break
		}
		switch {
		case s.is("workbookPr"):
			if v, ok := s.attr("date1904"); ok {
				b, err := strconv.ParseBool(string(bytes.TrimSpace(v)))
				if err != nil {
					return fmt.Errorf("workbookPr date1904=%q: not a boolean", shorten(string(v), 20))
				}
				book.date1904 = b
			}
		case s.is("sheets"):
			if err := book.readSheets(s); err != nil {
				return err
			}
			continue
		}
		if err := s.skip(); err != nil {
			return err
		}
	}
	return err
}

// readSheets reads the sheets element of workbook.xml: each sheet's name,
// state, and relationship's id (r:id, the one attribute id with a prefix).
func (book *xlsxBook) readSheets(s *xmlScanner) error {
	for depth := s.depth(); ; {
		more, err := s.child(depth)
		if !more {
			return err
		}
		if s.is("sheet") {
			name, _ := s.attr("name")
			if len(name) > maxSheetName {
				return fmt.Errorf("%w: %d文字", errSheetName, utf8.RuneCount(name))
			}
			var rid []byte
			for _, a := range s.attrs {
				if a.prefixed && string(a.name) == "id" {
					rid = a.value
					break
				}
			}
			state, _ := s.attr("state")
			book.sheets = append(book.sheets, bookSheet{
				name:   string(name),
				hidden: len(state) > 0 && string(state) != "visible",
				rid:    string(rid),
			})
		}
		if err := s.skip(); err != nil {
			return err
		}
	}
}

// errTooManyStrings stops the reading of a shared strings table that has
// more strings than the workbook may have cells.
var errTooManyStrings = errors.New("too many shared strings")

// readSharedStrings reads the shared strings table (sharedStrings.xml):
// the text of each string item, no more than max of them.
func readSharedStrings(s *xmlScanner, max int) ([]string, error) {
	var (
		sst []string
		rt  richText
	)
	ok, err := s.root("sst")
	for depth := s.depth(); ok; {
		if ok, err = s.child(depth); !ok {
			break
		}
		if !s.is("si") {
			if err := s.skip(); err != nil {
				return nil, err
			}
			continue
		}
		if len(sst) == max {
			return nil, errTooManyStrings
		}
		text, err := rt.read(s)
		if err != nil {
			return nil, err
		}
		sst = append(sst, string(text))
	}
	return sst, err
}

// A richText reads string items, reusing its space.
type richText struct {
	own, runs, text []byte
}

// read reads a string item (a shared string's si, an inline string's is)
// whose start tag was just read: its text (t), or its runs of rich text
// (r), joined: the item's t (the last, if it has more), then each run's t
// (the last of each). The phonetic runs (rPh, the furigana of Japanese
// text) and the phonetic properties are left out. The escapes of
// characters that XML cannot hold (_x000D_) are undone. The text is valid
// until the next call.
func (rt *richText) read(s *xmlScanner) ([]byte, error) {
	rt.own, rt.runs = rt.own[:0], rt.runs[:0]
	hasOwn := false
	for depth := s.depth(); ; {
		more, err := s.child(depth)
		if err != nil {
			return nil, err
		}
		if !more {
			break
		}
		switch {
		case s.is("t"):
			rt.own, err = s.text(rt.own[:0])
			hasOwn = true
		case s.is("r"):
			err = rt.readRun(s)
		default:
			err = s.skip()
		}
		if err != nil {
			return nil, err
		}
	}
	text := rt.runs
	if hasOwn {
		rt.own = append(rt.own, rt.runs...)
		text = rt.own
	}
	rt.text = unescapeOOXML(rt.text[:0], text)
	return rt.text, nil
}

// readRun reads a run of rich text (r) whose start tag was just read: its
// last t counts.
func (rt *richText) readRun(s *xmlScanner) error {
	start := len(rt.runs)
	for depth := s.depth(); ; {
		more, err := s.child(depth)
		if !more {
			return err
		}
		if s.is("t") {
			rt.runs, err = s.text(rt.runs[:start])
		} else {
			err = s.skip()
		}
		if err != nil {
			return err
		}
	}
}

// unescapeOOXML appends to dst the text of a string of a workbook with its
// escapes undone: _xHHHH_ (four hexadecimal digits) stands for the
// character U+HHHH, which XML 1.0 cannot hold (_x000D_ for a carriage
// return), and _x005F_ for the '_' that escapes a literal "_xHHHH_". An
// escape of a surrogate, which is no character, stands for nothing.
func unescapeOOXML(dst, b []byte) []byte {
	for i := 0; i < len(b); {
		if !isOOXMLEscape(b[i:]) {
			j := bytes.IndexByte(b[i+1:], '_')
			if j < 0 {
				return append(dst, b[i:]...)
			}
			dst = append(dst, b[i:i+1+j]...)
			i += 1 + j
			continue
		}
		r, _ := strconv.ParseUint(string(b[i+2:i+6]), 16, 32)
		if utf8.ValidRune(rune(r)) {
			dst = utf8.AppendRune(dst, rune(r))
		}
		i += 7
	}
	return dst
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
func readCellFormats(s *xmlScanner) ([]dateFormat, error) {
	custom := map[int]string{}
	var ids []int // the number format of each cell format; -1 for none
	ok, err := s.root("styleSheet")
	for depth := s.depth(); ok; {
		if ok, err = s.child(depth); !ok {
			break
		}
		switch {
		case s.is("numFmts"):
			err = eachChild(s, "numFmt", func() error {
				id, err := s.intAttr("numFmtId")
				code, _ := s.attr("formatCode")
				custom[id] = string(code)
				return err
			})
		case s.is("cellXfs"):
			err = eachChild(s, "xf", func() error {
				id := -1
				var err error
				if _, ok := s.attr("numFmtId"); ok {
					id, err = s.intAttr("numFmtId")
				}
				ids = append(ids, id)
				return err
			})
		default:
			err = s.skip()
		}
		if err != nil {
			return nil, err
		}
	}
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

// eachChild reads the element whose start tag was just read to its end,
// and calls f at the start tag of each of its children of the given
// local name; the children are then skipped.
func eachChild(s *xmlScanner, local string, f func() error) error {
	for depth := s.depth(); ; {
		more, err := s.child(depth)
		if !more {
			return err
		}
		if s.is(local) {
			if err := f(); err != nil {
				return err
			}
		}
		if err := s.skip(); err != nil {
			return err
		}
	}
}

// readModified returns when the core properties part says the workbook
// was last saved (dcterms:modified, an RFC 3339 time), or the zero time
// when it does not say, or the part cannot be read.
func readModified(p *xlsxPackage, name string) time.Time {
	var text []byte
	err := p.read(name, func(s *xmlScanner) error {
		ok, err := s.root("coreProperties")
		for depth := s.depth(); ok; {
			if ok, err = s.child(depth); !ok {
				break
			}
			if s.is("modified") {
				text, err = s.text(text[:0])
			} else {
				err = s.skip()
			}
			if err != nil {
				return err
			}
		}
		return err
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
