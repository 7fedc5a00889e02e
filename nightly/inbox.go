package nightly

import (
	"cmp"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"perinet"
	"perinet/ingest"
	"perinet/store"
)

// A candidate is an inbox file as the scan saw it, before reading.
type candidate struct {
	name, path string
	info       fs.FileInfo // os.Lstat's
}

// Reasons a file is left in the inbox, for the log and FileResult.Skipped.
const (
	skipUnsettled  = "更新されたばかりのため、次回に受け付けます（コピー中の可能性があります）"
	skipFuture     = "更新日時が未来の日時のため、その日時を過ぎてから受け付けます（ファイルを作ったパソコンの時計を確かめてください）"
	skipGrowing    = "読み取り中に変更されたため、次回に受け付けます（書き込み中です）"
	skipOpen       = "Excelで開かれているため、次回に受け付けます"
	skipInUse      = "ほかのプログラムが書き込み中のため、次回に受け付けます"
	skipUnreadable = "受付フォルダから読み取れないため、次回にもう一度読みます"
)

// Why a run leaves an inbox entry alone, for the log and
// FileResult.Ignored: the entries the secretariat may have put there
// meaning them to be taken. ingest.Irregular says why for a named pipe, a
// device or a socket.
const (
	ignoreLink   = "リンク（ショートカット）のため読みません。ファイルそのものを受付フォルダに置いてください"
	ignoreFolder = "フォルダのため読みません。受付フォルダの中のフォルダは見ないので、ファイルを受付フォルダに直接置いてください"
	ignoreHidden = "隠しファイルのため読みません。受け付けるときは、名前の先頭の「.」か隠し属性を外してください"
	// ignoreQuiet is said, in the debug log only, of the files no one
	// sends, which come and go by themselves.
	ignoreQuiet = "対象外のファイルです"
)

// quietNames are files no one sends: the system's and the programs' own,
// compared without case.
var quietNames = []string{"thumbs.db", "desktop.ini", "ehthumbs.db", ".ds_store"}

// quietPrefixes begin the names of the office programs' lock and
// temporary files (~$…, ~WRL….tmp, LibreOffice's .~lock.…#) and of
// macOS's resource forks on other disks (._…).
var quietPrefixes = []string{"~", ".~lock.", "._"}

// quietSuffixes end the names of files still being written or of no
// one's sending: temporary files, unfinished downloads, perinet's own
// receipts. Compared without case.
var quietSuffixes = []string{".tmp", ".temp", ".crdownload", ".part", ".partial", ".download", receiptExt}

// leftAlone says why a run leaves an inbox entry alone, or returns "" for
// a file to take. mode is the entry's own (os.Lstat's, a link not
// followed), hidden whether the system marks it hidden beyond its name.
// quiet is true for the files no one sends (quietNames, quietPrefixes,
// quietSuffixes), which are only counted; the others (links, folders,
// what is no regular file, hidden files) are listed in the summary, as
// the secretariat may have meant them to be taken.
func leftAlone(name string, mode fs.FileMode, hidden bool) (why string, quiet bool) {
	lower := strings.ToLower(name)
	switch {
	case slices.Contains(quietNames, lower),
		slices.ContainsFunc(quietPrefixes, func(p string) bool { return strings.HasPrefix(lower, p) }),
		slices.ContainsFunc(quietSuffixes, func(s string) bool { return strings.HasSuffix(lower, s) }):
		return ignoreQuiet, true
	case mode&fs.ModeSymlink != 0:
		return ignoreLink, false
	case mode.IsDir():
		return ignoreFolder, false
	case !mode.IsRegular():
		return ingest.Irregular(mode), false
	case strings.HasPrefix(name, ".") || hidden:
		return ignoreHidden, false
	}
	return "", false
}

// lastChange is when the file last changed in any way: its modification
// time, or when it was copied in (copiedIn) when that is later.
func lastChange(fi fs.FileInfo) time.Time {
	t := fi.ModTime()
	if c, ok := copiedIn(fi); ok && c.After(t) {
		t = c
	}
	return t
}

// openInOffice reports whether Office's lock file for name lies in the
// inbox (names holds every name there): someone has the file open, maybe
// to change it. Excel names the lock ~$ and the whole name; Word drops the
// name's first one or two characters when it is long.
func openInOffice(name string, names map[string]bool) bool {
	r := []rune(name)
	for drop := 0; drop <= 2 && drop < len(r); drop++ {
		if names["~$"+string(r[drop:])] {
			return true
		}
	}
	return false
}

// scan lists the inbox: the files to take, oldest first (by modification
// time, then name), so that of two submissions for one group the later
// one supersedes. Files it ignores or skips are counted and logged here.
func (r *run) scan() ([]candidate, error) {
	entries, err := os.ReadDir(r.o.Inbox)
	if err != nil {
		return nil, fmt.Errorf("read the inbox: %w", err)
	}
	names := make(map[string]bool, len(entries))
	for _, e := range entries {
		names[e.Name()] = true
	}
	var cands []candidate
	for _, e := range entries {
		path := filepath.Join(r.o.Inbox, e.Name())
		fi, err := os.Lstat(path)
		if err != nil {
			continue // gone since the folder was read
		}
		if why, quiet := leftAlone(e.Name(), fi.Mode(), hiddenAttr(fi)); quiet {
			r.sum.Ignored++
			r.log.Debug(why, "file", e.Name())
			continue
		} else if why != "" {
			r.ignore(e.Name(), why)
			continue
		}
		r.sum.Seen++
		switch {
		case openInOffice(e.Name(), names):
			r.skip(e.Name(), skipOpen, nil)
		case r.o.Settle > 0 && lastChange(fi).After(r.now.Add(r.o.Settle)):
			r.skip(e.Name(), skipFuture, nil) // no copy still going on, but a clock that is wrong
		case r.o.Settle > 0 && lastChange(fi).After(r.now.Add(-r.o.Settle)):
			r.skip(e.Name(), skipUnsettled, nil)
		default:
			cands = append(cands, candidate{name: e.Name(), path: path, info: fi})
		}
	}
	slices.SortFunc(cands, func(a, b candidate) int {
		return cmp.Or(a.info.ModTime().Compare(b.info.ModTime()), strings.Compare(a.name, b.name))
	})
	return cands, nil
}

// ignore leaves an inbox entry alone, and lists it in the summary and the
// log with why.
func (r *run) ignore(name, why string) {
	r.sum.Ignored++
	r.sum.Files = append(r.sum.Files, FileResult{Name: name, Ignored: why})
	r.log.Info(why, "file", name, "outcome", outcomeIgnored)
}

// countWaits records in the store the files this run left in the inbox,
// notes how many runs in a row left each there, and warns of those left
// by Options.WaitRuns runs or more.
func (r *run) countWaits(ctx context.Context) error {
	var left []store.Waiting
	for _, f := range r.sum.Files {
		if f.Skipped != "" {
			left = append(left, store.Waiting{Name: f.Name, Reason: f.Skipped})
		}
	}
	waits, err := r.store.Wait(ctx, r.now, left)
	if err != nil {
		return err
	}
	for i := range r.sum.Files {
		f := &r.sum.Files[i]
		if f.Skipped == "" {
			continue
		}
		w := waits[0]
		waits = waits[1:]
		f.Waited = w.Runs
		if r.o.WaitRuns > 0 && w.Runs >= r.o.WaitRuns {
			r.sum.Stuck++
			r.log.Warn(fmt.Sprintf("受付フォルダに残ったまま、%d回続けて受け付けていません。確かめてください", w.Runs),
				"file", f.Name, "outcome", outcomeSkipped, "reason", w.Reason, "since", w.Since.In(perinet.Japan()))
		}
	}
	return nil
}

// skip leaves a file in the inbox for the next run, and logs it: an
// error when err, what kept the file from being read, is not nil.
func (r *run) skip(name, why string, err error) {
	r.sum.Skipped++
	r.sum.Files = append(r.sum.Files, FileResult{Name: name, Skipped: why})
	if err != nil {
		r.log.Error(why, "file", name, "outcome", outcomeSkipped, "error", err)
		return
	}
	r.log.Info(why, "file", name, "outcome", outcomeSkipped)
}
