// Package normalize turns what people type into a status form into typed
// values: era dates to years and months, ○ and × to marks, "103施設" to 103,
// short group and hospital names to canonical ones, and free text to
// clean entries.
//
// Every parser reads its text in one normal form: NFKC, with the CJK
// radicals and compatibility ideographs that PDF producers and pasted text
// put in place of ideographs folded to them (package ideograph: H22年2⽉ is
// H22年2月, 区⻄南部 is 区西南部), and without variation selectors and
// zero-width characters. Clean gives that form with its white space
// collapsed, and Key the form in which names are compared.
//
// Every parser returns a value or a *perinet.Problem that names the code,
// quotes the text as written and explains in Japanese what is wrong. None
// of them falls back silently to a default.
package normalize
