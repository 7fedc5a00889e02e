package normalize

// foldRune maps the full-width and look-alike characters people type into
// forms to the ASCII character they stand for: digits and Latin letters,
// spaces, and the punctuation of dates and counts. Every other rune is
// returned unchanged. It works rune by rune so that it never narrows a
// whole string (width.Narrow would turn ○ into ￮).
func foldRune(r rune) rune {
	if r >= '！' && r <= '～' { // U+FF01..U+FF5E: full-width ASCII
		return r - ('！' - '!')
	}
	switch r {
	case '\u3000', '\u00a0', '\t', '\r', '\n', '\u2002', '\u2003', '\u2009',
		'\u200b', '\u200c', '\u200d', '\u2060', '\ufeff': // zero-width characters count as space
		return ' '
	case 'ー', 'ｰ', '‐', '‑', '‒', '–', '—', '―', '−', '─':
		return '-'
	case '〜', '∼':
		return '~'
	}
	return r
}
