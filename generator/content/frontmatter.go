package content

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"gopkg.in/yaml.v3"

	"binome/generator/source"
)

// Front is decoded frontmatter: the values as written and where each key
// and list item stands in the file, so schema errors can point at them.
type Front struct {
	Format string         // "yaml", "toml", "json" or "" when the page has none
	Values map[string]any // top-level keys; nested maps and lists as decoded
	Pos    map[string]source.Pos
}

// capture is handed to adrg/frontmatter as the decode target: our own
// unmarshal functions fill it, since adrg's defaults give no positions.
type capture struct {
	format string
	raw    []byte
	called bool
}

func captureFunc(format string) frontmatter.UnmarshalFunc {
	return func(data []byte, v any) error {
		c := v.(*capture)
		c.format, c.raw, c.called = format, data, true
		return nil
	}
}

// formats are the frontmatter styles we accept: YAML (---), TOML (+++)
// and JSON ({ … }), the three Hugo, Jekyll and GitBook writers use.
var formats = []*frontmatter.Format{
	frontmatter.NewFormat("---", "---", captureFunc("yaml")),
	frontmatter.NewFormat("+++", "+++", captureFunc("toml")),
	{Start: "{", End: "}", Unmarshal: captureFunc("json"), UnmarshalDelims: true},
}

// split separates frontmatter from body. It returns the raw frontmatter,
// its format, the line of its first byte and the line where the body
// starts (both 1-based).
func split(path string, src []byte) (c capture, fmLine, bodyLine int, body []byte, err error) {
	if open, start, stop, end := plainFront(src); end > 0 {
		// What adrg/frontmatter would capture (FuzzSplitMatchesParser holds
		// the two to the same result), without its copy of the whole file
		// and its reader's 4 KB buffer, for each page.
		c = capture{format: "yaml", raw: src[start:stop], called: true}
		if open == "+++" {
			c.format = "toml"
		}
		body = src[end:]
	} else {
		body, err = frontmatter.Parse(bytes.NewReader(src), &c, formats...)
		if err != nil {
			return c, 0, 0, nil, source.Errorf(source.Pos{Path: path, Line: 1}, "cannot read frontmatter: %v", err)
		}
		// The body as the file's own bytes, not the parser's copy.
		if n := len(body); n <= len(src) && bytes.Equal(src[len(src)-n:], body) {
			body = src[len(src)-n:]
		}
	}
	head := src[:len(src)-len(body)]
	bodyLine = bytes.Count(head, []byte("\n")) + 1
	if !c.called {
		// adrg treats an opening line without its closing one as "no
		// frontmatter", which would publish the keys as text.
		if d, line := openingDelimiter(src); d != "" {
			e := source.Errorf(source.Pos{Path: path, Line: line}, "frontmatter opened with %q is never closed", d)
			if !keyFollows(src, line) {
				// A handbook page may open with a rule: --- alone, then
				// text, as a Jekyll site imported here did.
				return c, 0, 0, nil, e.WithHint("no key follows it: if this %q is a horizontal rule, remove it or put a line of text above it; if it opens frontmatter, add its keys and a line with only %q after them", d, closing(d))
			}
			return c, 0, 0, nil, e.WithHint("add a line with only %q after the last frontmatter key", closing(d))
		}
		return c, 0, 1, src, nil
	}
	// The frontmatter starts on the line after the opening delimiter;
	// JSON keeps its braces, so it starts on the brace line itself.
	_, openLine := firstLine(src)
	fmLine = openLine + 1
	if c.format == "json" {
		fmLine = openLine
	}
	return c, fmLine, bodyLine, body, nil
}

// plainFront finds a YAML or TOML frontmatter between delimiter lines,
// as adrg/frontmatter reads one: its opening delimiter, where its text
// starts (after the opening line) and stops (at the closing line), and
// where the closing line ends, after its newline. end is 0 when the file
// opens no such frontmatter or never closes it: then the parser decides.
func plainFront(src []byte) (open string, start, stop, end int) {
	open, _ = firstLine(src)
	if open != "---" && open != "+++" {
		return "", 0, 0, 0
	}
	first := bytes.Index(src, []byte(open))
	rest := src[first+len(open):]
	i := bytes.IndexByte(rest, '\n')
	if i < 0 {
		return "", 0, 0, 0
	}
	start = first + len(open) + i + 1
	for at := start; at < len(src); {
		line := src[at:]
		nl := bytes.IndexByte(line, '\n')
		if nl >= 0 {
			line = line[:nl]
		}
		if string(bytes.TrimSpace(line)) == open {
			if nl < 0 {
				return open, start, at, len(src)
			}
			return open, start, at, at + nl + 1
		}
		if nl < 0 {
			break
		}
		at += nl + 1
	}
	return "", 0, 0, 0
}

// firstLine returns the first non-blank line, trimmed, and its number.
func firstLine(src []byte) (string, int) {
	line := 1
	for len(src) > 0 {
		i := bytes.IndexByte(src, '\n')
		var l []byte
		if i < 0 {
			l, src = src, nil
		} else {
			l, src = src[:i], src[i+1:]
		}
		if t := string(bytes.TrimSpace(l)); t != "" {
			return t, line
		}
		line++
	}
	return "", 0
}

func openingDelimiter(src []byte) (string, int) {
	if t, line := firstLine(src); t == "---" || t == "+++" {
		return t, line
	}
	return "", 0
}

func closing(d string) string { return d }

// frontKey matches a line that sets a YAML or TOML key.
var frontKey = regexp.MustCompile(`^\s*["']?[\w.-]+["']?\s*[:=]`)

// keyFollows reports whether the first line after line (1-based) that is
// not blank sets a key.
func keyFollows(src []byte, line int) bool {
	lines := strings.Split(string(src), "\n")
	for _, l := range lines[min(line, len(lines)):] {
		if strings.TrimSpace(l) != "" {
			return frontKey.MatchString(l)
		}
	}
	return false
}

// decode parses the captured frontmatter into a Front.
func decode(path string, c capture, fmLine int) (Front, error) {
	f := Front{Format: c.format, Values: map[string]any{}, Pos: map[string]source.Pos{}}
	switch c.format {
	case "yaml":
		return f, decodeYAML(path, c.raw, fmLine, &f)
	case "toml":
		return f, decodeTOML(path, c.raw, fmLine, &f)
	case "json":
		return f, decodeJSON(path, c.raw, fmLine, &f)
	}
	return f, nil
}

var yamlLineRe = regexp.MustCompile(`line (\d+)`)

func decodeYAML(path string, raw []byte, fmLine int, f *Front) error {
	if decodeSimpleYAML(path, raw, fmLine, f) {
		return nil
	}
	return decodeYAMLNodes(path, raw, fmLine, f)
}

// decodeYAMLNodes decodes any YAML frontmatter with yaml.v3, through its
// nodes, which know where each value was written.
func decodeYAMLNodes(path string, raw []byte, fmLine int, f *Front) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		pos := source.Pos{Path: path, Line: fmLine}
		if m := yamlLineRe.FindStringSubmatch(msg); m != nil {
			n, _ := strconv.Atoi(m[1])
			if yamlParserError(msg) {
				n++ // yaml.v3 numbers parser errors from 0, scanner errors from 1
			}
			pos.Line = fmLine + n - 1
			msg = strings.TrimSpace(strings.Replace(msg, m[0]+":", "", 1))
		}
		return source.Errorf(pos, "malformed YAML frontmatter: %s", msg).
			WithHint("check indentation and quote values that contain ': ' or start with a special character such as [, {, &, * or #")
	}
	if len(doc.Content) == 0 {
		return nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return source.Errorf(source.Pos{Path: path, Line: fmLine + root.Line - 1, Col: root.Column},
			"frontmatter must be a list of key: value pairs").
			WithHint("write one field per line, as title: My page")
	}
	at := func(n *yaml.Node) source.Pos {
		return source.Pos{Path: path, Line: fmLine + n.Line - 1, Col: n.Column}
	}
	var errs source.List
	w := yamlWalk{left: len(raw) + yamlAliasValues, active: map[*yaml.Node]bool{}}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if _, dup := f.Values[k.Value]; dup {
			errs.Add(source.Errorf(at(k), "field %q is written twice", k.Value).WithHint("keep only one of them"))
			continue
		}
		f.Pos[k.Value] = at(k)
		if v.Kind == yaml.ScalarNode {
			f.Pos[k.Value+"="] = at(v)
		}
		if v.Kind == yaml.SequenceNode {
			for j, item := range v.Content {
				f.Pos[fmt.Sprintf("%s[%d]", k.Value, j)] = at(item)
			}
		}
		val, err := w.value(v)
		if err != nil {
			errs.Add(source.Errorf(at(v), "field %q: %v", k.Value, err))
			continue
		}
		f.Values[k.Value] = val
	}
	return errs.Err()
}

// yamlAliasValues bounds how many values aliases may add to one
// frontmatter. Aliases are expanded where they are used, so a few lines
// that alias aliases ("billion laughs") would otherwise exhaust memory.
// Without aliases every value takes at least a byte of the text, so the
// limit is that length plus this allowance for honest reuse.
const yamlAliasValues = 1 << 16

// yamlWalk converts nodes to plain Go values. Dates stay strings here and
// are parsed by the schema, which knows which fields are dates; YAML 1.1
// booleans like "no" stay strings, as yaml.v3 does.
type yamlWalk struct {
	left   int                 // values that may still be made
	active map[*yaml.Node]bool // anchors being expanded: one met again is a cycle
}

func (w *yamlWalk) value(n *yaml.Node) (any, error) {
	if w.left--; w.left < 0 {
		return nil, errors.New("aliases expand to too many values")
	}
	switch n.Kind {
	case yaml.AliasNode:
		if n.Alias == nil || w.active[n.Alias] {
			return nil, fmt.Errorf("alias *%s refers to a value that contains it", n.Value)
		}
		w.active[n.Alias] = true
		defer delete(w.active, n.Alias)
		return w.value(n.Alias)
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!timestamp":
			return n.Value, nil
		case "!!null":
			return nil, nil
		}
		var v any
		if err := n.Decode(&v); err != nil {
			return nil, err
		}
		return v, nil
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := w.value(c)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		out := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			v, err := w.value(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			out[n.Content[i].Value] = v
		}
		return out, nil
	}
	return nil, nil
}

var tomlKeyRe = regexp.MustCompile(`(?m)^[ \t]*"?([A-Za-z0-9_-]+)"?[ \t]*=`)

func decodeTOML(path string, raw []byte, fmLine int, f *Front) error {
	var m map[string]any
	if _, err := toml.NewDecoder(bytes.NewReader(raw)).Decode(&m); err != nil {
		pos := source.Pos{Path: path, Line: fmLine}
		var pe toml.ParseError
		msg := err.Error()
		if errors.As(err, &pe) {
			pos.Line = fmLine + pe.Position.Line - 1
			pos.Col = pe.Position.Col
			msg = pe.Message
		}
		return source.Errorf(pos, "malformed TOML frontmatter: %s", msg).
			WithHint(`TOML needs key = value, with text in double quotes: title = "My page"`)
	}
	for k, v := range m {
		if t, ok := v.(time.Time); ok {
			v = t.Format(time.RFC3339)
			if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
				v = t.Format("2006-01-02")
			}
		}
		f.Values[k] = normalise(v)
	}
	// BurntSushi/toml gives no key positions: find top-level keys by text.
	for _, loc := range tomlKeyRe.FindAllSubmatchIndex(raw, -1) {
		key := string(raw[loc[2]:loc[3]])
		if _, seen := f.Pos[key]; !seen {
			f.Pos[key] = source.Pos{Path: path, Line: fmLine + bytes.Count(raw[:loc[0]], []byte("\n")), Col: loc[2] - loc[0] + 1}
		}
	}
	return nil
}

var jsonKeyRe = regexp.MustCompile(`"((?:[^"\\]|\\.)*)"\s*:`)

func decodeJSON(path string, raw []byte, fmLine int, f *Front) error {
	var m map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		pos := source.Pos{Path: path, Line: fmLine}
		var se *json.SyntaxError
		if errors.As(err, &se) {
			pos.Line = fmLine + bytes.Count(raw[:min(int(se.Offset), len(raw))], []byte("\n"))
		}
		return source.Errorf(pos, "malformed JSON frontmatter: %v", err).
			WithHint("JSON needs double-quoted keys and commas between fields, and no comma after the last one")
	}
	for k, v := range m {
		f.Values[k] = normalise(v)
	}
	// Only top-level keys: depth is tracked so nested keys do not claim a line.
	depth := 0
	inStr := false
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case inStr:
			if c == '\\' {
				i++
			} else if c == '"' {
				inStr = false
			}
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			depth--
		case c == '"':
			if depth == 1 {
				if loc := jsonKeyRe.FindSubmatchIndex(raw[i:]); loc != nil && loc[0] == 0 {
					key := string(raw[i+loc[2] : i+loc[3]])
					if _, seen := f.Pos[key]; !seen {
						f.Pos[key] = source.Pos{Path: path, Line: fmLine + bytes.Count(raw[:i], []byte("\n")), Col: i - bytes.LastIndexByte(raw[:i], '\n')}
					}
					i += loc[1] - 1
					continue
				}
			}
			inStr = true
		}
	}
	return nil
}

// normalise makes TOML and JSON values look like YAML's: int for whole
// numbers, []any for lists, map[string]any for tables.
func normalise(v any) any {
	switch t := v.(type) {
	case json.Number:
		if i, err := t.Int64(); err == nil {
			return int(i)
		}
		f, _ := t.Float64()
		return f
	case int64:
		return int(t)
	case []any:
		for i := range t {
			t[i] = normalise(t[i])
		}
		return t
	case []map[string]any:
		out := make([]any, len(t))
		for i := range t {
			out[i] = normalise(t[i])
		}
		return out
	case map[string]any:
		for k := range t {
			t[k] = normalise(t[k])
		}
		return t
	case time.Time:
		return t.Format("2006-01-02")
	}
	return v
}

// yamlParserError tells yaml.v3's parser errors from its scanner errors
// by their text: only the parser's say "did not find expected" followed by
// a node, a key, a separator or a document marker.
func yamlParserError(msg string) bool {
	for _, p := range []string{"did not find expected node", "did not find expected key", "did not find expected ','",
		"did not find expected '-'", "did not find expected <"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}
