package perinet

import (
	"fmt"
	"strconv"
	"strings"
)

// Severity says whether a Problem stops a submission from being accepted.
type Severity string

// The severities of a Problem.
const (
	Error   Severity = "error"   // the value could not be read; the submission needs correcting
	Warning Severity = "warning" // the value was read, but someone should look at it
)

// Code names a kind of Problem, for programs to branch on. The codes are
// fixed by the contract (../shared/contract/README.md); new ones may be added.
type Code string

// The problem codes of the contract.
const (
	UnreadableFile    Code = "unreadable_file"
	Encrypted         Code = "encrypted"
	NoTextLayer       Code = "no_text_layer"
	TooLarge          Code = "too_large"
	NoSurveyFound     Code = "no_survey_found"
	MissingFiscalYear Code = "missing_fiscal_year"
	UnknownBlock      Code = "unknown_block"
	UnknownHospital   Code = "unknown_hospital"
	BadDate           Code = "bad_date"
	DateOutsideEra    Code = "date_outside_era"
	DateInFuture      Code = "date_in_future"
	BadMark           Code = "bad_mark"
	BadCount          Code = "bad_count"
	DuplicateGroup    Code = "duplicate_group"
	ConflictingValues Code = "conflicting_values"

	// HiddenSheet is a warning that the survey was read from a sheet the
	// workbook hides. It is perinet's own addition to the contract's codes.
	HiddenSheet Code = "hidden_sheet"
	// MissingItem says that a form lacks the row or column of an item, so
	// nothing could be read for it. perinet's own addition.
	MissingItem Code = "missing_item"
	// UnreadCell is a warning that a non-empty cell on the sheet of the
	// survey was read into no field and is no known furniture (the title,
	// notes, instructions, 記入者): it quotes the cell, so that nothing
	// written in a form disappears without a word.
	UnreadCell Code = "unread_cell"
	// OtherFiscalYear is a warning that a sheet holds the survey of another
	// fiscal year than the submission's (last year's answers kept for
	// reference): no Record is read from it. perinet's own addition.
	OtherFiscalYear Code = "other_fiscal_year"
	// ExampleSheet is a warning that a sheet marked as an example (記入例,
	// 見本) names a group the survey knows: no Record is read from it.
	// perinet's own addition.
	ExampleSheet Code = "example_sheet"
	// ItemNotAsked is a warning that a form answers an item the survey does
	// not ask in the form's fiscal year (an item added in a later year, or
	// dropped in an earlier one): the answer is kept in no Record, and the
	// warning quotes it. perinet's own addition.
	ItemNotAsked Code = "item_not_asked"
)

// A Problem is something in a submitted form that perinet could not read, or
// read with doubt. It is meant for people: Message is Japanese, for the
// secretariat, and Text quotes the cell as it was written.
type Problem struct {
	Severity Severity `json:"severity"`
	Code     Code     `json:"code"`
	Where    string   `json:"where"` // the cell or place, such as "調査票!C6" or "p1@72,540"
	Field    string   `json:"field"` // the Record field, such as "started" or "items.3"
	Text     string   `json:"text"`
	Message  string   `json:"message"`
}

// Label returns the severity as the secretariat says it: エラー or 注意.
func (s Severity) Label() string {
	if s == Error {
		return "エラー"
	}
	return "注意"
}

// Tally counts problems by severity: the errors, and the warnings.
func Tally(problems []Problem) (errors, warnings int) {
	for _, p := range problems {
		if p.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}

// HasError reports whether any of the problems is an error: whether the
// submission they came from cannot be accepted as it is.
func HasError(problems []Problem) bool {
	errors, _ := Tally(problems)
	return errors > 0
}

// CellName writes a Problem's Where as the secretariat finds the cell: a
// CSV place (r4c2) as a spreadsheet names it (B4), since CSV files are
// opened in Excel; other places are already written so and are returned
// as they are.
func CellName(where string) string {
	var row, col int
	if n, err := fmt.Sscanf(where, "r%dc%d", &row, &col); err != nil || n != 2 || fmt.Sprintf("r%dc%d", row, col) != where {
		return where
	}
	letters := ""
	for ; col > 0; col = (col - 1) / 26 {
		letters = string(rune('A'+(col-1)%26)) + letters
	}
	return letters + strconv.Itoa(row)
}

// fieldLabels are the Record's fields as the form heads them.
var fieldLabels = map[string]string{
	"fiscal_year": "年度", "block": "ブロック名", "tier": "区分", "hospital": "委託病院", "started": "開始年月",
	"distributed_to": "配布先", "details": "具体的内容",
}

// FieldLabel writes a Problem's Field as the form heads it:
// items.3.distributed_to is 項目3の配布先, started is 開始年月; "" for a
// field it does not know.
func FieldLabel(field string) string {
	parts := strings.Split(field, ".")
	if parts[0] != "items" || len(parts) < 2 {
		return fieldLabels[field]
	}
	label := "項目" + parts[1]
	if len(parts) == 3 {
		label += "の" + fieldLabels[parts[2]]
	}
	return label
}

// Error returns the problem's message with its code, so that a Problem can be
// reported wherever an error can.
func (p *Problem) Error() string {
	return string(p.Code) + ": " + p.Message
}
