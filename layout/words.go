package layout

import (
	"strconv"
	"strings"

	"golang.org/x/text/width"

	"perinet"
)

// A Numbering is a style of numbering an item's label, as people number
// them: ３　…, 3 …, (3)…, ③…, 項目3　…, No.3 ….
type Numbering uint8

// The styles of numbering.
const (
	NumberNone    Numbering = iota // 連携リストの作成・配布
	NumberWide                     // ３　連携リストの作成・配布 (the template's)
	NumberSpace                    // 3 連携リストの作成・配布
	NumberDot                      // 3.連携リストの作成・配布
	NumberParen                    // (3)連携リストの作成・配布
	NumberCircled                  // ③連携リストの作成・配布
	NumberItem                     // 項目3　連携リストの作成・配布
	NumberNo                       // No.3 連携リストの作成・配布
)

// Numberings lists every style, for choosing one.
var Numberings = []Numbering{NumberNone, NumberWide, NumberSpace, NumberDot, NumberParen, NumberCircled, NumberItem, NumberNo}

// Label numbers a text as item no.
func (n Numbering) Label(no int, text string) string {
	digits := strconv.Itoa(no)
	switch n {
	case NumberWide:
		return width.Widen.String(digits) + "　" + text
	case NumberSpace:
		return digits + " " + text
	case NumberDot:
		return digits + "." + text
	case NumberParen:
		return "(" + digits + ")" + text
	case NumberCircled:
		return string(rune('①'+no-1)) + text
	case NumberItem:
		return "項目" + digits + "　" + text
	case NumberNo:
		return "No." + digits + " " + text
	}
	return text
}

// A NoteStyle is how an item's label carries the survey's remark on it
// (事業開始時からの取組を含む).
type NoteStyle uint8

// The ways of writing an item's remark.
const (
	NoteNone    NoteStyle = iota // the label alone
	NoteAfter                    // 研修等（連携会議とは別に実施）
	NoteNewLine                  // 研修等⏎（連携会議とは別に実施）
)

// ItemLabel writes item d's label: its words (0 the survey's label, n its
// nth alias, the label when it has fewer), its remark as note says (an
// alias is written without it), numbered as n says.
func ItemLabel(d perinet.ItemDef, words int, note NoteStyle, n Numbering) string {
	text := d.Label
	if words > 0 && len(d.Aliases) > 0 {
		text = d.Aliases[(words-1)%len(d.Aliases)]
		note = NoteNone
	}
	if d.Note != "" {
		switch note {
		case NoteAfter:
			text += "（" + d.Note + "）"
		case NoteNewLine:
			text += "\n（" + d.Note + "）"
		}
	}
	return n.Label(d.No, text)
}

// PrintedLabel writes item d's label as perinet's own forms and report
// print it: the survey's label numbered in full width, its remark on a
// line of its own (７　研修等⏎（連携会議とは別に実施）).
func PrintedLabel(d perinet.ItemDef) string {
	return ItemLabel(d, 0, NoteNewLine, NumberWide)
}

// Wrap breaks a label into two lines near its middle, as a narrow column
// wraps it by hand (地域連携⏎会議の運営等); a label of fewer than six
// characters, or with a line break, is left as it is.
func Wrap(label string) string {
	runes := []rune(label)
	if len(runes) < 6 || strings.Contains(label, "\n") {
		return label
	}
	mid := len(runes) / 2
	return string(runes[:mid]) + "\n" + string(runes[mid:])
}

// Words returns the survey's words (its labels, which the reader reads
// too) for what a label or a heading names, the template's first: for a
// group field its label's (ブロック名, ブロック, 圏域…); for Item, the
// heading's of a part of an item's answer (sub Mark or Any: 実施の有無…,
// Count: 配布先（施設数）…, Details: 具体的内容…); for NoField, the
// heading's over the items' labels (項目). An item's own words for its
// parts (リストの有無) are its Columns.
func Words(s *perinet.Survey, f Field, sub Sub) []string {
	lb := s.Labels
	switch f {
	case FiscalYear:
		return lb.FiscalYear
	case Block:
		return lb.Block
	case Tier:
		return lb.Tier
	case Hospital:
		return lb.Hospital
	case Started:
		return lb.Started
	case Item:
		switch sub {
		case Count:
			return lb.Count
		case Details:
			return lb.Details
		}
		return lb.Mark
	}
	return lb.Item
}

// Label returns the template's word for what Words names (ブロック名,
// 配布先（施設数）, 項目), or "" when the survey has none.
func Label(s *perinet.Survey, f Field, sub Sub) string {
	if w := Words(s, f, sub); len(w) > 0 {
		return w[0]
	}
	return ""
}
