package form

import (
	"fmt"
	"strings"
	"time"

	"perinet"
	"perinet/normalize"
)

// guideTitle heads the instructions on the sheet.
const guideTitle = "【記入要領】"

// guide returns the instructions (記入要領) printed under a form, a
// paragraph each: how to fill in each kind of cell, what each item means
// (from the survey definition), and where to send the file. No line
// starts with an item's number and label, so that perinet does not take
// one for an item's row, even in a PDF where each line stands alone.
func guide(s *perinet.Survey, f Form) []string {
	first := "１．黄色の欄に記入してください。ほかの欄は書き換えられないように保護してあります。"
	if fy := f.prefilledFrom(); fy != 0 {
		first += "黄色の欄には前回（" + normalize.EraFiscalYear(fy) + "）の回答が入っています。" +
			"今年度の状況に合わせて確認し、変わったところを書き換えてください。"
	}
	return []string{
		first,
		"２．実施の有無：実施した項目は「○」、実施していない項目は「×」を、セルを選ぶと出る一覧から選んでください。",
		"３．配布先（施設数）：連携リストを配布した施設の数を、数字だけで入力してください（例：103）。",
		"４．具体的内容：取組を1行に1つ書いてください（例：NCPR講習会）。セルの中で改行するには Alt + Enter を押します。",
		"５．開始年月：グループの事業を始めた年月です。2010/2/1 のように 年/月/日 で入力すると「平成22年2月」と表示されます。",
		"６．各項目の内容：\n" + itemGuide(s),
		"７．提出：記入したこのファイルを、Excel のまま（PDF にせず）" + submitTo(f) + "電子メールで送ってください。",
	}
}

// itemGuide lists what each item means, a line each: "項目１　地域連携会議の運営等：…".
func itemGuide(s *perinet.Survey) string {
	lines := make([]string, len(s.Items))
	for i, it := range s.Items {
		lines[i] = fmt.Sprintf("　項目%s　%s：%s", wideNumber(it.No), it.Label, it.About)
	}
	return strings.Join(lines, "\n")
}

// submitTo says where and by when to send the file: "…へ2017年5月31日（水）までに".
func submitTo(f Form) string {
	to := "周産期医療ネットワークグループ事業の事務局"
	if f.SubmitTo != "" {
		to = f.SubmitTo
	}
	to += "へ"
	if !f.Deadline.IsZero() {
		to += dayText(f.Deadline) + "までに"
	}
	return to
}

// weekdays are the Japanese names of the days of the week, from Sunday.
var weekdays = [...]string{"日", "月", "火", "水", "木", "金", "土"}

// dayText writes a day as 2017年5月31日（水）.
func dayText(t time.Time) string {
	return fmt.Sprintf("%d年%d月%d日（%s）", t.Year(), t.Month(), t.Day(), weekdays[t.Weekday()])
}

// wideNumber writes a number in full-width digits, as the form numbers
// its items: １.
func wideNumber(n int) string {
	return strings.Map(func(r rune) rune { return r - '0' + '０' }, fmt.Sprint(n))
}
