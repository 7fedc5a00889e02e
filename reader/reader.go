package reader

import (
	"slices"
	"strconv"
	"time"

	"perinet"
	"perinet/normalize"
)

// A Reader reads the survey out of the Grid of a submitted file. It finds
// the form's headings by their meaning, whatever their places: the item
// headings along a row or down a column, the groups along the other axis
// (a one-group form is a table of one group), headings left of or above
// their values, sub-fields in columns or on rows of their own. It accounts
// for every non-empty cell of a sheet holding the survey: read into a
// field, known furniture (the title, notes, instructions, 記入者), or an
// unread_cell warning that quotes it.
type Reader struct {
	// Today is the day against which dates in the future are judged.
	Today time.Time
	// FiscalYear is the fiscal year of a form that names none (perinet
	// check --year); 0 when not given.
	FiscalYear int

	survey *perinet.Survey
	names  *normalize.Names
	labels *labels
	tiers  map[string]perinet.Tier // a tier's word's key → the tier
}

// New returns a Reader for a survey, judging dates against today.
func New(s *perinet.Survey, today time.Time) (*Reader, error) {
	names, err := normalize.NewNames(s)
	if err != nil {
		return nil, err
	}
	r := &Reader{Today: today, survey: s, names: names, labels: newLabels(s), tiers: map[string]perinet.Tier{}}
	for tier, words := range s.Tiers {
		for _, w := range words {
			r.tiers[normalize.Key(w)] = tier
		}
	}
	return r, nil
}

// tierWords lists the tiers' words, for messages.
func (r *Reader) tierWords() string {
	return r.survey.TierName(perinet.Network) + "、" + r.survey.TierName(perinet.Subgroup)
}

// A sheetRead is what the reader found on one sheet holding the survey.
type sheetRead struct {
	sh       *sheet
	tables   []*table
	groups   []groupRead
	fy       fiscalYear
	problems []perinet.Problem
	example  bool
}

// Read returns the Records a Grid holds and the Problems found on the way,
// each Problem with its cell. A Grid without the survey gives
// no_survey_found; a group that appears twice, duplicate_group. Every
// sheet is read; a sheet marked as an example (記入例) gives no Record, nor
// does a sheet of an earlier fiscal year than the submission's, which
// gets a warning: the submission's year is the latest a sheet holding the
// survey names, or --year.
func (r *Reader) Read(g *perinet.Grid) ([]perinet.Record, []perinet.Problem) {
	var sheets []*sheetRead
	itemsOnly := false
	for i := range g.Sheets {
		sr, isItems := r.readSheet(&g.Sheets[i])
		itemsOnly = itemsOnly || isItems
		if sr != nil {
			sheets = append(sheets, sr)
		}
	}
	if len(sheets) == 0 {
		msg := "調査票が見つかりません（「地域連携会議の運営等」などの項目名がありません）。周産期医療ネットワークグループ事業の調査票か確認してください"
		if itemsOnly {
			msg = "調査票が見つかりません（項目名はありますが、「ブロック名」「委託病院」などの欄がありません）。周産期医療ネットワークグループ事業の調査票か確認してください"
		}
		return nil, []perinet.Problem{{Severity: perinet.Error, Code: perinet.NoSurveyFound, Message: msg}}
	}
	year := r.submissionYear(sheets)
	var records []perinet.Record
	var problems []perinet.Problem
	for _, sr := range sheets {
		problems = append(problems, sr.problems...)
		switch {
		case sr.example:
			problems = append(problems, r.exampleProblems(sr)...)
			continue
		case sr.fy.year != 0 && year != 0 && sr.fy.year != year && r.hasYear(sheets, year):
			problems = append(problems, r.otherYear(sr, year))
			continue
		}
		fy, p := r.yearOf(sr, year)
		problems = append(problems, p...)
		for _, gr := range sr.groups {
			if r.absent(gr) {
				continue // a report's row of a group that sent nothing (未提出)
			}
			rec, probs := r.record(fy, gr)
			records = append(records, rec)
			problems = append(problems, probs...)
		}
		if sr.sh.Hidden && len(sr.groups) > 0 {
			problems = append(problems, perinet.Problem{Severity: perinet.Warning, Code: perinet.HiddenSheet, Where: sr.sh.Name,
				Text: sr.sh.Name, Message: "非表示のシート「" + sr.sh.Name + "」から読み取りました。内容が最新か確認してください"})
		}
	}
	return records, append(problems, duplicates(records)...)
}

// absent reports whether a group's row says the group has no answers, as
// a report marks a group that sent nothing or only rejected files: an
// item's cell holds one of the survey's absent words (未提出, 不受理), and
// no item's cell holds anything else.
func (r *Reader) absent(g groupRead) bool {
	words := make([]string, len(r.survey.Labels.Absent))
	for i, w := range r.survey.Labels.Absent {
		words[i] = normalize.Key(w)
	}
	word := false
	for _, is := range g.items {
		if is == nil {
			continue
		}
		for _, s := range []slot{is.mark, is.count, is.details} {
			for _, c := range s.cells {
				if !slices.Contains(words, normalize.Key(c.Text)) {
					return false
				}
				word = true
			}
		}
	}
	return word
}

// submissionYear is the fiscal year of the submission: --year when given,
// else the latest year a sheet holding the survey names (not counting
// examples); 0 when none names one.
func (r *Reader) submissionYear(sheets []*sheetRead) int {
	if r.FiscalYear != 0 {
		return r.FiscalYear
	}
	year := 0
	for _, sr := range sheets {
		if !sr.example {
			year = max(year, sr.fy.year)
		}
	}
	return year
}

// hasYear reports whether a sheet other than an example names the year.
func (r *Reader) hasYear(sheets []*sheetRead, year int) bool {
	for _, sr := range sheets {
		if !sr.example && sr.fy.year == year {
			return true
		}
	}
	return false
}

// yearOf returns the fiscal year of a sheet's Records: its own, else the
// submission's. A sheet that names another year than --year is a
// conflict; one that names none, in a file that names none and without
// --year, is missing_fiscal_year.
func (r *Reader) yearOf(sr *sheetRead, year int) (fiscalYear, []perinet.Problem) {
	fy := sr.fy
	switch {
	case fy.year != 0 && r.FiscalYear != 0 && fy.year != r.FiscalYear:
		where, text := sr.sh.Name, sr.sh.Name
		if fy.cell != nil {
			where, text = fy.cell.Where, fy.cell.Text
		}
		return fy, []perinet.Problem{{Severity: perinet.Error, Code: perinet.ConflictingValues, Where: where,
			Field: "fiscal_year", Text: text,
			Message: "シートの年度（" + strconv.Itoa(fy.year) + "年度）と指定された年度（" + strconv.Itoa(r.FiscalYear) + "年度）が違います"}}
	case fy.year != 0:
		return fy, nil
	case year != 0:
		return fiscalYear{year: year}, nil
	}
	return fy, []perinet.Problem{{Severity: perinet.Error, Code: perinet.MissingFiscalYear, Where: sr.sh.Name,
		Field: "fiscal_year", Message: "年度が書かれていません。表題か「年度」の欄に「平成28年度」のように書くか、--year で指定してください"}}
}

// otherYear is the warning about a sheet of another fiscal year than the
// submission's.
func (r *Reader) otherYear(sr *sheetRead, year int) perinet.Problem {
	where, text := sr.sh.Name, sr.sh.Name
	if sr.fy.cell != nil {
		where, text = sr.fy.cell.Where, sr.fy.cell.Text
	}
	return perinet.Problem{Severity: perinet.Warning, Code: perinet.OtherFiscalYear, Where: where, Field: "fiscal_year", Text: text,
		Message: "シート「" + sr.sh.Name + "」は" + normalize.FiscalYearText(sr.fy.year) + "の調査票です。提出の年度（" +
			normalize.FiscalYearText(year) + "）と違うため、参考として読み取りませんでした"}
}

// exampleProblems warns of an example sheet that names a group the survey
// knows, in case it is a submission after all; an example for a group the
// survey does not know (○○ブロック) is passed over without a word.
func (r *Reader) exampleProblems(sr *sheetRead) []perinet.Problem {
	for _, gr := range sr.groups {
		for _, c := range gr.block.cells {
			if r.knownBlock(c.Text) {
				return []perinet.Problem{{Severity: perinet.Warning, Code: perinet.ExampleSheet, Where: c.Where, Field: "block", Text: c.Text,
					Message: "シート「" + sr.sh.Name + "」は記入例のため読み取りませんでしたが、「" + c.Text + "」の調査票かもしれません。確認してください"}}
			}
		}
	}
	return nil
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
