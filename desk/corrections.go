package desk

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"perinet"
	"perinet/config"
	"perinet/intake"
	"perinet/nightly"
	"perinet/normalize"
	"perinet/store"
)

// lockedMessage is what a page says when a change waits for the nightly
// run.
const lockedMessage = "夜間の処理中です。しばらくしてからもう一度してください（何も変えていません）。"

// A correctionPage is a group's Record of a fiscal year, as it stands
// with the corrections in force, with a form to correct one field and
// every correction of the group and year.
type correctionPage struct {
	FiscalYear  int
	Block       string
	File        store.FileEntry // the file whose Record stands
	Fields      []fieldValue
	Corrections []correctionRow
	Form        correctionForm // what was typed, given back with Refused
	Refused     string         // why the form's correction was refused
	Done        string         // what the last change did
}

// A fieldValue is one field of the Record, as it stands.
type fieldValue struct {
	Field, Label, Text string
	Corrected          bool // a correction in force changed it
}

// A correctionRow is one correction with how it stands.
type correctionRow struct {
	perinet.Correction
	Label   string
	InForce bool // applies to the Record that stands
	Earlier bool // not withdrawn, but made for a file that no longer stands
}

// A correctionForm is what the correction form sends.
type correctionForm struct{ Field, Value, Reason, Who string }

// corrections shows the correction page of a group and year.
func (d *Desk) corrections(w http.ResponseWriter, r *http.Request) {
	d.correctionPage(w, r, http.StatusOK, correctionForm{}, "", r.URL.Query().Get("done"))
}

// correctionPage renders the correction page with a form given back and
// a message.
func (d *Desk) correctionPage(w http.ResponseWriter, r *http.Request, status int, form correctionForm, refused, done string) {
	l, p, ok := d.correctionTarget(w, r)
	if !ok {
		return
	}
	rec, _ := l.Record(p.FiscalYear, p.Block)
	inForce := map[string]bool{}
	for _, c := range l.InForce(p.FiscalYear) {
		if c.Block == p.Block {
			inForce[c.Field] = true
		}
	}
	for _, f := range recordFields(rec) {
		p.Fields = append(p.Fields, fieldValue{Field: f, Label: fieldLabel(f), Text: fieldText(rec, f), Corrected: inForce[f]})
	}
	for _, c := range l.Corrections(p.FiscalYear) {
		if c.Block != p.Block {
			continue
		}
		in := c.Withdrawn == nil && c.File == p.File.ID
		p.Corrections = append(p.Corrections, correctionRow{Correction: c, Label: fieldLabel(c.Field), InForce: in,
			Earlier: c.Withdrawn == nil && !in})
	}
	p.Form, p.Refused, p.Done = form, refused, done
	d.render(w, r, "corrections", status, frame{Title: p.Block + "の修正", Year: p.FiscalYear, Page: p})
}

// correctionTarget reads the year and group of a request's path, with
// the ledger, or answers 404 when no Record of the group stands that
// year.
func (d *Desk) correctionTarget(w http.ResponseWriter, r *http.Request) (*intake.Ledger, correctionPage, bool) {
	l, err := d.ledger(r.Context())
	if err != nil {
		d.storeFailed(w, r, err)
		return nil, correctionPage{}, false
	}
	fy, err := strconv.Atoi(r.PathValue("year"))
	p := correctionPage{FiscalYear: fy, Block: r.PathValue("name")}
	id := l.Standing(fy, p.Block)
	for _, e := range l.All {
		if e.ID == id && err == nil {
			p.File = e
			return l, p, true
		}
	}
	d.fail(w, r, http.StatusNotFound, "その年度に受け付けたそのグループの回答はありません。", nil)
	return nil, correctionPage{}, false
}

// correct records a correction of one field of the Record that stands,
// with its reason, when the value reads as the field's parser reads a
// form; else it gives the form back with the parser's message.
func (d *Desk) correct(w http.ResponseWriter, r *http.Request) {
	l, p, ok := d.correctionTarget(w, r)
	if !ok {
		return
	}
	form := correctionForm{Field: r.PostFormValue("field"), Value: r.PostFormValue("value"),
		Reason: strings.TrimSpace(r.PostFormValue("reason")), Who: strings.TrimSpace(r.PostFormValue("who"))}
	rec, _ := l.Record(p.FiscalYear, p.Block)
	c, refused := d.newCorrection(rec, form)
	if refused != "" {
		d.correctionPage(w, r, http.StatusUnprocessableEntity, form, refused, "")
		return
	}
	c.File = p.File.ID
	d.changeThen(w, r, p, func(st *store.Store) (string, error) {
		c, err := st.AddCorrection(r.Context(), c)
		d.o.Log.Info("correction", "id", c.ID, "year", c.FiscalYear, "group", c.Block, "field", c.Field,
			"old", c.Old, "new", c.New, "who", c.Who, "reason", c.Reason, "file", c.File, "error", err)
		return fmt.Sprintf("%sを「%s」に修正しました。", fieldLabel(c.Field), c.New), err
	})
}

// newCorrection makes the correction a form asks for, or says why it is
// refused: no reason, no name, a field the Record lacks, or a value the
// field's parser refuses (its message).
func (d *Desk) newCorrection(rec perinet.Record, form correctionForm) (perinet.Correction, string) {
	switch {
	case form.Reason == "":
		return perinet.Correction{}, "修正の理由を書いてください。"
	case form.Who == "":
		return perinet.Correction{}, "修正した人の名前を書いてください。"
	}
	kind := normalize.FieldKind(form.Field)
	if kind == "" || !slices.Contains(recordFields(rec), form.Field) {
		return perinet.Correction{}, "修正する欄を選んでください。"
	}
	parse, err := normalize.ParserFor(kind, d.names, d.o.Now())
	if err != nil {
		return perinet.Correction{}, err.Error()
	}
	v, problem := parse(form.Value)
	if problem != nil && problem.Severity == perinet.Error {
		return perinet.Correction{}, problem.Message
	}
	if _, note := v.(map[string]string); note {
		return perinet.Correction{}, "施設数は数字で書いてください（" + form.Value + "）。"
	}
	if kind == "hospital" && v == nil && problem != nil {
		return perinet.Correction{}, problem.Message
	}
	value, err := json.Marshal(v)
	if err != nil {
		return perinet.Correction{}, err.Error()
	}
	c := perinet.Correction{FiscalYear: rec.FiscalYear, Block: rec.Block, Field: form.Field, Value: value,
		Old: fieldText(rec, form.Field), Reason: form.Reason, Who: form.Who, At: d.o.Now()}
	after := rec
	if err := c.Apply(&after); err != nil {
		return perinet.Correction{}, "この欄はこの値に修正できません（" + err.Error() + "）。"
	}
	c.New = fieldText(after, form.Field)
	return c, ""
}

// withdraw records that a correction no longer applies.
func (d *Desk) withdraw(w http.ResponseWriter, r *http.Request) {
	_, p, ok := d.correctionTarget(w, r)
	if !ok {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	who := strings.TrimSpace(r.PostFormValue("who"))
	if err != nil || who == "" {
		d.correctionPage(w, r, http.StatusUnprocessableEntity, correctionForm{}, "取り下げた人の名前を書いてください。", "")
		return
	}
	wd := perinet.Withdrawal{Who: who, At: d.o.Now(), Reason: strings.TrimSpace(r.PostFormValue("reason"))}
	d.changeThen(w, r, p, func(st *store.Store) (string, error) {
		err := st.WithdrawCorrection(r.Context(), id, wd)
		d.o.Log.Info("correction withdrawn", "id", id, "year", p.FiscalYear, "group", p.Block, "who", wd.Who,
			"reason", wd.Reason, "error", err)
		if errors.Is(err, store.ErrNoCorrection) {
			return "その修正は取り下げ済みです。", nil
		}
		return fmt.Sprintf("修正 %d を取り下げました。", id), err
	})
}

// reapply makes a correction made for an earlier file again, for the
// file whose Record stands now, with its value and reason.
func (d *Desk) reapply(w http.ResponseWriter, r *http.Request) {
	l, p, ok := d.correctionTarget(w, r)
	if !ok {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	who := strings.TrimSpace(r.PostFormValue("who"))
	if who == "" {
		d.correctionPage(w, r, http.StatusUnprocessableEntity, correctionForm{}, "修正した人の名前を書いてください。", "")
		return
	}
	var c perinet.Correction
	for _, e := range l.Corrections(p.FiscalYear) {
		if e.ID == id && e.Block == p.Block && e.Withdrawn == nil && e.File != p.File.ID {
			c = e
		}
	}
	rec, _ := l.Record(p.FiscalYear, p.Block)
	after := rec
	if c.ID == 0 || c.Apply(&after) != nil {
		d.correctionPage(w, r, http.StatusUnprocessableEntity, correctionForm{}, "その修正は今のファイルにはあてられません。", "")
		return
	}
	c.ID, c.File, c.Who, c.At = 0, p.File.ID, who, d.o.Now()
	c.Old, c.New = fieldText(rec, c.Field), fieldText(after, c.Field)
	c.Reason += fmt.Sprintf("（修正 %d を今のファイルにあて直し）", id)
	d.changeThen(w, r, p, func(st *store.Store) (string, error) {
		c, err := st.AddCorrection(r.Context(), c)
		d.o.Log.Info("correction made again", "id", c.ID, "of", id, "year", c.FiscalYear, "group", c.Block,
			"field", c.Field, "who", c.Who, "file", c.File, "error", err)
		return fmt.Sprintf("%sの修正を今のファイルにあてました。", fieldLabel(c.Field)), err
	})
}

// changeThen makes a change to the store and shows the correction page
// again (303, so that reloading it changes nothing), or says that the
// nightly run holds the store.
func (d *Desk) changeThen(w http.ResponseWriter, r *http.Request, p correctionPage, f func(*store.Store) (string, error)) {
	var done string
	err := d.change(r.Context(), func(st *store.Store) error {
		var err error
		done, err = f(st)
		return err
	})
	switch {
	case errors.Is(err, nightly.ErrLocked):
		d.correctionPage(w, r, http.StatusServiceUnavailable, correctionForm{}, lockedMessage, "")
		return
	case err != nil:
		d.fail(w, r, http.StatusInternalServerError, "記録（perinet.db）に書き込めませんでした。何も変えていません。", err)
		return
	}
	http.Redirect(w, r, correctionURL(p.FiscalYear, p.Block)+"?done="+url.QueryEscape(done), http.StatusSeeOther)
}

// change runs f on the store opened for writing, only for the change,
// under the nightly run's lock: ErrLocked when a run holds it. Each of
// the store's changes is one transaction.
func (d *Desk) change(ctx context.Context, f func(*store.Store) error) (err error) {
	unlock, err := nightly.Lock(d.o.Work)
	if err != nil {
		return err
	}
	defer unlock()
	st, err := store.Open(ctx, filepath.Join(d.o.Work, config.StoreFile))
	if err != nil {
		return err
	}
	defer func() {
		if cerr := st.Close(); err == nil {
			err = cerr
		}
	}()
	return f(st)
}

// remake brings a year's reports up to date with the store, corrections
// and all, with the nightly run's code (nightly.WriteReports).
func (d *Desk) remake(w http.ResponseWriter, r *http.Request) {
	fy, err := strconv.Atoi(r.PostFormValue("year"))
	if err != nil || fy <= 0 {
		d.fail(w, r, http.StatusBadRequest, "作り直す年度がわかりません。", err)
		return
	}
	o := d.o.Reports
	o.Work, o.Survey, o.Log = d.o.Work, d.survey, d.o.Log
	sum, err := nightly.WriteReports(r.Context(), o, fy)
	switch {
	case errors.Is(err, nightly.ErrLocked):
		d.fail(w, r, http.StatusServiceUnavailable, lockedMessage, nil)
		return
	case err != nil:
		d.fail(w, r, http.StatusInternalServerError, "報告書を作り直せませんでした。", err)
		return
	}
	d.o.Log.Info("reports remade", "year", fy, "reports", sum.Reports, "published", sum.Published)
	done := "報告書は記録と同じ内容で、作り直す必要はありませんでした。"
	if len(sum.Reports) > 0 {
		done = "報告書を作り直しました。"
	}
	http.Redirect(w, r, "/reports?done="+url.QueryEscape(done), http.StatusSeeOther)
}

// correctionURL is the correction page of a group and year.
func correctionURL(fy int, block string) string {
	return fmt.Sprintf("/corrections/%d/%s", fy, url.PathEscape(block))
}

// recordFields lists the fields of a Record a correction may change, in
// the form's order.
func recordFields(r perinet.Record) []string {
	fields := []string{"hospital", "started"}
	for _, it := range r.Items {
		fields = append(fields, fmt.Sprintf("items.%d", it.No))
		if it.Counted {
			fields = append(fields, fmt.Sprintf("items.%d.distributed_to", it.No))
		}
		fields = append(fields, fmt.Sprintf("items.%d.details", it.No))
	}
	return fields
}

// fieldLabel names a field as the form heads it; a mark is 項目Nの実施.
func fieldLabel(field string) string {
	if normalize.FieldKind(field) == "mark" {
		return perinet.FieldLabel(field) + "の実施"
	}
	return perinet.FieldLabel(field)
}

// fieldText writes a field of r as people read it: a name, an era date,
// a mark, a number, the lines of the details joined by ／; "" when empty.
func fieldText(r perinet.Record, field string) string {
	switch field {
	case "hospital":
		return r.Hospital
	case "started":
		if r.Started == nil {
			return ""
		}
		return normalize.EraText(*r.Started)
	}
	parts := strings.Split(field, ".")
	if len(parts) < 2 {
		return ""
	}
	no, _ := strconv.Atoi(parts[1])
	for _, it := range r.Items {
		if it.No != no {
			continue
		}
		switch {
		case len(parts) == 2:
			return it.Mark.Symbol()
		case parts[2] == "distributed_to" && it.DistributedTo != nil:
			return strconv.Itoa(*it.DistributedTo)
		case parts[2] == "details":
			return strings.Join(it.Details, "／")
		}
	}
	return ""
}
