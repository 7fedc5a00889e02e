package perinet

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestItemJSON(t *testing.T) {
	n := 103
	tests := []struct {
		item Item
		want string
	}{
		{Item{No: 1, Mark: Yes}, `{"no":1,"mark":"yes","details":[]}`},
		{Item{No: 3, Mark: Yes, Counted: true, DistributedTo: &n}, `{"no":3,"mark":"yes","distributed_to":103,"details":[]}`},
		{Item{No: 3, Mark: Blank, Counted: true, Details: []string{"多摩地域全体分を杏林大が集約・配付"}}, `{"no":3,"mark":"blank","distributed_to":null,"details":["多摩地域全体分を杏林大が集約・配付"]}`},
		{Item{No: 7, Mark: Partial, Details: []string{"NCPR講習会"}}, `{"no":7,"mark":"partial","details":["NCPR講習会"]}`},
		{Item{No: 8, Mark: No}, `{"no":8,"mark":"no","details":[]}`},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.item)
		if err != nil || string(b) != tt.want {
			t.Errorf("Marshal(%+v) = %s, %v; want %s", tt.item, b, err, tt.want)
			continue
		}
		var back Item
		if err := json.Unmarshal(b, &back); err != nil {
			t.Errorf("Unmarshal(%s): %v", b, err)
			continue
		}
		if back.Details == nil {
			back.Details = tt.item.Details
		}
		if len(back.Details) == 0 {
			back.Details, tt.item.Details = nil, nil
		}
		if !reflect.DeepEqual(back, tt.item) {
			t.Errorf("Unmarshal(%s) = %+v, want %+v", b, back, tt.item)
		}
	}
	if _, err := json.Marshal(Item{No: 1, DistributedTo: &n}); err == nil {
		t.Error("Marshal of an uncounted item with a count: no error")
	}
	var m Mark
	if err := json.Unmarshal([]byte(`"maybe"`), &m); err == nil {
		t.Error(`Unmarshal("maybe") into a Mark: no error`)
	}
}

// TestSeedRecords reads the transcribed FY2016 table, the contract's
// Records, and writes it back: the JSON must come out the same.
func TestSeedRecords(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "shared", "seed", "fy2016-records.json"))
	if err != nil {
		t.Skipf("the seed is not beside the project: %v", err)
	}
	var records []Record
	if err := json.Unmarshal(b, &records); err != nil {
		t.Fatal(err)
	}
	if len(records) != 14 {
		t.Fatalf("%d records, want 14", len(records))
	}
	out, err := json.Marshal(records)
	if err != nil {
		t.Fatal(err)
	}
	var want, got []map[string]any
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	for i := range got {
		delete(got[i], "source") // the seed has no source
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("record %d written back as\n%v\nwant\n%v", i, got[i], want[i])
		}
	}
}
