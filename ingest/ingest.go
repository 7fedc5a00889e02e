package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"perinet"
	"perinet/ideograph"
	"perinet/ingest/pdf"
)

// Limits bound what one file may cost. A file that goes past one of them
// gets the problem too_large. A field that is zero or negative takes its
// value from DefaultLimits: there is no "no limit".
type Limits struct {
	// MaxBytes bounds the size of the file on disk. It also bounds what a
	// workbook may unzip to: 4×MaxBytes in all, and no single part larger
	// than MaxBytes is held in memory (excelize spills it to a temporary
	// file and streams it). An .ods file's parts are streamed, but none
	// may unzip to more than MaxBytes (all its sheets are in one part,
	// content.xml), nor the text of its cells add up to more.
	MaxBytes int64
	// MaxCells bounds the number of cells of all sheets together, counting
	// the empty cells inside the used area and the cells a merged range
	// covers; in an .ods file, also the empty rows before a row that holds
	// something, and all the cells of an empty merged range.
	MaxCells int
	// Timeout bounds the time File takes, the conversion of a legacy .xls
	// file included. Excelize cannot be interrupted: when the time is up,
	// File returns, and the goroutine that reads the workbook is abandoned;
	// it stops at its next row, or when excelize returns, and then removes
	// its temporary files.
	Timeout time.Duration
	// MaxDecoded bounds what a PDF's streams decode to, all together
	// (pdf.Limits.MaxDecoded).
	MaxDecoded int64
}

// DefaultLimits returns the limits the batch job uses: 20 MiB, 500,000
// cells and 30 seconds. A status form is about 200 cells and 20 to 50 KiB;
// the largest workbooks seen (a multi-group table, a statistics workbook
// of two 2,000 × 50 sheets) are a few MiB and some 200,000 cells, which
// read in about a second. So the size limits leave room for any real
// submission while keeping one hostile file to a few seconds of CPU and
// a few hundred MiB of memory (a cell costs about 100 bytes). An .xlsx
// form reads in about a millisecond; the time limit is set by the
// conversion of an .xls file, which starts LibreOffice with a fresh
// profile: 2 to 4 seconds on an idle machine, and measured at 13 seconds
// on a busy one.
//
// A PDF may decode to pdf.DefaultLimits's MaxDecoded, 64 MiB: some 25
// times what the largest real PDF needs.
func DefaultLimits() Limits {
	return Limits{MaxBytes: 20 << 20, MaxCells: 500_000, Timeout: 30 * time.Second, MaxDecoded: pdf.DefaultLimits().MaxDecoded}
}

// File reads the file at path into a Grid. It never panics and always
// returns a non-nil Grid whose Format names what the file is ("xlsx",
// "ods", "xls", "csv", "pdf", or "unknown" when it cannot tell). When the
// file could not be read, or only partly, the problems (severity error,
// codes unreadable_file, encrypted or too_large) say why, and the Grid
// holds the sheets read completely before that, if any.
func File(path string, lim Limits) (*perinet.Grid, []perinet.Problem) {
	return reader{lim: lim.orDefault(), soffice: "soffice"}.file(path)
}

// orDefault returns lim with its zero fields set from DefaultLimits.
func (lim Limits) orDefault() Limits {
	def := DefaultLimits()
	if lim.MaxBytes <= 0 {
		lim.MaxBytes = def.MaxBytes
	}
	if lim.MaxCells <= 0 {
		lim.MaxCells = def.MaxCells
	}
	if lim.Timeout <= 0 {
		lim.Timeout = def.Timeout
	}
	if lim.MaxDecoded <= 0 {
		lim.MaxDecoded = def.MaxDecoded
	}
	return lim
}

// reader is File with the knobs the tests turn.
type reader struct {
	lim     Limits
	soffice string // the LibreOffice command, looked up in PATH
}

// The formats of a Grid, as the contract names them.
const (
	formatXLSX    = "xlsx"
	formatODS     = "ods"
	formatXLS     = "xls"
	formatCSV     = "csv"
	formatPDF     = "pdf"
	formatUnknown = "unknown"
)

// Magic numbers at the start of a file.
var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}
	pdfMagic = []byte("%PDF")
)

// file reads path into a Grid, whatever its format, and folds the text of
// its cells: the one place where every cell of every format passes.
func (r reader) file(path string) (*perinet.Grid, []perinet.Problem) {
	g, probs := r.read(path)
	foldCells(g)
	return g, probs
}

// foldCells folds the CJK radicals and compatibility ideographs in the
// text of every cell to the unified ideographs they stand for
// (ideograph.Fold): a PDF's ⽉ and ⻄, or a workbook's pasted from one,
// are 月 and 西 to every parser. Text with nothing to fold is kept, not
// copied.
func foldCells(g *perinet.Grid) {
	for _, sh := range g.Sheets {
		for _, row := range sh.Rows {
			for j := range row {
				row[j].Text = ideograph.Fold(row[j].Text)
			}
		}
	}
}

// read reads path: it checks the size, reads the bytes once, tells the
// format and hands the bytes to the reader of that format.
func (r reader) read(path string) (g *perinet.Grid, probs []perinet.Problem) {
	name := filepath.Base(path)
	g = &perinet.Grid{Format: formatUnknown}
	defer func() {
		if v := recover(); v != nil {
			g = &perinet.Grid{Format: g.Format}
			probs = []perinet.Problem{unreadable(name, fmt.Sprintf("ファイルを読み取れません（読み取り中の内部エラー: %v）", v))}
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), r.lim.Timeout)
	defer cancel()
	data, p := r.readAll(path, name)
	if p != nil {
		g.Format = sniff(data)
		return g, []perinet.Problem{*p}
	}
	switch g.Format = sniff(data); g.Format {
	case formatXLSX:
		// A zip archive whose first entry does not say what it is: its
		// list of parts tells.
		switch mt := zipMediaType(data, r.lim.MaxBytes); odfFormat(mt) {
		case formatODS:
			g.Format = formatODS
			return r.ods(ctx, g, name, data)
		case formatUnknown:
			g.Format = formatUnknown
			return g, []perinet.Problem{notSpreadsheet(name, mt)}
		}
		return r.workbook(ctx, g, name, data)
	case formatODS:
		return r.ods(ctx, g, name, data)
	case formatXLS:
		// An Excel 2.1 to 4.0 worksheet: a bare BIFF stream, no OLE file.
		if hasFilePass(bytes.NewReader(data)) {
			return g, []perinet.Problem{encrypted(name)}
		}
		return r.xls(ctx, g, path, name, data)
	case formatPDF:
		return r.pdf(ctx, g, name, data)
	case formatCSV:
		return r.csv(g, name, data)
	}
	switch {
	case bytes.HasPrefix(data, zipMagic):
		// An OpenDocument file of another kind: a text, a presentation.
		return g, []perinet.Problem{notSpreadsheet(name, odfHead(data))}
	case bytes.HasPrefix(data, oleMagic):
		return r.ole(ctx, g, path, name, data)
	case len(data) == 0:
		return g, []perinet.Problem{unreadable(name, "ファイルが空です。")}
	}
	return g, []perinet.Problem{unreadable(name, "ファイルの形式がわかりません（Excelのブック、CSVファイルのどちらでもありません）。")}
}

// sniff tells a file's format by its first bytes: "ods" for a zip archive
// whose first entry says it is an OpenDocument spreadsheet, "unknown" for
// one that says it is another OpenDocument file, "xlsx" for any other zip
// archive, "xls" for a bare BIFF stream, "pdf", "csv" for text, and
// "unknown" for anything else, an OLE compound file included (what it
// holds tells).
func sniff(data []byte) string {
	switch {
	case bytes.HasPrefix(data, zipMagic):
		if f := odfFormat(odfHead(data)); f != "" {
			return f
		}
		return formatXLSX
	case isBIFF(data):
		return formatXLS
	case bytes.HasPrefix(data, pdfMagic):
		return formatPDF
	case len(data) > 0 && looksLikeText(data):
		return formatCSV
	}
	return formatUnknown
}

// readAll reads the whole file, refusing one larger than MaxBytes before
// reading it. With a problem, it returns the file's first bytes, if it
// could read them, to tell the format by.
func (r reader) readAll(path, name string) ([]byte, *perinet.Problem) {
	fail := func(head []byte, p perinet.Problem) ([]byte, *perinet.Problem) { return head, &p }
	f, fi, p := Open(path)
	if p != nil {
		return nil, p
	}
	defer f.Close()
	if fi.Size() > r.lim.MaxBytes {
		head, _ := io.ReadAll(io.LimitReader(f, sniffLen))
		return fail(head, tooLarge(name, fmt.Sprintf("ファイルが大きすぎます（%s、上限は%s）。", byteSize(fi.Size()), byteSize(r.lim.MaxBytes))))
	}
	// Read one byte more than allowed, in case the file grew since Stat.
	data, err := io.ReadAll(io.LimitReader(f, r.lim.MaxBytes+1))
	if err != nil {
		return fail(nil, unreadable(name, fmt.Sprintf("ファイルを読み取れません（%v）", err)))
	}
	if int64(len(data)) > r.lim.MaxBytes {
		return fail(data[:min(len(data), sniffLen)], tooLarge(name, fmt.Sprintf("ファイルが大きすぎます（上限は%s）。", byteSize(r.lim.MaxBytes))))
	}
	return data, nil
}

// Open opens the file at path for reading, once it has made sure that
// path names a regular file (or a link to one): a folder, a named pipe
// (FIFO), a device or a socket is never read, and opening never waits
// (see OpenFile). It returns the open file and what it is, or the problem
// unreadable_file saying in Japanese why it cannot be read.
func Open(path string) (*os.File, fs.FileInfo, *perinet.Problem) {
	f, fi, err := OpenFile(path)
	if err != nil {
		p := unreadable(filepath.Base(path), err.Error())
		return nil, nil, &p
	}
	return f, fi, nil
}

// ErrNotFile is what OpenFile's error wraps when path names no regular
// file: a folder, a named pipe, a device or a socket.
var ErrNotFile = errors.New("not a regular file")

// OpenFile is Open for a caller that needs the system's error: its error
// says in Japanese why the file cannot be read, and wraps the system's
// error, or ErrNotFile. Only what os.Stat says is a regular file is
// opened, and on Unix with O_NONBLOCK, so that a named pipe put in its
// place meanwhile opens at once instead of waiting for a writer; the
// file opened must then still be that regular file.
func OpenFile(path string) (*os.File, fs.FileInfo, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, nil, failedOpen(err)
	}
	if msg := Irregular(fi.Mode()); msg != "" {
		return nil, nil, &openError{msg, ErrNotFile}
	}
	f, err := os.OpenFile(path, readOnly, 0)
	if err != nil {
		return nil, nil, failedOpen(err)
	}
	opened, err := f.Stat()
	switch {
	case err != nil:
		err = failedOpen(err)
	case !opened.Mode().IsRegular():
		err = &openError{Irregular(opened.Mode()), ErrNotFile}
	case !os.SameFile(fi, opened):
		err = failedOpen(errors.New("開く間に別のものに置き換えられました"))
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, opened, nil
}

// An openError says in Japanese why a file cannot be opened, and wraps
// the error behind it.
type openError struct {
	msg string
	err error
}

func (e *openError) Error() string { return e.msg }
func (e *openError) Unwrap() error { return e.err }

// failedOpen says in Japanese why a file could not be looked at or opened.
func failedOpen(err error) *openError {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &openError{"ファイルがありません。名前と場所を確かめてください。", err}
	case errors.Is(err, fs.ErrPermission):
		return &openError{"ファイルを読む権限がありません。", err}
	}
	return &openError{fmt.Sprintf("ファイルを開けません（%v）。", err), err}
}

// Irregular says in Japanese why what a mode describes is not a file that
// can be read, or returns "" for a regular file.
func Irregular(mode fs.FileMode) string {
	switch {
	case mode.IsRegular():
		return ""
	case mode.IsDir():
		return "ファイルではなくフォルダです。フォルダの中のファイルを指定してください。"
	case mode&fs.ModeNamedPipe != 0:
		return "名前付きパイプ（FIFO）で、ファイルではないため読みません。"
	case mode&fs.ModeSocket != 0:
		return "ソケットで、ファイルではないため読みません。"
	case mode&fs.ModeDevice != 0:
		return "デバイスで、ファイルではないため読みません。"
	}
	return "通常のファイルではないため読みません。"
}

// sniffLen is how much of a file tells whether it is text.
const sniffLen = 64 << 10

// looksLikeText reports whether data can be a text file: no control
// characters but tab, line feed, form feed, carriage return and the old
// end-of-file mark (0x1a) in its first 64 KiB. Shift_JIS trail bytes are
// all 0x40 or above, so they pass.
func looksLikeText(data []byte) bool {
	if len(data) > sniffLen {
		data = data[:sniffLen]
	}
	for _, b := range data {
		if b < 0x20 && b != '\t' && b != '\n' && b != '\f' && b != '\r' && b != 0x1a {
			return false
		}
	}
	return true
}

// abandonable runs read in a goroutine and returns its result, or false
// when ctx is done first: readers that cannot be interrupted (excelize)
// are abandoned then, and stop on their own later. A panic in read
// becomes onPanic's result.
func abandonable[T any](ctx context.Context, read func() T, onPanic func(v any) T) (T, bool) {
	done := make(chan T, 1) // buffered: an abandoned goroutine must not block
	go func() {
		defer func() {
			if v := recover(); v != nil {
				done <- onPanic(v)
			}
		}()
		done <- read()
	}()
	select {
	case res := <-done:
		return res, true
	case <-ctx.Done():
		var zero T
		return zero, false
	}
}

// errTooManyCells and errTimeout stop a read that goes past its Limits.
var (
	errTooManyCells = errors.New("too many cells")
	errTimeout      = errors.New("timeout")
)

// limitProblem turns the error that stopped a read into a Problem, when it
// is one of the limits.
func (r reader) limitProblem(name string, err error) (perinet.Problem, bool) {
	switch {
	case errors.Is(err, errTooManyCells):
		return tooLarge(name, fmt.Sprintf("セルが多すぎます（上限は%d個）。", r.lim.MaxCells)), true
	case errors.Is(err, errTimeout), errors.Is(err, context.DeadlineExceeded):
		return tooLarge(name, fmt.Sprintf("読み取りに時間がかかりすぎたため中断しました（上限は%v）。", r.lim.Timeout)), true
	}
	return perinet.Problem{}, false
}

// cellBudget counts the cells of a file against MaxCells.
type cellBudget struct {
	left int // cells still allowed
}

func newCellBudget(max int) *cellBudget { return &cellBudget{left: max} }

// take spends n cells, and returns errTooManyCells when there are not
// enough left.
func (b *cellBudget) take(n int) error {
	if n > b.left {
		b.left = 0
		return errTooManyCells
	}
	b.left -= n
	return nil
}

// unreadable returns an unreadable_file problem about the file name.
func unreadable(name, msg string) perinet.Problem {
	return problem(perinet.UnreadableFile, name, msg)
}

// tooLarge returns a too_large problem about the file name.
func tooLarge(name, msg string) perinet.Problem {
	return problem(perinet.TooLarge, name, msg)
}

// encrypted returns the encrypted problem of a password-protected workbook.
func encrypted(name string) perinet.Problem {
	return problem(perinet.Encrypted, name,
		"ブックにパスワードが設定されているため読み取れません。パスワードを解除したファイルを送ってもらってください。")
}

func problem(code perinet.Code, name, msg string) perinet.Problem {
	return perinet.Problem{Severity: perinet.Error, Code: code, Where: name, Text: name, Message: msg}
}

// byteSize writes n bytes for people: "20 MiB", "512 KiB", "300 B".
func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
