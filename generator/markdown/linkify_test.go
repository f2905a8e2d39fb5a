package markdown

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// linkifyPair returns goldmark with its own GFM extension and with
// quickGFM.
func linkifyPair() (gfm, quick goldmark.Markdown) {
	// goldmark's GFM, with the table alignment quickGFM sets.
	exts := goldmark.WithExtensions(extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
		extension.Strikethrough, extension.Linkify, extension.TaskList)
	return goldmark.New(exts), goldmark.New(goldmark.WithExtensions(quickGFM{}))
}

// after is quickGFM leaving links to linkifyAfter.
var after = goldmark.New(goldmark.WithExtensions(quickGFM{afterParse: true}))

// convertAfter converts src as Render does: parsed with after, then
// linkified, or parsed again with quick when linkifyAfter cannot tell.
// It reports which.
func convertAfter(t *testing.T, quick goldmark.Markdown, src []byte) (html string, again bool) {
	t.Helper()
	pc := parser.NewContext()
	doc := after.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	if !linkifyAfter(doc, src, pc) {
		doc, again = quick.Parser().Parse(text.NewReader(src)), true
	}
	// As page.visit does.
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := n.(*ast.Text); ok && entering && (t.SoftLineBreak() || t.HardLineBreak()) && !t.IsRaw() {
			restoreTail(t, src)
		}
		return ast.WalkContinue, nil
	})
	var b bytes.Buffer
	if err := after.Renderer().Render(&b, src, doc); err != nil {
		t.Fatal(err)
	}
	return b.String(), again
}

func sameLinkify(t *testing.T, gfm, quick goldmark.Markdown, src string) {
	t.Helper()
	var want, got bytes.Buffer
	if err := gfm.Convert([]byte(src), &want); err != nil {
		t.Fatal(err)
	}
	if err := quick.Convert([]byte(src), &got); err != nil {
		t.Fatal(err)
	}
	if want.String() != got.String() {
		t.Errorf("for %q\nquickLinkify gave %q\ngoldmark gave     %q", src, got.String(), want.String())
	}
	if got, again := convertAfter(t, quick, []byte(src)); got != want.String() {
		t.Errorf("for %q\nlinkifyAfter gave %q (parsed again: %v)\ngoldmark gave     %q", src, got, again, want.String())
	}
}

var linkifyCases = []string{
	"see https://example.org/a_b_(c) and www.example.com.",
	"mail ana.martin@example.fr, or *bob@example.com* now",
	"(http://x.org) _https://y.org/_ ~ftp://z.org~",
	"https://line.start at the head of a line\nwww.second.line here",
	"not@alink and a@b and @handle and name@domain.tld.",
	strings.Repeat("a", 64) + "@example.org " + strings.Repeat("b", 65) + "@example.org",
	"HTTP://UPPER.CASE and Www.mixed.case",
	"[www.inside.label](http://dest.org) `http://code.span`",
	"10:30, http: alone, https:/half, www. alone, ftp:x",
	"> quote https://q.org\n\n- item mail@x.io\n- [x] task www.t.org",
	"| a | b |\n|---|---|\n| http://cell.org | c@d.ef |",
	"a\\ https://escaped.space and &amp; http://x.org/?a=1&b=2;",
	// Where goldmark's linkify looks: after emphasis and code, after a
	// mark left as text, not in a label, not past an escape.
	"**b**www.after.bold `c`http://after.code x*www.after.star \\(www.escaped.paren (www.paren.org",
	"~~~www.tildes.org ~www.one.tilde.org~ a_b@c.de and _x@y.org_",
	"[see www.in.label.org] [open www.open.label.org\n\nnext www.next.block.org",
	"![alt www.in.alt.org] text ] www.after.bracket.org",
	"www.end.of.line.org\nhttps://next.line.org/path?q=1. www.x.org, www.y.org)",
	// Where the link would have taken what another parser took.
	"https://x.org/`code` and www.x.org/*em* and https://x.org/_a_ b_ and http://x.org/[a] www.b.org",
	"http://x.org/'it's' www.x.org/\"q\" www.x.org/--a www.x.org/:smile: http://x.org/$x$ y",
	"first_last@example.org and a.b-c+d@x.org. and x@y",
	"\twww.tab.org\n\t\twww.code.block\n- \twww.padded.item",
}

func TestQuickLinkifyMatchesGoldmark(t *testing.T) {
	gfm, quick := linkifyPair()
	for _, src := range linkifySources(t) {
		sameLinkify(t, gfm, quick, src)
	}
}

// linkifySources are the benchmark page, linkifyCases and the Markdown
// of the golden files, above their expected HTML.
func linkifySources(t *testing.T) []string {
	t.Helper()
	srcs := append([]string{benchDoc}, linkifyCases...)
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files (%v)", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		md, _, _ := strings.Cut(string(b), goldenMarker)
		srcs = append(srcs, md)
	}
	return srcs
}

func FuzzQuickLinkify(f *testing.F) {
	for _, s := range linkifyCases {
		f.Add(s)
	}
	gfm, quick := linkifyPair()
	f.Fuzz(func(t *testing.T, src string) {
		sameLinkify(t, gfm, quick, src)
	})
}

// renderPair returns two Renderers, the second parsing every page with
// goldmark's linkify.
var renderPair = sync.OnceValues(func() (fast, full *Renderer) {
	fast, full = New(Config{Highlight: true}), New(Config{Highlight: true})
	full.parseFull = true
	return fast, full
})

// sameRender checks that a page renders the same whether its links are
// found after parsing or by goldmark's linkify while parsing: the HTML,
// the text, the headings and the links.
func sameRender(t *testing.T, src, lang string) {
	t.Helper()
	fast, full := renderPair()
	opt := Options{Lang: lang, Title: "T"}
	got, err := fast.Render([]byte(src), opt)
	if err != nil {
		t.Fatal(err)
	}
	want, err := full.Render([]byte(src), opt)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("for %q in %s\nafter parsing:  %q\nwhile parsing:  %q", src, lang, got.HTML, want.HTML)
	}
}

// Every page of the golden files and the example handbook renders the
// same with linkifyAfter, in both typographies.
func TestLinkifyAfterRendersAsGoldmark(t *testing.T) {
	srcs := linkifySources(t)
	pages := 0
	err := filepath.WalkDir(filepath.Join("..", "..", "content"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		b, err := os.ReadFile(path)
		srcs = append(srcs, string(b))
		pages++
		return err
	})
	if err != nil || pages == 0 {
		t.Fatalf("no example pages (%v)", err)
	}
	for _, src := range srcs {
		sameRender(t, src, "en")
		sameRender(t, src, "fr")
	}
}

func FuzzLinkifyAfter(f *testing.F) {
	for _, s := range linkifyCases {
		f.Add(s, "fr")
		f.Add(s, "en")
	}
	f.Fuzz(func(t *testing.T, src, lang string) {
		sameRender(t, src, lang)
	})
}
