package perinet

// A Date is a date as a form gives it: a year and a month, and a day when
// one was written. Day is 0 when the form gave only the month.
type Date struct {
	Year  int `json:"year"`
	Month int `json:"month"`
	Day   int `json:"day,omitempty"`
}
