package desk

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// A response is what the desk answered a request.
type response struct {
	code   int
	header http.Header
	body   string
	doc    *html.Node // the body parsed, for an HTML page
}

// get requests path from the desk as a browser on this computer would.
func get(t testing.TB, h http.Handler, path string) response {
	t.Helper()
	return do(t, h, httptest.NewRequest(http.MethodGet, "http://127.0.0.1:8080"+path, nil))
}

// do sends a request to the desk and reads the answer.
func do(t testing.TB, h http.Handler, r *http.Request) response {
	t.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	b, err := io.ReadAll(w.Result().Body)
	if err != nil {
		t.Fatal(err)
	}
	res := response{code: w.Code, header: w.Result().Header, body: string(b)}
	if strings.HasPrefix(res.header.Get("Content-Type"), "text/html") {
		if res.doc, err = html.Parse(strings.NewReader(res.body)); err != nil {
			t.Fatal(err)
		}
	}
	return res
}

// form posts form values to path, with the cookies given, from the desk's
// own page (Sec-Fetch-Site: same-origin), unless headers say otherwise.
func form(t testing.TB, h http.Handler, path string, values url.Values, cookies []*http.Cookie, headers ...string) response {
	t.Helper()
	r := httptest.NewRequest(http.MethodPost, "http://127.0.0.1:8080"+path, strings.NewReader(values.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	for i := 0; i+1 < len(headers); i += 2 {
		if headers[i+1] == "" {
			r.Header.Del(headers[i])
		} else {
			r.Header.Set(headers[i], headers[i+1])
		}
	}
	for _, c := range cookies {
		r.AddCookie(c)
	}
	return do(t, h, r)
}

// find returns the elements under n that match: a tag, with attribute
// values ("class" matches one of the classes).
func find(n *html.Node, tag string, attrs ...string) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (tag == "" || n.Data == tag) && hasAttrs(n, attrs) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

// hasAttrs reports whether n has the attribute values, name then value.
func hasAttrs(n *html.Node, attrs []string) bool {
	for i := 0; i+1 < len(attrs); i += 2 {
		v, ok := attr(n, attrs[i])
		if !ok || (attrs[i] == "class" && !slices.Contains(strings.Fields(v), attrs[i+1])) || (attrs[i] != "class" && v != attrs[i+1]) {
			return false
		}
	}
	return true
}

// attr returns an attribute of n.
func attr(n *html.Node, name string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val, true
		}
	}
	return "", false
}

// text returns the text under n, its runs of white space made one space,
// and a space between blocks.
func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		block := n.Type == html.ElementNode && slices.Contains([]string{"br", "div", "p", "li"}, n.Data)
		if block {
			b.WriteString(" ")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			b.WriteString(" ")
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// rows returns the text of the cells of the rows of the first table with
// the class, body rows only, a row each.
func rows(t testing.TB, doc *html.Node, class string) [][]string {
	t.Helper()
	tables := find(doc, "table", "class", class)
	if len(tables) == 0 {
		t.Fatalf("no table.%s", class)
	}
	var out [][]string
	for _, body := range find(tables[0], "tbody") {
		for _, tr := range find(body, "tr") {
			var row []string
			for c := tr.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && (c.Data == "td" || c.Data == "th") {
					row = append(row, text(c))
				}
			}
			out = append(out, row)
		}
	}
	return out
}

// byFirst maps each row to its first cell.
func byFirst(rows [][]string) map[string][]string {
	m := map[string][]string{}
	for _, r := range rows {
		if len(r) > 0 {
			m[r[0]] = r
		}
	}
	return m
}
