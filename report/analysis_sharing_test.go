package report

import (
	"reflect"
	"testing"

	"perinet"
)

func TestClassifySharing(t *testing.T) {
	tests := []struct {
		name     string
		details  []string
		kind     sharingKind
		evidence []string
	}{
		// Item 5 of the published FY2016 table, every distinct entry list.
		{"seed 区中央部 and 11 others", []string{"連携会議で実施"}, sharingGeneral, []string{"連携会議で実施"}},
		{"seed 区西南部", []string{"共通診療ノート", "マタニティダイアリー", "きずなノート"}, sharingIndividual,
			[]string{"共通診療ノート", "マタニティダイアリー", "きずなノート"}},
		{"seed 多摩地域", []string{"サブグループ内での情報交換会や症例検討会で実施"}, sharingGeneral,
			[]string{"サブグループ内での情報交換会や症例検討会で実施"}},
		{"seed 南多摩（町田市除く）", []string{"共通診療ノート", "共有カルテ(母と子のネットワーク健診手帳)"}, sharingIndividual,
			[]string{"共通診療ノート", "共有カルテ(母と子のネットワーク健診手帳)"}},
		// Item 8 of 区西南部 and 北多摩南部.
		{"seed 区西南部 item 8", []string{"WEB型周産期地域診療情報連携システムの利用促進"}, sharingIndividual,
			[]string{"WEB型周産期地域診療情報連携システムの利用促進"}},
		{"seed 北多摩南部 item 8: SNS is not named", []string{"SNSの整備"}, sharingUnclear, nil},

		// An individual way wins over meetings.
		{"meeting and note", []string{"連携会議で実施", "共通診療ノートの配布"}, sharingIndividual, []string{"共通診療ノートの配布"}},
		{"one entry names both", []string{"連携会議で共通診療ノートを改訂"}, sharingIndividual, []string{"連携会議で共通診療ノートを改訂"}},
		{"母子健康手帳", []string{"母子健康手帳の活用"}, sharingIndividual, []string{"母子健康手帳の活用"}},
		{"地域連携パス", []string{"地域連携パスの運用"}, sharingIndividual, []string{"地域連携パスの運用"}},
		{"full width, as typed", []string{"ＷＥＢ情報連携システム"}, sharingIndividual, []string{"ＷＥＢ情報連携システム"}},
		{"情報交換会", []string{"情報交換会"}, sharingGeneral, []string{"情報交換会"}},
		{"症例検討会", []string{"症例検討会を年2回"}, sharingGeneral, []string{"症例検討会を年2回"}},

		// Plans and absences are no sharing.
		{"not yet", []string{"共通診療ノートは未導入"}, sharingUnclear, nil},
		{"planned, beside a meeting", []string{"共有カルテの導入を検討中", "連携会議で実施"}, sharingGeneral, []string{"連携会議で実施"}},
		{"none written", nil, sharingUnclear, nil},
		{"something else", []string{"搬送実績の報告"}, sharingUnclear, nil},
	}
	for _, tt := range tests {
		kind, evidence := classifySharing(tt.details)
		if kind != tt.kind || !reflect.DeepEqual(evidence, tt.evidence) {
			t.Errorf("%s: classifySharing(%q) = %d, %q; want %d, %q", tt.name, tt.details, kind, evidence, tt.kind, tt.evidence)
		}
	}
}

func TestSharingOf(t *testing.T) {
	records := []struct {
		block, marks string
		item5, item8 []string
	}{
		{"区中央部", "yyyyy...", []string{"連携会議で実施"}, nil},
		{"区南部", "yyyyy...", []string{"共通診療ノート"}, nil},
		{"区西部", "yyyyy...", nil, nil},
		{"区東部", "yyyyn...", nil, nil},
		{"区西北部", "yyyyn...", nil, []string{"情報連携システム"}},
		{"区東北部", "yyyyp...", []string{"連携会議で実施"}, nil},
	}
	var rs []perinet.Record
	for _, r := range records {
		rs = append(rs, withDetails(withDetails(groupRecord(r.block, r.marks), 5, r.item5...), 8, r.item8...))
	}
	got := sharingOf(perinet.DefaultSurvey(), collect(2016, rs, newBlockOrder(perinet.DefaultSurvey())))
	want := Sharing{
		Item:       5,
		Individual: []SharingGroup{{"区南部", []string{"共通診療ノート"}}, {"区西北部", []string{"情報連携システム"}}},
		General:    []SharingGroup{{"区中央部", []string{"連携会議で実施"}}},
		Unclear:    []SharingGroup{{"区西部", nil}},
		NotDone:    []string{"区東北部", "区東部"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sharingOf:\n%+v\nwant\n%+v", got, want)
	}
}
