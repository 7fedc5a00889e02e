package ingest

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"fmt"
	"hash/crc32"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"perinet"
)

// odsMimetype is the media type of an OpenDocument spreadsheet.
const odsMimetype = "application/vnd.oasis.opendocument.spreadsheet"

// odsNamespaces declares the prefixes the test documents use.
const odsNamespaces = `xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ` +
	`xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" ` +
	`xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" ` +
	`xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ` +
	`xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" ` +
	`xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" ` +
	`xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" ` +
	`xmlns:dc="http://purl.org/dc/elements/1.1/" ` +
	`xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" ` +
	`xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"`

// contentXML returns a content.xml with the given automatic styles and
// spreadsheet body (tables, settings).
func contentXML(styles, body string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<office:document-content ` + odsNamespaces + ` office:version="1.3">` +
		`<office:automatic-styles>` + styles + `</office:automatic-styles>` +
		`<office:body><office:spreadsheet>` + body + `</office:spreadsheet></office:body>` +
		`</office:document-content>`
}

// stylesXML returns a styles.xml with the given common styles.
func stylesXML(styles string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<office:document-styles ` + odsNamespaces + `><office:styles>` + styles + `</office:styles></office:document-styles>`
}

// A zipPart is one entry of a zip archive a test writes.
type zipPart struct {
	name   string
	data   string
	stored bool // written without compression, as an OpenDocument file's mimetype must be
}

// odsBytes returns a zip archive of the parts, in order.
func odsBytes(t testing.TB, parts ...zipPart) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		var w io.Writer
		var err error
		if p.stored {
			// The sizes in the entry's header, as LibreOffice writes them.
			w, err = zw.CreateRaw(&zip.FileHeader{Name: p.name, Method: zip.Store, CRC32: crc32.ChecksumIEEE([]byte(p.data)),
				CompressedSize64: uint64(len(p.data)), UncompressedSize64: uint64(len(p.data))})
		} else {
			w, err = zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate})
		}
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(p.data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// odsFile writes an .ods file of a content.xml (and a styles.xml, when
// not empty) and returns its path.
func odsFile(t testing.TB, content, styles string) string {
	t.Helper()
	parts := []zipPart{{name: "mimetype", data: odsMimetype, stored: true}, {name: "content.xml", data: content}}
	if styles != "" {
		parts = append(parts, zipPart{name: "styles.xml", data: styles})
	}
	return writeFile(t, "book.ods", odsBytes(t, parts...))
}

// minimalODS is the content.xml of a one-cell sheet.
var minimalODS = contentXML("", `<table:table table:name="S"><table:table-row><table:table-cell office:value-type="string"><text:p>ok</text:p></table:table-cell></table:table-row></table:table>`)

// TestODSFormat: an .ods file is told by its content, whatever its name;
// another OpenDocument file gets a problem that says what it is.
func TestODSFormat(t *testing.T) {
	body := func(kind string) string {
		return `<?xml version="1.0" encoding="UTF-8"?><office:document-content ` + odsNamespaces +
			`><office:automatic-styles/><office:body><office:` + kind + `><text:p>文書</text:p></office:` + kind + `></office:body></office:document-content>`
	}
	mime := func(mt string) zipPart { return zipPart{name: "mimetype", data: mt, stored: true} }
	content := zipPart{name: "content.xml", data: minimalODS}
	book := excelizeBytes(t)
	tests := []struct {
		name   string
		file   string // the name, whose extension must not matter
		data   []byte
		format string
		code   perinet.Code
		msg    string // in the message
	}{
		{"ods", "form.ods", odsBytes(t, mime(odsMimetype), content), "ods", "", ""},
		{"ods named xlsx", "form.xlsx", odsBytes(t, mime(odsMimetype), content), "ods", "", ""},
		{"ods template", "form.ots", odsBytes(t, mime(odsMimetype+"-template"), content), "ods", "", ""},
		{"mimetype with a line feed", "form.ods", odsBytes(t, mime(odsMimetype+"\n"), content), "ods", "", ""},
		{"mimetype compressed", "form.ods", odsBytes(t, zipPart{name: "mimetype", data: odsMimetype}, content), "ods", "", ""},
		{"mimetype not first", "form.ods", odsBytes(t, content, mime(odsMimetype)), "ods", "", ""},
		{"no mimetype, a spreadsheet body", "form.zip", odsBytes(t, content), "ods", "", ""},
		{"text", "form.odt", odsBytes(t, mime("application/vnd.oasis.opendocument.text"), zipPart{name: "content.xml", data: body("text")}), "unknown", perinet.UnreadableFile, "文書（LibreOfficeのWriterの .odt）"},
		{"text named ods", "form.ods", odsBytes(t, mime("application/vnd.oasis.opendocument.text"), zipPart{name: "content.xml", data: body("text")}), "unknown", perinet.UnreadableFile, "表計算のファイルではない"},
		{"presentation", "form.odp", odsBytes(t, mime("application/vnd.oasis.opendocument.presentation")), "unknown", perinet.UnreadableFile, "プレゼンテーション"},
		{"no mimetype, a text body", "form.ods", odsBytes(t, zipPart{name: "content.xml", data: body("text")}), "unknown", perinet.UnreadableFile, "文書"},
		{"no mimetype, a drawing body", "form.ods", odsBytes(t, zipPart{name: "content.xml", data: body("drawing")}), "unknown", perinet.UnreadableFile, "図形描画"},
		{"an OpenDocument kind unheard of", "form.ods", odsBytes(t, mime("application/vnd.oasis.opendocument.hologram")), "unknown", perinet.UnreadableFile, "application/vnd.oasis.opendocument.hologram"},
		{"not OpenDocument: an EPUB", "book.epub", odsBytes(t, mime("application/epub+zip"), content), "xlsx", perinet.UnreadableFile, "Excelファイルとして読み取れません"},
		{"xlsx", "form.ods", book, "xlsx", "", ""},
		{"xlsx with a content.xml", "form.xlsx", odsBytes(t, zipPart{name: "[Content_Types].xml", data: "<Types/>"}, content), "xlsx", perinet.UnreadableFile, "Excel"},
	}
	for _, tt := range tests {
		g, probs := File(writeFile(t, tt.file, tt.data), DefaultLimits())
		if g.Format != tt.format || codes(probs) != string(tt.code) {
			t.Errorf("%s: format %s, problems %v; want %s, %q", tt.name, g.Format, probs, tt.format, tt.code)
			continue
		}
		for _, p := range probs {
			if p.Where != tt.file || p.Severity != perinet.Error || !strings.Contains(p.Message, tt.msg) {
				t.Errorf("%s: problem %+v; want an error about %s saying %q", tt.name, p, tt.file, tt.msg)
			}
		}
		if tt.format == "ods" && (len(g.Sheets) != 1 || g.Sheets[0].Rows[0][0].Text != "ok") {
			t.Errorf("%s: sheets %+v, want the one cell", tt.name, g.Sheets)
		}
	}
	// A file too large to read is told by its first entry.
	big := odsBytes(t, mime(odsMimetype), zipPart{name: "content.xml", data: minimalODS + strings.Repeat(" ", 4<<10)}, zipPart{name: "Thumbnails/thumbnail.png", data: strings.Repeat("\x89PNG", 1<<10), stored: true})
	if g, probs := File(writeFile(t, "big.ods", big), Limits{MaxBytes: 2 << 10}); g.Format != "ods" || codes(probs) != "too_large" {
		t.Errorf("an .ods past MaxBytes: format %s, problems %v; want ods, too_large", g.Format, probs)
	}
}

// excelizeBytes returns the bytes of a small xlsx workbook.
func excelizeBytes(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile(writeBook(t, oneGroupForm(t), "form.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// goStored returns a zip archive whose first entry, mimetype, is stored by
// Go's zip writer: with its sizes after the data.
func goStored(t testing.TB, mediaType string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	if err == nil {
		_, err = w.Write([]byte(mediaType))
	}
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestODFHead reads the media type from the first bytes of a file.
func TestODFHead(t *testing.T) {
	stored := odsBytes(t, zipPart{name: "mimetype", data: odsMimetype, stored: true})
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"stored first", stored, odsMimetype},
		{"only the first bytes", stored[:30+8+len(odsMimetype)], odsMimetype},
		{"cut inside the media type", stored[:40], ""},
		{"compressed", odsBytes(t, zipPart{name: "mimetype", data: odsMimetype}), ""},
		{"another first entry", odsBytes(t, zipPart{name: "mimetypes", data: odsMimetype, stored: true}), ""},
		{"sizes after the data, as Go's zip writer puts them", goStored(t, odsMimetype), odsMimetype},
		{"not a zip", []byte("%PDF-1.7 and more bytes than a zip header"), ""},
		{"a zip header alone", []byte("PK\x03\x04"), ""},
	}
	for _, tt := range tests {
		if got := odfHead(tt.data); got != tt.want {
			t.Errorf("%s: odfHead = %q, want %q", tt.name, got, tt.want)
		}
	}
	formats := map[string]string{
		odsMimetype:                                       "ods",
		odsMimetype + "-template":                         "ods",
		"application/vnd.oasis.opendocument.text":         "unknown",
		"application/vnd.oasis.opendocument.spreadsheets": "unknown",
		"application/vnd.oasis.opendocument.graphics":     "unknown",
		"application/epub+zip":                            "",
		"":                                                "",
		"application/vnd.oasis.opendocument.spreadsheet ": "unknown",
	}
	for mt, want := range formats {
		if got := odfFormat(mt); got != want {
			t.Errorf("odfFormat(%q) = %q, want %q", mt, got, want)
		}
	}
}

// cellsODS is a content.xml with what a filled-in form may hold: values of
// every type, date styles with and without the day, text runs, merged
// ranges, repeats, row groups, a hidden sheet and the repeats to the end
// of the sheet that LibreOffice writes.
var cellsODS = contentXML(`
<number:date-style style:name="Nday"><number:year number:style="long"/><number:text>/</number:text><number:month/><number:text>/</number:text><number:day/></number:date-style>
<number:date-style style:name="Nmonth"><number:era number:calendar="gengou"/><number:year number:calendar="gengou"/><number:text>年</number:text><number:month/><number:text>月</number:text></number:date-style>
<number:date-style style:name="Nweekday"><number:day-of-week number:style="long"/></number:date-style>
<number:number-style style:name="Nnum"><number:number number:decimal-places="0"/></number:number-style>
<style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/></style:style>
<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>
<style:style style:name="ceDay" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="Nday"/>
<style:style style:name="ceMonth" style:family="table-cell" style:data-style-name="Nmonth"/>
<style:style style:name="ceWeekday" style:family="table-cell" style:data-style-name="Nweekday"/>
<style:style style:name="ceNum" style:family="table-cell" style:data-style-name="Nnum"/>
<style:style style:name="ceEra" style:family="table-cell" style:parent-style-name="EraMonth"/>
<style:style style:name="ceDefault" style:family="table-cell" style:parent-style-name="Default"/>
`, `<table:calculation-settings table:automatic-find-labels="false"><table:null-date table:date-value="1899-12-30"/></table:calculation-settings>
<table:table table:name="調査票" table:style-name="ta1">
 <table:table-column table:number-columns-repeated="9" table:default-cell-style-name="Default"/>
 <table:table-column table:default-cell-style-name="ceDay"/>
 <table:table-column table:number-columns-repeated="16374" table:default-cell-style-name="Default"/>
 <table:table-row>
  <table:table-cell office:value-type="string" table:number-columns-spanned="2" table:number-rows-spanned="2"><text:p>項目</text:p></table:table-cell>
  <table:covered-table-cell/>
  <table:table-cell office:value-type="float" office:value="103" calcext:value-type="float"><text:p>103施設</text:p></table:table-cell>
  <table:table-cell office:value-type="percentage" office:value="0.5"><text:p>50%</text:p></table:table-cell>
  <table:table-cell office:value-type="currency" office:currency="JPY" office:value="1000"><text:p>¥1,000</text:p></table:table-cell>
  <table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>TRUE</text:p></table:table-cell>
  <table:table-cell office:value-type="time" office:time-value="PT12H30M00S"><text:p>12:30:00</text:p></table:table-cell>
  <table:table-cell office:value-type="string" office:string-value="値"><text:p>表示</text:p></table:table-cell>
  <table:table-cell office:value-type="boolean" office:boolean-value="false"><text:p>FALSE</text:p></table:table-cell>
  <table:table-cell office:value-type="date" office:date-value="2010-02-01"><text:p>2010/2/1</text:p></table:table-cell>
  <table:table-cell table:number-columns-repeated="16374"/>
 </table:table-row>
 <table:table-row>
  <table:covered-table-cell table:number-columns-repeated="2"/>
  <table:table-cell table:style-name="ceDay" office:value-type="date" office:date-value="2010-02-01"><text:p>2010/2/1</text:p></table:table-cell>
  <table:table-cell table:style-name="ceMonth" office:value-type="date" office:date-value="2010-02-01T00:00:00"><text:p>平成22年2月</text:p></table:table-cell>
  <table:table-cell office:value-type="date" office:date-value="2010-02-01"><text:p>2010-02-01</text:p></table:table-cell>
  <table:table-cell table:style-name="ceEra" office:value-type="date" office:date-value="2010-02-01"><text:p>平成22年2月</text:p></table:table-cell>
  <table:table-cell table:style-name="ceDay" office:value-type="float" office:value="40210"><text:p>2010/2/1</text:p></table:table-cell>
  <table:table-cell table:style-name="ceDay" office:value-type="date" office:date-value="2010-02-01T12:00:00"><text:p>2010/2/1</text:p></table:table-cell>
  <table:table-cell table:style-name="ceWeekday" office:value-type="date" office:date-value="2010-02-01"><text:p>月曜日</text:p></table:table-cell>
  <table:table-cell table:style-name="ceNum" office:value-type="date" office:date-value="2010-02-01"><text:p>40210</text:p></table:table-cell>
  <table:table-cell table:style-name="ceNum" office:value-type="float" office:value="40210"><text:p>40210</text:p></table:table-cell>
 </table:table-row>
 <table:table-row>
  <table:table-cell office:value-type="string"><text:p>a<text:s text:c="2"/>b<text:tab/>c<text:line-break/>d<text:s/></text:p></table:table-cell>
  <table:table-cell office:value-type="string"><text:p>NCPR<text:span text:style-name="T1">講習<text:span>会</text:span></text:span></text:p><text:p><text:a xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="http://example.jp/">ALSO</text:a></text:p></table:table-cell>
  <table:table-cell office:value-type="string"><office:annotation><dc:creator>事務局</dc:creator><text:p>コメント</text:p></office:annotation><text:p>本文</text:p></table:table-cell>
  <table:table-cell office:value-type="string"><text:p> City </text:p></table:table-cell>
  <table:table-cell table:formula="of:=1/0" office:value-type="float" office:value="0" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>
  <table:table-cell office:value-type="string"><text:p>図<draw:frame draw:name="f"><draw:text-box><text:p>枠の中</text:p></draw:text-box></draw:frame>の後</text:p></table:table-cell>
  <table:table-cell><text:p>型なし</text:p><text:p/></table:table-cell>
  <table:table-cell office:value-type="string"><text:list><text:list-item><text:p>・一</text:p></text:list-item><text:list-item><text:p>・二</text:p></text:list-item></text:list></table:table-cell>
  <table:table-cell office:value-type="float" office:value="0.1"><text:p>0.1</text:p></table:table-cell>
  <table:table-cell table:number-columns-repeated="16375"/>
 </table:table-row>
 <table:table-row>
  <table:table-cell table:number-columns-repeated="3" office:value-type="string"><text:p>○</text:p></table:table-cell>
  <table:table-cell table:number-columns-repeated="2"/>
  <table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>
  <table:table-cell table:number-columns-repeated="3"/>
  <table:table-cell office:value-type="date" office:date-value="2010-02-01"><text:p>2010/2/1</text:p></table:table-cell>
  <table:table-cell table:number-columns-repeated="16374"/>
 </table:table-row>
 <table:table-row table:number-rows-repeated="3">
  <table:table-cell/><table:table-cell office:value-type="float" office:value="7"><text:p>7</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16382"/>
 </table:table-row>
 <table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>
 <table:table-row>
  <table:table-cell office:value-type="string" table:number-rows-spanned="3"><text:p>縦</text:p></table:table-cell>
  <table:table-cell table:number-columns-spanned="2"/>
  <table:covered-table-cell/>
  <table:table-cell office:value-type="string"><text:p>後</text:p></table:table-cell>
  <table:table-cell table:number-columns-spanned="2"/>
  <table:covered-table-cell/>
  <table:table-cell table:number-columns-repeated="16378"/>
 </table:table-row>
 <table:table-row-group>
  <table:table-row><table:covered-table-cell/><table:table-cell office:value-type="string"><text:p>b11</text:p></table:table-cell></table:table-row>
  <table:table-row><table:covered-table-cell/><table:table-cell table:number-columns-repeated="16383"/></table:table-row>
 </table:table-row-group>
 <table:table-row table:number-rows-repeated="1048563"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>
</table:table>
<table:table table:name="隠し" table:style-name="ta2">
 <table:table-header-rows><table:table-row><table:table-cell office:value-type="string"><text:p>非表示</text:p></table:table-cell></table:table-row></table:table-header-rows>
 <table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>
</table:table>
<table:table table:name="空"/>
<table:named-expressions/>`)

// cellsStyles is the styles.xml of cellsODS: a common cell style whose
// date style shows the era and the month, and the default cell style.
var cellsStyles = stylesXML(`
<number:date-style style:name="N10112" number:language="ja" number:country="JP"><number:era number:calendar="gengou" number:style="long"/><number:year number:calendar="gengou"/><number:text>年</number:text><number:month number:calendar="gengou"/><number:text>月</number:text></number:date-style>
<style:default-style style:family="table-cell"/>
<style:style style:name="Default" style:family="table-cell"/>
<style:style style:name="EraMonth" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N10112"/>
<style:style style:name="EraMonth" style:family="graphic"/>`)

// TestODSCells reads cellsODS cell by cell, as TestWorkbookCells reads
// the xlsx form.
func TestODSCells(t *testing.T) {
	g, probs := File(odsFile(t, cellsODS, cellsStyles), DefaultLimits())
	if len(probs) != 0 {
		t.Fatalf("problems: %v", probs)
	}
	if g.Format != "ods" || len(g.Sheets) != 3 {
		t.Fatalf("format %q, %d sheets; want ods, 3", g.Format, len(g.Sheets))
	}
	for i, want := range []struct {
		name   string
		hidden bool
		rows   int
	}{{"調査票", false, 12}, {"隠し", true, 1}, {"空", false, 0}} {
		if s := g.Sheets[i]; s.Name != want.name || s.Hidden != want.hidden || len(s.Rows) != want.rows {
			t.Errorf("sheet %d: %q hidden %v, %d rows; want %q hidden %v, %d rows", i+1, s.Name, s.Hidden, len(s.Rows), want.name, want.hidden, want.rows)
		}
	}
	// The repeats to the end of the sheets cost nothing: the cells are
	// those up to the last that holds something.
	if n := cellCount(g); n != 55 {
		t.Errorf("%d cells, want 55", n)
	}
	date := func(serial float64, day bool) *perinet.DateCell {
		return &perinet.DateCell{Serial: serial, ShowsDay: day}
	}
	const s = "調査票"
	tests := []struct {
		name     string
		sheet    string
		col, row int
		text     string
		where    string
		merged   bool
		date     *perinet.DateCell
	}{
		{"merged label", s, 1, 1, "項目", "調査票!A1", false, nil},
		{"merged label covered", s, 2, 1, "項目", "調査票!A1", true, nil},
		{"merged label covered below", s, 1, 2, "項目", "調査票!A1", true, nil},
		{"merged label covered last", s, 2, 2, "項目", "調査票!A1", true, nil},
		{"float raw", s, 3, 1, "103", "調査票!C1", false, nil},
		{"percentage raw", s, 4, 1, "0.5", "調査票!D1", false, nil},
		{"currency raw", s, 5, 1, "1000", "調査票!E1", false, nil},
		{"boolean true as a workbook stores it", s, 6, 1, "1", "調査票!F1", false, nil},
		{"time as a fraction of a day", s, 7, 1, "0.5208333333333334", "調査票!G1", false, nil},
		{"string-value", s, 8, 1, "値", "調査票!H1", false, nil},
		{"boolean false", s, 9, 1, "0", "調査票!I1", false, nil},
		{"date in a column whose default style shows the day", s, 10, 1, "40210", "調査票!J1", false, date(40210, true)},
		{"date with the day", s, 3, 2, "40210", "調査票!C2", false, date(40210, true)},
		{"date with era and month only", s, 4, 2, "40210", "調査票!D2", false, date(40210, false)},
		{"date with no data style", s, 5, 2, "40210", "調査票!E2", false, date(40210, true)},
		{"date style in styles.xml through a parent", s, 6, 2, "40210", "調査票!F2", false, date(40210, false)},
		{"float in a date style", s, 7, 2, "40210", "調査票!G2", false, date(40210, true)},
		{"date and time", s, 8, 2, "40210.5", "調査票!H2", false, date(40210.5, true)},
		{"date shown as its weekday", s, 9, 2, "40210", "調査票!I2", false, date(40210, false)},
		{"date in a number style", s, 10, 2, "40210", "調査票!J2", false, date(40210, true)},
		{"float in a number style", s, 11, 2, "40210", "調査票!K2", false, nil},
		{"spaces, tab, line break", s, 1, 3, "a  b\tc\nd ", "調査票!A3", false, nil},
		{"paragraphs, spans, link", s, 2, 3, "NCPR講習会\nALSO", "調査票!B3", false, nil},
		{"comment left out", s, 3, 3, "本文", "調査票!C3", false, nil},
		{"spaces at the ends kept, as LibreOffice keeps them", s, 4, 3, " City ", "調査票!D3", false, nil},
		{"error", s, 5, 3, "#DIV/0!", "調査票!E3", false, nil},
		{"frame left out", s, 6, 3, "図の後", "調査票!F3", false, nil},
		{"no value type, an empty last paragraph", s, 7, 3, "型なし\n", "調査票!G3", false, nil},
		{"list", s, 8, 3, "・一\n・二", "調査票!H3", false, nil},
		{"float as written", s, 9, 3, "0.1", "調査票!I3", false, nil},
		{"repeated cell", s, 1, 4, "○", "調査票!A4", false, nil},
		{"repeated cell, third", s, 3, 4, "○", "調査票!C4", false, nil},
		{"empty cell before a full one", s, 4, 4, "", "調査票!D4", false, nil},
		{"after the empty ones", s, 6, 4, "x", "調査票!F4", false, nil},
		{"date whose own default column style is none", s, 10, 4, "40210", "調査票!J4", false, date(40210, true)},
		{"repeated row", s, 2, 5, "7", "調査票!B5", false, nil},
		{"repeated row, third", s, 2, 7, "7", "調査票!B7", false, nil},
		{"repeated row, its empty cell", s, 1, 7, "", "調査票!A7", false, nil},
		{"vertical merge", s, 1, 10, "縦", "調査票!A10", false, nil},
		{"empty merged range's first cell", s, 2, 10, "", "調査票!B10", false, nil},
		{"empty merged range covered", s, 3, 10, "", "調査票!B10", true, nil},
		{"after the empty range", s, 4, 10, "後", "調査票!D10", false, nil},
		{"empty merged range at the row's end", s, 5, 10, "", "調査票!E10", false, nil},
		{"vertical merge covered, in a row group", s, 1, 11, "縦", "調査票!A10", true, nil},
		{"in a row group", s, 2, 11, "b11", "調査票!B11", false, nil},
		{"vertical merge covered last", s, 1, 12, "縦", "調査票!A10", true, nil},
		{"header row of a hidden sheet", "隠し", 1, 1, "非表示", "隠し!A1", false, nil},
	}
	for _, tt := range tests {
		c, ok := cellAt(g, tt.sheet, tt.col, tt.row)
		if !ok {
			t.Errorf("%s: no cell at column %d, row %d", tt.name, tt.col, tt.row)
			continue
		}
		if c.Text != tt.text || c.Where != tt.where || c.Merged != tt.merged {
			t.Errorf("%s: got {%q %q merged %v}, want {%q %q merged %v}", tt.name, c.Text, c.Where, c.Merged, tt.text, tt.where, tt.merged)
		}
		switch {
		case (c.Date == nil) != (tt.date == nil):
			t.Errorf("%s: date %+v, want %+v", tt.name, c.Date, tt.date)
		case c.Date != nil && *c.Date != *tt.date:
			t.Errorf("%s: date %+v, want %+v", tt.name, *c.Date, *tt.date)
		}
	}
	// Rows 8 and 9 are empty, and there, as they are followed by a row.
	if rows := g.Sheets[0].Rows; len(rows[7]) != 0 || len(rows[8]) != 0 || len(rows[11]) != 1 {
		t.Errorf("rows 8, 9, 12: %v, %v, %v; want empty, empty, one cell", rows[7], rows[8], rows[11])
	}
	// Every cell not merged is at its own place.
	for _, sh := range g.Sheets {
		for i, row := range sh.Rows {
			for j, c := range row {
				if !c.Merged && c.Where != where(sh.Name, j+1, i+1) {
					t.Errorf("cell at row %d, column %d of %s says %s", i+1, j+1, sh.Name, c.Where)
				}
			}
		}
	}
}

// oneTable returns a content.xml of one sheet "S" of the given rows.
func oneTable(rows string) string {
	return contentXML("", `<table:table table:name="S">`+rows+`</table:table>`)
}

// trailing are the repeats of empty cells and rows to the end of a
// sheet that LibreOffice writes, 16,384 columns by 1,048,576 rows.
const trailing = `<table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>`

// TestODSLimits: the repeats to the end of a sheet cost nothing; a
// hostile file ends in too_large, fast and in little memory.
func TestODSLimits(t *testing.T) {
	threeCells := oneTable(`<table:table-row><table:table-cell office:value-type="string"><text:p>a</text:p></table:table-cell>` +
		`<table:table-cell/><table:table-cell office:value-type="float" office:value="1"/>` +
		`<table:table-cell table:number-columns-repeated="16381"/></table:table-row>` + trailing)
	merged := oneTable(`<table:table-row><table:table-cell office:value-type="string" table:number-columns-spanned="2" table:number-rows-spanned="2"><text:p>全体</text:p></table:table-cell></table:table-row>`)
	tests := []struct {
		name    string
		content string
		lim     Limits
		code    perinet.Code
		cells   int // when there is no problem
	}{
		{"trailing repeats cost nothing", threeCells, Limits{MaxCells: 3}, "", 3},
		{"one cell too many", threeCells, Limits{MaxCells: 2}, perinet.TooLarge, 0},
		{"a merged range costs its cells", merged, Limits{MaxCells: 4}, "", 4},
		{"a merged range past MaxCells", merged, Limits{MaxCells: 3}, perinet.TooLarge, 0},
		{"a cell repeated over a million columns", oneTable(`<table:table-row><table:table-cell table:number-columns-repeated="1000000" office:value-type="string"><text:p>○</text:p></table:table-cell></table:table-row>`),
			Limits{}, perinet.TooLarge, 0},
		{"a row repeated a million times", oneTable(`<table:table-row table:number-rows-repeated="1000000"><table:table-cell office:value-type="string"><text:p>○</text:p></table:table-cell></table:table-row>`),
			Limits{}, perinet.TooLarge, 0},
		{"a million repeats of a row of rows-spanned cells", oneTable(`<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-rows-spanned="2" table:number-columns-repeated="3"/></table:table-row>`),
			Limits{}, perinet.TooLarge, 0},
		{"empty runs, then a cell at row 1,000,000 column 16,000", oneTable(`<table:table-row table:number-rows-repeated="999999"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>` +
			`<table:table-row><table:table-cell table:number-columns-repeated="15999"/><table:table-cell office:value-type="string"><text:p>遠い</text:p></table:table-cell></table:table-row>`),
			Limits{}, perinet.TooLarge, 0},
		{"a cell at row 1,000,000", oneTable(`<table:table-row table:number-rows-repeated="999999"><table:table-cell/></table:table-row><table:table-row><table:table-cell office:value-type="string"><text:p>遠い</text:p></table:table-cell></table:table-row>`),
			Limits{}, perinet.TooLarge, 0},
		{"a merged range over the whole sheet", oneTable(`<table:table-row><table:table-cell office:value-type="string" table:number-columns-spanned="16384" table:number-rows-spanned="1048576"><text:p>全体</text:p></table:table-cell></table:table-row>`),
			Limits{}, perinet.TooLarge, 0},
		{"an empty merged range over the whole sheet", oneTable(`<table:table-row><table:table-cell table:number-columns-spanned="16384" table:number-rows-spanned="1048576"/></table:table-row>`),
			Limits{}, perinet.TooLarge, 0},
		{"counts beyond any sheet", oneTable(`<table:table-row table:number-rows-repeated="99999999999999999999"><table:table-cell table:number-columns-repeated="99999999999999999999" office:value-type="string"><text:p>○</text:p></table:table-cell></table:table-row>`),
			Limits{}, perinet.TooLarge, 0},
		{"many sheets of a million rows", contentXML("", strings.Repeat(`<table:table table:name="S"><table:table-row table:number-rows-repeated="1000000"><table:table-cell office:value-type="string"><text:p>○</text:p></table:table-cell></table:table-row></table:table>`, 100)),
			Limits{}, perinet.TooLarge, 0},
		{"a hundred million spaces", oneTable(`<table:table-row><table:table-cell office:value-type="string"><text:p><text:s text:c="100000000"/></text:p></table:table-cell></table:table-row>`),
			Limits{}, perinet.TooLarge, 0},
		{"spaces past MaxBytes, a little at a time", oneTable(`<table:table-row><table:table-cell office:value-type="string"><text:p>` + strings.Repeat(`<text:s text:c="1000"/>`, 2000) + `</text:p></table:table-cell></table:table-row>`),
			Limits{MaxBytes: 1 << 20}, perinet.TooLarge, 0},
		{"content.xml past MaxBytes", oneTable(`<table:table-row><table:table-cell office:value-type="string"><text:p>a</text:p></table:table-cell></table:table-row>` + strings.Repeat("<table:table-row/>", 1<<17)),
			Limits{MaxBytes: 1 << 20}, perinet.TooLarge, 0},
		{"timeout", threeCells, Limits{Timeout: time.Nanosecond}, perinet.TooLarge, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := odsFile(t, tt.content, "")
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			g, probs := File(path, tt.lim)
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			if g.Format != "ods" || codes(probs) != string(tt.code) {
				t.Fatalf("format %s, problems %v; want ods, %q", g.Format, probs, tt.code)
			}
			if tt.code == "" && cellCount(g) != tt.cells {
				t.Errorf("%d cells, want %d", cellCount(g), tt.cells)
			}
			// Fast and small: well under the cost of MaxCells cells
			// (500,000 cells of some 100 bytes).
			if alloc := after.TotalAlloc - before.TotalAlloc; took > 2*time.Second || alloc > 64<<20 {
				t.Errorf("took %v and %s", took, byteSize(int64(alloc)))
			}
			t.Logf("%v, %s allocated: %v", took.Round(time.Microsecond), byteSize(int64(after.TotalAlloc-before.TotalAlloc)), probs)
		})
	}
}

// TestODSZipLimits: what the zip archive says of its parts' sizes is
// checked, and not believed.
func TestODSZipLimits(t *testing.T) {
	mime := zipPart{name: "mimetype", data: odsMimetype, stored: true}
	// 5 MiB of one byte zips to 5 KiB and unzips past 4×MaxBytes.
	bomb := odsBytes(t, mime, zipPart{name: "content.xml", data: minimalODS}, zipPart{name: "Pictures/bomb.png", data: strings.Repeat(" ", 5<<20)})
	// A content.xml whose header says 100 bytes, of 5 MiB: the reader
	// must not believe the header.
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.CreateRaw(&zip.FileHeader{Name: "mimetype", Method: zip.Store, CRC32: crc32.ChecksumIEEE([]byte(odsMimetype)),
		CompressedSize64: uint64(len(odsMimetype)), UncompressedSize64: uint64(len(odsMimetype))})
	_, _ = w.Write([]byte(odsMimetype))
	var deflated bytes.Buffer
	fw, _ := flate.NewWriter(&deflated, flate.BestCompression)
	big := oneTable(strings.Repeat("<table:table-row/>", 5<<20/18))
	_, _ = fw.Write([]byte(big))
	_ = fw.Close()
	w, _ = zw.CreateRaw(&zip.FileHeader{Name: "content.xml", Method: zip.Deflate, CRC32: crc32.ChecksumIEEE([]byte(big)),
		CompressedSize64: uint64(deflated.Len()), UncompressedSize64: 100})
	_, _ = w.Write(deflated.Bytes())
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
		lim  Limits
		code perinet.Code
	}{
		{"zip bomb", bomb, Limits{MaxBytes: 1 << 20}, perinet.TooLarge},
		{"a header that lies about the size", buf.Bytes(), Limits{MaxBytes: 1 << 20}, perinet.UnreadableFile},
		{"file larger than MaxBytes", bomb, Limits{MaxBytes: 1 << 10}, perinet.TooLarge},
	}
	for _, tt := range tests {
		g, probs := File(writeFile(t, "book.ods", tt.data), tt.lim)
		if g.Format != "ods" || codes(probs) != string(tt.code) || len(g.Sheets) != 0 {
			t.Errorf("%s: format %s, %d sheets, problems %v; want ods, no sheets, %q", tt.name, g.Format, len(g.Sheets), probs, tt.code)
		}
		t.Logf("%s: %v", tt.name, probs)
	}
}

// TestODSDamaged: a damaged file is unreadable_file, with a message that
// says what failed, and the sheets read in full before the damage only.
func TestODSDamaged(t *testing.T) {
	twoSheets := contentXML("", `<table:table table:name="一"><table:table-row><table:table-cell office:value-type="string"><text:p>一枚目</text:p></table:table-cell></table:table-row></table:table>`+
		`<table:table table:name="二"><table:table-row><table:table-cell office:value-type="string"><text:p>二枚目の一行目</text:p></table:table-cell></table:table-row>`+
		`<table:table-row><table:table-cell office:value-type="string"><text:p>二枚目の二行目</text:p></table:table-cell></table:table-row></table:table>`)
	cutAt := func(s, after string) string { return s[:strings.LastIndex(s, after)+len(after)] }
	deep := strings.Repeat("<text:span>", 300) + "深い" + strings.Repeat("</text:span>", 300)
	cell := func(attrs, p string) string {
		return oneTable(`<table:table-row><table:table-cell office:value-type="string" ` + attrs + `><text:p>` + p + `</text:p></table:table-cell></table:table-row>`)
	}
	mime := zipPart{name: "mimetype", data: odsMimetype, stored: true}
	tests := []struct {
		name    string
		content string // content.xml, when parts is nil
		parts   []zipPart
		code    perinet.Code
		sheets  int    // sheets read before the damage
		msg     string // in the message
	}{
		{"cut in the second sheet", cutAt(twoSheets, "二枚目の一行目"), nil, perinet.UnreadableFile, 1, "シート「二」"},
		{"cut after the last row", cutAt(twoSheets, "二枚目の二行目</text:p></table:table-cell></table:table-row>"), nil, perinet.UnreadableFile, 1, "最後まで読み取れません"},
		{"cut after the last sheet", cutAt(twoSheets, "</table:table>"), nil, perinet.UnreadableFile, 2, "content.xml"},
		{"cut in the XML declaration", twoSheets[:10], nil, perinet.UnreadableFile, 0, ""},
		{"empty content.xml", "", nil, perinet.UnreadableFile, 0, "content.xml"},
		{"not XML", "PK\x03\x04 これはXMLではありません", nil, perinet.UnreadableFile, 0, ""},
		{"another root element", strings.ReplaceAll(twoSheets, "office:document-content", "office:document-styles"), nil, perinet.UnreadableFile, 0, ""},
		{"an element after the root", twoSheets + "<table:table/>", nil, perinet.UnreadableFile, 2, ""},
		{"a tag not closed", strings.Replace(twoSheets, "</text:p>", "</text:span>", 1), nil, perinet.UnreadableFile, 0, "シート「一」"},
		{"an undeclared entity", strings.Replace(twoSheets, "一枚目", "&nbsp;", 1), nil, perinet.UnreadableFile, 0, ""},
		{"a count that is not a number", cell(`table:number-columns-repeated="abc"`, "x"), nil, perinet.UnreadableFile, 0, "number-columns-repeated"},
		{"a count of zero", cell(`table:number-columns-spanned="0"`, "x"), nil, perinet.UnreadableFile, 0, "number-columns-spanned"},
		{"a negative count", cell(`table:number-rows-spanned="-2"`, "x"), nil, perinet.UnreadableFile, 0, "number-rows-spanned"},
		{"spaces: a bad count", cell("", `<text:s text:c="many"/>`), nil, perinet.UnreadableFile, 0, ""},
		{"nested too deep", cell("", deep), nil, perinet.UnreadableFile, 0, "nested too deep"},
		{"a sheet name too long", contentXML("", `<table:table table:name="`+strings.Repeat("名", 100)+`"/>`), nil, perinet.UnreadableFile, 0, "シートの名前が長すぎる"},
		{"no sheets", contentXML("", ""), nil, perinet.UnreadableFile, 0, "シートがありません"},
		{"no content.xml", "", []zipPart{mime, {name: "styles.xml", data: stylesXML("")}}, perinet.UnreadableFile, 0, "content.xml"},
		{"styles.xml damaged", "", []zipPart{mime, {name: "content.xml", data: twoSheets}, {name: "styles.xml", data: stylesXML("")[:100]}}, perinet.UnreadableFile, 0, "書式（styles.xml）"},
		{"encrypted", "", []zipPart{mime, {name: "content.xml", data: "\x8b\x12 encrypted bytes"},
			{name: "META-INF/manifest.xml", data: `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">` +
				`<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"><manifest:encryption-data manifest:checksum-type="SHA1/1K"/></manifest:file-entry></manifest:manifest>`}},
			perinet.Encrypted, 0, "パスワード"},
		{"a manifest without encryption", "", []zipPart{mime, {name: "content.xml", data: twoSheets},
			{name: "META-INF/manifest.xml", data: `<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/"/></manifest:manifest>`}},
			"", 2, ""},
	}
	for _, tt := range tests {
		parts := tt.parts
		if parts == nil {
			parts = []zipPart{mime, {name: "content.xml", data: tt.content}}
		}
		g, probs := File(writeFile(t, "book.ods", odsBytes(t, parts...)), DefaultLimits())
		if g.Format != "ods" || codes(probs) != string(tt.code) || len(g.Sheets) != tt.sheets {
			t.Errorf("%s: format %s, %d sheets, problems %v; want ods, %d sheets, %q", tt.name, g.Format, len(g.Sheets), probs, tt.sheets, tt.code)
			continue
		}
		for _, p := range probs {
			if p.Where != "book.ods" || !strings.Contains(p.Message, tt.msg) || !strings.ContainsAny(p.Message, "をがはの") {
				t.Errorf("%s: problem %+v; want a message in Japanese saying %q", tt.name, p, tt.msg)
			}
		}
	}

	// A damaged zip: cut short, or its compressed data spoilt.
	good := odsBytes(t, mime, zipPart{name: "content.xml", data: twoSheets + strings.Repeat("<!-- padding -->", 100)})
	spoilt := bytes.Clone(good)
	i := bytes.Index(spoilt, []byte("content.xml")) + len("content.xml") + 20
	for j := i; j < i+40; j++ {
		spoilt[j] ^= 0x55
	}
	for name, data := range map[string][]byte{"cut short": good[:len(good)/2], "data spoilt": spoilt} {
		g, probs := File(writeFile(t, "book.ods", data), DefaultLimits())
		if g.Format != "ods" || codes(probs) != "unreadable_file" || len(g.Sheets) != 0 {
			t.Errorf("zip %s: format %s, %d sheets, problems %v; want ods, no sheets, unreadable_file", name, g.Format, len(g.Sheets), probs)
		}
		t.Logf("zip %s: %v", name, probs)
	}
}

// TestParseODFDate reads office:date-value into days from 1899-12-30.
func TestParseODFDate(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"2010-02-01", 40210, true},
		{"2010-02-01T00:00:00", 40210, true},
		{"2010-02-01T12:00:00", 40210.5, true},
		{"1900-05-02T10:48:00", 123.45, true}, // one division, not 123 + 0.45
		{"2010-02-01T00:00:00.5", 40210 + 0.5/86400, true},
		{"2010-02-01T00:00:00.0000004", 40210, true}, // to the microsecond
		{"2010-02-01T00:00:00Z", 40210, true},
		{"2010-02-01T00:00:00+09:00", 40210, true}, // the day as written
		{"1899-12-30", 0, true},
		{"1899-12-28T19:12:00", -1.2, true},
		{"1904-01-01", 1462, true},
		{"9999-12-31", 2958465, true},
		{"2010-13-01", 0, false},
		{"2010-02-30", 0, false},
		{"H22.2.1", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseODFDate(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseODFDate(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestParseODFDuration reads office:time-value into days.
func TestParseODFDuration(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"PT12H30M00S", 0.5208333333333334, true},
		{"PT00H00M00S", 0, true},
		{"PT36H", 1.5, true},
		{"P1DT12H", 1.5, true},
		{"P2D", 2, true},
		{"-PT28H48M00S", -1.2, true},
		{"PT1.5S", 1.5 / 86400, true},
		{"PT2962H48M00.000000001S", 123.45, true},       // LibreOffice's rounding error, rounded away
		{"PT296296H17M36.960000121S", 12345.6789, true}, // the same
		{"PT", 0, false},
		{"P", 0, false},
		{"", 0, false},
		{"12:30:00", 0, false},
		{"PT1S1H", 0, false},
		{"PT1H1H", 0, false},
		{"PT-1H", 0, false},
		{"PT+1H", 0, false},
		{"PTInfS", 0, false},
		{"PTNaNS", 0, false},
		{"P1Y", 0, false},
		{"PT1H30", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseODFDuration(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseODFDuration(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestDateCell turns LibreOffice's day numbers into the serials of an
// xlsx workbook.
func TestDateCell(t *testing.T) {
	tests := []struct {
		name     string
		date1904 bool
		day      float64 // from 1899-12-30
		text     string
		want     perinet.DateCell
	}{
		{"1900 system", false, 40210, "40210", perinet.DateCell{Serial: 40210, ShowsDay: true}},
		{"1 March 1900", false, 61, "61", perinet.DateCell{Serial: 61, ShowsDay: true}},
		{"28 February 1900, before Excel's 29th", false, 60, "59", perinet.DateCell{Serial: 59, ShowsDay: true}},
		{"1 January 1900", false, 2, "1", perinet.DateCell{Serial: 1, ShowsDay: true}},
		{"with a time", false, 40210.5, "40210.5", perinet.DateCell{Serial: 40210.5, ShowsDay: true}},
		{"1904 system", true, 40210, "38748", perinet.DateCell{Serial: 38748, Date1904: true, ShowsDay: true}},
	}
	for _, tt := range tests {
		c := contentReader{date1904: tt.date1904}
		text, d := c.dateCell(tt.day, true)
		if text != tt.text || d == nil || *d != tt.want {
			t.Errorf("%s: %q, %+v; want %q, %+v", tt.name, text, d, tt.text, tt.want)
		}
	}
}

// TestODSNullDate reads dates of a file whose null date is 1904-01-01, as
// LibreOffice writes a workbook of Excel's 1904 system: serials count
// from 1904-01-01, as that workbook's do; and of one whose null date is
// 1900-01-01 (StarCalc's), where a number in a date style is a day later.
func TestODSNullDate(t *testing.T) {
	styles := `<number:date-style style:name="Nday"><number:year/><number:month/><number:day/></number:date-style>` +
		`<style:style style:name="ceDay" style:family="table-cell" style:data-style-name="Nday"/>`
	row := `<table:table name="S"><table:table-row>` +
		`<table:table-cell table:style-name="ceDay" office:value-type="date" office:date-value="2010-02-01"/>` +
		`<table:table-cell table:style-name="ceDay" office:value-type="float" office:value="38748"/></table:table-row></table:table>`
	tests := []struct {
		null      string
		date, num perinet.DateCell
	}{
		{"1904-01-01", perinet.DateCell{Serial: 38748, Date1904: true, ShowsDay: true}, perinet.DateCell{Serial: 38748, Date1904: true, ShowsDay: true}},
		{"1899-12-30", perinet.DateCell{Serial: 40210, ShowsDay: true}, perinet.DateCell{Serial: 38748, ShowsDay: true}},
		{"1900-01-01", perinet.DateCell{Serial: 40210, ShowsDay: true}, perinet.DateCell{Serial: 38750, ShowsDay: true}},
	}
	for _, tt := range tests {
		content := contentXML(styles, `<table:calculation-settings><table:null-date table:date-value="`+tt.null+`"/></table:calculation-settings>`+strings.Replace(row, "name=", "table:name=", 1))
		g, probs := File(odsFile(t, content, ""), DefaultLimits())
		if len(probs) != 0 || len(g.Sheets) != 1 || len(g.Sheets[0].Rows) != 1 || len(g.Sheets[0].Rows[0]) != 2 {
			t.Fatalf("null date %s: %+v, problems %v", tt.null, g, probs)
		}
		for i, want := range []perinet.DateCell{tt.date, tt.num} {
			c := g.Sheets[0].Rows[0][i]
			if c.Date == nil || *c.Date != want || c.Text != formatSerial(want.Serial) {
				t.Errorf("null date %s, %s: %q, %+v; want %+v", tt.null, c.Where, c.Text, c.Date, want)
			}
		}
	}
}

// TestODSStyles resolves the date style of cell styles and the
// visibility of table styles through their parents.
func TestODSStyles(t *testing.T) {
	common := stylesXML(`
<number:date-style style:name="Nmonth"><number:era/><number:year/><number:text>年</number:text><number:month/><number:text>月</number:text></number:date-style>
<number:date-style style:name="Nday"><number:month/><number:day/><number:year/></number:date-style>
<number:number-style style:name="Nnum"><number:number/></number:number-style>
<style:default-style style:family="table-cell" style:data-style-name="Nday"/>
<style:style style:name="Default" style:family="table-cell"/>
<style:style style:name="Era" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="Nmonth"/>
<style:style style:name="Loop" style:family="table-cell" style:parent-style-name="Loop2"/>
<style:style style:name="Loop2" style:family="table-cell" style:parent-style-name="Loop"/>
<style:style style:name="Hidden" style:family="table"><style:table-properties table:display="false"/></style:style>
<style:style style:name="Era" style:family="table"><style:table-properties table:display="false"/></style:style>`)
	auto := `<office:automatic-styles ` + odsNamespaces + `>
<number:date-style style:name="Nauto"><number:year/><number:month/><number:day/></number:date-style>
<style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Era"/>
<style:style style:name="ce2" style:family="table-cell" style:parent-style-name="Era" style:data-style-name="Nauto"/>
<style:style style:name="ce3" style:family="table-cell" style:data-style-name="Nnum"/>
<style:style style:name="ce4" style:family="table-cell" style:parent-style-name="Loop"/>
<style:style style:name="Era" style:family="table-cell" style:data-style-name="Nnum"/>
<style:style style:name="ta1" style:family="table" style:parent-style-name="Hidden"/>
<style:style style:name="ta2" style:family="table" style:parent-style-name="Hidden"><style:table-properties table:display="true"/></style:style>
<style:style style:name="ta3" style:family="table"><style:table-properties/></style:style>
</office:automatic-styles>`
	st := newODSStyles()
	if err := st.readPart(newXMLStream(strings.NewReader(common))); err != nil {
		t.Fatal(err)
	}
	x := newXMLStream(strings.NewReader(auto))
	if _, err := x.next(); err != nil {
		t.Fatal(err)
	}
	if err := st.readAutomatic(x); err != nil {
		t.Fatal(err)
	}
	cells := []struct {
		style string
		want  dateFormat
	}{
		{"ce1", dateFormat{isDate: true}},                 // the common parent's era and month
		{"ce2", dateFormat{isDate: true, showsDay: true}}, // its own, in content.xml
		{"ce3", dateFormat{}},                             // a number style
		{"ce4", dateFormat{isDate: true, showsDay: true}}, // parents in a loop: the default cell style's
		{"Era", dateFormat{}},                             // the automatic style of that name, first
		{"Default", dateFormat{isDate: true, showsDay: true}},
		{"", dateFormat{isDate: true, showsDay: true}},
		{"nowhere", dateFormat{isDate: true, showsDay: true}},
	}
	for _, tt := range cells {
		for range 2 { // the second answer is remembered
			if got := st.cellDate(tt.style); got != tt.want {
				t.Errorf("cellDate(%q) = %+v, want %+v", tt.style, got, tt.want)
			}
		}
	}
	tables := map[string]bool{"ta1": true, "ta2": false, "ta3": false, "Hidden": true, "": false, "nowhere": false, "Era": true}
	for style, want := range tables {
		if got := st.tableHidden(style); got != want {
			t.Errorf("tableHidden(%q) = %v, want %v", style, got, want)
		}
	}
}

// TestODSModified reads when meta.xml says the file was saved.
func TestODSModified(t *testing.T) {
	meta := func(date string) string {
		return `<?xml version="1.0" encoding="UTF-8"?><office:document-meta ` + odsNamespaces + `><office:meta>` +
			`<meta:creation-date>2016-04-01T09:00:00</meta:creation-date><dc:date>` + date + `</dc:date></office:meta></office:document-meta>`
	}
	tests := []struct {
		name string
		meta string // "" for no meta.xml
		want time.Time
	}{
		{"UTC", meta("2017-05-15T10:30:00Z"), time.Date(2017, 5, 15, 10, 30, 0, 0, time.UTC)},
		{"with an offset", meta("2017-05-15T19:30:00+09:00"), time.Date(2017, 5, 15, 10, 30, 0, 0, time.UTC)},
		{"without a zone, as LibreOffice writes it", meta("2017-05-15T19:30:00.123456789"), time.Date(2017, 5, 15, 10, 30, 0, 123456789, time.UTC)},
		{"spaces around", meta("\n 2017-05-15T19:30:00\n"), time.Date(2017, 5, 15, 10, 30, 0, 0, time.UTC)},
		{"not a time", meta("昨日"), time.Time{}},
		{"empty", meta(""), time.Time{}},
		{"far too long", meta(strings.Repeat("2017", 1000)), time.Time{}},
		{"damaged", meta("2017-05-15T10:30:00Z")[:150], time.Time{}},
		{"no meta.xml", "", time.Time{}},
	}
	for _, tt := range tests {
		parts := []zipPart{{name: "mimetype", data: odsMimetype, stored: true}, {name: "content.xml", data: minimalODS}}
		if tt.meta != "" {
			parts = append(parts, zipPart{name: "meta.xml", data: tt.meta})
		}
		g, probs := File(writeFile(t, "book.ods", odsBytes(t, parts...)), DefaultLimits())
		if len(probs) != 0 || !g.Modified.Equal(tt.want) {
			t.Errorf("%s: Modified %v, problems %v; want %v", tt.name, g.Modified, probs, tt.want)
		}
	}
}

// trimGrid returns the sheets of g without the cells that hold nothing
// (no text, no date) at the end of each row, and without the rows left
// empty at the end of each sheet: where a sheet's used area ends is not
// the same in an .xlsx file and in the .ods file LibreOffice makes of it.
func trimGrid(g *perinet.Grid) []perinet.Sheet {
	var out []perinet.Sheet
	for _, s := range g.Sheets {
		rows := make([][]perinet.Cell, len(s.Rows))
		for i, row := range s.Rows {
			n := len(row)
			for n > 0 && row[n-1].Text == "" && row[n-1].Date == nil {
				n--
			}
			rows[i] = row[:n]
		}
		n := len(rows)
		for n > 0 && len(rows[n-1]) == 0 {
			n--
		}
		out = append(out, perinet.Sheet{Name: s.Name, Hidden: s.Hidden, Rows: rows[:n]})
	}
	return out
}

// gridDiff compares two Grids cell by cell, after trimGrid, and returns
// their differences (at most max), "" when they are the same: the
// sheets' names and visibility, and each cell's Text, Where, Merged and
// Date.
func gridDiff(want, got *perinet.Grid, max int) string {
	var diffs []string
	add := func(format string, args ...any) {
		if len(diffs) < max {
			diffs = append(diffs, fmt.Sprintf(format, args...))
		}
	}
	ws, gs := trimGrid(want), trimGrid(got)
	if len(ws) != len(gs) {
		add("%d sheets, want %d", len(gs), len(ws))
	}
	for i := range min(len(ws), len(gs)) {
		w, g := ws[i], gs[i]
		if w.Name != g.Name || w.Hidden != g.Hidden {
			add("sheet %d: %q hidden %v, want %q hidden %v", i+1, g.Name, g.Hidden, w.Name, w.Hidden)
		}
		if len(w.Rows) != len(g.Rows) {
			add("sheet %q: %d rows, want %d", w.Name, len(g.Rows), len(w.Rows))
		}
		for r := range min(len(w.Rows), len(g.Rows)) {
			wr, gr := w.Rows[r], g.Rows[r]
			if len(wr) != len(gr) {
				add("sheet %q row %d: %d cells, want %d", w.Name, r+1, len(gr), len(wr))
			}
			for c := range min(len(wr), len(gr)) {
				if d := cellDiff(wr[c], gr[c]); d != "" {
					add("sheet %q row %d col %d: %s", w.Name, r+1, c+1, d)
				}
			}
		}
	}
	return strings.Join(diffs, "\n")
}

// cellDiff returns how got differs from want, "" when it does not.
func cellDiff(want, got perinet.Cell) string {
	var d []string
	if got.Text != want.Text {
		d = append(d, fmt.Sprintf("text %q, want %q", got.Text, want.Text))
	}
	if got.Where != want.Where {
		d = append(d, fmt.Sprintf("where %q, want %q", got.Where, want.Where))
	}
	if got.Merged != want.Merged {
		d = append(d, fmt.Sprintf("merged %v, want %v", got.Merged, want.Merged))
	}
	switch {
	case (got.Date == nil) != (want.Date == nil):
		d = append(d, fmt.Sprintf("date %v, want %v", got.Date, want.Date))
	case got.Date != nil && *got.Date != *want.Date:
		d = append(d, fmt.Sprintf("date %+v, want %+v", *got.Date, *want.Date))
	}
	return strings.Join(d, ", ")
}

// TestGridDiff: the comparison of Grids sees every kind of difference,
// and no difference in the empty cells and rows at the ends.
func TestGridDiff(t *testing.T) {
	grid := func(change func(s *perinet.Sheet)) *perinet.Grid {
		d := &perinet.DateCell{Serial: 40210, ShowsDay: true}
		s := perinet.Sheet{Name: "S", Rows: [][]perinet.Cell{
			{{Text: "a", Where: "S!A1"}, {Text: "a", Where: "S!A1", Merged: true}},
			nil,
			{{Where: "S!A3"}, {Text: "40210", Where: "S!B3", Date: d}},
		}}
		if change != nil {
			change(&s)
		}
		return &perinet.Grid{Sheets: []perinet.Sheet{s}}
	}
	same := map[string]func(s *perinet.Sheet){
		"an empty cell at a row's end": func(s *perinet.Sheet) { s.Rows[0] = append(s.Rows[0], perinet.Cell{Where: "S!C1"}) },
		"empty rows at the end":        func(s *perinet.Sheet) { s.Rows = append(s.Rows, nil, []perinet.Cell{{Where: "S!A5"}}) },
	}
	for name, change := range same {
		if d := gridDiff(grid(nil), grid(change), 10); d != "" {
			t.Errorf("%s: %s", name, d)
		}
	}
	differ := map[string]func(s *perinet.Sheet){
		"text":        func(s *perinet.Sheet) { s.Rows[0][0].Text = "b" },
		"place":       func(s *perinet.Sheet) { s.Rows[0][1].Where = "S!B1" },
		"merged":      func(s *perinet.Sheet) { s.Rows[0][1].Merged = false },
		"no date":     func(s *perinet.Sheet) { s.Rows[2][1].Date = nil },
		"serial":      func(s *perinet.Sheet) { s.Rows[2][1].Date = &perinet.DateCell{Serial: 40211, ShowsDay: true} },
		"day shown":   func(s *perinet.Sheet) { s.Rows[2][1].Date = &perinet.DateCell{Serial: 40210} },
		"sheet name":  func(s *perinet.Sheet) { s.Name = "T" },
		"hidden":      func(s *perinet.Sheet) { s.Hidden = true },
		"a row more":  func(s *perinet.Sheet) { s.Rows = append(s.Rows, []perinet.Cell{{Text: "x", Where: "S!A4"}}) },
		"a row less":  func(s *perinet.Sheet) { s.Rows = s.Rows[:2] },
		"a cell more": func(s *perinet.Sheet) { s.Rows[1] = []perinet.Cell{{Text: "x", Where: "S!A2"}} },
	}
	for name, change := range differ {
		if d := gridDiff(grid(nil), grid(change), 10); d == "" {
			t.Errorf("%s: no difference seen", name)
		}
	}
}

// convert converts files to format (ods, xls, pdf) with LibreOffice, all
// in one run (a start costs seconds), and returns the path of each one's
// converted file, by the file's path. It skips the test when LibreOffice
// is not installed.
func convert(t testing.TB, format string, files []string) map[string]string {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not found: install libreoffice-calc-nogui to read the ." + format + " files LibreOffice makes of workbooks")
	}
	dir := t.TempDir()
	profile := url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dir, "profile"))}
	out := filepath.Join(dir, "out")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	args := append([]string{"--headless", "--norestore", "-env:UserInstallation=" + profile.String(),
		"--convert-to", format, "--outdir", out}, files...)
	cmd := exec.CommandContext(ctx, soffice, args...)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	killGroup(cmd)
	start := time.Now()
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v: %s", err, msg)
	}
	t.Logf("LibreOffice converted %d files in %v", len(files), time.Since(start).Round(time.Millisecond))
	converted := map[string]string{}
	for _, f := range files {
		p := filepath.Join(out, strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))+"."+format)
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("LibreOffice made no .%s of %s: %v", format, f, err)
		}
		converted[f] = p
	}
	return converted
}

// TestODSLibreOffice converts the fixture workbooks to .ods with
// LibreOffice and requires each .ods to read into the Grid its .xlsx reads
// into: the same sheets, and cell for cell the same text, place, merging
// and date (serial, date system, whether it shows the day), apart from the
// empty cells and rows at the ends (see trimGrid). When the workbook says
// when it was saved, the .ods says it too (see modifiedAfterLibreOffice).
func TestODSLibreOffice(t *testing.T) {
	files, err := filepath.Glob("../fixtures/fy2016/*.xlsx")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	ods := convert(t, "ods", files)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			if n := compareODS(t, f, ods[f], DefaultLimits(), odsChanges{}); n != 0 {
				t.Errorf("%d cells changed by LibreOffice; the fixtures have none", n)
			}
		})
	}
}

// odsChanges are the changes LibreOffice makes to a workbook's data when
// it converts it to .ods, which the reader cannot undo.
type odsChanges struct {
	// recalculated lists the places of formula cells whose value
	// LibreOffice computes anew instead of keeping the one the workbook
	// holds: it does so for workbooks that Excel did not save.
	recalculated []string
}

// compareODS reads an .xlsx file and the .ods LibreOffice made of it and
// requires the same Grid, but for what LibreOffice changed, and returns
// how many cells it changed:
//
//   - a date serial below 61 (1900 system) is a day earlier: LibreOffice
//     counts days from 1899-12-30 without Excel's 29 February 1900, so it
//     takes the workbook's serial 1 (1900-01-01 in Excel) as 1899-12-31,
//     writes that day into the .ods, and the reader gives the day's Excel
//     serial, 0;
//   - a number the workbook's writer spelled its own way (with 17
//     significant digits, "42.620229999999999", as Excel writes them, or
//     "3.619E-2") LibreOffice writes with the fewest digits that read back
//     as the same float64 ("42.62023", "0.03619"); the reader keeps
//     office:value as written, as the xlsx reader keeps the workbook's,
//     so such numbers are compared as numbers;
//   - the cells of ch.recalculated hold what LibreOffice computed.
func compareODS(t *testing.T, xlsx, ods string, lim Limits, ch odsChanges) int {
	t.Helper()
	want, probs := File(xlsx, DefaultLimits())
	if len(probs) != 0 {
		t.Fatalf("xlsx: %v", probs)
	}
	got, probs := File(ods, lim)
	if len(probs) != 0 || got.Format != "ods" {
		t.Fatalf("ods: format %s, problems %v", got.Format, probs)
	}
	recalculated := map[string]bool{}
	for _, w := range ch.recalculated {
		recalculated[w] = true
	}
	var early, numbers, recalc []string // the places changed, and how
	for _, s := range want.Sheets {
		for _, row := range s.Rows {
			for j, c := range row {
				if c.Date != nil && !c.Date.Date1904 && c.Date.Serial < 61 {
					d := *c.Date
					d.Serial--
					row[j].Date, row[j].Text = &d, formatSerial(d.Serial)
					early = append(early, c.Where)
				}
			}
		}
	}
	for si, s := range got.Sheets {
		for i, row := range s.Rows {
			for j, c := range row {
				w := perinet.Cell{Where: where(s.Name, j+1, i+1)}
				if si < len(want.Sheets) && i < len(want.Sheets[si].Rows) && j < len(want.Sheets[si].Rows[i]) {
					w = want.Sheets[si].Rows[i][j]
				}
				switch {
				case recalculated[where(s.Name, j+1, i+1)]:
					recalc = append(recalc, fmt.Sprintf("%s %q (the workbook: %q)", c.Where, c.Text, w.Text))
					row[j] = w
				case c.Text != w.Text && sameNumber(w.Text, c.Text):
					numbers = append(numbers, fmt.Sprintf("%s %q (the workbook: %q)", c.Where, c.Text, w.Text))
					row[j].Text = w.Text
				}
			}
		}
	}
	for _, c := range []struct {
		what   string
		places []string
	}{{"date cells below serial 61, a day earlier", early}, {"numbers spelled otherwise", numbers}, {"formulas recalculated", recalc}} {
		if len(c.places) > 0 {
			t.Logf("%s: %d, such as %s", c.what, len(c.places), strings.Join(c.places[:min(3, len(c.places))], ", "))
		}
	}
	if len(recalc) != len(ch.recalculated) {
		t.Errorf("%d recalculated cells, want %d: %v", len(recalc), len(ch.recalculated), ch.recalculated)
	}
	if d := gridDiff(want, got, 20); d != "" {
		t.Errorf("the .ods differs from the .xlsx:\n%s", d)
	}
	if w := modifiedAfterLibreOffice(want.Modified); !got.Modified.Equal(w) {
		t.Errorf("Modified %v, want %v (the workbook's %v)", got.Modified, w, want.Modified)
	}
	return len(early) + len(numbers) + len(recalc)
}

// sameNumber reports whether xlsxText and odsText are the same number,
// odsText spelled as LibreOffice spells numbers: with the fewest digits
// that read back as it, and no exponent.
func sameNumber(xlsxText, odsText string) bool {
	a, err1 := strconv.ParseFloat(xlsxText, 64)
	b, err2 := strconv.ParseFloat(odsText, 64)
	return err1 == nil && err2 == nil && a == b && odsText == strconv.FormatFloat(b, 'f', -1, 64)
}

// modifiedAfterLibreOffice returns what an .ods file made by LibreOffice
// says of when a workbook saved at t was saved. LibreOffice writes the
// workbook's time (10:30 UTC) without its zone (10:30), which the reader
// takes as Japan's time, as it does for a file LibreOffice saves in Tokyo:
// not the same data, for the zone is lost. The zero time stays zero.
func modifiedAfterLibreOffice(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	u := t.UTC()
	return time.Date(u.Year(), u.Month(), u.Day(), u.Hour(), u.Minute(), u.Second(), u.Nanosecond(), perinet.Japan())
}

// TestODSCorpus converts the workbooks of the corpus, which nobody here
// wrote, to .ods with LibreOffice, and compares the Grids as
// TestODSLibreOffice does, but for the changes named in odsCorpusChanges
// and the two files below.
func TestODSCorpus(t *testing.T) {
	var files []string
	for _, cf := range corpus(t, "xlsx") {
		files = append(files, filepath.Join(corpusDir, cf.path))
	}
	ods := convert(t, "ods", files)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			lim := DefaultLimits()
			switch filepath.Base(f) {
			case "SheetJS__wtf_path.xlsx":
				// The workbook keeps its parts in wtf/ instead of xl/.
				// Excelize finds the sheets there but not the shared
				// strings, so the xlsx reader gives the string cells
				// empty: nothing to compare with. LibreOffice reads them.
				g, probs := File(ods[f], lim)
				if len(probs) != 0 {
					t.Fatalf("problems %v", probs)
				}
				want := map[string]string{"SheetJS!A3": "foo    bar", "SheetJS!B3": "baz", "SheetJS!C3": "41689.4375", "SheetJS!C4": "௮"}
				for _, s := range g.Sheets {
					for _, row := range s.Rows {
						for _, c := range row {
							if text, ok := want[c.Where]; ok && c.Text == text && (c.Where != "SheetJS!C3" || c.Date != nil && c.Date.ShowsDay) {
								delete(want, c.Where)
							}
						}
					}
				}
				if len(want) != 0 || len(g.Sheets) != 2 || !g.Sheets[1].Hidden {
					t.Errorf("not found: %v; sheets %+v", want, g.Sheets)
				}
				return
			case "tablelinker__major_results_2020.xlsx":
				// All sheets of an .ods are in its content.xml, which
				// here unzips to 33 MB: past the 20 MiB DefaultLimits
				// allows a part, though the .xlsx's largest sheet is
				// 4.4 MB. The limit holds; the data are compared with
				// a larger one.
				if _, probs := File(ods[f], lim); codes(probs) != "too_large" {
					t.Errorf("with DefaultLimits: problems %v, want too_large", probs)
				}
				lim.MaxBytes = 64 << 20
			}
			compareODS(t, f, ods[f], lim, odsCorpusChanges[filepath.Base(f)])
		})
	}
}

// odsCorpusChanges are the changes LibreOffice 7.4 makes to corpus files.
var odsCorpusChanges = map[string]odsChanges{
	// Written by WPS: a rich value whose formula, _xlfn.FIELDVALUE,
	// LibreOffice does not know (#NAME?); the workbook holds #VALUE!.
	"SheetJS__wps_fn.xlsx": {recalculated: []string{"Sheet1!C3"}},
	// Written by LibreOffice: formulas whose cached results are empty
	// strings (a time format of text); recalculated, they are times.
	"SheetJS__LONumbers.xlsx": {recalculated: []string{"Sheet1!C38", "Sheet1!D38", "Sheet1!E38", "Sheet1!F38", "Sheet1!G38", "Sheet1!H38", "Sheet1!I38", "Sheet1!J38"}},
}

// FuzzODS reads content.xml documents, zipped into an .ods file with the
// styles of cellsODS: the reader must not panic, must keep to the cell
// budget, must put every cell at its place (a merged cell at the place of
// its range's first cell, which holds the same text and date) and must
// give a problem whenever it gives no sheet.
func FuzzODS(f *testing.F) {
	for _, seed := range []string{
		minimalODS,
		cellsODS,
		oneTable(`<table:table-row><table:table-cell office:value-type="string" table:number-columns-spanned="3" table:number-rows-spanned="2"><text:p>全体</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated="2"/></table:table-row><table:table-row><table:covered-table-cell table:number-columns-repeated="3"/><table:table-cell office:value-type="float" office:value="1"/></table:table-row>`),
		oneTable(`<table:table-row table:number-rows-repeated="3"><table:table-cell table:number-rows-spanned="2" table:number-columns-spanned="2" table:number-columns-repeated="3"/><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>`),
		oneTable(`<table:table-row table:number-rows-repeated="5000"><table:table-cell table:number-columns-repeated="4"/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="7"/><table:table-cell office:value-type="date" office:date-value="2010-02-01T12:00:00"/></table:table-row>`),
		oneTable(`<table:table-row><table:table-cell office:value-type="time" office:time-value="PT12H30M00.5S"/><table:table-cell office:value-type="boolean" office:boolean-value="true"/><table:table-cell><text:p>a<text:s text:c="3"/><text:span>b<text:tab/></text:span><text:line-break/></text:p></table:table-cell></table:table-row>`),
	} {
		f.Add([]byte(seed))
	}
	lim := Limits{MaxBytes: 1 << 20, MaxCells: 10_000, Timeout: time.Minute}
	r := reader{lim: lim}
	f.Fuzz(func(t *testing.T, content []byte) {
		data := odsBytes(t, zipPart{name: "mimetype", data: odsMimetype, stored: true}, // stored: no time spent zipping
			zipPart{name: "content.xml", data: string(content), stored: true}, zipPart{name: "styles.xml", data: cellsStyles, stored: true})
		res := r.readODS(context.Background(), "fuzz.ods", data)
		if len(res.sheets) == 0 && len(res.probs) == 0 {
			t.Fatal("neither sheets nor problems")
		}
		for _, p := range res.probs {
			if p.Message == "" || p.Severity != perinet.Error {
				t.Fatalf("problem %+v", p)
			}
		}
		cost := 0
		for _, s := range res.sheets {
			at := map[string]perinet.Cell{} // the cells not merged, by place
			for i, row := range s.Rows {
				cost += max(len(row), 1) // an empty row costs as much as a cell
				for j, c := range row {
					if !c.Merged {
						if c.Where != where(s.Name, j+1, i+1) {
							t.Fatalf("cell at row %d, column %d of %q says %s", i+1, j+1, s.Name, c.Where)
						}
						at[c.Where] = c
					}
				}
			}
			for _, row := range s.Rows {
				for _, c := range row {
					first, ok := at[c.Where]
					if c.Merged && (!ok || first.Text != c.Text || first.Date != c.Date) {
						t.Fatalf("merged cell %+v; its range's first cell %+v (%v)", c, first, ok)
					}
				}
			}
		}
		if cost > lim.MaxCells {
			t.Fatalf("%d cells and empty rows, MaxCells %d", cost, lim.MaxCells)
		}
	})
}

// BenchmarkODS reads a one-group form of the fixtures as LibreOffice
// saves it (.ods), and the same form as .xlsx: compare with BenchmarkForm
// in the same run.
func BenchmarkODS(b *testing.B) {
	const form = "../fixtures/fy2016/form-01-kuchuobu.xlsx"
	ods := convert(b, "ods", []string{form})[form]
	for _, f := range []struct{ name, path string }{{"ods", ods}, {"xlsx", form}} {
		b.Run(f.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, probs := File(f.path, DefaultLimits()); len(probs) != 0 {
					b.Fatal(probs)
				}
			}
		})
	}
}
