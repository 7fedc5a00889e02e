package normalize

// foldRune maps the look-alike characters that people type into dates
// and that the normal form keeps to the ASCII character they stand for:
// tabs and line breaks to a space, dashes and the long vowel mark to a
// hyphen, wave dashes to a tilde. (The normal form has already turned
// full-width letters, digits and spaces into ASCII.) Every other rune is
// returned unchanged. It works rune by rune so that it never narrows a
// whole string (width.Narrow would turn ○ into ￮).
func foldRune(r rune) rune {
	switch r {
	case '\t', '\r', '\n':
		return ' '
	case 'ー', '‐', '‒', '–', '—', '―', '−', '─':
		return '-'
	case '〜', '∼':
		return '~'
	}
	return r
}
