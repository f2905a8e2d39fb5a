package migrate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Jekyll's URLs, by its permalink styles and patterns, for posts and
// pages; "" where binome's URL is the same or Jekyll published nothing.
func TestJekyllURL(t *testing.T) {
	tests := []struct {
		rel, permalink string
		fm             map[string]any
		want           string
	}{
		{"_posts/2024-01-15-first-duo.md", "date", nil, "/2024/01/15/first-duo.html"},
		{"_posts/2024-01-15-first-duo.md", "date", map[string]any{"categories": []any{"News", "duos"}}, "/news/duos/2024/01/15/first-duo.html"},
		{"news/_posts/2024-01-15-first-duo.md", "date", map[string]any{"category": "team"}, "/news/team/2024/01/15/first-duo.html"},
		{"_posts/2024-01-15-first-duo.md", "pretty", nil, "/2024/01/15/first-duo/"},
		{"_posts/2024-01-15-first-duo.md", "none", nil, "/first-duo.html"},
		{"_posts/2024-01-15-first-duo.md", "/blog/:year/:i_month/:title/", map[string]any{"slug": "duo-one"}, "/blog/2024/1/duo-one/"},
		{"_posts/2024-01-15-first-duo.md", "date", map[string]any{"date": time.Date(2024, 2, 3, 10, 0, 0, 0, time.UTC)}, "/2024/02/03/first-duo.html"},
		{"_posts/2024-01-15-first-duo.md", "/posts/:title/", nil, ""},
		{"_posts/no-date.md", "date", nil, ""},
		{"_posts/2024-01-15-x.md", "/:unknown/:title/", nil, ""},
		{"about.md", "date", nil, "/about.html"},
		{"docs/setup.md", "date", nil, "/docs/setup.html"},
		{"about.md", "pretty", nil, ""},
		{"docs/layout/layout.md", "pretty", map[string]any{"has_children": true}, "/docs/layout/layout/"},
		{"docs/layout/layout.md", "pretty", nil, ""},
		{"docs/layout/layout.md", "date", map[string]any{"has_children": true}, "/docs/layout/layout.html"},
		{"index.md", "date", nil, ""},
		{"docs/index.md", "date", nil, ""},
		{"README.md", "date", nil, ""},
		{"_people/jane-doe.md", "date", nil, "/people/jane-doe.html"},
		{"_people/team/Jane Doe.md", "none", nil, "/people/team/Jane Doe.html"},
		{"_people/jane-doe.md", "pretty", nil, ""},
		{"_people/jane-doe.md", "/:year/:title/", nil, ""},
		{"_people/jane-doe.md", "/:year/:title:output_ext", nil, "/people/jane-doe.html"},
		{"_people/jane-doe.md", "weekdate", nil, "/people/jane-doe"},
		{"_trainings/basics/Intro Day.md", "date", nil, "/learn/Intro-Day/"},
		{"_trainings/one.md", "date", map[string]any{"slug": "First Steps"}, "/learn/First-Steps/"},
		{"_mentors/ada.md", "date", nil, "/mentors/ada.html"},
		{"_mentors/ada.md", "date", map[string]any{"slug": "x"}, "/mentors/ada.html"},
		{"_news/x.md", "date", nil, ""},
		{"_mentors/Ada L.md", "date", nil, "/mentors/ada-l.html"},
		{"_people/Jane Doe.md", "pretty", nil, "/people/Jane Doe/"},
	}
	collections := map[string]string{"people": "", "trainings": "/learn/:title/", "mentors": "/:collection/:name:output_ext"}
	for _, tt := range tests {
		if got := jekyllURL(tt.rel, tt.permalink, collections, tt.fm); got != tt.want {
			t.Errorf("jekyllURL(%s, %s, %v) = %q, want %q", tt.rel, tt.permalink, tt.fm, got, tt.want)
		}
	}
}

// The imported pages keep their Jekyll URLs as aliases, which the new
// site redirects; a page with its own permalink keeps that one only.
func TestImportJekyllOldURLs(t *testing.T) {
	_, r, dst := importSite(t, map[string]string{
		"_config.yml":                    "title: T\npermalink: /blog/:year/:title:output_ext\ncollections:\n  people:\n    output: true\n  teams:\n    output: true\n    permalink: /crew/:name/\n",
		"_people/jane-doe.md":            "---\ntitle: Jane\n---\nx\n",
		"_people/Bob Smith.md":           "---\ntitle: Bob\n---\nx\n",
		"_teams/Ops Team.md":             "---\ntitle: Ops\n---\nx\n",
		"_posts/2024-01-15-first-duo.md": "---\ntitle: First duo\naliases: [/old/]\n---\nx\n",
		"about.md":                       "# About\n",
		"fixed.md":                       "---\ntitle: Fixed\npermalink: /fixed-url/\n---\n",
	})
	if r.OldURLs != 5 {
		t.Errorf("%d pages given an old URL, want 5", r.OldURLs)
	}
	for file, want := range map[string]string{
		"_posts/2024-01-15-first-duo.md": "---\ntitle: First duo\naliases: [/old/, /blog/2024/first-duo.html]\n---\nx\n",
		"about.md":                       "---\naliases: [/about.html]\n---\n# About\n",
		"fixed.md":                       "---\ntitle: Fixed\npermalink: /fixed-url/\n---\n",
		"_people/jane-doe.md":            "---\ntitle: Jane\naliases: [/people/jane-doe.html]\n---\nx\n",
		"_people/Bob Smith.md":           "---\ntitle: Bob\naliases: [/people/Bob Smith.html]\n---\nx\n",
		"_teams/Ops Team.md":             "---\ntitle: Ops\naliases: [/crew/ops-team/]\n---\nx\n",
	} {
		got, err := os.ReadFile(filepath.Join(dst, "content", filepath.FromSlash(file)))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Errorf("%s:\n%s\nwant:\n%s", file, got, want)
		}
	}
	checkImported(t, dst)
}

// GitBook, mdBook and MkDocs without directory URLs published a page at
// its path with .html: that URL redirects to the new one.
func TestImportHTMLURLs(t *testing.T) {
	for _, tt := range []struct {
		name  string
		files map[string]string
		page  string
		want  bool
	}{
		{"gitbook", map[string]string{"SUMMARY.md": "# Summary\n\n* [Setup](guides/setup.md)\n", "README.md": "# Home\n", "guides/setup.md": "# Setup\n"}, "guides/setup.md", true},
		{"mkdocs flat", map[string]string{"mkdocs.yml": "site_name: S\nuse_directory_urls: false\n", "docs/index.md": "# Home\n", "docs/guides/setup.md": "# Setup\n"}, "guides/setup.md", true},
		{"mkdocs", map[string]string{"mkdocs.yml": "site_name: S\n", "docs/index.md": "# Home\n", "docs/guides/setup.md": "# Setup\n"}, "guides/setup.md", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, r, dst := importSite(t, tt.files)
			got, err := os.ReadFile(filepath.Join(dst, "content", filepath.FromSlash(tt.page)))
			if err != nil {
				t.Fatal(err)
			}
			has := string(got) == "---\naliases: [/guides/setup.html]\n---\n# Setup\n"
			if has != tt.want || (r.OldURLs == 1) != tt.want {
				t.Errorf("%s (%d old URLs):\n%s", tt.page, r.OldURLs, got)
			}
			checkImported(t, dst)
		})
	}
}

// Docusaurus left number prefixes out of its URLs and dated its blog
// posts' URLs; binome keeps the names as they are.
func TestDocusaurusURL(t *testing.T) {
	tests := []struct {
		rel  string
		fm   map[string]any
		want string
	}{
		{"docs/01-intro.md", nil, "/docs/intro"},
		{"docs/02_guides/10. setup.md", nil, "/docs/guides/setup"},
		{"docs/02-guides/index.md", nil, "/docs/guides"},
		{"docs/02-guides/02-guides.md", nil, "/docs/guides"},
		{"fr/docs/01-intro.md", nil, "/fr/docs/intro"},
		{"docs/intro.md", nil, ""},
		{"docs/01-intro.md", map[string]any{"slug": "/start"}, ""},
		{"blog/2024-01-15-first-duo.md", nil, "/blog/2024/01/15/first-duo"},
		{"blog/2024-01-15-first-duo/index.md", nil, "/blog/2024/01/15/first-duo"},
		{"blog/welcome.md", nil, ""},
	}
	for _, tt := range tests {
		if got := docusaurusURL(tt.rel, tt.fm); got != tt.want {
			t.Errorf("docusaurusURL(%s, %v) = %q, want %q", tt.rel, tt.fm, got, tt.want)
		}
	}
}

// An old URL that two pages had, or that a page of the new site has,
// is nobody's alias: it would clash.
func TestOldURLsDoNotClash(t *testing.T) {
	_, r, dst := importSite(t, map[string]string{
		"docusaurus.config.js":        "module.exports = { title: 'T' };\n",
		"docs/01-intro.md":            "# Intro one\n",
		"docs/intro.md":               "# Intro two\n",
		"docs/02-guides/index.md":     "# Guides\n",
		"docs/02-guides/02-guides.md": "# Guides again\n",
		"docs/03-setup.md":            "# Setup\n",
	})
	if r.OldURLs != 1 {
		t.Errorf("%d old URLs, want 1 (setup's)", r.OldURLs)
	}
	got, _ := os.ReadFile(filepath.Join(dst, "content/docs/03-setup.md"))
	if string(got) != "---\naliases: [/docs/setup]\n---\n# Setup\n" {
		t.Errorf("03-setup.md:\n%s", got)
	}
	checkImported(t, dst)
}

// Hugo's permalink patterns, by section.
func TestHugoURL(t *testing.T) {
	perm := map[string]string{"posts": "/:year/:month/:title/", "guides": "/g/:slug/", "news": "/:section/:filename/"}
	date := time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		rel   string
		fm    map[string]any
		langs []string
		want  string
	}{
		{"posts/first-duo.md", map[string]any{"title": "First duo, at last!", "date": date}, nil, "/2024/03/first-duo-at-last/"},
		{"posts/first-duo/index.md", map[string]any{"title": "Été", "date": "2024-03-05"}, nil, "/2024/03/été/"},
		{"posts/no-date.md", map[string]any{"title": "X"}, nil, ""},
		{"posts/_index.md", map[string]any{"title": "Posts"}, nil, ""},
		{"guides/setup.md", map[string]any{"title": "Set up", "slug": "install"}, nil, "/g/install/"},
		{"guides/setup.md", map[string]any{"title": "Set up"}, nil, "/g/set-up/"},
		{"news/a.md", nil, nil, ""},
		{"fr/guides/setup.md", map[string]any{"title": "Installer"}, []string{"en", "fr"}, "/fr/g/installer/"},
		{"en/guides/setup.md", map[string]any{"title": "Set up"}, []string{"en", "fr"}, "/g/set-up/"},
		{"about.md", nil, nil, ""},
	}
	for _, tt := range tests {
		if got := hugoURL(tt.rel, tt.fm, perm, tt.langs); got != tt.want {
			t.Errorf("hugoURL(%s, %v) = %q, want %q", tt.rel, tt.fm, got, tt.want)
		}
	}
}

// A Hugo site's [permalinks] are read from its configuration.
func TestImportHugoPermalinks(t *testing.T) {
	_, r, dst := importSite(t, map[string]string{
		"hugo.toml":           "title = \"T\"\n[permalinks]\n  posts = \"/:year/:month/:slug/\"\n",
		"content/posts/a.md":  "---\ntitle: First duo\ndate: 2024-03-05\n---\nx\n",
		"content/guides/b.md": "---\ntitle: B\n---\nx\n",
		"content/posts/c.md":  "+++\ntitle = \"Second\"\ndate = 2024-04-01\n[params]\n  x = 1\n+++\ny\n",
		"content/posts/d.md":  "+++\ntitle = \"Third\"\ndate = 2024-04-02\naliases = [\"/old/\"]\n+++\nz\n",
	})
	got, _ := os.ReadFile(filepath.Join(dst, "content/posts/a.md"))
	if r.OldURLs != 2 || string(got) != "---\ntitle: First duo\ndate: 2024-03-05\naliases: [/2024/03/first-duo/]\n---\nx\n" {
		t.Errorf("%d old URLs; posts/a.md:\n%s", r.OldURLs, got)
	}
	// TOML: the alias goes first, outside the [params] table.
	if got, _ := os.ReadFile(filepath.Join(dst, "content/posts/c.md")); string(got) != "+++\naliases = [\"/2024/04/second/\"]\ntitle = \"Second\"\ndate = 2024-04-01\n[params]\n  x = 1\n+++\ny\n" {
		t.Errorf("posts/c.md:\n%s", got)
	}
	checkImported(t, dst)
}

// Just the Docs' parent page named as its folder, layout/layout.md, is
// its folder's page in binome, at /docs/layout/: it keeps Jekyll's
// /docs/layout/layout/ as an alias.
func TestImportJekyllParentPageKeepsItsURL(t *testing.T) {
	_, r, dst := importSite(t, map[string]string{
		"_config.yml":            "title: T\npermalink: pretty\n",
		"index.md":               "# T\n",
		"docs/layout/layout.md":  "---\ntitle: Layout\nhas_children: true\n---\n",
		"docs/layout/minimal.md": "---\ntitle: Minimal\nparent: Layout\n---\n",
	})
	got, err := os.ReadFile(filepath.Join(dst, "content", "docs", "layout", "layout.md"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "---\ntitle: Layout\nhas_children: true\naliases: [/docs/layout/layout/]\n---\n"; string(got) != want || r.OldURLs != 1 {
		t.Errorf("layout.md (%d old URLs):\n%s\nwant:\n%s", r.OldURLs, got, want)
	}
	checkImported(t, dst)
}

// A Docusaurus slug that is a route (slug: /dropbox), as sites serving
// their docs at / write them, becomes binome's one-word slug, and the
// route an alias: binome refuses routes as slugs, and the imported site
// did not build.
func TestImportDocusaurusRouteSlugs(t *testing.T) {
	_, r, dst := importSite(t, map[string]string{
		"docusaurus.config.js":        "module.exports = {\n  title: 'Tella',\n  i18n: { defaultLocale: 'en', locales: ['en', 'fr'] },\n  presets: [['classic', { docs: { routeBasePath: '/' } }]],\n};\n",
		"docs/intro.md":               "---\ntitle: Intro\nslug: /\n---\n",
		"docs/Connections/dropbox.md": "---\ntitle: Dropbox\nslug: /dropbox\nsidebar_position: 2\n---\nSee [Drive](/g-drive).\n",
		"docs/Connections/g-drive.md": "---\ntitle: Drive\nslug: '/guides/g-drive/'\naliases: [/old-drive]\n---\n",
		"docs/plain.md":               "---\ntitle: Plain\nslug: plain-page\n---\n",
		"blog/2024-01-02-news.md":     "---\ntitle: News\nslug: /news\n---\n",
		"i18n/fr/docusaurus-plugin-content-docs/current/Connections/dropbox.md": "---\ntitle: Dropbox\nslug: /dropbox\n---\n",
	})
	for file, want := range map[string]string{
		"Connections/dropbox.md":    "---\ntitle: Dropbox\nslug: dropbox\nsidebar_position: 2\naliases: [/dropbox]\n---\nSee [Drive](/g-drive).\n",
		"Connections/g-drive.md":    "---\ntitle: Drive\nslug: g-drive\naliases: [/old-drive, /guides/g-drive]\n---\n",
		"plain.md":                  "---\ntitle: Plain\nslug: plain-page\n---\n",
		"intro.md":                  "---\ntitle: Intro\nslug: /\n---\n",
		"blog/2024-01-02-news.md":   "---\ntitle: News\nslug: news\naliases: [/blog/news]\n---\n",
		"fr/Connections/dropbox.md": "---\ntitle: Dropbox\nslug: dropbox\naliases: [/fr/dropbox]\n---\n",
	} {
		got, err := os.ReadFile(filepath.Join(dst, "content", filepath.FromSlash(file)))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Errorf("%s:\n%s\nwant:\n%s", file, got, want)
		}
	}
	if r.OldURLs < 4 {
		t.Errorf("%d old URLs, want at least the 4 routes", r.OldURLs)
	}
	checkImported(t, dst)
}

// A Docusaurus doc whose frontmatter title is not its opening heading
// shows the heading, and names itself by the title in the sidebar, as
// Docusaurus shows it; binome showed both headings.
func TestImportDocusaurusHeadingTitles(t *testing.T) {
	_, _, dst := importSite(t, map[string]string{
		"docusaurus.config.js": "module.exports = { title: 'T' };\n",
		"docs/open-source.md":  "---\ntitle: Open Source\nsidebar_position: 2\n---\n\n# Tella is Open source\n\nText.\n",
		"docs/labelled.md":     "---\ntitle: Meetings\nsidebar_label: Meet\n---\nimport X from 'y';\n\n# Community meetings\n",
		"docs/same.md":         "---\ntitle: Same\n---\n# Same\n",
		"docs/no-heading.md":   "---\ntitle: Plain\n---\nText.\n",
	})
	pages := checkImported(t, dst)
	for file, want := range map[string][2]string{
		"content/docs/open-source.md": {"Tella is Open source", "Open Source"},
		"content/docs/labelled.md":    {"Community meetings", "Meet"},
		"content/docs/same.md":        {"Same", ""},
		"content/docs/no-heading.md":  {"Plain", ""},
	} {
		p := pages[file]
		if p == nil || p.Title != want[0] || p.LinkTitle != want[1] {
			t.Errorf("%s: %+v, want title %q and linkTitle %q", file, p, want[0], want[1])
		}
	}
}

// Docusaurus serves a doc at its path without number prefixes and without
// a last slash, so its docs link each other by those paths, relative as a
// browser reads them: [intro](../intro) in docs/02-guides/first.md is
// docs/01-intro.md. The new site reaches the same pages, by the old URLs
// the import keeps as aliases.
func TestImportDocusaurusLinksByURL(t *testing.T) {
	_, _, dst := importSite(t, map[string]string{
		"docusaurus.config.js":    "module.exports = { title: 'T', url: 'https://example.org', baseUrl: '/' };\n",
		"docs/01-intro.md":        "---\ntitle: Intro\n---\nSee [the guide](guides/first) and [x](x).\n",
		"docs/x.md":               "---\ntitle: X\n---\nBack to [intro](intro).\n",
		"docs/02-guides/first.md": "---\ntitle: First\n---\nBack to [intro](../intro) and [x](../x).\n",
	})
	out := buildWithoutWarnings(t, dst)
	for file, want := range map[string][]string{
		"docs/01-intro/index.html":        {`href="../02-guides/first/"`, `href="../x/"`},
		"docs/x/index.html":               {`href="../01-intro/"`},
		"docs/02-guides/first/index.html": {`href="../../01-intro/"`, `href="../../x/"`},
	} {
		b, err := os.ReadFile(filepath.Join(out, file))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if !strings.Contains(string(b), w) {
				t.Errorf("%s lacks %s", file, w)
			}
		}
	}
}
