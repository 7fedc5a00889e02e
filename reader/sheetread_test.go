package reader

import "testing"

func TestIsPageNumber(t *testing.T) {
	for text, want := range map[string]bool{"3 / 7": true, "3/7": true, "- 3 -": true, "p.3": true, "3ページ": true, "3": false, "217": false, "2010/2": false, "a/b": false, "-": false} {
		if got := isPageNumber(text); got != want {
			t.Errorf("isPageNumber(%q) = %v, want %v", text, got, want)
		}
	}
}
