package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// xmlKind is the kind of token an xmlScanner read.
type xmlKind int

const (
	xmlStart xmlKind = iota + 1 // a start tag, or an empty-element tag
	xmlEnd                      // an end tag, or the end of an empty-element tag
	xmlText                     // character data, or a CDATA section
)

// An xmlAttr is an attribute of a start tag: its local name, whether the
// name has a prefix (r:id), and its value, references replaced.
type xmlAttr struct {
	name, value []byte
	prefixed    bool
}

// An xmlScanner reads the tokens of an XML document from a stream, for
// the parts of an xlsx workbook, a sheet of which may hold a million
// elements: unlike encoding/xml's Decoder, it allocates nothing for a
// token, whose names, attributes and text are valid until the next one.
// It reads XML 1.0 in UTF-8 (an encoding declaration may say so, and no
// other): elements, attributes, character data with the five predefined
// entities and character references, CDATA sections, comments and
// processing instructions; a document type declaration is an error, as
// no part of a workbook has one. It checks what encoding/xml's Decoder
// checks: tags balanced, names well formed, attribute values quoted,
// references known, characters valid UTF-8 and allowed in XML. It
// replaces a carriage return, or a carriage return and line feed, by a
// line feed, as an XML parser must. Names are read without their
// prefixes (x:row is row), as the parts of a workbook are read
// (SpreadsheetML's namespace is the only one that matters in them).
type xmlScanner struct {
	r    io.Reader
	rerr error  // what ended the input: io.EOF, or a reading error
	buf  []byte // buf[pos:end] is read and not yet scanned
	pos  int
	end  int
	off  int64 // the input's offset of buf[0], for an error

	names      []byte // the names of the open elements, one after the other
	starts     []int  // where each begins in names
	pendingEnd bool   // the start tag just read ends its element (<a/>)

	// The token read last.
	local []byte // the local name of a start or end tag
	attrs []xmlAttr
	vals  []byte     // the names and values of attrs
	spans []attrSpan // where they are in vals, as it grows
	data  []byte     // the character data, references replaced
}

// An attrSpan is where an attribute's name and value are in a scanner's
// vals: vals[name:value] and vals[value:end].
type attrSpan struct{ name, value, end int }

// xmlChunk is how much an xmlScanner reads at a time.
const xmlChunk = 64 << 10

// maxXMLToken bounds the size of a token (a tag, a run of text, a
// comment…), and so the scanner's memory: a cell of Excel holds 32,767
// characters at most, and no tag of a workbook is near that long.
const maxXMLToken = 1 << 20

// errXMLToken says that a token is longer than maxXMLToken.
var errXMLToken = fmt.Errorf("XML token longer than %d bytes", maxXMLToken)

// newXMLScanner returns a scanner of the XML document that r reads.
func newXMLScanner(r io.Reader) *xmlScanner {
	s := &xmlScanner{}
	s.reset(r)
	return s
}

// reset makes s a scanner of the XML document that r reads, keeping the
// space it has.
func (s *xmlScanner) reset(r io.Reader) {
	buf := s.buf
	if buf == nil {
		buf = make([]byte, xmlChunk)
	}
	*s = xmlScanner{r: r, buf: buf, names: s.names[:0], starts: s.starts[:0],
		attrs: s.attrs[:0], vals: s.vals[:0], spans: s.spans[:0], data: s.data[:0]}
}

// depth returns how many elements are open: after a start tag, the
// element's depth (1 for the root), after its end tag, its parent's.
func (s *xmlScanner) depth() int { return len(s.starts) }

// is reports whether the tag just read has the given local name.
func (s *xmlScanner) is(local string) bool { return string(s.local) == local }

// attr returns the value of the attribute of the start tag just read with
// the given local name, prefixed or not, and whether it has one.
func (s *xmlScanner) attr(local string) ([]byte, bool) {
	for _, a := range s.attrs {
		if string(a.name) == local {
			return a.value, true
		}
	}
	return nil, false
}

// syntaxError returns an error about the input at buf[at].
func (s *xmlScanner) syntaxError(at int, format string, args ...any) error {
	return fmt.Errorf("XML syntax error at byte %d: %s", s.off+int64(at), fmt.Sprintf(format, args...))
}

// fill reads more input, keeping buf[pos:end], which it moves to the
// start of buf, or into a larger buf when it fills it, up to maxXMLToken.
// It returns false when there is no more (s.rerr says why).
func (s *xmlScanner) fill() bool {
	if s.rerr != nil {
		return false
	}
	if s.pos > 0 {
		s.off += int64(s.pos)
		s.end = copy(s.buf, s.buf[s.pos:s.end])
		s.pos = 0
	}
	if s.end == len(s.buf) {
		if len(s.buf) >= maxXMLToken {
			s.rerr = errXMLToken
			return false
		}
		s.buf = append(s.buf, make([]byte, len(s.buf))...)
	}
	for range 100 {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if err != nil {
			s.rerr = err
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
	s.rerr = io.ErrNoProgress
	return false
}

// find returns the offset from pos of the first sep at or after from
// (an offset from pos), reading more input as needed, or -1 at the end of
// the input.
func (s *xmlScanner) find(sep string, from int) int {
	for {
		var i int
		if len(sep) == 1 {
			i = bytes.IndexByte(s.buf[s.pos+from:s.end], sep[0])
		} else {
			i = bytes.Index(s.buf[s.pos+from:s.end], []byte(sep))
		}
		if i >= 0 {
			return from + i
		}
		from = max(from, s.end-s.pos-len(sep)+1)
		if !s.fill() {
			return -1
		}
	}
}

// inputErr returns the error that ended the input too soon.
func (s *xmlScanner) inputErr() error {
	if s.rerr == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return s.rerr
}

// next reads the next token: a start tag, an end tag or character data.
// Comments and processing instructions are skipped. At the end of the
// document it returns io.EOF, or io.ErrUnexpectedEOF when elements are
// left open.
func (s *xmlScanner) next() (xmlKind, error) {
	if s.pendingEnd {
		s.pendingEnd = false
		s.pop()
		return xmlEnd, nil
	}
	for {
		if s.pos == s.end && !s.fill() {
			if s.rerr != io.EOF {
				return 0, s.rerr
			}
			if len(s.starts) > 0 {
				return 0, io.ErrUnexpectedEOF
			}
			return 0, io.EOF
		}
		if s.buf[s.pos] != '<' {
			return s.charData()
		}
		if s.end-s.pos < 2 && !s.fill() {
			return 0, s.inputErr()
		}
		switch s.buf[s.pos+1] {
		case '/':
			return s.endTag()
		case '?':
			if err := s.instruction(); err != nil {
				return 0, err
			}
		case '!':
			kind, err := s.markup()
			if err != nil || kind != 0 {
				return kind, err
			}
		default:
			return s.startTag()
		}
	}
}

// charData reads character data up to the next tag.
func (s *xmlScanner) charData() (xmlKind, error) {
	n := s.find("<", 0)
	if n < 0 {
		if s.rerr != io.EOF {
			return 0, s.rerr
		}
		n = s.end - s.pos
	}
	var err error
	s.data, err = s.unescape(s.data[:0], s.pos, s.pos+n, inText)
	s.pos += n
	return xmlText, err
}

// instruction skips a processing instruction. The XML declaration may
// declare no version but 1.0, and no encoding but UTF-8.
func (s *xmlScanner) instruction() error {
	n := s.find("?>", 2)
	if n < 0 {
		return s.inputErr()
	}
	pi := s.buf[s.pos+2 : s.pos+n]
	target, i, ok := scanName(pi, 0)
	if !ok {
		return s.syntaxError(s.pos, "expected target name after <?")
	}
	if string(target) == "xml" {
		content := pi[skipSpace(pi, i):]
		if v := declared("version", content); len(v) > 0 && string(v) != "1.0" {
			return s.syntaxError(s.pos, "unsupported version %q; only version 1.0 is supported", v)
		}
		if enc := declared("encoding", content); len(enc) > 0 && !bytes.EqualFold(enc, []byte("utf-8")) {
			return s.syntaxError(s.pos, "encoding %q: only UTF-8 is read", enc)
		}
	}
	s.pos += n + 2
	return nil
}

// declared returns the value of a pseudo-attribute of an XML declaration
// (version="1.0"), empty when it has none, as encoding/xml reads it.
func declared(param string, s []byte) []byte {
	for {
		k := bytes.Index(s, []byte(param+"="))
		if k < 0 || k+len(param)+1 >= len(s) {
			return nil
		}
		s = s[k+len(param)+1:]
		if q := s[0]; q == '"' || q == '\'' {
			v, _, ok := bytes.Cut(s[1:], []byte{q})
			if !ok {
				return nil
			}
			return v
		}
	}
}

// markup reads what starts with "<!": a comment, skipped (kind 0), which
// holds no "--", or a CDATA section, which is character data. Anything else (a document type
// declaration) is an error.
func (s *xmlScanner) markup() (xmlKind, error) {
	for s.end-s.pos < 9 {
		if !s.fill() {
			break
		}
	}
	rest := s.buf[s.pos:s.end]
	switch {
	case bytes.HasPrefix(rest, []byte("<!--")):
		// The first "--" ends the comment.
		n := s.find("--", 4)
		if n < 0 || s.end-s.pos < n+3 && !s.fill() {
			return 0, s.inputErr()
		}
		if s.buf[s.pos+n+2] != '>' {
			return 0, s.syntaxError(s.pos+n, `invalid sequence "--" not allowed in comments`)
		}
		s.pos += n + 3
		return 0, nil
	case bytes.HasPrefix(rest, []byte("<![CDATA[")):
		n := s.find("]]>", 9)
		if n < 0 {
			return 0, s.inputErr()
		}
		var err error
		s.data, err = s.unescape(s.data[:0], s.pos+9, s.pos+n, inCDATA)
		s.pos += n + 3
		return xmlText, err
	}
	return 0, s.syntaxError(s.pos, "unexpected <! (a document type declaration is not read)")
}

// tagEnd returns the offset from pos of the '>' that ends the tag at pos,
// reading more input as needed: the first one outside a quoted value.
func (s *xmlScanner) tagEnd() (int, error) {
	for i := 1; ; {
		j := bytes.IndexAny(s.buf[s.pos+i:s.end], `"'>`)
		if j < 0 {
			i = s.end - s.pos
			if !s.fill() {
				return 0, s.inputErr()
			}
			continue
		}
		i += j
		if q := s.buf[s.pos+i]; q != '>' {
			n := s.find(string(q), i+1)
			if n < 0 {
				return 0, s.inputErr()
			}
			i = n + 1
			continue
		}
		return i, nil
	}
}

// startTag reads a start tag or an empty-element tag: its name and its
// attributes.
func (s *xmlScanner) startTag() (xmlKind, error) {
	n, err := s.tagEnd()
	if err != nil {
		return 0, err
	}
	tag := s.buf[s.pos : s.pos+n] // without the '>'
	empty := tag[len(tag)-1] == '/'
	if empty {
		tag = tag[:len(tag)-1]
	}
	name, i, ok := scanName(tag, 1)
	if !ok || bytes.Count(name, []byte(":")) > 1 {
		return 0, s.syntaxError(s.pos, "invalid element name")
	}
	s.attrs, s.vals, s.spans = s.attrs[:0], s.vals[:0], s.spans[:0]
	for {
		j := skipSpace(tag, i)
		if j == len(tag) {
			break
		}
		aname, k, ok := scanName(tag, j)
		if !ok || bytes.Count(aname, []byte(":")) > 1 {
			return 0, s.syntaxError(s.pos+j, "invalid attribute name")
		}
		k = skipSpace(tag, k)
		if k == len(tag) || tag[k] != '=' {
			return 0, s.syntaxError(s.pos+k, "attribute %s without a value", aname)
		}
		k = skipSpace(tag, k+1)
		if k == len(tag) || tag[k] != '"' && tag[k] != '\'' {
			return 0, s.syntaxError(s.pos+k, "unquoted value of attribute %s", aname)
		}
		q := bytes.IndexByte(tag[k+1:], tag[k])
		if q < 0 {
			return 0, s.syntaxError(s.pos+k, "unterminated value of attribute %s", aname)
		}
		if bytes.IndexByte(tag[k+1:k+1+q], '<') >= 0 {
			return 0, s.syntaxError(s.pos+k, "unescaped < in the value of attribute %s", aname)
		}
		from := len(s.vals)
		s.vals = append(s.vals, aname...)
		mid := len(s.vals)
		var err error
		if s.vals, err = s.unescape(s.vals, s.pos+k+1, s.pos+k+1+q, inAttr); err != nil {
			return 0, err
		}
		s.spans = append(s.spans, attrSpan{from, mid, len(s.vals)})
		i = k + 2 + q
	}
	for _, sp := range s.spans { // s.vals no longer moves
		full := s.vals[sp.name:sp.value]
		local, prefixed := localName(full)
		if prefixed && string(full[:len(full)-len(local)-1]) == "xmlns" || !prefixed && string(full) == "xmlns" {
			continue // a namespace declaration
		}
		s.attrs = append(s.attrs, xmlAttr{name: local, value: s.vals[sp.value:sp.end], prefixed: prefixed})
	}
	if len(s.starts) == maxXMLDepth {
		return 0, fmt.Errorf("%w (%d)", errXMLDepth, maxXMLDepth)
	}
	s.starts = append(s.starts, len(s.names))
	s.names = append(s.names, name...)
	s.local, _ = localName(s.names[s.starts[len(s.starts)-1]:])
	s.pos += n + 1
	s.pendingEnd = empty
	return xmlStart, nil
}

// endTag reads an end tag, which must close the element open last.
func (s *xmlScanner) endTag() (xmlKind, error) {
	n, err := s.tagEnd()
	if err != nil {
		return 0, err
	}
	tag := s.buf[s.pos : s.pos+n]
	name, i, ok := scanName(tag, 2)
	if !ok || bytes.Count(name, []byte(":")) > 1 || skipSpace(tag, i) != len(tag) {
		return 0, s.syntaxError(s.pos, "invalid end tag")
	}
	if len(s.starts) == 0 {
		return 0, s.syntaxError(s.pos, "unexpected end element </%s>", name)
	}
	if open := s.names[s.starts[len(s.starts)-1]:]; !bytes.Equal(open, name) {
		return 0, s.syntaxError(s.pos, "element <%s> closed by </%s>", open, name)
	}
	s.pos += n + 1
	s.pop()
	return xmlEnd, nil
}

// pop closes the element open last; s.local stays its local name until
// the next start tag.
func (s *xmlScanner) pop() {
	start := s.starts[len(s.starts)-1]
	s.local, _ = localName(s.names[start:])
	s.starts = s.starts[:len(s.starts)-1]
	s.names = s.names[:start]
}

// localName returns a name without its prefix ("x:row" is "row"), and
// whether it had one. A name with more than one colon, or one at either
// end, has no prefix, as encoding/xml reads it.
func localName(name []byte) ([]byte, bool) {
	i := bytes.IndexByte(name, ':')
	if i <= 0 || i == len(name)-1 || bytes.IndexByte(name[i+1:], ':') >= 0 {
		return name, false
	}
	return name[i+1:], true
}

// scanName reads a name in b from i; it returns the name, where it ends
// and whether there was one.
func scanName(b []byte, i int) ([]byte, int, bool) {
	j := i
	for j < len(b) && isNameByte(b[j]) {
		j++
	}
	name := b[i:j]
	if len(name) == 0 || '0' <= name[0] && name[0] <= '9' || name[0] == '.' || name[0] == '-' || !utf8.Valid(name) {
		return nil, j, false
	}
	return name, j, true
}

// isNameByte reports whether c may be part of a name: letters, digits and
// ._:- , and any byte of a multi-byte character.
func isNameByte(c byte) bool {
	return c >= utf8.RuneSelf || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '_' || c == ':' || c == '.' || c == '-'
}

// skipSpace returns the offset of the first byte of b from i that is not
// white space.
func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// Where text is, for unescape.
const (
	inText  = iota // character data
	inAttr         // an attribute's value
	inCDATA        // a CDATA section
)

// unescape appends the text of buf[from:to] to dst: references replaced
// (not in a CDATA section), line breaks made line feeds, every character
// checked, as encoding/xml's Decoder does.
func (s *xmlScanner) unescape(dst []byte, from, to, in int) ([]byte, error) {
	b := s.buf[:to]
	for i := from; i < to; {
		c := b[i]
		switch {
		case c == '&' && in != inCDATA:
			j := i + 1
			for j < to && (isNameByte(b[j]) || b[j] == '#') {
				j++
			}
			if j == to || b[j] != ';' {
				return dst, s.syntaxError(i, "invalid character entity %s (no semicolon)", b[i:j])
			}
			r, ok := entity(b[i+1 : j])
			if !ok {
				return dst, s.syntaxError(i, "invalid character entity %s", b[i:j+1])
			}
			dst = utf8.AppendRune(dst, r)
			i = j + 1
		case c == '\r':
			dst = append(dst, '\n')
			if i++; i < to && b[i] == '\n' {
				i++
			}
		case c == '>' && in == inText && i >= from+2 && b[i-1] == ']' && b[i-2] == ']':
			return dst, s.syntaxError(i, "unescaped ]]> not in CDATA section")
		case c < utf8.RuneSelf:
			if c < 0x20 && c != '\t' && c != '\n' {
				return dst, s.syntaxError(i, "illegal character code U+%04X", c)
			}
			dst = append(dst, c)
			i++
		default:
			r, size := utf8.DecodeRune(b[i:to])
			if r == utf8.RuneError && size == 1 {
				return dst, s.syntaxError(i, "invalid UTF-8")
			}
			if !isXMLChar(r) {
				return dst, s.syntaxError(i, "illegal character code %U", r)
			}
			dst = append(dst, b[i:i+size]...)
			i += size
		}
	}
	return dst, nil
}

// entity returns the character a reference stands for, from its name
// ("amp", "#38", "#x26"). A reference to a surrogate, which is no
// character, stands for U+FFFD, as in encoding/xml.
func entity(name []byte) (rune, bool) {
	switch string(name) {
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "amp":
		return '&', true
	case "apos":
		return '\'', true
	case "quot":
		return '"', true
	}
	if len(name) < 2 || name[0] != '#' {
		return 0, false
	}
	base, digits := 10, name[1:]
	if digits[0] == 'x' {
		base, digits = 16, digits[1:]
	}
	for _, d := range digits {
		if !('0' <= d && d <= '9' || base == 16 && ('a' <= d && d <= 'f' || 'A' <= d && d <= 'F')) {
			return 0, false
		}
	}
	n, err := strconv.ParseUint(string(digits), base, 64)
	if err != nil || n > unicode.MaxRune {
		return 0, false
	}
	r := rune(n)
	if !utf8.ValidRune(r) {
		r = utf8.RuneError
	}
	return r, isXMLChar(r)
}

// isXMLChar reports whether r may be in an XML document.
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// skip reads to the end of the element whose start tag was just read.
func (s *xmlScanner) skip() error {
	depth := s.depth()
	for {
		kind, err := s.next()
		if err != nil {
			return unexpectedEOF(err)
		}
		if kind == xmlEnd && s.depth() < depth {
			return nil
		}
	}
}

// text reads to the end of the element whose start tag was just read,
// and appends its character data to b, leaving out that of its child
// elements, as encoding/xml's ",chardata" does.
func (s *xmlScanner) text(b []byte) ([]byte, error) {
	depth := s.depth()
	for {
		kind, err := s.next()
		if err != nil {
			return b, unexpectedEOF(err)
		}
		switch {
		case kind == xmlText && s.depth() == depth:
			b = append(b, s.data...)
		case kind == xmlEnd && s.depth() < depth:
			return b, nil
		}
	}
}

// child reads up to the next child element of an element, whose depth
// was depth() after its start tag, and reports whether there is one: the
// scanner is then at the child's start tag, and the caller must read the
// child to its end (skip, text…) before it asks for the next. It returns
// false, nil at the element's end.
func (s *xmlScanner) child(depth int) (bool, error) {
	for {
		kind, err := s.next()
		if err != nil {
			return false, unexpectedEOF(err)
		}
		switch {
		case kind == xmlStart:
			if s.depth() != depth+1 {
				return false, errors.New("an element not read to its end") // a bug, not the file's fault
			}
			return true, nil
		case kind == xmlEnd && s.depth() < depth:
			return false, nil
		}
	}
}

// root reads up to the root element of a document, which must have the
// given local name (in whatever namespace: Strict and Transitional Open
// XML name them alike), unless local is empty. It reports whether there
// is one: a part with no root element is empty, as Excel writes no such
// part but some tools do.
func (s *xmlScanner) root(local string) (bool, error) {
	for {
		kind, err := s.next()
		if err == io.EOF {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		if kind == xmlStart {
			if local != "" && !s.is(local) {
				return false, fmt.Errorf("root element %s, want %s", s.local, local)
			}
			return true, nil
		}
	}
}

// intAttr returns the value of an attribute of the start tag just read as
// a whole number, 0 when it is absent or empty, and an error when it is
// not a number.
func (s *xmlScanner) intAttr(local string) (int, error) {
	v, _ := s.attr(local)
	v = bytes.TrimSpace(v)
	if len(v) == 0 {
		return 0, nil
	}
	n, err := strconv.Atoi(string(v))
	if err != nil {
		return 0, fmt.Errorf("%s %s=%q: not a whole number", s.local, local, shorten(string(v), 20))
	}
	return n, nil
}

// unexpectedEOF returns err, but io.ErrUnexpectedEOF for io.EOF: the end
// of a document inside an element.
func unexpectedEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}
