package nightly

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"perinet"
	"perinet/intake"
	"perinet/store"
)

// past is what the ledger already knows of an arrival's bytes.
type past struct {
	first *store.FileEntry // the first file with these bytes; nil when they are new
	// kin are the files whose SHA-256 begins with the same 8 hex digits,
	// these bytes' among them: the files whose copies' names this
	// arrival's copy must not take (copyName).
	kin  []store.FileEntry
	self *store.FileEntry // this very arrival, recorded by a run that crashed before it removed the file from the inbox
}

// past looks the arrival's bytes up in the ledger.
func (r *run) past(ctx context.Context, a *arrival) (past, error) {
	kin, err := r.store.FilesByHash(ctx, a.sha256[:8])
	if err != nil {
		return past{}, err
	}
	p := past{kin: kin}
	for i, e := range kin {
		if e.SHA256 != a.sha256 {
			continue
		}
		if p.first == nil && e.Outcome != store.Duplicate {
			p.first = &kin[i]
		}
		if e.Name == a.name && e.Arrived.Equal(a.arrived) {
			p.self = &kin[i]
		}
	}
	return p, nil
}

// record keeps a new arrival's copy and receipt where its outcome puts
// them, then adds it to the store.
func (r *run) record(ctx context.Context, a *arrival, rd reading, p past) error {
	outcome, state, fy := store.Accepted, store.Accepted, maxYear(rd.records)
	switch {
	case p.first != nil:
		outcome, state, fy = store.Duplicate, p.first.Outcome, intake.GroupsYear(p.first.Groups)
	case perinet.HasError(rd.problems):
		outcome, state = store.Rejected, store.Rejected
	}
	name := copyName(store.FileEntry{Name: a.name, SHA256: a.sha256, Arrived: a.arrived}, p.kin)
	path := filepath.Join(r.folder(state, fy), name)
	rc := receipt{arrival: a, reading: rd, outcome: outcome, first: p.first, survey: r.survey, submitTo: r.o.SubmitTo, deadline: r.o.Deadline}
	if outcome == store.Rejected {
		last, err := r.lastYear(ctx, rd.records)
		if err != nil {
			return err
		}
		rc.lastYear = last
	}
	if err := r.keep(a, path, rc, false); err != nil {
		return err
	}
	e, err := r.store.Add(ctx, store.NewFile{SHA256: a.sha256, Name: a.name, Size: a.size, Arrived: a.arrived},
		rd.records, rd.problems)
	if err != nil {
		return err
	}
	if e.Outcome != outcome {
		return fmt.Errorf("%s: the store recorded it as %s, not %s", a.name, e.Outcome, outcome)
	}
	r.tally(a, e, path, len(rd.problems), false)
	return r.at("added", a.name)
}

// resume finishes an arrival an earlier run recorded but did not remove
// from the inbox: its copy and receipt are written only where missing,
// and nothing is added to the store.
func (r *run) resume(a *arrival, rd reading, p past) error {
	e := *p.self
	state := e.Outcome
	if e.Outcome == store.Duplicate {
		state = p.first.Outcome
	}
	name := copyName(e, p.kin)
	path := filepath.Join(r.folder(state, intake.GroupsYear(e.Groups)), name)
	rc := receipt{arrival: a, reading: rd, outcome: e.Outcome, first: p.first, survey: r.survey, submitTo: r.o.SubmitTo, deadline: r.o.Deadline}
	if err := r.keep(a, path, rc, true); err != nil {
		return err
	}
	r.tally(a, e, path, len(e.Problems), true)
	return nil
}

// lastYear returns the Record the store holds of the year before for the
// one group records are of, to show the hospital what it wrote then; nil
// for a file of several groups, or of a group the store has no Record of
// the year before.
func (r *run) lastYear(ctx context.Context, records []perinet.Record) (*perinet.Record, error) {
	if len(records) != 1 || records[0].FiscalYear == 0 {
		return nil, nil
	}
	prev, err := r.store.Records(ctx, records[0].FiscalYear-1)
	if err != nil {
		return nil, err
	}
	for _, p := range prev {
		if p.Block == records[0].Block {
			return &p, nil
		}
	}
	return nil, nil
}

// folder is where a file is kept: the archive of its fiscal year when
// accepted (or a duplicate of an accepted file), else rejected/.
func (r *run) folder(state store.Outcome, fy int) string {
	if state == store.Accepted {
		return r.work.archive(fy)
	}
	return r.work.rejected()
}

// maxYear is the latest fiscal year of the records, 0 when none has one:
// the archive folder of a file.
func maxYear(records []perinet.Record) int {
	fy := 0
	for _, rec := range records {
		fy = max(fy, rec.FiscalYear)
	}
	return fy
}

// keep puts the staged copy at path and its receipt beside it, each
// synced, then syncs their folder once for both, and removes what a
// crashed run may have left for the same arrival elsewhere. With
// onlyMissing, what is already there stays.
func (r *run) keep(a *arrival, path string, rc receipt, onlyMissing bool) error {
	placed := false
	for _, f := range []struct {
		path  string
		write func() error
	}{
		{path, func() error { return renameFile(a.staged, path) }},
		{receiptPath(path), func() error { return placeFile(receiptPath(path), r.work.tmp(), rc.bytes()) }},
	} {
		if onlyMissing {
			if ok, err := exists(f.path); err != nil || ok {
				if err != nil {
					return err
				}
				continue
			}
		}
		if err := f.write(); err != nil {
			return fmt.Errorf("keep %s: %w", a.name, err)
		}
		placed = true
		if err := r.at("kept", f.path); err != nil {
			return err
		}
	}
	if placed {
		if err := syncFolder(filepath.Dir(path)); err != nil {
			return fmt.Errorf("keep %s: %w", a.name, err)
		}
	}
	return r.removeStale(path)
}

// removeStale removes the copies of an arrival, and their receipts, that
// lie elsewhere than at kept: left by a run that crashed before recording
// the file, when the file then read otherwise (another day's date in the
// future, a hospital alias added) and so belongs elsewhere now.
func (r *run) removeStale(kept string) error {
	name := filepath.Base(kept)
	dirs := []string{r.work.rejected()}
	years, err := os.ReadDir(r.work.archives())
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("read %s: %w", r.work.archives(), err)
	}
	for _, y := range years {
		if y.IsDir() {
			dirs = append(dirs, filepath.Join(r.work.archives(), y.Name()))
		}
	}
	for _, dir := range dirs {
		path := filepath.Join(dir, name)
		if path == kept {
			continue
		}
		for _, p := range []string{path, receiptPath(path)} {
			if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("remove the stale %s: %w", p, err)
			}
		}
	}
	return nil
}

// tally counts a taken file in the summary and logs it, with its
// outcome in Japanese: a file an earlier run recorded (again) as 記録済み.
func (r *run) tally(a *arrival, e store.FileEntry, path string, problems int, again bool) {
	res := FileResult{Name: a.name, Outcome: e.Outcome, Path: path, Receipt: receiptPath(path), Groups: len(e.Groups),
		Problems: problems, AlreadyRecorded: again}
	r.sum.Files = append(r.sum.Files, res)
	msg, outcome := outcomeText[e.Outcome], outcomeWord[e.Outcome]
	switch {
	case again:
		r.sum.AlreadyRecorded++
		msg = "前回までに記録済みのファイルです（前回の結果は" + outcome + "）。記録し直しません"
		outcome = outcomeAlreadyRecorded
	case e.Outcome == store.Accepted:
		r.sum.Accepted++
	case e.Outcome == store.Rejected:
		r.sum.Rejected++
	case e.Outcome == store.Duplicate:
		r.sum.Duplicate++
	}
	var groups []string
	for _, g := range e.Groups {
		groups = append(groups, fmt.Sprintf("%d年度 %s", g.FiscalYear, g.Block))
		if g.Supersedes != 0 && !again {
			r.sum.Superseded++
		}
	}
	r.log.Info(msg, "file", a.name, "outcome", outcome, "groups", groups, "problems", problems, "path", r.work.rel(path))
}

// outcomeText says an outcome to the secretariat, in the log.
var outcomeText = map[store.Outcome]string{
	store.Accepted:  "受け付けました",
	store.Rejected:  "エラーがあるため受け付けられません",
	store.Duplicate: "以前に受け付けたファイルと同じ内容です",
}

// outcomeWord names an outcome in a word, as the log's outcome and the
// run's summary say it.
var outcomeWord = map[store.Outcome]string{
	store.Accepted:  "受付",
	store.Rejected:  "不受理",
	store.Duplicate: "重複",
}

// The log's outcomes of files that were not recorded by this run.
const (
	outcomeSkipped         = "次回に回した"
	outcomeAlreadyRecorded = "記録済み"
	outcomeIgnored         = "対象外"
)

// removeFromInbox removes a file that is kept and recorded, unless the
// run keeps the inbox (Options.Keep), and then its staged copy.
func (r *run) removeFromInbox(a *arrival) {
	if !r.o.Keep {
		r.removeInboxFile(a)
	}
	if err := os.RemoveAll(filepath.Dir(a.staged)); err != nil {
		r.log.Warn("一時フォルダを削除できませんでした", "path", filepath.Dir(a.staged), "error", err)
	}
}

// removeInboxFile removes an inbox file unless it changed since it was
// read (a new file saved under the same name: the next run takes it). A
// failure (Windows refuses while Excel has the file open) only delays the
// removal to the next run, which finds the file recorded and removes it.
func (r *run) removeInboxFile(a *arrival) {
	now, err := os.Lstat(a.path)
	if err == nil && (!os.SameFile(a.info, now) || now.Size() != a.size || !now.ModTime().Equal(a.arrived)) {
		r.log.Warn("受け付けた後に同じ名前のファイルが置かれたため、次回に受け付けます", "file", a.name)
		return
	}
	if err == nil {
		err = os.Remove(a.path)
	}
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		r.log.Warn("受け付けましたが、受付フォルダから削除できませんでした（次回に削除します）", "file", a.name, "error", err)
	}
}
