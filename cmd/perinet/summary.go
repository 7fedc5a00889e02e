package main

import (
	"fmt"
	"io"
	"strconv"
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
		place := strings.Trim(cellName(p.Where)+" "+fieldLabel(p.Field), " ")
		if place != "" {
			place = "［" + place + "］"
		}
		fmt.Fprintf(w, "  %s%s %s\n", severityNames[p.Severity], place, p.Message)
	}
	_, err := fmt.Fprintln(w)
	return err
}

// cellName writes a CSV place (r4c2) as a spreadsheet names the cell
// (B4), since the secretariat opens CSV files in Excel; other places are
// already written so.
func cellName(where string) string {
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

// fieldLabel writes a Record field as the secretariat knows it:
// items.3.distributed_to is 項目3の配布先.
func fieldLabel(field string) string {
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
		s := fmt.Sprintf("%d%s", it.No, markSymbols[it.Mark])
		if it.DistributedTo != nil {
			s += fmt.Sprintf("(%d施設)", *it.DistributedTo)
		}
		marks = append(marks, s)
	}
	fmt.Fprintf(w, "    項目 %s\n", strings.Join(marks, " "))
}
