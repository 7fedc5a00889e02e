package desk

import (
	"fmt"
	"html/template"
	"net/url"
	"strings"

	"perinet/intake"
	"perinet/nightly"
	"perinet/normalize"
)

// parsePages parses each page's template with the frame around it.
func (d *Desk) parsePages() (map[string]*template.Template, error) {
	funcs := template.FuncMap{
		"yearText":      yearText,
		"yearShort":     func(fy int) string { return fmt.Sprintf("%d年度", fy) },
		"dayText":       normalize.DayText,
		"timeText":      normalize.MinuteText,
		"groupURL":      func(name string) string { return "/groups/" + url.PathEscape(name) },
		"correctionURL": correctionURL,
		"shortName":     d.survey.ShortName,
		"tierName":      d.survey.TierName,
		"stateClass":    stateClass,
		"outcomeWord":   nightly.OutcomeWord,
		"join":          strings.Join,
		"inc":           func(i int) int { return i + 1 },
	}
	pages := map[string]*template.Template{}
	for _, name := range []string{"home", "file", "group", "audit", "reports", "corrections", "login", "error"} {
		t, err := template.New(name).Funcs(funcs).ParseFS(assets, "templates/base.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("desk: page %s: %w", name, err)
		}
		pages[name] = t
	}
	return pages, nil
}

// stateClass names a group's state for the style sheet.
func stateClass(s intake.State) string {
	switch s {
	case intake.StateAccepted:
		return "accepted"
	case intake.StateReview:
		return "review"
	case intake.StateRejected:
		return "rejected"
	}
	return "missing"
}
