package report

import (
	"bytes"
	"testing"
	"time"

	"perinet"
)

// manyYears returns groups × years Records: the FY2016 table's groups,
// renamed to be distinct, in each year from 2016-years+1 to 2016, with
// some marks dropped and counts moved from year to year so that the trend
// and the issues have something to find.
func manyYears(b testing.TB, groups, years int) map[int][]perinet.Record {
	base := pdfManyGroups(b, groups)
	out := make(map[int][]perinet.Record, years)
	for y := range years {
		fy := 2016 - years + 1 + y
		recs := make([]perinet.Record, len(base))
		for i, r := range base {
			r.FiscalYear = fy
			r.Items = append([]perinet.Item(nil), r.Items...)
			for j := range r.Items {
				it := &r.Items[j]
				if (i+j+y)%7 == 0 {
					it.Mark = perinet.Blank
				}
				if it.DistributedTo != nil {
					n := *it.DistributedTo + (i+y)%5*20
					it.DistributedTo = &n
				}
			}
			recs[i] = r
		}
		out[fy] = recs
	}
	return out
}

// BenchmarkReport500x10 makes the whole report for 500 groups over 10
// years: the analysis, report.xlsx and report.pdf.
func BenchmarkReport500x10(b *testing.B) {
	b.Setenv("SOURCE_DATE_EPOCH", "")
	records := manyYears(b, 500, 10)
	var all []perinet.Record
	for fy := 2007; fy <= 2016; fy++ {
		all = append(all, records[fy]...)
	}
	in := Input{FiscalYear: 2016, Records: records, Notes: pdfNotes}
	b.ReportAllocs()
	for b.Loop() {
		a := Analyze(in)
		var x, p bytes.Buffer
		if err := WriteXLSX(&x, a, all, perinet.DefaultSurvey()); err != nil {
			b.Fatal(err)
		}
		doc := PDFDoc{Analysis: a, Records: records[2016], Created: time.Date(2017, 5, 15, 0, 0, 0, 0, time.UTC)}
		if err := WritePDF(&p, doc); err != nil {
			b.Fatal(err)
		}
	}
}
