package normalize

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"perinet"
)

// fuzzSeeds are the spellings of the published FY2016 table and the
// notations and traps of the tests, shared by the fuzz targets.
var fuzzSeeds = []string{
	"H22年2月", "Ｈ20年8月", "H22.2", "H.22.2", "H22/2", "H22-2", "h22", "平成22年2月", "平22年2月",
	"平成二十二年二月", "平成一〇年一〇月", "㍻22年2月", "㋿元年5月", "令和元年5月", "R1.5", "2010年2月",
	"2010/2", "2010-02", "2010.2", "平成22年2月1日", "40210", "H31年5月", "昭和64年1月8日",
	"平成28年度", "平成28年度（2016年度）", "FY2016", "○", "◯", "〇", "⭕", "×", "－", "△", "有",
	"103施設", "１０３施設", "103 施設", "1,030", "多摩地域全体分を杏林大が集約・配付", "約100施設",
	"南多摩(町田市除く)", "墨東", "・NCPR講習会\n・ALSO\n・J-MELSﾍﾞｰｼｯｸｺｰｽ", "（連携会議で検討）",
	"①NCPR②ALSO", "(1)", "H22年2月（2010年2月）", "", "\u3000", "二千十年", "九九九九九九九九九九",
	"H22年2⽉", "区⻄南部", "⽇本⾚⼗字社医療センター",
}

func addSeeds(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
}

// checkProblem checks the fields every Problem must have.
func checkProblem(t *testing.T, text string, p *perinet.Problem) {
	t.Helper()
	if p == nil {
		return
	}
	if p.Code == "" || p.Message == "" || p.Text != text || (p.Severity != perinet.Error && p.Severity != perinet.Warning) {
		t.Fatalf("problem for %q is incomplete: %+v", text, p)
	}
}

func FuzzEraDate(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, text string) {
		d, p := EraDate(text, fixedToday)
		checkProblem(t, text, p)
		if p != nil {
			if d != (perinet.Date{}) {
				t.Fatalf("EraDate(%q) = %+v with problem %s", text, d, p.Code)
			}
			return
		}
		if d.Year < 1873 || d.Month < 1 || d.Month > 12 || d.Day < 0 || d.Day > daysIn(d.Year, d.Month) {
			t.Fatalf("EraDate(%q) = %+v: not a date", text, d)
		}
		for _, n := range append(notations(d), EraText(d)) {
			if back, p := EraDate(n, fixedToday); p != nil || back != d {
				t.Fatalf("EraDate(%q) = %+v, but its notation %q reads as %+v, %v", text, d, n, back, p)
			}
		}
	})
}

func FuzzFiscalYear(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, text string) {
		fy, p := FiscalYear(text, fixedToday)
		checkProblem(t, text, p)
		if p != nil {
			if fy != 0 {
				t.Fatalf("FiscalYear(%q) = %d with problem %s", text, fy, p.Code)
			}
			return
		}
		e := eraAt(ymd(fy, 4, 1))
		y := fy - e.first.year() + 1
		for _, n := range []string{
			fmt.Sprintf("%d年度", fy), fmt.Sprintf("%s%d年度", e.name, y), fmt.Sprintf("%c%d年度", e.initial, y),
			fmt.Sprintf("%s%d年度（%d年度）", e.name, y, fy), fmt.Sprintf("FY%d", fy),
		} {
			if back, p := FiscalYear(n, fixedToday); p != nil || back != fy {
				t.Fatalf("FiscalYear(%q) = %d, but %q reads as %d, %v", text, fy, n, back, p)
			}
		}
	})
}

func FuzzMark(f *testing.F) {
	addSeeds(f)
	canonical := map[perinet.Mark]string{perinet.Yes: "○", perinet.No: "×", perinet.Partial: "△", perinet.Blank: ""}
	f.Fuzz(func(t *testing.T, text string) {
		m, p := Mark(text)
		checkProblem(t, text, p)
		if _, ok := canonical[m]; !ok {
			t.Fatalf("Mark(%q) = %d: not a mark", text, m)
		}
		if p != nil && (m != perinet.Blank || p.Code != perinet.BadMark) {
			t.Fatalf("Mark(%q) = %v with problem %s", text, m, p.Code)
		}
		if back, p := Mark(canonical[m]); back != m || p != nil {
			t.Fatalf("Mark(%q) = %v, but %q reads as %v", text, m, canonical[m], back)
		}
	})
}

func FuzzCount(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, text string) {
		c, p := Count(text)
		checkProblem(t, text, p)
		if c.N != nil && c.Note != "" {
			t.Fatalf("Count(%q) = %+v: both a number and a note", text, c)
		}
		if p != nil && p.Severity == perinet.Error && (c.N != nil || c.Note != "") {
			t.Fatalf("Count(%q) = %+v with error %s", text, c, p.Code)
		}
		if c.N == nil {
			return
		}
		if *c.N < 0 || *c.N > maxCount {
			t.Fatalf("Count(%q) = %d: out of range", text, *c.N)
		}
		for _, n := range []string{fmt.Sprint(*c.N), fmt.Sprintf("%d施設", *c.N), toFullWidth(fmt.Sprintf("%d", *c.N)) + "施設"} {
			if back, p := Count(n); p != nil || back.N == nil || *back.N != *c.N {
				t.Fatalf("Count(%q) = %d, but %q reads as %+v, %v", text, *c.N, n, back, p)
			}
		}
	})
}

func FuzzNames(f *testing.F) {
	addSeeds(f)
	names, err := NewNames(perinet.DefaultSurvey())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		b, p := names.Block(text)
		checkProblem(t, text, p)
		if b.Name != "" {
			if back, p := names.Block(b.Name); p != nil || back.Name != b.Name {
				t.Fatalf("Block(%q) = %s, but its name reads as %s, %v", text, b.Name, back.Name, p)
			}
		}
		h, p := names.Hospital(text)
		checkProblem(t, text, p)
		if p == nil && h != "" {
			if back, p := names.Hospital(h); p != nil || back != h {
				t.Fatalf("Hospital(%q) = %s, but its name reads as %s, %v", text, h, back, p)
			}
		}
	})
}

func FuzzDetails(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, text string) {
		entries := Details(text)
		if entries == nil {
			t.Fatalf("Details(%q) = nil", text)
		}
		for _, e := range entries {
			if e == "" || e != strings.TrimSpace(e) || strings.ContainsAny(e, "\n\r") || strings.Contains(e, "  ") {
				t.Fatalf("Details(%q): entry %q is not clean", text, e)
			}
			if utf8.ValidString(text) && !utf8.ValidString(e) {
				t.Fatalf("Details(%q): entry %q is not valid UTF-8", text, e)
			}
		}
	})
}
