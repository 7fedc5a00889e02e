package layout

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"

	"perinet"
	"perinet/normalize"
)

// A Notation is how a form's values are written: which circle stands for
// yes, how a count, a date, a hospital and a group are spelled, how the
// entries of the details are set out. Render writes Records with it.
type Notation struct {
	// Yes, No and Partial are the marks as typed; item n takes the
	// ((n-1) mod len)th character, so that "○◯〇" mixes them down the
	// items. Empty: ○, × and △.
	Yes, No, Partial string
	Count            CountStyle
	Started          DateStyle
	// Hospital is which name of the hospital is written: 0 its full name,
	// n its nth alias (the first being its short name: 愛育).
	Hospital int
	// Block is which name of the group is written: 0 its canonical name, n
	// its nth alias (多摩 for 多摩地域), the canonical name when it has none.
	Block int
	// Brackets writes the brackets of group names in half width:
	// 南多摩(町田市除く).
	Brackets bool
	// Tier is which of the survey's words for a tier is written: 0 the
	// first (ネットワークグループ), 1 the second (ネットワーク), and so on.
	Tier   int
	Bullet Bullet
	Width  Width // how the details' characters are typed
	// NoteInCount writes the last entry of the details of the counted item
	// that has no count in its count cell, as a note in place of the count
	// (多摩地域全体分を杏林大が集約・配付), as the contract reads such a note.
	NoteInCount bool
}

// A CountStyle is how a facility count is written.
type CountStyle uint8

// The ways of writing 103 facilities.
const (
	CountText   CountStyle = iota // 103施設
	CountWide                     // １０３施設
	CountBare                     // 103, typed as text
	CountNumber                   // a number cell: 103
	CountCell                     // a number cell shown as 103施設 (0"施設")
)

// A DateStyle is how 開始年月 is written.
type DateStyle uint8

// The ways of writing 開始年月, as text or as a date cell.
const (
	DateEra        DateStyle = iota // H22年2月
	DateEraWide                     // Ｈ22年2月
	DateEraName                     // 平成22年2月; 令和元年5月 in an era's first year
	DateEraDot                      // H22.2
	DateWestern                     // 2010年2月
	DateSlash                       // 2010/2
	DateEraNameDay                  // 平成22年2月1日
	DateSlashDay                    // 2010/2/1
	DateAsText                      // 平成22年2月 in a cell formatted as text (@)
	DateCellEra                     // a date cell shown as 平成22年2月
	DateCellEraDay                  // a date cell shown as 平成22年2月1日
	DateCellMonth                   // a date cell shown as 2010年2月
	DateCellDay                     // a date cell shown as 2010/2/1
)

// ShowsDay reports whether a date written so shows its day, so that it
// means a day and not only a month.
func (d DateStyle) ShowsDay() bool {
	return d == DateEraNameDay || d == DateSlashDay || d == DateCellEraDay || d == DateCellDay
}

// The number formats of the cells Render writes.
const (
	FormatText     = "@"                      // a cell formatted as text
	FormatCount    = `0"施設"`                  // 103施設
	FormatEraMonth = `[$-411]ggge"年"m"月"`     // 平成22年2月
	FormatEraDay   = `[$-411]ggge"年"m"月"d"日"` // 平成22年2月1日
	FormatMonth    = `yyyy"年"m"月"`            // 2010年2月
	FormatDay      = "yyyy/m/d"               // 2010/2/1
)

// A Bullet is how the entries of the details are set out in a cell.
type Bullet uint8

// The ways of setting out entries.
const (
	BulletNone    Bullet = iota // an entry a line
	BulletDot                   // ・NCPR講習会, a line each
	BulletNumber                // 1. NCPR講習会, a line each
	BulletParen                 // (1)NCPR講習会, a line each
	BulletCircled               // ①NCPR講習会, a line each
	BulletInline                // ・NCPR講習会 ・ALSO, on one line
)

// A Width is how the characters of the details are typed.
type Width uint8

// The widths of typing.
const (
	WidthAsIs   Width = iota // as the entry has them
	WidthWide                // Latin letters, digits and signs in full width: ＮＣＰＲ講習会
	WidthNarrow              // katakana in half width: J-MELSﾍﾞｰｼｯｸｺｰｽ
)

// A YearStyle is how a fiscal year is written.
type YearStyle uint8

// The ways of writing fiscal year 2016.
const (
	YearBoth    YearStyle = iota // 平成28年度（2016年度）
	YearEra                      // 平成28年度; 令和元年度
	YearLetter                   // H28年度
	YearWestern                  // 2016年度
)

// Write writes fiscal year fy in the style.
func (y YearStyle) Write(fy int) string {
	switch y {
	case YearEra:
		return normalize.EraFiscalYear(fy)
	case YearLetter:
		initial, year := era(perinet.Date{Year: fy, Month: 4})
		return initial + strconv.Itoa(year) + "年度"
	case YearWestern:
		return strconv.Itoa(fy) + "年度"
	}
	return normalize.FiscalYearText(fy)
}

// eraNames are the eras' names by their initials, as Excel's ggg shows them.
var eraNames = map[string]string{"M": "明治", "T": "大正", "S": "昭和", "H": "平成", "R": "令和"}

// era returns the initial of the era that covers the first day of a
// date's month (or its day) and the year in it, as normalize.EraText
// writes them.
func era(d perinet.Date) (initial string, year int) {
	text := normalize.EraText(d) // H22年2月
	i := strings.Index(text, "年")
	if i < 1 {
		return "", d.Year
	}
	year, err := strconv.Atoi(text[1:i])
	if err != nil {
		return "", d.Year
	}
	return text[:1], year
}

// Answer writes a Record as a group's answers in the notation. A group
// or hospital the survey does not know is written as the Record names it.
func (n Notation) Answer(s *perinet.Survey, r perinet.Record) (Answer, error) {
	a := Answer{Group: r.Block, Tier: r.Tier, Parent: r.Parent, Block: n.block(s, r.Block), Hospital: n.hospital(s, r.Hospital)}
	if words := s.Tiers[r.Tier]; len(words) > 0 {
		a.TierAs = words[n.Tier%len(words)]
	}
	var err error
	if a.Started, err = n.started(r.Started); err != nil {
		return a, fmt.Errorf("%s: 開始年月: %w", r.Block, err)
	}
	items := map[int]perinet.Item{}
	for _, it := range r.Items {
		items[it.No] = it
	}
	for _, d := range s.Items {
		it := items[d.No]
		ia := ItemAnswer{No: d.No, Mark: n.mark(it.Mark, d.No)}
		details := it.Details
		if it.DistributedTo != nil {
			ia.Count = n.count(*it.DistributedTo)
		} else if n.NoteInCount && d.Counted && len(details) > 0 {
			ia.Note = details[len(details)-1]
			details = details[:len(details)-1]
		}
		ia.Details = n.details(details)
		a.Items = append(a.Items, ia)
	}
	return a, nil
}

// mark writes a mark as typed for item no.
func (n Notation) mark(m perinet.Mark, no int) string {
	var typed string
	switch m {
	case perinet.Yes:
		typed = n.Yes
	case perinet.No:
		typed = n.No
	case perinet.Partial:
		typed = n.Partial
	default:
		return ""
	}
	if typed == "" {
		return m.Symbol()
	}
	runes := []rune(typed)
	return string(runes[(no-1)%len(runes)])
}

// count writes a facility count.
func (n Notation) count(c int) Value {
	digits := strconv.Itoa(c)
	switch n.Count {
	case CountWide:
		return Text(width.Widen.String(digits) + "施設")
	case CountBare:
		return Text(digits)
	case CountNumber:
		return Value{Kind: NumberValue, Number: c}
	case CountCell:
		return Value{Kind: NumberValue, Number: c, Format: FormatCount}
	}
	return Text(digits + "施設")
}

// started writes 開始年月, or an empty text when there is none. A date
// shown without its day is stored on a day of the month that varies with
// the month, so that a reader that shows the day where the format does
// not is caught.
func (n Notation) started(d *perinet.Date) (Value, error) {
	if d == nil {
		return Text(""), nil
	}
	if n.Started.ShowsDay() != (d.Day != 0) {
		return Value{}, fmt.Errorf("%d年%d月%d日: the notation %s the day", d.Year, d.Month, d.Day,
			map[bool]string{true: "shows", false: "does not show"}[n.Started.ShowsDay()])
	}
	day := d.Day
	if day == 0 {
		day = 1 + (d.Year*12+d.Month)%28
	}
	cell := func(format string) Value {
		return Value{Kind: DateValue, Date: time.Date(d.Year, time.Month(d.Month), day, 0, 0, 0, 0, time.UTC), Format: format}
	}
	initial, year := era(*d)
	letter := initial + strconv.Itoa(year)
	name := eraNames[initial] + strconv.Itoa(year)
	if year == 1 {
		name = eraNames[initial] + "元"
	}
	ym := fmt.Sprintf("年%d月", d.Month)
	switch n.Started {
	case DateEraWide:
		return Text(width.Widen.String(initial) + strconv.Itoa(year) + ym), nil
	case DateEraName:
		return Text(name + ym), nil
	case DateEraDot:
		return Text(fmt.Sprintf("%s.%d", letter, d.Month)), nil
	case DateWestern:
		return Text(fmt.Sprintf("%d年%d月", d.Year, d.Month)), nil
	case DateSlash:
		return Text(fmt.Sprintf("%d/%d", d.Year, d.Month)), nil
	case DateEraNameDay:
		return Text(fmt.Sprintf("%s%s%d日", name, ym, d.Day)), nil
	case DateSlashDay:
		return Text(fmt.Sprintf("%d/%d/%d", d.Year, d.Month, d.Day)), nil
	case DateAsText:
		return Value{Text: name + ym, Format: FormatText}, nil
	case DateCellEra:
		return cell(FormatEraMonth), nil
	case DateCellEraDay:
		return cell(FormatEraDay), nil
	case DateCellMonth:
		return cell(FormatMonth), nil
	case DateCellDay:
		return cell(FormatDay), nil
	}
	return Text(letter + ym), nil
}

// details writes the entries of an item's details as lines.
func (n Notation) details(entries []string) []string {
	if len(entries) == 0 {
		return nil
	}
	var lines []string
	for i, e := range entries {
		switch n.Bullet {
		case BulletDot, BulletInline:
			e = "・" + e
		case BulletNumber:
			e = strconv.Itoa(i+1) + ". " + e
		case BulletParen:
			e = "(" + strconv.Itoa(i+1) + ")" + e
		case BulletCircled:
			e = string(rune('①'+i)) + e
		}
		switch n.Width {
		case WidthWide:
			e = width.Widen.String(e)
		case WidthNarrow:
			e = narrowKana(e)
		}
		lines = append(lines, e)
	}
	if n.Bullet == BulletInline {
		sep := " "
		if n.Width == WidthWide {
			sep = "　"
		}
		return []string{strings.Join(lines, sep)}
	}
	return lines
}

// block writes a group's name.
func (n Notation) block(s *perinet.Survey, name string) string {
	for _, b := range s.Blocks {
		if b.Name == name && n.Block > 0 && len(b.Aliases) > 0 {
			name = b.Aliases[(n.Block-1)%len(b.Aliases)]
		}
	}
	if n.Brackets {
		name = strings.NewReplacer("（", "(", "）", ")").Replace(name)
	}
	return name
}

// hospital writes a hospital's name.
func (n Notation) hospital(s *perinet.Survey, name string) string {
	for _, h := range s.Hospitals {
		if h.Name == name && n.Hospital > 0 && len(h.Aliases) > 0 {
			return h.Aliases[(n.Hospital-1)%len(h.Aliases)]
		}
	}
	return name
}

// Shown returns the text a spreadsheet shows for a value, as Excel writes
// it into a CSV file: a text as it is, a number in its format (103施設 for
// 0"施設"), a date in its format (平成22年2月 for [$-411]ggge"年"m"月",
// 2010/2/1 for yyyy/m/d). It fails for a format Render does not write.
func (v Value) Shown() (string, error) {
	switch v.Kind {
	case NumberValue:
		switch v.Format {
		case "", FormatText:
			return strconv.Itoa(v.Number), nil
		case FormatCount:
			return strconv.Itoa(v.Number) + "施設", nil
		}
	case DateValue:
		t := v.Date
		initial, year := era(perinet.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()})
		switch v.Format {
		case FormatEraMonth:
			return fmt.Sprintf("%s%d年%d月", eraNames[initial], year, t.Month()), nil
		case FormatEraDay:
			return fmt.Sprintf("%s%d年%d月%d日", eraNames[initial], year, t.Month(), t.Day()), nil
		case FormatMonth:
			return fmt.Sprintf("%d年%d月", t.Year(), t.Month()), nil
		case FormatDay:
			return fmt.Sprintf("%d/%d/%d", t.Year(), t.Month(), t.Day()), nil
		}
	default:
		return v.Text, nil
	}
	return "", fmt.Errorf("layout: no display of format %q for %v", v.Format, v.draw())
}

// narrowKana writes the katakana of s in half width, a voiced one as two
// characters (ベ as ﾍﾞ), as a keyboard in half-width mode types them.
func narrowKana(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '\u30A0' && r <= '\u30FF' {
			b.WriteString(width.Narrow.String(norm.NFD.String(string(r))))
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}
