package report

import (
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
		item := 0
		if rest, ok := strings.CutPrefix(c.Field, "items."); ok {
			no, _, _ := strings.Cut(rest, ".")
			item, _ = strconv.Atoi(no)
		}
		out = append(out, Issue{Kind: Corrected, Block: c.Block, Item: item, Message: c.Summary()})
	}
	return out
}
