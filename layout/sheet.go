package layout

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"perinet"
)

// A Sheet is a rendered sheet: its cells, each with its value, the size
// of its merged range and its role. Only cells that are written appear:
// a cell that a merged range covers does not, and neither does one
// outside the head, the fields, the table and the notes.
type Sheet struct {
	Name  string
	Cells []Cell
}

// A Cell is one cell of a Sheet, or the first cell of a merged range.
type Cell struct {
	Row, Col   int // from 1
	Rows, Cols int // the merged range's size; 1 and 1 for a cell of its own
	Value      Value
	Role       Role
}

// A ValueKind says what a Value holds.
type ValueKind uint8

// The kinds of value a cell holds.
const (
	TextValue   ValueKind = iota // text, as typed
	NumberValue                  // a whole number
	DateValue                    // a date, stored as its serial day number
)

// A Value is what a cell holds: a text, a whole number or a date, with
// the cell's number format.
type Value struct {
	Kind   ValueKind
	Text   string    // the text, for TextValue
	Number int       // for NumberValue
	Date   time.Time // for DateValue: the day, in UTC
	// Format is the cell's number format: "" for General, "@" for a cell
	// formatted as text, 0"施設" for a count, [$-411]ggge"年"m"月" for a date
	// shown as 平成22年2月.
	Format string
}

// Text returns a value of text in a cell of the General format.
func Text(s string) Value { return Value{Text: s} }

// IsEmpty reports whether the value is an empty text.
func (v Value) IsEmpty() bool { return v.Kind == TextValue && v.Text == "" }

// A Part is the part of a sheet a cell belongs to.
type Part uint8

// The parts of a sheet.
const (
	InHead   Part = iota // the head lines: title, fiscal year
	InFields             // the labelled fields
	InTable              // the table
	InNotes              // a note beside or below the table
)

// A RoleKind says what a cell is.
type RoleKind uint8

// The kinds of cell.
const (
	KindTitle   RoleKind = iota // a head line; Level is its index, 0 the title
	KindLabel                   // the label of a labelled field
	KindHeading                 // a heading of the table: a line's (Field, Item, Sub, Level 1 or 2), a slot's (NoField and the Sub), the corner (NoField, Any)
	KindValue                   // a value of Group's Field (Item and Sub for an item's)
	KindBlank                   // a cell of the table with nothing to hold: a blank line, a part an item does not have
	KindNote                    // a note beside or below the table
)

// A Role says what a cell is, so that a writer can style it.
type Role struct {
	Part  Part
	Kind  RoleKind
	Field Field
	Item  int // the item's number, for Field Item
	Sub   Sub
	Group string // the group's canonical name, for a Value
	Level int    // a heading's level, 1 or 2, or a head line's index
}

// An Answer is one group's answers as the cells of a form hold them: the
// texts as typed, before anything is read. Render makes them from
// Records with a Notation; a caller that wants other spellings (the
// fixtures' published texts) makes them itself and calls RenderAnswers.
type Answer struct {
	Group  string       // the group's canonical name, for the cells' roles
	Tier   perinet.Tier // the group's tier, for TierRuns and ParentSpan
	Parent string       // the network group of a sub-group, for ParentSpan
	Block  string       // the group's name as written
	TierAs string       // the tier as written (ネットワークグループ)
	// Hospital and Started are the 委託病院 and 開始年月 as written;
	// Started may be a date cell or text in a cell formatted as text.
	Hospital string
	Started  Value
	Items    []ItemAnswer // in the survey's order
}

// An ItemAnswer is a group's answer to one item, as typed.
type ItemAnswer struct {
	No      int
	Mark    string   // ○, ×, △, or "" for none
	Count   Value    // the facility count; an empty text for none
	Note    string   // a note written in place of the count
	Details []string // the details, a line each as typed (・NCPR講習会)
}

// String draws the sheet as text, a line per row: the cells of the row
// from column A, separated by " | ", a line break in a cell shown as ⏎,
// a cell a merged range covers as "<" (covered from the left) or "^"
// (from above), a date as 2010-02-01 with its format, a number with its
// format. It is for reading in test failures.
func (s Sheet) String() string {
	type pos struct{ r, c int }
	text := map[pos]string{}
	rows, cols := 0, 0
	for _, c := range s.Cells {
		for r := c.Row; r < c.Row+max(c.Rows, 1); r++ {
			for k := c.Col; k < c.Col+max(c.Cols, 1); k++ {
				switch {
				case r == c.Row && k == c.Col:
					text[pos{r, k}] = c.Value.draw()
				case r == c.Row:
					text[pos{r, k}] = "<"
				default:
					text[pos{r, k}] = "^"
				}
			}
		}
		rows, cols = max(rows, c.Row+max(c.Rows, 1)-1), max(cols, c.Col+max(c.Cols, 1)-1)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "sheet %q\n", s.Name)
	for r := 1; r <= rows; r++ {
		last := 0
		for k := 1; k <= cols; k++ {
			if _, ok := text[pos{r, k}]; ok {
				last = k
			}
		}
		fmt.Fprintf(&b, "%3d:", r)
		for k := 1; k <= last; k++ {
			if k > 1 {
				b.WriteString(" |")
			}
			if t := text[pos{r, k}]; t != "" {
				b.WriteString(" " + t)
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

// draw writes a value for Sheet.String.
func (v Value) draw() string {
	var s string
	switch v.Kind {
	case NumberValue:
		s = fmt.Sprintf("#%d", v.Number)
	case DateValue:
		s = "date " + v.Date.Format("2006-01-02")
	default:
		s = strings.ReplaceAll(v.Text, "\n", "⏎")
	}
	if v.Format != "" {
		s += " {" + v.Format + "}"
	}
	return s
}

// sortCells orders cells by row, then column.
func sortCells(cells []Cell) {
	sort.SliceStable(cells, func(i, j int) bool {
		if cells[i].Row != cells[j].Row {
			return cells[i].Row < cells[j].Row
		}
		return cells[i].Col < cells[j].Col
	})
}
