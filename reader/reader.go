package reader

import (
	"time"

	"perinet"
	"perinet/normalize"
)

// A Reader reads the survey out of the Grid of a submitted file: it finds
// the form's headings by meaning, tells a one-group form from a
// multi-group table, and turns the cells into Records.
type Reader struct {
	// Today is the day against which dates in the future are judged.
	Today time.Time
	// FiscalYear is the fiscal year of a form that names none (perinet
	// check --year); 0 when not given.
	FiscalYear int

	survey *perinet.Survey
	names  *normalize.Names
	labels labels
}

// New returns a Reader for a survey, judging dates against today.
func New(s *perinet.Survey, today time.Time) (*Reader, error) {
	names, err := normalize.NewNames(s)
	if err != nil {
		return nil, err
	}
	return &Reader{Today: today, survey: s, names: names, labels: newLabels(s)}, nil
}

// Read returns the Records a Grid holds and the Problems found on the way,
// each Problem with its cell. A Grid without the survey gives
// no_survey_found; a group that appears twice, duplicate_group.
func (r *Reader) Read(g *perinet.Grid) ([]perinet.Record, []perinet.Problem) {
	var records []perinet.Record
	var problems []perinet.Problem
	found, itemsOnly := false, false
	for i := range g.Sheets {
		sh := newSheetView(&g.Sheets[i], r.labels)
		layout := sh.layout()
		if layout.kind == noSurvey {
			itemsOnly = itemsOnly || layout.itemsOnly
			continue
		}
		found = true
		recs, probs := r.readSheet(sh, layout)
		if sh.Hidden && len(recs) > 0 {
			probs = append(probs, perinet.Problem{Severity: perinet.Warning, Code: perinet.HiddenSheet, Where: sh.Name,
				Text: sh.Name, Message: "非表示のシート「" + sh.Name + "」から読み取りました。内容が最新か確認してください"})
		}
		records = append(records, recs...)
		problems = append(problems, probs...)
	}
	switch {
	case !found && itemsOnly:
		return nil, []perinet.Problem{{Severity: perinet.Error, Code: perinet.NoSurveyFound,
			Message: "調査票が見つかりません（項目名はありますが、「ブロック名」「委託病院」などの欄がありません）。周産期医療ネットワークグループ事業の調査票か確認してください"}}
	case !found:
		return nil, []perinet.Problem{{Severity: perinet.Error, Code: perinet.NoSurveyFound,
			Message: "調査票が見つかりません（「地域連携会議の運営等」などの項目名がありません）。周産期医療ネットワークグループ事業の調査票か確認してください"}}
	}
	return records, append(problems, duplicates(records)...)
}

// readSheet reads the groups of one sheet in the layout found there.
func (r *Reader) readSheet(sh *sheetView, l layout) ([]perinet.Record, []perinet.Problem) {
	fy, problems := r.fiscalYear(sh, l.top)
	var groups []groupCells
	if l.kind == oneGroup {
		groups = []groupCells{sh.formCells(l)}
	} else {
		tc := sh.columns(l)
		if len(tc.block) == 0 {
			return nil, append(problems, perinet.Problem{Severity: perinet.Error, Code: perinet.NoSurveyFound, Where: sh.Name,
				Message: "シート「" + sh.Name + "」の表に「ブロック名」の列が見つからないため、どのグループの行か分かりません"})
		}
		groups = sh.tableCells(tc, func(s string) bool { _, p := r.names.Block(s); return p == nil })
	}
	var records []perinet.Record
	for _, c := range groups {
		rec, probs := r.record(fy, c)
		records = append(records, rec)
		problems = append(problems, probs...)
	}
	return records, problems
}

// duplicates reports every group that a file names more than once.
func duplicates(records []perinet.Record) []perinet.Problem {
	var problems []perinet.Problem
	seen := map[string]string{}
	for _, rec := range records {
		if rec.Block == "" {
			continue
		}
		where := rec.Source.Where["block"]
		if first, ok := seen[rec.Block]; ok {
			problems = append(problems, perinet.Problem{Severity: perinet.Error, Code: perinet.DuplicateGroup,
				Where: where, Field: "block", Text: rec.Block,
				Message: "「" + rec.Block + "」が一つのファイルに二度あります（" + first + " と " + where + "）。どちらが正しいか確認してください"})
			continue
		}
		seen[rec.Block] = where
	}
	return problems
}
