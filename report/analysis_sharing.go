package report

import (
	"strings"

	"golang.org/x/text/unicode/norm"

	"perinet"
)

// Sharing says how the groups that report share information about
// pregnant women (item 5): about individual patients, with a shared
// record the women carry or a system the hospitals use, or only in
// general, at the network's meetings.
type Sharing struct {
	// Item is the number of the survey's item on information sharing
	// (perinet.ItemDef.Sharing, item 5); 0 when the survey has none, and
	// then every list is empty.
	Item int
	// Individual lists the groups whose item 5 or item 8 (その他) names a
	// way of sharing an individual patient's information: 共通診療ノート,
	// 共有カルテ, 手帳, ダイアリー, 連携システム … (individualSharing).
	Individual []SharingGroup
	// General lists the groups that did item 5 and name only meetings:
	// 連携会議で実施, 情報交換会, 症例検討会 … (generalSharing).
	General []SharingGroup
	// Unclear lists the groups that did item 5 but whose text says
	// neither, or that wrote none.
	Unclear []SharingGroup
	// NotDone lists the groups with a Record that did not do item 5 and
	// name no individual sharing elsewhere.
	NotDone []string
}

// A SharingGroup is one group's way of sharing, with the entries of its
// details that show it.
type SharingGroup struct {
	Block    string
	Evidence []string // the details entries that decided, as written
}

// individualSharing lists the words that show an individual patient's
// information being shared: a record the woman carries or the hospitals
// share, or a system that links them. A details entry containing any of
// them (after NFKC) counts.
var individualSharing = [...]string{
	"共通診療ノート", "診療ノート", "ノート", // 共通診療ノート, きずなノート
	"共有カルテ", "カルテ",
	"ダイアリー", // マタニティダイアリー
	"手帳",    // 母子健康手帳, ネットワーク健診手帳
	"連携システム", "情報連携システム", "情報共有システム", "地域連携パス", "連携パス",
}

// generalSharing lists the words that show information shared in
// general, at meetings, rather than about one patient.
var generalSharing = [...]string{
	"連携会議", "会議", "情報交換", "症例検討", "検討会", "研究会", "勉強会", "講演会", "研修会", "協議会",
}

// notYet lists the words that turn an entry into a plan or an absence:
// 共通診療ノートは未導入 or 共有カルテの導入を検討中 is no sharing yet.
var notYet = [...]string{"未導入", "未実施", "未作成", "未整備", "なし", "無し", "予定", "検討中"}

// A sharingKind is how a group's details say it shares information.
type sharingKind uint8

const (
	sharingUnclear    sharingKind = iota // the details say neither
	sharingGeneral                       // only at meetings
	sharingIndividual                    // about individual patients
)

// classifySharing reads a group's details and says how it shares
// information, with the entries that decided. An entry that names an
// individual way of sharing wins over any number of meetings; an entry
// that says the way is not yet in use (notYet) counts for nothing.
func classifySharing(details []string) (sharingKind, []string) {
	var individual, general []string
	for _, d := range details {
		s := norm.NFKC.String(d)
		switch {
		case containsAny(s, notYet[:]):
		case containsAny(s, individualSharing[:]):
			individual = append(individual, d)
		case containsAny(s, generalSharing[:]):
			general = append(general, d)
		}
	}
	switch {
	case len(individual) > 0:
		return sharingIndividual, individual
	case len(general) > 0:
		return sharingGeneral, general
	}
	return sharingUnclear, nil
}

// containsAny reports whether s contains any of words.
func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// sharingOf sorts the groups of a year by how they share information.
// The open-ended items (その他, perinet.ItemDef.Open) are read for
// individual sharing too: 区西南部 wrote its regional clinical
// information system (ＷＥＢ型周産期地域診療情報連携システム) under item 8
// in FY2016.
func sharingOf(survey *perinet.Survey, y *yearRecords) Sharing {
	var s Sharing
	def, ok := sharingDef(survey)
	if !ok {
		return s
	}
	s.Item = def.No
	for _, b := range y.blocks {
		r := y.byName[b]
		it, _ := recordItem(r, def.No)
		kind, evidence := classifySharing(sharingDetails(survey, r, it))
		switch {
		case kind == sharingIndividual:
			s.Individual = append(s.Individual, SharingGroup{b, evidence})
		case !carriedOut(def, it):
			s.NotDone = append(s.NotDone, b)
		case kind == sharingGeneral:
			s.General = append(s.General, SharingGroup{b, evidence})
		default:
			s.Unclear = append(s.Unclear, SharingGroup{b, evidence})
		}
	}
	return s
}

// sharingDef returns the survey's item on information sharing.
func sharingDef(survey *perinet.Survey) (perinet.ItemDef, bool) {
	for _, d := range survey.Items {
		if d.Sharing {
			return d, true
		}
	}
	return perinet.ItemDef{}, false
}

// sharingDetails returns the details a group's sharing is judged by: those
// of the sharing item it, then those of the open-ended items.
func sharingDetails(survey *perinet.Survey, r perinet.Record, it perinet.Item) []string {
	details := append([]string(nil), it.Details...)
	for _, d := range survey.Items {
		if d.Open {
			other, _ := recordItem(r, d.No)
			details = append(details, other.Details...)
		}
	}
	return details
}
