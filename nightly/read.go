package nightly

import (
	"perinet"
	"perinet/ingest"
)

// A reading is what the readers found in an arrival.
type reading struct {
	format   string
	records  []perinet.Record
	problems []perinet.Problem
}

// read reads the staged copy: ingest, then, when the file could be read,
// the survey.
func (r *run) read(path string) reading {
	g, problems := ingest.File(path, ingest.DefaultLimits())
	rd := reading{format: g.Format, problems: problems}
	if !perinet.HasError(problems) {
		records, more := r.reader.Read(g)
		rd.records = records
		rd.problems = append(rd.problems, more...)
	}
	rd.problems = append(rd.problems, unfit(rd.records, rd.problems)...)
	return rd
}

// unfit guards the store: a file without errors whose Records cannot all
// be current (a Record without a fiscal year or a group, a group twice)
// gets an error, so that it is rejected rather than stopping every run;
// so does a file without errors from which no group was read. The reader
// already reports the first; this is the second line.
func unfit(records []perinet.Record, problems []perinet.Problem) []perinet.Problem {
	if perinet.HasError(problems) {
		return nil
	}
	if len(records) == 0 {
		return []perinet.Problem{{Severity: perinet.Error, Code: perinet.NoSurveyFound,
			Message: "調査票は見つかりましたが、グループを一つも読み取れませんでした。ブロック名の欄を確認してください"}}
	}
	type group struct {
		fy    int
		block string
	}
	seen := make(map[group]bool)
	for _, rec := range records {
		key := group{rec.FiscalYear, rec.Block}
		if rec.FiscalYear <= 0 || rec.Block == "" || seen[key] {
			return []perinet.Problem{{Severity: perinet.Error, Code: perinet.NoSurveyFound, Field: "block", Text: rec.Block,
				Message: "年度とブロック名を一つずつ読み取れないグループがあります。調査票の年度とブロック名を確認してください"}}
		}
		seen[key] = true
	}
	return nil
}
