// Command readfiles reads the files named on its command line with
// ingest.File and the default limits, and fails on any problem: a
// process that does nothing else, for TestOpenpyxl to measure.
package main

import (
	"fmt"
	"os"

	"perinet/ingest"
)

func main() {
	for _, path := range os.Args[1:] {
		if _, probs := ingest.File(path, ingest.DefaultLimits()); len(probs) != 0 {
			fmt.Fprintf(os.Stderr, "%s: %v\n", path, probs)
			os.Exit(1)
		}
	}
}
