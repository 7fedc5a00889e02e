//go:build !unix

package ingest

import "os/exec"

// killGroup does nothing where there are no process groups: a cancelled
// cmd kills soffice alone.
func killGroup(cmd *exec.Cmd) {}
