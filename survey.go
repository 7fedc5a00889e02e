package perinet

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// A Survey is the definition of the yearly status survey: its items, the
// groups that report, and the hospitals that run them. It is data, read
// from survey.json, so that nothing about the survey is scattered in code.
type Survey struct {
	Title     string            `json:"title"`
	Items     []ItemDef         `json:"items"`
	Labels    Labels            `json:"labels"`
	Tiers     map[Tier][]string `json:"tiers"` // the words for each tier (ネットワークグループ, サブグループ)
	Blocks    []Block           `json:"blocks"`
	Hospitals []Hospital        `json:"hospitals"`
}

// Labels lists, for each field of a form, the headings that introduce it,
// as printed on the template and as people rename them (ブロック名,
// ブロック, 圏域). Item headings are the items' own labels.
type Labels struct {
	FiscalYear []string `json:"fiscal_year"`
	Block      []string `json:"block"`
	Tier       []string `json:"tier"`
	Hospital   []string `json:"hospital"`
	Started    []string `json:"started"`
	Item       []string `json:"item"`    // the column of item labels
	Mark       []string `json:"mark"`    // 実施の有無, リストの有無
	Count      []string `json:"count"`   // 配布先
	Details    []string `json:"details"` // 具体的内容
	// Absent are the words a report writes in the row of a group that
	// sent nothing, or only rejected files (未提出, 不受理): a row with one
	// of them in an item's cell is no answer, and gives no Record.
	Absent []string `json:"absent"`
	// Furniture are the labels of what a form asks besides the survey
	// (記入者, 記入日, 連絡先, 備考): the label and its value are read into
	// no field, and are no unread cell either.
	Furniture []string `json:"furniture"`
	// Instructions head the instructions printed on a form (記入要領):
	// what stands below such a heading is read into no field.
	Instructions []string `json:"instructions"`
	// Example are the words that mark a sheet as an example of how to
	// fill in the form (記入例, 見本), whose group is not a submission.
	Example []string `json:"example"`
}

// An ItemDef defines one of the survey's items.
type ItemDef struct {
	No      int      `json:"no"`
	Label   string   `json:"label"`             // as printed on the form, without its number
	Aliases []string `json:"aliases,omitempty"` // the label as people paraphrase it (地域連携会議の開催)
	Note    string   `json:"note,omitempty"`    // the bracketed remark under the label
	About   string   `json:"about"`             // what carrying out the item means, for the form's instructions
	Columns []string `json:"columns,omitempty"` // sub-column headings, such as 実施の有無 and 具体的内容
	Counted bool     `json:"counted,omitempty"` // the item takes a facility count (配布先)
	// FreeText says that text written in the item's mark cell, rather than a
	// mark, is the item's details (items 6–8).
	FreeText bool `json:"free_text,omitempty"`
	// Sharing marks the item about sharing information on pregnant women
	// (item 5): the report tells sharing about individual patients from
	// sharing in general at the meetings.
	Sharing bool `json:"sharing,omitempty"`
	// Open marks an open-ended item (その他, item 8): the report does not
	// judge it by how many groups do it.
	Open bool `json:"open,omitempty"`
	// From and Until are the first and the last fiscal year the survey
	// asks the item in, both included; 0 leaves that side open. An item
	// added in FY2019 has From 2019; one dropped after FY2017, Until 2017.
	From  int `json:"from,omitempty"`
	Until int `json:"until,omitempty"`
}

// AskedIn reports whether the survey asks the item in fiscal year fy. In
// a year not known (fy 0, a form that names none) every item may be asked.
func (d ItemDef) AskedIn(fy int) bool {
	return fy == 0 || (d.From == 0 || fy >= d.From) && (d.Until == 0 || fy <= d.Until)
}

// Years writes the fiscal years the item is asked in, for messages:
// "2019年度から", "2017年度まで", "2015〜2017年度"; "" for every year.
func (d ItemDef) Years() string {
	switch {
	case d.From != 0 && d.Until != 0:
		return fmt.Sprintf("%d〜%d年度", d.From, d.Until)
	case d.From != 0:
		return fmt.Sprintf("%d年度から", d.From)
	case d.Until != 0:
		return fmt.Sprintf("%d年度まで", d.Until)
	}
	return ""
}

// A Block is a group of the programme (ブロック): a network group or a sub-group.
type Block struct {
	Name string `json:"name"` // canonical name
	// Hospital is the canonical name of the commissioned hospital that
	// runs the group, or "" when the survey names none.
	Hospital string   `json:"hospital,omitempty"`
	Tier     Tier     `json:"tier"`
	Parent   string   `json:"parent,omitempty"`  // for sub-groups: the network group above
	Aliases  []string `json:"aliases,omitempty"` // other names in use
}

// A Hospital is a commissioned hospital (委託病院), with the short names and
// other spellings it goes by.
type Hospital struct {
	Name string `json:"name"` // canonical full name
	// Short is the name the published status table prints (愛育 for 愛育病院);
	// "" prints the full name.
	Short   string   `json:"short,omitempty"`
	Aliases []string `json:"aliases,omitempty"`
}

// ShortName returns the short name of the hospital whose canonical name is
// full, as the published status table prints it, or full itself when the
// survey gives none.
func (s *Survey) ShortName(full string) string {
	for _, h := range s.Hospitals {
		if h.Name == full && h.Short != "" {
			return h.Short
		}
	}
	return full
}

//go:embed survey.json
var surveyJSON []byte

// DefaultSurvey returns a fresh copy of the survey definition built into
// perinet. It panics only if the embedded definition is malformed, which
// the package's tests rule out.
func DefaultSurvey() *Survey {
	s, err := ReadSurvey(bytes.NewReader(surveyJSON))
	if err != nil {
		panic("perinet: embedded survey.json: " + err.Error())
	}
	return s
}

// ReadSurvey reads a survey definition in survey.json's form and checks
// it: items numbered once each, in order, each asked in some year; groups
// named once, a sub-group under a network group. Errors are Japanese, for
// the secretariat who may keep a survey.json of their own.
func ReadSurvey(r io.Reader) (*Survey, error) {
	s := new(Survey)
	d := json.NewDecoder(r)
	d.DisallowUnknownFields()
	if err := d.Decode(s); err != nil {
		return nil, fmt.Errorf("調査の定義（JSON）を読めません: %w", err)
	}
	if err := s.check(); err != nil {
		return nil, fmt.Errorf("調査の定義: %w", err)
	}
	return s, nil
}

// check finds what would make the survey misread forms.
func (s *Survey) check() error {
	if len(s.Items) == 0 {
		return errors.New("項目（items）がありません")
	}
	for i, d := range s.Items {
		switch {
		case d.No <= 0 || d.Label == "":
			return fmt.Errorf("%d番目の項目に番号（no）か名前（label）がありません", i+1)
		case i > 0 && d.No <= s.Items[i-1].No:
			return fmt.Errorf("項目%dが項目%dの後にあります（番号の順に書いてください）", d.No, s.Items[i-1].No)
		case d.From != 0 && d.Until != 0 && d.Until < d.From:
			return fmt.Errorf("項目%d: until（%d）が from（%d）より前です", d.No, d.Until, d.From)
		}
	}
	tiers := map[string]Tier{}
	for _, b := range s.Blocks {
		if _, dup := tiers[b.Name]; dup || b.Name == "" {
			return fmt.Errorf("グループ「%s」が二度あるか、名前がありません", b.Name)
		}
		tiers[b.Name] = b.Tier
	}
	for _, b := range s.Blocks {
		switch {
		case b.Tier != Network && b.Tier != Subgroup:
			return fmt.Errorf("グループ「%s」の tier は network か subgroup です（%q）", b.Name, b.Tier)
		case b.Tier == Subgroup && tiers[b.Parent] != Network:
			return fmt.Errorf("サブグループ「%s」の parent「%s」がネットワークグループにありません", b.Name, b.Parent)
		case b.Tier == Network && b.Parent != "":
			return fmt.Errorf("ネットワークグループ「%s」に parent があります", b.Name)
		}
	}
	return nil
}

// Year returns the survey of fiscal year fy: s with only the items asked
// that year (AskedIn), in order. The rest is shared with s.
func (s *Survey) Year(fy int) *Survey {
	y := *s
	y.Items = nil
	for _, d := range s.Items {
		if d.AskedIn(fy) {
			y.Items = append(y.Items, d)
		}
	}
	return &y
}

// Item returns the definition of item number no, and false when the
// survey has no such item.
func (s *Survey) Item(no int) (ItemDef, bool) {
	for _, d := range s.Items {
		if d.No == no {
			return d, true
		}
	}
	return ItemDef{}, false
}

// TierName returns the survey's word for a tier: ネットワークグループ,
// サブグループ; the tier's code when the survey has no word for it.
func (s *Survey) TierName(t Tier) string {
	if words := s.Tiers[t]; len(words) > 0 {
		return words[0]
	}
	return string(t)
}

// AddHospitalAliases reads hospital names the secretariat added, one per
// line, as "別名 = 正式名称" ("墨東 = 東京都立墨東病院"). Blank lines and lines
// starting with # are ignored. A full name not yet known becomes a new
// hospital. Errors name the line, in Japanese, for the secretariat.
func (s *Survey) AddHospitalAliases(r io.Reader) error {
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\uFEFF"))
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "＃") {
			continue
		}
		alias, name, ok := cutEquals(line)
		if !ok {
			return fmt.Errorf("%d行目: 「別名 = 正式名称」の形で書いてください: %q", n, line)
		}
		s.addHospitalAlias(alias, name)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("病院の別名ファイルを読めません: %w", err)
	}
	return nil
}

// cutEquals splits "別名 = 正式名称" at its = (half- or full-width).
func cutEquals(line string) (alias, name string, ok bool) {
	i := strings.IndexAny(line, "=＝")
	if i < 0 {
		return "", "", false
	}
	alias = strings.TrimSpace(line[:i])
	_, size := utf8.DecodeRuneInString(line[i:])
	name = strings.TrimSpace(line[i+size:])
	return alias, name, alias != "" && name != ""
}

func (s *Survey) addHospitalAlias(alias, name string) {
	for i := range s.Hospitals {
		if s.Hospitals[i].Name == name {
			s.Hospitals[i].Aliases = append(s.Hospitals[i].Aliases, alias)
			return
		}
	}
	s.Hospitals = append(s.Hospitals, Hospital{Name: name, Aliases: []string{alias}})
}
