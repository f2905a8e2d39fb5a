package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// kindCallout is the node kind of callouts. goldmark numbers kinds in a
// registry of its own, so a kind must be created once per process, not
// per Renderer; it is never reassigned.
var kindCallout = ast.NewNodeKind("Callout")

// calloutNode is a blockquote that opened with a marker such as [!NOTE].
// Its children are the blockquote's, minus the marker line.
type calloutNode struct {
	ast.BaseBlock
	kind  string // note, tip, warning, important, caution
	title string // plain text, not escaped
}

// Kind implements ast.Node.
func (n *calloutNode) Kind() ast.NodeKind { return kindCallout }

// Dump implements ast.Node.
func (n *calloutNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Kind": n.kind, "Title": n.title}, nil)
}

// callout returns the callout that bq stands for, or nil when its first
// line is not a marker: `[!NOTE]`, `[!TIP]`, `[!WARNING]`, `[!IMPORTANT]`
// or `[!CAUTION]` (any case), optionally followed by a title. The marker
// line is removed from the content; bq is emptied into the new node.
func (p *page) callout(bq *ast.Blockquote) *calloutNode {
	para, ok := bq.FirstChild().(*ast.Paragraph)
	if !ok || para.Lines().Len() == 0 {
		return nil
	}
	first := para.Lines().At(0)
	line := bytes.TrimSpace(first.Value(p.src))
	if !bytes.HasPrefix(line, []byte("[!")) {
		return nil
	}
	end := bytes.IndexByte(line, ']')
	if end < 0 {
		return nil
	}
	kind := strings.ToLower(string(line[2:end]))
	title, ok := p.loc.calloutTitles[kind]
	if !ok {
		return nil
	}

	// Take the inline nodes of the marker line out of the paragraph; their
	// text after the marker, if any, is the custom title.
	var head bytes.Buffer
	for c := para.FirstChild(); c != nil; {
		start := c.Pos()
		if t, ok := c.(*ast.Text); ok {
			start = t.Segment.Start
		}
		if start < 0 || start >= first.Stop {
			break
		}
		next := c.NextSibling()
		switch c := c.(type) {
		case *ast.Text:
			appendPlain(&head, c, p.src)
		case *ast.String:
			head.Write(c.Value)
		default:
			appendPlainTree(&head, c, p.src)
		}
		para.RemoveChild(para, c)
		c = next
	}
	if i := bytes.IndexByte(head.Bytes(), ']'); i >= 0 {
		if custom := strings.TrimSpace(string(head.Bytes()[i+1:])); custom != "" {
			title = custom
		}
	}
	if !para.HasChildren() {
		bq.RemoveChild(bq, para)
	}

	n := &calloutNode{kind: kind, title: title}
	for c := bq.FirstChild(); c != nil; {
		next := c.NextSibling()
		n.AppendChild(n, c)
		c = next
	}
	return n
}

// kindTableWrap is the node kind of the box a table scrolls in.
var kindTableWrap = ast.NewNodeKind("TableWrap")

// tableWrap holds one table: a named, focusable region that scrolls
// sideways when the table is wider than the column, so the page never
// does and keyboard users can scroll it too.
type tableWrap struct {
	ast.BaseBlock
}

// Kind implements ast.Node.
func (n *tableWrap) Kind() ast.NodeKind { return kindTableWrap }

// Dump implements ast.Node.
func (n *tableWrap) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }
