package output

import (
	"fmt"
	"strings"
	"testing"
)

func TestRewriteURLsRelative(t *testing.T) {
	const page = "guides/x/index.html"
	tests := []struct {
		name, page, in, want string
	}{
		{"sibling page", page, `<a href="/guides/y/">`, `<a href="../y/">`},
		{"home", page, `<a href="/">`, `<a href="../../">`},
		{"asset at root", page, `<link href="/css/a.css">`, `<link href="../../css/a.css">`},
		{"own directory", page, `<a href="/guides/x/">`, `<a href="./">`},
		{"own directory fragment", page, `<a href="/guides/x/#agenda">`, `<a href="./#agenda">`},
		{"query and fragment kept", page, `<a href="/guides/y/?q=a/b#f">`, `<a href="../y/?q=a/b#f">`},
		{"root query", page, `<a href="/?q=1">`, `<a href="../../?q=1">`},
		{"file in own directory", page, `<img src="/guides/x/photo.jpg">`, `<img src="photo.jpg">`},
		{"segment sharing a prefix", page, `<a href="/guides/xy">`, `<a href="../xy">`},
		{"own directory without slash", page, `<a href="/guides/x">`, `<a href="../x">`},
		{"deeper", page, `<a href="/guides/x/a/b/">`, `<a href="a/b/">`},
		{"single quotes", page, `<a href='/guides/y/'>`, `<a href='../y/'>`},
		{"unquoted", page, `<a href=/guides/y/>x</a>`, `<a href=../y/>x</a>`},
		{"unquoted then attribute", page, `<a href=/guides/y/ class=c>`, `<a href=../y/ class=c>`},
		{"spaces around equals", page, `<a href = "/guides/y/">`, `<a href = "../y/">`},
		{"spaces inside value kept", page, `<a href=" /guides/y/ ">`, `<a href=" ../y/ ">`},
		{"upper-case attribute", page, `<A HREF="/guides/y/">`, `<A HREF="../y/">`},
		{"protocol-relative left alone", page, `<script src="//cdn.example.com/a.js"></script>`, `<script src="//cdn.example.com/a.js"></script>`},
		{"backslash protocol-relative left alone", page, `<a href="/\evil.example">`, `<a href="/\evil.example">`},
		{"mailto left alone", page, `<a href="mailto:a@b.c">`, `<a href="mailto:a@b.c">`},
		{"http left alone", page, `<a href="http://example.com/">`, `<a href="http://example.com/">`},
		{"fragment left alone", page, `<a href="#top">`, `<a href="#top">`},
		{"relative left alone", page, `<a href="../y/">`, `<a href="../y/">`},
		{"empty value", page, `<a href="">`, `<a href="">`},
		{"other attribute left alone", page, `<a title="/guides/y/" href="/guides/y/">`, `<a title="/guides/y/" href="../y/">`},
		{"greater-than in quoted value", page, `<a title="a>b" href="/guides/y/">`, `<a title="a>b" href="../y/">`},
		{"boolean attribute before", page, `<input disabled data-url="/search/fr/">`, `<input disabled data-url="../../search/fr/">`},
		{"data attribute", page, `<div data-index="/search/fr/">`, `<div data-index="../../search/fr/">`},
		{"data- alone is not data-*", page, `<div data-="/x">`, `<div data-="/x">`},
		{"src action poster formaction", page,
			`<img src="/a.png"><form action="/s/"><button formaction="/t/"></button></form><video poster="/p.jpg">`,
			`<img src="../../a.png"><form action="../../s/"><button formaction="../../t/"></button></form><video poster="../../p.jpg">`},
		{"svg use", page, `<svg><use href="/icons.svg#i"/><use xlink:href="/icons.svg#j"/></svg>`, `<svg><use href="../../icons.svg#i"/><use xlink:href="../../icons.svg#j"/></svg>`},
		{"self-closing unquoted", page, `<img src=/a.png/>`, `<img src=../../a.png/>`},
		{"srcset", page, `<img srcset="/img/a.jpg 1x, /img/b.jpg 2x">`, `<img srcset="../../img/a.jpg 1x, ../../img/b.jpg 2x">`},
		{"srcset widths and newlines", page, "<img srcset=\"/a.jpg 480w,\n /b.jpg 800w\">", "<img srcset=\"../../a.jpg 480w,\n ../../b.jpg 800w\">"},
		{"srcset without descriptors", page, `<img srcset="/a.jpg, /b.jpg">`, `<img srcset="../../a.jpg, ../../b.jpg">`},
		{"srcset comma after descriptor", page, `<img srcset="/a.jpg 1x,/b.jpg 2x">`, `<img srcset="../../a.jpg 1x,../../b.jpg 2x">`},
		// HTML reads a URL up to whitespace, commas included.
		{"srcset comma inside URL", page, `<img srcset="/a.jpg,/b.jpg 2x">`, `<img srcset="../../a.jpg,/b.jpg 2x">`},
		{"srcset mixed", page, `<img srcset="https://x/a.jpg 1x, /b.jpg 2x">`, `<img srcset="https://x/a.jpg 1x, ../../b.jpg 2x">`},
		{"imagesrcset", page, `<link rel=preload imagesrcset="/a.jpg 1x">`, `<link rel=preload imagesrcset="../../a.jpg 1x">`},
		{"text untouched", page, `<p>see /guides/y/ and href="/guides/y/"</p>`, `<p>see /guides/y/ and href="/guides/y/"</p>`},
		{"lone less-than in text", page, `<p>a < b and 1<2 <a href="/guides/y/">`, `<p>a < b and 1<2 <a href="../y/">`},
		{"script contents untouched", page,
			`<script src="/js/a.js">var s = '<a href="/x/">'; if (a<b) {}</script><a href="/">`,
			`<script src="../../js/a.js">var s = '<a href="/x/">'; if (a<b) {}</script><a href="../../">`},
		{"script end tag any case", page, `<script>x="<img src='/a'>"</SCRIPT ><a href="/">`, `<script>x="<img src='/a'>"</SCRIPT ><a href="../../">`},
		{"script end needs a full name", page, `<script>"</scripts><a href='/'>"</script>`, `<script>"</scripts><a href='/'>"</script>`},
		{"style contents untouched", page, `<style>a{background:url(/i.png)}</style><link href="/a.css">`, `<style>a{background:url(/i.png)}</style><link href="../../a.css">`},
		{"textarea contents untouched", page, `<textarea><a href="/x/"></textarea>`, `<textarea><a href="/x/"></textarea>`},
		{"comment untouched", page, `<!-- <a href="/x/"> --><a href="/">`, `<!-- <a href="/x/"> --><a href="../../">`},
		{"empty comment", page, `<!--><a href="/">`, `<!--><a href="../../">`},
		{"doctype and end tags", page, `<!DOCTYPE html><html><a href="/"></a></html>`, `<!DOCTYPE html><html><a href="../../"></a></html>`},
		{"unterminated quote", page, `<a href="/guides/y/`, `<a href="/guides/y/`},
		{"unterminated tag", page, `<a href=/guides/y/`, `<a href=../y/`},
		{"root page home", "index.html", `<a href="/">`, `<a href="./">`},
		{"root page asset", "index.html", `<a href="/css/a.css">`, `<a href="css/a.css">`},
		{"colon in first segment", "index.html", `<a href="/a:b/">`, `<a href="./a:b/">`},
		{"colon in later segment", "index.html", `<a href="/x/a:b/">`, `<a href="x/a:b/">`},
		{"other language", "en/guides/x/index.html", `<a href="/guides/x/">`, `<a href="../../../guides/x/">`},
		{"page not named index", "404.html", `<a href="/css/a.css">`, `<a href="css/a.css">`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(RewriteURLs([]byte(tt.in), tt.page, true, ""))
			if got != tt.want {
				t.Errorf("RewriteURLs(%q, %q)\n got %s\nwant %s", tt.in, tt.page, got, tt.want)
			}
		})
	}
}

func TestRewriteURLsBasePath(t *testing.T) {
	tests := []struct {
		name, base, in, want string
	}{
		{"prefix", "/mentoring/", `<a href="/guides/y/">`, `<a href="/mentoring/guides/y/">`},
		{"home", "/mentoring/", `<a href="/">`, `<a href="/mentoring/">`},
		{"query fragment", "/mentoring/", `<a href="/guides/y/?q=1#f">`, `<a href="/mentoring/guides/y/?q=1#f">`},
		{"no trailing slash", "/mentoring", `<a href="/x/">`, `<a href="/mentoring/x/">`},
		{"no leading slash", "mentoring/", `<a href="/x/">`, `<a href="/mentoring/x/">`},
		{"full base URL", "https://h.example/mentoring/", `<a href="/x/">`, `<a href="https://h.example/mentoring/x/">`},
		{"root base changes nothing", "/", `<a href="/x/">`, `<a href="/x/">`},
		{"empty base changes nothing", "", `<a href="/x/">`, `<a href="/x/">`},
		{"srcset", "/m/", `<img srcset="/a.jpg 1x, /b.jpg 2x">`, `<img srcset="/m/a.jpg 1x, /m/b.jpg 2x">`},
		{"unquoted", "/m/", `<a href=/x/>`, `<a href=/m/x/>`},
		{"single quotes", "/m/", `<a href='/x/'>`, `<a href='/m/x/'>`},
		{"protocol-relative left alone", "/m/", `<a href="//cdn/x">`, `<a href="//cdn/x">`},
		{"mailto left alone", "/m/", `<a href="mailto:a@b.c">`, `<a href="mailto:a@b.c">`},
		{"text untouched", "/m/", `<p>/x/</p>`, `<p>/x/</p>`},
		{"script untouched", "/m/", `<script>f("/x/")</script>`, `<script>f("/x/")</script>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(RewriteURLs([]byte(tt.in), "guides/x/index.html", false, tt.base))
			if got != tt.want {
				t.Errorf("RewriteURLs(%q, base %q)\n got %s\nwant %s", tt.in, tt.base, got, tt.want)
			}
		})
	}
}

func TestRewriteURLsUnchangedReturnsInput(t *testing.T) {
	in := []byte(`<p>nothing <a href="https://x/">here</a></p>`)
	if got := RewriteURLs(in, "a/index.html", true, ""); &got[0] != &in[0] {
		t.Error("an unchanged page was copied")
	}
}

func ExampleRewriteURLs() {
	page := []byte(`<a href="/guides/y/#goals">Goals</a> <img src="/img/logo.svg" alt="">`)
	fmt.Println(string(RewriteURLs(page, "guides/x/index.html", true, "")))
	fmt.Println(string(RewriteURLs(page, "guides/x/index.html", false, "/mentoring/")))
	// Output:
	// <a href="../y/#goals">Goals</a> <img src="../../img/logo.svg" alt="">
	// <a href="/mentoring/guides/y/#goals">Goals</a> <img src="/mentoring/img/logo.svg" alt="">
}

// benchPage returns a handbook page of about 40 KB: navigation, an article
// with links, images, code and a table, a footer and a script.
func benchPage() []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Premier rendez-vous — Programme Binôme</title>
  <link rel="stylesheet" href="/css/main.1a2b3c4d.css">
  <link rel="alternate" hreflang="en" href="/en/guides/first-meeting/">
  <link rel="icon" href="/favicon.svg" type="image/svg+xml">
</head>
<body>
  <a class="skip" href="#main">Aller au contenu</a>
  <header role="banner">
    <nav aria-label="Navigation principale">
      <ul>
`)
	for i := range 40 {
		fmt.Fprintf(&b, "        <li><a href=\"/guides/section-%d/\" class=\"nav-link\">Section numéro %d</a></li>\n", i, i)
	}
	b.WriteString("      </ul>\n    </nav>\n  </header>\n  <main id=\"main\">\n    <article>\n      <h1>Premier rendez-vous</h1>\n")
	for i := 0; b.Len() < 36000; i++ {
		fmt.Fprintf(&b, `      <h2 id="etape-%d">Étape %d</h2>
      <p>Le binôme se retrouve pour <a href="/guides/first-meeting/#etape-%d">préparer</a> la séance :
      voir aussi <a href="/trainings/ecoute-active/">l’écoute active</a> et <a href="https://example.org/ressource">une ressource externe</a>.
      Chaque mentor et chaque mentoré note ses objectifs, puis ils conviennent d’un rythme.</p>
      <figure><img src="/guides/first-meeting/photo-%d.jpg" srcset="/guides/first-meeting/photo-%d.jpg 1x, /guides/first-meeting/photo-%d@2x.jpg 2x" alt="Deux collègues autour d’une table" width="800" height="450"></figure>
      <pre><code class="language-yaml">mentor: lea-martin
mentee:   paul-durand
goals:
  - "prise de parole"
</code></pre>
      <table><tr><th>Durée</th><th>Sujet</th></tr><tr><td>45 min</td><td>Objectifs</td></tr></table>
`, i, i, i, i, i, i)
	}
	b.WriteString(`    </article>
  </main>
  <footer><p><a href="/about/">À propos</a> · <a href="mailto:binome@example.com">Contact</a></p></footer>
  <script src="/js/search.5e6f7a8b.js" defer></script>
  <script>document.documentElement.classList.add("js"); if (1 < 2) { console.log("<a href='/x/'>"); }</script>
</body>
</html>
`)
	return []byte(b.String())
}

func BenchmarkRewriteURLs(b *testing.B) {
	page := benchPage()
	for _, mode := range []struct {
		name     string
		relative bool
	}{{"relative", true}, {"basepath", false}} {
		b.Run(mode.name, func(b *testing.B) {
			b.SetBytes(int64(len(page)))
			b.ReportAllocs()
			for b.Loop() {
				RewriteURLs(page, "guides/first-meeting/index.html", mode.relative, "/mentoring/")
			}
		})
	}
}
