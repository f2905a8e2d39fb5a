package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// quickLinkify is goldmark's linkify parser behind a test of what a link
// can start with. goldmark calls the parser at every space, and its
// email search walks each word before it finds no '@': a tenth of
// rendering a page of prose. Only a line that starts a URL (http:,
// https:, ftp:, www.) or holds an '@' within an email's local part can
// turn into a link, so the rest is turned down here, with the same
// result.
type quickLinkify struct {
	parser.InlineParser
}

// quickGFM is goldmark's GFM extension with quickLinkify in place of its
// linkify parser, or, with afterParse, with none: linkifyAfter then finds
// the links in the parsed tree.
type quickGFM struct{ afterParse bool }

func (g quickGFM) Extend(m goldmark.Markdown) {
	// Column alignment as align attributes, which the theme styles and a
	// Content-Security-Policy without inline styles lets through, not
	// goldmark's default for HTML5, a style attribute on every cell.
	extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)).Extend(m)
	extension.Strikethrough.Extend(m)
	extension.TaskList.Extend(m)
	if g.afterParse {
		m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(linkMarker{}, 199)))
		return
	}
	// The priority goldmark's Linkify extension gives its parser.
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(newQuickLinkify(), 999)))
}

func newQuickLinkify() parser.InlineParser {
	return quickLinkify{extension.NewLinkifyParser()}
}

// emailLocalMax is the longest local part goldmark's email search reads
// before it looks for the '@'.
const emailLocalMax = 64

func (q quickLinkify) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if len(line) > 0 {
		// The parser skips the character it was triggered by.
		switch line[0] {
		case ' ', '*', '_', '~', '(':
			line = line[1:]
		}
	}
	if !mayLinkify(line) {
		return nil
	}
	return q.InlineParser.Parse(parent, block, pc)
}

// mayLinkify reports whether goldmark's linkify could find a link at the
// start of line.
func mayLinkify(line []byte) bool {
	if len(line) == 0 {
		return false
	}
	switch line[0] {
	case 'h', 'f', 'w':
		if bytes.HasPrefix(line, []byte("http:")) || bytes.HasPrefix(line, []byte("https:")) ||
			bytes.HasPrefix(line, []byte("ftp:")) || bytes.HasPrefix(line, []byte("www.")) {
			return true
		}
	}
	return bytes.IndexByte(line[:min(len(line), emailLocalMax+1)], '@') >= 0
}
