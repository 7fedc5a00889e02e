package nightly

import (
	"context"

	"perinet"
	"perinet/intake"
)

// A reading is what the readers found in an arrival.
type reading struct {
	format   string
	records  []perinet.Record
	problems []perinet.Problem
}

// read reads and judges the staged copy, as every command does, with
// Options.Judge. An error stops the run: the judge could not work, which
// is no fault of the file, and the file stays in the inbox.
func (r *run) read(ctx context.Context, path string) (reading, error) {
	judge := r.o.Judge
	if judge == nil {
		judge = intake.InProcess(r.reader)
	}
	j, err := judge(ctx, path)
	if err != nil {
		return reading{}, err
	}
	return reading{format: j.Format, records: j.Records, problems: j.Problems}, nil
}
