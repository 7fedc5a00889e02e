package desk

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chromium is Debian's Chromium, which the browser test drives.
const chromium = "/usr/bin/chromium"

// TestBrowser opens the season's desk in a real Chromium at 1366×768:
// the home page, a submission where pointing at a value lights its cell
// and pointing at a cell lights its value, and every other page. It
// takes a screenshot of each into a folder (DESK_SHOTS to keep them),
// and checks that no page is wider than the window, that the submission's
// page does not scroll as a whole, and that the browser reports no error
// (a script failing, a style or script the page's policy blocks).
func TestBrowser(t *testing.T) {
	if _, err := exec.LookPath(chromium); err != nil {
		t.Skipf("no Chromium at %s", chromium)
	}
	if testing.Short() {
		t.Skip("a browser is slow")
	}
	s := newSeason(t)
	srv := httptest.NewServer(s.open(t, Options{}))
	defer srv.Close()
	public := httptest.NewServer(s.open(t, Options{Public: true, PasswordHash: testHash(t)}))
	defer public.Close()
	shots := os.Getenv("DESK_SHOTS")
	if shots == "" {
		shots = t.TempDir()
	} else if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromium), chromedp.NoSandbox,
		chromedp.WindowSize(1366, 768), chromedp.Flag("lang", "ja"))
	alloc, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	browser, cancel := chromedp.NewContext(alloc)
	defer cancel()
	var mu sync.Mutex
	var complaints []string
	err := chromedp.Listen(browser, func(ev any) { // starts the browser, without a timeout that would stop it
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			complaints = append(complaints, fmt.Sprintf("script: %s %s:%d", ev.ExceptionDetails.Text, ev.ExceptionDetails.URL, ev.ExceptionDetails.LineNumber))
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level == cdplog.EntryLevelError {
				complaints = append(complaints, fmt.Sprintf("%s: %s (%s)", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL))
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(browser, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(browser, 2*time.Minute)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 768)); err != nil {
		t.Fatal(err)
	}
	shot := func(name string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tab *chromedp.Target) error {
			png, err := chromedp.CaptureScreenshot()(ctx, tab)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(shots, name+".png"), png, 0o644)
		})
	}
	fits := func(page string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tab *chromedp.Target) error {
			width, err := chromedp.Evaluate[int](`document.documentElement.scrollWidth`)(ctx, tab)
			if err == nil && width > 1366 {
				t.Errorf("%s is %dpx wide, wider than the window", page, width)
			}
			return err
		})
	}
	value := func(dst *string, a chromedp.Action[string]) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tab *chromedp.Target) (err error) {
			*dst, err = a(ctx, tab)
			return err
		})
	}
	class := func(dst *string, sel string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tab *chromedp.Target) error {
			r, err := chromedp.AttributeValue(chromedp.CSS(sel), "class")(ctx, tab)
			*dst = r.Value
			return err
		})
	}
	var scrolled, tall bool
	truth := func(dst *bool, js string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tab *chromedp.Target) (err error) {
			*dst, err = chromedp.Evaluate[bool](js)(ctx, tab)
			return err
		})
	}

	// 年度の状況, and another year chosen with the selector.
	var missing, title string
	err = chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(`table.status`)),
		value(&missing, chromedp.Text(`//table[contains(@class,"status")]//tr[th/a[text()="区東北部"]]`)),
		shot("1-home"), fits("年度の状況"),
		chromedp.Func(func(ctx context.Context, tab *chromedp.Target) error { // as a person choosing 2016
			_, err := chromedp.Evaluate[bool](`(() => { const s = document.querySelector('select[name=year]');
				s.value = '2016'; return s.dispatchEvent(new Event('change')); })()`)(ctx, tab)
			return err
		}),
		chromedp.WaitVisible(`//h1[contains(., "平成28年度")]`),
		value(&title, chromedp.Text(chromedp.CSS(`h1`))),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(missing, "未提出") || !strings.Contains(title, "平成28年度（2016年度）") {
		t.Errorf("区東北部's row %q; after choosing 2016, the title %q", missing, title)
	}

	// A submission, opened from the home page: pointing at a value lights
	// its cell and its heading, and the other way round.
	var started, heading, problem, read string
	err = chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.Click(`//table[contains(@class,"status")]//tr[th/a[text()="区西南部"]]//a[text()="`+kuseinanbuBad+`"]`),
		chromedp.WaitVisible(chromedp.CSS(`table.sheet`)),
		shot("2-file"), fits("a submission"),
		hover(`.readpane [data-where="調査票!C7"]`),
		class(&started, `td[data-where="調査票!C7"]`),
		class(&heading, `td[data-where="調査票!B7"]`),
		shot("3-file-value-pointed"),
		hover(`td[data-where="調査票!C10"]`),
		class(&problem, `li[data-where="調査票!C10"]`),
		class(&read, `.readpane [data-where="調査票!C10"]`),
		shot("4-file-cell-pointed"),
		hover(`.readpane [data-where="調査票!E17"]`),
		truth(&scrolled, `(() => { const c = document.querySelector('td[data-where="調査票!E17"]').getBoundingClientRect(),
			p = document.querySelector('.formpane').getBoundingClientRect();
			return c.top >= p.top && c.bottom <= p.bottom && document.querySelector('.formpane').scrollTop > 0; })()`),
		truth(&tall, `document.documentElement.scrollHeight > 768`),
		shot("5-file-scrolled"),
	)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ what, class, want string }{
		{"the cell of 開始年月, pointed at its value", started, "hl"},
		{"the heading of 開始年月", heading, "hh"},
		{"the problem of C10, its cell pointed at", problem, "hl"},
		{"the value of C10, its cell pointed at", read, "hl"},
	} {
		if !strings.Contains(" "+c.class+" ", " "+c.want+" ") {
			t.Errorf("%s: class %q, want %s", c.what, c.class, c.want)
		}
	}
	if !scrolled {
		t.Error("pointing at item 8's details did not bring its cell, below the pane's edge, into view")
	}
	if tall {
		t.Error("the submission's page scrolls as a whole, not in its panes")
	}

	// The PDF submission: its page drawn, pointing at a value lights the
	// rect over its cell.
	var hospital string
	err = chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+fmt.Sprintf("/files/%d", s.id(t, nishitamaPDF))),
		chromedp.WaitVisible(chromedp.CSS(`svg.pdfpage`)),
		hover(`.readpane [data-where="p1@233,717"]`),
		class(&hospital, `svg.pdfpage rect[data-where="p1@233,717"]`),
		shot("6-pdf"), fits("the PDF submission"),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(" "+hospital+" ", " hl ") {
		t.Errorf("the cell of 委託病院 on the PDF's page, its value pointed at: class %q, want hl", hospital)
	}

	for i, p := range []struct{ name, url string }{
		{"warning", fmt.Sprintf("/files/%d", s.id(t, kutobuWarning))},
		{"group", "/groups/区南部"},
		{"audit", "/audit?year=2018"},
		{"reports", "/reports"},
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+p.url), chromedp.WaitVisible(chromedp.CSS(`main`)),
			shot(fmt.Sprintf("%d-%s", i+7, p.name)), fits(p.url)); err != nil {
			t.Fatal(err)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(public.URL+"/"), chromedp.WaitVisible(chromedp.CSS(`input[type=password]`)),
		shot("11-sign-in"), fits("the sign-in page")); err != nil {
		t.Fatal(err)
	}
	browseCorrection(t, ctx, newSeason(t).copy(t), shots, shot, fits)
	mu.Lock()
	defer mu.Unlock()
	for _, c := range complaints {
		t.Errorf("the browser complained: %s", c)
	}
	t.Logf("screenshots in %s", shots)
}

// hover moves the mouse onto the element sel selects (a CSS selector), as
// a person pointing at it: onto the middle of its first line, as a value
// may wrap.
func hover(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tab *chromedp.Target) error {
		js := `(() => { const e = document.querySelector(` + fmt.Sprintf("%q", sel) + `); e.scrollIntoView({block: "nearest"});
			const r = e.getClientRects()[0]; return [r.left + r.width / 2, r.top + r.height / 2]; })()`
		at, err := chromedp.Evaluate[[]float64](js)(ctx, tab)
		if err != nil {
			return fmt.Errorf("hover %s: %w", sel, err)
		}
		_, err = chromedp.MouseEvent(chromedp.MouseMoved, at[0], at[1])(ctx, tab)
		return err
	})
}

// browseCorrection corrects 区中央部's facility count in Chromium as the
// secretariat would, on a copy of the season: the form filled in with a
// reason, the reports remade from the 報告書 page, and report.pdf's text
// (pdftotext) holds the corrected count and the correction on its quality
// page; the correction withdrawn and the reports remade, the old count is
// back and the correction gone. The corrected report.pdf is kept beside
// the screenshots.
func browseCorrection(t *testing.T, ctx context.Context, s season, shots string, shot func(string) chromedp.Action[chromedp.Void], fits func(string) chromedp.Action[chromedp.Void]) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("no pdftotext: the correction is not looked for in report.pdf")
		return
	}
	srv := httptest.NewServer(s.open(t, Options{}))
	defer srv.Close()
	pdfText := func() string {
		t.Helper()
		out, err := exec.Command("pdftotext", "-layout", filepath.Join(s.work, "reports", "2018年度", "latest.pdf"), "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}
	before := pdfText()
	err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+kuchuobu2018),
		chromedp.WaitVisible(chromedp.CSS(`form.correct`)),
		chromedp.SetValue(chromedp.CSS(`form.correct select[name=field]`), "items.3.distributed_to"),
		chromedp.SendKeys(chromedp.CSS(`form.correct textarea[name=value]`), "７７７施設"),
		chromedp.SendKeys(chromedp.CSS(`form.correct input[name=reason]`), "病院に電話で確認した"),
		chromedp.SendKeys(chromedp.CSS(`form.correct input[name=who]`), "佐藤"),
		shot("12-correction-typed"), fits("the correction's page"),
		chromedp.Submit(chromedp.CSS(`form.correct`)),
		chromedp.WaitVisible(chromedp.CSS(`p.done`)),
		shot("13-corrected"),
		chromedp.Navigate(srv.URL+"/reports"),
		chromedp.Click(`//form[@action="/reports/remake"][input[@name="year"][@value="2018"]]/button`),
		chromedp.WaitVisible(chromedp.CSS(`p.done`)),
		shot("14-remade"),
	)
	if err != nil {
		t.Fatal(err)
	}
	after := pdfText()
	if b, err := os.ReadFile(filepath.Join(s.work, "reports", "2018年度", "latest.pdf")); err == nil {
		os.WriteFile(filepath.Join(shots, "corrected-report.pdf"), b, 0o644) // to look at
	}
	for _, want := range []string{"777施設", "事務局による修正", "病院に電話で確認した"} {
		if !strings.Contains(after, want) {
			t.Errorf("report.pdf after the correction does not say %q", want)
		}
	}
	err = chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+kuchuobu2018),
		chromedp.SendKeys(chromedp.CSS(`form[action$="/withdraw"] input[name=who]`), "鈴木"),
		chromedp.Submit(chromedp.CSS(`form[action$="/withdraw"]`)),
		chromedp.WaitVisible(chromedp.CSS(`p.done`)),
		shot("15-withdrawn"),
		chromedp.Navigate(srv.URL+"/reports"),
		chromedp.Click(`//form[@action="/reports/remake"][input[@name="year"][@value="2018"]]/button`),
		chromedp.WaitVisible(chromedp.CSS(`p.done`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	if again := pdfText(); again != before {
		t.Errorf("report.pdf, the correction withdrawn, does not read as before it:\n%s", again)
	}
}
