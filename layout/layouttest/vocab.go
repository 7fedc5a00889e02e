package layouttest

// The words the random cases are made of. Every entry of the details is
// as the contract gives entries back: NFKC-stable, trimmed, without a
// leading bullet or number, not wholly in brackets, with no line break,
// no bullet after a space and no number after a space that would split
// it, not a mark and not starting with one, and writable in code page
// 932.

// trainings are details of the items about meetings, trainings and
// information sharing.
var trainings = []string{
	"NCPR講習会", "ALSO", "育児支援研修会", "J-MELSベーシックコース", "J-CIMELSベーシックコース",
	"母体救命講習会", "周産期症例検討会", "新生児蘇生法講習会", "助産師向け研修会", "連携会議で検討",
	"連携会議で実施", "共通診療ノートの運用", "マタニティダイアリーの配布", "妊産婦情報提供書の活用",
	"ハイリスク妊婦の紹介基準を作成", "搬送事例の検証", "病診連携の手引きを改訂", "SNSの整備",
	"WEB型周産期地域診療情報連携システムの利用促進", "セミオープンシステムを運用", "地域の診療所と妊婦健診を分担",
	"年2回の症例検討会", "多職種連携の研修会(年1回)", "きずなノート", "母子保健担当者との情報交換",
}

// listNotes are details of the counted item (the coordination list), and
// the notes written in place of its count: none holds a digit, so that
// none reads as a count.
var listNotes = []string{
	"多摩地域全体分を杏林大が集約・配付", "区全体で集約して配布", "ホームページで公開",
	"各医療機関へメールで送付", "医療機関等の連絡先一覧を更新", "区内の全分娩施設に配布",
}

// remarks are notes written beside or below a form's table.
var remarks = []string{
	"※昨年度と同じ", "※詳細は別紙のとおり", "※記入例を参照してください", "（注）実施した項目に○を記入",
	"※次年度も継続予定", "記入者：周産期医療担当",
}

// titles are a form's titles; {年度} is the fiscal year where a title
// gives it.
var titles = []string{
	"周産期医療ネットワークグループ事業 取組状況調査票",
	"周産期医療ネットワークグループ事業 実施状況",
	"周産期医療ネットワークグループ事業　各グループの取組状況",
	"取組状況調査票",
}

// formSheets are the names of the sheet that holds the form; {年度} is
// the fiscal year.
var formSheets = []string{"調査票", "回答", "Sheet1", "{年度}", "取組状況"}
