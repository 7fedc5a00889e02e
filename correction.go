package perinet

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// A Correction is the secretariat's change of one field of a group's
// Record for a fiscal year, with its reason. It applies to the Record read
// from one file (File); the archived file itself is never changed.
type Correction struct {
	ID         int64 // the store's number of the correction
	FiscalYear int
	Block      string
	// Field names the field as Problem.Field does: hospital, started,
	// items.N (the mark), items.N.distributed_to, items.N.details.
	Field string
	// Old and New are the value before and after, as people read them.
	Old, New string
	// Value is the new value in the contract's JSON form of the field
	// (a date object, a mark's name, a number, a list of lines, a name);
	// null clears the field.
	Value  json.RawMessage
	Reason string
	Who    string
	At     time.Time
	// File is the ledger ID of the file whose Record is corrected.
	File int64
	// Withdrawn, when not nil, says who withdrew the correction, when and
	// why: it no longer applies.
	Withdrawn *Withdrawal
}

// A Withdrawal is the secretariat's taking back of a Correction.
type Withdrawal struct {
	Who    string
	At     time.Time
	Reason string
}

// Summary writes the correction as the report and the audit trail list
// it: 項目3の配布先: 103 → 777（理由: 病院に電話で確認。佐藤、2019/05/25 10:00）.
func (c Correction) Summary() string {
	field := FieldLabel(c.Field)
	if field == "" {
		field = c.Field
	}
	return fmt.Sprintf("%s: %s → %s（理由: %s。%s、%s）", field, orBlank(c.Old), orBlank(c.New), c.Reason, c.Who,
		c.At.In(Japan()).Format("2006/01/02 15:04"))
}

// orBlank writes an empty value as （空欄）.
func orBlank(s string) string {
	if s == "" {
		return "（空欄）"
	}
	return s
}

// Apply changes the field of r that c names to c's Value. It fails, and
// leaves r as it was, when the field is not one a correction may change
// or the value is not of the field's kind.
func (c Correction) Apply(r *Record) error {
	if err := c.apply(r); err != nil {
		return fmt.Errorf("correction %d of %s %d, %s: %w", c.ID, c.Block, c.FiscalYear, c.Field, err)
	}
	return nil
}

func (c Correction) apply(r *Record) error {
	switch c.Field {
	case "hospital":
		var name string
		if err := json.Unmarshal(c.Value, &name); err != nil {
			return err
		}
		r.Hospital = name
		return nil
	case "started":
		var d *Date
		if err := json.Unmarshal(c.Value, &d); err != nil {
			return err
		}
		r.Started = d
		return nil
	}
	parts := strings.Split(c.Field, ".")
	if len(parts) < 2 || len(parts) > 3 || parts[0] != "items" {
		return errors.New("no such field")
	}
	no, err := strconv.Atoi(parts[1])
	if err != nil {
		return errors.New("no such field")
	}
	i := slices.IndexFunc(r.Items, func(it Item) bool { return it.No == no })
	if i < 0 {
		return fmt.Errorf("the Record has no item %d", no)
	}
	items := append([]Item(nil), r.Items...)
	it := &items[i]
	switch {
	case len(parts) == 2:
		var m Mark
		if err := json.Unmarshal(c.Value, &m); err != nil {
			return err
		}
		it.Mark = m
	case parts[2] == "distributed_to":
		if !it.Counted {
			return fmt.Errorf("item %d takes no count", no)
		}
		var n *int
		if err := json.Unmarshal(c.Value, &n); err != nil {
			return err
		}
		it.DistributedTo = n
	case parts[2] == "details":
		var lines []string
		if err := json.Unmarshal(c.Value, &lines); err != nil {
			return err
		}
		it.Details = lines
	default:
		return errors.New("no such field")
	}
	r.Items = items
	return nil
}

// ApplyCorrections returns the Records with the corrections applied, in
// their order: each correction not withdrawn to the Record of its group
// and year. The Records given are not changed. It fails on the first
// correction that cannot apply.
func ApplyCorrections(records []Record, cs []Correction) ([]Record, error) {
	out := append([]Record(nil), records...)
	for _, c := range cs {
		if c.Withdrawn != nil {
			continue
		}
		for i := range out {
			if out[i].FiscalYear == c.FiscalYear && out[i].Block == c.Block {
				if err := c.Apply(&out[i]); err != nil {
					return nil, err
				}
			}
		}
	}
	return out, nil
}
