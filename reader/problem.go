package reader

import (
	"fmt"

	"perinet"
)

// errorf returns an error Problem; the caller fills in where it was found.
func errorf(code perinet.Code, text, format string, args ...any) *perinet.Problem {
	return &perinet.Problem{Severity: perinet.Error, Code: code, Text: text, Message: fmt.Sprintf(format, args...)}
}

// warningf returns a warning Problem.
func warningf(code perinet.Code, text, format string, args ...any) *perinet.Problem {
	p := errorf(code, text, format, args...)
	p.Severity = perinet.Warning
	return p
}
