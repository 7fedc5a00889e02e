package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"perinet"
)

// ninthItem is an item the survey adds from FY2019 on, as the
// secretariat would write it in a survey.json of their own.
var ninthItem = perinet.ItemDef{No: 9, Label: "災害時の連携体制の整備", Aliases: []string{"災害時の連携体制"},
	About: "災害時に医療機関と行政が連絡を取り合う体制を整備した。", From: 2019}

// writeNinthSurvey writes the built-in survey with the ninth item into dir
// and returns its path.
func writeNinthSurvey(t *testing.T, dir string) string {
	t.Helper()
	s := perinet.DefaultSurvey()
	s.Items = append(s.Items, ninthItem)
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "survey.json")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// checkWith runs perinet check --json with extra flags on files and
// returns each file's line.
func checkWith(t *testing.T, flags []string, files ...string) []checkLine {
	t.Helper()
	args := append(append([]string{"check", "--json", "--today", "2026-11-25"}, flags...), files...)
	code, stdout, stderr := runCommand(args...)
	if code == exitUsage {
		t.Fatalf("check %v: exit %d\n%s", flags, code, stderr)
	}
	var lines []checkLine
	for _, text := range strings.Split(strings.TrimSpace(stdout), "\n") {
		var line checkLine
		if err := json.Unmarshal([]byte(text), &line); err != nil {
			t.Fatalf("check: %v\n%s", err, text)
		}
		lines = append(lines, line)
	}
	return lines
}

// TestNinthItem adds a ninth item from FY2019 on, in a survey.json of the
// secretariat's own: every fixture form of FY2014 to FY2018 reads exactly
// as with the built-in survey; FY2019's forms ask the ninth item, and a
// form of FY2019 read with the built-in survey says it holds what that
// survey does not know; once the groups answer it, FY2019's report counts
// it, its trend shows it from FY2019 only, and the report reads back with
// nine items.
func TestNinthItem(t *testing.T) {
	dir := t.TempDir()
	survey := writeNinthSurvey(t, dir)
	var files []string
	for fy := 2014; fy <= 2018; fy++ {
		files = append(files, fixtureGlob(t, fmt.Sprintf("fy%d/*", fy))...)
	}
	before, after := checkWith(t, nil, files...), checkWith(t, []string{"--survey", survey}, files...)
	for i := range before {
		b, _ := json.Marshal(before[i])
		a, _ := json.Marshal(after[i])
		if !bytes.Equal(a, b) {
			t.Errorf("%s reads otherwise with the ninth item:\n%s\nwant\n%s", files[i], a, b)
		}
	}

	inbox := copyForms(t, "fy2017/form-*.xlsx", "fy2018/form-*.xlsx")
	work := filepath.Join(dir, "work")
	if err := os.Mkdir(work, 0o755); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "perinet.toml")
	text := "inbox = '" + inbox + "'\nwork = '" + work + "'\nsurvey = 'survey.json'\nsettle_seconds = 0\nyear = 2019\n"
	if err := os.WriteFile(cfg, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, stdout, stderr := runCommand("run", "--config", cfg); code != exitOK {
		t.Fatalf("run: exit %d\n%s%s", code, stdout, stderr)
	}
	forms := filepath.Join(dir, "forms")
	if code, stdout, stderr := runCommand("template", "--config", cfg, "--all", "--out", forms, "--today", "2019-06-01"); code != exitOK {
		t.Fatalf("template: exit %d\n%s%s", code, stdout, stderr)
	}
	made, _ := filepath.Glob(filepath.Join(forms, "*.xlsx"))
	if len(made) != 8 {
		t.Fatalf("%d forms of FY2019, want 8", len(made))
	}
	done := map[string]bool{}
	for _, line := range checkWith(t, []string{"--survey", survey}, made...) {
		if len(line.Problems) > 0 {
			t.Errorf("%s: %+v", line.File, line.Problems)
		}
		for _, r := range line.Records {
			if len(r.Items) != 9 || r.Items[8].No != 9 || r.Items[8].Mark != perinet.Blank {
				t.Errorf("%s %s: items %+v, want nine, the ninth blank", line.File, r.Block, r.Items)
			}
		}
		done = answerNinth(t, line, done)
	}
	for _, line := range checkWith(t, nil, made...) {
		if !hasNinthWarning(line.Problems) {
			t.Errorf("%s read with the built-in survey: no word of the ninth item: %+v", line.File, line.Problems)
		}
	}

	for _, f := range made {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(inbox, "fy2019-"+filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, stdout, stderr := runCommand("run", "--config", cfg)
	if code != exitOK {
		t.Fatalf("run of FY2019: exit %d\n%s%s", code, stdout, stderr)
	}
	reports, _ := filepath.Glob(filepath.Join(work, "reports", "2019年度", "report-*.xlsx"))
	if len(reports) != 1 {
		t.Fatalf("reports of FY2019: %v\n%s%s", reports, stdout, stderr)
	}
	report := reports[0]
	pdf := filepath.Join(work, "reports", "2019年度", "latest.pdf")
	for _, line := range checkWith(t, []string{"--survey", survey}, report, pdf) {
		if len(line.Records) != 14 || len(done) < 5 {
			t.Errorf("%s of FY2019 reads back as %d Records, want 14 (%d with the ninth item done)", line.File, len(line.Records), len(done))
		}
		for _, r := range line.Records {
			if len(r.Items) != 9 || (r.Items[8].Mark == perinet.Yes) != done[r.Block] {
				t.Errorf("%s: %s: items %+v, want the ninth done: %v", line.File, r.Block, r.Items, done[r.Block])
			}
		}
	}
	checkNinthTrend(t, report, len(done))
}

// answerNinth marks the ninth item done (○) in the form of every other
// group the line read, and adds those groups to done. The ninth item's
// cell is where its label's line meets the line of another item's mark of
// the group: the row of the label and the mark's column on a one-group
// form (items down the sheet), the label's column and the mark's row on a
// table (items across).
func answerNinth(t *testing.T, line checkLine, done map[string]bool) map[string]bool {
	t.Helper()
	f, err := excelize.OpenFile(line.File)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	label, err := f.SearchSheet("調査票", ninthItem.Label, true)
	if err != nil || len(label) == 0 { // the first is the table's, the others the instructions'
		t.Fatalf("%s: the ninth item's label at %v: %v", line.File, label, err)
	}
	lc, lr, err := excelize.CellNameToCoordinates(label[0])
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range line.Records {
		if i%2 == 1 {
			continue
		}
		where := ""
		for no := 1; no <= 8 && where == ""; no++ {
			where = r.Source.Where["items."+strconv.Itoa(no)]
		}
		_, mark, _ := strings.Cut(where, "!")
		mc, mr, err := excelize.CellNameToCoordinates(mark)
		if err != nil {
			t.Fatalf("%s %s: no item's mark read: %v", line.File, r.Block, err)
		}
		col, row := mc, lr
		if len(line.Records) > 1 {
			col, row = lc, mr
		}
		cell, _ := excelize.CoordinatesToCellName(col, row)
		if err := f.SetCellValue("調査票", cell, "○"); err != nil {
			t.Fatal(err)
		}
		done[r.Block] = true
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	return done
}

// hasNinthWarning reports whether problems say that a form holds the
// ninth item's heading, which the built-in survey does not know.
func hasNinthWarning(problems []perinet.Problem) bool {
	for _, p := range problems {
		if p.Code == perinet.UnreadCell && strings.Contains(p.Text, ninthItem.Label) {
			return true
		}
	}
	return false
}

// checkNinthTrend checks the 推移 sheet of report.xlsx: the ninth item's
// count is empty in FY2017 and FY2018, which did not ask it, and is the
// groups that did it in FY2019.
func checkNinthTrend(t *testing.T, report string, want int) {
	t.Helper()
	f, err := excelize.OpenFile(report)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("推移")
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for _, row := range rows {
		for j, v := range row {
			if strings.Contains(v, ninthItem.Label) {
				col = j
			}
		}
	}
	if col < 0 {
		t.Fatalf("推移 has no column of the ninth item: %q", rows)
	}
	counts := map[int]string{}
	for _, row := range rows {
		if len(row) > 1 {
			if fy, err := strconv.Atoi(row[1]); err == nil && col < len(row) {
				counts[fy] = row[col]
			} else if err == nil {
				counts[fy] = ""
			}
		}
	}
	if counts[2017] != "" || counts[2018] != "" || counts[2019] != strconv.Itoa(want) {
		t.Errorf("the ninth item on 推移: %v, want nothing in 2017 and 2018, %d in 2019", counts, want)
	}
}
