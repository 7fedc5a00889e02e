// Package ingest turns one submitted file (a workbook, a CSV file or a PDF)
// into a Grid: rows of cell text, each cell knowing where it came from. It
// knows file formats and nothing about the survey; reading the survey out
// of a Grid is package normalize's job.
package ingest
