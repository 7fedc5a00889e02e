package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"perinet/config"
)

// A made is one file or folder that `perinet init` made or found.
type made struct {
	path  string // relative to the folder of the config file
	what  string // what it is for, in Japanese
	found bool   // it was there already
}

// runInit is `perinet init`: it writes the commented example config into a
// folder, with the folders it names. It never writes over a config file.
func runInit(args []string, stdout, stderr io.Writer) int {
	fs := newCommandFlags("init")
	if code, ok := parseCommandLine(fs, args, stdout, stderr); !ok {
		return code
	}
	if fs.NArg() != 1 {
		return usageError(stderr, "init", "設定ファイルを置くフォルダを1つ指定してください")
	}
	dir, err := filepath.Abs(fs.Arg(0))
	if err != nil {
		fmt.Fprintf(stderr, "perinet init: %v\n", err)
		return exitUsage
	}
	list, err := initFolder(dir)
	var fe *config.FolderError
	switch {
	case errors.As(err, &fe):
		fmt.Fprintf(stderr, "perinet init: %v\n", err)
		return exitUsage
	case err != nil:
		fmt.Fprintf(stderr, "perinet init: %v\n", err)
		return exitProblem
	}
	fmt.Fprintf(stdout, "%s に次のものを用意しました。\n", dir)
	rows := make([][]string, len(list))
	for i, m := range list {
		what := m.what
		if m.found {
			what += "（前からあります）"
		}
		rows[i] = []string{m.path, what}
	}
	writeTable(stdout, "  ", rows)
	fmt.Fprintf(stdout, "次に %s を開き、報告する年度（year）と提出期限（deadline）を書いてください。\n",
		filepath.Join(dir, config.FileName))
	fmt.Fprintf(stdout, "確かめるには: perinet status --config %s\n", filepath.Join(dir, config.FileName))
	return exitOK
}

// initFolder writes the example config into dir and makes the folders it
// names, and returns what it made. An existing config file is an error,
// and stays as it was; so are folders already in dir that would eat each
// other (a *config.FolderError), and then nothing is made.
func initFolder(dir string) ([]made, error) {
	path := filepath.Join(dir, config.FileName)
	if _, err := os.Lstat(path); err == nil {
		return nil, fmt.Errorf("%s はもうあります。設定ファイルは上書きしません（作り直すときは、先に名前を変えるか消してください）", path)
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%s を確かめられません: %w", path, err)
	}
	cfg, err := config.Parse(config.Example(), path)
	if err != nil {
		return nil, fmt.Errorf("設定ファイルの見本を読めません: %w", err)
	}
	if err := cfg.CheckFolders(); err != nil {
		return nil, err // a link in dir makes one folder of two
	}
	list := []made{{path: config.FileName, what: "設定ファイル（説明つき。メモ帳などで書き換えられます）"}}
	for _, f := range []struct{ path, what string }{
		{cfg.Inbox, "受付フォルダ: 病院から届いた調査票をここに置きます"},
		{cfg.Work, "作業フォルダ: perinet の記録（" + config.StoreFile + "）を置きます"},
		{cfg.Archive(), "受け付けた調査票の保管"},
		{cfg.Rejected(), "受け付けられなかった調査票"},
		{cfg.Reports(), "報告書"},
	} {
		found, err := makeFolder(f.path)
		if err != nil {
			return nil, err
		}
		rel, err := filepath.Rel(dir, f.path)
		if err != nil {
			rel = f.path
		}
		list = append(list, made{path: rel + string(filepath.Separator), what: f.what, found: found})
	}
	if err := writeNewFile(path, []byte(config.Example())); err != nil {
		return nil, err
	}
	return list, nil
}

// makeFolder makes a folder and those above it, and reports whether it was
// there already.
func makeFolder(path string) (found bool, err error) {
	if fi, err := os.Stat(path); err == nil {
		if !fi.IsDir() {
			return false, fmt.Errorf("%s はフォルダではなくファイルです。名前を変えるか消してから、もう一度実行してください", path)
		}
		return true, nil
	}
	if err := os.MkdirAll(path, 0o755); err != nil {
		return false, fmt.Errorf("フォルダ %s を作れません: %w", path, err)
	}
	return false, nil
}

// writeNewFile writes a file that must not exist yet: a file that appeared
// in the meantime is left as it is, and a file it could not finish is
// removed.
func writeNewFile(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("%s はもうあります。設定ファイルは上書きしません", path)
	}
	if err != nil {
		return fmt.Errorf("%s を作れません: %w", path, err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(path)
		return fmt.Errorf("%s を書けません: %w", path, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return fmt.Errorf("%s を書けません: %w", path, err)
	}
	return nil
}
