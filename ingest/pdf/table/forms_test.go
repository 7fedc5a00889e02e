package table

import (
	"reflect"
	"strings"
	"testing"

	"perinet/ingest/pdf"
)

// itemLabels are the item labels of the one-group form's template.
var itemLabels = [8]string{
	"１　地域連携会議の運営等", "２　各医療機関等の医療機能の把握", "３　連携リストの作成・配布",
	"４　リスクに応じた役割分担と連携方法の検討", "５　妊産婦等に関する情報の共有化等",
	"６　産科セミオープンシステム・オープンシステムの検討（事業開始時からの取組を含む）",
	"７　研修等（連携会議とは別に実施）", "８　その他",
}

// formPage sketches a group's one-group form (調査票) as the template
// lays it out (fixtures/gen/form.go): the title and fiscal year, the info
// rows B4:C7, and the item table B9:E17 at 10 pt on A4 portrait; bare,
// without borders and with every cell's text from its top.
func formPage(g group, number int, bare bool) *pdf.Page {
	s := newSketch(number)
	s.bare = bare
	s.text(20, 790, 575, 814, 14, centred, "周産期医療ネットワークグループ事業 取組状況調査票")
	s.write(22, 770, 10, "平成28年度（2016年度）")
	info := []span{}
	for i, kv := range [][2]string{{"ブロック名", g.Block}, {"区分", g.Tier}, {"委託病院", g.Hospital}, {"開始年月", g.Start}} {
		info = append(info, one(i, 0, kv[0], left), one(i, 1, kv[1], left))
	}
	y := s.grid(31, 740, []float64{194, 60}, 10, info)
	items := []span{one(0, 0, "項目", centred), one(0, 1, "実施の有無", centred), one(0, 2, "配布先（施設数）", centred), one(0, 3, "具体的内容", centred)}
	for i, e := range g.items {
		items = append(items, one(i+1, 0, itemLabels[i], left), one(i+1, 1, e.mark, centred), one(i+1, 2, e.to, left), one(i+1, 3, e.details, left))
	}
	s.grid(31, y-minRow, []float64{194, 60, 80, 210}, 10, items)
	return s.page
}

// TestFormPages reads every group's one-group form, ruled as the template
// prints it, and its 区中央部 without rules, as the fixture's Records.
func TestFormPages(t *testing.T) {
	for _, g := range published(t) {
		t.Run(g.Block, func(t *testing.T) {
			sheets := Sheets([]*pdf.Page{formPage(g, 1, false)})
			sameRecords(t, readRecords(t, sheets), g.Block)
		})
	}
	t.Run("区中央部 without rules", func(t *testing.T) {
		sheets := Sheets([]*pdf.Page{formPage(published(t)[0], 1, true)})
		sameRecords(t, readRecords(t, sheets), "区中央部")
	})
}

// TestFormSheet shows how the ruled form of 区中央部 reads.
func TestFormSheet(t *testing.T) {
	want := [][]string{
		{"周産期医療ネットワークグループ事業 取組状況調査票"},
		{"平成28年度（2016年度）"},
		{"ブロック名", "区中央部"},
		{"区分", "ネットワークグループ"},
		{"委託病院", "愛育"},
		{"開始年月", "H22年2月"},
	}
	want = append(want, kuchuobuItemRows...)
	sheets := Sheets([]*pdf.Page{formPage(published(t)[0], 1, false)})
	if got := drawing(sheets[0].Rows); !reflect.DeepEqual(got, want) {
		t.Errorf("read\n%q\nwant\n%q", got, want)
	}
}

// The published table's layout (fixtures/gen/table.go) on A4 landscape:
// its columns A–P at 3.9 pt a character of the workbook's widths, and the
// items' headings as it breaks them into lines.
var (
	publishedWidths = []float64{17.55, 50.7, 42.9, 46.8, 31.2, 31.2, 31.2, 42.9, 27.3, 101.4, 27.3, 101.4, 54.6, 27.3, 93.6, 70.2}
	publishedHeads  = [8]string{
		"１　地域連携\n会議の運営等", "２　各医療機\n関等の医療\n機能の把握", "３　連携リストの\n作成・配布",
		"４　リスクに応じた役割分担と\n連携方法の検討", "５　妊産婦等に関する\n情報の共有化等",
		"６　産科セミオープンシステム・オープンシステムの検討（事業開始時からの取組を含む）",
		"７　研修等\n（連携会議とは別に実施）", "８　その他",
	}
	// publishedSubs are the sub-headings of the items with two columns.
	publishedSubs = map[int][2]string{2: {"リストの有無", "配布先"}, 3: {"実施の有無", "具体的内容"}, 4: {"実施の有無", "具体的内容"}, 6: {"実施の有無", "具体的内容"}}
)

// publishedPage sketches groups of the published table on a page: the
// title above it and the two heading rows when asked for, a row per group.
func publishedPage(number int, gs []group, title, head bool) *pdf.Page {
	s := newLandscape(number)
	y := 575.0
	if title {
		s.write(21, 560, 11, "周産期医療ネットワークグループ事業 実施状況　各グループの取組状況（平成28年度）")
		y = 550
	}
	var spans []span
	first := 0
	if head {
		spans, first = publishedHead(), 2
	}
	spans = append(spans, publishedTiers(gs, first)...)
	s.grid(21, y, publishedWidths, 7, append(spans, publishedBody(gs, first)...))
	return s.page
}

// publishedHead returns the two heading rows.
func publishedHead() []span {
	h := []span{{0, 0, 2, 2, "ブロック名", centred}, {0, 2, 2, 1, "開始年月", centred}, {0, 3, 2, 1, "委託病院", centred}}
	col := 4
	for n, head := range publishedHeads {
		sub, two := publishedSubs[n]
		if !two {
			h = append(h, span{0, col, 2, 1, head, centred})
			col++
			continue
		}
		h = append(h, span{0, col, 1, 2, head, centred}, one(1, col, sub[0], centred), one(1, col+1, sub[1], centred))
		col += 2
	}
	return h
}

// publishedTiers returns columns A and B of the groups' rows from grid row
// r0: the tier written one character a line down the rows of its groups,
// the network group that heads sub-groups (多摩地域) across A:B.
func publishedTiers(gs []group, r0 int) []span {
	var spans []span
	for start := 0; start < len(gs); {
		end := start
		for end+1 < len(gs) && gs[end+1].Tier == gs[start].Tier {
			end++
		}
		heads := gs[start].Tier == "ネットワークグループ" && end+1 < len(gs)
		if heads {
			end--
		}
		if end >= start {
			spans = append(spans, span{r0 + start, 0, end - start + 1, 1, gs[start].Tier, stack})
		}
		for i := start; i <= end; i++ {
			spans = append(spans, one(r0+i, 1, gs[i].Block, left))
		}
		if heads {
			end++
			spans = append(spans, span{r0 + end, 0, 1, 2, gs[end].Block, left})
		}
		start = end + 1
	}
	return spans
}

// publishedBody returns columns C–P of the groups' rows from grid row r0;
// a note in place of 配布先 (no digits) is merged down the rows that have
// the same.
func publishedBody(gs []group, r0 int) []span {
	var spans []span
	for i, g := range gs {
		spans = append(spans, one(r0+i, 2, g.Start, centred), one(r0+i, 3, g.Hospital, left))
		col := 4
		for n, e := range g.items {
			if _, two := publishedSubs[n]; !two {
				spans = append(spans, one(r0+i, col, e.mark+e.details, map[bool]align{true: centred, false: left}[e.mark != ""]))
				col++
				continue
			}
			spans = append(spans, one(r0+i, col, e.mark, centred))
			second := e.details
			if n == 2 {
				second = e.to
			}
			switch rows := noteRows(gs, i, n); {
			case rows == 0:
			case rows > 1:
				spans = append(spans, span{r0 + i, col + 1, rows, 1, second, left})
			default:
				spans = append(spans, one(r0+i, col+1, second, left))
			}
			col += 2
		}
	}
	return spans
}

// noteRows returns how many rows from group i the cell of item n's 配布先
// spans: 0 when the group above has the same note (its cell covers this
// one), 1 for a count.
func noteRows(gs []group, i, n int) int {
	to := gs[i].items[n].to
	note := n == 2 && to != "" && !strings.ContainsAny(to, "0123456789")
	if !note {
		return 1
	}
	if i > 0 && gs[i-1].items[n].to == to {
		return 0
	}
	end := i
	for end+1 < len(gs) && gs[end+1].items[n].to == to {
		end++
	}
	return end - i + 1
}

// TestPublishedTable reads the whole published table, on one page, as the
// fixture's Records.
func TestPublishedTable(t *testing.T) {
	gs := published(t)
	sheets := Sheets([]*pdf.Page{publishedPage(1, gs, true, true)})
	sameRecords(t, readRecords(t, sheets), blocks(gs)...)
}

// TestContinuedTable reads the published table printed over two pages,
// the first seven groups on the first.
func TestContinuedTable(t *testing.T) {
	tests := []struct {
		name        string
		title, head bool // the second page has the title, the heading rows
		sheets      []string
		rows        []int
	}{
		{"the second page only goes on", false, false, []string{"p1-p2"}, []int{1 + 2 + 14}},
		{"the heading rows printed again", false, true, []string{"p1-p2"}, []int{1 + 2 + 14}},
		{"title and heading printed again", true, true, []string{"p1", "p2"}, []int{1 + 2 + 7, 1 + 2 + 7}},
	}
	gs := published(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sheets := Sheets([]*pdf.Page{publishedPage(1, gs[:7], true, true), publishedPage(2, gs[7:], tt.title, tt.head)})
			var names []string
			var rows []int
			for _, s := range sheets {
				names, rows = append(names, s.Name), append(rows, len(s.Rows))
			}
			if !reflect.DeepEqual(names, tt.sheets) || !reflect.DeepEqual(rows, tt.rows) {
				t.Errorf("sheets %q of %v rows, want %q of %v", names, rows, tt.sheets, tt.rows)
			}
			sameRecords(t, readRecords(t, sheets), blocks(gs)...)
		})
	}
}

// kuchuobuItemRows are the item rows of 区中央部's form as a Sheet gives
// them, under their heading.
var kuchuobuItemRows = [][]string{
	{"項目", "実施の有無", "配布先（施設数）", "具体的内容"},
	{"１ 地域連携会議の運営等", "○", "", ""},
	{"２ 各医療機関等の医療機能の把握", "○", "", ""},
	{"３ 連携リストの作成・配布", "○", "103施設", ""},
	{"４ リスクに応じた役割分担と連携方法の検討", "○", "", "（連携会議で検討）"},
	{"５ 妊産婦等に関する情報の共有化等", "○", "", "（連携会議で実施）"},
	{"６ 産科セミオープンシステム・オープンシステムの検討（事業開始時からの取組を含む）", "○", "", ""},
	{"７ 研修等（連携会議とは別に実施）", "○", "", "・NCPR講習会\n・ALSO\n・育児支援研修会\n・J-MELSﾍﾞｰｼｯｸｺｰｽ"},
	{"８ その他", "", "", ""},
}
