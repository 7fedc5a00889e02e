package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"perinet/config"
)

// serveDir makes a folder with perinet.toml and a work folder whose store
// the nightly run made from two forms.
func serveDir(t *testing.T) (dir, configFile string) {
	t.Helper()
	dir, configFile = statusDir(t, false, "year = 2016")
	inbox := copyForms(t, "fy2016/form-0[12]*.xlsx")
	if code, stdout, stderr := runCommand("run", "--config", configFile, "--inbox", inbox, "--settle", "0"); code != exitOK {
		t.Fatalf("perinet run: exit %d\n%s%s", code, stdout, stderr)
	}
	return dir, configFile
}

// TestServe starts the desk on a store the nightly run made, opens its
// home page, and stops it.
func TestServe(t *testing.T) {
	_, file := serveDir(t)
	job, err := newServeJob(nil, serveFlags{config: file, addr: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	d, err := job.open(context.Background(), &log)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ln, err := net.Listen("tcp", job.addr)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	job.announce(&out, ln.Addr())
	if !strings.Contains(out.String(), "事務局の画面: http://"+ln.Addr().String()+"/") || strings.Contains(out.String(), "暗号化されていません") {
		t.Errorf("announced:\n%s", out.String())
	}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve(ctx, ln, d) }()
	res, err := http.Get("http://" + ln.Addr().String() + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(body), "平成28年度（2016年度）の提出状況") {
		t.Errorf("GET /: %d\n%s", res.StatusCode, body)
	}
	stop()
	if err := <-done; err != nil {
		t.Errorf("serve: %v", err)
	}
}

// TestServeSetPassword writes the password's hash into perinet.toml, and
// a desk beyond loopback then starts, saying the connection is not
// encrypted.
func TestServeSetPassword(t *testing.T) {
	_, file := serveDir(t)
	if code, _, stderr := runCommand("serve", "--config", file, "--addr", "0.0.0.0:0"); code != exitUsage ||
		!strings.Contains(stderr, "先にパスワードを設定してください") {
		t.Errorf("beyond loopback without a password: exit %d, %s", code, stderr)
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"serve", "--config", file, "--set-password"}, strings.NewReader("correct horse battery\n"), &stdout, &stderr)
	if code != exitOK || !strings.Contains(stdout.String(), "パスワードを設定しました") {
		t.Fatalf("--set-password: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	cfg, err := config.Load(file)
	if err != nil || !strings.HasPrefix(cfg.DeskPasswordHash, "$argon2id$v=19$") || strings.Contains(cfg.DeskPasswordHash, "correct horse") {
		t.Fatalf("the config's hash: %q, %v", cfg.DeskPasswordHash, err)
	}
	job, err := newServeJob(nil, serveFlags{config: file, addr: "0.0.0.0:0"})
	if err != nil || !job.public {
		t.Fatalf("beyond loopback with a password: %v, public %v", err, job.public)
	}
	d, err := job.open(context.Background(), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	d.Close()
	var out bytes.Buffer
	job.announce(&out, &net.TCPAddr{IP: net.IPv4zero, Port: 8080})
	if !strings.Contains(out.String(), "この接続は暗号化されていません") || !strings.Contains(out.String(), ":8080/") {
		t.Errorf("announced:\n%s", out.String())
	}
}

// TestServeErrors: what is wrong is said, with its exit status.
func TestServeErrors(t *testing.T) {
	_, file := serveDir(t)
	empty, emptyFile := statusDir(t, false)
	tests := []struct {
		args   []string
		stdin  string
		want   int
		stderr string
	}{
		{[]string{"--config", file, "--addr", "8080"}, "", exitUsage, "アドレスとポートを「:」でつないで"},
		{[]string{"--config", file, "extra"}, "", exitUsage, "余分な引数"},
		{[]string{"--config", emptyFile, "--addr", "127.0.0.1:0"}, "", exitProblem, "perinet run を一度実行してから"},
		{[]string{"--config", file, "--set-password"}, "short\n", exitUsage, "8 文字以上"},
		{[]string{"--set-password"}, "correct horse battery\n", exitUsage, "--config で指定してください"},
		{[]string{"--config", filepath.Join(empty, "none.toml"), "--set-password"}, "correct horse battery\n", exitUsage, "設定ファイルを読めません"},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		code := run(append([]string{"serve"}, tt.args...), strings.NewReader(tt.stdin), &stdout, &stderr)
		if code != tt.want || !strings.Contains(stderr.String(), tt.stderr) {
			t.Errorf("perinet serve %q: exit %d, %s; want exit %d and %q", tt.args, code, stderr.String(), tt.want, tt.stderr)
		}
	}
	// A store lost while it has backups: how to restore the latest.
	lost, lostFile := serveDir(t) // its nightly run made a backup
	if err := os.Remove(filepath.Join(lost, "work", config.StoreFile)); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCommand("serve", "--config", lostFile, "--addr", "127.0.0.1:0"); code != exitProblem ||
		!strings.Contains(stderr, "最新のバックアップから戻してください") {
		t.Errorf("a store lost, with backups: exit %d, %s", code, stderr)
	}
	// A hash that is not one: a mistake in the config file.
	dir, _ := serveDir(t)
	if err := config.SetPasswordHash(filepath.Join(dir, config.FileName), "plain text"); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCommand("serve", "--config", filepath.Join(dir, config.FileName), "--addr", "127.0.0.1:0")
	if code != exitUsage || !strings.Contains(stderr, "desk_password_hash が正しくありません") {
		t.Errorf("a broken hash: exit %d, %s", code, stderr)
	}
}
