package typeset

import "strings"

// noStart lists the characters that must not begin a line (行頭禁則): closing
// brackets, commas and full stops, the middle dot, the prolonged sound mark,
// question and exclamation marks, iteration marks and small kana, in full
// width, half width and ASCII.
const noStart = "、。，．）」』】〕〉》］｝〙〗’”・：；？！ー‐〜～ゝゞヽヾ々" +
	"ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ" +
	"｡｣､･ｰｧｨｩｪｫｬｭｮｯﾞﾟ" +
	",.)]}:;?!%"

// noEnd lists the characters that must not end a line (行末禁則): opening
// brackets, in full width, half width and ASCII.
const noEnd = "（「『【〔〈《［｛〘〖‘“｢([{"

// NoStart reports whether r must not begin a line.
func NoStart(r rune) bool { return strings.ContainsRune(noStart, r) }

// NoEnd reports whether r must not end a line.
func NoEnd(r rune) bool { return strings.ContainsRune(noEnd, r) }
