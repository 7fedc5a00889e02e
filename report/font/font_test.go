package font

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"
)

// TestUnmodified checks that the embedded font is the file the IPA
// published, byte for byte: a changed or subset font would be a Derived
// Program under its license.
func TestUnmodified(t *testing.T) {
	sum := sha256.Sum256(IPAexGothic())
	if got, want := hex.EncodeToString(sum[:]), "3b9955a5e437ffb24c41548e79296fa724822da21ee75dc1b94f6ccdb8f400dd"; got != want {
		t.Errorf("ipaexg.ttf sha256 = %s, want %s (the unmodified IPAex Gothic 004.01)", got, want)
	}
}
