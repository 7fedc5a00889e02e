// Package reader finds the survey in the Grid of a submitted file, by the
// meaning of its headings rather than by their places, and turns its cells
// into Records. The values themselves are read by package normalize; this
// package knows where they stand.
package reader
