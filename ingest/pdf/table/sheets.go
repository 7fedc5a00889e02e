package table

import (
	"math"
	"strconv"
	"strings"

	"perinet"
	"perinet/ingest/pdf"
)

// Sheets rebuilds the tables that pages show as Sheets, as a Builder
// given the pages in turn does.
func Sheets(pages []*pdf.Page) []perinet.Sheet {
	var b Builder
	for _, p := range pages {
		b.Add(p)
	}
	return b.Sheets()
}

// Boxes returns the box of each cell that page p is read into, by the
// cell's place (Where), in page space: for a cell of a table, the
// rectangle its ruling lines (or, for a table set without rules, its white
// space) enclose; for other text, its column across the lines of its row;
// for text beside a table, its lines. Where two cells have one place, the
// box is the first's, top to bottom.
func Boxes(p *pdf.Page) map[string]pdf.Box { return readPage(p).boxes }

// A Builder rebuilds the tables that pages show as Sheets, given the pages
// one at a time, in order: one sheet a page, named "p" and the page's
// number ("p1"), except that a ruled table going on over the next page is
// read as one. It keeps the cells read, never the pages. Its zero value is
// ready to use.
//
// A page goes on with the table that ends the page before when its first
// table has the same column edges and nothing stands above it (no title
// of its own). Its rows are then added to the sheet of the page before,
// which is named after the pages it spans ("p1-p2"), and the rows it
// begins with that repeat the first rows of the table it goes on with (a
// header printed again on every page) are left out. A page whose table
// has a title above it is a sheet of its own even when its columns are
// the same: it may be another table of the same template, and if it is the
// same table with its header printed again, its sheet has all that
// normalize needs to read it. No other row is ever left out. A table
// without rules is read page by page.
type Builder struct {
	sheets []perinet.Sheet
	prev   pageRows
	head   [][]perinet.Cell // the rows of the table that a next page may go on with
}

// Add reads the next page; a nil page is skipped.
func (b *Builder) Add(p *pdf.Page) {
	if p == nil {
		return
	}
	cur := readPage(p)
	if s := len(b.sheets) - 1; s >= 0 && goesOnFrom(b.prev, cur) {
		b.sheets[s].Rows = append(b.sheets[s].Rows, withoutRepeat(cur, b.head)...)
		b.sheets[s].Name = firstPage(b.sheets[s].Name) + "-p" + strconv.Itoa(p.Number)
		if len(cur.tables) > 1 {
			b.head = cur.lastTable()
		}
	} else {
		b.sheets = append(b.sheets, perinet.Sheet{Name: "p" + strconv.Itoa(p.Number), Rows: cur.rows})
		b.head = cur.lastTable()
	}
	b.prev = cur
}

// Sheets returns the sheets of the pages added so far.
func (b *Builder) Sheets() []perinet.Sheet { return b.sheets }

// firstPage returns the name of the first page of a sheet: "p1" of "p1-p3".
func firstPage(name string) string {
	first, _, _ := strings.Cut(name, "-")
	return first
}

// lastTable returns the rows of the page's last ruled table; nil when it
// has none.
func (pr pageRows) lastTable() [][]perinet.Cell {
	if len(pr.tables) == 0 {
		return nil
	}
	t := pr.tables[len(pr.tables)-1]
	return pr.rows[t.start:t.end]
}

// goesOnFrom reports whether page cur begins with the table that ends
// page prev: its first rows are a table with the same column edges.
func goesOnFrom(prev, cur pageRows) bool {
	if len(prev.tables) == 0 || len(cur.tables) == 0 || cur.tables[0].start != 0 {
		return false
	}
	a, b := prev.tables[len(prev.tables)-1].edges, cur.tables[0].edges
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Abs(a[i]-b[i]) > snap {
			return false
		}
	}
	return true
}

// withoutRepeat returns the rows of page cur without the first rows of
// its first table that repeat the first rows of head, as long as some row
// of that table is left.
func withoutRepeat(cur pageRows, head [][]perinet.Cell) [][]perinet.Cell {
	end := cur.tables[0].end
	k := 0
	for k < len(head) && k < end-1 && sameText(cur.rows[k], head[k]) {
		k++
	}
	return cur.rows[k:]
}

// sameText reports whether two rows hold the same texts.
func sameText(a, b []perinet.Cell) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Text != b[i].Text {
			return false
		}
	}
	return true
}
