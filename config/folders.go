package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// A Folder is a folder that the settings name, as CheckFolders judges it
// and its message names it.
type Folder struct {
	What string // what it is for, as the secretariat says it: 受付フォルダ
	Key  string // the setting that names it: inbox, work or publish
	Sub  string // for a folder perinet keeps in the work folder, its name there (archive); "" otherwise
	Flag bool   // named by the command's flag --<Key>, not by the config file
	Path string
}

// setting says where the folder is named: inbox, --work, work の archive.
func (f Folder) setting() string {
	s := f.Key
	if f.Flag {
		s = "--" + s
	}
	if f.Sub != "" {
		s += " の " + f.Sub
	}
	return s
}

// inbox reports whether f is the inbox.
func (f Folder) inbox() bool { return f.Key == "inbox" && f.Sub == "" }

// A FolderError says that two folders of the settings would eat each
// other: they are the same folder, or (Inside) B lies inside A, one of
// them being the inbox.
type FolderError struct {
	A, B   Folder
	Inside bool
}

// Error says which two settings name which folders, in Japanese.
func (e *FolderError) Error() string {
	if e.Inside {
		return fmt.Sprintf("%s（%s = %s）が、%s（%s = %s）の中にあります。"+
			"受付フォルダのファイルは取り込んで消すので、受付フォルダとほかのフォルダは、どちらも他方の外に置いてください",
			e.B.What, e.B.setting(), e.B.Path, e.A.What, e.A.setting(), e.A.Path)
	}
	return fmt.Sprintf("%s（%s = %s）と%s（%s = %s）が同じフォルダです。別々のフォルダにしてください",
		e.A.What, e.A.setting(), e.A.Path, e.B.What, e.B.setting(), e.B.Path)
}

// folders lists the folders c names: the inbox, the work folder, the
// publish folder when there is one, and the folders perinet keeps in the
// work folder. flags are the keys that a command's flags gave.
func (c Config) folders(flags []string) []Folder {
	list := []Folder{
		{What: "受付フォルダ", Key: "inbox", Path: c.Inbox},
		{What: "作業フォルダ", Key: "work", Path: c.Work},
	}
	if c.Publish != "" {
		list = append(list, Folder{What: "公開フォルダ", Key: "publish", Path: c.Publish})
	}
	list = append(list,
		Folder{What: "受け付けた調査票の保管フォルダ", Key: "work", Sub: ArchiveDir, Path: c.Archive()},
		Folder{What: "受け付けられなかった調査票のフォルダ", Key: "work", Sub: RejectedDir, Path: c.Rejected()},
		Folder{What: "報告書のフォルダ", Key: "work", Sub: ReportsDir, Path: c.Reports()})
	for i := range list {
		list[i].Flag = slices.Contains(flags, list[i].Key)
	}
	return list
}

// CheckFolders makes sure that the folders c names cannot eat each other,
// before anything is touched: the inbox, the work folder, the publish
// folder and the archive, rejected and reports folders in the work
// folder are all different folders, and the inbox lies inside none of
// the others, nor any of them inside the inbox. Folders are compared as
// the system finds them, through links, whatever case their names are
// written in where the disk ignores case (os.SameFile); the part of a
// path not made yet is compared by its names, without case. flags are
// the keys (inbox, work, publish) that a command's flags gave, which the
// message names as --inbox …. A conflict is a *FolderError.
func (c Config) CheckFolders(flags ...string) error {
	var ids identities
	var places []place
	for _, f := range c.folders(flags) {
		at, err := ids.where(f.Path)
		if err != nil {
			return fmt.Errorf("%s（%s = %s）を確かめられません: %w", f.What, f.setting(), f.Path, err)
		}
		places = append(places, place{f, at})
	}
	return judgeFolders(places)
}

// A place is a folder and where it lies: the identities (identities.of)
// of the folders from the root down to it, or down to the deepest of them
// that exists, then the names, folded, of those not made yet.
type place struct {
	Folder
	at []string
}

// judgeFolders returns a *FolderError for the first two places, in the
// order given, that are the same folder, or of which one lies inside the
// other when either is the inbox; nil when there are none.
func judgeFolders(places []place) error {
	for i, a := range places {
		for _, b := range places[i+1:] {
			switch {
			case slices.Equal(tail(a.at), tail(b.at)):
				return &FolderError{A: a.Folder, B: b.Folder}
			case !a.inbox() && !b.inbox():
				// One may lie inside the other: the archive in work.
			case inside(a.at, b.at):
				return &FolderError{A: b.Folder, B: a.Folder, Inside: true}
			case inside(b.at, a.at):
				return &FolderError{A: a.Folder, B: b.Folder, Inside: true}
			}
		}
	}
	return nil
}

// inside reports whether the folder at a lies inside the one at b: a
// folder above a is b.
func inside(a, b []string) bool {
	for n := len(a) - 1; n > 0; n-- {
		if slices.Equal(tail(a[:n]), tail(b)) {
			return true
		}
	}
	return false
}

// tail is what tells a folder from any other: the identity of it or of
// the deepest folder above it that exists, and the names below that. The
// folders further up do not count, as a folder may be reached by two
// paths (a link, a mount).
func tail(at []string) []string {
	i := len(at) - 1
	for i > 0 && !strings.HasPrefix(at[i], identityMark) {
		i--
	}
	return at[i:]
}

// identityMark begins an identity in a place; a name begins with a
// separator, so that the two never meet.
const identityMark = "#"

// identities numbers the folders found on disk: one number for each
// folder, however its path reaches it (os.SameFile).
type identities []fs.FileInfo

// of returns the identity of the folder described by fi: "#" and its
// number.
func (ids *identities) of(fi fs.FileInfo) string {
	i := slices.IndexFunc(*ids, func(seen fs.FileInfo) bool { return os.SameFile(seen, fi) })
	if i < 0 {
		i = len(*ids)
		*ids = append(*ids, fi)
	}
	return identityMark + strconv.Itoa(i)
}

// where returns where path lies, for a place: the identity of each folder
// from the root down to the deepest one of path that exists, with links
// resolved, then "/" and the folded name of each one below it (not there
// yet, or not a folder but a file).
func (ids *identities) where(path string) ([]string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	var missing []string
	for {
		_, err := os.Stat(abs)
		if err == nil {
			break
		}
		notThere := errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) // a file above it
		if !notThere || filepath.Dir(abs) == abs {
			return nil, err
		}
		missing = append(missing, filepath.Base(abs))
		abs = filepath.Dir(abs)
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, err
	}
	var at []string
	for dir := real; ; dir = filepath.Dir(dir) {
		fi, err := os.Stat(dir)
		if err != nil {
			return nil, err
		}
		at = append(at, ids.of(fi))
		if filepath.Dir(dir) == dir {
			break
		}
	}
	slices.Reverse(at)
	for _, name := range slices.Backward(missing) {
		at = append(at, "/"+FoldName(name))
	}
	return at, nil
}

// FoldName is a file or folder name as the file systems that ignore case
// (Windows', macOS') compare it: case folded, and composed (macOS may
// store が as か and ゙). Two names that fold alike may name one file.
func FoldName(name string) string {
	return cases.Fold().String(norm.NFC.String(name))
}
