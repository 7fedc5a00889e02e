package sandbox

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"runtime/debug"
	"time"

	"perinet"
	"perinet/intake"
	"perinet/reader"
)

// A request is what Child.Judge asks of the child: the file, what to read
// it with, and the memory the child may take.
type request struct {
	Path       string          `json:"path"`
	Survey     json.RawMessage `json:"survey"` // as perinet.ReadSurvey reads it
	Today      time.Time       `json:"today"`
	FiscalYear int             `json:"fiscal_year"`
	Memory     int64           `json:"memory"` // Limits.Memory
}

// Serve is the child's side of Child.Judge: perinet's hidden subcommand
// calls it with its standard input and output. It reads the request from
// r, limits the process's memory, judges the file with intake.InProcess
// and writes the Judgement to w, as JSON. Whatever the file holds, Serve
// answers, or the process dies in the attempt (of a limit, or a panic),
// which the parent reads as the file's problem; its error is about the
// request, or writing to w.
func Serve(r io.Reader, w io.Writer) error {
	return serve(r, w, judge)
}

// serve is Serve with the judge of a request as a parameter, for the
// tests' judges that misbehave.
func serve(r io.Reader, w io.Writer, judge func(request) (intake.Judgement, error)) error {
	var req request
	if err := json.NewDecoder(r).Decode(&req); err != nil {
		return fmt.Errorf("sandbox: read the request: %w", err)
	}
	if req.Memory <= 0 {
		return fmt.Errorf("sandbox: the request gives no memory limit (%d)", req.Memory)
	}
	debug.SetMemoryLimit(req.Memory)
	if err := limitAddressSpace(req.Memory); err != nil {
		return fmt.Errorf("sandbox: limit the memory: %w", err)
	}
	j, err := judge(req)
	if err != nil {
		return err
	}
	if err := json.NewEncoder(w).Encode(j); err != nil {
		return fmt.Errorf("sandbox: write the judgement: %w", err)
	}
	return nil
}

// judge judges the file of a request in this process.
func judge(req request) (intake.Judgement, error) {
	s, err := perinet.ReadSurvey(bytes.NewReader(req.Survey))
	if err != nil {
		return intake.Judgement{}, fmt.Errorf("sandbox: %w", err)
	}
	rd, err := reader.New(s, req.Today)
	if err != nil {
		return intake.Judgement{}, fmt.Errorf("sandbox: survey: %w", err)
	}
	rd.FiscalYear = req.FiscalYear
	return intake.InProcess(rd)(context.Background(), req.Path)
}
