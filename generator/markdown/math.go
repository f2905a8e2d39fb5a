package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Math is TeX between dollars, as Pandoc, MkDocs' arithmatex, Obsidian,
// GitHub and Hugo's passthrough write it: $x^2$ in a line, $$…$$ for a
// formula shown on its own, in a paragraph or over lines of their own.
// Its TeX is kept as written (no emphasis, typography or links inside)
// in an element of class "math" ("math math-display" for $$), which the
// default theme draws with KaTeX, shipped with it: no request leaves the
// site. Without script, the TeX shows as written.
//
// A $ opens inline math only when a character other than a space
// follows it, and closes it only when one other than a space comes
// before it and no digit after it, on the same line, as in Pandoc:
// "$5 and $10" is money, not math.

// kindMath is the node kind of math. goldmark numbers kinds in a registry
// of its own: created once per process.
var (
	kindMath      = ast.NewNodeKind("Math")
	kindMathBlock = ast.NewNodeKind("MathBlock")
)

// mathNode is math in a line: $…$, or $$…$$ (display).
type mathNode struct {
	ast.BaseInline
	tex     []byte
	display bool
}

// Kind implements ast.Node.
func (n *mathNode) Kind() ast.NodeKind { return kindMath }

// Dump implements ast.Node.
func (n *mathNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"TeX": string(n.tex)}, nil)
}

// mathBlock is display math over lines of its own: its Lines are the TeX.
type mathBlock struct {
	ast.BaseBlock
}

// Kind implements ast.Node.
func (n *mathBlock) Kind() ast.NodeKind { return kindMathBlock }

// Dump implements ast.Node.
func (n *mathBlock) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// IsRaw implements ast.Node: the lines are TeX, not Markdown.
func (n *mathBlock) IsRaw() bool { return true }

// mathParser reads math in a line.
type mathParser struct{}

func (mathParser) Trigger() []byte { return []byte{'$'} }

func (mathParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	tex, width, display := mathAt(line)
	if width == 0 {
		return nil
	}
	block.Advance(width)
	return &mathNode{tex: bytes.Clone(tex), display: display}
}

// mathAt reads the math that line starts with: its TeX, the bytes it
// takes, and whether it is $$ display math; width 0 when there is none.
func mathAt(line []byte) (tex []byte, width int, display bool) {
	if len(line) < 3 || line[0] != '$' {
		return nil, 0, false
	}
	if line[1] == '$' {
		end := bytes.Index(line[2:], []byte("$$"))
		if end <= 0 || len(bytes.TrimSpace(line[2:2+end])) == 0 {
			return nil, 0, false
		}
		return line[2 : 2+end], end + 4, true
	}
	if isSpaceByte(line[1]) {
		return nil, 0, false
	}
	for i := 1; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++ // \$ is a dollar of the formula
		case '\n', '\r':
			return nil, 0, false
		case '$':
			if i == 1 || isSpaceByte(line[i-1]) || i+1 < len(line) && '0' <= line[i+1] && line[i+1] <= '9' {
				return nil, 0, false
			}
			return line[1:i], i + 1, false
		}
	}
	return nil, 0, false
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// mathBlockParser reads display math over lines of its own:
//
//	$$
//	E = mc^2
//	$$
//
// The closing $$ may end the last line of TeX, and the first may follow
// the opening $$. A block that a blank line or the page's end comes
// before it closes is no math: its lines are read as Markdown.
type mathBlockParser struct{}

func (mathBlockParser) Trigger() []byte { return []byte{'$'} }

func (mathBlockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || !bytes.HasPrefix(line[pos:], []byte("$$")) || !opensDisplayMath(string(line[pos:])) || !closedBelow(reader.Source(), seg.Stop) {
		return nil, parser.NoChildren // on one line: mathParser's
	}
	first := util.TrimRightSpace(line[pos+2:])
	n := &mathBlock{}
	if len(util.TrimLeftSpace(first)) > 0 {
		n.Lines().Append(text.NewSegment(seg.Start+pos+2, seg.Stop))
	}
	reader.AdvanceToEOL()
	return n, parser.NoChildren
}

// closedBelow reports whether a line that ends with $$ comes, after
// offset at of src, before a blank line.
func closedBelow(src []byte, at int) bool {
	var lines []string
	for line := range bytes.Lines(src[at:]) {
		lines = append(lines, string(line))
		if t := bytes.TrimSpace(line); len(t) == 0 || bytes.HasSuffix(t, []byte("$$")) {
			break
		}
	}
	return displayMathEnd(-1, len(lines), func(j int) string { return lines[j] }) >= 0
}

// opensDisplayMath reports whether a line, its indentation cut, opens
// display math over lines of their own: $$ with no closing $$ after it.
// Normalize and the foreign tag check read it as mathBlockParser does.
func opensDisplayMath(line string) bool {
	return strings.HasPrefix(line, "$$") && !strings.Contains(line[2:], "$$")
}

// displayMathEnd returns the line that closes the display math opened at
// line i of n, the first that ends with $$, or -1 when a blank line or
// the end comes first. line(j) is line j.
func displayMathEnd(i, n int, line func(int) string) int {
	for j := i + 1; j < n; j++ {
		t := strings.TrimSpace(line(j))
		if t == "" {
			return -1
		}
		if strings.HasSuffix(t, "$$") {
			return j
		}
	}
	return -1
}

func (mathBlockParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, seg := reader.PeekLine()
	if util.IsBlank(line) {
		return parser.Close
	}
	t := util.TrimRightSpace(line)
	if bytes.HasSuffix(t, []byte("$$")) {
		if tex := t[:len(t)-2]; len(bytes.TrimSpace(tex)) > 0 {
			node.Lines().Append(text.NewSegment(seg.Start, seg.Start+len(tex)))
		}
		reader.AdvanceToEOL()
		return parser.Close
	}
	node.Lines().Append(seg)
	reader.AdvanceToEOL()
	return parser.Continue | parser.NoChildren
}

func (mathBlockParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}

func (mathBlockParser) CanInterruptParagraph() bool { return false }

func (mathBlockParser) CanAcceptIndentedLine() bool { return false }

// MayHaveMath reports whether a page's Markdown may hold math: a line
// with math as mathAt reads it, code included, so that it is never wrong
// when it says no. The theme loads KaTeX only for such pages.
func MayHaveMath(src []byte) bool {
	if bytes.Contains(src, []byte("$$")) {
		return true
	}
	for i := bytes.IndexByte(src, '$'); i >= 0; {
		line := src[i:]
		if end := bytes.IndexByte(line, '\n'); end >= 0 {
			line = line[:end]
		}
		if _, w, _ := mathAt(line); w > 0 {
			return true
		}
		j := bytes.IndexByte(src[i+1:], '$')
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}

// renderMath writes math in a line, its TeX escaped.
func (r *nodeRenderer) renderMath(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*mathNode)
	if n.display {
		_, _ = w.WriteString(`<span class="math math-display">`)
	} else {
		_, _ = w.WriteString(`<span class="math">`)
	}
	_, _ = w.Write(util.EscapeHTML(n.tex))
	_, _ = w.WriteString("</span>")
	return ast.WalkSkipChildren, nil
}

// renderMathBlock writes display math over lines, its TeX escaped.
func (r *nodeRenderer) renderMathBlock(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	_, _ = w.WriteString(`<div class="math math-display">`)
	lines := node.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		_, _ = w.Write(util.EscapeHTML(seg.Value(src)))
	}
	_, _ = w.WriteString("</div>\n")
	return ast.WalkSkipChildren, nil
}
