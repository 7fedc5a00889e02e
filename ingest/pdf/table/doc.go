// Package table rebuilds the tables that PDF pages show, from their
// positioned glyphs and ruling lines (package pdf's Page), as Sheets of
// cells: the same Grid a workbook gives, so that a PDF goes through
// package reader like any other file and nothing PDF-specific is left
// past the Grid. It knows nothing about the survey.
//
// Where ruling lines frame a table (a lattice), the cells are the
// rectangles the lines enclose: nearly equal coordinates are one grid
// line, a rectangle that spans several grid rows or columns is a merged
// cell, repeated over them as workbooks are read (the text and place of
// its first cell, Merged on the others), and a glyph belongs to the cell
// that holds the centre of what can be seen of it (a glyph cut at its
// cell's border by a clipping path is its cell's). A table ruled across
// only has the vertical rules its rules' joints and its gutters imply
// (open.go); a table set without any rule, the rules its white space
// implies, its rows from the column with the most cells (bare.go): both
// are read as lattices then. Other text (a title, notes, prose) is read
// without rules (stream): rows by baseline, columns where the gaps
// between glyphs run down the lines; it becomes rows of its own above,
// between or below the tables, in the order of the page.
//
// The text of a cell is its lines top to bottom, each left to right with
// a space where glyphs stand apart. A line that the cell wrapped goes on
// the next without a break (and without a space between Japanese
// characters); a line that ends short of the cell's edge, and each entry
// of a bulleted or numbered list, ends with "\n". Glyphs set one under the
// other, one a line (a label down a narrow cell), read as one word top to
// bottom; so does each column of vertical writing, the columns right to
// left, one a line, and text turned to read upwards, bottom to top. A
// space stands where the text has one or glyphs stand a word space apart;
// between a Latin letter and a Japanese character only a gap as wide as
// the font's space is one (a producer's spacing between scripts is not).
//
// A cell's place (Where) is "p1@72,540": the page's number and the lower
// left of its text's box in the PDF's user space, in whole points; an
// empty cell's is the lower left of its box.
package table
