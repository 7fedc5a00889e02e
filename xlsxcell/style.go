package xlsxcell

import "github.com/xuri/excelize/v2"

// MonthFormat is the number format of a date cell that shows the era, the
// year and the month (平成22年2月). Excel and LibreOffice both render
// [$-411]; neither needs the [$-ja-JP-x-gannen] codes, which LibreOffice
// ignores.
const MonthFormat = `[$-411]ggge"年"m"月"`

// FontFamily is the font of perinet's workbooks: the one the committee's
// and the hospitals' Excel has, which LibreOffice replaces with the
// Japanese font it has.
const FontFamily = "ＭＳ Ｐゴシック"

// Font returns the font of a cell: FontFamily at size points.
func Font(size float64, bold bool) *excelize.Font {
	return &excelize.Font{Family: FontFamily, Size: size, Bold: bold}
}

// Border returns a thin black line on each side of a cell.
func Border() []excelize.Border {
	return []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "top", Color: "000000", Style: 1},
		{Type: "right", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
}

// Fill returns a cell's background of one colour, as RGB in hex ("D9D9D9").
func Fill(rgb string) excelize.Fill {
	return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{rgb}}
}
