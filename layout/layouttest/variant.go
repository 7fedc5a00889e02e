package layouttest

import (
	"math/rand/v2"
	"slices"

	"perinet/layout"
)

// The variants of a case that must read as the case does: its form
// rearranged as a person may rearrange it, without changing what it says.

// units splits a table's lines into the runs that stay together: each
// item's lines, each group field's line (the tier and the group's name
// together when a parent's name stands across them), and the index of the
// first item's unit.
func units(t layout.Table) (us [][]int, firstItem int) {
	firstItem = -1
	for i, ln := range t.Lines {
		n := len(us)
		switch {
		case n > 0 && ln.Field == layout.Item && t.Lines[i-1].Field == layout.Item && t.Lines[i-1].Item == ln.Item,
			n > 0 && t.ParentSpan && ln.Field == layout.Block && t.Lines[i-1].Field == layout.Tier:
			us[n-1] = append(us[n-1], i)
			continue
		}
		if ln.Field == layout.Item && firstItem < 0 {
			firstItem = n
		}
		us = append(us, []int{i})
	}
	return us, firstItem
}

// Reordered returns the case with its form rearranged: the group fields'
// lines shuffled among themselves, the items' among themselves (each
// item's lines kept together, in their order), a blank line staying after
// the item it follows, and the slots of each group shuffled. The Records
// are the same.
func Reordered(c Case, seed uint64) Case {
	r := rand.New(rand.NewPCG(seed, 1))
	t := c.Layout.Table
	us, first := units(t)
	shuffle := func(part [][]int) { r.Shuffle(len(part), func(i, j int) { part[i], part[j] = part[j], part[i] }) }
	if first < 0 {
		first = len(us)
	}
	shuffle(us[:first])
	shuffle(us[first:])
	var lines []layout.Line
	var blank []int
	for _, b := range t.Blank {
		if b == -1 {
			blank = append(blank, -1)
		}
	}
	for _, u := range us {
		for _, i := range u {
			lines = append(lines, t.Lines[i])
		}
		for _, b := range t.Blank {
			if b == u[len(u)-1] {
				blank = append(blank, len(lines)-1)
			}
		}
	}
	t.Lines, t.Blank = lines, blank
	t.Slots = slices.Clone(t.Slots)
	r.Shuffle(len(t.Slots), func(i, j int) { t.Slots[i], t.Slots[j] = t.Slots[j], t.Slots[i] })
	c.Layout.Table = t
	return c
}

// Spread returns the case with blank rows and columns inserted: a blank
// line after one or two items, a blank line between groups, and the table
// moved a row down and a column right. The Records are the same.
func Spread(c Case, seed uint64) Case {
	r := rand.New(rand.NewPCG(seed, 2))
	t := c.Layout.Table
	us, first := units(t)
	t.Blank = slices.Clone(t.Blank)
	if first >= 0 {
		for range 1 + r.IntN(2) {
			u := us[first+r.IntN(len(us)-first)]
			t.Blank = append(t.Blank, u[len(u)-1])
		}
	}
	if n := len(c.Records); n > 1 {
		t.BlankGroups = append(slices.Clone(t.BlankGroups), r.IntN(n-1))
	}
	t.Gap++
	t.Indent++
	c.Layout.Table = t
	return c
}
