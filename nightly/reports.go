package nightly

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"perinet"
	"perinet/intake"
	"perinet/report"
)

// The files of a year's reports folder besides the dated versions.
const (
	latestPDF  = "latest.pdf"
	latestXLSX = "latest.xlsx"
	// inputFile holds the digest of what the latest report was made from;
	// it is written last, so that a report is remade until it is complete.
	inputFile = ".latest-input"
	// reportFormat is part of that digest: raise it when a change to
	// perinet must remake the reports of every year.
	reportFormat = 1
)

// A yearReport is what one fiscal year's report is made from; its date
// (report.Input.Created, intake.Created) names the report's version and
// is printed on it.
type yearReport struct {
	in report.Input
}

// writeReports makes the report of every fiscal year with Records (of
// those given, when any are) whose input changed since its latest report
// (or that has none), then publishes the PDF of the year to publish.
func (r *run) writeReports(l *intake.Ledger, years ...int) error {
	for _, fy := range l.Years {
		if len(years) > 0 && !slices.Contains(years, fy) {
			continue
		}
		yr := yearReport{l.Report(fy, intake.ReportOptions{Survey: r.survey, Notes: r.o.Notes})}
		if err := r.writeReport(fy, yr); err != nil {
			return fmt.Errorf("report of %s: %w", yearDir(fy), err)
		}
	}
	return r.publish(l)
}

// writeReport writes fy's report when its input changed: a new dated
// version, then latest.pdf and latest.xlsx, then the input's digest.
func (r *run) writeReport(fy int, yr yearReport) error {
	dir := r.work.reports(fy)
	digest, err := yr.digest(r.o.Purpose, r.o.Paper)
	if err != nil {
		return err
	}
	if done, err := r.upToDate(dir, digest); err != nil || done {
		return err
	}
	xlsx, pdf, err := r.render(yr)
	if err != nil {
		return err
	}
	version, err := versionName(dir, yr.in.Created, xlsx, pdf)
	if err != nil {
		return err
	}
	files := []struct {
		name string
		data []byte
	}{{version + ".xlsx", xlsx}, {version + ".pdf", pdf}, {latestXLSX, xlsx}, {latestPDF, pdf}, {inputFile, digest}}
	for _, f := range files {
		if err := writeFile(filepath.Join(dir, f.name), r.work.tmp(), f.data); err != nil {
			return err
		}
		if err := r.at("report", f.name); err != nil {
			return err
		}
	}
	paths := []string{filepath.Join(dir, version+".pdf"), filepath.Join(dir, version+".xlsx")}
	r.sum.Reports = append(r.sum.Reports, paths...)
	r.log.Info("報告書を作成しました", "year", fy, "pdf", r.work.rel(paths[0]), "xlsx", r.work.rel(paths[1]))
	return nil
}

// upToDate reports whether dir's latest report was made from the input
// of this digest and is all there.
func (r *run) upToDate(dir string, digest []byte) (bool, error) {
	same, err := sameContent(filepath.Join(dir, inputFile), digest)
	if err != nil || !same {
		return false, err
	}
	for _, name := range []string{latestPDF, latestXLSX} {
		if ok, err := exists(filepath.Join(dir, name)); err != nil || !ok {
			return false, err
		}
	}
	return true, nil
}

// digest is the SHA-256 of everything a year's report is made from, so
// that a report is remade exactly when one of them changed.
func (yr yearReport) digest(purpose string, paper report.Paper) ([]byte, error) {
	b, err := json.Marshal(struct {
		Format          int
		Input           report.Input
		Purpose         string
		Paper           report.Paper
		Created         time.Time
		SourceDateEpoch string
	}{reportFormat, yr.in, purpose, paper, yr.in.Created, os.Getenv("SOURCE_DATE_EPOCH")})
	if err != nil {
		return nil, fmt.Errorf("digest: %w", err)
	}
	sum := sha256.Sum256(b)
	return []byte(hex.EncodeToString(sum[:]) + "\n"), nil
}

// render makes the year's workbook and PDF. A character the font lacks is
// logged, and the PDF kept with 〓 in its place.
func (r *run) render(yr yearReport) (xlsx, pdf []byte, err error) {
	a := report.Analyze(yr.in)
	var xb, pb bytes.Buffer
	if err := report.WriteXLSX(&xb, a, yr.in.AllRecords(), r.survey); err != nil {
		return nil, nil, err
	}
	err = report.WritePDF(&pb, report.PDFDoc{Analysis: a, Records: yr.in.Records[a.FiscalYear], Survey: r.survey,
		Purpose: r.o.Purpose, Paper: r.o.Paper})
	var missing *report.MissingGlyphsError
	if errors.As(err, &missing) {
		r.log.Warn("報告書PDFのフォントにない文字を〓で表示しました", "year", yr.in.FiscalYear, "missing", missing.Error())
		err = nil
	}
	return xb.Bytes(), pb.Bytes(), err
}

// versionName returns the name, without extension, of a report version
// made from data dated created: report-<date>, or report-<date>-2, -3 …
// when a different report of that date is there already. A version with
// these very bytes is reused, so a run that crashed halfway and its rerun
// end with the same names.
func versionName(dir string, created time.Time, xlsx, pdf []byte) (string, error) {
	base := "report-" + created.In(perinet.Japan()).Format(time.DateOnly)
	for n := 1; ; n++ {
		name := base
		if n > 1 {
			name = fmt.Sprintf("%s-%d", base, n)
		}
		free := true
		for ext, data := range map[string][]byte{".xlsx": xlsx, ".pdf": pdf} {
			ok, err := exists(filepath.Join(dir, name+ext))
			if err != nil {
				return "", err
			}
			same, err := sameContent(filepath.Join(dir, name+ext), data)
			if err != nil {
				return "", err
			}
			free = free && (!ok || same)
		}
		if free {
			return name, nil
		}
	}
}

// publish notes the latest PDF of the year to publish in the summary, and
// copies it into the publish folder when its content differs from the
// copy there.
func (r *run) publish(l *intake.Ledger) error {
	fy := r.o.PublishYear
	if fy == 0 && len(l.Years) > 0 {
		fy = l.Years[len(l.Years)-1]
	}
	if fy == 0 {
		return nil
	}
	latest := filepath.Join(r.work.reports(fy), latestPDF)
	pdf, err := os.ReadFile(latest)
	if errors.Is(err, os.ErrNotExist) {
		return nil // no Records of that year yet
	}
	if err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	r.sum.Latest = latest
	if r.o.Publish == "" {
		return nil
	}
	if err := checkDir(r.o.Publish); err != nil {
		return fmt.Errorf("publish folder: %w", err)
	}
	dst := filepath.Join(r.o.Publish, publishName(fy))
	if same, err := sameContent(dst, pdf); err != nil || same {
		return err
	}
	if err := removeTemp(r.o.Publish); err != nil {
		r.log.Warn("公開フォルダの一時ファイルを削除できませんでした", "error", err)
	}
	if err := writeFile(dst, r.o.Publish, pdf); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	r.sum.Published = dst
	r.log.Info("報告書PDFを公開フォルダにコピーしました", "year", fy, "path", dst)
	return r.at("published", dst)
}

// publishName is the name of a year's PDF in the publish folder.
func publishName(fy int) string {
	return "報告書_" + yearDir(fy) + ".pdf"
}
