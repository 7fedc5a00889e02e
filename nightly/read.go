package nightly

import (
	"perinet"
	"perinet/intake"
)

// A reading is what the readers found in an arrival.
type reading struct {
	format   string
	records  []perinet.Record
	problems []perinet.Problem
}

// read reads and judges the staged copy, as every command does
// (intake.Judge).
func (r *run) read(path string) reading {
	j := intake.Judge(path, r.reader)
	return reading{format: j.Format, records: j.Records, problems: j.Problems}
}
