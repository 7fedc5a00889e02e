//go:build !unix

package ingest

import "os"

// readOnly are the flags OpenFile opens with: no named pipe can stand
// in a folder here, so opening never waits.
const readOnly = os.O_RDONLY
