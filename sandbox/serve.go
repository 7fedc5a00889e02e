package sandbox

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"time"

	"perinet"
	"perinet/intake"
	"perinet/reader"
)

// A setup is what a Child tells its child first: what to read with, and
// the memory it may take.
type setup struct {
	Survey     json.RawMessage `json:"survey"` // as perinet.ReadSurvey reads it
	Today      time.Time       `json:"today"`
	FiscalYear int             `json:"fiscal_year"`
	Memory     int64           `json:"memory"` // Limits.Memory
}

// A request asks the child to judge a file.
type request struct {
	Path string `json:"path"`
}

// Serve is the child's side of Child.Judge: perinet's hidden subcommand
// calls it with its standard input and output. It reads the setup from
// r, limits the process's memory, then reads requests from r until it
// ends, judging each file with intake.InProcess and writing its
// Judgement to w, as JSON on a line. Whatever a file holds, Serve
// answers, or the process dies in the attempt (of a limit, or a panic),
// which the parent reads as the file's problem; its error is about what
// r holds, or writing to w.
func Serve(r io.Reader, w io.Writer) error {
	return serve(r, w, inProcess)
}

// serve is Serve with the maker of the judge as a parameter, for the
// tests' judges that misbehave.
func serve(r io.Reader, w io.Writer, newJudge func(setup) (func(path string) intake.Judgement, error)) error {
	dec := json.NewDecoder(r)
	var s setup
	if err := dec.Decode(&s); err != nil {
		return fmt.Errorf("sandbox: read the setup: %w", err)
	}
	if s.Memory <= 0 {
		return fmt.Errorf("sandbox: the setup gives no memory limit (%d)", s.Memory)
	}
	debug.SetMemoryLimit(s.Memory)
	if err := limitAddressSpace(s.Memory); err != nil {
		return fmt.Errorf("sandbox: limit the memory: %w", err)
	}
	judge, err := newJudge(s)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	for {
		var req request
		switch err := dec.Decode(&req); {
		case errors.Is(err, io.EOF):
			return nil
		case err != nil:
			return fmt.Errorf("sandbox: read a request: %w", err)
		}
		if err := enc.Encode(judge(req.Path)); err != nil {
			return fmt.Errorf("sandbox: write the judgement: %w", err)
		}
	}
}

// inProcess returns the judge of a setup: intake.InProcess, with the
// setup's reader.
func inProcess(s setup) (func(path string) intake.Judgement, error) {
	survey, err := perinet.ReadSurvey(bytes.NewReader(s.Survey))
	if err != nil {
		return nil, fmt.Errorf("sandbox: %w", err)
	}
	rd, err := reader.New(survey, s.Today)
	if err != nil {
		return nil, fmt.Errorf("sandbox: survey: %w", err)
	}
	rd.FiscalYear = s.FiscalYear
	judge := intake.InProcess(rd)
	return func(path string) intake.Judgement {
		j, _ := judge(context.Background(), path) // InProcess never fails
		return j
	}, nil
}
