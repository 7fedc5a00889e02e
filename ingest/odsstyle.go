package ingest

import (
	"encoding/xml"
	"errors"
	"io"
)

// odsStyles holds what the styles of an .ods file say about its sheets and
// cells: which tables are hidden, and which cells show a date, and with
// or without the day. Cells and tables name automatic styles (in
// content.xml), whose parents are common styles (in styles.xml); a cell
// style names its number format, a data style, which either file may hold.
type odsStyles struct {
	common      map[styleKey]odsStyle // the style:style elements of styles.xml
	auto        map[styleKey]odsStyle // the automatic styles of content.xml
	dates       map[string]dateFormat // the number:date-style elements by name; other data styles are absent
	defaultData string                // the data style of the default cell style (style:default-style)
	memo        map[string]dateFormat // cellDate's answers
}

// A styleKey names a style: its family ("table-cell", "table") and name.
type styleKey struct{ family, name string }

// An odsStyle is what a style:style says that matters here.
type odsStyle struct {
	parent    string // style:parent-style-name: the common style it inherits from
	dataStyle string // style:data-style-name: the number format of a cell style
	display   string // table:display of a table style: "false" hides the table
}

// newODSStyles returns an empty set of styles.
func newODSStyles() *odsStyles {
	return &odsStyles{
		common: map[styleKey]odsStyle{},
		auto:   map[styleKey]odsStyle{},
		dates:  map[string]dateFormat{},
		memo:   map[string]dateFormat{},
	}
}

// maxStyleChain bounds how many parents a style's properties are looked
// up through: a file may make a style its own grandparent.
const maxStyleChain = 32

// readPart reads the styles of styles.xml, streamed to its end.
func (st *odsStyles) readPart(x *xmlStream) error {
	sc := styleScanner{st: st, into: st.common}
	root := false
	for {
		tok, err := x.next()
		if err == io.EOF {
			if !root {
				return errors.New("styles.xml: no root element")
			}
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			root = true
			sc.start(t)
		case xml.EndElement:
			sc.end(t)
		}
	}
}

// readAutomatic reads the office:automatic-styles element of content.xml,
// whose start was just read.
func (st *odsStyles) readAutomatic(x *xmlStream) error {
	sc := styleScanner{st: st, into: st.auto}
	depth := x.depth
	for {
		tok, err := x.next()
		if err == io.EOF {
			return io.ErrUnexpectedEOF
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			sc.start(t)
		case xml.EndElement:
			if x.depth < depth {
				return nil
			}
			sc.end(t)
		}
	}
}

// A styleScanner collects styles from the elements of a style section as
// they stream by, whatever their nesting.
type styleScanner struct {
	st     *odsStyles
	into   map[styleKey]odsStyle
	style  *odsStyle // the style:style being read
	key    styleKey
	date   string // the number:date-style being read
	inDate bool
}

// start takes in an element's start.
func (sc *styleScanner) start(se xml.StartElement) {
	switch se.Name {
	case xml.Name{Space: nsStyle, Local: "style"}:
		sc.key = styleKey{attrValue(se, nsStyle, "family"), attrValue(se, nsStyle, "name")}
		sc.style = &odsStyle{
			parent:    attrValue(se, nsStyle, "parent-style-name"),
			dataStyle: attrValue(se, nsStyle, "data-style-name"),
		}
	case xml.Name{Space: nsStyle, Local: "table-properties"}:
		if sc.style != nil {
			sc.style.display = attrValue(se, nsTable, "display")
		}
	case xml.Name{Space: nsStyle, Local: "default-style"}:
		if attrValue(se, nsStyle, "family") == "table-cell" {
			sc.st.defaultData = attrValue(se, nsStyle, "data-style-name")
		}
	case xml.Name{Space: nsNumber, Local: "date-style"}:
		sc.date, sc.inDate = attrValue(se, nsStyle, "name"), true
		sc.st.dates[sc.date] = dateFormat{isDate: true}
	case xml.Name{Space: nsNumber, Local: "day"}:
		if sc.inDate {
			sc.st.dates[sc.date] = dateFormat{isDate: true, showsDay: true}
		}
	}
}

// end takes in an element's end.
func (sc *styleScanner) end(ee xml.EndElement) {
	switch ee.Name {
	case xml.Name{Space: nsStyle, Local: "style"}:
		if sc.style != nil && (sc.key.family == "table-cell" || sc.key.family == "table") {
			sc.into[sc.key] = *sc.style
		}
		sc.style = nil
	case xml.Name{Space: nsNumber, Local: "date-style"}:
		sc.inDate = false
	}
}

// lookup finds a style of a family by name: first among the automatic
// styles, when auto, then among the common ones.
func (st *odsStyles) lookup(family, name string, auto bool) (odsStyle, bool) {
	k := styleKey{family, name}
	if auto {
		if s, ok := st.auto[k]; ok {
			return s, true
		}
	}
	s, ok := st.common[k]
	return s, ok
}

// cellDate tells whether a cell of the named style shows a date, and
// whether it shows the day: by the data style of the style or of its
// nearest ancestor that names one, or else of the default cell style.
// A style with no date style does not show a date.
func (st *odsStyles) cellDate(name string) dateFormat {
	if f, ok := st.memo[name]; ok {
		return f
	}
	data := st.defaultData
	for i, n := 0, name; i < maxStyleChain && n != ""; i++ {
		s, ok := st.lookup("table-cell", n, i == 0)
		if !ok {
			break
		}
		if s.dataStyle != "" {
			data = s.dataStyle
			break
		}
		n = s.parent
	}
	f := st.dates[data]
	st.memo[name] = f
	return f
}

// tableHidden reports whether a table of the named style is hidden: the
// style, or its nearest ancestor that says, has table:display="false".
func (st *odsStyles) tableHidden(name string) bool {
	for i, n := 0, name; i < maxStyleChain && n != ""; i++ {
		s, ok := st.lookup("table", n, i == 0)
		if !ok {
			return false
		}
		if s.display != "" {
			return s.display == "false"
		}
		n = s.parent
	}
	return false
}
