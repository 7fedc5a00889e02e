package report

import (
	"fmt"
	"strconv"
	"strings"

	"perinet"
)

// Corrected: the secretariat corrected a value of a group's Record, with
// a reason (事務局による修正); Input.Corrections lists them.
const Corrected IssueKind = "corrected"

// correctionIssues names each correction applied: the group, the item
// (0 for the hospital and 開始年月), the field, the value before and
// after, the reason, who made it and when.
func correctionIssues(cs []perinet.Correction) []Issue {
	var out []Issue
	for _, c := range cs {
		field := perinet.FieldLabel(c.Field)
		if field == "" {
			field = c.Field
		}
		item := 0
		if rest, ok := strings.CutPrefix(c.Field, "items."); ok {
			no, _, _ := strings.Cut(rest, ".")
			item, _ = strconv.Atoi(no)
		}
		out = append(out, Issue{Kind: Corrected, Block: c.Block, Item: item, Message: fmt.Sprintf(
			"%s: %s → %s（理由: %s。%s、%s）", field, orNone(c.Old), orNone(c.New), c.Reason, c.Who,
			c.At.In(perinet.Japan()).Format("2006/01/02 15:04"))})
	}
	return out
}

// orNone writes an empty value as （空欄）.
func orNone(s string) string {
	if s == "" {
		return "（空欄）"
	}
	return s
}
