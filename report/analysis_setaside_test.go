package report

import (
	"slices"
	"testing"
	"time"

	"perinet"
)

func TestSetAsideIssues(t *testing.T) {
	count := func(n int) *int { return &n }
	rec := func(hospital string, started int, facilities int) perinet.Record {
		return perinet.Record{FiscalYear: 2016, Block: "区中央部", Hospital: hospital, Started: &perinet.Date{Year: started, Month: 2},
			Items:  []perinet.Item{{No: 3, Mark: perinet.Yes, Counted: true, DistributedTo: count(facilities)}},
			Source: perinet.Source{Where: map[string]string{"block": "調査票!B4"}}}
	}
	stands := rec("愛育病院", 2010, 103)
	at := Stamp{Time: time.Date(2017, 5, 15, 1, 30, 0, 0, time.UTC), Of: "保存"}
	aside := func(file string, r perinet.Record) SetAside {
		r.Source = perinet.Source{Where: map[string]string{"block": "r2c2"}} // read elsewhere: no difference
		return SetAside{Record: r, File: file, Arrived: at, By: "edit.xlsx", ByArrived: at}
	}
	tests := []struct {
		name  string
		aside []SetAside
		want  []string // kind file message
	}{
		{"none", nil, nil},
		{"alike", []SetAside{aside("form.xlsx", stands), aside("table.xlsx", stands)}, []string{
			"superseded form.xlsx、table.xlsx edit.xlsx（保存 2017/05/15 10:30）を使用し、同じ内容のform.xlsx（保存 2017/05/15 10:30）、table.xlsx（保存 2017/05/15 10:30）は使っていない"}},
		{"differs", []SetAside{aside("form.xlsx", rec("愛育病院", 2009, 120))}, []string{
			"conflict form.xlsx edit.xlsx（保存 2017/05/15 10:30）を使用し、内容の異なるform.xlsx（保存 2017/05/15 10:30）は使っていない（異なる箇所: 開始年月、項目3）"}},
		{"hospital", []SetAside{aside("form.xlsx", rec("聖路加国際病院", 2010, 103))}, []string{
			"conflict form.xlsx edit.xlsx（保存 2017/05/15 10:30）を使用し、内容の異なるform.xlsx（保存 2017/05/15 10:30）は使っていない（異なる箇所: 病院名）"}},
	}
	for _, tt := range tests {
		in := Input{FiscalYear: 2016, Records: map[int][]perinet.Record{2016: {stands}}, SetAside: tt.aside}
		var got []string
		for _, is := range Analyze(in).Issues {
			if is.Kind == Superseded || is.Kind == Conflict {
				if is.Block != "区中央部" {
					t.Errorf("%s: issue of %q", tt.name, is.Block)
				}
				got = append(got, string(is.Kind)+" "+is.File+" "+is.Message)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: issues\n%q\nwant\n%q", tt.name, got, tt.want)
		}
	}
}
