package nightly

import (
	"cmp"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// A candidate is an inbox file as the scan saw it, before reading.
type candidate struct {
	name, path string
	info       fs.FileInfo // os.Lstat's
}

// Reasons a file is left in the inbox, for the log and FileResult.Skipped.
const (
	skipUnsettled  = "更新されたばかりのため、次回に受け付けます（コピー中の可能性があります）"
	skipGrowing    = "読み取り中に変更されたため、次回に受け付けます（書き込み中です）"
	skipOpen       = "Excelで開かれているため、次回に受け付けます"
	skipInUse      = "ほかのプログラムが書き込み中のため、次回に受け付けます"
	skipUnreadable = "受付フォルダから読み取れないため、次回にもう一度読みます"
)

// ignoredNames are files no one sends: the system's and the programs'
// own, compared without case.
var ignoredNames = []string{"thumbs.db", "desktop.ini", "ehthumbs.db"}

// ignoredSuffixes end the names of files still being written or of no
// one's sending: temporary files, unfinished downloads, perinet's own
// receipts. Compared without case.
var ignoredSuffixes = []string{".tmp", ".temp", ".crdownload", ".part", ".partial", ".download", receiptExt}

// ignored reports whether a name is one of the files a run leaves alone
// without a word: hidden (dot) files such as LibreOffice's .~lock.*#,
// Office's lock and temporary files (~$…, ~WRL….tmp), system files,
// temporary files and receipts.
func ignored(name string) bool {
	lower := strings.ToLower(name)
	if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~") || slices.Contains(ignoredNames, lower) {
		return true
	}
	return slices.ContainsFunc(ignoredSuffixes, func(s string) bool { return strings.HasSuffix(lower, s) })
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
		if ignored(e.Name()) || hiddenAttr(fi) || !fi.Mode().IsRegular() {
			r.sum.Ignored++
			r.log.Debug("対象外のファイルです", "file", e.Name())
			continue
		}
		r.sum.Seen++
		switch {
		case openInOffice(e.Name(), names):
			r.skip(e.Name(), skipOpen, nil)
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
