package pdf

import (
	"strconv"
)

// An operand is one operand of a content-stream operator.
type operand struct {
	kind operandKind
	num  float64   // a number
	str  []byte    // a string's bytes, or a name without its slash
	arr  []operand // an array's elements, or a dictionary's keys and values
}

// value returns the value of a dictionary operand's key, or false.
func (o operand) value(key string) (operand, bool) {
	if o.kind != opDict {
		return operand{}, false
	}
	for i := 0; i+1 < len(o.arr); i += 2 {
		if o.arr[i].kind == opName && string(o.arr[i].str) == key {
			return o.arr[i+1], true
		}
	}
	return operand{}, false
}

type operandKind uint8

const (
	opNumber operandKind = iota + 1
	opString
	opName
	opArray
	opDict  // a dictionary: its keys (names) and values in turn, in arr
	opOther // a boolean, null: kept only as a place
)

// A lexer reads the tokens of a content stream. It never fails: bytes it
// cannot make sense of are skipped, as viewers do.
type lexer struct {
	data []byte
	pos  int
}

// Token kinds that next returns besides operands.
const (
	tokEOF = iota
	tokOperand
	tokOperator
	tokArrayEnd
	tokDictEnd
)

// maxDepth bounds the nesting of arrays and dictionaries in a content
// stream, so that a hostile stream cannot exhaust the stack.
const maxDepth = 32

// next returns the next token: an operand (in o), an operator (its bytes
// in o.str), or the end of an array or dictionary.
func (l *lexer) next(o *operand, depth int) int {
	l.skipSpace()
	for l.pos < len(l.data) && isStray(l.data[l.pos], l.peek(1)) {
		l.pos++ // a stray ')', '>', '{' or '}'
		l.skipSpace()
	}
	if l.pos >= len(l.data) {
		return tokEOF
	}
	c := l.data[l.pos]
	switch {
	case c == '(':
		l.pos++
		*o = operand{kind: opString, str: l.literal()}
	case c == '<' && l.peek(1) == '<':
		l.pos += 2
		*o = operand{kind: opDict, arr: l.container(tokDictEnd, depth)}
	case c == '<':
		l.pos++
		*o = operand{kind: opString, str: l.hex()}
	case c == '>' && l.peek(1) == '>':
		l.pos += 2
		return tokDictEnd
	case c == '[':
		l.pos++
		*o = operand{kind: opArray, arr: l.container(tokArrayEnd, depth)}
	case c == ']':
		l.pos++
		return tokArrayEnd
	case c == '/':
		l.pos++
		*o = operand{kind: opName, str: l.regular()}
	case c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
		*o = operand{kind: opNumber, num: parseNumber(l.regular())}
	default:
		*o = operand{str: l.regular()}
		switch string(o.str) {
		case "true", "false", "null":
			o.kind = opOther
			return tokOperand
		}
		return tokOperator
	}
	return tokOperand
}

func (l *lexer) peek(i int) byte {
	if l.pos+i < len(l.data) {
		return l.data[l.pos+i]
	}
	return 0
}

// container reads the elements of an array after its '[', or the keys
// and values of a dictionary after its '<<', to the token end.
func (l *lexer) container(end int, depth int) []operand {
	if depth >= maxDepth {
		l.skipContainer(end, depth)
		return nil
	}
	var arr []operand
	for {
		var o operand
		switch t := l.next(&o, depth+1); {
		case t == tokEOF || t == end:
			return arr
		case t == tokOperand:
			arr = append(arr, o)
		}
	}
}

// skipContainer skips to the end of a dictionary or array.
func (l *lexer) skipContainer(end int, depth int) {
	if depth >= maxDepth {
		l.pos = len(l.data)
		return
	}
	for {
		var o operand
		switch t := l.next(&o, depth+1); {
		case t == tokEOF || t == end:
			return
		}
	}
}

func (l *lexer) skipSpace() {
	for l.pos < len(l.data) {
		switch c := l.data[l.pos]; {
		case isSpace(c):
			l.pos++
		case c == '%':
			for l.pos < len(l.data) && l.data[l.pos] != '\n' && l.data[l.pos] != '\r' {
				l.pos++
			}
		default:
			return
		}
	}
}

// regular reads a run of regular characters: a number, a name or an
// operator.
func (l *lexer) regular() []byte {
	start := l.pos
	for l.pos < len(l.data) && !isSpace(l.data[l.pos]) && !isDelimiter(l.data[l.pos]) {
		l.pos++
	}
	return l.data[start:l.pos]
}

// literal reads a literal string after its '(', with its escapes and
// balanced parentheses. It returns the stream's own bytes when there is
// no escape to resolve.
func (l *lexer) literal() []byte {
	start, depth := l.pos, 1
	for i := l.pos; i < len(l.data); i++ {
		switch l.data[i] {
		case '\\':
			return l.escapedLiteral(start)
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				l.pos = i + 1
				return l.data[start:i]
			}
		}
	}
	l.pos = len(l.data)
	return l.data[start:]
}

// escapedLiteral reads a literal string that has escapes, from start.
func (l *lexer) escapedLiteral(start int) []byte {
	var out []byte
	depth := 1
	i := start
	for i < len(l.data) {
		c := l.data[i]
		i++
		switch c {
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				l.pos = i
				return out
			}
		case '\\':
			var b []byte
			b, i = unescape(l.data, i)
			out = append(out, b...)
			continue
		}
		out = append(out, c)
	}
	l.pos = len(l.data)
	return out
}

// unescape resolves the escape that starts after a backslash at data[i],
// returning its bytes and the position after it.
func unescape(data []byte, i int) ([]byte, int) {
	if i >= len(data) {
		return nil, i
	}
	switch c := data[i]; c {
	case 'n':
		return []byte{'\n'}, i + 1
	case 'r':
		return []byte{'\r'}, i + 1
	case 't':
		return []byte{'\t'}, i + 1
	case 'b':
		return []byte{'\b'}, i + 1
	case 'f':
		return []byte{'\f'}, i + 1
	case '\r': // a line continuation
		if i+1 < len(data) && data[i+1] == '\n' {
			return nil, i + 2
		}
		return nil, i + 1
	case '\n':
		return nil, i + 1
	}
	if data[i] < '0' || data[i] > '7' {
		return []byte{data[i]}, i + 1
	}
	v, n := 0, 0
	for ; n < 3 && i < len(data) && data[i] >= '0' && data[i] <= '7'; n++ {
		v = v*8 + int(data[i]-'0')
		i++
	}
	return []byte{byte(v)}, i
}

// hex reads a hexadecimal string after its '<'. Characters that are not
// hex digits are skipped; an odd final digit is followed by a 0.
func (l *lexer) hex() []byte {
	var out []byte
	var hi byte
	half := false
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		l.pos++
		if c == '>' {
			break
		}
		v, ok := hexValue(c)
		if !ok {
			continue
		}
		if half {
			out = append(out, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	if half {
		out = append(out, hi<<4)
	}
	return out
}

func hexValue(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// skipInlineImage skips the data of an inline image, after its ID
// operator, to the EI operator that ends it: "EI" with white space before
// and after (or the end of the stream).
func (l *lexer) skipInlineImage() {
	if l.pos < len(l.data) && isSpace(l.data[l.pos]) {
		l.pos++
	}
	for i := l.pos; i+1 < len(l.data); i++ {
		if l.data[i] == 'E' && l.data[i+1] == 'I' && (i == 0 || isSpace(l.data[i-1])) &&
			(i+2 == len(l.data) || isSpace(l.data[i+2]) || isDelimiter(l.data[i+2])) {
			l.pos = i + 2
			return
		}
	}
	l.pos = len(l.data)
}

// parseNumber parses a PDF number leniently: "-.5", "3.", "--2" (as -2),
// "1.2.3" (as 1.2); anything unparsable is 0.
func parseNumber(b []byte) float64 {
	if v, ok := parseInt(b); ok {
		return float64(v)
	}
	for len(b) > 1 && (b[0] == '-' || b[0] == '+') && (b[1] == '-' || b[1] == '+') {
		b = b[1:]
	}
	end := 0
	dot := false
	for end < len(b) {
		c := b[end]
		if c == '.' && !dot {
			dot = true
		} else if !(c >= '0' && c <= '9') && !(end == 0 && (c == '-' || c == '+')) {
			break
		}
		end++
	}
	v, err := strconv.ParseFloat(string(b[:end]), 64)
	if err != nil {
		return 0
	}
	return v
}

// parseInt parses a plain integer without allocating: the common case.
func parseInt(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	neg := false
	if b[0] == '-' || b[0] == '+' {
		neg = b[0] == '-'
		b = b[1:]
		if len(b) == 0 {
			return 0, false
		}
	}
	v := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	if neg {
		v = -v
	}
	return v, true
}

// isStray reports whether c, followed by d, is a delimiter that starts no
// token: ')', '{', '}', or a '>' that is not the end of a dictionary.
func isStray(c, d byte) bool {
	return c == ')' || c == '{' || c == '}' || (c == '>' && d != '>')
}

func isSpace(c byte) bool {
	switch c {
	case 0, '\t', '\n', '\f', '\r', ' ':
		return true
	}
	return false
}

func isDelimiter(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}
