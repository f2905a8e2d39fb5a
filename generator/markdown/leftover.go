package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// leftoverParser keeps another generator's tag that is left in the text
// ({% include note.html text="x" %}, which binome warns of) as it was
// written. As text, the typographer turned its quotes into « x » in
// French and “x” in English, and linkify its URLs into links, so that
// the page no longer showed what its author has to find and replace.
// The tags binome reads (Hugo's ref, Jekyll's variables, the dialect's)
// are gone from the text before it is parsed; a tag in code is code.
type leftoverParser struct{}

func (leftoverParser) Trigger() []byte { return []byte{'{'} }

func (leftoverParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	n := tagLen(line)
	if n == 0 {
		return nil
	}
	tag := line[:n]
	if escapedShortcode.Match(tag) {
		// {{</* name */>}}: a shortcode shown, as Hugo shows it.
		tag = []byte(unescapeShortcodes(string(tag)))
	}
	s := ast.NewString(tag)
	s.SetRaw(true) // escaped as HTML, and nothing else
	block.Advance(n)
	return s
}
