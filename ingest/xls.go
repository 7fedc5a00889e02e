package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"perinet"
)

// xls reads a legacy .xls workbook by converting it to .xlsx with
// LibreOffice: there is no pure-Go reader of BIFF that keeps values
// intact. The conversion works on a copy of the file in a temporary
// directory, with a LibreOffice profile of its own there (so that runs in
// parallel, and a LibreOffice the user has open, do not collide), within
// the time left of the Timeout; the directory is removed afterwards. The
// sheets keep their names; the Grid's Format stays "xls".
func (r reader) xls(ctx context.Context, g *perinet.Grid, path, name string, data []byte) (*perinet.Grid, []perinet.Problem) {
	soffice, err := exec.LookPath(r.soffice)
	if err != nil {
		return g, []perinet.Problem{unreadable(name,
			"古い形式のExcelファイル（.xls）を読み取る仕組み（LibreOffice）がこのコンピュータにありません。Excelで開き、「ファイルの種類」を「Excel ブック (*.xlsx)」にして保存し直したファイルを使ってください。")}
	}
	xlsx, err := convertXLS(ctx, soffice, data)
	if err != nil {
		if p, ok := r.limitProblem(name, err); ok {
			return g, []perinet.Problem{p}
		}
		return g, []perinet.Problem{unreadable(name,
			fmt.Sprintf("古い形式のExcelファイル（.xls）を変換できませんでした。ファイルが壊れている可能性があります。Excelで開けるなら、.xlsx形式で保存し直してください（%v）。", err))}
	}
	return r.workbook(ctx, g, name, xlsx)
}

// convertXLS converts the bytes of an .xls workbook to those of an .xlsx
// one with soffice, in a temporary directory that it removes.
func convertXLS(ctx context.Context, soffice string, data []byte) ([]byte, error) {
	dir, err := os.MkdirTemp("", "perinet-xls-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	// A fixed name: LibreOffice names its output after the input, and the
	// submitted name may hold anything.
	in := filepath.Join(dir, "book.xls")
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return nil, err
	}
	outDir := filepath.Join(dir, "out")
	profile := url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dir, "profile"))}
	cmd := exec.CommandContext(ctx, soffice,
		"-env:UserInstallation="+profile.String(),
		"--headless", "--norestore", "--nolockcheck",
		"--convert-to", "xlsx", "--outdir", outDir, in)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HOME="+dir) // keep LibreOffice's other files in dir too
	var stderr bytes.Buffer
	cmd.Stdout = &stderr
	cmd.Stderr = &stderr
	killGroup(cmd)
	cmd.WaitDelay = 2 * time.Second
	// On Linux, LibreOffice is told when the thread that started it ends
	// (see groupAttr): the thread is kept until LibreOffice is done.
	runtime.LockOSThread()
	err = cmd.Run()
	runtime.UnlockOSThread()
	if ctx.Err() != nil {
		return nil, errTimeout
	}
	if err != nil {
		return nil, fmt.Errorf("soffice: %v: %s", err, lastLine(stderr.String()))
	}
	out, err := os.ReadFile(filepath.Join(outDir, "book.xlsx"))
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("soffice wrote nothing: %s", lastLine(stderr.String()))
	}
	return out, err
}

// lastLine returns the last non-empty line of s, for an error message.
func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	return s
}
