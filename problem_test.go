package perinet

import "testing"

func TestCellName(t *testing.T) {
	for where, want := range map[string]string{"r4c2": "B4", "r10c27": "AA10", "r1c26": "Z1", "調査票!C6": "調査票!C6", "p1@72,540": "p1@72,540", "r4c2x": "r4c2x", "": ""} {
		if got := CellName(where); got != want {
			t.Errorf("CellName(%q) = %q, want %q", where, got, want)
		}
	}
}

func TestFieldLabel(t *testing.T) {
	for field, want := range map[string]string{
		"started": "開始年月", "block": "ブロック名", "hospital": "委託病院", "fiscal_year": "年度",
		"items.3": "項目3", "items.3.distributed_to": "項目3の配布先", "items.7.details": "項目7の具体的内容",
		"": "", "unknown": "",
	} {
		if got := FieldLabel(field); got != want {
			t.Errorf("FieldLabel(%q) = %q, want %q", field, got, want)
		}
	}
}

func TestLabels(t *testing.T) {
	if Error.Label() != "エラー" || Warning.Label() != "注意" {
		t.Errorf("severity labels %q, %q", Error.Label(), Warning.Label())
	}
	for m, want := range map[Mark]string{Yes: "○", No: "×", Partial: "△", Blank: ""} {
		if got := m.Symbol(); got != want {
			t.Errorf("%v.Symbol() = %q, want %q", m, got, want)
		}
	}
}

func TestTally(t *testing.T) {
	ps := []Problem{{Severity: Warning}, {Severity: Error}, {Severity: Warning}}
	if e, w := Tally(ps); e != 1 || w != 2 {
		t.Errorf("Tally = %d errors, %d warnings; want 1, 2", e, w)
	}
	if e, w := Tally(nil); e != 0 || w != 0 {
		t.Errorf("Tally(nil) = %d, %d", e, w)
	}
}

func TestTallyAndHasError(t *testing.T) {
	e, w := Problem{Severity: Error}, Problem{Severity: Warning}
	tests := []struct {
		problems     []Problem
		errs, warns  int
		wantHasError bool
	}{
		{nil, 0, 0, false},
		{[]Problem{w, w}, 0, 2, false},
		{[]Problem{w, e, w}, 1, 2, true},
	}
	for _, tt := range tests {
		errs, warns := Tally(tt.problems)
		if errs != tt.errs || warns != tt.warns || HasError(tt.problems) != tt.wantHasError {
			t.Errorf("Tally(%v) = %d, %d, HasError %v", tt.problems, errs, warns, HasError(tt.problems))
		}
	}
}
