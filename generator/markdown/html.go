package markdown

import (
	"bytes"
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// nodeRenderer writes the nodes whose HTML differs from goldmark's:
// headings (anchor link), images (lazy loading), raw HTML (escaped in safe
// mode), fenced code (highlighting), callouts and, on French pages, text
// (spacing before punctuation). It holds only build-wide settings.
type nodeRenderer struct {
	cfg Config
	loc *locale
	hl  *highlighter
}

func newNodeRenderer(cfg Config, loc *locale) *nodeRenderer {
	r := &nodeRenderer{cfg: cfg, loc: loc}
	if cfg.Highlight {
		r.hl = newHighlighter()
	}
	return r
}

// RegisterFuncs implements renderer.NodeRenderer.
func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, r.renderHeading)
	reg.Register(ast.KindImage, r.renderImage)
	reg.Register(ast.KindFencedCodeBlock, r.renderFencedCode)
	reg.Register(kindCallout, r.renderCallout)
	reg.Register(kindTableWrap, r.renderTableWrap)
	reg.Register(kindMath, r.renderMath)
	reg.Register(kindMathBlock, r.renderMathBlock)
	reg.Register(extast.KindTaskCheckBox, r.renderTaskCheckBox)
	if !r.cfg.Unsafe {
		// Raw HTML is filtered into safe nodes as the page is walked;
		// any left (none should be) is shown as text.
		registerSafeHTML(reg)
		reg.Register(ast.KindRawHTML, r.renderRawHTML)
		reg.Register(ast.KindHTMLBlock, r.renderHTMLBlock)
	}
	if r.loc.french {
		reg.Register(ast.KindText, r.renderFrenchText)
	}
}

func (r *nodeRenderer) renderHeading(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	level := byte('0' + n.Level)
	if entering {
		_, _ = w.WriteString("<h")
		_ = w.WriteByte(level)
		if n.Attributes() != nil {
			html.RenderAttributes(w, n, html.HeadingAttributeFilter)
		}
		_ = w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	if id, ok := n.AttributeString("id"); ok && n.Level >= 2 {
		// The link comes after the text so that the heading reads first,
		// and it is named so that a list of links says where each goes.
		var label bytes.Buffer
		label.WriteString(r.loc.anchorLabel)
		appendPlainTree(&label, n, src)
		_, _ = w.WriteString(` <a class="anchor" href="#`)
		_, _ = w.Write(util.EscapeHTML(util.URLEscape([]byte(attrString(id)), false)))
		_, _ = w.WriteString(`" aria-label="`)
		_, _ = w.Write(util.EscapeHTML(bytes.TrimSpace(label.Bytes())))
		_, _ = w.WriteString(`">#</a>`)
	}
	_, _ = w.WriteString("</h")
	_ = w.WriteByte(level)
	_, _ = w.WriteString(">\n")
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) renderImage(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	_, _ = w.WriteString(`<img src="`)
	// Dangerous destinations were replaced by "#" before rendering.
	_, _ = w.Write(util.EscapeHTML(util.URLEscape(n.Destination, true)))
	_, _ = w.WriteString(`" alt="`)
	var alt bytes.Buffer
	appendPlainTree(&alt, n, src)
	_, _ = w.Write(util.EscapeHTML(alt.Bytes()))
	_ = w.WriteByte('"')
	if n.Title != nil {
		_, _ = w.WriteString(` title="`)
		fastText.Write(w, n.Title)
		_ = w.WriteByte('"')
	}
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, html.ImageAttributeFilter)
	}
	_, _ = w.WriteString(` loading="lazy">`)
	return ast.WalkSkipChildren, nil
}

// renderRawHTML shows inline HTML as text, so that an author who wrote it
// sees it in the preview instead of it vanishing.
func (r *nodeRenderer) renderRawHTML(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.RawHTML)
	for i := range n.Segments.Len() {
		seg := n.Segments.At(i)
		_, _ = w.Write(util.EscapeHTML(seg.Value(src)))
	}
	return ast.WalkSkipChildren, nil
}

// renderHTMLBlock shows an HTML block as a paragraph of text.
func (r *nodeRenderer) renderHTMLBlock(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.HTMLBlock)
	var b bytes.Buffer
	for i := range n.Lines().Len() {
		seg := n.Lines().At(i)
		b.Write(seg.Value(src))
	}
	if n.HasClosure() {
		b.Write(n.ClosureLine.Value(src))
	}
	_, _ = w.WriteString("<p>")
	_, _ = w.Write(util.EscapeHTML(bytes.TrimRight(b.Bytes(), "\n")))
	_, _ = w.WriteString("</p>\n")
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) renderFencedCode(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	if n.Info != nil {
		if title := codeTitle(n.Info.Segment.Value(src)); title != nil {
			// Docusaurus and MkDocs Material name the file a block
			// shows: ```js title="src/app.js".
			_, _ = w.WriteString(`<figure class="code-block"><figcaption class="code-title">`)
			_, _ = w.Write(util.EscapeHTML(title))
			_, _ = w.WriteString("</figcaption>\n")
			r.writeCode(w, src, n)
			_, _ = w.WriteString("</figure>\n")
			return ast.WalkContinue, nil
		}
	}
	r.writeCode(w, src, n)
	return ast.WalkContinue, nil
}

// codeTitleRe finds title="…" (or '…') in a fenced block's info string,
// also among attributes in braces ({title="…"}).
var codeTitleRe = regexp.MustCompile(`(?:^|[\s{,])title=(?:"([^"]*)"|'([^']*)')`)

// codeTitle returns the title a fenced block's info string gives, or nil.
func codeTitle(info []byte) []byte {
	m := codeTitleRe.FindSubmatch(info)
	if m == nil {
		return nil
	}
	t := m[1]
	if t == nil {
		t = m[2] // single quotes
	}
	if t = bytes.TrimSpace(t); len(t) > 0 {
		return t
	}
	return nil
}

// codeLanguage is a fenced block's language: the first word of its info
// string, or its first class when the info string is an attribute list,
// as Pandoc and MkDocs write it (```{ .yaml .annotate }, ```{.python}).
func codeLanguage(n *ast.FencedCodeBlock, src []byte) []byte {
	if n.Info == nil {
		return nil
	}
	info := bytes.TrimSpace(n.Info.Segment.Value(src))
	if len(info) == 0 || info[0] != '{' {
		return n.Language(src)
	}
	for f := range bytes.FieldsFuncSeq(info, func(r rune) bool { return r == ' ' || r == '{' || r == '}' || r == '\t' }) {
		if len(f) > 1 && f[0] == '.' {
			return f[1:]
		}
	}
	return nil
}

// writeCode writes a fenced block's code, highlighted when its language
// is known, with the lines its info string or magic comments mark
// (codelines.go) in <mark class="code-line">.
func (r *nodeRenderer) writeCode(w util.BufWriter, src []byte, n *ast.FencedCodeBlock) {
	lang := codeLanguage(n, src)
	var code strings.Builder
	for i := range n.Lines().Len() {
		seg := n.Lines().At(i)
		code.Write(seg.Value(src))
	}
	var info []byte
	if n.Info != nil {
		info = n.Info.Segment.Value(src)
	}
	body := code.String()
	if l, _, _ := strings.Cut(string(lang), ","); l == "rust" && strings.Contains(body, "#") {
		body = hideRustLines(body)
	}
	text, marked := markLines(string(info), body)
	if r.hl != nil && len(lang) > 0 {
		if r.hl.write(w, lang, text, marked) {
			return
		}
	}
	// Focusable, as a box that may scroll sideways must be for keyboards.
	_, _ = w.WriteString(`<pre tabindex="0"><code`)
	if len(lang) > 0 {
		_, _ = w.WriteString(` class="language-`)
		_, _ = w.Write(util.EscapeHTML(lang))
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	if marked == nil {
		fastText.RawWrite(w, []byte(text))
	} else {
		i := 0
		for line := range strings.Lines(text) {
			i++
			if marked[i] {
				_, _ = w.WriteString(markOpen)
				fastText.RawWrite(w, []byte(line))
				_, _ = w.WriteString(markClose)
			} else {
				fastText.RawWrite(w, []byte(line))
			}
		}
	}
	_, _ = w.WriteString("</code></pre>\n")
}

// hideRustLines leaves out of Rust code the lines that rustdoc and mdBook
// hide, "# " and a lone "#", the boilerplate that makes an example
// compile; "##" stands for a "#" that shows.
func hideRustLines(code string) string {
	var b strings.Builder
	for line := range strings.Lines(code) {
		t := strings.TrimLeft(line, " \t")
		switch {
		case strings.HasPrefix(t, "##"):
			b.WriteString(line[:len(line)-len(t)] + t[1:])
		case strings.HasPrefix(t, "# ") || strings.TrimRight(t, "\r\n") == "#":
		default:
			b.WriteString(line)
		}
	}
	return b.String()
}

// A marked line of code is wrapped whole, its newline in: shown as a
// block, the wrapper then adds no line of its own.
const (
	markOpen  = `<mark class="code-line">`
	markClose = `</mark>`
)

func (r *nodeRenderer) renderTableWrap(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<div class="table-wrap" role="region" tabindex="0" aria-label="`)
		_, _ = w.WriteString(r.loc.tableLabel)
		_, _ = w.WriteString("\">\n")
	} else {
		_, _ = w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) renderCallout(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*calloutNode)
	if n.fold != 0 {
		// A folding callout is a disclosure widget: the browser gives it
		// its keyboard and screen reader behaviour, without script.
		if !entering {
			_, _ = w.WriteString("</details>\n")
			return ast.WalkContinue, nil
		}
		_, _ = w.WriteString(`<details class="callout callout-`)
		_, _ = w.WriteString(n.kind)
		if n.fold == '+' {
			_, _ = w.WriteString(`" open>` + "\n")
		} else {
			_, _ = w.WriteString(`">` + "\n")
		}
		_, _ = w.WriteString(`<summary class="callout-title">`)
		_, _ = w.Write(util.EscapeHTML([]byte(n.title)))
		_, _ = w.WriteString("</summary>\n")
		return ast.WalkContinue, nil
	}
	if !entering {
		_, _ = w.WriteString("</div>\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<div class="callout callout-`)
	_, _ = w.WriteString(n.kind)
	_, _ = w.WriteString(`" role="note">` + "\n" + `<p class="callout-title">`)
	_, _ = w.Write(util.EscapeHTML([]byte(n.title)))
	_, _ = w.WriteString("</p>\n")
	return ast.WalkContinue, nil
}

// renderFrenchText writes text as goldmark does, with French spacing: a
// regular space before ; ! ? becomes a narrow no-break space (U+202F), one
// before : or » or after « a no-break space (U+00A0). Only existing spaces
// change, so "10:30" and "http://" stay as they are; code, URLs and
// attribute values never reach this function.
func (r *nodeRenderer) renderFrenchText(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Text)
	v := n.Segment.Value(src)
	if n.IsRaw() {
		fastText.RawWrite(w, v)
		return ast.WalkContinue, nil
	}
	var next, prev []byte
	if len(v) > 0 && v[len(v)-1] == ' ' && !n.SoftLineBreak() && !n.HardLineBreak() {
		next = siblingText(n.NextSibling(), src, true)
	}
	if len(v) > 0 && v[0] == ' ' {
		prev = siblingText(n.PreviousSibling(), src, false)
	}
	var buf [8]int
	start := 0
	for _, i := range frenchSpaces(buf[:0], v, next, prev) {
		fastText.Write(w, v[start:i])
		_, _ = w.WriteString(frenchSpace(v, i, next))
		start = i + 1
	}
	fastText.Write(w, v[start:])
	switch {
	case n.HardLineBreak():
		_, _ = w.WriteString("<br>\n")
	case n.SoftLineBreak():
		_ = w.WriteByte('\n')
	}
	return ast.WalkContinue, nil
}

// frenchSpaces appends to at, in order, the places of the spaces of v
// that French typography wants other: before ; ! ? : and », after «,
// also when the mark is at the start of next, the text after v, or the
// end of prev, the text before it. It looks for the marks, which text
// holds a few of, rather than at every space: a text of 100 MB went
// through it in 0.37 s when it stopped at each space.
func frenchSpaces(at []int, v, next, prev []byte) []int {
	add := func(i int) {
		// Few places, each found once or twice (« »): kept sorted by insertion.
		k := len(at)
		for k > 0 && at[k-1] >= i {
			if at[k-1] == i {
				return
			}
			k--
		}
		at = slices.Insert(at, k, i)
	}
	for _, c := range [...]byte{';', '!', '?', ':'} {
		for k := 1; k < len(v); k++ {
			j := bytes.IndexByte(v[k:], c)
			if j < 0 {
				break
			}
			if k += j; v[k-1] == ' ' {
				add(k - 1)
			}
		}
	}
	for k := 0; k+1 < len(v); k++ { // « and » are C2 AB and C2 BB
		j := bytes.IndexByte(v[k:len(v)-1], 0xC2)
		if j < 0 {
			break
		}
		k += j
		if v[k+1] == 0xBB && k > 0 && v[k-1] == ' ' {
			add(k - 1)
		} else if v[k+1] == 0xAB && k+2 < len(v) && v[k+2] == ' ' {
			add(k + 2)
		}
	}
	if last := len(v) - 1; last >= 0 && v[last] == ' ' && spaceBefore(next) != "" {
		add(last)
	}
	if len(v) > 0 && v[0] == ' ' && bytes.HasSuffix(prev, []byte("«")) {
		add(0)
	}
	return at
}

// frenchSpace returns the space that replaces the one at v[i], one of
// frenchSpaces'.
func frenchSpace(v []byte, i int, next []byte) string {
	rest := next
	if i+1 < len(v) {
		rest = v[i+1:]
	}
	if s := spaceBefore(rest); s != "" {
		return s
	}
	return "\u00A0" // after «
}

// spaceBefore returns the space French typography wants before the text
// that starts rest, or "" when a regular space is right.
func spaceBefore(rest []byte) string {
	if len(rest) == 0 {
		return ""
	}
	switch rest[0] {
	case ';', '!', '?':
		return "\u202F"
	case ':':
		return "\u00A0"
	case 0xC2: // the first byte of »
		if len(rest) > 1 && rest[1] == 0xBB {
			return "\u00A0"
		}
	}
	return ""
}

// siblingText returns the text of a neighbouring Text or String node, so
// that spacing works across the node boundaries the parser leaves (at '!'
// or after a typographer quote). It returns nil for any other node.
func siblingText(n ast.Node, src []byte, next bool) []byte {
	switch n := n.(type) {
	case *ast.Text:
		if n.IsRaw() || (!next && (n.SoftLineBreak() || n.HardLineBreak())) {
			return nil
		}
		return n.Segment.Value(src)
	case *ast.String:
		return n.Value
	}
	return nil
}

// renderTaskCheckBox writes a task list's box with a name, "Done" or "To
// do" in the page's language, for screen readers.
func (r *nodeRenderer) renderTaskCheckBox(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*extast.TaskCheckBox)
	label := r.loc.taskLabels[0]
	_, _ = w.WriteString(`<input type="checkbox" disabled`)
	if n.IsChecked {
		label = r.loc.taskLabels[1]
		_, _ = w.WriteString(` checked`)
	}
	_, _ = w.WriteString(` aria-label="`)
	_, _ = w.Write(util.EscapeHTML([]byte(label)))
	_, _ = w.WriteString(`"> `)
	return ast.WalkContinue, nil
}
