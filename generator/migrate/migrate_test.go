package migrate

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"binome/generator"
	"binome/generator/config"
	"binome/generator/content"
	"binome/internal/testfs"
)

func hasKey(m map[string]string, k string) bool {
	_, ok := m[k]
	return ok
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		tool  string
		title string
		langs []string
	}{
		{"hugo yaml", map[string]string{"config.yaml": "title: T\ndefaultContentLanguage: en\nlanguages: {en: {weight: 2}, fr: {weight: 1}}\n", "content/a.md": "x"}, "Hugo", "T", []string{"en", "fr"}},
		{"hugo json without content folder", map[string]string{"hugo.json": `{"title": "J"}`}, "Hugo", "J", nil},
		{"hugo languageCode", map[string]string{"hugo.yaml": "title: H\nlanguageCode: fr-fr\n"}, "Hugo", "H", []string{"fr"}},
		{"config.toml without content is not Hugo", map[string]string{"config.toml": "x = 1", "a.md": "x"}, "Markdown", "", nil},
		{"jekyll locale", map[string]string{"_config.yml": "title: Blog\nlocale: fr_FR\n"}, "Jekyll", "Blog", []string{"fr"}},
		{"docusaurus on one line", map[string]string{"docusaurus.config.js": "module.exports = { title: 'One', url: 'https://x.org', presets: [] };\n"}, "Docusaurus", "One", nil},
		{"mkdocs with python tags", map[string]string{"mkdocs.yml": "site_name: M\nx: !!python/name:a.b\ny: !ENV [A, b]\ntheme: {language: de}\n"}, "MkDocs", "M", []string{"de"}},
		{"mkdocs with env values", map[string]string{"mkdocs.yml": "site_name: !ENV [SITE_NAME, \"L'info, pour tous\"]\ndocs_dir: !ENV [DOCS, handbook]\n", "handbook/index.md": "# Home\n"}, "MkDocs", "L'info, pour tous", nil},
		{"docusaurus", map[string]string{"docusaurus.config.ts": "export default {\n  title: \"D\",\n  i18n: {defaultLocale: 'fr', locales: ['fr', 'en']},\n}\n"}, "Docusaurus", "D", []string{"fr", "en"}},
		{"gitbook", map[string]string{"SUMMARY.md": "* [a](a.md)"}, "GitBook", "", nil},
		{"gitbook root", map[string]string{".gitbook.yaml": "root: ./docs/\n"}, "GitBook", "", nil},
		{"plain markdown", map[string]string{"a.md": "x"}, "Markdown", "", nil},
		{"obsidian vault", map[string]string{".obsidian/app.json": "{}", "Note.md": "[[Other]]"}, "Obsidian", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, text := range tt.files {
				p := filepath.Join(dir, name)
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			s, err := Detect(dir)
			if err != nil {
				t.Fatal(err)
			}
			if s.Tool != tt.tool || s.Title != tt.title || !reflect.DeepEqual(s.Languages, tt.langs) {
				t.Errorf("got %s %q %q, want %s %q %q", s.Tool, s.Title, s.Languages, tt.tool, tt.title, tt.langs)
			}
			if _, ok := tt.files["handbook/index.md"]; ok && !hasKey(s.Content, "handbook") {
				t.Errorf("content folders %v, want handbook (the !ENV default)", s.Content)
			}
		})
	}
}

func TestNavPaths(t *testing.T) {
	var n yaml.Node
	src := "- Home: index.md\n- Guides:\n    - guides/a.md\n    - B: guides/b.md\n    - Ext: https://example.org/x.md\n- about.md\n"
	if err := yaml.Unmarshal([]byte(src), &n); err != nil {
		t.Fatal(err)
	}
	want := []string{"index.md", "guides/a.md", "guides/b.md", "about.md"}
	got, titles, groups := navPaths(&n)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("navPaths = %q, want %q", got, want)
	}
	if want := map[string]string{"index.md": "Home", "guides/b.md": "B"}; !reflect.DeepEqual(titles, want) {
		t.Errorf("titles = %q, want %q", titles, want)
	}
	if want := map[string]navGroup{"guides": {"Guides", 2}}; !reflect.DeepEqual(groups, want) {
		t.Errorf("groups = %v, want %v", groups, want)
	}
}

func TestIsTemplate(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"feed.xml":   "---\nlayout: null\n---\n<feed/>",
		"index.html": "---\r\nlayout: home\r\n---\r\n",
		"page.html":  "<html></html>",
		"notes.md":   "---\ntitle: x\n---\n",
		"data.csv":   "---\n",
	} {
		os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644)
	}
	for name, want := range map[string]bool{"feed.xml": true, "index.html": true, "page.html": false, "notes.md": false, "data.csv": false} {
		if got := isTemplate(filepath.Join(dir, name)); got != want {
			t.Errorf("isTemplate(%s) = %v, want %v", name, got, want)
		}
	}
}

// A language without a contentDir of its own has the site's: its own
// when it is the only one (docsy-example's English, in content/en beside
// content/no and content/fa), shared by file suffixes when several are.
func TestImportHugoLanguageWithoutContentDir(t *testing.T) {
	for _, tt := range []struct {
		name, config string
		want         map[string]string
	}{
		{"one without", "contentDir: content/en\ndefaultContentLanguage: en\nlanguages:\n  en: {weight: 1}\n  no: {weight: 2, contentDir: content/no}\n  fa: {weight: 3, contentDir: content/fa}\n",
			map[string]string{"content/en": "en", "content/no": "no", "content/fa": "fa"}},
		{"default folder", "languages:\n  en: {weight: 1}\n  fr: {weight: 2, contentDir: content/fr/}\n",
			map[string]string{"content": "en", "content/fr": "fr"}},
		{"two without", "languages:\n  en: {weight: 1}\n  de: {weight: 2}\n  fr: {weight: 3, contentDir: french}\n",
			map[string]string{"content": "", "french": "fr"}},
		{"none with", "languages:\n  en: {weight: 1}\n  fr: {weight: 2}\n", map[string]string{"content": ""}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := t.TempDir()
			testfs.Write(t, src, map[string]string{"hugo.yaml": "title: Docs\n" + tt.config, "content/en/_index.md": "# Docs\n"})
			s, err := Detect(src)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(s.Content, tt.want) {
				t.Errorf("content folders %v, want %v", s.Content, tt.want)
			}
		})
	}
}

// Hugo can give each language its own content folder; they land in
// content/<lang>/, where binome reads a language's pages, and the site's
// other folders (layouts, resources, output) stay behind.
func TestImportHugoContentDirs(t *testing.T) {
	src, dst := t.TempDir(), filepath.Join(t.TempDir(), "new")
	testfs.Write(t, src, map[string]string{
		"config.toml": "title = \"Binôme\"\ndefaultContentLanguage = \"fr\"\n" +
			"[languages.fr]\nweight = 1\ncontentDir = \"content/francais\"\n" +
			"[languages.en]\nweight = 2\ncontentDir = \"content/english\"\n",
		"content/francais/guides/a.md": "# A\n",
		"content/english/guides/a.md":  "# A\n",
		"layouts/index.html":           "{{ .Content }}",
		"resources/_gen/x.css":         "x",
		"public/index.html":            "<html>",
		"static/logo.svg":              "<svg/>",
	})
	s, err := Detect(src)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]string{"content/francais": "fr", "content/english": "en"}; !reflect.DeepEqual(s.Content, want) {
		t.Errorf("content folders %v, want %v", s.Content, want)
	}
	r, err := Import(src, dst, s)
	if err != nil {
		t.Fatal(err)
	}
	if r.Pages != 2 || r.Files != 1 {
		t.Errorf("imported %d pages and %d files, want 2 and 1 (the logo)", r.Pages, r.Files)
	}
	hasFiles(t, dst, []string{"content/fr/guides/a.md", "content/en/guides/a.md", "static/logo.svg", "site.yaml"}, []string{"content/index.html", "layouts", "resources", "public", "content/fr/index.html"})
	yaml, _ := os.ReadFile(filepath.Join(dst, "site.yaml"))
	if want := "defaultLanguage: fr\nlanguages:\n  fr: { title: \"Binôme\", weight: 1 }\n  en: { title: \"Binôme\", weight: 2 }\n"; !strings.Contains(string(yaml), want) {
		t.Errorf("site.yaml:\n%s\nwant it to hold:\n%s", yaml, want)
	}
}

// What Jekyll's exclude: leaves out is not imported: a README.md beside
// index.md, which Jekyll never published, made two home pages.
func TestImportJekyllExclude(t *testing.T) {
	s, dst := importFiles(t, map[string]string{
		"_config.yml":          "title: Handbook\nurl: https://handbook.example.org\nbaseurl: /team\nexclude:\n  - README.md\n  - /drafts/\n  - \"*.txt\"\n",
		"index.md":             "---\ntitle: Handbook\n---\n",
		"README.md":            "# How to edit this repository\n",
		"010-welcome.md":       "# Welcome\n",
		"drafts/next.md":       "# Next\n",
		"notes.txt":            "x",
		"docs/README.md":       "# Docs\n",
		"docs/setup/notes.txt": "y",
	})
	hasFiles(t, dst, []string{"content/index.md", "content/010-welcome.md", "content/docs/README.md"}, []string{"content/README.md", "content/drafts", "content/notes.txt", "content/docs/setup/notes.txt"})
	if yaml, _ := os.ReadFile(filepath.Join(dst, "site.yaml")); !strings.Contains(string(yaml), `baseURL: "https://handbook.example.org/team/"`) {
		t.Errorf("site.yaml:\n%s\nwant the site's url and baseurl as baseURL", yaml)
	}
	if left := strings.Join(s.Left, "; "); !strings.Contains(left, "README.md, /drafts/, *.txt") {
		t.Errorf("report of what is left out: %q, want the exclusions named", left)
	}
}

// A VitePress site keeps its pages in the folder that holds .vitepress/,
// here docs/, and its files in docs/public/; the title and language come
// from its configuration, which is not copied.
func TestImportVitePress(t *testing.T) {
	s, dst := importFiles(t, map[string]string{
		"README.md":                    "# Repository\n",
		"package.json":                 "{}",
		"docs/.vitepress/config.ts":    "export default defineConfig({\n  lang: 'en-US',\n  title: 'Handbook For Team Frontend',\n  themeConfig: { nav: [{ text: 'About', link: '/about' }] }\n})\n",
		"docs/.vitepress/theme/nav.ts": "export const nav = []\n",
		"docs/index.md":                "---\nlayout: home\n---\n",
		"docs/guide/coding.md":         "# Coding\n",
		"docs/public/logo.svg":         "<svg/>",
	})
	if s.Tool != "VitePress" || s.Title != "Handbook For Team Frontend" || !reflect.DeepEqual(s.Languages, []string{"en"}) {
		t.Errorf("detected %s %q %v, want VitePress, its title and en", s.Tool, s.Title, s.Languages)
	}
	hasFiles(t, dst, []string{"content/index.md", "content/guide/coding.md", "static/logo.svg"}, []string{"content/README.md", "content/.vitepress", "content/public", "content/docs"})
}

func TestPublicURL(t *testing.T) {
	for _, c := range []struct{ addr, base, want string }{
		{"https://x.org", "", "https://x.org/"},
		{"https://x.org/", "/handbook", "https://x.org/handbook/"},
		{"http://x.org/a", "b/", "http://x.org/a/b/"},
		{"https://www.developermentoring.guide", "/", "https://www.developermentoring.guide/"},
		{"", "/handbook", ""},
		{"/relative", "", ""},
		{"x.org", "", ""},
		{"ftp://x.org", "", ""},
	} {
		if got := publicURL(c.addr, c.base); got != c.want {
			t.Errorf("publicURL(%q, %q) = %q, want %q", c.addr, c.base, got, c.want)
		}
	}
}

// importFiles writes an old site of files, detects it and imports it
// into a new folder, which it returns with what Detect found.
func importFiles(t *testing.T, files map[string]string) (*Site, string) {
	t.Helper()
	s, _, dst := importSite(t, files)
	return s, dst
}

// importSite writes files as an old site, imports it into a new folder,
// and returns what Detect found, Import's report and the new folder.
func importSite(t *testing.T, files map[string]string) (*Site, Report, string) {
	t.Helper()
	src, dst := t.TempDir(), filepath.Join(t.TempDir(), "new")
	testfs.Write(t, src, files)
	s, err := Detect(src)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Import(src, dst, s)
	if err != nil {
		t.Fatal(err)
	}
	return s, r, dst
}

// buildWithoutWarnings builds the new site in dst into a new folder,
// which it returns, and fails the test for each warning.
func buildWithoutWarnings(t *testing.T, dst string) string {
	t.Helper()
	out := t.TempDir()
	stats, err := generator.Build(context.Background(), generator.Options{Source: dst, Dest: out, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range stats.Warnings {
		t.Errorf("warning: %v", w)
	}
	return out
}

// The report names what the site has and binome leaves: a Docusaurus site
// without React pages or translated interface strings is told of neither.
func TestDocusaurusReportsWhatItHas(t *testing.T) {
	s, _ := importFiles(t, map[string]string{
		"docusaurus.config.js": "module.exports = { title: 'Guide' }\n",
		"docs/intro.md":        "# Intro\n",
	})
	if left := strings.Join(s.Left, "; "); strings.Contains(left, "React pages") || strings.Contains(left, "code.json") {
		t.Errorf("report of what is left out: %q, want neither React pages nor code.json", left)
	}
}

// hasFiles checks that the new site in dst has every path of present
// and none of absent, which the import was to leave behind.
func hasFiles(t *testing.T, dst string, present, absent []string) {
	t.Helper()
	for _, p := range present {
		if _, err := os.Stat(filepath.Join(dst, p)); err != nil {
			t.Errorf("%s missing: %v", p, err)
		}
	}
	for _, p := range absent {
		if _, err := os.Stat(filepath.Join(dst, p)); err == nil {
			t.Errorf("%s imported, want it left behind", p)
		}
	}
}

// The main menu lists the top folders in the order their section pages'
// weights or their names' numbers give, and a folder named with YAML's
// punctuation still makes a site.yaml that reads.
func TestImportMenuOrderAndQuoting(t *testing.T) {
	_, dst := importFiles(t, map[string]string{
		"hugo.toml":                  "title = 'T'\n",
		"content/zeta/a.md":          "# A\n",
		"content/Q&A: FAQ/_index.md": "---\ntitle: Questions\nweight: 3\n---\n",
		"content/Q&A: FAQ/b.md":      "# B\n",
		"content/intro/_index.md":    "+++\nweight = 1\n+++\n",
		"content/intro/c.md":         "# C\n",
		"content/02-setup/d.md":      "# D\n",
	})
	if got, want := mainMenu(t, dst), []string{"intro", "02-setup", "Q&A: FAQ", "zeta"}; !slices.Equal(got, want) {
		t.Errorf("main menu %q, want %q", got, want)
	}
}

// mainMenu reads the main menu of the site.yaml import wrote.
func mainMenu(t *testing.T, dst string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dst, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Parse(data)
	if err != nil {
		t.Fatalf("site.yaml does not read: %v\n%s", err, data)
	}
	return cfg.Menus["main"]
}

// A GitBook's main menu lists its folders as SUMMARY.md does.
func TestImportMenuFollowsSummary(t *testing.T) {
	_, dst := importFiles(t, map[string]string{
		"SUMMARY.md":        "# Contents\n\n* [Intro](README.md)\n* [Process](process/a.md)\n* [Office](office/b.md)\n* [Career](career/c.md)\n",
		"README.md":         "# Handbook\n",
		"career/c.md":       "# C\n",
		"office/b.md":       "# B\n",
		"process/a.md":      "# A\n",
		"zz-unlisted/d.md":  "# D\n",
		".gitbook/x/y.md":   "# hidden\n",
		"process/README.md": "# Process\n",
	})
	if got, want := mainMenu(t, dst), []string{"process", "office", "career", "zz-unlisted"}; !slices.Equal(got, want) {
		t.Errorf("main menu %q, want %q", got, want)
	}
}

// Jekyll publishes a folder whose name starts with _ only as a collection
// it outputs, or when its configuration includes it: import leaves the
// others behind and says so.
func TestJekyllImportLeavesUnpublishedCollections(t *testing.T) {
	s, dst := importFiles(t, map[string]string{
		"_config.yml":                "title: Lab\ninclude: [_pages]\ncollections:\n  team:\n    output: true\n  repos:\n    output: false\n",
		"index.md":                   "# Lab\n",
		"_posts/2024-01-02-hello.md": "# Hello\n",
		"_team/ada.md":               "# Ada\n",
		"_pages/about.md":            "# About\n",
		"_news/old.md":               "# Old news\n",
		"_repos/private.md":          "# Private\n",
	})
	hasFiles(t, dst, []string{"content/_posts/2024-01-02-hello.md", "content/_team/ada.md", "content/_pages/about.md"},
		[]string{"content/_news/old.md", "content/_repos/private.md"})
	if left := strings.Join(s.Left, "\n"); !strings.Contains(left, "_news") || !strings.Contains(left, "_repos") {
		t.Errorf("the report does not name what was left:\n%s", left)
	}
}

// MkDocs' nav orders the pages and titles them in the sidebar; an entry
// whose file is missing is named in the report, as MkDocs warns of it. A
// group whose pages share a folder titles that folder's section, unless
// the folder has a page of its own.
func TestImportMkDocsNav(t *testing.T) {
	s, dst := importFiles(t, map[string]string{
		"mkdocs.yml": "site_name: Lab\nnav:\n  - Home: index.md\n  - Protocols:\n    - DNA Extraction: wet-lab/extraction.md\n    - wet-lab/blast.md\n" +
			"  - Computing:\n    - Clusters:\n      - dry/hpc/slurm.md\n    - dry/python.md\n" +
			"  - Mixed:\n    - wet-lab/extraction.md\n    - people.md\n" +
			"  - Lab life:\n    - life/index.md\n    - life/rules.md\n",
		"docs/index.md":              "# Lab\n",
		"docs/people.md":             "# People\n",
		"docs/wet-lab/extraction.md": "# Extraction\n",
		"docs/dry/python.md":         "# Python\n",
		"docs/dry/hpc/slurm.md":      "# Slurm\n",
		"docs/life/index.md":         "# Life in the lab\n",
		"docs/life/rules.md":         "# Rules\n",
	})
	for dir, want := range map[string]string{"wet-lab": "Protocols", "dry": "Computing", "dry/hpc": "Clusters", "life": ""} {
		b, err := os.ReadFile(filepath.Join(dst, "content", dir, "_index.md"))
		switch {
		case want == "" && err == nil:
			t.Errorf("%s/_index.md written beside the folder's own index.md:\n%s", dir, b)
		case want != "" && err != nil:
			t.Errorf("%s: no _index.md for its nav group: %v", dir, err)
		case want != "" && !strings.Contains(string(b), fmt.Sprintf("title: %q", want)):
			t.Errorf("%s/_index.md does not title it %q:\n%s", dir, want, b)
		}
	}
	summary, err := os.ReadFile(filepath.Join(dst, "content", "SUMMARY.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(summary), "* [DNA Extraction](<wet-lab/extraction.md>)") || !strings.Contains(string(summary), "* [](<wet-lab/blast.md>)") {
		t.Errorf("SUMMARY.md:\n%s", summary)
	}
	if left := strings.Join(s.Left, "\n"); !strings.Contains(left, "whose file is not in docs/: wet-lab/blast.md") {
		t.Errorf("the report does not name the missing file:\n%s", left)
	}
}

// A Hugo site's main menu becomes site.yaml's, in Hugo's order (weight,
// entries without one last); entries that are no page of the site are
// named in the report. The menu may be in the configuration or, with
// Hugo's configuration folder, in menus.yaml beside it.
func TestImportHugoMenu(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
	}{
		{"in hugo.toml", map[string]string{
			"hugo.toml": `title = "H"
[[menu.main]]
name = "GitHub"
url = "https://github.com/x/y"
weight = 4
[[menu.main]]
name = "Blog"
pageRef = "/blog"
[[menu.main]]
name = "About us"
pageRef = "about.md"
weight = 3
[[menu.main]]
name = "Handbook"
url = "/handbook/"
weight = 1
[[menu.main]]
name = "Onboarding"
pageRef = "/handbook/onboarding"
parent = "Handbook"
`,
		}},
		{"in config/_default/menus.yaml", map[string]string{
			"config/_default/hugo.yaml":      "title: H\n",
			"config/_default/languages.toml": "[fr]\nweight = 1\n[en]\nweight = 2\n",
			"config/_default/menus.yaml":     "main:\n  - {name: Blog, pageRef: /blog/_index.md}\n  - {name: Handbook, pageRef: /handbook, weight: 1}\n  - {name: About us, url: /about/, weight: 3}\n  - {name: GitHub, url: 'https://github.com/x/y', weight: 4}\n",
		}},
		{"in the pages' frontmatter, as Docsy sites do", map[string]string{
			"hugo.yaml":                  "title: H\nmenu:\n  main:\n    - {name: GitHub, url: 'https://github.com/x/y', weight: 50}\n",
			"content/handbook/_index.md": "---\ntitle: Handbook\nmenu: {main: {weight: 10}}\n---\n",
			"content/about.md":           "\n+++\ntitle = \"About\"\n[menu.main]\nweight = 20\n+++\n# About\n",
			"content/blog/_index.md":     "---\ntitle: Blog\nmenu: main\n---\n",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.files["content/handbook/onboarding.md"] = "# Onboarding\n"
			tt.files["content/blog/news.md"] = "# News\n"
			if tt.files["content/about.md"] == "" {
				tt.files["content/about.md"] = "# About\n"
			}
			tt.files["content/aaa/first.md"] = "# First folder, not in the menu\n"
			s, dst := importFiles(t, tt.files)
			if s.Tool != "Hugo" {
				t.Fatalf("detected as %s", s.Tool)
			}
			if _, ok := tt.files["config/_default/languages.toml"]; ok && !slices.Equal(s.Languages, []string{"fr", "en"}) {
				t.Errorf("languages %q, want those of languages.toml, fr first", s.Languages)
			}
			site, err := os.ReadFile(filepath.Join(dst, "site.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			if want := `main: ["handbook", "about", "blog"]`; !strings.Contains(string(site), want) {
				t.Errorf("site.yaml does not hold %s:\n%s", want, site)
			}
			if left := strings.Join(s.Left, "\n"); !strings.Contains(left, "no page of the site (binome's menus list pages): GitHub") {
				t.Errorf("the report does not name the menu's link elsewhere:\n%s", left)
			}
		})
	}
}

// checkImported checks the new site in dst as binome import does, failing
// the test if it does not build, and returns its pages by source path.
func checkImported(t *testing.T, dst string) map[string]*content.Page {
	t.Helper()
	opt := generator.Options{Source: dst, NoCache: true}
	if _, err := generator.Check(context.Background(), opt); err != nil {
		t.Fatalf("the new site does not build: %v", err)
	}
	s, err := generator.Load(opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	pages := map[string]*content.Page{}
	for _, p := range s.Content.Pages {
		pages[p.Path] = p
	}
	return pages
}

// A Docusaurus category whose folder has a page of its own (index.md,
// README.md, or the doc its link names) got an _index.md as well, and
// the two claimed one URL. The folder's page takes the category's label
// as its sidebar title and its position as weight instead; a doc that
// binome does not read as the section's page is named in the report. A
// translation's label goes to the translated folder's page the same way.
func TestImportDocusaurusCategoryWithIndexPage(t *testing.T) {
	config := "module.exports = {\n  title: 'Docs',\n  i18n: { defaultLocale: 'en', locales: ['en', 'fr'] },\n};\n"
	tests := []struct {
		name  string
		files map[string]string
		page  string // the folder's page, which takes the category's place
		link  string // its sidebar title, "" for none
		order int
		left  string // in the report, "" for nothing
	}{
		{"index.md that link.id names", map[string]string{
			"docs/api/_category_.json": `{ "label": "API", "position": 2, "link": { "type": "doc", "id": "api-index" } }`,
			"docs/api/index.md":        "---\nid: api-index\ntitle: API\n---\n\nThe API.\n",
		}, "content/docs/api/index.md", "", 2, ""},
		{"README.md titled otherwise", map[string]string{
			"docs/api/_category_.yml": "label: API\nposition: 3\n",
			"docs/api/README.md":      "# Reference\n",
		}, "content/docs/api/README.md", "API", 3, ""},
		{"index.md titled as the label, with a sidebar_label of its own", map[string]string{
			"docs/api/_category_.json": `{ "label": "API", "position": 2 }`,
			"docs/api/index.md":        "---\ntitle: API\nsidebar_label: Overview\n---\n",
		}, "content/docs/api/index.md", "API", 2, ""},
		{"README.md titled as the label", map[string]string{
			"docs/api/_category_.json": `{ "label": "API", "position": 3 }`,
			"docs/api/README.md":       "# API\n",
		}, "content/docs/api/README.md", "", 3, ""},
		{"index.mdx with a position of its own", map[string]string{
			"docs/api/_category_.json": `{ "label": "API", "position": 2 }`,
			"docs/api/index.mdx":       "---\ntitle: Reference\nsidebar_position: 7\nsidebar_label: Ref\n---\n",
		}, "content/docs/api/index.mdx", "API", 2, ""},
		{"translated index.md", map[string]string{
			"docs/api/_category_.json":                                    `{ "label": "API", "position": 2, "link": { "type": "doc", "id": "api/api-index" } }`,
			"docs/api/index.md":                                           "---\nid: api-index\ntitle: API\n---\n",
			"i18n/fr/docusaurus-plugin-content-docs/current.json":         `{"sidebar.docs.category.API": {"message": "Interface"}}`,
			"i18n/fr/docusaurus-plugin-content-docs/current/api/index.md": "---\nid: api-index\ntitle: L'API\n---\n",
			"i18n/fr/docusaurus-plugin-content-docs/current/api/auth.md":  "# Connexion\n",
		}, "content/fr/docs/api/index.md", "Interface", 2, ""},
		{"translated index.md whose category current.json does not name", map[string]string{
			"docs/api/_category_.json":                                    `{ "label": "API", "position": 2 }`,
			"docs/api/index.md":                                           "---\ntitle: API\nsidebar_label: Overview\n---\n",
			"i18n/fr/docusaurus-plugin-content-docs/current.json":         `{"sidebar.docs.category.Other": {"message": "Autre"}}`,
			"i18n/fr/docusaurus-plugin-content-docs/current/api/index.md": "---\ntitle: API\nsidebar_label: Vue d'ensemble\n---\n",
			"i18n/fr/docusaurus-plugin-content-docs/current/api/auth.md":  "# Connexion\n",
		}, "content/fr/docs/api/index.md", "API", 2, ""},
		{"another doc that link.id names", map[string]string{
			"docs/api/_category_.json": `{ "label": "API", "position": 2, "link": { "type": "doc", "id": "api-overview" } }`,
			"docs/api/overview.md":     "---\nid: api-overview\n---\n# Overview\n",
		}, "", "", 0, `content/docs/api/_category_.json: its label "API" and position 2`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.files["docusaurus.config.js"] = config
			tt.files["docs/intro.md"] = "# Intro\n"
			tt.files["docs/api/auth.md"] = "# Auth\n"
			s, dst := importFiles(t, tt.files)
			pages := checkImported(t, dst)
			hasFiles(t, dst, nil, []string{"content/docs/api/_index.md", "content/fr/docs/api/_index.md"})
			if tt.page != "" {
				p := pages[tt.page]
				if p == nil {
					t.Fatalf("%s not loaded", tt.page)
				}
				if p.LinkTitle != tt.link || p.Weight != tt.order {
					t.Errorf("%s: linkTitle %q, weight %d; want %q, %d", tt.page, p.LinkTitle, p.Weight, tt.link, tt.order)
				}
			}
			left := strings.Join(s.Left, "\n")
			if tt.left != "" && !strings.Contains(left, tt.left) {
				t.Errorf("the report does not hold %q:\n%s", tt.left, left)
			}
			if tt.left == "" && strings.Contains(left, "_category_") {
				t.Errorf("the report names a category it carried:\n%s", left)
			}
		})
	}
}

// A GitBook's LANGS.md lists its languages' folders, the first the
// default; each becomes content/<lang>/ with its own SUMMARY.md, which
// orders that language's pages. LANGS.md and the root's README.md (GitBook
// shows a choice of language there) are no pages, and book.json gives the
// title.
func TestImportGitBookLanguages(t *testing.T) {
	s, dst := importFiles(t, map[string]string{
		"LANGS.md":        "# Languages\n\n* [English](en/)\n* [Français](fr/)\n* [Português](pt_BR/)\n",
		"book.json":       `{ "title": "My Book" }`,
		"README.md":       "# My Book, the repository\n",
		"en/SUMMARY.md":   "* [Introduction](README.md)\n* [Setup](setup.md)\n* [Usage](usage.md)\n",
		"en/README.md":    "# Introduction\n",
		"en/setup.md":     "# Setup\n",
		"en/usage.md":     "# Usage\n",
		"fr/SUMMARY.md":   "* [Introduction](README.md)\n* [Utilisation](usage.md)\n* [Installation](setup.md)\n",
		"fr/README.md":    "# Introduction\n",
		"fr/setup.md":     "# Mise en place\n",
		"fr/usage.md":     "# Utilisation\n",
		"pt_BR/README.md": "# Introdução\n",
	})
	if want := []string{"en", "fr", "pt-br"}; s.Title != "My Book" || !slices.Equal(s.Languages, want) {
		t.Errorf("detected %q %q, want \"My Book\" %q", s.Title, s.Languages, want)
	}
	hasFiles(t, dst, []string{"content/en/SUMMARY.md", "content/fr/SUMMARY.md", "content/pt-br/README.md"},
		[]string{"content/LANGS.md", "content/README.md", "content/pt_BR"})
	pages := checkImported(t, dst)
	for path, want := range map[string]struct {
		lang, linkTitle string
		weight          int
	}{
		"content/en/setup.md": {"en", "", 2},
		"content/en/usage.md": {"en", "", 3},
		"content/fr/usage.md": {"fr", "", 2},
		"content/fr/setup.md": {"fr", "Installation", 3},
	} {
		p := pages[path]
		if p == nil {
			t.Errorf("%s not loaded", path)
			continue
		}
		if p.Lang != want.lang || p.LinkTitle != want.linkTitle || p.Weight != want.weight {
			t.Errorf("%s: language %s, linkTitle %q, weight %d; want %s, %q, %d", path, p.Lang, p.LinkTitle, p.Weight, want.lang, want.linkTitle, want.weight)
		}
	}
}

// Each of a Hugo site's languages keeps its own title in site.yaml; its
// languageName, which binome's theme does without, is named in the report.
func TestImportHugoLanguageTitles(t *testing.T) {
	s, dst := importFiles(t, map[string]string{
		"hugo.toml": "defaultContentLanguage = 'en'\n[languages.fr]\ntitle = 'Guide pratique'\nlanguageName = 'Français'\nweight = 1\n" +
			"[languages.en]\ntitle = 'Handbook'\nlanguageName = 'English'\n[languages.de]\nweight = 2\n",
		"content/_index.md": "# Home\n",
	})
	data, err := os.ReadFile(filepath.Join(dst, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Parse(data)
	if err != nil {
		t.Fatalf("site.yaml does not read: %v\n%s", err, data)
	}
	for lang, want := range map[string]string{"en": "Handbook", "fr": "Guide pratique", "de": "Handbook"} {
		if got := cfg.LanguageTitle(lang); got != want {
			t.Errorf("title in %s: %q, want %q\n%s", lang, got, want, data)
		}
	}
	if left := strings.Join(s.Left, "\n"); !strings.Contains(left, "languageName") {
		t.Errorf("the report does not name languageName:\n%s", left)
	}
}

// GitBook's _book/ is its last build's output, not pages: imported, it
// published the old HTML at /book/ and clashed with binome's pages.
func TestImportGitBookLeavesItsOutput(t *testing.T) {
	s, dst := importFiles(t, map[string]string{
		"book.json":               `{ "title": "Book" }`,
		"SUMMARY.md":              "* [Introduction](README.md)\n* [Setup](setup.md)\n",
		"README.md":               "# Introduction\n",
		"setup.md":                "# Setup\n",
		"_book/index.html":        "<html></html>",
		"_book/setup.html":        "<html></html>",
		"_book/gitbook/style.css": "body {}",
		"_book/README.md":         "# Introduction\n",
	})
	hasFiles(t, dst, []string{"content/setup.md"}, []string{"content/_book"})
	checkImported(t, dst)
	if left := strings.Join(s.Left, "\n"); !strings.Contains(left, "_book/") {
		t.Errorf("the report does not say _book/ is left:\n%s", left)
	}
}

// An entry of a GitBook's SUMMARY.md whose file is missing is named in
// the report, as MkDocs' nav entries are: GitBook made an empty page of
// it, binome has none.
func TestImportGitBookSummaryMissingFiles(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"one language", map[string]string{
			"SUMMARY.md": "* [Introduction](README.md)\n* [Setup](setup.md#install)\n* [Gone](gone.md)\n  * [Deep](guides/deep%20dive.md)\n",
			"README.md":  "# Introduction\n",
			"setup.md":   "# Setup\n",
		}, "the entries of SUMMARY.md whose file is missing: gone.md, guides/deep dive.md"},
		{"a language of LANGS.md", map[string]string{
			"LANGS.md":      "* [English](en/)\n* [Français](fr/)\n",
			"en/SUMMARY.md": "* [Introduction](README.md)\n",
			"en/README.md":  "# Introduction\n",
			"fr/SUMMARY.md": "* [Introduction](README.md)\n* [Installation](setup.md)\n",
			"fr/README.md":  "# Introduction\n",
		}, "the entries of fr/SUMMARY.md whose file is missing: setup.md"},
		{"a language of LANGS.md named by its first page", map[string]string{
			"LANGS.md":      "* [🇺🇸 English](en/OS.md)\n* [Français](fr/)\n",
			"en/SUMMARY.md": "* [OS](OS.md)\n* [Gone](gone.md)\n",
			"en/OS.md":      "# OS\n",
			"fr/SUMMARY.md": "* [Introduction](README.md)\n",
			"fr/README.md":  "# Introduction\n",
		}, "the entries of en/SUMMARY.md whose file is missing: gone.md"},
		{"paths with GitBook's escaped underscores", map[string]string{
			"SUMMARY.md":               "* [Intro](README.md)\n* [Deck](slides\\_files/deck\\_one.md)\n* [Gone](gone\\_too.md)\n",
			"README.md":                "# Intro\n",
			"slides_files/deck_one.md": "# Deck\n",
		}, "the entries of SUMMARY.md whose file is missing: gone_too.md"},
		{"many missing", map[string]string{
			"SUMMARY.md": "* [Intro](README.md)\n* [x](s/a.md)\n* [x](s/b.md)\n* [x](s/c.md)\n* [x](s/d.md)\n* [x](s/e.md)\n* [x](s/f.md)\n" +
				"* [x](s/g.md)\n* [x](s/h.md)\n* [x](s/i.md)\n* [x](s/j.md)\n* [x](s/k.md)\n* [x](s/l.md)\n",
			"README.md": "# Intro\n",
		}, "the entries of SUMMARY.md whose file is missing: s/a.md, s/b.md, s/c.md, s/d.md, s/e.md, s/f.md, s/g.md, s/h.md, s/i.md, s/j.md, and 2 more"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := importFiles(t, tt.files)
			var entries []string
			for _, l := range s.Left {
				if strings.Contains(l, "SUMMARY.md") {
					entries = append(entries, l)
				}
			}
			if want := []string{tt.want}; !slices.Equal(entries, want) {
				t.Errorf("the report says %q, want %q", entries, want)
			}
		})
	}
}

// A Jekyll site's own variables go to site.yaml's params, where pages'
// {{ site.x }} find them; Jekyll's settings do not.
func TestImportJekyllVariables(t *testing.T) {
	s, dst := importFiles(t, map[string]string{
		"_config.yml": "title: T\nrepo:\n  name: my-app\nexclude: [x.md]\nplugins: [jekyll-feed]\ncontact: team@x.org\n",
		"a.md":        "# A\n\nClone {{ site.repo.name }}.\n",
	})
	if want := map[string]any{"repo": map[string]any{"name": "my-app"}, "contact": "team@x.org"}; !reflect.DeepEqual(s.Params, want) {
		t.Errorf("params %v, want %v", s.Params, want)
	}
	cfg, err := config.Load(os.DirFS(dst))
	if err != nil {
		t.Fatal(err)
	}
	if repo, _ := cfg.Params["repo"].(map[string]any); repo["name"] != "my-app" {
		t.Errorf("site.yaml's params: %v", cfg.Params)
	}
}

// A Docusaurus site's docs go where its docs plugin serves them
// (routeBasePath), so that their URLs stay; the blog's route is not the
// docs'.
func TestImportDocusaurusRouteBasePath(t *testing.T) {
	tests := []struct{ name, options, want string }{
		{"default", `docs: { sidebarPath: './sidebars.js' }, blog: { routeBasePath: 'news' }`, "content/docs/intro.md"},
		{"root", `docs: { routeBasePath: '/', sidebarPath: require.resolve('./sidebars.js') }`, "content/intro.md"},
		{"named", `blog: { routeBasePath: 'news' }, docs: { routeBasePath: 'handbook/' }`, "content/handbook/intro.md"},
		{"blog only", `blog: { routeBasePath: '/' }, docs: { sidebarPath: 'x' }`, "content/docs/intro.md"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, dst := importFiles(t, map[string]string{
				"docusaurus.config.js": "module.exports = { title: 'T', presets: [['classic', { " + tt.options + " }]] };\n",
				"docs/intro.md":        "# Intro\n",
				"i18n/fr/docusaurus-plugin-content-docs/current/intro.md": "# Intro fr\n",
			})
			if _, err := os.Stat(filepath.Join(dst, filepath.FromSlash(tt.want))); err != nil {
				t.Errorf("no %s: %v", tt.want, err)
			}
		})
	}
}

// A GitBook's parts (## headings of SUMMARY.md) title the folders that
// hold their pages, as GitBook's sidebar shows them, unless the folder
// has its own README.md.
func TestImportGitBookParts(t *testing.T) {
	_, dst := importFiles(t, map[string]string{
		"SUMMARY.md":             "# Table of contents\n\n## The company\n\n* [Welcome](README.md)\n* [Story](company/story.md)\n\n## <a href=\"#people\" id=\"people\"></a> People &amp; Operations\n\n* [Team](people-and-ops/team.md)\n* [PTO](people-and-ops/pto.md)\n\n## Engineering\n\n* [Process](engineering/process.md)\n\n## Mixed\n\n* [A](a.md)\n* [B](engineering/b.md)\n",
		"README.md":              "# Welcome\n",
		"company/story.md":       "# Story\n",
		"people-and-ops/team.md": "# Team\n",
		"people-and-ops/pto.md":  "# PTO\n",
		"engineering/README.md":  "# Engineering at Gitmesh\n",
		"engineering/process.md": "# Process\n",
		"engineering/b.md":       "# B\n",
		"a.md":                   "# A\n",
	})
	// A part may open with the home page: its folder is still the one of
	// the part's other pages.
	for dir, want := range map[string]string{"people-and-ops": "People & Operations", "company": "The company"} {
		b, err := os.ReadFile(filepath.Join(dst, "content", dir, "_index.md"))
		if err != nil || !strings.Contains(string(b), fmt.Sprintf("title: %q", want)) {
			t.Errorf("%s/_index.md: %v\n%s", dir, err, b)
		}
	}
	if _, err := os.Stat(filepath.Join(dst, "content", "engineering", "_index.md")); err == nil {
		t.Error("engineering has its README.md, and got an _index.md too")
	}
	// That README.md is no entry of SUMMARY.md: the part names it in the
	// sidebar, in the part's place, as GitBook shows the part.
	b, err := os.ReadFile(filepath.Join(dst, "content", "engineering", "README.md"))
	if want := "---\nlinkTitle: \"Engineering\"\nweight: 5\n---\n# Engineering at Gitmesh\n"; err != nil || string(b) != want {
		t.Errorf("engineering/README.md: %v\n%s\nwant:\n%s", err, b, want)
	}
}

// An mdBook's title and language come from book.toml, its pages from its
// src folder, whose SUMMARY.md orders them: the chapters before its lists
// (a link alone on its line) too, and its parts (# headings after the
// first entries) title the folders of their pages.
func TestImportMdBook(t *testing.T) {
	s, dst := importFiles(t, map[string]string{
		"book.toml":                   "[book]\ntitle = \"Team Handbook\"\nlanguage = \"fr-FR\"\nsrc = \"pages\"\n",
		"pages/SUMMARY.md":            "# Summary\n\n[Introduction](README.md)\n\n# Premiers pas\n\n- [Accueil](onboarding/welcome.md)\n- [Brouillon]()\n- [Absent](onboarding/gone.md)\n\n---\n\n[Annexe](appendix.md)\n",
		"pages/README.md":             "# Introduction\n",
		"pages/onboarding/welcome.md": "# Bienvenue\n",
		"pages/appendix.md":           "# Annexe\n",
	})
	if s.Tool != "mdBook" || s.Title != "Team Handbook" || !slices.Equal(s.Languages, []string{"fr"}) {
		t.Errorf("detected %s %q %v", s.Tool, s.Title, s.Languages)
	}
	hasFiles(t, dst, []string{"content/README.md", "content/onboarding/welcome.md", "content/SUMMARY.md"}, []string{"content/pages", "content/book.toml"})
	b, err := os.ReadFile(filepath.Join(dst, "content", "onboarding", "_index.md"))
	if err != nil || !strings.Contains(string(b), `title: "Premiers pas"`) {
		t.Errorf("onboarding/_index.md: %v\n%s", err, b)
	}
	if left := strings.Join(s.Left, "\n"); !strings.Contains(left, "whose file is missing: onboarding/gone.md") {
		t.Errorf("the report does not name the missing chapter:\n%s", left)
	}
	pages := checkImported(t, dst)
	if p := pages["content/appendix.md"]; p == nil || p.Weight != 4 {
		t.Errorf("appendix.md: %+v, want weight 4, its place in SUMMARY.md", p)
	}
	// The part keeps its place: that of its first page.
	if p := pages["content/onboarding/_index.md"]; p == nil || p.Weight != 2 {
		t.Errorf("onboarding/_index.md: %+v, want weight 2", p)
	}
}

// An Obsidian vault's templates folder holds no notes: it is left out,
// and the report says so.
func TestImportObsidianLeavesTemplates(t *testing.T) {
	s, dst := importFiles(t, map[string]string{
		".obsidian/app.json":       "{}",
		".obsidian/templates.json": `{"folder":"Templates"}`,
		"Templates/Meeting.md":     "# {{title}}\n\n<%* tp.file.title %>\n",
		"Notes/Onboarding.md":      "# Onboarding\n",
	})
	hasFiles(t, dst, []string{"content/Notes/Onboarding.md"}, []string{"content/Templates"})
	if left := strings.Join(s.Left, "\n"); !strings.Contains(left, "Templates/, the vault's note templates") {
		t.Errorf("the report does not name the templates:\n%s", left)
	}
}

// Pages a Jekyll or Hugo site writes in HTML are pages, unless they hold
// template logic: they become Markdown pages whose HTML Markdown leaves
// alone (no blank line ends the HTML block, so an indented line is no
// code block). Loops, includes, other tools' variables and <pre> keep a
// page the old tool's template, and so does a page the site also has in
// Markdown.
func TestImportHTMLPages(t *testing.T) {
	_, r, dst := importSite(t, map[string]string{
		"_config.yml": "title: Handbook\n",
		"index.html": "---\nlayout: home\ntitle: \"Employee Handbook\"\n---\n<div class=\"flex\">\n  {%- comment -%} <img src=\"/logo.svg\"> {%- endcomment -%}\n" +
			"  <h1>{{ site.title }} <br> Handbook</h1>\n\n        <p>Indented after a blank line, *not emphasis*.</p>\n</div>\n\n<p>Read <a href=\"/guide\">the guide</a>, <a href=\"#chapters\">the chapters</a>.</p>\n<div id=\"chapters\">…</div>\n",
		"guide.md":           "# Guide\n",
		"posts.html":         "---\ntitle: Posts\n---\n<ul>\n{% for post in site.posts %}<li>{{ post.title }}</li>{% endfor %}\n</ul>\n",
		"listing.html":       "---\ntitle: L\n---\n<p>{{ content }}</p>\n",
		"code.html":          "---\ntitle: Code\n---\n<pre>\na\n\nb\n</pre>\n",
		"contact.html":       "---\ntitle: Contact\n---\n<p>Old</p>\n",
		"contact.md":         "# Contact\n",
		"feed.xml":           "---\nlayout: null\n---\n<feed/>\n",
		"_layouts/page.html": "---\n---\n{{ content }}\n",
	})
	hasFiles(t, dst, []string{"content/index.md", "content/contact.md"}, []string{"content/posts.md", "content/listing.md", "content/code.md", "content/feed.md", "content/index.html"})
	if got, want := r.HTMLPages, []string{"index.html"}; !reflect.DeepEqual(got, want) {
		t.Errorf("HTML pages made Markdown: %q, want %q", got, want)
	}
	slices.Sort(r.Templates)
	if got, want := r.Templates, []string{"code.html", "contact.html", "feed.xml", "listing.html", "posts.html"}; !reflect.DeepEqual(got, want) {
		t.Errorf("templates left: %q, want %q", got, want)
	}
	pages := checkImported(t, dst)
	if p := pages["content/index.md"]; p == nil || p.Title != "Employee Handbook" {
		t.Fatalf("home page %+v, want the HTML page's title", p)
	}
	out := buildWithoutWarnings(t, dst)
	home, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<h1>Handbook <br> Handbook</h1>", "<p>Indented after a blank line, *not emphasis*.</p>", `<a href="guide/">the guide</a>`} {
		if !strings.Contains(string(home), want) {
			t.Errorf("home page lacks %s", want)
		}
	}
	for _, bad := range []string{"comment", "logo.svg", "<code>", "<em>"} {
		if strings.Contains(string(home), bad) {
			t.Errorf("home page has %s", bad)
		}
	}
}

// Jekyll and Hugo make categories of every page's categories field, and
// Hugo the taxonomies its configuration names: the new site lists them,
// so that their term pages are made.
func TestImportTaxonomies(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"jekyll categories", map[string]string{
			"_config.yml":                    "title: T\n",
			"_posts/2024-01-15-first-duo.md": "---\ntitle: First duo\ncategories: [news]\n---\nx\n",
		}, "taxonomies: [tags, categories]"},
		{"none used", map[string]string{"_config.yml": "title: T\n", "a.md": "---\ntitle: A\ntags: [x]\n---\n"}, "taxonomies: [tags]"},
		{"hugo's own", map[string]string{
			"hugo.toml":               "title = \"T\"\n[taxonomies]\n  tag = \"tags\"\n  team = \"teams\"\n  bad = \"Not A Name\"\n",
			"content/posts/a.md":      "+++\ntitle = \"A\"\nteams = [\"ops\"]\ncategories = [\"x\"]\n+++\n",
			"content/posts/b.md":      "---\ntitle: B\n---\n",
			"content/posts/_index.md": "---\ntitle: Posts\n---\n",
		}, "taxonomies: [tags, teams]"},
		{"hugo's defaults", map[string]string{
			"hugo.toml":          "title = \"T\"\n",
			"content/posts/a.md": "+++\ntitle = \"A\"\ncategories = [\"x\"]\n+++\n",
		}, "taxonomies: [tags, categories]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, dst := importFiles(t, tt.files)
			yaml, err := os.ReadFile(filepath.Join(dst, "site.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(yaml), tt.want+"\n") {
				t.Errorf("site.yaml:\n%s\nwant %s", yaml, tt.want)
			}
			checkImported(t, dst)
		})
	}
}

// Jekyll reads tags and categories written as text as lists of words;
// the import writes them as lists, and leaves every other form alone.
func TestWordListFields(t *testing.T) {
	tests := []struct{ in, want string }{
		{"---\ntags: mentoring remote\ncategories: \"news duos\"\n---\ntags: in the text\n", "---\ntags: [mentoring, remote]\ncategories: [news, duos]\n---\ntags: in the text\n"},
		{"---\r\ntags: a b\r\n---\r\n", "---\r\ntags: [a, b]\r\n---\r\n"},
		{"---\ntags: C++ été\n---\n", "---\ntags: [\"C++\", été]\n---\n"},
		{"---\ntags: one\n---\n", ""},
		{"---\ntags: a, b c\n---\n", ""},
		{"---\ntags: [a b]\n---\n", ""},
		{"---\ntags: a b # note\n---\n", ""},
		{"---\ntitle: tags: a b\n---\n", ""},
		{"tags: a b\n", ""},
	}
	for _, tt := range tests {
		got, changed := wordListFields([]byte(tt.in))
		want := tt.want
		if want == "" {
			want = tt.in
		}
		if string(got) != want || changed != (tt.want != "") {
			t.Errorf("wordListFields(%q) = %q, %v; want %q", tt.in, got, changed, want)
		}
	}
}

// Where the old site linked a page's source for editing, the new one
// does too: site.yaml's editURL, then the page's path in content/.
func TestImportEditURL(t *testing.T) {
	for _, tt := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"just the docs", map[string]string{"_config.yml": "title: T\ngh_edit_repository: https://github.com/org/handbook\ngh_edit_branch: trunk\ngh_edit_source: docs\n", "index.md": "# T\n"},
			"https://github.com/org/handbook/edit/trunk/docs/"},
		{"just the docs at the root", map[string]string{"_config.yml": "title: T\ngh_edit_repository: https://github.com/org/handbook/\n", "index.md": "# T\n"},
			"https://github.com/org/handbook/edit/main/"},
		{"mkdocs default", map[string]string{"mkdocs.yml": "site_name: M\nrepo_url: https://github.com/org/handbook\n", "docs/index.md": "# M\n"},
			"https://github.com/org/handbook/edit/master/docs/"},
		{"mkdocs edit_uri", map[string]string{"mkdocs.yml": "site_name: M\nrepo_url: https://git.example.org/org/handbook/\nedit_uri: src/branch/main/docs\n", "docs/index.md": "# M\n"},
			"https://git.example.org/org/handbook/src/branch/main/docs/"},
		{"mkdocs without repository", map[string]string{"mkdocs.yml": "site_name: M\n", "docs/index.md": "# M\n"}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, _, dst := importSite(t, tt.files)
			if s.EditURL != tt.want {
				t.Errorf("EditURL = %q, want %q", s.EditURL, tt.want)
			}
			y, err := os.ReadFile(filepath.Join(dst, "site.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			if has := strings.Contains(string(y), "editURL: \""+tt.want+"\"\n"); has != (tt.want != "") {
				t.Errorf("site.yaml:\n%s", y)
			}
			checkImported(t, dst)
		})
	}
}
