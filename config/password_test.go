package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSetPasswordHash(t *testing.T) {
	const hash = "$argon2id$v=19$m=65536,t=3,p=2$YWJjZGVmZ2hpamtsbW5vcA$MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTI"
	const line = `desk_password_hash = "` + hash + `"`
	example := Example()
	commented := "# desk_password_hash = "
	tests := []struct {
		name string
		file string
		want string
	}{
		{"the example: its commented-out line", example,
			example[:strings.Index(example, commented)] + line + "\n"},
		{"a setting replaced", "year = 2016\ndesk_password_hash = \"old\"\npaper = \"A4\"\n",
			"year = 2016\n" + line + "\npaper = \"A4\"\n"},
		{"the setting wins over a comment", "# desk_password_hash = \"x\"\ndesk_password_hash = \"old\"\n",
			"# desk_password_hash = \"x\"\n" + line + "\n"},
		{"none: added at the end, with the file's line ends", "year = 2016\r\npaper = \"A4\"",
			"year = 2016\r\npaper = \"A4\"\r\n" + line + "\r\n"},
		{"Shift_JIS: written in UTF-8", "# \x90\xdd\x92\xe8\nyear = 2016\n", // # 設定
			"# 設定\nyear = 2016\n" + line + "\n"},
		{"an empty file", "", line + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), FileName)
			if err := os.WriteFile(path, []byte(tt.file), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := SetPasswordHash(path, hash); err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tt.want {
				t.Errorf("the file is now\n%q\nwant\n%q", b, tt.want)
			}
			c, err := Load(path)
			if err != nil || c.DeskPasswordHash != hash {
				t.Errorf("Load = %q, %v; want the hash", c.DeskPasswordHash, err)
			}
			if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
				t.Errorf("the file's permissions: %v, %v; want them kept (0600)", fi.Mode(), err)
			}
			if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
				t.Errorf("the folder holds %d files, want the config alone", len(entries))
			}
		})
	}
}

func TestSetPasswordHashRefuses(t *testing.T) {
	dir := t.TempDir()
	if err := SetPasswordHash(filepath.Join(dir, FileName), "$argon2id$x"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing file: %v, want os.ErrNotExist", err)
	}
	path := filepath.Join(dir, "broken.toml")
	broken := "inbxo = 'inbox'\n"
	if err := os.WriteFile(path, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	var cerr *Error
	if err := SetPasswordHash(path, "$argon2id$x"); !errors.As(err, &cerr) || cerr.Key != "inbxo" {
		t.Errorf("a file with a mistake: %v, want the mistake named", err)
	}
	if b, _ := os.ReadFile(path); string(b) != broken {
		t.Errorf("the file with a mistake was changed: %q", b)
	}
	if err := SetPasswordHash(path, "a\"b"); err == nil {
		t.Error("a hash with a quote was written")
	}
}
