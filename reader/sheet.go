package reader

import (
	"fmt"
	"strings"

	"perinet"
)

// A cell is a non-empty cell of a sheet as the reader sees it: a merged
// range is one cell, its first cell's text over its whole extent.
type cell struct {
	*perinet.Cell
	r0, c0, r1, c1 int // the rows and columns it covers in the sheet, from 0

	head   heading // what its text means as a heading, by the survey's words
	isHead bool    // head holds a heading
	// note says that the text is furniture by itself, wherever it stands:
	// a note (※…), an instruction (…してください), a page's number, a
	// furniture label with its value (記入者：山田).
	note bool
	role role // what the reader made of it
}

// A role is what the reader made of a cell: the accounting of every cell.
type role uint8

const (
	roleNone      role = iota // nothing yet: an unread cell if it stays so
	roleHeading               // a heading the reader used
	roleValue                 // read into a field of a Record
	roleKey                   // the name of the group of its row or column
	roleLabel                 // a label beside its value (ブロック名 → 区中央部)
	roleTitle                 // the title, or the fiscal year above the survey
	roleFurniture             // notes, instructions, 記入者 and the like
	roleSkipped               // on a sheet whose Records are not the submission's
)

var roleNames = [...]string{"", "heading", "value", "key", "label", "title", "furniture", "skipped"}

func (r role) String() string { return roleNames[r] }

// String shows a cell for a debugging session: place, text and role.
func (c *cell) String() string {
	return fmt.Sprintf("%s %q %s", c.Where, c.Text, c.role)
}

// A sheet is a Sheet with its cells found: every non-empty cell once, and
// the cell at each place.
type sheet struct {
	*perinet.Sheet
	cells        []*cell   // in reading order: row by row, left to right
	at           [][]*cell // at[i][j]: the cell covering row i, column j; nil where empty
	nRows, nCols int
}

// newSheet finds the cells of a Sheet and recognizes the headings among
// them by the survey's words.
func newSheet(s *perinet.Sheet, l *labels) *sheet {
	sh := &sheet{Sheet: s, nRows: len(s.Rows)}
	for _, row := range s.Rows {
		sh.nCols = max(sh.nCols, len(row))
	}
	sh.at = make([][]*cell, sh.nRows)
	byWhere := map[string]*cell{}
	for i, row := range s.Rows {
		sh.at[i] = make([]*cell, sh.nCols)
		for j := range row {
			pc := &row[j]
			if strings.TrimSpace(pc.Text) == "" && pc.Date == nil {
				continue // nothing to see: no text, or only white space
			}
			key := pc.Where
			if key == "" {
				key = fmt.Sprintf("\x00%d,%d", i, j)
			}
			c, seen := byWhere[key]
			if !seen {
				c = &cell{Cell: pc, r0: i, c0: j, r1: i, c1: j}
				if pc.Date == nil {
					c.head, c.isHead = l.strict(pc.Text)
					c.note = !c.isHead && l.isFurniture(pc.Text)
				}
				byWhere[key] = c
				sh.cells = append(sh.cells, c)
			}
			c.r0, c.c0 = min(c.r0, i), min(c.c0, j)
			c.r1, c.c1 = max(c.r1, i), max(c.c1, j)
			sh.at[i][j] = c
		}
	}
	return sh
}

// raw returns the sheet's own cell at row i, column j, empty or not, or
// nil past the sheet: the place an empty field is named by.
func (sh *sheet) raw(i, j int) *perinet.Cell {
	if i < 0 || j < 0 || i >= len(sh.Rows) || j >= len(sh.Rows[i]) {
		return nil
	}
	return &sh.Rows[i][j]
}

// A view is a sheet seen with its items across: the sheet itself when the
// item headings run along a row, and the sheet transposed when they run
// down a column (a one-group form, a table with a column per group). Every
// step after finding the item headings reads the view, so that one piece of
// code reads both.
type view struct {
	*sheet
	transposed bool
}

// rows and cols are the view's size.
func (v view) rows() int {
	if v.transposed {
		return v.nCols
	}
	return v.nRows
}

func (v view) cols() int {
	if v.transposed {
		return v.nRows
	}
	return v.nCols
}

// at returns the cell covering row i, column j of the view, nil where empty.
func (v view) at(i, j int) *cell {
	if v.transposed {
		i, j = j, i
	}
	if i < 0 || j < 0 || i >= v.nRows || j >= v.nCols {
		return nil
	}
	return v.sheet.at[i][j]
}

// raw returns the sheet's own cell at row i, column j of the view.
func (v view) raw(i, j int) *perinet.Cell {
	if v.transposed {
		i, j = j, i
	}
	return v.sheet.raw(i, j)
}

// box returns the rows and columns of the view a cell covers.
func (v view) box(c *cell) (r0, c0, r1, c1 int) {
	if v.transposed {
		return c.c0, c.r0, c.c1, c.r1
	}
	return c.r0, c.c0, c.r1, c.c1
}

// top returns the first row of the view a cell covers.
func (v view) top(c *cell) int {
	r0, _, _, _ := v.box(c)
	return r0
}

// String shows the view for a debugging session: a line per row, each
// cell's place, text and role where it starts.
func (v view) String() string {
	var b strings.Builder
	for i := 0; i < v.rows(); i++ {
		for j := 0; j < v.cols(); j++ {
			c := v.at(i, j)
			if c == nil {
				continue
			}
			if r0, c0, _, _ := v.box(c); r0 == i && c0 == j {
				fmt.Fprintf(&b, "[%d,%d] %s\n", i, j, c)
			}
		}
	}
	return b.String()
}
