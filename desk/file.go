package desk

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path/filepath"
	"slices"
	"strings"

	"perinet"
	"perinet/ingest"
	"perinet/ingest/pdf"
	"perinet/ingest/pdf/table"
	"perinet/intake"
	"perinet/nightly"
	"perinet/store"
)

// maxReceipt bounds the receipt read: a receipt of the nightly run is a
// few kilobytes.
const maxReceipt = 1 << 20

// A filePage is one submission: the form as the hospital made it beside
// what was read from it.
type filePage struct {
	Entry    store.FileEntry
	State    store.Outcome     // where the file is kept: its outcome, or that of the file it repeats
	First    *store.FileEntry  // for a duplicate, the file it repeats
	Twins    []store.FileEntry // the other arrivals of the same bytes, First aside
	Groups   []heldGroup
	Records  []recordView
	Problems []problemView
	Sheets   []sheetView
	Pages    []pageView // a PDF's pages, drawn
	Format   string     // as ingest names it
	FormNote string     // why the form is not drawn, or how it is
	Kept     string     // the kept copy, relative to the work folder
	Receipt  string     // the receipt's text; "" when it is not there
	Errors   int
	Warnings int
}

// A heldGroup is a group read from a file, with the files it replaced and
// that replaced it, and the file whose Record of the group the report
// uses, when it is another.
type heldGroup struct {
	store.Group
	Supersedes, SupersededBy, Standing *store.FileEntry
}

// A recordView is one Record of a submission.
type recordView struct {
	perinet.Record
	Fields []fieldView
}

// file shows a submission by its ledger ID.
func (d *Desk) file(w http.ResponseWriter, r *http.Request) {
	l, err := d.ledger(r.Context())
	if err != nil {
		d.storeFailed(w, r, err)
		return
	}
	e, ok := d.entry(w, r, l)
	if !ok {
		return
	}
	p := filePage{Entry: e, State: l.State(e)}
	p.Errors, p.Warnings = perinet.Tally(e.Problems)
	holder := e.ID // the file whose Records are stored: a duplicate's are its first's
	kin, err := d.o.Store.FilesByHash(r.Context(), e.SHA256[:8])
	if err != nil {
		d.storeFailed(w, r, err)
		return
	}
	for i, t := range kin {
		switch {
		case t.SHA256 != e.SHA256:
		case t.ID == e.DuplicateOf:
			p.First, holder = &kin[i], t.ID
		case t.ID != e.ID:
			p.Twins = append(p.Twins, t)
		}
	}
	for _, g := range e.Groups {
		h := heldGroup{Group: g, Supersedes: byID(l, g.Supersedes), SupersededBy: byID(l, g.SupersededBy)}
		for i, f := range l.Files[g.FiscalYear] {
			for _, fg := range f.Groups {
				if fg.Block == g.Block && fg.FiscalYear == g.FiscalYear && fg.Current && f.ID != holder {
					h.Standing = &l.Files[g.FiscalYear][i]
				}
			}
		}
		p.Groups = append(p.Groups, h)
	}
	records, err := d.o.Store.FileRecords(r.Context(), holder)
	if err != nil {
		d.storeFailed(w, r, err)
		return
	}
	for i, pr := range e.Problems {
		p.Problems = append(p.Problems, problemView{Problem: pr, N: i + 1, Cell: perinet.CellName(pr.Where), Field: perinet.FieldLabel(pr.Field)})
	}
	copy, receipt := nightly.Kept(l, e, kin)
	p.Kept = filepath.ToSlash(copy)
	anchors := map[string]string{}
	var g *perinet.Grid
	g, p.FormNote = d.readKept(copy, e)
	if g != nil {
		p.Format = g.Format
		p.Sheets, anchors = drawSheets(g, records, p.Problems, d.label)
		if g.Format == "pdf" {
			p.Pages, p.FormNote = d.readPages(r.Context(), copy)
		}
		if p.Pages != nil {
			anchors = p.pagesOver(anchors, records, d.label)
		}
	}
	for _, rec := range records {
		p.Records = append(p.Records, recordView{Record: rec, Fields: d.fields(rec, anchors, len(p.Sheets))})
	}
	if p.Receipt, err = d.readReceipt(receipt); err != nil {
		d.fail(w, r, http.StatusInternalServerError, "受付結果を読めませんでした。", err)
		return
	}
	d.render(w, r, "file", http.StatusOK, frame{Title: e.Name, Year: intake.GroupsYear(e.Groups), Page: p})
}

// byID returns the ledger entry with an ID, nil for 0 or an ID not in it.
func byID(l *intake.Ledger, id int64) *store.FileEntry {
	for i, e := range l.All {
		if id != 0 && e.ID == id {
			return &l.All[i]
		}
	}
	return nil
}

// readKept reads the kept copy of e (at copy, relative to the work folder)
// again, as the nightly run read it: its Grid, or nil with the reason the
// form cannot be drawn. A copy whose bytes are not the ledger's is not
// read.
func (d *Desk) readKept(copy string, e store.FileEntry) (*perinet.Grid, string) {
	fi, err := d.work.Lstat(copy)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, "保管されたファイル（" + filepath.ToSlash(copy) + "）がありません。作業フォルダから削除されたようです。"
	case err != nil:
		return nil, fmt.Sprintf("保管されたファイルを開けません（%v）。", err)
	case !fi.Mode().IsRegular():
		return nil, "保管されたファイルが、ふつうのファイルではありません。"
	}
	f, err := d.work.Open(copy)
	if err != nil {
		return nil, fmt.Sprintf("保管されたファイルを開けません（%v）。", err)
	}
	h := sha256.New()
	_, err = io.Copy(h, f)
	f.Close()
	if err != nil {
		return nil, fmt.Sprintf("保管されたファイルを読めません（%v）。", err)
	}
	if hex.EncodeToString(h.Sum(nil)) != e.SHA256 {
		return nil, "保管されたファイルの内容が、受け付けたときと違います。作業フォルダで書き換えられたようです。"
	}
	for _, p := range e.Problems {
		if p.Code == perinet.TooLarge || p.Code == perinet.UnreadableFile {
			// The night read it under its limits in a child process
			// and could not: the desk, which reads in its own process,
			// does not try again.
			return nil, "このファイルは受け付けたときに読み切れなかったため、表として示しません: " + p.Message
		}
	}
	d.reading <- struct{}{}
	g, problems := ingest.File(filepath.Join(d.o.Work, copy), ingest.DefaultLimits())
	<-d.reading
	for _, p := range problems {
		if p.Severity == perinet.Error {
			return nil, "このファイルは表として読めません: " + p.Message
		}
	}
	return g, ""
}

// pagesOver marks the pages drawn with what was read and links each
// value and problem to its cell there, and returns where each cell's
// element is, by place. The sheets drawn (at cells, by place) are left
// out when the pages show all their cells; otherwise the page says so,
// and what the pages do not show stays linked to the sheets.
func (p *filePage) pagesOver(cells map[string]string, records []perinet.Record, label func(perinet.Record, string) string) map[string]string {
	onSheets := slices.Clone(p.Problems)
	for i := range p.Problems {
		p.Problems[i].Anchor = ""
	}
	anchors := markPages(p.Pages, records, p.Problems, label)
	if covers(anchors, cells) {
		p.Sheets = nil
		return anchors
	}
	p.FormNote = "ページの図にないセルがあるため、読み取った表も下に示します。"
	for w, id := range cells {
		if _, ok := anchors[w]; !ok {
			anchors[w] = id
		}
	}
	for i, pr := range onSheets {
		if p.Problems[i].Anchor == "" {
			p.Problems[i].Anchor = pr.Anchor
		}
	}
	return anchors
}

// readPages reads the kept copy of a PDF (at copy, relative to the work
// folder) again, under ingest's limits, and draws its pages, with the
// cells each was read into; nil with the reason when it cannot.
func (d *Desk) readPages(ctx context.Context, copy string) ([]pageView, string) {
	lim := ingest.DefaultLimits()
	f, err := d.work.Open(copy)
	if err != nil {
		return nil, fmt.Sprintf("保管されたファイルを開けないため、ページの図を示せません（%v）。読み取った表の形で示します。", err)
	}
	data, err := io.ReadAll(io.LimitReader(f, lim.MaxBytes))
	f.Close()
	if err != nil {
		return nil, fmt.Sprintf("保管されたファイルを読めないため、ページの図を示せません（%v）。読み取った表の形で示します。", err)
	}
	ctx, cancel := context.WithTimeout(ctx, lim.Timeout)
	defer cancel()
	var pages []pageView
	d.reading <- struct{}{}
	err = pdf.Pages(ctx, data, lim.PDF(), func(p *pdf.Page) { pages = append(pages, drawPage(p, table.Boxes(p))) })
	<-d.reading
	if err != nil {
		return nil, fmt.Sprintf("ページの図を示せません（%v）。読み取った表の形で示します。", err)
	}
	return pages, ""
}

// covers reports whether every cell drawn in sheets (by place) is drawn
// in pages too.
func covers(pages, sheets map[string]string) bool {
	for w := range sheets {
		if _, ok := pages[w]; !ok {
			return false
		}
	}
	return true
}

// readReceipt returns the text of the receipt at path (relative to the
// work folder), without its byte order mark and with "\n" line ends; ""
// when it is not there.
func (d *Desk) readReceipt(path string) (string, error) {
	f, err := d.work.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxReceipt))
	if err != nil {
		return "", err
	}
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	return strings.ReplaceAll(string(b), "\r\n", "\n"), nil
}

// original serves the kept copy of a submission, to save under the name
// it was sent with.
func (d *Desk) original(w http.ResponseWriter, r *http.Request) {
	d.keptFile(w, r, func(copy, _ string, e store.FileEntry) (string, string) { return copy, e.Name })
}

// receipt serves the receipt of a submission, as the nightly run wrote it.
func (d *Desk) receipt(w http.ResponseWriter, r *http.Request) {
	d.keptFile(w, r, func(_, receipt string, e store.FileEntry) (string, string) {
		return receipt, e.Name + ".受付結果.txt"
	})
}

// keptFile serves a file of a submission, chosen by pick among the kept
// copy and its receipt, as a download named as pick says. A submission
// sent by a hospital is nothing a browser should show: it is always
// saved, never opened in the desk's pages.
func (d *Desk) keptFile(w http.ResponseWriter, r *http.Request, pick func(copy, receipt string, e store.FileEntry) (path, name string)) {
	l, err := d.ledger(r.Context())
	if err != nil {
		d.storeFailed(w, r, err)
		return
	}
	e, ok := d.entry(w, r, l)
	if !ok {
		return
	}
	kin, err := d.o.Store.FilesByHash(r.Context(), e.SHA256[:8])
	if err != nil {
		d.storeFailed(w, r, err)
		return
	}
	copy, receipt := nightly.Kept(l, e, kin)
	path, name := pick(copy, receipt, e)
	fi, err := d.work.Lstat(path)
	if err != nil || !fi.Mode().IsRegular() {
		d.fail(w, r, http.StatusNotFound, "保管されたファイルがありません。作業フォルダから削除されたようです。", err)
		return
	}
	f, err := d.work.Open(path)
	if err != nil {
		d.fail(w, r, http.StatusNotFound, "保管されたファイルを開けません。", err)
		return
	}
	defer f.Close()
	h := w.Header()
	h.Set("Content-Type", "application/octet-stream")
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	http.ServeContent(w, r, "", fi.ModTime(), f)
}
