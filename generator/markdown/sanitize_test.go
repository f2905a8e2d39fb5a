package markdown

import (
	"html"
	"regexp"
	"strings"
	"testing"
)

// outTag matches a start tag of rendered HTML with its attributes.
var outTag = regexp.MustCompile(`(?is)<([a-z][a-z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*/?>`)
var outAttr = regexp.MustCompile(`(?is)([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?`)

// unsafeMarkup reports the first thing in rendered HTML that could run
// script or load from elsewhere unseen, "" when there is none.
func unsafeMarkup(out string) string {
	for _, m := range outTag.FindAllStringSubmatch(out, -1) {
		switch strings.ToLower(m[1]) {
		case "script", "iframe", "object", "embed", "style", "form", "input", "textarea", "svg", "math", "base", "link", "meta", "frame", "frameset", "applet":
			return m[0]
		}
		for _, a := range outAttr.FindAllStringSubmatch(m[2], -1) {
			name := strings.ToLower(a[1])
			v := html.UnescapeString(a[2] + a[3] + a[4])
			if strings.HasPrefix(name, "on") || name == "style" || name == "srcdoc" || name == "formaction" {
				return m[0]
			}
			if (name == "href" || name == "src") && dangerousURL([]byte(v)) {
				return m[0]
			}
		}
	}
	return ""
}

func TestFilteredHTMLIsSafe(t *testing.T) {
	// The check itself sees what unsafe mode lets through.
	for _, bad := range []string{`<img src=x onerror=alert(1)>`, `<a href="jav&#x61;script:x">`, `<p style="x">`, `<svg>`} {
		if unsafeMarkup(bad) == "" {
			t.Fatalf("unsafeMarkup misses %s", bad)
		}
	}
	for _, src := range []string{
		`<img src=x onerror=alert(1)>`,
		`<a href="jav&#x61;script:alert(1)">x</a>`,
		`<a href="&#106;avascript:alert(1)">x</a>`,
		"<a href=\"java\tscript:alert(1)\">x</a>",
		`<div style="background:url(x)">x</div>`,
		`<details open ontoggle=alert(1)><summary>s</summary></details>`,
		`<svg><script>alert(1)</script></svg>`,
		`<iframe srcdoc="<script>alert(1)</script>"></iframe>`,
		`<<script>>alert(1)<</script>>`,
		`<img src="x" alt="a" "onerror"=alert(1)>`,
		"<table>\n<tr><td onmouseover=alert(1)>x</td></tr>\n</table>",
	} {
		res, err := New(Config{}).Render([]byte(src), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if bad := unsafeMarkup(string(res.HTML)); bad != "" {
			t.Errorf("Render(%q) let through %s:\n%s", src, bad, res.HTML)
		}
	}
}

// FuzzFilteredHTML checks that no input, however malformed, gets a
// script, an event handler, a style or a dangerous URL through safe mode.
func FuzzFilteredHTML(f *testing.F) {
	for _, s := range []string{
		"<table><tr><th width=1>a</th></tr></table>",
		"<figure><img src=\"a.png\" alt=\"x\"><figcaption>c</figcaption></figure>",
		"x <kbd>K</kbd> <a href='b.md'>b</a> <!-- c --> </div>",
		"<div>\n\n*md*\n\n</div>",
		"<img src=x onerror=alert(1)>",
	} {
		f.Add(s)
	}
	r := New(Config{})
	f.Fuzz(func(t *testing.T, src string) {
		res, err := r.Render([]byte(src), Options{ResolveLink: func(l Link) (string, bool) { return l.Dest, true }})
		if err != nil {
			t.Fatal(err)
		}
		if bad := unsafeMarkup(string(res.HTML)); bad != "" {
			t.Errorf("Render(%q) let through %s:\n%s", src, bad, res.HTML)
		}
	})
}

// The ids of a page's own HTML stay, as the targets of its links, and are
// listed with the headings' for the anchor check; a value that cannot be
// one goes.
func TestHTMLIDsAreKept(t *testing.T) {
	src := "<div id=\"chapters\" class=\"my-4\">\n<a id=\"ch-1\" href=\"#chapters\">One</a>\n<p id=\"two words\">x</p>\n</div>\n\n## Title\n"
	res, err := New(Config{}).Render([]byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := string(res.HTML)
	for _, want := range []string{`<div id="chapters">`, `<a id="ch-1" href="#chapters">`, "<p>x</p>"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
	if got, want := strings.Join(res.IDs, " "), "chapters ch-1"; got != want {
		t.Errorf("IDs = %q, want %q", got, want)
	}
}
