package reader_test

// The cell kinds and plausible changes of the silent-loss test
// (silentloss_test.go): what a cell of a form holds, recognised from its
// text with the value parsers and the survey, and another value of the
// same kind that a hospital could have written instead.

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"perinet"
	"perinet/normalize"
)

// A kind is what a cell of a form holds, as far as its text tells.
type kind string

// The kinds of cell. Value kinds (mark … fiscal year) are what a reader
// must read or report; headings and item labels are the form's structure;
// the title and furniture are what a reader may pass over.
const (
	kindMark       kind = "mark"        // ○ × △ and their variants
	kindDate       kind = "date"        // 開始年月: era or Gregorian text, or a date cell
	kindCount      kind = "count"       // 103施設
	kindBlock      kind = "block"       // a known group name
	kindHospital   kind = "hospital"    // a known hospital name
	kindTier       kind = "tier"        // ネットワークグループ, サブグループ
	kindFiscalYear kind = "fiscal-year" // 平成28年度（2016年度）, or a title holding one
	kindHeading    kind = "heading"     // one of the survey's field labels: ブロック名, 実施の有無…
	kindItemLabel  kind = "item-label"  // one of the survey's item labels, numbered or not
	kindTitle      kind = "title"       // the form's title, with no fiscal year in it
	kindFurniture  kind = "furniture"   // a note (※, 注), instructions, 記入者/記入日/連絡先 and their values, a PDF page number
	kindFreeText   kind = "free-text"   // anything else: details, a note in place of a count…
)

// isValue reports whether a cell of kind k holds a value that a reader
// must read into a field or report: it may never come back unchanged.
func (k kind) isValue() bool {
	switch k {
	case kindMark, kindDate, kindCount, kindBlock, kindHospital, kindTier, kindFiscalYear:
		return true
	}
	return false
}

// testText is the neutral, value-looking text that a free-text cell is
// changed to: no furniture, so a reader must read it or report it.
const testText = "テスト研修会"

// surveyTitle is the start of every title the programme's forms carry.
const surveyTitle = "周産期医療ネットワークグループ事業"

// preferredSynonym names, for a field label, the synonym of the survey's
// list that the test writes in its place, where the list's next word
// would be a narrower heading (実施の有無 → リストの有無).
var preferredSynonym = map[string]string{
	"実施の有無": "実施状況",
	"具体的内容": "取組内容",
}

// A cellKinds recognises the kind of a cell and makes its plausible
// changes, for one survey, as of one day.
type cellKinds struct {
	survey *perinet.Survey
	names  *normalize.Names
	today  time.Time
	// labels maps the key of every field label to its list of synonyms.
	labels map[string][]string
	// tiers maps the key of every tier word to its tier.
	tiers map[string]perinet.Tier
}

// newCellKinds indexes the survey's labels, names and tier words.
func newCellKinds(s *perinet.Survey, today time.Time) (*cellKinds, error) {
	names, err := normalize.NewNames(s)
	if err != nil {
		return nil, err
	}
	k := &cellKinds{survey: s, names: names, today: today, labels: map[string][]string{}, tiers: map[string]perinet.Tier{}}
	for _, list := range [][]string{s.Labels.FiscalYear, s.Labels.Block, s.Labels.Tier, s.Labels.Hospital, s.Labels.Started,
		s.Labels.Item, s.Labels.Mark, s.Labels.Count, s.Labels.Details} {
		for _, w := range list {
			k.labels[normalize.Key(w)] = list
		}
	}
	for t, words := range s.Tiers {
		for _, w := range words {
			k.tiers[normalize.Key(w)] = t
		}
	}
	return k, nil
}

// allDigits matches a text that is a bare number, which may be a count,
// a year or a date serial: only a field's source tells which.
var allDigits = regexp.MustCompile(`^[0-9０-９]+$`)

// pageNumber matches the page number a PDF page carries in its footer.
var pageNumber = regexp.MustCompile(`^\s*[0-9]+\s*/\s*[0-9]+\s*$`)

// contactLabels start the labels of the form's furniture: who filled it
// in, when, and how to reach them.
var contactLabels = []string{"記入者", "記入日", "連絡先", "担当者", "電話", "メール"}

// isContactLabel reports whether text is a label of who filled the form in.
func isContactLabel(text string) bool {
	k := normalize.Key(text)
	for _, l := range contactLabels {
		if strings.HasPrefix(k, l) {
			return true
		}
	}
	return false
}

// isFurnitureText reports whether text is furniture by its text alone: a
// note (※, 注), instructions, a contact label, or, in a PDF, a page number.
func isFurnitureText(text, format string) bool {
	t := strings.TrimSpace(normalize.Clean(text))
	switch {
	case strings.HasPrefix(t, "※"), strings.HasPrefix(t, "注"):
		return true
	case t == "記", t == "以上": // a letter's frame of its list
		return true
	case strings.HasPrefix(t, "記入要領"), strings.HasPrefix(t, "記入上の注意"), strings.HasPrefix(t, "記入方法"),
		strings.HasPrefix(t, "記入例"), strings.Contains(t, "ください"):
		return true
	case isContactLabel(t):
		return true
	case format == "pdf" && pageNumber.MatchString(t):
		return true
	}
	return false
}

// isTitle reports whether text is a title of the programme's forms.
func isTitle(text string) bool {
	k := normalize.Key(text)
	return strings.Contains(k, normalize.Key(surveyTitle)) || strings.HasSuffix(k, "調査票")
}

// fiscalYearOf finds a fiscal year in text: the whole text (平成28年度, or
// 2016 when hinted), or the longest run ending at a 年度 in a title
// (…取組状況（平成28年度）).
func (k *cellKinds) fiscalYearOf(text string, hinted bool) (int, bool) {
	if fy, p := normalize.FiscalYear(text, k.today); p == nil && (hinted || strings.Contains(text, "年度")) {
		return fy, true
	}
	for i := 0; ; {
		j := strings.Index(text[i:], "年度")
		if j < 0 {
			return 0, false
		}
		head := text[:i+j+len("年度")]
		for n := 12; n >= 3; n-- {
			if fy, p := normalize.FiscalYear(lastRunes(head, n), k.today); p == nil {
				return fy, true
			}
		}
		i += j + len("年度")
	}
}

// lastRunes returns the last n runes of s.
func lastRunes(s string, n int) string {
	i := len(s)
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

// numbering matches the number before an item label: １　, 1., 1．, (1), （１）.
var numbering = regexp.MustCompile(`^[\s　]*(?:([（(])([0-9０-９]{1,2})[）)]|([0-9０-９]{1,2})[\s　]*([.．、:：]?))[\s　]*`)

// itemLabel reads text as an item's label: the survey's label, with or
// without its note, with or without a number before it; a numbered label
// may go on after the survey's words (８　その他（自由記載）). It returns
// the item's number, the numbering style ("" none, "paren", "dot",
// "space") and the text after the number.
func (k *cellKinds) itemLabel(text string) (no int, style, rest string, ok bool) {
	rest = text
	numbered := 0
	if m := numbering.FindStringSubmatchIndex(text); m != nil && m[1] < len(text) {
		digits := ""
		switch {
		case m[2] >= 0:
			style, digits = "paren", text[m[4]:m[5]]
		default:
			digits = text[m[6]:m[7]]
			style = "space"
			if m[9] > m[8] {
				style = "dot"
			}
		}
		numbered, _ = strconv.Atoi(normalize.Clean(digits))
		rest = text[m[1]:]
	}
	key := normalize.Key(rest)
	for _, it := range k.survey.Items {
		label := normalize.Key(it.Label)
		if key == label || key == label+normalize.Key(it.Note) || (numbered == it.No && strings.HasPrefix(key, label)) {
			return it.No, style, rest, true
		}
	}
	return 0, "", "", false
}

// kindOf tells the kind of a cell from its text (and its date), with the
// field that the baseline read from it, if any, as a hint where the text
// alone is ambiguous (a bare number may be a count, a year or a serial).
// furniture says that the cell is the value of a contact label.
func (k *cellKinds) kindOf(c perinet.Cell, hint, format string, furniture bool) kind {
	text := c.Text
	if c.Date != nil {
		return kindDate
	}
	if furniture && hint == "" {
		return kindFurniture
	}
	// A cell the baseline read a field from is that field's value, even
	// when its text is a heading too (実施 is a mark and a heading).
	if _, ok := k.labels[normalize.Key(text)]; ok && hint == "" {
		return kindHeading
	}
	if _, _, _, ok := k.itemLabel(text); ok && hint == "" {
		return kindItemLabel
	}
	base := hint
	if i := strings.LastIndex(hint, "."); strings.HasPrefix(hint, "items.") && i > len("items.") {
		base = hint[i+1:]
	} else if strings.HasPrefix(hint, "items.") {
		base = "mark"
	}
	switch base {
	case "started":
		if _, p := normalize.EraDate(text, k.today); p == nil {
			return kindDate
		}
	case "fiscal_year":
		if _, ok := k.fiscalYearOf(text, true); ok {
			return kindFiscalYear
		}
	case "distributed_to":
		if n, p := normalize.Count(text); p == nil && n.N != nil {
			return kindCount
		}
		return kindFreeText
	case "details":
		return kindFreeText
	}
	if m, p := normalize.Mark(text); p == nil && m != perinet.Blank {
		return kindMark
	}
	if base == "mark" {
		return kindFreeText // text in the mark cell of a free-text item
	}
	if _, ok := k.fiscalYearOf(text, false); ok {
		return kindFiscalYear
	}
	if _, p := normalize.EraDate(text, k.today); p == nil && !allDigits.MatchString(text) {
		return kindDate
	}
	if n, p := normalize.Count(text); p == nil && n.N != nil {
		return kindCount
	}
	if _, p := k.names.Block(text); p == nil {
		return kindBlock
	}
	if _, p := k.names.Hospital(text); p == nil {
		return kindHospital
	}
	if _, ok := k.tiers[normalize.Key(text)]; ok {
		return kindTier
	}
	if isFurnitureText(text, format) {
		return kindFurniture
	}
	if isTitle(text) {
		return kindTitle
	}
	return kindFreeText
}

// A change is a new content for a cell, and what it is, for messages.
type change struct {
	text string
	date *perinet.DateCell
	desc string
}

// fileNames are the groups and hospitals a file names anywhere, so that a
// changed name is one the file does not otherwise hold.
type fileNames struct {
	blocks, hospitals map[string]bool
}

// namesIn collects the canonical groups and hospitals that a Grid names.
func (k *cellKinds) namesIn(g *perinet.Grid) fileNames {
	f := fileNames{blocks: map[string]bool{}, hospitals: map[string]bool{}}
	for _, sh := range g.Sheets {
		for _, row := range sh.Rows {
			for _, c := range row {
				if c.Text == "" {
					continue
				}
				if b, p := k.names.Block(c.Text); p == nil {
					f.blocks[b.Name] = true
				}
				if h, p := k.names.Hospital(c.Text); p == nil {
					f.hospitals[h] = true
				}
			}
		}
	}
	return f
}

// changeOf returns another plausible value of the cell's kind: a mark
// for a mark, another past date in the same notation for a date, another
// count, another known group or hospital not otherwise in the file, the
// other tier, the same text with another fiscal year, a synonym for a
// heading, another numbering for an item label, furniture that stays
// furniture, and testText for a title or free text.
func (k *cellKinds) changeOf(c perinet.Cell, kd kind, in fileNames) change {
	text := c.Text
	switch kd {
	case kindMark:
		if m, _ := normalize.Mark(text); m == perinet.Yes {
			return change{text: "×", desc: "mark → ×"}
		}
		return change{text: "○", desc: "mark → ○"}
	case kindDate:
		if c.Date != nil {
			return k.changeSerial(c)
		}
		if ch, ok := k.changeDateText(text); ok {
			return ch
		}
	case kindCount:
		if ch, ok := changeCount(text); ok {
			return ch
		}
	case kindBlock:
		if ch, ok := k.changeBlock(text, in); ok {
			return ch
		}
	case kindHospital:
		if ch, ok := k.changeHospital(text, in); ok {
			return ch
		}
	case kindTier:
		t := k.tiers[normalize.Key(text)]
		other := perinet.Subgroup
		if t == perinet.Subgroup {
			other = perinet.Network
		}
		w := k.survey.TierName(other)
		return change{text: w, desc: "tier → " + w}
	case kindFiscalYear:
		if ch, ok := k.changeFiscalYear(text); ok {
			return ch
		}
	case kindHeading:
		if ch, ok := k.synonym(text); ok {
			return ch
		}
	case kindItemLabel:
		if ch, ok := k.renumber(text); ok {
			return ch
		}
	case kindFurniture:
		if pageNumber.MatchString(text) {
			page, _, _ := strings.Cut(text, "/")
			t := strings.TrimSpace(page) + " / 99"
			return change{text: t, desc: "page number → " + t}
		}
		return change{text: text + "（テスト）", desc: "furniture + （テスト）"}
	}
	return change{text: testText, desc: "text → " + testText}
}

// changeSerial moves a date cell 396 days back: another month of another
// year, in the same number format.
func (k *cellKinds) changeSerial(c perinet.Cell) change {
	d := *c.Date
	d.Serial -= 396
	t := strconv.FormatFloat(d.Serial, 'f', -1, 64)
	return change{text: t, date: &d, desc: "date serial → " + t}
}

// digitRun is a run of ASCII or full-width digits in a text.
var digitRun = regexp.MustCompile(`[0-9]+|[０-９]+`)

// withNumber returns text with the digit run at loc replaced by n, written
// in the run's width.
func withNumber(text string, loc []int, n int) string {
	s := strconv.Itoa(n)
	if r, _ := utf8.DecodeRuneInString(text[loc[0]:]); r >= '０' && r <= '９' {
		s = fullWidth(n)
	}
	return text[:loc[0]] + s + text[loc[1]:]
}

// changeDateText writes another valid past date in the notation of text:
// the last number that can move (the month, or the day) one up or down.
func (k *cellKinds) changeDateText(text string) (change, bool) {
	d0, _ := normalize.EraDate(text, k.today)
	runs := digitRun.FindAllStringIndex(text, -1)
	for i := len(runs) - 1; i >= 0; i-- {
		v, _ := strconv.Atoi(normalize.Clean(text[runs[i][0]:runs[i][1]]))
		for _, n := range []int{v + 1, v - 1} {
			t := withNumber(text, runs[i], n)
			if d, p := normalize.EraDate(t, k.today); p == nil && d != d0 {
				return change{text: t, desc: "date → " + t}, true
			}
		}
	}
	return change{}, false
}

// changeCount adds 7 to the count in text, in its notation.
func changeCount(text string) (change, bool) {
	n0, _ := normalize.Count(text)
	runs := digitRun.FindAllStringIndex(text, -1)
	if n0.N == nil || len(runs) == 0 {
		return change{}, false
	}
	last := runs[len(runs)-1]
	v, _ := strconv.Atoi(normalize.Clean(text[last[0]:last[1]]))
	t := withNumber(text, last, v+7)
	if n, p := normalize.Count(t); p != nil || n.N == nil || *n.N == *n0.N {
		return change{}, false
	}
	return change{text: t, desc: "count → " + t}, true
}

// changeBlock names the first group of the survey that the file does not
// otherwise name.
func (k *cellKinds) changeBlock(text string, in fileNames) (change, bool) {
	b0, _ := k.names.Block(text)
	for _, b := range k.survey.Blocks {
		if b.Name != b0.Name && !in.blocks[b.Name] {
			return change{text: b.Name, desc: "block → " + b.Name}, true
		}
	}
	return change{}, false
}

// changeHospital names another hospital, one the file does not name when
// there is one, written in full when text is, else by its first alias.
func (k *cellKinds) changeHospital(text string, in fileNames) (change, bool) {
	h0, _ := k.names.Hospital(text)
	full := normalize.Key(text) == normalize.Key(h0)
	var other []perinet.Hospital
	for _, h := range k.survey.Hospitals {
		if h.Name != h0 {
			other = append(other, h)
		}
	}
	slices.SortStableFunc(other, func(a, b perinet.Hospital) int {
		switch {
		case !in.hospitals[a.Name] && in.hospitals[b.Name]:
			return -1
		case in.hospitals[a.Name] && !in.hospitals[b.Name]:
			return 1
		}
		return 0
	})
	if len(other) == 0 {
		return change{}, false
	}
	h := other[0]
	t := h.Name
	if !full && len(h.Aliases) > 0 {
		t = h.Aliases[0]
	}
	return change{text: t, desc: "hospital → " + t}, true
}

// changeFiscalYear writes the text with the fiscal year before its own,
// every number of the year changed (平成28年度（2016年度） → 平成27年度（2015年度）).
func (k *cellKinds) changeFiscalYear(text string) (change, bool) {
	fy, ok := k.fiscalYearOf(text, true)
	if !ok {
		return change{}, false
	}
	eraYear := func(fy int) int {
		n, _ := strconv.Atoi(strings.Trim(digitRun.FindString(normalize.EraFiscalYear(fy)), " "))
		return n
	}
	from := map[int]int{fy: fy - 1}
	if e := eraYear(fy); e > 0 && eraYear(fy-1) > 0 {
		from[e] = eraYear(fy - 1)
	}
	t := digitRun.ReplaceAllStringFunc(text, func(run string) string {
		v, _ := strconv.Atoi(normalize.Clean(run))
		if n, ok := from[v]; ok {
			return withNumber(run, []int{0, len(run)}, n)
		}
		return run
	})
	if got, ok := k.fiscalYearOf(t, true); !ok || got != fy-1 {
		return change{}, false
	}
	return change{text: t, desc: "fiscal year → " + t}, true
}

// synonym returns another heading of the same field from the survey's
// labels: the preferred one, or the next one in the list with another key.
func (k *cellKinds) synonym(text string) (change, bool) {
	key := normalize.Key(text)
	list := k.labels[key]
	for _, w := range list {
		if normalize.Key(w) == key {
			if s, ok := preferredSynonym[w]; ok && slices.Contains(list, s) {
				return change{text: s, desc: "heading → " + s}, true
			}
		}
	}
	i := slices.IndexFunc(list, func(w string) bool { return normalize.Key(w) == key })
	for n := 1; n < len(list); n++ {
		if w := list[(i+n)%len(list)]; normalize.Key(w) != key {
			return change{text: w, desc: "heading → " + w}, true
		}
	}
	return change{}, false
}

// renumber writes an item label with another numbering style: １　 → 1.
// → （1） → １　, and a label without a number gets one (1.).
func (k *cellKinds) renumber(text string) (change, bool) {
	no, style, rest, ok := k.itemLabel(text)
	if !ok {
		return change{}, false
	}
	var t string
	switch style {
	case "space":
		t = fmt.Sprintf("%d.%s", no, rest)
	case "dot":
		t = fmt.Sprintf("（%d）%s", no, rest)
	case "paren":
		t = fullWidth(no) + "　" + rest
	default: // no number yet
		t = fmt.Sprintf("%d.%s", no, rest)
	}
	return change{text: t, desc: "item label → " + t}, true
}

// fullWidth writes n in full-width digits.
func fullWidth(n int) string {
	return strings.Map(func(r rune) rune { return r - '0' + '０' }, strconv.Itoa(n))
}

func TestCellKind(t *testing.T) {
	kinds, _ := newJudge(t)
	serial := &perinet.DateCell{Serial: 40210}
	tests := []struct {
		text      string
		date      *perinet.DateCell
		hint      string
		format    string
		furniture bool
		want      kind
	}{
		{text: "○", want: kindMark},
		{text: "〇", want: kindMark},
		{text: "×", want: kindMark},
		{text: "実施", want: kindHeading},               // a heading the survey lists (実施の有無's synonym)…
		{text: "実施", hint: "items.1", want: kindMark}, // …and a mark where a mark was read
		{text: "○", hint: "items.8", want: kindMark},
		{text: "SNSの整備", hint: "items.8", want: kindFreeText},
		{text: "H22年2月", want: kindDate},
		{text: "Ｈ20年8月", want: kindDate},
		{text: "平成21年12月", want: kindDate},
		{text: "40210", date: serial, hint: "started", want: kindDate},
		{text: "40210", hint: "started", want: kindDate},
		{text: "40210", want: kindCount},
		{text: "103施設", want: kindCount},
		{text: "１５８施設", hint: "items.3.distributed_to", want: kindCount},
		{text: "多摩地域全体分を杏林大が集約・配付", hint: "items.3.distributed_to", want: kindFreeText},
		{text: "2016", hint: "fiscal_year", want: kindFiscalYear},
		{text: "2016", want: kindCount},
		{text: "平成28年度（2016年度）", want: kindFiscalYear},
		{text: "周産期医療ネットワークグループ事業 実施状況\u3000各グループの取組状況（平成28年度）", want: kindFiscalYear},
		{text: "周産期医療ネットワークグループ事業 取組状況調査票", want: kindTitle},
		{text: "区中央部", want: kindBlock},
		{text: "南多摩(町田市除く)", want: kindBlock},
		{text: "愛育", want: kindHospital},
		{text: "東京都立墨東病院", want: kindHospital},
		{text: "ネットワークグループ", want: kindTier},
		{text: "サブグループ", want: kindTier},
		{text: "ブロック名", want: kindHeading},
		{text: "実施状況", want: kindHeading},
		{text: "配布先（施設数）", want: kindHeading},
		{text: "１\u3000地域連携会議の運営等", want: kindItemLabel},
		{text: "１\u3000地域連携\n会議の運営等", want: kindItemLabel},
		{text: "研修等（連携会議とは別に実施）", want: kindItemLabel},
		{text: "（３）連携リストの作成・配布", want: kindItemLabel},
		{text: "８\u3000その他（自由記載）", want: kindItemLabel},
		{text: "※昨年度と同じ", want: kindFurniture},
		{text: "注：数は概数", want: kindFurniture},
		{text: "記入要領：黄色の欄に記入してください。", want: kindFurniture},
		{text: "記入者", want: kindFurniture},
		{text: "山田太郎", furniture: true, want: kindFurniture},
		{text: "山田太郎", want: kindFreeText},
		{text: "3 / 7", format: "pdf", want: kindFurniture},
		{text: "3 / 7", format: "xlsx", want: kindFreeText},
		{text: "・NCPR講習会\n・ALSO", want: kindFreeText},
		{text: testText, want: kindFreeText},
	}
	for _, tt := range tests {
		c := perinet.Cell{Text: tt.text, Date: tt.date}
		if got := kinds.kindOf(c, tt.hint, tt.format, tt.furniture); got != tt.want {
			t.Errorf("kindOf(%q, date %v, hint %q, %s, furniture %v) = %s, want %s", tt.text, tt.date != nil, tt.hint, tt.format, tt.furniture, got, tt.want)
		}
	}
}

func TestItemLabel(t *testing.T) {
	kinds, _ := newJudge(t)
	tests := []struct {
		text        string
		no          int
		style, rest string
		ok          bool
	}{
		{"１\u3000地域連携会議の運営等", 1, "space", "地域連携会議の運営等", true},
		{"1.地域連携会議の運営等", 1, "dot", "地域連携会議の運営等", true},
		{"（２）各医療機関等の医療機能の把握", 2, "paren", "各医療機関等の医療機能の把握", true},
		{"連携リストの作成・配布", 3, "", "連携リストの作成・配布", true},
		{"７\u3000研修等\n（連携会議とは別に実施）", 7, "space", "研修等\n（連携会議とは別に実施）", true},
		{"８\u3000その他（自由記載）", 8, "space", "その他（自由記載）", true},
		{"その他（自由記載）", 0, "", "", false}, // without its number, the words after the label are not the label
		{"２\u3000事業内容", 0, "", "", false},
		{"項目１ 14/14", 0, "", "", false},
	}
	for _, tt := range tests {
		no, style, rest, ok := kinds.itemLabel(tt.text)
		if no != tt.no || style != tt.style || rest != tt.rest || ok != tt.ok {
			t.Errorf("itemLabel(%q) = %d, %q, %q, %v; want %d, %q, %q, %v", tt.text, no, style, rest, ok, tt.no, tt.style, tt.rest, tt.ok)
		}
	}
}

func TestChangeOf(t *testing.T) {
	kinds, _ := newJudge(t)
	in := fileNames{blocks: map[string]bool{"区中央部": true}, hospitals: map[string]bool{"愛育病院": true}}
	allBut := fileNames{blocks: map[string]bool{}, hospitals: map[string]bool{}}
	for _, b := range kinds.survey.Blocks {
		if b.Name != "島しょ" {
			allBut.blocks[b.Name] = true
		}
	}
	tests := []struct {
		text string
		date *perinet.DateCell
		kind kind
		in   fileNames
		want string
	}{
		{text: "○", kind: kindMark, want: "×"},
		{text: "〇", kind: kindMark, want: "×"},
		{text: "×", kind: kindMark, want: "○"},
		{text: "△", kind: kindMark, want: "○"},
		{text: "H22年2月", kind: kindDate, want: "H22年3月"},
		{text: "Ｈ20年12月", kind: kindDate, want: "Ｈ20年11月"},
		{text: "平成21年12月", kind: kindDate, want: "平成21年11月"},
		{text: "H31年4月", kind: kindDate, want: "H31年3月"}, // 平成31年5月 is no date
		{text: "2010/2", kind: kindDate, want: "2010/3"},
		{text: "40210", date: &perinet.DateCell{Serial: 40210}, kind: kindDate, want: "39814"},
		{text: "103施設", kind: kindCount, want: "110施設"},
		{text: "１０３施設", kind: kindCount, want: "１１０施設"},
		{text: "103", kind: kindCount, want: "110"},
		{text: "区中央部", kind: kindBlock, in: in, want: "区南部"},
		{text: "区西部", kind: kindBlock, in: allBut, want: "島しょ"},
		{text: "愛育", kind: kindHospital, in: in, want: "東邦大森"},
		{text: "愛育病院", kind: kindHospital, in: in, want: "東邦大学医療センター大森病院"},
		{text: "墨東", kind: kindHospital, in: in, want: "東邦大森"},
		{text: "ネットワークグループ", kind: kindTier, want: "サブグループ"},
		{text: "サブグループ", kind: kindTier, want: "ネットワークグループ"},
		{text: "平成28年度（2016年度）", kind: kindFiscalYear, want: "平成27年度（2015年度）"},
		{text: "H28年度", kind: kindFiscalYear, want: "H27年度"},
		{text: "各グループの取組状況（平成28年度）", kind: kindFiscalYear, want: "各グループの取組状況（平成27年度）"},
		{text: "実施の有無", kind: kindHeading, want: "実施状況"},
		{text: "具体的内容", kind: kindHeading, want: "取組内容"},
		{text: "ブロック名", kind: kindHeading, want: "ブロック"},
		{text: "配布先（施設数）", kind: kindHeading, want: "配布先"},
		{text: "リストの有無", kind: kindHeading, want: "有無"},
		{text: "１\u3000地域連携会議の運営等", kind: kindItemLabel, want: "1.地域連携会議の運営等"},
		{text: "1.地域連携会議の運営等", kind: kindItemLabel, want: "（1）地域連携会議の運営等"},
		{text: "（1）地域連携会議の運営等", kind: kindItemLabel, want: "１\u3000地域連携会議の運営等"},
		{text: "地域連携会議の運営等", kind: kindItemLabel, want: "1.地域連携会議の運営等"},
		{text: "※昨年度と同じ", kind: kindFurniture, want: "※昨年度と同じ（テスト）"},
		{text: "3 / 7", kind: kindFurniture, want: "3 / 99"},
		{text: "周産期医療ネットワークグループ事業 取組状況調査票", kind: kindTitle, want: testText},
		{text: "（連携会議で検討）", kind: kindFreeText, want: testText},
	}
	for _, tt := range tests {
		c := perinet.Cell{Text: tt.text, Date: tt.date}
		ch := kinds.changeOf(c, tt.kind, tt.in)
		if ch.text != tt.want {
			t.Errorf("changeOf(%q, %s) = %q (%s), want %q", tt.text, tt.kind, ch.text, ch.desc, tt.want)
			continue
		}
		if (ch.date != nil) != (tt.date != nil) {
			t.Errorf("changeOf(%q, %s): date cell %v, want %v", tt.text, tt.kind, ch.date != nil, tt.date != nil)
		}
		// A value changes to another value of its kind; a heading keeps
		// its meaning; an item label names the same item.
		hint := ""
		if tt.date != nil {
			hint = "started"
		}
		after := perinet.Cell{Text: ch.text, Date: ch.date}
		switch got := kinds.kindOf(after, hint, "pdf", false); {
		case tt.kind.isValue() && got != tt.kind:
			t.Errorf("changeOf(%q, %s) = %q, which is a %s", tt.text, tt.kind, ch.text, got)
		case tt.kind == kindHeading && !slices.Contains(kinds.labels[normalize.Key(tt.text)], ch.text):
			t.Errorf("changeOf(%q) = %q, not a synonym of the survey's", tt.text, ch.text)
		case tt.kind == kindItemLabel:
			n0, _, _, _ := kinds.itemLabel(tt.text)
			if n1, _, _, ok := kinds.itemLabel(ch.text); !ok || n1 != n0 {
				t.Errorf("changeOf(%q) = %q, item %d (%v), want item %d", tt.text, ch.text, n1, ok, n0)
			}
		}
	}
}
