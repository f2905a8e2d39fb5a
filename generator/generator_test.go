package generator

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"binome/generator/source"
)

// writeSite writes a txtar archive into a fresh temporary folder.
func writeSite(t *testing.T, archive string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range txtar.Parse([]byte(archive)).Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// build builds the site in dir without minifying, so tests read plain HTML.
func build(t *testing.T, dir string, mod ...func(*Options)) (*Stats, error) {
	t.Helper()
	off := false
	opt := Options{Source: dir, Minify: &off}
	for _, m := range mod {
		m(&opt)
	}
	return Build(context.Background(), opt)
}

func mustBuild(t *testing.T, dir string, mod ...func(*Options)) *Stats {
	t.Helper()
	st, err := build(t, dir, mod...)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return st
}

func read(t *testing.T, dir, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "public", filepath.FromSlash(rel)))
	if err != nil {
		t.Fatalf("output: %v", err)
	}
	return string(b)
}

func exists(dir, rel string) bool {
	_, err := os.Stat(filepath.Join(dir, "public", filepath.FromSlash(rel)))
	return err == nil
}

const bilingual = `
-- site.yaml --
title: Test
defaultLanguage: fr
languages:
  fr: {title: Essai, weight: 1}
  en: {title: Test, weight: 2}
taxonomies: [tags, skills]
-- content/_index.md --
---
title: Accueil
---
Bienvenue.
-- content/guides/_index.md --
---
title: Les guides
---
-- content/guides/first-meeting.md --
---
title: La première rencontre
weight: 2
tags: [onboarding]
aliases: [/old/first/]
---
Voir [les clés](keys.md#liste-de-controle) et [l'agenda](#agenda).

## Ordre du jour {#agenda}

Texte : oui !
-- content/guides/first-meeting.en.md --
---
title: The first meeting
weight: 2
tags: [onboarding]
---
See [the keys](keys.md) and [a missing page](nowhere.md).
-- content/guides/keys.md --
---
title: Les clés
weight: 1
date: 2026-01-02
---
## Liste de contrôle

Rien.
-- content/guides/toml.md --
+++
title = "Page TOML"
weight = 3
+++
Corps TOML.
-- content/guides/json.md --
{
  "title": "Page JSON",
  "weight": 4
}
Corps JSON.
-- content/guides/untitled.md --
# Titre depuis le texte

Sans frontmatter.
-- content/guides/draft.md --
---
title: Brouillon
draft: true
---
Pas encore.
-- content/stories/bundle/index.md --
---
title: Une histoire
---
![dessin](pic.svg)
-- content/stories/bundle/pic.svg --
<svg xmlns="http://www.w3.org/2000/svg"></svg>
`

func TestBuildBilingualSite(t *testing.T) {
	dir := writeSite(t, bilingual)
	st := mustBuild(t, dir)

	for _, f := range []string{
		"index.html", "en/index.html", "guides/index.html", "guides/first-meeting/index.html",
		"en/guides/first-meeting/index.html", "guides/toml/index.html", "guides/json/index.html",
		"guides/untitled/index.html", "stories/bundle/index.html", "stories/bundle/pic.svg",
		"tags/index.html", "tags/onboarding/index.html", "en/tags/onboarding/index.html",
		"sitemap.xml", "feed.xml", "en/feed.xml", "404.html", "en/404.html", "old/first/index.html",
	} {
		if !exists(dir, f) {
			t.Errorf("missing output %s", f)
		}
	}
	if exists(dir, "guides/draft/index.html") {
		t.Error("draft page was written without --drafts")
	}
	fm := read(t, dir, "guides/first-meeting/index.html")
	for _, want := range []string{
		`<html lang="fr"`,
		`hreflang="en"`,
		`href="../keys/#liste-de-controle"`, // a link to a source file became the page URL, relative
		`id="agenda"`,
		"Texte\u00a0: oui\u202f!", // French spacing before : and !
	} {
		if !strings.Contains(fm, want) {
			t.Errorf("first-meeting page lacks %q", want)
		}
	}
	en := read(t, dir, "en/guides/first-meeting/index.html")
	if !strings.Contains(en, `<html lang="en"`) || !strings.Contains(en, `href="../keys/"`) {
		t.Errorf("English page should link to the English fallback of keys:\n%s", grep(en, "keys"))
	}
	if !strings.Contains(read(t, dir, "guides/toml/index.html"), "Page TOML") || !strings.Contains(read(t, dir, "guides/json/index.html"), "Page JSON") {
		t.Error("TOML or JSON frontmatter title not used")
	}
	if !strings.Contains(read(t, dir, "guides/untitled/index.html"), "Titre depuis le texte") {
		t.Error("title from first heading not used")
	}
	list := read(t, dir, "guides/index.html")
	if i, j := strings.Index(list, "Les clés"), strings.Index(list, "La première rencontre"); i < 0 || j < 0 || i > j {
		t.Error("section list not ordered by weight")
	}
	if !strings.Contains(read(t, dir, "old/first/index.html"), "guides/first-meeting/") {
		t.Error("alias does not redirect to the page")
	}
	// The English page's link to a missing file is a warning with its line.
	found := false
	for _, w := range st.Warnings {
		if strings.Contains(w.Error(), "content/guides/first-meeting.en.md:6") && strings.Contains(w.Error(), "nowhere.md") {
			found = true
		}
	}
	if !found {
		t.Errorf("no warning for the broken link with file:line; warnings: %v", st.Warnings)
	}
	// Relative URLs: no page refers to the site root absolutely.
	walkHTML(t, dir, func(rel, body string) {
		if strings.HasSuffix(rel, "404.html") {
			return // served at any depth, so its links start at the site root
		}
		if m := regexp.MustCompile(`(href|src)="/[^/]`).FindString(body); m != "" {
			t.Errorf("%s has a root-relative URL %q with relativeURLs on", rel, m)
		}
	})
}

func TestDraftsIncludedOnRequest(t *testing.T) {
	dir := writeSite(t, bilingual)
	mustBuild(t, dir, func(o *Options) { o.Drafts = true })
	if !exists(dir, "guides/draft/index.html") {
		t.Error("--drafts did not write the draft page")
	}
}

func walkHTML(t *testing.T, dir string, fn func(rel, body string)) {
	t.Helper()
	root := filepath.Join(dir, "public")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		fn(filepath.ToSlash(rel), string(b))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func grep(s, word string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, word) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// Each bad input names the file and line and says what to do; the build
// fails and the previous output stays as it was.
func TestBadInputKeepsPreviousOutput(t *testing.T) {
	good := `
-- site.yaml --
title: T
-- content/profiles/lea.md --
---
name: Léa
role: mentor
---
-- content/profiles/marc.md --
---
name: Marc
role: mentee
---
-- content/trainings/a.md --
---
title: A
---
-- content/trainings/b.md --
---
title: B
prerequisites: [a]
---
`
	cases := []struct {
		name, file, body string
		want             []string
	}{
		{"unclosed frontmatter", "content/guides/x.md", "---\ntitle: X\n\nBody\n", []string{"content/guides/x.md:1:", "never closed"}},
		{"malformed yaml", "content/guides/x.md", "---\ntitle: X\ntags: [a, b\n---\n", []string{"content/guides/x.md:", "malformed YAML"}},
		{"malformed toml", "content/guides/x.md", "+++\ntitle = X\n+++\n", []string{"content/guides/x.md:2", "malformed TOML"}},
		{"malformed json", "content/guides/x.md", "{\n\"title\": \"X\",\n}\n", []string{"content/guides/x.md:", "malformed JSON"}},
		{"wrong type", "content/guides/x.md", "---\ntitle: X\nweight: heavy\n---\n", []string{"content/guides/x.md:3:1", `field "weight"`, "whole number"}},
		{"unknown key in strict kind", "content/profiles/zoe.md", "---\nname: Zoé\nrole: mentor\nskils: [x]\n---\n", []string{"content/profiles/zoe.md:4:1", `unknown field`, `did you mean "skills_`}},
		{"bad enum", "content/profiles/zoe.md", "---\nname: Zoé\nrole: boss\n---\n", []string{"content/profiles/zoe.md:3:", "mentor, mentee, both"}},
		{"missing required", "content/profiles/zoe.md", "---\nrole: mentor\n---\n", []string{"content/profiles/zoe.md:2", `field "name": missing`}},
		{"invalid utf8", "content/guides/x.md", "---\ntitle: X\n---\ncaf\xe9\n", []string{"content/guides/x.md:4:4", "UTF-8"}},
		{"binary", "content/guides/x.md", "\x00\x01\x02", []string{"content/guides/x.md:1", "binary"}},
		{"missing reference", "content/duos/d.md", "---\nmentor: lea\nmentee: nobody\n---\n", []string{"content/duos/d.md:3:9", `no profile page "nobody"`}},
		{"wrong kind reference", "content/duos/d.md", "---\nmentor: lea\nmentee: a\n---\n", []string{"content/duos/d.md:3:9", "is a training page"}},
		{"prerequisite cycle", "content/trainings/a.md", "---\ntitle: A\nprerequisites: [b]\n---\n", []string{"content/trainings/", "cycle", "a → b → a"}},
		{"duplicate url", "content/guides/x.md", "---\ntitle: X\nslug: y\n---\n", nil},
		{"slug with dots", "content/guides/x.md", "---\ntitle: X\nslug: ../../etc\n---\n", []string{"content/guides/x.md:3:1", `".."`}},
		{"slug absolute", "content/guides/x.md", "---\ntitle: X\nslug: /etc/passwd\n---\n", []string{"absolute path"}},
		{"slug backslash", "content/guides/x.md", "---\ntitle: X\nslug: 'a\\b'\n---\n", []string{"backslash"}},
		{"slug reserved", "content/guides/x.md", "---\ntitle: X\nslug: con\n---\n", []string{"reserved name"}},
		{"site.yaml unknown key", "site.yaml", "title: T\ntaxonomys: [tags]\n", []string{"site.yaml:2", `unknown key "taxonomys"`}},
		{"site.yaml wrong type", "site.yaml", "title: T\nminify: often\n", []string{"site.yaml:2", "wrong type"}},
		{"missing theme", "site.yaml", "title: T\ntheme: [nope]\n", []string{"site.yaml:2", `theme "nope" not found`}},
		{"template syntax error", "themes/mine/layouts/baseof.html", "<html>{{ .Title }</html>", []string{"themes/mine/layouts/baseof.html:1"}},
		{"template runtime error", "themes/mine/layouts/baseof.html", "<html>\n{{ .NoSuchField }}</html>", []string{"themes/mine/layouts/baseof.html:2", "NoSuchField"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := writeSite(t, good)
			mustBuild(t, dir)
			before := snapshot(t, dir)
			if strings.HasPrefix(c.file, "themes/mine") {
				os.WriteFile(filepath.Join(dir, "site.yaml"), []byte("title: T\ntheme: [mine, default]\n"), 0o644)
			}
			if c.name == "duplicate url" {
				os.MkdirAll(filepath.Join(dir, "content/guides"), 0o755)
				if err := os.WriteFile(filepath.Join(dir, "content/guides/y.md"), []byte("---\ntitle: Y\n---\n"), 0o644); err != nil {
					t.Fatal(err)
				}
				c.want = []string{"URL /guides/y/ is also the URL of content/guides/"}
			}
			p := filepath.Join(dir, filepath.FromSlash(c.file))
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, []byte(c.body), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := build(t, dir)
			if err == nil {
				t.Fatal("build succeeded, want an error")
			}
			msg := err.Error()
			for _, w := range c.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q\ndoes not contain %q", msg, w)
				}
			}
			var se *source.Error
			if !errors.As(err, &se) && !strings.Contains(msg, "hint") && !strings.Contains(c.name, "template") {
				t.Errorf("error has no position or hint: %v", err)
			}
			if after := snapshot(t, dir); after != before {
				t.Error("the previous output changed after a failed build")
			}
		})
	}
}

// snapshot hashes every output file's path and bytes.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b bytes.Buffer
	root := filepath.Join(dir, "public")
	var names []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, p)
		}
		return nil
	})
	sort.Strings(names)
	for _, n := range names {
		data, _ := os.ReadFile(n)
		b.WriteString(n)
		b.Write(data)
	}
	return b.String()
}

func TestAllErrorsReportedTogether(t *testing.T) {
	dir := writeSite(t, `
-- content/profiles/a.md --
---
name: A
role: boss
---
-- content/profiles/b.md --
---
role: mentor
---
`)
	_, err := build(t, dir)
	if err == nil {
		t.Fatal("want errors")
	}
	if n := len(source.Flatten(err)); n != 2 {
		t.Errorf("got %d errors, want 2: %v", n, err)
	}
}

func TestDestinationSafety(t *testing.T) {
	dir := writeSite(t, "-- content/a.md --\n# A\n")
	for _, dest := range []string{dir, filepath.Join(dir, "content"), filepath.Dir(dir), "/"} {
		if _, err := build(t, dir, func(o *Options) { o.Dest = dest }); err == nil {
			t.Errorf("dest %s was accepted", dest)
		}
	}
}

func TestRemovedSourceRemovesOutput(t *testing.T) {
	dir := writeSite(t, "-- content/a.md --\n# A\n-- content/b.md --\n# B\n")
	mustBuild(t, dir)
	os.Remove(filepath.Join(dir, "content/b.md"))
	mustBuild(t, dir)
	if exists(dir, "b/index.html") {
		t.Error("output of a removed page is still there")
	}
}

// A build loads pages without their text and reads it when a page is
// rendered, or when a template shows it (another page's Content); what
// the site shows of a text otherwise (summary, word count) was taken at
// load. A file changed meanwhile is an error.
func TestBodyIsReadWhenRendered(t *testing.T) {
	dir := writeSite(t, dvSite)
	kept, err := Load(Options{Source: dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Load(Options{Source: dir, dropBodies: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, site := range []*Site{kept, s} {
		if err := site.Resolve(); err != nil {
			t.Fatal(err)
		}
	}
	p, k := s.byURL["/guides/keys/"], kept.byURL["/guides/keys/"]
	if p.src.Body != nil {
		t.Fatal("a page loaded for a build holds its text")
	}
	if p.Summary() != k.Summary() || p.WordCount() != k.WordCount() || p.WordCount() == 0 {
		t.Errorf("without the text: summary %q, %d words; with it: %q, %d words", p.Summary(), p.WordCount(), k.Summary(), k.WordCount())
	}
	got, err := s.body(p.src, nil)
	if err != nil || string(got) != string(k.src.Body) {
		t.Errorf("body = %q, %v; want %q", got, err, k.src.Body)
	}
	html, err := p.Content()
	if err != nil || !strings.Contains(string(html), "<") {
		t.Errorf("Content = %q, %v", html, err)
	}
	writeFile(t, dir, p.src.Path, "---\ntitle: Autre\n---\nAutre texte.\n")
	if _, err := s.body(p.src, nil); err == nil || !strings.Contains(err.Error(), p.src.Path) {
		t.Errorf("a file changed during the build: err = %v, want one naming %s", err, p.src.Path)
	}
}

// A build keeps the texts of search results in a file beside the output
// while it runs (indexers); none is left once it is done.
func TestBuildLeavesNoSpillFile(t *testing.T) {
	dir := writeSite(t, bilingual)
	parent := t.TempDir()
	dest := filepath.Join(parent, "site")
	if _, err := Build(t.Context(), Options{Source: dir, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != "site" && !strings.HasPrefix(e.Name(), ".site") {
			t.Errorf("left beside the output: %s", e.Name())
		}
	}
	if names, _ := filepath.Glob(filepath.Join(dest, "search", "*", "*")); len(names) == 0 {
		t.Error("no search index written")
	}
}

// A file the minifier cannot read, here JSON with comments, is published
// as it is, with a warning at its line: minifying must not cost a build.
func TestUnminifiableFileIsCopied(t *testing.T) {
	const jsonc = "{\n  // the compiler's options\n  \"target\": 2\n}\n"
	dir := writeSite(t, `
-- site.yaml --
title: Test
-- content/guides/_index.md --
---
title: Guides
---
-- content/guides/setup/index.md --
---
title: Setup
---
See [the options](jsconfig.json).
-- content/guides/setup/jsconfig.json --
`+jsonc+`
-- static/data/editor.json --
`+jsonc+`
-- static/data/clean.json --
{ "a" : 1 }
`)
	on := true
	st := mustBuild(t, dir, func(o *Options) { o.Minify = &on })
	for _, rel := range []string{"guides/setup/jsconfig.json", "data/editor.json"} {
		if got := read(t, dir, rel); got != jsonc+"\n" && got != jsonc {
			t.Errorf("%s: %q, want it as written", rel, got)
		}
	}
	if got := read(t, dir, "data/clean.json"); got != `{"a":1}` {
		t.Errorf("data/clean.json: %q, want it minified", got)
	}
	want := map[string]bool{"content/guides/setup/jsconfig.json:2:3": false, "static/data/editor.json:2:3": false}
	for _, w := range st.Warnings {
		var e *source.Error
		if errors.As(w, &e) && strings.Contains(e.Msg, "not minified") {
			want[fmt.Sprintf("%s:%d:%d", e.Pos.Path, e.Pos.Line, e.Pos.Col)] = true
		}
	}
	for at, seen := range want {
		if !seen {
			t.Errorf("no warning at %s; warnings: %v", at, st.Warnings)
		}
	}
}

// Links as other tools write them resolve to the page they mean: a page
// named by its file without extension, relative to the file (Docusaurus,
// GitHub); /x.md from a Docusaurus docs folder, which import makes
// content/docs/; a page's URL without its final slash; a doubled slash.
// An email address written as a link gets a hint to write mailto:.
func TestForeignLinkForms(t *testing.T) {
	dir := writeSite(t, `
-- site.yaml --
title: Test
-- content/docs/_index.md --
---
title: Docs
---
-- content/docs/intro.md --
---
title: Intro
---
-- content/docs/finding/_index.md --
---
title: Finding
---
-- content/docs/finding/become.md --
---
title: Become a mentor
---
[list](mentor-list), [intro](/intro.md), [no slash](/docs/intro), [twice](/docs//intro/), [mail](hr@example.org).
-- content/docs/finding/mentor-list.mdx --
---
title: Mentor list
---
-- static/img/a.png --
png
`)
	st := mustBuild(t, dir)
	page := read(t, dir, "docs/finding/become/index.html")
	for _, want := range []string{`href="../mentor-list/">list`, `href="../../intro/">intro`, `href="../../intro/">no slash`, `href="../../intro/">twice`} {
		if !strings.Contains(page, want) {
			t.Errorf("no %s in:\n%s", want, page)
		}
	}
	broken := warningsWith(st, "broken link")
	if len(broken) != 1 || !strings.Contains(broken[0], "hr@example.org") || !strings.Contains(broken[0], "mailto:hr@example.org") {
		t.Errorf("broken links %q, want only the email address, with a mailto: hint", broken)
	}
}

// A number that starts a file's or folder's name orders it, as Jekyll
// and GitBook handbooks name their chapters and Docusaurus reads it; the
// frontmatter's weight still wins, and a date is no number prefix.
func TestNamePrefixOrders(t *testing.T) {
	dir := writeSite(t, `
-- site.yaml --
title: Test
-- content/handbook/_index.md --
---
title: Handbook
---
-- content/handbook/100-legalese.md --
# Legalese
-- content/handbook/020-how-we-work.md --
# How we work
-- content/handbook/00_welcome.md --
# Welcome
-- content/handbook/weighted.md --
---
title: Always first
weight: -1
---
-- content/handbook/03. Benefits/_index.md --
---
title: Benefits
---
-- content/handbook/2024-01-15-news.md --
# A news item
-- content/handbook/01-tools/editor.md --
# Editor
-- content/handbook/05-analysis/_index.md --
---
weight: 50
---
-- content/handbook/05-analysis/profiling.md --
# Profiling
`)
	mustBuild(t, dir)
	list := read(t, dir, "handbook/index.html")
	// 01-tools has no page of its own: its number orders it all the same.
	if tools, benefits := strings.Index(list, ">Tools<"), strings.Index(list, ">Benefits<"); tools < 0 || tools > benefits {
		t.Errorf("Tools (01-tools/) is not before Benefits (03. Benefits/):\n%s", list)
	}
	last := -1
	// 05-analysis/_index.md only orders its folder: titled by its name.
	for _, title := range []string{"Always first", "Welcome", "Benefits", "How we work", "Analysis", "Legalese", "A news item"} {
		i := strings.Index(list, ">"+title+"<")
		if i < 0 || i < last {
			t.Fatalf("%q is not after the titles before it in the list:\n%s", title, list)
		}
		last = i
	}
}

// The footer links the programme pages a site has (here the search and
// the pages to review), found with .Site.Pages kind: it was an empty
// navigation landmark on every page, as generated pages were not there.
func TestFooterLinksProgrammePages(t *testing.T) {
	dir := writeSite(t, `
-- site.yaml --
title: Test
-- content/guides/a.md --
# A
`)
	mustBuild(t, dir)
	home := read(t, dir, "index.html")
	for _, want := range []string{`class="footer-nav"`, `href="search/"`, `href="review/"`} {
		if !strings.Contains(home, want) {
			t.Errorf("home page has no %s", want)
		}
	}
	if strings.Contains(home, "<ul></ul>") {
		t.Error("home page has an empty list")
	}
}

// The sidebar opens the subsections on the way to the page, as MkDocs
// and Docusaurus do, and keeps the others closed; the page's siblings
// share one rendering of it, with the page marked by none.
func TestSidebarOpensTheBranchOfThePage(t *testing.T) {
	dir := writeSite(t, `
-- site.yaml --
title: Test
params:
  sidebar_limit: 2
-- content/docs/_index.md --
---
title: Docs
---
-- content/docs/mentors/_index.md --
---
title: For mentors
weight: 1
---
-- content/docs/mentors/skills.md --
---
title: Mentor skills
weight: 1
---
-- content/docs/mentors/role.md --
---
title: The mentor's role
weight: 2
---
-- content/docs/mentors/quiz.md --
---
title: The quiz
weight: 3
---
-- content/docs/mentees/_index.md --
---
title: For mentees
weight: 2
---
-- content/docs/mentees/role.md --
---
title: The mentee's role
weight: 1
---
-- content/docs/mentees/goals.md --
---
title: Goals
weight: 2
---
-- content/docs/mentees/journal.md --
---
title: A journal
weight: 3
---
`)
	mustBuild(t, dir)
	nav := func(rel string) string {
		page := read(t, dir, rel)
		i := strings.Index(page, `id="site-nav"`)
		j := strings.Index(page[i:], "</nav>")
		return page[i : i+j]
	}
	role := nav("docs/mentors/role/index.html")
	for _, want := range []string{">For mentors</a>", ">Mentor skills</a>", `aria-current="page">The mentor&#39;s role</a>`, `class="nav-more"`} {
		if !strings.Contains(role, want) {
			t.Errorf("sidebar of a mentors' page has no %s:\n%s", want, role)
		}
	}
	if strings.Contains(role, "The mentee&#39;s role") {
		t.Errorf("sidebar of a mentors' page opens the mentees' section:\n%s", role)
	}
	quiz := nav("docs/mentors/quiz/index.html") // past the limit: shared
	if !strings.Contains(quiz, ">Mentor skills</a>") || strings.Contains(quiz, "aria-current") {
		t.Errorf("sidebar of a page past the limit:\n%s", quiz)
	}
	// Shared too, but with another parent: its own branch.
	if mentee := nav("docs/mentees/journal/index.html"); !strings.Contains(mentee, "The mentee&#39;s role") || strings.Contains(mentee, "Mentor skills") {
		t.Errorf("sidebar of a mentees' page:\n%s", mentee)
	}
}

// An image of the text loaded from another host is a warning at its line:
// the site itself loads nothing from outside. A link there is no image.
func TestRemoteImageWarns(t *testing.T) {
	dir := writeSite(t, `
-- site.yaml --
title: Test
-- content/guides/a.md --
# A

![chart](https://cdn.example.com/chart.png)
![logo](//img/assets/logo.png)
[a link](https://example.com/page)
`)
	st := mustBuild(t, dir)
	got := warningsWith(st, "another host")
	if len(got) != 2 || !strings.Contains(got[0]+got[1], "content/guides/a.md:3") || !strings.Contains(got[0]+got[1], "content/guides/a.md:4") ||
		!strings.Contains(got[0]+got[1], "cdn.example.com") || !strings.Contains(got[0]+got[1], ", img") {
		t.Errorf("warnings %q, want one at each image line, naming its host", got)
	}
}

// A page whose text opens with a # heading other than its title shows two
// main headings (Docusaurus would show the heading alone): a warning at
// the heading's line says so, and says it again when the page is kept
// from the cache.
func TestSecondTitleWarns(t *testing.T) {
	dir := writeSite(t, `
-- site.yaml --
title: Test
-- content/guides/about.md --
---
title: About
---

# About our mentoring programme

Text.
-- content/guides/same.md --
---
title: Same
---
# Same

Text.
`)
	for _, build := range []string{"cold", "warm"} {
		st := mustBuild(t, dir)
		got := warningsWith(st, "main headings")
		if len(got) != 1 || !strings.Contains(got[0], "content/guides/about.md:5") || !strings.Contains(got[0], `"About our mentoring programme"`) {
			t.Errorf("%s build: warnings %q, want one at about.md:5", build, got)
		}
	}
	if n := strings.Count(read(t, dir, "guides/same/index.html"), "<h1"); n != 1 {
		t.Errorf("a heading that repeats the title: %d h1, want 1", n)
	}
}

// Folder names become slugs in URLs, as Hugo makes them, or the slug the
// folder's section page sets: no capitals or spaces in addresses. Links
// to the folders as written still resolve, files stay beside their pages,
// and site.yaml's menu may name the folders as they are.
func TestFolderURLsAreSlugs(t *testing.T) {
	dir := writeSite(t, `
-- site.yaml --
title: Test
languages:
  fr: {weight: 1}
  en: {weight: 2}
defaultLanguage: fr
menus:
  main: [T2S Model, Agreements]
-- content/T2S Model/_index.md --
---
title: The T2S model
slug: t2s
---
See [the agreement](/Agreements/Code_of_Conduct/).
-- content/T2S Model/Introduction.md --
---
title: Introduction
---
Back to [the model](../) and [the code](../Agreements/Code_of_Conduct.md).
-- content/Agreements/Code_of_Conduct.md --
---
title: Code of conduct
---
![The charter](charter.png) and [the intro](/T2S%20Model/Introduction/).
![Flow, as Hugo reads it from the page's URL](../flow.png) ![Map](/Agreements/map.png)
The [form](form.pdf), as MkDocs reads it beside the file, and <a href="../T2S Model/kit.zip">the kit</a>.
-- content/Agreements/charter.png --
PNG
-- content/Agreements/form.pdf --
PDF
-- content/T2S Model/kit.zip --
ZIP
-- content/Agreements/flow.png --
PNG
-- content/Agreements/map.png --
PNG
-- content/.gitbook/assets/logo.png --
PNG
-- content/T2S Model/Introduction.en.md --
---
title: Introduction
---
![Logo](../.gitbook/assets/logo.png)
`)
	st := mustBuild(t, dir)
	for _, w := range st.Warnings {
		t.Errorf("warning: %v", w)
	}
	for _, f := range []string{"t2s/index.html", "t2s/introduction/index.html", "agreements/index.html", "agreements/code_of_conduct/index.html", "agreements/charter.png"} {
		if !exists(dir, f) {
			t.Errorf("%s missing", f)
		}
	}
	home := read(t, dir, "index.html")
	for _, want := range []string{`href="t2s/"`, `href="agreements/"`} {
		if !strings.Contains(home, want) {
			t.Errorf("home page has no menu link %s", want)
		}
	}
	code := read(t, dir, "agreements/code_of_conduct/index.html")
	for _, want := range []string{`src="../charter.png"`, `href="../../t2s/introduction/"`, `src="../flow.png"`, `src="../map.png"`, `href="../form.pdf"`, `href="../../t2s/kit.zip"`} {
		if !strings.Contains(code, want) {
			t.Errorf("the code of conduct has no %s:\n%s", want, code)
		}
	}
	if en := read(t, dir, "en/t2s/introduction/index.html"); !strings.Contains(en, `src="../../../.gitbook/assets/logo.png"`) {
		t.Errorf("the English page's image:\n%s", en)
	}
}

// The home page's hero shows its summary field under the site's title,
// not its first paragraph, which the text below shows already; a section
// named with a space makes no broken class names.
func TestHomeHeroDoesNotRepeatTheText(t *testing.T) {
	for _, tc := range []struct {
		front string
		count int
	}{
		{"", 1},
		{"---\nsummary: Le manuel du programme.\n---\n", 2},
	} {
		dir := writeSite(t, "-- site.yaml --\ntitle: T\n-- content/_index.md --\n"+tc.front+"Le manuel du programme.\n-- content/Q R/a.md --\n# A\n")
		mustBuild(t, dir)
		home := read(t, dir, "index.html")
		if n := strings.Count(home[strings.Index(home, "<body"):], "Le manuel du programme."); n != tc.count {
			t.Errorf("front %q: the home page shows its first paragraph %d times, want %d", tc.front, n, tc.count)
		}
		if !strings.Contains(home, "entry-q-r") || strings.Contains(home, "entry-Q R") {
			t.Errorf("the entry card of section Q R has the class %q", home[strings.Index(home, "entry-card"):][:40])
		}
	}
}

// A file without extension where a page has its folder stops check and
// build alike, at the file, before anything is written.
// So does a file where a page is written: an index.html among pages,
// which another tool's old output leaves.
func TestFileAtAPageFolderIsAnError(t *testing.T) {
	tests := []struct{ file, page string }{
		{"content/guides/setup", "content/guides/setup.md"},
		{"content/guides/index.html", "the generated section page"},
		{"content/guides/setup/index.html", "content/guides/setup.md"},
	}
	for _, tt := range tests {
		dir := writeSite(t, "-- site.yaml --\ntitle: T\n-- content/guides/setup.md --\n# Setup\n-- "+tt.file+" --\nleftover\n")
		for _, run := range []func(context.Context, Options) (*Stats, error){Check, Build} {
			_, err := run(t.Context(), Options{Source: dir})
			if err == nil || !strings.Contains(err.Error(), tt.file+":") || !strings.Contains(err.Error(), tt.page) {
				t.Errorf("%s: error %v, want one at the file naming %s", tt.file, err, tt.page)
			}
		}
	}
}

// Folders without a section page of their own come in the order of the
// table of contents, where their first page does, as GitBook showed them.
func TestSummaryOrdersFoldersWithoutIndex(t *testing.T) {
	dir := writeSite(t, `
-- site.yaml --
title: T
-- content/SUMMARY.md --
# Contents

* [Zebra step](zebra/one.md)
* [Alpha step](alpha/two.md)
-- content/alpha/two.md --
# Two
-- content/zebra/one.md --
# One
`)
	mustBuild(t, dir)
	home := read(t, dir, "index.html")
	z, a := strings.Index(home, `href="zebra/"`), strings.Index(home, `href="alpha/"`)
	if z < 0 || a < 0 || z > a {
		t.Errorf("zebra at %d, alpha at %d: want zebra first, as SUMMARY.md lists it", z, a)
	}
	// The sidebar names a page as the table does; the page keeps its title.
	one := read(t, dir, "zebra/one/index.html")
	if !strings.Contains(one, ">Zebra step<") || !strings.Contains(one, "<h1") || !strings.Contains(one, ">One</h1>") {
		t.Errorf("the page of zebra/one.md:\n%s", one)
	}
}

// Jekyll names a page by its file with .html: such links reach the page,
// relative to the file or from the site's root; so does a link to the
// page's file from the repository's root.
func TestJekyllHTMLLinks(t *testing.T) {
	dir := writeSite(t, `
-- site.yaml --
title: T
-- content/docs/10.10.handbook.md --
# Handbook
See [offboarding](../docs/10.39.offboarding.html) and [the repos](/docs/resources/repos.html#list).
From the repository's root, as GitHub shows it: [offboarding](/content/docs/10.39.offboarding.md).
-- content/docs/10.39.offboarding.md --
# Offboarding
-- content/docs/resources/repos.md --
# Repos

## List
`)
	st := mustBuild(t, dir)
	for _, w := range st.Warnings {
		t.Errorf("warning: %v", w)
	}
	page := read(t, dir, "docs/10-10-handbook/index.html")
	for _, want := range []string{`href="../10-39-offboarding/"`, `href="../resources/repos/#list"`} {
		if !strings.Contains(page, want) {
			t.Errorf("no %s in\n%s", want, page)
		}
	}
}

// A page beside a folder of its name (setup.md and setup/), as Just the
// Docs and Docusaurus sites write a parent page, introduces the folder.
func TestPageBesideItsFolderIntroducesIt(t *testing.T) {
	dir := writeSite(t, `
-- site.yaml --
title: T
-- content/docs/17_today-i-learned.md --
---
title: Today I learned
---
What we learned.
-- content/docs/17_today-i-learned/git.md --
# Git tricks
-- content/docs/17_today-i-learned/go.md --
# Go tricks
`)
	mustBuild(t, dir)
	list := read(t, dir, "docs/17_today-i-learned/index.html")
	for _, want := range []string{"What we learned.", `href="git/"`, `href="go/"`} {
		if !strings.Contains(list, want) {
			t.Errorf("the parent page has no %s:\n%s", want, list)
		}
	}
}

// Pages of equal weight and date are listed by the title navigation shows,
// their linkTitle when they have one, as Hugo lists them.
func TestPagesSortByLinkTitle(t *testing.T) {
	dir := writeSite(t, `
-- site.yaml --
title: T
-- content/guides/merge.md --
---
title: Merge requests
linkTitle: Reviews
---
x
-- content/guides/vault.md --
---
title: Vault access
linkTitle: Access to Vault
---
x
`)
	mustBuild(t, dir)
	list := read(t, dir, "guides/index.html")
	if v, m := strings.Index(list, `href="vault/"`), strings.Index(list, `href="merge/"`); v < 0 || m < 0 || v > m {
		t.Errorf("vault at %d, merge at %d: want vault first, by its linkTitle", v, m)
	}
}

// Profiles written in one language are shown in the others with a notice,
// and so is their directory, though no section page describes it.
func TestFallbackPagesHaveTheirSection(t *testing.T) {
	dir := writeSite(t, "-- site.yaml --\ntitle: T\ndefaultLanguage: fr\nlanguages:\n  fr: {weight: 1}\n  en: {weight: 2}\n"+twoProfiles)
	mustBuild(t, dir)
	if !exists(dir, "en/profiles/lea/index.html") {
		t.Fatal("no English copy of the profile; the test would not test it")
	}
	en := read(t, dir, "en/profiles/index.html")
	if !strings.Contains(en, `href="lea/"`) || !strings.Contains(en, `href="marc/"`) {
		t.Errorf("the English directory does not list the profiles:\n%s", en)
	}
}

// A menu entry with no page is left out rather than linked to nothing:
// a kind's section not written yet quietly (binome init lists them all),
// any other name with a warning at site.yaml's menus.
func TestMenuEntriesWithoutPage(t *testing.T) {
	dir := writeSite(t, "-- site.yaml --\ntitle: T\nmenus:\n  main: [guides, trainings, guidse]\n-- content/guides/a.md --\n# A\n")
	st := mustBuild(t, dir)
	got := warningsWith(st, "")
	if len(got) != 1 || !strings.Contains(got[0], "site.yaml:2:") || !strings.Contains(got[0], `"guidse"`) {
		t.Errorf("warnings %q, want one at site.yaml:2 (menus) for guidse", got)
	}
	home := read(t, dir, "index.html")
	if !strings.Contains(home, `href="guides/"`) || strings.Contains(home, `href="trainings/"`) || strings.Contains(home, `href="guidse/"`) {
		t.Errorf("menu links:\n%s", home)
	}
}

// An HTML tag the filter shows as text is a warning at its line, with what
// to write instead; the tags that shape text are not.
func TestEscapedTagsWarn(t *testing.T) {
	dir := writeSite(t, `
-- site.yaml --
title: T
-- content/guides/a.md --
# A

<link rel="stylesheet" href="x.css">

Press <kbd>Ctrl</kbd>.

<video controls src="talk.mp4"></video>
`)
	st := mustBuild(t, dir)
	got := warningsWith(st, "")
	all := strings.Join(got, "\n")
	if len(got) != 2 || !strings.Contains(all, "a.md:3: <link> is shown as text") || !strings.Contains(all, "a.md:7: <video> is shown as text") ||
		!strings.Contains(all, "[the video](talk.mp4)") {
		t.Errorf("warnings:\n%s", all)
	}
}

// warningsWith lists the texts of the build's warnings that hold sub.
func warningsWith(st *Stats, sub string) []string {
	var out []string
	for _, w := range st.Warnings {
		if strings.Contains(w.Error(), sub) {
			out = append(out, w.Error())
		}
	}
	return out
}

// A build with errors in some files still checks the others, so every
// error shows at once, not a second wave once the first is mended; a
// reference to a file that has an error of its own is no second error.
// build, check and the dev server say the same.
func TestErrorsReportedTogether(t *testing.T) {
	dir := writeSite(t, `-- site.yaml --
title: T
defaultLanguage: fr
languages:
  fr: {weight: 1}
  en: {weight: 2}
-- content/guides/broken.md --
---
title: "Broken
---
-- content/guides/a.md --
---
title: A
slug: same
---
-- content/guides/b.md --
---
title: B
slug: same
---
-- content/profiles/alice.md --
---
name: Alice
role: mentor
: x
---
-- content/profiles/bob.md --
---
name: Bob
role: mentee
---
-- content/duos/alice-bob.md --
---
mentor: alice
mentee: bob
---
-- content/duos/bob-carol.md --
---
mentor: carol
mentee: bob
---
`)
	want := []string{
		"content/guides/broken.md:3",
		"content/profiles/alice.md:4",
		"content/guides/b.md:3:1: URL /guides/same/ is also the URL of content/guides/a.md",
		`content/duos/bob-carol.md:2:9: field "mentor": no profile page "carol"`,
	}
	_, devErr := NewDev(Options{Source: dir}).Build(context.Background(), nil)
	_, buildErr := build(t, dir)
	_, checkErr := Check(context.Background(), Options{Source: dir})
	for name, err := range map[string]error{"build": buildErr, "check": checkErr, "dev": devErr} {
		if err == nil {
			t.Fatalf("%s succeeded", name)
		}
		errs := source.Flatten(err)
		if len(errs) != len(want) {
			t.Errorf("%s: %d errors, want %d:\n%v", name, len(errs), len(want), err)
		}
		for _, w := range want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: no error %q in:\n%v", name, w, err)
			}
		}
	}
}

// A link written without text, as GitBook's page-ref makes, shows the
// title of the page it reaches, and a warm build shows the new title
// once that page's changes.
func TestUntitledLinkShowsTitle(t *testing.T) {
	dir := writeSite(t, `-- site.yaml --
title: T
-- content/guides/a.md --
---
title: A
---
See {% page-ref page="b.md" %} and [](b.md#steps).
-- content/guides/b.md --
---
title: First steps
---
## Steps
`)
	mustBuild(t, dir)
	if got := read(t, dir, "guides/a/index.html"); !strings.Contains(got, `See <a href="../b/">First steps</a> and <a href="../b/#steps">First steps</a>.`) {
		t.Fatalf("the untitled links do not show B's title:\n%s", got)
	}
	os.WriteFile(filepath.Join(dir, "content/guides/b.md"), []byte("---\ntitle: Getting started\n---\n## Steps\n"), 0o644)
	mustBuild(t, dir)
	if got := read(t, dir, "guides/a/index.html"); !strings.Contains(got, `See <a href="../b/">Getting started</a> and <a href="../b/#steps">Getting started</a>.`) {
		t.Fatalf("after B's title changed, a warm build shows:\n%s", got)
	}
}

// Menu entries are named by their pages' short titles, as the sidebar
// names them: a folder's linkTitle, or its SUMMARY.md entry's text.
func TestMenuNamesByLinkTitle(t *testing.T) {
	dir := writeSite(t, `-- site.yaml --
title: T
menus:
  main: [setup, guides]
-- content/SUMMARY.md --
* [Installation](setup/README.md)
* [Guides](guides/README.md)
-- content/setup/README.md --
# If you follow this tutorial at home
-- content/setup/a.md --
# A
-- content/guides/README.md --
---
title: All our guides for mentors
linkTitle: Guides
---
-- content/guides/b.md --
# B
`)
	mustBuild(t, dir)
	home := read(t, dir, "index.html")
	for _, want := range []string{`<a href="setup/">Installation</a>`, `<a href="guides/">Guides</a>`} {
		if !strings.Contains(home, want) {
			t.Errorf("the menu has no %s:\n%s", want, home)
		}
	}
}

// A site served under a path (baseURL https://x.org/handbook/) may link
// its files with that path, as it was written to be deployed there; and
// a site whose default language had its folder (Hugo's
// defaultContentLanguageInSubdir) with that folder.
func TestLinksWithTheBasePath(t *testing.T) {
	t.Run("without it in baseURL", func(t *testing.T) {
		dir := writeSite(t, "-- site.yaml --\ntitle: T\n-- static/img/a.png --\nPNG\n-- content/guides/a.md --\n# A\n\n![x](/handbook/img/a.png)\n")
		got := warningsWith(mustBuild(t, dir), "broken link")
		if len(got) != 1 || !strings.Contains(got[0], "set baseURL to its address with that path (https://…/handbook/)") {
			t.Errorf("warnings %q, want one whose hint says to set baseURL", got)
		}
	})
	dir := writeSite(t, `-- site.yaml --
title: T
baseURL: https://x.org/handbook/
-- static/img/a.png --
PNG
-- content/guides/a.md --
# A

![x](/handbook/img/a.png) [b](/handbook/guides/b/) [c](/guides/b/) [d](/fr/guides/b/)
-- content/guides/b.md --
# B
`)
	st := mustBuild(t, dir)
	for _, w := range st.Warnings {
		t.Errorf("warning: %v", w)
	}
	page := read(t, dir, "guides/a/index.html")
	for _, want := range []string{`src="../../img/a.png"`, `href="../b/"`} {
		if !strings.Contains(page, want) {
			t.Errorf("no %s in\n%s", want, page)
		}
	}
}

// A page a table of contents leaves out, or that its frontmatter hides
// from navigation, is built and linked but listed nowhere: not in the
// sidebar nor in its section's cards.
func TestPagesHiddenFromNavigation(t *testing.T) {
	dir := writeSite(t, `-- site.yaml --
title: T
-- content/SUMMARY.md --
* [Listed](guides/listed.md)
* [A docs page](docs/a.md)
* [Hidden from lists](docs/hidden.md)
* [Hidden by Learn](docs/learn.md)
* [Setting up your laptop](docs/laptop.md)
-- content/guides/listed.md --
# Listed

See [the old page](old.md) and [the private one](private.md).
-- content/guides/old.md --
# Obsolete day one
-- content/guides/private.md --
---
title: Private notes
nav_exclude: true
---
-- content/docs/a.md --
# A docs page
-- content/docs/hidden.md --
---
title: Hidden from lists
_build: {list: never}
---
-- content/docs/learn.md --
---
title: Hidden by Learn
hidden: true
---
-- content/docs/laptop.md --
---
title: Setting up your laptop
menuTitle: Laptop
---
`)
	st := mustBuild(t, dir)
	for _, w := range st.Warnings {
		t.Errorf("warning: %v", w)
	}
	for _, f := range []string{"guides/old/index.html", "guides/private/index.html", "docs/hidden/index.html"} {
		if !exists(dir, f) {
			t.Errorf("%s not built", f)
		}
	}
	for _, f := range []string{"guides/index.html", "guides/listed/index.html", "docs/index.html"} {
		page := read(t, dir, f)
		for _, hidden := range []string{"Obsolete day one", "Private notes", "Hidden from lists", "Hidden by Learn"} {
			if strings.Contains(page, hidden) {
				t.Errorf("%s lists %q", f, hidden)
			}
		}
	}
	if !strings.Contains(read(t, dir, "docs/index.html"), "A docs page") {
		t.Error("docs/ does not list its page")
	}
	// Learn's menuTitle is the page's short title, in the sidebar.
	if a := read(t, dir, "docs/a/index.html"); !strings.Contains(a, ">Laptop</a>") {
		t.Errorf("the sidebar does not name the laptop page by its menuTitle:\n%s", a)
	}
}

// A page shown in a language it lacks links, from there, the page's real
// translations too, and they link it: the switcher of every page of the
// group reaches each language.
func TestFallbackLinksTheRealTranslations(t *testing.T) {
	dir := writeSite(t, `-- site.yaml --
title: T
defaultLanguage: de
languages:
  de: {weight: 1}
  fr: {weight: 2}
  en: {weight: 3}
-- content/de/einleitung/_index.md --
---
title: Einleitung ins Handbuch
translationKey: intro
---
-- content/fr/intro/_index.md --
---
title: Introduction
translationKey: intro
---
-- content/de/einleitung/handbuch.md --
---
title: Handbuch
translationKey: handbook
---
-- content/fr/intro/manuel.md --
---
title: Manuel
translationKey: handbook
---
`)
	mustBuild(t, dir)
	en := read(t, dir, "en/einleitung/handbuch/index.html")
	if !strings.Contains(en, `hreflang="fr" href="../../../fr/intro/manuel/"`) && !strings.Contains(en, `href="../../../fr/intro/manuel/"`) {
		t.Errorf("the English copy does not link the French translation:\n%s", en)
	}
	if fr := read(t, dir, "fr/intro/manuel/index.html"); !strings.Contains(fr, `href="../../../en/einleitung/handbuch/"`) {
		t.Errorf("the French page does not link the English copy:\n%s", fr)
	}
	// The section, shown in English as its pages are, links its French
	// translation, which links it.
	sec := read(t, dir, "en/einleitung/index.html")
	if !strings.Contains(sec, "Einleitung ins Handbuch") || !strings.Contains(sec, `href="../../fr/intro/"`) {
		t.Errorf("the English copy of the section:\n%s", sec)
	}
	if fr := read(t, dir, "fr/intro/index.html"); !strings.Contains(fr, `href="../../en/einleitung/"`) {
		t.Errorf("the French section does not link the English copy:\n%s", fr)
	}
}

// The pages at the top of a flat handbook (a GitBook or MkDocs site
// without folders) are in the sidebar and on the home page, among the
// sections, in the table of contents' order; past sidebar_limit, the
// sidebar links the home page, which lists them all.
func TestTopPagesAreListed(t *testing.T) {
	dir := writeSite(t, `-- site.yaml --
title: T
params: {sidebar_limit: 2}
-- content/SUMMARY.md --
* [Welcome](README.md)
* [Expenses](expenses.md)
* [Team](team/README.md)
* [Alice](team/alice.md)
* [Holidays](holidays.md)
* [Travel](travel.md)
-- content/README.md --
# Welcome
-- content/expenses.md --
# Expenses
-- content/holidays.md --
# Holidays
-- content/travel.md --
# Travel
-- content/team/README.md --
# Team
-- content/team/alice.md --
# Alice
`)
	mustBuild(t, dir)
	home := read(t, dir, "index.html")
	home = home[strings.Index(home, `class="entry-grid"`):]
	e, tm, h, tr := strings.Index(home, `href="expenses/"`), strings.Index(home, `href="team/"`), strings.Index(home, `href="holidays/"`), strings.Index(home, `href="travel/"`)
	if e < 0 || tm < 0 || h < 0 || tr < 0 || !(e < tm && tm < h && h < tr) {
		t.Errorf("the home page lists expenses %d, team %d, holidays %d, travel %d: want all, in that order", e, tm, h, tr)
	}
	page := read(t, dir, "expenses/index.html")
	nav := page[strings.Index(page, `<nav class="sidebar"`):]
	nav = nav[:strings.Index(nav, "</nav>")]
	for _, want := range []string{`href="./" aria-current="page"`, `href="../team/"`, `href="../holidays/"`, `class="nav-more" href="../"`} {
		if !strings.Contains(nav, want) {
			t.Errorf("the sidebar has no %s:\n%s", want, nav)
		}
	}
	if strings.Contains(nav, `href="../travel/"`) {
		t.Errorf("the sidebar lists more top pages than sidebar_limit:\n%s", nav)
	}
}

// A missing image's hint says where to put images, not how to link a page.
func TestMissingImageHint(t *testing.T) {
	dir := writeSite(t, "-- site.yaml --\ntitle: T\n-- content/guides/a.md --\n# A\n\n![chart](chart.png)\n")
	got := warningsWith(mustBuild(t, dir), "broken link")
	if len(got) != 1 || !strings.Contains(got[0], "put the image in the site") {
		t.Errorf("warnings %q, want one whose hint says where images go", got)
	}
}

// A profile without a title is titled by its person's name, whatever its
// file is called.
func TestProfileTitledByName(t *testing.T) {
	dir := writeSite(t, "-- site.yaml --\ntitle: T\n-- content/profiles/Lea Martin.md --\n---\nname: Léa Martin-Dubois\nrole: mentor\n---\n-- content/profiles/zoe.md --\n---\nname: Zoé Bernard\nrole: mentee\n---\n")
	mustBuild(t, dir)
	for file, want := range map[string]string{"profiles/lea-martin/index.html": "<title>Léa Martin-Dubois", "profiles/zoe/index.html": "<title>Zoé Bernard"} {
		if page := read(t, dir, file); !strings.Contains(page, want) {
			t.Errorf("%s has no %s", file, want)
		}
	}
}

// Just the Docs and Docusaurus orders may have a fraction (nav_order:
// 4.5 between 4 and 5): weights are whole, and the fraction orders pages
// of one weight, as 0.5 orders before the unweighted ones.
func TestFractionalOrders(t *testing.T) {
	dir := writeSite(t, `
-- site.yaml --
title: Test
-- content/docs/_index.md --
# Docs
-- content/docs/layout.md --
---
title: Layout
nav_order: 4.5
---
-- content/docs/utilities.md --
---
title: Utilities
nav_order: 4
---
-- content/docs/zeta.md --
---
title: Zeta
nav_order: 5
---
-- content/docs/half.md --
---
title: Half
sidebar_position: 0.5
---
-- content/docs/aaa.md --
# Aaa
`)
	mustBuild(t, dir)
	list := read(t, dir, "docs/index.html")
	last := -1
	for _, title := range []string{"Half", "Utilities", "Layout", "Zeta", "Aaa"} {
		i := strings.Index(list, ">"+title+"<")
		if i < 0 || i < last {
			t.Fatalf("%q is not after the titles before it in the list:\n%s", title, list)
		}
		last = i
	}
}

// A heading its author keeps out of the table of contents, with
// kramdown's {: .no_toc } under it as Just the Docs writes it, is not
// listed there, and keeps its anchor.
func TestNoTOCHeadingsAreNotListed(t *testing.T) {
	dir := writeSite(t, `
-- site.yaml --
title: Test
-- content/guides/callouts.md --
---
title: Callouts
---
## Note
{: .no_toc }

Text.

## Usage

Text.

### Example
{: .no_toc }

Text.

### Details

Text.
`)
	mustBuild(t, dir)
	page := read(t, dir, "guides/callouts/index.html")
	start := strings.Index(page, `<nav class="toc"`)
	if start < 0 {
		t.Fatalf("no table of contents:\n%s", page)
	}
	toc := page[start : start+strings.Index(page[start:], "</nav>")]
	for id, listed := range map[string]bool{"note": false, "usage": true, "example": false, "details": true} {
		if strings.Contains(toc, `href="#`+id+`"`) != listed {
			t.Errorf("#%s listed %v, want %v:\n%s", id, !listed, listed, toc)
		}
		if !strings.Contains(page, `id="`+id+`"`) {
			t.Errorf("no heading with the ID %s", id)
		}
	}
}

// A page in a language written from right to left says so to the
// browser, which sets the text's direction: Persian pages came out
// left to right.
func TestRightToLeftLanguages(t *testing.T) {
	dir := writeSite(t, `
-- site.yaml --
title: Test
languages: [en, fa]
-- content/en/guides/a.md --
# Guide
-- content/fa/guides/a.md --
# راهنما
`)
	mustBuild(t, dir)
	for file, want := range map[string]string{"guides/a/index.html": `<html lang="en" dir="ltr">`, "fa/guides/a/index.html": `<html lang="fa" dir="rtl">`} {
		if page := read(t, dir, file); !strings.Contains(page, want) {
			t.Errorf("%s has no %s:\n%.300s", file, want, page)
		}
	}
}

// A page with math links the theme's KaTeX, which the build writes; a
// page without does not, and a site without math has none of it: after
// an edit takes the last formula away, a warm build removes it, as a
// cold one would not write it.
func TestMathLoadsKaTeXWhereNeeded(t *testing.T) {
	dir := writeSite(t, `
-- site.yaml --
title: Test
-- content/guides/impact.md --
# Impact

The score is $s = \frac{a}{b}$ for $5.

$$
\sum_{i=1}^n x_i
$$
-- content/guides/plain.md --
# Plain

It costs $5 and $10.
`)
	mustBuild(t, dir)
	page := read(t, dir, "guides/impact/index.html")
	for _, want := range []string{`<span class="math">s = \frac{a}{b}</span>`, `<div class="math math-display">\sum_{i=1}^n x_i`, `katex/katex.min.`, `js/math.`} {
		if !strings.Contains(page, want) {
			t.Errorf("the page with math has no %s", want)
		}
	}
	if plain := read(t, dir, "guides/plain/index.html"); strings.Contains(plain, "katex") || strings.Contains(plain, `class="math`) {
		t.Error("the page without math loads KaTeX")
	}
	fonts, _ := filepath.Glob(filepath.Join(dir, "public", "katex", "fonts", "*.woff2"))
	css, _ := filepath.Glob(filepath.Join(dir, "public", "katex", "katex.min.*.css"))
	if len(fonts) == 0 || len(css) != 1 {
		t.Fatalf("KaTeX not written: %d fonts, css %q", len(fonts), css)
	}
	body, _ := os.ReadFile(css[0])
	for _, m := range regexp.MustCompile(`url\(([^)]+)\)`).FindAllSubmatch(body, -1) {
		if _, err := os.Stat(filepath.Join(filepath.Dir(css[0]), string(m[1]))); err != nil {
			t.Errorf("the stylesheet names %s, which is not written", m[1])
		}
	}

	writeFile(t, dir, "content/guides/impact.md", "# Impact\n\nNo formula any more.\n")
	mustBuild(t, dir)
	if _, err := os.Stat(filepath.Join(dir, "public", "katex")); err == nil {
		t.Error("katex/ is still there after the last formula went")
	}
	warm := snapshotDir(t, filepath.Join(dir, "public"))
	mustBuild(t, dir, func(o *Options) { o.NoCache = true })
	if cold := snapshotDir(t, filepath.Join(dir, "public")); cold != warm {
		t.Error("the warm build differs from a cold one")
	}
}

// A link to a page's old URL (an alias: Docusaurus' route, a Jekyll
// post's) leads to the page itself, whose anchors it checks, and follows
// the page when it moves.
func TestLinksToOldURLsLeadToTheirPage(t *testing.T) {
	dir := writeSite(t, `
-- site.yaml --
title: Test
-- content/connections/dropbox.md --
---
title: Dropbox
aliases: [/dropbox]
---
## Setup

Text.
-- content/guides/a.md --
# A

See [Dropbox](/dropbox#setup) and [its old page](/dropbox/).
`)
	st := mustBuild(t, dir)
	for _, w := range st.Warnings {
		t.Errorf("warning: %v", w)
	}
	page := read(t, dir, "guides/a/index.html")
	if !strings.Contains(page, `href="../../connections/dropbox/#setup"`) || !strings.Contains(page, `href="../../connections/dropbox/"`) {
		t.Errorf("the links do not lead to the page:\n%s", page)
	}
	// The page moves: a warm build follows it, as a cold one would.
	if err := os.Rename(filepath.Join(dir, "content", "connections"), filepath.Join(dir, "content", "sync")); err != nil {
		t.Fatal(err)
	}
	mustBuild(t, dir)
	if page := read(t, dir, "guides/a/index.html"); !strings.Contains(page, `href="../../sync/dropbox/#setup"`) {
		t.Errorf("after the move, the link does not follow the page:\n%s", page)
	}
	warm := snapshotDir(t, filepath.Join(dir, "public"))
	mustBuild(t, dir, func(o *Options) { o.NoCache = true })
	if cold := snapshotDir(t, filepath.Join(dir, "public")); cold != warm {
		t.Error("the warm build differs from a cold one")
	}
}

// A section's page with tags is listed on their term pages, as Hugo lists
// it, once: its list's later pages are not.
func TestTermPagesListTaggedSections(t *testing.T) {
	dir := writeSite(t, `
-- site.yaml --
title: T
pagination:
  pagerSize: 2
-- content/guides/_index.md --
---
title: All the guides
tags: [onboarding]
---
-- content/guides/first.md --
---
title: First guide
tags: [onboarding]
---
-- content/guides/second.md --
---
title: Second guide
---
-- content/guides/third.md --
---
title: Third guide
---
`)
	mustBuild(t, dir)
	if !exists(dir, "guides/page/2/index.html") {
		t.Fatal("the guides' list was not split: the test needs its later pages")
	}
	term := read(t, dir, "tags/onboarding/index.html")
	main := term[strings.Index(term, "<main"):]
	for _, want := range []string{`href="../../guides/first/"`, `href="../../guides/"`} {
		if strings.Count(main, want) != 1 {
			t.Errorf("term page shows %s %d times, want once:\n%s", want, strings.Count(main, want), grep(main, "href"))
		}
	}
	if strings.Contains(main, "guides/page/") || strings.Contains(main, "second") || strings.Contains(main, "third") {
		t.Errorf("term page lists a pager or an untagged page:\n%s", grep(main, "href"))
	}
}
