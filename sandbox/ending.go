package sandbox

import (
	"encoding/json"
	"fmt"
	"strings"

	"perinet"
	"perinet/intake"
)

// An ending is how a child's judging of a file ended, as its parent saw
// it: with an answer, or with the child's end.
type ending struct {
	success  bool   // it answered, or exited with status 0
	status   string // how it ended: "exit status 2", "signal: killed"
	answer   []byte // its answer: the line it wrote, up to maxAnswer
	long     bool   // its answer was longer than maxAnswer
	stderr   string // what it wrote to its standard error, up to maxStderr
	timedOut bool   // it was killed at the time limit
}

// outOfMemory reports whether a child's standard error says that it died
// for want of memory, in the words of the Go runtime (or of the C
// library, for a thread): past the address space (RLIMIT_AS) or the
// commit limit (a Job Object), an allocation fails.
func outOfMemory(stderr string) bool {
	for _, words := range []string{
		"out of memory",
		"cannot allocate memory",
		"cannot map pages",
		"cannot remap pages",
		"exceeds address space limit",
		"failed to create new OS thread",
		"pthread_create failed",
	} {
		if strings.Contains(stderr, words) {
			return true
		}
	}
	return false
}

// judgement returns what the child's ending says of the file name: its
// answer, when it gave one (answered); else the problem too_large for a
// limit, or unreadable_file for anything else, in a file of the format
// "unknown", as ingest names a format it cannot tell.
func (e ending) judgement(name string, lim Limits) (j intake.Judgement, answered bool) {
	fail := func(code perinet.Code, msg string) (intake.Judgement, bool) {
		p := perinet.Problem{Severity: perinet.Error, Code: code, Where: name, Text: name, Message: msg}
		return intake.Judgement{Format: "unknown", Problems: []perinet.Problem{p}}, false
	}
	switch {
	case e.success && e.long:
		return fail(perinet.TooLarge, fmt.Sprintf("読み取った結果が大きすぎます（上限は%d MB）。", maxAnswer>>20))
	case e.success:
		if err := json.Unmarshal(e.answer, &j); err != nil {
			return fail(perinet.UnreadableFile, fmt.Sprintf("ファイルを読み取れません（読み取りの処理が壊れた結果を返しました: %v）。", err))
		}
		return j, true
	case e.timedOut:
		return fail(perinet.TooLarge, fmt.Sprintf("読み取りに時間がかかりすぎたため中断しました（上限は%d秒、perinet.toml の read_seconds）。", int(lim.Time.Seconds())))
	case outOfMemory(e.stderr):
		return fail(perinet.TooLarge, fmt.Sprintf("読み取りに必要なメモリが上限を超えたため中断しました（上限は%d MB、perinet.toml の read_memory_mb）。", lim.Memory>>20))
	}
	if msg, ok := panicMessage(e.stderr); ok {
		return fail(perinet.UnreadableFile, fmt.Sprintf("ファイルを読み取れません（読み取り中の内部エラー: %s）。", msg))
	}
	why := e.status
	if line := firstLine(e.stderr); line != "" {
		why += ": " + line
	}
	return fail(perinet.UnreadableFile, fmt.Sprintf("ファイルを読み取れません（読み取りの処理が異常終了しました: %s）。", why))
}

// panicMessage returns the value of the panic that a Go program's
// standard error reports ("panic: …" at the start of a line), if any.
func panicMessage(stderr string) (string, bool) {
	for line := range strings.Lines(stderr) {
		if msg, ok := strings.CutPrefix(line, "panic: "); ok {
			return strings.TrimSpace(msg), true
		}
	}
	return "", false
}

// firstLine returns the first line of s that is not blank, trimmed.
func firstLine(s string) string {
	for line := range strings.Lines(s) {
		if line = strings.TrimSpace(line); line != "" {
			return line
		}
	}
	return ""
}
