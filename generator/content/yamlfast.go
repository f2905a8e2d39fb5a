package content

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"binome/generator/source"
)

// decodeSimpleYAML decodes frontmatter written in the small part of YAML
// that nearly every page keeps to: one key per line, each with a scalar
// (plain, 'single' or "double" quoted without escapes), a list of such
// scalars in brackets, or a list of them on the lines below, one per
// "- " line. It fills f exactly as decodeYAML's walk of yaml.v3's nodes
// would (FuzzSimpleYAML checks it), in a tenth of the time: yaml.v3 took
// 1 s of CPU for 10,000 pages, a tenth of loading them.
//
// It reports false, leaving f's maps empty, on anything else (nesting,
// anchors, block scalars, escapes, numbers other than plain integers,
// values YAML would refuse, a key written twice), which decodeYAML
// then decodes, or reports, as it always did.
func decodeSimpleYAML(path string, raw []byte, fmLine int, f *Front) bool {
	if !plainText(raw) {
		return false
	}
	ok := simpleYAML(path, string(raw), fmLine, f)
	if !ok {
		clear(f.Values)
		clear(f.Pos)
	}
	return ok
}

// plainText reports whether raw is valid UTF-8 with no tab, no control
// character and no character YAML takes for a line break or refuses
// (NEL, the line and paragraph separators, a byte order mark).
func plainText(raw []byte) bool {
	for i := 0; i < len(raw); {
		c := raw[i]
		if c < utf8.RuneSelf {
			if c < ' ' && c != '\n' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError || r <= 0x9f || r == 0x2028 || r == 0x2029 || r == 0xfeff || r >= 0xfffe && r <= 0xffff {
			return false
		}
		i += size
	}
	return true
}

func simpleYAML(path, raw string, fmLine int, f *Front) bool {
	lines := strings.Split(raw, "\n")
	at := func(i, col int) source.Pos { return source.Pos{Path: path, Line: fmLine + i, Col: col} }
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if isBlankOrComment(line) {
			continue
		}
		key, ok := plainKey(line)
		if !ok {
			return false
		}
		if _, dup := f.Values[key]; dup {
			return false
		}
		rest := line[len(key)+1:]
		col := len(key) + 2 + countSpaces(rest) // 1-based, keys are ASCII
		rest = strings.TrimLeft(rest, " ")
		f.Pos[key] = at(i, 1)
		switch {
		case rest == "" || rest[0] == '#':
			items, next, ok := blockList(lines, i+1)
			if !ok || len(items) == 0 {
				return false // a null, or a nested value
			}
			vals := make([]any, 0, len(items))
			for j, it := range items {
				vals = append(vals, it.value)
				f.Pos[key+"["+strconv.Itoa(j)+"]"] = at(it.line, it.col)
			}
			f.Values[key] = vals
			i = next - 1
		case rest[0] == '[':
			items, ok := flowList(line, len(line)-len(rest))
			if !ok {
				return false
			}
			vals := make([]any, 0, len(items))
			for j, it := range items {
				vals = append(vals, it.value)
				f.Pos[key+"["+strconv.Itoa(j)+"]"] = at(i, it.col)
			}
			f.Values[key] = vals
		default:
			v, ok := scalar(rest, false)
			if !ok || continues(lines, i+1) {
				return false
			}
			f.Values[key] = v
			f.Pos[key+"="] = at(i, col)
		}
	}
	return true
}

// item is a list item: its value, and where it stands (0-based line of
// the frontmatter, 1-based column in characters, as yaml.v3 counts).
type item struct {
	value     any
	line, col int
}

// blockList reads the "- " items from lines[i:], all at one indentation,
// and returns them with the index of the first line after them.
func blockList(lines []string, i int) ([]item, int, bool) {
	var items []item
	indent := -1
	for ; i < len(lines); i++ {
		line := lines[i]
		if isBlankOrComment(line) {
			continue
		}
		n := countSpaces(line)
		rest := line[n:]
		if !strings.HasPrefix(rest, "- ") {
			if n > 0 {
				return nil, 0, false // a nested mapping, or a continued item
			}
			break
		}
		if indent < 0 {
			indent = n
		} else if n != indent {
			return nil, 0, false
		}
		sp := countSpaces(rest[1:])
		v, ok := scalar(rest[1+sp:], false)
		if !ok {
			return nil, 0, false
		}
		items = append(items, item{value: v, line: i, col: n + 2 + sp})
	}
	return items, i, true
}

// flowList reads a list in brackets, [a, "b", 'c'], that starts at byte
// open of line and ends it (but for a comment).
func flowList(line string, open int) ([]item, bool) {
	var items []item
	i := open + 1
	for {
		i += countSpaces(line[i:])
		if i >= len(line) {
			return nil, false
		}
		if line[i] == ']' {
			if len(items) > 0 {
				return nil, false // a trailing comma
			}
			break
		}
		start := i
		var end int
		switch line[i] {
		case '"', '\'':
			end = quotedEnd(line, i)
			if end < 0 {
				return nil, false
			}
		default:
			end = i + strings.IndexAny(line[i:], ",]")
			if end < i {
				return nil, false
			}
		}
		v, ok := scalar(strings.TrimRight(line[start:end], " "), true)
		if !ok {
			return nil, false
		}
		items = append(items, item{value: v, col: utf8.RuneCountInString(line[:start]) + 1})
		i = end + countSpaces(line[end:])
		if i >= len(line) {
			return nil, false
		}
		if line[i] == ']' {
			break
		}
		if line[i] != ',' {
			return nil, false
		}
		i++
	}
	return items, isBlankOrComment(line[i+1:]) && (i+1 == len(line) || line[i+1] == ' ')
}

// scalar decodes one scalar, alone but for spaces and a comment; in a
// flow list (flow), one item, cut before its comma.
func scalar(s string, flow bool) (any, bool) {
	if s == "" {
		return nil, false
	}
	if s[0] == '"' || s[0] == '\'' {
		end := quotedEnd(s, 0)
		if end < 0 || !isBlankOrComment(s[end:]) || end < len(s) && s[end] != ' ' {
			return nil, false
		}
		v := s[1 : end-1]
		if s[0] == '"' {
			if strings.ContainsAny(v, "\\") {
				return nil, false // escapes: yaml.v3 decodes them
			}
			return v, true
		}
		return strings.ReplaceAll(v, "''", "'"), true
	}
	if flow && !flowPlain(s) {
		return nil, false
	}
	if i := strings.Index(s, " #"); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimRight(s, " ")
	if s == "" || strings.Contains(s, ": ") || strings.HasSuffix(s, ":") || strings.ContainsAny(s, "[]{}\"") {
		return nil, false
	}
	switch s {
	case "~", "null", "Null", "NULL":
		return nil, true
	case "true", "True", "TRUE":
		return true, true
	case "false", "False", "FALSE":
		return false, true
	}
	c := s[0]
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', c >= utf8.RuneSelf, c == '/':
		return s, true // no number or special value starts so
	case '0' <= c && c <= '9':
		if s == "0" || c != '0' && len(s) <= 18 {
			if n, err := strconv.Atoi(s); err == nil {
				return n, true
			}
		}
		if isDate(s) || strings.IndexFunc(s, notInNumber) >= 0 {
			// "6 months", "2024-01-15", "10:30": no number, and a
			// timestamp stays as written (yamlWalk).
			return s, true
		}
	}
	return nil, false
}

// notInNumber reports whether r cannot be part of a YAML integer or float
// in any base (0x1f, 1_000, 1.5e3, 0o17).
func notInNumber(r rune) bool {
	return !('0' <= r && r <= '9' || 'a' <= r && r <= 'f' || 'A' <= r && r <= 'F' || strings.ContainsRune("xXoO_.+-", r))
}

// flowPlain reports whether s is made of letters, digits, spaces and
// "-_./" only: a plain scalar that reads the same in brackets, where YAML
// gives most punctuation a meaning of its own.
func flowPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c >= utf8.RuneSelf || strings.IndexByte(" -_./", c) >= 0) {
			return false
		}
	}
	return true
}

// quotedEnd returns the index after the quote closing the quoted scalar
// that opens at s[i], or -1.
func quotedEnd(s string, i int) int {
	q := s[i]
	for j := i + 1; j < len(s); j++ {
		if s[j] != q {
			continue
		}
		if q == '\'' && j+1 < len(s) && s[j+1] == '\'' {
			j++
			continue
		}
		return j + 1
	}
	return -1
}

// continues reports whether the line after a scalar carries it on,
// indented: YAML would fold it into the scalar.
func continues(lines []string, i int) bool {
	for ; i < len(lines); i++ {
		if !isBlankOrComment(lines[i]) {
			return lines[i][0] == ' '
		}
	}
	return false
}

// plainKey returns the key of a "key: value" or "key:" line, for keys of
// letters, digits, "_" and "-" starting with a letter or "_", at most 128
// bytes long.
func plainKey(line string) (string, bool) {
	i := 0
	for i < len(line) {
		c := line[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || i > 0 && ('0' <= c && c <= '9' || c == '-') {
			i++
			continue
		}
		break
	}
	// YAML takes no key of over 1,024 characters without a "?".
	if i == 0 || i > 128 || i >= len(line) || line[i] != ':' || i+1 < len(line) && line[i+1] != ' ' {
		return "", false
	}
	return line[:i], true
}

func isBlankOrComment(s string) bool {
	t := strings.TrimLeft(s, " ")
	return t == "" || t[0] == '#'
}

func countSpaces(s string) int {
	n := 0
	for n < len(s) && s[n] == ' ' {
		n++
	}
	return n
}

// isDate reports whether s is a date as 2024-01-15.
func isDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i := range len(s) {
		if i != 4 && i != 7 && (s[i] < '0' || s[i] > '9') {
			return false
		}
	}
	return true
}
