package sandbox

import (
	"strings"
	"testing"
	"time"

	"perinet"
)

// TestEnding reads each way a child can end as its file's Judgement.
func TestEnding(t *testing.T) {
	lim := Limits{Memory: 512 << 20, Time: 45 * time.Second}
	answer := []byte(`{"Format":"xlsx","Saved":"0001-01-01T00:00:00Z","Records":[{"fiscal_year":2016,"block":"区中央部"}],"Problems":[]}`)
	for _, c := range []struct {
		name string
		e    ending
		code perinet.Code // "" for the answer itself
		msg  string
	}{
		{"answer", ending{success: true, status: "exit status 0", answer: answer}, "", ""},
		{"answer after the time", ending{success: true, status: "exit status 0", answer: answer, timedOut: true}, "", ""},
		{"answer too long", ending{success: true, status: "exit status 0", answer: answer[:20], long: true},
			perinet.TooLarge, "読み取った結果が大きすぎます（上限は256 MB）"},
		{"garbage", ending{success: true, status: "exit status 0", answer: []byte("<html>")},
			perinet.UnreadableFile, "壊れた結果を返しました: invalid character '<'"},
		{"no answer", ending{success: true, status: "exit status 0"},
			perinet.UnreadableFile, "壊れた結果を返しました: unexpected end of JSON input"},
		{"killed at the time limit", ending{status: "signal: killed", timedOut: true},
			perinet.TooLarge, "時間がかかりすぎたため中断しました（上限は45秒、perinet.toml の read_seconds）"},
		{"Go out of address space", ending{status: "exit status 2",
			stderr: "runtime: out of memory: cannot allocate 83886080-byte block (6354010112 in use)\nfatal error: out of memory\n"},
			perinet.TooLarge, "メモリが上限を超えたため中断しました（上限は512 MB、perinet.toml の read_memory_mb）"},
		{"Go on Windows past the job's limit", ending{status: "exit status 2",
			stderr: "runtime: VirtualAlloc of 67108864 bytes failed with errno=1455\nfatal error: out of memory\n"},
			perinet.TooLarge, "メモリが上限を超えた"},
		{"no thread", ending{status: "signal: aborted",
			stderr: "runtime/cgo: pthread_create failed: Resource temporarily unavailable\nSIGABRT: abort\n"},
			perinet.TooLarge, "メモリが上限を超えた"},
		{"panic", ending{status: "exit status 2",
			stderr: "panic: runtime error: index out of range [3] with length 3\n\ngoroutine 1 [running]:\nmain.main()\n"},
			perinet.UnreadableFile, "（読み取り中の内部エラー: runtime error: index out of range [3] with length 3）"},
		{"killed by another", ending{status: "signal: killed"},
			perinet.UnreadableFile, "読み取りの処理が異常終了しました: signal: killed）"},
		{"a request it could not read", ending{status: "exit status 1", stderr: "\nsandbox: read the request: EOF\n"},
			perinet.UnreadableFile, "異常終了しました: exit status 1: sandbox: read the request: EOF）"},
	} {
		j, answered := c.e.judgement("form.xlsx", lim)
		if c.code == "" {
			if !answered || j.Format != "xlsx" || len(j.Records) != 1 || j.Records[0].Block != "区中央部" || len(j.Problems) != 0 {
				t.Errorf("%s: %+v (answered %v), want the answer", c.name, j, answered)
			}
			continue
		}
		if answered || j.Format != "unknown" || len(j.Problems) != 1 || j.Problems[0].Code != c.code || j.Problems[0].Severity != perinet.Error ||
			j.Problems[0].Where != "form.xlsx" || !strings.Contains(j.Problems[0].Message, c.msg) {
			t.Errorf("%s: problems %+v, want one error %s saying %q", c.name, j.Problems, c.code, c.msg)
		}
	}
}

// TestHead keeps the first bytes, and takes every write whole.
func TestHead(t *testing.T) {
	h := &head{max: 5}
	for _, w := range []string{"abc", "defg", "hij"} {
		if n, err := h.Write([]byte(w)); n != len(w) || err != nil {
			t.Errorf("Write(%q) = %d, %v", w, n, err)
		}
	}
	if h.buf.String() != "abcde" || !h.over {
		t.Errorf("kept %q, over %v; want \"abcde\", true", h.buf.String(), h.over)
	}
}
