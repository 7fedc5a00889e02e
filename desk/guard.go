package desk

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// The cookies of the desk. Both are HttpOnly and SameSite=Strict: no
// script reads them, and no other site's page sends them.
const (
	tokenCookie   = "perinet_csrf"    // a random value the forms' token is made from
	sessionCookie = "perinet_session" // a signed-in browser's session
)

// sessionLength is how long a sign-in lasts.
const sessionLength = 12 * time.Hour

// failedSignIn is how long a wrong password holds the next attempt back.
const failedSignIn = time.Second

// A guard decides which requests reach the pages: those that would change
// something must come from the desk's own forms, and with a password,
// every page but the sign-in page needs a signed-in browser.
type guard struct {
	password *passwordHash // nil when no password is asked
	key      []byte        // signs the forms' tokens; new each time the desk starts
	origin   *http.CrossOriginProtection

	mu       sync.Mutex
	sessions map[string]time.Time // the sessions signed in, and when each ends

	tries sync.Mutex // one password checked at a time
}

// newGuard returns the guard for a password hash ("" for none).
func newGuard(hash string) (*guard, error) {
	g := &guard{key: random(32), origin: http.NewCrossOriginProtection(), sessions: map[string]time.Time{}}
	if hash != "" {
		h, err := parsePasswordHash(hash)
		if err != nil {
			return nil, err
		}
		g.password = &h
	}
	return g, nil
}

// random returns n random bytes; crypto/rand does not fail.
func random(n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	return b
}

// errToken says that a form came without the token of the desk's pages.
var errToken = errors.New("the form's token is missing or wrong")

// check refuses a request that would change something (any method but
// GET and HEAD) when it comes from another origin, or without the token of
// the form it was sent from.
func (g *guard) check(r *http.Request) error {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return nil
	}
	if err := g.origin.Check(r); err != nil {
		return err
	}
	c, err := r.Cookie(tokenCookie)
	if err != nil {
		return errToken
	}
	want := g.sign(c.Value)
	if !hmac.Equal([]byte(r.PostFormValue("csrf")), []byte(want)) {
		return errToken
	}
	return nil
}

// token returns the token the page's forms carry, setting the cookie it is
// made from when the browser has none.
func (g *guard) token(w http.ResponseWriter, r *http.Request) string {
	c, err := r.Cookie(tokenCookie)
	if err != nil || len(c.Value) < 32 {
		c = &http.Cookie{Name: tokenCookie, Value: base64.RawURLEncoding.EncodeToString(random(32)),
			Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode}
		http.SetCookie(w, c)
	}
	return g.sign(c.Value)
}

// sign returns the token of a cookie's value.
func (g *guard) sign(value string) string {
	m := hmac.New(sha256.New, g.key)
	fmt.Fprint(m, "csrf:", value)
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// signedIn reports whether the request comes from a signed-in browser, or
// no password is asked.
func (g *guard) signedIn(r *http.Request) bool {
	if g.password == nil {
		return true
	}
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return false
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	end, ok := g.sessions[c.Value]
	return ok && time.Now().Before(end)
}

// signIn starts a session when password is the desk's, and sets its
// cookie. A wrong password holds every attempt back for failedSignIn.
func (g *guard) signIn(w http.ResponseWriter, password string) bool {
	g.tries.Lock()
	defer g.tries.Unlock()
	if !g.password.matches(password) {
		time.Sleep(failedSignIn)
		return false
	}
	id := base64.RawURLEncoding.EncodeToString(random(32))
	now := time.Now()
	g.mu.Lock()
	for s, end := range g.sessions {
		if !now.Before(end) {
			delete(g.sessions, s)
		}
	}
	g.sessions[id] = now.Add(sessionLength)
	g.mu.Unlock()
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: id, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
	return true
}

// signOut ends the request's session and clears its cookie.
func (g *guard) signOut(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		g.mu.Lock()
		delete(g.sessions, c.Value)
		g.mu.Unlock()
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteStrictMode})
}
