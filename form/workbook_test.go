package form

import (
	"archive/zip"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"perinet"
	"perinet/ingest/pdf"
	"perinet/xlsxcell"
)

// fy2019Forms returns the forms of FY2019, pre-filled from every fixture
// year, written into a temporary folder: their paths, in Plan's order.
func fy2019Forms(t *testing.T) ([]Form, []string) {
	t.Helper()
	s := perinet.DefaultSurvey()
	var last []perinet.Record
	for _, fy := range fixtureYears {
		last = append(last, fixtureRecords(t, fy)...)
	}
	forms := Plan(s, 2019, last, "")
	paths := make([]string, len(forms))
	for i, f := range forms {
		paths[i] = writeForm(t, f, s)
	}
	return forms, paths
}

// sqrefCells lists the cells of a data validation's range, one by one.
func sqrefCells(t *testing.T, sqref string) []string {
	t.Helper()
	var cells []string
	for _, part := range strings.Fields(sqref) {
		from, to, _ := strings.Cut(part, ":")
		if to == "" {
			to = from
		}
		c1, r1, err1 := excelize.CellNameToCoordinates(from)
		c2, r2, err2 := excelize.CellNameToCoordinates(to)
		if err1 != nil || err2 != nil {
			t.Fatalf("sqref %q", sqref)
		}
		for r := r1; r <= r2; r++ {
			for c := c1; c <= c2; c++ {
				name, _ := excelize.CoordinatesToCellName(c, r)
				cells = append(cells, name)
			}
		}
	}
	return cells
}

// TestFormWorkbook opens the forms as Excel would and checks what the
// hospital meets: the fiscal year in era and Gregorian form, a drop-down
// of ○ and × on every mark, whole numbers on the count, a date with the
// era format and help on the start, the input cells unlocked and all else
// locked under a protection without password, and print on one A4 page.
func TestFormWorkbook(t *testing.T) {
	forms, paths := fy2019Forms(t)
	for i, path := range paths {
		groups := len(forms[i].Groups)
		t.Run(forms[i].Name(), func(t *testing.T) {
			f, err := excelize.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if v, _ := f.GetCellValue(sheetName, "B2"); v != "令和元年度（2019年度）" {
				t.Errorf("B2 = %q, want 令和元年度（2019年度）", v)
			}
			inputs := checkValidations(t, f, groups)
			checkLocks(t, f, inputs)
			checkProtection(t, f, path)
			checkPrint(t, f, groups)
		})
	}
}

// checkValidations checks the data validation of each kind of input and
// returns the input cells.
func checkValidations(t *testing.T, f *excelize.File, groups int) []string {
	t.Helper()
	dvs, err := f.GetDataValidations(sheetName)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		formula string
		cells   int
	}{
		"list":  {`"○,×"`, 8 * groups},
		"whole": {"0", groups},
		"date":  {"1", groups},
		"":      {"", 8 * groups}, // details: help only
	}
	var inputs []string
	for _, dv := range dvs {
		w, ok := want[dv.Type]
		if !ok {
			t.Errorf("a validation of type %q on %s", dv.Type, dv.Sqref)
			continue
		}
		delete(want, dv.Type)
		cells := sqrefCells(t, dv.Sqref)
		inputs = append(inputs, cells...)
		if len(cells) != w.cells || dv.Formula1 != w.formula {
			t.Errorf("%q validation: %d cells, formula %q; want %d cells, %q", dv.Type, len(cells), dv.Formula1, w.cells, w.formula)
		}
		if !dv.ShowInputMessage || dv.Prompt == nil || *dv.Prompt == "" {
			t.Errorf("%q validation gives no help", dv.Type)
		}
		if dv.Type == "date" {
			checkDateFormat(t, f, cells)
		}
		if dv.Type != "" && (!dv.ShowErrorMessage || dv.ErrorStyle == nil || *dv.ErrorStyle != "stop") {
			t.Errorf("%q validation does not stop a wrong entry", dv.Type)
		}
	}
	for typ := range want {
		t.Errorf("no %q validation", typ)
	}
	return inputs
}

// checkDateFormat checks that the start date cells show era, year and
// month: 平成22年2月.
func checkDateFormat(t *testing.T, f *excelize.File, cells []string) {
	t.Helper()
	for _, cell := range cells {
		st := cellStyle(t, f, cell)
		format := ""
		if st.CustomNumFmt != nil {
			format = *st.CustomNumFmt
		}
		if format != xlsxcell.MonthFormat {
			t.Errorf("%s: number format %q, want %q", cell, format, xlsxcell.MonthFormat)
		}
	}
}

// cellStyle returns the style of a cell of the form's sheet.
func cellStyle(t *testing.T, f *excelize.File, cell string) *excelize.Style {
	t.Helper()
	id, err := f.GetCellStyle(sheetName, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// checkLocks checks that the input cells, and only they, are unlocked.
func checkLocks(t *testing.T, f *excelize.File, inputs []string) {
	t.Helper()
	rows, err := f.GetRows(sheetName)
	if err != nil {
		t.Fatal(err)
	}
	first := mergedFirst(t, f)
	for r := range len(rows) + 2 {
		for c := range 24 {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			st := cellStyle(t, f, cell)
			unlocked := st.Protection != nil && !st.Protection.Locked
			input := slices.Contains(inputs, cell) || slices.Contains(inputs, first[cell])
			if unlocked != input {
				t.Errorf("%s: unlocked %v, input %v", cell, unlocked, input)
			}
		}
	}
}

// mergedFirst maps each cell a merged range covers to the range's first cell.
func mergedFirst(t *testing.T, f *excelize.File) map[string]string {
	t.Helper()
	ranges, err := f.GetMergeCells(sheetName)
	if err != nil {
		t.Fatal(err)
	}
	first := map[string]string{}
	for _, m := range ranges {
		for _, cell := range sqrefCells(t, m.GetStartAxis()+":"+m.GetEndAxis()) {
			first[cell] = m.GetStartAxis()
		}
	}
	return first
}

// checkProtection checks that the sheet is protected without a password,
// and that rows can still be made taller to show long text.
func checkProtection(t *testing.T, f *excelize.File, path string) {
	t.Helper()
	p, err := f.GetSheetProtection(sheetName)
	if err != nil {
		t.Fatal(err)
	}
	if !p.SelectUnlockedCells || !p.FormatRows || p.InsertRows || p.DeleteRows || p.FormatCells {
		t.Errorf("sheet protection %+v", p)
	}
	xml := sheetXML(t, path)
	if !strings.Contains(xml, "<sheetProtection") || regexp.MustCompile(`(?i)password|hashValue`).MatchString(xml) {
		t.Error("the sheet is not protected, or its protection has a password")
	}
}

// sheetXML returns the XML of a workbook's first sheet.
func sheetXML(t *testing.T, path string) string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	r, err := z.Open("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// checkPrint checks the page set-up: A4, fitted to one page, portrait
// for one group and landscape for a table.
func checkPrint(t *testing.T, f *excelize.File, groups int) {
	t.Helper()
	l, err := f.GetPageLayout(sheetName)
	if err != nil {
		t.Fatal(err)
	}
	orientation := "portrait"
	if groups > 1 {
		orientation = "landscape"
	}
	if *l.Size != 9 || *l.FitToWidth != 1 || *l.FitToHeight != 1 || *l.Orientation != orientation {
		t.Errorf("page layout: size %d, fit %d×%d, %s; want A4 (9), 1×1, %s", *l.Size, *l.FitToWidth, *l.FitToHeight, *l.Orientation, orientation)
	}
	props, err := f.GetSheetProps(sheetName)
	if err != nil || props.FitToPage == nil || !*props.FitToPage {
		t.Errorf("the sheet is not fitted to the page (%v)", err)
	}
	area := false
	for _, n := range f.GetDefinedName() {
		area = area || n.Name == "_xlnm.Print_Area" && n.Scope == sheetName
	}
	if !area {
		t.Error("no print area")
	}
}

// TestLibreOffice converts FY2019's forms to PDF with LibreOffice, as a
// hospital might before sending them: each converts, prints on one A4
// page, and the PDF reads back as the workbook does. It skips when
// LibreOffice is not installed.
func TestLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice (LibreOffice) is not on PATH")
	}
	forms, paths := fy2019Forms(t)
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	args := append([]string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
		"--headless", "--convert-to", "pdf", "--outdir", dir}, paths...)
	if out, err := exec.CommandContext(ctx, soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	for i, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), ".xlsx") + ".pdf"
		t.Run(name, func(t *testing.T) {
			pdfPath := filepath.Join(dir, name)
			checkPDFPage(t, pdfPath, len(forms[i].Groups) > 1)
			want, _ := readForm(t, path, 2019)
			got, problems := readForm(t, pdfPath, 2019)
			for _, p := range problems {
				t.Errorf("problem: %+v", p)
			}
			if len(got) != len(want) {
				t.Fatalf("%d groups read from the PDF, %d from the workbook", len(got), len(want))
			}
			for j := range got {
				if g, w := answers(t, got[j]), answers(t, want[j]); g != w {
					t.Errorf("PDF read as\n%s\nworkbook as\n%s", g, w)
				}
			}
		})
	}
}

// checkPDFPage checks that a PDF has one A4 page, landscape or portrait.
func checkPDFPage(t *testing.T, path string, landscape bool) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pages, err := pdf.Read(context.Background(), data, pdf.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	w, h := 595.0, 842.0
	if landscape {
		w, h = h, w
	}
	if len(pages) != 1 || !near(pages[0].Width, w) || !near(pages[0].Height, h) {
		for _, p := range pages {
			t.Logf("page %d: %.0f × %.0f", p.Number, p.Width, p.Height)
		}
		t.Errorf("%d pages, want one A4 page of %.0f × %.0f", len(pages), w, h)
	}
}

func near(a, b float64) bool { return a > b-1 && a < b+1 }
