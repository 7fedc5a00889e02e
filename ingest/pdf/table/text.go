package table

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"perinet/ingest/pdf"
)

// Tolerances for joining glyphs into text, as fractions of the font size.
const (
	// sameLine: two glyphs whose centres are nearer than this (of the
	// smaller box's height) stand on one line. Lines of one cell are a
	// whole line height apart; glyphs of two fonts on one line (kanji
	// beside Latin) differ by a fraction of their descent.
	sameLine = 0.5
	// wordSpace: a gap wider than this between glyphs is a space that no
	// glyph shows. Word spaces are a quarter to a third of the size in
	// Latin fonts (Times 0.25, Helvetica 0.28, DejaVu Sans 0.32) and half
	// of it in Japanese ones; glyphs set solid, kerned or tracked leave
	// less. pdftotext breaks words at 0.1, which splits tracked text.
	wordSpace = 0.2
	// duplicate: a glyph drawn again this near the same place with the
	// same text is a fake bold or a shadow, not a second character.
	duplicate = 0.15
	// wrapSlack: a line wrapped when the width left beside it is less than
	// the next line's first word plus this: the cell's padding on both
	// sides (our report pads its cells by 4 pt at 9 pt, a browser's table
	// by 3 pt at 7 pt, with its borders besides) and rounding.
	wrapSlack = 1.25
	// sameSize: lines whose font sizes differ by more than this are not
	// one paragraph: a title above a line of text, a heading above a list.
	sameSize = 0.1
	// scriptSpace: the least gap between a Latin letter and a Japanese
	// character that reads as a space, when their font does not give its
	// space's width. Spaces are a quarter to a half of an em; the spacing
	// producers add between the scripts is a fifth.
	scriptSpace = 0.25
)

// A line is glyphs on one baseline, left to right, and the box around
// them; or a column of vertical writing, as one glyph.
type line struct {
	glyphs         []pdf.Glyph
	x0, y0, x1, y1 float64
	vertical       bool
}

// centre returns the centre of a glyph's box.
func centre(g pdf.Glyph) (float64, float64) { return midX(g), g.Y + g.H/2 }

// midX returns the x of the centre of a glyph's box.
func midX(g pdf.Glyph) float64 { return g.X + g.W/2 }

// size returns the font size of a glyph, or the height of its box when
// the size is not known.
func size(g pdf.Glyph) float64 {
	if g.Size > 0 {
		return g.Size
	}
	return g.H
}

// newLine returns the line of glyphs, sorted left to right, a glyph drawn
// twice in one place kept once.
func newLine(glyphs []pdf.Glyph) line {
	slices.SortStableFunc(glyphs, func(a, b pdf.Glyph) int { return cmp.Compare(a.X, b.X) })
	kept := glyphs[:1]
	for _, g := range glyphs[1:] {
		if last := kept[len(kept)-1]; g.Text != last.Text || math.Abs(g.X-last.X) >= duplicate*size(g) {
			kept = append(kept, g)
		}
	}
	l := line{glyphs: kept, x0: kept[0].X, y0: kept[0].Y, x1: kept[0].X + kept[0].W, y1: kept[0].Y + kept[0].H}
	for _, g := range kept[1:] {
		l.x0, l.y0 = min(l.x0, g.X), min(l.y0, g.Y)
		l.x1, l.y1 = max(l.x1, g.X+g.W), max(l.y1, g.Y+g.H)
	}
	return l
}

// middle returns the height of the line's centre.
func (l line) middle() float64 { return (l.y0 + l.y1) / 2 }

// size returns the largest font size on the line.
func (l line) size() float64 {
	s := 0.0
	for _, g := range l.glyphs {
		s = max(s, size(g))
	}
	return s
}

// lines sorts glyphs into lines, top to bottom: glyphs written across by
// their baselines, each line left to right; and each column of glyphs
// written vertically (or turned to read downwards), as a line of one
// glyph that holds its text top to bottom, the columns right to left
// where the highest begins; text turned to read upwards (a heading
// turned 90°) likewise, bottom to top, its columns left to right. A
// character turned on its own reads as if it were not (the ー of a label
// set one character under the other, turned to stand upright).
func lines(glyphs []pdf.Glyph) []line {
	var across, vertical, down, up []pdf.Glyph
	for _, g := range glyphs {
		switch {
		case g.Text == "": // no text to give: its font has no Unicode map
		case g.Vertical:
			vertical = append(vertical, g)
		case g.Rotation == 270:
			down = append(down, g)
		case g.Rotation == 90:
			up = append(up, g)
		default:
			across = append(across, g)
		}
	}
	cols := columns(vertical, false)
	for _, c := range append(columns(down, false), columns(up, true)...) {
		if g := c.glyphs[0]; utf8.RuneCountInString(g.Text) == 1 {
			across = append(across, g)
		} else {
			cols = append(cols, c)
		}
	}
	out := baselines(across)
	if len(cols) == 0 {
		return out
	}
	top := cols[0].y1
	for _, c := range cols {
		top = max(top, c.y1)
	}
	k := slices.IndexFunc(out, func(l line) bool { return l.y1 < top })
	if k < 0 {
		k = len(out)
	}
	return slices.Concat(out[:k], cols, out[k:])
}

// baselines sorts glyphs written across into lines by their baselines,
// top to bottom.
func baselines(gs []pdf.Glyph) []line {
	slices.SortStableFunc(gs, func(a, b pdf.Glyph) int {
		_, ya := centre(a)
		_, yb := centre(b)
		return cmp.Compare(yb, ya)
	})
	var out []line
	start := 0
	for i := 1; i <= len(gs); i++ {
		if i < len(gs) && onLine(gs[start], gs[i]) {
			continue
		}
		out = append(out, newLine(gs[start:i:i]))
		start = i
	}
	return out
}

// onLine reports whether glyph g stands on the line that first begins.
func onLine(first, g pdf.Glyph) bool {
	_, y0 := centre(first)
	_, y := centre(g)
	return y0-y <= sameLine*min(first.H, g.H)
}

// columns returns the columns of glyphs written vertically, right to
// left, each a line of one glyph that holds its text top to bottom; or,
// for text turned to read upwards, left to right, each bottom to top. A
// column breaks where a gap along it is wider than a line break leaves.
func columns(gs []pdf.Glyph, up bool) []line {
	sign := 1 // the order across the columns, and down each
	if up {
		sign = -1
	}
	slices.SortStableFunc(gs, func(a, b pdf.Glyph) int { return sign * cmp.Compare(midX(b), midX(a)) })
	var out []line
	for i := 0; i < len(gs); {
		j := i + 1
		for j < len(gs) && math.Abs(midX(gs[i])-midX(gs[j])) <= sameLine*size(gs[i]) {
			j++
		}
		col := gs[i:j]
		slices.SortStableFunc(col, func(a, b pdf.Glyph) int { return sign * cmp.Compare(b.Y, a.Y) })
		for k := 0; k < len(col); {
			m := k + 1
			for m < len(col) && gapAlong(col[m-1], col[m], up) <= wrapSlack*size(col[m]) {
				m++
			}
			l := newLine([]pdf.Glyph{column(col[k:m])})
			l.vertical = true
			out = append(out, l)
			k = m
		}
		i = j
	}
	return out
}

// gapAlong returns the gap between glyph a and the next glyph b of a
// column: below it, or above it for text that reads upwards.
func gapAlong(a, b pdf.Glyph, up bool) float64 {
	if up {
		return b.Y - (a.Y + a.H)
	}
	return a.Y - (b.Y + b.H)
}

// column joins a column of vertical glyphs, top to bottom, into one glyph.
func column(gs []pdf.Glyph) pdf.Glyph {
	l := newLine(slices.Clone(gs))
	var b strings.Builder
	for _, g := range gs {
		b.WriteString(g.Text)
	}
	return pdf.Glyph{Text: b.String(), X: l.x0, Y: l.y0, W: l.x1 - l.x0, H: l.y1 - l.y0, Size: size(gs[0])}
}

// text returns the line's text: its glyphs left to right, and a space
// where they stand apart.
func (l line) text() string {
	var b strings.Builder
	for i, g := range l.glyphs {
		if i > 0 && spaced(l.glyphs[i-1], g) {
			b.WriteByte(' ')
		}
		b.WriteString(g.Text)
	}
	return b.String()
}

// spaced reports whether the gap between glyphs a and b, left to right,
// is a space that no glyph shows. Between a Latin letter or digit and a
// Japanese character it must be as wide as a space of their font (or a
// quarter of an em when the font does not say): a narrower gap there is
// the spacing a producer adds between scripts (LibreOffice Writer's
// autospace, 0.2 em: NCPR講習会, not NCPR 講習会).
func spaced(a, b pdf.Glyph) bool {
	last, _ := utf8.DecodeLastRuneInString(a.Text)
	first, _ := utf8.DecodeRuneInString(b.Text)
	if unicode.IsSpace(last) || unicode.IsSpace(first) {
		return false
	}
	gap, least := b.X-(a.X+a.W), wordSpace*max(size(a), size(b))
	if isLatin(last) && wide(first) || wide(last) && isLatin(first) {
		least = max(least, a.Space, b.Space, scriptSpace*max(size(a), size(b)))
		return gap >= least
	}
	return gap > least
}

// isLatin reports whether r is a Latin letter or a digit, half-width.
func isLatin(r rune) bool {
	return r < 0x2E80 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// split cuts the line where the gap between glyphs is wider than gap
// times the font size.
func (l line) split(gap float64) []line {
	var out []line
	start := 0
	for i := 1; i <= len(l.glyphs); i++ {
		if i < len(l.glyphs) {
			a, b := l.glyphs[i-1], l.glyphs[i]
			if b.X-(a.X+a.W) <= gap*max(size(a), size(b)) {
				continue
			}
		}
		out = append(out, newLine(l.glyphs[start:i:i]))
		start = i
	}
	return out
}

// firstWord returns the width of what the line begins with that a line
// break could not have cut: a word of Latin letters, a run of katakana
// (perinet's own report keeps one whole, as some typesetters do), or one
// CJK glyph, with an opening bracket before it and the punctuation and
// small kana after it that may not begin a line (禁則).
func (l line) firstWord() float64 {
	gs := l.glyphs
	i := 0
	if first(gs[0]) == '（' || first(gs[0]) == '(' || first(gs[0]) == '「' {
		i++
	}
	for i+1 < len(gs) {
		a, b := gs[i], gs[i+1]
		r := first(b)
		latin := !wide(first(a)) && !wide(r) && !unicode.IsSpace(r) && !spaced(a, b)
		kana := isKatakana(first(a)) && isKatakana(r)
		if !latin && !kana && !strings.ContainsRune(noLineStart, r) {
			break
		}
		i++
	}
	return gs[min(i, len(gs)-1)].X + gs[min(i, len(gs)-1)].W - l.x0
}

// isKatakana reports whether r is katakana, full or half width, or the
// long vowel mark; not the middle dot that parts words.
func isKatakana(r rune) bool {
	return r >= 0x30A1 && r <= 0x30FA || r == 'ー' || r >= 0x31F0 && r <= 0x31FF || r >= 0xFF66 && r <= 0xFF9F
}

// noLineStart are the characters that Japanese line breaking keeps off
// the start of a line, and the ideographic space, which a browser does
// not let hang past the end of one.
const noLineStart = "、。，．・：；？！ー）」』】〕〉》ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ)]},.:;?!\u3000"

// first returns the first rune of a glyph's text.
func first(g pdf.Glyph) rune {
	r, _ := utf8.DecodeRuneInString(g.Text)
	return r
}

// cellText returns the text of a cell's lines, top to bottom, in a cell of
// the given width. A column of single glyphs (a label set one
// character under the other) is one word. A line that the cell wrapped
// (too little of the cell's width was left beside it for the next line's
// first word) goes on the next without a break, and with a space only
// between two Latin words; a line that leaves room ends with "\n", as does
// every entry of a list: a line that begins with the list's bullet or
// numbering (listOf).
func cellText(ls []line, width float64) string {
	if len(ls) == 0 {
		return ""
	}
	if stacked(ls) {
		var b strings.Builder
		for _, l := range ls {
			b.WriteString(l.glyphs[0].Text)
		}
		return b.String()
	}
	list := listOf(ls, width)
	var b strings.Builder
	b.WriteString(ls[0].text())
	entry := entryMark(ls[0].text()) // how the entry the line is in began
	for i := 1; i < len(ls); i++ {
		next := ls[i].text()
		mark := list
		if m := entryMark(next); m != "" && m == entry {
			mark = m // the next entry of a list under a line of its own (● and then ・ entries)
		}
		// A line without a bullet goes on the bulleted entry above it (not
		// a numbered one: １　地域連携 / 会議の運営等 is a heading broken by hand),
		// whatever room the line above leaves: a typesetter that keeps
		// words whole (J-MELS / ベーシックコース) leaves room.
		brk := lineBreak(ls[i-1], ls[i], next, width, mark, list != "" && list != "1" && entry == list)
		if brk == "\n" {
			entry = entryMark(next)
		}
		b.WriteString(brk)
		b.WriteString(next)
	}
	return b.String()
}

// listOf returns how the entries of a list in a cell's lines begin: the
// bullet or numbering of its first line, or else of a line that begins
// after a line that left room (so an entry of its own). Without one, a
// line that begins with ・ after a full line is a word cut there (集約 /
// ・配付), since some producers break a line before ・.
func listOf(ls []line, width float64) listMark {
	if m := entryMark(ls[0].text()); m != "" {
		return m
	}
	for i := 1; i < len(ls); i++ {
		text := ls[i].text()
		if m := entryMark(text); m != "" && lineBreak(ls[i-1], ls[i], text, width, "", false) == "\n" {
			return m
		}
	}
	return ""
}

// stacked reports whether every line holds one glyph: a label written top
// to bottom one character a line.
func stacked(ls []line) bool {
	if len(ls) < 2 {
		return false
	}
	for _, l := range ls {
		if len(l.glyphs) != 1 || utf8.RuneCountInString(l.glyphs[0].Text) != 1 || l.vertical {
			return false
		}
	}
	return true
}

// lineBreak returns what stands between line prev and the next line of a
// cell of the given width, whose first line begins with list: "\n" for a
// break that was typed, "" or " " for a line that wrapped. A line that
// begins like the first (・ after ・, a number after a number) is the next
// entry of a list, one in another font size a paragraph of its own, and a
// column of vertical writing a line of its own.
// Comparing the width left beside the line, rather than
// the room at its end, reads centred text like flush left.
func lineBreak(prev, next line, nextText string, width float64, list listMark, inEntry bool) string {
	a, b := prev.size(), next.size()
	room := width-(prev.x1-prev.x0) > next.firstWord()+wrapSlack*a
	switch {
	case prev.vertical || next.vertical,
		room && !(inEntry && entryMark(nextText) == ""),
		list != "" && entryMark(nextText) == list,
		math.Abs(a-b) > sameSize*max(a, b):
		return "\n"
	}
	last, _ := utf8.DecodeLastRuneInString(prev.glyphs[len(prev.glyphs)-1].Text)
	first, _ := utf8.DecodeRuneInString(nextText)
	if wide(last) || wide(first) || unicode.IsSpace(last) || unicode.IsSpace(first) || last == '-' {
		return ""
	}
	return " "
}

// wide reports whether r is Japanese or Chinese script, or a full-width or
// half-width form: text in which words are not spaced and a line may
// break between any two characters.
func wide(r rune) bool {
	switch {
	case r >= 0x2E80 && r <= 0x9FFF, // CJK radicals, punctuation, kana, ideographs
		r >= 0xF900 && r <= 0xFAFF,   // compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F,   // vertical forms
		r >= 0xFF00 && r <= 0xFFEF,   // full-width and half-width forms
		r >= 0x20000 && r <= 0x3FFFF: // supplementary ideographs
		return true
	}
	return false
}

// A listMark is how an entry of a list begins: its bullet, or "1" for
// any numbering; "" for text that begins no entry.
type listMark string

// entryMark returns how text begins: a bullet, a circled number, or a
// number followed by . ) 、 or a space, or one in brackets, in half or
// full width.
func entryMark(text string) listMark {
	rs := []rune(text)
	for i, r := range rs {
		rs[i] = narrow(r)
	}
	if len(rs) == 0 {
		return ""
	}
	switch r := rs[0]; {
	case strings.ContainsRune("・･•●◆◇■□▪◦‣⁃∙·-*※➢►▶", r):
		return listMark(r)
	case r >= 0x2460 && r <= 0x24FF, r >= 0x2776 && r <= 0x2793, r >= 0x3251 && r <= 0x32BF: // circled numbers
		return "1"
	case r == '(':
		if n := digits(rs[1:]); n > 0 && 1+n < len(rs) && rs[1+n] == ')' {
			return "1"
		}
		return ""
	}
	if n := digits(rs); n > 0 && n < len(rs) && strings.ContainsRune(".)、 \u3000", rs[n]) {
		return "1"
	}
	return ""
}

// narrow returns the ASCII form of a full-width ASCII character.
func narrow(r rune) rune {
	if r >= 0xFF01 && r <= 0xFF5E {
		return r - 0xFEE0
	}
	return r
}

// digits returns how many ASCII digits rs begins with.
func digits(rs []rune) int {
	n := 0
	for n < len(rs) && rs[n] >= '0' && rs[n] <= '9' {
		n++
	}
	return n
}
