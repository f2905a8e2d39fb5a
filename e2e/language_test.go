package e2e

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"
)

// langSwitch follows the language switcher's link to lang and returns the
// path it landed on and the lang of its <html>.
func langSwitch(t *testing.T, ctx context.Context, lang string) (path, htmlLang string) {
	t.Helper()
	brNavigateBy(t, ctx, "click the switcher link to "+lang,
		chromedp.Click(chromedp.CSS(`.lang-switch a[hreflang="`+lang+`"]`)))
	return brEval[string](t, ctx, `location.pathname`), brEval[string](t, ctx, `document.documentElement.lang`)
}

// A translated page switches to its translation.
func TestLanguageSwitcherToTranslation(t *testing.T) {
	ctx := brStart(t)
	_, base := brServeExample(t)
	brNavigate(t, ctx, base+"guides/first-meeting/")

	path, lang := langSwitch(t, ctx, "en")
	if want := brBasePath + "en/guides/first-meeting/"; path != want || lang != "en" {
		t.Errorf("switching to English landed on %s with <html lang=%q>, want %s and en", path, lang, want)
	}
	path, lang = langSwitch(t, ctx, "fr")
	if want := brBasePath + "guides/first-meeting/"; path != want || lang != "fr" {
		t.Errorf("switching back to French landed on %s with <html lang=%q>, want %s and fr", path, lang, want)
	}
}

// A page without translation switches to the page shown in the default
// language (fallback), or to the section of the other language; never to
// a missing page.
func TestLanguageSwitcherWithoutTranslation(t *testing.T) {
	site := brBuildTemp(t, map[string]string{
		"site.yaml": `title: T
relativeURLs: true
defaultLanguage: fr
languages:
  fr: { title: Site, weight: 1 }
  en: { title: Site, weight: 2 }
`,
		"content/_index.md":            "---\ntitle: Accueil\n---\n",
		"content/_index.en.md":         "---\ntitle: Home\n---\n",
		"content/guides/_index.md":     "---\ntitle: Guides FR\n---\n",
		"content/guides/_index.en.md":  "---\ntitle: Guides EN\n---\n",
		"content/guides/both.md":       "---\ntitle: Les deux\n---\nTexte.\n",
		"content/guides/both.en.md":    "---\ntitle: Both\n---\nText.\n",
		"content/guides/only-fr.md":    "---\ntitle: Seulement en français\n---\nTexte.\n",
		"content/guides/only-en.en.md": "---\ntitle: English only\n---\nText.\n",
	})
	ctx := brStart(t)
	srv := brServe(t, site)

	cases := []struct {
		name, from, to string
		want           []string // the acceptable landing paths
		wantLang       string
	}{
		{"French only to English", "/guides/only-fr/", "en", []string{"/en/guides/only-fr/", "/en/guides/"}, "en"},
		{"English only to French", "/en/guides/only-en/", "fr", []string{"/guides/"}, "fr"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			brNavigate(t, ctx, srv.URL+c.from)
			path, lang := langSwitch(t, ctx, c.to)
			ok := false
			for _, w := range c.want {
				ok = ok || path == w
			}
			if !ok || lang != c.wantLang {
				t.Errorf("from %s, switching to %s landed on %s with <html lang=%q>, want one of %v and %s", c.from, c.to, path, lang, c.want, c.wantLang)
			}
			if brEval[bool](t, ctx, `document.body.classList.contains("kind-404")`) {
				t.Errorf("from %s, switching to %s landed on the 404 page", c.from, c.to)
			}
		})
	}
}
