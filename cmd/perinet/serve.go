package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

	"golang.org/x/term"

	"perinet/config"
	"perinet/desk"
	"perinet/nightly"
	"perinet/store"
)

// minPassword is the shortest password the desk takes, in characters.
const minPassword = 8

// runServe is `perinet serve`: the secretariat's desk, a web application
// over the store, until Ctrl+C (or SIGTERM) stops it.
func runServe(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs, files, today := newFlagSet("serve")
	configFile := fs.String("config", "", "設定ファイル（perinet.toml）")
	work := fs.String("work", "", "作業フォルダ（記録 perinet.db のあるフォルダ）")
	addr := fs.String("addr", "127.0.0.1:8080", "待ち受けるアドレスとポート")
	setPassword := fs.Bool("set-password", false, "パスワードを設定する")
	if code, ok := parseCommandLine(fs, args, stdout, stderr); !ok {
		return code
	}
	if *setPassword {
		return setDeskPassword(fs.Args(), *configFile, stdin, stdout, stderr)
	}
	job, err := newServeJob(fs.Args(), serveFlags{*configFile, *work, *addr, *files, *today})
	if err != nil {
		fmt.Fprintf(stderr, "perinet serve: %v\n", err)
		return exitUsage
	}
	d, err := job.open(context.Background(), stderr)
	if err != nil {
		fmt.Fprintf(stderr, "perinet serve: %v\n", err)
		if errors.Is(err, desk.ErrPasswordHash) {
			return exitUsage
		}
		return exitProblem
	}
	defer d.Close()
	ln, err := net.Listen("tcp", job.addr)
	if err != nil {
		fmt.Fprintf(stderr, "perinet serve: %s で待ち受けられません（%v）\n", job.addr, err)
		return exitProblem
	}
	job.announce(stdout, ln.Addr())
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := serve(ctx, ln, d); err != nil {
		fmt.Fprintf(stderr, "perinet serve: %v\n", err)
		return exitProblem
	}
	return exitOK
}

// serveFlags are the command line of `perinet serve`.
type serveFlags struct {
	config, work, addr string
	files              surveyFiles
	today              string
}

// A serveJob is one `perinet serve` as its flags and config describe it.
type serveJob struct {
	statusJob
	addr   string
	public bool // addr reaches beyond this computer
	fixed  bool // --today fixes the day
}

// newServeJob reads the flags and the config. An address beyond this
// computer needs the config's password.
func newServeJob(args []string, f serveFlags) (serveJob, error) {
	job := serveJob{addr: f.addr, fixed: f.today != ""}
	var err error
	if job.statusJob, err = newStatusJob(args, f.config, "", f.files, f.today); err != nil {
		return job, err
	}
	if f.work != "" {
		job.cfg.Work = f.work
	}
	host, _, err := net.SplitHostPort(f.addr)
	if err != nil {
		return job, fmt.Errorf("--addr %q は 127.0.0.1:8080 のように、アドレスとポートを「:」でつないで書いてください", f.addr)
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	job.public = !strings.EqualFold(host, "localhost") && (ip == nil || !ip.IsLoopback())
	if job.public && job.cfg.DeskPasswordHash == "" {
		return job, fmt.Errorf("--addr %s では、このコンピューターの外からも画面を開けます。先にパスワードを設定してください"+
			"（perinet serve --config perinet.toml --set-password）", f.addr)
	}
	return job, nil
}

// open opens the store read-only and makes the desk over it; the desk
// opens it for writing only for a change, under the nightly run's lock.
func (job serveJob) open(ctx context.Context, stderr io.Writer) (*desk.Desk, error) {
	path := job.cfg.Store()
	s, err := store.OpenReadOnly(ctx, path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil, fmt.Errorf("記録 %s がありません。perinet run を一度実行してから開いてください", path)
	case err != nil:
		return nil, storeError(path, err) // lost or damaged: how to restore the latest backup
	}
	now := time.Now
	if job.fixed {
		now = func() time.Time { return job.today }
	}
	reports, err := job.reports()
	if err != nil {
		s.Close()
		return nil, err
	}
	d, err := desk.New(desk.Options{Store: s, Work: job.cfg.Work, Config: job.cfg, Survey: job.survey,
		PasswordHash: job.cfg.DeskPasswordHash, Public: job.public, Now: now, Log: slog.New(slog.NewTextHandler(stderr, nil)),
		Reports: reports})
	if errors.Is(err, desk.ErrPasswordHash) {
		err = fmt.Errorf("%s の desk_password_hash が正しくありません。perinet serve --set-password で設定し直してください（%w）", job.cfg.File, err)
	}
	if err != nil {
		s.Close()
		return nil, err
	}
	return d, nil
}

// reports are the options of the reports the desk remakes, as perinet
// run makes them from the config.
func (job serveJob) reports() (nightly.Options, error) {
	o := nightly.Options{Publish: job.cfg.Publish, PublishYear: job.cfg.Year}
	var err error
	if o.Paper, err = parsePaper(job.cfg.Paper); err != nil {
		return o, err
	}
	if o.Purpose, err = readOptional(job.cfg.Purpose, "purpose"); err != nil {
		return o, err
	}
	o.Notes, err = readOptional(job.cfg.Notes, "notes")
	return o, err
}

// announce says where the desk is, and when it is reachable beyond this
// computer, that the connection is not encrypted.
func (job serveJob) announce(w io.Writer, at net.Addr) {
	url := "http://" + at.String() + "/"
	if tcp, ok := at.(*net.TCPAddr); ok && tcp.IP.IsUnspecified() {
		url = fmt.Sprintf("http://（このコンピューターの名前かアドレス）:%d/", tcp.Port)
	}
	fmt.Fprintf(w, "事務局の画面: %s（止めるには Ctrl+C）\n", url)
	fmt.Fprintf(w, "記録: %s（事務局の修正だけを、夜間の処理と重ならないように書き込みます）\n", job.cfg.Store())
	if job.public {
		fmt.Fprintln(w, "注意: この接続は暗号化されていません（HTTP）。パスワードと内容がネットワーク上で読まれるおそれがあります。"+
			"信頼できるネットワークの中だけで使ってください。")
	}
}

// serve answers requests on ln until ctx is done, then lets the requests
// under way finish.
func serve(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return srv.Shutdown(shutdown)
}

// setDeskPassword is `perinet serve --set-password`: it reads a new
// password (twice, without showing it, from a terminal; else the first
// line of standard input) and writes its hash into the config file.
func setDeskPassword(args []string, configFile string, stdin io.Reader, stdout, stderr io.Writer) int {
	switch {
	case len(args) > 0:
		fmt.Fprintf(stderr, "perinet serve: 余分な引数があります: %s\n", strings.Join(args, " "))
		return exitUsage
	case configFile == "":
		fmt.Fprintln(stderr, "perinet serve: --set-password では、パスワードを書き込む設定ファイルを --config で指定してください")
		return exitUsage
	}
	if _, err := config.Load(configFile); err != nil {
		fmt.Fprintf(stderr, "perinet serve: %v\n", err)
		return exitUsage
	}
	password, err := readPassword(stdin, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "perinet serve: %v\n", err)
		return exitUsage
	}
	hash, err := desk.HashPassword(password)
	if err == nil {
		err = config.SetPasswordHash(configFile, hash)
	}
	if err != nil {
		fmt.Fprintf(stderr, "perinet serve: %v\n", err)
		return exitProblem
	}
	fmt.Fprintf(stdout, "%s にパスワードを設定しました（desk_password_hash。パスワードそのものは書いていません）。\n", configFile)
	return exitOK
}

// readPassword reads a new password: from a terminal twice, without
// echoing it, else the first line of r.
func readPassword(r io.Reader, prompt io.Writer) (string, error) {
	var password string
	if f, ok := r.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		var again []byte
		fmt.Fprint(prompt, "新しいパスワード: ")
		first, err := term.ReadPassword(int(f.Fd()))
		if err == nil {
			fmt.Fprint(prompt, "\nもう一度: ")
			again, err = term.ReadPassword(int(f.Fd()))
		}
		fmt.Fprintln(prompt)
		if err != nil {
			return "", fmt.Errorf("パスワードを読めません: %w", err)
		}
		if string(first) != string(again) {
			return "", errors.New("二つのパスワードが違います。もう一度設定してください")
		}
		password = string(first)
	} else {
		line, err := bufio.NewReader(r).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return "", fmt.Errorf("パスワードを読めません: %w", err)
		}
		password = strings.TrimRight(line, "\r\n")
	}
	if utf8.RuneCountInString(password) < minPassword {
		return "", fmt.Errorf("パスワードは %d 文字以上にしてください", minPassword)
	}
	return password, nil
}
