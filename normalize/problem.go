package normalize

import (
	"fmt"

	"perinet"
)

// errorf returns an error Problem about text; the caller fills in where
// the text came from.
func errorf(code perinet.Code, text, format string, args ...any) *perinet.Problem {
	return &perinet.Problem{
		Severity: perinet.Error,
		Code:     code,
		Text:     text,
		Message:  fmt.Sprintf(format, args...),
	}
}

// warningf returns a warning Problem about text.
func warningf(code perinet.Code, text, format string, args ...any) *perinet.Problem {
	p := errorf(code, text, format, args...)
	p.Severity = perinet.Warning
	return p
}
