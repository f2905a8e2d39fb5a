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

// BenchmarkNormalizeShortcodes measures Normalize on a page written for
// Hugo, as binome meets them: callouts and other shortcodes between
// paragraphs, so that finding each one's closing tag looks at the lines
// after it.
func BenchmarkNormalizeShortcodes(b *testing.B) {
	var page strings.Builder
	para := strings.Repeat("Le binôme se retrouve chaque mois pour faire le point sur les objectifs. ", 6)
	for i := range 20 {
		fmt.Fprintf(&page, "%s\n\n{{< hint info >}}\nConseil %d : %s\n{{< /hint >}}\n\n%s\n\n{{< figure src=\"/img/%d.png\" caption=\"Figure\" >}}\n\n", para, i, para, para, i)
	}
	src := []byte(page.String())
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		Normalize(src, false)
	}
}
