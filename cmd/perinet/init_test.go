package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"perinet/config"
)

func runInitIn(t *testing.T, dir string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run([]string{"init", dir}, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestInit(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "周産期")
	code, stdout, stderr := runInitIn(t, dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(filepath.Join(dir, config.FileName))
	if err != nil || string(data) != config.Example() {
		t.Errorf("perinet.toml is not the example (%v)", err)
	}
	for _, d := range []string{"inbox", "work", "work/archive", "work/rejected", "work/reports"} {
		if fi, err := os.Stat(filepath.Join(dir, d)); err != nil || !fi.IsDir() {
			t.Errorf("folder %s: %v", d, err)
		}
		if !strings.Contains(stdout, filepath.FromSlash(d)+string(filepath.Separator)) {
			t.Errorf("the output does not name %s:\n%s", d, stdout)
		}
	}
	cfg, err := config.Load(filepath.Join(dir, config.FileName))
	if err != nil || cfg.Inbox != filepath.Join(dir, "inbox") || cfg.Store() != filepath.Join(dir, "work", "perinet.db") {
		t.Errorf("the config written loads as %+v, %v", cfg, err)
	}
}

// TestInitNeverOverwrites checks that a second init, or one in a folder
// where the secretariat already keeps a config, leaves it byte for byte.
func TestInitNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, config.FileName)
	edited := []byte("# 事務局が書き換えた設定\ninbox = 'D:/受付'\nyear = 2016\n")
	if err := os.WriteFile(file, edited, 0o600); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runInitIn(t, dir)
	if code != exitProblem || !strings.Contains(stderr, "上書きしません") || stdout != "" {
		t.Errorf("exit %d\nstdout %s\nstderr %s\nwant exit 1 and a refusal", code, stdout, stderr)
	}
	if got, err := os.ReadFile(file); err != nil || !bytes.Equal(got, edited) {
		t.Errorf("perinet.toml changed: %q, %v", got, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "inbox")); err == nil {
		t.Error("a refused init made folders")
	}
}

func TestInitFolderInTheWay(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "work"), []byte("a file"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runInitIn(t, dir)
	if code != exitProblem || !strings.Contains(stderr, "フォルダではなくファイルです") {
		t.Errorf("exit %d, %s; want exit 1 and the file in the way named", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, config.FileName)); err == nil {
		t.Error("perinet.toml was written although the folders could not be made")
	}
}

// TestInitFoldersEatEachOther: an inbox already in the folder that is a
// link to its work folder makes one folder of the two; init refuses with
// exit status 2, and writes nothing.
func TestInitFoldersEatEachOther(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "work"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "work"), filepath.Join(dir, "inbox")); err != nil {
		t.Skipf("no links here: %v", err)
	}
	code, _, stderr := runInitIn(t, dir)
	if code != exitUsage || !strings.Contains(stderr, "受付フォルダ（inbox = "+filepath.Join(dir, "inbox")+"）と作業フォルダ（work = ") {
		t.Errorf("exit %d, %s; want exit 2 and the two folders named", code, stderr)
	}
	if left, _ := os.ReadDir(dir); len(left) != 2 {
		t.Errorf("the folder holds %v, want the inbox and work as they were", left)
	}
}

func TestInitExistingFolders(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "inbox"), 0o755); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runInitIn(t, dir)
	if code != exitOK || !strings.Contains(stdout, "受付フォルダ: 病院から届いた調査票をここに置きます（前からあります）") {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
}

func TestInitUsage(t *testing.T) {
	for _, args := range [][]string{{"init"}, {"init", "a", "b"}} {
		var stdout, stderr bytes.Buffer
		if code := run(args, strings.NewReader(""), &stdout, &stderr); code != exitUsage {
			t.Errorf("perinet %q: exit %d, want %d", args, code, exitUsage)
		}
	}
}
