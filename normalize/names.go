package normalize

import (
	"fmt"
	"strings"

	"perinet"
)

// Names matches the group (block) and hospital names written in forms to
// the canonical names of a survey, in their normal form (Key: NFKC, radicals
// folded) and with spaces and brackets removed, so that 南多摩(町田市除く), 南多摩 町田市除く and
// 南多摩（町田市除く） are one name.
type Names struct {
	blocks    map[string]perinet.Block
	hospitals map[string]string
	list      string // the canonical group names, for messages
}

// NewNames indexes the names of a survey. It fails when one name stands
// for two groups or two hospitals, which an added alias can cause.
func NewNames(s *perinet.Survey) (*Names, error) {
	n := &Names{blocks: map[string]perinet.Block{}, hospitals: map[string]string{}}
	var names []string
	for _, b := range s.Blocks {
		names = append(names, b.Name)
		for _, alias := range append([]string{b.Name}, b.Aliases...) {
			k := Key(alias)
			if prev, ok := n.blocks[k]; ok && prev.Name != b.Name {
				return nil, fmt.Errorf("「%s」が二つのブロック（%sと%s）の名前になっています", alias, prev.Name, b.Name)
			}
			n.blocks[k] = b
		}
	}
	for _, h := range s.Hospitals {
		for _, alias := range append([]string{h.Name}, h.Aliases...) {
			k := Key(alias)
			if prev, ok := n.hospitals[k]; ok && prev != h.Name {
				return nil, fmt.Errorf("「%s」が二つの病院（%sと%s）の名前になっています", alias, prev, h.Name)
			}
			n.hospitals[k] = h.Name
		}
	}
	n.list = strings.Join(names, "、")
	return n, nil
}

// blockSuffixes may follow a group's name without changing it.
var blockSuffixes = [...]string{"ネットワークグループ", "サブグループ", "グループ", "ブロック", "圏域"}

// Block returns the group that text names. Words such as グループ or
// ブロック after the name are ignored. An empty text gives the zero Block
// and no problem; an unknown name gives unknown_block.
func (n *Names) Block(text string) (perinet.Block, *perinet.Problem) {
	k := Key(text)
	if k == "" {
		return perinet.Block{}, nil
	}
	for {
		if b, ok := n.blocks[k]; ok {
			return b, nil
		}
		trimmed := k
		for _, suf := range blockSuffixes {
			trimmed = strings.TrimSuffix(trimmed, suf)
		}
		if trimmed == k || trimmed == "" {
			break
		}
		k = trimmed
	}
	return perinet.Block{}, errorf(perinet.UnknownBlock, text,
		"「%s」はブロック名として登録されていません（%sのいずれかを書いてください）", text, n.list)
}

// Hospital returns the canonical name of the hospital that text names,
// by its full name, its short name (愛育, 墨東) or an alias the secretariat
// added. An unknown name is returned as written, cleaned, with an
// unknown_hospital warning: the record stands, but someone should add the
// name to the alias file. An empty text gives "" and no problem.
func (n *Names) Hospital(text string) (string, *perinet.Problem) {
	k := Key(text)
	if k == "" {
		return "", nil
	}
	if name, ok := n.hospitals[k]; ok {
		return name, nil
	}
	return Clean(text), warningf(perinet.UnknownHospital, text,
		"「%s」は委託病院として登録されていません。正しい病院名であれば、病院の別名ファイルに追加してください", text)
}

// Key is the form in which names are compared: Clean's normal form (NFKC,
// radicals folded: ⻄ is 西), upper case, 附 as 付, without white space,
// brackets and middle dots.
func Key(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '(', ')', '[', ']', '{', '}', '<', '>', '「', '」', '『', '』', '【', '】', '〔', '〕', '〈', '〉', '《', '》', '・':
			return -1
		}
		switch {
		case r >= 'a' && r <= 'z':
			return r - 'a' + 'A'
		case r == '附': // 附属 and 付属 are written either way
			return '付'
		}
		return r
	}, Clean(s))
}
