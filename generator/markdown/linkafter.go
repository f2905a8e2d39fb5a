package markdown

import (
	"bytes"
	"math"
	"slices"
	"sort"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// goldmark's linkify is an inline parser that goldmark calls at every
// space, at the head of every line and after every inline node: the
// parser then cuts the text there, so every line of prose made two text
// nodes and a call per word. linkifyAfter finds the same links in the
// parsed tree instead, at the places goldmark's linkify looks at, and
// with its own code, so a page shows the same HTML either way. A cold
// build of the 10,000-page benchmark handbook took 0.3 s of CPU less,
// 3.57 s against 3.70 (medians of 7 interleaved runs, 2026-12-01).
//
//   - goldmark tries a link where a text node starts (the head of a line,
//     after an inline node, at a character some parser passed on), after
//     each space and each '(', '~', '*' or '_' that is not escaped, and
//     after a run of backquotes that opened no code span;
//   - it skips what is in a link label as the label is read;
//   - a link it found took its characters from the other parsers. When
//     the parsed tree shows that one of them took some (the link would
//     span a code span, an emphasis, a typographer's quote, a label's
//     bracket), linkifyAfter says it cannot tell, and Render parses the
//     page again with goldmark's linkify. Of 10,802 Markdown files found
//     on a development machine (READMEs, changelogs, documentation), 24
//     needed it; of the 10,005 pages of the benchmark handbook, none.
//
// linkMarker, an inline parser that takes nothing, notes while parsing
// where labels open and close, and where the text holds what a link
// needs (://, www., @): most pages hold none outside their links and
// code, and linkifyAfter then has nothing to look at.
//
// The parser also cut a line's text at its last space, and trimmed the
// spaces at the end of only the part after it: restoreTail puts back the
// spaces it kept.

// marksKey holds a parse's linkMarks.
var marksKey = parser.NewContextKey()

// linkMarks are what linkMarker noted of a parse.
type linkMarks struct {
	open  []int    // labels open in the block being parsed, innermost last
	spans [][2]int // each label, from its [ (or !) to its ], or to its block's end
	marks []int    // the places of every [, ![ and ] that opened or closed one
	// links are where a URL starts (http://, https://, ftp://, www.) and
	// where an @ is, in the text the parser read; ats counts the @.
	links []int
	ats   int
}

// linkMarker notes where goldmark's link parser opens and closes link
// labels, as it does: a label opens at every [ and ![ the parsers before
// it passed on, and the last one open closes at each ]. It also notes
// where a link may be (see linkMarks.links). It takes nothing from the
// text. It runs just before goldmark's link parser (200), after the
// parsers that may take a [ before it: task boxes (0), footnotes (101);
// and before those that may take a : or a . (emoji, 999; typographer,
// 9999).
type linkMarker struct{}

func (linkMarker) Trigger() []byte { return []byte{'!', '[', ']', ':', '.', '@'} }

func (linkMarker) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) == 0 {
		return nil
	}
	m, _ := pc.Get(marksKey).(*linkMarks)
	if m == nil {
		m = &linkMarks{}
		pc.Set(marksKey, m)
	}
	at := seg.Start
	switch line[0] {
	case '[':
		m.open = append(m.open, at)
		m.marks = append(m.marks, at)
	case '!':
		if len(line) > 1 && line[1] == '[' {
			m.open = append(m.open, at)
			m.marks = append(m.marks, at)
		}
	case ']':
		if len(m.open) > 0 {
			last := len(m.open) - 1
			m.spans = append(m.spans, [2]int{m.open[last], at})
			m.open = m.open[:last]
			m.marks = append(m.marks, at)
		}
	case ':':
		if bytes.HasPrefix(line, []byte("://")) {
			before := block.Source()[:at]
			for _, scheme := range [...]string{"https", "http", "ftp"} {
				if bytes.HasSuffix(before, []byte(scheme)) {
					m.links = append(m.links, at-len(scheme))
					break
				}
			}
		}
	case '.':
		if bytes.HasSuffix(block.Source()[:at], []byte("www")) {
			m.links = append(m.links, at-3)
		}
	case '@':
		m.links = append(m.links, at)
		m.ats++
	}
	return nil
}

// CloseBlock ends the labels left open, as goldmark's link parser does at
// the end of a block.
func (linkMarker) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	m, _ := pc.Get(marksKey).(*linkMarks)
	if m == nil || len(m.open) == 0 {
		return
	}
	end := math.MaxInt
	if lines := parent.Lines(); lines.Len() > 0 {
		end = lines.At(lines.Len() - 1).Stop
	}
	for _, o := range m.open {
		m.spans = append(m.spans, [2]int{o, end})
	}
	m.open = m.open[:0]
}

// linkifyAfter turns the bare URLs and e-mail addresses of doc, parsed
// with quickGFM{afterParse: true} and context pc, into links, as goldmark's
// linkify would have while parsing. It reports false when it cannot tell
// what that would have made: doc is then to be parsed again with it.
func linkifyAfter(doc ast.Node, src []byte, pc parser.Context) bool {
	m, _ := pc.Get(marksKey).(*linkMarks)
	if m == nil {
		m = &linkMarks{}
	}
	if n := bytes.Count(src, []byte{'@'}); n > m.ats {
		// An @ that another parser took (in a code span, raw HTML, a
		// link's destination) was not passed on, but goldmark's linkify,
		// reading an address's first part from before that parser's
		// opening, reached it: "word`a@b.c`" is a link to word`a@b.c
		// there. Every @ is looked near, then.
		for i := bytes.IndexByte(src, '@'); i >= 0; {
			m.links = append(m.links, i)
			j := bytes.IndexByte(src[i+1:], '@')
			if j < 0 {
				break
			}
			i += 1 + j
		}
	}
	if len(m.links) == 0 {
		return true
	}
	slices.Sort(m.links)
	slices.Sort(m.marks)
	l := linkifier{src: src, at: m.links, pc: pc, labels: m, linkify: newQuickLinkify()}
	return l.blocks(doc)
}

type linkifier struct {
	src     []byte
	at      []int // linkMarks.links
	pc      parser.Context
	labels  *linkMarks
	linkify parser.InlineParser
}

// near reports whether a candidate is in [from, to).
func (l *linkifier) near(from, to int) bool {
	i := sort.SearchInts(l.at, from)
	return i < len(l.at) && l.at[i] < to
}

// blocks linkifies the blocks under n that hold inline content and a
// candidate.
func (l *linkifier) blocks(n ast.Node) bool {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Type() != ast.TypeBlock || c.IsRaw() {
			continue
		}
		if first := c.FirstChild(); first == nil || first.Type() == ast.TypeInline {
			lines := c.Lines()
			if lines.Len() > 0 && l.near(lines.At(0).Start, lines.At(lines.Len()-1).Stop) && !l.inlines(c, c) {
				return false
			}
			continue
		}
		if !l.blocks(c) {
			return false
		}
	}
	return true
}

// inlines linkifies the text of parent, an inline container of block.
// It goes into emphasis, where goldmark's linkify looks too, and not
// into links, images or code.
func (l *linkifier) inlines(parent, block ast.Node) bool {
	for c := parent.FirstChild(); c != nil; {
		switch n := c.(type) {
		case *ast.Text:
			next, ok := l.text(parent, n, block)
			if !ok {
				return false
			}
			c = next
			continue
		case *ast.Emphasis, *extast.Strikethrough:
			if !l.inlines(n, block) {
				return false
			}
		}
		c = c.NextSibling()
	}
	return true
}

// text linkifies text node t, child of parent, and the text nodes that
// follow it when a link goes on into them. It returns the node to go on
// from.
func (l *linkifier) text(parent ast.Node, t *ast.Text, block ast.Node) (ast.Node, bool) {
	// An e-mail address may start up to 64 bytes before its @.
	if t.IsRaw() || !l.near(t.Segment.Start, t.Segment.Stop+emailLocalMax+1) {
		return t.NextSibling(), true
	}
	src := l.src
	for k := t.Segment.Start; k < t.Segment.Stop; k++ {
		if k > t.Segment.Start && !l.triggers(k) {
			continue
		}
		// goldmark's linkify passes over the space or mark it is called
		// at, not over a letter at the head of a text.
		q := k
		if isLinkifySkip(src[k]) {
			q++
		}
		if q >= t.Segment.Stop || q > k && isLinkifySkip(src[q]) || !l.near(q, q+emailLocalMax+1) || l.inLabel(k) {
			continue
		}
		lineEnd, padded := lineEndAt(block, q)
		if lineEnd <= q || !mayLinkify(src[q:lineEnd]) {
			continue
		}
		if padded {
			return nil, false // goldmark reads the line with the tab's spaces
		}
		segs := text.NewSegments()
		segs.Append(text.NewSegment(q, lineEnd))
		r := text.NewBlockReader(src, segs)
		link := l.linkify.Parse(parent, r, l.pc)
		if link == nil {
			continue
		}
		_, pos := r.Position()
		right, ok := l.splice(parent, t, link, k, q, pos.Start)
		if !ok {
			return nil, false
		}
		// What follows a link is read as a new text, as after any node.
		return right, true
	}
	return t.NextSibling(), true
}

// triggers reports whether goldmark's linkify is called at src[k], in
// the middle of a text: at a space, at a '(', '~', '*' or '_' that is
// not escaped, and after a run of backquotes that opened no code span.
// ('*' and '_' always make emphasis delimiters, and so does a '~' at
// times: a text holds them once they were left unmatched, and goldmark
// looked right after them, where this looks too. A code span that does
// not close is a text node, which the text after it joins.)
func (l *linkifier) triggers(k int) bool {
	switch l.src[k] {
	case ' ':
		return true
	case '(', '~', '*', '_':
		return !escaped(l.src, k)
	case '`':
		return false
	}
	if l.src[k-1] != '`' {
		return false
	}
	j := k - 1
	for j > 0 && l.src[j-1] == '`' {
		j--
	}
	// The run opened a span unless it is one escaped backquote.
	return k-j > 1 || !escaped(l.src, j)
}

// escaped reports whether src[k] follows an odd number of backslashes.
func escaped(src []byte, k int) bool {
	n := 0
	for j := k - 1; j >= 0 && src[j] == '\\'; j-- {
		n++
	}
	return n%2 == 1
}

// isLinkifySkip reports whether goldmark's linkify passes over c when it
// is called at it.
func isLinkifySkip(c byte) bool {
	return c == ' ' || c == '*' || c == '_' || c == '~' || c == '('
}

// inLabel reports whether a link label was open at k as goldmark parsed
// it.
func (l *linkifier) inLabel(k int) bool {
	if l.labels == nil {
		return false
	}
	for _, s := range l.labels.spans {
		if s[0] < k && k < s[1] {
			return true
		}
	}
	return false
}

// lineEndAt returns where the line of block that holds q ends, and
// whether q is at the start of a line that begins with a tab's spaces.
func lineEndAt(block ast.Node, q int) (end int, padded bool) {
	lines := block.Lines()
	i := sort.Search(lines.Len(), func(i int) bool { return lines.At(i).Stop > q })
	if i == lines.Len() || lines.At(i).Start > q {
		return 0, false
	}
	seg := lines.At(i)
	return seg.Stop, seg.Padding > 0 && seg.Start == q
}

// splice puts link, found at [q, e) by goldmark's linkify called at k, in
// place of those bytes of t and of the text nodes after it, and returns
// the text after the link. It reports false when those bytes are not all
// plain text in those nodes, or hold a label's bracket: goldmark's
// linkify would have taken them from whichever parser took them here.
func (l *linkifier) splice(parent ast.Node, t *ast.Text, link ast.Node, k, q, e int) (*ast.Text, bool) {
	last := t
	for last.Segment.Stop < e {
		next, ok := last.NextSibling().(*ast.Text)
		if !ok || next.IsRaw() || next.Segment.Start != last.Segment.Stop || last.SoftLineBreak() || last.HardLineBreak() {
			return nil, false
		}
		last = next
	}
	if l.labels != nil {
		if i := sort.SearchInts(l.labels.marks, q); i < len(l.labels.marks) && l.labels.marks[i] < e {
			return nil, false
		}
	}
	if p, ok := link.(interface{ SetPos(int) }); ok {
		p.SetPos(k)
	}
	right := ast.NewTextSegment(text.NewSegment(e, last.Segment.Stop))
	right.SetSoftLineBreak(last.SoftLineBreak())
	right.SetHardLineBreak(last.HardLineBreak())
	after := last.NextSibling()
	for n := t.NextSibling(); n != after; {
		next := n.NextSibling()
		parent.RemoveChild(parent, n)
		n = next
	}
	if q > t.Segment.Start {
		t.Segment = t.Segment.WithStop(q)
		t.SetSoftLineBreak(false)
		t.SetHardLineBreak(false)
		parent.InsertAfter(parent, t, link)
	} else {
		parent.ReplaceChild(parent, t, link)
	}
	parent.InsertAfter(parent, link, right)
	return right, true
}

// restoreTail gives t, a text that ends a line, the spaces after it that
// goldmark's parser kept, cutting the text at the line's last space: all
// but the last space or tab. (A hard line break's two spaces, or the
// backslash, are not in the line the parser read.) A text that goldmark
// cut so already has them: nothing changes.
func restoreTail(t *ast.Text, src []byte) {
	i := t.Segment.Stop
	j := i
	for j < len(src) && (isLineSpace(src[j]) || src[j] == '\r') {
		j++
	}
	if j == i || j == len(src) || src[j] != '\n' {
		return
	}
	end := j
	if t.HardLineBreak() {
		if end-i >= 3 && src[end-1] == '\r' && src[end-2] == ' ' && src[end-3] == ' ' {
			end -= 3
		} else if end-i >= 2 && src[end-1] == ' ' && src[end-2] == ' ' {
			end -= 2
		}
	}
	for k := end - 1; k > i; k-- {
		if isLineSpace(src[k]) {
			t.Segment = t.Segment.WithStop(k)
			return
		}
	}
}

// isLineSpace reports whether goldmark's parser reads c as a space in a
// line (and called linkify at it).
func isLineSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\v' || c == '\f' }
