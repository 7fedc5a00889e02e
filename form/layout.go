package form

import (
	"perinet"
	"perinet/layout"
)

// A design is a form laid out as data (package layout), with what its
// workbook adds: each column's width and the page's orientation.
type design struct {
	layout.Layout
	widths      []float64 // the columns' widths from A, in characters
	orientation string    // "portrait" or "landscape"
}

// Either form starts in column B: column A is a narrow margin.
const (
	indent      = 1 // the blank columns left of the form
	indentWidth = 2 // their width
)

// newDesign returns the design of a form: one group's, or a table of
// its groups.
func newDesign(s *perinet.Survey, f Form) design {
	if len(f.Groups) == 1 {
		return oneGroup(s, f)
	}
	return table(s, f)
}

// head returns the lines above either form: the title, merged across the
// form; the fiscal year alone in its cell, where perinet reads it; the
// notice of what to fill in, merged across the form. The notice names no
// year: perinet would read one above the survey as the form's fiscal year.
func head(s *perinet.Survey, f Form) []layout.HeadLine {
	notice := "黄色の欄に記入してください。記入の仕方は下の" + guideTitle + "にあります。"
	if f.prefilledFrom() != 0 {
		notice = "黄色の欄には前回の回答が入っています。確認し、変わったところを書き換えてください。" +
			"記入の仕方は下の" + guideTitle + "にあります。"
	}
	return []layout.HeadLine{{Text: s.Title + "調査票", Merge: true}, {Text: layout.YearMark}, {Text: notice, Merge: true}}
}

// The places of the one-group form: the labels in column B, the table's
// marks, counts and details right of them in C, D and E; the group's
// fields from row infoTop, the table's headings at row tableTop. Its
// layout puts them there.
const (
	labelCol   = indent + 1
	markCol    = labelCol + 1
	countCol   = markCol + 1
	detailsCol = countCol + 1
	infoTop    = 5
	tableTop   = 10
)

// oneGroupWidths are the widths of the one-group form's columns from A.
var oneGroupWidths = []float64{indentWidth, 44, 10, 12, 42}

// oneGroup lays out the form of one group: its fields as labels with
// values right of them (ブロック名, 区分 and 委託病院 merged across the
// table's value columns, 開始年月 across the mark's and the count's), a
// blank row, then under the headings 項目, 実施の有無, 配布先（施設数）,
// 具体的内容 a row per item: its label, its mark, its count (a grey cell
// for an item without one) and its details.
func oneGroup(s *perinet.Survey, f Form) design {
	var slots []layout.Slot // in the order of their columns
	for _, sub := range []layout.Sub{layout.Mark, layout.Count, layout.Details} {
		slots = append(slots, layout.Slot{Sub: sub, Head: layout.Label(s, layout.Item, sub)})
	}
	fields := &layout.Fields{Indent: indent, List: []layout.Labelled{
		{Field: layout.Block, Span: detailsCol - labelCol}, {Field: layout.Tier, Span: detailsCol - labelCol},
		{Field: layout.Hospital, Span: detailsCol - labelCol}, {Field: layout.Started, Span: countCol - markCol + 1},
	}}
	for i, lf := range fields.List {
		fields.List[i].Label = layout.Label(s, lf.Field, layout.Any)
	}
	hl := head(s, f)
	fields.Gap = infoTop - 1 - len(hl)
	t := layout.Table{Items: layout.Rows, Heads: 1, Slots: slots, SlotHeads: true, Corner: layout.Label(s, layout.NoField, layout.Any),
		Gap: tableTop - infoTop - len(fields.List), Indent: indent}
	for _, d := range s.Items {
		t.Lines = append(t.Lines, layout.Line{Field: layout.Item, Item: d.No, Head: []string{layout.PrintedLabel(d)}})
	}
	l := layout.Layout{Sheet: sheetName, Head: hl, HeadIndent: indent, Year: layout.YearBoth, Fields: fields, Table: t}
	return design{Layout: l, widths: oneGroupWidths, orientation: "portrait"}
}

// The widths of the table's columns: the group's fields', and an item's
// mark, count and details, wider for an item whose details the survey
// asks for (an item with columns of its own) than for one where they are
// rare.
const (
	blockWidth      = 17
	tierWidth       = 11
	hospitalWidth   = 16
	startedWidth    = 12
	markWidth       = 6
	countWidth      = 9
	detailWidth     = 18
	rareDetailWidth = 12
)

// table lays out the form of a network group and its sub-groups: under
// two heading rows, a row per group: ブロック名, 区分, 委託病院 and 開始年月
// headed down both rows, then each item's label over its parts, its mark
// (under the item's own word for it, リストの有無), for the counted item
// its count, and its details.
func table(s *perinet.Survey, f Form) design {
	widths := []float64{indentWidth}
	var lines []layout.Line
	for _, fw := range []struct {
		field layout.Field
		width float64
	}{{layout.Block, blockWidth}, {layout.Tier, tierWidth}, {layout.Hospital, hospitalWidth}, {layout.Started, startedWidth}} {
		lines = append(lines, layout.Line{Field: fw.field, Head: []string{layout.Label(s, fw.field, layout.Any)}})
		widths = append(widths, fw.width)
	}
	type part struct {
		sub   layout.Sub
		head  string
		width float64
	}
	for _, d := range s.Items {
		label := layout.PrintedLabel(d)
		parts := []part{{layout.Mark, layout.Label(s, layout.Item, layout.Mark), markWidth}}
		details := part{layout.Details, layout.Label(s, layout.Item, layout.Details), rareDetailWidth}
		if len(d.Columns) > 0 {
			parts[0].head, details.width = d.Columns[0], detailWidth
		}
		if d.Counted {
			parts = append(parts, part{layout.Count, layout.Label(s, layout.Item, layout.Count), countWidth})
		}
		for _, p := range append(parts, details) {
			lines = append(lines, layout.Line{Field: layout.Item, Item: d.No, Sub: p.sub, Head: []string{label, p.head}})
			widths = append(widths, p.width)
		}
	}
	l := layout.Layout{Sheet: sheetName, Head: head(s, f), HeadIndent: indent, Year: layout.YearBoth,
		Table: layout.Table{Items: layout.Columns, Heads: 2, Lines: lines, Gap: 1, Indent: indent}}
	return design{Layout: l, widths: widths, orientation: "landscape"}
}
