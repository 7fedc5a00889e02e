package config

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"perinet/ingest"
)

// hashLine finds the line of desk_password_hash in a config file: set, or
// commented out as the example shows it.
var hashLine = regexp.MustCompile(`(?m)^[ \t]*(#[ \t]*)?desk_password_hash[ \t]*=.*$`)

// SetPasswordHash writes hash as the desk_password_hash of the config file
// at path, which must exist: in place of the setting, or of the example's
// commented-out line, else at the end. The rest of the file is kept as it
// is, in UTF-8 (a Shift_JIS file is converted, which Load reads the same),
// with its line ends; the file is replaced in one rename.
func SetPasswordHash(path, hash string) error {
	if strings.ContainsAny(hash, "\"\\\r\n") {
		return fmt.Errorf("set desk_password_hash in %s: the hash %q cannot be written in a TOML string", path, hash)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("設定ファイルを読めません: %w", err)
	}
	text, err := ingest.Text(path) // in UTF-8, with "\n" line ends
	if err != nil {
		return fmt.Errorf("設定ファイルを読めません: %w", err)
	}
	line := "desk_password_hash = " + strconv.Quote(hash)
	at := -1
	matches := hashLine.FindAllStringSubmatchIndex(text, -1)
	for i, m := range matches {
		if m[2] < 0 { // the setting itself
			at = i
			break
		}
		if at < 0 { // else the first line that shows it commented out
			at = i
		}
	}
	if at >= 0 {
		text = text[:matches[at][0]] + line + text[matches[at][1]:]
	} else {
		if text != "" && !strings.HasSuffix(text, "\n") {
			text += "\n"
		}
		text += line + "\n"
	}
	if _, err := Parse(text, path); err != nil {
		return err
	}
	if bytes.Contains(raw, []byte("\r\n")) {
		text = strings.ReplaceAll(text, "\n", "\r\n")
	}
	return replaceFile(path, []byte(text))
}

// replaceFile writes data to a new file beside path and renames it over
// path, keeping path's permissions.
func replaceFile(path string, data []byte) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".perinet-*.toml")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(f.Name()) // fails harmlessly once renamed
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(fi.Mode().Perm())
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
