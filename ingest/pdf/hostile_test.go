package pdf

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestReadHostile reads every damaged, fuzzed and encrypted PDF of the
// corpus: Read must return, with pages or an error, and never panic.
func TestReadHostile(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/corpus/pdf-hostile/*.pdf")
	if len(files) == 0 {
		t.Skip("the shared corpus is not beside the project")
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			defer func() {
				if v := recover(); v != nil {
					t.Fatalf("Read panicked: %v", v)
				}
			}()
			pages, err := Read(context.Background(), data, Limits{})
			t.Logf("%d pages, error %v", len(pages), err)
			if len(pages) == 0 && err == nil {
				t.Error("no pages and no error")
			}
		})
	}
}
