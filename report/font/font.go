// Package font holds the typeface perinet draws its PDF reports in: IPAex
// Gothic (IPAexゴシック) 004.01, the file ipaexg.ttf as the IPA publishes it,
// unmodified, under the IPA Font License Agreement v1.0 that sits beside it
// (see README.md). It is compiled into the binary so that a machine without
// Japanese fonts installed still renders the reports.
package font

import _ "embed"

// ipaexg is the font file; a string, so that nobody can change it.
//
//go:embed ipaexg.ttf
var ipaexg string

// Name is the font's family name, as the PDF's font list shows it.
const Name = "IPAexGothic"

// IPAexGothic returns the bytes of ipaexg.ttf, a fresh copy on each call.
func IPAexGothic() []byte { return []byte(ipaexg) }
