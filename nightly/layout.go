package nightly

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"perinet"
	"perinet/config"
	"perinet/store"
)

// The names of what a run keeps in the work folder, besides those that
// perinet init and perinet status know too (config.StoreFile, …).
const (
	// tmpDir is the scratch folder, named as no one else names a folder.
	tmpDir       = tempPrefix + "tmp"
	unknownYear  = "年度不明" // the year folder of files no fiscal year was read from
	receiptExt   = ".受付結果.txt"
	maxNameBytes = 240 // a kept copy's name with its receipt's suffix fits in the 255 bytes file systems allow
	maxExtBytes  = 16  // a longer "extension" is part of the name
)

// A layout is the work folder: where each thing a run keeps lies.
type layout struct{ root string }

func (l layout) store() string    { return filepath.Join(l.root, config.StoreFile) }
func (l layout) tmp() string      { return filepath.Join(l.root, tmpDir) }
func (l layout) archives() string { return filepath.Join(l.root, config.ArchiveDir) }
func (l layout) rejected() string { return filepath.Join(l.root, config.RejectedDir) }

// archive is the archive's folder of fiscal year fy (0: unknown).
func (l layout) archive(fy int) string { return filepath.Join(l.root, config.ArchiveDir, yearDir(fy)) }

// reports is the reports' folder of fiscal year fy.
func (l layout) reports(fy int) string { return filepath.Join(l.root, config.ReportsDir, yearDir(fy)) }

// rel returns path relative to the work folder, for logs and receipts.
func (l layout) rel(path string) string {
	if rel, err := filepath.Rel(l.root, path); err == nil {
		return filepath.ToSlash(rel)
	}
	return path
}

// prepare makes the scratch folder, where a run stages the files it
// takes, and removes from it what a crashed run left there: only what
// perinet makes there (removeTemp), whatever else someone put in it.
func (l layout) prepare() error {
	if err := os.MkdirAll(l.tmp(), 0o755); err != nil {
		return fmt.Errorf("create %s: %w", l.tmp(), err)
	}
	return removeTemp(l.tmp())
}

// yearDir names the folder of fiscal year fy: 2016年度, or 年度不明 for 0.
func yearDir(fy int) string {
	if fy <= 0 {
		return unknownYear
	}
	return fmt.Sprintf("%d年度", fy)
}

// copyName returns the name under which the arrival e is kept, given kin,
// the ledger's files whose SHA-256 begins with the same 8 hex digits as
// e's (store.FilesByHash), in arrival order. Each file, in that order,
// took the first of its candidate names (candidateName) that no file
// before it took, names being compared as Windows and macOS compare them
// (without case, composed); e takes the first that no file before it
// took. So no two arrivals share a name, whatever their names as sent,
// and the same ledger gives the same name on every run. e need not be in
// the ledger yet: with ID 0 it comes after every file of kin.
func copyName(e store.FileEntry, kin []store.FileEntry) string {
	taken := make(map[string]bool)
	for _, k := range kin {
		if e.ID != 0 && k.ID >= e.ID {
			break
		}
		taken[config.FoldName(freeName(k, taken))] = true
	}
	return freeName(e, taken)
}

// freeName returns the first candidate name of e that taken (folded by
// config.FoldName) does not hold.
func freeName(e store.FileEntry, taken map[string]bool) string {
	for n := 1; ; n++ {
		if name := candidateName(e.Name, e.SHA256, e.Arrived, n); !taken[config.FoldName(name)] {
			return name
		}
	}
}

// candidateName is the nth name (from 1) that a copy may take:
// <arrival date>_<first 8 hex digits of its SHA-256>_<name as received>,
// and from the second on "<stem> (n)<ext>", as Windows names a second
// copy. A long name is shortened to fit, with its receipt's suffix, in
// the 255 bytes file systems allow, keeping its extension and the number.
func candidateName(name, sha string, arrived time.Time, n int) string {
	ext := filepath.Ext(name)
	if len(ext) > maxExtBytes {
		ext = ""
	}
	stem, number := strings.TrimSuffix(name, ext), ""
	if n > 1 {
		number = fmt.Sprintf(" (%d)", n)
	}
	prefix := arrived.In(perinet.Japan()).Format(time.DateOnly) + "_" + sha[:8] + "_"
	room := maxNameBytes - len(prefix) - len(number) - len(ext) - len(receiptExt)
	for len(stem) > max(room, 0) {
		_, size := utf8.DecodeLastRuneInString(stem)
		stem = stem[:len(stem)-size]
	}
	return prefix + stem + number + ext
}

// receiptPath is the receipt of the copy kept at path.
func receiptPath(path string) string { return path + receiptExt }
