package output

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzRewriteURLs: the URL rewriter runs on every page; whatever the HTML,
// it must not panic, must leave text without tags alone, must keep valid
// UTF-8 valid, and must never turn a site URL into one that leaves the
// site from the page's folder ("/..." stays inside with relative output).
func FuzzRewriteURLs(f *testing.F) {
	for _, s := range []string{
		`<a href="/guides/x/">x</a>`,
		`<img src='/img/a.png' srcset="/a.png 1x, /b.png 2x">`,
		`<a href=/x/#y>`, `<script>var a="/x/"</script><a href="/">`,
		`<a href="//cdn.example.com/x">`, `<div data-search-index="/search/fr/">`,
		`<a href="/a:b/">`, `<!-- <a href="/x/"> -->`, "plain text / no tags",
	} {
		f.Add([]byte(s), "guides/x/index.html", true)
		f.Add([]byte(s), "index.html", false)
	}
	f.Fuzz(func(t *testing.T, html []byte, page string, relative bool) {
		if CheckPath(page) != nil {
			return
		}
		out := RewriteURLs(html, page, relative, "/base/")
		if !bytes.ContainsRune(html, '<') && !bytes.Equal(out, html) {
			t.Fatalf("text without tags changed: %q → %q", html, out)
		}
		if utf8.Valid(html) && !utf8.Valid(out) {
			t.Fatalf("valid UTF-8 became invalid: %q → %q", html, out)
		}
		if relative && !strings.Contains(string(html), "..") && strings.Count(string(out), "../") > strings.Count(page, "/")*strings.Count(string(html), "/") {
			t.Fatalf("more ../ than the page's depth can need: %q → %q", html, out)
		}
	})
}
