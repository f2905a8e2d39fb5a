package markdown

import (
	"bytes"
	"html"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// In safe mode (the default) raw HTML in Markdown is filtered, as GitHub
// does: tags that only shape or mark text (tables, figures, <kbd>, <sup>,
// <br>, <details>…) pass with a few harmless attributes, their URLs
// resolved and checked like Markdown links; any other tag (<script>,
// <iframe>, <style>, <form>…) is shown as text, so its author sees it in
// the preview instead of it vanishing or running. GitBook writes its
// tables and figures as HTML, and handbooks use <kbd> and <br>: escaped,
// they showed as markup.

// allowedTags maps the tags let through to the attributes they keep.
// None can run script, load from elsewhere without a visible URL that
// the link check sees, or restyle the theme (no style or class). Every
// one keeps its id too (see filter), which links point at.
var allowedTags = map[string][]string{
	"table": {"width", "align"}, "caption": nil, "colgroup": nil, "col": {"width", "span"},
	"thead": nil, "tbody": nil, "tfoot": nil, "tr": {"align"},
	"th": {"width", "align", "colspan", "rowspan", "scope"}, "td": {"width", "align", "colspan", "rowspan"},
	"figure": nil, "figcaption": nil, "picture": nil, "img": {"src", "alt", "title", "width", "height"},
	"a": {"href", "title"}, "br": nil, "hr": nil, "wbr": nil,
	"p": {"align"}, "div": {"align"}, "span": nil, "center": nil,
	"h1": nil, "h2": nil, "h3": nil, "h4": nil, "h5": nil, "h6": nil,
	"ul": nil, "ol": {"start", "type", "reversed"}, "li": {"value"}, "dl": nil, "dt": nil, "dd": nil,
	"blockquote": nil, "pre": nil, "code": nil, "kbd": nil, "samp": nil, "var": nil,
	"b": nil, "i": nil, "em": nil, "strong": nil, "u": nil, "s": nil, "del": nil, "ins": nil,
	"mark": nil, "small": nil, "sub": nil, "sup": nil, "q": nil, "cite": nil, "dfn": nil,
	"abbr": {"title"}, "time": {"datetime"}, "details": {"open"}, "summary": nil,
}

// voidTags have no end tag.
var voidTags = map[string]bool{"img": true, "br": true, "hr": true, "wbr": true, "col": true}

// htmlFilter filters the raw HTML of one page, in document order. It
// keeps the tags opened and not yet closed, so that a stray end tag
// cannot close the theme's own elements, and what is left open is
// closed at the end of the page's text.
type htmlFilter struct {
	open []string
	// link resolves and records a URL of an attribute, as Markdown
	// links are; pos is its offset in the page's source.
	link func(dest []byte, pos int, image bool) []byte
	// escaped is told of every start tag shown as text, and its offset.
	escaped func(name string, pos int)
	// ids are the id attributes kept, in document order.
	ids []string
}

// filter returns raw, which starts at offset pos of the page's source,
// with allowed tags rebuilt from their kept attributes and every other
// tag escaped. kept reports whether any tag was let through.
func (f *htmlFilter) filter(raw []byte, pos int) (out []byte, kept bool) {
	var b bytes.Buffer
	for i := 0; i < len(raw); {
		lt := bytes.IndexByte(raw[i:], '<')
		if lt < 0 {
			b.Write(raw[i:])
			break
		}
		b.Write(raw[i : i+lt])
		i += lt
		if bytes.HasPrefix(raw[i:], []byte("<!--")) {
			// A comment says nothing to readers: it goes.
			end := bytes.Index(raw[i+4:], []byte("-->"))
			if end < 0 {
				break
			}
			i += 4 + end + 3
			continue
		}
		t, n := parseTag(raw[i:])
		if n == 0 {
			b.WriteString("&lt;")
			i++
			continue
		}
		attrs, ok := allowedTags[t.name]
		switch {
		case !ok:
			b.Write(util.EscapeHTML(raw[i : i+n]))
			if !t.end && f.escaped != nil {
				f.escaped(t.name, pos+i)
			}
		case t.end:
			if f.close(&b, t.name) {
				kept = true
			}
		default:
			b.WriteByte('<')
			b.WriteString(t.name)
			for _, a := range t.attrs {
				if a.name == "id" && isID(a.value) {
					// <div id="chapters"> is what a [link](#chapters)
					// of a page written in HTML points at.
					f.ids = append(f.ids, a.value)
				} else if !slices.Contains(attrs, a.name) {
					continue
				}
				v := a.value
				if a.name == "href" || a.name == "src" {
					v = string(util.URLEscape(f.link([]byte(v), pos+i, a.name == "src"), true))
				}
				b.WriteByte(' ')
				b.WriteString(a.name)
				if a.name != "open" && a.name != "reversed" {
					b.WriteString(`="`)
					b.WriteString(html.EscapeString(v))
					b.WriteByte('"')
				}
			}
			if t.name == "img" {
				b.WriteString(` loading="lazy"`)
			}
			b.WriteByte('>')
			if !voidTags[t.name] {
				f.open = append(f.open, t.name)
			}
			kept = true
		}
		i += n
	}
	return b.Bytes(), kept
}

// isID reports whether an id attribute's value can be a link's target:
// not empty, no spaces, and not so long as to be something else.
func isID(v string) bool {
	return v != "" && len(v) <= 100 && !strings.ContainsAny(v, " \t\n\r\f\"'<>&")
}

// close writes the end tag of name if it is open, closing first what was
// opened inside it and left open, and reports whether it did; a stray end
// tag is dropped, as browsers do.
func (f *htmlFilter) close(b *bytes.Buffer, name string) bool {
	for k := len(f.open) - 1; k >= 0; k-- {
		if f.open[k] != name {
			continue
		}
		for j := len(f.open) - 1; j >= k; j-- {
			b.WriteString("</" + f.open[j] + ">")
		}
		f.open = f.open[:k]
		return true
	}
	return false
}

// closeAll returns the end tags of what is still open.
func (f *htmlFilter) closeAll() []byte {
	var b bytes.Buffer
	for j := len(f.open) - 1; j >= 0; j-- {
		b.WriteString("</" + f.open[j] + ">")
	}
	f.open = nil
	return b.Bytes()
}

type htmlAttr struct{ name, value string }

type rawTag struct {
	name  string
	end   bool
	attrs []htmlAttr
}

// parseTag reads the tag at the start of s and how many bytes it spans;
// 0 when s does not start with a well-formed tag. Attribute values are
// unescaped, so that a URL's scheme is checked as a browser reads it.
func parseTag(s []byte) (rawTag, int) {
	var t rawTag
	i := 1
	if i < len(s) && s[i] == '/' {
		t.end = true
		i++
	}
	start := i
	for i < len(s) && (isAlnum(s[i]) || (i > start && s[i] == '-')) {
		i++
	}
	if i == start || !isAlpha(s[start]) {
		return t, 0
	}
	t.name = strings.ToLower(string(s[start:i]))
	for {
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if i >= len(s) {
			return t, 0
		}
		switch {
		case s[i] == '>':
			return t, i + 1
		case s[i] == '/' && i+1 < len(s) && s[i+1] == '>':
			return t, i + 2
		case t.end:
			return t, 0
		}
		ns := i
		for i < len(s) && !isSpace(s[i]) && s[i] != '>' && s[i] != '/' && s[i] != '=' && s[i] != '"' && s[i] != '\'' && s[i] != '<' {
			i++
		}
		if i == ns {
			return t, 0
		}
		a := htmlAttr{name: strings.ToLower(string(s[ns:i]))}
		j := i
		for j < len(s) && isSpace(s[j]) {
			j++
		}
		if j < len(s) && s[j] == '=' {
			j++
			for j < len(s) && isSpace(s[j]) {
				j++
			}
			if j >= len(s) {
				return t, 0
			}
			switch q := s[j]; q {
			case '"', '\'':
				end := bytes.IndexByte(s[j+1:], q)
				if end < 0 {
					return t, 0
				}
				a.value = string(s[j+1 : j+1+end])
				j += end + 2
			default:
				vs := j
				for j < len(s) && !isSpace(s[j]) && s[j] != '>' && s[j] != '"' && s[j] != '\'' && s[j] != '<' && s[j] != '=' && s[j] != '`' {
					j++
				}
				if j == vs {
					return t, 0
				}
				a.value = string(s[vs:j])
			}
			i = j
		}
		a.value = html.UnescapeString(a.value)
		t.attrs = append(t.attrs, a)
	}
}

func isAlpha(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isAlnum(c byte) bool { return isAlpha(c) || '0' <= c && c <= '9' }
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// kindSafeHTML and kindSafeHTMLBlock are the node kinds of filtered HTML.
var (
	kindSafeHTML      = ast.NewNodeKind("SafeHTML")
	kindSafeHTMLBlock = ast.NewNodeKind("SafeHTMLBlock")
)

// safeHTML is inline raw HTML after filtering, written as it is.
type safeHTML struct {
	ast.BaseInline
	html []byte
}

// Kind implements ast.Node.
func (n *safeHTML) Kind() ast.NodeKind { return kindSafeHTML }

// Dump implements ast.Node.
func (n *safeHTML) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"HTML": string(n.html)}, nil)
}

// safeHTMLBlock is an HTML block after filtering.
type safeHTMLBlock struct {
	ast.BaseBlock
	html []byte
}

// Kind implements ast.Node.
func (n *safeHTMLBlock) Kind() ast.NodeKind { return kindSafeHTMLBlock }

// Dump implements ast.Node.
func (n *safeHTMLBlock) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"HTML": string(n.html)}, nil)
}

func registerSafeHTML(reg renderer.NodeRendererFuncRegisterer) {
	write := func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch n := node.(type) {
			case *safeHTML:
				_, _ = w.Write(n.html)
			case *safeHTMLBlock:
				if len(n.html) > 0 {
					_, _ = w.Write(n.html)
					_ = w.WriteByte('\n')
				}
			}
		}
		return ast.WalkSkipChildren, nil
	}
	reg.Register(kindSafeHTML, write)
	reg.Register(kindSafeHTMLBlock, write)
}

// filterHTML replaces a raw HTML node of the page by its filtered HTML.
// A block with no tag let through reads as a paragraph of text, as
// escaped HTML always did; a block of comments only leaves nothing.
func (p *page) filterHTML(n ast.Node) {
	var raw []byte
	pos := -1
	switch n := n.(type) {
	case *ast.RawHTML:
		for i := range n.Segments.Len() {
			seg := n.Segments.At(i)
			if pos < 0 {
				pos = seg.Start
			}
			raw = append(raw, seg.Value(p.src)...)
		}
		out, _ := p.html.filter(raw, pos)
		n.Parent().ReplaceChild(n.Parent(), n, &safeHTML{html: out})
	case *ast.HTMLBlock:
		for i := range n.Lines().Len() {
			seg := n.Lines().At(i)
			if pos < 0 {
				pos = seg.Start
			}
			raw = append(raw, seg.Value(p.src)...)
		}
		if n.HasClosure() {
			raw = append(raw, n.ClosureLine.Value(p.src)...)
		}
		out, kept := p.html.filter(bytes.TrimRight(raw, "\n"), pos)
		// A block of comments only (Docusaurus' <!-- truncate -->, Hugo's
		// <!--more-->) leaves nothing, not an empty paragraph.
		if !kept && len(bytes.TrimSpace(out)) > 0 {
			out = append(append([]byte("<p>"), out...), "</p>"...)
		}
		p.appendHTMLText(out)
		n.Parent().ReplaceChild(n.Parent(), n, &safeHTMLBlock{html: out})
	}
}

// appendHTMLText adds the text of filtered HTML to the page's plain text,
// for search: a table written in HTML is found like one in Markdown.
func (p *page) appendHTMLText(h []byte) {
	var text strings.Builder
	for len(h) > 0 {
		lt := bytes.IndexByte(h, '<')
		if lt < 0 {
			lt = len(h)
		}
		text.WriteString(html.UnescapeString(string(h[:lt])))
		h = h[lt:]
		gt := bytes.IndexByte(h, '>')
		if gt < 0 {
			break
		}
		text.WriteByte(' ')
		h = h[gt+1:]
	}
	if words := strings.Fields(text.String()); len(words) > 0 {
		p.text.WriteString(strings.Join(words, " "))
		p.newline()
	}
}
