package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"perinet"
)

// The namespaces of the OpenDocument elements and attributes read here.
// The parser resolves prefixes, so a file may name them as it likes.
const (
	nsOffice   = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
	nsStyle    = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
	nsText     = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
	nsTable    = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
	nsNumber   = "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
	nsDraw     = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
	nsManifest = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
	nsDC       = "http://purl.org/dc/elements/1.1/"
	nsCalcExt  = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"
)

// odfPrefix starts the media type of every OpenDocument file.
const odfPrefix = "application/vnd.oasis.opendocument."

// odfKinds names, for the secretariat, the OpenDocument files that are
// not spreadsheets, by their media type after odfPrefix.
var odfKinds = map[string]string{
	"text":                  "文書（LibreOfficeのWriterの .odt）",
	"text-template":         "文書のテンプレート（.ott）",
	"text-master":           "マスター文書（.odm）",
	"text-web":              "HTML文書のテンプレート（.oth）",
	"presentation":          "プレゼンテーション（LibreOfficeのImpressの .odp）",
	"presentation-template": "プレゼンテーションのテンプレート（.otp）",
	"graphics":              "図形描画（LibreOfficeのDrawの .odg）",
	"graphics-template":     "図形描画のテンプレート（.otg）",
	"chart":                 "グラフ（.odc）",
	"formula":               "数式（LibreOfficeのMathの .odf）",
	"database":              "データベース（LibreOfficeのBaseの .odb）",
	"image":                 "画像（.odi）",
}

// odfFormat tells what an OpenDocument media type means for us: "ods"
// for a spreadsheet or a spreadsheet template, "unknown" for another
// OpenDocument file (a text, a presentation), and "" when the media type
// is not OpenDocument's at all.
func odfFormat(mediaType string) string {
	kind, ok := strings.CutPrefix(mediaType, odfPrefix)
	switch {
	case !ok:
		return ""
	case kind == "spreadsheet", kind == "spreadsheet-template":
		return formatODS
	}
	return formatUnknown
}

// notSpreadsheet is the problem of an OpenDocument file that is not a
// spreadsheet.
func notSpreadsheet(name, mediaType string) perinet.Problem {
	what, ok := odfKinds[strings.TrimPrefix(mediaType, odfPrefix)]
	if !ok {
		what = fmt.Sprintf("ファイル（%s）", mediaType)
	}
	return unreadable(name, fmt.Sprintf("OpenDocument形式の%sで、表計算のファイルではないため読み取れません。調査票は表計算のファイル（Excelの .xlsx か LibreOffice Calcの .ods）で送ってもらってください。", what))
}

// odfHead returns the media type that a zip archive states in its first
// entry, as an OpenDocument file must: an entry named "mimetype", stored
// without compression, holding the media type. It returns "" when the
// archive does not start so. It reads only the first bytes, so that it
// tells a file too large to be read.
func odfHead(data []byte) string {
	const header = 30 // the fixed part of a zip local file header
	if len(data) < header || !bytes.HasPrefix(data, zipMagic) {
		return ""
	}
	flags := binary.LittleEndian.Uint16(data[6:])
	method := binary.LittleEndian.Uint16(data[8:])
	size := int(binary.LittleEndian.Uint32(data[18:]))
	nameLen := int(binary.LittleEndian.Uint16(data[26:]))
	extraLen := int(binary.LittleEndian.Uint16(data[28:]))
	start := header + nameLen + extraLen
	if method != zip.Store || nameLen != len("mimetype") || start > len(data) ||
		string(data[header:header+nameLen]) != "mimetype" {
		return ""
	}
	if flags&0x8 != 0 && size == 0 {
		// The sizes follow the data (Go's zip writer does so): the
		// media type is as long as it looks like one.
		size = 0
		for size < min(256, len(data)-start) && isMediaTypeByte(data[start+size]) {
			size++
		}
	}
	if size > 256 || start+size > len(data) {
		return ""
	}
	return strings.TrimSpace(string(data[start : start+size]))
}

// isMediaTypeByte reports whether b may be part of a media type.
func isMediaTypeByte(b byte) bool {
	return 'a' <= b && b <= 'z' || '0' <= b && b <= '9' || b == '.' || b == '-' || b == '+' || b == '/'
}

// zipMediaType returns the OpenDocument media type of a zip archive that
// does not start with it: from a "mimetype" entry anywhere, or, without
// one, from what the body of its content.xml holds (an office:spreadsheet
// is a spreadsheet), reading at most limit bytes of it. It returns ""
// for an archive that is not OpenDocument (an Office Open XML workbook has
// a [Content_Types].xml) or that cannot be read: the workbook reader then
// tells what is wrong.
func zipMediaType(data []byte, limit int64) string {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return ""
	}
	var content *zip.File
	for _, f := range zr.File {
		switch f.Name {
		case "mimetype":
			rc, err := f.Open()
			if err != nil {
				return ""
			}
			b, _ := io.ReadAll(io.LimitReader(rc, 256))
			_ = rc.Close()
			return strings.TrimSpace(string(b))
		case "[Content_Types].xml":
			return ""
		case "content.xml":
			content = f
		}
	}
	if content == nil {
		return ""
	}
	var kind string
	_ = readPart(content, limit, func(x *xmlStream) error {
		kind = bodyKind(x)
		return errStop
	})
	return kind
}

// errStop ends the reading of a part that has told what it had to.
var errStop = errors.New("stop")

// bodyKind reads an OpenDocument content part up to the first element in
// its office:body, and returns the media type that element stands for:
// office:spreadsheet for a spreadsheet, office:text for a text, and so on.
func bodyKind(x *xmlStream) string {
	const (
		outside = iota
		inRoot
		inBody
	)
	at := outside
	for {
		tok, err := x.next()
		if err != nil {
			return ""
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch {
		case at == outside && se.Name == xml.Name{Space: nsOffice, Local: "document-content"}:
			at = inRoot
		case at == inRoot && se.Name == xml.Name{Space: nsOffice, Local: "body"}:
			at = inBody
		case at == inBody && se.Name.Space == nsOffice:
			if se.Name.Local == "drawing" {
				return odfPrefix + "graphics"
			}
			return odfPrefix + se.Name.Local
		case at == outside:
			return ""
		default:
			if err := x.skip(); err != nil {
				return ""
			}
		}
	}
}

// ods reads an OpenDocument spreadsheet into g.
func (r reader) ods(ctx context.Context, g *perinet.Grid, name string, data []byte) (*perinet.Grid, []perinet.Problem) {
	return r.book(ctx, g, name, "表計算ファイル（.ods）", func() bookRead { return r.readODS(ctx, name, data) })
}

// readODS reads the parts of an .ods file that matter: styles.xml (the
// common styles: data styles, and the cell styles that name them),
// content.xml (the automatic styles, then the sheets, streamed) and
// meta.xml (when it was saved). When a sheet goes past a limit or is
// damaged, it returns the sheets read before it, with the problem.
func (r reader) readODS(ctx context.Context, name string, data []byte) bookRead {
	fail := func(p perinet.Problem) bookRead { return bookRead{probs: []perinet.Problem{p}} }
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fail(unreadable(name, fmt.Sprintf("表計算ファイル（.ods）として読み取れません。ファイルが壊れている可能性があります（%v）。", err)))
	}
	unzipLimit := 4 * r.lim.MaxBytes
	parts := map[string]*zip.File{}
	var unzipped uint64
	for _, zf := range zr.File {
		// The sizes are the file's word: add them without wrapping round.
		unzipped = min(unzipped+min(zf.UncompressedSize64, 1<<62), 1<<62)
		if _, ok := parts[zf.Name]; !ok {
			parts[zf.Name] = zf
		}
	}
	if unzipped > uint64(unzipLimit) {
		return fail(tooLarge(name, fmt.Sprintf("ブックの中身が大きすぎます（展開すると%s、上限は%s）。", byteSize(int64(unzipped)), byteSize(unzipLimit))))
	}
	if m := parts["META-INF/manifest.xml"]; m != nil && isEncryptedODF(m, r.lim.MaxBytes) {
		return fail(encrypted(name))
	}
	content := parts["content.xml"]
	if content == nil {
		return fail(unreadable(name, "表計算ファイル（.ods）の中にシートの内容（content.xml）がありません。ファイルが壊れている可能性があります。"))
	}
	styles := newODSStyles()
	if f := parts["styles.xml"]; f != nil {
		err := readPart(f, r.lim.MaxBytes, func(x *xmlStream) error { return styles.readPart(x) })
		if err != nil {
			return fail(r.odsProblem(name, "書式（styles.xml）", "", err))
		}
	}
	res := bookRead{}
	if f := parts["meta.xml"]; f != nil {
		res.modified = odsModified(f, r.lim.MaxBytes)
	}
	cr := contentReader{
		ctx:      ctx,
		styles:   styles,
		budget:   newCellBudget(r.lim.MaxCells),
		textLeft: r.lim.MaxBytes,
	}
	err = readPart(content, r.lim.MaxBytes, cr.read)
	res.sheets = cr.sheets
	if err != nil {
		sheet := ""
		if cr.inSheet {
			sheet = cr.sheet
		}
		res.probs = append(res.probs, r.odsProblem(name, "シートの内容（content.xml）", sheet, err))
		return res
	}
	if len(res.sheets) == 0 {
		res.probs = append(res.probs, unreadable(name, "ブックにシートがありません。"))
	}
	return res
}

// Errors of the reading of an .ods file that are not the XML parser's.
var (
	errPartTooLarge = errors.New("part larger than MaxBytes")
	errTextTooLarge = errors.New("cell text larger than MaxBytes")
	errXMLDepth     = errors.New("XML elements nested too deep")
	errSheetName    = errors.New("sheet name too long")
)

// odsProblem turns the error that stopped the reading of part (named for
// people: "シートの内容（content.xml）"), in the named sheet if any, into a
// Problem: too_large for a limit, unreadable_file for anything else.
func (r reader) odsProblem(name, part, sheet string, err error) perinet.Problem {
	if p, ok := r.limitProblem(name, err); ok {
		return p
	}
	switch {
	case errors.Is(err, errPartTooLarge):
		return tooLarge(name, fmt.Sprintf("ブックの中身が大きすぎます（%sが展開すると%sを超えます）。", part, byteSize(r.lim.MaxBytes)))
	case errors.Is(err, errTextTooLarge):
		return tooLarge(name, fmt.Sprintf("セルの文字が多すぎます（合わせて%sを超えます）。", byteSize(r.lim.MaxBytes)))
	case errors.Is(err, errSheetName):
		return unreadable(name, fmt.Sprintf("シートの名前が長すぎるため読み取れません（%v）。シートの名前を短くして保存し直してください。", err))
	case sheet != "":
		part = fmt.Sprintf("シート「%s」", shorten(sheet, 40))
	}
	return unreadable(name, fmt.Sprintf("表計算ファイル（.ods）の%sを最後まで読み取れません。ファイルが壊れている可能性があります（%v）。", part, err))
}

// readPart streams one part of the zip archive through read, refusing
// more than limit bytes of it unzipped, then reads the part to its end,
// so that the archive's checksum of it is checked.
func readPart(f *zip.File, limit int64, read func(*xmlStream) error) error {
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("%s: %w", f.Name, err)
	}
	defer rc.Close()
	pr := &partReader{r: rc, left: limit}
	if err := read(newXMLStream(pr)); err != nil {
		if errors.Is(err, errStop) {
			return nil
		}
		return err
	}
	if _, err := io.Copy(io.Discard, pr); err != nil {
		return fmt.Errorf("%s: %w", f.Name, err)
	}
	return nil
}

// A partReader reads a part of a zip archive, and fails with
// errPartTooLarge past left bytes.
type partReader struct {
	r    io.Reader
	left int64
}

// Read reads from the part, up to left bytes in all.
func (p *partReader) Read(b []byte) (int, error) {
	if p.left <= 0 {
		var one [1]byte
		if n, err := p.r.Read(one[:]); n > 0 {
			return 0, errPartTooLarge
		} else {
			return 0, err
		}
	}
	if int64(len(b)) > p.left {
		b = b[:p.left]
	}
	n, err := p.r.Read(b)
	p.left -= int64(n)
	return n, err
}

// isEncryptedODF reports whether the manifest of an OpenDocument file
// says that its parts are encrypted (saved with a password).
func isEncryptedODF(manifest *zip.File, limit int64) bool {
	found := false
	_ = readPart(manifest, limit, func(x *xmlStream) error {
		for {
			tok, err := x.next()
			if err != nil {
				return err
			}
			if se, ok := tok.(xml.StartElement); ok && se.Name == (xml.Name{Space: nsManifest, Local: "encryption-data"}) {
				found = true
				return errStop
			}
		}
	})
	return found
}

// odsModified returns when meta.xml says the file was last saved
// (dc:date), or the zero time when it does not say or cannot be read. A
// time without a zone, as LibreOffice writes it, is the local time of the
// computer that saved the file, which for a Tokyo hospital is Japan's.
func odsModified(meta *zip.File, limit int64) time.Time {
	var date string
	err := readPart(meta, limit, func(x *xmlStream) error {
		for {
			tok, err := x.next()
			if err != nil {
				return err
			}
			if se, ok := tok.(xml.StartElement); ok && se.Name == (xml.Name{Space: nsDC, Local: "date"}) {
				var b strings.Builder
				err := x.content(func(xml.StartElement) error { return x.skip() }, func(s []byte) error {
					if b.Len()+len(s) > 100 {
						return errStop // no time is that long
					}
					b.Write(s)
					return nil
				})
				date = strings.TrimSpace(b.String())
				if err == nil {
					err = errStop
				}
				return err
			}
		}
	})
	if err != nil || date == "" {
		return time.Time{}
	}
	return parseODFDateTime(date)
}

// parseODFDateTime reads an xsd:dateTime as meta.xml writes it: with a
// zone ("2017-05-15T10:30:00Z") or without one, read in Japan's time
// ("2017-05-15T10:30:00.123456789"). It returns the zero time for
// anything else.
func parseODFDateTime(s string) time.Time {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t
	}
	if t, err := time.ParseInLocation("2006-01-02T15:04:05.999999999", s, perinet.Japan()); err == nil {
		return t
	}
	return time.Time{}
}

// maxXMLDepth bounds how deep the elements of a part may nest. A sheet is
// about ten deep (document, body, spreadsheet, table, row, cell,
// paragraph, span); the parser's own stack grows with the depth.
const maxXMLDepth = 256

// An xmlStream reads the tokens of one XML part, keeping count of how
// deep it is.
type xmlStream struct {
	d     *xml.Decoder
	depth int // elements open
}

// newXMLStream returns a stream of the tokens of the XML that r reads.
func newXMLStream(r io.Reader) *xmlStream {
	return &xmlStream{d: xml.NewDecoder(r)}
}

// next returns the next token; its CharData is valid until the next call.
func (x *xmlStream) next() (xml.Token, error) {
	tok, err := x.d.Token()
	if err != nil {
		return nil, err
	}
	switch tok.(type) {
	case xml.StartElement:
		if x.depth++; x.depth > maxXMLDepth {
			return nil, fmt.Errorf("%w (%d)", errXMLDepth, maxXMLDepth)
		}
	case xml.EndElement:
		x.depth--
	}
	return tok, nil
}

// skip reads up to the end of the element whose start was just read.
func (x *xmlStream) skip() error {
	return x.content(func(xml.StartElement) error { return x.skip() }, nil)
}

// content reads the content of the element whose start was just read, up
// to its end: each child element is handed to elem, which must read it to
// its end, and each piece of text to chars (which may be nil). The end of
// the part before the element's end is an error.
func (x *xmlStream) content(elem func(xml.StartElement) error, chars func([]byte) error) error {
	depth := x.depth
	for {
		tok, err := x.next()
		if err == io.EOF {
			return io.ErrUnexpectedEOF
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := elem(t); err != nil {
				return err
			}
			if x.depth != depth {
				return fmt.Errorf("element %s not read to its end", t.Name.Local) // a bug, not the file's fault
			}
		case xml.EndElement:
			return nil
		case xml.CharData:
			if chars != nil {
				if err := chars(t); err != nil {
					return err
				}
			}
		}
	}
}

// attr returns the value of an element's attribute, and whether it has it.
func attr(se xml.StartElement, space, local string) (string, bool) {
	for _, a := range se.Attr {
		if a.Name.Local == local && a.Name.Space == space {
			return a.Value, true
		}
	}
	return "", false
}

// attrValue returns the value of an element's attribute, "" when it has
// none.
func attrValue(se xml.StartElement, space, local string) string {
	v, _ := attr(se, space, local)
	return v
}

// shorten cuts s to n characters at most, for a message.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
