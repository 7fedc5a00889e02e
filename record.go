package perinet

import (
	"encoding/json"
	"fmt"
)

// Tier says whether a group is a network group (ネットワークグループ) or a
// sub-group (サブグループ) under one.
type Tier string

// The tiers of the programme.
const (
	Network  Tier = "network"
	Subgroup Tier = "subgroup"
)

// A Record is what one group reported for one fiscal year: the contract's
// Record (../shared/contract/README.md).
type Record struct {
	FiscalYear int    `json:"fiscal_year"` // 年度, as the Gregorian year it starts in
	Tier       Tier   `json:"tier"`
	Block      string `json:"block"`            // canonical group name
	Parent     string `json:"parent,omitempty"` // for sub-groups: the network group above
	Hospital   string `json:"hospital"`         // canonical name, or as written when unknown
	Started    *Date  `json:"started"`          // 開始年月; nil when absent or unreadable
	Items      []Item `json:"items"`            // one per survey item, in order
	Source     Source `json:"source"`
}

// Source says where each field of a Record was read.
type Source struct {
	// Where maps a field ("block", "started", "items.1", …) to its place:
	// "Sheet!C6" in a workbook, "p1@x,y" in a PDF, "r5c3" in a CSV file.
	Where map[string]string `json:"where"`
	// Headings maps a field read under a heading to that heading, and
	// says how perinet recognized it, so that the secretariat can see why
	// a cell was read as it was.
	Headings map[string]Heading `json:"headings,omitempty"`
}

// A Heading is the heading a field was read under.
type Heading struct {
	Where string `json:"where"` // the heading's cell
	Text  string `json:"text"`  // as written
	// Match says how the heading was recognized: "label" (the survey's own
	// words), "synonym" (a paraphrase the survey lists), "number" (the
	// item's number, its words unlike any label) or "similar" (words like
	// a label's; Score says how like, from 0 to 1).
	Match string  `json:"match"`
	Score float64 `json:"score,omitempty"`
}

// An Item is what a group reported for one survey item.
type Item struct {
	No   int
	Mark Mark
	// Counted is true for the item that takes a facility count (item 3,
	// 連携リストの作成・配布); only such an item has DistributedTo.
	Counted       bool
	DistributedTo *int     // the number of facilities; nil when none was given
	Details       []string // the free text, one entry per line or bullet
}

// item is Item's JSON form without distributed_to.
type item struct {
	No      int      `json:"no"`
	Mark    Mark     `json:"mark"`
	Details []string `json:"details"`
}

// countedItem is Item's JSON form with distributed_to, null when unknown.
type countedItem struct {
	No            int      `json:"no"`
	Mark          Mark     `json:"mark"`
	DistributedTo *int     `json:"distributed_to"`
	Details       []string `json:"details"`
}

// MarshalJSON writes the contract's form of an item: distributed_to appears,
// as a number or null, only on the counted item; details is never null.
func (it Item) MarshalJSON() ([]byte, error) {
	details := it.Details
	if details == nil {
		details = []string{}
	}
	if it.Counted {
		return json.Marshal(countedItem{it.No, it.Mark, it.DistributedTo, details})
	}
	if it.DistributedTo != nil {
		return nil, fmt.Errorf("perinet: item %d has a facility count but is not the counted item", it.No)
	}
	return json.Marshal(item{it.No, it.Mark, details})
}

// UnmarshalJSON reads the contract's form of an item; an item that carries
// distributed_to, even as null, is the counted one.
func (it *Item) UnmarshalJSON(b []byte) error {
	var v struct {
		countedItem
		DistributedTo json.RawMessage `json:"distributed_to"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*it = Item{No: v.No, Mark: v.Mark, Details: v.Details}
	if v.DistributedTo == nil {
		return nil
	}
	it.Counted = true
	return json.Unmarshal(v.DistributedTo, &it.DistributedTo)
}
