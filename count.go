package perinet

// A Count is a number of facilities as a form gives it (配布先: 103施設):
// a number, or a note written in its place, or neither when the cell is
// empty.
type Count struct {
	N    *int   // the number; nil when none was written
	Note string // text written in place of a number
}
