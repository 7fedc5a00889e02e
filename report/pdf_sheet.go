package report

// pdfMinSize is the smallest type report.pdf sets, on either paper, in
// points: every text, merged cells and chart labels included, is at least
// this large.
const pdfMinSize = 7.0

// A pdfSheet is the paper report.pdf is laid out on, landscape, with the
// layout of each kind of page on it: places and lengths in points of that
// paper, type sizes in points. Each paper has a layout of its own (A4 is
// not A3 scaled down), its type no smaller than pdfMinSize.
type pdfSheet struct {
	w, h      float64 // the page
	margin    float64 // round the status matrix
	footGap   float64 // from the page's lower edge to the top of its number
	footSize  float64 // the page number's type
	titleSize float64 // the title page's title; the lines under it are in proportion

	// Text pages: a column narrower than the page, so that a line stays
	// readable, and the tables set in it.
	textLeft  float64 // the column's left edge, and its margin on the right
	textTop   float64 // the first line's top
	textFoot  float64 // from the page number's top to the lowest a line may start
	textSize  float64 // paragraphs
	headSize  float64 // page headings
	rowSize   float64 // a table's type
	rowPad    float64 // space inside a table's cell
	titleGap  float64 // the status matrix's heading: from the margin to the header's top
	matTitle  float64 // the type of the matrix's heading
	cellSize  float64 // the matrix's body
	matHead   float64 // the matrix's header
	cellPad   float64 // space inside a matrix cell
	matFoot   float64 // from the page number's top to the lowest a matrix row may reach
	keySize   float64 // a chart legend's type
	keyW      float64 // a legend's sample, as wide
	tickSize  float64 // a chart axis's values
	barLabelW float64 // the bar chart's items' headings, left of the bars
	barValueW float64 // room right of the bar chart's axis for a full bar's count
	barSize   float64 // the bar chart's headings
	barValue  float64 // the bar chart's counts
	barMaxH   float64 // the thickest a bar is drawn
	trendLeft float64 // left of the trend chart's plot: percentages, the table's item names
	trendEnd  float64 // right of the plot: the items' end labels
	trendMark float64 // a marker's size
	trendSize float64 // the end labels' and the table's type
	trendYear float64 // the height of the years under the plot
}

// pdfSheetOf returns the layout of paper. A3 sets the status matrix at
// the size of the published table; A4 sets every text smaller than A3,
// but at 7 pt or more (the matrix's body and header at 7 pt, so that nine
// items still fit across the page), and lets the matrix run onto more
// pages.
func pdfSheetOf(paper Paper) pdfSheet {
	if paper == A4 {
		return pdfSheet{
			w: 842, h: 595, margin: 24, footGap: 18, footSize: 7.5, titleSize: 22,
			textLeft: 84, textTop: 56, textFoot: 22, textSize: 10, headSize: 14, rowSize: 8, rowPad: 3,
			titleGap: 22, matTitle: 11, cellSize: 7, matHead: 7, cellPad: 3, matFoot: 10,
			keySize: 8.5, keyW: 26, tickSize: 8,
			barLabelW: 220, barValueW: 66, barSize: 8.5, barValue: 8, barMaxH: 17,
			trendLeft: 72, trendEnd: 46, trendMark: 5.5, trendSize: 7.5, trendYear: 24,
		}
	}
	return pdfSheet{
		w: 1190, h: 842, margin: 36, footGap: 24, footSize: 9, titleSize: 30,
		textLeft: 160, textTop: 80, textFoot: 30, textSize: 13, headSize: 18, rowSize: 10, rowPad: 3.5,
		titleGap: 30, matTitle: 14, cellSize: 9, matHead: 8.5, cellPad: 4, matFoot: 14,
		keySize: 11, keyW: 34, tickSize: 10,
		barLabelW: 310, barValueW: 90, barSize: 11, barValue: 10.5, barMaxH: 24,
		trendLeft: 100, trendEnd: 60, trendMark: 7, trendSize: 9.5, trendYear: 30,
	}
}

// footY returns the top of the page number.
func (sh pdfSheet) footY() float64 { return sh.h - sh.footGap }

// textWidth returns the width of the text column.
func (sh pdfSheet) textWidth() float64 { return sh.w - 2*sh.textLeft }

// textBottom returns the lowest a line of a text page may start.
func (sh pdfSheet) textBottom() float64 { return sh.footY() - sh.textFoot }

// textLead returns the line height of paragraphs.
func (sh pdfSheet) textLead() float64 { return sh.textSize * 1.7 }

// rowLead returns the line height of a table in a text page.
func (sh pdfSheet) rowLead() float64 { return sh.rowSize * 1.4 }

// tableW returns the status matrix's width: the page's, less the margins.
func (sh pdfSheet) tableW() float64 { return sh.w - 2*sh.margin }

// tableTop returns the top of the matrix's header, below its heading.
func (sh pdfSheet) tableTop() float64 { return sh.margin + sh.titleGap }

// tableEnd returns the lowest a row of the matrix may reach.
func (sh pdfSheet) tableEnd() float64 { return sh.footY() - sh.matFoot }

// cellLead returns the line height of the matrix's body.
func (sh pdfSheet) cellLead() float64 { return sh.cellSize * 1.35 }

// headLead returns the line height of the matrix's header.
func (sh pdfSheet) headLead() float64 { return sh.matHead * 1.35 }
