package excel

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"perinet/layout"
	"perinet/xlsxcell"
)

// XLSX writes sheets as a workbook, in their order, each cell styled by
// its role as a plain form looks: the title large and bold; headings and
// labels on grey; the table's cells bordered, marks centred, texts
// wrapped; notes plain; printed on A4, one page wide. A number or a date is a number cell in its
// format; a text in a cell formatted as text (@) keeps that format. Each
// column is as wide as its widest line, within bounds, and each row as
// high as its tallest cell. The workbook carries fixed document
// properties, so that the same sheets give the same bytes.
func XLSX(sheets []layout.Sheet) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	err := f.SetDocProps(&excelize.DocProperties{
		Title: "周産期医療ネットワークグループ事業 取組状況調査", Creator: "perinet layout",
		Created: "2020-04-01T09:00:00Z", Modified: "2020-05-15T10:30:00Z", Language: "ja-JP",
	})
	if err != nil {
		return nil, err
	}
	if err := f.SetDefaultFont(xlsxcell.FontFamily); err != nil {
		return nil, err
	}
	w := &workbook{f: f, styles: map[styleKey]int{}}
	for i, sh := range sheets {
		name := sh.Name
		if name == "" {
			name = fmt.Sprintf("Sheet%d", i+1)
		}
		if i == 0 {
			err = f.SetSheetName("Sheet1", name)
		} else {
			_, err = f.NewSheet(name)
		}
		if err != nil {
			return nil, fmt.Errorf("sheet %q: %w", name, err)
		}
		if err := w.sheet(name, sh); err != nil {
			return nil, fmt.Errorf("sheet %q: %w", name, err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// A workbook is a workbook being written, with the styles made so far.
type workbook struct {
	f      *excelize.File
	styles map[styleKey]int
}

// A styleKey is a look and a number format.
type styleKey struct {
	look   look
	format string
}

// A look is how a cell of a role looks.
type look uint8

const (
	lookTitle   look = iota // large and bold
	lookPlain               // a line of text: a head line, a note
	lookHeading             // bold on grey, centred, bordered, wrapped
	lookLabel               // on grey, bordered, wrapped
	lookText                // bordered, wrapped
	lookMark                // bordered, centred
)

// lookOf chooses a cell's look by its role.
func lookOf(r layout.Role) look {
	switch r.Kind {
	case layout.KindTitle:
		if r.Level == 0 {
			return lookTitle
		}
		return lookPlain
	case layout.KindNote:
		return lookPlain
	case layout.KindHeading:
		if r.Field == layout.Item && r.Level == 1 {
			return lookLabel
		}
		return lookHeading
	case layout.KindLabel:
		return lookLabel
	case layout.KindValue, layout.KindBlank:
		if r.Sub == layout.Mark {
			return lookMark
		}
	}
	return lookText
}

// style returns the style of a look and a number format, making it the
// first time.
func (w *workbook) style(k styleKey) (int, error) {
	if id, ok := w.styles[k]; ok {
		return id, nil
	}
	font, border, grey := xlsxcell.Font, xlsxcell.Border(), xlsxcell.Fill("D9D9D9")
	align := func(h string, wrap bool) *excelize.Alignment {
		return &excelize.Alignment{Horizontal: h, Vertical: "center", WrapText: wrap}
	}
	var s excelize.Style
	switch k.look {
	case lookTitle:
		s = excelize.Style{Font: font(14, true), Alignment: align("left", false)}
	case lookPlain:
		s = excelize.Style{Font: font(11, false), Alignment: align("", false)}
	case lookHeading:
		s = excelize.Style{Font: font(10, true), Border: border, Fill: grey, Alignment: align("center", true)}
	case lookLabel:
		s = excelize.Style{Font: font(11, false), Border: border, Fill: grey, Alignment: align("", true)}
	case lookText:
		s = excelize.Style{Font: font(11, false), Border: border, Alignment: align("left", true)}
	case lookMark:
		s = excelize.Style{Font: font(11, false), Border: border, Alignment: align("center", true)}
	}
	if k.format != "" {
		format := k.format
		s.CustomNumFmt = &format
	}
	id, err := w.f.NewStyle(&s)
	if err != nil {
		return 0, err
	}
	w.styles[k] = id
	return id, nil
}

// sheet writes the cells of a sheet, and sizes its columns and rows.
func (w *workbook) sheet(name string, sh layout.Sheet) error {
	f := w.f
	widths := map[int]float64{}
	heights := map[int]int{}
	for _, c := range sh.Cells {
		cell, err := excelize.CoordinatesToCellName(c.Col, c.Row)
		if err != nil {
			return err
		}
		style, err := w.style(styleKey{lookOf(c.Role), c.Value.Format})
		if err != nil {
			return err
		}
		switch c.Value.Kind {
		case layout.NumberValue:
			err = f.SetCellInt(name, cell, int64(c.Value.Number))
		case layout.DateValue:
			err = f.SetCellFloat(name, cell, xlsxcell.Serial(c.Value.Date), -1, 64)
		default:
			if c.Value.Text != "" {
				err = f.SetCellStr(name, cell, c.Value.Text)
			}
		}
		if err != nil {
			return err
		}
		end, err := excelize.CoordinatesToCellName(c.Col+max(c.Cols, 1)-1, c.Row+max(c.Rows, 1)-1)
		if err != nil {
			return err
		}
		if err := f.SetCellStyle(name, cell, end, style); err != nil {
			return err
		}
		if end != cell {
			if err := f.MergeCell(name, cell, end); err != nil {
				return err
			}
		}
		shown, err := c.Value.Shown()
		if err != nil {
			return err
		}
		if (c.Role.Part == layout.InTable || c.Role.Part == layout.InFields) && c.Cols <= 1 {
			widest := 0
			for _, line := range strings.Split(shown, "\n") {
				widest = max(widest, xlsxcell.Width(line))
			}
			widths[c.Col] = max(widths[c.Col], min(float64(widest)+2, 40))
		}
	}
	for _, c := range sh.Cells {
		if c.Rows > 1 {
			continue
		}
		shown, _ := c.Value.Shown()
		per := max(widths[c.Col], 6)
		if c.Cols > 1 || widths[c.Col] == 0 {
			per = 40
		}
		heights[c.Row] = max(heights[c.Row], xlsxcell.Lines(shown, per))
	}
	if err := page(f, name, sh); err != nil {
		return err
	}
	for _, col := range slices.Sorted(maps.Keys(widths)) {
		letters, err := excelize.ColumnNumberToName(col)
		if err != nil {
			return err
		}
		if err := f.SetColWidth(name, letters, letters, max(widths[col], 6)); err != nil {
			return err
		}
	}
	for _, row := range slices.Sorted(maps.Keys(heights)) {
		if heights[row] > 1 {
			if err := f.SetRowHeight(name, row, float64(heights[row])*14+4); err != nil {
				return err
			}
		}
	}
	return nil
}

// page sets a sheet to print on A4, one page wide: landscape when it has
// more columns than a portrait page holds well.
func page(f *excelize.File, name string, sh layout.Sheet) error {
	cols := 0
	for _, c := range sh.Cells {
		cols = max(cols, c.Col+max(c.Cols, 1)-1)
	}
	orientation := "portrait"
	if cols > 6 {
		orientation = "landscape"
	}
	a4, one, zero, fit := 9, 1, 0, true
	if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	return f.SetPageLayout(name, &excelize.PageLayoutOptions{Size: &a4, Orientation: &orientation, FitToWidth: &one, FitToHeight: &zero})
}
