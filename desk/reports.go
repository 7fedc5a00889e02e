package desk

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"time"

	"perinet/nightly"
	"perinet/normalize"
)

// reportName matches the names of the files the nightly run writes into a
// year's reports folder: latest.pdf and latest.xlsx, and each version,
// report-2017-05-15.pdf (report-2017-05-15-2.pdf for a second of that
// date). Nothing else there is shown or served.
var reportName = regexp.MustCompile(`^(?:latest|report-(\d{4}-\d{2}-\d{2}(?:-\d+)?))\.(pdf|xlsx)$`)

// A reportFile is one file of a year's reports.
type reportFile struct {
	FiscalYear int
	Name       string    // as in the folder: latest.pdf, report-2017-05-15.xlsx …
	Version    string    // 2017-05-15, 2017-05-15-2; "" for latest
	PDF        bool      // a PDF, else a workbook
	Made       time.Time // when the nightly run wrote it (its modification time)
}

// URL is where the desk serves the file.
func (f reportFile) URL() string { return fmt.Sprintf("/reports/%d/%s", f.FiscalYear, f.Name) }

// reportFiles lists the report files of fiscal year fy: latest first,
// then the versions, newest first, each PDF before its workbook. None
// when the year has no folder.
func (d *Desk) reportFiles(fy int) ([]reportFile, error) {
	dir, err := d.work.Open(nightly.ReportFolder(fy))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer dir.Close()
	entries, err := dir.ReadDir(-1)
	if err != nil {
		return nil, err
	}
	var files []reportFile
	for _, e := range entries {
		m := reportName.FindStringSubmatch(e.Name())
		if m == nil || !e.Type().IsRegular() {
			continue
		}
		fi, err := e.Info()
		if err != nil {
			return nil, err
		}
		files = append(files, reportFile{FiscalYear: fy, Name: e.Name(), Version: m[1], PDF: m[2] == "pdf",
			Made: fi.ModTime()})
	}
	slices.SortFunc(files, func(a, b reportFile) int {
		switch {
		case (a.Version == "") != (b.Version == ""):
			return cmp.Compare(len(a.Version), len(b.Version)) // latest first
		case a.Version != b.Version:
			return -versionOrder(a.Version, b.Version)
		}
		return cmp.Compare(a.Name, b.Name) // .pdf before .xlsx
	})
	return files, nil
}

// versionOrder compares two version names by date, then by number
// (2017-05-15 before 2017-05-15-2 before 2017-05-15-10).
func versionOrder(a, b string) int {
	n := func(v string) int {
		if len(v) <= len("2006-01-02") {
			return 1
		}
		i, _ := strconv.Atoi(v[len("2006-01-02")+1:])
		return i
	}
	return cmp.Or(cmp.Compare(a[:10], b[:10]), cmp.Compare(n(a), n(b)))
}

// A reportsPage lists every year's reports.
type reportsPage struct {
	Years []yearReports
	Done  string // what the last remaking did
}

// The reports of one fiscal year.
type yearReports struct {
	FiscalYear int
	Latest     []reportFile
	Versions   [][]reportFile // each version's PDF and workbook, newest first
}

// reports lists the reports of every fiscal year of the store.
func (d *Desk) reports(w http.ResponseWriter, r *http.Request) {
	l, err := d.ledger(r.Context())
	if err != nil {
		d.storeFailed(w, r, err)
		return
	}
	p := reportsPage{Done: r.URL.Query().Get("done")}
	for _, fy := range slices.Backward(l.Years) {
		files, err := d.reportFiles(fy)
		if err != nil {
			d.fail(w, r, http.StatusInternalServerError, "報告書のフォルダを読めませんでした。", err)
			return
		}
		y := yearReports{FiscalYear: fy}
		for _, f := range files {
			switch n := len(y.Versions); {
			case f.Version == "":
				y.Latest = append(y.Latest, f)
			case n > 0 && y.Versions[n-1][0].Version == f.Version:
				y.Versions[n-1] = append(y.Versions[n-1], f)
			default:
				y.Versions = append(y.Versions, []reportFile{f})
			}
		}
		p.Years = append(p.Years, y)
	}
	d.render(w, r, "reports", http.StatusOK, frame{Title: "報告書", Nav: "reports", Page: p})
}

// report serves one report file by fiscal year and name: a PDF to open
// (or, with ?download=1, to save), a workbook to save.
func (d *Desk) report(w http.ResponseWriter, r *http.Request) {
	fy, err := strconv.Atoi(r.PathValue("year"))
	name := r.PathValue("name")
	m := reportName.FindStringSubmatch(name)
	if err != nil || fy < 1900 || fy > 9999 || m == nil {
		d.fail(w, r, http.StatusNotFound, "その報告書はありません。", nil)
		return
	}
	path := filepath.Join(nightly.ReportFolder(fy), name)
	fi, err := d.work.Lstat(path) // a link is nothing the nightly run writes
	if err != nil || !fi.Mode().IsRegular() {
		d.fail(w, r, http.StatusNotFound, "その報告書はありません。", nil)
		return
	}
	f, err := d.work.Open(path)
	if err != nil {
		d.fail(w, r, http.StatusNotFound, "その報告書はありません。", err)
		return
	}
	defer f.Close()
	saveAs := "報告書_" + strconv.Itoa(fy) + "年度"
	if m[1] != "" {
		saveAs += "_" + m[1]
	}
	saveAs += "." + m[2]
	disposition := "attachment"
	if m[2] == "pdf" {
		w.Header().Set("Content-Type", "application/pdf")
		if r.FormValue("download") == "" {
			disposition = "inline"
		}
	} else {
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	}
	w.Header().Set("Content-Disposition", mime.FormatMediaType(disposition, map[string]string{"filename": saveAs}))
	http.ServeContent(w, r, name, fi.ModTime(), f)
}

// yearText is a fiscal year as the pages title it.
func yearText(fy int) string {
	if fy <= 0 {
		return "年度不明"
	}
	return normalize.FiscalYearText(fy)
}
