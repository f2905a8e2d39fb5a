package markdown

import (
	"bytes"
	"cmp"
	"html"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Normalize rewrites the syntaxes that other documentation tools add to
// Markdown into binome's own, so that a handbook moved from them keeps
// its callouts, code and figures instead of showing their tags as text:
//
//   - callouts: GitBook's {% hint %}, MkDocs' !!! and ??? admonitions,
//     Docusaurus' and VitePress' ::: containers, the hint, notice, alert,
//     callout, admonition and details shortcodes of Hugo themes, and Just
//     the Docs' {: .note } become `> [!KIND] Title` callouts; the folding
//     ones (???, details) fold;
//   - Jekyll's {% highlight %} and Hugo's {{< highlight >}} become fenced
//     code;
//   - Hugo's figure, youtube and vimeo shortcodes become an image and
//     links, GitBook's {% embed %} a link;
//   - tabs (MkDocs' ===, GitBook's and Hugo's tab) become a bold title
//     over their content, since a static page without script shows every
//     tab anyway;
//   - what only steers the other tool goes: {% raw %}, {{ site.baseurl }},
//     kramdown's {: … } attribute lists and {:toc}, [TOC], {{< toc >}},
//     and in MDX (mdx true) the import and export lines;
//   - HTML's <details> and <summary>, and Docusaurus' <Admonition>, <Tabs>
//     and <TabItem>, become callouts and tab titles;
//   - Docusaurus' <head> blocks (metadata for its pages' <head>), JSX
//     style={{…}} attributes, and the empty <a id></a> anchors GitBook
//     puts in headings go: binome's theme writes the head, its CSS the
//     style, and the headings' IDs.
//
// The rewrite is line for line: line n of the result comes from line n of
// src, so messages about the result point into the author's file. Code
// blocks and code spans are left as they are, but for Hugo's escaped
// shortcodes ({{</* x */>}} shows as {{< x >}}) and inlinehilite's
// language mark; so is math, $…$ and $$…$$. Tags it does not know stay,
// and the foreign tag check warns of them. It returns src itself when
// there is nothing to rewrite.
func Normalize(src []byte, mdx bool) []byte {
	if !mayHaveDialect(src, mdx) {
		return src
	}
	lines := strings.Split(string(src), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	n := normalizer{mdx: mdx}
	out := n.block(lines)
	if !n.changed {
		return src
	}
	return []byte(strings.Join(out, "\n"))
}

// dialectMarks are the strings one of which a page must hold for
// Normalize to have anything to do; most pages hold none.
var dialectMarks = [...]string{"```ad-", " markdown=", "src={", "{/*", "****", "++", "///", "*[", "`#!", "`:::", "){", ">{", "]{", "`{", "*{", "_{", " {#", " {.", " { .", " { #", "~~~ad-", "{%", "{{", "!!!", "???", ":::", "===", "{:", "[TOC]", "<details", "<Tabs", "<Admonition", "\n{", "[[", "<head>", "></a>", "<iframe", ":material-", ":octicons-", ":fontawesome-", ":simple-", "%%", "==", " ^", "\\\n\n", "\\\r\n\r\n"}

// dialectAnchors holds, for each byte marks are anchored on, the marks
// and where in them the byte is: a mark is anchored on its first byte that
// is not a letter, a space, a line break or '>', which text is full of.
// The page is searched once for each anchor byte, most of which it holds
// rarely or never, with the vector search of bytes.IndexByte. Anchored on
// their first letters, " markdown=" and "src={" stopped the search at
// every m and s: Normalize read plain pages at 240 MB/s, against 390.
var dialectAnchors = func() (t []dialectAnchor) {
	for _, m := range dialectMarks {
		at := strings.IndexFunc(m, func(r rune) bool {
			return !strings.ContainsRune(" \r\n>", r) && !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z')
		})
		i := slices.IndexFunc(t, func(a dialectAnchor) bool { return a.c == m[at] })
		if i < 0 {
			i = len(t)
			t = append(t, dialectAnchor{c: m[at]})
		}
		t[i].marks = append(t[i].marks, anchoredMark{m, at})
	}
	return t
}()

type dialectAnchor struct {
	c     byte
	marks []anchoredMark
}

type anchoredMark struct {
	mark string
	at   int // index in mark of the anchor byte
}

func mayHaveDialect(src []byte, mdx bool) bool {
	if bytes.HasSuffix(bytes.TrimRight(src, "\r\n"), []byte("\\")) {
		return true // a paragraph's last line ending in \ (see block)
	}
	for _, a := range dialectAnchors {
		for i := 0; ; i++ {
			j := bytes.IndexByte(src[i:], a.c)
			if j < 0 {
				break
			}
			i += j
			for _, m := range a.marks {
				if i >= m.at && bytes.HasPrefix(src[i-m.at:], []byte(m.mark)) {
					return true
				}
			}
		}
	}
	return mdx && (bytes.Contains(src, []byte("import ")) || bytes.Contains(src, []byte("export ")) || bytes.Contains(src, []byte("{/*")) || hasComponent(src))
}

// IsMDX reports whether a file name is MDX, Docusaurus' Markdown with
// React components, which binome reads as Markdown (see Normalize).
func IsMDX(name string) bool {
	return strings.EqualFold(path.Ext(name), ".mdx")
}

// IsMDXPage reports whether a page is read as MDX: a .mdx file, or a .md
// file that imports a component, as Docusaurus 3 reads every .md page as
// MDX (import FeaturesTable from './_features-table.md'; then
// <FeaturesTable />): its imports would show as text, and its
// components be taken for HTML.
func IsMDXPage(name string, src []byte) bool {
	if IsMDX(name) {
		return true
	}
	// An import starts its line. Looking for the line's end first stops
	// the search a quarter as often as looking for an i would.
	if !bytes.HasPrefix(src, []byte("import ")) && !bytes.Contains(src, []byte("\nimport ")) {
		return false
	}
	var fence []byte
	for line := range bytes.Lines(src) {
		t := bytes.TrimLeft(line, " ")
		switch {
		case fence != nil:
			if bytes.HasPrefix(t, fence) {
				fence = nil
			}
		case bytes.HasPrefix(t, []byte("```")) || bytes.HasPrefix(t, []byte("~~~")):
			fence = openingFence(t)
		case bytes.HasPrefix(line, []byte("import ")) && mdxImport.Match(line):
			return true
		}
	}
	return false
}

// mdxImport is an import statement on one line, from a quoted module.
var mdxImport = regexp.MustCompile(`^import\s+(?:[A-Za-z_$][\w$]*\s*(?:,\s*\{[^}]*\})?|\{[^}]*\}|\*\s+as\s+[A-Za-z_$][\w$]*)\s+from\s+['"][^'"]+['"];?\s*$`)

type normalizer struct {
	mdx     bool // the page is MDX (Docusaurus): import and export lines go
	changed bool
	depth   int // of the container block is rewriting
	// unclosed holds the openers found never closed (see closing), by
	// tag name, HTML tag or run of colons.
	unclosed map[string]bool
}

// maxDepth bounds how deep rewritten containers nest: each level adds a
// "> " to every line it holds, and a recursion.
const maxDepth = 16

// block rewrites the lines of one container (the page, or the body of a
// callout), returning as many lines.
func (n *normalizer) block(lines []string) []string {
	n.depth++
	defer func() { n.depth-- }()
	out := make([]string, 0, len(lines))
	var (
		fence      string // the opening fence while inside a fenced block
		prevBlank  = true
		inList     bool
		inIndent   bool
		plainStart = -1 // index in out of the first line of the block of text being read
	)
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		indent, rest := splitIndent(line)
		blank := strings.TrimSpace(line) == ""
		if fence != "" || blank || strings.HasPrefix(rest, "```") || strings.HasPrefix(rest, "~~~") {
			plainStart = -1
		}
		switch {
		case fence != "":
			if strings.HasPrefix(rest, fence) && strings.Trim(rest, fence[:1]+" \t") == "" {
				fence = ""
			}
			out = append(out, n.code(line))
		case (strings.HasPrefix(rest, "```ad-") || strings.HasPrefix(rest, "~~~ad-")) && n.obsidianAdmonition(lines, i, indent, rest) != nil:
			// Checked twice, so that a block never closed stays code.
			m := n.obsidianAdmonition(lines, i, indent, rest)
			n.changed = true
			out = append(out, m...)
			i += len(m) - 1
			prevBlank, plainStart = true, -1
			continue
		case strings.HasPrefix(rest, "```") || strings.HasPrefix(rest, "~~~"):
			fence = string(openingFence([]byte(rest)))
			out = append(out, line)
		case opensDisplayMath(rest) && displayMathEnd(i, len(lines), func(j int) string { return lines[j] }) > i:
			// Display math is TeX, as written, to its closing $$.
			j := displayMathEnd(i, len(lines), func(j int) string { return lines[j] })
			out = append(out, lines[i:j+1]...)
			i = j
			plainStart = -1
		case !blank && columns(indent) >= 4 && !inList && (prevBlank || inIndent):
			inIndent = true
			plainStart = -1
			out = append(out, n.code(line))
		case blank:
			out = append(out, line)
		case strings.HasPrefix(rest, "<!--"):
			// A comment hides what it holds, dialect included: kept as
			// written, to its end, so that nothing in it is read as a
			// block (an attribute list would make a callout of it).
			end := i
			if !strings.Contains(rest[len("<!--"):], "-->") {
				for end+1 < len(lines) {
					if end++; strings.Contains(lines[end], "-->") {
						break
					}
				}
			}
			out = append(out, lines[i:end+1]...)
			i = end
			plainStart = -1
		case strings.HasPrefix(rest, "{:") && len(out) > 0 && i > 0 && out[len(out)-1] == lines[i-1] && atxHeading(lines[i-1]) && ialLine.MatchString(strings.TrimRight(rest, " \t")):
			// kramdown's attributes of the heading above ({: .no_toc },
			// {: #its-id }) go onto its line, where goldmark reads a
			// heading's attributes.
			m := ialLine.FindStringSubmatch(strings.TrimRight(rest, " \t"))
			out[len(out)-1] = headingWithAttributes(out[len(out)-1], m[1])
			out = append(out, "")
			n.changed = true
			plainStart = -1
		case plainStart >= 0 && strings.HasPrefix(rest, "{:") && n.depth <= maxDepth && afterIAL(rest):
			// kramdown's attributes may follow the block they style:
			// Just the Docs' callout class boxes the text just read.
			// The marker takes the block's first line and the block
			// moves down one, onto the attribute line.
			kind, titled, _ := jtdCallout(rest)
			boxed := n.boxLines(out[plainStart:], indent, kind, titled)
			out = append(out[:plainStart], boxed...)
			n.changed = true
			plainStart = -1
		default:
			inIndent = false
			if len(indent) == 0 {
				inList = isListItem([]byte(rest))
			} else if isListItem([]byte(rest)) {
				inList = true
			}
			if k := openTagEnd(lines, i, rest, n.mdx); k > i {
				// A tag whose arguments go over several lines: read as
				// one line, the lines it took left blank, so that what
				// follows keeps its line numbers.
				joined := rest
				for _, l := range lines[i+1 : k+1] {
					joined += " " + strings.TrimSpace(l)
				}
				lines = slices.Clone(lines) // the caller's, unchanged
				lines[i], rest = indent+joined, joined
				for j := i + 1; j <= k; j++ {
					lines[j] = ""
				}
				line = lines[i]
				n.changed = true
			}
			if m := n.construct(lines, i, indent, rest); m != nil {
				n.changed = true
				out = append(out, m...)
				i += len(m) - 1
				// A construct ends with its own closing line, or with its
				// last indented line: what follows starts afresh.
				prevBlank = strings.TrimSpace(out[len(out)-1]) == ""
				plainStart = -1
				continue
			}
			if prevBlank || plainStart < 0 {
				plainStart = len(out)
			}
			if at := blockIDAt(line); at >= 0 {
				// Obsidian's block id, "text ^abc123", which links name:
				// not for readers.
				line = line[:at]
				n.changed = true
			}
			if strings.HasSuffix(line, "\\") && !strings.HasSuffix(line, "\\\\") && (i+1 == len(lines) || strings.TrimSpace(lines[i+1]) == "") {
				// GitBook ends lines with \ for a line break, the last
				// one of a paragraph too, where CommonMark shows it.
				line = line[:len(line)-1]
				n.changed = true
			}
			out = append(out, n.inline(line))
		}
		prevBlank = blank
	}
	return out
}

// code returns a line of code as it is shown: Hugo's escaped shortcodes,
// {{</* name */>}}, without their comment marks (the page documents
// shortcodes), and otherwise as written.
func (n *normalizer) code(line string) string {
	if u := unescapeShortcodes(line); u != line {
		n.changed = true
		return u
	}
	return line
}

// construct rewrites the block construct that opens at lines[i], if any,
// and returns the lines it stands for (one or more); nil when lines[i]
// opens none.
func (n *normalizer) construct(lines []string, i int, indent, rest string) []string {
	if n.depth > maxDepth {
		return nil
	}
	switch {
	case strings.HasPrefix(rest, "{%") || strings.HasPrefix(rest, "{{"):
		return n.tagLine(lines, i, indent, rest)
	case strings.HasPrefix(rest, ":::"):
		return n.colonFence(lines, i, indent, rest)
	case strings.HasPrefix(rest, "!!!") || strings.HasPrefix(rest, "???"):
		return n.admonition(lines, i, indent, rest)
	case strings.HasPrefix(rest, "==="):
		return n.mkdocsTab(lines, i, indent, rest)
	case strings.HasPrefix(rest, "///"):
		return n.slashBlock(lines, i, indent, rest)
	case strings.HasPrefix(rest, "{:"):
		return n.attributeList(lines, i, indent, rest)
	case strings.HasPrefix(rest, "{") && blockAttributes.MatchString(rest):
		// Goldmark's block attributes as Hugo enables them
		// ({width=1920 height=633} under an image): binome does not
		// apply them, and they must not show as text.
		return []string{""}
	case strings.HasPrefix(rest, "*[") && abbreviation.MatchString(rest):
		// An abbreviation's definition (Python-Markdown's and PHP
		// Markdown Extra's *[HTML]: HyperText Markup Language), which
		// gives its tooltip where the word is used: binome gives none,
		// and the definition must not show as text.
		return []string{""}
	case rest == "[TOC]" || rest == "[[_TOC_]]" || rest == "[[_TOSP_]]":
		// MkDocs', GitLab's and Azure DevOps' table of contents markers:
		// binome's theme shows its own.
		return []string{""}
	case n.mdx && strings.HasPrefix(rest, "{/*") && strings.HasSuffix(strings.TrimRight(rest, " \t"), "*/}"):
		return []string{""} // an MDX comment
	case isTOCItem(rest) && i+1 < len(lines) && strings.TrimSpace(lines[i+1]) == "{:toc}":
		return []string{"", ""}
	case strings.HasPrefix(rest, "#") && tocHeading(lines, i):
		// Just the Docs' "Table of contents" heading over its {:toc}
		// list: the list goes, and so does the heading it would leave
		// empty.
		return []string{""}
	case strings.HasPrefix(rest, "%%") && !strings.Contains(rest[2:], "%%"):
		// An Obsidian comment over several lines: hidden, to its end.
		for j := i + 1; j < len(lines); j++ {
			if strings.Contains(lines[j], "%%") {
				return make([]string, j-i+1)
			}
		}
		return nil
	case strings.HasPrefix(rest, "<"):
		return n.htmlBlock(lines, i, indent, rest)
	case n.mdx && n.depth == 1 && indent == "" && mdxModuleStart.MatchString(rest):
		return make([]string, moduleStatement(lines, i))
	}
	return nil
}

// mdxModuleStart matches the first line of an MDX import or export
// statement, which loads or defines React components and has no text of
// its own.
var mdxModuleStart = regexp.MustCompile(`^(?:import\s+(?:['"]|\{|\*|[A-Za-z_$][\w$]*\s*(?:,|from\s+['"]))|export\s+(?:const|let|var|default|function|class|async)\b)`)

// moduleStatement returns how many lines the import or export statement
// starting at lines[i] takes: as many as it takes for its brackets to
// close, as in the component Docusaurus' own template defines over twelve
// lines (export const Highlight = ({children, color}) => ( …);). It never
// runs past a blank line, so an unbalanced bracket cannot swallow the
// page.
func moduleStatement(lines []string, i int) int {
	depth := 0
	for j := i; j < len(lines); j++ {
		if j > i && strings.TrimSpace(lines[j]) == "" {
			return j - i
		}
		depth += bracketBalance(lines[j])
		if depth <= 0 {
			return j - i + 1
		}
	}
	return len(lines) - i
}

// bracketBalance returns how many more brackets line opens than it
// closes, outside its quoted strings.
func bracketBalance(line string) int {
	n := 0
	var quote byte
	for k := 0; k < len(line); k++ {
		c := line[k]
		switch {
		case quote != 0:
			if c == '\\' {
				k++
			} else if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"' || c == '`':
			quote = c
		case c == '(' || c == '[' || c == '{':
			n++
		case c == ')' || c == ']' || c == '}':
			n--
		}
	}
	return n
}

var (
	// Any attributes: kramdown's markdown="block" too.
	detailsOpen = regexp.MustCompile(`^<details((?:\s+[\w:-]+(?:=(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*>\s*(?:<summary>(.*?)</summary>)?\s*$`)
	openAttr    = regexp.MustCompile(`(?:^|\s)open(?:=|\s|$)`)
	summaryLine = regexp.MustCompile(`^<summary>(.*?)</summary>\s*$`)
	htmlTag     = regexp.MustCompile(`<[^>]*>`)
)

// jsxName reports whether s names a Docusaurus component htmlBlock rewrites.
func jsxName(s string) bool { return s == "Tabs" || s == "TabItem" || s == "Admonition" }

// jsxOpen matches a line that opens a Docusaurus component as
// ^<(Tabs|TabItem|Admonition)\b([^>]*?)/?>\s*$ would: the line, the name
// and the attributes, or nil. These, jsxClose and colonOpen are read by
// hand, as the lines they read are many in a Docusaurus handbook and the
// expressions were slow on them; FuzzDialectParsers checks that they
// agree with the expressions.
func jsxOpen(s string) []string {
	rest, ok := strings.CutPrefix(s, "<")
	if !ok {
		return nil
	}
	n := 0
	for n < len(rest) && isWordByte(rest[n]) {
		n++
	}
	name, attrs := rest[:n], rest[n:]
	k := strings.IndexByte(attrs, '>')
	if !jsxName(name) || k < 0 || trimTagSpace(attrs[k+1:]) != "" {
		return nil
	}
	return []string{s, name, strings.TrimSuffix(attrs[:k], "/")}
}

// jsxClose matches a line that closes one as ^</(Tabs|TabItem|Admonition)>\s*$
// would: the line and the name, or nil.
func jsxClose(s string) []string {
	rest, ok := strings.CutPrefix(s, "</")
	if !ok {
		return nil
	}
	name, after, ok := strings.Cut(rest, ">")
	if !ok || !jsxName(name) || trimTagSpace(after) != "" {
		return nil
	}
	return []string{s, name}
}

// htmlBlock rewrites the HTML blocks that handbooks use for what
// Markdown lacks, which binome would otherwise show as text: <details>
// with its <summary> (GitHub, Docusaurus) becomes a folding callout;
// Docusaurus' <Admonition> a callout, its <Tabs> and <TabItem label>
// titled content.
func (n *normalizer) htmlBlock(lines []string, i int, indent, rest string) []string {
	if strings.HasPrefix(rest, "<head>") {
		// Docusaurus puts it in the page's <head>; shown, it is markup
		// as text at the top of the page.
		j := i
		for ; j < len(lines) && !strings.Contains(lines[j], "</head>"); j++ {
		}
		if j == len(lines) {
			return nil
		}
		return make([]string, j-i+1)
	}
	if m := markdownBlock.FindStringSubmatch(rest); m != nil && !strings.EqualFold(m[1], "details") {
		// kramdown reads Markdown inside an HTML block whose tag says
		// markdown="1" (Just the Docs' <div class="code-example"
		// markdown="1">), to its closing tag. CommonMark keeps such a
		// block as HTML to the next blank line: a fence right after it
		// came out as text, and the code swallowed the page's next
		// sections. The tag gives way to its content, read as Markdown;
		// its class styled nothing binome's theme knows.
		j := n.htmlCloser(lines, i, "<"+m[1], "</"+m[1]+">")
		if j < 0 {
			return nil
		}
		out := append([]string{""}, n.block(dedent(lines[i+1:j], indent))...)
		return append(out, "")
	}
	// Each expression only where its tag starts: a page may have many
	// lines of other HTML.
	var m []string
	if strings.HasPrefix(rest, "<details") {
		m = detailsOpen.FindStringSubmatch(rest)
	}
	if m != nil {
		j := n.htmlCloser(lines, i, "<details", "</details>")
		if j < 0 {
			return nil
		}
		fold := byte('-')
		if openAttr.MatchString(m[1]) {
			fold = '+'
		}
		body := dedent(lines[i+1:j], indent)
		title := m[2]
		if title == "" {
			for k, l := range body {
				if t := strings.TrimSpace(l); t != "" {
					if sm := summaryLine.FindStringSubmatch(t); sm != nil {
						title, body = sm[1], append(append([]string{}, body[:k]...), append([]string{""}, body[k+1:]...)...)
					}
					break
				}
			}
		}
		title = strings.TrimSpace(htmlTag.ReplaceAllString(title, ""))
		out := n.calloutLines(indent, "note", fold, title, n.block(body))
		return append(out, "")
	}
	jsx := strings.HasPrefix(rest, "<Tab") || strings.HasPrefix(rest, "<Admonition")
	if !jsx && strings.HasPrefix(rest, "</") {
		if m := jsxClose(rest); m != nil && m[1] != "Admonition" {
			return []string{""}
		}
	}
	m = nil
	if jsx {
		m = jsxOpen(rest)
	}
	if m == nil {
		if n.mdx {
			return n.component(lines, i, indent, rest)
		}
		return nil
	}
	_, named := TagArgs(m[2])
	switch m[1] {
	case "Tabs":
		return []string{""}
	case "TabItem":
		if title := cmp.Or(named["label"], named["value"]); title != "" {
			return []string{tabTitle(indent, title)}
		}
		return []string{""}
	}
	j := n.htmlCloser(lines, i, "<Admonition", "</Admonition>")
	if j < 0 {
		return nil
	}
	return n.callout(lines, i, j, indent, named["type"], 0, named["title"])
}

// markdownBlock is an HTML tag alone on its line that tells kramdown to
// read its content as Markdown: markdown="1", "block" or "span".
var markdownBlock = regexp.MustCompile(`^<([A-Za-z][A-Za-z0-9]*)\b[^<>]*?\smarkdown\s*=\s*["']?(?:1|block|span)["']?[^<>]*>\s*$`)

// componentLine is an MDX component's tag alone on its line: name,
// attributes, and "/" when it closes itself. Attributes holding < or >
// (an arrow function, a JSX value) are not matched, and stay as written.
var componentLine = regexp.MustCompile(`^<([A-Z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)*)((?:\s[^<>]*?)?)\s*(/?)>\s*$`)

// listComponents are Docusaurus components that list pages or headings,
// which binome's theme lists by itself on section pages and beside the
// text: they go without a word.
var listComponents = map[string]bool{"DocCardList": true, "TOCInline": true}

// component rewrites an MDX component alone on its line, other than
// Tabs, TabItem and Admonition: CodeBlock becomes fenced code, the
// listing components go, and any other component that wraps Markdown
// (<BrowserWindow>, a site's own) gives way to its content. A component
// closing itself that binome does not know (<YouTube id="x" />) stays,
// and the foreign tag check warns of it.
func (n *normalizer) component(lines []string, i int, indent, rest string) []string {
	m := componentLine.FindStringSubmatch(rest)
	if m == nil {
		return nil
	}
	name, selfClosing := m[1], m[3] == "/"
	if selfClosing {
		out := []string{""}
		if listComponents[name] {
			return out
		}
		// A site's own link card: a link, with its description.
		link, label := linkCard(m[2])
		if link == "" {
			return nil
		}
		_, named := TagArgs(m[2])
		out[0] = indent + "- [" + escapeInline(label) + "](<" + link + ">)"
		if d := cmp.Or(named["description"], named["subtitle"]); d != "" && !strings.ContainsAny(d, "{}") {
			out[0] += " — " + escapeInline(d)
		}
		return out
	}
	j := n.htmlCloser(lines, i, "<"+name, "</"+name+">")
	if j < 0 {
		return nil
	}
	if name == "CodeBlock" {
		_, named := TagArgs(m[2])
		return codeBlock(lines[i:j+1], indent, named["language"])
	}
	// The content, indented inside the tags as JSX is, would be code.
	inner := lines[i+1 : j]
	body := n.block(dedent(inner, commonIndent(inner)))
	out := []string{""}
	if link, label := linkCard(m[2]); link != "" {
		// A site's own card that links a page, around its text: the link,
		// its text under it, an item of a list.
		out[0] = indent + "- [" + escapeInline(label) + "](<" + link + ">)  "
		for k, l := range body {
			if strings.TrimSpace(l) != "" {
				body[k] = indent + "  " + l
			}
		}
	}
	out = append(out, body...)
	return append(out, "")
}

// linkCard is the link and title of a component that names both (a
// site's own card: to= or href= or link=, title= or label=), or "".
func linkCard(attrs string) (link, label string) {
	_, named := TagArgs(attrs)
	link = cmp.Or(named["link"], named["href"], named["to"], named["url"])
	label = cmp.Or(named["title"], named["label"], named["name"])
	if link == "" || label == "" || strings.ContainsAny(link, "<>{}\n") || strings.ContainsAny(label, "{}") {
		return "", ""
	}
	return link, label
}

// commonIndent is the indentation all the lines that hold text share.
func commonIndent(lines []string) string {
	common, first := "", true
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		ind := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
		if first || len(ind) < len(common) {
			common, first = ind, false
		}
	}
	return common
}

// openTagEnd is the line where a tag that opens lines[i] and goes over
// several lines ends, -1 when it ends on its own line or is no such tag:
// a Hugo shortcode ({{< figure\n src="a.png" >}}) or, in MDX, a
// component (<TabItem\n value="npm">).
func openTagEnd(lines []string, i int, rest string, mdx bool) int {
	var closer string
	switch {
	case strings.HasPrefix(rest, "{{<"):
		closer = ">}}"
	case strings.HasPrefix(rest, "{{%"):
		closer = "%}}"
	case mdx && len(rest) > 1 && rest[0] == '<' && 'A' <= rest[1] && rest[1] <= 'Z':
		if k := tagEnd(lines, i); k > i {
			return k
		}
		return -1
	default:
		return -1
	}
	if strings.Contains(rest, closer) {
		return -1
	}
	for k := i + 1; k < len(lines) && k <= i+20; k++ {
		if strings.TrimSpace(lines[k]) == "" {
			return -1
		}
		if strings.Contains(lines[k], closer) {
			if strings.TrimSpace(lines[k][strings.Index(lines[k], closer)+len(closer):]) != "" {
				return -1 // text after the tag: not a tag alone on its lines
			}
			return k
		}
	}
	return -1
}

// tagEnd is the line, from i on, where a tag opened on line i ends (the
// first > outside quotes), -1 if not within a few lines or if another
// tag opens first.
func tagEnd(lines []string, i int) int {
	quote := byte(0)
	for k := i; k < len(lines) && k < i+30; k++ {
		l := lines[k]
		if k == i {
			l = strings.TrimLeft(l, " \t")
			if !strings.HasPrefix(l, "<") {
				return -1
			}
			l = l[1:] // past the tag's <
		}
		for j := 0; j < len(l); j++ {
			switch c := l[j]; {
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			case c == '<':
				return -1
			case c == '>':
				return k
			}
		}
		if k > i && strings.TrimSpace(l) == "" {
			return -1 // a blank line: no tag goes on
		}
	}
	return -1
}

// codeBlock rewrites Docusaurus' <CodeBlock language="x"> over lines
// (its opening and closing tags included) as fenced code. Its code is
// a template literal, {`…`}, whose marks and escapes go. Code held in
// a variable ({Example}, loaded by an import) cannot be shown: that
// stays as written.
func codeBlock(lines []string, indent, lang string) []string {
	out := slices.Clone(lines)
	body := out[1 : len(out)-1]
	first, last := -1, -1
	for k, l := range body {
		if strings.TrimSpace(l) != "" {
			if first < 0 {
				first = k
			}
			last = k
		}
	}
	if first < 0 {
		return nil
	}
	open, close := strings.TrimSpace(body[first]), strings.TrimSpace(body[last])
	if !strings.HasPrefix(open, "{`") || !strings.HasSuffix(close, "`}") || first == last && len(open) < 4 {
		return nil
	}
	body[first] = strings.Replace(body[first], "{`", "", 1)
	k := strings.LastIndex(body[last], "`}")
	body[last] = body[last][:k] + body[last][k+2:]
	for k, l := range body {
		body[k] = literalEscapes.Replace(l)
	}
	// The fences take the lines of {` and `} when those hold nothing
	// else, so the code neither starts nor ends with an empty line.
	openAt, closeAt := 0, len(out)-1
	if strings.TrimSpace(body[first]) == "" {
		openAt = first + 1
	}
	if last != first && strings.TrimSpace(body[last]) == "" {
		closeAt = last + 1
	}
	for k := range out {
		if k < openAt || k > closeAt {
			out[k] = ""
		}
	}
	copy(out[openAt:], codeFence(out[openAt+1:closeAt], indent, lang))
	return out
}

// literalEscapes undoes a JavaScript template literal's escapes.
var literalEscapes = strings.NewReplacer("\\`", "`", "\\${", "${", `\\`, `\`)

// hasComponent reports whether b holds what may be a JSX component's
// tag: a < before a capital letter.
func hasComponent(b []byte) bool {
	for i := 0; ; {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			return false
		}
		i += j + 1
		if i < len(b) && 'A' <= b[i] && b[i] <= 'Z' {
			return true
		}
	}
}

// htmlCloser finds the line that closes the HTML block opened at
// lines[i], counting nested ones; -1 when it is never closed.
func (n *normalizer) htmlCloser(lines []string, i int, open, close string) int {
	return n.closing(lines, i, open, false, func(line string) (opens, closes bool) {
		t := strings.TrimSpace(line)
		return strings.HasPrefix(t, open), t == close
	})
}

// blockAttributes matches a line of Goldmark block attributes: {.class},
// {#id}, {key=value …}, nothing else.
var blockAttributes = regexp.MustCompile(`^\{\s*(?:[.#][\w-]+|[\w-]+=(?:"[^"]*"|'[^']*'|[^\s"'{}]+))(?:\s+(?:[.#][\w-]+|[\w-]+=(?:"[^"]*"|'[^']*'|[^\s"'{}]+)))*\s*\}\s*$`)

// pathLink is a link alone on its line: indent, text, destination.
var pathLink = regexp.MustCompile(`^(\s*(?:[*+-]\s+)?)\[([^\]]*)\]\(([^()\s]+)\)\s*$`)

// wholeTag is a Liquid or Hugo tag alone on its line.
type wholeTag struct {
	hugo bool
	name string // lower case, without "end" or "/"
	end  bool   // {% endname %} or {{< /name >}}
	args string
}

// parseWholeTag parses s as a Liquid or Hugo tag, the whole of it: what
// the expressions liquidTagRE and hugoTagRE of the tests match, read by
// hand. Looking for a closing tag
// tries every line after an opening one, and a regular expression costs
// the length of the line even when it fails at its first bytes;
// FuzzDialectParsers checks that both ways agree.
func parseWholeTag(s string) (wholeTag, bool) {
	if rest, ok := strings.CutPrefix(s, "{%"); ok {
		// {%-? name args -?%}
		rest = trimTagSpace(strings.TrimPrefix(rest, "-"))
		n := tagNameLen(rest)
		body, ok := strings.CutSuffix(rest[n:], "%}")
		if n == 0 || !ok {
			return wholeTag{}, false
		}
		name := strings.ToLower(rest[:n])
		t := wholeTag{name: name, args: tagBody(body, "-")}
		if strings.Contains(t.args, "\n") {
			return wholeTag{}, false // "." does not cross a line
		}
		if rest, ok := strings.CutPrefix(name, "end"); ok && rest != "" {
			t.name, t.end = rest, true
		}
		return t, true
	}
	if rest, ok := strings.CutPrefix(s, "{{"); ok && rest != "" && (rest[0] == '<' || rest[0] == '%') {
		// {{< /?name args >}} or {{% /?name args %}}
		open := rest[0]
		rest = trimTagSpace(rest[1:])
		end := strings.HasPrefix(rest, "/")
		if end {
			rest = trimTagSpace(rest[1:])
		}
		n := tagNameLen(rest)
		body, ok := strings.CutSuffix(rest[n:], "}}")
		if n == 0 || !ok || body == "" {
			return wholeTag{}, false
		}
		closeBy := body[len(body)-1]
		if closeBy != '>' && closeBy != '%' || (open == '<') != (closeBy == '>') {
			return wholeTag{}, false
		}
		args := tagBody(body[:len(body)-1], "")
		if strings.Contains(args, "\n") {
			return wholeTag{}, false
		}
		return wholeTag{hugo: true, name: strings.ToLower(rest[:n]), end: end, args: args}, true
	}
	return wholeTag{}, false
}

// tagNameLen is the length of the tag name s starts with: [A-Za-z][\w-]*.
func tagNameLen(s string) int {
	if s == "" || !('a' <= s[0]|0x20 && s[0]|0x20 <= 'z') {
		return 0
	}
	n := 1
	for n < len(s) && (isWordByte(s[n]) || s[n] == '-') {
		n++
	}
	return n
}

// tagBody is a tag's arguments from what follows its name, its closing
// delimiter cut: the spaces around cut, and dash, when not empty, cut
// from the end before the spaces (Liquid's {%- x -%}).
func tagBody(s, dash string) string {
	s = trimTagSpace(s)
	if dash != "" {
		s = strings.TrimSuffix(s, dash)
	}
	return strings.TrimRight(s, " \t\n\f\r")
}

// trimTagSpace cuts the spaces \s matches from the start of s.
func trimTagSpace(s string) string { return strings.TrimLeft(s, " \t\n\f\r") }

// hugoCallouts are the shortcodes of Hugo themes (Book, Learn, Relearn,
// Docsy with its alert and pageinfo, Blowfish, Hextra, LoveIt, Kubernetes' docs) and of Hugo itself
// that box their content, by where the callout's kind comes from: their
// arguments ('a'), their own name ('n'), or their arguments in a callout
// that folds ('f').
var hugoCallouts = map[string]byte{
	"hint": 'a', "notice": 'a', "alert": 'a', "callout": 'a', "admonition": 'a', "pageinfo": 'a',
	"details": 'f', "expand": 'f', "spoiler": 'f', "collapse": 'f',
	"note": 'n', "tip": 'n', "warning": 'n', "info": 'n', "caution": 'n',
	"important": 'n', "danger": 'n',
}

// hugoComment reads the Hugo comment shortcode s starts with,
// {{< comment >}} or {{% /comment %}}, and returns its length, 0 for
// none, and whether it closes.
func hugoComment(s string) (n int, closes bool) {
	if len(s) < 3 || s[:2] != "{{" || (s[2] != '<' && s[2] != '%') {
		return 0, false
	}
	shut := byte('>')
	if s[2] == '%' {
		shut = '%'
	}
	rest := trimTagSpace(s[3:])
	if rest, closes = strings.CutPrefix(rest, "/"); closes {
		rest = trimTagSpace(rest)
	}
	rest, ok := strings.CutPrefix(rest, "comment")
	if !ok {
		return 0, false
	}
	rest = trimTagSpace(rest)
	if len(rest) < 3 || rest[0] != shut || rest[1:3] != "}}" {
		return 0, false
	}
	return len(s) - len(rest) + 3, closes
}

// hugoCommentEnd returns where the first closing comment shortcode of s
// ends; -1 when s has none.
func hugoCommentEnd(s string) int {
	for i := 0; ; i += 2 {
		j := strings.Index(s[i:], "{{")
		if j < 0 {
			return -1
		}
		i += j
		if n, closes := hugoComment(s[i:]); n > 0 && closes {
			return i + n
		}
	}
}

// tagLine rewrites a Liquid or Hugo tag that stands alone on its line.
func (n *normalizer) tagLine(lines []string, i int, indent, rest string) []string {
	t, ok := parseWholeTag(strings.TrimRight(rest, " \t"))
	if !ok {
		return n.runInCallout(lines, i, indent, rest)
	}
	pos, named := TagArgs(t.args)
	if t.hugo && t.name == "blocks" && len(pos) > 0 && strings.HasPrefix(pos[0], "/") {
		// Docsy's landing page blocks, {{% blocks/cover title="…" %}}
		// and lead, section, feature: boxes of a home page's design,
		// around Markdown. The box goes; a cover's or a feature's title
		// stays, in bold over the text, a feature's linked to its url.
		title := strings.TrimSpace(named["title"])
		if t.end || title == "" {
			return []string{""}
		}
		line := tabTitle(indent, title)
		if u := named["url"]; u != "" && !strings.ContainsAny(u, "<>\n") {
			line = indent + "**[" + escapeInline(title) + "](<" + u + ">)**  "
		}
		return []string{line}
	}
	switch {
	case t.end:
		switch t.name {
		case "tabs", "tabpane", "tab", "code", "content-ref", "embed", "raw", "table", "file", "cards", "card", "cardpane":
			return []string{""}
		}
	case !t.hugo && t.name == "hint":
		j := n.closer(lines, i, t)
		if j < 0 {
			return nil
		}
		return n.callout(lines, i, j, indent, named["style"], 0, "")
	case t.hugo && hugoCallouts[t.name] != 0:
		j := n.closer(lines, i, t)
		if j < 0 {
			return n.runInCallout(lines, i, indent, rest)
		}
		kind, fold, title := hugoCallout(t.name, pos, named)
		return n.callout(lines, i, j, indent, kind, fold, title)
	case t.name == "highlight" || (t.hugo && t.name == "mermaid"):
		j := n.closer(lines, i, t)
		if j < 0 {
			return nil
		}
		lang := "mermaid"
		if t.name == "highlight" {
			lang = cmp.Or(pos...)
		}
		return codeFence(lines[i+1:j], indent, lang)
	case t.name == "comment":
		// Liquid's comment, and Hugo's (since 0.137, and Docsy's before),
		// hide what they hold, over as many lines.
		j := n.closer(lines, i, t)
		if j < 0 {
			return nil
		}
		return make([]string, j-i+1)
	case t.name == "raw" && !t.hugo:
		j := n.closer(lines, i, t)
		if j < 0 {
			return []string{""}
		}
		// What is in raw is text the author wants shown as written.
		out := append([]string{""}, lines[i+1:j]...)
		return append(out, "")
	case t.name == "content-ref" && !t.hugo:
		// GitBook's page card: its link's text is the file's path, which
		// GitBook replaces with the page's title; so does binome, for a
		// link without text.
		j := n.closer(lines, i, t)
		if j < 0 {
			return []string{""}
		}
		out := []string{""}
		for _, l := range lines[i+1 : j] {
			if m := pathLink.FindStringSubmatch(l); m != nil && (m[2] == m[3] || m[2] == path.Base(m[3])) {
				l = m[1] + "[](" + m[3] + ")"
			}
			out = append(out, l)
		}
		return append(out, "")
	case t.name == "tabs" || t.name == "tabpane" || t.name == "toc" || t.name == "content-ref":
		return []string{""}
	case t.hugo && (t.name == "children" || t.name == "list_children" || t.name == "list-children" || t.name == "section" || t.name == "toc-tree"):
		// A list of the section's pages, which binome's section pages
		// show anyway.
		return []string{""}
	case t.name == "tab":
		title := cmp.Or(named["title"], named["name"], named["header"])
		if title == "" && len(pos) > 0 {
			title = pos[0]
		}
		if title == "" {
			return []string{""}
		}
		return []string{tabTitle(indent, title)}
	case t.hugo && (t.name == "cards" || t.name == "cardpane"):
		return []string{""}
	case t.hugo && t.name == "card" && named["link"] == "":
		// Docsy's card, a box with a header around its content: its
		// header, title and subtitle in bold, on a line over the content,
		// and its footer on the line of its closing tag. They are
		// Markdown already (title="__Art. 14__").
		var parts []string
		for _, k := range []string{"header", "title", "subtitle"} {
			if v := strings.TrimSpace(named[k]); v != "" {
				parts = append(parts, v)
			}
		}
		head := ""
		if len(parts) > 0 {
			head = indent + strings.Join(parts, " · ") + "  "
		}
		j := n.closer(lines, i, t)
		if j < 0 {
			return []string{head}
		}
		out := append([]string{head}, n.block(lines[i+1:j])...)
		return append(out, indent+strings.TrimSpace(named["footer"]))
	case t.hugo && t.name == "card":
		// Hextra's and Lotus Docs' link cards: an item of a list of
		// links, with the card's subtitle after its title.
		link, title := named["link"], cmp.Or(named["title"], named["link"])
		if strings.ContainsAny(link, "<>\n") {
			return nil
		}
		item := "- [" + escapeInline(title) + "](<" + link + ">)"
		if sub := named["subtitle"]; sub != "" {
			item += " — " + escapeInline(sub)
		}
		return []string{item}
	case t.name == "table" && t.hugo:
		// A wrapper around a Markdown table, with its caption.
		if title := named["title"]; title != "" {
			return []string{indent + "*" + escapeInline(title) + "*"}
		}
		return []string{""}
	case t.name == "code" && !t.hugo:
		if title := named["title"]; title != "" {
			return []string{indent + "*" + escapeInline(title) + "*"}
		}
		return []string{""}
	}
	return nil
}

// runInCallout rewrites a Hugo callout shortcode whose text runs on
// the lines of its tags, as Docsy writes its alerts:
//
//	{{% alert title="Note" %}}This is an alert.{{% /alert %}}
//	{{% pageinfo %}} A placeholder page that shows you how to use
//	this template. {{% /pageinfo %}}
//
// The closing tag ends a line of the same paragraph. The text that
// follows the opening tag stays on its line, after the marker and title
// and CalloutBody, so that each line keeps its number.
func (n *normalizer) runInCallout(lines []string, i int, indent, rest string) []string {
	closeBy := ">}}"
	if strings.HasPrefix(rest, "{{%") {
		closeBy = "%}}"
	}
	end := strings.Index(rest, closeBy)
	if end < 0 {
		return nil
	}
	t, ok := parseWholeTag(rest[:end+3])
	if !ok || !t.hugo || t.end || hugoCallouts[t.name] == 0 {
		return nil
	}
	body := []string{rest[end+3:]}
	for j := i; ; j++ {
		if j > i {
			if j == len(lines) || strings.TrimSpace(lines[j]) == "" {
				return nil // the paragraph ends before the tag closes
			}
			body = append(body, strings.TrimPrefix(lines[j], indent))
		}
		last := strings.TrimRight(body[len(body)-1], " \t")
		at := strings.LastIndex(last, "{{")
		if at < 0 || !strings.HasSuffix(last, "}}") {
			continue
		}
		if c, ok := parseWholeTag(last[at:]); ok && c.hugo && c.end && c.name == t.name {
			body[len(body)-1] = last[:at]
			break
		}
	}
	pos, named := TagArgs(t.args)
	kind, fold, title := hugoCallout(t.name, pos, named)
	body = n.block(body)
	out := n.calloutLines(indent, kind, fold, title, body)
	out[1] = out[0] // the marker, on the line of the opening tag
	if first := strings.TrimSpace(body[0]); first != "" {
		out[1] += CalloutBody + first
	}
	return out[1:]
}

// hugoCallout reads the kind, folding and title of a callout shortcode
// from its arguments, as the themes that define them write them.
func hugoCallout(name string, pos []string, named map[string]string) (kind string, fold byte, title string) {
	kind = cmp.Or(named["type"], named["style"], named["color"], named["context"], named["kind"])
	if f := strings.Fields(kind); len(f) > 1 {
		kind = f[0] // Docsy's color="warning td-max-width-on-larger-screens": the rest are classes
	}
	title = cmp.Or(named["title"], named["summary"], named["header"])
	from := hugoCallouts[name]
	switch {
	case kind != "":
	case from == 'n':
		kind = name // {{< warning >}}
	case len(pos) > 0:
		if _, ok := CalloutKind(pos[0]); ok {
			kind, pos = pos[0], pos[1:]
		}
	}
	if from == 'f' {
		fold = '-'
		if v, ok := named["open"]; (ok && v != "false") || (len(pos) > 0 && pos[len(pos)-1] == "open") {
			fold = '+'
			if len(pos) > 0 && pos[len(pos)-1] == "open" {
				pos = pos[:len(pos)-1]
			}
		}
	} else if v, ok := named["open"]; ok && v == "false" {
		fold = '-'
	}
	if title == "" && len(pos) > 0 {
		// What is left after the kind is the title: {{< callout note
		// About this book >}}, {{% notice tip "Title" %}}; Blowfish's
		// alert names an icon there instead.
		if name != "alert" {
			title = strings.Join(pos, " ")
		}
	}
	return kind, fold, title
}

// closer finds the line that closes the paired tag opened at lines[i],
// counting nested tags of the same name and skipping fenced code; -1 when
// it is never closed.
func (n *normalizer) closer(lines []string, i int, open wholeTag) int {
	verbatim := open.name == "highlight" || open.name == "raw" || open.name == "mermaid" || open.name == "comment"
	return n.closing(lines, i, open.name, !verbatim, func(line string) (opens, closes bool) {
		_, rest := splitIndent(line)
		t, ok := parseWholeTag(strings.TrimRight(rest, " \t"))
		if !ok || t.name != open.name || t.hugo != open.hugo {
			return false, false
		}
		return !t.end, t.end
	})
}

// closing finds the line after lines[i] that closes the container opened
// there: classify says of each line whether it opens one more container
// of the kind or closes one, and nested ones are counted; with skipFences,
// lines in fenced code are not looked at. It is -1 when the container is
// never closed, and key remembers that, so a later opener of the kind is
// not looked for again, which would take time quadratic in a page's
// length.
func (n *normalizer) closing(lines []string, i int, key string, skipFences bool, classify func(line string) (opens, closes bool)) int {
	if n.unclosed[key] {
		return -1
	}
	depth := 0
	fence := ""
	for j := i + 1; j < len(lines); j++ {
		if skipFences {
			_, rest := splitIndent(lines[j])
			if fence != "" {
				if strings.HasPrefix(rest, fence) && strings.Trim(rest, fence[:1]+" \t") == "" {
					fence = ""
				}
				continue
			}
			if strings.HasPrefix(rest, "```") || strings.HasPrefix(rest, "~~~") {
				fence = string(openingFence([]byte(rest)))
				continue
			}
		}
		opens, closes := classify(lines[j])
		switch {
		case opens:
			depth++
		case !closes:
		case depth == 0:
			return j
		default:
			depth--
		}
	}
	if n.unclosed == nil {
		n.unclosed = map[string]bool{}
	}
	n.unclosed[key] = true
	return -1
}

// callout writes lines[i:j+1], an opening line, a body and a closing
// line, as a binome callout whose body is normalized in turn.
func (n *normalizer) callout(lines []string, i, j int, indent, kind string, fold byte, title string) []string {
	out := n.calloutLines(indent, kind, fold, title, n.block(dedent(lines[i+1:j], indent)))
	return append(out, "")
}

// calloutLines writes an opening marker line and body as a blockquote
// callout at indent.
func (n *normalizer) calloutLines(indent, kind string, fold byte, title string, body []string) []string {
	k, ok := CalloutKind(kind)
	if !ok {
		k = "note"
	}
	marker := strings.ToUpper(k)
	if w := strings.ToLower(kind); ok && w != k && !colourTypes[w] {
		marker = w // the renderer names it as its tool did: Example
	}
	head := indent + "> [!" + marker + "]"
	if fold != 0 {
		head += string(fold)
	}
	if title = strings.TrimSpace(title); title != "" {
		head += " " + title
	}
	out := make([]string, 0, len(body)+2)
	out = append(out, head)
	for _, l := range body {
		if strings.TrimSpace(l) == "" {
			out = append(out, indent+">")
		} else {
			out = append(out, indent+"> "+l)
		}
	}
	return out
}

// obsidianAdmonition rewrites the blocks of Obsidian's Admonition
// plugin, a fenced block whose language is ad-<type>, into a callout:
// its first lines may set title:, collapse: (open or closed, which fold
// it), icon: and color: (the theme's, not the author's); the rest is
// Markdown. It returns nil when the block is never closed, or its depth
// is too great.
func (n *normalizer) obsidianAdmonition(lines []string, i int, indent, rest string) []string {
	if n.depth > maxDepth {
		return nil
	}
	fence := openingFence([]byte(rest))
	kind := strings.TrimSpace(strings.TrimPrefix(rest[len(fence):], "ad-"))
	if kind == "" || strings.ContainsAny(kind, " {") {
		return nil
	}
	j := -1
	for k := i + 1; k < len(lines); k++ {
		_, r := splitIndent(lines[k])
		if strings.HasPrefix(r, string(fence)) && strings.Trim(r, string(fence[:1])+" \t") == "" {
			j = k
			break
		}
	}
	if j < 0 {
		return nil
	}
	body := dedent(lines[i+1:j], indent)
	title, fold := "", byte(0)
	params := 0
	for _, l := range body {
		key, value, ok := strings.Cut(strings.TrimSpace(l), ":")
		if !ok {
			break
		}
		switch strings.ToLower(key) {
		case "title":
			title = strings.TrimSpace(value)
		case "collapse":
			switch strings.ToLower(strings.TrimSpace(value)) {
			case "open":
				fold = '+'
			case "closed", "true":
				fold = '-'
			}
		case "icon", "color":
		default:
			params = -1
		}
		if params < 0 {
			break
		}
		params++
	}
	params = max(params, 0)
	// The parameter lines become blank, and so does the closing fence:
	// every line keeps its number.
	blanked := make([]string, len(body))
	copy(blanked, body)
	for k := range params {
		blanked[k] = ""
	}
	out := n.calloutLines(indent, kind, fold, title, n.block(blanked))
	return append(out, "")
}

// colonFence rewrites Docusaurus' and VitePress' containers:
// `:::tip Title` or `:::tip[Title]` up to a line of as many colons. Known
// kinds and details become callouts; other containers (code-group, v-pre)
// keep only their content.
// colonOpen matches a container's opening line as
// ^(:{3,})\s*([A-Za-z][\w-]*)?\s*(?:\[(.*)\]|(.*))$ would: the line, its
// colons, its kind, and its title in brackets or not, or nil.
func colonOpen(s string) []string {
	colons := len(s) - len(strings.TrimLeft(s, ":"))
	if colons < 3 {
		return nil
	}
	rest := trimTagSpace(s[colons:])
	word := 0
	if rest != "" && 'a' <= rest[0]|0x20 && rest[0]|0x20 <= 'z' {
		word = 1 + wordLen(rest[1:])
	}
	title := trimTagSpace(rest[word:])
	if strings.IndexByte(title, '\n') >= 0 {
		return nil // "." does not cross a line
	}
	if len(title) >= 2 && title[0] == '[' && title[len(title)-1] == ']' {
		return []string{s, s[:colons], rest[:word], title[1 : len(title)-1], ""}
	}
	return []string{s, s[:colons], rest[:word], "", title}
}

func (n *normalizer) colonFence(lines []string, i int, indent, rest string) []string {
	m := colonOpen(strings.TrimRight(rest, " \t"))
	if m == nil || m[2] == "" {
		return nil
	}
	colons := m[1]
	j := n.closing(lines, i, colons, false, func(line string) (opens, closes bool) {
		_, r := splitIndent(line)
		r = strings.TrimRight(r, " \t")
		return strings.HasPrefix(r, colons) && len(r) > len(colons) && r[len(colons)] != ':', r == colons
	})
	if j < 0 {
		return nil
	}
	word, title := strings.ToLower(m[2]), strings.TrimSpace(m[3]+m[4])
	if word == "details" {
		return n.callout(lines, i, j, indent, "note", '-', title)
	}
	if _, ok := CalloutKind(word); !ok {
		out := append([]string{""}, n.block(lines[i+1:j])...)
		return append(out, "")
	}
	return n.callout(lines, i, j, indent, word, 0, title)
}

// slashBlock rewrites a block of pymdownx.blocks, the generic syntax of
// MkDocs Material's newer pages, from its opening line to the line of
// as many slashes that closes it:
//
//	/// details | Summary
//	    type: warning
//	    open: true
//
//	Content.
//	///
//
// admonition, details and the admonition types (note, tip, warning…)
// become callouts, of the type their options give; tab a tab's title;
// any other block (html, caption, define) gives way to its content. The
// options, indented lines under the opening one, go.
func (n *normalizer) slashBlock(lines []string, i int, indent, rest string) []string {
	m := slashOpen.FindStringSubmatch(strings.TrimRight(rest, " \t"))
	if m == nil {
		return nil
	}
	slashes, name, arg := m[1], strings.ToLower(m[2]), strings.TrimSpace(m[3])
	j := n.closing(lines, i, slashes+" ", true, func(line string) (opens, closes bool) {
		_, r := splitIndent(line)
		r = strings.TrimRight(r, " \t")
		if r == slashes {
			return false, true
		}
		o := slashOpen.FindStringSubmatch(r)
		return o != nil && o[1] == slashes, false
	})
	if j < 0 {
		return nil
	}
	body := slices.Clone(lines[i : j+1])
	opts := map[string]string{}
	for k := 1; k < len(body)-1; k++ {
		l := strings.TrimPrefix(body[k], indent)
		if !strings.HasPrefix(l, "    ") && !strings.HasPrefix(l, "\t") {
			break
		}
		if key, v, ok := strings.Cut(strings.TrimSpace(l), ":"); ok {
			opts[strings.ToLower(strings.TrimSpace(key))] = strings.Trim(strings.TrimSpace(v), `"'`)
		}
		body[k] = ""
	}
	kind, callout := name, true
	var fold byte
	switch name {
	case "admonition":
		kind = cmp.Or(opts["type"], "note")
	case "details":
		kind, fold = cmp.Or(opts["type"], "note"), '-'
		if strings.EqualFold(opts["open"], "true") {
			fold = '+'
		}
	default:
		_, callout = CalloutKind(name)
	}
	if callout {
		return n.callout(body, 0, len(body)-1, indent, kind, fold, arg)
	}
	out := []string{""}
	if name == "tab" && arg != "" {
		out[0] = tabTitle(indent, arg)
	}
	out = append(out, n.block(body[1:len(body)-1])...)
	return append(out, "")
}

// slashOpen is the line that opens a block of pymdownx.blocks: three
// slashes or more, the block's name, and "| " and its argument.
var slashOpen = regexp.MustCompile(`^(/{3,})\s*([A-Za-z][\w-]*)\s*(?:\|\s*(.*))?$`)

// admonition rewrites MkDocs' `!!! type "Title"`, and the folding
// `??? type` (closed) and `???+ type` (open), whose body is the indented
// lines that follow.
func (n *normalizer) admonition(lines []string, i int, indent, rest string) []string {
	mark, kind, title, ok := admonitionOpen(rest)
	if !ok {
		return nil
	}
	var fold byte
	switch mark {
	case "???":
		fold = '-'
	case "???+":
		fold = '+'
	}
	if _, known := CalloutKind(kind); !known && title == "" {
		// A type of the site's own (??? solution, !!! exercise) titles
		// the box in MkDocs, as a word with a capital: drawn as a note,
		// it keeps that title.
		r, size := utf8.DecodeRuneInString(kind)
		title = string(unicode.ToUpper(r)) + strings.ReplaceAll(kind[size:], "-", " ")
	}
	body := indentedBody(lines, i, indent)
	return n.calloutLines(indent, kind, fold, title, n.block(body))
}

// admonitionOpen reads the line that opens an admonition: its mark
// ("!!!", "???" or "???+"), its kind, and its title if quoted; words
// between kind and title (MkDocs' "inline end") are passed over. It
// matches what ^(!!!|\?\?\?\+?)\s*([\w-]+)((?:\s+[\w-]+)*)\s*(?:"(.*)")?\s*$
// does (FuzzDialectParsers checks it), by hand: those lines are many in
// a MkDocs handbook, and the expression was slow on them.
func admonitionOpen(s string) (mark, kind, title string, ok bool) {
	switch {
	case strings.HasPrefix(s, "!!!"):
		mark = "!!!"
	case strings.HasPrefix(s, "???+"):
		mark = "???+"
	case strings.HasPrefix(s, "???"):
		mark = "???"
	default:
		return "", "", "", false
	}
	rest := trimTagSpace(s[len(mark):])
	n := wordLen(rest)
	if n == 0 {
		return "", "", "", false
	}
	kind, rest = rest[:n], rest[n:]
	for {
		r := trimTagSpace(rest)
		w := wordLen(r)
		if w == 0 || len(r) == len(rest) {
			break
		}
		rest = r[w:]
	}
	rest = trimTagSpace(rest)
	if strings.HasPrefix(rest, `"`) {
		if title, ok = quotedToEnd(rest); !ok {
			return "", "", "", false
		}
	} else if rest != "" {
		return "", "", "", false
	}
	return mark, kind, title, true
}

// wordLen is the length of the run of [\w-] s starts with.
func wordLen(s string) int {
	n := 0
	for n < len(s) && (isWordByte(s[n]) || s[n] == '-') {
		n++
	}
	return n
}

// quotedToEnd reads s as "(.*)"\s*$ would: from its opening quote to the
// last quote, after which only spaces may follow, with no line break
// between the quotes.
func quotedToEnd(s string) (string, bool) {
	k := strings.LastIndexByte(s, '"')
	if k <= 0 || trimTagSpace(s[k+1:]) != "" || strings.IndexByte(s[1:k], '\n') >= 0 {
		return "", false
	}
	return s[1:k], true
}

// mkdocsTab rewrites a tab of MkDocs' tabbed extension, `=== "Title"`,
// as its title in bold over its indented content.
func (n *normalizer) mkdocsTab(lines []string, i int, indent, rest string) []string {
	title, ok := tabOpen(rest)
	if !ok {
		return nil
	}
	body := n.block(indentedBody(lines, i, indent))
	out := make([]string, 0, len(body)+1)
	out = append(out, tabTitle(indent, title))
	for _, l := range body {
		if strings.TrimSpace(l) == "" {
			out = append(out, l)
		} else {
			out = append(out, indent+l)
		}
	}
	return out
}

// tabOpen reads the line that opens a tab, === "Title" (or ===! or ===+),
// as ^===[!+]?\s+"(.*)"\s*$ would (FuzzDialectParsers checks it), and returns
// its title.
func tabOpen(s string) (string, bool) {
	rest, ok := strings.CutPrefix(s, "===")
	if !ok {
		return "", false
	}
	if rest != "" && (rest[0] == '!' || rest[0] == '+') {
		rest = rest[1:]
	}
	r := trimTagSpace(rest)
	if len(r) == len(rest) || !strings.HasPrefix(r, `"`) {
		return "", false
	}
	return quotedToEnd(r)
}

// tabTitle writes a tab's title in bold, ending in a hard line break so
// that a tab's first line of text, when it follows at once, goes under it
// rather than after it.
func tabTitle(indent, title string) string {
	return indent + "**" + escapeInline(title) + "**  "
}

// indentedBody returns, dedented, the lines after lines[i] indented by
// four more columns than indent (blank lines included, trailing ones
// not): the body of an admonition or a tab.
func indentedBody(lines []string, i int, indent string) []string {
	end := i + 1
	for k := i + 1; k < len(lines); k++ {
		if strings.TrimSpace(lines[k]) == "" {
			continue
		}
		if !strings.HasPrefix(lines[k], indent) || columns(lines[k][len(indent):]) < 4 {
			break
		}
		end = k + 1
	}
	body := make([]string, 0, end-i-1)
	for _, l := range lines[i+1 : end] {
		if strings.TrimSpace(l) == "" {
			body = append(body, "")
			continue
		}
		body = append(body, dropColumns(l[len(indent):], 4))
	}
	return body
}

// attributeList rewrites a line of kramdown attributes, `{: .class }`:
// Just the Docs' callout classes (note, warning, important, highlight,
// new, and their -title forms) box the block that follows; any other
// list, and {:toc}, goes.
var ialLine = regexp.MustCompile(`^\{:\s*(.*?)\s*\}$`)

var jtdCallouts = map[string]string{
	"note": "note", "warning": "warning", "important": "important",
	"highlight": "tip", "new": "tip",
}

func (n *normalizer) attributeList(lines []string, i int, indent, rest string) []string {
	if !ialLine.MatchString(strings.TrimRight(rest, " \t")) {
		return nil
	}
	kind, titled, ok := jtdCallout(rest)
	if !ok || i+1 >= len(lines) || strings.TrimSpace(lines[i+1]) == "" {
		return []string{""}
	}
	// The block that follows: a paragraph, or a blockquote whose markers
	// the callout takes over.
	end := i + 1
	for end < len(lines) && strings.TrimSpace(lines[end]) != "" {
		end++
	}
	box := n.boxLines(n.block(lines[i+1:end]), indent, kind, titled)
	// The attribute line holds the marker; the block keeps its lines.
	return box
}

// jtdCallout reads a line of kramdown attributes that holds one of Just
// the Docs' callout classes: the callout's kind, and whether it is the
// -title form, whose block's first line is the title.
func jtdCallout(rest string) (kind string, titled, ok bool) {
	m := ialLine.FindStringSubmatch(strings.TrimRight(rest, " \t"))
	if m == nil {
		return "", false, false
	}
	f := strings.Fields(m[1])
	if len(f) != 1 || !strings.HasPrefix(f[0], ".") {
		return "", false, false
	}
	class := f[0][1:]
	if c, ok := strings.CutSuffix(class, "-title"); ok {
		class, titled = c, true
	}
	if kind, ok = jtdCallouts[class]; !ok {
		// Sites add their own callout classes (info, tip, danger).
		kind, ok = CalloutKind(class)
	}
	return kind, titled, ok
}

// afterIAL reports whether an attribute line that follows a block boxes
// it as a callout.
func afterIAL(rest string) bool {
	_, _, ok := jtdCallout(rest)
	return ok
}

// boxLines writes a block of text as a callout of kind, one line longer:
// a blockquote gives up its markers to the callout's, and in the -title
// form the block's first line is the title.
func (n *normalizer) boxLines(block []string, indent, kind string, titled bool) []string {
	body := make([]string, 0, len(block))
	quoted := len(block) > 0 && strings.HasPrefix(strings.TrimLeft(block[0], " "), ">")
	for _, l := range block {
		l = strings.TrimPrefix(l, indent)
		if quoted {
			l = strings.TrimPrefix(l, ">")
			l = strings.TrimPrefix(l, " ")
		}
		body = append(body, l)
	}
	title := ""
	if titled && len(body) > 0 {
		title, body[0] = body[0], ""
	}
	out := n.calloutLines(indent, kind, 0, title, body)
	if titled && len(out) > 1 {
		// The title line is now in the marker.
		out[1] = indent + ">"
	}
	return out
}

// codeFence writes lines as a fenced code block in lang, with the first
// and last lines (the tags) turned into the fences. The fence is longer
// than any run of backticks the code holds.
func codeFence(code []string, indent, lang string) []string {
	ticks := 3
	for _, l := range code {
		run := 0
		for _, c := range l {
			if c == '`' {
				run++
				ticks = max(ticks, run+1)
			} else {
				run = 0
			}
		}
	}
	f := strings.Repeat("`", ticks)
	out := make([]string, 0, len(code)+2)
	out = append(out, indent+f+lang)
	out = append(out, code...)
	return append(out, indent+f)
}

// inline rewrites the tags of one line that stand for inline content,
// outside its code spans: Hugo's figure, youtube and vimeo, GitBook's
// embed, Liquid's site.baseurl and URL filters and raw markers, and
// kramdown attribute lists at the end of the line.
func (n *normalizer) inline(line string) string {
	if !strings.Contains(line, "{") && !strings.Contains(line, "[[") && !strings.Contains(line, "`#!") && !strings.Contains(line, "`:::") && !strings.Contains(line, "></a>") && !strings.Contains(line, "<iframe") && !(n.mdx && hasComponent([]byte(line))) && !hasIcon(line) && !strings.Contains(line, "%%") && !strings.Contains(line, "==") && !strings.Contains(line, "++") && !strings.Contains(line, "****") {
		return line
	}
	var b strings.Builder
	done := 0
	// The bytes a construct below starts with; a space only on a line
	// with JSX's style attribute. The bytes between are skipped at once:
	// a paragraph is one line of hundreds of bytes.
	starts := "`[!%=:<{+$*"
	if strings.Contains(line, " style={{") {
		starts += " "
	}
	for i := 0; i < len(line); {
		j := strings.IndexAny(line[i:], starts)
		if j < 0 {
			break
		}
		i += j
		if line[i] == '$' {
			// Math is TeX, as written: _{i=1} is no attribute list.
			if _, w, _ := mathAt([]byte(line[i:])); w > 0 {
				i += w
			} else {
				i++
			}
			continue
		}
		if line[i] == '`' {
			end := skipCodeSpan([]byte(line), i)
			if u := unescapeShortcodes(line[i:end]); u != line[i:end] {
				b.WriteString(line[done:i])
				b.WriteString(u)
				i, done = end, end
				continue
			}
			if w := hilitePrefix(line[i:end]); w > 0 {
				// pymdownx.inlinehilite's language, `#!python range()`:
				// binome does not colour a span of code, and the mark
				// must not show.
				ticks := strings.IndexFunc(line[i:], func(r rune) bool { return r != '`' })
				b.WriteString(line[done : i+ticks])
				done = i + ticks + w
			}
			i = end
			continue
		}
		var repl string
		var width int
		switch {
		case (line[i] == '[' || line[i] == '!') && (strings.HasPrefix(line[i:], "[[") || strings.HasPrefix(line[i:], "![[")):
			repl, width = wikiLink(line[i:])
		case line[i] == '%' && strings.HasPrefix(line[i:], "%%"):
			// An Obsidian comment, %%like this%%: hidden.
			if j := strings.Index(line[i+2:], "%%"); j >= 0 {
				width = j + 4
			}
		case line[i] == '*' && strings.HasPrefix(line[i:], "****") && (i == 0 || line[i-1] != '*') && (len(line) == i+4 || line[i+4] != '*') && strings.Trim(line, "* \t") != "":
			// GitBook's editor leaves empty bold markers in its pages,
			// ****, which Markdown shows as text: they go.
			width = 4
		case line[i] == '+' && strings.HasPrefix(line[i:], "++") && (i == 0 || !isAlnum(line[i-1]) && line[i-1] != '+'):
			// pymdownx.keys' keyboard keys, ++ctrl+alt+del++, as <kbd>.
			repl, width = keys(line[i:])
		case line[i] == '=' && strings.HasPrefix(line[i:], "==") && (i == 0 || line[i-1] != '='):
			// Obsidian's highlight, ==like this==, as <mark>.
			if m := highlightMark.FindStringSubmatch(line[i:]); m != nil {
				repl, width = "<mark>"+m[1]+"</mark>", len(m[1])+4
			}
		case line[i] == ':' && (i == 0 || !isWordByte(line[i-1])) && i+1 < len(line) && strings.IndexByte("mofs", line[i+1]) >= 0:
			// MkDocs Material's icons, :material-react:{ .lg .middle },
			// drawn from icon fonts binome does not ship: they go.
			if m := materialIcon.FindStringIndex(line[i:]); m != nil {
				width = m[1]
			}
		case line[i] == ' ' && strings.HasPrefix(line[i:], " style={{"):
			// JSX's style attribute, which Docusaurus reads in any page:
			// left, the tag around it is no HTML and shows as text.
			if m := jsxStyle.FindStringIndex(line[i:]); m != nil {
				width = m[1]
			}
		case line[i] == '<' && strings.HasPrefix(line[i:], "<a "):
			if m := emptyAnchor.FindStringIndex(line[i:]); m != nil {
				width = m[1]
			}
		case line[i] == '<' && strings.HasPrefix(line[i:], "<iframe"):
			repl, width = iframeLink(line[i:])
		case line[i] == '{' && strings.HasPrefix(line[i:], "{:") && i > 0 && strings.IndexByte(")>*_]", line[i-1]) >= 0 && spanIAL.MatchString(line[i:]):
			// kramdown's attributes of a link or emphasis, anywhere in
			// the line: [x](url){: target="_blank"}.
			width = len(spanIAL.FindString(line[i:]))
		case line[i] == '{' && strings.HasPrefix(line[i:], "{/*"):
			// An MDX comment in a line, which Docusaurus 3 reads in .md
			// pages too; in a heading, {/* #custom-id */} is the
			// heading's ID, as Docusaurus reads it.
			if end := strings.Index(line[i:], "*/}"); end > 0 {
				width = end + 3
				if id := strings.TrimSpace(line[i+3 : i+end]); isHeadingLine(line) && headingID.MatchString(id) {
					repl = "{" + id + "}"
				}
			}
		case line[i] == '{' && i > 0 && !isHeadingLine(line) && attrSpanAt(line, i) > 0:
			// Python-Markdown's attribute lists, as MkDocs Material
			// writes them after an image, a link, inline HTML or
			// emphasis ({ .nocaption }, {#anchor}), or at a paragraph's
			// end: binome applies none, and they must not show as
			// text. A heading's are goldmark's own.
			width = attrSpanAt(line, i)
		case line[i] == '{' && i+1 < len(line):
			repl, width = inlineTag(line[i:], isHeadingLine(line))
		case n.mdx && line[i] == '<':
			repl, width = inlineComponent(line[i:])
		}
		if width == 0 {
			i++
			continue
		}
		b.WriteString(line[done:i])
		b.WriteString(repl)
		i += width
		done = i
	}
	if done == 0 {
		return line
	}
	b.WriteString(line[done:])
	n.changed = true
	return b.String()
}

// keySpan is pymdownx.keys' ++key+key++: keys are words, a character
// of punctuation, or quoted text.
var keySpan = regexp.MustCompile(`^\+\+((?:[A-Za-z0-9][\w-]*|[^\s\w+"]|"[^"\n]+")(?:\+(?:[A-Za-z0-9][\w-]*|[^\s\w+"]|"[^"\n]+"))*)\+\+`)

// keyNames are the names pymdownx.keys shows other than with a capital.
var keyNames = map[string]string{"ctrl": "Ctrl", "control": "Ctrl", "cmd": "Cmd", "command": "Cmd", "alt": "Alt", "option": "Option",
	"shift": "Shift", "del": "Del", "delete": "Del", "esc": "Esc", "escape": "Esc", "enter": "Enter", "return": "Return",
	"tab": "Tab", "space": "Space", "backspace": "Backspace", "windows": "Win", "win": "Win", "meta": "Meta", "super": "Super",
	"page-up": "Page Up", "page-down": "Page Down", "arrow-up": "↑", "arrow-down": "↓", "arrow-left": "←", "arrow-right": "→",
	"caps-lock": "Caps Lock", "num-lock": "Num Lock", "print-screen": "Print Screen", "insert": "Ins", "home": "Home", "end": "End"}

// keys writes the keys that s starts with as <kbd> elements joined by
// +, and returns their width in s; 0 when s starts with none.
func keys(s string) (string, int) {
	m := keySpan.FindStringSubmatch(s)
	if m == nil {
		return "", 0
	}
	var b strings.Builder
	for i, k := range splitKeys(m[1]) {
		if i > 0 {
			b.WriteByte('+')
		}
		name, ok := keyNames[strings.ToLower(k)]
		switch {
		case ok:
		case strings.HasPrefix(k, `"`):
			name = strings.Trim(k, `"`)
		default:
			r, size := utf8.DecodeRuneInString(k)
			name = string(unicode.ToUpper(r)) + k[size:]
		}
		b.WriteString("<kbd>" + html.EscapeString(name) + "</kbd>")
	}
	return b.String(), len(m[0])
}

// splitKeys splits ctrl+"a+b"+x at the + between keys.
func splitKeys(s string) []string {
	var out []string
	start, quoted := 0, false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			quoted = !quoted
		case '+':
			if !quoted && i > start {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}

// headingID is a heading's custom ID as an MDX comment holds it.
var headingID = regexp.MustCompile(`^#[\w-]+$`)

// abbreviation is the line that defines an abbreviation.
var abbreviation = regexp.MustCompile(`^\*\[[^\]]+\]:`)

// inlineHilite is the language mark that starts a span of code for
// pymdownx.inlinehilite: #!python or :::python, and a space.
var inlineHilite = regexp.MustCompile("^`+(?:#!|:::)[A-Za-z0-9_+#.-]+ ")

// hilitePrefix returns the width of the language mark of span, a code
// span with its backticks, or 0.
func hilitePrefix(span string) int {
	m := inlineHilite.FindString(span)
	if m == "" || !strings.HasSuffix(span, "`") || len(m) >= len(span)-1 {
		return 0
	}
	return len(strings.TrimLeft(m, "`"))
}

// attrSpan is an attribute list: {.class}, {#id}, {key=value}, and
// several of them, with or without kramdown's colon.
var attrSpan = regexp.MustCompile(`^\{:?\s*(?:[.#][\w:.-]+|[\w-]+=(?:"[^"]*"|'[^']*'|[^\s"'{}]+))(?:\s+(?:[.#][\w:.-]+|[\w-]+=(?:"[^"]*"|'[^']*'|[^\s"'{}]+)))*\s*\}`)

// attrSpanAt returns the width of the attribute list at line[i], which
// follows what it styles (")>]*_`", or a space before the line's end), or
// 0; a space before it goes too.
func attrSpanAt(line string, i int) int {
	m := attrSpan.FindString(line[i:])
	if m == "" {
		return 0
	}
	if strings.IndexByte(")>]*_`", line[i-1]) >= 0 {
		return len(m)
	}
	if line[i-1] == ' ' && strings.TrimSpace(line[i+len(m):]) == "" {
		return len(m)
	}
	return 0
}

// blockIDAt finds an Obsidian block id at the end of a line, " ^abc123"
// or a line of its own, and returns where it starts (its space included),
// or -1. It is scanned from the end by hand: a regular expression anchored
// only at the end tried every position of every line, a tenth of a cold
// build's CPU.
func blockIDAt(line string) int {
	end := len(line)
	for end > 0 && isSpace(line[end-1]) {
		end--
	}
	i := end
	for i > 0 && (isAlnum(line[i-1]) || line[i-1] == '-') {
		i--
	}
	if i == end || i == 0 || line[i-1] != '^' {
		return -1
	}
	i--
	switch {
	case i == 0:
		return 0
	case isSpace(line[i-1]):
		return i - 1
	}
	return -1
}

// liquidComment is a Liquid comment within one line: {% comment %}…{%
// endcomment %}, or Liquid 5's {% # … %}.
var liquidComment = regexp.MustCompile(`^\{%-?\s*(?:comment\s*-?%\}.*?\{%-?\s*endcomment|#[^%]*)\s*-?%\}`)

// highlightMark is Obsidian's ==highlight==: text that neither starts nor
// ends with a space, and no = run around it (a === heading rule is none).
var highlightMark = regexp.MustCompile(`^==([^\s=](?:[^=]*[^\s=])?)==(?:[^=]|$)`)

// materialIcon is a MkDocs Material icon shortcode with the attribute
// list that sizes it, and the space after it: a list item's text keeps
// its column, which its continuation lines are indented to.
var materialIcon = regexp.MustCompile(`^:(?:material|octicons|fontawesome|simple)-[a-z0-9-]+:(?:\{[^{}]*\})? ?`)

func hasIcon(line string) bool {
	if !strings.Contains(line, ":") {
		return false
	}
	for _, p := range [...]string{":material-", ":octicons-", ":fontawesome-", ":simple-"} {
		if strings.Contains(line, p) {
			return true
		}
	}
	return false
}

func isWordByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

var componentOpen = regexp.MustCompile(`^<([A-Z][A-Za-z0-9]*)((?:\s[^<>]*?)?)\s*>`)

// iframe is an embedded frame on one line, as video sites give them to
// paste: <iframe width="560" src="…" title="…" …></iframe>.
var iframe = regexp.MustCompile(`^<iframe\b[^<>]*>\s*</iframe>`)

// iframeLink rewrites the frame at the start of s as a link to what it
// shows, as the youtube shortcode is: an intranet page loads nothing
// from outside, and binome's HTML filter would show the tag as text.
func iframeLink(s string) (string, int) {
	m := iframe.FindString(s)
	if m == "" {
		return "", 0
	}
	_, named := TagArgs(strings.TrimSuffix(strings.TrimSpace(strings.TrimSuffix(m, "</iframe>")), ">")[len("<iframe"):])
	u := named["src"]
	if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") || strings.ContainsAny(u, " <>") {
		return "", 0
	}
	// A YouTube frame shows /embed/ID; the link opens the video's page.
	if id, ok := strings.CutPrefix(u, "https://www.youtube.com/embed/"); ok && id != "" && !strings.ContainsAny(id, "/?") {
		u = "https://www.youtube.com/watch?v=" + id
	}
	// Without its scheme and www., the address shown is no text that
	// linkify would make a second link inside this one.
	title := cmp.Or(named["title"], strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://"), "www."))
	// HTML, not Markdown: frames often sit in a <div>, an HTML block,
	// where Markdown is not read.
	return `<a href="` + html.EscapeString(u) + `">` + html.EscapeString(title) + `</a>`, len(m)
}

var (
	// jsxStyle is a style attribute written as a JSX object.
	jsxStyle = regexp.MustCompile(`^ style=\{\{[^{}]*\}\}`)
	// emptyAnchor is a link with no text: GitBook writes one after each
	// heading, <a href="#x" id="x"></a>, that shows nothing.
	emptyAnchor = regexp.MustCompile(`^<a\s[^<>]*></a>`)
)

// inlineComponent rewrites the MDX component that wraps text at the start
// of s: Docusaurus' <Link to="…">text</Link> becomes a Markdown link, and
// any other (<Highlight color="…">, a site's own) gives way to its text.
// The text must hold no tag or JSX value ({…}) of its own.
func inlineComponent(s string) (string, int) {
	if m := requiredImage.FindStringSubmatch(s); m != nil {
		// <img src={require('@site/static/img/a.gif').default} />, as
		// Docusaurus pages load a static image: the image, from /.
		_, named := TagArgs(m[1] + " " + m[4])
		return "![" + escapeInline(named["alt"]) + "](</" + cmp.Or(m[2], m[3]) + ">)", len(m[0])
	}
	m := componentOpen.FindStringSubmatch(s)
	if m == nil {
		return "", 0
	}
	rest := s[len(m[0]):]
	end := strings.Index(rest, "</"+m[1]+">")
	if end < 0 || strings.ContainsAny(rest[:end], "<{") || m[1] == "CodeBlock" {
		return "", 0 // a tag or a JSX value inside, or code
	}
	text, width := rest[:end], len(m[0])+end+len(m[1])+3
	if m[1] == "Link" {
		_, named := TagArgs(m[2])
		if to := cmp.Or(named["to"], named["href"]); to != "" && !strings.ContainsAny(to, "<>\n") {
			return "[" + text + "](<" + to + ">)", width
		}
	}
	return text, width
}

// requiredImage is an <img> whose src is a static file that Docusaurus'
// require() or useBaseUrl() loads: the attributes before and after, and
// the file's path under static/.
var requiredImage = regexp.MustCompile(`^<img\s([^<>{}]*?)\s*src=\{(?:require\(\s*['"]@site/static/([^'"<>]+)['"]\s*\)\.default|useBaseUrl\(\s*['"]/?([^'"<>]+)['"]\s*\))\}([^<>{}]*?)/?>`)

// wikiTag is the tag Normalize writes for a wiki link's target: the site
// resolves it, as Hugo's ref, by file name (see generator.refTarget).
const wikiTag = "binome-wikilink"

var wikiLinkRe = regexp.MustCompile(`^(!?)\[\[([^\[\]|#\n"]*)(?:#([^\[\]|\n]*))?(?:\|([^\[\]\n]*))?\]\]`)

// wikiLink rewrites the wiki link at the start of s, as Obsidian, Foam
// and many wikis write them: [[Page]], [[Page|label]], [[Page#Heading]],
// ![[image.png]]. The page or file is found by its name; an embedded
// note (![[Note]]) becomes a link, since binome does not transclude.
func wikiLink(s string) (string, int) {
	m := wikiLinkRe.FindStringSubmatch(s)
	if m == nil || strings.TrimSpace(m[2]+m[3]) == "" || strings.HasPrefix(s[len(m[0]):], "(") || m[2] == "_TOC_" {
		return "", 0 // [[1]](url) is a Markdown link whose text is [1]
	}
	target, heading, label := strings.TrimSpace(m[2]), strings.TrimSpace(m[3]), strings.TrimSpace(m[4])
	ext := strings.ToLower(path.Ext(target))
	image := m[1] == "!" && ext != "" && ext != ".md"
	if label == "" || image {
		// An image's |300 is its width in Obsidian, not its alt text.
		label = heading
		if target != "" {
			label = path.Base(target)
		}
	}
	dest := ""
	if target != "" {
		dest = "{{< " + wikiTag + ` "` + target + `" >}}`
	}
	if heading != "" && !strings.HasPrefix(heading, "^") {
		dest += "#" + Slugify(heading)
	}
	// A block's id, [[Note#^abc123]], names no anchor binome makes: the
	// link reaches the note.
	if dest == "" {
		dest = "#" // [[#^abc123]], a block of this page
	}
	out := "[" + escapeInline(label) + "](<" + dest + ">)"
	if image {
		out = "!" + out
	}
	return out, len(m[0])
}

var (
	hugoButton   = regexp.MustCompile(`^\{\{([<%])\s*button\s+(.*?)\s*[>%]\}\}(.*?)\{\{[<%]\s*/button\s*[>%]\}\}`)
	liquidInline = regexp.MustCompile(`^\{%-?\s*(raw|endraw|embed|file|page-ref)\s*(.*?)\s*-?%\}`)
	liquidURL    = regexp.MustCompile(`^\{\{-?\s*(?:site\.(?:baseurl|url)|(?:"([^"]*)"|'([^']*)')\s*\|\s*(?:relative_url|absolute_url|prepend:\s*site\.baseurl))\s*-?\}\}`)
	trailingIAL  = regexp.MustCompile(`^\{:\s*([^{}]*?)\s*\}\s*$`)
	spanIAL      = regexp.MustCompile(`^\{:[^{}\n]*\}`)
)

// inlineTag returns what the tag at the start of s becomes and how many
// bytes it spans, or a zero width when s starts with no tag it knows.
func inlineTag(s string, heading bool) (string, int) {
	// Each expression is tried only where its literal start is: a failed
	// match costs the length of the rest of the line, and a line of text
	// may hold many braces.
	liquid := strings.HasPrefix(s, "{%")
	shortcode := strings.HasPrefix(s, "{{<") || strings.HasPrefix(s, "{{%")
	if !liquid && !strings.HasPrefix(s, "{{") && !strings.HasPrefix(s, "{:") {
		return "", 0
	}
	match := func(starts bool, re *regexp.Regexp) []string {
		if !starts {
			return nil
		}
		return re.FindStringSubmatch(s)
	}
	if liquid {
		if m := liquidComment.FindStringIndex(s); m != nil {
			return "", m[1]
		}
	}
	if shortcode {
		// The name first: both expressions want one of a few.
		name := trimTagSpace(s[3:])
		name = name[:tagNameLen(name)]
		if n, closes := hugoComment(s); n > 0 && !closes {
			// Hugo's comment on one line, {{< comment >}}…{{< /comment >}}:
			// hidden.
			if end := hugoCommentEnd(s[n:]); end >= 0 {
				return "", n + end
			}
		}
		if m := match(name == "button", hugoButton); m != nil {
			// Book's and Docsy's buttons: a link; a theme may style it.
			if _, named := TagArgs(m[2]); named["href"] != "" {
				return "[" + m[3] + "](<" + named["href"] + ">)", len(m[0])
			}
		}
		if m := hugoInline(s, name); m != nil && (m[1] == "<") == (m[4] == ">") {
			pos, named := TagArgs(m[3])
			width := len(m[0])
			switch m[2] {
			case "figure":
				src := named["src"]
				if src == "" {
					return "", 0
				}
				caption := cmp.Or(named["caption"], named["title"])
				alt := cmp.Or(named["alt"], caption)
				img := "![" + escapeInline(alt) + "](<" + src + ">"
				if caption != "" {
					img += ` "` + strings.ReplaceAll(caption, `"`, `\"`) + `"`
				}
				img += ")"
				if link := named["link"]; link != "" {
					img = "[" + img + "](<" + link + ">)"
				}
				return img, width
			case "youtube", "vimeo":
				id := cmp.Or(named["id"])
				if id == "" && len(pos) > 0 {
					id = pos[0]
				}
				if id == "" || strings.ContainsAny(id, " <>()") {
					return "", 0
				}
				title := named["title"]
				u := "https://www.youtube.com/watch?v=" + id
				if m[2] == "vimeo" {
					u = "https://vimeo.com/" + id
				}
				if title == "" {
					title = strings.TrimPrefix(u, "https://")
				}
				return "[" + escapeInline(title) + "](" + u + ")", width
			}
		}
	}
	if m := match(liquid, liquidInline); m != nil {
		_, named := TagArgs(m[2])
		switch m[1] {
		case "embed":
			if u := named["url"]; strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://") {
				return "<" + u + ">", len(m[0])
			}
			return "", 0
		case "file", "page-ref":
			// GitBook's download and page blocks: a link, which the
			// link check sees, named after the file, or for a page
			// without text: the renderer gives it the page's title.
			dest := cmp.Or(named["src"], named["page"])
			if dest == "" || strings.ContainsAny(dest, "<>\n") {
				return "", 0
			}
			if m[1] == "page-ref" {
				return "[](<" + dest + ">)", len(m[0])
			}
			name, err := url.PathUnescape(path.Base(dest))
			if err != nil || !utf8.ValidString(name) {
				name = path.Base(dest) // as written: %80 unescapes to no text
			}
			return "[" + escapeInline(name) + "](<" + dest + ">)", len(m[0])
		}
		return "", len(m[0])
	}
	if m := match(strings.HasPrefix(s, "{{"), liquidURL); m != nil {
		return m[1] + m[2], len(m[0])
	}
	if m := match(strings.HasPrefix(s, "{:"), trailingIAL); m != nil {
		// A heading's {: #id } is kept as binome's own {#id}.
		if heading {
			for _, f := range strings.Fields(m[1]) {
				if strings.HasPrefix(f, "#") && len(f) > 1 {
					return "{" + f + "}", len(m[0])
				}
			}
		}
		return "", len(m[0])
	}
	return "", 0
}

// hugoInline matches, at the start of s, a figure, youtube or vimeo
// shortcode whose name, read after "{{<" or "{{%", is name, as the
// expression ^\{\{([<%])\s*(figure|youtube|vimeo)\s+(.*?)\s*([>%])\}\} would:
// the whole tag, its opening and closing marks, name and arguments, or
// nil. By hand, as it is tried on every brace of a page's lines
// (FuzzDialectParsers checks both ways agree).
func hugoInline(s, name string) []string {
	if name != "figure" && name != "youtube" && name != "vimeo" {
		return nil
	}
	rest := trimTagSpace(s[3:])[len(name):]
	p := len(s) - len(trimTagSpace(rest))
	if p == len(s)-len(rest) {
		return nil // \s+: a space at least after the name
	}
	for q := p; q < len(s); q++ {
		r := len(s) - len(trimTagSpace(s[q:]))
		if r+3 <= len(s) && (s[r] == '>' || s[r] == '%') && s[r+1:r+3] == "}}" {
			return []string{s[:r+3], s[2:3], name, s[p:q], s[r : r+1]}
		}
		if s[q] == '\n' {
			return nil // "." does not cross a line
		}
	}
	return nil
}

// atxHeading reports whether line is a heading written with #s.
func atxHeading(line string) bool {
	t := strings.TrimLeft(line, " ")
	n := 0
	for n < len(t) && t[n] == '#' {
		n++
	}
	return n >= 1 && n <= 6 && (n == len(t) || t[n] == ' ' || t[n] == '\t')
}

// headingWithAttributes returns the heading line with attrs (".no_toc
// #id") added to the attribute block that ends it, or in one of its own.
func headingWithAttributes(line, attrs string) string {
	if attrs = strings.TrimSpace(attrs); attrs == "" {
		return line
	}
	t := strings.TrimRight(line, " \t")
	if strings.HasSuffix(t, "}") {
		if at := strings.LastIndexByte(t, '{'); at > 0 && blockAttributes.MatchString(t[at:]) {
			return t[:len(t)-1] + " " + attrs + "}"
		}
	}
	return t + " {" + attrs + "}"
}

func isHeadingLine(line string) bool {
	return strings.HasPrefix(strings.TrimLeft(line, " "), "#")
}

// TagArgs splits the arguments of a shortcode or Liquid tag into
// positional values and key=value pairs, quotes removed.
func TagArgs(s string) (pos []string, named map[string]string) {
	named = map[string]string{}
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		key := ""
		if k := strings.IndexAny(s, "= \t\"'"); k > 0 && s[k] == '=' {
			key, s = strings.ToLower(s[:k]), s[k+1:]
		}
		var val string
		switch {
		case s != "" && (s[0] == '"' || s[0] == '\'' || s[0] == '`'):
			end := strings.IndexByte(s[1:], s[0])
			if end < 0 {
				val, s = s[1:], ""
			} else {
				val, s = s[1:end+1], s[end+2:]
			}
		default:
			end := strings.IndexAny(s, " \t")
			if end < 0 {
				end = len(s)
			}
			val, s = s[:end], s[end:]
		}
		if key != "" {
			named[key] = val
		} else {
			pos = append(pos, val)
		}
	}
	return pos, named
}

// splitIndent splits the leading spaces and tabs off a line.
func splitIndent(line string) (indent, rest string) {
	rest = strings.TrimLeft(line, " \t")
	return line[:len(line)-len(rest)], rest
}

// columns counts the columns of s's leading whitespace, a tab to the
// next multiple of four.
func columns(s string) int {
	c := 0
	for _, r := range s {
		switch r {
		case ' ':
			c++
		case '\t':
			c += 4 - c%4
		default:
			return c
		}
	}
	return c
}

// dropColumns removes up to n columns of leading whitespace from s.
func dropColumns(s string, n int) string {
	c := 0
	for i, r := range s {
		switch {
		case c >= n:
			return s[i:]
		case r == ' ':
			c++
		case r == '\t':
			c += 4 - c%4
			if c > n {
				return strings.Repeat(" ", c-n) + s[i+1:]
			}
		default:
			return s[i:]
		}
	}
	return ""
}

// dedent removes indent from the start of each line that has it.
func dedent(lines []string, indent string) []string {
	if indent == "" {
		return lines
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = strings.TrimPrefix(l, indent)
	}
	return out
}

// tocHeading reports whether lines[i], a heading, is kept out of the
// table of contents ({: .no_toc }) and titles a {:toc} list.
func tocHeading(lines []string, i int) bool {
	if i+1 >= len(lines) {
		return false
	}
	ial := strings.TrimSpace(lines[i+1])
	if !strings.HasPrefix(ial, "{:") || !strings.Contains(ial, "no_toc") {
		return false
	}
	for k := i + 2; k+1 < len(lines); k++ {
		if t := strings.TrimSpace(lines[k]); t != "" {
			return isTOCItem(t) && strings.TrimSpace(lines[k+1]) == "{:toc}"
		}
	}
	return false
}

func isTOCItem(s string) bool {
	return s == "* TOC" || s == "- TOC" || s == "+ TOC" || s == "1. TOC"
}

// escapeInline escapes the characters that would make text taken from a
// tag's argument into Markdown syntax where it is put.
func escapeInline(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '[', ']', '*', '_', '`', '<', '>':
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
