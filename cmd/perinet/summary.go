package main

import (
	"fmt"
	"io"
	"strings"

	"perinet"
	"perinet/normalize"
)

// tierNames are the tiers as the secretariat says them.
var tierNames = map[perinet.Tier]string{perinet.Network: "ネットワークグループ", perinet.Subgroup: "サブグループ"}

// writeSummary writes what `perinet check` found in one file, in Japanese,
// for the secretariat: the groups read and every problem with its cell.
func writeSummary(w io.Writer, line checkLine) error {
	errors, warnings := perinet.Tally(line.Problems)
	verdict := "受け付けられます"
	if errors > 0 {
		verdict = "このままでは受け付けられません"
	}
	if line.SHA256 == "" {
		// Not opened at all: a folder, a FIFO, a file not there.
		fmt.Fprintf(w, "■ %s: 読み取れませんでした。\n", line.File)
	} else {
		fmt.Fprintf(w, "■ %s（%s）: %dグループを読み取りました。エラー %d件、注意 %d件。%s。\n",
			line.File, formatName(line.Format), len(line.Records), errors, warnings, verdict)
	}
	for _, r := range line.Records {
		writeRecord(w, r)
	}
	for _, p := range line.Problems {
		place := strings.Trim(perinet.CellName(p.Where)+" "+perinet.FieldLabel(p.Field), " ")
		if place != "" {
			place = "［" + place + "］"
		}
		fmt.Fprintf(w, "  %s%s %s\n", p.Severity.Label(), place, p.Message)
	}
	_, err := fmt.Fprintln(w)
	return err
}

// formatName says a file's format for the secretariat.
func formatName(format string) string {
	if format == "unknown" {
		return "形式不明"
	}
	return format
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
	tier := tierNames[r.Tier]
	if tier == "" {
		tier = "区分不明"
	}
	fmt.Fprintf(w, "  %s%s（%s）委託病院 %s、%s\n", year, r.Block, tier, r.Hospital, started)
	var marks []string
	for _, it := range r.Items {
		mark := it.Mark.Symbol()
		if mark == "" {
			mark = "－"
		}
		s := fmt.Sprintf("%d%s", it.No, mark)
		if it.DistributedTo != nil {
			s += fmt.Sprintf("(%d施設)", *it.DistributedTo)
		}
		marks = append(marks, s)
	}
	fmt.Fprintf(w, "    項目 %s\n", strings.Join(marks, " "))
}
