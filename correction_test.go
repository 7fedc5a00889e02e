package perinet

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestApplyCorrections(t *testing.T) {
	n := func(i int) *int { return &i }
	rec := func() Record {
		return Record{FiscalYear: 2018, Block: "区中央部", Hospital: "愛育病院", Started: &Date{Year: 2008, Month: 4},
			Items: []Item{{No: 1, Mark: Yes}, {No: 3, Mark: Yes, Counted: true, DistributedTo: n(103)}, {No: 8, Details: []string{"a"}}}}
	}
	other := Record{FiscalYear: 2018, Block: "区南部", Hospital: "東邦大森"}
	for _, c := range []struct {
		name  string
		field string
		value string
		want  func(*Record)
		fails bool
	}{
		{"hospital", "hospital", `"聖路加国際病院"`, func(r *Record) { r.Hospital = "聖路加国際病院" }, false},
		{"started", "started", `{"year":2019,"month":5}`, func(r *Record) { r.Started = &Date{Year: 2019, Month: 5} }, false},
		{"mark", "items.1", `"no"`, func(r *Record) { r.Items[0].Mark = No }, false},
		{"count", "items.3.distributed_to", `120`, func(r *Record) { r.Items[1].DistributedTo = n(120) }, false},
		{"count cleared", "items.3.distributed_to", `null`, func(r *Record) { r.Items[1].DistributedTo = nil }, false},
		{"details", "items.8.details", `["NCPR講習会","症例検討会"]`, func(r *Record) { r.Items[2].Details = []string{"NCPR講習会", "症例検討会"} }, false},
		{"count on an item without one", "items.1.distributed_to", `5`, nil, true},
		{"no such item", "items.9", `"yes"`, nil, true},
		{"no such field", "block", `"区南部"`, nil, true},
		{"wrong kind", "items.3.distributed_to", `"many"`, nil, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := []Record{rec(), other}
			cs := []Correction{{FiscalYear: 2018, Block: "区中央部", Field: c.field, Value: json.RawMessage(c.value)}}
			got, err := ApplyCorrections(in, cs)
			if c.fails {
				if err == nil {
					t.Fatalf("applied %s = %s: %+v", c.field, c.value, got[0])
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want := rec()
			c.want(&want)
			if !reflect.DeepEqual(got, []Record{want, other}) {
				t.Errorf("got %+v\nwant %+v", got, []Record{want, other})
			}
			if !reflect.DeepEqual(in[0], rec()) {
				t.Errorf("the Record given was changed: %+v", in[0])
			}
			cs[0].Withdrawn = &Withdrawal{Who: "事務局"}
			if got, _ := ApplyCorrections(in, cs); !reflect.DeepEqual(got, []Record{rec(), other}) {
				t.Errorf("a withdrawn correction applied: %+v", got[0])
			}
		})
	}
}
