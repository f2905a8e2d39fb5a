package theme

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"binome/generator/source"
)

// templatePos matches the place text/template and html/template put in
// their messages: "template: NAME:LINE:COL: " for parse and execution
// errors, "html/template:NAME:LINE:COL: " for escaping errors. The name is
// matched lazily, so a display path may hold spaces. A func, not a variable, to
// keep the package free of package-level state; the pattern compiles in
// microseconds and runs only on the error path.
func templatePos() *regexp.Regexp {
	return regexp.MustCompile(`(?:html/template:|template: )(.+?):(\d+)(?::(\d+))?: `)
}

// parseError turns a parse or escaping error into a *source.Error at the
// file and line html/template reports.
func parseError(err error) error {
	text := err.Error()
	m := templatePos().FindStringSubmatchIndex(text)
	if m == nil {
		return err
	}
	pos := posFrom(text, m)
	return &source.Error{Pos: pos, Msg: strings.TrimSpace(text[m[1]:]), Err: err}
}

// execError turns an execution error into a *source.Error. When a partial
// fails, the message holds the call site first and the partial's own place
// last; the innermost place is where the author must look, the call sites
// go in the hint.
func execError(err error, partials []string) error {
	text := err.Error()
	all := templatePos().FindAllStringSubmatchIndex(text, -1)
	if all == nil {
		return &source.Error{Msg: text, Err: err}
	}
	last := all[len(all)-1]
	e := &source.Error{Pos: posFrom(text, last), Msg: strings.TrimSpace(text[last[1]:]), Err: err}

	var hints []string
	switch msg := e.Msg; {
	case strings.Contains(msg, "can't evaluate field"):
		hints = append(hints, "the value has no field or method of that name; check its spelling against the theme contract (page view, site view)")
	case strings.Contains(msg, "nil pointer evaluating"):
		hints = append(hints, "the value is nil on this page (a missing .Parent, .Profile, .Duo…); guard it with {{ with … }}")
	case strings.Contains(msg, "error calling partial") && strings.Contains(msg, "not found"):
		hints = append(hints, "partials live in layouts/partials/; available: "+strings.Join(partials, ", "))
	case strings.Contains(msg, "wrong number of args"), strings.Contains(msg, "wrong type for value"):
		hints = append(hints, "check the function's arguments in the theme contract")
	}
	if len(all) > 1 {
		var from []string
		for i := len(all) - 2; i >= 0; i-- {
			from = append(from, posFrom(text, all[i]).String())
		}
		hints = append(hints, "called from "+strings.Join(from, " ← "))
	}
	e.Hint = strings.Join(hints, "; ")
	return e
}

// posFrom reads the submatches of templatePos at m in text.
func posFrom(text string, m []int) source.Pos {
	pos := source.Pos{Path: text[m[2]:m[3]]}
	pos.Line, _ = strconv.Atoi(text[m[4]:m[5]])
	if m[6] >= 0 {
		pos.Col, _ = strconv.Atoi(text[m[6]:m[7]])
	}
	return pos
}

// yamlError places a yaml.v3 error ("yaml: line 3: …") in file.
func yamlError(file string, err error) *source.Error {
	text := strings.TrimPrefix(err.Error(), "yaml: ")
	pos := source.Pos{Path: file}
	if m := regexp.MustCompile(`line (\d+): `).FindStringSubmatchIndex(text); m != nil {
		pos.Line, _ = strconv.Atoi(text[m[2]:m[3]])
		text = text[:m[0]] + text[m[1]:]
	}
	text = strings.Join(strings.Fields(strings.TrimPrefix(text, "unmarshal errors:")), " ")
	return &source.Error{Pos: pos, Msg: fmt.Sprint(text), Err: err}
}
