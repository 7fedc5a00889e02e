package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/signintech/gopdf"

	"perinet"
	"perinet/report/font"
)

// DefaultPurpose is the programme's purpose (目的) as the FY2016 table's
// cover states it; WritePDF prints it when PDFDoc.Purpose is empty.
const DefaultPurpose = "地域の周産期母子医療センターを中心とした周産期医療のネットワークを強化し、" +
	"妊産婦や新生児のリスクに応じた医療機関等の機能に応じた役割分担と医療連携を促進し、" +
	"地域における効率的な医療提供体制を構築する。"

// PDFAuthor is the author written into report.pdf's metadata.
const PDFAuthor = "周産期医療ネットワークグループ事業 事務局"

// A Paper is the sheet report.pdf is laid out on, always landscape.
type Paper uint8

// The papers WritePDF lays out on. The zero Paper is A3, on which the
// status matrix prints at the size of the published table; A4 has a
// layout of its own, its type smaller but no text under 7 pt, the matrix
// running onto more pages when it must.
const (
	A3 Paper = iota
	A4
)

// A PDFDoc is what report.pdf is made from.
type PDFDoc struct {
	// Analysis is what the report says: its fiscal year, the figures
	// the charts draw, the summary sentences and the secretariat's notes
	// (printed as given; a "\n" inside a paragraph starts a new line),
	// the issues and the submissions.
	Analysis Analysis
	Records  []perinet.Record // the year's Records, one per group, drawn in the survey's block order
	Survey   *perinet.Survey  // the survey definition; nil means perinet.DefaultSurvey()
	Purpose  string           // 目的 for the 目的及び事業内容 page; "" means DefaultPurpose
	// Created is when the report was made: printed on the title page (as
	// its date in Japan) and written as the PDF's creation date. It must
	// come from the data, never from the clock, so that the same input
	// gives the same bytes. The SOURCE_DATE_EPOCH environment variable,
	// when set, takes its place, as reproducible builds expect. The zero
	// time means Analysis.Created.
	Created time.Time
	Paper   Paper
}

// A MissingGlyphsError lists the characters of a PDFDoc that IPAex Gothic
// cannot draw. WritePDF returns it after writing the whole PDF, with each
// such character drawn as 〓 (the geta mark typesetters use for a missing
// character): a caller may treat it as a warning for the secretariat.
type MissingGlyphsError struct {
	Missing []MissingGlyph // in the order first met
}

// A MissingGlyph is a character the font lacks and the text it was in.
type MissingGlyph struct {
	Rune rune
	Text string // the first text that had it, as given
}

func (e *MissingGlyphsError) Error() string {
	var b strings.Builder
	b.WriteString("report.pdf: the font IPAex Gothic has no glyph for ")
	for i, m := range e.Missing {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%U %q (in %q)", m.Rune, m.Rune, m.Text)
	}
	b.WriteString("; drawn as 〓")
	return b.String()
}

// missingMark is drawn in place of a character the font lacks.
const missingMark = '〓'

// WritePDF writes report.pdf for doc: a title page, the purpose and the
// programme's items (目的及び事業内容), the status matrix with its header
// rows on every page, the bar chart of the year's counts (実施状況の集計),
// the trend chart (実施状況の推移) when the Analysis has two fiscal years
// or more to draw, the trends and issues (取組の傾向及び課題) and the files
// received (提出状況及びデータの確認), with "n / N" at the foot of every
// page. The same doc (and SOURCE_DATE_EPOCH) always gives the same bytes.
//
// Every character is checked against the font before anything is drawn;
// if some are missing, the PDF is still written in full and the error is a
// *MissingGlyphsError.
func WritePDF(w io.Writer, doc PDFDoc) error {
	if doc.Created.IsZero() {
		doc.Created = doc.Analysis.Created
	}
	created, err := reportDate(doc.Created, os.Getenv("SOURCE_DATE_EPOCH"))
	if err != nil {
		return err
	}
	if doc.Survey == nil {
		doc.Survey = perinet.DefaultSurvey()
	}
	doc.Survey = doc.Survey.Year(doc.Analysis.FiscalYear)
	sheet := pdfSheetOf(doc.Paper)
	gp, err := pdfStart(sheet)
	if err != nil {
		return err
	}
	s := newPDFSetter(gp, sheet)
	pages := pdfLayout(s, doc, created)
	if err := s.render(pages); err != nil {
		return fmt.Errorf("report.pdf: %w", err)
	}
	gp.SetInfo(gopdf.PdfInfo{
		Title:        pdfTitle + " " + pdfFiscalYear(doc.Analysis.FiscalYear),
		Author:       PDFAuthor,
		Creator:      "perinet",
		Producer:     "perinet (gopdf)",
		CreationDate: created,
	})
	var buf bytes.Buffer
	if _, err := gp.WriteTo(&buf); err != nil {
		return fmt.Errorf("report.pdf: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("report.pdf: %w", err)
	}
	if len(s.missing) > 0 {
		return &MissingGlyphsError{Missing: s.missing}
	}
	return nil
}

// pdfTitle is the document's title, as the published table is titled.
const pdfTitle = "周産期医療ネットワークグループ事業 実施状況"

// pdfStart opens a gopdf document of the sheet's size with IPAex Gothic
// loaded.
func pdfStart(sheet pdfSheet) (*gopdf.GoPdf, error) {
	gp := new(gopdf.GoPdf)
	gp.Start(gopdf.Config{PageSize: gopdf.Rect{W: sheet.w, H: sheet.h}, Unit: gopdf.UnitPT})
	if err := gp.AddTTFFontData(font.Name, font.IPAexGothic()); err != nil {
		return nil, fmt.Errorf("report.pdf: load %s: %w", font.Name, err)
	}
	if err := gp.SetFont(font.Name, "", 10); err != nil {
		return nil, fmt.Errorf("report.pdf: %w", err)
	}
	return gp, nil
}

// errNoDate is returned when neither the doc nor SOURCE_DATE_EPOCH says
// when the report was made.
var errNoDate = errors.New("report.pdf: no creation date: set PDFDoc.Created (from the data, not the clock) or SOURCE_DATE_EPOCH")

// reportDate returns the report's creation date, for report.pdf and
// report.xlsx alike: sourceDateEpoch (the value of SOURCE_DATE_EPOCH,
// seconds since 1970) when set, else created. The date is given in Japan
// time, as the committee reads it.
func reportDate(created time.Time, sourceDateEpoch string) (time.Time, error) {
	if sourceDateEpoch != "" {
		sec, err := strconv.ParseInt(sourceDateEpoch, 10, 64)
		if err != nil || sec < 0 {
			return time.Time{}, fmt.Errorf("report.pdf: SOURCE_DATE_EPOCH=%q is not a number of seconds since 1970", sourceDateEpoch)
		}
		created = time.Unix(sec, 0)
	}
	if created.IsZero() {
		return time.Time{}, errNoDate
	}
	return created.In(perinet.Japan()), nil
}
