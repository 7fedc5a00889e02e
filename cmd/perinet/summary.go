package main

import (
	"fmt"
	"io"
	"strings"

	"perinet"
	"perinet/normalize"
)

// markSymbols are the marks as the committee's table prints them.
var markSymbols = map[perinet.Mark]string{perinet.Yes: "○", perinet.No: "×", perinet.Partial: "△", perinet.Blank: "－"}

// tierNames are the tiers as the secretariat says them.
var tierNames = map[perinet.Tier]string{perinet.Network: "ネットワークグループ", perinet.Subgroup: "サブグループ"}

// severityNames are the severities as the secretariat says them.
var severityNames = map[perinet.Severity]string{perinet.Error: "エラー", perinet.Warning: "注意"}

// writeSummary writes what `perinet check` found in one file, in Japanese,
// for the secretariat: the groups read and every problem with its cell.
func writeSummary(w io.Writer, line checkLine) error {
	errors, warnings := 0, 0
	for _, p := range line.Problems {
		if p.Severity == perinet.Error {
			errors++
		} else {
			warnings++
		}
	}
	verdict := "受け付けられます"
	if errors > 0 {
		verdict = "このままでは受け付けられません"
	}
	fmt.Fprintf(w, "■ %s（%s）: %dグループを読み取りました。エラー %d件、注意 %d件。%s。\n",
		line.File, line.Format, len(line.Records), errors, warnings, verdict)
	for _, r := range line.Records {
		writeRecord(w, r)
	}
	for _, p := range line.Problems {
		place := strings.Trim(p.Where+" "+p.Field, " ")
		if place != "" {
			place = "［" + place + "］"
		}
		fmt.Fprintf(w, "  %s%s %s\n", severityNames[p.Severity], place, p.Message)
	}
	_, err := fmt.Fprintln(w)
	return err
}

// writeRecord writes one group's answers on two lines.
func writeRecord(w io.Writer, r perinet.Record) {
	started := "（開始年月なし）"
	if r.Started != nil {
		started = "開始 " + normalize.EraText(*r.Started)
	}
	year := ""
	if r.FiscalYear != 0 {
		year = fmt.Sprintf("%d年度 ", r.FiscalYear)
	}
	fmt.Fprintf(w, "  %s%s（%s）委託病院 %s、%s\n", year, r.Block, tierNames[r.Tier], r.Hospital, started)
	var marks []string
	for _, it := range r.Items {
		s := fmt.Sprintf("%d%s", it.No, markSymbols[it.Mark])
		if it.DistributedTo != nil {
			s += fmt.Sprintf("(%d施設)", *it.DistributedTo)
		}
		marks = append(marks, s)
	}
	fmt.Fprintf(w, "    項目 %s\n", strings.Join(marks, " "))
}
