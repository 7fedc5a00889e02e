// Package normalize turns what people type into a status form into typed
// values: era dates to years and months, ○ and × to marks, "103施設" to 103,
// short group and hospital names to canonical ones, and free text to
// clean entries.
//
// Every parser returns a value or a *perinet.Problem that names the code,
// quotes the text as written and explains in Japanese what is wrong. None
// of them falls back silently to a default.
package normalize
