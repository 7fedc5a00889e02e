package reader

import (
	"slices"
	"strconv"
	"strings"

	"perinet"
	"perinet/normalize"
)

// readSheet reads one sheet: the table of the survey, its groups and the
// slots of their fields, the fields written beside their labels, the
// fiscal year, and the accounting of every other cell. It returns nil when
// the sheet holds no survey, and itemsOnly when it lists the items without
// any group (a report's description or chart page).
func (r *Reader) readSheet(s *perinet.Sheet) (sr *sheetRead, itemsOnly bool) {
	sh := newSheet(s, r.labels)
	tables := r.findTables(sh)
	if len(tables) == 0 {
		return nil, false
	}
	instructions := r.instructionsRow(sh)
	sr = &sheetRead{sh: sh, tables: tables}
	labels := r.labelledFields(sh, tables, false)
	for _, t := range tables {
		t.bodyRows(instructions)
		sr.problems = append(sr.problems, r.findGroups(t)...)
		t.rowHeadings()
	}
	labels = append(labels, r.labelledFields(sh, tables, true)...)
	block := slices.IndexFunc(labels, func(lf labelled) bool { return lf.field == fieldBlock })
	named := slices.ContainsFunc(tables, func(t *table) bool { return len(t.groups) > 0 })
	if !named && block < 0 {
		return nil, true
	}
	only := onlyKey(tables)
	for _, t := range tables {
		if len(t.groups) == 0 && (!named || only != nil) {
			// The sheet's one group, named by a label or in another part
			// of the form.
			g := &group{key: only}
			for i := t.bottom + 1; i < t.end; i++ {
				g.rows = append(g.rows, i)
			}
			t.groups = []*group{g}
		}
		t.inheritRowHeadings()
		lines := t.lineKinds()
		for _, g := range t.groups {
			sr.addGroup(r.groupRead(t, g, lines))
		}
	}
	if len(sr.groups) == 1 {
		r.applyLabelled(&sr.groups[0], labels)
	}
	for _, gr := range sr.groups {
		gr.markRoles()
	}
	for _, t := range tables {
		t.markFurniture()
		t.markHeadings()
	}
	var p []perinet.Problem
	sr.fy, p = r.sheetYear(sh, r.surveyTop(tables, labels), labels)
	sr.problems = append(sr.problems, p...)
	sr.example = r.isExample(sr)
	sr.problems = append(sr.problems, r.account(sr, instructions)...)
	return sr, false
}

// onlyKey returns the cell naming the sheet's groups when it names one
// group only, in any of its tables.
func onlyKey(tables []*table) *cell {
	var key *cell
	for _, t := range tables {
		for _, g := range t.groups {
			switch {
			case g.key == nil:
				return nil
			case key == nil:
				key = g.key
			case key != g.key:
				return nil
			}
		}
	}
	return key
}

// groupRead gathers the slots of one group of a table.
func (r *Reader) groupRead(t *table, g *group, lines lineKinds) groupRead {
	gr := groupRead{fields: t.groupFields(g), items: t.items(g, r.survey, lines)}
	switch {
	case g.key != nil:
		gr.block = slot{cells: []*cell{g.key}, place: g.key.Cell, head: t.pathOf(g.key).fieldHead}
		g.key.role = roleKey
	case g.nameless:
		gr.block = slot{place: g.namePlace}
	}
	gr.tiers = t.tierCells(g, r.isTier)
	if g.parent != nil {
		g.parent.role = roleKey
	}
	return gr
}

// addGroup adds a group read from one table of the sheet, or joins it to
// the same group read from another (a form laid out in parts): the group
// of the same name, or the sheet's one group named by a label.
func (sr *sheetRead) addGroup(gr groupRead) {
	for i := range sr.groups {
		if sameGroup(sr.groups[i], gr) {
			sr.groups[i].join(gr)
			return
		}
	}
	sr.groups = append(sr.groups, gr)
}

// sameGroup reports whether two group reads are one group's: both named
// alike, or neither named (the labelled group of a sheet naming none).
func sameGroup(a, b groupRead) bool {
	switch {
	case len(a.block.cells) == 0 && len(b.block.cells) == 0:
		return a.block.place == nil && b.block.place == nil
	case len(a.block.cells) == 0 || len(b.block.cells) == 0:
		return false
	}
	return sameText(a.block.cells[0], b.block.cells[0])
}

// join adds another table's slots of the same group.
func (gr *groupRead) join(o groupRead) {
	for _, c := range o.block.cells {
		gr.block.add(c, nil)
	}
	for f, s := range o.fields {
		if gr.fields[f] == nil {
			gr.fields[f] = s
			continue
		}
		for _, c := range s.cells {
			gr.fields[f].add(c, s.place)
		}
	}
	for no, is := range o.items {
		if mine := gr.items[no]; mine == nil || !mine.found {
			gr.items[no] = is
		}
	}
	gr.tiers = append(gr.tiers, o.tiers...)
}

// applyLabelled gives the one group of a sheet the fields written beside
// their labels: its name, when no row of the table names it, its
// hospital, start and tier.
func (r *Reader) applyLabelled(gr *groupRead, labels []labelled) {
	for _, lf := range labels {
		if !lf.field.isGroup() {
			continue
		}
		if lf.field == fieldBlock && len(gr.block.cells) > 0 {
			if lf.value == nil || !sameText(lf.value, gr.block.cells[0]) {
				continue // the table names the group; this label is unread
			}
		}
		lf.label.role = roleLabel
		if lf.field == fieldTier {
			if lf.value != nil && !slices.Contains(gr.tiers, lf.value) {
				gr.tiers = append(gr.tiers, lf.value)
			}
			continue
		}
		s := &gr.block
		if lf.field != fieldBlock {
			if gr.fields[lf.field] == nil {
				gr.fields[lf.field] = &slot{}
			}
			s = gr.fields[lf.field]
		}
		if s.head == nil {
			s.head = lf.label
		}
		s.add(lf.value, lf.place)
	}
}

// markRoles marks every cell a group's fields were read from.
func (gr groupRead) markRoles() {
	mark := func(s *slot) {
		if s == nil {
			return
		}
		for _, c := range s.cells {
			if c.role == roleNone || c.role == roleTitle {
				c.role = roleValue
			}
		}
	}
	mark(&gr.block)
	for _, s := range gr.fields {
		mark(s)
	}
	mark(&slot{cells: gr.tiers})
	for _, is := range gr.items {
		mark(&is.mark)
		mark(&is.count)
		mark(&is.details)
	}
}

// markHeadings marks the headings the table was read by: those of the
// header band, the items' numbers written apart from their labels, and
// those heading the body's rows.
func (t *table) markHeadings() {
	v := t.v
	for _, c := range v.cells {
		if c.isHead && c.head.field == fieldItems && c.role == roleNone {
			c.role = roleHeading // 項目, No.: the heading of the items' labels or numbers
		}
	}
	for i := t.top; i <= t.bottom; i++ {
		for j := 0; j < v.cols(); j++ {
			if c := v.at(i, j); c != nil && c.isHead && c.role == roleNone {
				c.role = roleHeading
			}
		}
	}
	for _, c := range t.rowSubCell {
		if c != nil && c.role == roleNone {
			c.role = roleHeading
		}
	}
	for j, p := range t.paths {
		if p.item != 0 {
			// The item's number written apart from its label (No. | 1 |
			// 地域連携会議の運営等), above the header band in the view.
			for i := 0; i < t.top; i++ {
				c := v.at(i, j)
				if c == nil || c.Date != nil || c.role != roleNone {
					continue
				}
				if n, rest, _ := numbering(normalize.Key(c.Text)); n == p.item && rest == "" {
					c.role = roleHeading
				}
			}
		}
		if p.field != fieldItems {
			continue
		}
		for i := t.bottom + 1; i < t.end; i++ {
			if c := v.at(i, j); c != nil && c.isHead && c.head.field.isSub() && c.role == roleNone {
				c.role = roleHeading
			}
		}
	}
}

// markFurniture marks the cells under a heading of furniture (記入者, 備考)
// as furniture.
func (t *table) markFurniture() {
	for j, p := range t.paths {
		if p.field != fieldFurniture {
			continue
		}
		for i := t.bottom + 1; i < t.end; i++ {
			if c := t.v.at(i, j); c != nil && c.role == roleNone {
				c.role = roleFurniture
			}
		}
	}
}

// surveyTop is the first row of the sheet that belongs to the survey: its
// first heading or label. Text above it is the title.
func (r *Reader) surveyTop(tables []*table, labels []labelled) int {
	top := tables[0].v.nRows
	for _, t := range tables {
		for i := t.top; i <= t.bottom; i++ {
			for j := 0; j < t.v.cols(); j++ {
				if c := t.v.at(i, j); c != nil && c.isHead && c.head.field != fieldFiscalYear {
					top = min(top, c.r0)
				}
			}
		}
	}
	for _, lf := range labels {
		if lf.field.isGroup() {
			top = min(top, lf.label.r0)
		}
	}
	return top
}

// instructionsRow is the sheet's row of the heading of the form's
// instructions (【記入要領】), or -1: what stands from there down is read
// into no field.
func (r *Reader) instructionsRow(sh *sheet) int {
	for _, c := range sh.cells {
		if c.Date == nil && r.labels.isInstructions(c.Text) {
			return c.r0
		}
	}
	return -1
}

// isExample reports whether a sheet is an example of how to fill in the
// form: its name or its title says so (記入例, 見本), or its group's name
// is a placeholder (○○ブロック).
func (r *Reader) isExample(sr *sheetRead) bool {
	if r.labels.isExample(sr.sh.Name) {
		return true
	}
	for _, c := range sr.sh.cells {
		if c.role == roleTitle && r.labels.isExample(c.Text) {
			return true
		}
	}
	for _, gr := range sr.groups {
		for _, c := range gr.block.cells {
			if isPlaceholder(c.Text) {
				return true
			}
		}
	}
	return false
}

// isPlaceholder reports whether a name is a placeholder of an example:
// ○○ブロック, ××病院, ＸＸ病院 (XX in the normal form).
func isPlaceholder(text string) bool {
	s := normalize.Clean(text)
	for _, p := range []string{"○○", "〇〇", "◯◯", "××", "●●", "△△", "XX", "**"} {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

// account gives every cell the reader made nothing of its due: below the
// instructions' heading, a note (※…), an instruction (…してください), a
// title, a tier's word beside the groups — furniture; anything else is an
// unread_cell warning that quotes it, so that nothing written on the sheet
// of the survey disappears without a word.
func (r *Reader) account(sr *sheetRead, instructions int) []perinet.Problem {
	var problems []perinet.Problem
	for _, c := range sr.sh.cells {
		if c.role != roleNone {
			continue
		}
		switch {
		case sr.example:
			c.role = roleSkipped
		case instructions >= 0 && c.r0 >= instructions:
			c.role = roleFurniture
		case c.Date == nil && r.isTier(c.Text):
			c.role = roleValue
		case c.note:
			c.role = roleFurniture
		case c.Date == nil && r.isTitle(c.Text):
			c.role = roleTitle
		default:
			problems = append(problems, perinet.Problem{Severity: perinet.Warning, Code: perinet.UnreadCell, Where: c.Where, Text: c.Text,
				Message: "「" + c.Text + "」はどの欄の値としても読み取っていません。調査票の欄の外か、見出しのない欄に書かれています。必要なら正しい欄に書き直してください"})
		}
	}
	return problems
}

// isNote reports whether text is a note or an instruction: it starts with
// a note's mark (※, ＊, 注) or asks the reader to do something (…してくだ
// さい); or it is 記 or 以上 alone, the words a letter frames its list
// with.
func isNote(text string) bool {
	s := normalize.Clean(text)
	if s == "記" || s == "以上" { // the frame of a letter's list (記 … 以上)
		return true
	}
	for _, p := range []string{"※", "*", "注)", "注:", "(注)", "【注】", "注意"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return strings.Contains(s, "ください") || strings.Contains(s, "下さい")
}

// isPageNumber reports whether text is a page's number as a printed page
// carries it: 3 / 7, - 3 -, 3ページ, p.3 (a bare number is a value).
func isPageNumber(text string) bool {
	s := strings.ToLower(strings.ReplaceAll(normalize.Clean(text), " ", ""))
	if n, of, ok := strings.Cut(s, "/"); ok {
		a, errA := strconv.Atoi(n)
		b, errB := strconv.Atoi(of)
		return errA == nil && errB == nil && len(n) <= 3 && len(of) <= 3 && 0 < a && a <= b
	}
	for _, frame := range [][2]string{{"-", "-"}, {"p.", ""}, {"", "ページ"}} {
		if inner, ok := strings.CutPrefix(s, frame[0]); ok {
			if inner, ok := strings.CutSuffix(inner, frame[1]); ok && inner != s {
				return allDigits(inner)
			}
		}
	}
	return false
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// titleWords are words only a title holds.
var titleWords = []string{"調査票", "実施状況", "取組状況", "周産期医療ネットワーク", "報告書", "様式"}

// isTitle reports whether text is a title: it holds the survey's title's
// words, or names a fiscal year.
func (r *Reader) isTitle(text string) bool {
	k := normalize.Key(text)
	for _, w := range titleWords {
		if strings.Contains(k, w) {
			return true
		}
	}
	_, ok := r.fiscalYearIn(text)
	return ok
}
