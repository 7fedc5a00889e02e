package report

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"perinet"
	"perinet/normalize"
)

// An IssueKind names a rule that found an Issue.
type IssueKind string

// The kinds of Issue, in the order the report lists them.
const (
	// NoSubmission: a group had a Record in the earlier year, and no file
	// of this year names it (未提出).
	NoSubmission IssueKind = "no_submission"
	// Rejected: a group was read from files of this year, and every one
	// was rejected for its errors, so it has no Record (不受理).
	Rejected IssueKind = "rejected"
	// SubmissionProblems: a file of this year carried errors or warnings.
	SubmissionProblems IssueKind = "submission_problems"
	// FewGroups: fewer than half the groups reporting did the item (the
	// open-ended items, such as item 8 その他, are not judged).
	FewGroups IssueKind = "few_groups"
	// Stopped: a group did the item in the earlier year and not now
	// (a partial mark this year counts as not done).
	Stopped IssueKind = "stopped"
	// StartChanged: a group's 開始年月 differs from the earlier year's.
	StartChanged IssueKind = "start_changed"
	// CountMoved: a group's facility count (item 3, 配布先) moved by more
	// than CountMoveLimit from the earlier year's.
	CountMoved IssueKind = "count_moved"
)

// issueKinds is the order in which kinds are listed.
var issueKinds = [...]IssueKind{NoSubmission, Rejected, SubmissionProblems, Conflict, Superseded, Corrected, FewGroups, Stopped, StartChanged, CountMoved}

// CountMoveLimit is the share by which a facility count may move from one
// year to the next before it is an Issue: more than 30% up or down.
const CountMoveLimit = 0.30

// An Issue is something the committee should look at.
type Issue struct {
	Kind    IssueKind
	Block   string // the group concerned; empty when the issue is about an item or a file of several groups
	Item    int    // the item concerned; 0 when none
	File    string // the submitted file concerned (SubmissionProblems, Conflict: the file set aside), or the files rejected or set aside, joined by 、 (Rejected, Superseded)
	Message string // Japanese, for the committee
}

// issues applies every rule and returns what they found, by kind (in the
// order of issueKinds), then group in survey order, then item, then file.
func issues(in Input, survey *perinet.Survey, order blockOrder, stats []ItemStat, cur, prev *yearRecords, absent absence) []Issue {
	var out []Issue
	out = append(out, submissionIssues(order, in.Submissions)...)
	out = append(out, setAsideIssues(in, cur)...)
	out = append(out, correctionIssues(in.Corrections)...)
	out = append(out, rejectedIssues(absent)...)
	out = append(out, fewGroupIssues(survey, stats)...)
	if prev != nil {
		out = append(out, missingIssues(cur, prev, absent)...)
		out = append(out, stoppedIssues(survey, cur, prev)...)
		out = append(out, startIssues(cur, prev)...)
		out = append(out, countIssues(survey, cur, prev)...)
	}
	sortIssues(out, order)
	return out
}

// sortIssues puts issues in the order documented on issues.
func sortIssues(is []Issue, order blockOrder) {
	rank := func(k IssueKind) int {
		for i, kind := range issueKinds {
			if kind == k {
				return i
			}
		}
		return len(issueKinds)
	}
	sort.SliceStable(is, func(i, j int) bool {
		a, b := is[i], is[j]
		switch {
		case a.Kind != b.Kind:
			return rank(a.Kind) < rank(b.Kind)
		case a.Block != b.Block:
			return a.Block == "" || b.Block != "" && order.less(a.Block, b.Block)
		case a.Item != b.Item:
			return a.Item < b.Item
		}
		return a.File < b.File
	})
}

// fewGroupIssues finds the items that fewer than half the groups did.
func fewGroupIssues(survey *perinet.Survey, stats []ItemStat) []Issue {
	var out []Issue
	for _, s := range stats {
		if !fewGroups(survey, s.ItemCount) {
			continue
		}
		out = append(out, Issue{Kind: FewGroups, Item: s.No, Message: fmt.Sprintf(
			"項目%d（%s）を実施しているグループは%dグループ中%dグループで、半数に満たない",
			s.No, s.Label, s.Reported, s.Done)})
	}
	return out
}

// fewGroups reports whether fewer than half the groups did an item that is
// judged by it: every item but the open-ended ones (perinet.ItemDef.Open).
func fewGroups(survey *perinet.Survey, c ItemCount) bool {
	def, _ := survey.Item(c.No)
	return !def.Open && c.Reported > 0 && 2*c.Done < c.Reported
}

// missingIssues finds the groups that reported the year before and sent
// nothing this year.
func missingIssues(cur, prev *yearRecords, absent absence) []Issue {
	var out []Issue
	for _, b := range absent.missing {
		out = append(out, Issue{Kind: NoSubmission, Block: b, Message: fmt.Sprintf(
			"%sは報告があったが、今年度の報告がない", yearWord(cur.fy, prev.fy))})
	}
	return out
}

// rejectedIssues finds the groups whose files of this year were all
// rejected.
func rejectedIssues(absent absence) []Issue {
	var out []Issue
	for _, r := range absent.rejected {
		files := strings.Join(r.files, "、")
		out = append(out, Issue{Kind: Rejected, Block: r.block, File: files, Message: fmt.Sprintf(
			"提出があったが、不備があり受理されていない（%s）", files)})
	}
	return out
}

// An absence sorts the groups without a Record in the year reported that
// the report names, each in survey order: rejected, the groups read from
// files of this year that were all rejected (不受理), whether or not they
// reported the year before; and missing, the groups that reported in the
// earlier year and that no file of this year names (未提出). Neither
// counts in any figure of the year, nor as having stopped an item.
type absence struct {
	rejected []rejection
	missing  []string
}

// list returns the absent groups in the survey's order.
func (a absence) list(order blockOrder) []Absent {
	var blocks []string
	rejected := map[string]bool{}
	for _, r := range a.rejected {
		blocks, rejected[r.block] = append(blocks, r.block), true
	}
	blocks = append(blocks, a.missing...)
	order.sort(blocks)
	out := make([]Absent, len(blocks))
	for i, b := range blocks {
		out[i] = Absent{Block: b, Rejected: rejected[b]}
	}
	return out
}

// A rejection is a group whose files of the year were all rejected.
type rejection struct {
	block string
	files []string // the rejected files it was read from, as given
}

// rejectedFile reports whether a file was rejected: it carries an error,
// so that none of its Records stands (as the store judges a file).
func rejectedFile(s Submission) bool { return perinet.HasError(s.Problems) }

// A fileTally counts the files received by what became of them.
type fileTally struct {
	files    int // every file received
	rejected int // the files rejected for their errors (不受理)
	warned   int // the files accepted with warnings
	warnings int // the warnings of the files accepted
}

// tallyFiles counts the files received.
func tallyFiles(subs []Submission) fileTally {
	t := fileTally{files: len(subs)}
	for _, s := range subs {
		if rejectedFile(s) {
			t.rejected++
			continue
		}
		if _, w := perinet.Tally(s.Problems); w > 0 {
			t.warned++
			t.warnings += w
		}
	}
	return t
}

// The words for what became of a file, of a group whose files were all
// rejected, and of a group that sent nothing.
const (
	acceptedWord = "受理"
	rejectedWord = "不受理"
	missingWord  = "未提出"
)

// acceptance names what became of a file: 受理, or 不受理 when it was
// rejected.
func acceptance(s Submission) string {
	if rejectedFile(s) {
		return rejectedWord
	}
	return acceptedWord
}

// absentGroups finds the groups of an absence. prev is nil when there is
// no earlier year: then no group is missing.
func absentGroups(cur, prev *yearRecords, subs []Submission, order blockOrder) absence {
	var a absence
	named := map[string]bool{}
	files := map[string][]string{}
	var rejected []string
	for _, s := range subs {
		for _, b := range s.Blocks {
			named[b] = true
			if _, ok := cur.byName[b]; ok || !rejectedFile(s) || slices.Contains(files[b], s.File) {
				continue
			}
			if files[b] == nil {
				rejected = append(rejected, b)
			}
			files[b] = append(files[b], s.File)
		}
	}
	order.sort(rejected)
	for _, b := range rejected {
		a.rejected = append(a.rejected, rejection{b, files[b]})
	}
	if prev != nil {
		for _, b := range prev.blocks {
			if _, ok := cur.byName[b]; !ok && !named[b] {
				a.missing = append(a.missing, b)
			}
		}
	}
	return a
}

// stoppedIssues finds the items a group did the year before and not now.
func stoppedIssues(survey *perinet.Survey, cur, prev *yearRecords) []Issue {
	var out []Issue
	for _, s := range stoppedItems(survey, cur, prev) {
		now := "実施していない"
		if s.partial {
			now = "一部の実施（△）にとどまる"
		}
		out = append(out, Issue{Kind: Stopped, Block: s.block, Item: s.def.No, Message: fmt.Sprintf(
			"%sは実施していた項目%d（%s）を、今年度は%s", yearWord(cur.fy, prev.fy), s.def.No, s.def.Label, now)})
	}
	return out
}

// A stop is an item a group did the year before and not now.
type stop struct {
	block   string
	def     perinet.ItemDef
	partial bool // marked △ this year
}

// stoppedItems lists the stops of the groups that reported both years, by
// group, then item.
func stoppedItems(survey *perinet.Survey, cur, prev *yearRecords) []stop {
	var out []stop
	for _, b := range bothYears(cur, prev) {
		for _, def := range survey.Items {
			was, ok1 := recordItem(prev.byName[b], def.No)
			is, ok2 := recordItem(cur.byName[b], def.No)
			if ok1 && ok2 && carriedOut(def, was) && !carriedOut(def, is) {
				out = append(out, stop{b, def, is.Mark == perinet.Partial})
			}
		}
	}
	return out
}

// startIssues finds the groups whose 開始年月 changed.
func startIssues(cur, prev *yearRecords) []Issue {
	var out []Issue
	for _, b := range cur.blocks {
		was, is := startChange(cur, prev, b)
		if was == nil {
			continue
		}
		out = append(out, Issue{Kind: StartChanged, Block: b, Message: fmt.Sprintf(
			"開始年月が%sの%sから今年度は%sに変わった", yearWord(cur.fy, prev.fy),
			normalize.EraText(*was), normalize.EraText(*is))})
	}
	return out
}

// startChange returns a group's start dates of both years when they
// differ, and nils otherwise. A missing date is no change (normalize has
// reported it), nor is a day written one year and not the other.
func startChange(cur, prev *yearRecords, block string) (was, is *perinet.Date) {
	p, ok := prev.byName[block]
	c := cur.byName[block]
	if !ok || p.Started == nil || c.Started == nil {
		return nil, nil
	}
	a, b := *p.Started, *c.Started
	if a.Day == 0 || b.Day == 0 {
		a.Day, b.Day = 0, 0
	}
	if a == b {
		return nil, nil
	}
	return p.Started, c.Started
}

// countIssues finds the groups whose facility count moved by more than
// CountMoveLimit.
func countIssues(survey *perinet.Survey, cur, prev *yearRecords) []Issue {
	var out []Issue
	for _, def := range survey.Items {
		if !def.Counted {
			continue
		}
		for _, b := range cur.blocks {
			was, is, ok := countMove(cur, prev, b, def.No)
			if !ok {
				continue
			}
			out = append(out, Issue{Kind: CountMoved, Block: b, Item: def.No, Message: fmt.Sprintf(
				"項目%d（%s）の配布先が%sの%d施設から今年度は%d施設に変わった（%s）",
				def.No, def.Label, yearWord(cur.fy, prev.fy), was, is, movement(was, is))})
		}
	}
	return out
}

// countMove returns a group's facility counts of both years when both are
// numbers and they differ by more than CountMoveLimit of the earlier one.
// A count that appears or disappears is no move: only numbers compare.
func countMove(cur, prev *yearRecords, block string, no int) (was, is int, ok bool) {
	p, ok1 := prev.byName[block]
	a, ok2 := recordItem(p, no)
	b, ok3 := recordItem(cur.byName[block], no)
	if !ok1 || !ok2 || !ok3 || a.DistributedTo == nil || b.DistributedTo == nil {
		return 0, 0, false
	}
	was, is = *a.DistributedTo, *b.DistributedTo
	if was == 0 {
		return was, is, is != 0
	}
	return was, is, math.Abs(float64(is-was)) > CountMoveLimit*float64(was)
}

// movement says by how much a count moved: 36%増, 40%減, or from zero.
func movement(was, is int) string {
	if was == 0 {
		return "0施設からの増加"
	}
	pct := int(math.Round(math.Abs(float64(is-was)) * 100 / float64(was)))
	if is > was {
		return fmt.Sprintf("%d%%増", pct)
	}
	return fmt.Sprintf("%d%%減", pct)
}

// submissionIssues finds the files that carried errors or warnings.
func submissionIssues(order blockOrder, subs []Submission) []Issue {
	var out []Issue
	for _, s := range subs {
		errs, warns := perinet.Tally(s.Problems)
		if errs+warns == 0 {
			continue
		}
		blocks := append([]string(nil), s.Blocks...)
		order.sort(blocks)
		is := Issue{Kind: SubmissionProblems, File: s.File, Message: fmt.Sprintf(
			"%s（%s）：%s（%s）", s.File, blockList(blocks), acceptance(s), problemText(errs, warns))}
		if len(blocks) == 1 {
			is.Block = blocks[0]
		}
		out = append(out, is)
	}
	return out
}

// problemText says how many errors and warnings there are: エラー2件、注意1件.
func problemText(errs, warns int) string {
	var parts []string
	if errs > 0 {
		parts = append(parts, fmt.Sprintf("エラー%d件", errs))
	}
	if warns > 0 {
		parts = append(parts, fmt.Sprintf("注意%d件", warns))
	}
	return strings.Join(parts, "、")
}

// blockList names the groups of a file, or says none could be read.
func blockList(blocks []string) string {
	if len(blocks) == 0 {
		return "グループを読み取れず"
	}
	return strings.Join(blocks, "、")
}
