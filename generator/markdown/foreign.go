package markdown

import (
	"bytes"
	"regexp"
	"strings"
)

// Tag is a template tag of another generator found in Markdown.
type Tag struct {
	Line int    // 1-based
	Text string // the whole tag, as written
}

// ForeignTags finds template tags that other generators would have
// expanded and binome does not: Jekyll and GitBook's {% … %} and {{ … }}
// (Liquid), Hugo's {{< … >}} and {{% … %}} shortcodes, and in MDX (mdx
// true) the tags of JSX components, as <YouTube id="x" />: in Markdown,
// <Enter> in "press <Enter>" is no component, and binome shows it as
// written. Tags in code spans and code blocks are documentation about
// them and are skipped. A tag must open and close on one line. So is
// VitePress' code import, a line <<< @/path/to/file, which binome does
// not read, and which would show as text.
//
// It scans lines rather than parsing, so it is cheap enough to run on
// every page. Fences are recognised at any indentation (they may sit in
// list items); indented code only after a blank line and outside lists.
func ForeignTags(src []byte, mdx bool) []Tag {
	if !bytes.Contains(src, []byte("{%")) && !bytes.Contains(src, []byte("{{")) && !bytes.Contains(src, []byte("<<<")) && !(mdx && hasComponent(src)) {
		return nil
	}
	var (
		tags      []Tag
		fence     []byte // the opening fence while inside a fenced block
		mathEnd   = -1   // the line that closes the display math read, $$ to $$
		prevBlank = true
		inList    bool
		inIndent  bool
	)
	lines := splitLines(src)
	for n, line := range lines {
		trimmed := bytes.TrimLeft(line, " \t")
		indent := len(line) - len(trimmed)
		blank := len(bytes.TrimSpace(line)) == 0
		switch {
		case n <= mathEnd:
			// TeX: {{a}} is no tag.
		case fence != nil:
			if bytes.HasPrefix(trimmed, fence) && len(bytes.TrimSpace(bytes.TrimLeft(trimmed, string(fence[:1])))) == 0 {
				fence = nil
			}
		case (bytes.HasPrefix(trimmed, []byte("```")) || bytes.HasPrefix(trimmed, []byte("~~~"))):
			fence = openingFence(trimmed)
		case bytes.HasPrefix(trimmed, []byte("$$")) && opensDisplayMath(string(trimmed)):
			if mathEnd = displayMathEnd(n, len(lines), func(j int) string { return string(lines[j]) }); mathEnd < 0 {
				tags = appendTags(tags, line, n+1, mdx) // never closed: a paragraph
			}
		case !blank && (indent >= 4 || bytes.HasPrefix(line, []byte("\t"))) && !inList && (prevBlank || inIndent):
			inIndent = true
		default:
			if !blank {
				inIndent = false
				if indent == 0 {
					inList = isListItem(trimmed)
				} else if isListItem(trimmed) {
					inList = true
				}
				if bytes.HasPrefix(trimmed, []byte("<<< ")) {
					tags = append(tags, Tag{Line: n + 1, Text: string(bytes.TrimSpace(trimmed))})
					break
				}
				tags = appendTags(tags, line, n+1, mdx)
			}
		}
		prevBlank = blank
	}
	return tags
}

// splitLines returns the lines of src without their line endings.
func splitLines(src []byte) [][]byte {
	lines := bytes.Split(src, []byte("\n"))
	for i, l := range lines {
		lines[i] = bytes.TrimSuffix(l, []byte("\r"))
	}
	return lines
}

// openingFence returns the fence that closes a block opened by line: the
// same character, at least as many times.
func openingFence(line []byte) []byte {
	n := 0
	for n < len(line) && line[n] == line[0] {
		n++
	}
	return line[:n]
}

func isListItem(line []byte) bool {
	if len(line) >= 2 && (line[0] == '-' || line[0] == '*' || line[0] == '+') && line[1] == ' ' {
		return true
	}
	i := 0
	for i < len(line) && i < 9 && '0' <= line[i] && line[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(line) && (line[i] == '.' || line[i] == ')') && line[i+1] == ' '
}

// appendTags appends the tags of one line, outside its code spans.
func appendTags(tags []Tag, line []byte, n int, mdx bool) []Tag {
	for i := 0; i < len(line); {
		if line[i] == '`' {
			i = skipCodeSpan(line, i)
			continue
		}
		if line[i] == '$' {
			if _, w, _ := mathAt(line[i:]); w > 0 {
				i += w // TeX: {{a}} is no tag
				continue
			}
		}
		if mdx && line[i] == '<' {
			if w := componentTag(line[i:]); w > 0 {
				tags = append(tags, Tag{Line: n, Text: string(line[i : i+w])})
				i += w
				continue
			}
		}
		if w := tagLen(line[i:]); w > 0 {
			if !escapedShortcode.Match(line[i : i+w]) {
				tags = append(tags, Tag{Line: n, Text: string(line[i : i+w])})
			}
			i += w
			continue
		}
		i++
	}
	return tags
}

// escapedShortcode is a Hugo shortcode written to be shown, not run:
// {{</* name args */>}} or {{%/* name */%}}, as pages that document
// shortcodes write them. Hugo shows it without the comment's marks.
var escapedShortcode = regexp.MustCompile(`^\{\{([<%])\s*/\*(.*?)\*/\s*([>%])\}\}`)

// unescapeShortcodes returns s with its escaped shortcodes as Hugo shows
// them: {{</* figure src="a.png" */>}} is {{< figure src="a.png" >}}.
func unescapeShortcodes(s string) string {
	if !strings.Contains(s, "/*") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "{{")
		if i < 0 {
			break
		}
		m := escapedShortcode.FindStringSubmatchIndex(s[i:])
		if m == nil {
			b.WriteString(s[:i+2])
			s = s[i+2:]
			continue
		}
		b.WriteString(s[:i])
		b.WriteString("{{" + s[i+m[2]:i+m[3]] + s[i+m[4]:i+m[5]] + s[i+m[6]:i+m[7]] + "}}")
		s = s[i+m[1]:]
	}
	b.WriteString(s)
	return b.String()
}

// tagDelims are the openers of other generators' tags with their
// closers, the longer first so that "{{<" is not taken for "{{".
var tagDelims = [...]struct{ open, close []byte }{
	{[]byte("{{<"), []byte(">}}")},
	{[]byte("{{%"), []byte("%}}")},
	{[]byte("{%"), []byte("%}")},
	{[]byte("{{"), []byte("}}")},
}

// tagLen returns the length of the Liquid or Hugo tag that line starts
// with, closed on the same line ({% include x %}, {{< youtube id >}},
// {{ page.title }}), or 0.
func tagLen(line []byte) int {
	if len(line) < 2 || line[0] != '{' || (line[1] != '{' && line[1] != '%') {
		return 0
	}
	for _, d := range tagDelims {
		if !bytes.HasPrefix(line, d.open) {
			continue
		}
		if end := bytes.Index(line[len(d.open):], d.close); end >= 0 {
			return len(d.open) + end + len(d.close)
		}
	}
	return 0
}

// componentTag returns the length of the JSX component tag (MDX's
// <DocCardList />, <YouTube id="x">) at the start of line, or 0. A
// component's name is capitalised and holds a lower-case letter, which
// tells it from HTML written in capitals and from a type parameter in
// prose (List<T>); HTML names in any case are not components.
func componentTag(line []byte) int {
	m := componentStart.Find(line)
	if m == nil {
		return 0
	}
	name := strings.ToLower(strings.TrimPrefix(string(m), "<"))
	if _, html := allowedTags[name]; html || htmlOnlyTags[name] {
		return 0
	}
	end := bytes.IndexByte(line, '>')
	if end < 0 {
		return len(m)
	}
	return end + 1
}

var componentStart = regexp.MustCompile(`^<[A-Z][A-Z0-9]*[a-z][A-Za-z0-9]*`)

// htmlOnlyTags are HTML elements the filter does not let through, which
// an old page may write capitalised (<Div>): not components either.
var htmlOnlyTags = map[string]bool{
	"section": true, "article": true, "aside": true, "nav": true, "header": true, "footer": true,
	"main": true, "iframe": true, "script": true, "style": true, "video": true, "audio": true,
	"source": true, "button": true, "form": true, "input": true, "label": true, "select": true,
	"option": true, "textarea": true, "font": true, "html": true, "head": true, "body": true,
}

// skipCodeSpan returns the index after the code span opening at i, or
// after its opening backticks when they are never closed on the line.
func skipCodeSpan(line []byte, i int) int {
	n := 0
	for i+n < len(line) && line[i+n] == '`' {
		n++
	}
	ticks := line[i : i+n]
	for j := i + n; j < len(line); {
		k := bytes.Index(line[j:], ticks)
		if k < 0 {
			break
		}
		j += k
		m := 0
		for j+m < len(line) && line[j+m] == '`' {
			m++
		}
		if m == n {
			return j + m
		}
		j += m
	}
	return i + n
}
