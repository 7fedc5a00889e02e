// Package libreoffice converts files with LibreOffice (soffice), as a
// hospital that keeps its forms in LibreOffice saves them: many files in
// one start of the program, since each start costs seconds.
package libreoffice

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// A Converter converts files with one LibreOffice profile.
type Converter struct {
	Soffice string // the program
	Profile string // the user profile's directory; soffice makes it on first use
}

// ErrMissing says that LibreOffice is not installed.
var ErrMissing = errors.New("libreoffice: soffice not found")

// Find returns a Converter of the soffice in PATH, with its profile in
// profile; ErrMissing when there is none.
func Find(profile string) (*Converter, error) {
	path, err := exec.LookPath("soffice")
	if err != nil {
		return nil, ErrMissing
	}
	return &Converter{Soffice: path, Profile: profile}, nil
}

// attempts is how many runs of soffice Convert makes for a file: soffice
// now and then stops in the middle of a long list, with no error.
const attempts = 3

// A NotConverted error lists the files that soffice left unconverted,
// run after run.
type NotConverted struct {
	Format string
	Files  []string
	Output string // the end of soffice's output
}

func (e *NotConverted) Error() string {
	return fmt.Sprintf("libreoffice: %d files not converted to %s (%s): %s", len(e.Files), e.Format,
		strings.Join(e.Files[:min(len(e.Files), 5)], ", "), e.Output)
}

// Convert converts files into format ("xlsx", "ods", "pdf"), each into
// dir under its own name with the format's extension, in one run of
// soffice, and again for the files a run left unconverted. It fails when
// soffice fails, and with a *NotConverted when files are still
// unconverted after three runs.
func (c *Converter) Convert(ctx context.Context, files []string, format, dir string) error {
	profile, err := filepath.Abs(c.Profile)
	if err != nil {
		return err
	}
	args := []string{"--headless", "--norestore", "-env:UserInstallation=file://" + filepath.ToSlash(profile),
		"--convert-to", format, "--outdir", dir}
	var out []byte
	for range attempts {
		files = unconverted(files, format, dir)
		if len(files) == 0 {
			return nil
		}
		cmd := exec.CommandContext(ctx, c.Soffice, append(args, files...)...)
		if out, err = cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("libreoffice: convert %d files to %s: %w: %s", len(files), format, err, tail(out))
		}
	}
	if files = unconverted(files, format, dir); len(files) > 0 {
		return &NotConverted{Format: format, Files: files, Output: tail(out)}
	}
	return nil
}

// unconverted returns the files whose conversion into format is not in dir.
func unconverted(files []string, format, dir string) []string {
	var out []string
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), filepath.Ext(f)) + "." + format
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			out = append(out, f)
		}
	}
	return out
}

// tail returns the end of a program's output, for an error.
func tail(out []byte) string {
	s := strings.TrimSpace(string(out))
	if len(s) > 500 {
		s = "…" + s[len(s)-500:]
	}
	return s
}
