package desk

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestHeaders: every page carries the headers that keep other sites out
// of it, and a script or style of anyone but the desk.
func TestHeaders(t *testing.T) {
	d := newSeason(t).open(t, Options{})
	for _, path := range []string{"/", "/audit", "/files/1", "/nothing-here"} {
		r := get(t, d, path)
		for name, want := range map[string]string{
			"Content-Security-Policy": pagePolicy, "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
			"Cache-Control": "no-store", "Referrer-Policy": "same-origin",
		} {
			if got := r.header.Get(name); got != want {
				t.Errorf("GET %s: %s %q, want %q", path, name, got, want)
			}
		}
	}
	for _, path := range []string{"/static/desk.css", "/static/desk.js"} {
		if r := get(t, d, path); r.code != http.StatusOK || len(r.body) < 100 {
			t.Errorf("GET %s: %d", path, r.code)
		}
	}
}

// TestHost: on loopback, the desk answers only requests addressed to this
// computer, so that another site cannot reach it under its own name (DNS
// rebinding); beyond loopback, the password guards it instead.
func TestHost(t *testing.T) {
	s := newSeason(t)
	d := s.open(t, Options{})
	for host, want := range map[string]int{
		"127.0.0.1:8080": http.StatusOK, "localhost:8080": http.StatusOK, "LOCALHOST": http.StatusOK, "[::1]:8080": http.StatusOK,
		"127.0.0.2": http.StatusOK, "evil.example:8080": http.StatusMisdirectedRequest, "192.168.1.20:8080": http.StatusMisdirectedRequest,
		"localhost.evil.example": http.StatusMisdirectedRequest, "": http.StatusMisdirectedRequest,
	} {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.Host = host
		if res := do(t, d, r); res.code != want {
			t.Errorf("Host %q: %d, want %d", host, res.code, want)
		}
	}
	public := s.open(t, Options{Public: true, PasswordHash: testHash(t)})
	r := httptest.NewRequest(http.MethodGet, "/login", nil)
	r.Host = "192.168.1.20:8080"
	if res := do(t, public, r); res.code != http.StatusOK || !strings.Contains(text(res.doc), "この接続は暗号化されていません") {
		t.Errorf("public, by its address: %d; want the sign-in page, saying the connection is not encrypted", res.code)
	}
}

// TestTraversal asks for files outside what the desk serves, by every
// path a request can carry: nothing but the desk's own pages and files
// answers, and nothing outside the work folder, or inside it but not
// served (the store, a report's digest), comes back.
func TestTraversal(t *testing.T) {
	s := newSeason(t)
	d := s.open(t, Options{})
	secret, err := os.ReadFile(filepath.Join(s.work, "perinet.db"))
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{
		"/reports/2018/..%2f..%2fperinet.db", "/reports/2018/%2e%2e%2f%2e%2e%2fperinet.db", "/reports/..%2F2018/latest.pdf",
		"/reports/2018/.latest-input", "/reports/2018/latest.pdf%00.pdf", "/reports/2018/report-2019-05-24.pdf/..",
		"/reports/0/latest.pdf", "/reports/99999/latest.pdf", "/reports/-1/latest.pdf", "/reports/2018/../../../etc/passwd",
		"/files/..%2f..%2fperinet.db/original", "/files/1%2f..%2f2/original", "/files/-1", "/files/01", "/files/1e1", "/files/0x1",
		"/files/99999999999999999999", "/static/..%2fdesk.go", "/static/../perinet.db", "/groups/..%2f..%2fperinet.db",
		"/%2e%2e/perinet.db", "/perinet.db", "/archive/", "/rejected/",
	} {
		r := get(t, d, path)
		if r.code == http.StatusOK || strings.Contains(r.body, string(secret[:16])) {
			t.Errorf("GET %s: %d, %d bytes", path, r.code, len(r.body))
		}
	}
}

// TestLinks: a link planted in the work folder, pointing out of it or to
// the store, is served neither as a report nor as a submission.
func TestLinks(t *testing.T) {
	s := newSeason(t).copy(t)
	outside := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(outside, []byte("outside the work folder"), 0o644); err != nil {
		t.Fatal(err)
	}
	reports := filepath.Join(s.work, "reports", "2018年度")
	for name, target := range map[string]string{"report-2099-01-01.pdf": outside, "report-2099-01-02.pdf": filepath.Join("..", "..", "perinet.db")} {
		if err := os.Symlink(target, filepath.Join(reports, name)); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	kept, err := filepath.Glob(filepath.Join(s.work, "archive", "2018年度", "*_fy2018-form-01-kuchuobu.xlsx"))
	if err != nil || len(kept) != 1 {
		t.Fatalf("the kept copy: %v, %v", kept, err)
	}
	if err := os.Remove(kept[0]); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, kept[0]); err != nil {
		t.Fatal(err)
	}
	d := s.open(t, Options{})
	for _, path := range []string{"/reports/2018/report-2099-01-01.pdf", "/reports/2018/report-2099-01-02.pdf",
		fmt.Sprintf("/files/%d/original", s.id(t, "fy2018-form-01-kuchuobu.xlsx"))} {
		if r := get(t, d, path); r.code != http.StatusNotFound || strings.Contains(r.body, "outside") {
			t.Errorf("GET %s: %d, want 404", path, r.code)
		}
	}
	if r := get(t, d, "/reports"); strings.Contains(r.body, "2099") {
		t.Error("the reports page lists a link")
	}
	r := get(t, d, fmt.Sprintf("/files/%d", s.id(t, "fy2018-form-01-kuchuobu.xlsx")))
	if r.code != http.StatusOK || !strings.Contains(text(r.doc), "保管されたファイルが、ふつうのファイルではありません") || strings.Contains(r.body, "outside") {
		t.Errorf("the page of a submission whose copy is a link: %d", r.code)
	}
}

// copy returns a season in a folder of the test's own, to change.
func (s season) copy(t *testing.T) season {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("cp", "-a", s.work, dir).CombinedOutput(); err != nil {
		t.Skipf("cannot copy the work folder: %v %s", err, out)
	}
	return season{work: filepath.Join(dir, filepath.Base(s.work)), ids: s.ids}
}

// TestChangesRefused: a request that would change something (any method
// but GET and HEAD) is refused unless it comes from the desk's own page,
// with its form's token; from another origin it is refused even with one.
func TestChangesRefused(t *testing.T) {
	s := newSeason(t)
	d := s.open(t, Options{PasswordHash: testHash(t)})
	page := get(t, d, "/login")
	cookies := page.header.Values("Set-Cookie")
	token := formToken(t, page)
	jar := parseCookies(cookies)
	if len(jar) != 1 || !strings.Contains(cookies[0], "HttpOnly") || !strings.Contains(cookies[0], "SameSite=Strict") {
		t.Fatalf("the token's cookie: %q", cookies)
	}
	good := url.Values{"csrf": {token}, "password": {"correct horse battery"}, "next": {"/audit"}}
	tests := []struct {
		name    string
		values  url.Values
		cookies []*http.Cookie
		headers []string
		want    int
	}{
		{"no token", url.Values{"password": {"correct horse battery"}}, jar, nil, http.StatusForbidden},
		{"a wrong token", url.Values{"csrf": {"x" + token}, "password": {"correct horse battery"}}, jar, nil, http.StatusForbidden},
		{"the token without its cookie", good, nil, nil, http.StatusForbidden},
		{"another site's page", good, jar, []string{"Sec-Fetch-Site", "cross-site"}, http.StatusForbidden},
		{"a sibling site", good, jar, []string{"Sec-Fetch-Site", "same-site"}, http.StatusForbidden},
		{"another origin, by an older browser", good, jar, []string{"Sec-Fetch-Site", "", "Origin", "http://evil.example"}, http.StatusForbidden},
		{"the desk's page", good, jar, nil, http.StatusSeeOther},
		{"the desk's page, by an older browser", good, jar, []string{"Sec-Fetch-Site", "", "Origin", "http://127.0.0.1:8080"}, http.StatusSeeOther},
	}
	for _, tt := range tests {
		r := form(t, d, "/login", tt.values, tt.cookies, tt.headers...)
		if r.code != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, r.code, tt.want)
		}
		if tt.want == http.StatusForbidden && !strings.Contains(text(r.doc), "この操作は受け付けられません") {
			t.Errorf("%s: the refusal does not say why", tt.name)
		}
	}
	open := s.open(t, Options{})
	for _, method := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch} {
		r := httptest.NewRequest(method, "http://127.0.0.1:8080/", nil)
		if res := do(t, open, r); res.code != http.StatusForbidden {
			t.Errorf("%s / without a token: %d, want 403", method, res.code)
		}
	}
	jar = parseCookies(get(t, open, "/").header.Values("Set-Cookie"))
	if len(jar) != 1 {
		t.Fatalf("cookies of the home page: %v", jar)
	}
	if r := form(t, open, "/", url.Values{"csrf": {open.guard.sign(jar[0].Value)}}, jar); r.code != http.StatusMethodNotAllowed {
		t.Errorf("POST / with its token: %d, want 405 (no change is made at /)", r.code)
	}
}

// TestSignIn: with a password, every page but the sign-in page asks for
// it; a wrong one is refused after a second, the right one opens the page
// asked for (on this site only) until the browser signs out.
func TestSignIn(t *testing.T) {
	s := newSeason(t)
	d := s.open(t, Options{PasswordHash: testHash(t)})
	r := get(t, d, "/files/3?x=1")
	if r.code != http.StatusSeeOther || r.header.Get("Location") != "/login?next=%2Ffiles%2F3%3Fx%3D1" {
		t.Fatalf("a page before signing in: %d %s", r.code, r.header.Get("Location"))
	}
	for _, path := range []string{"/reports/2018/latest.pdf", "/audit.csv", "/files/3/original"} {
		if r := get(t, d, path); r.code != http.StatusSeeOther {
			t.Errorf("GET %s before signing in: %d", path, r.code)
		}
	}
	if r := get(t, d, "/static/desk.css"); r.code != http.StatusOK {
		t.Errorf("the style sheet before signing in: %d", r.code)
	}
	page := get(t, d, "/login?next=/files/3")
	jar := parseCookies(page.header.Values("Set-Cookie"))
	token := formToken(t, page)

	start := time.Now()
	r = form(t, d, "/login", url.Values{"csrf": {token}, "password": {"wrong horse battery"}, "next": {"/files/3"}}, jar)
	if r.code != http.StatusUnauthorized || !strings.Contains(text(r.doc), "パスワードが違います") || time.Since(start) < failedSignIn {
		t.Errorf("a wrong password: %d after %v", r.code, time.Since(start))
	}
	if len(parseCookies(r.header.Values("Set-Cookie"))) > 0 && strings.Contains(strings.Join(r.header.Values("Set-Cookie"), ";"), sessionCookie) {
		t.Error("a wrong password started a session")
	}

	for next, want := range map[string]string{"/files/3": "/files/3", "//evil.example/": "/", "https://evil.example/": "/", "/\\evil.example": "/"} {
		r = form(t, d, "/login", url.Values{"csrf": {token}, "password": {"correct horse battery"}, "next": {next}}, jar)
		if r.code != http.StatusSeeOther || r.header.Get("Location") != want {
			t.Errorf("signed in with next=%s: %d to %s, want %s", next, r.code, r.header.Get("Location"), want)
		}
	}
	session := parseCookies(r.header.Values("Set-Cookie"))
	if len(session) != 1 || session[0].Name != sessionCookie || !strings.Contains(r.header.Get("Set-Cookie"), "HttpOnly") {
		t.Fatalf("the session's cookie: %q", r.header.Values("Set-Cookie"))
	}
	signedIn := append(jar, session...)
	req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1:8080/", nil)
	for _, c := range signedIn {
		req.AddCookie(c)
	}
	home := do(t, d, req)
	if home.code != http.StatusOK || len(find(home.doc, "form", "action", "/logout")) != 1 {
		t.Fatalf("the home page once signed in: %d, or no way to sign out", home.code)
	}
	if r := form(t, d, "/logout", url.Values{"csrf": {token}}, signedIn); r.code != http.StatusSeeOther {
		t.Fatalf("signing out: %d", r.code)
	}
	req = httptest.NewRequest(http.MethodGet, "http://127.0.0.1:8080/", nil)
	for _, c := range signedIn {
		req.AddCookie(c)
	}
	if r := do(t, d, req); r.code != http.StatusSeeOther {
		t.Errorf("the session's cookie still opens pages after signing out: %d", r.code)
	}
}

// TestPasswordHash hashes a password as the config keeps it, and refuses
// what HashPassword does not write, or asks too much of the machine.
func TestPasswordHash(t *testing.T) {
	hash, err := HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=65536,t=3,p=2$") {
		t.Errorf("hash %s", hash)
	}
	h, err := parsePasswordHash(hash)
	if err != nil || !h.matches("correct horse battery") || h.matches("correct horse batterY") || h.matches("") || h.String() != hash {
		t.Errorf("the hash read back: %v", err)
	}
	if other, _ := HashPassword("correct horse battery"); other == hash {
		t.Error("two hashes of one password are the same: no salt")
	}
	parts := strings.Split(hash, "$")
	for _, bad := range []string{
		"", "correct horse battery", "$argon2i$v=19$m=65536,t=3,p=2$" + parts[4] + "$" + parts[5],
		"$argon2id$v=16$m=65536,t=3,p=2$" + parts[4] + "$" + parts[5],
		"$argon2id$v=19$m=65536,t=3$" + parts[4] + "$" + parts[5],
		"$argon2id$v=19$m=4194304,t=3,p=2$" + parts[4] + "$" + parts[5], // 4 GiB
		"$argon2id$v=19$m=65536,t=1000,p=2$" + parts[4] + "$" + parts[5],
		"$argon2id$v=19$m=65536,t=0,p=2$" + parts[4] + "$" + parts[5],
		"$argon2id$v=19$m=65536,t=3,p=2$!!$" + parts[5],
		"$argon2id$v=19$m=65536,t=3,p=2$" + parts[4] + "$c2hvcnQ",
		"$argon2id$v=19$m=65536,t=3,p=2$" + parts[4] + "$" + parts[5] + "$",
		"$argon2id$v=19$m=065536,t=3,p=2$" + parts[4] + "$" + parts[5],
	} {
		if _, err := parsePasswordHash(bad); !errors.Is(err, ErrPasswordHash) {
			t.Errorf("%q: %v, want ErrPasswordHash", bad, err)
		}
	}
	s := newSeason(t)
	st := s.open(t, Options{}).o.Store
	if _, err := New(Options{Store: st, Work: s.work, PasswordHash: "plain text"}); !errors.Is(err, ErrPasswordHash) {
		t.Errorf("New with a broken hash: %v", err)
	}
	if _, err := New(Options{Store: st, Work: s.work, Public: true}); err == nil {
		t.Error("New listening beyond this computer without a password succeeded")
	}
}

// testHash is the hash of the tests' password, "correct horse battery",
// made as HashPassword makes it at a cost that keeps the tests quick.
func testHash(t testing.TB) string {
	t.Helper()
	h := passwordHash{memory: 1024, time: 1, threads: 1, salt: random(saltBytes)}
	h.key = h.derive("correct horse battery", keyBytes)
	return h.String()
}

// formToken returns the token of the page's forms.
func formToken(t testing.TB, r response) string {
	t.Helper()
	inputs := find(r.doc, "input", "name", "csrf")
	if len(inputs) == 0 {
		t.Fatal("the page has no form with a token")
	}
	v, _ := attr(inputs[0], "value")
	return v
}

// parseCookies reads Set-Cookie headers.
func parseCookies(lines []string) []*http.Cookie {
	var out []*http.Cookie
	for _, l := range lines {
		c, err := http.ParseSetCookie(l)
		if err == nil && c.MaxAge >= 0 {
			out = append(out, c)
		}
	}
	return out
}
