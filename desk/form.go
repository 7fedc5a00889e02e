package desk

import (
	"fmt"
	"strings"

	"perinet"
)

// maxCells bounds the cells of one sheet drawn on a page: a sheet larger
// than that (rows of instructions, a pasted list) is drawn up to the row
// where it is reached, and says so.
const maxCells = 20000

// A sheetView is one sheet of a workbook (or one page of a PDF, as its
// table was rebuilt) drawn as an HTML table.
type sheetView struct {
	ID     string // the element's id, for links to the sheet
	Name   string // as the grid names it: the sheet's name, p1 for a PDF's first page, "" for a CSV file
	Title  string // as the page heads it: the sheet's name, 1ページ, 表
	Hidden bool
	Rows   [][]cellView // the used area, the cells a merged range covers left out
	// Letters are the columns' letters (A, B, …), for a sheet whose
	// places are written so (a workbook's, a CSV file's); none for a PDF's
	// page, whose places are points.
	Letters []string
	Cut     int  // the rows left out at the end for maxCells; 0 when none
	Marked  bool // a problem names the sheet itself (a hidden sheet …)
}

// A cellView is one cell drawn: the first cell of a merged range spans it.
type cellView struct {
	Text             string
	Where            string // the cell's place, "" for a cell the file does not have
	ID               string // the element's id, for links to the cell
	ColSpan, RowSpan int
	Fields           []string // the fields read from the cell, as the form heads them
	Problems         []problemView
}

// Severity returns the worst severity of the cell's problems, "" for none.
func (c cellView) Severity() perinet.Severity {
	var s perinet.Severity
	for _, p := range c.Problems {
		if p.Severity == perinet.Error {
			return perinet.Error
		}
		s = p.Severity
	}
	return s
}

// A problemView is a problem of a submission, numbered as the page lists
// it.
type problemView struct {
	perinet.Problem
	N      int
	Cell   string // the cell as the secretariat finds it in the file (perinet.CellName)
	Field  string // the field as the form heads it; "" when none
	Anchor string // the id of the cell on the form; "" when it is not drawn
}

// drawSheets draws the sheets of a grid that hold anything, with the fields
// each cell was read into (named by label) and the problems at each cell
// (or sheet); it sets the Anchor of each problem drawn, and returns where
// each drawn cell's element is, by place.
func drawSheets(g *perinet.Grid, records []perinet.Record, problems []problemView, label func(perinet.Record, string) string) ([]sheetView, map[string]string) {
	fields, at := readInto(records, label), problemsAt(problems)
	anchors := map[string]string{}
	var sheets []sheetView
	for si, s := range g.Sheets {
		v := sheetView{ID: fmt.Sprintf("s%d", si+1), Name: s.Name, Title: s.Name, Hidden: s.Hidden}
		switch {
		case g.Format == "pdf":
			v.Title = strings.TrimPrefix(s.Name, "p") + "ページ"
		case s.Name == "":
			v.Title = "表"
		}
		rows, cols := usedArea(s)
		if rows == 0 {
			continue
		}
		if s.Name != "" {
			for _, n := range at[s.Name] {
				problems[n].Anchor, v.Marked = v.ID, true
			}
		}
		if rows*cols > maxCells {
			v.Cut = rows - maxCells/cols
			rows -= v.Cut
		}
		if g.Format != "pdf" {
			for j := range cols {
				v.Letters = append(v.Letters, strings.TrimSuffix(perinet.CellName(fmt.Sprintf("r1c%d", j+1)), "1"))
			}
		}
		covered := map[[2]int]bool{}
		for i := range rows {
			var row []cellView
			for j := range cols {
				if covered[[2]int{i, j}] {
					continue
				}
				c := cellAt(s, i, j)
				cv := cellView{Text: c.Text, Where: c.Where, ColSpan: 1, RowSpan: 1}
				if c.Where != "" && !c.Merged {
					cv.ColSpan, cv.RowSpan = span(s, i, j, rows, cols)
					for di := range cv.RowSpan {
						for dj := range cv.ColSpan {
							covered[[2]int{i + di, j + dj}] = true
						}
					}
					if _, seen := anchors[c.Where]; !seen {
						cv.ID = fmt.Sprintf("s%dr%dc%d", si+1, i+1, j+1)
						anchors[c.Where] = cv.ID
						cv.Fields = fields[c.Where]
						for _, n := range at[c.Where] {
							problems[n].Anchor = cv.ID
							cv.Problems = append(cv.Problems, problems[n])
						}
					}
				}
				row = append(row, cv)
			}
			v.Rows = append(v.Rows, row)
		}
		sheets = append(sheets, v)
	}
	return sheets, anchors
}

// readInto returns the fields read from each cell, by its place, as the
// form heads them (label names them).
func readInto(records []perinet.Record, label func(perinet.Record, string) string) map[string][]string {
	fields := map[string][]string{}
	for _, r := range records {
		for _, f := range fieldOrder(r) {
			fields[r.Source.Where[f]] = append(fields[r.Source.Where[f]], label(r, f))
		}
	}
	return fields
}

// problemsAt returns the indexes of the problems at each place.
func problemsAt(problems []problemView) map[string][]int {
	at := map[string][]int{}
	for i, p := range problems {
		at[p.Where] = append(at[p.Where], i)
	}
	return at
}

// usedArea returns the rows and columns of a sheet up to its last cell
// that holds text; 0 rows for a sheet that holds none.
func usedArea(s perinet.Sheet) (rows, cols int) {
	for i, row := range s.Rows {
		for j, c := range row {
			if strings.TrimSpace(c.Text) != "" {
				rows, cols = i+1, max(cols, j+1)
			}
		}
	}
	return rows, cols
}

// cellAt returns the cell at row i, column j, or an empty one where the
// file has none (rows may differ in length).
func cellAt(s perinet.Sheet, i, j int) perinet.Cell {
	if i < len(s.Rows) && j < len(s.Rows[i]) {
		return s.Rows[i][j]
	}
	return perinet.Cell{}
}

// span returns how many columns and rows the merged range whose first cell
// is at row i, column j covers, within the rows and columns drawn: the
// cells right of it and below it that are covered (Merged) with its place.
func span(s perinet.Sheet, i, j, rows, cols int) (colSpan, rowSpan int) {
	where := cellAt(s, i, j).Where
	covers := func(i, j int) bool { c := cellAt(s, i, j); return c.Merged && c.Where == where }
	colSpan, rowSpan = 1, 1
	for j+colSpan < cols && covers(i, j+colSpan) {
		colSpan++
	}
	for i+rowSpan < rows && covers(i+rowSpan, j) {
		rowSpan++
	}
	return colSpan, rowSpan
}
