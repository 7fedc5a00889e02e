package nightly

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"perinet"
	"perinet/normalize"
	"perinet/store"
)

// A receipt is the text a run writes beside each file it keeps
// (<copy>.受付結果.txt): to whom, whether the file was accepted, what was
// read from it group by group, each problem with its cell, where to send
// a corrected file and by when, and the file's 受付番号, in Japanese that
// the secretariat can send back to the hospital as it is.
type receipt struct {
	arrival  *arrival
	reading  reading
	outcome  store.Outcome
	first    *store.FileEntry // for a duplicate, the file it repeats
	survey   *perinet.Survey
	submitTo string    // where forms are sent (Options.SubmitTo); "" for none
	deadline time.Time // the year's submission deadline; zero for none
	// lastYear is the group's Record of the year before, for a rejected
	// file of one group the store knows: its values are shown beside the
	// problems of the same fields. nil otherwise.
	lastYear *perinet.Record
}

// bytes returns the receipt as Windows' Notepad reads it without asking:
// UTF-8 with a byte order mark, lines ending in CR LF.
func (rc receipt) bytes() []byte {
	var b strings.Builder
	rc.head(&b)
	rc.groups(&b)
	rc.problems(&b)
	rc.foot(&b)
	text := strings.ReplaceAll(b.String(), "\r\n", "\n")
	return []byte("\uFEFF" + strings.ReplaceAll(text, "\n", "\r\n"))
}

// head writes the title, the file and the verdict.
func (rc receipt) head(b *strings.Builder) {
	a := rc.arrival
	fmt.Fprintf(b, "調査票の受付結果（%s）\n\n", rc.survey.Title)
	if to := rc.addressee(); to != "" {
		fmt.Fprintf(b, "%s\n\n", to)
	}
	fmt.Fprintf(b, "ファイル名: %s\n", a.name)
	fmt.Fprintf(b, "受付日時　: %s（受付フォルダに置かれたファイルの更新日時）\n", japaneseTime(a.arrived))
	fmt.Fprintf(b, "大きさ　　: %sバイト（形式: %s）\n", thousands(a.size), rc.reading.format)
	fmt.Fprintf(b, "結果　　　: %s\n", rc.verdict())
}

// addressee names the groups and hospitals the file was read for:
// 区中央部（愛育病院）ご担当者様; "" when none was read.
func (rc receipt) addressee() string {
	var names []string
	for _, r := range rc.reading.records {
		n := r.Block
		if r.Hospital != "" {
			n += "（" + r.Hospital + "）"
		}
		if n != "" && !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return ""
	}
	return strings.Join(names, "、") + " ご担当者様"
}

// foot writes where to send a corrected file and by when, when the
// file needs one, and the file's 受付番号: the first twelve hexadecimal
// digits of its SHA-256, which tell it from any other file.
func (rc receipt) foot(b *strings.Builder) {
	if rc.outcome == store.Rejected {
		b.WriteString("\n■ 再提出\n")
		if !rc.deadline.IsZero() {
			fmt.Fprintf(b, "提出期限: %s\n", rc.deadline.In(perinet.Japan()).Format("2006年1月2日"))
		}
		if rc.submitTo == "" {
			b.WriteString("直したファイルを事務局へ送ってください。\n")
		} else {
			fmt.Fprintf(b, "直したファイルを送ってください。\n送り先・お問い合わせ先: %s\n", rc.submitTo)
		}
	}
	n := strings.ToUpper(rc.arrival.sha256)
	if len(n) >= 12 {
		n = n[:4] + "-" + n[4:8] + "-" + n[8:12]
	}
	fmt.Fprintf(b, "\n受付番号: %s（お問い合わせの際にお知らせください）\n", n)
}

// verdict says whether the file was accepted and what to do about it.
func (rc receipt) verdict() string {
	errs, warns := perinet.Tally(rc.reading.problems)
	switch {
	case rc.outcome == store.Duplicate:
		s := fmt.Sprintf("以前に受け付けたファイル（%s 受付の「%s」）と同じ内容です。重複として記録し、二重には数えていません。",
			japaneseTime(rc.first.Arrived), rc.first.Name)
		if rc.first.Outcome == store.Rejected {
			s += "そのファイルはエラーのため受け付けられていません。下の問題を直したファイルを送ってください。"
		}
		return s
	case rc.outcome == store.Rejected:
		return fmt.Sprintf("受け付けられませんでした。エラーが%d件あります。下の「問題」の箇所を直して、もう一度送ってください。", errs)
	case warns > 0:
		return fmt.Sprintf("受け付けました。注意が%d件あります。念のため下の「問題」をご確認ください。", warns)
	}
	return "受け付けました。"
}

// groups writes what was read from each group.
func (rc receipt) groups(b *strings.Builder) {
	records := rc.reading.records
	fmt.Fprintf(b, "\n■ 読み取った内容（%dグループ）\n", len(records))
	if len(records) == 0 {
		b.WriteString("読み取れたグループはありません。\n")
	}
	for i, rec := range records {
		year := "年度不明"
		if rec.FiscalYear > 0 {
			year = normalize.FiscalYearText(rec.FiscalYear)
		}
		fmt.Fprintf(b, "［%d］%s　%s（%s）\n", i+1, year, orNone(rec.Block), rc.tierName(rec.Tier))
		fmt.Fprintf(b, "　委託病院: %s\n", orNone(rec.Hospital))
		started := ""
		if rec.Started != nil {
			started = normalize.EraText(*rec.Started)
		}
		fmt.Fprintf(b, "　開始年月: %s\n", orNone(started))
		for _, it := range rec.Items {
			rc.item(b, it)
		}
	}
}

// item writes one item's mark, count and details.
func (rc receipt) item(b *strings.Builder, it perinet.Item) {
	label := ""
	if d, ok := rc.survey.Item(it.No); ok {
		label = d.Label
	}
	mark := it.Mark.Symbol()
	if mark == "" {
		mark = "空欄"
	}
	fmt.Fprintf(b, "　%d %s: %s", it.No, label, mark)
	if it.DistributedTo != nil {
		fmt.Fprintf(b, "　配布先 %d施設", *it.DistributedTo)
	}
	b.WriteString("\n")
	for _, d := range it.Details {
		fmt.Fprintf(b, "　　・%s\n", d)
	}
}

// tierName is a tier as the survey words it.
func (rc receipt) tierName(t perinet.Tier) string {
	if words := rc.survey.Tiers[t]; len(words) > 0 {
		return words[0]
	}
	return "区分不明"
}

// problems writes each problem with its cell.
func (rc receipt) problems(b *strings.Builder) {
	errs, warns := perinet.Tally(rc.reading.problems)
	fmt.Fprintf(b, "\n■ 問題（エラー %d件、注意 %d件）\n", errs, warns)
	if errs+warns == 0 {
		b.WriteString("ありません。\n")
	}
	for _, p := range rc.reading.problems {
		fmt.Fprintf(b, "%s　%s%s\n", p.Severity.Label(), rc.place(p), p.Message)
		if p.Text != "" && p.Text != rc.arrival.name && !strings.Contains(p.Message, p.Text) {
			fmt.Fprintf(b, "　　記入内容: 「%s」\n", p.Text)
		}
		if v := rc.lastValue(p.Field); v != "" && p.Severity == perinet.Error {
			fmt.Fprintf(b, "　　前年度の記入: 「%s」（%s）\n", v, normalize.FiscalYearText(rc.lastYear.FiscalYear))
		}
	}
}

// lastValue returns what the group wrote for field the year before
// (開始年月, 委託病院), or "" when there is nothing to show.
func (rc receipt) lastValue(field string) string {
	r := rc.lastYear
	switch {
	case r == nil:
		return ""
	case field == "started" && r.Started != nil:
		return normalize.EraText(*r.Started)
	case field == "hospital":
		return r.Hospital
	}
	return ""
}

// place names a problem's cell and field, "調査票!C7（開始年月）: ", or ""
// when the problem concerns the whole file.
func (rc receipt) place(p perinet.Problem) string {
	cell, field := perinet.CellName(p.Where), perinet.FieldLabel(p.Field)
	if cell == rc.arrival.name {
		cell = ""
	}
	switch {
	case cell != "" && field != "":
		return cell + "（" + field + "）: "
	case cell != "" || field != "":
		return cell + field + ": "
	}
	return ""
}

// orNone is s, or （なし） when it is empty.
func orNone(s string) string {
	if s == "" {
		return "（なし）"
	}
	return s
}

// japaneseTime writes a time as the secretariat reads it: 2017年5月15日 19:30.
func japaneseTime(t time.Time) string {
	return t.In(perinet.Japan()).Format("2006年1月2日 15:04")
}

// thousands writes n with thousands separators: 7,753.
func thousands(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
