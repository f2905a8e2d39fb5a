package theme

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

type cachedSite struct{ Name string }

type cachedPage struct {
	Title, Section string
	Site           *cachedSite
}

func cachedTheme(t *testing.T) *Set {
	t.Helper()
	return load(t, Layer{Name: "t", Dir: "t", FS: fstest.MapFS{
		"layouts/page.html":            {Data: []byte(`[{{ partialCached "nav.html" . .Site .Section }}]`)},
		"layouts/partials/nav.html":    {Data: []byte(`{{ .Site.Name }}/{{ .Section }}/{{ .Title }}`)},
		"layouts/nosite.html":          {Data: []byte(`{{ partialCached "nav.html" . "site" }}`)},
		"layouts/nilsite.html":         {Data: []byte(`{{ partialCached "nav.html" . .Missing }}`)},
		"layouts/many.html":            {Data: []byte(`{{ partialCached "nav.html" . .Site 1 2 3 4 }}`)},
		"layouts/uncomparable.html":    {Data: []byte(`{{ partialCached "nav.html" . .Site (slice 1) }}`)},
		"layouts/missing.html":         {Data: []byte(`{{ partialCached "nope.html" . .Site }}`)},
		"layouts/partials/broken.html": {Data: []byte(`{{ .Nope }}`)},
		"layouts/broken.html":          {Data: []byte(`{{ partialCached "broken.html" . .Site }}`)},
	}})
}

func TestPartialCached(t *testing.T) {
	s := cachedTheme(t)
	a, b := &cachedSite{"a"}, &cachedSite{"b"}
	for _, tc := range []struct {
		name string
		page cachedPage
		want string
	}{
		{"first call renders", cachedPage{"one", "guides", a}, "[a/guides/one]"},
		{"same site and variants: the first output", cachedPage{"two", "guides", a}, "[a/guides/one]"},
		{"another variant renders", cachedPage{"three", "duos", a}, "[a/duos/three]"},
		{"another site renders", cachedPage{"four", "guides", b}, "[b/guides/four]"},
		{"an equal but distinct site renders", cachedPage{"five", "guides", &cachedSite{"a"}}, "[a/guides/five]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := run(t, s, tc.page, "page.html"); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

// TestPartialCachedKeepsRecentSites checks that a rebuild's new site
// values push the oldest ones out, fragments and all.
func TestPartialCachedKeepsRecentSites(t *testing.T) {
	s := cachedTheme(t)
	sites := make([]*cachedSite, maxSites+1)
	for i := range sites {
		sites[i] = &cachedSite{fmt.Sprint(i)}
		run(t, s, cachedPage{"old", "x", sites[i]}, "page.html")
	}
	if n := len(s.fragments.sites); n != maxSites {
		t.Errorf("%d sites kept, want %d", n, maxSites)
	}
	for k := range s.fragments.html {
		if k.site == sites[0] {
			t.Fatal("the oldest site's fragments are still cached")
		}
	}
	if got := run(t, s, cachedPage{"new", "x", sites[0]}, "page.html"); got != "[0/x/new]" {
		t.Errorf("evicted site: got %s, want a new rendering", got)
	}
	if got, want := run(t, s, cachedPage{"new", "x", sites[maxSites]}, "page.html"), fmt.Sprintf("[%d/x/old]", maxSites); got != want {
		t.Errorf("recent site: got %s, want the cached rendering", got)
	}
}

func TestPartialCachedErrors(t *testing.T) {
	s := cachedTheme(t)
	p := cachedPage{"t", "s", &cachedSite{"a"}}
	for _, tc := range []struct{ layout, want string }{
		{"nosite.html", "want .Site after the data, got string"},
		{"nilsite.html", "can't evaluate field Missing"},
		{"many.html", "at most 3 variants, got 4"},
		{"uncomparable.html", "of type []interface {} cannot be compared"},
		{"missing.html", `partial "nope.html" not found`},
		{"broken.html", "can't evaluate field Nope"},
	} {
		t.Run(tc.layout, func(t *testing.T) {
			err := s.Execute(new(bytes.Buffer), []string{tc.layout}, p)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want %q", err, tc.want)
			}
		})
	}
	if len(s.fragments.html) != 0 {
		t.Errorf("failed renderings were cached: %v", s.fragments.html)
	}
}

// TestDefaultThemeSharedFragments renders every page of the fake site
// twice: with a fresh theme, so every shared fragment (sidebar, menu,
// footer, breadcrumbs…) is made from the page itself, and with a theme
// that rendered all the other pages first, so they come from those. Any
// difference is a fragment shared by pages it does not fit.
func TestDefaultThemeSharedFragments(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		warm := loadDefault(t)
		site, pages := fakeSiteFor(warm, lang)
		site.Params["sidebar_limit"] = 1 // so pages past the first share the sidebar
		names := sortedKeys(pages)
		layout := func(p *fakePage) []string {
			switch {
			case p.Kind == "home":
				return []string{"index.html"}
			case p.Kind == "404":
				return []string{"404.html"}
			case p.IsList:
				return []string{p.Kind + "/list.html", p.Section + "/list.html", "_default/list.html"}
			}
			return []string{p.Kind + "/single.html", "_default/single.html"}
		}
		warmOut := map[string]string{}
		for _, name := range names {
			var out bytes.Buffer
			if err := warm.Execute(&out, layout(pages[name]), pages[name]); err != nil {
				t.Fatal(err)
			}
			warmOut[name] = out.String()
		}
		if len(warm.fragments.html) == 0 {
			t.Fatal("the default theme shares no fragment")
		}
		for _, name := range names {
			t.Run(lang+"/"+name, func(t *testing.T) {
				cold := loadDefault(t)
				site, pages := fakeSiteFor(cold, lang)
				site.Params["sidebar_limit"] = 1
				var out bytes.Buffer
				if err := cold.Execute(&out, layout(pages[name]), pages[name]); err != nil {
					t.Fatal(err)
				}
				if got, want := warmOut[name], out.String(); got != want {
					i := 0
					for i < min(len(got), len(want)) && got[i] == want[i] {
						i++
					}
					t.Errorf("differs from its own rendering at byte %d:\nshared %q\nown    %q", i,
						got[max(0, i-80):min(len(got), i+80)], want[max(0, i-80):min(len(want), i+80)])
				}
			})
		}
	}
}
