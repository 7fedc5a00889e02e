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

// Convert converts files into format ("xlsx", "ods", "pdf"), each into
// dir under its own name with the format's extension, in one run of
// soffice. It fails when soffice fails or leaves a file unconverted.
func (c *Converter) Convert(ctx context.Context, files []string, format, dir string) error {
	if len(files) == 0 {
		return nil
	}
	profile, err := filepath.Abs(c.Profile)
	if err != nil {
		return err
	}
	args := []string{"--headless", "--norestore", "-env:UserInstallation=file://" + filepath.ToSlash(profile),
		"--convert-to", format, "--outdir", dir}
	cmd := exec.CommandContext(ctx, c.Soffice, append(args, files...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("libreoffice: convert %d files to %s: %w: %s", len(files), format, err, tail(out))
	}
	var missing []string
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), filepath.Ext(f)) + "." + format
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			missing = append(missing, filepath.Base(f))
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("libreoffice: %d of %d files not converted to %s (%s): %s", len(missing), len(files), format,
			strings.Join(missing[:min(len(missing), 5)], ", "), tail(out))
	}
	return nil
}

// tail returns the end of a program's output, for an error.
func tail(out []byte) string {
	s := strings.TrimSpace(string(out))
	if len(s) > 500 {
		s = "…" + s[len(s)-500:]
	}
	return s
}
