package layout

import (
	"strings"
	"testing"

	"perinet"
)

// tiny is a survey of three items, small enough to draw: an item with a
// mark, the counted item with its two columns, a free-text item.
func tiny() *perinet.Survey {
	return &perinet.Survey{
		Items: []perinet.ItemDef{
			{No: 1, Label: "会議", Aliases: []string{"会議の開催"}},
			{No: 2, Label: "名簿", Note: "作成・配布", Columns: []string{"名簿の有無", "配布先"}, Counted: true},
			{No: 3, Label: "その他", FreeText: true},
		},
		Tiers: map[perinet.Tier][]string{perinet.Network: {"ネットワークグループ", "ネットワーク"}, perinet.Subgroup: {"サブグループ"}},
		Blocks: []perinet.Block{
			{Name: "多摩地域", Hospital: "杏林大学医学部付属病院", Tier: perinet.Network, Aliases: []string{"多摩"}},
			{Name: "西多摩", Hospital: "青梅市立総合病院", Tier: perinet.Subgroup, Parent: "多摩地域"},
			{Name: "北多摩北部", Hospital: "公立昭和病院", Tier: perinet.Subgroup, Parent: "多摩地域"},
		},
		Hospitals: []perinet.Hospital{
			{Name: "杏林大学医学部付属病院", Aliases: []string{"杏林大", "杏林大学病院"}},
			{Name: "青梅市立総合病院", Aliases: []string{"青梅市立"}},
			{Name: "公立昭和病院", Aliases: []string{"公立昭和"}},
		},
	}
}

// answer returns a group's answers: item 1 ○, item 2 ○ with its count or
// note, item 3 the given mark and details.
func answer(group, tier, parent, count, note, mark3 string, details ...string) Answer {
	a := Answer{Group: group, Tier: perinet.Tier(tier), Parent: parent, Block: group, Hospital: "H-" + group, Started: Text("H22年2月"),
		TierAs: map[string]string{"network": "ネットワークグループ", "subgroup": "サブグループ"}[tier],
		Items:  []ItemAnswer{{No: 1, Mark: "○"}, {No: 2, Mark: "○", Count: Text(count), Note: note}, {No: 3, Mark: mark3, Details: details}}}
	return a
}

var (
	tama  = answer("多摩地域", "network", "", "158施設", "", "", "研修会")
	nishi = answer("西多摩", "subgroup", "多摩地域", "", "全体で配付", "○", "NCPR", "ALSO")
	kita  = answer("北多摩北部", "subgroup", "多摩地域", "", "全体で配付", "×")
)

// lines returns the item lines of the tiny survey: each item's main line,
// and item 2's count line, with one heading or two.
func lines(two bool) []Line {
	h := func(item, part string) []string {
		if two {
			return []string{item, part}
		}
		return []string{item + " " + part}
	}
	return []Line{
		{Field: Item, Item: 1, Head: []string{"1 会議"}},
		{Field: Item, Item: 2, Head: h("2 名簿", "有無")},
		{Field: Item, Item: 2, Sub: Count, Head: h("2 名簿", "配布先")},
		{Field: Item, Item: 3, Head: []string{"3 その他"}},
	}
}

func fieldLines() []Line {
	return []Line{{Field: Block, Head: []string{"ブロック名"}}, {Field: Hospital, Head: []string{"委託病院"}}}
}

// form is the one-group form: labels with values right, items down with
// a column for each part.
func form() Layout {
	return Layout{
		Sheet: "調査票", Head: []HeadLine{{Text: "調査票", Merge: true}, {Text: YearMark}},
		Fields: &Fields{List: []Labelled{{Field: Block, Label: "ブロック名"}, {Field: Hospital, Label: "委託病院"}}, Gap: 1},
		Table: Table{Items: Rows, Heads: 1, SlotHeads: true, Corner: "項目", Gap: 1,
			Slots: []Slot{{Mark, "実施の有無"}, {Count, "配布先"}, {Details, "具体的内容"}},
			Lines: []Line{{Field: Item, Item: 1, Head: []string{"1 会議"}}, {Field: Item, Item: 2, Head: []string{"2 名簿"}},
				{Field: Item, Item: 3, Head: []string{"3 その他"}}}},
	}
}

// with returns a copy of a layout changed by f.
func with(l Layout, f func(*Layout)) Layout {
	f(&l)
	return l
}

func TestRenderAnswers(t *testing.T) {
	tests := []struct {
		name    string
		layout  Layout
		answers []Answer
		want    string
	}{
		{"one-group form: labels, a column a part, the title merged", form(), []Answer{nishi}, `
  1: 調査票 | < | < | <
  2: 平成28年度（2016年度）
  3:
  4: ブロック名 | 西多摩
  5: 委託病院 | H-西多摩
  6:
  7: 項目 | 実施の有無 | 配布先 | 具体的内容
  8: 1 会議 | ○ | |
  9: 2 名簿 | ○ | 全体で配付 |
 10: 3 その他 | ○ | | NCPR⏎ALSO`},
		{"values below their labels, side by side, beside the table", with(form(), func(l *Layout) {
			l.Fields = &Fields{List: l.Fields.List, Across: true, Below: true, Beside: true, Gap: 1}
			l.Head, l.Table.Gap = nil, 0
		}), []Answer{tama}, `
  1: 項目 | 実施の有無 | 配布先 | 具体的内容 | | ブロック名 | 委託病院
  2: 1 会議 | ○ | | | | 多摩地域 | H-多摩地域
  3: 2 名簿 | ○ | 158施設 |
  4: 3 その他 | | | 研修会`},
		{"labels merged over two columns; each value below its label", with(form(), func(l *Layout) {
			l.Fields = &Fields{List: l.Fields.List, Below: true, Span: 2}
			l.Head, l.Table.Gap = nil, 0
			l.Table.Slots = l.Table.Slots[:1]
			l.Table.Lines = append(l.Table.Lines, Line{Field: Item, Item: 2, Sub: Count, Head: []string{"　配布先"}})
		}), []Answer{tama}, `
  1: ブロック名 | <
  2: 多摩地域 | <
  3: 委託病院 | <
  4: H-多摩地域 | <
  5: 項目 | 実施の有無
  6: 1 会議 | ○
  7: 2 名簿 | ○
  8: 3 その他 | 研修会
  9: 　配布先 | 158施設`},
		{"labels side by side, each value right of its label, the fiscal year among them", with(form(), func(l *Layout) {
			l.Fields = &Fields{List: append([]Labelled{{Field: FiscalYear, Label: "年度"}}, l.Fields.List...), Across: true, Gap: 1}
			l.Head, l.Year = l.Head[:1], YearWestern
		}), []Answer{tama}, `
  1: 調査票 | < | < | < | < | <
  2:
  3: 年度 | 2016年度 | ブロック名 | 多摩地域 | 委託病院 | H-多摩地域
  4:
  5: 項目 | 実施の有無 | 配布先 | 具体的内容
  6: 1 会議 | ○ | |
  7: 2 名簿 | ○ | 158施設 |
  8: 3 その他 | | | 研修会`},
		{"values merged over the table's columns, each as wide as it says (the template's fields)", with(form(), func(l *Layout) {
			l.Fields.List = []Labelled{{Field: Block, Label: "ブロック名", Span: 3}, {Field: Hospital, Label: "委託病院", Span: 2}}
		}), []Answer{tama}, `
  1: 調査票 | < | < | <
  2: 平成28年度（2016年度）
  3:
  4: ブロック名 | 多摩地域 | < | <
  5: 委託病院 | H-多摩地域 | <
  6:
  7: 項目 | 実施の有無 | 配布先 | 具体的内容
  8: 1 会議 | ○ | |
  9: 2 名簿 | ○ | 158施設 |
 10: 3 その他 | | | 研修会`},
		{"values merged, side by side: each field starts after the one before", with(form(), func(l *Layout) {
			l.Fields = &Fields{List: []Labelled{{Field: Block, Label: "ブロック名", Span: 2}, {Field: Hospital, Label: "委託病院"}}, Across: true}
			l.Head, l.Table.Gap = nil, 0
		}), []Answer{tama}, `
  1: ブロック名 | 多摩地域 | < | 委託病院 | H-多摩地域
  2: 項目 | 実施の有無 | 配布先 | 具体的内容
  3: 1 会議 | ○ | |
  4: 2 名簿 | ○ | 158施設 |
  5: 3 その他 | | | 研修会`},
		{"a table of no groups: its headings", Layout{
			Head:  []HeadLine{{Text: "実施状況", Merge: true}},
			Table: Table{Items: Columns, Heads: 2, TierRuns: true, ParentSpan: true, NoteRuns: true, Lines: append([]Line{{Field: Tier, Head: []string{"ブロック名"}}, {Field: Block, Head: []string{"ブロック名"}}}, lines(true)...)},
		}, nil, `
  1: 実施状況 | < | < | < | < | <
  2: ブロック名 | < | 1 会議 | 2 名簿 | < | 3 その他
  3: ^ | ^ | ^ | 有無 | 配布先 | ^`},
		{"a group's name written once over its two cells, the other left blank", Layout{
			Table: Table{Items: Rows, Heads: 1, ValueFill: Once, Slots: []Slot{{Mark, "有無"}, {Details, "内容"}},
				SlotHeads: true, SlotHeadsAt: 1, Lines: append(fieldLines()[:1], lines(false)...)},
		}, []Answer{tama, kita}, `
  1: ブロック名 | 多摩地域 | | 北多摩北部 |
  2: | 有無 | 内容 | 有無 | 内容
  3: 1 会議 | ○ | | ○ |
  4: 2 名簿 有無 | ○ | | ○ |
  5: 2 名簿 配布先 | 158施設 | | 全体で配付 |
  6: 3 その他 | | 研修会 | × |`},
		{"one group, items across: the fields as columns, continuation row for the count", Layout{
			Table: Table{Items: Columns, Heads: 1, Lines: append(fieldLines(), lines(false)...)},
		}, []Answer{tama}, `
  1: ブロック名 | 委託病院 | 1 会議 | 2 名簿 有無 | 2 名簿 配布先 | 3 その他
  2: 多摩地域 | H-多摩地域 | ○ | ○ | 158施設 | 研修会`},
		{"groups down, two heading levels merged (the published table)", Layout{
			Table: Table{Items: Columns, Heads: 2, Lines: append(fieldLines(), lines(true)...)},
		}, []Answer{tama, nishi}, `
  1: ブロック名 | 委託病院 | 1 会議 | 2 名簿 | < | 3 その他
  2: ^ | ^ | ^ | 有無 | 配布先 | ^
  3: 多摩地域 | H-多摩地域 | ○ | ○ | 158施設 | 研修会
  4: 西多摩 | H-西多摩 | ○ | ○ | 全体で配付 | ○⏎NCPR⏎ALSO`},
		{"headings written once, the cells they cover blank (as Excel's CSV has them)", Layout{
			Table: Table{Items: Columns, Heads: 2, Fill: Once, Lines: append(fieldLines(), lines(true)...)},
		}, []Answer{tama}, `
  1: ブロック名 | 委託病院 | 1 会議 | 2 名簿 | | 3 その他
  2: | | | 有無 | 配布先 |
  3: 多摩地域 | H-多摩地域 | ○ | ○ | 158施設 | 研修会`},
		{"headings repeated in every cell (forward-filled)", Layout{
			Table: Table{Items: Columns, Heads: 2, Fill: Repeat, Lines: append(fieldLines()[:1], lines(true)...)},
		}, []Answer{kita}, `
  1: ブロック名 | 1 会議 | 2 名簿 | 2 名簿 | 3 その他
  2: ブロック名 | 1 会議 | 有無 | 配布先 | 3 その他
  3: 北多摩北部 | ○ | ○ | 全体で配付 | ×`},
		{"groups across: a column a group, the group's name heading it", Layout{
			Table: Table{Items: Rows, Heads: 1, Lines: append(fieldLines(), lines(false)...)},
		}, []Answer{tama, nishi}, `
  1: ブロック名 | 多摩地域 | 西多摩
  2: 委託病院 | H-多摩地域 | H-西多摩
  3: 1 会議 | ○ | ○
  4: 2 名簿 有無 | ○ | ○
  5: 2 名簿 配布先 | 158施設 | 全体で配付
  6: 3 その他 | 研修会 | ○⏎NCPR⏎ALSO`},
		{"groups across with two cells a group: the name merged over both, slot headings after the fields", Layout{
			Table: Table{Items: Rows, Heads: 1, SlotHeads: true, SlotHeadsAt: 1, Corner: "項目",
				Slots: []Slot{{Mark, "有無"}, {Details, "内容"}},
				Lines: []Line{{Field: Block, Head: []string{"ブロック名"}}, {Field: Item, Item: 1, Head: []string{"1 会議"}},
					{Field: Item, Item: 2, Head: []string{"2 名簿"}}, {Field: Item, Item: 2, Sub: Count, Head: []string{"　配布先"}},
					{Field: Item, Item: 3, Head: []string{"3 その他"}}}},
		}, []Answer{tama, nishi}, `
  1: ブロック名 | 多摩地域 | < | 西多摩 | <
  2: 項目 | 有無 | 内容 | 有無 | 内容
  3: 1 会議 | ○ | | ○ |
  4: 2 名簿 | ○ | | ○ |
  5: 　配布先 | 158施設 | | 全体で配付 |
  6: 3 その他 | | 研修会 | ○ | NCPR⏎ALSO`},
		{"details one entry a row, below the item's row", with(form(), func(l *Layout) {
			l.Fields, l.Head, l.Table.DetailRows, l.Table.Gap = nil, nil, true, 0
			l.Table.Lines = append([]Line{{Field: Block, Head: []string{"ブロック名"}}}, l.Table.Lines...)
			l.Table.SlotHeadsAt = 1
		}), []Answer{nishi}, `
  1: ブロック名 | 西多摩 | < | <
  2: 項目 | 実施の有無 | 配布先 | 具体的内容
  3: 1 会議 | ○ | |
  4: 2 名簿 | ○ | 全体で配付 |
  5: 3 その他 | ○ | | NCPR
  6: ^ | | | ALSO`},
		{"a continuation row in a table, the group's name merged down it", Layout{
			Table: Table{Items: Columns, Heads: 1, DetailRows: true, Slots: []Slot{{Mark, ""}, {Details, ""}}, ValueFill: Merge,
				Lines: []Line{{Field: Block, Head: []string{"ブロック名"}}, {Field: Item, Item: 1, Head: []string{"1"}},
					{Field: Item, Item: 2, Head: []string{"2"}}, {Field: Item, Item: 2, Sub: Count, Head: []string{"2 配布先"}},
					{Field: Item, Item: 3, Head: []string{"3"}}}},
		}, []Answer{nishi}, `
  1: ブロック名 | 1 | 2 | 2 配布先 | 3
  2: 西多摩 | ○ | ○ | 全体で配付 | ○
  3: ^ | | | | NCPR
  4: ^ | | | | ALSO`},
		{"blank lines inside the table, between items and between groups", Layout{
			Table: Table{Items: Columns, Heads: 1, Lines: append(fieldLines()[:1], lines(false)...), Blank: []int{1}, BlankGroups: []int{0}},
		}, []Answer{tama, nishi}, `
  1: ブロック名 | 1 会議 | | 2 名簿 有無 | 2 名簿 配布先 | 3 その他
  2: 多摩地域 | ○ | | ○ | 158施設 | 研修会
  3: | | | | |
  4: 西多摩 | ○ | | ○ | 全体で配付 | ○⏎NCPR⏎ALSO`},
		{"the published table's tier runs, a parent across the tier, a note merged down its groups", Layout{
			Table: Table{Items: Columns, Heads: 1, TierRuns: true, ParentSpan: true, NoteRuns: true,
				Lines: append([]Line{{Field: Tier, Head: []string{"ブロック名"}}, {Field: Block, Head: []string{"ブロック名"}}}, lines(false)...)},
		}, []Answer{tama, nishi, kita}, `
  1: ブロック名 | < | 1 会議 | 2 名簿 有無 | 2 名簿 配布先 | 3 その他
  2: 多摩地域 | < | ○ | ○ | 158施設 | 研修会
  3: サブグループ | 西多摩 | ○ | ○ | 全体で配付 | ○⏎NCPR⏎ALSO
  4: ^ | 北多摩北部 | ○ | ○ | ^ | ×`},
		{"notes right of the table and below it; the title over the table's width, indented", Layout{
			Head: []HeadLine{{Text: "実施状況（" + YearMark + "）", Merge: true}}, HeadIndent: 1, Year: YearLetter,
			Table: Table{Items: Columns, Heads: 1, Indent: 1, Lines: append(fieldLines()[:1], lines(false)...)},
			Notes: []Note{{Text: "※右", At: 1, Gap: 1}, {Text: "※下", Below: true, Gap: 1}},
		}, []Answer{tama}, `
  1: | 実施状況（H28年度） | < | < | < | <
  2: | ブロック名 | 1 会議 | 2 名簿 有無 | 2 名簿 配布先 | 3 その他
  3: | 多摩地域 | ○ | ○ | 158施設 | 研修会 | | ※右
  4:
  5: | ※下`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sh, err := RenderAnswers(tt.layout, tiny(), 2016, tt.answers)
			if err != nil {
				t.Fatal(err)
			}
			got := strings.TrimSuffix(strings.SplitN(sh.String(), "\n", 2)[1], "\n")
			if want := strings.TrimPrefix(tt.want, "\n"); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}
