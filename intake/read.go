package intake

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"time"

	"perinet"
	"perinet/ingest"
	"perinet/reader"
)

// A File is one file read and judged.
type File struct {
	Path     string            // as given
	SHA256   string            // of its bytes, in hex; "" when it could not be read at all
	Size     int64             // in bytes
	Format   string            // as the contract names formats; "unknown" when not told
	Saved    time.Time         // when the file says it was last saved; zero when it does not say
	ModTime  time.Time         // the file system's modification time; zero when unknown
	Records  []perinet.Record  // never nil
	Problems []perinet.Problem // never nil
}

// Accepted reports whether the file is accepted: it has no error.
func (f File) Accepted() bool { return !perinet.HasError(f.Problems) }

// Arrival is when the file counts as submitted, for `perinet report
// FILE...`: its own saved time where it has one, else its modification
// time. saved says which.
func (f File) Arrival() (t time.Time, saved bool) {
	if !f.Saved.IsZero() {
		return f.Saved, true
	}
	return f.ModTime, false
}

// Read reads one file and judges it with judge. A file that cannot be
// read still gets its File, with the problem that says why; the error is
// judge's own (see Judge), and the File is then incomplete.
func Read(ctx context.Context, path string, judge Judge) (File, error) {
	f := File{Path: path, Format: "unknown", Records: []perinet.Record{}, Problems: []perinet.Problem{}}
	sum, fi, p := hashFile(path)
	if p != nil {
		f.Problems = append(f.Problems, *p)
		return f, nil
	}
	f.SHA256, f.Size, f.ModTime = sum, fi.Size(), fi.ModTime()
	j, err := judge(ctx, path)
	if err != nil {
		return f, err
	}
	if j.Format != "" {
		f.Format = j.Format
	}
	f.Saved = j.Saved
	f.Records = append(f.Records, j.Records...)
	f.Problems = append(f.Problems, j.Problems...)
	return f, nil
}

// A Judgement is what a Judge found in a file.
type Judgement struct {
	Format   string // "" when ingest could not tell
	Saved    time.Time
	Records  []perinet.Record
	Problems []perinet.Problem
}

// A Judge reads the file at path (ingest, then, when the file could be
// read, the survey) and judges it: to the problems found it adds the
// errors that keep a file whose Records cannot all stand from being
// accepted (see the package documentation). Whatever the file holds, it
// gets a Judgement; the error says that the Judge itself could not work
// (ctx ended, a process could not be started), which is no fault of the
// file. Read calls it; the nightly run calls it on its staged copy, whose
// bytes it has hashed already.
type Judge func(ctx context.Context, path string) (Judgement, error)

// InProcess returns the Judge that reads in this process with rd, under
// ingest's own limits only (ingest.DefaultLimits): a file that exhausts
// the memory takes the process with it. It never returns an error, and
// reads to the end whatever ctx says. The sandbox package judges files
// in a child process, under a memory and a time limit, with this Judge.
func InProcess(rd *reader.Reader) Judge {
	return func(_ context.Context, path string) (Judgement, error) {
		return judge(path, rd), nil
	}
}

// judge is InProcess's Judge.
func judge(path string, rd *reader.Reader) Judgement {
	g, problems := ingest.File(path, ingest.DefaultLimits())
	var j Judgement
	if g != nil {
		j.Format, j.Saved = g.Format, g.Modified
	}
	j.Problems = problems
	if g != nil && !perinet.HasError(problems) {
		records, more := rd.Read(g)
		j.Records = records
		j.Problems = append(j.Problems, more...)
	}
	j.Problems = append(j.Problems, unfit(j.Records, j.Problems)...)
	return j
}

// unfit guards the store: a file without errors whose Records cannot all
// be current (a Record without a fiscal year or a group, a group twice)
// gets an error, so that it is rejected rather than stopping every run;
// so does a file without errors from which no group was read. The reader
// already reports the first; this is the second line.
func unfit(records []perinet.Record, problems []perinet.Problem) []perinet.Problem {
	if perinet.HasError(problems) {
		return nil
	}
	if len(records) == 0 {
		return []perinet.Problem{{Severity: perinet.Error, Code: perinet.NoSurveyFound,
			Message: "調査票は見つかりましたが、グループを一つも読み取れませんでした。ブロック名の欄を確認してください"}}
	}
	type group struct {
		fy    int
		block string
	}
	seen := make(map[group]bool)
	for _, rec := range records {
		key := group{rec.FiscalYear, rec.Block}
		if rec.FiscalYear <= 0 || rec.Block == "" || seen[key] {
			return []perinet.Problem{{Severity: perinet.Error, Code: perinet.NoSurveyFound, Field: "block", Text: rec.Block,
				Message: "年度とブロック名を一つずつ読み取れないグループがあります。調査票の年度とブロック名を確認してください"}}
		}
		seen[key] = true
	}
	return nil
}

// hashFile returns the SHA-256 of a file in hex and its information, or
// the problem that says why it cannot be read (a folder, a FIFO or a file
// that is not there is never opened).
func hashFile(path string) (string, fs.FileInfo, *perinet.Problem) {
	f, fi, p := ingest.Open(path)
	if p != nil {
		return "", nil, p
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", nil, &perinet.Problem{Severity: perinet.Error, Code: perinet.UnreadableFile, Where: filepath.Base(path), Text: path,
			Message: fmt.Sprintf("ファイルを読み取れません（%v）。", err)}
	}
	return hex.EncodeToString(h.Sum(nil)), fi, nil
}
