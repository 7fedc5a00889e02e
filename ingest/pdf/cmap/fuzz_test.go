package cmap

import "testing"

// FuzzParse parses arbitrary data, then reads arbitrary text through the
// result: nothing may panic, Next must always move on, and the text must
// be valid UTF-8 without U+FFFD.
func FuzzParse(f *testing.F) {
	f.Add([]byte(toUnicode), []byte{0, 0x10, 0, 0x11, 0, 0x20, 0, 0x41})
	f.Add([]byte(shiftJIS), []byte("A\x81\x40\x93\xFA\xB1\x81"))
	f.Fuzz(func(t *testing.T, data, text []byte) {
		exercise(t, data, text)
	})
}
