package generator

import (
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
