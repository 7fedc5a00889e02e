package form

import (
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"perinet"
	"perinet/layout"
)

// renderForm renders the FY2019 form of a group, pre-filled from every
// fixture year, and returns its cells by name (B5).
func renderForm(t *testing.T, block string) map[string]layout.Cell {
	t.Helper()
	s := perinet.DefaultSurvey()
	var last []perinet.Record
	for _, fy := range fixtureYears {
		last = append(last, fixtureRecords(t, fy)...)
	}
	f := Plan(s, 2019, last, block)[0]
	d := newDesign(s, f)
	answers, err := f.answers(s, d.Table)
	if err != nil {
		t.Fatal(err)
	}
	sh, err := layout.RenderAnswers(d.Layout, s, f.FiscalYear, answers)
	if err != nil {
		t.Fatal(err)
	}
	cells := map[string]layout.Cell{}
	for _, c := range sh.Cells {
		name, err := excelize.CoordinatesToCellName(c.Col, c.Row)
		if err != nil {
			t.Fatal(err)
		}
		cells[name] = c
	}
	return cells
}

// TestFormLayouts renders the one-group form and the table: each cell
// where its role says, with its value and its merged range.
func TestFormLayouts(t *testing.T) {
	const month = layout.FormatEraMonth
	type want struct {
		cell       string
		value      string // the value as draw writes it
		role       layout.Role
		rows, cols int
	}
	title := func(level int, f layout.Field) layout.Role {
		return layout.Role{Part: layout.InHead, Kind: layout.KindTitle, Level: level, Field: f}
	}
	label := func(f layout.Field) layout.Role {
		return layout.Role{Part: layout.InFields, Kind: layout.KindLabel, Field: f}
	}
	field := func(part layout.Part, f layout.Field, group string) layout.Role {
		return layout.Role{Part: part, Kind: layout.KindValue, Field: f, Group: group}
	}
	heading := func(f layout.Field, item int, sub layout.Sub, level int) layout.Role {
		return layout.Role{Part: layout.InTable, Kind: layout.KindHeading, Field: f, Item: item, Sub: sub, Level: level}
	}
	value := func(item int, sub layout.Sub, group string) layout.Role {
		return layout.Role{Part: layout.InTable, Kind: layout.KindValue, Field: layout.Item, Item: item, Sub: sub, Group: group}
	}
	blank := func(item int, sub layout.Sub) layout.Role {
		return layout.Role{Part: layout.InTable, Kind: layout.KindBlank, Field: layout.Item, Item: item, Sub: sub}
	}
	tests := []struct {
		block string
		cells []want
	}{
		{"区中央部", []want{
			{"B1", "周産期医療ネットワークグループ事業 実施状況調査票", title(0, layout.NoField), 1, 4},
			{"B2", "令和元年度（2019年度）", title(1, layout.FiscalYear), 1, 1},
			{"B3", "黄色の欄には前回の回答が入っています。確認し、変わったところを書き換えてください。記入の仕方は下の【記入要領】にあります。", title(2, layout.NoField), 1, 4},
			{"B5", "ブロック名", label(layout.Block), 1, 1},
			{"C5", "区中央部", field(layout.InFields, layout.Block, "区中央部"), 1, 3},
			{"B6", "区分", label(layout.Tier), 1, 1},
			{"C6", "ネットワークグループ", field(layout.InFields, layout.Tier, "区中央部"), 1, 3},
			{"C7", "愛育病院", field(layout.InFields, layout.Hospital, "区中央部"), 1, 3},
			{"B8", "開始年月", label(layout.Started), 1, 1},
			{"C8", "date 2010-02-01 {" + month + "}", field(layout.InFields, layout.Started, "区中央部"), 1, 2},
			{"B10", "項目", heading(layout.NoField, 0, layout.Any, 0), 1, 1},
			{"C10", "実施の有無", heading(layout.NoField, 0, layout.Mark, 0), 1, 1},
			{"D10", "配布先（施設数）", heading(layout.NoField, 0, layout.Count, 0), 1, 1},
			{"E10", "具体的内容", heading(layout.NoField, 0, layout.Details, 0), 1, 1},
			{"B11", "１　地域連携会議の運営等", heading(layout.Item, 1, layout.Any, 1), 1, 1},
			{"C11", "○", value(1, layout.Mark, "区中央部"), 1, 1},
			{"D11", "", blank(1, layout.Count), 1, 1},
			{"D13", `#103 {0"施設"}`, value(3, layout.Count, "区中央部"), 1, 1},
			{"E14", "連携会議で検討", value(4, layout.Details, "区中央部"), 1, 1},
			{"B16", "６　産科セミオープンシステム・オープンシステムの検討⏎（事業開始時からの取組を含む）", heading(layout.Item, 6, layout.Any, 1), 1, 1},
			{"E17", "NCPR講習会⏎ALSO⏎育児支援研修会⏎J-MELSベーシックコース⏎J-CIMELSベーシックコース", value(7, layout.Details, "区中央部"), 1, 1},
			{"C18", "", value(8, layout.Mark, "区中央部"), 1, 1},
			{"E18", "", value(8, layout.Details, "区中央部"), 1, 1},
		}},
		{"多摩地域", []want{
			{"B1", "周産期医療ネットワークグループ事業 実施状況調査票", title(0, layout.NoField), 1, 21},
			{"B2", "令和元年度（2019年度）", title(1, layout.FiscalYear), 1, 1},
			{"B5", "ブロック名", heading(layout.Block, 0, layout.Any, 1), 2, 1},
			{"C5", "区分", heading(layout.Tier, 0, layout.Any, 1), 2, 1},
			{"D5", "委託病院", heading(layout.Hospital, 0, layout.Any, 1), 2, 1},
			{"E5", "開始年月", heading(layout.Started, 0, layout.Any, 1), 2, 1},
			{"F5", "１　地域連携会議の運営等", heading(layout.Item, 1, layout.Any, 1), 1, 2},
			{"F6", "実施の有無", heading(layout.Item, 1, layout.Mark, 2), 1, 1},
			{"G6", "具体的内容", heading(layout.Item, 1, layout.Details, 2), 1, 1},
			{"J5", "３　連携リストの作成・配布", heading(layout.Item, 3, layout.Any, 1), 1, 3},
			{"J6", "リストの有無", heading(layout.Item, 3, layout.Mark, 2), 1, 1},
			{"K6", "配布先（施設数）", heading(layout.Item, 3, layout.Count, 2), 1, 1},
			{"L6", "具体的内容", heading(layout.Item, 3, layout.Details, 2), 1, 1},
			{"B7", "多摩地域", field(layout.InTable, layout.Block, "多摩地域"), 1, 1},
			{"C7", "ネットワークグループ", field(layout.InTable, layout.Tier, "多摩地域"), 1, 1},
			{"D7", "杏林大学医学部付属病院", field(layout.InTable, layout.Hospital, "多摩地域"), 1, 1},
			{"E7", "date 2009-12-01 {" + month + "}", field(layout.InTable, layout.Started, "多摩地域"), 1, 1},
			{"F7", "○", value(1, layout.Mark, "多摩地域"), 1, 1},
			{"K7", `#163 {0"施設"}`, value(3, layout.Count, "多摩地域"), 1, 1},
			{"C8", "サブグループ", field(layout.InTable, layout.Tier, "西多摩"), 1, 1},
			{"K8", "", value(3, layout.Count, "西多摩"), 1, 1},
			{"L8", "多摩地域全体分を杏林大が集約・配付", value(3, layout.Details, "西多摩"), 1, 1},
			{"P9", "共通診療ノート⏎共有カルテ(母と子のネットワーク健診手帳)", value(5, layout.Details, "南多摩（町田市除く）"), 1, 1},
			{"V12", "SNSの整備", value(8, layout.Details, "北多摩南部"), 1, 1},
			{"E13", "date 2010-02-01 {" + month + "}", field(layout.InTable, layout.Started, "北多摩北部"), 1, 1},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.block, func(t *testing.T) {
			cells := renderForm(t, tt.block)
			for _, w := range tt.cells {
				c, ok := cells[w.cell]
				if !ok {
					t.Errorf("%s: no cell", w.cell)
					continue
				}
				got := draw(c.Value)
				if got != w.value || c.Role != w.role || c.Rows != w.rows || c.Cols != w.cols {
					t.Errorf("%s = %q, role %+v, %d×%d\nwant %q, role %+v, %d×%d", w.cell, got, c.Role, c.Rows, c.Cols, w.value, w.role, w.rows, w.cols)
				}
			}
		})
	}
}

// draw writes a value as layout.Sheet draws it: a text with ⏎ for its
// line breaks, #103 for a number, date 2010-02-01 for a date, each with
// its number format in braces.
func draw(v layout.Value) string {
	s := strings.ReplaceAll(v.Text, "\n", "⏎")
	switch v.Kind {
	case layout.NumberValue:
		s = fmt.Sprintf("#%d", v.Number)
	case layout.DateValue:
		s = "date " + v.Date.Format("2006-01-02")
	}
	if v.Format != "" {
		s += " {" + v.Format + "}"
	}
	return s
}

func TestStartedValue(t *testing.T) {
	tests := []struct {
		d    *perinet.Date
		want string
	}{
		{nil, ""},
		{&perinet.Date{Year: 2010, Month: 2}, "date 2010-02-01 {" + layout.FormatEraMonth + "}"},
		{&perinet.Date{Year: 2010, Month: 2, Day: 15}, "date 2010-02-15 {" + layout.FormatEraDay + "}"},
		{&perinet.Date{Year: 1890, Month: 4}, "M23年4月"}, // before 1900: text
	}
	for _, tt := range tests {
		if got := draw(startedValue(tt.d)); got != tt.want {
			t.Errorf("startedValue(%+v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

// TestLook: each cell's style, and its input, by its role.
func TestLook(t *testing.T) {
	sh := newSheet(sheetName)
	st := sh.style
	role := func(kind layout.RoleKind, f layout.Field, sub layout.Sub, level int) layout.Role {
		return layout.Role{Part: layout.InTable, Kind: kind, Field: f, Sub: sub, Level: level}
	}
	month := layout.Value{Kind: layout.DateValue, Format: layout.FormatEraMonth}
	day := layout.Value{Kind: layout.DateValue, Format: layout.FormatEraDay}
	const none inputKind = 255
	tests := []struct {
		name  string
		role  layout.Role
		value layout.Value
		items layout.Axis
		style int
		input inputKind // none for a cell that is no input
	}{
		{"title", layout.Role{Kind: layout.KindTitle}, layout.Text("調査票"), layout.Rows, st.title, none},
		{"fiscal year", layout.Role{Kind: layout.KindTitle, Level: 1, Field: layout.FiscalYear}, layout.Text("令和元年度"), layout.Rows, st.plain, none},
		{"notice", layout.Role{Kind: layout.KindTitle, Level: 2}, layout.Text("黄色の欄に"), layout.Rows, st.note, none},
		{"a field's label", layout.Role{Kind: layout.KindLabel, Field: layout.Block}, layout.Text("ブロック名"), layout.Rows, st.label, none},
		{"an item's label down a form", role(layout.KindHeading, layout.Item, layout.Any, 1), layout.Text("１　…"), layout.Rows, st.label, none},
		{"an item's label across a table", role(layout.KindHeading, layout.Item, layout.Any, 1), layout.Text("１　…"), layout.Columns, st.header, none},
		{"a part's heading", role(layout.KindHeading, layout.Item, layout.Mark, 2), layout.Text("実施の有無"), layout.Columns, st.header, none},
		{"a slot's heading", role(layout.KindHeading, layout.NoField, layout.Count, 0), layout.Text("配布先"), layout.Rows, st.header, none},
		{"a part the item has not", role(layout.KindBlank, layout.Item, layout.Count, 0), layout.Text(""), layout.Rows, st.none, none},
		{"the group's name", role(layout.KindValue, layout.Block, layout.Any, 0), layout.Text("区東部"), layout.Columns, st.fixed, none},
		{"its tier", role(layout.KindValue, layout.Tier, layout.Any, 0), layout.Text("サブグループ"), layout.Columns, st.fixed, none},
		{"its hospital", role(layout.KindValue, layout.Hospital, layout.Any, 0), layout.Text("愛育病院"), layout.Rows, st.fixed, none},
		{"a hospital the survey does not name", role(layout.KindValue, layout.Hospital, layout.Any, 0), layout.Text(""), layout.Rows, st.input[textInput], textInput},
		{"開始年月", role(layout.KindValue, layout.Started, layout.Any, 0), month, layout.Rows, st.input[dateInput], dateInput},
		{"開始年月 with its day", role(layout.KindValue, layout.Started, layout.Any, 0), day, layout.Rows, st.dayInput, dateInput},
		{"開始年月 before 1900", role(layout.KindValue, layout.Started, layout.Any, 0), layout.Text("M23年4月"), layout.Rows, st.input[dateInput], dateInput},
		{"a mark", role(layout.KindValue, layout.Item, layout.Mark, 0), layout.Text("○"), layout.Rows, st.input[markInput], markInput},
		{"a count", role(layout.KindValue, layout.Item, layout.Count, 0), layout.Value{Kind: layout.NumberValue, Number: 3}, layout.Rows, st.input[countInput], countInput},
		{"details", role(layout.KindValue, layout.Item, layout.Details, 0), layout.Text("NCPR"), layout.Rows, st.input[detailsInput], detailsInput},
	}
	for _, tt := range tests {
		style, kind, input, err := sh.look(layout.Cell{Value: tt.value, Role: tt.role}, tt.items)
		if !input {
			kind = none
		}
		if err != nil || style != tt.style || kind != tt.input {
			t.Errorf("%s: style %d, input %d, %v; want style %d, input %d", tt.name, style, kind, err, tt.style, tt.input)
		}
	}
	for _, r := range []layout.Role{role(layout.KindValue, layout.Item, layout.Any, 0), {Part: layout.InNotes, Kind: layout.KindNote}} {
		if _, _, _, err := sh.look(layout.Cell{Role: r}, layout.Rows); err == nil {
			t.Errorf("role %+v: a style, want none (the forms have no such cell)", r)
		}
	}
}
