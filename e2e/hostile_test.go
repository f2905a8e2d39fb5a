package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// Script written by an author, in every place it could slip through: a
// script element, an attribute break-out, an inline handler, a javascript:
// link.
const (
	hostileScript = `<script>window.__pwned=1</script>`
	hostileAttr   = `"><img src=x onerror=window.__pwned=1>`
	hostileLink   = `javascript:window.__pwned=1`
)

// hostileSite is a small site with hostile text in titles, profile
// fields, skills and links. "zorglub" is a word to search for.
func hostileSite() map[string]string {
	q := func(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" } // a YAML string
	return map[string]string{
		"site.yaml": `title: Hostile
relativeURLs: true
defaultLanguage: fr
languages:
  fr: { title: Hostile, weight: 1 }
  en: { title: Hostile, weight: 2 }
`,
		"content/_index.md":        "---\ntitle: Accueil\n---\nZorglub.\n",
		"content/guides/_index.md": "---\ntitle: Guides\n---\n",
		"content/guides/zorglub.md": "---\ntitle: " + q("Zorglub "+hostileScript+" "+hostileAttr) + "\n" +
			"summary: " + q(hostileAttr) + "\n" +
			"tags: [zorglub, " + q(hostileScript) + "]\n---\n" +
			"Zorglub est là : [x](" + hostileLink + "), [y](JaVaScRiPt:window.__pwned=1), [z](<javascript:window.__pwned=1>) et [w](&#106;avascript:window.__pwned=1).\n\n" +
			hostileScript + "\n\n" + hostileAttr + "\n\n## Zorglub " + hostileAttr + "\n\nFin.\n",
		"content/profiles/_index.md": "---\ntitle: Profils\n---\n",
		"content/profiles/mallory.md": "---\nname: " + q("Mallory "+hostileAttr) + "\nrole: mentor\n" +
			"job: " + q(hostileScript) + "\ndepartment: " + q(hostileAttr) + "\nlanguages: [fr]\n" +
			"skills_offered: [" + q(hostileScript) + ", " + q(hostileAttr) + ", zorglub]\n" +
			"skills_sought: [" + q(hostileLink) + "]\n---\nZorglub " + hostileScript + "\n",
		"content/profiles/bob.md": "---\nname: " + q("Bob "+hostileScript) + "\nrole: mentee\n" +
			"department: " + q(hostileScript) + "\nlanguages: [fr]\n" +
			"skills_sought: [" + q(hostileScript) + ", " + q(hostileAttr) + ", zorglub]\n---\nBob.\n",
	}
}

// hostileCheck lists what the page let through: the flag set, an inline
// script or event handler carrying the payload, a javascript: link.
const hostileCheck = `(() => {
	const bad = [];
	if (window.__pwned !== undefined) bad.push("window.__pwned = " + window.__pwned);
	for (const s of document.scripts) if (s.textContent.includes("__pwned")) bad.push("script element: " + s.outerHTML.slice(0, 100));
	for (const el of document.querySelectorAll("*")) for (const a of el.attributes) {
		if (/^on/i.test(a.name) && a.value.includes("__pwned")) bad.push("<" + el.localName + " " + a.name + "=" + JSON.stringify(a.value) + ">");
	}
	for (const a of document.querySelectorAll("a[href], area[href]")) if (a.protocol === "javascript:") bad.push("link to " + a.getAttribute("href"));
	for (const f of document.querySelectorAll("iframe[src], form[action], [formaction]")) {
		if (/^\s*javascript:/i.test(f.getAttribute("src") || f.getAttribute("action") || f.getAttribute("formaction"))) bad.push(f.outerHTML.slice(0, 100));
	}
	return bad;
})()`

// Hostile text in frontmatter, profiles and Markdown is shown as text on
// every page, in the directory and in search results; its links do not
// run script when clicked.
func TestHostileContentStaysText(t *testing.T) {
	site := brBuildTemp(t, hostileSite())
	ctx := brStart(t)
	srv := brServe(t, site)

	check := func(where string) {
		t.Helper()
		for _, b := range brEval[[]string](t, ctx, hostileCheck) {
			t.Errorf("%s: %s", where, b)
		}
	}
	for _, p := range brPages(t, site) {
		brNavigate(t, ctx, srv.URL+p)
		check(p)
	}

	// The title shows as text, not markup.
	brNavigate(t, ctx, srv.URL+"/guides/zorglub/")
	if h1 := brEval[string](t, ctx, `(document.querySelector("h1") || {}).textContent || ""`); !strings.Contains(h1, "<script>") {
		t.Errorf("guide title shows as %q, want the text with <script> in it", h1)
	}
	// Click each link written as javascript:, as a reader would.
	for _, text := range []string{"x", "y", "z", "w"} {
		brNavigate(t, ctx, srv.URL+"/guides/zorglub/")
		href := brEval[*string](t, ctx, fmt.Sprintf(`(() => {
			const a = Array.from(document.querySelectorAll("main a")).find(a => a.textContent.trim() === %q);
			if (!a) return null;
			a.setAttribute("data-e2e-hostile", "");
			return a.getAttribute("href") || "";
		})()`, text))
		if href == nil {
			continue // not a link at all: nothing to click
		}
		brDo(t, ctx, "click the link to "+*href, chromedp.Click(chromedp.CSS(`[data-e2e-hostile]`)))
		if pwned := brEval[bool](t, ctx, `window.__pwned !== undefined`); pwned {
			t.Errorf("clicking the link to %q ran its script", *href)
		}
	}

	// The directory, filtered by a hostile skill.
	brNavigate(t, ctx, srv.URL+"/profiles/")
	if brEval[int](t, ctx, `document.querySelectorAll("[data-directory-filters] input[type=checkbox]").length`) > 0 {
		brDo(t, ctx, "check every filter", chromedp.Evaluate[chromedp.Void](`document.querySelectorAll("[data-directory-filters] input[type=checkbox]").forEach(b => b.click())`))
		brWait(t, ctx, `location.search.length > 1`, "the filters in the URL")
		check("the filtered directory")
		brNavigate(t, ctx, brEval[string](t, ctx, `location.href`))
		check("the directory reloaded with the filters")
	}

	// Search results carry the hostile title.
	brNavigate(t, ctx, srv.URL+"/")
	hits := searchFor(t, ctx, "zorglub")
	if len(hits) == 0 {
		t.Error("zorglub: no search results")
	}
	for _, h := range hits {
		if strings.Contains(h.Title, "Zorglub") && !strings.Contains(h.Title, "<script>") {
			t.Errorf("search result title %q lost the text of its markup", h.Title)
		}
	}
	check("search results for zorglub")
}
