//go:build unix

package ingest

import (
	"os"
	"syscall"
)

// readOnly are the flags OpenFile opens with: O_NONBLOCK makes opening a
// named pipe return at once instead of waiting for a writer, and changes
// nothing for a regular file.
const readOnly = os.O_RDONLY | syscall.O_NONBLOCK
