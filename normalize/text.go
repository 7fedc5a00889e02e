package normalize

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// clean returns text in NFKC form, without variation selectors and with
// white space trimmed and runs of it collapsed to one space.
func clean(text string) string {
	s := norm.NFKC.String(text)
	s = strings.Map(func(r rune) rune {
		if r == '\uFE0E' || r == '\uFE0F' {
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}
