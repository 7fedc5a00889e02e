package reader

import (
	"fmt"
	"strings"
	"testing"

	"perinet"
)

// kuchuobuItems are 区中央部's items as the form rows write them: label,
// mark, count, details.
var kuchuobuItems = [][4]string{
	{"１　地域連携会議の運営等", "○", "", ""},
	{"２　各医療機関等の医療機能の把握", "○", "", ""},
	{"３　連携リストの作成・配布", "○", "103施設", ""},
	{"４　リスクに応じた役割分担と連携方法の検討", "○", "", "（連携会議で検討）"},
	{"５　妊産婦等に関する情報の共有化等", "○", "", "（連携会議で実施）"},
	{"６　産科セミオープンシステム・オープンシステムの検討（事業開始時からの取組を含む）", "○", "", ""},
	{"７　研修等（連携会議とは別に実施）", "○", "", "・NCPR講習会\n・ALSO\n・育児支援研修会\n・J-MELSﾍﾞｰｼｯｸｺｰｽ"},
	{"８　その他", "", "", ""},
}

// formRows lays 区中央部's form out: the title and the year, the info rows
// from info (label, value), then a heading row and a row per item, each
// made by item from the item's four cells.
func formRows(info [][]string, heading []string, item func(cells [4]string) [][]string) [][]string {
	rows := [][]string{{"周産期医療ネットワークグループ事業 取組状況調査票"}, {"平成28年度（2016年度）"}, {}}
	rows = append(rows, info...)
	rows = append(rows, []string{}, heading)
	for _, cells := range kuchuobuItems {
		rows = append(rows, item(cells)...)
	}
	return rows
}

var kuchuobuInfo = [][]string{{"", "ブロック名", "区中央部"}, {"", "区分", "ネットワークグループ"}, {"", "委託病院", "愛育"}, {"", "開始年月", "H22年2月"}}

// TestReadLayouts reads 区中央部's form laid out as people lay it out, each
// time the same Record, with no problem.
func TestReadLayouts(t *testing.T) {
	template := func(c [4]string) [][]string { return [][]string{{"", c[0], c[1], c[2], c[3]}} }
	templateHead := []string{"", "項目", "実施の有無", "配布先（施設数）", "具体的内容"}
	tests := []struct {
		name   string
		rows   [][]string
		merges []string
	}{
		{"the template", formRows(kuchuobuInfo, templateHead, template), nil},
		{"配布先 on a row of its own under item 3", formRows(kuchuobuInfo, []string{"", "項目", "実施の有無", "具体的内容"},
			func(c [4]string) [][]string {
				rows := [][]string{{"", c[0], c[1], c[3]}}
				if c[2] != "" {
					rows = append(rows, []string{"", "　配布先", c[2]})
				}
				return rows
			}), nil},
		{"details before marks, paraphrased headings", formRows(kuchuobuInfo, []string{"", "取組項目", "取組内容", "施設数", "実施（○／×）"},
			func(c [4]string) [][]string { return [][]string{{"", c[0], c[3], c[2], c[1]}} }), nil},
		{"no headings over the values", formRows(kuchuobuInfo, []string{},
			func(c [4]string) [][]string { return [][]string{{"", c[0], c[1], c[2], c[3]}} }), nil},
		{"labels above their values", formRows([][]string{{"", "ブロック名", "区分", "委託病院", "開始年月"}, {"", "区中央部", "ネットワークグループ", "愛育", "H22年2月"}},
			templateHead, template), nil},
		{"labels merged across two columns, values right", formRows([][]string{{"", "開始年月", "", "H22年2月"}, {"", "ブロック名", "", "区中央部"}, {"", "委託病院", "", "愛育"}},
			templateHead, template), []string{"B4:C4", "B5:C5", "B6:C6"}},
		{"paraphrased and renumbered labels", formRows(kuchuobuInfo, templateHead, func(c [4]string) [][]string {
			paraphrase := map[string]string{"１": "(1)地域連携会議の開催", "２": "項目2　医療機能の把握", "３": "③連携リスト（作成・配布）",
				"４": "No.4 役割分担と連携方法の検討", "５": "5. 妊産婦等の情報共有", "６": "６）セミオープンシステムの検討",
				"７": "７　症例検討会・研修", "８": "８　その他の取組"}
			return [][]string{{"", paraphrase[string([]rune(c[0])[:1])], c[1], c[2], c[3]}}
		}), nil},
		{"ticks for marks", formRows(kuchuobuInfo, templateHead, func(c [4]string) [][]string {
			return [][]string{{"", c[0], strings.ReplaceAll(c[1], "○", "レ"), c[2], c[3]}}
		}), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sh := sheetOf("調査票", tt.rows, tt.merges...)
			recs, probs := testReader(t).Read(&perinet.Grid{Format: "xlsx", Sheets: []perinet.Sheet{sh}})
			for _, p := range probs {
				t.Errorf("problem: %+v", p)
			}
			if len(recs) != 1 {
				t.Fatalf("%d records, want 1", len(recs))
			}
			sameRecord(t, recs[0], kuchuobuJSON)
		})
	}
}

// kuchuobuTable is 区中央部 and 西多摩 in a table under heads, a row each
// laid out by row.
func tableRows(heads [][]string, row func(block, hospital, start string, items [][4]string) [][]string) [][]string {
	rows := append([][]string{{"周産期医療ネットワークグループ事業 実施状況（平成28年度）"}}, heads...)
	rows = append(rows, row("区中央部", "愛育", "H22年2月", kuchuobuItems)...)
	return rows
}

// flatRow writes a group's row in the published column order: block,
// start, hospital, then each item's mark, and its count or details where
// the item has a second column.
func flatRow(block, hospital, start string, items [][4]string) [][]string {
	row := []string{block, start, hospital}
	for i, it := range items {
		switch i + 1 {
		case 3:
			row = append(row, it[1], it[2])
		case 4, 5, 7:
			row = append(row, it[1], it[3])
		default:
			row = append(row, it[1])
		}
	}
	return [][]string{row}
}

// TestReadTableLayouts reads 区中央部 in multi-group tables as people and
// programs write them.
func TestReadTableLayouts(t *testing.T) {
	flat := []string{"ブロック名", "開始年月", "委託病院", "1 地域連携会議の運営等", "2 各医療機関等の医療機能の把握",
		"3 連携リストの有無", "3 配布先", "4 実施の有無", "4 具体的内容", "5 実施の有無", "5 具体的内容",
		"6 産科セミオープンシステム・オープンシステムの検討", "7 実施の有無", "7 具体的内容", "8 その他"}
	top := []string{"ブロック名", "開始年月", "委託病院", "１　地域連携会議の運営等", "２　各医療機関等の医療機能の把握",
		"３　連携リストの作成・配布", "", "４　リスクに応じた役割分担と連携方法の検討", "", "５　妊産婦等に関する情報の共有化等", "",
		"６　産科セミオープンシステム・オープンシステムの検討", "７　研修等", "", "８　その他"}
	sub := []string{"", "", "", "", "", "リストの有無", "配布先", "実施の有無", "具体的内容", "実施の有無", "具体的内容", "", "実施の有無", "具体的内容", ""}
	tests := []struct {
		name  string
		rows  [][]string
		merge []string
	}{
		{"one header row of compound headings", tableRows([][]string{flat}, flatRow), nil},
		{"two header rows, blank under the merged headings (Excel's CSV)", tableRows([][]string{top, sub}, flatRow), nil},
		{"two header rows, merged", tableRows([][]string{top, sub}, flatRow), []string{"F2:G2", "H2:I2", "J2:K2", "M2:N2"}},
		{"a continuation row with more details", tableRows([][]string{top, sub}, func(b, h, s string, items [][4]string) [][]string {
			its := append([][4]string(nil), items...)
			its[6][3] = "・NCPR講習会\n・ALSO"
			rows := flatRow(b, h, s, its)
			more := make([]string, len(rows[0]))
			more[13] = "・育児支援研修会\n・J-MELSﾍﾞｰｼｯｸｺｰｽ"
			return append(rows, more)
		}), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sh := sheetOf("実施状況", tt.rows, tt.merge...)
			recs, probs := testReader(t).Read(&perinet.Grid{Format: "csv", Sheets: []perinet.Sheet{sh}})
			for _, p := range probs {
				t.Errorf("problem: %+v", p)
			}
			if len(recs) != 1 {
				t.Fatalf("%d records, want 1", len(recs))
			}
			sameRecord(t, recs[0], kuchuobuJSON)
		})
	}
}

// TestReadGroupsAsColumns reads a table with a column per group and the
// items down: the one-group form's orientation with more than one group.
func TestReadGroupsAsColumns(t *testing.T) {
	rows := [][]string{
		{"周産期医療ネットワークグループ事業 実施状況（平成28年度）"},
		{"ブロック名", "区中央部", "", "区南部", ""},
		{"開始年月", "H22年2月", "", "H23年11月", ""},
		{"委託病院", "愛育", "", "東邦大森", ""},
		{"項目", "実施の有無", "具体的内容", "実施の有無", "具体的内容"},
	}
	for _, it := range kuchuobuItems {
		rows = append(rows, []string{it[0], it[1], it[3], it[1], ""})
		if it[2] != "" {
			rows = append(rows, []string{"　配布先", it[2], "", "62施設", ""})
		}
	}
	sh := sheetOf("実施状況", rows, "B2:C2", "D2:E2", "B3:C3", "D3:E3", "B4:C4", "D4:E4")
	recs, probs := testReader(t).Read(&perinet.Grid{Format: "xlsx", Sheets: []perinet.Sheet{sh}})
	for _, p := range probs {
		t.Errorf("problem: %+v", p)
	}
	if len(recs) != 2 {
		t.Fatalf("%d records, want 2", len(recs))
	}
	if recs[0].Block != "区中央部" || recs[1].Block != "区南部" || recs[1].Hospital != "東邦大学医療センター大森病院" {
		t.Errorf("groups %s %s %s", recs[0].Block, recs[1].Block, recs[1].Hospital)
	}
	if it := recs[0].Items[2]; it.DistributedTo == nil || *it.DistributedTo != 103 {
		t.Errorf("区中央部 item 3: %+v", it)
	}
	if it := recs[1].Items[2]; it.DistributedTo == nil || *it.DistributedTo != 62 {
		t.Errorf("区南部 item 3: %+v", it)
	}
	if got := strings.Join(recs[0].Items[6].Details, "|"); got != "NCPR講習会|ALSO|育児支援研修会|J-MELSベーシックコース" {
		t.Errorf("区中央部 item 7 details %q", got)
	}
	if it := recs[1].Items[6]; it.Mark != perinet.Yes || len(it.Details) != 0 {
		t.Errorf("区南部 item 7: %+v", it)
	}
}

// TestReadOtherSheets reads a workbook holding, beside the form, an
// example filled in for a made-up group and last year's answers: the form
// alone gives a Record; last year's sheet a warning.
func TestReadOtherSheets(t *testing.T) {
	template := func(c [4]string) [][]string { return [][]string{{"", c[0], c[1], c[2], c[3]}} }
	head := []string{"", "項目", "実施の有無", "配布先（施設数）", "具体的内容"}
	form := formRows(kuchuobuInfo, head, template)
	lastYear := append([][]string{{"周産期医療ネットワークグループ事業 取組状況調査票"}, {"平成27年度（2015年度）"}}, form[2:]...)
	example := formRows([][]string{{"", "ブロック名", "○○ブロック"}, {"", "委託病院", "○○病院"}, {"", "開始年月", "H22年4月"}}, head, template)
	g := &perinet.Grid{Format: "xlsx", Sheets: []perinet.Sheet{sheetOf("記入例", example), sheetOf("前年度", lastYear), sheetOf("調査票", form)}}
	recs, probs := testReader(t).Read(g)
	if len(recs) != 1 || recs[0].FiscalYear != 2016 {
		t.Fatalf("%d records %+v, want 区中央部's of 2016 alone", len(recs), recs)
	}
	sameRecord(t, recs[0], kuchuobuJSON)
	if len(probs) != 1 || probs[0].Code != perinet.OtherFiscalYear || probs[0].Severity != perinet.Warning || probs[0].Where != "前年度!A2" {
		t.Errorf("problems %+v, want one other_fiscal_year warning at 前年度!A2", probs)
	}
}

// TestReadUnreadCells: what is written outside the survey's fields is
// quoted in an unread_cell warning, but for furniture: notes, instructions,
// 記入者 and its value.
func TestReadUnreadCells(t *testing.T) {
	rows := formRows(kuchuobuInfo, []string{"", "項目", "実施の有無", "配布先（施設数）", "具体的内容"},
		func(c [4]string) [][]string { return [][]string{{"", c[0], c[1], c[2], c[3]}} })
	rows[9] = append(rows[9], "", "※昨年度と同じ")  // a note beside item 1
	rows[10] = append(rows[10], "", "昨年度と同じ") // the same without its mark: unread
	rows = append(rows, []string{}, []string{"", "記入者", "山田"}, []string{"", "【記入要領】"}, []string{"", "黄色の欄に書く"})
	recs, probs := testReader(t).Read(&perinet.Grid{Format: "xlsx", Sheets: []perinet.Sheet{sheetOf("調査票", rows)}})
	if len(recs) != 1 {
		t.Fatalf("%d records", len(recs))
	}
	sameRecord(t, recs[0], kuchuobuJSON)
	if len(probs) != 1 || probs[0].Code != perinet.UnreadCell || probs[0].Where != "調査票!G11" || probs[0].Text != "昨年度と同じ" {
		t.Errorf("problems %+v, want one unread_cell at 調査票!G11", probs)
	}
}

// TestReadMoreLayouts reads forms laid out in ways the layout generator
// does not make: the items' numbers in a column of their own, marks
// written as words, the count written in the details with its label.
func TestReadMoreLayouts(t *testing.T) {
	head := []string{"周産期医療ネットワークグループ事業 取組状況調査票（平成28年度）"}
	info := [][]string{{"ブロック名", "区中央部"}, {"委託病院", "愛育"}, {"開始年月", "H22年2月"}}
	labels := []string{"地域連携会議の運営等", "各医療機関等の医療機能の把握", "連携リストの作成・配布", "リスクに応じた役割分担と連携方法の検討",
		"妊産婦等に関する情報の共有化等", "産科セミオープンシステム・オープンシステムの検討", "研修等", "その他"}
	tests := []struct {
		name string
		rows func() [][]string
		want func(t *testing.T, recs []perinet.Record)
	}{
		{"numbers in a column of their own", func() [][]string {
			rows := append([][]string{head}, info...)
			rows = append(rows, []string{"No.", "項目", "実施の有無", "配布先", "具体的内容"})
			for i, l := range labels {
				rows = append(rows, []string{fmt.Sprint(i + 1), l, "○"})
			}
			rows[7] = append(rows[7], "103施設")
			return rows
		}, func(t *testing.T, recs []perinet.Record) {
			if it := recs[0].Items[2]; it.DistributedTo == nil || *it.DistributedTo != 103 || it.Mark != perinet.Yes {
				t.Errorf("item 3: %+v", it)
			}
		}},
		{"marks as words, the count in the details with its label", func() [][]string {
			rows := append([][]string{head}, info...)
			rows = append(rows, []string{"項目", "実施の有無", "具体的内容"})
			for i, l := range labels {
				mark := "実施した"
				if i%2 == 1 {
					mark = "実施していない"
				}
				rows = append(rows, []string{l, mark})
			}
			rows[7] = append(rows[7], "配布先：103施設\n・ホームページで公開")
			return rows
		}, func(t *testing.T, recs []perinet.Record) {
			it := recs[0].Items[2]
			if it.DistributedTo == nil || *it.DistributedTo != 103 || strings.Join(it.Details, "|") != "ホームページで公開" || it.Mark != perinet.Yes {
				t.Errorf("item 3: %+v", it)
			}
			if recs[0].Items[1].Mark != perinet.No {
				t.Errorf("item 2: %+v", recs[0].Items[1])
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, probs := testReader(t).Read(&perinet.Grid{Sheets: []perinet.Sheet{sheetOf("調査票", tt.rows())}})
			for _, p := range probs {
				t.Errorf("problem: %+v", p)
			}
			if len(recs) != 1 {
				t.Fatalf("%d records", len(recs))
			}
			tt.want(t, recs)
		})
	}
}

// TestReadFormInParts reads a form whose items stand in two tables: side
// by side (items 1–4 left, 5–8 right, to fit the page), or one under the
// other, each with its headings.
func TestReadFormInParts(t *testing.T) {
	items := kuchuobuItems
	head := [][]string{{"周産期医療ネットワークグループ事業 取組状況調査票（平成28年度）"}, {"ブロック名", "区中央部"}, {"委託病院", "愛育"}, {"開始年月", "H22年2月"}, {}}
	sideBySide := append(append([][]string{}, head...), []string{"項目", "実施の有無", "配布先", "具体的内容", "", "項目", "実施の有無", "具体的内容"})
	for i := 0; i < 4; i++ {
		a, b := items[i], items[i+4]
		sideBySide = append(sideBySide, []string{a[0], a[1], a[2], a[3], "", b[0], b[1], b[3]})
	}
	stacked := append([][]string{}, head...)
	for _, part := range [][][4]string{items[:4], items[4:]} {
		stacked = append(stacked, []string{"項目", "実施の有無", "配布先", "具体的内容"})
		for _, it := range part {
			stacked = append(stacked, it[:])
		}
		stacked = append(stacked, []string{})
	}
	for name, rows := range map[string][][]string{"side by side": sideBySide, "one under the other": stacked} {
		t.Run(name, func(t *testing.T) {
			recs, probs := testReader(t).Read(&perinet.Grid{Sheets: []perinet.Sheet{sheetOf("調査票", rows)}})
			for _, p := range probs {
				t.Errorf("problem: %+v", p)
			}
			if len(recs) != 1 {
				t.Fatalf("%d records", len(recs))
			}
			sameRecord(t, recs[0], kuchuobuJSON)
		})
	}
}
