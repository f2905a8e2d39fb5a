package content

import (
	"bytes"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"binome/generator/markdown"
)

// LeadLimit is the length, in characters, of a page's Lead.
const LeadLimit = 200

// digest takes from a page's body what the rest of the site shows of it
// (a summary, a reading time) or warns about (template tags of other
// generators). Load does it once per file, and the build cache keeps the
// result with the parsed page, so a build need not hold or read again
// the bodies of pages it is not rendering.
func (p *Page) digest(body []byte) {
	// What a reader sees is the text with other tools' syntax rewritten,
	// and the tags that rewriting leaves are the ones to warn of.
	mdx := markdown.IsMDXPage(p.Path, body)
	normalized := markdown.Normalize(body, mdx)
	p.Plain = sameBytes(normalized, body)
	body = normalized
	p.Lead = lead(body, LeadLimit)
	p.Words = countWords(body)
	p.Foreign = markdown.ForeignTags(body, mdx)
	p.Math = markdown.MayHaveMath(body)
}

// sameBytes reports whether a and b are the same slice: what Normalize
// returns when it changed nothing.
func sameBytes(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// lead takes the first paragraph of Markdown as plain text, cut to limit
// characters at a word's end.
func lead(body []byte, limit int) string {
	var para []byte
	fence := false
	for line := range bytes.Lines(body) {
		t := bytes.TrimSpace(line)
		if bytes.HasPrefix(t, []byte("```")) || bytes.HasPrefix(t, []byte("~~~")) {
			fence = !fence
			continue
		}
		if fence {
			continue
		}
		if len(t) == 0 {
			if len(para) > 0 {
				break
			}
			continue
		}
		if t[0] == '#' || t[0] == '|' || t[0] == '>' || t[0] == '<' || t[0] == '!' || bytes.HasPrefix(t, []byte("{%")) || bytes.HasPrefix(t, []byte("{{")) ||
			bytes.HasPrefix(t, []byte("{:")) || isRule(t) {
			if len(para) > 0 {
				break
			}
			continue
		}
		if len(para) > 0 {
			para = append(para, ' ')
		}
		if bytes.HasSuffix(t, []byte("\\")) && !bytes.HasSuffix(t, []byte("\\\\")) {
			t = t[:len(t)-1] // a line break (GitBook's), no text
		}
		para = append(para, t...)
		if len(para) > limit*2 {
			break
		}
	}
	return truncateText(stripInline(dropTags(para)), limit)
}

// dropTags removes the template tags that Normalize leaves for the
// renderer ({{< relref "x" >}}, {% link x.md %}, which become URLs in the
// page) or that nothing stands in for: a summary is plain text, and a URL
// or a tag is noise there. The space before the tag goes when a space or
// a comma follows it. The tags that show a param stay, for the generator
// to give them their value or drop them (see isParamTag).
func dropTags(b []byte) []byte {
	if !bytes.Contains(b, []byte("{{")) && !bytes.Contains(b, []byte("{%")) {
		return b
	}
	var out []byte
	for i := 0; i < len(b); {
		end := -1
		for _, d := range [...]struct{ open, close string }{{"{{<", ">}}"}, {"{{%", "%}}"}, {"{%", "%}"}} {
			if bytes.HasPrefix(b[i:], []byte(d.open)) {
				if j := bytes.Index(b[i+len(d.open):], []byte(d.close)); j >= 0 {
					end = i + len(d.open) + j + len(d.close)
				}
				break
			}
		}
		if end < 0 || isParamTag(b[i:end]) {
			// Hugo's param and Learn's siteparam stay: the generator gives
			// them their value (Site.expandVars), unknown to the content.
			if end < 0 {
				end = i + 1
			}
			out = append(out, b[i:end]...)
			i = end
			continue
		}
		out = TrimBeforeDropped(out, b[end:])
		i = end
	}
	return bytes.TrimSpace(out)
}

// TrimBeforeDropped cuts the spaces that end text, where a tag that
// stood next was dropped, when what followed the tag starts with a
// space, a comma, a period or a parenthesis: "Voir {{< x >}}, ou" reads
// "Voir, ou".
func TrimBeforeDropped(text, after []byte) []byte {
	for len(text) > 0 && text[len(text)-1] == ' ' && len(after) > 0 && strings.IndexByte(" ,.)", after[0]) >= 0 {
		text = text[:len(text)-1]
	}
	return text
}

// isParamTag reports whether tag is a shortcode that shows a param:
// {{< param "name" >}}, {{% siteparam "name" %}}.
func isParamTag(tag []byte) bool {
	if len(tag) < 3 || (tag[2] != '<' && tag[2] != '%') {
		return false
	}
	name := bytes.TrimLeft(tag[3:], " \t")
	for _, p := range []string{"param", "siteparam"} {
		if rest, ok := bytes.CutPrefix(name, []byte(p)); ok && len(rest) > 0 && (rest[0] == ' ' || rest[0] == '\t') {
			return true
		}
	}
	return false
}

// countWords counts words as a reader does: runs of letters and digits,
// with apostrophes and hyphens inside a word.
func countWords(b []byte) int {
	// in is 1 inside a word; on ASCII, most of any text, the count and
	// the state are arithmetic on asciiClass, as a branch per byte would
	// be mispredicted at every word's edge.
	n, in := 0, 0
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			k := int(asciiClass[c])
			letter := k & 1
			n += letter &^ in
			in = letter | in&(k>>1)
			i++
			continue
		}
		if (c == 0xc3 || c == 0xc4 || c == 0xc5) && i+1 < len(b) && b[i+1]&0xc0 == 0x80 {
			// U+00C0 to U+017F, the accented letters of French and
			// most European languages, all letters but × and ÷.
			i += 2
			if c == 0xc3 && (b[i-1] == 0x97 || b[i-1] == 0xb7) {
				in = 0
			} else {
				n += 1 &^ in
				in = 1
			}
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		i += size
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n += 1 &^ in
			in = 1
		} else if r != '’' {
			in = 0
		}
	}
	return n
}

// asciiClass holds, for each ASCII byte, 1 for a letter or digit and 2
// for the apostrophe and the hyphen, which a word goes on through.
var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			t[c] = 1
		case c == '\'' || c == '-':
			t[c] = 2
		}
	}
	return t
}()

// stripInline removes Markdown emphasis and link syntax, keeping text:
// an escaped character is itself, an underscore inside a word (snake_case)
// is no emphasis, and character references are the characters they name.
func stripInline(b []byte) string {
	var out []byte
	entity := false
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch c {
		case '\\':
			if i+1 < len(b) && isASCIIPunct(b[i+1]) {
				i++
				c = b[i]
			}
		case '_':
			if i > 0 && i+1 < len(b) && isWordByte(b[i-1]) && isWordByte(b[i+1]) {
				break
			}
			continue
		case '*', '`':
			continue
		case '!':
			if i+1 < len(b) && b[i+1] == '[' {
				continue
			}
		case '[':
			continue
		case ']':
			if i+1 < len(b) && b[i+1] == '(' {
				if j := bytes.IndexByte(b[i:], ')'); j > 0 {
					i += j
				}
			}
			continue
		case '&':
			entity = true
		}
		out = append(out, c)
	}
	if entity {
		return html.UnescapeString(string(out))
	}
	return string(out)
}

// isRule reports whether a line is a thematic break: three or more of
// one of - * _, spaces between allowed.
func isRule(t []byte) bool {
	if len(t) < 3 || (t[0] != '-' && t[0] != '*' && t[0] != '_') {
		return false
	}
	n := 0
	for _, c := range t {
		switch c {
		case t[0]:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}

// unescapeMarkdown drops the backslashes that escape ASCII punctuation.
func unescapeMarkdown(s string) string {
	if !strings.Contains(s, "\\") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= utf8.RuneSelf
}

// truncateText cuts s to limit characters at a space, adding an ellipsis.
func truncateText(s string, limit int) string {
	if len(s) <= limit || utf8.RuneCountInString(s) <= limit {
		return s
	}
	cut := 0
	for i := range s {
		if cut == limit {
			s = s[:i]
			break
		}
		cut++
	}
	r := []rune(s)
	for i := len(r) - 1; i > limit/2; i-- {
		if r[i] == ' ' {
			r = r[:i]
			break
		}
	}
	return string(r) + "…"
}
