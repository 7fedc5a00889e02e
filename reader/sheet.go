package reader

import (
	"perinet"
	"perinet/normalize"
)

// A sheetView is a Sheet with the name key of every cell, for finding
// the form's headings.
type sheetView struct {
	*perinet.Sheet
	keys   [][]string
	labels labels
}

func newSheetView(s *perinet.Sheet, l labels) *sheetView {
	keys := make([][]string, len(s.Rows))
	for i, row := range s.Rows {
		keys[i] = make([]string, len(row))
		for j := range row {
			if row[j].Text != "" && row[j].Date == nil {
				keys[i][j] = normalize.Key(row[j].Text)
			}
		}
	}
	return &sheetView{Sheet: s, keys: keys, labels: l}
}

// cell returns the cell at row i, column j (from 0), or nil past the sheet.
func (sh *sheetView) cell(i, j int) *perinet.Cell {
	if i < 0 || j < 0 || i >= len(sh.Rows) || j >= len(sh.Rows[i]) {
		return nil
	}
	return &sh.Rows[i][j]
}

// A layoutKind is how a sheet lays out the survey.
type layoutKind uint8

const (
	noSurvey layoutKind = iota
	oneGroup            // one group: a label column and value cells, a row per item
	table               // many groups: a row per group, a column (or two) per item
)

// A layout is where a sheet holds the survey.
type layout struct {
	kind     layoutKind
	top      int         // the first row of the survey's headings; rows above hold the title
	labelCol int         // oneGroup: the column of the item labels
	itemRows map[int]int // oneGroup: item number → row
	header   int         // table: the row of the item headings
	// itemsOnly is set on a sheet that is no survey but lists the item
	// labels in a column without a form's headings (ブロック名, 委託病院…):
	// the programme's description, or a report's chart.
	itemsOnly bool
}

// hasGroupHeading reports whether the sheet has one of a one-group
// form's headings of the group: block, tier, hospital or start date.
func (sh *sheetView) hasGroupHeading() bool {
	for _, row := range sh.keys {
		for _, k := range row {
			if f := sh.labels.field(k); f >= fieldBlock && f <= fieldStarted {
				return true
			}
		}
	}
	return false
}

// minItems is how many item labels make a sheet a survey: half of them,
// so that a form with a label or two reworded is still found.
const minItems = 4

// layout finds the item labels: in one column, a one-group form; in one
// row, a multi-group table.
func (sh *sheetView) layout() layout {
	byRow := map[int]map[int]bool{}
	byCol := map[int]map[int]int{} // column → item → first row
	long := map[int]bool{}         // columns that name an item in two places: a long table, not a form
	for i, row := range sh.keys {
		for j, k := range row {
			no, ok := sh.labels.item(k)
			if !ok {
				continue
			}
			if byRow[i] == nil {
				byRow[i] = map[int]bool{}
			}
			byRow[i][no] = true
			if byCol[j] == nil {
				byCol[j] = map[int]int{}
			}
			if first, seen := byCol[j][no]; !seen {
				byCol[j][no] = i
			} else if sh.Rows[first][j].Where != sh.Rows[i][j].Where {
				long[j] = true
			}
		}
	}
	bestRow, bestCol := -1, -1
	for i, items := range byRow {
		if bestRow < 0 || len(items) > len(byRow[bestRow]) || (len(items) == len(byRow[bestRow]) && i < bestRow) {
			bestRow = i
		}
	}
	for j, items := range byCol {
		if long[j] {
			continue
		}
		if bestCol < 0 || len(items) > len(byCol[bestCol]) || (len(items) == len(byCol[bestCol]) && j < bestCol) {
			bestCol = j
		}
	}
	switch {
	case bestRow >= 0 && len(byRow[bestRow]) >= minItems && len(byRow[bestRow]) >= len(byCol[bestCol]):
		return layout{kind: table, top: bestRow, header: bestRow}
	case bestCol >= 0 && len(byCol[bestCol]) >= minItems && !sh.hasGroupHeading():
		return layout{itemsOnly: true}
	case bestCol >= 0 && len(byCol[bestCol]) >= minItems:
		top := len(sh.Rows)
		for _, i := range byCol[bestCol] {
			top = min(top, i)
		}
		return layout{kind: oneGroup, top: top, labelCol: bestCol, itemRows: byCol[bestCol]}
	}
	return layout{}
}

// next returns the column of the first cell right of (i, j) that is not
// part of the same merged range.
func (sh *sheetView) next(i, j int) int {
	c := sh.cell(i, j)
	for j++; c != nil && j < len(sh.Rows[i]) && sh.Rows[i][j].Where == c.Where; j++ {
	}
	return j
}

// valueRight returns the value of the heading at (i, j): the first
// non-empty cell right of it, or the first cell there when all are empty.
func (sh *sheetView) valueRight(i, j int) *perinet.Cell {
	first := sh.next(i, j)
	for k := first; k < len(sh.Rows[i]); k++ {
		if c := sh.cell(i, k); c.Text != "" && c.Where != sh.Rows[i][j].Where {
			return c
		}
	}
	return sh.cell(i, first)
}
