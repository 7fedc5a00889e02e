package normalize

import (
	"fmt"
	"strings"
	"time"

	"perinet"
)

// A Parser reads one value of a kind as people write it, and returns the
// value in the contract's JSON shape (nil for none) and a problem: what
// `perinet parse` prints, and what the desk's corrections store.
type Parser func(text string) (any, *perinet.Problem)

// ParserFor returns the parser of a kind: date, fiscal-year, mark, count,
// details, block or hospital. names, needed for block and hospital only,
// matches the survey's names; today dates the era dates that need it.
func ParserFor(kind string, names *Names, today time.Time) (Parser, error) {
	switch kind {
	case "date":
		return func(s string) (any, *perinet.Problem) {
			d, p := EraDate(s, today)
			return d, p
		}, nil
	case "fiscal-year":
		return func(s string) (any, *perinet.Problem) {
			fy, p := FiscalYear(s, today)
			return map[string]int{"fiscal_year": fy}, p
		}, nil
	case "mark":
		return func(s string) (any, *perinet.Problem) {
			m, p := Mark(s)
			return m, p
		}, nil
	case "count":
		return countValue, nil
	case "details":
		return func(s string) (any, *perinet.Problem) { return Details(s), nil }, nil
	case "block":
		if names == nil {
			return nil, fmt.Errorf("normalize: the kind %s needs the survey's names", kind)
		}
		return func(s string) (any, *perinet.Problem) { return blockValue(names.Block(s)) }, nil
	case "hospital":
		if names == nil {
			return nil, fmt.Errorf("normalize: the kind %s needs the survey's names", kind)
		}
		return func(s string) (any, *perinet.Problem) { return hospitalValue(names.Hospital(s)) }, nil
	}
	return nil, fmt.Errorf("「%s」という種類はありません（%s のいずれか）", kind, strings.Join(Kinds(), ", "))
}

// Kinds are the kinds ParserFor knows.
func Kinds() []string {
	return []string{"date", "fiscal-year", "mark", "count", "block", "hospital", "details"}
}

// FieldKind returns the kind of value a Record's field holds, by the
// field's name as Problem.Field and Source.Where write it: hospital,
// started, items.N (the mark), items.N.distributed_to, items.N.details;
// "" for a field no parser reads alone.
func FieldKind(field string) string {
	switch field {
	case "hospital":
		return "hospital"
	case "started":
		return "date"
	}
	parts := strings.Split(field, ".")
	if len(parts) < 2 || parts[0] != "items" {
		return ""
	}
	switch {
	case len(parts) == 2:
		return "mark"
	case len(parts) == 3 && parts[2] == "distributed_to":
		return "count"
	case len(parts) == 3 && parts[2] == "details":
		return "details"
	}
	return ""
}

// countValue is a count's value: its number, or its note when it has
// none.
func countValue(s string) (any, *perinet.Problem) {
	c, p := Count(s)
	switch {
	case c.N != nil:
		return *c.N, p
	case c.Note != "":
		return map[string]string{"note": c.Note}, p
	}
	return nil, p
}

func blockValue(b perinet.Block, p *perinet.Problem) (any, *perinet.Problem) {
	if b.Name == "" {
		return nil, p
	}
	return map[string]string{"block": b.Name, "tier": string(b.Tier)}, p
}

func hospitalValue(name string, p *perinet.Problem) (any, *perinet.Problem) {
	if name == "" {
		return nil, p
	}
	return name, p
}
