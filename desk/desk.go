package desk

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"perinet"
	"perinet/config"
	"perinet/intake"
	"perinet/nightly"
	"perinet/normalize"
	"perinet/store"
)

//go:embed templates static
var assets embed.FS

// Options say what the desk shows and to whom.
type Options struct {
	// Store is the store, opened with store.OpenReadOnly.
	Store *store.Store
	// Work is the work folder: archive/, rejected/ and reports/.
	Work string
	// Config gives the fiscal year shown first and its deadline.
	Config config.Config
	// Survey is the survey definition; nil means perinet.DefaultSurvey().
	Survey *perinet.Survey
	// PasswordHash is the hash of the password (HashPassword's form; the
	// config's desk_password_hash). When it is not "", every page asks
	// for the password first.
	PasswordHash string
	// Public says that the desk listens beyond this computer: it then
	// needs a password, and every page says that the connection is not
	// encrypted. When false, it answers only requests addressed to this
	// computer by name (localhost, 127.0.0.1, [::1]).
	Public bool
	// Now is the clock, for tests; nil means time.Now. It says which day
	// the deadline is counted from.
	Now func() time.Time
	// Log receives a line per request that failed, and one per change;
	// nil logs nothing.
	Log *slog.Logger
	// Reports say what the reports remade from the desk say, as the
	// nightly run's options do (Publish, PublishYear, Purpose, Notes,
	// Paper); the desk fills in Work, Survey and Log.
	Reports nightly.Options
}

// A Desk is the desk's web application, an http.Handler.
type Desk struct {
	o      Options
	survey *perinet.Survey
	work   *os.Root
	pages  map[string]*template.Template
	mux    *http.ServeMux
	guard  *guard
	names  *normalize.Names // the survey's names, for corrections of the hospital
	// reading bounds the files read again at once (each with ingest's
	// limits), so that a few requests cannot take the machine's memory.
	reading chan struct{}
}

// New returns the desk for the options. It fails when the work folder
// cannot be opened, when the password hash is not one HashPassword
// writes (ErrPasswordHash), and when Public is set without one.
func New(o Options) (*Desk, error) {
	if o.Store == nil {
		return nil, errors.New("desk: no store")
	}
	if o.Public && o.PasswordHash == "" {
		return nil, errors.New("desk: listening beyond this computer needs a password")
	}
	g, err := newGuard(o.PasswordHash)
	if err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(o.Work)
	if err != nil {
		return nil, fmt.Errorf("desk: open the work folder: %w", err)
	}
	d := &Desk{o: o, survey: o.Survey, work: root, guard: g, reading: make(chan struct{}, 2)}
	if d.survey == nil {
		d.survey = perinet.DefaultSurvey()
	}
	if d.names, err = normalize.NewNames(d.survey); err != nil {
		root.Close()
		return nil, fmt.Errorf("desk: survey: %w", err)
	}
	if d.o.Now == nil {
		d.o.Now = time.Now
	}
	if d.o.Log == nil {
		d.o.Log = slog.New(slog.DiscardHandler)
	}
	if d.pages, err = d.parsePages(); err != nil {
		root.Close()
		return nil, err
	}
	d.routes()
	return d, nil
}

// Close releases the work folder.
func (d *Desk) Close() error { return d.work.Close() }

// routes registers every page.
func (d *Desk) routes() {
	static, _ := fs.Sub(assets, "static")
	d.mux = http.NewServeMux()
	d.mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	d.mux.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) {
		d.fail(w, r, http.StatusNotFound, "そのページはありません。", nil)
	})
	d.mux.HandleFunc("GET /{$}", d.home)
	d.mux.HandleFunc("GET /files/{id}", d.file)
	d.mux.HandleFunc("GET /files/{id}/original", d.original)
	d.mux.HandleFunc("GET /files/{id}/receipt", d.receipt)
	d.mux.HandleFunc("GET /groups/{name}", d.group)
	d.mux.HandleFunc("GET /audit", d.audit)
	d.mux.HandleFunc("GET /audit.csv", d.auditCSV)
	d.mux.HandleFunc("GET /reports", d.reports)
	d.mux.HandleFunc("GET /reports/{year}/{name}", d.report)
	d.mux.HandleFunc("POST /reports/remake", d.remake)
	d.mux.HandleFunc("GET /corrections/{year}/{name}", d.corrections)
	d.mux.HandleFunc("POST /corrections/{year}/{name}", d.correct)
	d.mux.HandleFunc("POST /corrections/{year}/{name}/{id}/withdraw", d.withdraw)
	d.mux.HandleFunc("POST /corrections/{year}/{name}/{id}/reapply", d.reapply)
	if d.guard.password != nil {
		d.mux.HandleFunc("GET /login", d.loginPage)
		d.mux.HandleFunc("POST /login", d.login)
		d.mux.HandleFunc("POST /logout", d.logout)
	}
}

// ServeHTTP answers a request: it sets the headers every answer carries,
// refuses what the package documentation says it refuses, and hands the
// rest to the page.
func (d *Desk) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cache-Control", "no-store")
	if !d.o.Public && !localHost(r.Host) {
		d.fail(w, r, http.StatusMisdirectedRequest, "このコンピューターの名前（localhost または 127.0.0.1）で開いてください。",
			fmt.Errorf("host %q", r.Host))
		return
	}
	if err := d.guard.check(r); err != nil {
		d.fail(w, r, http.StatusForbidden, "この操作は受け付けられません。事務局の画面を開き直して、もう一度してください。", err)
		return
	}
	if !d.guard.signedIn(r) && !strings.HasPrefix(r.URL.Path, "/static/") && r.URL.Path != "/login" {
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		d.fail(w, r, http.StatusUnauthorized, "パスワードを入れ直してください。", errors.New("not signed in"))
		return
	}
	d.mux.ServeHTTP(w, r)
}

// localHost reports whether a request's Host names this computer.
func localHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// A frame is what every page shows around its own content.
type frame struct {
	Title    string // the page's title, after the programme's name
	Nav      string // the menu entry of the page: "home", "audit", "reports"
	Public   bool   // the connection may cross a network unencrypted
	SignedIn bool   // a password was asked, and given: the page offers to sign out
	Menu     bool   // the pages may be opened: no password is asked, or it was given
	CSRF     string // the token the page's forms carry
	Year     int    // the fiscal year the menu's 年度の状況 opens
	Page     any    // the page's own data
}

// render writes a page, made in full before anything is sent.
func (d *Desk) render(w http.ResponseWriter, r *http.Request, name string, status int, f frame) {
	f.Public = d.o.Public
	f.Menu = d.guard.signedIn(r)
	f.SignedIn = d.guard.password != nil && f.Menu
	f.CSRF = d.guard.token(w, r)
	if f.Year == 0 {
		f.Year = d.o.Config.FiscalYear(d.o.Now())
	}
	var b bytes.Buffer
	if err := d.pages[name].ExecuteTemplate(&b, "base", f); err != nil {
		d.fail(w, r, http.StatusInternalServerError, "ページを作れませんでした。", err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", pagePolicy)
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

// pagePolicy lets a page use its own style and script, and nothing else.
const pagePolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " +
	"form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// fail answers with an error page that says what went wrong in Japanese,
// and logs the cause.
func (d *Desk) fail(w http.ResponseWriter, r *http.Request, status int, msg string, cause error) {
	if cause != nil {
		d.o.Log.Warn(msg, "method", r.Method, "path", r.URL.Path, "status", status, "error", cause)
	}
	var b bytes.Buffer
	f := frame{Title: http.StatusText(status), Public: d.o.Public, Page: errorPage{Status: status, Message: msg},
		Year: d.o.Config.FiscalYear(d.o.Now()), Menu: d.guard.signedIn(r)}
	if err := d.pages["error"].ExecuteTemplate(&b, "base", f); err != nil {
		http.Error(w, msg, status)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", pagePolicy)
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

// An errorPage is what the error page says.
type errorPage struct {
	Status  int
	Message string
}

// ledger reads the store's files of every fiscal year, and the Records
// that stand.
func (d *Desk) ledger(ctx context.Context) (*intake.Ledger, error) {
	years, err := d.o.Store.FileYears(ctx)
	if err != nil {
		return nil, err
	}
	return intake.LoadLedger(ctx, d.o.Store, years...)
}

// storeFailed answers a request the store could not be read for.
func (d *Desk) storeFailed(w http.ResponseWriter, r *http.Request, err error) {
	d.fail(w, r, http.StatusInternalServerError, "記録（perinet.db）を読めませんでした。しばらくしてから開き直してください。", err)
}

// entry returns the ledger entry with the ID a request's path gives, or
// answers 404 and returns false.
func (d *Desk) entry(w http.ResponseWriter, r *http.Request, l *intake.Ledger) (store.FileEntry, bool) {
	var id int64
	if n, err := fmt.Sscan(r.PathValue("id"), &id); err == nil && n == 1 && fmt.Sprint(id) == r.PathValue("id") {
		for _, e := range l.All {
			if e.ID == id {
				return e, true
			}
		}
	}
	d.fail(w, r, http.StatusNotFound, "その番号のファイルは記録にありません。", nil)
	return store.FileEntry{}, false
}
