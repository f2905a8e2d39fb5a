package generator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Hugo's url, Jekyll's permalink and jekyll-redirect-from's redirect_from
// keep the old site's links working: the page gets binome's URL and its
// old ones redirect there.
func TestOldURLsRedirect(t *testing.T) {
	dir := writeSite(t, `-- site.yaml --
title: T
-- content/guides/hugo.md --
---
title: Hugo
url: /old/hugo-page/
---
x
-- content/guides/jekyll.md --
---
title: Jekyll
permalink: /about.html
---
x
-- content/guides/moved.md --
---
title: Moved
redirect_from:
  - /guides/moved-once/
  - /moved-twice.html
---
x
-- content/guides/same.md --
---
title: Same
url: /guides/same/
---
x
-- content/guides/pattern.md --
---
title: Pattern
permalink: /:categories/:title/
---
x
-- content/guides/linker.md --
---
title: Linker
---
[old](/old/hugo-page/) and [older](/about.html)
`)
	st := mustBuild(t, dir)
	if len(st.Warnings) != 0 {
		t.Errorf("warnings: %v", st.Warnings)
	}
	for path, target := range map[string]string{
		"old/hugo-page/index.html":     "../../guides/hugo/",
		"about.html":                   "guides/jekyll/",
		"guides/moved-once/index.html": "../../guides/moved/",
		"moved-twice.html":             "guides/moved/",
	} {
		if !strings.Contains(read(t, dir, path), "url="+target) {
			t.Errorf("%s does not redirect to %s", path, target)
		}
	}
	for _, p := range []string{"guides/hugo/index.html", "guides/jekyll/index.html", "guides/same/index.html", "guides/pattern/index.html"} {
		if !exists(dir, p) {
			t.Errorf("%s missing", p)
		}
	}

	for name, bad := range map[string]string{
		"escape":  "url: /../../etc/x/\n",
		"another": "url: /guides/jekyll/\n",
	} {
		t.Run(name, func(t *testing.T) {
			d := writeSite(t, "-- site.yaml --\ntitle: T\n-- content/guides/jekyll.md --\n---\ntitle: J\n---\nx\n"+
				"-- content/guides/bad.md --\n---\ntitle: Bad\n"+bad+"---\nx\n")
			_, err := build(t, d)
			if err == nil || !strings.HasPrefix(err.Error(), "content/guides/bad.md:") {
				t.Errorf("error %v, want one at content/guides/bad.md", err)
			}
		})
	}
}

// A page whose old URL is its own folder's (Just the Docs' parent page,
// onboarding/onboarding.md with permalink: /docs/onboarding) introduces
// that folder, at its URL, with its title and order, instead of clashing
// with the section page binome would make.
func TestPageClaimsItsFolderByOldURL(t *testing.T) {
	for _, claim := range []string{"permalink: docs/onboarding", "has_children: true"} {
		t.Run(claim, func(t *testing.T) { testPageClaimsItsFolder(t, claim) })
	}
}

func testPageClaimsItsFolder(t *testing.T, claim string) {
	dir := writeSite(t, `-- site.yaml --
title: T
-- content/docs/onboarding/onboarding.md --
---
title: Onboarding Steps
nav_order: 3
`+claim+`
---
Welcome.
-- content/docs/onboarding/team.md --
---
title: Team
parent: Onboarding Steps
nav_order: 1
---
-- content/docs/metrics.md --
---
title: Metrics
nav_order: 7
---
`)
	mustBuild(t, dir)
	page := read(t, dir, "docs/onboarding/index.html")
	for _, want := range []string{"<h1>Onboarding Steps</h1>", "Welcome.", `href="team/"`} {
		if !strings.Contains(page, want) {
			t.Errorf("docs/onboarding/ lacks %s:\n%s", want, page)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "public/docs/onboarding/onboarding/index.html")); err == nil {
		t.Error("the parent page is also written as a child of itself")
	}
	docs := read(t, dir, "docs/index.html")
	if i, j := strings.Index(docs, "Onboarding Steps"), strings.Index(docs, "Metrics"); i < 0 || j < 0 || i > j {
		t.Errorf("docs/ does not list Onboarding Steps (nav_order 3) before Metrics (7):\n%s", docs)
	}
}

// An old URL that another page has is an error at the field that
// writes it, named as written.
func TestOldURLClashNamesItsField(t *testing.T) {
	dir := writeSite(t, `-- site.yaml --
title: T
-- content/guides/a.md --
---
title: A
aliases: [/x/]
permalink: /guides/b/
---
-- content/guides/b.md --
---
title: B
---
`)
	_, err := build(t, dir)
	if err == nil || !strings.Contains(err.Error(), `content/guides/a.md:4:1: field "permalink": the old URL /guides/b/ is already the URL of content/guides/b.md`) {
		t.Errorf("error %v, want it at the permalink line", err)
	}
}
