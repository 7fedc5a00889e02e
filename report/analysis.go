package report

import (
	"sort"
	"time"

	"perinet"
	"perinet/normalize"
)

// Input is what a report is made from.
type Input struct {
	FiscalYear  int                      // the fiscal year reported (年度, as the Gregorian year it starts in)
	Records     map[int][]perinet.Record // by fiscal year: this year and earlier ones; later years are ignored
	Submissions []Submission             // this year's files, with the problems they carried
	Survey      *perinet.Survey          // the survey definition; nil means perinet.DefaultSurvey()
	Notes       string                   // the secretariat's own paragraphs (may be empty), printed as written
	// SetAside are this year's Records that a later accepted submission
	// replaced: they count for nothing, and the quality page names them
	// (Superseded, Conflict).
	SetAside []SetAside
	// Corrections are the secretariat's corrections applied to this
	// year's Records (perinet.ApplyCorrections): the quality page lists
	// each (Corrected).
	Corrections []perinet.Correction
	// Created is the report's date, from the data (intake.Created), never
	// the clock: printed on report.pdf and written as report.xlsx's
	// creation date. The zero time leaves report.xlsx dated the first day
	// after the fiscal year, and report.pdf wants PDFDoc.Created.
	Created time.Time
}

// AllRecords returns the Records of every year of in up to the year
// reported, oldest year first: what WriteXLSX lists in データ.
func (in Input) AllRecords() []perinet.Record {
	years := make([]int, 0, len(in.Records))
	for fy := range in.Records {
		if fy <= in.FiscalYear {
			years = append(years, fy)
		}
	}
	sort.Ints(years)
	var all []perinet.Record
	for _, fy := range years {
		all = append(all, in.Records[fy]...)
	}
	return all
}

// A Submission is one file received for the year reported.
type Submission struct {
	File     string            // the file's name as received
	Blocks   []string          // the groups read from it
	Problems []perinet.Problem // what could not be read, or was read with doubt
}

// A SetAside is a group's Record from an accepted file that a later
// accepted file of the same group and year replaced.
type SetAside struct {
	Record    perinet.Record // the Record set aside; its Block names the group
	File      string         // the file it was read from
	Arrived   Stamp          // when that file arrived
	By        string         // the file whose Record of the group stands
	ByArrived Stamp          // when that file arrived
}

// A Stamp is when a file arrived, the time that put it before or after
// another, and what that time is.
type Stamp struct {
	Time time.Time
	// Of says what Time is, in a word the report prints before it: 保存
	// (the file's own saved time), 更新 (its modification time), 受付 (when
	// it was put into the inbox).
	Of string
}

// An Analysis is what the report says about a fiscal year: counts per
// item, the trend over the years, how item 5's information is shared, the
// issues found and the summary sentences. Every list is in a fixed order
// (the survey's block order, then item number), so that the same Input
// always gives the same Analysis.
type Analysis struct {
	FiscalYear int
	// Previous is the fiscal year compared with: the latest earlier year
	// that has Records, normally FiscalYear-1. It is 0 when there is none.
	Previous int
	Groups   int        // groups with a Record this year
	Items    []ItemStat // one per survey item, this year, with the change from Previous
	Trend    []YearStat // one per fiscal year with Records up to FiscalYear, oldest first
	Sharing  Sharing    // item 5: individual or general information sharing
	Issues   []Issue
	Summary  []string // generated Japanese sentences (取組の傾向及び課題)
	Notes    []string // the secretariat's paragraphs, split at blank lines, as written
	// Submissions are the files received for the year, as Input gave them.
	Submissions []Submission
	// Absent are the awaited groups with no Record this year, in the
	// survey's order: those that sent nothing (未提出) and those whose
	// files were all rejected (不受理). The status matrix keeps a row for
	// each.
	Absent  []Absent
	Created time.Time // as Input gave it
}

// An Absent is an awaited group with no Record in the year reported.
type Absent struct {
	Block    string
	Rejected bool // it sent files, all rejected (不受理); else nothing arrived (未提出)
}

// Word is what the status matrix writes in the group's row: 未提出 or 不受理.
func (a Absent) Word() string {
	if a.Rejected {
		return rejectedWord
	}
	return missingWord
}

// An ItemCount is how many groups carried out an item in one fiscal year.
//
// A group counts as having done an item when its mark is yes (○), and,
// for the items whose cell may hold text in place of a mark (items 6–8,
// perinet.ItemDef.FreeText), also when the mark is blank but text was
// written (区西南部's item 8 in FY2016). A partial mark (△) is counted in
// Partial and not in Done: the rate is that of items fully carried out.
type ItemCount struct {
	No       int
	Done     int // groups that did the item
	Partial  int // groups that did it in part (△); not in Done
	Reported int // groups whose Record that year has the item (normally every group)
}

// Rate returns the share of the groups reporting that did the item, from
// 0 to 1; 0 when no group reported.
func (c ItemCount) Rate() float64 {
	if c.Reported == 0 {
		return 0
	}
	return float64(c.Done) / float64(c.Reported)
}

// An ItemStat is one survey item in the year reported.
type ItemStat struct {
	ItemCount
	Label  string   // the item's label, as printed on the form
	Blocks []string // the groups that did it, in survey order
	// Prev is the same item in Analysis.Previous; nil when there is no
	// earlier year, or the survey did not ask the item then.
	Prev *ItemCount
	// Compared counts the item in both years over the groups that
	// reported it in both; nil when Prev is.
	Compared *Comparison
}

// A Comparison counts an item in the earlier year and in the year
// reported over the same groups: those whose Records of both years have
// the item. A group that reported in one of the years only (it sent
// nothing, its files were rejected, or it is new) is left out, so that a
// change is a change in what the groups did, not in who reported; and
// over the same groups a change in the count is the same change in the
// rate.
type Comparison struct {
	Groups int // the groups whose Records of both years have the item
	Was    int // of them, the groups that did it in the earlier year
	Is     int // of them, the groups that did it in the year reported
}

// Change returns how many more of the groups that reported in both years
// did the item than in the earlier year (negative for fewer), and false
// when there is no earlier year.
func (s ItemStat) Change() (int, bool) {
	if s.Compared == nil {
		return 0, false
	}
	return s.Compared.Is - s.Compared.Was, true
}

// A YearStat is the count of every item in one fiscal year.
type YearStat struct {
	FiscalYear int
	Groups     int         // groups with a Record that year
	Items      []ItemCount // one per survey item, in order
}

// Analyze computes the report's figures, issues and sentences from in.
// It reads nothing but in and changes nothing in it.
func Analyze(in Input) Analysis {
	survey := in.Survey
	if survey == nil {
		survey = perinet.DefaultSurvey()
	}
	// The items of the year reported; earlier years count them where
	// their survey asked them (see trend).
	survey = survey.Year(in.FiscalYear)
	order := newBlockOrder(survey)
	cur := collect(in.FiscalYear, in.Records[in.FiscalYear], order)
	var prev *yearRecords
	if fy := previousYear(in.Records, in.FiscalYear); fy != 0 {
		prev = collect(fy, in.Records[fy], order)
	}
	a := Analysis{
		FiscalYear: in.FiscalYear,
		Groups:     len(cur.blocks),
		Items:      itemStats(survey, cur, prev),
		Trend:      trend(survey, in.Records, in.FiscalYear, order),
		Sharing:    sharingOf(survey, cur),
		Notes:      paragraphs(in.Notes),

		Submissions: in.Submissions,
		Created:     in.Created,
	}
	if prev != nil {
		a.Previous = prev.fy
	}
	absent := absentGroups(cur, prev, in.Submissions, order)
	a.Absent = absent.list(order)
	a.Issues = issues(in, survey, order, a.Items, cur, prev, absent)
	a.Summary = summarize(survey, a, cur, prev, absent, in.Submissions)
	return a
}

// showsTrend reports whether the report draws the trend over the years:
// only when it has two years or more to draw.
func showsTrend(a Analysis) bool { return len(a.Trend) > 1 }

// noTrendNote says why the report draws no trend, or is "" when it draws
// one.
func noTrendNote(a Analysis) string {
	switch {
	case showsTrend(a):
		return ""
	case a.Previous == 0:
		return "前年度以前の報告が保存されていないため、前年度との比較及び推移は示していない。"
	}
	return normalize.EraFiscalYear(a.FiscalYear) + "に受理した報告がないため、推移は示していない。"
}

// A yearRecords is the Records of one fiscal year, one per group.
type yearRecords struct {
	fy     int
	blocks []string                  // the groups, in survey order
	byName map[string]perinet.Record // the Record of each group
}

// collect indexes the Records of fiscal year fy by group. When a group has
// more than one Record, the last one stands: later submissions supersede
// earlier ones.
func collect(fy int, records []perinet.Record, order blockOrder) *yearRecords {
	y := &yearRecords{fy: fy, byName: make(map[string]perinet.Record, len(records))}
	for _, r := range records {
		if _, dup := y.byName[r.Block]; !dup {
			y.blocks = append(y.blocks, r.Block)
		}
		y.byName[r.Block] = r
	}
	order.sort(y.blocks)
	return y
}

// previousYear returns the latest fiscal year before fy that has Records,
// or 0 when there is none.
func previousYear(records map[int][]perinet.Record, fy int) int {
	prev := 0
	for y, rs := range records {
		if y < fy && y > prev && len(rs) > 0 {
			prev = y
		}
	}
	return prev
}

// recordItem returns the group's item number no, and false when the
// Record lacks it.
func recordItem(r perinet.Record, no int) (perinet.Item, bool) {
	for _, it := range r.Items {
		if it.No == no {
			return it, true
		}
	}
	return perinet.Item{}, false
}

// carriedOut reports whether an item counts as carried out: see ItemCount.
func carriedOut(def perinet.ItemDef, it perinet.Item) bool {
	return it.Mark == perinet.Yes || def.FreeText && it.Mark == perinet.Blank && len(it.Details) > 0
}

// countItem counts item def over a year, and lists the groups that did it.
func countItem(def perinet.ItemDef, y *yearRecords) (ItemCount, []string) {
	c := ItemCount{No: def.No}
	var blocks []string
	for _, b := range y.blocks {
		it, ok := recordItem(y.byName[b], def.No)
		if !ok {
			continue
		}
		c.Reported++
		switch {
		case carriedOut(def, it):
			c.Done++
			blocks = append(blocks, b)
		case it.Mark == perinet.Partial:
			c.Partial++
		}
	}
	return c, blocks
}

// itemStats counts every survey item in the year reported, beside the
// earlier year when there is one.
func itemStats(survey *perinet.Survey, cur, prev *yearRecords) []ItemStat {
	stats := make([]ItemStat, 0, len(survey.Items))
	for _, def := range survey.Items {
		c, blocks := countItem(def, cur)
		s := ItemStat{ItemCount: c, Label: def.Label, Blocks: blocks}
		if prev != nil && def.AskedIn(prev.fy) {
			p, _ := countItem(def, prev)
			s.Prev = &p
			both := compareItem(def, cur, prev)
			s.Compared = &both
		}
		stats = append(stats, s)
	}
	return stats
}

// compareItem counts item def over the groups whose Records of both
// years have it: see Comparison.
func compareItem(def perinet.ItemDef, cur, prev *yearRecords) Comparison {
	var c Comparison
	for _, b := range bothYears(cur, prev) {
		was, ok1 := recordItem(prev.byName[b], def.No)
		is, ok2 := recordItem(cur.byName[b], def.No)
		if !ok1 || !ok2 {
			continue
		}
		c.Groups++
		if carriedOut(def, was) {
			c.Was++
		}
		if carriedOut(def, is) {
			c.Is++
		}
	}
	return c
}

// bothYears lists the groups with a Record in both years, in survey order.
func bothYears(cur, prev *yearRecords) []string {
	var out []string
	for _, b := range cur.blocks {
		if _, ok := prev.byName[b]; ok {
			out = append(out, b)
		}
	}
	return out
}

// trend counts every item of the year reported in every fiscal year up to
// fy that has Records, oldest first. In a year the survey did not ask an
// item, no group reported it.
func trend(survey *perinet.Survey, records map[int][]perinet.Record, fy int, order blockOrder) []YearStat {
	var years []int
	for y, rs := range records {
		if y <= fy && len(rs) > 0 {
			years = append(years, y)
		}
	}
	sort.Ints(years)
	out := make([]YearStat, 0, len(years))
	for _, fy := range years {
		y := collect(fy, records[fy], order)
		ys := YearStat{FiscalYear: fy, Groups: len(y.blocks)}
		for _, def := range survey.Items {
			c := ItemCount{No: def.No}
			if def.AskedIn(fy) {
				c, _ = countItem(def, y)
			}
			ys.Items = append(ys.Items, c)
		}
		out = append(out, ys)
	}
	return out
}

// A blockOrder gives each group of the survey its place in the published
// table. Groups the survey does not know come after, by name.
type blockOrder map[string]int

// newBlockOrder reads the order of the survey's groups.
func newBlockOrder(survey *perinet.Survey) blockOrder {
	o := make(blockOrder, len(survey.Blocks))
	for i, b := range survey.Blocks {
		o[b.Name] = i
	}
	return o
}

// less reports whether group a comes before group b.
func (o blockOrder) less(a, b string) bool {
	i, iok := o[a]
	j, jok := o[b]
	switch {
	case iok && jok:
		return i < j
	case iok != jok:
		return iok
	}
	return a < b
}

// sort puts groups in survey order.
func (o blockOrder) sort(blocks []string) {
	sort.SliceStable(blocks, func(i, j int) bool { return o.less(blocks[i], blocks[j]) })
}
