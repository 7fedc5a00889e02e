package layout

import (
	"slices"
	"strings"
	"testing"
	"time"

	"perinet"
)

func TestYearStyle(t *testing.T) {
	tests := []struct {
		style YearStyle
		fy    int
		want  string
	}{
		{YearBoth, 2016, "平成28年度（2016年度）"}, {YearEra, 2016, "平成28年度"}, {YearEra, 2019, "令和元年度"},
		{YearLetter, 2016, "H28年度"}, {YearLetter, 2019, "H31年度"}, {YearLetter, 2020, "R2年度"}, {YearWestern, 2016, "2016年度"},
	}
	for _, tt := range tests {
		if got := tt.style.Write(tt.fy); got != tt.want {
			t.Errorf("%d.Write(%d) = %q, want %q", tt.style, tt.fy, got, tt.want)
		}
	}
}

func TestItemLabel(t *testing.T) {
	d := perinet.ItemDef{No: 7, Label: "研修等", Note: "連携会議とは別に実施", Aliases: []string{"症例検討会・研修"}}
	tests := []struct {
		words int
		note  NoteStyle
		n     Numbering
		want  string
	}{
		{0, NoteNone, NumberNone, "研修等"},
		{0, NoteAfter, NumberWide, "７　研修等（連携会議とは別に実施）"},
		{0, NoteNewLine, NumberSpace, "7 研修等\n（連携会議とは別に実施）"},
		{0, NoteNone, NumberDot, "7.研修等"},
		{0, NoteNone, NumberParen, "(7)研修等"},
		{0, NoteNone, NumberCircled, "⑦研修等"},
		{0, NoteNone, NumberItem, "項目7　研修等"},
		{1, NoteAfter, NumberNo, "No.7 症例検討会・研修"}, // an alias without the note
	}
	for _, tt := range tests {
		if got := ItemLabel(d, tt.words, tt.note, tt.n); got != tt.want {
			t.Errorf("ItemLabel(%d, %d, %d) = %q, want %q", tt.words, tt.note, tt.n, got, tt.want)
		}
	}
	if got, want := PrintedLabel(d), "７　研修等\n（連携会議とは別に実施）"; got != want {
		t.Errorf("PrintedLabel = %q, want %q", got, want)
	}
	if got := Wrap("地域連携会議の運営等"); got != "地域連携会\n議の運営等" {
		t.Errorf("Wrap = %q", got)
	}
	if got := Wrap("その他"); got != "その他" {
		t.Errorf("Wrap of a short label = %q", got)
	}
}

func TestLabel(t *testing.T) {
	s := perinet.DefaultSurvey()
	tests := []struct {
		field Field
		sub   Sub
		want  string
	}{
		{FiscalYear, Any, "年度"},
		{Block, Any, "ブロック名"},
		{Tier, Any, "区分"},
		{Hospital, Any, "委託病院"},
		{Started, Any, "開始年月"},
		{Item, Any, "実施の有無"},
		{Item, Mark, "実施の有無"},
		{Item, Count, "配布先（施設数）"},
		{Item, Details, "具体的内容"},
		{NoField, Any, "項目"},
	}
	for _, tt := range tests {
		if got := Label(s, tt.field, tt.sub); got != tt.want {
			t.Errorf("Label(%d, %d) = %q, want %q", tt.field, tt.sub, got, tt.want)
		}
		if w := Words(s, tt.field, tt.sub); len(w) < 2 {
			t.Errorf("Words(%d, %d) = %q, want the template's word and others", tt.field, tt.sub, w)
		}
	}
	if got := Label(tiny(), Block, Any); got != "" {
		t.Errorf("Label of a survey without labels = %q, want none", got)
	}
}

// record is a Record of the tiny survey's 西多摩.
func record(started *perinet.Date) perinet.Record {
	to := 103
	return perinet.Record{FiscalYear: 2016, Tier: perinet.Subgroup, Block: "西多摩", Parent: "多摩地域", Hospital: "青梅市立総合病院", Started: started,
		Items: []perinet.Item{
			{No: 1, Mark: perinet.Yes, Details: []string{}},
			{No: 2, Mark: perinet.Partial, Counted: true, DistributedTo: &to, Details: []string{"区内に配布"}},
			{No: 3, Mark: perinet.No, Details: []string{"NCPR講習会", "J-MELSベーシックコース"}},
		}}
}

func TestNotationAnswer(t *testing.T) {
	d := &perinet.Date{Year: 2010, Month: 2}
	day := &perinet.Date{Year: 2010, Month: 2, Day: 3}
	reiwa := &perinet.Date{Year: 2019, Month: 5}
	tests := []struct {
		name    string
		n       Notation
		started *perinet.Date
		check   func(Answer) string // "" when right, else what is wrong
	}{
		{"the committee's marks and names", Notation{}, d, func(a Answer) string {
			return want(a.Block == "西多摩" && a.TierAs == "サブグループ" && a.Hospital == "青梅市立総合病院" && a.Started == Text("H22年2月") &&
				a.Items[0].Mark == "○" && a.Items[1].Mark == "△" && a.Items[2].Mark == "×" && a.Items[1].Count == Text("103施設") &&
				slices.Equal(a.Items[2].Details, []string{"NCPR講習会", "J-MELSベーシックコース"}))
		}},
		{"marks mixed down the items", Notation{Yes: "◯〇", No: "✕"}, d, func(a Answer) string {
			return want(a.Items[0].Mark == "◯" && a.Items[2].Mark == "✕")
		}},
		{"a short hospital name, an alias of the group", Notation{Hospital: 1, Block: 1}, d, func(a Answer) string {
			return want(a.Hospital == "青梅市立" && a.Block == "西多摩") // 西多摩 has no alias
		}},
		{"counts in full width, bare, as number cells", Notation{Count: CountWide}, d, func(a Answer) string {
			return want(a.Items[1].Count == Text("１０３施設"))
		}},
		{"a count cell shown as 103施設", Notation{Count: CountCell}, d, func(a Answer) string {
			return want(a.Items[1].Count == Value{Kind: NumberValue, Number: 103, Format: FormatCount})
		}},
		{"dates in the era's name, the first year 元年", Notation{Started: DateEraName}, reiwa, func(a Answer) string {
			return want(a.Started == Text("令和元年5月"))
		}},
		{"a date with its day", Notation{Started: DateSlashDay}, day, func(a Answer) string { return want(a.Started == Text("2010/2/3")) }},
		{"a date cell shown without its day, on a day that is not the first", Notation{Started: DateCellEra}, d, func(a Answer) string {
			return want(a.Started.Kind == DateValue && a.Started.Format == FormatEraMonth && a.Started.Date.Month() == time.February &&
				a.Started.Date.Day() != 1)
		}},
		{"a date typed in a cell formatted as text", Notation{Started: DateAsText}, d, func(a Answer) string {
			return want(a.Started == Value{Text: "平成22年2月", Format: FormatText})
		}},
		{"numbered entries, typed in full width", Notation{Bullet: BulletNumber, Width: WidthWide}, d, func(a Answer) string {
			return want(slices.Equal(a.Items[2].Details, []string{"１．　ＮＣＰＲ講習会", "２．　Ｊ－ＭＥＬＳベーシックコース"}))
		}},
		{"entries on one line after bullets, katakana in half width", Notation{Bullet: BulletInline, Width: WidthNarrow}, d, func(a Answer) string {
			return want(slices.Equal(a.Items[2].Details, []string{"･NCPR講習会 ･J-MELSﾍﾞｰｼｯｸｺｰｽ"}))
		}},
		{"circled numbers", Notation{Bullet: BulletCircled}, d, func(a Answer) string {
			return want(a.Items[2].Details[1] == "②J-MELSベーシックコース")
		}},
		{"the count's note: only when there is no count", Notation{NoteInCount: true}, d, func(a Answer) string {
			return want(a.Items[1].Note == "" && slices.Equal(a.Items[1].Details, []string{"区内に配布"}))
		}},
		{"no start", Notation{}, nil, func(a Answer) string { return want(a.Started == Text("")) }},
	}
	for _, tt := range tests {
		a, err := tt.n.Answer(tiny(), record(tt.started))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if msg := tt.check(a); msg != "" {
			t.Errorf("%s: %+v", tt.name, a)
		}
	}
	r := record(d)
	r.Items[1].DistributedTo = nil
	a, err := Notation{NoteInCount: true}.Answer(tiny(), r)
	if err != nil || a.Items[1].Note != "区内に配布" || len(a.Items[1].Details) != 0 {
		t.Errorf("a note in place of the count: %+v, %v", a.Items[1], err)
	}
	if _, err := (Notation{Started: DateSlash}).Answer(tiny(), record(day)); err == nil {
		t.Error("a day written in a notation that does not show it: no error")
	}
}

func want(ok bool) string {
	if ok {
		return ""
	}
	return "wrong"
}

func TestShown(t *testing.T) {
	day := time.Date(2010, time.February, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		v    Value
		want string
	}{
		{Text("H22年2月"), "H22年2月"},
		{Value{Kind: NumberValue, Number: 103}, "103"},
		{Value{Kind: NumberValue, Number: 103, Format: FormatCount}, "103施設"},
		{Value{Kind: DateValue, Date: day, Format: FormatEraMonth}, "平成22年2月"},
		{Value{Kind: DateValue, Date: day, Format: FormatEraDay}, "平成22年2月1日"},
		{Value{Kind: DateValue, Date: day, Format: FormatMonth}, "2010年2月"},
		{Value{Kind: DateValue, Date: day, Format: FormatDay}, "2010/2/1"},
		{Value{Kind: DateValue, Date: time.Date(2019, 5, 1, 0, 0, 0, 0, time.UTC), Format: FormatEraMonth}, "令和1年5月"},
		{Value{Kind: DateValue, Date: time.Date(2019, 4, 30, 0, 0, 0, 0, time.UTC), Format: FormatEraMonth}, "平成31年4月"},
	}
	for _, tt := range tests {
		if got, err := tt.v.Shown(); err != nil || got != tt.want {
			t.Errorf("%s shown as %q, %v; want %q", tt.v.draw(), got, err, tt.want)
		}
	}
	if _, err := (Value{Kind: DateValue, Date: day, Format: "mmm-yy"}).Shown(); err == nil {
		t.Error("a format Render does not write: no error")
	}
}

func TestRenderErrors(t *testing.T) {
	tests := []struct {
		name    string
		layout  Layout
		answers []Answer
		err     string
	}{
		{"an item with two main cells", with(form(), func(l *Layout) {
			l.Table.Lines = append(l.Table.Lines, Line{Field: Item, Item: 1, Head: []string{"1"}})
		}), []Answer{tama}, "item 1 has 2 main cells"},
		{"an item without a line", with(form(), func(l *Layout) { l.Table.Lines = l.Table.Lines[1:] }), []Answer{tama}, "item 1 has 0 main cells"},
		{"details with no cell for them", with(form(), func(l *Layout) { l.Table.Slots = l.Table.Slots[:2] }),
			[]Answer{nishi}, ""}, // item 3 is free text: its details share its mark's cell
		{"a count with no cell for it", with(form(), func(l *Layout) { l.Table.Slots = l.Table.Slots[:1] }), []Answer{tama}, "no cell for it"},
		{"labelled fields for two groups", form(), []Answer{tama, nishi}, "labelled fields for 2 groups"},
		{"labelled fields for no group", form(), nil, "labelled fields for 0 groups"},
		{"no place for the group's name", Layout{Table: Table{Items: Columns, Heads: 1, Lines: lines(false)}}, []Answer{tama}, "no place for the group's name"},
		{"a heading of two levels in a table of one", Layout{Table: Table{Items: Columns, Heads: 1, Lines: append(fieldLines(), lines(true)...)}},
			[]Answer{tama}, "2 headings in a table of 1 levels"},
		{"a parent across a tier that is not beside the name", Layout{Table: Table{Items: Columns, Heads: 1, ParentSpan: true,
			Lines: append([]Line{{Field: Tier, Head: []string{"区分"}}, {Field: Hospital, Head: []string{"病院"}}, {Field: Block, Head: []string{"名"}}}, lines(false)...)}},
			[]Answer{tama}, "not side by side"},
		{"a note over the table", with(form(), func(l *Layout) { l.Notes = []Note{{Text: "※", Below: true, Gap: -2}} }), []Answer{tama}, "holds both"},
	}
	for _, tt := range tests {
		_, err := RenderAnswers(tt.layout, tiny(), 2016, tt.answers)
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("%s: error %v, want one saying %q", tt.name, err, tt.err)
		}
	}
}

// TestRenderExtras lays out a form with an example before it and last
// year's answers after it: the sheets in order, the example's title, last
// year's fiscal year.
func TestRenderExtras(t *testing.T) {
	l := form()
	example := record(nil)
	example.Block = "○○ブロック"
	l.Extras = []Extra{
		{Kind: Example, Sheet: "記入例", Title: "【記入例】調査票", Before: true, Records: []perinet.Record{example}},
		{Kind: Previous, Sheet: "前年度", Records: []perinet.Record{record(nil)}},
	}
	sheets, err := Render(l, tiny(), 2016, []perinet.Record{record(nil)})
	if err != nil {
		t.Fatal(err)
	}
	var names, firsts []string
	for _, sh := range sheets {
		names = append(names, sh.Name)
		firsts = append(firsts, sh.Cells[0].Value.Text+" "+sh.Cells[1].Value.Text)
	}
	if want := []string{"記入例", "調査票", "前年度"}; !slices.Equal(names, want) {
		t.Errorf("sheets %v, want %v", names, want)
	}
	if want := []string{"【記入例】調査票 平成28年度（2016年度）", "調査票 平成28年度（2016年度）", "調査票 平成27年度（2015年度）"}; !slices.Equal(firsts, want) {
		t.Errorf("head lines %q, want %q", firsts, want)
	}
	if !strings.Contains(sheets[0].String(), "○○ブロック") {
		t.Errorf("the example does not name its made-up group:\n%s", sheets[0])
	}
}

func TestPlaces(t *testing.T) {
	published := Table{Items: Columns, Heads: 1, Lines: lines(false)}
	p, err := published.Places(tiny())
	if err != nil {
		t.Fatal(err)
	}
	if p[1] != (Place{}) || p[2] != (Place{Count: true}) || p[3] != (Place{Shared: true}) {
		t.Errorf("places of the published layout: %+v", p)
	}
	p, err = form().Table.Places(tiny())
	if err != nil {
		t.Fatal(err)
	}
	if p[1] != (Place{Details: true}) || p[2] != (Place{Count: true, Details: true}) || p[3] != (Place{Details: true}) {
		t.Errorf("places of the form: %+v", p)
	}
}
