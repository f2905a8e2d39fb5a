package generator

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"binome/generator/content"
)

// The dev server's promise (dev.go): what Dev serves is what Build writes,
// byte for byte, whatever the sequence of edits that led there. These
// tests hold it to that on a small bilingual site with every kind.

// dvSeed picks the edits of TestDevIncrementalRandomEdits; a failure
// names its seed, so it can be run again.
var dvSeed = flag.Uint64("dvseed", 1, "seed of the random edits of TestDevIncrementalRandomEdits")

// dvSite is a bilingual site with profiles, a duo, stories (one a bundle
// with an image), trainings with prerequisites and guides that link to
// each other and to the others.
const dvSite = `
-- site.yaml --
title: Essai
defaultLanguage: fr
relativeURLs: true
minify: true
languages:
  fr: {title: Essai, weight: 1}
  en: {title: Test, weight: 2}
taxonomies: [tags, skills]
menus:
  main: [guides, trainings, profiles, duos]
pagination: {pagerSize: 1}
-- content/_index.md --
---
title: Accueil
---
Bienvenue dans le [premier guide](guides/first-meeting.md).
-- content/_index.en.md --
---
title: Home
---
Welcome to the [first guide](guides/first-meeting.md).
-- content/guides/_index.md --
---
title: Les guides
---
-- content/guides/_index.en.md --
---
title: Guides
---
-- content/guides/first-meeting.md --
---
title: La première rencontre
weight: 1
date: 2026-01-02
tags: [onboarding]
---
Lire [les clés](keys.md#liste) puis la [formation](../trainings/basics.md).

## Ordre du jour {#agenda}

Le binôme de [Léa](../profiles/lea.md).
-- content/guides/first-meeting.en.md --
---
title: The first meeting
weight: 1
date: 2026-01-02
tags: [onboarding]
---
Read [the keys](keys.md) and the [training](../trainings/basics.md).
-- content/guides/keys.md --
---
title: Les clés
weight: 2
tags: [onboarding, feedback]
---
## Liste

Voir [la rencontre](first-meeting.md#agenda).
-- content/trainings/_index.md --
---
title: Formations
---
-- content/trainings/basics.md --
---
title: Les bases
weight: 1
path: mentor-path
level: beginner
duration_minutes: 45
objectives: [Comprendre le programme]
---
Le point de départ.
-- content/trainings/basics.en.md --
---
title: The basics
weight: 1
path: mentor-path
level: beginner
duration_minutes: 45
---
Where to start.
-- content/trainings/listening.md --
---
title: Écouter
weight: 2
path: mentor-path
level: intermediate
duration_minutes: 60
prerequisites: [basics]
---
Après [les bases](basics.md).
-- content/profiles/_index.md --
---
title: Les profils
---
-- content/profiles/lea.md --
---
title: Léa Martin
name: Léa Martin
role: mentor
department: IT
languages: [fr, en]
skills_offered: [excel, data visualisation]
skills_sought: [public speaking]
availability: weekly
cohort: "2025"
---
Analyste de données.
-- content/profiles/lea.en.md --
---
title: Léa Martin
name: Léa Martin
role: mentor
department: IT
languages: [fr, en]
skills_offered: [excel, data visualisation]
skills_sought: [public speaking]
availability: weekly
cohort: "2025"
---
Data analyst.
-- content/profiles/marc.md --
---
title: Marc Roux
name: Marc Roux
role: mentee
department: Finance
languages: [fr]
skills_sought: [excel]
skills_offered: [public speaking]
availability: weekly
cohort: "2025"
---
Directeur financier.
-- content/profiles/nina.md --
---
title: Nina Petit
name: Nina Petit
role: mentee
department: Legal
languages: [fr, en]
skills_sought: [data visualisation]
availability: monthly
cohort: "2026"
---
Juriste.
-- content/duos/_index.md --
---
title: Les binômes
---
-- content/duos/lea-marc.md --
---
title: Léa et Marc
mentor: lea
mentee: marc
started: 2025-09-15
status: active
goals: [Un tableau de bord]
sessions:
  - { date: 2025-09-23, minutes: 60, topic: "Première rencontre" }
---
Le premier binôme, suivi dans [la rencontre](../guides/first-meeting.md).
-- content/stories/dashboard.md --
---
title: Le tableau de bord
date: 2026-03-01
mentor: lea
mentee: marc
duo: lea-marc
quote: "J'ai tout compris."
tags: [feedback]
---
L'histoire de [Léa et Marc](../duos/lea-marc.md).
-- content/stories/bundle/index.md --
---
title: Une histoire en images
date: 2026-04-01
---
![dessin](pic.svg)
-- content/stories/bundle/index.en.md --
---
title: A story in pictures
date: 2026-04-01
---
![drawing](pic.svg)
-- content/stories/bundle/pic.svg --
<svg xmlns="http://www.w3.org/2000/svg"></svg>
`

// dvFiles returns the files of dvSite by path.
func dvFiles() map[string]string {
	m := map[string]string{}
	for _, f := range txtar.Parse([]byte(dvSite)).Files {
		m[f.Name] = string(f.Data)
	}
	return m
}

// dvOutput reads every file of a build's output by its slash-separated
// path, without the marker file.
func dvOutput(t *testing.T, dest string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		if rel != Marker {
			out[filepath.ToSlash(rel)] = b
		}
		return nil
	})
	if err != nil {
		t.Fatalf("read output: %v", err)
	}
	return out
}

// dvServed opens every path a DevSite lists; a path listed twice is an
// error.
func dvServed(t *testing.T, site *DevSite) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, p := range site.Paths() {
		if _, dup := out[p]; dup {
			t.Errorf("DevSite.Paths lists %s twice", p)
		}
		b, ok := site.Open(p)
		if !ok {
			t.Errorf("DevSite.Paths lists %s but Open does not find it", p)
			continue
		}
		out[p] = b
	}
	return out
}

// dvDiff describes how the served files differ from the built ones, ""
// when they are the same files with the same bytes.
func dvDiff(served, built map[string][]byte) string {
	var b strings.Builder
	var paths []string
	for p := range built {
		paths = append(paths, p)
	}
	for p := range served {
		if _, ok := built[p]; !ok {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	n := 0
	for _, p := range paths {
		s, inServed := served[p]
		w, inBuilt := built[p]
		var why string
		switch {
		case !inServed:
			why = "built but not served"
		case !inBuilt:
			why = "served but not built"
		case !bytes.Equal(s, w):
			why = "differs: " + dvFirstDiff(s, w)
		default:
			continue
		}
		if n++; n <= 8 {
			fmt.Fprintf(&b, "\n\t%s: %s", p, why)
		}
	}
	if n > 8 {
		fmt.Fprintf(&b, "\n\t… %d files in all", n)
	}
	return b.String()
}

// dvFirstDiff shows both sides around the first byte where they differ.
func dvFirstDiff(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	around := func(b []byte) string {
		lo, hi := max(i-60, 0), min(i+60, len(b))
		return string(b[lo:hi])
	}
	return fmt.Sprintf("at byte %d\n\t\tserved: %q\n\t\tbuilt:  %q", i, around(got), around(want))
}

// dvBuild builds the site in src with opt cold (no build cache) into a
// fresh folder and returns its files, or the build's error.
func dvBuild(t *testing.T, src string, opt Options) (map[string][]byte, error) {
	t.Helper()
	opt.Source = src
	opt.Dest = filepath.Join(t.TempDir(), "public")
	opt.NoCache = true
	if _, err := Build(context.Background(), opt); err != nil {
		return nil, err
	}
	return dvOutput(t, opt.Dest), nil
}

// dvWarmBuild builds the site in src with opt into dest, with the build
// cache, as `binome build` run again after each edit does.
func dvWarmBuild(t *testing.T, src, dest string, opt Options) (map[string][]byte, error) {
	t.Helper()
	opt.Source, opt.Dest = src, dest
	if _, err := Build(context.Background(), opt); err != nil {
		return nil, err
	}
	return dvOutput(t, dest), nil
}

// dvOptions are the option sets Dev is compared with Build under: the
// site's own settings, and what `binome serve` passes (drafts on, a root
// base URL) with minifying off.
func dvOptions() map[string]Options {
	off := false
	return map[string]Options{
		"site settings": {},
		"serve flags":   {Drafts: true, BaseURL: "/", Minify: &off},
	}
}

func TestDevMatchesBuild(t *testing.T) {
	for name, opt := range dvOptions() {
		t.Run(name, func(t *testing.T) {
			dir := writeSite(t, dvSite)
			built, err := dvBuild(t, dir, opt)
			if err != nil {
				t.Fatalf("build: %v", err)
			}
			opt.Source = dir
			res, err := NewDev(opt).Build(context.Background(), nil)
			if err != nil {
				t.Fatalf("dev build: %v", err)
			}
			served := dvServed(t, res.Site)
			if d := dvDiff(served, built); d != "" {
				t.Errorf("dev site differs from the build:%s", d)
			}
			// The comparison means something only if the site is whole.
			for _, p := range []string{"index.html", "en/index.html", "guides/first-meeting/index.html",
				"duos/lea-marc/index.html", "profiles/index.html", "stories/bundle/pic.svg", "en/stories/bundle/pic.svg", "matches/index.html", "sitemap.xml", "feed.xml",
				"guides/page/2/index.html", "guides/page/1/index.html"} {
				if _, ok := built[p]; !ok {
					t.Errorf("the build has no %s", p)
				}
			}
			if !slices.ContainsFunc(res.Site.Paths(), func(p string) bool { return strings.HasPrefix(p, "search/fr/") }) {
				t.Error("the dev site has no search index")
			}
		})
	}
}

// dvEdit is one change to the site folder.
type dvEdit struct {
	what    string
	changed []string // paths that changed, as the dev server would name them
	broken  bool     // the site no longer builds
}

// dvEditor applies random edits to a site folder, keeping the files it
// wrote in memory so it can pick its next edit and undo a breakage.
type dvEditor struct {
	t     *testing.T
	dir   string
	rng   *rand.Rand
	files map[string]string
	n     int // edits so far, to make new names and texts

	// fix undoes the breakage of the last edit, nil when the site builds.
	fix func() dvEdit
}

func (e *dvEditor) write(p, body string) {
	e.t.Helper()
	abs := filepath.Join(e.dir, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		e.t.Fatal(err)
	}
	if err := os.WriteFile(abs, []byte(body), 0o644); err != nil {
		e.t.Fatal(err)
	}
	e.files[p] = body
}

func (e *dvEditor) remove(p string) {
	e.t.Helper()
	if err := os.Remove(filepath.Join(e.dir, filepath.FromSlash(p))); err != nil {
		e.t.Fatal(err)
	}
	delete(e.files, p)
}

// pick returns a random existing file whose path matches re, "" when none.
func (e *dvEditor) pick(re string) string {
	rx := regexp.MustCompile(re)
	var ps []string
	for p := range e.files {
		if rx.MatchString(p) {
			ps = append(ps, p)
		}
	}
	if len(ps) == 0 {
		return ""
	}
	sort.Strings(ps)
	return ps[e.rng.IntN(len(ps))]
}

// dvSetField replaces the value of a top-level line "key: …", or adds the
// line at the end of the front matter (of a Markdown file) or of the file
// (site.yaml).
func dvSetField(doc, key, value string) string {
	rx := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(key) + `:.*$`)
	line := key + ": " + value
	switch {
	case rx.MatchString(doc):
		return rx.ReplaceAllLiteralString(doc, line)
	case strings.HasPrefix(doc, "---\n"):
		return strings.Replace(doc, "\n---\n", "\n"+line+"\n---\n", 1)
	}
	return doc + line + "\n"
}

// next applies one random edit, or the fix of the last one's breakage.
func (e *dvEditor) next() dvEdit {
	e.n++
	if e.fix != nil {
		fix := e.fix
		e.fix = nil
		return fix()
	}
	// Pages no other page refers to by name: deleting or renaming them
	// leaves a site that builds (links to them become warnings).
	const loose = `^content/(guides/[^_]|trainings/new|news/)`
	for {
		switch e.rng.IntN(15) {
		case 0: // a new paragraph in a body
			p := e.pick(`\.md$`)
			e.write(p, e.files[p]+fmt.Sprintf("\nParagraphe %d, avec un [lien](/guides/keys.md).\n", e.n))
			return dvEdit{what: "body of " + p, changed: []string{p}}
		case 1: // a new title
			p := e.pick(`^content/(guides|trainings|stories|duos)/[^_].*\.md$`)
			e.write(p, dvSetField(e.files[p], "title", fmt.Sprintf("Titre %d", e.n)))
			return dvEdit{what: "title of " + p, changed: []string{p}}
		case 2: // a new page, sometimes in a new section folder
			p := fmt.Sprintf("content/guides/new-%d.md", e.n)
			if e.rng.IntN(2) == 0 {
				p = fmt.Sprintf("content/guides/new-%d.en.md", e.n)
			}
			changed := []string{p}
			if e.rng.IntN(3) == 0 {
				p = fmt.Sprintf("content/news/n-%d.md", e.n)
				changed = []string{p}
				if _, err := os.Stat(filepath.Join(e.dir, "content/news")); err != nil {
					changed = []string{"content/news"} // a folder appears with its file
				}
			}
			e.write(p, fmt.Sprintf("---\ntitle: Nouvelle %d\ntags: [t%d]\n---\nVoir [les clés](/guides/keys.md).\n", e.n, e.n%3))
			return dvEdit{what: "new page " + p, changed: changed}
		case 3: // a page deleted
			p := e.pick(loose)
			if p == "" {
				continue
			}
			e.remove(p)
			return dvEdit{what: "deleted " + p, changed: []string{p}}
		case 4: // a page renamed
			p := e.pick(loose)
			if p == "" {
				continue
			}
			to := strings.TrimSuffix(p, ".md") + fmt.Sprintf("-r%d.md", e.n)
			if strings.HasSuffix(p, ".en.md") {
				to = strings.TrimSuffix(p, ".en.md") + fmt.Sprintf("-r%d.en.md", e.n)
			}
			body := e.files[p]
			if err := os.Rename(filepath.Join(e.dir, p), filepath.Join(e.dir, to)); err != nil {
				e.t.Fatal(err)
			}
			delete(e.files, p)
			e.files[to] = body
			return dvEdit{what: "renamed " + p + " to " + to, changed: []string{p, to}}
		case 5: // a profile's skills
			p := e.pick(`^content/profiles/[^_]`)
			skills := []string{"excel", "data visualisation", "public speaking", "python", "negotiation"}
			e.rng.Shuffle(len(skills), func(i, j int) { skills[i], skills[j] = skills[j], skills[i] })
			key := "skills_offered"
			if e.rng.IntN(2) == 0 {
				key = "skills_sought"
			}
			e.write(p, dvSetField(e.files[p], key, "["+strings.Join(skills[:1+e.rng.IntN(3)], ", ")+"]"))
			return dvEdit{what: key + " of " + p, changed: []string{p}}
		case 6: // a duo session
			p := "content/duos/lea-marc.md"
			session := fmt.Sprintf("  - { date: 2026-%02d-%02d, minutes: %d, topic: \"Séance %d\" }\n", 1+e.n%12, 1+e.n%28, 30+e.n, e.n)
			e.write(p, strings.Replace(e.files[p], "\n---\n", "\n"+strings.TrimSuffix(session, "\n")+"\n---\n", 1))
			return dvEdit{what: "session added to " + p, changed: []string{p}}
		case 7: // a training becomes a new module of the path
			p := fmt.Sprintf("content/trainings/new-%d.md", e.n)
			e.write(p, fmt.Sprintf("---\ntitle: Module %d\nweight: %d\npath: mentor-path\nprerequisites: [basics]\n---\nSuite.\n", e.n, 10+e.n))
			return dvEdit{what: "new training " + p, changed: []string{p}}
		case 8: // broken front matter, fixed by the next edit
			p := e.pick(`\.md$`)
			good := e.files[p]
			broken := "---\ntitle: [unclosed\n" + strings.TrimPrefix(good, "---\n")
			if e.rng.IntN(2) == 0 {
				broken = strings.Replace(good, "\n---\n", "\n", 1) // never closed
			}
			e.write(p, broken)
			e.fix = func() dvEdit {
				e.write(p, good)
				return dvEdit{what: "fixed " + p, changed: []string{p}}
			}
			return dvEdit{what: "broke " + p, changed: []string{p}, broken: true}
		case 9: // site.yaml: every page may change, nothing parsed is reused
			p := "site.yaml"
			e.write(p, dvSetField(e.files[p], "params", fmt.Sprintf("{description: \"Version %d\"}", e.n)))
			return dvEdit{what: "params of " + p, changed: []string{p}}
		case 10: // a stylesheet of the site's own static folder
			p := "static/css/extra.css"
			e.write(p, fmt.Sprintf(".v%d{color:#%03x}\n", e.n, e.n))
			return dvEdit{what: "stylesheet " + p, changed: []string{p}}
		case 11: // a new first paragraph: the summary lists show changes
			p := e.pick(`^content/(guides|trainings|stories|profiles)/.*\.md$`)
			front, body, ok := dvSplit(e.files[p])
			if !ok {
				continue
			}
			e.write(p, front+fmt.Sprintf("Résumé %d, en tête de page.\n\n", e.n)+body)
			return dvEdit{what: "first paragraph of " + p, changed: []string{p}}
		case 12: // a heading other pages' anchors may point to, or lose
			p := e.pick(`^content/guides/.*\.md$`)
			if e.rng.IntN(2) == 0 {
				e.write(p, strings.Replace(e.files[p], "{#agenda}", fmt.Sprintf("{#agenda-%d}", e.n), 1))
			} else {
				e.write(p, e.files[p]+fmt.Sprintf("\n## Partie %d {#liste}\n\nTexte.\n", e.n))
			}
			return dvEdit{what: "heading of " + p, changed: []string{p}}
		case 13: // GitBook's table of contents: the order of the guides
			p := "content/SUMMARY.md"
			if _, ok := e.files[p]; ok && e.rng.IntN(3) == 0 {
				e.remove(p)
				return dvEdit{what: "deleted " + p, changed: []string{p}}
			}
			var toc strings.Builder
			keys := slices.Sorted(maps.Keys(e.files))
			for _, g := range e.rng.Perm(len(keys)) {
				q := keys[g]
				if rest, ok := strings.CutPrefix(q, "content/guides/"); ok && !strings.HasPrefix(rest, "_") {
					fmt.Fprintf(&toc, "* [%s](guides/%s)\n", rest, rest)
				}
			}
			e.write(p, toc.String())
			return dvEdit{what: "table of contents " + p, changed: []string{p}}
		case 14: // a page beside a bundle's index.md makes it a section, and back
			p := "content/stories/bundle/more.md"
			if _, ok := e.files[p]; ok {
				e.remove(p)
				return dvEdit{what: "deleted " + p, changed: []string{p}}
			}
			e.write(p, fmt.Sprintf("---\ntitle: Suite %d\n---\nLa suite.\n", e.n))
			return dvEdit{what: "new page beside a bundle " + p, changed: []string{p}}
		}
	}
}

// dvSplit cuts a page into its frontmatter, fences included, and body.
func dvSplit(doc string) (front, body string, ok bool) {
	i := strings.Index(doc, "\n---\n")
	if !strings.HasPrefix(doc, "---\n") || i < 0 {
		return "", "", false
	}
	return doc[:i+5], doc[i+5:], true
}

// Random edits, each followed by a Dev rebuild told what changed (or
// nothing, sometimes, as after a watcher overflow), must always serve what
// a full build of the same files writes. A failed rebuild's paths are
// given again with the next, as the dev server does.
func TestDevIncrementalRandomEdits(t *testing.T) {
	steps := 30
	if testing.Short() {
		steps = 8
	}
	t.Logf("seed %d (go test -run %s -dvseed N tries others)", *dvSeed, t.Name())
	dir := t.TempDir()
	ed := &dvEditor{t: t, dir: dir, rng: rand.New(rand.NewPCG(*dvSeed, 0)), files: map[string]string{}}
	for p, body := range dvFiles() {
		ed.write(p, body)
	}
	opt := Options{Source: dir}
	dev := NewDev(opt)
	if _, err := dev.Build(context.Background(), nil); err != nil {
		t.Fatalf("first dev build: %v", err)
	}
	warmDest := filepath.Join(t.TempDir(), "public")
	if _, err := dvWarmBuild(t, dir, warmDest, opt); err != nil {
		t.Fatalf("first warm build: %v", err)
	}
	var failed []string // the paths of the last build when it failed
	failedAll := false  // the last build failed not knowing what changed
	for i := range steps {
		e := ed.next()
		changed := append(slices.Clone(e.changed), failed...)
		slices.Sort(changed)
		changed = slices.Compact(changed)
		told := fmt.Sprintf("%q", changed)
		if failedAll || ed.rng.IntN(5) == 0 {
			changed, told = nil, "nil"
		}
		t.Logf("step %d: %s (changed: %s)", i, e.what, told)
		res, err := dev.Build(context.Background(), changed)
		if e.broken {
			if err == nil {
				t.Fatalf("step %d (%s): dev build succeeded on a broken file", i, e.what)
			}
			if p := e.changed[0]; !strings.Contains(err.Error(), p+":") {
				t.Errorf("step %d: the error does not name %s: %v", i, p, err)
			}
			if _, berr := dvBuild(t, dir, opt); berr == nil {
				t.Fatalf("step %d (%s): the full build succeeded on a broken file", i, e.what)
			}
			failed, failedAll = changed, changed == nil
			continue
		}
		if err != nil {
			t.Fatalf("step %d (%s, changed %s): dev build: %v", i, e.what, told, err)
		}
		failed, failedAll = nil, false
		built, err := dvBuild(t, dir, opt)
		if err != nil {
			t.Fatalf("step %d (%s): full build: %v", i, e.what, err)
		}
		if d := dvDiff(dvServed(t, res.Site), built); d != "" {
			t.Fatalf("step %d (%s, changed %s): dev site differs from a full build:%s", i, e.what, told, d)
		}
		// The build cache is the other way to skip work; it must agree too.
		warm, err := dvWarmBuild(t, dir, warmDest, opt)
		if err != nil {
			t.Fatalf("step %d (%s): warm build: %v", i, e.what, err)
		}
		if d := dvDiff(warm, built); d != "" {
			t.Errorf("step %d (%s): a warm build differs from a cold one (\"served\" is the warm build):%s", i, e.what, d)
		}
		if strings.HasSuffix(e.what, ".css") && changed != nil && !slices.ContainsFunc(res.Styles, func(u string) bool {
			return strings.HasPrefix(u, "/css/extra.")
		}) {
			t.Errorf("step %d (%s): DevResult.Styles = %q, want the new stylesheet", i, e.what, res.Styles)
		}
	}
}

// An edit to one file re-parses that file alone: every other file's
// parsed page is the one the previous build made.
func TestDevReusesUnchangedPages(t *testing.T) {
	dir := writeSite(t, dvSite)
	dev := NewDev(Options{Source: dir})
	res, err := dev.Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	dvPages := func(r *DevResult) map[string]*content.Page {
		m := map[string]*content.Page{}
		for _, p := range r.Site.s.Content.Pages {
			m[p.Path] = p
		}
		return m
	}
	before := dvPages(res)

	for _, c := range []struct {
		name    string
		changed func() []string // nil: the dev server does not know
	}{
		{"named", func() []string { return []string{"content/guides/keys.md"} }},
		{"unknown", func() []string { return nil }},
	} {
		t.Run(c.name, func(t *testing.T) {
			const edited = "content/guides/keys.md"
			p := filepath.Join(dir, edited)
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, append(b, "\nEncore "+c.name+".\n"...), 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := dev.Build(context.Background(), c.changed())
			if err != nil {
				t.Fatal(err)
			}
			after := dvPages(res)
			if len(after) != len(before) {
				t.Fatalf("%d pages before the edit, %d after", len(before), len(after))
			}
			for path, cp := range after {
				switch {
				case path == edited && cp == before[path]:
					t.Errorf("%s changed but its parsed page was reused", path)
				case path != edited && cp != before[path]:
					t.Errorf("%s did not change but was parsed again", path)
				}
			}
			if !slices.Equal(res.Pages, []string{"/guides/keys/"}) && c.changed() != nil {
				t.Errorf("DevResult.Pages = %q, want the edited page alone", res.Pages)
			}
			before = after
		})
	}
}

// The dev server reports the broken links of the page just edited, as a
// build would, though pages render lazily.
func TestDevReportsBrokenLinksOfEditedPage(t *testing.T) {
	dir := writeSite(t, bilingual)
	dev := NewDev(Options{Source: dir})
	if _, err := dev.Build(t.Context(), nil); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "content/guides/keys.md", "---\ntitle: Les clés\n---\nVoir [ailleurs](nulle-part.md).\n")
	res, err := dev.Build(t.Context(), []string{"content/guides/keys.md"})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, w := range res.Warnings {
		if strings.Contains(w.Error(), "content/guides/keys.md:4") && strings.Contains(w.Error(), "nulle-part.md") {
			found = true
		}
	}
	if !found {
		t.Errorf("no broken-link warning for the edited page; warnings: %v", res.Warnings)
	}
}

// A save that changes a page's body alone keeps the resolved site and
// swaps the body in; any other change resolves again. Either way the
// site shows the edit: the page, its summary in lists, its warnings.
func TestDevBodyEditKeepsResolvedSite(t *testing.T) {
	dir := writeSite(t, dvSite)
	dev := NewDev(Options{Source: dir})
	res, err := dev.Build(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	const edited = "content/guides/keys.md"
	front, body, ok := dvSplit(dvFiles()[edited])
	if !ok {
		t.Fatalf("%s has no frontmatter", edited)
	}
	for _, c := range []struct {
		name, doc string
		kept      bool   // the resolved site is reused
		list      string // text the section list must show
		warning   string // a warning that must name the edited file
	}{
		{"new first paragraph", front + "Nouveau résumé des clés.\n\n" + body, true, "Nouveau résumé des clés.", ""},
		{"a tag of another generator", front + body + "\n{{< gallery dir=photos >}}\n", true, "", "template tag of another generator"},
		{"new title", strings.Replace(front, "title: Les clés", "title: Les clés du binôme", 1) + body, false, "Les clés du binôme", ""},
		{"body again", strings.Replace(front, "title: Les clés", "title: Les clés du binôme", 1) + "Encore un résumé.\n\n" + body, true, "Encore un résumé.", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := res.Site.s
			writeFile(t, dir, edited, c.doc)
			res, err = dev.Build(t.Context(), []string{edited})
			if err != nil {
				t.Fatal(err)
			}
			if kept := res.Site.s == before; kept != c.kept {
				t.Errorf("resolved site reused: %v, want %v", kept, c.kept)
			}
			if c.list != "" {
				// The section shows a guide a page (pagerSize 1).
				one, _ := res.Site.Open("guides/index.html")
				two, _ := res.Site.Open("guides/page/2/index.html")
				if !bytes.Contains(append(one, two...), []byte(c.list)) {
					t.Errorf("the pages of guides/ do not show %q", c.list)
				}
			}
			var warned bool
			for _, w := range res.Warnings {
				warned = warned || (c.warning != "" && strings.Contains(w.Error(), edited) && strings.Contains(w.Error(), c.warning))
			}
			if warned != (c.warning != "") {
				t.Errorf("warning %q for %s: %v; warnings: %v", c.warning, edited, warned, res.Warnings)
			}
			built, err := dvBuild(t, dir, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if d := dvDiff(dvServed(t, res.Site), built); d != "" {
				t.Errorf("dev site differs from a full build:%s", d)
			}
		})
	}
}

// Pages of the last site are served while a body edit is swapped in:
// the race detector watches the two.
func TestDevBodyEditWhileServing(t *testing.T) {
	dir := writeSite(t, dvSite)
	dev := NewDev(Options{Source: dir})
	res, err := dev.Build(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	const edited = "content/guides/keys.md"
	// Fresh DevSites of the last site, so that every Open renders.
	var served []*DevSite
	for range 200 {
		served = append(served, dev.newDevSite(t.Context(), res.Site.s))
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i, d := range served {
			d.Open([]string{"guides/index.html", "guides/keys/index.html", "index.html"}[i%3])
		}
	}()
	for i := range 20 {
		writeFile(t, dir, edited, fmt.Sprintf("---\ntitle: Les clés\nweight: 2\ntags: [onboarding, feedback]\n---\nVersion %d.\n", i))
		if _, err := dev.Build(t.Context(), []string{edited}); err != nil {
			t.Fatal(err)
		}
	}
	<-done
}

// What the dev server holds does not grow with the number of saves: after
// a warm-up, 40 more saves of bodies and titles, each followed by the
// renders a browser asks for, leave the live heap where it was.
func TestDevMemoryDoesNotGrow(t *testing.T) {
	if testing.Short() {
		t.Skip("60 rebuilds of the example site")
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("..")); err != nil {
		t.Fatal(err)
	}
	const edited = "content/guides/first-meeting.md"
	orig, err := os.ReadFile(filepath.Join(dir, edited))
	if err != nil {
		t.Fatal(err)
	}
	dev := NewDev(Options{Source: dir})
	if _, err := dev.Build(t.Context(), nil); err != nil {
		t.Fatal(err)
	}
	live := func() uint64 {
		runtime.GC()
		runtime.GC() // the first may leave finalizer-held objects
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	var after20 uint64
	var res *DevResult
	for i := range 60 {
		doc := string(orig) + fmt.Sprintf("\nÉdition %d.\n", i)
		if i%3 == 0 { // a title edit: the whole site is resolved again
			doc = dvSetField(doc, "title", fmt.Sprintf("La première rencontre, v%d", i))
		}
		writeFile(t, dir, edited, doc)
		if res, err = dev.Build(t.Context(), []string{edited}); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{"index.html", "guides/index.html", "guides/first-meeting/index.html", "profiles/index.html", "sitemap.xml"} {
			res.Site.Open(p)
		}
		if i == 19 {
			after20 = live()
		}
	}
	after60 := live()
	runtime.KeepAlive(dev)
	runtime.KeepAlive(res)
	t.Logf("live heap after 20 saves %.1f MiB, after 60 %.1f MiB", float64(after20)/(1<<20), float64(after60)/(1<<20))
	if after60 > after20+after20/10 {
		t.Errorf("the live heap grew from %d to %d bytes over 40 saves", after20, after60)
	}
}

// The dev server sends files published as they are from disk (see
// serve.FileSite): the photos of static/ and beside pages, not the files
// it minifies.
func TestDevHandsOverFilesAsTheyAre(t *testing.T) {
	dir := writeSite(t, `-- site.yaml --
title: T
minify: true
-- content/guides/a/index.md --
---
title: A
---
![Photo](photo.png)
-- content/guides/a/photo.png --
beside the page
-- static/images/logo.png --
a logo
-- static/data/list.json --
{ "a" : 1 }
`)
	res, err := NewDev(Options{Source: dir}).Build(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]string{"guides/a/photo.png": "beside the page\n", "images/logo.png": "a logo\n", "data/list.json": ""} {
		f, ok := res.Site.OpenFile(p)
		if !ok {
			if want != "" {
				t.Errorf("%s: not handed over", p)
			}
			continue
		}
		b, err := io.ReadAll(f)
		f.Close()
		if err != nil || string(b) != want {
			t.Errorf("%s: %q, %v; want %q", p, b, err, want)
		}
	}
	if body, ok := res.Site.Open("data/list.json"); !ok || string(body) != `{"a":1}` {
		t.Errorf("data/list.json: %q, want it minified", body)
	}
}
