package form

// The columns of the one-group form: the labels in B, then the item
// table's marks, counts and details.
const (
	labelCol   = 2
	markCol    = 3
	countCol   = 4
	detailsCol = 5
)

// oneGroupWidths are the widths of the one-group form's columns from A.
var oneGroupWidths = []float64{2, 44, 10, 12, 42}

// The rows of the one-group form: the group's fields from infoTop, the
// item table's headings at tableTop.
const (
	infoTop  = 5
	tableTop = 10
)

// oneGroup lays out the form of one group: its fields (block, tier,
// hospital, start) as label and value, then a row per item.
func (l layout) oneGroup() {
	g := l.form.Groups[0]
	last := detailsCol
	l.widths(oneGroupWidths...)
	l.head(last)
	lb := l.survey.Labels
	fixed := []struct{ label, value string }{{lb.Block[0], g.Block}, {lb.Tier[0], l.survey.TierName(g.Tier)}}
	for i, f := range fixed {
		l.put(labelCol, infoTop+i, f.label, l.style.label)
		l.put(markCol, infoTop+i, f.value, l.style.fixed)
		l.merge(markCol, infoTop+i, last, infoTop+i)
	}
	l.put(labelCol, infoTop+2, lb.Hospital[0], l.style.label)
	l.hospital(markCol, infoTop+2, g.Hospital)
	l.merge(markCol, infoTop+2, last, infoTop+2)
	l.put(labelCol, infoTop+3, lb.Started[0], l.style.label)
	l.started(markCol, infoTop+3, g.Started)
	l.merge(markCol, infoTop+3, countCol, infoTop+3)

	for j, h := range []string{lb.Item[0], lb.Mark[0], lb.Count[0], lb.Details[0]} {
		l.put(labelCol+j, tableTop, h, l.style.header)
	}
	l.height(tableTop, 28)
	row := tableTop
	for _, d := range l.survey.Items {
		row++
		label := itemLabel(d)
		l.put(labelCol, row, label, l.style.label)
		cols := itemColumns{mark: markCol, details: detailsCol}
		if d.Counted {
			cols.count = countCol
		} else {
			l.put(countCol, row, nil, l.style.none)
		}
		h := l.item(row, cols, itemOf(g, d.No), oneGroupWidths[detailsCol-1])
		l.height(row, max(h, textHeight(label, oneGroupWidths[labelCol-1])))
	}
	end := l.guide(row+2, last, sum(oneGroupWidths[1:]))
	l.print("portrait", last, end)
}

// The first columns of the table: the group's fields, then the items.
const (
	blockCol    = 2
	tierCol     = 3
	hospitalCol = 4
	startedCol  = 5
	firstItem   = 6
)

// tableWidths are the widths of the table's columns of the group's
// fields, from A.
var tableWidths = []float64{2, 17, 11, 16, 12}

// The widths of the columns of an item in the table: its mark, its count,
// and its details, wider for an item whose details the survey asks for
// (an item with sub-columns) than for one where they are rare.
const (
	markWidth       = 6
	countWidth      = 9
	detailWidth     = 18
	rareDetailWidth = 12
)

// tableHead is the row of the table's item headings; the sub-headings
// (実施の有無, 具体的内容) are in the row below.
const tableHead = 5

// table lays out the form of a network group and its sub-groups: a row
// per group under two rows of headings, each item a mark, details and, for
// the counted item, a count column.
func (l layout) table() {
	lb := l.survey.Labels
	widths := append([]float64(nil), tableWidths...)
	for j, h := range []string{lb.Block[0], lb.Tier[0], lb.Hospital[0], lb.Started[0]} {
		l.put(blockCol+j, tableHead, h, l.style.header)
		l.merge(blockCol+j, tableHead, blockCol+j, tableHead+1)
	}
	col := firstItem
	cols := map[int]itemColumns{}
	for _, d := range l.survey.Items {
		c := itemColumns{mark: col, details: col + 1}
		subs := []string{lb.Mark[0], lb.Details[0]}
		widths = append(widths, markWidth)
		details := float64(rareDetailWidth)
		if len(d.Columns) > 0 {
			subs[0], details = d.Columns[0], detailWidth
		}
		if d.Counted {
			c.count, c.details = col+1, col+2
			subs = []string{subs[0], lb.Count[0], lb.Details[0]}
			widths = append(widths, countWidth)
		}
		widths = append(widths, details)
		l.put(col, tableHead, itemLabel(d), l.style.header)
		for k, sub := range subs {
			l.put(col+k, tableHead+1, sub, l.style.header)
		}
		l.merge(col, tableHead, col+len(subs)-1, tableHead)
		cols[d.No] = c
		col += len(subs)
	}
	last := col - 1
	l.widths(widths...)
	l.head(last)
	l.height(tableHead, 58)
	l.height(tableHead+1, 28)
	row := tableHead + 1
	for _, g := range l.form.Groups {
		row++
		l.put(blockCol, row, g.Block, l.style.fixed)
		l.put(tierCol, row, l.survey.TierName(g.Tier), l.style.fixed)
		l.hospital(hospitalCol, row, g.Hospital)
		l.started(startedCol, row, g.Started)
		h := textHeight(g.Hospital, widths[hospitalCol-1])
		for _, d := range l.survey.Items {
			c := cols[d.No]
			h = max(h, l.item(row, c, itemOf(g, d.No), widths[c.details-1]))
		}
		l.height(row, h)
	}
	end := l.guide(row+2, last, sum(widths[1:]))
	l.print("landscape", last, end)
}

func sum(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t
}
