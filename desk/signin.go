package desk

import (
	"net/http"
	"net/url"
)

// A signInPage is what the sign-in page shows.
type signInPage struct {
	Next   string // where to go once signed in
	Failed bool   // the password given was wrong
}

// loginPage asks for the password.
func (d *Desk) loginPage(w http.ResponseWriter, r *http.Request) {
	next := localPath(r.FormValue("next"))
	if d.guard.signedIn(r) {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return
	}
	d.render(w, r, "login", http.StatusOK, frame{Title: "パスワード", Page: signInPage{Next: next}})
}

// login signs the browser in when the password is right.
func (d *Desk) login(w http.ResponseWriter, r *http.Request) {
	next := localPath(r.PostFormValue("next"))
	if !d.guard.signIn(w, r.PostFormValue("password")) {
		d.render(w, r, "login", http.StatusUnauthorized, frame{Title: "パスワード", Page: signInPage{Next: next, Failed: true}})
		return
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// logout signs the browser out.
func (d *Desk) logout(w http.ResponseWriter, r *http.Request) {
	d.guard.signOut(w, r)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// localPath returns s when it is a path on this site ("/files/3"), and "/"
// otherwise, so that a link cannot send a browser elsewhere once signed in.
func localPath(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "" || u.Host != "" || len(s) < 1 || s[0] != '/' ||
		len(s) > 1 && (s[1] == '/' || s[1] == '\\') {
		return "/"
	}
	return s
}
