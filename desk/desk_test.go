package desk

import (
	"crypto/sha256"
	"encoding/csv"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"perinet"
	"perinet/config"
)

// TestHome shows FY2018 as perinet status would: every awaited group in
// the survey's order with its state, its latest file and what the state
// needs said; the deadline and the days left; the year's reports.
func TestHome(t *testing.T) {
	s := newSeason(t)
	d := s.open(t, Options{})
	res := get(t, d, "/")
	if res.code != http.StatusOK {
		t.Fatalf("GET /: %d\n%s", res.code, res.body)
	}
	got := rows(t, res.doc, "status")
	var order []string
	for _, r := range got {
		order = append(order, r[0])
	}
	want := "区中央部 区南部 区西南部 区西部 区西北部 区東北部 区東部 多摩地域 西多摩 南多摩（町田市除く） 南多摩（町田市） 北多摩西部 北多摩南部 北多摩北部"
	if strings.Join(order, " ") != want {
		t.Errorf("groups:\n got %s\nwant %s", strings.Join(order, " "), want)
	}
	for _, w := range []struct{ group, hospital, state, latest string }{
		{"区中央部", "愛育", "受付", "fy2018-form-01-kuchuobu.xlsx"},
		{"区南部", "東邦大森", "要確認 不受理の 区南部-誤り.xlsx を訂正", "fy2018-form-02-kunanbu.xlsx"},
		{"区西南部", "日赤", "不受理 誤り 1件 報告書には前に受け付けた fy2018-form-03-kuseinanbu.xlsx を使います", kuseinanbuBad},
		{"区東北部", "女子医東", "未提出", ""},
		{"区東部", "墨東", "要確認 注意 1件", kutobuWarning},
		{"西多摩", "青梅市立", "受付", nishitamaPDF},
	} {
		r := byFirst(got)[w.group]
		if len(r) < 4 || r[1] != w.hospital || r[2] != w.state || r[3] != w.latest {
			t.Errorf("%s: %q, want hospital %s, state %q, latest %s", w.group, r, w.hospital, w.state, w.latest)
		}
	}
	for _, want := range []string{"平成30年度（2018年度）の提出状況", "2019年5月25日現在", "2019年5月31日", "（あと6日）",
		"受付 10", "要確認 2", "不受理 1", "未提出 1", "上にないグループ（平成29年度（2017年度）に提出なし）: 島しょ", memo} {
		if !strings.Contains(text(res.doc), want) {
			t.Errorf("the page does not say %q", want)
		}
	}
	for _, href := range []string{"/reports/2018/latest.pdf", "/reports/2018/latest.xlsx", fmt.Sprintf("/files/%d", s.id(t, memo)),
		"/groups/%E5%8C%BA%E5%8D%97%E9%83%A8"} {
		if len(find(res.doc, "a", "href", href)) == 0 {
			t.Errorf("no link to %s", href)
		}
	}
	for _, y := range []string{"2014", "2015", "2016", "2017", "2018"} {
		if len(find(res.doc, "option", "value", y)) != 1 {
			t.Errorf("the year selector lacks %s", y)
		}
	}

	late := s.open(t, Options{Now: func() time.Time { return time.Date(2019, time.June, 3, 9, 0, 0, 0, perinet.Japan()) }})
	res = get(t, late, "/")
	if r := byFirst(rows(t, res.doc, "status"))["区東北部"]; len(r) < 3 || r[2] != "未提出 期限を過ぎています" {
		t.Errorf("区東北部 after the deadline: %q", r)
	}
	if !strings.Contains(text(res.doc), "期限を過ぎています") || strings.Contains(text(res.doc), "あと") {
		t.Error("after the deadline, the page does not say it has passed")
	}

	res = get(t, d, "/?year=2015")
	if got := rows(t, res.doc, "status"); len(got) != 14 || !strings.Contains(text(res.doc), "平成27年度（2015年度）の提出状況") ||
		strings.Contains(text(res.doc), "あと6日") {
		t.Errorf("FY2015: %d groups, or the deadline of FY2018 shown:\n%s", len(got), text(res.doc))
	}
	if res := get(t, d, "/?year=平成"); res.code != http.StatusBadRequest || !strings.Contains(res.body, "西暦の年で") {
		t.Errorf("GET /?year=平成: %d, want 400 with the reason", res.code)
	}
}

// TestFile shows each kind of submission: the form drawn with its cells'
// places, every value read linked to its cell and every problem shown
// at its cell, the receipt ready to copy.
func TestFile(t *testing.T) {
	s := newSeason(t)
	d := s.open(t, Options{})
	tests := []struct {
		name     string
		says     []string // on the page
		problems []string // the places of the problems shown at their cells
	}{
		{"fy2018-form-02-kunanbu.xlsx", []string{"区南部（平成30年度（2018年度））", "報告書に使っています", "64施設", "H23年11月（2011年11月）", "受付番号"}, nil},
		{kuseinanbuBad, []string{"不受理", "エラー 1件", "「はい？」を印として読めません", fmt.Sprintf("報告書には #%d fy2018-form-03-kuseinanbu.xlsx を使っています", s.id(t, "fy2018-form-03-kuseinanbu.xlsx"))}, []string{"調査票!C10"}},
		{kutobuWarning, []string{"注意 1件", "会議は年2回開催", "#" + fmt.Sprint(s.id(t, "fy2018-form-07-kutobu.xlsx")) + "を差し替え"}, []string{"調査票!B19"}},
		{kuchuobuAgain, []string{"重複", "と同じ内容です", "fy2018-form-01-kuchuobu.xlsx"}, nil},
		{nishitamaPDF, []string{"1ページ", "青梅市立総合病院"}, nil},
		{memo, []string{"グループを一つも読み取れませんでした", "調査票が見つかりません", "さくら"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := get(t, d, fmt.Sprintf("/files/%d", s.id(t, tt.name)))
			if res.code != http.StatusOK {
				t.Fatalf("%d\n%s", res.code, res.body)
			}
			page := text(res.doc)
			for _, want := range append(tt.says, tt.name) {
				if !strings.Contains(page, want) {
					t.Errorf("the page does not say %q", want)
				}
			}
			checkLinks(t, res)
			for _, where := range tt.problems {
				cells := find(res.doc, "td", "data-where", where)
				if len(cells) != 1 || len(find(cells[0], "span", "class", "pmsg")) == 0 {
					t.Errorf("the problem at %s is not shown at its cell", where)
				}
				if len(find(res.doc, "li", "data-where", where)) != 1 {
					t.Errorf("the problem at %s is not listed", where)
				}
			}
			receipt := find(res.doc, "textarea", "id", "receipt")
			if len(receipt) != 1 || !strings.Contains(text(receipt[0]), "調査票の受付結果") || len(find(res.doc, "button", "data-copy", "receipt")) != 1 {
				t.Error("no receipt to copy")
			}
		})
	}
	if res := get(t, d, "/files/999"); res.code != http.StatusNotFound || !strings.Contains(res.body, "その番号のファイルは記録にありません") {
		t.Errorf("GET /files/999: %d", res.code)
	}
}

// TestFilePDF draws a PDF's page as the hospital made it, as SVG: its
// text and ruling lines, and over them a cell for every value of its
// Record, which the value points at; the rebuilt table is left out, the
// page showing every cell it has.
func TestFilePDF(t *testing.T) {
	s := newSeason(t)
	d := s.open(t, Options{})
	id := s.id(t, nishitamaPDF)
	res := get(t, d, fmt.Sprintf("/files/%d", id))
	if res.code != http.StatusOK {
		t.Fatalf("%d\n%s", res.code, res.body)
	}
	svgs := find(res.doc, "svg", "class", "pdfpage")
	if len(svgs) != 1 {
		t.Fatalf("%d pages drawn, want 1", len(svgs))
	}
	page := svgs[0]
	for _, want := range []string{"西多摩", "青梅市立", "H22年2月", "（連携会議で検討）"} {
		if !strings.Contains(text(page), want) {
			t.Errorf("the page drawn does not show %q", want)
		}
	}
	if n := len(find(page, "line")); n < 20 {
		t.Errorf("%d ruling lines drawn", n)
	}
	if len(find(res.doc, "table", "class", "sheet")) != 0 {
		t.Error("the rebuilt table is drawn beside the page")
	}
	records, err := d.o.Store.FileRecords(t.Context(), id)
	if err != nil || len(records) != 1 {
		t.Fatalf("records: %v, %v", records, err)
	}
	for f, where := range records[0].Source.Where {
		if len(find(page, "rect", "data-where", where)) != 1 {
			t.Errorf("%s, read from %s, has no cell on the page", f, where)
		}
	}
	for _, v := range find(find(res.doc, "aside", "class", "readpane")[0], "") {
		where, ok := attr(v, "data-where")
		if ok && len(find(page, "rect", "data-where", where)) != 1 {
			t.Errorf("%q, read from %s, points at nothing on the page", text(v), where)
		}
	}
	checkLinks(t, res)
}

// checkLinks checks that every value linked on a submission's page points
// at a cell of the form with its place, and that every cell a value was
// read from is drawn.
func checkLinks(t *testing.T, res response) {
	t.Helper()
	values := find(res.doc, "", "class", "v")
	for _, v := range values {
		where, _ := attr(v, "data-where")
		href, ok := attr(v, "href")
		if !ok {
			t.Errorf("the value %q read from %s links to no cell", text(v), where)
			continue
		}
		cells := find(res.doc, "", "id", strings.TrimPrefix(href, "#"))
		if len(cells) != 1 || cells[0].Data != "td" && cells[0].Data != "rect" {
			t.Errorf("the value %q links to %s, which is no cell", text(v), href)
			continue
		}
		if w, _ := attr(cells[0], "data-where"); w != where {
			t.Errorf("the value %q of %s links to the cell of %s", text(v), where, w)
		}
		if h, ok := attr(v, "data-heading"); ok && len(find(res.doc, "td", "data-where", h))+len(find(res.doc, "rect", "data-where", h)) != 1 {
			t.Errorf("the heading %s of %q is not drawn", h, text(v))
		}
	}
}

// TestGroup lays a group's five years side by side and marks what
// changed: 区南部's facility count (62 → 64 in FY2017) and its training
// (none in FY2014, from FY2015).
func TestGroup(t *testing.T) {
	s := newSeason(t)
	d := s.open(t, Options{})
	res := get(t, d, "/groups/区南部")
	if res.code != http.StatusOK {
		t.Fatalf("%d\n%s", res.code, res.body)
	}
	heads := find(find(res.doc, "table", "class", "history")[0], "th")
	var years []string
	for _, h := range heads[1:6] {
		years = append(years, text(h))
	}
	if !strings.HasPrefix(years[0], "平成26年度（2014年度） 受付") || !strings.HasPrefix(years[4], "平成30年度（2018年度） 要確認") {
		t.Errorf("the years: %q", years)
	}
	got := byFirst(rows(t, res.doc, "history"))
	if r := got["配布先"]; len(r) != 6 || r[3] != "62施設" || r[4] != "64施設 前年度: 62施設" || r[5] != "64施設" {
		t.Errorf("配布先: %q", r)
	}
	if r := got["7 研修等"]; len(r) != 6 || r[1] != "空欄" || r[2] != "○ 前年度: 空欄" {
		t.Errorf("7 研修等: %q", r)
	}
	if changed := find(res.doc, "td", "class", "changed"); len(changed) != 2 {
		t.Errorf("%d cells marked changed, want 2", len(changed))
	}
	if r := get(t, d, "/groups/区東北部"); r.code != http.StatusOK || !strings.Contains(text(r.doc), "未提出") {
		t.Errorf("区東北部, missing in FY2018: %d", r.code)
	}
	if r := get(t, d, "/groups/区北部"); r.code != http.StatusNotFound {
		t.Errorf("a group nobody knows: %d, want 404", r.code)
	}
}

// TestAudit filters the audit trail by year, group and outcome, and
// gives the same rows as CSV for Excel.
func TestAudit(t *testing.T) {
	s := newSeason(t)
	d := s.open(t, Options{})
	tests := []struct {
		query string
		files []string // the rows' files, newest first; a report as its PDF's name
	}{
		{"?year=2018&outcome=rejected", []string{kuseinanbuBad, kunanbuBad}},
		{"?year=0", []string{memo}},
		{"?outcome=duplicate", []string{kuchuobuAgain}},
		{"?group=区東部", []string{kutobuWarning, "fy2018-form-07-kutobu.xlsx", "fy2017-form-07-kutobu.xlsx",
			"fy2016-form-07-kutobu.xlsx", "fy2015-form-07-kutobu.xlsx", "fy2014-form-07-kutobu.xlsx"}},
		{"?year=2016&outcome=report", []string{"report-2017-05-10.pdf report-2017-05-10.xlsx"}},
	}
	for _, tt := range tests {
		res := get(t, d, "/audit"+tt.query)
		var files []string
		for _, r := range rows(t, res.doc, "audit") {
			files = append(files, r[2])
		}
		if !slices.Equal(files, tt.files) {
			t.Errorf("%s:\n got %q\nwant %q", tt.query, files, tt.files)
		}
		c := get(t, d, "/audit.csv"+tt.query)
		if c.code != http.StatusOK || c.header.Get("Content-Type") != "text/csv; charset=utf-8" ||
			!strings.HasPrefix(c.body, "\uFEFF日時,種類,番号,年度,グループ,ファイル,結果,") || !strings.Contains(c.body, "\r\n") {
			t.Errorf("%s: CSV %d %s\n%q", tt.query, c.code, c.header.Get("Content-Type"), c.body)
			continue
		}
		records, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(c.body, "\uFEFF"))).ReadAll()
		if err != nil || len(records) != len(tt.files)+1 {
			t.Errorf("%s: CSV of %d rows, %v; want a header and %d", tt.query, len(records), err, len(tt.files))
			continue
		}
		for i, f := range tt.files {
			if records[i+1][5] != f {
				t.Errorf("%s: CSV row %d is of %s, want %s", tt.query, i+1, records[i+1][5], f)
			}
		}
	}
	all := get(t, d, "/audit")
	if n := len(rows(t, all.doc, "audit")); n != len(s.ids)+5 {
		t.Errorf("the audit trail has %d rows, want %d arrivals and 5 reports", n, len(s.ids))
	}
	if r := byFirst(rows(t, all.doc, "audit"))["2019-05-23 16:45"]; len(r) != 8 || r[7] != fmt.Sprintf("#%dを差し替え", s.id(t, "fy2018-form-09-nishitama.xlsx")) {
		t.Errorf("西多摩.pdf's row: %q", r)
	}
	c := get(t, d, "/audit.csv?year=2018")
	if !strings.Contains(c.header.Get("Content-Disposition"), "attachment") || !strings.Contains(c.header.Get("Content-Disposition"), "filename*=utf-8''%E7%9B%A3") {
		t.Errorf("CSV's Content-Disposition: %s", c.header.Get("Content-Disposition"))
	}
	for _, q := range []string{"?year=x", "?outcome=lost"} {
		if r := get(t, d, "/audit"+q); r.code != http.StatusBadRequest {
			t.Errorf("GET /audit%s: %d, want 400", q, r.code)
		}
	}
}

// TestReports lists each year's reports and serves them: the PDF to
// open or save, the workbook to save.
func TestReports(t *testing.T) {
	s := newSeason(t)
	d := s.open(t, Options{})
	res := get(t, d, "/reports")
	var years []string
	for _, r := range rows(t, res.doc, "reports") {
		years = append(years, r[0])
	}
	if strings.Join(years, " ") != "平成30年度（2018年度） 平成29年度（2017年度） 平成28年度（2016年度） 平成27年度（2015年度） 平成26年度（2014年度）" {
		t.Errorf("years: %q", years)
	}
	latest, err := os.ReadFile(filepath.Join(s.work, "reports", "2018年度", "latest.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path, typ, disposition string
	}{
		{"/reports/2018/latest.pdf", "application/pdf", "inline; filename*=utf-8''%E5%A0%B1%E5%91%8A%E6%9B%B8_2018%E5%B9%B4%E5%BA%A6.pdf"},
		{"/reports/2018/latest.pdf?download=1", "application/pdf", "attachment; filename*=utf-8''%E5%A0%B1%E5%91%8A%E6%9B%B8_2018%E5%B9%B4%E5%BA%A6.pdf"},
		{"/reports/2018/latest.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "attachment; filename*=utf-8''%E5%A0%B1%E5%91%8A%E6%9B%B8_2018%E5%B9%B4%E5%BA%A6.xlsx"},
		{"/reports/2018/report-2019-05-24.pdf", "application/pdf", "inline; filename*=utf-8''%E5%A0%B1%E5%91%8A%E6%9B%B8_2018%E5%B9%B4%E5%BA%A6_2019-05-24.pdf"},
	}
	for _, tt := range tests {
		r := get(t, d, tt.path)
		if r.code != http.StatusOK || r.header.Get("Content-Type") != tt.typ || r.header.Get("Content-Disposition") != tt.disposition {
			t.Errorf("GET %s: %d %s %s", tt.path, r.code, r.header.Get("Content-Type"), r.header.Get("Content-Disposition"))
		}
	}
	if r := get(t, d, "/reports/2018/latest.pdf"); r.body != string(latest) {
		t.Error("latest.pdf is not the file's bytes")
	}
}

// TestDownloads serves a submission as it was sent, and its receipt, to
// save, never to open in the desk.
func TestDownloads(t *testing.T) {
	s := newSeason(t)
	d := s.open(t, Options{})
	id := s.id(t, kuseinanbuBad)
	kept, err := filepath.Glob(filepath.Join(s.work, "rejected", "*_"+kuseinanbuBad))
	if err != nil || len(kept) != 1 {
		t.Fatalf("the kept copy: %v, %v", kept, err)
	}
	want, err := os.ReadFile(kept[0])
	if err != nil {
		t.Fatal(err)
	}
	r := get(t, d, fmt.Sprintf("/files/%d/original", id))
	if r.code != http.StatusOK || r.body != string(want) || r.header.Get("Content-Type") != "application/octet-stream" ||
		!strings.HasPrefix(r.header.Get("Content-Disposition"), "attachment; filename*=utf-8''") ||
		!strings.Contains(r.header.Get("Content-Security-Policy"), "sandbox") {
		t.Errorf("original: %d, %d bytes, %v", r.code, len(r.body), r.header)
	}
	r = get(t, d, fmt.Sprintf("/files/%d/receipt", id))
	if r.code != http.StatusOK || !strings.HasPrefix(r.body, "\uFEFF調査票の受付結果") || !strings.HasPrefix(r.header.Get("Content-Disposition"), "attachment") {
		t.Errorf("receipt: %d %q", r.code, r.body[:min(len(r.body), 40)])
	}
}

// TestReadOnly opens every page and every file of the season: the store
// and the work folder are as they were.
func TestReadOnly(t *testing.T) {
	s := newSeason(t)
	before := tree(t, s.work)
	d := s.open(t, Options{})
	paths := []string{"/", "/?year=2016", "/audit", "/audit.csv", "/reports", "/groups/多摩地域"}
	for _, id := range s.ids {
		paths = append(paths, fmt.Sprintf("/files/%d", id), fmt.Sprintf("/files/%d/original", id), fmt.Sprintf("/files/%d/receipt", id))
	}
	for _, p := range paths {
		if r := get(t, d, p); r.code != http.StatusOK {
			t.Errorf("GET %s: %d", p, r.code)
		}
	}
	after := tree(t, s.work)
	for name, sum := range before {
		if after[name] != sum {
			t.Errorf("%s changed", name)
		}
	}
	for name := range after {
		if _, ok := before[name]; !ok && !strings.HasPrefix(name, config.StoreFile+"-") {
			t.Errorf("%s appeared", name)
		}
	}
}

// tree maps every file under dir to the SHA-256 of its bytes, the store's
// write-ahead log aside.
func tree(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(path string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if strings.HasPrefix(rel, config.StoreFile+"-") {
			return nil
		}
		b, err := os.ReadFile(path)
		out[rel] = sha256.Sum256(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
