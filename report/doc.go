// Package report turns the Records of one or more fiscal years into what
// the committee reads: the status table, counts and trends per item, the
// issues found, and the consolidated workbook and PDF.
package report
