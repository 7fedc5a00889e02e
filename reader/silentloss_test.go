package reader_test

// The silent-loss test: for every fixture form, delete each non-empty cell
// in turn, and change each to another plausible value of its kind; the
// Records must change in exactly that field, or a Problem must name that
// cell. A value written and not read, with no Problem, is the worst defect
// the product can have; this test counts such silent outcomes and fails
// on any. It uses only the reader's exported API, so that it judges any
// reader behind reader.New and (*reader.Reader).Read.

import (
	"encoding/json"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"perinet"
	"perinet/ingest"
	"perinet/normalize"
	"perinet/reader"
)

// silentToday is the day against which the fixtures are judged.
var silentToday = time.Date(2026, 11, 25, 12, 0, 0, 0, perinet.Japan())

// A readFunc reads a Grid into Records and Problems, as
// (*reader.Reader).Read does; a test may put a fake reader in its place.
type readFunc func(*perinet.Grid) ([]perinet.Record, []perinet.Problem)

// An outcome is how a reader answered one mutation of one cell.
type outcome string

// The outcomes, from the best to the worst.
const (
	// outNamed: a new Problem names the mutated cell (or a Problem of the
	// baseline that named it is gone).
	outNamed outcome = "named"
	// outExact: the Records differ from the baseline in fields read from
	// the mutated cell, and nowhere else.
	outExact outcome = "exact"
	// outAccounted: the Records differ, each differing field either read
	// from the mutated cell or read, in the baseline, from a cell that a
	// new Problem names (a heading deleted, and unread_cell on the value
	// under it): the loss is reported where it happened.
	outAccounted outcome = "accounted"
	// outRejected: a new Problem is an error: the file would be rejected
	// with a reason, whether or not the Records differ (an item label
	// deleted over an empty row: nothing read is lost, and missing_item
	// stops the file).
	outRejected outcome = "rejected"
	// outUnchangedOK: the Records and the Problems are the baseline's, and
	// the mutation is one that may leave them so: a heading or item label
	// deleted or changed to a synonym, a title deleted, furniture, or a
	// cell on a sheet outside the survey.
	outUnchangedOK outcome = "unchanged-ok"
	// outSilent: anything else. The defect.
	outSilent outcome = "silent"
)

// outcomes lists the outcomes in the order of the report's columns.
var outcomes = []outcome{outNamed, outExact, outAccounted, outRejected, outUnchangedOK, outSilent}

// A fieldDiff is one field of one Record that differs between the
// baseline and a mutation, in the contract's terms.
type fieldDiff struct {
	rec           int    // index of the Record; -1 when the number of Records differs
	block         string // the baseline Record's group, for messages
	field         string // fiscal_year, tier, block, parent, hospital, started, items.N, items.N.distributed_to, items.N.details
	before, after string
}

// String writes the difference for a message.
func (d fieldDiff) String() string {
	if d.rec < 0 {
		return fmt.Sprintf("records: %s → %s", d.before, d.after)
	}
	return fmt.Sprintf("[%d %s] %s: %s → %s", d.rec, d.block, d.field, d.before, d.after)
}

// fieldsOf writes a Record's fields as the contract names them, each
// value as text; source is left out.
func fieldsOf(rec perinet.Record) map[string]string {
	js := func(v any) string {
		b, _ := json.Marshal(v)
		return string(b)
	}
	f := map[string]string{
		"fiscal_year": strconv.Itoa(rec.FiscalYear), "tier": string(rec.Tier), "block": rec.Block,
		"parent": rec.Parent, "hospital": rec.Hospital, "started": js(rec.Started),
	}
	for _, it := range rec.Items {
		n := "items." + strconv.Itoa(it.No)
		f[n] = it.Mark.String()
		if it.Counted || it.DistributedTo != nil {
			f[n+".distributed_to"] = js(it.DistributedTo)
		}
		details := it.Details
		if details == nil {
			details = []string{}
		}
		f[n+".details"] = js(details)
	}
	return f
}

// blocksOf lists the groups of Records, for a message on a changed count.
func blocksOf(recs []perinet.Record) string {
	var b []string
	for _, r := range recs {
		b = append(b, r.Block)
	}
	return fmt.Sprintf("%d %v", len(recs), b)
}

// diffRecords compares two readings of a file field by field, Record by
// Record in order. When their numbers differ, it returns that alone.
func diffRecords(r0, r1 []perinet.Record) []fieldDiff {
	if len(r0) != len(r1) {
		return []fieldDiff{{rec: -1, field: "records", before: blocksOf(r0), after: blocksOf(r1)}}
	}
	var diffs []fieldDiff
	for i := range r0 {
		f0, f1 := fieldsOf(r0[i]), fieldsOf(r1[i])
		keys := slices.Sorted(maps.Keys(f0))
		for k := range f1 {
			if _, ok := f0[k]; !ok {
				keys = append(keys, k)
			}
		}
		for _, k := range keys {
			v0, ok0 := f0[k]
			v1, ok1 := f1[k]
			if !ok0 {
				v0 = "(none)"
			}
			if !ok1 {
				v1 = "(none)"
			}
			if v0 != v1 {
				diffs = append(diffs, fieldDiff{rec: i, block: r0[i].Block, field: k, before: v0, after: v1})
			}
		}
	}
	return diffs
}

// A judge classifies the outcome of a mutation for one survey.
type judge struct {
	survey *perinet.Survey
}

// sourceKeys lists the Source.Where keys from which a field may have been
// read: its own; the block's for tier and parent (a group's tier and parent
// follow from its name); and for an item's details, its mark cell when the
// item is free text (text besides the mark, items 6–8) and its count cell
// when it is counted (a note in place of a number), as the contract says.
func (j judge) sourceKeys(field string) []string {
	switch field {
	case "tier":
		return []string{"block", "tier"}
	case "parent":
		return []string{"block", "parent"}
	}
	item, ok := strings.CutSuffix(field, ".details")
	if !ok || !strings.HasPrefix(item, "items.") {
		return []string{field}
	}
	keys := []string{field}
	no, _ := strconv.Atoi(strings.TrimPrefix(item, "items."))
	if def, ok := j.survey.Item(no); ok {
		if def.FreeText {
			keys = append(keys, item)
		}
		if def.Counted {
			keys = append(keys, item+".distributed_to")
		}
	}
	return keys
}

// sourceCells returns the cells from which a field of Record i was read,
// in the baseline or in the mutation.
func (j judge) sourceCells(d fieldDiff, r0, r1 []perinet.Record) []string {
	var cells []string
	for _, k := range j.sourceKeys(d.field) {
		for _, recs := range [][]perinet.Record{r0, r1} {
			if w := recs[d.rec].Source.Where[k]; w != "" && !slices.Contains(cells, w) {
				cells = append(cells, w)
			}
		}
	}
	return cells
}

// minus returns the problems of a that b does not hold, each counted as
// many times as a holds it more than b.
func minus(a, b []perinet.Problem) []perinet.Problem {
	left := map[perinet.Problem]int{}
	for _, p := range b {
		left[p]++
	}
	var out []perinet.Problem
	for _, p := range a {
		if left[p] > 0 {
			left[p]--
			continue
		}
		out = append(out, p)
	}
	return out
}

// A verdict is the outcome of one mutation, with what it was judged on.
type verdict struct {
	outcome     outcome
	reason      string
	diff        []fieldDiff
	newProblems []perinet.Problem
}

// classify judges a mutation of the cell at where, given the baseline
// (r0, p0) and the reading of the mutated Grid (r1, p1). mayStay says
// that the mutation may leave the Records and Problems as they were.
func (j judge) classify(where string, mayStay bool, r0 []perinet.Record, p0 []perinet.Problem, r1 []perinet.Record, p1 []perinet.Problem) verdict {
	v := verdict{diff: diffRecords(r0, r1), newProblems: minus(p1, p0)}
	gone := minus(p0, p1)
	named := func(ps []perinet.Problem, w string) bool {
		return slices.ContainsFunc(ps, func(p perinet.Problem) bool { return p.Where == w })
	}
	if named(v.newProblems, where) || named(gone, where) {
		v.outcome, v.reason = outNamed, "a problem names the cell"
		return v
	}
	differ := len(v.diff) > 0
	if differ && v.diff[0].rec >= 0 {
		atCell, elsewhere := true, true
		for _, d := range v.diff {
			cells := j.sourceCells(d, r0, r1)
			at := slices.Contains(cells, where)
			atCell = atCell && at
			elsewhere = elsewhere && (at || slices.ContainsFunc(cells, func(c string) bool { return named(v.newProblems, c) }))
		}
		switch {
		case atCell:
			v.outcome, v.reason = outExact, "only fields read from the cell changed"
			return v
		case elsewhere:
			v.outcome, v.reason = outAccounted, "each changed field's cell is named by a problem"
			return v
		}
	}
	switch {
	case differ && perinet.HasError(v.newProblems):
		v.outcome, v.reason = outRejected, "records differ, and an error rejects the file"
		return v
	case perinet.HasError(v.newProblems):
		v.outcome, v.reason = outRejected, "records unchanged, and an error rejects the file"
		return v
	}
	switch {
	case !differ && len(v.newProblems) == 0 && len(gone) == 0 && mayStay:
		v.outcome, v.reason = outUnchangedOK, "nothing changed, as may be"
	case !differ && len(v.newProblems) == 0:
		v.outcome, v.reason = outSilent, "records unchanged, and no problem"
	case !differ:
		v.outcome, v.reason = outSilent, "records unchanged; a problem, but not at the cell"
	case len(v.newProblems) == 0:
		v.outcome, v.reason = outSilent, "records differ beyond the cell's fields, and no problem"
	default:
		v.outcome, v.reason = outSilent, "records differ beyond the cell's fields; only warnings, none at the cell"
	}
	return v
}

// mayStay says whether a mutation may leave the Records and Problems as
// they were: never for a cell the baseline read a field from, nor for a
// value (a mark, date, count, group, hospital, tier or fiscal year), nor
// for free text; for a heading or item label (deleted, or changed to a
// synonym), a deleted title, furniture, and any cell on a sheet outside
// the survey. A deleted tier may stay too: a Record's tier is the
// group's, from the survey, and a tier written beside the group's name
// only checks it (a tier changed to the other one must be noticed).
func mayStay(k kind, op string, wasSource, outside bool) bool {
	switch {
	case outside:
		return true
	case k == kindTier && op == opDelete && !wasSource:
		return true
	case wasSource, k.isValue():
		return false
	case k == kindHeading, k == kindItemLabel, k == kindFurniture:
		return true
	case k == kindTitle:
		return op == opDelete
	}
	return false
}

// The two mutations of a cell.
const (
	opDelete = "delete"
	opChange = "change"
)

// copyGrid returns a deep copy of a Grid.
func copyGrid(g *perinet.Grid) *perinet.Grid {
	c := *g
	c.Sheets = make([]perinet.Sheet, len(g.Sheets))
	for s, sh := range g.Sheets {
		c.Sheets[s] = sh
		c.Sheets[s].Rows = make([][]perinet.Cell, len(sh.Rows))
		for i, row := range sh.Rows {
			r := slices.Clone(row)
			for j := range r {
				if r[j].Date != nil {
					d := *r[j].Date
					r[j].Date = &d
				}
			}
			c.Sheets[s].Rows[i] = r
		}
	}
	return &c
}

// mutated returns a copy of g in which every cell with the place where (a
// merged range counts once) holds text and date instead.
func mutated(g *perinet.Grid, where, text string, date *perinet.DateCell) *perinet.Grid {
	c := copyGrid(g)
	for s := range c.Sheets {
		for i := range c.Sheets[s].Rows {
			for j := range c.Sheets[s].Rows[i] {
				if cell := &c.Sheets[s].Rows[i][j]; cell.Where == where {
					cell.Text = text
					cell.Date = nil
					if date != nil {
						d := *date
						cell.Date = &d
					}
				}
			}
		}
	}
	return c
}

// A formCell is one non-empty cell of a form (a merged range once).
type formCell struct {
	perinet.Cell
	sheet int
	kind  kind
	// sources are the fields the baseline read from the cell.
	sources []string
	outside bool // on a sheet from which the baseline read nothing
}

// statKind is the kind under which the report counts the cell.
func (c formCell) statKind() string {
	if c.outside {
		return "outside"
	}
	return string(c.kind)
}

// sourcePriority orders the fields read from one cell, so that the hint
// for its kind is the field that the cell's text is (a mark before the
// details read from beside it).
func sourcePriority(field string) int {
	switch {
	case field == "block", field == "hospital", field == "started", field == "fiscal_year":
		return 0
	case strings.HasSuffix(field, ".distributed_to"):
		return 1
	case strings.HasSuffix(field, ".details"):
		return 3
	}
	return 2
}

// formCells lists the non-empty cells of g, in order, with their kinds,
// the fields that the baseline r0 read from them, and whether they lie
// on a sheet of the survey (one the baseline read a field from, or whose
// cell a baseline problem names).
func formCells(g *perinet.Grid, kinds *cellKinds, r0 []perinet.Record, p0 []perinet.Problem) []formCell {
	sources := map[string][]string{}
	for _, rec := range r0 {
		for f, w := range rec.Source.Where {
			if !slices.Contains(sources[w], f) {
				sources[w] = append(sources[w], f)
			}
		}
	}
	named := map[string]bool{}
	for _, p := range p0 {
		named[p.Where] = true
	}
	area := map[int]bool{}
	furniture := map[string]bool{} // the values of contact labels
	var cells []formCell
	seen := map[string]bool{}
	for s, sh := range g.Sheets {
		for _, row := range sh.Rows {
			if absentRow(row) {
				continue // a report's row of a group that sent nothing: no values to lose
			}
			for j, c := range row {
				if strings.TrimSpace(c.Text) == "" && c.Date == nil {
					continue // nothing to see: no text, or white space
				}
				if len(sources[c.Where]) > 0 || named[c.Where] {
					area[s] = true
				}
				if isContactLabel(c.Text) {
					for _, v := range row[j+1:] {
						if v.Where != c.Where && v.Text != "" {
							furniture[v.Where] = true
							break
						}
					}
				}
				if seen[c.Where] {
					continue
				}
				seen[c.Where] = true
				cells = append(cells, formCell{Cell: c, sheet: s})
			}
		}
	}
	for n := range cells {
		c := &cells[n]
		c.sources = sources[c.Where]
		sort.SliceStable(c.sources, func(a, b int) bool {
			pa, pb := sourcePriority(c.sources[a]), sourcePriority(c.sources[b])
			return pa < pb || pa == pb && c.sources[a] < c.sources[b]
		})
		hint := ""
		if len(c.sources) > 0 {
			hint = c.sources[0]
		}
		c.kind = kinds.kindOf(c.Cell, hint, g.Format, furniture[c.Where])
		c.outside = !area[c.sheet]
	}
	return cells
}

// A caseResult is the verdict on one mutation of one cell.
type caseResult struct {
	cell   formCell
	op     string
	change change
	verdict
}

// String writes the case for a message: the cell, its text, the
// mutation, the outcome and why, the Record diff and the new problems.
func (c caseResult) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s) %q %s", c.cell.Where, c.cell.kind, c.cell.Text, c.op)
	if c.op == opChange {
		fmt.Fprintf(&b, " [%s]", c.change.desc)
	}
	fmt.Fprintf(&b, ": %s — %s", c.outcome, c.reason)
	for _, d := range c.diff {
		fmt.Fprintf(&b, "\n\t\t%s", d)
	}
	for _, p := range c.newProblems {
		fmt.Fprintf(&b, "\n\t\tnew problem %s %s at %q (field %s): %s", p.Severity, p.Code, p.Where, p.Field, p.Message)
	}
	return b.String()
}

// A fixtureResult is what the silent-loss test found in one file.
type fixtureResult struct {
	file     string
	baseline []perinet.Problem // the baseline's problems; none is expected
	cells    []formCell
	cases    []caseResult
	// unaccounted are cells of the survey's sheets that the baseline read
	// no field from, that no problem names, and that are no heading, item
	// label, title or furniture: the cells the reader passes over without
	// a word.
	unaccounted []formCell
	elapsed     time.Duration
}

// count tallies the outcomes by the cell's kind and the mutation.
func (r fixtureResult) count() map[string]map[outcome]int {
	m := map[string]map[outcome]int{}
	for _, c := range r.cases {
		k := c.cell.statKind() + " " + c.op
		if m[k] == nil {
			m[k] = map[outcome]int{}
		}
		m[k][c.outcome]++
	}
	return m
}

// silentLoss reads g once as the baseline, then deletes and changes each
// of its non-empty cells in turn and judges each reading.
func silentLoss(file string, g *perinet.Grid, read readFunc, kinds *cellKinds, j judge) fixtureResult {
	start := time.Now()
	r0, p0 := read(copyGrid(g))
	res := fixtureResult{file: file, baseline: p0, cells: formCells(g, kinds, r0, p0)}
	named := map[string]bool{}
	for _, p := range p0 {
		named[p.Where] = true
	}
	in := kinds.namesIn(g)
	for _, c := range res.cells {
		switch {
		case c.outside, len(c.sources) > 0, named[c.Where]:
		case c.kind == kindHeading, c.kind == kindItemLabel, c.kind == kindTitle, c.kind == kindFurniture:
		default:
			res.unaccounted = append(res.unaccounted, c)
		}
		for _, op := range []string{opDelete, opChange} {
			ch := change{desc: "delete"}
			if op == opChange {
				ch = kinds.changeOf(c.Cell, c.kind, in)
			}
			r1, p1 := read(mutated(g, c.Where, ch.text, ch.date))
			v := j.classify(c.Where, mayStay(c.kind, op, len(c.sources) > 0, c.outside), r0, p0, r1, p1)
			res.cases = append(res.cases, caseResult{cell: c, op: op, change: ch, verdict: v})
		}
	}
	res.elapsed = time.Since(start)
	return res
}

// fixtureFiles lists the fixture forms: every year's workbooks and CSV
// file, and the PDFs but the scans of fixtures/pdf/scan, which have no
// text to read.
func fixtureFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, pattern := range []string{"../fixtures/fy20[0-9][0-9]/*.xlsx", "../fixtures/fy20[0-9][0-9]/*.csv", "../fixtures/pdf/*/*.pdf"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range m {
			if filepath.Base(filepath.Dir(f)) != "scan" {
				files = append(files, f)
			}
		}
	}
	if len(files) < 100 {
		t.Fatalf("found %d fixture files, want the 110 or so of fixtures/: run the test from the reader package", len(files))
	}
	return files
}

// newRealReader returns the reader under test as a readFunc.
func newRealReader(t *testing.T) readFunc {
	t.Helper()
	r, err := reader.New(perinet.DefaultSurvey(), silentToday)
	if err != nil {
		t.Fatal(err)
	}
	return r.Read
}

// newJudge returns the cell kinds and the judge of the default survey.
func newJudge(t *testing.T) (*cellKinds, judge) {
	t.Helper()
	s := perinet.DefaultSurvey()
	kinds, err := newCellKinds(s, silentToday)
	if err != nil {
		t.Fatal(err)
	}
	return kinds, judge{survey: s}
}

// TestSilentLoss runs the silent-loss test over every fixture form with
// the reader of this package. It fails on any silent outcome, and on a
// fixture that does not read without problems to begin with. Run with
// -v for the counts per fixture and per kind of cell, and the cells the
// reader passes over without a word.
func TestSilentLoss(t *testing.T) {
	start := time.Now()
	kinds, j := newJudge(t)
	var mu sync.Mutex
	var results []fixtureResult
	t.Run("fixtures", func(t *testing.T) {
		for _, path := range fixtureFiles(t) {
			name, _ := filepath.Rel("../fixtures", path)
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				g, problems := ingest.File(path, ingest.DefaultLimits())
				if len(problems) > 0 {
					t.Fatalf("ingest.File: %+v", problems)
				}
				res := silentLoss(name, g, newRealReader(t), kinds, j)
				if len(res.baseline) > 0 {
					t.Errorf("precondition: the fixture reads with problems %+v, want none", res.baseline)
				}
				var silent []string
				for _, c := range res.cases {
					if c.outcome == outSilent {
						silent = append(silent, "\t"+c.String())
					}
				}
				if len(silent) > 0 {
					t.Errorf("%d silent outcomes of %d mutations:\n%s", len(silent), len(res.cases), strings.Join(silent, "\n"))
				}
				mu.Lock()
				results = append(results, res)
				mu.Unlock()
			})
		}
	})
	slices.SortFunc(results, func(a, b fixtureResult) int { return strings.Compare(a.file, b.file) })
	t.Log(summary(results, time.Since(start)))
}

// summary writes the counts per fixture and per kind of cell, the silent
// cases grouped by kind and mutation, and the cells passed over.
func summary(results []fixtureResult, elapsed time.Duration) string {
	var b strings.Builder
	header := func(first string) {
		fmt.Fprintf(&b, "%-44s", first)
		for _, o := range outcomes {
			fmt.Fprintf(&b, " %12s", o)
		}
		b.WriteString("\n")
	}
	row := func(name string, m map[outcome]int) {
		fmt.Fprintf(&b, "%-44s", name)
		for _, o := range outcomes {
			fmt.Fprintf(&b, " %12d", m[o])
		}
		b.WriteString("\n")
	}
	total := map[outcome]int{}
	byKind := map[string]map[outcome]int{}
	cells, mutations := 0, 0
	fmt.Fprintf(&b, "silent-loss test: %d fixtures in %v\n\n", len(results), elapsed.Round(time.Millisecond))
	header("fixture (cells, time)")
	for _, r := range results {
		m := map[outcome]int{}
		for k, counts := range r.count() {
			if byKind[k] == nil {
				byKind[k] = map[outcome]int{}
			}
			for o, n := range counts {
				m[o] += n
				total[o] += n
				byKind[k][o] += n
			}
		}
		cells += len(r.cells)
		mutations += len(r.cases)
		row(fmt.Sprintf("%s (%d, %v)", r.file, len(r.cells), r.elapsed.Round(time.Millisecond)), m)
	}
	b.WriteString("\n")
	header("kind of cell, mutation")
	for _, k := range slices.Sorted(maps.Keys(byKind)) {
		row(k, byKind[k])
	}
	row(fmt.Sprintf("all (%d cells, %d mutations)", cells, mutations), total)

	reasons := map[string]int{}
	for _, r := range results {
		for _, c := range r.cases {
			reasons[fmt.Sprintf("%-12s %s", c.outcome, c.reason)]++
		}
	}
	b.WriteString("\noutcomes by reason:\n")
	for _, o := range outcomes {
		for _, k := range slices.Sorted(maps.Keys(reasons)) {
			if strings.HasPrefix(k, string(o)+" ") {
				fmt.Fprintf(&b, "  %5d  %s\n", reasons[k], k)
			}
		}
	}

	groups := map[string][]string{}
	for _, r := range results {
		for _, c := range r.cases {
			if c.outcome == outSilent {
				key := fmt.Sprintf("%s %s: %s", c.cell.statKind(), c.op, c.reason)
				groups[key] = append(groups[key], r.file+" "+c.cell.Where+" "+strconv.Quote(c.cell.Text))
			}
		}
	}
	b.WriteString("\nsilent outcomes by kind, mutation and reason:\n")
	for _, k := range slices.Sorted(maps.Keys(groups)) {
		fmt.Fprintf(&b, "  %4d  %s\n", len(groups[k]), k)
		for _, e := range groups[k][:min(3, len(groups[k]))] {
			fmt.Fprintf(&b, "          e.g. %s\n", e)
		}
	}
	b.WriteString("\ncells of the survey's sheets passed over without a word (no field read, no problem, no heading, title or furniture):\n")
	for _, r := range results {
		if len(r.unaccounted) == 0 {
			continue
		}
		var list []string
		for _, c := range r.unaccounted {
			list = append(list, fmt.Sprintf("%s (%s) %q", c.Where, c.kind, c.Text))
		}
		fmt.Fprintf(&b, "  %s: %s\n", r.file, strings.Join(list, "; "))
	}
	return b.String()
}

// handRecord is a Record of 区中央部 as the template gives it, with the
// places the reader reads it from; the classifier's tests change copies.
func handRecord() perinet.Record {
	n := 103
	rec := perinet.Record{FiscalYear: 2016, Tier: perinet.Network, Block: "区中央部", Hospital: "愛育病院",
		Started: &perinet.Date{Year: 2010, Month: 2},
		Source: perinet.Source{Where: map[string]string{"fiscal_year": "A2", "block": "C4", "hospital": "C6", "started": "C7",
			"items.1": "C10", "items.3": "C12", "items.3.distributed_to": "D12", "items.7": "C16", "items.7.details": "E16", "items.8": "C17"}}}
	for no := 1; no <= 8; no++ {
		it := perinet.Item{No: no, Mark: perinet.Yes, Details: []string{}}
		switch no {
		case 3:
			it.Counted, it.DistributedTo = true, &n
		case 7:
			it.Details = []string{"NCPR講習会"}
		case 8:
			it.Mark = perinet.Blank
		}
		rec.Items = append(rec.Items, it)
	}
	return rec
}

// cloneRecord returns a deep copy of a Record.
func cloneRecord(r perinet.Record) perinet.Record {
	c := r
	c.Items = nil
	for _, it := range r.Items {
		it.Details = slices.Clone(it.Details)
		c.Items = append(c.Items, it)
	}
	c.Source.Where = maps.Clone(r.Source.Where)
	return c
}

func TestDiffRecords(t *testing.T) {
	r0 := handRecord()
	edit := func(f func(*perinet.Record)) []perinet.Record {
		r := cloneRecord(r0)
		f(&r)
		return []perinet.Record{r}
	}
	tests := []struct {
		name string
		r1   []perinet.Record
		want []string
	}{
		{"same", edit(func(r *perinet.Record) {}), nil},
		{"only the source moved", edit(func(r *perinet.Record) { r.Source.Where["block"] = "D4" }), nil},
		{"details", edit(func(r *perinet.Record) { r.Items[6].Details = nil }), []string{`[0 区中央部] items.7.details: ["NCPR講習会"] → []`}},
		{"count and mark", edit(func(r *perinet.Record) { r.Items[2].DistributedTo = nil; r.Items[0].Mark = perinet.No }),
			[]string{"[0 区中央部] items.1: yes → no", "[0 区中央部] items.3.distributed_to: 103 → null"}},
		{"started", edit(func(r *perinet.Record) { r.Started = nil }), []string{`[0 区中央部] started: {"year":2010,"month":2} → null`}},
		{"group", edit(func(r *perinet.Record) { r.Block, r.Tier, r.Parent = "西多摩", perinet.Subgroup, "多摩地域" }),
			[]string{"[0 区中央部] block: 区中央部 → 西多摩", "[0 区中央部] parent:  → 多摩地域", "[0 区中央部] tier: network → subgroup"}},
		{"an item missing", edit(func(r *perinet.Record) { r.Items = r.Items[:7] }),
			[]string{"[0 区中央部] items.8: blank → (none)", "[0 区中央部] items.8.details: [] → (none)"}},
		{"a record fewer", nil, []string{"records: 1 [区中央部] → 0 []"}},
	}
	for _, tt := range tests {
		var got []string
		for _, d := range diffRecords([]perinet.Record{r0}, tt.r1) {
			got = append(got, d.String())
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: diff\n\t%s\nwant\n\t%s", tt.name, strings.Join(got, "\n\t"), strings.Join(tt.want, "\n\t"))
		}
	}
}

func TestClassify(t *testing.T) {
	_, j := newJudge(t)
	r0 := handRecord()
	edit := func(f func(*perinet.Record)) []perinet.Record {
		r := cloneRecord(r0)
		f(&r)
		return []perinet.Record{r}
	}
	same := edit(func(*perinet.Record) {})
	warn := func(where string) perinet.Problem {
		return perinet.Problem{Severity: perinet.Warning, Code: "unread_cell", Where: where, Text: "x"}
	}
	fail := func(where string) perinet.Problem {
		return perinet.Problem{Severity: perinet.Error, Code: perinet.MissingItem, Where: where}
	}
	tests := []struct {
		name    string
		where   string
		mayStay bool
		p0      []perinet.Problem
		r1      []perinet.Record
		p1      []perinet.Problem
		want    outcome
	}{
		{"a problem names the cell", "C7", false, nil, edit(func(r *perinet.Record) { r.Started = nil }), []perinet.Problem{warn("C7")}, outNamed},
		{"a problem names the cell, records as they were", "A1", false, nil, same, []perinet.Problem{warn("A1")}, outNamed},
		{"the baseline's problem at the cell is gone", "G12", false, []perinet.Problem{warn("G12")}, same, nil, outNamed},
		{"the baseline's problem elsewhere stays", "A1", false, []perinet.Problem{warn("G12")}, same, []perinet.Problem{warn("G12")}, outSilent},
		{"details read from the cell", "E16", false, nil, edit(func(r *perinet.Record) { r.Items[6].Details = []string{testText} }), nil, outExact},
		{"mark read from the cell", "C10", false, nil, edit(func(r *perinet.Record) { r.Items[0].Mark = perinet.Blank }), nil, outExact},
		{"a free-text item's details beside its mark", "C17", false, nil, edit(func(r *perinet.Record) { r.Items[7].Details = []string{testText} }), nil, outExact},
		{"a note in place of the count", "D12", false, nil, edit(func(r *perinet.Record) { r.Items[2].DistributedTo = nil; r.Items[2].Details = []string{testText} }), nil, outExact},
		{"details from a mark cell of an item that is no free text", "C12", false, nil, edit(func(r *perinet.Record) { r.Items[2].Details = []string{testText} }), nil, outSilent},
		{"a field newly read from the cell", "E17", false, nil, edit(func(r *perinet.Record) {
			r.Items[7].Details = []string{testText}
			r.Source.Where["items.8.details"] = "E17"
		}), nil, outExact},
		{"another group: block, tier and parent from its name", "C4", false, nil, edit(func(r *perinet.Record) {
			r.Block, r.Tier, r.Parent = "西多摩", perinet.Subgroup, "多摩地域"
		}), nil, outExact},
		{"another group, and its hospital too", "C4", false, nil, edit(func(r *perinet.Record) {
			r.Block, r.Tier, r.Parent, r.Hospital = "西多摩", perinet.Subgroup, "多摩地域", "青梅市立総合病院"
		}), nil, outSilent},
		{"the cell's field and one more", "E16", false, nil, edit(func(r *perinet.Record) {
			r.Items[6].Details = nil
			r.Items[3].Details = []string{testText}
		}), nil, outSilent},
		{"a heading deleted, the value under it named", "B7", true, nil, edit(func(r *perinet.Record) { r.Started = nil }), []perinet.Problem{warn("C7")}, outAccounted},
		{"a heading deleted, one value named, one not", "E9", true, nil, edit(func(r *perinet.Record) {
			r.Items[6].Details = nil
			r.Items[0].Mark = perinet.Blank
		}), []perinet.Problem{warn("E16")}, outSilent},
		{"records differ, an error elsewhere", "B10", true, nil, edit(func(r *perinet.Record) { r.Items[0].Mark = perinet.Blank }), []perinet.Problem{fail("")}, outRejected},
		{"records the same, an error elsewhere", "B17", true, nil, same, []perinet.Problem{fail("")}, outRejected},
		{"nothing changed, as may be", "B9", true, nil, same, nil, outUnchangedOK},
		{"nothing changed, as may be, the baseline's problems kept", "B9", true, []perinet.Problem{warn("G12")}, same, []perinet.Problem{warn("G12")}, outUnchangedOK},
		{"nothing changed, as may not be", "C5", false, nil, same, nil, outSilent},
		{"nothing changed but a warning elsewhere", "B9", true, nil, same, []perinet.Problem{warn("C7")}, outSilent},
		{"records differ beyond the cell, no problem", "E9", true, nil, edit(func(r *perinet.Record) { r.Items[6].Details = []string{} }), nil, outSilent},
		{"records differ beyond the cell, a warning elsewhere", "B6", true, nil, edit(func(r *perinet.Record) { r.Hospital = "" }), []perinet.Problem{warn("")}, outSilent},
		{"a record lost, no problem", "A11", false, nil, nil, nil, outSilent},
		{"a record lost, an error", "A11", false, nil, nil, []perinet.Problem{fail("")}, outRejected},
	}
	for _, tt := range tests {
		v := j.classify(tt.where, tt.mayStay, []perinet.Record{r0}, tt.p0, tt.r1, tt.p1)
		if v.outcome != tt.want {
			t.Errorf("%s: %s (%s), want %s; diff %v", tt.name, v.outcome, v.reason, tt.want, v.diff)
		}
	}
}

func TestMayStay(t *testing.T) {
	tests := []struct {
		kind               kind
		op                 string
		wasSource, outside bool
		want               bool
	}{
		{kindHeading, opDelete, false, false, true},
		{kindHeading, opChange, false, false, true},
		{kindItemLabel, opChange, false, false, true},
		{kindFurniture, opChange, false, false, true},
		{kindTitle, opDelete, false, false, true},
		{kindTitle, opChange, false, false, false},
		{kindFreeText, opDelete, false, false, false},
		{kindFreeText, opChange, false, false, false},
		{kindTier, opDelete, false, false, true}, // the tier is the group's; a written one only checks it
		{kindTier, opChange, false, false, false},
		{kindMark, opChange, true, false, false},
		{kindHeading, opDelete, true, false, false}, // read into a field: never unchanged
		{kindBlock, opChange, false, true, true},    // on a page that is no survey
	}
	for _, tt := range tests {
		if got := mayStay(tt.kind, tt.op, tt.wasSource, tt.outside); got != tt.want {
			t.Errorf("mayStay(%s, %s, source %v, outside %v) = %v, want %v", tt.kind, tt.op, tt.wasSource, tt.outside, got, tt.want)
		}
	}
}

func TestMutated(t *testing.T) {
	date := &perinet.DateCell{Serial: 40210}
	g := &perinet.Grid{Sheets: []perinet.Sheet{{Name: "S", Rows: [][]perinet.Cell{
		{{Text: "題", Where: "S!A1"}, {Text: "題", Where: "S!A1", Merged: true}, {Text: "題", Where: "S!A1", Merged: true}},
		{{Text: "40210", Where: "S!A2", Date: date}, {Text: "○", Where: "S!B2"}},
	}}}}
	m := mutated(g, "S!A1", testText, nil)
	for j, c := range m.Sheets[0].Rows[0] {
		if c.Text != testText || c.Where != "S!A1" {
			t.Errorf("merged cell %d after the change: %+v, want %q at S!A1", j, c, testText)
		}
	}
	if c := g.Sheets[0].Rows[0][2]; c.Text != "題" {
		t.Errorf("the original Grid changed: %+v", c)
	}
	m = mutated(g, "S!A2", "", nil)
	if c := m.Sheets[0].Rows[1][0]; c.Text != "" || c.Date != nil {
		t.Errorf("deleted date cell: %+v, want no text and no date", c)
	}
	m.Sheets[0].Rows[1][1].Text = "×"
	if g.Sheets[0].Rows[1][1].Text != "○" || g.Sheets[0].Rows[1][0].Date != date || date.Serial != 40210 {
		t.Errorf("the copy shares cells with the original")
	}
}

// readForm reads a fixture into a Grid.
func readForm(t *testing.T, path string) *perinet.Grid {
	t.Helper()
	g, problems := ingest.File(path, ingest.DefaultLimits())
	if len(problems) > 0 {
		t.Fatalf("ingest.File(%s): %+v", path, problems)
	}
	return g
}

// TestSilentLossSeesEveryKind checks that the test does not pass for want
// of cells: on the template, every cell is mutated twice, and each kind
// of cell is recognised where the template puts it.
func TestSilentLossSeesEveryKind(t *testing.T) {
	kinds, j := newJudge(t)
	g := readForm(t, "../fixtures/fy2016/form-01-kuchuobu.xlsx")
	res := silentLoss("form-01", g, newRealReader(t), kinds, j)
	if len(res.cells) != 33 || len(res.cases) != 2*len(res.cells) {
		t.Errorf("%d cells, %d mutations; want 33 cells (a merged range once), each mutated twice", len(res.cells), len(res.cases))
	}
	want := map[string]kind{"調査票!A1": kindTitle, "調査票!A2": kindFiscalYear, "調査票!B4": kindHeading, "調査票!C4": kindBlock,
		"調査票!C5": kindTier, "調査票!C6": kindHospital, "調査票!C7": kindDate, "調査票!B10": kindItemLabel, "調査票!C10": kindMark,
		"調査票!D12": kindCount, "調査票!E13": kindFreeText, "調査票!E16": kindFreeText}
	for _, c := range res.cells {
		if k, ok := want[c.Where]; ok && c.kind != k {
			t.Errorf("%s %q is a %s, want %s", c.Where, c.Text, c.kind, k)
		}
		if c.outside {
			t.Errorf("%s is outside the survey's sheets", c.Where)
		}
	}
}

// TestSilentLossFindsLossyReader proves that the test can fail: readers
// that lose a value, each in its own way, give silent outcomes at the
// cells they lose, where the reader of this package gives none.
func TestSilentLossFindsLossyReader(t *testing.T) {
	kinds, j := newJudge(t)
	g := readForm(t, "../fixtures/fy2016/form-01-kuchuobu.xlsx")
	real := newRealReader(t)
	lossy := func(lose func(*perinet.Record)) readFunc {
		return func(g *perinet.Grid) ([]perinet.Record, []perinet.Problem) {
			recs, problems := real(g)
			for i := range recs {
				lose(&recs[i])
			}
			return recs, problems
		}
	}
	tests := []struct {
		name   string
		read   readFunc
		silent []string // cell and mutation
	}{
		{"drops item 7's details, keeps their place", lossy(func(r *perinet.Record) { r.Items[6].Details = []string{} }),
			[]string{"調査票!E16 delete", "調査票!E16 change"}},
		{"drops item 7's details and their place", lossy(func(r *perinet.Record) {
			r.Items[6].Details = []string{}
			delete(r.Source.Where, "items.7.details")
		}), []string{"調査票!E16 delete", "調査票!E16 change"}},
		{"never reads the facility count", lossy(func(r *perinet.Record) {
			r.Items[2].DistributedTo = nil
			delete(r.Source.Where, "items.3.distributed_to")
		}), []string{"調査票!D12 delete", "調査票!D12 change"}},
		{"takes the hospital from the group", lossy(func(r *perinet.Record) {
			for _, b := range kinds.survey.Blocks {
				if b.Name == r.Block {
					r.Hospital = b.Hospital
				}
			}
		}), []string{"調査票!C6 change"}},
	}
	baseline := silentCases(silentLoss("form-01", g, real, kinds, j))
	for _, tt := range tests {
		got := silentCases(silentLoss("form-01", g, tt.read, kinds, j))
		for _, c := range tt.silent {
			if !slices.Contains(got, c) {
				t.Errorf("%s: %s is not silent; silent cases %v", tt.name, c, got)
			}
			if slices.Contains(baseline, c) {
				t.Errorf("%s: %s is silent with the real reader too, so it proves nothing", tt.name, c)
			}
		}
	}
}

// silentCases lists the silent cases of a run as "cell mutation".
func silentCases(res fixtureResult) []string {
	var out []string
	for _, c := range res.cases {
		if c.outcome == outSilent {
			out = append(out, c.cell.Where+" "+c.op)
		}
	}
	return out
}

// absentRow reports whether a row is a report's row of a group with no
// Record: it says 未提出 or 不受理 in a cell of its own.
func absentRow(row []perinet.Cell) bool {
	for _, c := range row {
		if t := normalize.Clean(c.Text); t == "未提出" || t == "不受理" {
			return true
		}
	}
	return false
}
