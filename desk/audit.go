package desk

import (
	"encoding/csv"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"perinet"
	"perinet/intake"
	"perinet/nightly"
	"perinet/normalize"
	"perinet/store"
)

// The outcomes the audit trail filters by besides the ledger's: the
// reports made, and the secretariat's corrections and their withdrawals.
const (
	outcomeReport     = "report"
	outcomeCorrection = "correction"
)

// An auditFilter is what the audit trail shows: rows of a fiscal year (0:
// of none read), of a group, of an outcome; each "" or -1 for any.
type auditFilter struct {
	Year    int // -1 for any
	Group   string
	Outcome string // store.Outcome, outcomeReport, or ""
}

// query is the filter as the URL's query.
func (f auditFilter) query() string {
	q := url.Values{}
	if f.Year >= 0 {
		q.Set("year", strconv.Itoa(f.Year))
	}
	if f.Group != "" {
		q.Set("group", f.Group)
	}
	if f.Outcome != "" {
		q.Set("outcome", f.Outcome)
	}
	if len(q) == 0 {
		return ""
	}
	return "?" + q.Encode()
}

// An auditPage is the audit trail.
type auditPage struct {
	Filter   auditFilter
	Years    []int
	Groups   []string
	Outcomes []choice
	Rows     []auditRow
	CSV      string // the URL of the rows in CSV
}

// A choice is one option of a filter.
type choice struct{ Value, Label string }

// An auditRow is one arrival, one report made, or one correction made or
// withdrawn.
type auditRow struct {
	Time         time.Time
	Years        []int
	Groups       []string
	File         *store.FileEntry // an arrival; nil for a report
	Outcome      string           // as the secretariat says it
	DuplicateOf  *store.FileEntry
	Supersedes   []*store.FileEntry // the files whose Records this one replaced
	SupersededBy []*store.FileEntry // the files that replaced this one's Records
	Report       []reportFile       // a report's PDF and workbook
	Correction   *perinet.Correction
	Withdrawal   bool             // the row is the correction's withdrawal
	Corrected    *store.FileEntry // the file whose Record the correction changes
}

// audit shows the audit trail, filtered as the query says.
func (d *Desk) audit(w http.ResponseWriter, r *http.Request) {
	p, ok := d.auditPage(w, r)
	if ok {
		d.render(w, r, "audit", http.StatusOK, frame{Title: "監査記録", Nav: "audit", Page: p})
	}
}

// auditCSV serves the audit trail's rows as CSV, in UTF-8 with a byte
// order mark and CR LF line ends, as Excel opens it.
func (d *Desk) auditCSV(w http.ResponseWriter, r *http.Request) {
	p, ok := d.auditPage(w, r)
	if !ok {
		return
	}
	var b strings.Builder
	b.WriteString("\uFEFF")
	c := csv.NewWriter(&b)
	c.UseCRLF = true
	c.Write([]string{"日時", "種類", "番号", "年度", "グループ", "ファイル", "結果", "重複元", "差し替えたファイル", "差し替えられたファイル", "誤り", "注意", "SHA-256"})
	for _, row := range p.Rows {
		years := make([]string, len(row.Years))
		for i, fy := range row.Years {
			years[i] = strconv.Itoa(fy)
		}
		rec := []string{normalize.MinuteText(row.Time), "", "", strings.Join(years, " "), strings.Join(row.Groups, " "), "", row.Outcome, "", "", "", "", "", ""}
		switch f := row.File; {
		case row.Correction != nil:
			rec[1], rec[2], rec[5] = row.Outcome, strconv.FormatInt(row.Correction.ID, 10), fileRef(row.Corrected)
			rec[6] = row.Correction.Summary()
			if w := row.Correction.Withdrawn; row.Withdrawal && w != nil {
				rec[6] += fmt.Sprintf("（取り下げ: %s。理由: %s）", w.Who, orBlank(w.Reason))
			}
		case f != nil:
			errs, warnings := perinet.Tally(f.Problems)
			rec[1], rec[2], rec[5] = "到着", strconv.FormatInt(f.ID, 10), f.Name
			rec[7], rec[8], rec[9] = fileRef(row.DuplicateOf), fileRefs(row.Supersedes), fileRefs(row.SupersededBy)
			rec[10], rec[11], rec[12] = strconv.Itoa(errs), strconv.Itoa(warnings), f.SHA256
		default:
			names := make([]string, len(row.Report))
			for i, f := range row.Report {
				names[i] = f.Name
			}
			rec[1], rec[5] = "報告書", strings.Join(names, " ")
		}
		c.Write(rec)
	}
	c.Flush()
	name := "監査記録.csv"
	if p.Filter.Year > 0 {
		name = fmt.Sprintf("監査記録_%d年度.csv", p.Filter.Year)
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	w.Write([]byte(b.String()))
}

// fileRef names a file of the ledger in a CSV cell: #3 区中央部.xlsx.
func fileRef(e *store.FileEntry) string {
	if e == nil {
		return ""
	}
	return fmt.Sprintf("#%d %s", e.ID, e.Name)
}

// fileRefs names files of the ledger in a CSV cell, one a line.
func fileRefs(es []*store.FileEntry) string {
	refs := make([]string, len(es))
	for i, e := range es {
		refs[i] = fileRef(e)
	}
	return strings.Join(refs, "\n")
}

// auditPage gathers the audit trail's rows the query asks for, newest
// first, or answers a wrong query and returns false.
func (d *Desk) auditPage(w http.ResponseWriter, r *http.Request) (auditPage, bool) {
	f := auditFilter{Year: -1, Group: r.FormValue("group"), Outcome: r.FormValue("outcome")}
	if y := r.FormValue("year"); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 0 || n > 9999 {
			d.fail(w, r, http.StatusBadRequest, fmt.Sprintf("年度「%s」は、2016 のように西暦の年で指定してください。", y), nil)
			return auditPage{}, false
		}
		f.Year = n
	}
	p := auditPage{Filter: f, CSV: "/audit.csv" + f.query(), Outcomes: []choice{
		{string(store.Accepted), nightly.OutcomeWord(store.Accepted)}, {string(store.Rejected), nightly.OutcomeWord(store.Rejected)},
		{string(store.Duplicate), nightly.OutcomeWord(store.Duplicate)}, {outcomeReport, "報告書の作成"},
		{outcomeCorrection, "事務局による修正"}}}
	if !slices.ContainsFunc(p.Outcomes, func(c choice) bool { return c.Value == f.Outcome }) && f.Outcome != "" {
		d.fail(w, r, http.StatusBadRequest, "結果「"+f.Outcome+"」では絞り込めません。", nil)
		return auditPage{}, false
	}
	l, err := d.ledger(r.Context())
	if err != nil {
		d.storeFailed(w, r, err)
		return auditPage{}, false
	}
	for fy := range l.Files {
		p.Years = append(p.Years, fy)
	}
	slices.Sort(p.Years)
	slices.Reverse(p.Years)
	for _, g := range l.Status(0, d.survey).Groups { // every group of the survey, in its order
		p.Groups = append(p.Groups, g.Block.Name)
	}
	rows := arrivals(l)
	for _, fy := range l.Years {
		files, err := d.reportFiles(fy)
		if err != nil {
			d.fail(w, r, http.StatusInternalServerError, "報告書のフォルダを読めませんでした。", err)
			return auditPage{}, false
		}
		rows = append(rows, reportsMade(fy, files)...)
		cs, err := d.o.Store.Corrections(r.Context(), fy)
		if err != nil {
			d.storeFailed(w, r, err)
			return auditPage{}, false
		}
		rows = append(rows, correctionsMade(l, cs)...)
	}
	for _, row := range rows {
		if f.keeps(row) {
			p.Rows = append(p.Rows, row)
		}
		for _, g := range row.Groups {
			if !slices.Contains(p.Groups, g) {
				p.Groups = append(p.Groups, g)
			}
		}
	}
	slices.SortStableFunc(p.Rows, func(a, b auditRow) int { return b.Time.Compare(a.Time) })
	return p, true
}

// keeps reports whether the filter keeps a row.
func (f auditFilter) keeps(row auditRow) bool {
	switch {
	case f.Year > 0 && !slices.Contains(row.Years, f.Year), f.Year == 0 && len(row.Years) > 0:
		return false
	case f.Group != "" && !slices.Contains(row.Groups, f.Group):
		return false
	case f.Outcome == outcomeReport:
		return row.Report != nil
	case f.Outcome == outcomeCorrection:
		return row.Correction != nil
	case f.Outcome != "":
		return row.File != nil && string(row.File.Outcome) == f.Outcome
	}
	return true
}

// arrivals returns a row for every file of the ledger.
func arrivals(l *intake.Ledger) []auditRow {
	var rows []auditRow
	for i, e := range l.All {
		row := auditRow{Time: e.Arrived, File: &l.All[i], Outcome: nightly.OutcomeWord(e.Outcome), DuplicateOf: byID(l, e.DuplicateOf)}
		for _, g := range e.Groups {
			if !slices.Contains(row.Years, g.FiscalYear) {
				row.Years = append(row.Years, g.FiscalYear)
			}
			if !slices.Contains(row.Groups, g.Block) {
				row.Groups = append(row.Groups, g.Block)
			}
			if f := byID(l, g.Supersedes); f != nil && !slices.Contains(row.Supersedes, f) {
				row.Supersedes = append(row.Supersedes, f)
			}
			if f := byID(l, g.SupersededBy); f != nil && !slices.Contains(row.SupersededBy, f) {
				row.SupersededBy = append(row.SupersededBy, f)
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// reportsMade returns a row for every version of a year's report, with
// the time its PDF (or workbook) was written.
func reportsMade(fy int, files []reportFile) []auditRow {
	var rows []auditRow
	for _, f := range files {
		if f.Version == "" {
			continue
		}
		if n := len(rows); n > 0 && rows[n-1].Report[0].Version == f.Version {
			rows[n-1].Report = append(rows[n-1].Report, f)
			rows[n-1].Time = latest(rows[n-1].Time, f.Made)
			continue
		}
		rows = append(rows, auditRow{Time: f.Made, Years: []int{fy}, Outcome: "作成", Report: []reportFile{f}})
	}
	return rows
}

// correctionsMade returns a row for every correction, and one more for
// each withdrawn, at the time of the withdrawal, before it.
func correctionsMade(l *intake.Ledger, cs []perinet.Correction) []auditRow {
	var rows []auditRow
	for i := range cs {
		c := &cs[i]
		row := auditRow{Time: c.At, Years: []int{c.FiscalYear}, Groups: []string{c.Block}, Correction: c,
			Outcome: "修正", Corrected: byID(l, c.File)}
		if c.Withdrawn != nil { // first, so that it stays first at the same minute
			withdrawal := row
			withdrawal.Time, withdrawal.Withdrawal, withdrawal.Outcome = c.Withdrawn.At, true, "修正の取り下げ"
			rows = append(rows, withdrawal)
		}
		rows = append(rows, row)
	}
	return rows
}

// orBlank writes an empty value as （なし）.
func orBlank(s string) string {
	if s == "" {
		return "（なし）"
	}
	return s
}

// latest returns the later of two times.
func latest(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
