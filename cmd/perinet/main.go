// Command perinet reads the yearly status forms of the Tokyo perinatal
// network groups (周産期医療ネットワークグループ事業) and turns them into
// typed records.
//
// Usage:
//
//	perinet check [--json] [--year YEAR] [--survey FILE] [--hospitals FILE] [--today YYYY-MM-DD] FILE...
//	perinet parse [--survey FILE] [--hospitals FILE] [--today YYYY-MM-DD] KIND [VALUE...]
//	perinet report --out DIR [--year YEAR] [--purpose FILE] [--notes FILE] [--paper A3|A4] [--survey FILE] [--hospitals FILE] [--today YYYY-MM-DD] FILE...
//	perinet run [--config FILE] [--inbox DIR] [--work DIR] [--publish DIR] [--year YEAR] [--settle SECONDS] [--keep] [--log-format text|json]
//	perinet init DIR
//	perinet status [--config FILE] [--year YEAR] [--survey FILE] [--hospitals FILE] [--today YYYY-MM-DD]
//	perinet template --out DIR (--group NAME | --all) [--year YEAR] [--config FILE] [--work DIR] [--survey FILE] [--hospitals FILE] [--today YYYY-MM-DD]
//	perinet serve [--config FILE] [--work DIR] [--addr HOST:PORT] [--set-password] [--survey FILE] [--hospitals FILE] [--today YYYY-MM-DD]
//	perinet version (or perinet --version)
//	perinet help [COMMAND]
//
// Flags may stand anywhere among the arguments; "--" ends them.
//
// See usage below for what each command does.
package main

import (
	"fmt"
	"io"
	"os"
	"strings"
)

// Exit statuses, as the contract fixes them.
const (
	exitOK      = 0 // nothing had an error problem
	exitProblem = 1 // some value or file had an error problem, or the run failed
	exitUsage   = 2 // the command line was wrong
)

// formats says which files the commands that read forms can read.
const formats = `      読める形式: Excel のブック（.xlsx, .xlsm。古い形式の .xls は LibreOffice があるとき）、
                  LibreOffice Calc（.ods）、CSV（UTF-8 または Shift_JIS）、文字の入った PDF
                  （Excel などから書き出したもの。スキャンした画像だけの PDF は読めません）
`

// The flags several commands take, as their usage texts list them.
const (
	hospitalsFlag = "      --survey     調査の定義ファイル（項目を加える・やめるとき。書き方は README）\n" +
		"      --hospitals  病院の別名ファイル（1行に「別名 = 正式名称」）\n"
	todayFlag = "      --today      今日の日付の代わりに使う日（将来の日付の判定に使います）\n"
)

// commands are the commands with their usage texts, in the order `perinet
// help` lists them. Each text lists every flag of its command.
var commands = []struct{ name, usage string }{
	{"check", `  perinet check [--json] [--year 年度] [--survey ファイル] [--hospitals ファイル] [--today YYYY-MM-DD] ファイル...
      提出された調査票を読み、グループごとの内容と問題を表示します。
` + formats + `      --json       1ファイル1行のJSON（外部の確認用の形式）で出力します
      --year       調査票に年度が書かれていないときに使う年度（例: 2016, 平成28年度）
` + hospitalsFlag + todayFlag + `      終了コード: 0 誤りなし、1 誤りのあるファイル（読めないファイルを含む）がある、2 使い方の誤り
`},
	{"report", `  perinet report --out フォルダ [--year 年度] [--purpose ファイル] [--notes ファイル] [--paper A3|A4]
                 [--survey ファイル] [--hospitals ファイル] [--today YYYY-MM-DD] ファイル...
      調査票を読み、年度の報告書（report.xlsx と report.pdf）をフォルダに書き出します。
      前の年度の調査票も指定すると、推移と前年度からの変化も載せます。
` + formats + `      --out        報告書を書き出すフォルダ（ないときは作ります）
      --year       報告する年度（省略時は調査票の最新の年度。その年度の調査票がないときは誤り）
      --purpose    「目的」の文章のファイル（省略時は標準の文章）
      --notes      事務局の所見のファイル（「取組の傾向及び課題」に、書かれたとおりに載せます）
      --paper      用紙（A3 または A4、横向き。省略時は A3）
` + hospitalsFlag + todayFlag + `      終了コード: 0 作成した、1 誤りのあるファイルがある（報告書は作ります）か書けなかった、
      2 使い方の誤り
`},
	{"parse", `  perinet parse [--survey ファイル] [--hospitals ファイル] [--today YYYY-MM-DD] 種類 [値...]
      値（省略時は標準入力の各行）を読み、1行に1つのJSONで結果を表示します。
      種類: date（開始年月）, fiscal-year（年度）, mark（○×）, count（配布先の施設数）,
            block（ブロック名）, hospital（委託病院）, details（具体的内容）
` + hospitalsFlag + todayFlag + `      「-x」のように - と英字で始まる値は、-- の後に書いてください。
      終了コード: 0 誤りなし、1 誤りのある値がある、2 使い方の誤り
`},
	{"run", `  perinet run [--config ファイル] [--inbox フォルダ] [--work フォルダ] [--publish フォルダ] [--year 年度]
              [--settle 秒] [--keep] [--log-format text|json]
      夜間の処理: 受付フォルダの調査票を読み、受け付けたものは work/archive へ、誤りのあるものは
      work/rejected へ移し（それぞれ「…受付結果.txt」をそばに置きます）、記録（work/perinet.db）に
      残し、変わった年度の報告書（work/reports/年度/latest.pdf, latest.xlsx）を作り直します。
` + formats + `      --config      設定ファイル（省略時は標準の設定: ./inbox, ./work）。ほかの指定は設定より優先します
      --inbox       受付フォルダ（病院から届いた調査票を置くフォルダ。ないときは誤り）
      --work        作業フォルダ（記録と archive, rejected, reports。指定したフォルダがないときは作ります）
      --publish     報告書PDFをコピーするフォルダ（内容が変わったときにコピーします）
      --year        公開する報告書の年度（省略時は設定の year、それもなければ記録のある最新の年度）
      --settle      この秒数より最近に変更されたファイルはコピー中とみなし、次回に回します（標準 60）
      --keep        受け付けたファイルを受付フォルダに残します（試しに実行するとき）
      --log-format  ログの形式: text（1ファイル1行、日本時間。標準）または json
      終了コード: 0 すべて受付、3 不受理のファイルがある、または受付フォルダに残ったファイルが
      設定の wait_runs 回続けて受け付けられていない、1 実行できなかった（実行中の別の
      perinet run があるときも）、2 使い方か設定ファイルの誤り（同じフォルダや、受付フォルダと
      ほかのフォルダが中に入り合う指定を含む）、受付フォルダがない
`},
	{"init", `  perinet init フォルダ
      フォルダに設定ファイル perinet.toml（説明つきの見本）と、それが名前を挙げるフォルダ
      （inbox, work と work の中の archive, rejected, reports）を作ります。
      perinet.toml がもうあるときは、何も書き換えずに終わります（終了コード 1）。
      終了コード: 0 用意した、1 perinet.toml がもうある・作れなかった、2 使い方の誤り、
      フォルダにある inbox と work が同じフォルダ（リンク）などで重なる
`},
	{"status", `  perinet status [--config ファイル] [--year 年度] [--survey ファイル] [--hospitals ファイル] [--today YYYY-MM-DD]
      年度の提出状況を表示します: グループごとに最後に届いたファイル（いつ、どのファイル、
      受付か不受理か）と、まだ届いていないグループ、提出期限を過ぎたかどうか、最後の
      perinet run が受付フォルダに残したファイル（何回続けてか、その理由）。
      --config     設定ファイル（省略時は標準の設定。記録は ./work/perinet.db）
      --year       年度（省略時は設定ファイルの year、それもなければ今日の年度）
` + hospitalsFlag + todayFlag + `      終了コード: 0 表示した、1 提出期限を過ぎて受け付けていないグループがある
      （または記録を読めない）、2 使い方か設定ファイルの誤り（重なるフォルダの指定を含む）
`},
	{"template", `  perinet template --out フォルダ (--group グループ名 | --all) [--year 年度] [--config ファイル] [--work フォルダ]
                   [--survey ファイル] [--hospitals ファイル] [--today YYYY-MM-DD]
      病院に送る調査票（Excel の .xlsx）を作ります。グループごとに1ファイル（多摩地域はサブグループと
      あわせて一つの表）で、記録にある前回の回答を入れ、記入要領と提出先（設定の submit_to と
      deadline）を載せます。フォルダにある同じ名前のファイルは書き換えません。
      --out        書き出すフォルダ（ないときは作ります）
      --group      そのグループの調査票だけを作ります（サブグループ名なら、そのグループだけの調査票）
      --all        すべてのグループの調査票を作ります
      --year       調査する年度（省略時は設定ファイルの year、それもなければ今日の年度。来年度まで）
      --config     設定ファイル（省略時は標準の設定。記録は ./work/perinet.db）
      --work       作業フォルダ（記録 perinet.db のあるフォルダ。設定より優先します。ないときは誤り）
` + hospitalsFlag + todayFlag + `      終了コード: 0 すべて書いた、1 書けなかったファイルがある、2 使い方か設定ファイルの誤り
      （重なるフォルダの指定を含む）
`},
	{"serve", `  perinet serve [--config ファイル] [--work フォルダ] [--addr アドレス:ポート] [--set-password]
                [--survey ファイル] [--hospitals ファイル] [--today YYYY-MM-DD]
      事務局の画面をブラウザーで開けるようにします（止めるには Ctrl+C）: 年度の提出状況、
      届いたファイルと読み取った内容（調査票のどのセルから読んだか）、グループの回答の推移、
      監査記録（CSV）、報告書、事務局による修正（理由つき）と報告書の作り直し。記録（perinet.db）には
      修正だけを、夜間の処理と重ならないように書き込みます。
      --config     設定ファイル（省略時は標準の設定。記録は ./work/perinet.db）
      --work       作業フォルダ（記録 perinet.db のあるフォルダ。設定より優先します）
      --addr       待ち受けるアドレスとポート（標準 127.0.0.1:8080: このコンピューターからだけ
                   開けます）。ほかのアドレスには、設定ファイルのパスワードが必要です
      --set-password  画面を開かずに、パスワードを尋ねてそのハッシュを --config の設定ファイル
                   （desk_password_hash）に書きます（端末からは2回、画面に出さずに。
                   そうでなければ標準入力の1行目）
` + hospitalsFlag + `      --today      今日の日付の代わりに使う日（提出期限までの日数を数えます）
      終了コード: 0 止めた・設定した、1 記録を開けない・待ち受けられない、
      2 使い方か設定ファイルの誤り（パスワードのない外向きのアドレスを含む）
`},
	{"version", `  perinet version（または perinet --version）
      perinet のバージョンとビルドの情報（リビジョン、その日時、Go のバージョン）を表示します。
`},
	{"help", `  perinet help [コマンド]
      使い方を表示します。コマンドを指定すると、そのコマンドの使い方だけを表示します
      （perinet check --help も同じです）。
`},
}

// usageHead begins every usage text.
const usageHead = `使い方:
`

// usageFoot ends the usage of every command: how flags are written.
const usageFoot = `
  オプションはファイル名や値の前にも後にも書けます（perinet check a.xlsx --json）。
  -- の後はすべてファイル名や値として読みます。
`

// usage is the usage text of every command.
var usage = func() string {
	var b strings.Builder
	b.WriteString(usageHead)
	for i, c := range commands {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(c.usage)
	}
	b.WriteString(usageFoot)
	return b.String()
}()

// commandUsage returns the usage text of one command, or of every command
// when name is not one.
func commandUsage(name string) string {
	for _, c := range commands {
		if c.name == name {
			return usageHead + c.usage + usageFoot
		}
	}
	return usage
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run runs the command line args and returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "parse":
		return runParse(args[1:], stdin, stdout, stderr)
	case "check":
		return runCheck(args[1:], stdout, stderr)
	case "report":
		return runReport(args[1:], stdout, stderr)
	case "run":
		return runRun(args[1:], stdout, stderr)
	case "init":
		return runInit(args[1:], stdout, stderr)
	case "status":
		return runStatus(args[1:], stdout, stderr)
	case "template":
		return runTemplate(args[1:], stdout, stderr)
	case judgeCommand:
		return runJudge(stdin, stdout, stderr)
	case "serve":
		return runServe(args[1:], stdin, stdout, stderr)
	case "version", "--version", "-version", "-v":
		return runVersion(args[1:], stdout, stderr)
	case "help", "-h", "--help":
		if len(args) > 1 {
			fmt.Fprint(stdout, commandUsage(args[1]))
		} else {
			fmt.Fprint(stdout, usage)
		}
		return exitOK
	}
	fmt.Fprintf(stderr, "perinet: 「%s」というコマンドはありません\n\n%s", args[0], usage)
	return exitUsage
}
