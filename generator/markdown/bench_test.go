package markdown

import (
	_ "embed"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// benchDoc is a realistic page of about 800 words: headings, lists, a
// table, two code blocks, a callout, links and an image.
//
//go:embed testdata/bench.md
var benchDoc string

func BenchmarkRender(b *testing.B) {
	for _, bc := range []struct {
		name string
		cfg  Config
	}{
		{"highlight", Config{Highlight: true}},
		{"plain", Config{}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			r := New(bc.cfg)
			src := []byte(benchDoc)
			opt := Options{Lang: "fr", ResolveLink: func(l Link) (string, bool) { return l.Dest, true }}
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := r.Render(src, opt); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkForeignTags(b *testing.B) {
	src := []byte(benchDoc + "\n{{< figure >}}\n")
	b.ReportAllocs()
	for b.Loop() {
		ForeignTags(src, false)
	}
}

func FuzzRender(f *testing.F) {
	for _, s := range []string{
		benchDoc,
		"# T {#id}\n\n> [!NOTE] t\n> x\n\n[a](javascript:x) <b>",
		"| a |\n|---|\n| b |\n\n- [x] t\n\nT\n: d\n\nx[^1]\n\n[^1]: n",
		"\"« a » ! b ? : ;\"\n```go\nx\n```\n",
		"> [!",
		"![](",
		"<div>\n",
		"## \u00a0é\u0301",
	} {
		f.Add(s, true, "fr")
		f.Add(s, false, "en")
	}
	safe := New(Config{Highlight: true})
	unsafe := New(Config{Highlight: true, Unsafe: true})
	f.Fuzz(func(t *testing.T, src string, isSafe bool, lang string) {
		r := unsafe
		if isSafe {
			r = safe
		}
		res, err := r.Render([]byte(src), Options{Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		if utf8.ValidString(src) && !utf8.Valid(res.HTML) {
			t.Errorf("invalid UTF-8 in HTML for valid input %q", src)
		}
		ForeignTags([]byte(src), false)
		Slugify(src)
	})
}

// BenchmarkNormalizePlain measures what every page pays for Normalize
// when it holds no syntax of another tool, as most pages do.
func BenchmarkNormalizePlain(b *testing.B) {
	src := []byte(benchDoc)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		Normalize(src, false)
	}
}

// BenchmarkNormalizeDialects measures Normalize on pages written for
// other tools, as binome meets them: their constructs (callouts, tabs,
// shortcodes, Liquid tags, icons) between long paragraphs. Finding a
// construct's end looks at the lines after it, and a paragraph's line is
// scanned for the starts of inline ones.
func BenchmarkNormalizeDialects(b *testing.B) {
	para := strings.Repeat("Le binôme se retrouve chaque mois pour faire le point sur les objectifs. ", 6)
	var hugo, mkdocs, docusaurus, jekyll, gitbook strings.Builder
	for i := range 20 {
		fmt.Fprintf(&hugo, "%s\n\n{{< hint info >}}\nConseil %d : %s\n{{< /hint >}}\n\n%s\n\n{{< figure src=\"/img/%d.png\" caption=\"Figure\" >}}\n\n", para, i, para, para, i)
		fmt.Fprintf(&mkdocs, "%s\n\n!!! note \"Titre %d\"\n    %s\n\n=== \"Onglet A\"\n\n    %s\n\n=== \"Onglet B\"\n\n    texte\n\n:material-check: fait\n\n", para, i, para, para)
		fmt.Fprintf(&docusaurus, "%s\n\n:::tip Astuce %d\n%s\n:::\n\n<Tabs>\n<TabItem value=\"a\" label=\"A\">\n%s\n</TabItem>\n</Tabs>\n\n", para, i, para, para)
		fmt.Fprintf(&jekyll, "%s\n\n{%% include note.html content=\"x\" %%}\n\nVoir [ceci]({%% link docs/a-%d.md %%}) et {{ site.baseurl }}/x.\n\n{%% highlight go %%}\nfunc main() {}\n{%% endhighlight %%}\n\n%s {: .note}\n\n", para, i, para)
		fmt.Fprintf(&gitbook, "%s\n\n{%% hint style=\"info\" %%}\n%s\n{%% endhint %%}\n\n{%% tabs %%}\n{%% tab title=\"A\" %%}\n%s\n{%% endtab %%}\n{%% endtabs %%}\n\n{%% embed url=\"https://x.example/v\" %%}\n\n", para, para, para)
	}
	for _, bc := range []struct {
		name string
		src  string
		mdx  bool
	}{
		{"hugo", hugo.String(), false},
		{"mkdocs", mkdocs.String(), false},
		{"docusaurus", docusaurus.String(), true},
		{"jekyll", jekyll.String(), false},
		{"gitbook", gitbook.String(), false},
	} {
		src := []byte(bc.src)
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				Normalize(src, bc.mdx)
			}
		})
	}
}
