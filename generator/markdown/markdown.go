// Package markdown is the Markdown step of the render stage: it turns the
// body of a page into HTML, and reports what the other stages need from it:
// the headings with their final IDs (table of contents, anchor checks), the
// links and images as written (link checks), and the plain text (search,
// word count).
//
// It is the only package that imports goldmark and chroma. The dialect is
// CommonMark with GFM (tables, task lists, strikethrough, autolinks),
// footnotes, definition lists, `{#id}` on headings, a typographer with
// French rules on French pages, callouts (`> [!NOTE]`) and fenced code
// highlighted with CSS classes.
//
// # Concurrency
//
// A Renderer is built once per build with New and is safe for concurrent
// use: all per-page state lives in Render's frame and in the parsed tree.
package markdown

import (
	"bytes"
	"errors"
	"fmt"
	neturl "net/url"
	"path"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"binome/generator/diagram"

	"github.com/yuin/goldmark"
	emoji "github.com/yuin/goldmark-emoji"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Config is fixed for the whole build.
type Config struct {
	// Unsafe lets raw HTML through. Otherwise it is escaped, so authors see
	// it as text rather than losing it silently, and links with a
	// javascript:, vbscript: or data: scheme point to "#".
	Unsafe bool
	// Highlight colours fenced code with chroma, using CSS classes prefixed
	// "hl-" (see HighlightCSS) and no inline styles.
	Highlight bool
	// NoMath reads dollars as text: $x$ is no math (see math.go).
	NoMath bool
}

// Options are per page: everything Markdown may know about the site.
type Options struct {
	// Lang is the page's language; "fr" (or "fr-…") turns on French
	// typography and French labels.
	Lang string
	// ResolveLink maps a link or image destination as written in Markdown to
	// the URL to emit, ok=false keeping it as written; a link (not an
	// image) it maps to "" shows its text, unlinked. It is called for every
	// link and image destination, not for autolinks (<https://…>, bare URLs),
	// with the line it is on, so a broken link is reported where it is
	// without searching the source for it again. It may be nil.
	ResolveLink func(l Link) (url string, ok bool)
	// LinkTitle gives the title of the page at a URL that ResolveLink
	// returned, "" for none: a link written without text ([](guide.md),
	// as GitBook's page-ref and content-ref make) shows the page's
	// title, else its file's name. It may be nil.
	LinkTitle func(url string) string
	// Title is the page's title, which the theme shows above the text. A
	// level-1 heading that opens the text with the same words is left
	// out, so the page does not show its title twice: pages written for
	// GitBook, MkDocs or Docusaurus open with one.
	Title string
	// ShownTitle is another title the layout shows above the text, the
	// site's on the home page: a heading that says it again goes too.
	ShownTitle string
	// NoText leaves Result.Text empty, for a site that has no use for it
	// (no search index): gathering it copies the whole text once more.
	NoText bool
}

// Heading is a heading of the document, with its final ID.
type Heading struct {
	Level int
	ID    string
	Text  string // plain text, without the anchor link
	// Unlisted is set for a heading its author keeps out of the table of
	// contents with the class no_toc (kramdown's {: .no_toc }).
	Unlisted bool
}

// Link is a link or image destination as written, before ResolveLink.
// Autolinks are included (Image false); e-mail autolinks are not.
type Link struct {
	Dest  string
	Line  int // 1-based line in the Markdown source
	Image bool
}

// Result is a rendered page.
type Result struct {
	HTML     []byte
	Headings []Heading // every heading, in document order
	Links    []Link    // in document order
	// Text is the plain text of the document, one line per block, for the
	// search index and the word count. Raw HTML is left out.
	Text []byte
	// SecondTitle is a level-1 heading that opens the text and says
	// something other than Options.Title: the page then shows two main
	// headings, the theme's and this one. Its Line is 0 when there is none.
	SecondTitle LineText
	// Escaped lists the HTML tags shown as text, which binome's filter
	// lets no page use (<video>, <script>…), by line and tag name.
	Escaped []LineText
	// IDs are the id attributes of the page's own HTML (<div id="x">),
	// which links may point at as they do at headings.
	IDs []string
	// Diagrams lists the ```mermaid blocks shown as code, by line, with
	// the reason: a kind of diagram binome does not draw, or a mistake.
	Diagrams []LineText
}

// LineText is a text and the line of the source it is on.
type LineText struct {
	Line int
	Text string
}

// Renderer renders Markdown with one fixed Config. Build it once with New;
// it is safe for concurrent use.
type Renderer struct {
	cfg          Config
	en, fr       goldmark.Markdown
	enLoc, frLoc *locale
	// enFull and frFull parse with goldmark's linkify, for the pages
	// linkifyAfter cannot linkify (see linkafter.go); made when first
	// needed.
	enFull, frFull func() goldmark.Markdown
	// parseFull has every page parsed so, for tests that compare both.
	parseFull bool
}

// New builds the goldmark instances, one per typography (English and
// French), so that Render only parses and writes.
func New(cfg Config) *Renderer {
	r := &Renderer{cfg: cfg, enLoc: englishLocale(), frLoc: frenchLocale()}
	r.en = newGoldmark(cfg, r.enLoc, true)
	r.fr = newGoldmark(cfg, r.frLoc, true)
	r.enFull = sync.OnceValue(func() goldmark.Markdown { return newGoldmark(cfg, r.enLoc, false) })
	r.frFull = sync.OnceValue(func() goldmark.Markdown { return newGoldmark(cfg, r.frLoc, false) })
	return r
}

// newGoldmark makes goldmark as binome sets it up. With linkAfter, it
// leaves bare URLs and e-mail addresses to linkifyAfter.
func newGoldmark(cfg Config, loc *locale, linkAfter bool) goldmark.Markdown {
	rendererOpts := []renderer.Option{html.WithWriter(fastText)}
	if cfg.Unsafe {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	rendererOpts = append(rendererOpts, renderer.WithNodeRenderers(
		// goldmark registers its own HTML renderer at priority 1000; a lower
		// number wins, so these replace it for the kinds they register.
		util.Prioritized(newNodeRenderer(cfg, loc), 100),
	))
	var math []parser.Option
	if !cfg.NoMath {
		math = append(math, parser.WithInlineParsers(util.Prioritized(mathParser{}, 150)),
			parser.WithBlockParsers(util.Prioritized(mathBlockParser{}, 650)))
	}
	return goldmark.New(
		goldmark.WithParserOptions(parser.WithInlineParsers(
			util.Prioritized(decadeParser{[]byte(loc.typography[extension.Apostrophe])}, 9990),
			util.Prioritized(leftoverParser{}, 9990),
		)),
		goldmark.WithParserOptions(math...),
		goldmark.WithExtensions(
			quickGFM{afterParse: linkAfter},
			extension.Footnote,
			extension.DefinitionList,
			extension.NewTypographer(extension.WithTypographicSubstitutions(loc.substitutions())),
			// GitHub's and MkDocs' :rocket: shortcodes, as the characters
			// themselves: an image would load from another host.
			emoji.New(emoji.WithRenderingMethod(emoji.Unicode)),
		),
		// IDs are not generated by goldmark (parser.WithAutoHeadingID): it
		// works on the raw line and drops accents; assignIDs does it on the
		// parsed text.
		goldmark.WithParserOptions(parser.WithHeadingAttribute()),
		goldmark.WithRendererOptions(rendererOpts...),
	)
}

// Render converts one page. It returns an error only for an internal
// failure; no input makes it panic.
func (r *Renderer) Render(src []byte, opt Options) (res Result, err error) {
	defer func() {
		// goldmark and chroma are large; a bug in either must cost one page,
		// not the build (or the dev server).
		if p := recover(); p != nil {
			res = Result{}
			err = fmt.Errorf("markdown: internal error: %v\n%s", p, debug.Stack())
		}
	}()
	md, full, loc := r.en, r.enFull, r.enLoc
	if isFrench(opt.Lang) {
		md, full, loc = r.fr, r.frFull, r.frLoc
	}
	var doc ast.Node
	if !r.parseFull {
		pc := parser.NewContext()
		doc = md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
		if !linkifyAfter(doc, src, pc) {
			doc = nil
		}
	}
	if doc == nil {
		doc = full().Parser().Parse(text.NewReader(src))
	}
	p := page{src: src, opt: opt, unsafe: r.cfg.Unsafe, loc: loc}
	if h, ok := doc.FirstChild().(*ast.Heading); ok && h.Level == 1 && opt.Title != "" {
		if repeatsTitle(h, src, opt.Title) || opt.ShownTitle != "" && repeatsTitle(h, src, opt.ShownTitle) {
			doc.RemoveChild(doc, h)
		} else if h.Lines().Len() > 0 {
			var b bytes.Buffer
			appendPlainTree(&b, h, src)
			res.SecondTitle = LineText{Line: p.line(h.Lines().At(0).Start), Text: strings.Join(strings.Fields(b.String()), " ")}
		}
	}
	p.html.link = p.link
	p.html.escaped = func(name string, pos int) {
		res.Escaped = append(res.Escaped, LineText{Line: p.line(pos), Text: name})
	}
	p.text.off = opt.NoText
	if !p.text.off {
		p.text.Grow(len(src))
	}
	p.walk(doc)
	if tail := p.html.closeAll(); len(tail) > 0 {
		doc.AppendChild(doc, &safeHTMLBlock{html: tail})
	}
	res.Headings = p.assignIDs()
	res.IDs = p.html.ids
	res.Diagrams = p.diagrams
	res.Links = p.links
	res.Text = bytes.TrimRight(p.text.Bytes(), "\n")

	var out bytes.Buffer
	out.Grow(len(src) + len(src)/2 + 512)
	if err := md.Renderer().Render(bufWriter{&out}, src, doc); err != nil {
		return Result{}, fmt.Errorf("markdown: %w", err)
	}
	res.HTML = out.Bytes()
	return res, nil
}

// repeatsTitle reports whether heading h says title, ignoring case,
// spacing and inline markup.
func repeatsTitle(h *ast.Heading, src []byte, title string) bool {
	var b bytes.Buffer
	appendPlainTree(&b, h, src)
	return strings.EqualFold(titleWords(b.String()), titleWords(title))
}

// titleWords is a title as repeatsTitle compares it: the typographer's
// curly quotes, dashes and ellipses as typed, and no spaces, which French
// spacing puts before ? and ! where the frontmatter often has none. "Qu'est-ce
// que c'est ?" in a heading is "Qu’est-ce que c’est ?" once rendered.
func titleWords(s string) string {
	return strings.Join(strings.Fields(typed.Replace(s)), "")
}

var typed = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`, "«", `"`, "»", `"`,
	"…", "...", "–", "--", "—", "---", "\u00a0", " ", "\u202f", " ",
	// A title may be written with the heading's Markdown: Use **bold**.
	"*", "", "`", "", "_", "", "~", "")

// bufWriter lets goldmark write straight into a bytes.Buffer: given
// another writer, it wraps it in a new 4 KB bufio.Writer for every page
// and copies everything twice.
type bufWriter struct{ *bytes.Buffer }

func (bufWriter) Buffered() int { return 0 }
func (bufWriter) Flush() error  { return nil }

func isFrench(lang string) bool {
	return lang == "fr" || strings.HasPrefix(lang, "fr-") || strings.HasPrefix(lang, "fr_")
}

// textBuffer is the plain text of a page, or nothing when off.
type textBuffer struct {
	bytes.Buffer
	off bool
}

func (t *textBuffer) Write(b []byte) {
	if !t.off {
		t.Buffer.Write(b)
	}
}

func (t *textBuffer) WriteString(s string) {
	if !t.off {
		t.Buffer.WriteString(s)
	}
}

func (t *textBuffer) WriteByte(c byte) error {
	if !t.off {
		t.Buffer.WriteByte(c)
	}
	return nil
}

// page is the state of one Render call while it walks the parsed tree:
// it rewrites links, turns blockquotes into callouts and gathers headings,
// links and text.
type page struct {
	src        []byte
	opt        Options
	unsafe     bool
	loc        *locale
	text       textBuffer
	headings   []*ast.Heading
	links      []Link
	lineStarts []int // offsets where lines start, built on first use
	html       htmlFilter
	diagrams   []LineText // see Result.Diagrams
}

// diagram replaces a ```mermaid block by its drawing, and reports
// whether it did; a diagram it cannot draw stays code, and is listed in
// p.diagrams with the line of its mistake.
func (p *page) diagram(n *ast.FencedCodeBlock) bool {
	lines := n.Lines()
	if lines.Len() == 0 {
		return false
	}
	var src strings.Builder
	for i := range lines.Len() {
		seg := lines.At(i)
		src.Write(seg.Value(p.src))
	}
	start := lines.At(0).Start
	opt := diagram.Options{ID: diagram.ID(src.String(), start), Title: "Diagram"}
	if isFrench(p.opt.Lang) {
		opt.Title, opt.DecimalComma = "Diagramme", true
	}
	d, err := diagram.Draw(src.String(), opt)
	if err != nil {
		line := p.line(start)
		var de *diagram.Error
		if errors.As(err, &de) {
			line += de.Line - 1
			err = errors.New(de.Msg)
		}
		p.diagrams = append(p.diagrams, LineText{Line: line, Text: err.Error()})
		return false
	}
	if !p.text.off {
		p.text.WriteString(d.Text)
		p.newline()
	}
	open := `<figure class="diagram">`
	if d.Wide {
		// It scrolls: a keyboard must reach it, as a wide table.
		open = `<figure class="diagram" role="region" tabindex="0" aria-label="` + string(util.EscapeHTML([]byte(d.Name))) + `">`
	}
	n.Parent().ReplaceChild(n.Parent(), n, &safeHTMLBlock{html: []byte(open + d.SVG + "</figure>\n")})
	return true
}

// walk visits the children of n. The next sibling is taken before a child
// is visited because visiting may replace the child.
func (p *page) walk(n ast.Node) {
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		p.visit(c)
		c = next
	}
}

func (p *page) visit(n ast.Node) {
	block := n.Type() == ast.TypeBlock
	if block {
		p.newline()
	}
	switch n := n.(type) {
	case *ast.Text:
		if (n.SoftLineBreak() || n.HardLineBreak()) && !n.IsRaw() {
			restoreTail(n, p.src)
		}
		if p.text.off {
			return
		}
		appendPlain(&p.text.Buffer, n, p.src)
		if n.HardLineBreak() {
			p.text.WriteByte('\n')
		} else if n.SoftLineBreak() {
			p.text.WriteByte(' ')
		}
		return
	case *ast.String:
		p.text.Write(n.Value)
		return
	case *ast.CodeSpan:
		if !p.text.off {
			appendCode(&p.text.Buffer, n, p.src)
		}
		return
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		if fc, ok := n.(*ast.FencedCodeBlock); ok && bytes.Equal(codeLanguage(fc, p.src), []byte("mermaid")) && p.diagram(fc) {
			return
		}
		lines := n.Lines()
		for i := range lines.Len() {
			seg := lines.At(i)
			p.text.Write(seg.Value(p.src))
		}
		p.newline()
		return
	case *ast.HTMLBlock, *ast.RawHTML:
		if !p.unsafe {
			p.filterHTML(n)
		}
		return
	case *ast.AutoLink:
		p.autoLink(n)
		return
	case *ast.Link:
		dest := n.Destination
		if _, inHeading := n.Parent().(*ast.Heading); n.FirstChild() == nil && (len(dest) == 0 || dest[0] == '#' && inHeading) {
			// A link with no text that names no page: Just the Docs'
			// # [](#intro)Intro, a permalink of its heading, and MkDocs
			// autorefs' [](){#anchor}, whose anchor binome does not
			// make. Shown, its destination was text in the heading and
			// its ID; a paragraph left empty goes too.
			parent := n.Parent()
			parent.RemoveChild(parent, n)
			if _, ok := parent.(*ast.Paragraph); ok && parent.FirstChild() == nil {
				parent.Parent().RemoveChild(parent.Parent(), parent)
			}
			return
		}
		n.Destination = p.link(dest, n.Pos(), false)
		if len(n.Destination) == 0 && len(dest) > 0 {
			// Resolved to nothing on purpose: the text stays, unlinked.
			parent := n.Parent()
			var moved []ast.Node
			for c := n.FirstChild(); c != nil; {
				next := c.NextSibling()
				parent.InsertBefore(parent, n, c)
				moved = append(moved, c)
				c = next
			}
			parent.RemoveChild(parent, n)
			for _, c := range moved {
				p.visit(c)
			}
			return
		}
		if string(n.Title) == "mention" && p.opt.LinkTitle != nil {
			// GitBook's mention of a page, [setup.md](setup.md "mention"),
			// shows the page's title, and has no tooltip.
			n.Title = nil
			if t := p.opt.LinkTitle(string(n.Destination)); t != "" {
				n.RemoveChildren(n)
			}
		}
		if n.FirstChild() == nil {
			n.AppendChild(n, ast.NewString([]byte(p.untitled(dest, n.Destination))))
		}
	case *ast.Image:
		n.Destination = p.link(n.Destination, n.Pos(), true)
	case *ast.Heading:
		p.headings = append(p.headings, n)
	case *extast.Table:
		w := &tableWrap{}
		n.Parent().ReplaceChild(n.Parent(), n, w)
		w.AppendChild(w, n)
	case *ast.Blockquote:
		rest := p.splitRunIns(n)
		if c := p.callout(n); c != nil {
			n.Parent().ReplaceChild(n.Parent(), n, c)
			p.text.WriteString(c.title)
			p.text.WriteByte('\n')
			p.walk(c)
			p.newline()
			if rest != nil {
				p.visit(rest)
			}
			return
		}
	}
	p.walk(n)
	if block {
		p.newline()
	}
}

// untitled names a link written without text: the title of the page it
// reaches, else the name of what it names.
func (p *page) untitled(dest, url []byte) string {
	if p.opt.LinkTitle != nil {
		if t := p.opt.LinkTitle(string(url)); t != "" {
			return t
		}
	}
	d, _, _ := strings.Cut(string(dest), "#")
	name, err := neturl.PathUnescape(path.Base(strings.TrimSuffix(d, "/")))
	if err != nil || d == "" || name == "." || name == "/" || !utf8.ValidString(name) {
		// %80 unescapes to a byte no text may hold: the name as written.
		return string(dest)
	}
	return name
}

// newline ends the current line of Text, if any.
func (p *page) newline() {
	if b := p.text.Bytes(); len(b) > 0 && b[len(b)-1] != '\n' {
		p.text.WriteByte('\n')
	}
}

// link records a link or image destination and returns the one to emit.
func (p *page) link(dest []byte, pos int, image bool) []byte {
	if bytes.IndexByte(dest, '\\') >= 0 || bytes.IndexByte(dest, '&') >= 0 {
		// A destination means what it says once its escapes are read, as
		// goldmark writes it: GitBook escapes every _ of a path, and
		// [x](ma\_page.md) links ma_page.md.
		dest = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(dest)))
	}
	l := Link{Dest: string(dest), Line: p.line(pos), Image: image}
	p.links = append(p.links, l)
	out := dest
	if p.opt.ResolveLink != nil {
		if u, ok := p.opt.ResolveLink(l); ok {
			out = []byte(u)
		}
	}
	if !p.unsafe && dangerousURL(out) {
		out = []byte("#")
	}
	return out
}

// autoLink records a URL autolink; in safe mode one with a dangerous
// scheme becomes a link to "#" (goldmark would emit an empty href).
func (p *page) autoLink(n *ast.AutoLink) {
	label := n.Label(p.src)
	p.text.Write(label)
	if n.AutoLinkType != ast.AutoLinkURL {
		return
	}
	url := n.URL(p.src)
	p.links = append(p.links, Link{Dest: string(url), Line: p.line(n.Pos())})
	if p.unsafe || !dangerousURL(url) {
		return
	}
	l := ast.NewLink()
	l.Destination = []byte("#")
	l.AppendChild(l, ast.NewString(bytes.Clone(label)))
	n.Parent().ReplaceChild(n.Parent(), n, l)
}

// line returns the 1-based line of a byte offset in the source, 0 if the
// offset is unknown.
func (p *page) line(pos int) int {
	if pos < 0 {
		return 0
	}
	if p.lineStarts == nil {
		// IndexByte skips a line's bytes at once, where a loop over
		// them cost a tenth of a second at 10,000 pages.
		p.lineStarts = append(make([]int, 0, 64), 0)
		for i := 0; ; {
			j := bytes.IndexByte(p.src[i:], '\n')
			if j < 0 {
				break
			}
			i += j + 1
			p.lineStarts = append(p.lineStarts, i)
		}
	}
	return sort.Search(len(p.lineStarts), func(i int) bool { return p.lineStarts[i] > pos })
}

// assignIDs gives every heading without a {#custom-id} the slug of its
// text, made unique with -1, -2…, and returns the headings. Custom IDs are
// reserved first, so an automatic ID never takes one, wherever it is.
func (p *page) assignIDs() []Heading {
	if len(p.headings) == 0 {
		return nil
	}
	used := make(map[string]bool, len(p.headings))
	for _, h := range p.headings {
		if id, ok := h.AttributeString("id"); ok {
			used[attrString(id)] = true
		}
	}
	out := make([]Heading, len(p.headings))
	var buf bytes.Buffer
	for i, h := range p.headings {
		buf.Reset()
		appendPlainTree(&buf, h, p.src)
		txt := strings.TrimSpace(buf.String())
		var id string
		if v, ok := h.AttributeString("id"); ok {
			id = attrString(v)
		} else {
			base := Slugify(txt)
			if base == "" {
				base = "section"
			}
			id = base
			for n := 1; used[id]; n++ {
				id = fmt.Sprintf("%s-%d", base, n)
			}
			used[id] = true
			h.SetAttributeString("id", []byte(id))
		}
		out[i] = Heading{Level: h.Level, ID: id, Text: txt}
		if v, ok := h.AttributeString("class"); ok {
			out[i].Unlisted = slices.Contains(strings.Fields(attrString(v)), "no_toc")
		}
	}
	return out
}

func attrString(v any) string {
	switch v := v.(type) {
	case []byte:
		return string(v)
	case string:
		return v
	}
	return fmt.Sprint(v)
}

// dangerousURL reports whether u has a scheme that runs code or embeds a
// document: javascript:, vbscript: or data:. Browsers ignore ASCII
// whitespace and control characters in the scheme, so this does too.
func dangerousURL(u []byte) bool {
	var scheme [10]byte
	n := 0
	for _, c := range u {
		switch {
		case c <= ' ':
			continue
		case c == ':':
			s := string(scheme[:n])
			return s == "javascript" || s == "vbscript" || s == "data"
		case c == '/' || c == '?' || c == '#' || n == len(scheme):
			return false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		scheme[n] = c
		n++
	}
	return false
}

// appendPlain appends the text of a Text node as a reader sees it:
// backslash escapes and character references resolved.
func appendPlain(b *bytes.Buffer, t *ast.Text, src []byte) {
	v := t.Segment.Value(src)
	if !t.IsRaw() && (bytes.IndexByte(v, '\\') >= 0 || bytes.IndexByte(v, '&') >= 0) {
		v = util.UnescapePunctuations(v)
		v = util.ResolveNumericReferences(v)
		v = util.ResolveEntityNames(v)
	}
	b.Write(v)
}

// appendCode appends the text of a code span, whose backslashes are literal.
func appendCode(b *bytes.Buffer, n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			b.Write(t.Segment.Value(src))
		}
	}
}

// appendPlainTree appends the plain text of the inline content of n:
// heading text, image alt text, callout titles.
func appendPlainTree(b *bytes.Buffer, n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			appendPlain(b, c, src)
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeSpan:
			appendCode(b, c, src)
		case *ast.AutoLink:
			b.Write(c.Label(src))
		case *ast.RawHTML:
		default:
			appendPlainTree(b, c, src)
		}
	}
}
