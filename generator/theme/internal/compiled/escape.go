package compiled

import (
	"fmt"
	"html/template"
	"io"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"text/template/parse"
)

// escapers are html/template's escaping functions for the contexts a
// handbook's pages put values in: text, quoted attributes, <title> and
// URLs. Each gives the same bytes as html/template's own, which
// TestEscapersMatch holds them to; a value they are not sure to format
// the same way (a pointer) is left to html/template.
var escapers = map[string]func(args []any) (any, error){
	"_html_template_htmlescaper": func(args []any) (any, error) {
		s, t, err := stringify(args)
		if err != nil || t == contentHTML {
			return s, err
		}
		return replace(s, &htmlTable), nil
	},
	"_html_template_rcdataescaper": func(args []any) (any, error) {
		s, t, err := stringify(args)
		if err != nil {
			return nil, err
		}
		if t == contentHTML {
			return replace(s, &htmlNormTable), nil
		}
		return replace(s, &htmlTable), nil
	},
	"_html_template_attrescaper": func(args []any) (any, error) {
		s, t, err := stringify(args)
		if err != nil {
			return nil, err
		}
		if t == contentHTML {
			return nil, ErrUnsupported // html/template strips its tags
		}
		return replace(s, &htmlTable), nil
	},
	"_html_template_urlfilter": func(args []any) (any, error) {
		s, t, err := stringify(args)
		if err != nil || t == contentURL {
			return s, err
		}
		if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") &&
			!strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
			return "#ZgotmplZ", nil
		}
		return s, nil
	},
	"_html_template_urlnormalizer": func(args []any) (any, error) {
		s, _, err := stringify(args)
		if err != nil {
			return nil, err
		}
		return percentEncode(s, true), nil
	},
	"_html_template_urlescaper": func(args []any) (any, error) {
		s, t, err := stringify(args)
		if err != nil {
			return nil, err
		}
		return percentEncode(s, t == contentURL), nil
	},
}

type content int

const (
	contentPlain content = iota
	contentHTML
	contentURL
	contentOther // CSS, HTMLAttr, JS, JSStr, Srcset: escaped as plain text here
)

// stringify is the text of an escaper's arguments and, for one argument
// of a content type, that type.
func stringify(args []any) (string, content, error) {
	if len(args) == 1 {
		v := args[0]
		if v != nil && reflect.TypeOf(v).Kind() == reflect.Pointer {
			v = follow(v)
		}
		switch v := v.(type) {
		case string:
			return v, contentPlain, nil
		case template.HTML:
			return string(v), contentHTML, nil
		case template.URL:
			return string(v), contentURL, nil
		case template.CSS:
			return string(v), contentOther, nil
		case template.HTMLAttr:
			return string(v), contentOther, nil
		case template.JS:
			return string(v), contentOther, nil
		case template.JSStr:
			return string(v), contentOther, nil
		case template.Srcset:
			return string(v), contentOther, nil
		case int:
			return strconv.Itoa(v), contentPlain, nil
		case nil:
			return "", contentPlain, nil
		}
	}
	// Untyped nils are skipped, and pointers followed to a Stringer, an
	// error or a value, as html/template does.
	kept := make([]any, 0, len(args))
	for _, a := range args {
		if a == nil {
			continue
		}
		if reflect.TypeOf(a).Kind() == reflect.Pointer {
			a = toStringer(a)
		}
		kept = append(kept, a)
	}
	return fmt.Sprint(kept...), contentPlain, nil
}

// follow goes through pointers while they are not nil.
func follow(a any) any {
	v := reflect.ValueOf(a)
	for v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	return v.Interface()
}

var (
	stringerType = reflect.TypeFor[fmt.Stringer]()
	errorType    = reflect.TypeFor[error]()
)

// toStringer goes through pointers until a Stringer, an error, a nil or
// a value that is no pointer.
func toStringer(a any) any {
	v := reflect.ValueOf(a)
	for !v.Type().Implements(stringerType) && !v.Type().Implements(errorType) && v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	return v.Interface()
}

// The characters that escaping replaces in HTML text and attributes;
// htmlNormTable keeps the entities of a value that is HTML already.
var htmlTable, htmlNormTable [128]string

func init() {
	for _, t := range []*[128]string{&htmlTable, &htmlNormTable} {
		t[0] = "\uFFFD"
		t['"'] = "&#34;"
		t['\''] = "&#39;"
		t['+'] = "&#43;"
		t['<'] = "&lt;"
		t['>'] = "&gt;"
	}
	htmlTable['&'] = "&amp;"
}

// replace substitutes the table's strings for its ASCII characters and
// leaves every other byte as it is, valid UTF-8 or not.
func replace(s string, table *[128]string) string {
	var b strings.Builder
	done := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 128 || table[c] == "" {
			continue
		}
		if done == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[done:i])
		b.WriteString(table[c])
		done = i + 1
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// percentEncode escapes the bytes of s that may not stand in a URL;
// normalizing, it also keeps URL delimiters and valid escapes.
func percentEncode(s string, normalize bool) string {
	var b strings.Builder
	done := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '.', c == '_', c == '~':
			continue
		case normalize && strings.IndexByte("!#$&*+,/:;=?@[]", c) >= 0:
			continue
		case normalize && c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			continue
		}
		if done == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[done:i])
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&15])
		done = i + 1
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

const hexDigits = "0123456789abcdef"

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// borrowedSources are, for the escapers binome does not write itself
// (JavaScript, CSS, attribute names, unquoted attributes), a template
// whose one action html/template escapes with that escaper alone. Such
// an action runs that small template with its value, and keeps what the
// escaper wrote between the template's two texts: html/template's own
// function, reached by reflection for that action only, so a theme with
// a value in a script or a style still runs compiled.
var borrowedSources = map[string]string{
	"_html_template_jsvalescaper":     `<script>{{.}}</script>`,
	"_html_template_jsstrescaper":     `<script>"{{.}}"</script>`,
	"_html_template_jsregexpescaper":  `<script>/{{.}}/</script>`,
	"_html_template_jstmpllitescaper": "<script>`{{.}}`</script>",
	"_html_template_cssvaluefilter":   `<style>{{.}}</style>`,
	"_html_template_cssescaper":       `<style>"a{{.}}"</style>`,
	"_html_template_htmlnamefilter":   `<a {{.}}="x">`,
	"_html_template_nospaceescaper":   `<a title={{.}}>`,
}

var borrowed = sync.OnceValue(func() map[string]func(args []any) (any, error) {
	m := map[string]func(args []any) (any, error){}
	for name, src := range borrowedSources {
		if f := borrow(name, src); f != nil {
			m[name] = f
		}
	}
	return m
})

// borrow returns the escaper name as the template src runs it, or nil if
// html/template does not escape src's action with it alone.
func borrow(name, src string) func(args []any) (any, error) {
	t, err := template.New(name).Parse(src)
	if err != nil || t.Execute(io.Discard, "") != nil {
		return nil
	}
	nodes := t.Tree.Root.Nodes
	if len(nodes) != 3 {
		return nil
	}
	before, ok1 := nodes[0].(*parse.TextNode)
	action, ok2 := nodes[1].(*parse.ActionNode)
	after, ok3 := nodes[2].(*parse.TextNode)
	if !ok1 || !ok2 || !ok3 || len(action.Pipe.Cmds) != 2 || action.Pipe.Cmds[1].String() != name {
		return nil
	}
	prefix, suffix := string(before.Text), string(after.Text)
	return func(args []any) (any, error) {
		if len(args) != 1 {
			return nil, ErrUnsupported
		}
		var b strings.Builder
		if err := t.Execute(&b, args[0]); err != nil {
			return nil, ErrUnsupported
		}
		out, ok := strings.CutPrefix(b.String(), prefix)
		if out, ok2 := strings.CutSuffix(out, suffix); ok && ok2 {
			return out, nil
		}
		return nil, ErrUnsupported
	}
}
