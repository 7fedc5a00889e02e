package ingest

import "syscall"

// groupAttr starts soffice in a process group of its own, and sends it
// SIGTERM when the thread that started it ends (Pdeathsig): soffice's
// launcher, oosplash, then kills soffice.bin (SIGKILL would leave
// soffice.bin running). So a perinet that dies while LibreOffice converts
// (a child process of the nightly run, killed at its limits) leaves no
// LibreOffice running.
func groupAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
}
