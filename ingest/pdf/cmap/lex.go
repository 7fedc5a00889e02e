package cmap

import "bytes"

// kind is the type of a PostScript token.
type kind uint8

const (
	kEOF        kind = iota
	kHex             // <...>: raw is the text between the brackets
	kString          // (...): raw is the text between the parentheses, escapes kept
	kName            // /name: raw is the name without its slash
	kWord            // a number or an operator
	kArrayOpen       // [
	kArrayClose      // ]
	kOther           // << >> { } and stray delimiters
)

// A token is one PostScript token. raw points into the parsed data.
type token struct {
	kind kind
	raw  []byte
}

// A lexer splits CMap data into tokens without copying it.
type lexer struct {
	data      []byte
	pos       int
	truncated bool // the data ended inside a string or a hex string
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// skipSpace skips white space and comments.
func (l *lexer) skipSpace() {
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		switch {
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

// next returns the next token; kEOF at the end of the data.
func (l *lexer) next() token {
	l.skipSpace()
	if l.pos >= len(l.data) {
		return token{}
	}
	start := l.pos
	switch l.data[l.pos] {
	case '/':
		l.pos = l.regularEnd(l.pos + 1)
		return token{kName, l.data[start+1 : l.pos]}
	case '<':
		if l.peek(1) == '<' {
			l.pos += 2
			return token{kOther, l.data[start:l.pos]}
		}
		return l.delimited('>', kHex)
	case '(':
		return l.literal()
	case '[':
		l.pos++
		return token{kArrayOpen, l.data[start:l.pos]}
	case ']':
		l.pos++
		return token{kArrayClose, l.data[start:l.pos]}
	case '>', ')', '{', '}':
		l.pos++
		if l.data[start] == '>' && l.peek(0) == '>' {
			l.pos++
		}
		return token{kOther, l.data[start:l.pos]}
	}
	l.pos = l.regularEnd(l.pos)
	return token{kWord, l.data[start:l.pos]}
}

// peek returns the byte i places after the current one, or 0.
func (l *lexer) peek(i int) byte {
	if l.pos+i < len(l.data) {
		return l.data[l.pos+i]
	}
	return 0
}

// regularEnd returns the end of the run of regular characters at i.
func (l *lexer) regularEnd(i int) int {
	for i < len(l.data) && !isSpace(l.data[i]) && !isDelim(l.data[i]) {
		i++
	}
	return i
}

// delimited reads a token from the current byte, its opening delimiter, to
// the byte end.
func (l *lexer) delimited(end byte, k kind) token {
	start := l.pos + 1
	i := bytes.IndexByte(l.data[start:], end)
	if i < 0 {
		l.pos = len(l.data)
		l.truncated = true
		return token{}
	}
	l.pos = start + i + 1
	return token{k, l.data[start : start+i]}
}

// literal reads a (string), with its nested parentheses and escapes.
func (l *lexer) literal() token {
	start := l.pos + 1
	depth := 1
	for i := start; i < len(l.data); i++ {
		switch l.data[i] {
		case '\\':
			i++
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				l.pos = i + 1
				return token{kString, l.data[start:i]}
			}
		}
	}
	l.pos = len(l.data)
	l.truncated = true
	return token{}
}
