package normalize

import (
	"testing"

	"perinet"
)

func TestFiscalYear(t *testing.T) {
	tests := []struct {
		text string
		want int
	}{
		{"平成28年度", 2016},
		{"H28年度", 2016},
		{"Ｈ２８年度", 2016},
		{"h28年度", 2016},
		{"2016年度", 2016},
		{"２０１６年度", 2016},
		{"令和元年度", 2019},
		{"平成31年度", 2019},
		{"R2年度", 2020},
		{"㋿2年度", 2020},
		{"平成二十八年度", 2016},
		{"平成28年度（2016年度）", 2016},
		{"2016年度(平成28年度)", 2016},
		{"平成28（2016）年度", 2016},
		{"（平成28年度）", 2016},
		{"FY2016", 2016},
		{"平成28", 2016},
		{"2016", 2016},
		{"昭和63年度", 1988},
		{"平成元年度", 1989},
		{"明治5年度", 1872}, // its last quarter lies in 1873
		{"平成28年 度", 2016},
		{"令和8年度", 2026},
	}
	for _, tt := range tests {
		got, p := FiscalYear(tt.text, fixedToday)
		if p != nil {
			t.Errorf("FiscalYear(%q): problem %s: %s", tt.text, p.Code, p.Message)
			continue
		}
		if got != tt.want {
			t.Errorf("FiscalYear(%q) = %d, want %d", tt.text, got, tt.want)
		}
	}
}

func TestFiscalYearProblems(t *testing.T) {
	tests := []struct {
		text    string
		code    perinet.Code
		message string
	}{
		{"平成32年度", perinet.DateOutsideEra, "平成32年度は存在しません（平成は31年4月30日まで）。令和2年度のことであれば、「令和2年度」と書いてください"},
		{"昭和64年度", perinet.DateOutsideEra, ""},
		{"令和9年度", perinet.DateInFuture, "「令和9年度」（2027年度）はまだ始まっていません（2027年4月1日から）"},
		{"平成28年度（2017年度）", perinet.ConflictingValues, ""},
		{"平成28年", perinet.BadDate, ""},
		{"28年度", perinet.BadDate, ""},
		{"平成28年度2月", perinet.BadDate, ""},
		{"今年度", perinet.BadDate, ""},
		{"", perinet.BadDate, ""},
		{"明治4年度", perinet.BadDate, ""},
		{"28年度", perinet.BadDate, "「28年度」には元号がないため年が分かりません。「H28年度」のように元号を付けるか、西暦を4桁で書いてください"},
	}
	for _, tt := range tests {
		got, p := FiscalYear(tt.text, fixedToday)
		if p == nil {
			t.Errorf("FiscalYear(%q) = %d, want problem %s", tt.text, got, tt.code)
			continue
		}
		if p.Code != tt.code || got != 0 {
			t.Errorf("FiscalYear(%q) = %d, problem %s, want 0 and %s", tt.text, got, p.Code, tt.code)
		}
		if tt.message != "" && p.Message != tt.message {
			t.Errorf("FiscalYear(%q): message %q, want %q", tt.text, p.Message, tt.message)
		}
	}
}
