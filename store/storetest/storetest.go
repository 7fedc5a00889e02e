// Package storetest helps tests damage a store as a failing disk would.
package storetest

import (
	"math/rand/v2"
	"os"
	"testing"
)

// DamagePage writes garbage over the first sector (512 bytes: its header,
// its cells' pointers) of the b-tree page nearest the middle of the
// database file at path, as a disk that fails in a sector would. The
// garbage is the same on every run.
func DamagePage(t testing.TB, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const page = 4096
	pages := len(b) / page
	for p := pages / 2; p < pages; p++ {
		switch b[p*page] { // the b-tree page types
		case 0x02, 0x05, 0x0a, 0x0d:
			r := rand.New(rand.NewPCG(uint64(p), 16))
			for i := p * page; i < p*page+512; i++ {
				b[i] = byte(r.UintN(256))
			}
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
	}
	t.Fatalf("no b-tree page in the second half of %s", path)
}
