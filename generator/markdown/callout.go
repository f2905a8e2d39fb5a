package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
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
	fold  byte   // 0 always shown; '-' folded, '+' foldable and open
}

// Kind implements ast.Node.
func (n *calloutNode) Kind() ast.NodeKind { return kindCallout }

// Dump implements ast.Node.
func (n *calloutNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Kind": n.kind, "Title": n.title}, nil)
}

// calloutAliases maps the callout types of other tools (Obsidian,
// MkDocs Material, Docusaurus, GitBook, Hugo themes, Bootstrap colours)
// to binome's five kinds, so a handbook written for them keeps its
// callouts and their colours.
var calloutAliases = func() map[string]string {
	m := map[string]string{}
	for kind, words := range map[string][]string{
		"note": {"info", "abstract", "summary", "tldr", "todo", "example", "quote", "cite",
			"question", "help", "faq", "primary", "secondary", "light", "dark", "default"},
		"tip":     {"hint", "success", "check", "done", "new", "highlight"},
		"warning": {"attention"},
		"caution": {"danger", "error", "bug", "failure", "fail", "missing"},
	} {
		for _, w := range words {
			m[w] = kind
		}
	}
	return m
}()

// colourTypes are the callout types that only colour the box (Bootstrap's
// and Hugo themes' words): such a callout is titled by its kind.
var colourTypes = map[string]bool{"primary": true, "secondary": true, "light": true, "dark": true, "default": true}

// frenchAliasTitles are the French names of other tools' callout types
// whose English name is not French too.
var frenchAliasTitles = map[string]string{
	"abstract": "Résumé", "summary": "Résumé", "tldr": "Résumé", "todo": "À faire",
	"example": "Exemple", "quote": "Citation", "cite": "Citation", "help": "Aide",
	"hint": "Astuce", "success": "Réussite", "check": "Vérifié", "done": "Fait",
	"new": "Nouveau", "error": "Erreur", "bug": "Bogue", "failure": "Échec",
	"fail": "Échec", "missing": "Manquant", "highlight": "À retenir",
}

// aliasTitle is the title of a callout of another tool's type that gives
// none: its type's name, in French on a French page.
func aliasTitle(word string, french bool) string {
	if t, ok := frenchAliasTitles[word]; ok && french {
		return t
	}
	switch word {
	case "tldr":
		return "TL;DR"
	case "faq":
		return "FAQ"
	}
	return strings.ToUpper(word[:1]) + word[1:]
}

// CalloutKind returns binome's callout kind for a type word of binome or
// of another tool (any case), or false when it knows none.
func CalloutKind(word string) (string, bool) {
	w := strings.ToLower(word)
	switch w {
	case "note", "tip", "warning", "important", "caution":
		return w, true
	}
	k, ok := calloutAliases[w]
	return k, ok
}

// CalloutBody, on a callout's marker line, ends its title: the text
// after it is the callout's first line of text. Normalize writes it for
// the callouts of other tools whose text starts on their opening line
// ({{% alert %}}This is an alert.{{% /alert %}}), so that each line of
// the page keeps its number. It is a character of Unicode's private use
// area, which no author types.
const CalloutBody = "\uE000"

// splitRunIns cuts bq before the second callout that Normalize wrote
// on consecutive lines ({{% alert %}}One.{{% /alert %}} over
// {{% alert %}}Two.{{% /alert %}}), which Markdown reads as one quote:
// it returns the quote that holds the second one and what follows, put
// after bq, or nil when there is none.
func (p *page) splitRunIns(bq *ast.Blockquote) *ast.Blockquote {
	para, ok := bq.FirstChild().(*ast.Paragraph)
	if !ok || para.Lines().Len() < 2 {
		return nil
	}
	lines := para.Lines()
	if first := lines.At(0); !bytes.Contains(first.Value(p.src), []byte(CalloutBody)) {
		return nil
	}
	at := -1
	for k := 1; k < lines.Len() && at < 0; k++ {
		seg := lines.At(k)
		line := bytes.TrimSpace(seg.Value(p.src))
		if end := bytes.IndexByte(line, ']'); bytes.HasPrefix(line, []byte("[!")) && end > 0 {
			if _, ok := CalloutKind(string(line[2:end])); ok {
				at = k
			}
		}
	}
	if at < 0 {
		return nil
	}
	rest := ast.NewParagraph()
	restLines, headLines := text.NewSegments(), text.NewSegments()
	for k := range lines.Len() {
		if k < at {
			headLines.Append(lines.At(k))
		} else {
			restLines.Append(lines.At(k))
		}
	}
	para.SetLines(headLines)
	rest.SetLines(restLines)
	line := 0
	for c := para.FirstChild(); c != nil; {
		next := c.NextSibling()
		if line >= at {
			rest.AppendChild(rest, c)
		} else if t, ok := c.(*ast.Text); ok && (t.SoftLineBreak() || t.HardLineBreak()) {
			if line++; line == at {
				t.SetSoftLineBreak(false)
				t.SetHardLineBreak(false)
			}
		}
		c = next
	}
	q := ast.NewBlockquote()
	q.AppendChild(q, rest)
	for c := para.NextSibling(); c != nil; {
		next := c.NextSibling()
		q.AppendChild(q, c)
		c = next
	}
	bq.Parent().InsertAfter(bq.Parent(), bq, q)
	return q
}

// callout returns the callout that bq stands for, or nil when its first
// line is not a marker: `[!NOTE]`, `[!TIP]`, `[!WARNING]`, `[!IMPORTANT]`
// or `[!CAUTION]` (any case, or a type of another tool that CalloutKind
// knows), then `-` or `+` for a callout that folds (closed or open), as
// in Obsidian, and an optional title. The marker line is removed from the
// content; bq is emptied into the new node.
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
	kind, ok := CalloutKind(string(line[2:end]))
	if !ok {
		return nil
	}
	title := p.loc.calloutTitles[kind]
	if word := strings.ToLower(string(line[2:end])); word != kind && !colourTypes[word] {
		// Another tool's type (example, question, danger) is named as
		// that tool names it, not as the kind it is drawn as.
		title = aliasTitle(word, p.loc.french)
	}
	var fold byte
	if end+1 < len(line) && (line[end+1] == '-' || line[end+1] == '+') {
		fold = line[end+1]
	}

	// Take the inline nodes of the marker line out of the paragraph; their
	// text after the marker, if any, is the custom title.
	// Nodes the typographer made (’, «) have no position: they belong to
	// the line until a text ends it with a line break.
	stop := first.Stop
	if at := bytes.Index(first.Value(p.src), []byte(CalloutBody)); at >= 0 {
		stop = first.Start + at // the title ends there, and the text goes on
	}
	var head bytes.Buffer
	for c := para.FirstChild(); c != nil; {
		start := c.Pos()
		if t, ok := c.(*ast.Text); ok {
			start = t.Segment.Start
			if start < stop && t.Segment.Stop > stop {
				// The text that runs past the title's end stays, without
				// the title and CalloutBody.
				head.Write(p.src[start:stop])
				t.Segment = t.Segment.WithStart(stop + len(CalloutBody))
				break
			}
		}
		if start >= stop {
			break
		}
		next := c.NextSibling()
		lineEnds := false
		switch c := c.(type) {
		case *ast.Text:
			appendPlain(&head, c, p.src)
			lineEnds = c.SoftLineBreak() || c.HardLineBreak()
		case *ast.String:
			head.Write(c.Value)
		default:
			appendPlainTree(&head, c, p.src)
		}
		para.RemoveChild(para, c)
		c = next
		if lineEnds {
			break
		}
	}
	if i := bytes.IndexByte(head.Bytes(), ']'); i >= 0 {
		rest := head.Bytes()[i+1:]
		if fold != 0 && len(rest) > 0 && rest[0] == fold {
			rest = rest[1:]
		}
		if custom := strings.TrimSpace(string(rest)); custom != "" {
			title = custom
		}
	}
	if !para.HasChildren() {
		bq.RemoveChild(bq, para)
	}

	n := &calloutNode{kind: kind, title: title, fold: fold}
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
