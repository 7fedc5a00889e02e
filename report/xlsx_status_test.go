package report

import (
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"perinet"
	"perinet/layout"
)

// TestStatusLayout renders 実施状況 for FY2016 as the published table has
// it: each cell where its role says, with its text, its merged range and
// the style its role gives it.
func TestStatusLayout(t *testing.T) {
	s := perinet.DefaultSurvey()
	b, err := newWorkbook(2016, s)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	l, widths := statusLayout(s)
	places, err := l.Table.Places(s)
	if err != nil {
		t.Fatal(err)
	}
	answers := statusAnswers(s, places, b.sortGroups(fixtureRecords(t, 2016)), nil)
	sh, err := layout.RenderAnswers(l, s, 2016, answers)
	if err != nil {
		t.Fatal(err)
	}
	spans := b.statusSpans(sh.Cells, answers)
	if len(spans) != len(sh.Cells) {
		t.Fatalf("%d spans of %d cells", len(spans), len(sh.Cells))
	}
	type cell struct {
		c layout.Cell
		s span
	}
	cells := map[string]cell{}
	right := 0
	for i, c := range sh.Cells {
		name, err := excelize.CoordinatesToCellName(c.Col, c.Row)
		if err != nil {
			t.Fatal(err)
		}
		cells[name] = cell{c, spans[i]}
		right = max(right, c.Col+c.Cols-1)
	}
	if right != len(widths) {
		t.Errorf("%d columns, %d widths", right, len(widths))
	}
	st := b.style
	head := func(f layout.Field, item int, sub layout.Sub, level int) layout.Role {
		return layout.Role{Part: layout.InTable, Kind: layout.KindHeading, Field: f, Item: item, Sub: sub, Level: level}
	}
	field := func(f layout.Field, group string) layout.Role {
		return layout.Role{Part: layout.InTable, Kind: layout.KindValue, Field: f, Group: group}
	}
	item := func(no int, sub layout.Sub, group string) layout.Role {
		return layout.Role{Part: layout.InTable, Kind: layout.KindValue, Field: layout.Item, Item: no, Sub: sub, Group: group}
	}
	tests := []struct {
		cell       string
		text       string
		role       layout.Role
		rows, cols int
		style      int
	}{
		{"A1", "周産期医療ネットワークグループ事業 実施状況　各グループの取組状況（平成28年度（2016年度））",
			layout.Role{Part: layout.InHead, Kind: layout.KindTitle, Field: layout.FiscalYear}, 1, 16, st.title},
		{"A2", "ブロック名", head(layout.Tier, 0, layout.Any, 1), 2, 2, st.header},
		{"C2", "開始年月", head(layout.Started, 0, layout.Any, 1), 2, 1, st.header},
		{"D2", "委託病院", head(layout.Hospital, 0, layout.Any, 1), 2, 1, st.header},
		{"E2", "１　地域\n連携会議\nの運営等", head(layout.Item, 1, layout.Any, 1), 2, 1, st.header},
		{"G2", "３　連携リスト\nの作成・配布", head(layout.Item, 3, layout.Any, 1), 1, 2, st.header},
		{"G3", "リスト\nの有無", head(layout.Item, 3, layout.Mark, 2), 1, 1, st.header},
		{"H3", "配布先", head(layout.Item, 3, layout.Count, 2), 1, 1, st.header},
		{"O3", "具体的内容", head(layout.Item, 7, layout.Details, 2), 1, 1, st.header},
		{"A4", "ネットワークグループ", field(layout.Tier, "区中央部"), 7, 1, st.vertical},
		{"B4", "区中央部", field(layout.Block, "区中央部"), 1, 1, st.text},
		{"C4", "H22年2月", field(layout.Started, "区中央部"), 1, 1, st.mark},
		{"D4", "愛育", field(layout.Hospital, "区中央部"), 1, 1, st.text}, // the short name, as published
		{"E4", "○", item(1, layout.Mark, "区中央部"), 1, 1, st.mark},
		{"H4", "103施設", item(3, layout.Count, "区中央部"), 1, 1, st.mark},
		{"J4", "連携会議で検討", item(4, layout.Details, "区中央部"), 1, 1, st.text},
		{"M4", "○", item(6, layout.Any, "区中央部"), 1, 1, st.mark},
		{"O4", "・NCPR講習会\n・ALSO\n・育児支援研修会\n・J-MELSベーシックコース", item(7, layout.Details, "区中央部"), 1, 1, st.text},
		{"P4", "", item(8, layout.Any, "区中央部"), 1, 1, st.mark},
		{"P6", "WEB型周産期地域診療情報連携システムの利用促進", item(8, layout.Any, "区西南部"), 1, 1, st.text},
		{"A11", "多摩地域", field(layout.Block, "多摩地域"), 1, 2, st.text},
		{"A12", "サブグループ", field(layout.Tier, "西多摩"), 6, 1, st.vertical},
		{"H12", "多摩地域全体分を杏林大が集約・配付", item(3, layout.Count, "西多摩"), 6, 1, st.text},
		{"L13", "・共通診療ノート\n・共有カルテ(母と子のネットワーク健診手帳)", item(5, layout.Details, "南多摩（町田市除く）"), 1, 1, st.text},
		{"P16", "SNSの整備", item(8, layout.Any, "北多摩南部"), 1, 1, st.text},
	}
	for _, tt := range tests {
		got, ok := cells[tt.cell]
		if !ok {
			t.Errorf("%s: no cell", tt.cell)
			continue
		}
		c, sp := got.c, got.s
		if c.Value.Text != tt.text || c.Role != tt.role || c.Rows != tt.rows || c.Cols != tt.cols || sp.style != tt.style {
			t.Errorf("%s = %q, role %+v, %d×%d, style %d\nwant %q, role %+v, %d×%d, style %d",
				tt.cell, c.Value.Text, c.Role, c.Rows, c.Cols, sp.style, tt.text, tt.role, tt.rows, tt.cols, tt.style)
		}
	}
	for _, name := range []string{"A5", "B11", "H13", "A17"} {
		if _, ok := cells[name]; ok {
			t.Errorf("%s is written, want it under a merged cell", name)
		}
	}
}

// TestXLSXStatusNoGroups writes a report of a year without Records, the
// year before with fourteen: 実施状況 holds its title and headings, and a
// row for each of the fourteen groups awaited, 未提出, printed as far as
// they go.
func TestXLSXStatusNoGroups(t *testing.T) {
	old := fixtureRecords(t, 2016)
	for i := range old {
		old[i].FiscalYear = 2015
	}
	f := openReport(t, writeReport(t, 2016, old))
	rows, err := f.GetRows(statusSheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3+len(old) || len(rows[1]) != 17 || rows[1][0] != "ブロック名" || rows[1][16] != "開始年月\n（日付）" {
		t.Fatalf("%s: %q, want the title, two heading rows (the date column's in Q) and a row a group", statusSheet, rows)
	}
	for i, r := range rows[3:] {
		if len(r) < 5 || r[0] != old[i].Block && r[1] != old[i].Block || r[4] != "未提出" || strings.Join(r[5:], "") != "" {
			t.Errorf("row %d: %q, want %s with 未提出 in item 1 and nothing after", i+4, r, old[i].Block)
		}
	}
	area := ""
	for _, n := range f.GetDefinedName() {
		if n.Scope == statusSheet && n.Name == "_xlnm.Print_Area" {
			area = n.RefersTo
		}
	}
	if area != "'実施状況'!$A$1:$P$17" {
		t.Errorf("print area %q, want A1:P17", area)
	}
}
