package desk

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/url"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"perinet"
	"perinet/config"
	"perinet/nightly"
	"perinet/store"
)

// corrections returns the corrections the store holds for FY2018.
func (s season) corrections(t *testing.T) int {
	t.Helper()
	st, err := store.OpenReadOnly(context.Background(), filepath.Join(s.work, config.StoreFile))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cs, err := st.Corrections(context.Background(), 2018)
	if err != nil {
		t.Fatal(err)
	}
	return len(cs)
}

// session opens a page of the desk and returns its cookies and its
// form's token.
func session(t *testing.T, d *Desk, path string) ([]*http.Cookie, string) {
	t.Helper()
	r := get(t, d, path)
	if r.code != http.StatusOK {
		t.Fatalf("GET %s: %d\n%s", path, r.code, r.body)
	}
	return parseCookies(r.header.Values("Set-Cookie")), formToken(t, r)
}

const kuchuobu2018 = "/corrections/2018/%E5%8C%BA%E4%B8%AD%E5%A4%AE%E9%83%A8"

// TestCorrect corrects 区中央部's FY2018 values through the form: what
// the parsers read is recorded, with its reason, and shown; what they
// refuse is refused with their message, as is a correction without a
// reason or from another origin, and nothing is written.
func TestCorrect(t *testing.T) {
	s := newSeason(t).copy(t)
	d := s.open(t, Options{})
	jar, token := session(t, d, kuchuobu2018)
	post := func(values url.Values, headers ...string) response {
		t.Helper()
		values.Set("csrf", token)
		return form(t, d, kuchuobu2018, values, jar, headers...)
	}
	for _, c := range []struct {
		name, field, value, reason string
		headers                    []string
		code                       int
		says                       string
	}{
		{"a date the parser refuses", "started", "H31年5月", "病院に確認", nil, http.StatusUnprocessableEntity, "平成31年5月は存在しません"},
		{"no reason", "items.3.distributed_to", "120", " ", nil, http.StatusUnprocessableEntity, "修正の理由を書いてください"},
		{"a count in words", "items.3.distributed_to", "たくさん", "病院に確認", nil, http.StatusUnprocessableEntity, "施設数は数字で書いてください"},
		{"a field the Record lacks", "block", "区南部", "病院に確認", nil, http.StatusUnprocessableEntity, "修正する欄を選んでください"},
		{"another site", "items.3.distributed_to", "120", "病院に確認", []string{"Sec-Fetch-Site", "cross-site"}, http.StatusForbidden, "この操作は受け付けられません"},
	} {
		r := post(url.Values{"field": {c.field}, "value": {c.value}, "reason": {c.reason}, "who": {"佐藤"}}, c.headers...)
		if r.code != c.code || !strings.Contains(text(r.doc), c.says) {
			t.Errorf("%s: %d, want %d saying %q\n%s", c.name, r.code, c.code, c.says, text(r.doc))
		}
	}
	if n := s.corrections(t); n != 0 {
		t.Fatalf("%d corrections recorded from refused forms", n)
	}
	if r := form(t, d, kuchuobu2018, url.Values{"field": {"items.3.distributed_to"}, "value": {"120"}, "reason": {"x"}, "who": {"x"}}, jar); r.code != http.StatusForbidden {
		t.Errorf("without the token: %d, want 403", r.code)
	}

	for _, c := range []struct{ field, value, shown string }{
		{"started", "R1.5", "R1年5月"},
		{"started", "2019/5", "R1年5月"},
		{"started", "令和元年5月", "R1年5月"},
		{"items.3.distributed_to", "１２０施設", "120"},
		{"items.2", "×", "×"},
	} {
		r := post(url.Values{"field": {c.field}, "value": {c.value}, "reason": {"病院に電話で確認"}, "who": {"佐藤"}})
		if r.code != http.StatusSeeOther {
			t.Fatalf("%s = %s: %d\n%s", c.field, c.value, r.code, text(r.doc))
		}
		page := get(t, d, r.header.Get("Location"))
		if row := byFirst(rows(t, page.doc, "fields"))[fieldLabel(c.field)]; len(row) < 2 || !strings.HasPrefix(row[1], c.shown) {
			t.Errorf("%s = %s: the page shows %q, want %s", c.field, c.value, row, c.shown)
		}
	}
	page := get(t, d, kuchuobu2018)
	got := rows(t, page.doc, "corrections")
	if len(got) != 5 || !strings.Contains(strings.Join(got[3], " "), "→ 120") || !strings.Contains(strings.Join(got[3], " "), "病院に電話で確認") {
		t.Errorf("the corrections listed: %q", got)
	}
	if g := get(t, d, "/groups/%E5%8C%BA%E4%B8%AD%E5%A4%AE%E9%83%A8"); !strings.Contains(text(g.doc), "R1年5月") {
		t.Error("the group's years do not show the corrected 開始年月")
	}
}

// TestCorrectLocked: while the nightly run holds the work folder, a
// correction and a remaking say so, and nothing is written.
func TestCorrectLocked(t *testing.T) {
	s := newSeason(t).copy(t)
	d := s.open(t, Options{})
	jar, token := session(t, d, kuchuobu2018)
	unlock, err := nightly.Lock(s.work)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	r := form(t, d, kuchuobu2018, url.Values{"csrf": {token}, "field": {"items.3.distributed_to"}, "value": {"120"},
		"reason": {"確認"}, "who": {"佐藤"}}, jar)
	if r.code != http.StatusServiceUnavailable || !strings.Contains(text(r.doc), "夜間の処理中です") {
		t.Errorf("a correction during a run: %d\n%s", r.code, text(r.doc))
	}
	r = form(t, d, "/reports/remake", url.Values{"csrf": {token}, "year": {"2018"}}, jar)
	if r.code != http.StatusServiceUnavailable || !strings.Contains(text(r.doc), "夜間の処理中です") {
		t.Errorf("remaking during a run: %d", r.code)
	}
	unlock()
	if n := s.corrections(t); n != 0 {
		t.Errorf("%d corrections recorded during a run", n)
	}
}

// TestCorrectReport corrects 区中央部's count, remakes the reports and
// finds the value and the correction in report.pdf; withdraws it,
// remakes them and finds the value read from the file again.
func TestCorrectReport(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed")
	}
	s := newSeason(t).copy(t)
	d := s.open(t, Options{})
	jar, token := session(t, d, kuchuobu2018)
	r := form(t, d, kuchuobu2018, url.Values{"csrf": {token}, "field": {"items.3.distributed_to"}, "value": {"777"},
		"reason": {"病院に電話で確認"}, "who": {"佐藤"}}, jar)
	if r.code != http.StatusSeeOther {
		t.Fatalf("correct: %d\n%s", r.code, text(r.doc))
	}
	remake := func() string {
		t.Helper()
		r := form(t, d, "/reports/remake", url.Values{"csrf": {token}, "year": {"2018"}}, jar)
		if r.code != http.StatusSeeOther {
			t.Fatalf("remake: %d\n%s", r.code, text(r.doc))
		}
		out, err := exec.Command("pdftotext", "-layout", filepath.Join(s.work, "reports", "2018年度", "latest.pdf"), "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}
	pdf := remake()
	for _, want := range []string{"777", "事務局による修正", "病院に電話で確認"} {
		if !strings.Contains(pdf, want) {
			t.Errorf("report.pdf after the correction does not say %q", want)
		}
	}
	page := get(t, d, kuchuobu2018)
	forms := find(page.doc, "form", "action", kuchuobu2018+"/1/withdraw")
	if len(forms) != 1 {
		t.Fatalf("no form to withdraw correction 1\n%s", text(page.doc))
	}
	r = form(t, d, kuchuobu2018+"/1/withdraw", url.Values{"csrf": {token}, "who": {"鈴木"}, "reason": {"病院の誤り"}}, jar)
	if r.code != http.StatusSeeOther {
		t.Fatalf("withdraw: %d\n%s", r.code, text(r.doc))
	}
	if got := rows(t, get(t, d, kuchuobu2018).doc, "corrections"); len(got) != 1 || !strings.Contains(strings.Join(got[0], " "), "取り下げ済み（鈴木") {
		t.Errorf("after the withdrawal: %q", got)
	}
	pdf = remake()
	if strings.Contains(pdf, "777") || strings.Contains(pdf, "事務局による修正") {
		t.Error("report.pdf still says the withdrawn correction")
	}
}

// TestCorrectionForEarlierFile: a correction made for 西多摩's workbook,
// which the PDF sent later replaced, is not used for the PDF's Record; the
// page says so and makes it again for the PDF on request.
func TestCorrectionForEarlierFile(t *testing.T) {
	s := newSeason(t).copy(t)
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(s.work, config.StoreFile))
	if err != nil {
		t.Fatal(err)
	}
	_, err = st.AddCorrection(ctx, perinet.Correction{FiscalYear: 2018, Block: "西多摩", Field: "hospital", Old: "青梅市立総合病院",
		New: "公立福生病院", Value: json.RawMessage(`"公立福生病院"`), Reason: "委託先の変更", Who: "佐藤",
		At: time.Date(2019, 5, 20, 1, 0, 0, 0, time.UTC), File: s.id(t, "fy2018-form-09-nishitama.xlsx")})
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	d := s.open(t, Options{})
	path := "/corrections/2018/" + url.PathEscape("西多摩")
	jar, token := session(t, d, path)
	page := get(t, d, path)
	if !strings.Contains(text(page.doc), "前のファイル（#") || strings.Contains(text(page.doc), "公立福生病院 修正済み") {
		t.Fatalf("the correction of the earlier file:\n%s", text(page.doc))
	}
	r := form(t, d, path+"/1/reapply", url.Values{"csrf": {token}, "who": {"鈴木"}}, jar)
	if r.code != http.StatusSeeOther {
		t.Fatalf("reapply: %d\n%s", r.code, text(r.doc))
	}
	page = get(t, d, path)
	if row := byFirst(rows(t, page.doc, "fields"))["委託病院"]; len(row) < 2 || row[1] != "公立福生病院 修正済み" {
		t.Errorf("委託病院 after reapplying: %q", row)
	}
}

// TestAuditCorrections: a correction and its withdrawal are rows of the
// audit trail, each at its time, filtered as 事務局による修正, and in its
// CSV with what was changed, why and by whom.
func TestAuditCorrections(t *testing.T) {
	s := newSeason(t).copy(t)
	d := s.open(t, Options{})
	jar, token := session(t, d, kuchuobu2018)
	if r := form(t, d, kuchuobu2018, url.Values{"csrf": {token}, "field": {"items.3.distributed_to"}, "value": {"777"},
		"reason": {"病院に電話で確認"}, "who": {"佐藤"}}, jar); r.code != http.StatusSeeOther {
		t.Fatalf("correct: %d\n%s", r.code, text(r.doc))
	}
	if r := form(t, d, kuchuobu2018+"/1/withdraw", url.Values{"csrf": {token}, "who": {"鈴木"}, "reason": {"病院の誤り"}}, jar); r.code != http.StatusSeeOther {
		t.Fatalf("withdraw: %d\n%s", r.code, text(r.doc))
	}
	got := rows(t, get(t, d, "/audit?outcome=correction&group=区中央部").doc, "audit")
	if len(got) != 2 || got[0][3] != "修正の取り下げ" || got[1][3] != "修正" ||
		!strings.Contains(got[1][2], "項目3の配布先: 103 → 777（理由: 病院に電話で確認。佐藤") || !strings.Contains(got[0][2], "取り下げ: 鈴木（理由: 病院の誤り）") {
		t.Errorf("the audit trail's corrections: %q", got)
	}
	c := get(t, d, "/audit.csv?outcome=correction")
	records, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(c.body, "\uFEFF"))).ReadAll()
	if err != nil || len(records) != 3 || records[1][1] != "修正の取り下げ" || !strings.Contains(records[1][6], "取り下げ: 鈴木。理由: 病院の誤り") ||
		records[2][1] != "修正" || !strings.Contains(records[2][5], "fy2018-form-01-kuchuobu.xlsx") || !strings.Contains(records[2][6], "103 → 777") {
		t.Errorf("the CSV's corrections: %q, %v", records, err)
	}
	if all := get(t, d, "/audit?outcome=report"); len(rows(t, all.doc, "audit")) == 0 {
		t.Error("the reports made are no longer listed as such")
	}
}
