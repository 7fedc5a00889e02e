package perinet

import "fmt"

// A Mark says whether a group carried out an item: the ○ or × of the form.
type Mark uint8

// The marks a form can carry. The zero Mark is Blank.
const (
	Blank   Mark = iota // the cell was empty
	Yes                 // ○ and its variants
	No                  // × and its variants
	Partial             // △: carried out in part
)

var markNames = [...]string{Blank: "blank", Yes: "yes", No: "no", Partial: "partial"}

// String returns the contract's name of the mark: "yes", "no", "partial" or "blank".
func (m Mark) String() string {
	if int(m) < len(markNames) {
		return markNames[m]
	}
	return fmt.Sprintf("Mark(%d)", uint8(m))
}

// Symbol returns the mark as the committee's table prints it: ○, × or
// △, and "" for a blank.
func (m Mark) Symbol() string {
	switch m {
	case Yes:
		return "○"
	case No:
		return "×"
	case Partial:
		return "△"
	}
	return ""
}

// MarshalText writes the mark as its contract name.
func (m Mark) MarshalText() ([]byte, error) {
	if int(m) >= len(markNames) {
		return nil, fmt.Errorf("perinet: invalid mark %d", uint8(m))
	}
	return []byte(markNames[m]), nil
}

// UnmarshalText reads a mark from its contract name.
func (m *Mark) UnmarshalText(b []byte) error {
	for i, name := range markNames {
		if string(b) == name {
			*m = Mark(i)
			return nil
		}
	}
	return fmt.Errorf("perinet: unknown mark %q", b)
}
