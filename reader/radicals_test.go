package reader

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"perinet"
	"perinet/ideograph"
	"perinet/ingest"
)

// radicals writes text as a PDF producer does, or a paste from a PDF: some
// ideographs as the CJK radicals that look like them (開始年⽉, 区⻄南部).
var radicals = strings.NewReplacer(
	"月", "⽉", "日", "⽇", "方", "⽅", "立", "⽴", "大", "⼤", "十", "⼗", "子", "⼦", "山", "⼭", "生", "⽣", "見", "⾒", // Kangxi Radicals
	"西", "⻄", "青", "⻘", "民", "⺠", "長", "⻑", // CJK Radicals Supplement, which NFKC leaves
	"田", "⽥",
)

// TestRadicals checks the replacer: each radical folds back to the
// ideograph it replaces.
func TestRadicals(t *testing.T) {
	const all = "月日方立大十子山生見西青民長田"
	if got := radicals.Replace(all); got == all || ideograph.Fold(got) != all {
		t.Errorf("radicals of %s: %s, folded %s", all, got, ideograph.Fold(got))
	}
}

// TestReadRadicalForm reads a form whose every cell has radicals for
// ideographs, handed to the reader as they are (a Grid not made by
// package ingest): labels, dates, names and details read as the clean
// form's.
func TestReadRadicalForm(t *testing.T) {
	var rows [][]string
	for _, row := range kuchuobu {
		var cells []string
		for _, text := range row {
			cells = append(cells, radicals.Replace(text))
		}
		rows = append(rows, cells)
	}
	if rows[6][1] != "開始年⽉" || rows[6][2] != "H22年2⽉" {
		t.Fatalf("the form has no radicals where expected: %q", rows[6])
	}
	g := &perinet.Grid{Format: "pdf", Sheets: []perinet.Sheet{sheetOf("調査票", rows, "A1:E1")}}
	recs, probs := testReader(t).Read(g)
	if len(probs) != 0 || len(recs) != 1 {
		t.Fatalf("Read: %d records, problems %+v", len(recs), probs)
	}
	sameRecord(t, recs[0], kuchuobuJSON)
}

// TestReadRadicalWorkbooks rewrites every text cell of the FY2016 fixture
// workbooks with radicals for ideographs (H20年8⽉, 区⻄南部, the heading
// 開始年⽉) and reads each through ingest.File and the reader: the Records
// and problems are those of the clean workbook, to their sources.
func TestReadRadicalWorkbooks(t *testing.T) {
	files, err := filepath.Glob("../fixtures/fy2016/*.xlsx")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixture workbooks: %v", err)
	}
	r := testReader(t)
	seen := map[string]bool{}
	for _, file := range files {
		name := filepath.Base(file)
		radical, changed := radicalBook(t, file, seen)
		if changed == 0 {
			t.Errorf("%s: no cell holds an ideograph that has a radical", name)
			continue
		}
		g0, p0 := ingest.File(file, ingest.DefaultLimits())
		g1, p1 := ingest.File(radical, ingest.DefaultLimits())
		if len(p0) != 0 || len(p1) != 0 {
			t.Fatalf("%s: ingest problems %+v, %+v", name, p0, p1)
		}
		r0, q0 := r.Read(g0)
		r1, q1 := r.Read(g1)
		if len(r0) == 0 || !reflect.DeepEqual(r0, r1) || !reflect.DeepEqual(q0, q1) {
			t.Errorf("%s with %d cells of radicals: records\n%+v\nproblems %+v\nwant\n%+v\nproblems %+v", name, changed, r1, q1, r0, q0)
		}
	}
	for _, text := range []string{"H20年8⽉", "区⻄南部", "開始年⽉"} {
		if !seen[text] {
			t.Errorf("no workbook has a cell %q", text)
		}
	}
}

// radicalBook writes a copy of the workbook at path with radicals in its
// text cells, and returns its path and how many cells changed; seen
// collects the texts written.
func radicalBook(t *testing.T, path string, seen map[string]bool) (string, int) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	changed := 0
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for i, row := range rows {
			for j, text := range row {
				cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
				typ, err := f.GetCellType(sheet, cell)
				if err != nil {
					t.Fatal(err)
				}
				r := radicals.Replace(text)
				if r == text || (typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString) {
					continue
				}
				if err := f.SetCellStr(sheet, cell, r); err != nil {
					t.Fatal(err)
				}
				seen[r] = true
				changed++
			}
		}
	}
	out := filepath.Join(t.TempDir(), filepath.Base(path))
	if err := f.SaveAs(out); err != nil {
		t.Fatal(err)
	}
	return out, changed
}
