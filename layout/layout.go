// Package layout describes, as data, how a sheet lays out the survey for
// one group or many: which way the groups run, where each group's own
// fields go, the headings and their wording, where each part of an item's
// answer goes, offsets, blank lines, merges, notes and other sheets; and
// how the values are written. Render turns a Layout and Records into a
// neutral description of sheets (cells with their values, merged ranges
// and the role of each cell), from which writers make workbooks and CSV
// files, styling each cell by its role.
//
// A Layout places; it does not judge. Whether a layout is one a person
// would read as meant is up to whoever makes it (the fixtures, the form
// template, the random layouts of package layouttest).
package layout

import "perinet"

// An Axis is a direction on a sheet.
type Axis uint8

// The directions of a sheet.
const (
	Rows    Axis = iota // down the sheet
	Columns             // across the sheet
)

// A Field is what a cell of a form is about.
type Field uint8

// The fields of a form.
const (
	NoField    Field = iota // a heading of the table as a whole (項目), or a cell about nothing
	FiscalYear              // 年度
	Block                   // ブロック名: the group
	Tier                    // 区分: ネットワークグループ or サブグループ
	Hospital                // 委託病院
	Started                 // 開始年月
	Item                    // one of the survey's items
)

// A Sub is a part of an item's answer.
type Sub uint8

// The parts of an item's answer.
const (
	Any     Sub = iota // no part in particular: an item's main cell (its mark), or a group field's value
	Mark               // 実施の有無: ○, ×, △ or blank
	Count              // 配布先: the number of facilities, or a note in its place
	Details            // 具体的内容: free text, one entry a line
)

// A Fill says how a text that stands for several cells is written: a
// heading over an item's two columns, a group's name over its cells.
type Fill uint8

// The ways of writing a text over several cells.
const (
	Merge  Fill = iota // in one merged cell
	Once               // in the first cell, the others left blank (as a CSV file of a merged cell has it)
	Repeat             // in every cell (the heading forward-filled by hand)
)

// A Layout is how one sheet lays out the survey, and how the values are
// written in it. Its parts are stacked down the sheet: the head lines,
// the labelled fields (unless beside the table), the table, and notes
// beside or below the table.
type Layout struct {
	Sheet string // the sheet's name

	// Head are the lines above everything else: the title, the fiscal
	// year. "{年度}" in a line stands for the fiscal year, written as Year
	// says.
	Head       []HeadLine
	HeadIndent int // blank columns left of the head lines
	Year       YearStyle

	// Fields are the group's own fields written as labels with values
	// beside or below them, as a one-group form has them; nil when the
	// table holds them as lines. Only a one-group layout has them.
	Fields *Fields

	Table Table
	Notes []Note

	// Notation is how Render writes the Records' values.
	Notation Notation

	// Extras are the other sheets of the file: an example filled in for a
	// made-up group, last year's answers kept for reference.
	Extras []Extra
}

// A HeadLine is a line of text above the form.
type HeadLine struct {
	Text  string
	Merge bool // merged across the width of the fields and the table
}

// YearMark in a head line stands for the fiscal year.
const YearMark = "{年度}"

// PublishedTitle is the title of the published status table, YearMark
// standing for its fiscal year: 周産期医療ネットワークグループ事業 実施状況
// 各グループの取組状況（{年度}）.
func PublishedTitle(s *perinet.Survey) string {
	return s.Title + "　各グループの取組状況（" + YearMark + "）"
}

// Fields are a one-group form's fields written as labels with values.
type Fields struct {
	List   []Labelled // in order: top to bottom, or left to right when Across
	Across bool       // side by side in one row, rather than one under another
	Below  bool       // each value below its label, rather than right of it
	Span   int        // the cells each label (and a value below it) takes, merged; 0 or 1 for one
	Gap    int        // blank rows above them (or blank columns left of them when Beside)
	Indent int        // blank columns left of them
	Beside bool       // right of the table, level with its top, rather than above it
}

// A Labelled is one field of Fields and its label as written.
type Labelled struct {
	Field Field // FiscalYear, Block, Tier, Hospital or Started
	Label string
	// Span is the cells its value takes, merged, when right of its label
	// (the form's ブロック名 over the table's three value columns); 0 or 1
	// for one. A value below its label takes the label's cells.
	Span int
}

// A Table lays out the survey's items against the groups. Along the item
// axis run its Lines: the items' lines, and the group fields' when the
// table holds them. Along the other axis run the groups, one after
// another, each taking a cell per Slot. The cell of a line and a slot
// holds the part of the answer that the line's Sub and the slot's Sub
// name together: Any and Any is the item's main cell (its mark), Any and
// a part is that part, two different parts are no cell at all (blank).
//
// Headings: each line is headed, in the heading band before the first
// group, by one text or, in a table of two heading levels, by two (the
// item's label over the part's word). Adjacent lines with the same first
// heading share it (an item's label over its two columns; ブロック名 over
// the tier and the group's name). When SlotHeads is set, a line of
// headings names each group's slots (実施の有無, 配布先, 具体的内容), with
// Corner above the heading band (項目).
type Table struct {
	// Items is the direction the lines run in: Rows, a row per line with
	// the groups across (the one-group form); Columns, a column per line
	// with the groups down (the published table).
	Items Axis
	Lines []Line
	// Slots are each group's cells across the lines; none means one slot
	// of Any.
	Slots []Slot
	// Heads is the number of heading levels of the lines: 1 or 2.
	Heads int
	// Fill is how a heading over several cells is written.
	Fill Fill
	// ValueFill is how a group field's value is written over the group's
	// several slots: Merge, or Once.
	ValueFill Fill
	// SlotHeads puts a line of slot headings before Lines[SlotHeadsAt].
	SlotHeads   bool
	SlotHeadsAt int
	Corner      string // the heading over the line headings, on the slot headings' line

	Blank       []int // a blank line after each of these lines (-1: before the first)
	BlankGroups []int // a blank line after each of these groups (-1: before the first)

	// DetailRows writes the entries of a details cell one a row, in rows
	// added below it for the purpose; the other cells of those rows are
	// blank.
	DetailRows bool

	// TierRuns writes the tier once for a run of groups of the same tier,
	// in one cell merged over them (the published table's ネットワークグループ,
	// written top to bottom).
	TierRuns bool
	// ParentSpan writes the name of a network group followed by its
	// sub-groups across the tier and the group-name lines, and no tier for
	// it (多摩地域 heading its sub-groups); the tier line must come just
	// before the group-name line.
	ParentSpan bool
	// NoteRuns writes the same note in place of the count of consecutive
	// groups once, merged over them (多摩地域全体分を杏林大が集約・配付).
	NoteRuns bool

	Gap    int // blank rows above the table
	Indent int // blank columns left of it
}

// A Line is one line of a table along its item axis.
type Line struct {
	Field Field    // Block, Tier, Hospital, Started or Item
	Item  int      // the item's number, for Item
	Sub   Sub      // the part of the item it holds; Any for its main cell, or for a group field
	Head  []string // its heading: one text, or two (the item's, the part's) in a table of two levels
}

// A Slot is one of each group's cells across a table's lines.
type Slot struct {
	Sub  Sub
	Head string // its heading on the slot headings' line
}

// A Note is a text beside or below the table, which is not part of it.
type Note struct {
	Text  string
	Below bool // below the table, rather than right of it
	At    int  // the row, counted from the table's first, of a note right of it; the column, from its first, of one below it
	Gap   int  // blank columns (or rows) between the table and the note
}

// An ExtraKind says what an extra sheet is.
type ExtraKind uint8

// The kinds of extra sheet.
const (
	Example  ExtraKind = iota + 1 // 記入例: the form filled in for a made-up group
	Previous                      // last year's answers, kept for reference
)

// An Extra is another sheet of the file, laid out as the form is.
type Extra struct {
	Kind   ExtraKind
	Sheet  string
	Title  string // the first head line's text on this sheet; "" keeps the form's
	Before bool   // the sheet comes before the form's
	// Records are what the sheet shows: a made-up group's answers, or last
	// year's, whose fiscal year its head lines then give.
	Records []perinet.Record
}
