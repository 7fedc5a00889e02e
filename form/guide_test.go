package form

import (
	"strings"
	"testing"
	"time"

	"perinet"
)

// TestGuide: the instructions say from which year the answers are, where
// and by when to send the file, and what every item means.
func TestGuide(t *testing.T) {
	s := perinet.DefaultSurvey()
	jst := time.FixedZone("JST", 9*3600)
	tests := []struct {
		name string
		form Form
		want []string
		not  []string
	}{
		{"blank, no deadline", Form{FiscalYear: 2017, Groups: []perinet.Record{{Block: "区東部"}}},
			[]string{"周産期医療ネットワークグループ事業の事務局へ電子メールで"}, []string{"前回", "までに"}},
		{"pre-filled, with a deadline", Form{FiscalYear: 2019, Groups: []perinet.Record{{Block: "区東部", FiscalYear: 2018}},
			SubmitTo: "事務局（a@example.jp）", Deadline: time.Date(2019, 5, 31, 0, 0, 0, 0, jst)},
			[]string{"前回（平成30年度）の回答", "事務局（a@example.jp）へ2019年5月31日（金）までに"}, nil},
		{"a table pre-filled from two years", Form{FiscalYear: 2019, Groups: []perinet.Record{{FiscalYear: 2017}, {FiscalYear: 2018}, {}}},
			[]string{"前回（平成30年度）の回答"}, nil},
	}
	for _, tt := range tests {
		text := strings.Join(guide(s, tt.form), "\n")
		for _, d := range s.Items {
			tt.want = append(tt.want, "項目"+wideNumber(d.No)+"　"+d.Label+"："+d.About)
		}
		for _, w := range tt.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: the instructions do not say %q:\n%s", tt.name, w, text)
			}
		}
		for _, n := range tt.not {
			if strings.Contains(text, n) {
				t.Errorf("%s: the instructions say %q:\n%s", tt.name, n, text)
			}
		}
	}
}

func TestWideNumber(t *testing.T) {
	for n, want := range map[int]string{1: "１", 8: "８", 10: "１０", 0: "０"} {
		if got := wideNumber(n); got != want {
			t.Errorf("wideNumber(%d) = %q, want %q", n, got, want)
		}
	}
}
