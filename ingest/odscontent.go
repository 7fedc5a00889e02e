package ingest

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"perinet"
)

// maxSheetName bounds the length of a sheet's name, in bytes: the name is
// part of the place of every cell. Excel allows 31 characters.
const maxSheetName = 255

// contentReader reads the content.xml of an .ods file as a stream: its
// automatic styles, then its sheets, one table:table at a time.
type contentReader struct {
	ctx      context.Context
	styles   *odsStyles
	budget   *cellBudget
	textLeft int64 // bytes of cell text still allowed: text:s makes much of little
	// nullDate is the day that the number 0 stands for (table:null-date),
	// in days from 1899-12-30, LibreOffice's default; date1904 is set when
	// it is 1904-01-01, the null date of a workbook in Excel's 1904
	// system, whose serials are then kept as such.
	nullDate float64
	date1904 bool
	sheets   []perinet.Sheet
	sheet    string // the sheet being read, for a problem
	inSheet  bool
}

// read reads content.xml: its root element, to its end and the end of the
// part; a part cut short is an error.
func (c *contentReader) read(x *xmlStream) error {
	root := false
	for {
		tok, err := x.next()
		if err == io.EOF {
			if !root {
				return errors.New("content.xml: no office:document-content element")
			}
			return nil
		}
		if err != nil {
			return err
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if root || se.Name != (xml.Name{Space: nsOffice, Local: "document-content"}) {
			return fmt.Errorf("content.xml: unexpected element %s", se.Name.Local)
		}
		root = true
		err = x.content(func(se xml.StartElement) error {
			switch se.Name {
			case xml.Name{Space: nsOffice, Local: "automatic-styles"}:
				return c.styles.readAutomatic(x)
			case xml.Name{Space: nsOffice, Local: "body"}:
				return x.content(func(se xml.StartElement) error {
					if se.Name == (xml.Name{Space: nsOffice, Local: "spreadsheet"}) {
						return c.spreadsheet(x)
					}
					return x.skip()
				}, nil)
			}
			return x.skip()
		}, nil)
		if err != nil {
			return err
		}
	}
}

// spreadsheet reads the office:spreadsheet element: its settings and its
// tables.
func (c *contentReader) spreadsheet(x *xmlStream) error {
	return x.content(func(se xml.StartElement) error {
		switch se.Name {
		case xml.Name{Space: nsTable, Local: "calculation-settings"}:
			return x.content(func(se xml.StartElement) error {
				if se.Name == (xml.Name{Space: nsTable, Local: "null-date"}) {
					if d, ok := parseODFDate(attrValue(se, nsTable, "date-value")); ok {
						c.nullDate, c.date1904 = d, d == day1904
					}
				}
				return x.skip()
			}, nil)
		case xml.Name{Space: nsTable, Local: "table"}:
			return c.table(x, se)
		}
		return x.skip()
	}, nil)
}

// day1904 is 1904-01-01 in days from 1899-12-30.
const day1904 = 1462

// table reads one table:table into a Sheet.
func (c *contentReader) table(x *xmlStream, se xml.StartElement) error {
	name := attrValue(se, nsTable, "name")
	c.sheet, c.inSheet = name, true
	if len(name) > maxSheetName {
		return fmt.Errorf("%w: %d文字", errSheetName, utf8.RuneCountInString(name))
	}
	t := newTableReader(name, c.budget)
	var elem func(se xml.StartElement) error
	elem = func(se xml.StartElement) error {
		if se.Name.Space != nsTable {
			return x.skip()
		}
		switch se.Name.Local {
		case "table-column":
			n, err := countAttr(se, nsTable, "number-columns-repeated", maxRepeat)
			if err != nil {
				return err
			}
			t.addColumns(n, attrValue(se, nsTable, "default-cell-style-name"))
			return x.skip()
		case "table-row":
			return c.row(x, t, se)
		case "table-columns", "table-column-group", "table-header-columns",
			"table-rows", "table-row-group", "table-header-rows":
			return x.content(elem, nil) // groups and headers: their columns and rows are the table's
		}
		return x.skip()
	}
	if err := x.content(elem, nil); err != nil {
		return err
	}
	if err := t.finish(c.ctx); err != nil {
		return err
	}
	c.sheets = append(c.sheets, perinet.Sheet{
		Name:   name,
		Hidden: c.styles.tableHidden(attrValue(se, nsTable, "style-name")),
		Rows:   t.rows,
	})
	c.inSheet = false
	return nil
}

// row reads one table:table-row, repeated or not, into the table.
func (c *contentReader) row(x *xmlStream, t *tableReader, se xml.StartElement) error {
	n, err := countAttr(se, nsTable, "number-rows-repeated", maxRepeat)
	if err != nil {
		return err
	}
	rowStyle := attrValue(se, nsTable, "default-cell-style-name")
	runs, col := t.runs[:0], 1
	err = x.content(func(ce xml.StartElement) error {
		if ce.Name.Space != nsTable || ce.Name.Local != "table-cell" && ce.Name.Local != "covered-table-cell" {
			return x.skip()
		}
		var err error
		runs, col, err = c.cell(x, t, ce, runs, col, rowStyle)
		return err
	}, nil)
	t.runs = runs
	if err != nil {
		return err
	}
	return t.addRows(c.ctx, runs, n)
}

// cell reads one table:table-cell or table:covered-table-cell starting at
// column col, appends it to runs, and returns them and the column after
// it. A cell repeated over columns whose default styles differ is split,
// when its style matters, so that each run has its own.
func (c *contentReader) cell(x *xmlStream, t *tableReader, ce xml.StartElement, runs []odsRun, col int, rowStyle string) ([]odsRun, int, error) {
	n, err := countAttr(ce, nsTable, "number-columns-repeated", maxRepeat)
	if err != nil {
		return runs, col, err
	}
	cols, rows := 1, 1
	if ce.Name.Local == "table-cell" { // a covered cell spans nothing
		if cols, err = countAttr(ce, nsTable, "number-columns-spanned", maxRepeat); err != nil {
			return runs, col, err
		}
		if rows, err = countAttr(ce, nsTable, "number-rows-spanned", maxRepeat); err != nil {
			return runs, col, err
		}
	}
	paras, err := c.cellText(x)
	if err != nil {
		return runs, col, err
	}
	valueType := attrValue(ce, nsOffice, "value-type")
	needsStyle := valueType == "date" || valueType == "float" || valueType == "percentage" || valueType == "currency"
	own := attrValue(ce, nsTable, "style-name")
	for n > 0 {
		style, until := t.styleAt(own, rowStyle, col)
		k := n
		if needsStyle && until-col+1 < k {
			k = until - col + 1
		}
		text, date := c.value(ce, valueType, paras, style)
		runs = append(runs, odsRun{text: text, date: date, n: k, cols: cols, rows: rows})
		col += k
		n -= k
	}
	return runs, col, nil
}

// value returns a cell's Text and Date from its value type: a number's
// raw value (office:value, "103", "0.5"), as the xlsx reader gives it; a
// date's serial day number; a time as a fraction of a day; a boolean as
// "1" or "0", as a workbook stores it; a string's text. paras is the
// text the cell shows, which stands for the value when the value is
// missing or unreadable, and for an error ("#DIV/0!").
func (c *contentReader) value(ce xml.StartElement, valueType, paras, style string) (string, *perinet.DateCell) {
	switch valueType {
	case "float", "percentage", "currency":
		v, ok := attr(ce, nsOffice, "value")
		if !ok || attrValue(ce, nsCalcExt, "value-type") == "error" {
			return paras, nil
		}
		if f := c.styles.cellDate(style); f.isDate {
			if d, err := strconv.ParseFloat(v, 64); err == nil && !math.IsInf(d, 0) && !math.IsNaN(d) {
				return c.dateCell(c.nullDate+d, f.showsDay)
			}
		}
		return v, nil
	case "date":
		d, ok := parseODFDate(attrValue(ce, nsOffice, "date-value"))
		if !ok {
			return paras, nil
		}
		f := c.styles.cellDate(style)
		return c.dateCell(d, !f.isDate || f.showsDay) // a date with no date style shows its day
	case "time":
		if d, ok := parseODFDuration(attrValue(ce, nsOffice, "time-value")); ok {
			return formatSerial(d), nil
		}
	case "boolean":
		switch attrValue(ce, nsOffice, "boolean-value") {
		case "true", "1":
			return "1", nil
		case "false", "0":
			return "0", nil
		}
	case "string":
		if s := attrValue(ce, nsOffice, "string-value"); s != "" {
			return s, nil
		}
	}
	return paras, nil
}

// dateCell returns the Text and Date of a cell holding day, in days from
// 1899-12-30 (LibreOffice's day number): the serial an xlsx workbook
// would hold for that day. In the 1900 system, Excel counts a 29
// February 1900 that never was, so its serials before 1 March 1900 are
// one less than LibreOffice's; in the 1904 system, serials count from
// 1904-01-01.
func (c *contentReader) dateCell(day float64, showsDay bool) (string, *perinet.DateCell) {
	serial := day
	switch {
	case c.date1904:
		serial -= day1904
	case day < 61:
		serial--
	}
	return formatSerial(serial), &perinet.DateCell{Serial: serial, Date1904: c.date1904, ShowsDay: showsDay}
}

// formatSerial writes a number as the xlsx reader's raw values are
// written: the fewest digits that read back as the same number.
func formatSerial(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// unixDay0 is 1899-12-30, LibreOffice's day 0, in seconds from 1970.
const unixDay0 = -2209161600

// parseODFDate reads an office:date-value ("2010-02-01",
// "2010-02-01T12:00:00", perhaps with a fraction of a second or a zone,
// which is ignored: the day and time are as written) into days from
// 1899-12-30, the time a fraction of the day, to the microsecond (see
// parseODFDuration).
func parseODFDate(s string) (float64, bool) {
	var t time.Time
	var err error
	for _, layout := range []string{"2006-01-02", "2006-01-02T15:04:05.999999999", time.RFC3339Nano, "2006-01-02Z07:00"} {
		if t, err = time.Parse(layout, s); err == nil {
			break
		}
	}
	if err != nil {
		return 0, false
	}
	y, m, d := t.Date()
	secs := time.Date(y, m, d, t.Hour(), t.Minute(), t.Second(), 0, time.UTC).Unix() - unixDay0
	micros := int64(math.Round(float64(t.Nanosecond()) / 1e3))
	if micros == 0 {
		// One division of whole numbers: 10:48 of day 123 is 123.45, not
		// 123 + 0.45 rounded twice.
		return float64(secs) / 86400, true
	}
	return float64(secs*1_000_000+micros) / 86_400_000_000, true
}

// parseODFDuration reads an office:time-value, an ISO 8601 duration such
// as "PT12H30M00S", "-PT1H" or "P1DT2H", into days. The seconds are
// rounded to the microsecond: LibreOffice writes a time it holds as a
// number of days with some hundred nanoseconds of rounding error (123.45
// days as PT2962H48M00.000000001S), and no time a person types or a
// workbook shows is that fine.
func parseODFDuration(s string) (float64, bool) {
	neg := strings.HasPrefix(s, "-")
	s, ok := strings.CutPrefix(strings.TrimPrefix(s, "-"), "P")
	if !ok {
		return 0, false
	}
	datePart, timePart, hasT := strings.Cut(s, "T")
	if datePart == "" && timePart == "" || hasT && timePart == "" {
		return 0, false
	}
	var micros float64 // whole numbers below 2^53: exact
	if datePart != "" {
		n, ok := strings.CutSuffix(datePart, "D")
		d, err := strconv.ParseUint(n, 10, 16)
		if !ok || err != nil {
			return 0, false
		}
		micros = float64(d) * 86_400e6
	}
	units := "HMS"
	for timePart != "" {
		i := strings.IndexAny(timePart, "HMS")
		if i <= 0 {
			return 0, false
		}
		u := strings.IndexByte(units, timePart[i])
		if u < 0 {
			return 0, false // a unit out of order, or twice
		}
		units = units[u+1:]
		num := timePart[:i]
		if num[0] < '0' || num[0] > '9' {
			return 0, false // no sign, no "Inf"
		}
		switch timePart[i] {
		case 'S':
			v, err := strconv.ParseFloat(num, 64)
			if err != nil || v > 1e9 {
				return 0, false
			}
			micros += math.Round(v * 1e6)
		default:
			n, err := strconv.ParseUint(num, 10, 24)
			if err != nil {
				return 0, false
			}
			if timePart[i] == 'H' {
				micros += float64(n) * 3600e6
			} else {
				micros += float64(n) * 60e6
			}
		}
		timePart = timePart[i+1:]
	}
	if neg {
		micros = -micros
	}
	return micros / 86_400e6, true
}

// countAttr reads a count attribute (a repeat, a span, a number of
// spaces): 1 when absent, at most max, and an error when it is not a
// positive whole number.
func countAttr(se xml.StartElement, space, local string, max int) (int, error) {
	v, ok := attr(se, space, local)
	if !ok {
		return 1, nil
	}
	n, err := strconv.ParseUint(v, 10, 64)
	if errors.Is(err, strconv.ErrRange) {
		return max, nil
	}
	if err != nil || n == 0 {
		return 0, fmt.Errorf("%s=%q is not a count", local, shorten(v, 20))
	}
	return int(min(n, uint64(max))), nil
}

// cellText reads the content of a cell: the text of its paragraphs
// (text:p, text:h, also inside a text:list), joined by line breaks.
// Comments (office:annotation), shapes and anything else are left out.
func (c *contentReader) cellText(x *xmlStream) (string, error) {
	var b strings.Builder
	paras := 0
	var elem func(se xml.StartElement) error
	elem = func(se xml.StartElement) error {
		if se.Name.Space != nsText {
			return x.skip()
		}
		switch se.Name.Local {
		case "p", "h":
			w := textWriter{b: &b, left: &c.textLeft}
			if paras++; paras > 1 {
				if err := w.literal("\n", 1); err != nil {
					return err
				}
			}
			return c.inline(x, &w)
		case "list", "list-item", "list-header", "section":
			return x.content(elem, nil)
		}
		return x.skip()
	}
	err := x.content(elem, nil)
	return b.String(), err
}

// inline reads the content of a paragraph or of an element inside one
// (text:span, text:a, a field) into w: its text, its spaces (text:s),
// tabs and line breaks, but not comments, notes' bodies, ruby text or
// shapes.
func (c *contentReader) inline(x *xmlStream, w *textWriter) error {
	return x.content(func(se xml.StartElement) error {
		switch se.Name.Space {
		case nsText:
			switch se.Name.Local {
			case "s":
				n, err := countAttr(se, nsText, "c", math.MaxInt32) // as many as the text budget allows
				if err != nil {
					return err
				}
				if err := w.literal(" ", n); err != nil {
					return err
				}
				return x.skip()
			case "tab":
				if err := w.literal("\t", 1); err != nil {
					return err
				}
				return x.skip()
			case "line-break":
				if err := w.literal("\n", 1); err != nil {
					return err
				}
				return x.skip()
			case "note-body", "ruby-text":
				return x.skip()
			}
		case nsOffice, nsDraw: // office:annotation, frames and shapes
			return x.skip()
		}
		return c.inline(x, w)
	}, w.chars)
}

// A textWriter writes the text of one paragraph: its character data as
// it is, and the characters of text:s, text:tab and text:line-break.
// OpenDocument says a reader collapses runs of white space in the
// character data, but LibreOffice Calc keeps them: it writes a single
// space as it is, at the start or the end of a paragraph too ("City "),
// and shows a line feed in the data as a line break. The reader follows
// LibreOffice, which made the file and showed it to whoever filled it in.
// Every byte written counts against left.
type textWriter struct {
	b    *strings.Builder
	left *int64
}

// chars writes the character data of the paragraph.
func (w *textWriter) chars(s []byte) error {
	if int64(len(s)) > *w.left {
		return errTextTooLarge
	}
	*w.left -= int64(len(s))
	w.b.Write(s)
	return nil
}

// literal writes s n times.
func (w *textWriter) literal(s string, n int) error {
	if int64(len(s))*int64(n) > *w.left {
		return errTextTooLarge
	}
	*w.left -= int64(len(s)) * int64(n)
	for range n {
		w.b.WriteString(s)
	}
	return nil
}
