package reader

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"perinet"
)

// sheetOf builds a sheet from rows of text, with merged ranges such as
// "A1:E1": every cell of a range but the first gets its text and place.
func sheetOf(name string, rows [][]string, merges ...string) perinet.Sheet {
	s := perinet.Sheet{Name: name}
	for i, row := range rows {
		var cells []perinet.Cell
		for j, text := range row {
			cells = append(cells, perinet.Cell{Text: text, Where: fmt.Sprintf("%s!%s%d", name, colName(j), i+1)})
		}
		s.Rows = append(s.Rows, cells)
	}
	for _, m := range merges {
		var c1, c2 string
		var r1, r2 int
		fmt.Sscanf(strings.Replace(m, ":", " ", 1), "%1s%d %1s%d", &c1, &r1, &c2, &r2)
		first := s.Rows[r1-1][c1[0]-'A']
		for i := r1 - 1; i < r2; i++ {
			for len(s.Rows[i]) <= int(c2[0]-'A') {
				s.Rows[i] = append(s.Rows[i], perinet.Cell{})
			}
			for j := int(c1[0] - 'A'); j <= int(c2[0]-'A'); j++ {
				if i != r1-1 || j != int(c1[0]-'A') {
					s.Rows[i][j] = first
					s.Rows[i][j].Merged = true
				}
			}
		}
	}
	return s
}

func colName(j int) string { return string(rune('A' + j)) }

func testReader(t *testing.T) *Reader {
	t.Helper()
	r, err := New(perinet.DefaultSurvey(), time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// kuchuobu is the one-group form of 区中央部 in the template's layout.
var kuchuobu = [][]string{
	{"周産期医療ネットワークグループ事業 取組状況調査票"},
	{"平成28年度（2016年度）"},
	{},
	{"", "ブロック名", "区中央部"},
	{"", "区分", "ネットワークグループ"},
	{"", "委託病院", "愛育"},
	{"", "開始年月", "H22年2月"},
	{},
	{"", "項目", "実施の有無", "配布先（施設数）", "具体的内容"},
	{"", "１　地域連携会議の運営等", "○"},
	{"", "２　各医療機関等の医療機能の把握", "○"},
	{"", "３　連携リストの作成・配布", "○", "103施設"},
	{"", "４　リスクに応じた役割分担と連携方法の検討", "○", "", "（連携会議で検討）"},
	{"", "５　妊産婦等に関する情報の共有化等", "○", "", "（連携会議で実施）"},
	{"", "６　産科セミオープンシステム・オープンシステムの検討（事業開始時からの取組を含む）", "○"},
	{"", "７　研修等（連携会議とは別に実施）", "○", "", "・NCPR講習会\n・ALSO\n・育児支援研修会\n・J-MELSﾍﾞｰｼｯｸｺｰｽ"},
	{"", "８　その他", ""},
}

const kuchuobuJSON = `{"fiscal_year":2016,"tier":"network","block":"区中央部","hospital":"愛育病院","started":{"year":2010,"month":2},
"items":[{"no":1,"mark":"yes","details":[]},{"no":2,"mark":"yes","details":[]},{"no":3,"mark":"yes","distributed_to":103,"details":[]},
{"no":4,"mark":"yes","details":["連携会議で検討"]},{"no":5,"mark":"yes","details":["連携会議で実施"]},{"no":6,"mark":"yes","details":[]},
{"no":7,"mark":"yes","details":["NCPR講習会","ALSO","育児支援研修会","J-MELSベーシックコース"]},{"no":8,"mark":"blank","details":[]}]}`

// sameRecord compares a Record with the contract's JSON of one, leaving
// out its source.
func sameRecord(t *testing.T, got perinet.Record, want string) {
	t.Helper()
	got.Source = perinet.Source{}
	b, _ := json.Marshal(got)
	var g, w map[string]any
	json.Unmarshal(b, &g)
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatal(err)
	}
	delete(g, "source")
	gj, _ := json.Marshal(g)
	wj, _ := json.Marshal(w)
	if string(gj) != string(wj) {
		t.Errorf("record\n%s\nwant\n%s", gj, wj)
	}
}

func TestReadOneGroupForm(t *testing.T) {
	r := testReader(t)
	g := &perinet.Grid{Format: "xlsx", Sheets: []perinet.Sheet{sheetOf("調査票", kuchuobu, "A1:E1")}}
	recs, probs := r.Read(g)
	if len(probs) != 0 || len(recs) != 1 {
		t.Fatalf("Read: %d records, problems %+v", len(recs), probs)
	}
	sameRecord(t, recs[0], kuchuobuJSON)
	want := map[string]string{"fiscal_year": "調査票!A2", "block": "調査票!C4", "hospital": "調査票!C6", "started": "調査票!C7",
		"items.1": "調査票!C10", "items.3.distributed_to": "調査票!D12", "items.7.details": "調査票!E16", "items.8": "調査票!C17"}
	for k, v := range want {
		if got := recs[0].Source.Where[k]; got != v {
			t.Errorf("source of %s = %q, want %q", k, got, v)
		}
	}
}

// TestReadEditedForm reads the form as a person changes it: rows moved, the
// table shifted, labels without numbers, other circles, no headings.
func TestReadEditedForm(t *testing.T) {
	rows := [][]string{
		{"", "", "周産期医療ネットワークグループ事業（H28年度）"},
		{"", "", "開始年月", "", "Ｈ22年２月"},
		{"", "", "ブロック名", "", "区中央部 "},
		{"", "", "病院名", "", "愛育病院"},
		{},
		{"", "", "地域連携会議の運営等", "", "◯"},
		{"", "", "各医療機関等の医療機能の把握", "", "〇"},
		{},
		{"", "", "1.連携リストの作成・配布", "", "⭕", "１０３施設", "", "※昨年度と同じ"},
		{"", "", "リスクに応じた役割分担と連携方法の検討", "", "○", "", "（連携会議で検討）"},
		{"", "", "妊産婦等に関する情報の共有化等", "", "○", "", "（連携会議で実施）"},
		{"", "", "産科セミオープンシステム・オープンシステムの検討", "", "○"},
		{"", "", "研修等", "", "○ NCPR講習会"},
		{"", "", "その他", "", ""},
	}
	sh := sheetOf("Sheet1", rows, "C2:D2", "C3:D3", "C4:D4", "C6:D6", "C7:D7", "C9:D9", "C10:D10", "C11:D11", "C12:D12", "C13:D13", "C14:D14")
	recs, probs := testReader(t).Read(&perinet.Grid{Sheets: []perinet.Sheet{sh}})
	if len(recs) != 1 {
		t.Fatalf("Read: %d records, problems %+v", len(recs), probs)
	}
	for _, p := range probs {
		t.Errorf("problem: %+v", p)
	}
	rec := recs[0]
	if rec.Block != "区中央部" || rec.Hospital != "愛育病院" || rec.FiscalYear != 2016 || *rec.Started != (perinet.Date{Year: 2010, Month: 2}) {
		t.Errorf("record %+v", rec)
	}
	if it := rec.Items[2]; it.Mark != perinet.Yes || it.DistributedTo == nil || *it.DistributedTo != 103 {
		t.Errorf("item 3: %+v", it)
	}
	if it := rec.Items[6]; it.Mark != perinet.Yes || strings.Join(it.Details, "|") != "NCPR講習会" {
		t.Errorf("item 7: %+v", it)
	}
}

func TestReadTable(t *testing.T) {
	rows := [][]string{
		{"周産期医療ネットワークグループ事業　実施状況（平成28年度）"},
		{"", "ブロック名", "", "開始年月", "委託病院", "１　地域連携会議の運営等", "２　各医療機関等の医療機能の把握", "３　連携リストの作成・配布", "", "４　リスクに応じた役割分担と連携方法の検討", "", "５　妊産婦等に関する情報の共有化等", "", "６　産科セミオープンシステム・オープンシステムの検討", "７　研修等（連携会議とは別に実施）", "", "８　その他"},
		{"", "", "", "", "", "", "", "リストの有無", "配布先", "実施の有無", "具体的内容", "実施の有無", "具体的内容", "", "実施の有無", "具体的内容", ""},
		{"ネットワークグループ", "区西南部", "", "Ｈ20年8月", "日赤", "○", "○", "○", "78施設", "○", "周産期医療機関連携ガイドラインに沿った役割分担、連携体制の構築", "○", "・共通診療ノート\n・マタニティダイアリー\n・きずなノート", "○", "○", "・助産師対象の研修", "ＷＥＢ型周産期地域診療情報連携システムの利用促進"},
		{"", "多摩地域", "", "Ｈ21年12月", "杏林大", "○", "○", "○", "158施設", "○", "各サブグループ内で予後不良となった症例を議論・協議し、既存のサブグループ内独自の基準をアップデート", "○", "（サブグループ内での情報交換会や症例検討会で実施）", "○", "○", "・セミオープンシステム症例検討会", ""},
		{"サブグループ", "多摩地域", "西多摩", "H22年2月", "青梅市立", "○", "○", "○", "多摩地域全体分を杏林大が集約・配付", "○", "（連携会議で検討）", "○", "（連携会議で実施）", "", "", "", ""},
		{"", "", "北多摩南部", "H22年2月", "武蔵野赤十字", "○", "○", "○", "", "○", "多摩地域新生児研究会で討議", "○", "（連携会議で実施）", "", "○", "", "SNSの整備"},
		{"※ 事務局集計"},
		{"", "記入要領：黄色の欄に記入してください。開始年月は 2010/2/1 のように入力します。"},
	}
	sh := sheetOf("実施状況", rows, "B9:Q9", "B2:C3", "D2:D3", "E2:E3", "F2:F3", "G2:G3", "H2:I2", "J2:K2", "L2:M2", "N2:N3", "O2:P2", "Q2:Q3",
		"A4:A5", "B4:C4", "B5:C5", "A6:A7", "B6:B7", "I6:I7")
	recs, probs := testReader(t).Read(&perinet.Grid{Sheets: []perinet.Sheet{sh}})
	for _, p := range probs {
		t.Errorf("problem: %+v", p)
	}
	if len(recs) != 4 {
		t.Fatalf("Read: %d records, want 4", len(recs))
	}
	want := []string{"区西南部", "多摩地域", "西多摩", "北多摩南部"}
	for i, rec := range recs {
		if rec.Block != want[i] || rec.FiscalYear != 2016 {
			t.Errorf("record %d: %s %d, want %s 2016", i, rec.Block, rec.FiscalYear, want[i])
		}
	}
	if rec := recs[0]; rec.Items[7].Mark != perinet.Blank || strings.Join(rec.Items[7].Details, "|") != "WEB型周産期地域診療情報連携システムの利用促進" ||
		strings.Join(rec.Items[4].Details, "|") != "共通診療ノート|マタニティダイアリー|きずなノート" || rec.Items[5].Mark != perinet.Yes {
		t.Errorf("区西南部: %+v", rec.Items)
	}
	for _, rec := range recs[2:] {
		it := rec.Items[2]
		if rec.Tier != perinet.Subgroup || rec.Parent != "多摩地域" || it.DistributedTo != nil || strings.Join(it.Details, "|") != "多摩地域全体分を杏林大が集約・配付" {
			t.Errorf("%s: tier %s parent %s item 3 %+v", rec.Block, rec.Tier, rec.Parent, it)
		}
	}
	if w := recs[3].Source.Where["items.3.distributed_to"]; w != "実施状況!I6" {
		t.Errorf("北多摩南部's note read from %s, want the merged range's first cell 実施状況!I6", w)
	}
}

func TestReadProblems(t *testing.T) {
	r := testReader(t)
	noYear := append([][]string{{"調査票"}, {}}, kuchuobu[2:]...)
	twice := append(append([][]string{}, kuchuobu...), []string{"", "ブロック名", "区南部"})
	tests := []struct {
		name  string
		sheet perinet.Sheet
		year  int
		codes string
	}{
		{"not a survey", sheetOf("Sheet1", [][]string{{"氏名", "住所"}, {"山田", "東京都"}}), 0, "no_survey_found"},
		{"no fiscal year", sheetOf("調査票", noYear), 0, "missing_fiscal_year"},
		{"fiscal year given", sheetOf("調査票", noYear), 2016, ""},
		{"fiscal year differs", sheetOf("調査票", kuchuobu), 2017, "conflicting_values"},
		{"block twice", sheetOf("調査票", twice), 0, "conflicting_values"},
	}
	for _, tt := range tests {
		r.FiscalYear = tt.year
		_, probs := r.Read(&perinet.Grid{Sheets: []perinet.Sheet{tt.sheet}})
		var codes []string
		for _, p := range probs {
			codes = append(codes, string(p.Code))
		}
		if got := strings.Join(codes, ","); got != tt.codes {
			t.Errorf("%s: problems %s, want %s (%+v)", tt.name, got, tt.codes, probs)
		}
	}
}

func TestReadDuplicateGroup(t *testing.T) {
	g := &perinet.Grid{Sheets: []perinet.Sheet{sheetOf("A", kuchuobu), sheetOf("B", kuchuobu)}}
	recs, probs := testReader(t).Read(g)
	if len(recs) != 2 || len(probs) != 1 || probs[0].Code != perinet.DuplicateGroup || probs[0].Where != "B!C4" {
		t.Errorf("%d records, problems %+v; want 2 and one duplicate_group at B!C4", len(recs), probs)
	}
}

func TestReadDateCell(t *testing.T) {
	for _, showsDay := range []bool{false, true} {
		sh := sheetOf("調査票", kuchuobu)
		sh.Rows[6][2] = perinet.Cell{Text: "40210", Where: "調査票!C7", Date: &perinet.DateCell{Serial: 40210, ShowsDay: showsDay}}
		recs, probs := testReader(t).Read(&perinet.Grid{Sheets: []perinet.Sheet{sh}})
		want := perinet.Date{Year: 2010, Month: 2}
		if showsDay {
			want.Day = 1
		}
		if len(probs) != 0 || *recs[0].Started != want {
			t.Errorf("date cell, day shown %v: %+v, %+v; want %+v", showsDay, recs[0].Started, probs, want)
		}
	}
}

// TestReadLongTable: a machine-readable table names every item once per
// group, in one column; it is not a one-group form.
func TestReadLongTable(t *testing.T) {
	rows := [][]string{{"年度", "ブロック名", "項目番号", "項目名", "実施"}}
	for _, block := range []string{"区中央部", "区南部"} {
		for _, it := range perinet.DefaultSurvey().Items {
			rows = append(rows, []string{"2016", block, fmt.Sprint(it.No), it.Label, "○"})
		}
	}
	recs, probs := testReader(t).Read(&perinet.Grid{Sheets: []perinet.Sheet{sheetOf("データ", rows)}})
	if len(recs) != 0 || len(probs) != 1 || probs[0].Code != perinet.NoSurveyFound {
		t.Errorf("long table: %d records, problems %+v; want only no_survey_found", len(recs), probs)
	}
}

// TestReadItemsWithoutForm: a page that lists the items without a form's
// headings (the programme's description in a report) is no survey, and
// is passed over when another sheet has the form.
func TestReadItemsWithoutForm(t *testing.T) {
	rows := [][]string{{"目的及び事業内容"}, {"２　事業内容"}}
	for _, it := range perinet.DefaultSurvey().Items {
		rows = append(rows, []string{fmt.Sprintf("（%d）%s", it.No, it.Label)})
	}
	purpose := sheetOf("p2", rows)
	recs, probs := testReader(t).Read(&perinet.Grid{Sheets: []perinet.Sheet{purpose}})
	if len(recs) != 0 || len(probs) != 1 || probs[0].Code != perinet.NoSurveyFound || !strings.Contains(probs[0].Message, "ブロック名") {
		t.Errorf("items alone: %d records, problems %+v; want only no_survey_found naming the missing headings", len(recs), probs)
	}
	recs, probs = testReader(t).Read(&perinet.Grid{Sheets: []perinet.Sheet{purpose, sheetOf("調査票", kuchuobu)}})
	if len(recs) != 1 || len(probs) != 0 {
		t.Errorf("items and a form: %d records, problems %+v; want the form's record alone", len(recs), probs)
	}
}

// TestReadItemsOfTheYear reads forms under a survey whose items change:
// item 2 asked until FY2016, item 9 from FY2019. A Record holds the items
// of its year; an answer to an item not asked that year is a warning that
// quotes it; an item asked that year and missing from the form is an error.
func TestReadItemsOfTheYear(t *testing.T) {
	s := perinet.DefaultSurvey()
	s.Items[1].Until = 2016
	s.Items = append(s.Items, perinet.ItemDef{No: 9, Label: "災害時の連携体制の整備", From: 2019})
	r, err := New(s, time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	ninth := []string{"", "９　災害時の連携体制の整備", "○"}
	tests := []struct {
		year     string
		ninth    bool
		items    []int
		problems []string // code@where
	}{
		{"平成28年度", false, []int{1, 2, 3, 4, 5, 6, 7, 8}, nil},
		{"平成28年度", true, []int{1, 2, 3, 4, 5, 6, 7, 8}, []string{"item_not_asked@調査票!C18"}},
		{"平成30年度", false, []int{1, 3, 4, 5, 6, 7, 8}, []string{"item_not_asked@調査票!C11"}},
		{"令和元年度", true, []int{1, 3, 4, 5, 6, 7, 8, 9}, []string{"item_not_asked@調査票!C11"}},
		{"令和元年度", false, []int{1, 3, 4, 5, 6, 7, 8, 9}, []string{"item_not_asked@調査票!C11", "missing_item@"}},
	}
	for _, tt := range tests {
		rows := append([][]string{}, kuchuobu...)
		rows[1] = []string{tt.year}
		if tt.ninth {
			rows = append(rows, ninth)
		}
		recs, probs := r.Read(&perinet.Grid{Format: "xlsx", Sheets: []perinet.Sheet{sheetOf("調査票", rows, "A1:E1")}})
		if len(recs) != 1 {
			t.Fatalf("%s: %d records", tt.year, len(recs))
		}
		var nos []int
		for _, it := range recs[0].Items {
			nos = append(nos, it.No)
		}
		var got []string
		for _, p := range probs {
			got = append(got, string(p.Code)+"@"+p.Where)
			if p.Code == perinet.ItemNotAsked && (p.Severity != perinet.Warning || p.Text != "○" || !strings.Contains(p.Message, "の調査にない項目")) {
				t.Errorf("%s: %+v", tt.year, p)
			}
		}
		if fmt.Sprint(nos) != fmt.Sprint(tt.items) || fmt.Sprint(got) != fmt.Sprint(tt.problems) {
			t.Errorf("%s, ninth row %v: items %v, problems %v; want %v, %v", tt.year, tt.ninth, nos, got, tt.items, tt.problems)
		}
	}
}
