package ingest

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// radicalCells are cells as a PDF producer writes them, or a paste from
// one, and the text they read as.
var radicalCells = []struct{ written, folded string }{
	{"H22年2⽉", "H22年2月"},     // ⽉ U+2F49, KANGXI RADICAL MOON
	{"区⻄南部", "区西南部"},         // ⻄ U+2EC4, CJK RADICAL WEST TWO
	{"開始年⽉", "開始年月"},         // a heading
	{"⻘梅市⽴総合病院", "青梅市立総合病院"}, // ⻘ U+2ED8, ⽴ U+2F74
	{"NCPR講習会", "NCPR講習会"},   // nothing to fold
	{"Ｈ２２年２月", "Ｈ２２年２月"},     // full width: for normalize, not ingest
	{"\uF900", "豈"},          // a compatibility ideograph
}

// TestFoldCells: whatever the format, the cells of a Grid come out of File
// with their radicals folded (foldCells), the rest of the text as typed.
func TestFoldCells(t *testing.T) {
	f := excelize.NewFile()
	if err := f.SetColWidth("Sheet1", "A", "A", 40); err != nil {
		t.Fatal(err)
	}
	var csv, rows strings.Builder
	for i, c := range radicalCells {
		if err := f.SetCellValue("Sheet1", "A"+strconv.Itoa(i+1), c.written); err != nil {
			t.Fatal(err)
		}
		csv.WriteString(c.written + "\r\n")
		rows.WriteString(`<table:table-row><table:table-cell office:value-type="string"><text:p>` + c.written + `</text:p></table:table-cell></table:table-row>`)
	}
	xlsx := writeBook(t, f, "form.xlsx")
	files := []struct{ format, path string }{
		{"xlsx", xlsx},
		{"csv", writeFile(t, "form.csv", []byte(csv.String()))},
		{"ods", odsFile(t, oneTable(rows.String()), "")},
	}
	if hasSoffice() {
		files = append(files, struct{ format, path string }{"xls", convert(t, "xls", []string{xlsx})[xlsx]},
			struct{ format, path string }{"pdf", convert(t, "pdf", []string{xlsx})[xlsx]})
	} else {
		t.Log("soffice not found: .xls and .pdf not tested")
	}
	r := reader{lim: DefaultLimits(), soffice: "soffice"}
	for _, file := range files {
		raw, _ := r.read(file.path)
		g, probs := r.file(file.path)
		if g.Format != file.format || len(probs) != 0 {
			t.Errorf("%s: format %s, problems %v", filepath.Base(file.path), g.Format, probs)
			continue
		}
		before, after := fmt.Sprint(raw.Sheets), fmt.Sprint(g.Sheets) // every cell's text, and places without radicals
		// A PDF gives a glyph's text by the font's glyph, which ⽉ and 月 share:
		// LibreOffice writes ⽉ for both.
		if file.format == "pdf" && !strings.Contains(before, "⽉") {
			t.Errorf("pdf: no radical in the file: %q", before)
		}
		for _, c := range radicalCells {
			if file.format != "pdf" && !strings.Contains(before, c.written) {
				t.Errorf("%s: the file does not give %q as written: %q", file.format, c.written, before)
			}
			if !strings.Contains(after, c.folded) || (c.written != c.folded && strings.Contains(after, c.written)) {
				t.Errorf("%s: %q does not read as %q: %q", file.format, c.written, c.folded, after)
			}
		}
	}
}
