// Package liquid reads the Liquid output tags that Jekyll pages write in
// their text, a variable of the site or of the page passed through
// filters ({{ site.title | upcase }}, {{ page.tags | join: ", " }}), and
// gives the text Jekyll gave, so an imported handbook shows what it
// showed. Only output tags are read: binome's pages hold no logic, so
// {% if %} and {% for %} stay, and warn.
package liquid

import (
	"fmt"
	"html"
	"math"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Expr is an output tag: a variable and the filters its value goes
// through, in order.
type Expr struct {
	Var     Var
	Filters []Filter
}

// Var names a value: Scope is "site" or "page", Path the keys below it
// ("repo", "name" for site.repo.name).
type Var struct {
	Scope string
	Path  []string
}

// Filter is one filter and its arguments: each a literal (a string, an
// int64, a float64, a bool or nil) or a Var.
type Filter struct {
	Name string
	Args []any
}

// Lookup returns a variable's value, nil when it has none.
type Lookup func(Var) any

var (
	tagRe   = regexp.MustCompile(`^\{\{-?\s*(.*?)\s*-?\}\}$`)
	varRe   = regexp.MustCompile(`^(site|page)((?:\.[A-Za-z_][\w-]*)+)`)
	nameRe  = regexp.MustCompile(`^[a-z_]+`)
	tokenRe = regexp.MustCompile(`^(?:"[^"]*"|'[^']*'|-?\d+(?:\.\d+)?|(?:site|page)(?:\.[A-Za-z_][\w-]*)+|true|false|nil)`)
)

// Parse reads a whole output tag. It reports false for anything else: a
// tag, a literal output, a filter this package does not know or
// arguments it cannot read, which then stay as written.
func Parse(tag string) (Expr, bool) {
	m := tagRe.FindStringSubmatch(tag)
	if m == nil {
		return Expr{}, false
	}
	s := m[1]
	v := varRe.FindStringSubmatch(s)
	if v == nil {
		return Expr{}, false
	}
	e := Expr{Var: Var{Scope: v[1], Path: strings.Split(v[2][1:], ".")}}
	s = strings.TrimSpace(s[len(v[0]):])
	for s != "" {
		if s[0] != '|' {
			return Expr{}, false
		}
		s = strings.TrimSpace(s[1:])
		name := nameRe.FindString(s)
		arity, ok := filters[name]
		if !ok {
			return Expr{}, false
		}
		f := Filter{Name: name}
		s = strings.TrimSpace(s[len(name):])
		if strings.HasPrefix(s, ":") {
			s = strings.TrimSpace(s[1:])
			for {
				tok := tokenRe.FindString(s)
				if tok == "" {
					return Expr{}, false
				}
				f.Args = append(f.Args, literal(tok))
				s = strings.TrimSpace(s[len(tok):])
				if !strings.HasPrefix(s, ",") {
					break
				}
				s = strings.TrimSpace(s[1:])
			}
		}
		if len(f.Args) < arity.min || len(f.Args) > arity.max {
			return Expr{}, false
		}
		e.Filters = append(e.Filters, f)
	}
	return e, true
}

func literal(tok string) any {
	switch {
	case tok[0] == '"' || tok[0] == '\'':
		return tok[1 : len(tok)-1]
	case tok == "true" || tok == "false":
		return tok == "true"
	case tok == "nil":
		return nil
	case strings.HasPrefix(tok, "site") || strings.HasPrefix(tok, "page"):
		p := strings.Split(tok, ".")
		return Var{Scope: p[0], Path: p[1:]}
	case strings.Contains(tok, "."):
		f, _ := strconv.ParseFloat(tok, 64)
		return f
	}
	i, _ := strconv.ParseInt(tok, 10, 64)
	return i
}

// Eval is the text the tag shows, and false when it shows nothing binome
// can give: a variable without a value (or a list or a map left as
// such) that no filter turned into text.
func (e Expr) Eval(lookup Lookup) (string, bool) {
	v := lookup(e.Var)
	for _, f := range e.Filters {
		args := make([]any, len(f.Args))
		for i, a := range f.Args {
			if av, ok := a.(Var); ok {
				a = lookup(av)
			}
			args[i] = a
		}
		v = apply(f.Name, v, args)
	}
	switch v := v.(type) {
	case string:
		return v, v != "" || len(e.Filters) > 0
	case int, int64, float64, bool:
		return text(v), true
	case time.Time:
		return v.Format("2006-01-02 15:04:05 -0700"), true
	}
	return "", false
}

// filters are the filters Parse accepts, with how many arguments each
// takes.
var filters = map[string]struct{ min, max int }{
	"upcase": {}, "downcase": {}, "capitalize": {}, "strip": {}, "lstrip": {}, "rstrip": {},
	"strip_html": {}, "strip_newlines": {}, "escape": {}, "escape_once": {}, "xml_escape": {},
	"url_encode": {}, "cgi_escape": {}, "uri_escape": {}, "slugify": {0, 1},
	"markdownify": {}, "smartify": {}, "relative_url": {}, "absolute_url": {},
	"append": {1, 1}, "prepend": {1, 1}, "remove": {1, 1}, "remove_first": {1, 1},
	"replace": {2, 2}, "replace_first": {2, 2}, "truncate": {1, 2}, "truncatewords": {1, 2},
	"default": {1, 1}, "size": {}, "number_of_words": {},
	"join": {0, 1}, "first": {}, "last": {}, "sort": {}, "uniq": {}, "reverse": {}, "compact": {},
	"plus": {1, 1}, "minus": {1, 1}, "times": {1, 1}, "divided_by": {1, 1}, "modulo": {1, 1},
	"round": {0, 1}, "floor": {}, "ceil": {}, "abs": {},
	"date": {1, 1}, "date_to_string": {}, "date_to_long_string": {}, "date_to_xmlschema": {},
}

func apply(name string, v any, args []any) any {
	arg := func(i int) string { return text(args[i]) }
	switch name {
	case "default":
		if empty(v) {
			return args[0]
		}
		return v
	case "size":
		if l, ok := v.([]any); ok {
			return len(l)
		}
		return utf8.RuneCountInString(text(v))
	case "join":
		sep := " "
		if len(args) > 0 {
			sep = arg(0)
		}
		l, ok := v.([]any)
		if !ok {
			return v
		}
		parts := make([]string, len(l))
		for i, x := range l {
			parts[i] = text(x)
		}
		return strings.Join(parts, sep)
	case "first", "last":
		if l, ok := v.([]any); ok {
			if len(l) == 0 {
				return nil
			}
			if name == "first" {
				return l[0]
			}
			return l[len(l)-1]
		}
		r := []rune(text(v))
		if len(r) == 0 {
			return ""
		}
		if name == "first" {
			return string(r[0])
		}
		return string(r[len(r)-1])
	case "sort", "uniq", "reverse", "compact":
		l, ok := v.([]any)
		if !ok {
			return v
		}
		l = slices.Clone(l)
		switch name {
		case "sort":
			slices.SortStableFunc(l, func(a, b any) int { return strings.Compare(text(a), text(b)) })
		case "uniq":
			seen := map[string]bool{}
			l = slices.DeleteFunc(l, func(x any) bool {
				k := fmt.Sprintf("%T %v", x, x)
				if seen[k] {
					return true
				}
				seen[k] = true
				return false
			})
		case "reverse":
			slices.Reverse(l)
		case "compact":
			l = slices.DeleteFunc(l, func(x any) bool { return x == nil })
		}
		return l
	case "plus", "minus", "times", "divided_by", "modulo", "round", "floor", "ceil", "abs":
		return arithmetic(name, v, args)
	case "date", "date_to_string", "date_to_long_string", "date_to_xmlschema":
		t, ok := toTime(v)
		if !ok {
			return v
		}
		switch name {
		case "date":
			return strftime(t, arg(0))
		case "date_to_string":
			return strftime(t, "%d %b %Y")
		case "date_to_long_string":
			return strftime(t, "%d %B %Y")
		}
		return t.Format(time.RFC3339)
	}
	if v == nil {
		return nil // string filters of nothing are nothing: default may follow
	}
	s := text(v)
	switch name {
	case "upcase":
		return strings.ToUpper(s)
	case "downcase":
		return strings.ToLower(s)
	case "capitalize":
		r, n := utf8.DecodeRuneInString(s)
		return string(unicode.ToUpper(r)) + strings.ToLower(s[n:])
	case "strip":
		return strings.TrimSpace(s)
	case "lstrip":
		return strings.TrimLeftFunc(s, unicode.IsSpace)
	case "rstrip":
		return strings.TrimRightFunc(s, unicode.IsSpace)
	case "strip_html":
		return htmlTag.ReplaceAllString(s, "")
	case "strip_newlines":
		return strings.NewReplacer("\r", "", "\n", "").Replace(s)
	case "escape", "xml_escape":
		return html.EscapeString(s)
	case "escape_once":
		return html.EscapeString(html.UnescapeString(s))
	case "url_encode", "cgi_escape":
		return url.QueryEscape(s)
	case "uri_escape":
		return (&url.URL{Path: s}).EscapedPath()
	case "slugify":
		return slugify(s)
	case "markdownify", "smartify", "relative_url", "absolute_url":
		// The value goes into Markdown, which binome renders and makes
		// typographic; a site-root path is made relative at writing.
		return s
	case "append":
		return s + arg(0)
	case "prepend":
		return arg(0) + s
	case "remove":
		return strings.ReplaceAll(s, arg(0), "")
	case "remove_first":
		return strings.Replace(s, arg(0), "", 1)
	case "replace":
		return strings.ReplaceAll(s, arg(0), arg(1))
	case "replace_first":
		return strings.Replace(s, arg(0), arg(1), 1)
	case "truncate", "truncatewords":
		n, _, _ := number(args[0])
		ellipsis := "..."
		if len(args) > 1 {
			ellipsis = arg(1)
		}
		if name == "truncatewords" {
			words := strings.Fields(s)
			if int64(len(words)) <= max(n, 1) {
				return strings.Join(words, " ")
			}
			return strings.Join(words[:max(n, 1)], " ") + ellipsis
		}
		r := []rune(s)
		if int64(len(r)) <= n {
			return s
		}
		keep := max(n-int64(utf8.RuneCountInString(ellipsis)), 0)
		return string(r[:keep]) + ellipsis
	case "number_of_words":
		return len(strings.Fields(s))
	}
	return v
}

var htmlTag = regexp.MustCompile(`<[^>]*>`)

// empty is what default replaces: nothing, false, "" and an empty list.
func empty(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case bool:
		return !v
	case string:
		return v == ""
	case []any:
		return len(v) == 0
	case map[string]any:
		return len(v) == 0
	}
	return false
}

// text is a value as Liquid prints it.
func text(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case float64:
		if v == math.Trunc(v) && math.Abs(v) < 1e15 {
			return strconv.FormatFloat(v, 'f', 1, 64)
		}
		return strconv.FormatFloat(v, 'f', -1, 64)
	case []any:
		var b strings.Builder
		for _, x := range v {
			b.WriteString(text(x))
		}
		return b.String()
	case time.Time:
		return v.Format("2006-01-02 15:04:05 -0700")
	}
	return fmt.Sprint(v)
}

// number reads v as Liquid's arithmetic does: an integer, else a float.
func number(v any) (i int64, f float64, isInt bool) {
	switch v := v.(type) {
	case int:
		return int64(v), float64(v), true
	case int64:
		return v, float64(v), true
	case float64:
		return int64(v), v, false
	case string:
		if i, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err == nil {
			return i, float64(i), true
		}
		f, _ := strconv.ParseFloat(strings.TrimSpace(v), 64)
		return int64(f), f, false
	}
	return 0, 0, true
}

func arithmetic(name string, v any, args []any) any {
	a, af, aInt := number(v)
	var b int64
	bf, bInt := 0.0, true
	if len(args) > 0 {
		b, bf, bInt = number(args[0])
	}
	ints := aInt && bInt
	switch name {
	case "plus":
		if ints {
			return a + b
		}
		return af + bf
	case "minus":
		if ints {
			return a - b
		}
		return af - bf
	case "times":
		if ints {
			return a * b
		}
		return af * bf
	case "divided_by", "modulo":
		if bf == 0 {
			return v // Liquid raises; the tag shows its value undivided
		}
		if name == "modulo" {
			if ints {
				return a % b
			}
			return math.Mod(af, bf)
		}
		if ints {
			return a / b // Liquid divides integers as integers
		}
		return af / bf
	case "abs":
		if aInt {
			return max(a, -a)
		}
		return math.Abs(af)
	case "floor":
		return int64(math.Floor(af))
	case "ceil":
		return int64(math.Ceil(af))
	}
	// round
	if len(args) == 0 || b <= 0 {
		return int64(math.Round(af))
	}
	p := math.Pow(10, float64(b))
	return math.Round(af*p) / p
}

// toTime reads a date: YAML's, or a string in the forms frontmatter
// writes ("now" and "today" are the build's day).
func toTime(v any) (time.Time, bool) {
	switch v := v.(type) {
	case time.Time:
		return v, true
	case string:
		if v == "now" || v == "today" {
			return time.Now(), true
		}
		for _, layout := range []string{time.RFC3339, "2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02"} {
			if t, err := time.Parse(layout, strings.TrimSpace(v)); err == nil {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

// strftime formats t as Ruby's strftime, for the conversions Jekyll
// sites write; other conversions are kept as written.
func strftime(t time.Time, format string) string {
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' || i+1 == len(format) {
			b.WriteByte(c)
			continue
		}
		i++
		pad := true
		if format[i] == '-' && i+1 < len(format) {
			pad = false
			i++
		}
		two := func(n int) string {
			if pad {
				return fmt.Sprintf("%02d", n)
			}
			return strconv.Itoa(n)
		}
		switch format[i] {
		case 'Y':
			b.WriteString(strconv.Itoa(t.Year()))
		case 'y':
			b.WriteString(fmt.Sprintf("%02d", t.Year()%100))
		case 'm':
			b.WriteString(two(int(t.Month())))
		case 'd':
			b.WriteString(two(t.Day()))
		case 'e':
			b.WriteString(fmt.Sprintf("%2d", t.Day()))
		case 'B':
			b.WriteString(t.Month().String())
		case 'b', 'h':
			b.WriteString(t.Month().String()[:3])
		case 'A':
			b.WriteString(t.Weekday().String())
		case 'a':
			b.WriteString(t.Weekday().String()[:3])
		case 'H':
			b.WriteString(two(t.Hour()))
		case 'I':
			b.WriteString(two((t.Hour()+11)%12 + 1))
		case 'M':
			b.WriteString(two(t.Minute()))
		case 'S':
			b.WriteString(two(t.Second()))
		case 'p':
			b.WriteString(t.Format("PM"))
		case 'j':
			b.WriteString(fmt.Sprintf("%03d", t.YearDay()))
		case 'z':
			b.WriteString(t.Format("-0700"))
		case 'Z':
			b.WriteString(t.Format("MST"))
		case 'F':
			b.WriteString(t.Format("2006-01-02"))
		case 'T':
			b.WriteString(t.Format("15:04:05"))
		case '%':
			b.WriteByte('%')
		default:
			b.WriteString(format[i-1 : i+1])
		}
	}
	return b.String()
}

// slugify is Jekyll's default slugify: lower case, every run of
// characters but letters and digits a hyphen.
func slugify(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
			continue
		}
		hyphen = true
	}
	return b.String()
}
