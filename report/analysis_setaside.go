package report

import (
	"encoding/json"
	"fmt"
	"strings"

	"perinet"
)

// The kinds of Issue about the Records set aside (Input.SetAside).
const (
	// Superseded: a group was read from several accepted files of the
	// year, alike; the latest one's Record stands (差し替え).
	Superseded IssueKind = "superseded"
	// Conflict: a group was read from accepted files of the year that
	// disagree; the latest one's Record stands, the other is set aside
	// (内容の相違).
	Conflict IssueKind = "conflict"
)

// setAsideIssues names, for each group, the file used and the files set
// aside: the files whose Record was the same in one Superseded issue,
// each file whose Record differed in a Conflict issue with what differs.
func setAsideIssues(in Input, cur *yearRecords) []Issue {
	var out []Issue
	alike := map[string][]SetAside{}
	var blocks []string
	for _, s := range in.SetAside {
		b := s.Record.Block
		diff := recordDiff(s.Record, cur.byName[b])
		if len(diff) > 0 {
			out = append(out, Issue{Kind: Conflict, Block: b, File: s.File, Message: fmt.Sprintf(
				"%sを使用し、内容の異なる%sは使っていない（異なる箇所: %s）",
				fileAt(s.By, s.ByArrived), fileAt(s.File, s.Arrived), strings.Join(diff, "、"))})
			continue
		}
		if alike[b] == nil {
			blocks = append(blocks, b)
		}
		alike[b] = append(alike[b], s)
	}
	for _, b := range blocks {
		var files, names []string
		for _, s := range alike[b] {
			files, names = append(files, fileAt(s.File, s.Arrived)), append(names, s.File)
		}
		last := alike[b][len(alike[b])-1]
		out = append(out, Issue{Kind: Superseded, Block: b, File: strings.Join(names, "、"), Message: fmt.Sprintf(
			"%sを使用し、同じ内容の%sは使っていない", fileAt(last.By, last.ByArrived), strings.Join(files, "、"))})
	}
	return out
}

// fileAt names a file with the time it arrived, in Japan time, and what
// that time is: 「form.xlsx（保存 2017/05/15 19:30）」.
func fileAt(name string, at Stamp) string {
	if at.Time.IsZero() {
		return name
	}
	return name + "（" + strings.TrimSpace(at.Of+" "+at.Time.In(perinet.Japan()).Format("2006/01/02 15:04")) + "）"
}

// recordDiff names the fields in which two Records of a group differ:
// 病院名, 開始年月, 項目N; none when they say the same (wherever each was
// read from).
func recordDiff(a, b perinet.Record) []string {
	var diff []string
	if a.Hospital != b.Hospital {
		diff = append(diff, "病院名")
	}
	if !sameJSON(a.Started, b.Started) {
		diff = append(diff, "開始年月")
	}
	for i := range max(len(a.Items), len(b.Items)) {
		var x, y *perinet.Item
		if i < len(a.Items) {
			x = &a.Items[i]
		}
		if i < len(b.Items) {
			y = &b.Items[i]
		}
		if !sameJSON(x, y) {
			no := i + 1
			if x != nil {
				no = x.No
			} else if y != nil {
				no = y.No
			}
			diff = append(diff, fmt.Sprintf("項目%d", no))
		}
	}
	return diff
}

// sameJSON reports whether two values have the same JSON form (so that
// nil and empty details are alike, as the contract writes them).
func sameJSON(a, b any) bool {
	x, errX := json.Marshal(a)
	y, errY := json.Marshal(b)
	return errX == nil && errY == nil && string(x) == string(y)
}
