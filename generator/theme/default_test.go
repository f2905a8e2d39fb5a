package theme

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// -preview DIR writes every page of the default theme rendered with the
// fake site into DIR, with the static files, to look at in a browser.
var preview = flag.String("preview", "", "write the default theme's pages rendered with fake data into this directory")

func loadDefault(t testing.TB) *Set {
	t.Helper()
	set, err := Load([]Layer{{Name: "default", FS: os.DirFS("../../themes/default"), Dir: "themes/default"}}, fakeFuncs())
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// defaultPages names, for every layout of the default theme, the fake
// page it is executed with and markup its output must hold.
var defaultPages = []struct {
	layout, page string
	want, not    []string
}{
	{"index.html", "home:home", []string{`<h1 id="hero-title">Programme Binôme</h1>`, `class="entry-card entry-guides" href="/guides/"`, "Excel en confiance", `href="/annuaire/"`}, nil},
	{"_default/single.html", "guide:fin", []string{`<h1 lang="fr">Clore le binôme</h1>`, `notice-fallback`, `rel="prev"`}, nil},
	{"_default/list.html", "section:guides", []string{`<h1>Guides</h1>`, `href="/guides/premiere-rencontre/"`, `2 pages`}, nil},
	{"guide/single.html", "guide:premiere-rencontre", []string{
		`badge-audience-mentor`, `<a href="#avant">Avant</a>`, `toc-level-3`, `notice-review`, `Équipe RH`,
		`href="https://git.example.org/edit/content/guides/premiere-rencontre.md"`, `rel="next"`,
		`hreflang="en" href="https://example.org/en/guides/first-meeting/"`, `<a href="/en/guides/first-meeting/" hreflang="en" lang="en"`,
		`aria-current="page">Préparer la première rencontre</a>`, `<time datetime="2026-03-01">1er mars 2026</time>`, `4 min de lecture`,
		`href="/tags/debuter/"`}, []string{"Détail"}}, // h4 stays out of the TOC
	{"training/single.html", "training:ecoute", []string{"1\u00a0h\u00a030", `Module 2 sur 2`, `aria-current="step"`,
		`<progress class="path-progress" max="2" value="2"`, `Reformuler`, `href="/trainings/bases/"`, `Intermédiaire`}, nil},
	{"training/list.html", "section:trainings", []string{`<h2 id="path-decouvrir">Découvrir</h2>`, "2\u00a0h\u00a015", `Atelier libre`, `class="lang-current"`}, nil},
	{"story/single.html", "story:excel-en-confiance", []string{`J&#39;ai enfin compris`, `person-card`, `Léa Martin`, `Max Dupont`, `href="/duos/lea-max/"`}, nil},
	{"profile/single.html", "profile:lea-martin", []string{`<h1>Léa Martin</h1>`, `badge-role-mentor`, `href="/skills/excel/">Excel</a>`,
		`<span class="chip">SQL</span>`, `href="/skills/prise-de-parole/"`, `mailto:lea@example.org`, `href="/duos/lea-max/"`, `Excel en confiance`}, nil},
	{"duo/single.html", "duo:lea-max", []string{`Léa Martin`, `Max Dupont`, "1\u00a0h\u00a045", `Graphiques`, `10 janvier 2026`, `chips-sought`, `Maîtriser`}, nil},
	{"directory/list.html", "directory:annuaire", []string{`data-directory-filters`, `data-skills-offered="Excel|SQL"`, `data-languages="fr|en"`,
		`data-role="mentee"`, `name="skills_offered" value="Prise de parole"`, `<span class="facet-count">2</span>`, `aria-live="polite"`,
		`/js/directory.1a2b3c4d.js`}, nil},
	{"matches/list.html", "matches:binomes-suggeres", []string{`7,5`, `langue commune : fr`, `href="/binomes-suggeres/suggestions.csv"`}, nil},
	{"impact/list.html", "impact:impact", []string{`class="bar s0"`, `href="/impact/sessions.csv"`, `<span class="figure-value">12</span>`, `<span class="figure-value">40</span>`, "departments: Legal"}, nil},
	{"taxonomy/list.html", "taxonomy:tags", []string{`href="/tags/debuter/"`, `chip-count`}, nil},
	{"term/list.html", "term:tags/debuter", []string{`Préparer la première rencontre`, `Les bases du mentorat`}, nil},
	{"search/list.html", "search:recherche", []string{`data-search-index="/search/fr/"`, `action="/search/"`, `name="q"`, `data-search-results`}, nil},
	{"review/list.html", "review:relecture", []string{`Équipe RH`, `content/guides/premiere-rencontre.md`, `1er janvier 2026`}, nil},
	{"404.html", "404:404", []string{`404`, `href="/guides/"`}, nil},
}

// TestDefaultThemeRendersEveryLayout executes every layout of the real
// default theme with a fake page view shaped as the theme contract says,
// in French and in English.
func TestDefaultThemeRendersEveryLayout(t *testing.T) {
	set := loadDefault(t)
	covered := map[string]bool{}
	for _, lang := range []string{"fr", "en"} {
		_, pages := fakeSiteFor(set, lang)
		for _, tc := range defaultPages {
			covered[tc.layout] = true
			t.Run(lang+"/"+tc.layout, func(t *testing.T) {
				page := pages[tc.page]
				if page == nil {
					t.Fatalf("no fake page %s", tc.page)
				}
				var out bytes.Buffer
				if err := set.Execute(&out, []string{tc.layout}, page); err != nil {
					t.Fatal(err)
				}
				html := out.String()
				for _, common := range []string{`<html lang="` + lang + `"`, `class="skip-link" href="#main"`, `<main id="main"`,
					`role="search" data-search-index="/search/` + lang + `/"`, `data-theme-toggle`, `/css/main.1a2b3c4d.css`, `</html>`} {
					if !strings.Contains(html, common) {
						t.Errorf("missing %q", common)
					}
				}
				if lang == "fr" {
					for _, want := range tc.want {
						if !strings.Contains(html, want) {
							t.Errorf("missing %q", want)
						}
					}
					for _, not := range tc.not {
						if strings.Contains(html, not) {
							t.Errorf("holds %q", not)
						}
					}
				}
				for _, bad := range []string{"<no value>", "ZgotmplZ", "%!", `<use href="#i-`} {
					if strings.Contains(html, bad) {
						t.Errorf("output holds %q", bad)
					}
				}
				if *preview != "" {
					writePreview(t, set, lang, tc.layout, out.Bytes())
				}
			})
		}
	}
	for name := range set.layouts {
		if !covered[name] {
			t.Errorf("layout %s is not exercised by this test", name)
		}
	}
}

func writePreview(t *testing.T, set *Set, lang, layout string, html []byte) {
	dir := filepath.Join(*preview, lang, strings.TrimSuffix(layout, ".html"))
	// The fake asset function fingerprints; the preview serves plain files.
	html = regexp.MustCompile(`\.1a2b3c4d\.`).ReplaceAll(html, []byte("."))
	depth := strings.Count(filepath.ToSlash(filepath.Join(lang, layout)), "/") + 1
	html = regexp.MustCompile(`(href|src|action)="/`).ReplaceAll(html, []byte(`$1="`+strings.Repeat("../", depth)))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "index.html"), html, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, f := range set.Static() {
		p := filepath.Join(*preview, filepath.FromSlash(f.Path))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, f.Body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestDefaultThemeStringsExist checks that every interface string the
// layouts ask for is in both i18n files, and that both files hold the
// same keys.
func TestDefaultThemeStringsExist(t *testing.T) {
	root := os.DirFS("../../themes/default")
	used := map[string]bool{}
	call := regexp.MustCompile(`\.T "([a-z0-9_]+)"`)
	err := fs.WalkDir(root, "layouts", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(root, p)
		for _, m := range call.FindAllSubmatch(b, -1) {
			used[string(m[1])] = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// Keys built from a prefix and a value of the contract's enums.
	for _, k := range []string{"role_mentor", "role_mentee", "role_both", "audience_mentor", "audience_mentee",
		"audience_manager", "audience_all", "status_active", "status_paused", "status_completed",
		"level_beginner", "level_intermediate", "level_advanced", "facet_role", "facet_skills_offered",
		"facet_skills_sought", "facet_languages", "facet_department", "facet_cohort", "facet_availability",
		"taxonomy_tags", "taxonomy_skills", "taxonomy_topics", "taxonomy_departments"} {
		used[k] = true
	}
	files := map[string]map[string]string{}
	for _, lang := range []string{"fr", "en"} {
		b, err := fs.ReadFile(root, "i18n/"+lang+".yaml")
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := yaml.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		files[lang] = m
		var missing []string
		for k := range used {
			if _, ok := m[k]; !ok {
				missing = append(missing, k)
			}
		}
		sort.Strings(missing)
		if len(missing) > 0 {
			t.Errorf("i18n/%s.yaml lacks %s", lang, strings.Join(missing, ", "))
		}
	}
	for k := range files["fr"] {
		if _, ok := files["en"][k]; !ok {
			t.Errorf("i18n/en.yaml lacks %s, which fr.yaml has", k)
		}
	}
	for k := range files["en"] {
		if _, ok := files["fr"][k]; !ok {
			t.Errorf("i18n/fr.yaml lacks %s, which en.yaml has", k)
		}
	}
}

// TestDefaultThemeIconsHaveDrawings checks that every icon a layout
// names has its drawing in main.css, since a name without one shows
// nothing.
func TestDefaultThemeIconsHaveDrawings(t *testing.T) {
	root := os.DirFS("../../themes/default")
	css, err := fs.ReadFile(root, "static/css/main.css")
	if err != nil {
		t.Fatal(err)
	}
	drawn := map[string]bool{}
	for _, rule := range regexp.MustCompile(`(?m)^[^{\n]*\{ --icon: url\("data:image/svg\+xml,`).FindAll(css, -1) {
		for _, m := range regexp.MustCompile(`\.icon-([a-z-]+)`).FindAllSubmatch(rule, -1) {
			drawn[string(m[1])] = true
		}
	}
	used := map[string]bool{"section-guides": true, "section-trainings": true, "section-stories": true,
		"section-profiles": true, "section-duos": true} // icon-section-{{ .Section }}
	err = fs.WalkDir(root, "layouts", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(root, p)
		for _, m := range regexp.MustCompile(`"icon icon-([a-z-]+[a-z])"`).FindAllSubmatch(b, -1) {
			used[string(m[1])] = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(used) < 20 {
		t.Fatalf("found only %d icons in the layouts", len(used))
	}
	for _, name := range sortedKeys(used) {
		if !drawn[name] {
			t.Errorf("icon %s has no drawing in main.css", name)
		}
	}
}
