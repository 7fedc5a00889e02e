package form

import (
	"fmt"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"perinet/layout"
	"perinet/xlsxcell"
)

// A sheet is the one worksheet of a form being written. Like bufio.Writer
// it keeps the first error and does nothing after it, so that writing a
// form reads as the list of what goes in; err says at the end whether
// all went in.
type sheet struct {
	f      *excelize.File
	name   string
	style  styles
	inputs map[inputKind][]string // the cells of each kind of input, for their checks
	err    error
}

// The kinds of input cell, each with its own style and check.
type inputKind uint8

const (
	markInput    inputKind = iota // ○ or × from a drop-down
	countInput                    // a whole number of facilities
	detailsInput                  // free text, one entry a line
	dateInput                     // a date, shown as 平成22年2月
	textInput                     // a name the survey does not know
)

// styles are the cell styles of a form, made once per workbook.
type styles struct {
	title, plain, note, header, label, fixed, none int
	input                                          [5]int // by inputKind
	dayInput                                       int    // a date input that shows its day
}

// newSheet starts a workbook with one sheet of the given name.
func newSheet(name string) *sheet {
	f := excelize.NewFile()
	s := &sheet{f: f, name: name, inputs: map[inputKind][]string{}}
	s.err = f.SetSheetName("Sheet1", name)
	if s.err == nil {
		s.err = f.SetDefaultFont(xlsxcell.FontFamily)
	}
	if s.err == nil {
		s.style, s.err = newStyles(f)
	}
	return s
}

// newStyles adds a form's cell styles to a workbook.
func newStyles(f *excelize.File) (styles, error) {
	font, border := xlsxcell.Font, xlsxcell.Border()
	grey, yellow, shade := xlsxcell.Fill("D9D9D9"), xlsxcell.Fill("FFF2CC"), xlsxcell.Fill("F2F2F2")
	align := func(h, v string, wrap bool) *excelize.Alignment {
		return &excelize.Alignment{Horizontal: h, Vertical: v, WrapText: wrap}
	}
	open := &excelize.Protection{Locked: false}
	month, day, count := layout.FormatEraMonth, layout.FormatEraDay, layout.FormatCount
	input := func(a *excelize.Alignment) excelize.Style {
		return excelize.Style{Font: font(11, false), Border: border, Fill: yellow, Alignment: a, Protection: open}
	}
	var s styles
	defs := []struct {
		id    *int
		style excelize.Style
	}{
		{&s.title, excelize.Style{Font: font(14, true), Alignment: align("center", "center", false)}},
		{&s.plain, excelize.Style{Font: font(11, false), Alignment: align("", "center", false)}},
		{&s.note, excelize.Style{Font: font(10, false), Alignment: align("left", "top", true)}},
		{&s.header, excelize.Style{Font: font(10, true), Border: border, Fill: grey, Alignment: align("center", "center", true)}},
		{&s.label, excelize.Style{Font: font(11, false), Border: border, Fill: grey, Alignment: align("", "center", true)}},
		{&s.fixed, excelize.Style{Font: font(11, false), Border: border, Alignment: align("", "center", true)}},
		{&s.none, excelize.Style{Font: font(11, false), Border: border, Fill: shade}},
		{&s.input[markInput], input(align("center", "center", false))},
		{&s.input[countInput], withFormat(input(align("right", "center", false)), &count)},
		{&s.input[detailsInput], input(align("left", "top", true))},
		{&s.input[dateInput], withFormat(input(align("left", "center", false)), &month)},
		{&s.input[textInput], input(align("left", "center", true))},
		{&s.dayInput, withFormat(input(align("left", "center", false)), &day)},
	}
	for _, d := range defs {
		id, err := f.NewStyle(&d.style)
		if err != nil {
			return s, err
		}
		*d.id = id
	}
	return s, nil
}

func withFormat(s excelize.Style, format *string) excelize.Style {
	s.CustomNumFmt = format
	return s
}

// cell returns the name of the cell at column col and row row, from 1.
func (s *sheet) cell(col, row int) string {
	name, err := excelize.CoordinatesToCellName(col, row)
	if s.err == nil {
		s.err = err
	}
	return name
}

// put writes a value into a cell with a style: text, a whole number, a
// date (as its serial day number), or nothing (nil) for the style alone.
func (s *sheet) put(col, row int, v any, style int) {
	cell := s.cell(col, row)
	if s.err != nil {
		return
	}
	switch v := v.(type) {
	case nil:
	case string:
		if v != "" {
			s.err = s.f.SetCellStr(s.name, cell, v)
		}
	case int, time.Time:
		s.err = s.f.SetCellValue(s.name, cell, v)
	default:
		s.err = fmt.Errorf("form: cannot write %T into %s", v, cell)
	}
	if s.err == nil {
		s.err = s.f.SetCellStyle(s.name, cell, cell, style)
	}
}

// input writes an input cell of a kind, holding v (nil for none), with a
// style, and remembers it for the kind's check.
func (s *sheet) input(col, row int, kind inputKind, v any, style int) {
	s.put(col, row, v, style)
	s.inputs[kind] = append(s.inputs[kind], s.cell(col, row))
}

// merge merges the cells from (col1, row1) to (col2, row2), giving them
// all the style of the first so that the merged cell keeps its borders.
func (s *sheet) merge(col1, row1, col2, row2 int) {
	from, to := s.cell(col1, row1), s.cell(col2, row2)
	if s.err != nil {
		return
	}
	style, err := s.f.GetCellStyle(s.name, from)
	if err == nil {
		err = s.f.SetCellStyle(s.name, from, to, style)
	}
	if err == nil {
		err = s.f.MergeCell(s.name, from, to)
	}
	s.err = err
}

// height sets the height of a row in points.
func (s *sheet) height(row int, points float64) {
	s.do(func() error { return s.f.SetRowHeight(s.name, row, points) })
}

// widths sets the widths of the columns from A on, in characters.
func (s *sheet) widths(widths ...float64) {
	for i, w := range widths {
		col, err := excelize.ColumnNumberToName(i + 1)
		if err == nil && s.err == nil {
			err = s.f.SetColWidth(s.name, col, col, w)
		}
		if s.err == nil {
			s.err = err
		}
	}
}

// instructions writes the instructions from row top down, across the
// columns from left to right: their title, then each paragraph merged
// across the columns, as high as its lines in a width of chars
// characters. It returns the last row written.
func (s *sheet) instructions(paragraphs []string, top, left, right int, chars float64) int {
	s.put(left, top, guideTitle, s.style.plain)
	row := top
	for _, p := range paragraphs {
		row++
		s.put(left, row, p, s.style.note)
		s.merge(left, row, right, row)
		s.height(row, float64(xlsxcell.Lines(p, chars*11/10))*12.5+3)
	}
	return row
}

// lineHeight is the height in points of one line of 11-point text, with
// the room Excel leaves between lines.
const lineHeight = 14.0

// textHeight returns the height of a row that shows text wrapped in a
// column of the given width.
func textHeight(text string, colWidth float64) float64 {
	return float64(xlsxcell.Lines(text, colWidth))*lineHeight + 4
}

// check says how an input kind is checked and helped: the drop-down or the
// range of values, the help shown when the cell is selected, and the
// message when what was typed does not fit.
type check struct {
	set          func(dv *excelize.DataValidation, fy int) error
	title, help  string
	errorMessage string
}

// checks are the checks of the input kinds.
var checks = map[inputKind]check{
	markInput: {
		set:          func(dv *excelize.DataValidation, _ int) error { return dv.SetDropList([]string{"○", "×"}) },
		title:        "実施の有無",
		help:         "実施した項目は ○、実施していない項目は × を一覧から選んでください。",
		errorMessage: "○ か × を一覧から選んでください（空欄にするには Delete キーを押します）。",
	},
	countInput: {
		set: func(dv *excelize.DataValidation, _ int) error {
			return dv.SetRange(0, 99999, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween)
		},
		title:        "配布先（施設数）",
		help:         "連携リストを配布した施設の数を、数字だけで入力してください（例：103）。「施設」は自動で付きます。",
		errorMessage: "施設の数を数字だけで入力してください（例：103）。",
	},
	detailsInput: {
		set:   func(*excelize.DataValidation, int) error { return nil },
		title: "具体的内容",
		help:  "取組を1行に1つ書いてください。セルの中で改行するには Alt + Enter を押します。",
	},
	textInput: {
		set:   func(*excelize.DataValidation, int) error { return nil },
		title: "委託病院",
		help:  "委託病院の正式な名前を書いてください。",
	},
	dateInput: {
		set: func(dv *excelize.DataValidation, fy int) error {
			end := time.Date(fy+1, time.March, 31, 0, 0, 0, 0, time.UTC)
			return dv.SetRange(1, int(xlsxcell.Serial(end)), excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween)
		},
		title:        "開始年月",
		help:         "例：平成22年2月なら 2010/2/1 と入力すると「平成22年2月」と表示されます（日は表示されません）。",
		errorMessage: "日付として読めません。2010/2/1 のように 年/月/日 で入力してください。",
	},
}

// addChecks adds to the input cells of each kind its check, for a form of
// fiscal year fy.
func (s *sheet) addChecks(fy int) {
	for _, kind := range []inputKind{markInput, countInput, detailsInput, dateInput, textInput} {
		cells := s.inputs[kind]
		if len(cells) == 0 || s.err != nil {
			continue
		}
		c := checks[kind]
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(strings.Join(cells, " "))
		s.err = c.set(dv, fy)
		dv.SetInput(c.title, c.help)
		if c.errorMessage != "" {
			dv.SetError(excelize.DataValidationErrorStyleStop, c.title, c.errorMessage)
		}
		if s.err == nil {
			s.err = s.f.AddDataValidation(s.name, dv)
		}
	}
}

// protect locks every cell but the inputs, without a password: the
// labels and the layout cannot be changed by mistake, the inputs can be
// filled in, and rows and columns can still be resized to show long text.
func (s *sheet) protect() {
	s.do(func() error {
		return s.f.ProtectSheet(s.name, &excelize.SheetProtectionOptions{
			SelectLockedCells: true, SelectUnlockedCells: true, FormatRows: true, FormatColumns: true,
		})
	})
}

// print sets the sheet up to print on one A4 page in the given
// orientation ("portrait" or "landscape"), from A1 to (col, row).
func (s *sheet) print(orientation string, col, row int) {
	a4, one, fit, centre := 9, 1, true, true
	margin, edge := 0.5, 0.3
	s.do(func() error {
		corner, err := excelize.CoordinatesToCellName(col, row, true)
		if err != nil {
			return err
		}
		return s.f.SetDefinedName(&excelize.DefinedName{
			Name: "_xlnm.Print_Area", RefersTo: fmt.Sprintf("'%s'!$A$1:%s", s.name, corner), Scope: s.name,
		})
	})
	s.do(func() error { return s.f.SetSheetProps(s.name, &excelize.SheetPropsOptions{FitToPage: &fit}) })
	s.do(func() error {
		return s.f.SetPageLayout(s.name, &excelize.PageLayoutOptions{
			Size: &a4, Orientation: &orientation, FitToWidth: &one, FitToHeight: &one,
		})
	})
	s.do(func() error {
		return s.f.SetPageMargins(s.name, &excelize.PageLayoutMarginsOptions{
			Top: &margin, Bottom: &margin, Left: &margin, Right: &margin, Header: &edge, Footer: &edge, Horizontally: &centre,
		})
	})
}

// do runs step unless an earlier step failed, and keeps its error.
func (s *sheet) do(step func() error) {
	if s.err == nil {
		s.err = step()
	}
}
