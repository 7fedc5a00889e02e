package normalize

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Clean returns text in NFKC form, without variation selectors and
// zero-width characters, and with
// white space trimmed and runs of it collapsed to one space.
func Clean(text string) string {
	s := norm.NFKC.String(text)
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\uFE0E', '\uFE0F', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF':
			return -1 // variation selectors, zero-width spaces and joiners, BOM
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}
