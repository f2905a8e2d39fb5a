package markdown

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// linkifyPair returns goldmark with its own GFM extension and with
// quickGFM.
func linkifyPair() (gfm, quick goldmark.Markdown) {
	// goldmark's GFM, with the table alignment quickGFM sets.
	exts := goldmark.WithExtensions(extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
		extension.Strikethrough, extension.Linkify, extension.TaskList)
	return goldmark.New(exts), goldmark.New(goldmark.WithExtensions(quickGFM{}))
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
}

func TestQuickLinkifyMatchesGoldmark(t *testing.T) {
	gfm, quick := linkifyPair()
	srcs := append([]string{benchDoc}, linkifyCases...)
	// The Markdown of the golden files, above their expected HTML.
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
	for _, src := range srcs {
		sameLinkify(t, gfm, quick, src)
	}
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
