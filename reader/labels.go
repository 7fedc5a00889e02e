package reader

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"perinet"
	"perinet/normalize"
)

// A field is what a heading introduces.
type field uint8

const (
	fieldNone       field = iota
	fieldFiscalYear       // 年度
	fieldBlock            // ブロック名
	fieldTier             // 区分
	fieldHospital         // 委託病院
	fieldStarted          // 開始年月
	fieldItems            // 項目: the heading of the item labels
	fieldMark             // 実施の有無: an item's mark
	fieldCount            // 配布先: the counted item's facility count
	fieldDetails          // 具体的内容: an item's free text
	fieldFurniture        // 記入者, 連絡先, 備考: read into no field
)

// isSub reports whether f is one of an item's sub-fields.
func (f field) isSub() bool { return f >= fieldMark && f <= fieldDetails }

// isGroup reports whether f is one of a group's own fields.
func (f field) isGroup() bool { return f >= fieldBlock && f <= fieldStarted }

var fieldNames = [...]string{"", "fiscal_year", "block", "tier", "hospital", "started", "items", "mark", "count", "details", "furniture"}

// String names a field, for a debugging session.
func (f field) String() string { return fieldNames[f] }

// A match says how a heading was recognized, for the Record's source.
type match uint8

const (
	matchNone    match = iota
	matchLabel         // the survey's own wording
	matchSynonym       // a paraphrase the survey lists
	matchNumber        // its number, the words unlike any label
	matchSimilar       // its words, scored against the labels
)

var matchNames = [...]string{matchLabel: "label", matchSynonym: "synonym", matchNumber: "number", matchSimilar: "similar"}

func (m match) String() string { return matchNames[m] }

// A heading is what a cell means as a heading: a field, or an item with
// perhaps one of its sub-fields (3 配布先).
type heading struct {
	field field // the field; fieldNone for an item's heading
	item  int   // the item's number, for an item's heading
	sub   field // an item heading's sub-field, for a compound heading
	match match
	score float64 // matchSimilar's score, from 0 to 1
}

func (h heading) isItem() bool { return h.item > 0 }

// labels recognizes the headings of a form by their meaning: the survey's
// wording and its paraphrases (survey.json), an item's number in any
// numbering style, compound headings of an item and a sub-field, and, for
// headings in the place of one, words like a label's.
type labels struct {
	fields   map[string]heading // a field heading's key → heading
	items    map[string]heading // an item label's key (with or without its note) → heading
	byNo     map[int][]string   // item number → the keys of its label and paraphrases
	subs     []phrase           // sub-field headings, longest first, for compound headings
	phrases  []phrase           // every item label and paraphrase, for similarity
	instruct []string           // keys of the headings of instructions (記入要領)
	example  []string           // keys of the words that mark an example (記入例)
	nItems   int                // the highest item number of any year
}

// A phrase is a heading's key and its character bigrams.
type phrase struct {
	key   string
	head  heading
	grams map[string]bool
}

func newLabels(s *perinet.Survey) *labels {
	l := &labels{fields: map[string]heading{}, items: map[string]heading{}, byNo: map[int][]string{}}
	lb := s.Labels
	for _, fw := range []struct {
		f     field
		words []string
	}{
		{fieldFiscalYear, lb.FiscalYear}, {fieldBlock, lb.Block}, {fieldTier, lb.Tier}, {fieldHospital, lb.Hospital},
		{fieldStarted, lb.Started}, {fieldItems, lb.Item}, {fieldMark, lb.Mark}, {fieldCount, lb.Count},
		{fieldDetails, lb.Details}, {fieldFurniture, lb.Furniture},
	} {
		for i, w := range fw.words {
			h := heading{field: fw.f, match: matchSynonym}
			if i == 0 {
				h.match = matchLabel
			}
			k := normalize.Key(w)
			if _, dup := l.fields[k]; !dup {
				l.fields[k] = h
			}
			if fw.f.isSub() {
				l.subs = append(l.subs, phrase{key: k, head: h})
			}
		}
	}
	for _, it := range s.Items {
		l.nItems = max(l.nItems, it.No)
		add := func(text string, m match) {
			k := normalize.Key(text)
			h := heading{item: it.No, match: m}
			if _, dup := l.items[k]; !dup {
				l.items[k] = h
			}
			if it.Note != "" {
				if _, dup := l.items[k+normalize.Key(it.Note)]; !dup {
					l.items[k+normalize.Key(it.Note)] = h
				}
			}
			l.byNo[it.No] = append(l.byNo[it.No], k)
			l.phrases = append(l.phrases, phrase{key: k, head: h, grams: bigrams(k)})
		}
		add(it.Label, matchLabel)
		for _, a := range it.Aliases {
			add(a, matchSynonym)
		}
	}
	// Longest first, so that 配布先施設数 is cut from a compound heading
	// before 施設数.
	for i := 1; i < len(l.subs); i++ {
		for j := i; j > 0 && len(l.subs[j].key) > len(l.subs[j-1].key); j-- {
			l.subs[j], l.subs[j-1] = l.subs[j-1], l.subs[j]
		}
	}
	for _, w := range lb.Instructions {
		l.instruct = append(l.instruct, normalize.Key(w))
	}
	for _, w := range lb.Example {
		l.example = append(l.example, normalize.Key(w))
	}
	return l
}

// strict returns the heading that text is by the survey's words: a field
// heading, an item's label or paraphrase (with or without its number and
// note), an item label followed by words that merely continue it
// (８　その他（自由記載）), or a compound of an item and a sub-field (3 配布先,
// 項目3 配布先, 連携リストの作成・配布 配布先). It is safe anywhere on a
// sheet: it takes no text for a heading by likeness alone.
func (l *labels) strict(text string) (heading, bool) {
	k := normalize.Key(text)
	if k == "" || utf8.RuneCountInString(k) > 80 {
		return heading{}, false
	}
	if h, ok := l.fields[k]; ok {
		return h, true
	}
	if h, ok := l.items[k]; ok {
		return h, true
	}
	n, rest, marker := numbering(k)
	marker = marker || markedNumber(text)
	if n > 0 {
		if h, ok := l.items[rest]; ok {
			return h, true
		}
		if n <= l.nItems {
			for _, lk := range l.byNo[n] {
				tail, ok := strings.CutPrefix(rest, lk)
				if !ok || lk == "" {
					continue
				}
				if sub, ok := l.subField(strings.TrimLeft(tail, "-_/:.,、")); ok {
					return heading{item: n, sub: sub, match: matchLabel}, true
				}
				if isRemark(tail) {
					return heading{item: n, match: matchLabel}, true
				}
			}
			if rest == "" && marker {
				return heading{item: n, match: matchNumber}, true
			}
			if sub, ok := l.subField(rest); ok {
				return heading{item: n, sub: sub, match: matchNumber}, true
			}
		}
	}
	// An item's label with a sub-field after it, its number before it or not.
	body := k
	if n > 0 {
		body = rest
	}
	for _, s := range l.subs {
		head, ok := strings.CutSuffix(body, s.key)
		if !ok || head == "" {
			continue
		}
		head = strings.TrimRight(head, "-_/:.,、")
		if h, ok := l.items[head]; ok {
			h.sub = s.head.field
			return h, true
		}
	}
	return heading{}, false
}

// maxRemark is how long a remark after an item's label may be for the
// whole to be the item's heading (８　その他（自由記載）): longer, it is a
// sentence about the item, such as an instruction.
const maxRemark = 12

// isRemark reports whether the key of what follows an item's label can be
// a remark on it: short, and not an explanation after a colon.
func isRemark(tail string) bool {
	return !strings.HasPrefix(tail, ":") && utf8.RuneCountInString(tail) <= maxRemark
}

// isRemarkLength reports whether words after an item's number can be its
// heading in other words: a phrase, not a sentence.
func isRemarkLength(rest string) bool {
	return utf8.RuneCountInString(rest) <= 30 && !strings.ContainsAny(rest, ":。")
}

// loose returns the heading that text is where a heading is expected (in
// the row or column of the item headings): strict's, else an item by its
// number whatever its words, else the item whose label or paraphrase the
// words are most like.
func (l *labels) loose(text string) (heading, bool) {
	if h, ok := l.strict(text); ok {
		return h, true
	}
	k := normalize.Key(text)
	if k == "" || utf8.RuneCountInString(k) > 80 {
		return heading{}, false
	}
	n, rest, marker := numbering(k)
	marker = marker || markedNumber(text)
	if n > 0 && n <= l.nItems && (rest != "" || marker) && isRemarkLength(rest) {
		return heading{item: n, match: matchNumber}, true
	}
	if h, ok := l.similar(k); ok {
		return h, true
	}
	return heading{}, false
}

// similarMin is the bigram likeness from which words are taken for an
// item's label; similarMargin is how much closer they must be to it than to
// any other item's.
const (
	similarMin    = 0.5
	similarMargin = 0.15
)

// similar returns the item whose label or paraphrase key k is most like,
// by the Dice coefficient of their character bigrams.
func (l *labels) similar(k string) (heading, bool) {
	g := bigrams(k)
	if len(g) < 2 {
		return heading{}, false
	}
	best := map[int]float64{}
	for _, p := range l.phrases {
		common := 0
		for b := range g {
			if p.grams[b] {
				common++
			}
		}
		score := 2 * float64(common) / float64(len(g)+len(p.grams))
		best[p.head.item] = max(best[p.head.item], score)
	}
	first, second, item := 0.0, 0.0, 0
	for no, s := range best {
		switch {
		case s > first:
			first, second, item = s, first, no
		case s > second:
			second = s
		}
	}
	if first < similarMin || first-second < similarMargin {
		return heading{}, false
	}
	return heading{item: item, match: matchSimilar, score: first}, true
}

// bigrams returns the set of pairs of consecutive characters of k.
func bigrams(k string) map[string]bool {
	rs := []rune(k)
	g := make(map[string]bool, len(rs))
	for i := 0; i+1 < len(rs); i++ {
		g[string(rs[i:i+2])] = true
	}
	return g
}

// subField returns the sub-field that k names: 実施の有無, 配布先, 具体的内容.
func (l *labels) subField(k string) (field, bool) {
	if h, ok := l.fields[k]; ok && h.field.isSub() {
		return h.field, true
	}
	return fieldNone, false
}

// isInstructions reports whether text heads a form's instructions
// (【記入要領】, 記入上の注意).
func (l *labels) isInstructions(text string) bool {
	k := normalize.Key(text)
	for _, w := range l.instruct {
		if k == w || strings.TrimRight(k, ":") == w {
			return true
		}
	}
	return false
}

// isFurniture reports whether text is furniture by itself: a note, an
// instruction, a page's number, or a furniture label with its value in one
// cell (記入者：山田).
func (l *labels) isFurniture(text string) bool {
	return isNote(text) || isPageNumber(text) || l.isFurnitureLine(text)
}

// isFurnitureLine reports whether text is a furniture label and its value
// in one cell: 記入者：山田, 連絡先:03-1234-5678.
func (l *labels) isFurnitureLine(text string) bool {
	k := normalize.Key(text)
	label, _, ok := strings.Cut(k, ":")
	if !ok {
		return false
	}
	h, found := l.fields[label]
	return found && h.field == fieldFurniture
}

// isExample reports whether a sheet's name or title says it is an example
// of how to fill in the form (記入例, 見本, sample).
func (l *labels) isExample(text string) bool {
	k := normalize.Key(text)
	for _, w := range l.example {
		if w == "例" {
			if k == w {
				return true
			}
			continue
		}
		if strings.Contains(k, strings.ToUpper(w)) {
			return true
		}
	}
	return false
}

// numbering splits the number that leads a heading's key from the rest, in
// the styles people number items: 3, 3., 3), (3) and ③ (which the key
// folds to 3), No.3, 項目3, 問3, Q3, 第3, and the kanji numerals 一 to 十
// followed by a separator. marker reports a style that says "this is a
// number" by itself (No., 項目, a bracket, a circle), so that the number
// alone can be a heading. It returns 0 when there is none.
func numbering(k string) (n int, rest string, marker bool) {
	s := k
	for _, p := range []string{"NO.", "NO", "№", "項目", "問", "Q", "第"} {
		if r, ok := strings.CutPrefix(s, p); ok && r != "" && isDigit(r[0]) {
			s, marker = r, true
			break
		}
	}
	d := 0
	for d < len(s) && d < 3 && isDigit(s[d]) {
		d++
	}
	if d == 0 || d > 2 {
		return kanjiNumbering(k)
	}
	n, _ = strconv.Atoi(s[:d])
	rest = s[d:]
	if r, ok := strings.CutPrefix(rest, "項"); ok && marker {
		rest = r
	}
	trimmed := strings.TrimLeft(rest, ".、,:)-_")
	if trimmed != "" && isDigit(trimmed[0]) {
		return 0, k, false // 3-1, 3.5: no item's number
	}
	return n, trimmed, marker
}

// kanjiNumbering reads 一 to 十 followed by a separator (三、連携リスト): a
// kanji numeral alone may begin a word (三角).
func kanjiNumbering(k string) (int, string, bool) {
	r, size := utf8.DecodeRuneInString(k)
	i := strings.IndexRune("一二三四五六七八九十", r)
	if i < 0 || size == len(k) {
		return 0, k, false
	}
	rest := strings.TrimLeft(k[size:], ".、,:)-_")
	if len(rest) == len(k[size:]) {
		return 0, k, false
	}
	return i/3 + 1, rest, false
}

// markedNumber reports whether text starts with a number in brackets or in
// a circle ((3), （３）, ③, ⑶), which the key folds to a bare 3. Circles are
// looked for as written, since the normal form writes ③ as 3; brackets in
// the normal form, which writes （３） and ⑶ as (3).
func markedNumber(text string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimSpace(text))
	if r >= '①' && r <= '⑳' || r >= '❶' && r <= '❿' || r >= '➀' && r <= '➓' {
		return true
	}
	s := normalize.Clean(text)
	open, size := utf8.DecodeRuneInString(s)
	return strings.ContainsRune("([【〔<〈", open) && size < len(s) && isDigit(s[size])
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }
