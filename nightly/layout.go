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
)

// The names of what a run keeps in the work folder, besides those that
// perinet init and perinet status know too (config.StoreFile, …).
const (
	lockFile     = "perinet.lock"
	tmpDir       = "tmp"
	unknownYear  = "年度不明" // the year folder of files no fiscal year was read from
	receiptExt   = ".受付結果.txt"
	maxNameBytes = 240 // a kept copy's name with its receipt's suffix fits in the 255 bytes file systems allow
	maxExtBytes  = 16  // a longer "extension" is part of the name
)

// A layout is the work folder: where each thing a run keeps lies.
type layout struct{ root string }

func (l layout) store() string    { return filepath.Join(l.root, config.StoreFile) }
func (l layout) lock() string     { return filepath.Join(l.root, lockFile) }
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

// prepare empties tmp/, where a run stages the files it takes: whatever
// a crashed run left there is of no use.
func (l layout) prepare() error {
	if err := os.RemoveAll(l.tmp()); err != nil {
		return fmt.Errorf("clear %s: %w", l.tmp(), err)
	}
	if err := os.MkdirAll(l.tmp(), 0o755); err != nil {
		return fmt.Errorf("create %s: %w", l.tmp(), err)
	}
	return nil
}

// yearDir names the folder of fiscal year fy: 2016年度, or 年度不明 for 0.
func yearDir(fy int) string {
	if fy <= 0 {
		return unknownYear
	}
	return fmt.Sprintf("%d年度", fy)
}

// copyName is the name under which a file is kept:
// <arrival date>_<first 8 hex digits of its SHA-256>_<name as received>.
// The nth earlier arrival with the same name, bytes and day (a duplicate
// sent again the same day) makes it "<stem> (n+1)<ext>", as Windows
// names a second copy. A long name is shortened, keeping its extension.
func copyName(name, sha string, arrived time.Time, nth int) string {
	ext := filepath.Ext(name)
	if len(ext) > maxExtBytes {
		ext = ""
	}
	stem := strings.TrimSuffix(name, ext)
	if nth > 0 {
		stem += fmt.Sprintf(" (%d)", nth+1)
	}
	prefix := arrived.In(perinet.Japan()).Format(time.DateOnly) + "_" + sha[:8] + "_"
	room := maxNameBytes - len(prefix) - len(ext) - len(receiptExt)
	for len(stem) > max(room, 0) {
		_, size := utf8.DecodeLastRuneInString(stem)
		stem = stem[:len(stem)-size]
	}
	return prefix + stem + ext
}

// receiptPath is the receipt of the copy kept at path.
func receiptPath(path string) string { return path + receiptExt }
