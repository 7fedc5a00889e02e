package report

import (
	"reflect"
	"testing"
	"time"

	"perinet"
)

func TestCorrectionIssues(t *testing.T) {
	at := time.Date(2019, 5, 25, 1, 30, 0, 0, time.UTC) // 10:30 in Tokyo
	got := correctionIssues([]perinet.Correction{
		{Block: "区中央部", Field: "items.3.distributed_to", Old: "103", New: "120", Reason: "電話で確認", Who: "佐藤", At: at},
		{Block: "区南部", Field: "started", Old: "", New: "R1年5月", Reason: "記入漏れ", Who: "鈴木", At: at},
	})
	want := []Issue{
		{Kind: Corrected, Block: "区中央部", Item: 3, Message: "項目3の配布先: 103 → 120（理由: 電話で確認。佐藤、2019/05/25 10:30）"},
		{Kind: Corrected, Block: "区南部", Message: "開始年月: （空欄） → R1年5月（理由: 記入漏れ。鈴木、2019/05/25 10:30）"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}
