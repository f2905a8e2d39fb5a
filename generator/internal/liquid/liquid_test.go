package liquid

import (
	"testing"
	"time"
)

func TestEval(t *testing.T) {
	vars := map[string]any{
		"site.title":   "Mentoring Handbook",
		"site.company": "ACME & Co",
		"site.seats":   int64(12),
		"site.price":   2.5,
		"site.empty":   "",
		"site.tags":    []any{"go", "mentoring", "go"},
		"site.team":    map[string]any{"lead": "Léa"},
		"page.title":   "  Première rencontre  ",
		"page.date":    time.Date(2024, 3, 5, 9, 7, 0, 0, time.UTC),
		"page.when":    "2024-01-15",
		"page.intro":   "<p>One two three four five</p>",
		"page.suffix":  "!",
	}
	lookup := func(v Var) any {
		key := v.Scope
		for _, p := range v.Path {
			key += "." + p
		}
		return vars[key]
	}
	for _, tc := range []struct {
		tag, want string
		ok        bool
	}{
		{`{{ site.title }}`, "Mentoring Handbook", true},
		{`{{site.title|upcase}}`, "MENTORING HANDBOOK", true},
		{`{{- site.title | downcase -}}`, "mentoring handbook", true},
		{`{{ site.title | slugify }}`, "mentoring-handbook", true},
		{`{{ page.title | strip | capitalize }}`, "Première rencontre", true},
		{`{{ site.company | escape }}`, "ACME &amp; Co", true},
		{`{{ site.company | append: " Corp" | prepend: 'The ' }}`, "The ACME & Co Corp", true},
		{`{{ site.company | append: page.suffix }}`, "ACME & Co!", true},
		{`{{ site.title | replace: "Handbook", "Guide" }}`, "Mentoring Guide", true},
		{`{{ site.title | remove: "Mentoring " }}`, "Handbook", true},
		{`{{ site.title | truncate: 10 }}`, "Mentori...", true},
		{`{{ site.title | truncate: 10, "" }}`, "Mentoring ", true},
		{`{{ page.intro | strip_html | truncatewords: 3 }}`, "One two three...", true},
		{`{{ site.tags | join: ", " }}`, "go, mentoring, go", true},
		{`{{ site.tags | uniq | sort | join: " / " }}`, "go / mentoring", true},
		{`{{ site.tags | size }}`, "3", true},
		{`{{ site.tags | first }}`, "go", true},
		{`{{ site.seats | plus: 3 }}`, "15", true},
		{`{{ site.seats | divided_by: 5 }}`, "2", true},
		{`{{ site.price | times: 2 }}`, "5.0", true},
		{`{{ site.seats | divided_by: 0 }}`, "12", true},
		{`{{ page.date | date: "%-d %B %Y, %H:%M" }}`, "5 March 2024, 09:07", true},
		{`{{ page.when | date_to_string }}`, "15 Jan 2024", true},
		{`{{ page.date | date: "%Y-%m-%d %Q" }}`, "2024-03-05 %Q", true},
		{`{{ site.nothing | default: "none" }}`, "none", true},
		{`{{ site.empty | default: site.title }}`, "Mentoring Handbook", true},
		{`{{ site.nothing | upcase | default: "x" }}`, "x", true},
		{`{{ site.title | url_encode }}`, "Mentoring+Handbook", true},
		{`{{ site.title | relative_url }}`, "Mentoring Handbook", true},
		// Nothing to show, or nothing binome can read: the tag stays.
		{`{{ site.nothing }}`, "", false},
		{`{{ site.empty }}`, "", false},
		{`{{ site.team }}`, "", false},
		{`{{ site.tags | sort }}`, "", false},
		{`{{ site.nothing | upcase }}`, "", false},
	} {
		e, ok := Parse(tc.tag)
		if !ok {
			t.Errorf("Parse(%q) failed", tc.tag)
			continue
		}
		got, ok := e.Eval(lookup)
		if got != tc.want || ok != tc.ok {
			t.Errorf("%s = %q, %v; want %q, %v", tc.tag, got, ok, tc.want, tc.ok)
		}
	}
}

func TestParseRefuses(t *testing.T) {
	for _, tag := range []string{
		`{{ "x" }}`,                          // a literal
		`{{ site.title | nosuch }}`,          // an unknown filter
		`{{ site.title | append }}`,          // missing argument
		`{{ site.title | upcase: "x" }}`,     // one too many
		`{{ site.title | replace: "a" }}`,    // one too few
		`{{ site.title | append: "x }}`,      // an unclosed string
		`{{ site.title upcase }}`,            // no pipe
		`{{ product.title }}`,                // not site or page
		`{% if site.title %}`,                // a tag
		`{{ site.title | append: foo.bar }}`, /* a variable of neither */
	} {
		if e, ok := Parse(tag); ok {
			t.Errorf("Parse(%q) = %+v, want a refusal", tag, e)
		}
	}
}
