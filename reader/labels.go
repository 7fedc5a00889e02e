package reader

import (
	"perinet/normalize"
	"strings"

	"perinet"
)

// A field is what a heading in a form introduces.
type field uint8

const (
	fieldNone field = iota
	fieldFiscalYear
	fieldBlock
	fieldTier
	fieldHospital
	fieldStarted
	fieldItem
	fieldMark
	fieldCount
	fieldDetails
)

// labels recognizes the headings of a form: the field headings of the
// survey's Labels and the item labels, each compared as a name key.
type labels struct {
	fields map[string]field
	items  map[string]int // key of a label, with or without its note → item number
	byNo   map[int]string // item number → key of its label
}

func newLabels(s *perinet.Survey) labels {
	l := labels{fields: map[string]field{}, items: map[string]int{}, byNo: map[int]string{}}
	for f, words := range map[field][]string{
		fieldFiscalYear: s.Labels.FiscalYear, fieldBlock: s.Labels.Block, fieldTier: s.Labels.Tier,
		fieldHospital: s.Labels.Hospital, fieldStarted: s.Labels.Started, fieldItem: s.Labels.Item,
		fieldMark: s.Labels.Mark, fieldCount: s.Labels.Count, fieldDetails: s.Labels.Details,
	} {
		for _, w := range words {
			l.fields[normalize.Key(w)] = f
		}
	}
	for _, it := range s.Items {
		k := normalize.Key(it.Label)
		l.items[k] = it.No
		l.items[k+normalize.Key(it.Note)] = it.No
		l.byNo[it.No] = k
	}
	return l
}

// field returns what the heading with key k introduces.
func (l labels) field(k string) field { return l.fields[k] }

// item returns the number of the item whose label the text is: the label
// with or without its note and its number (１　地域連携会議の運営等,
// 地域連携会議の運営等, 1.地域連携会議の運営等), whatever the number. A
// label whose number is the item's may go on after the survey's words
// (８　その他（自由記載）).
func (l labels) item(k string) (int, bool) {
	n, rest := leadingNumber(k)
	if no, ok := l.items[rest]; ok {
		return no, true
	}
	if label, ok := l.byNo[n]; ok && strings.HasPrefix(rest, label) {
		return n, true
	}
	return 0, false
}

// leadingNumber splits "1地域連携…" or "1.地域連携…" into 1 and the rest.
func leadingNumber(k string) (int, string) {
	d := 0
	for d < len(k) && k[d] >= '0' && k[d] <= '9' {
		d++
	}
	if d == 0 || d > 2 {
		return 0, k
	}
	n := 0
	for _, c := range k[:d] {
		n = n*10 + int(c-'0')
	}
	rest := strings.TrimLeft(k[d:], ".、,:")
	return n, rest
}
