package table

import (
	"reflect"
	"testing"

	"perinet/ingest/pdf"
)

// TestStream reads pages without rules. A table found in the white
// space has rows of its own width, the text around it rows of one cell:
// the rows are compared without the empty cells they end with.
func TestStream(t *testing.T) {
	tests := []struct {
		name string
		page func(t *testing.T) *pdf.Page
		want [][]string
	}{
		{"the form of 区中央部 without borders", func(t *testing.T) *pdf.Page { return formPage(published(t)[0], 1, true) }, append([][]string{
			{"周産期医療ネットワークグループ事業 取組状況調査票", "", "", ""},
			{"平成28年度（2016年度）", "", "", ""},
			{"ブロック名", "区中央部", "", ""},
			{"区分", "ネットワークグループ", "", ""},
			{"委託病院", "愛育", "", ""},
			{"開始年月", "H22年2月", "", ""},
		}, kuchuobuItemRows...)},
		{"words spaced in one column", func(*testing.T) *pdf.Page {
			s := newSketch(1)
			s.bare = true
			s.grid(50, 700, []float64{60, 150}, 10, []span{
				one(0, 0, "区分", left), one(0, 1, "具体的内容", left),
				one(1, 0, "区西南部", left), one(1, 1, "WEB system and SNS", left),
				one(2, 0, "区南部", left), one(2, 1, "SNS", left),
			})
			s.write(50, 620, 10, "※ notes below the table, wider than its columns")
			return s.page
		}, [][]string{
			{"区分", "具体的内容"},
			{"区西南部", "WEB system and SNS"},
			{"区南部", "SNS"},
			{"※ notes below the table, wider than its columns", ""},
		}},
		{"a title set close above the fiscal year", func(*testing.T) *pdf.Page {
			s := newSketch(1)
			s.write(200, 760, 7.7, "周産期医療ネットワークグループ事業 取組状況調査票")
			s.write(54, 750.5, 6, "平成28年度（2016年度）")
			return s.page
		}, [][]string{{"周産期医療ネットワークグループ事業 取組状況調査票"}, {"平成28年度（2016年度）"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sheets := Sheets([]*pdf.Page{tt.page(t)})
			if got := drawing(sheets[0].Rows); !reflect.DeepEqual(trimRows(got), trimRows(tt.want)) {
				t.Errorf("read\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

// trimRows returns the rows without the empty cells they end with.
func trimRows(rows [][]string) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		n := len(r)
		for n > 0 && r[n-1] == "" {
			n--
		}
		out[i] = r[:n]
	}
	return out
}
