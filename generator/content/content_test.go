package content

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"binome/generator/config"
	"binome/generator/source"
)

// testConfig is the default configuration with French (default) and English.
func testConfig() config.Config {
	cfg := config.Default()
	cfg.Languages = map[string]config.Language{"fr": {Weight: 1}, "en": {Weight: 2}}
	return cfg
}

// mapFS builds a site from path → file text.
func mapFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for p, s := range files {
		fsys[p] = &fstest.MapFile{Data: []byte(s)}
	}
	return fsys
}

func loadFiles(t *testing.T, files map[string]string) (*Set, error) {
	t.Helper()
	return Load(mapFS(files), testConfig(), Options{})
}

func mustLoad(t *testing.T, files map[string]string) *Set {
	t.Helper()
	set, err := loadFiles(t, files)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return set
}

// loadOne loads a site holding one file and returns its page.
func loadOne(t *testing.T, path, text string) *Page {
	t.Helper()
	set := mustLoad(t, map[string]string{path: text})
	return pageAt(t, set, path)
}

func pageAt(t *testing.T, set *Set, path string) *Page {
	t.Helper()
	for _, p := range set.Pages {
		if p.Path == path {
			return p
		}
	}
	t.Fatalf("no page %s among %d pages", path, len(set.Pages))
	return nil
}

func pos(path string, line, col int) source.Pos { return source.Pos{Path: path, Line: line, Col: col} }

// Frontmatter in each format: the values, the line keys start on, the
// line the body starts on, and where each key was written.
func TestFrontmatterSplit(t *testing.T) {
	const p = "content/guides/x.md"
	cases := []struct {
		name      string
		text      string
		format    string
		frontLine int
		bodyLine  int
		body      string
		values    map[string]any
		keys      map[string]source.Pos
	}{
		{
			name:   "yaml",
			text:   "---\ntitle: Hello\nweight: 3\ntags: [a, b]\n---\nBody\n",
			format: "yaml", frontLine: 2, bodyLine: 6, body: "Body\n",
			values: map[string]any{"title": "Hello", "weight": 3, "tags": []any{"a", "b"}},
			keys:   map[string]source.Pos{"title": pos(p, 2, 1), "weight": pos(p, 3, 1), "tags": pos(p, 4, 1), "tags[1]": pos(p, 4, 11), "weight=": pos(p, 3, 9)},
		},
		{
			name:   "yaml block list",
			text:   "---\ntitle: Hello\ntags:\n  - a\n  - b\n---\n\nBody\n",
			format: "yaml", frontLine: 2, bodyLine: 7, body: "\nBody\n",
			values: map[string]any{"title": "Hello", "tags": []any{"a", "b"}},
			keys:   map[string]source.Pos{"tags": pos(p, 3, 1), "tags[0]": pos(p, 4, 5), "tags[1]": pos(p, 5, 5)},
		},
		{
			name:   "yaml after blank lines",
			text:   "\n\n---\ntitle: Hello\nweight: 3\n---\nBody\n",
			format: "yaml", frontLine: 4, bodyLine: 7, body: "Body\n",
			values: map[string]any{"title": "Hello", "weight": 3},
			keys:   map[string]source.Pos{"title": pos(p, 4, 1), "weight": pos(p, 5, 1)},
		},
		{
			name:   "yaml empty",
			text:   "---\n---\nBody\n",
			format: "yaml", frontLine: 2, bodyLine: 3, body: "Body\n",
			values: map[string]any{},
			keys:   map[string]source.Pos{},
		},
		{
			name:   "yaml date stays text",
			text:   "---\ndate: 2026-03-12\n---\n",
			format: "yaml", frontLine: 2, bodyLine: 4, body: "",
			values: map[string]any{"date": "2026-03-12"},
			keys:   map[string]source.Pos{"date": pos(p, 2, 1)},
		},
		{
			name:   "toml",
			text:   "+++\ntitle = \"Hello\"\n\nweight = 3\ntags = [\"a\", \"b\"]\n+++\nBody\n",
			format: "toml", frontLine: 2, bodyLine: 7, body: "Body\n",
			values: map[string]any{"title": "Hello", "weight": 3, "tags": []any{"a", "b"}},
			keys:   map[string]source.Pos{"title": pos(p, 2, 1), "weight": pos(p, 4, 1), "tags": pos(p, 5, 1)},
		},
		{
			name:   "toml date",
			text:   "+++\ndate = 2026-03-12\n+++\n",
			format: "toml", frontLine: 2, bodyLine: 4, body: "",
			values: map[string]any{"date": "2026-03-12"},
			keys:   map[string]source.Pos{"date": pos(p, 2, 1)},
		},
		{
			name:   "json",
			text:   "{\n  \"title\": \"Hello\",\n  \"weight\": 3,\n  \"tags\": [\"a\", \"b\"]\n}\nBody\n",
			format: "json", frontLine: 1, bodyLine: 6, body: "Body\n",
			values: map[string]any{"title": "Hello", "weight": 3, "tags": []any{"a", "b"}},
			keys:   map[string]source.Pos{"title": pos(p, 2, 3), "weight": pos(p, 3, 3), "tags": pos(p, 4, 3)},
		},
		{
			name:   "json nested keys do not claim lines",
			text:   "{\n  \"extra\": {\"title\": \"inner\"},\n  \"title\": \"Hello\"\n}\n",
			format: "json", frontLine: 1, bodyLine: 5, body: "",
			values: map[string]any{"title": "Hello", "extra": map[string]any{"title": "inner"}},
			keys:   map[string]source.Pos{"extra": pos(p, 2, 3), "title": pos(p, 3, 3)},
		},
		{
			name:   "none",
			text:   "# Hello\n\nBody\n",
			format: "", frontLine: 0, bodyLine: 1, body: "# Hello\n\nBody\n",
			values: map[string]any{},
			keys:   map[string]source.Pos{},
		},
		{
			name:   "thematic break later is body",
			text:   "# Hello\n\n---\n\nmore: text\n",
			format: "", frontLine: 0, bodyLine: 1, body: "# Hello\n\n---\n\nmore: text\n",
			values: map[string]any{},
			keys:   map[string]source.Pos{},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pg := loadOne(t, p, c.text)
			if pg.Front.Format != c.format {
				t.Errorf("format %q, want %q", pg.Front.Format, c.format)
			}
			if pg.FrontLine != c.frontLine || pg.BodyLine != c.bodyLine {
				t.Errorf("FrontLine %d BodyLine %d, want %d %d", pg.FrontLine, pg.BodyLine, c.frontLine, c.bodyLine)
			}
			if string(pg.Body) != c.body {
				t.Errorf("body %q, want %q", pg.Body, c.body)
			}
			if !reflect.DeepEqual(pg.Frontmatter().Values, c.values) {
				t.Errorf("values %#v\nwant %#v", pg.Frontmatter().Values, c.values)
			}
			for k, want := range c.keys {
				if got := pg.Frontmatter().Pos[k]; got != want {
					t.Errorf("Pos[%q] = %v, want %v", k, got, want)
				}
			}
			// The body's first line is where BodyLine says.
			if c.body != "" {
				lines := strings.Split(c.text, "\n")
				first, _, _ := strings.Cut(c.body, "\n")
				if got := lines[c.bodyLine-1]; got != first {
					t.Errorf("line %d of the file is %q, the body starts with %q", c.bodyLine, got, first)
				}
			}
		})
	}
}

// A file saved by a Windows editor, with a byte order mark and CRLF line
// ends, loads exactly as the same file with LF.
func TestBOMAndCRLFLoadLikeLF(t *testing.T) {
	const p = "content/guides/x.md"
	texts := map[string]string{
		"yaml": "---\ntitle: Hello\nweight: 3\ntags:\n  - a\n---\n# Heading\n\nBody\nmore\n",
		"toml": "+++\ntitle = \"Hello\"\nweight = 3\n+++\nBody\n",
		"json": "{\n  \"title\": \"Hello\",\n  \"weight\": 3\n}\nBody\n",
		"none": "Hello\n=====\n\nBody\n",
	}
	variants := map[string]func(string) string{
		"bom":          func(s string) string { return "\ufeff" + s },
		"crlf":         func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") },
		"bom and crlf": func(s string) string { return "\ufeff" + strings.ReplaceAll(s, "\n", "\r\n") },
		"old mac cr":   func(s string) string { return strings.ReplaceAll(s, "\n", "\r") },
	}
	for fname, text := range texts {
		want := loadOne(t, p, text)
		for vname, v := range variants {
			t.Run(fname+"/"+vname, func(t *testing.T) {
				got := loadOne(t, p, v(text))
				if !reflect.DeepEqual(got.Frontmatter(), want.Frontmatter()) {
					t.Errorf("front %+v\nwant %+v", got.Frontmatter(), want.Frontmatter())
				}
				if string(got.Body) != string(want.Body) || got.FrontLine != want.FrontLine || got.BodyLine != want.BodyLine ||
					got.Title != want.Title || got.Weight != want.Weight {
					t.Errorf("got body %q lines %d/%d title %q weight %d\nwant body %q lines %d/%d title %q weight %d",
						got.Body, got.FrontLine, got.BodyLine, got.Title, got.Weight,
						want.Body, want.FrontLine, want.BodyLine, want.Title, want.Weight)
				}
			})
		}
	}
}

func TestEmptyFileIsAPageWithWarning(t *testing.T) {
	for name, text := range map[string]string{"empty": "", "blank": "\n\n  \n", "bom": "\ufeff"} {
		t.Run(name, func(t *testing.T) {
			set := mustLoad(t, map[string]string{"content/guides/empty-page.md": text})
			pg := pageAt(t, set, "content/guides/empty-page.md")
			if pg.Title != "Empty page" {
				t.Errorf("title %q, want one made from the slug", pg.Title)
			}
			var msgs []string
			for _, w := range set.Warnings {
				msgs = append(msgs, w.Error())
			}
			all := strings.Join(msgs, "\n")
			if !strings.Contains(all, "content/guides/empty-page.md:1: file is empty") {
				t.Errorf("warnings %q lack the empty-file warning", all)
			}
		})
	}
}

func TestTitleFromFirstHeading(t *testing.T) {
	cases := []struct {
		name, text, title string
		fromHeading       bool
	}{
		{"atx", "Intro.\n\n# The title\n\nText\n", "The title", true},
		{"atx closing hashes", "# The title ##\n", "The title", true},
		{"atx custom id", "# The title {#custom}\n", "The title", true},
		{"atx emphasis", "# The **bold** `code` title\n", "The bold code title", true},
		{"setext", "The title\n=========\n\nText\n", "The title", true},
		{"escapes and references", "# Projections \\(estimations\\) &amp; 1\\. goals\n", "Projections (estimations) & 1. goals", true},
		{"not inside a backtick fence", "```\n# comment in code\n```\n\n# Real\n", "Real", true},
		{"not inside a tilde fence", "~~~sh\n# comment\n~~~\n# Real\n", "Real", true},
		{"not a setext underline inside a fence", "```\nx\n===\n```\n# Real\n", "Real", true},
		{"wiki links show their labels", "# [[Linking Content]] and [[Other#Part|more]]\n", "Linking Content and more", true},
		{"frontmatter title wins", "---\ntitle: Front\n---\n# Heading\n", "Front", false},
		{"no heading", "Just text.\n", "Some page", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pg := loadOne(t, "content/guides/some-page.md", c.text)
			if pg.Title != c.title || pg.TitleFromHeading != c.fromHeading {
				t.Errorf("title %q (from heading %v), want %q (%v)", pg.Title, pg.TitleFromHeading, c.title, c.fromHeading)
			}
		})
	}
}

func TestNoTitleWarns(t *testing.T) {
	set := mustLoad(t, map[string]string{"content/guides/x.md": "Just text.\n", "content/guides/_index.md": "Text\n"})
	if len(set.Warnings) != 1 || !strings.Contains(set.Warnings[0].Error(), "content/guides/x.md:1: page has no title") {
		t.Errorf("warnings %v, want one for x.md (sections may go without a title)", set.Warnings)
	}
}

// Where a file is decides its language, folder, section, slug and kind.
func TestPlacement(t *testing.T) {
	cases := []struct {
		path                           string
		lang, dir, section, slug, kind string
		bundle                         bool
	}{
		{"content/guides/first-meeting.md", "fr", "guides", "guides", "first-meeting", "guide", false},
		{"content/guides/first-meeting.en.md", "en", "guides", "guides", "first-meeting", "guide", false},
		{"content/guides/first-meeting.fr.md", "fr", "guides", "guides", "first-meeting", "guide", false},
		{"content/en/guides/first-meeting.md", "en", "guides", "guides", "first-meeting", "guide", false},
		{"content/en/guides/first-meeting.en.md", "en", "guides", "guides", "first-meeting", "guide", false},
		{"content/guides/v1.2.md", "fr", "guides", "guides", "v1-2", "guide", false},
		{"content/guides/advanced/deep.md", "fr", "guides/advanced", "guides", "deep", "guide", false},
		{"content/guides/Première Étape.markdown", "fr", "guides", "guides", "premiere-etape", "guide", false},
		{"content/trainings/t.md", "fr", "trainings", "trainings", "t", "training", false},
		{"content/stories/s.md", "fr", "stories", "stories", "s", "story", false},
		{"content/about/faq.md", "fr", "about", "about", "faq", "page", false},
		{"content/top.md", "fr", "", "", "top", "page", false},
		{"content/en/top.md", "en", "", "", "top", "page", false},
		{"content/_index.md", "fr", "", "", "", "home", false},
		{"content/_index.en.md", "en", "", "", "", "home", false},
		{"content/en/_index.md", "en", "", "", "", "home", false},
		{"content/index.md", "fr", "", "", "", "home", false},
		{"content/guides/_index.md", "fr", "guides", "guides", "", "section", false},
		{"content/guides/_index.en.md", "en", "guides", "guides", "", "section", false},
		{"content/guides/README.md", "fr", "guides", "guides", "", "section", false},
		{"content/guides/readme.en.md", "en", "guides", "guides", "", "section", false},
		{"content/stories/duo-story/index.md", "fr", "stories", "stories", "duo-story", "story", true},
		{"content/stories/duo-story/index.en.md", "en", "stories", "stories", "duo-story", "story", true},
		{"content/en/stories/duo-story/index.md", "en", "stories", "stories", "duo-story", "story", true},
		{"content/guides/sub/bundle/index.md", "fr", "guides/sub", "guides", "bundle", "guide", true},
		// Jekyll's dated names: the date goes, the rest is the slug.
		{"content/stories/2024-01-15-first-duo.md", "fr", "stories", "stories", "first-duo", "story", false},
		{"content/stories/2024-01-15-first-duo.en.md", "en", "stories", "stories", "first-duo", "story", false},
		{"content/stories/2024-01-15-duo/index.md", "fr", "stories", "stories", "duo", "story", true},
		{"content/guides/2024-13-45-not-a-date.md", "fr", "guides", "guides", "2024-13-45-not-a-date", "guide", false},
		{"content/guides/2024-01-15.md", "fr", "guides", "guides", "2024-01-15", "guide", false},
		{"content/guides/2024-rentree.md", "fr", "guides", "guides", "2024-rentree", "guide", false},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			text := "---\ntitle: T\n---\n"
			if strings.HasPrefix(c.path, "content/stories/") || strings.HasPrefix(c.path, "content/en/stories/") {
				text = "---\ntitle: T\n---\n"
			}
			pg := loadOne(t, c.path, text)
			got := [5]string{pg.Lang, pg.Dir, pg.Section, pg.Slug, pg.Kind}
			want := [5]string{c.lang, c.dir, c.section, c.slug, c.kind}
			if got != want || pg.Bundle != c.bundle {
				t.Errorf("lang, dir, section, slug, kind = %q bundle %v\nwant %q bundle %v", got, pg.Bundle, want, c.bundle)
			}
		})
	}
}

// A Jekyll file name dates its page, unless the frontmatter does.
func TestDateFromFileName(t *testing.T) {
	cases := []struct{ path, text, want string }{
		{"content/stories/2024-01-15-first-duo.md", "---\ntitle: T\n---\n", "2024-01-15"},
		{"content/stories/2024-01-15-dated.md", "---\ntitle: T\ndate: 2025-02-03\n---\n", "2025-02-03"},
		{"content/stories/2024-02-30-bad.md", "---\ntitle: T\n---\n", "0001-01-01"},
		{"content/stories/plain.md", "---\ntitle: T\n---\n", "0001-01-01"},
	}
	for _, c := range cases {
		if got := loadOne(t, c.path, c.text).Date.Format("2006-01-02"); got != c.want {
			t.Errorf("%s: date %s, want %s", c.path, got, c.want)
		}
	}
}

func TestPlacementErrors(t *testing.T) {
	cases := []struct {
		path, text string
		want       string
	}{
		{"content/en/guides/x.fr.md", "# X\n", `content/en/guides/x.fr.md: file suffix says "fr" but its folder says "en"`},
		{"content/guides/!!!.md", "# X\n", `content/guides/!!!.md: cannot make a URL from the file name "!!!.md"`},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			_, err := loadFiles(t, map[string]string{c.path: c.text})
			if err == nil || !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("error %v, want one starting %q", err, c.want)
			}
		})
	}
}

// With an _index.md beside it, a README.md is an ordinary page.
func TestReadmeBesideIndexIsAPage(t *testing.T) {
	set := mustLoad(t, map[string]string{
		"content/guides/_index.md": "---\ntitle: Guides\n---\n",
		"content/guides/README.md": "# Read me\n",
	})
	pg := pageAt(t, set, "content/guides/README.md")
	if pg.Kind != "guide" || pg.Slug != "readme" {
		t.Errorf("README beside _index: kind %q slug %q, want guide readme", pg.Kind, pg.Slug)
	}
}

func TestBundleAssets(t *testing.T) {
	set := mustLoad(t, map[string]string{
		"content/stories/duo/index.md":       "---\ntitle: Duo\n---\n![](pic.svg)\n",
		"content/stories/duo/pic.svg":        "<svg/>",
		"content/stories/duo/img/photo.jpg":  "jpeg",
		"content/stories/duo/index.en.md":    "---\ntitle: Duo\n---\n",
		"content/stories/other.md":           "---\ntitle: Other\n---\n",
		"content/stories/loose.png":          "png",
		"content/en/stories/solo/index.md":   "---\ntitle: Solo\n---\n",
		"content/en/stories/solo/sketch.svg": "<svg/>",
	})
	want := map[string][]string{
		"content/stories/duo/index.md":     {"content/stories/duo/img/photo.jpg", "content/stories/duo/pic.svg"},
		"content/stories/duo/index.en.md":  {"content/stories/duo/img/photo.jpg", "content/stories/duo/pic.svg"},
		"content/en/stories/solo/index.md": {"content/en/stories/solo/sketch.svg"},
	}
	if !reflect.DeepEqual(set.BundleAssets, want) {
		t.Errorf("BundleAssets = %v\nwant %v", set.BundleAssets, want)
	}
	assets := map[string]Asset{}
	for _, a := range set.Assets {
		assets[a.Path] = a
	}
	if a := assets["content/en/stories/solo/sketch.svg"]; a.Rel != "stories/solo/sketch.svg" || a.Lang != "en" || a.Hash == 0 {
		t.Errorf("asset in a language folder: %+v", a)
	}
	if a := assets["content/stories/loose.png"]; a.Rel != "stories/loose.png" || a.Lang != "" {
		t.Errorf("asset outside bundles: %+v", a)
	}
	if len(set.Pages) != 4 {
		t.Errorf("%d pages, want 4", len(set.Pages))
	}
}

func TestHiddenAndBackupFilesSkipped(t *testing.T) {
	set := mustLoad(t, map[string]string{
		"content/guides/a.md":           "# A\n",
		"content/guides/.draft.md":      "# hidden\n",
		"content/guides/a.md~":          "# backup\n",
		"content/guides/#a.md#":         "# emacs\n",
		"content/.git/config":           "x",
		"content/guides/.obsidian/x.md": "# hidden folder\n",
	})
	if len(set.Pages) != 1 || len(set.Assets) != 0 {
		t.Errorf("pages %d assets %v, want only a.md", len(set.Pages), set.Assets)
	}
}

func TestDrafts(t *testing.T) {
	files := map[string]string{"content/guides/d.md": "---\ntitle: D\ndraft: true\n---\n", "content/guides/a.md": "# A\n"}
	set := mustLoad(t, files)
	if len(set.Pages) != 1 {
		t.Errorf("draft loaded without Drafts: %d pages", len(set.Pages))
	}
	set, err := Load(mapFS(files), testConfig(), Options{Drafts: true})
	if err != nil || len(set.Pages) != 2 || !pageAt(t, set, "content/guides/d.md").Draft {
		t.Errorf("Drafts: %v, %d pages", err, len(set.Pages))
	}
}

func TestMissingContentFolder(t *testing.T) {
	set, err := Load(fstest.MapFS{"site.yaml": {Data: []byte("")}}, testConfig(), Options{})
	if err != nil || len(set.Pages) != 0 {
		t.Errorf("Load without content/: %v, %d pages", err, len(set.Pages))
	}
}

// eventKind is a kind from site.yaml with a field of every type.
func eventConfig() config.Config {
	cfg := testConfig()
	yes := true
	cfg.Kinds = map[string]config.KindConfig{"event": {Section: "events", Strict: &yes, Fields: map[string]config.FieldConfig{
		"venue":    {Type: "string", Required: true},
		"notes":    {Type: "text"},
		"seats":    {Type: "int"},
		"price":    {Type: "number"},
		"online":   {Type: "bool"},
		"on":       {Type: "date"},
		"topics":   {Type: "list"},
		"formats":  {Type: "list", Enum: []string{"talk", "workshop"}},
		"format":   {Enum: []string{"online", "onsite"}},
		"host":     {Type: "ref", Kind: "profile"},
		"speakers": {Type: "refs", Kind: "profile"},
		"meetings": {Type: "sessions"},
		"every":    {Type: "duration"},
	}}}
	return cfg
}

func TestSchemaTypes(t *testing.T) {
	const p = "content/events/e.md"
	const good = `---
venue: Hall
notes: "Bring: a pen"
seats: 40
price: 12.5
online: false
on: 2026-03-12
topics: [x, y]
formats: [talk]
format: onsite
host: lea
speakers: [lea, marc]
meetings:
  - {date: 2026-03-12, minutes: 60, topic: Kick-off}
  - date: 2026-04-02
    minutes: 45
every: 6 months
cohort: 2025
---
`
	set, err := Load(mapFS(map[string]string{p: strings.Replace(good, "cohort: 2025\n", "", 1)}), eventConfig(), Options{})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	pg := pageAt(t, set, p)
	if pg.Kind != "event" {
		t.Fatalf("kind %q", pg.Kind)
	}
	day := time.Date(2026, 3, 12, 0, 0, 0, 0, time.UTC)
	checks := []struct {
		name      string
		got, want any
	}{
		{"string", pg.String("venue"), "Hall"},
		{"text", pg.String("notes"), "Bring: a pen"},
		{"enum", pg.String("format"), "onsite"},
		{"int", pg.Int("seats"), 40},
		{"date", pg.DateField("on"), day},
		{"list", pg.List("topics"), []string{"x", "y"}},
		{"enum list", pg.List("formats"), []string{"talk"}},
		{"refs list", pg.List("speakers"), []string{"lea", "marc"}},
		{"duration", pg.String("every"), "6 months"},
		{"sessions", pg.Sessions, []Session{{Date: day, Minutes: 60, Topic: "Kick-off"}, {Date: time.Date(2026, 4, 2, 0, 0, 0, 0, time.UTC), Minutes: 45}}},
		{"refs", pg.Refs, []Ref{
			{Field: "host", Target: "lea", Kind: "profile", Pos: pos(p, 11, 7)},
			{Field: "speakers", Target: "lea", Kind: "profile", Pos: pos(p, 12, 12)},
			{Field: "speakers", Target: "marc", Kind: "profile", Pos: pos(p, 12, 17)},
		}},
		{"params", pg.Params()["price"], 12.5},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s: got %#v, want %#v", c.name, c.got, c.want)
		}
	}

	// Each bad value is an error at its key's line, with what was expected.
	cases := []struct {
		name, from, to string
		want           []string
	}{
		{"string given a list", "venue: Hall", "venue: [a, b]", []string{p + ":2:1:", `field "venue": got a list, expected text`}},
		{"string given a mapping", "venue: Hall", "venue: {a: b}", []string{p + ":2:1:", "got a mapping"}},
		{"required empty", "venue: Hall", "venue:", []string{p + ":2:1:", `field "venue": empty, a value is required`}},
		{"required missing", "venue: Hall\n", "", []string{p + ":2:", `field "venue": missing, a event page needs it`}},
		{"int given text", "seats: 40", "seats: many", []string{p + ":4:1:", `field "seats": got text, expected a whole number`}},
		{"int given a decimal", "seats: 40", "seats: 40.5", []string{p + ":4:1:", "got a number, expected a whole number"}},
		{"number given text", "price: 12.5", "price: cheap", []string{p + ":5:1:", "expected a number"}},
		{"bool given text", "online: false", "online: nope", []string{p + ":6:1:", "expected true or false"}},
		{"date not a date", "on: 2026-03-12", "on: 12/03/2026", []string{p + ":7:1:", `"12/03/2026" is not a date, expected YYYY-MM-DD`}},
		{"date impossible", "on: 2026-03-12", "on: 2026-02-30", []string{p + ":7:1:", "is not a date"}},
		{"list given a mapping", "topics: [x, y]", "topics: {x: 1}", []string{p + ":8:1:", "expected a list of text values"}},
		{"list of lists", "topics: [x, y]", "topics: [[x], y]", []string{p + ":8:1:", "expected a list of text values"}},
		{"enum list", "formats: [talk]", "formats: [talk, party]", []string{p + ":9:17:", `"party" is not allowed, expected one of talk, workshop`}},
		{"enum", "format: onsite", "format: Onsite", []string{p + ":10:1:", `"Onsite" is not allowed, expected one of online, onsite`}},
		{"ref given a list", "host: lea", "host: [lea]", []string{p + ":11:1:", "expected the slug of a profile page"}},
		{"ref empty text", "host: lea", `host: ""`, []string{p + ":11:1:", "empty, it must name a profile page"}},
		{"refs given a mapping", "speakers: [lea, marc]", "speakers: {a: b}", []string{p + ":12:1:", "expected a list"}},
		{"sessions given text", "meetings:", "meetings: weekly\nx:", []string{p + ":13:1:", "expected a list of sessions"}},
		{"session not a mapping", "  - {date: 2026-03-12, minutes: 60, topic: Kick-off}", "  - weekly", []string{p + ":14:5:", "item 1 is text"}},
		{"session bad date", "{date: 2026-03-12,", "{date: soon,", []string{p + ":14:5:", `session 1: date "soon" is not a date`}},
		{"session no date", "{date: 2026-03-12, ", "{", []string{p + ":14:5:", "session 1 has no date"}},
		{"session bad minutes", "minutes: 60", "minutes: -5", []string{p + ":14:5:", "minutes must be a whole number"}},
		{"session unknown key", "topic: Kick-off", "topik: Kick-off", []string{p + ":14:5:", `unknown key "topik"`}},
		{"duration", "every: 6 months", "every: often", []string{p + ":17:1:", `"often" is not a period`}},
		{"duration unit", "every: 6 months", "every: 6 fortnights", []string{p + ":17:1:", "is not a period"}},
		{"unknown field with suggestion", "venue: Hall", "venue: Hall\nvenu: Hall", []string{p + ":3:1:", `field "venu": unknown field for a event page`, `did you mean "venue"?`}},
		{"unknown field without suggestion", "venue: Hall", "venue: Hall\nzzzzzz: 1", []string{p + ":3:1:", `unknown field`, "fields of a event:", "kinds: in site.yaml"}},
		{"common field typed", "venue: Hall", "venue: Hall\nweight: heavy", []string{p + ":3:1:", `field "weight"`}},
		{"common list field", "venue: Hall", "venue: Hall\ntags: {a: b}", []string{p + ":3:1:", `field "tags"`}},
		{"common duration field", "venue: Hall", "venue: Hall\nreview_every: soon", []string{p + ":3:1:", `field "review_every"`}},
		{"duplicate key", "venue: Hall", "venue: Hall\nvenue: Room", []string{p + ":3:1:", `field "venue" is written twice`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text := strings.Replace(strings.Replace(good, "cohort: 2025\n", "", 1), c.from, c.to, 1)
			if text == good {
				t.Fatalf("case does not change the file")
			}
			_, err := Load(mapFS(map[string]string{p: text}), eventConfig(), Options{})
			if err == nil {
				t.Fatalf("Load succeeded, want an error\n%s", text)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, c.want[0]) {
				t.Errorf("error %q\ndoes not start with %q", msg, c.want[0])
			}
			for _, w := range c.want[1:] {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q\ndoes not contain %q", msg, w)
				}
			}
		})
	}
}

// Strict kinds refuse unknown fields, with a suggestion; lenient kinds
// (guides, plain pages) accept them, so pages written for other
// generators build as they are.
func TestUnknownFields(t *testing.T) {
	cases := []struct {
		path, text string
		want       []string // nil: no error
	}{
		{"content/profiles/zoe.md", "---\nname: Zoé\nrole: mentor\nskils: [x]\n---\n",
			[]string{"content/profiles/zoe.md:4:1:", `field "skils": unknown field for a profile page`, `did you mean "skills_offered"?`}},
		{"content/profiles/zoe.md", "---\nname: Zoé\nrole: mentor\ndepartement: IT\n---\n",
			[]string{"content/profiles/zoe.md:4:1:", `did you mean "department"?`}},
		{"content/profiles/zoe.md", "---\nname: Zoé\nrole: mentor\ntitel: x\n---\n",
			[]string{"content/profiles/zoe.md:4:1:", `did you mean "title"?`}},
		{"content/duos/d.md", "---\nmentor: a\nmentee: b\nstatut: active\n---\n",
			[]string{"content/duos/d.md:4:1:", `did you mean "status"?`}},
		{"content/trainings/t.md", "---\ntitle: T\nduration: 45\n---\n",
			[]string{"content/trainings/t.md:3:1:", "unknown field for a training page"}},
		{"content/stories/s.md", "---\ntitle: S\nmentors: x\n---\n",
			[]string{"content/stories/s.md:3:1:", "unknown field for a story page", `did you mean "mentor"?`}},
		// Fields that only steered Hugo or Jekyll pass in strict kinds.
		{"content/stories/s.md", "---\ntitle: S\nauthor: x\ncategories: [a]\nmenu: {main: {weight: 2}}\n---\n", nil},
		{"content/guides/g.md", "---\ntitle: G\nlayout_class: wide\npermalink: /x/\nnav_order: 2\n---\n", nil},
		{"content/about/p.md", "---\ntitle: P\nanything: [1, 2]\nnested: {a: b}\n---\n", nil},
		{"content/_index.md", "---\ntitle: Home\nhero: big\n---\n", nil},
	}
	for _, c := range cases {
		t.Run(c.path+" "+strings.Split(c.text, "\n")[len(strings.Split(c.text, "\n"))-3], func(t *testing.T) {
			set, err := loadFiles(t, map[string]string{c.path: c.text})
			if c.want == nil {
				if err != nil {
					t.Fatalf("lenient kind refused a field: %v", err)
				}
				pg := pageAt(t, set, c.path)
				if len(pg.Params()) < 2 {
					t.Errorf("unknown fields not kept for templates: %v", pg.Params())
				}
				return
			}
			if err == nil {
				t.Fatal("Load succeeded, want an error")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, c.want[0]) {
				t.Errorf("error %q\ndoes not start with %q", msg, c.want[0])
			}
			for _, w := range c.want[1:] {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q\ndoes not contain %q", msg, w)
				}
			}
		})
	}
}

// Errors of several files come back together, sorted, each a *source.Error.
func TestAllErrorsTogether(t *testing.T) {
	_, err := loadFiles(t, map[string]string{
		"content/profiles/b.md": "---\nrole: boss\n---\n",
		"content/profiles/a.md": "---\nname: A\nrole: mentor\nskils: x\n---\n",
		"content/guides/g.md":   "---\ntitle: [\n---\n",
	})
	errs := source.Flatten(err)
	if len(errs) != 4 {
		t.Fatalf("%d errors, want 4: %v", len(errs), err)
	}
	var paths []string
	for _, e := range errs {
		var se *source.Error
		if !errors.As(e, &se) {
			t.Fatalf("%T is not a *source.Error", e)
		}
		paths = append(paths, se.Pos.Path)
	}
	want := []string{"content/guides/g.md", "content/profiles/a.md", "content/profiles/b.md", "content/profiles/b.md"}
	if !reflect.DeepEqual(paths, want) {
		t.Errorf("error paths %v, want %v", paths, want)
	}
}

func TestCommonFields(t *testing.T) {
	const p = "content/guides/g.md"
	pg := loadOne(t, p, `---
title: "  Spaced  "
description: Short.
date: 2026-01-02
lastmod: 2026-02-03T10:00:00Z
draft: false
weight: "7"
tags: onboarding
aliases: [/old/g/]
layout: wide
translationKey: g-key
owner: team@example.com
reviewed: 2026-01-15
review_every: 6 mois
---
`)
	checks := []struct {
		name      string
		got, want any
	}{
		{"title trimmed", pg.Title, "Spaced"},
		{"summary from description", pg.Summary, "Short."},
		{"date", pg.Date, time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)},
		{"updated from lastmod", pg.Updated, time.Date(2026, 2, 3, 10, 0, 0, 0, time.UTC)},
		{"weight from text", pg.Weight, 7},
		{"one tag as a list", pg.Tags, []string{"onboarding"}},
		{"aliases", pg.Aliases, []string{"/old/g/"}},
		{"layout", pg.Layout, "wide"},
		{"translation key", pg.TranslationKey, "g-key"},
		{"owner", pg.Owner, "team@example.com"},
		{"reviewed", pg.Reviewed, time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)},
		{"review every", pg.ReviewEvery, "6 mois"},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s: got %#v, want %#v", c.name, c.got, c.want)
		}
	}
	if got := pg.PosOf("owner"); got != pos(p, 12, 1) {
		t.Errorf("PosOf(owner) = %v", got)
	}
	if got := pg.PosOf("absent"); got != pos(p, 2, 0) {
		t.Errorf("PosOf(absent) = %v, want the frontmatter start", got)
	}
}

// GitBook writes a page's display options as a layout mapping, which
// names no layout: the page loads with the default one.
func TestGitBookLayoutMapping(t *testing.T) {
	set, err := loadFiles(t, map[string]string{"content/guides/g.md": "---\ndescription: x\nlayout:\n  title:\n    visible: true\n---\n# G\n"})
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Pages) != 1 || set.Pages[0].Layout != "" {
		t.Errorf("pages %v, want one with no layout", set.Pages)
	}
}

func TestCommonFieldErrors(t *testing.T) {
	cases := []struct {
		name, front, want string
	}{
		{"layout path", "layout: ../../etc/passwd", `field "layout": "../../etc/passwd" is not a layout name`},
		{"layout list", "layout: [a, b]", `field "layout": got a list, expected text`},
		{"layout absolute", "layout: /etc/x", "is not a layout name"},
		{"alias relative", "aliases: [old/page]", `content/guides/g.md:2:11: field "aliases": "old/page" is not a site path`},
		{"alias dots", "aliases: [/a/../../b]", "is not a site path"},
		{"slug dots", "slug: ../up", `content/guides/g.md:2:1: field "slug": "../up" contains ".."`},
		{"slug empty", `slug: ""`, `field "slug": is empty`},
		{"slug a docusaurus route", "slug: /setup/install/", "\"/setup/install/\" is an absolute path\n\thint: a slug is one word, not a route as in Docusaurus: write slug: install"},
		{"slug without letters", `slug: "!!!"`, `content/guides/g.md:2:1: field "slug": "!!!" has no letter or digit`},
		{"frontmatter a list", "- a\n- b", "content/guides/g.md:2:1: frontmatter must be a list of key: value pairs"},
		{"frontmatter a scalar", "just text", "frontmatter must be a list of key: value pairs"},
		{"malformed yaml line", "title: ok\ntags: [a\nweight: 1", "content/guides/g.md:"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := loadFiles(t, map[string]string{"content/guides/g.md": "---\n" + c.front + "\n---\n"})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want %q", err, c.want)
			}
		})
	}
}

// Malformed frontmatter names the line of the problem in the file, not
// in the frontmatter block (Hugo #9857, Zola #1133).
func TestMalformedFrontmatterLines(t *testing.T) {
	cases := []struct {
		name, text, want string
	}{
		{"unclosed yaml", "\n---\ntitle: X\n\nBody\n", "content/g.md:2: frontmatter opened with \"---\" is never closed"},
		{"unclosed toml", "+++\ntitle = \"X\"\n", "content/g.md:1: frontmatter opened with \"+++\" is never closed"},
		{"yaml", "---\ntitle: X\nweight: 1\ntags: [a\n---\n", "content/g.md:"},
		{"yaml tab", "---\ntitle: X\nweight:\n\t- 1\n---\n", "content/g.md:4"},
		{"yaml after blank lines", "\n\n---\ntitle: X\nbad: : :\n---\n", "content/g.md:5"},
		{"toml", "+++\ntitle = \"X\"\nweight = heavy\n+++\n", "content/g.md:3"},
		{"json", "{\n  \"title\": \"X\",\n  \"weight\": 1,\n}\n", "content/g.md:4"},
		{"invalid utf-8", "---\ntitle: X\n---\nok\ncaf\xe9\n", "content/g.md:5:4: invalid UTF-8"},
		{"binary", "---\ntitle: X\n---\n\x00", "content/g.md:4: this is a binary file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := loadFiles(t, map[string]string{"content/g.md": c.text})
			if err == nil || !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("error %v\nwant one starting %q", err, c.want)
			}
			var se *source.Error
			if err != nil && (!errors.As(err, &se) || se.Hint == "") {
				t.Errorf("error %v has no hint", err)
			}
		})
	}
}

func TestSlugify(t *testing.T) {
	cases := map[string]string{
		"first-meeting":        "first-meeting",
		"First Meeting":        "first-meeting",
		"Première rencontre":   "premiere-rencontre",
		"Liste de contrôle":    "liste-de-controle",
		"ÉLÈVE à l'école":      "eleve-a-l-ecole",
		"Cœur et Œuvre":        "coeur-et-oeuvre",
		"Ægir":                 "aegir",
		"Straße":               "strasse",
		"ça":                   "ca",
		"  spaces   around  ":  "spaces-around",
		"tab\tand\nnewline":    "tab-and-newline",
		"Hello, World!":        "hello-world",
		"what? (really) [yes]": "what-really-yes",
		"a -- b":               "a-b",
		"--dashes--":           "dashes",
		"snake_case":           "snake_case",
		"v1.2.3":               "v1-2-3",
		"../../etc/passwd":     "etc-passwd",
		`a\b`:                  "a-b",
		"a/b":                  "a-b",
		"C++ & Go":             "c-go",
		"100%":                 "100",
		"l’équipe":             "l-equipe",
		"日本語":                  "日本語",
		"Ελληνικά":             "ελληνικα",
		"emoji 🎉 party":        "emoji-party",
		"":                     "",
		"!!!":                  "",
		"a\x00b":               "a-b",
	}
	for in, want := range cases {
		t.Run(in, func(t *testing.T) {
			if got := Slugify(in); got != want {
				t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
			}
		})
	}
}

func TestCheckSlug(t *testing.T) {
	cases := []struct {
		in   string
		want string // "" for valid
	}{
		{"first-meeting", ""},
		{"a.b", ""},
		{"étape-1", ""},
		{"con-tact", ""},
		{"consoles", ""},
		{"", "is empty"},
		{"   ", "is empty"},
		{"..", `contains ".."`},
		{"../x", `contains ".."`},
		{"a/../b", `contains ".."`},
		{"a..b", `contains ".."`},
		{"/etc/passwd", "absolute path"},
		{"/", "absolute path"},
		{`a\b`, "backslash"},
		{`..\x`, `contains ".."`},
		{`\\server\share`, "backslash"},
		{"a/b", "contains a slash"},
		{"a\x00b", "NUL"},
		{".hidden", "starts with a dot"},
		{".", "starts with a dot"},
		{"con", "reserved name"},
		{"CON", "reserved name"},
		{" nul ", "reserved name"},
		{"com1", "reserved name"},
		{"LPT9", "reserved name"},
		{"aux", "reserved name"},
		{"prn", "reserved name"},
		{"__binome", "reserved name"},
		{"a\tb", "control character"},
		{"a\nb", "control character"},
		{"a\x7fb", "control character"},
		{"a\u0085b", "control character"},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			err := CheckSlug(c.in)
			switch {
			case c.want == "" && err != nil:
				t.Errorf("CheckSlug(%q) = %v, want nil", c.in, err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Errorf("CheckSlug(%q) = %v, want an error with %q", c.in, err, c.want)
			}
		})
	}
}

// A slug written in the frontmatter is checked, then made a URL segment.
func TestSlugField(t *testing.T) {
	cases := []struct {
		front, slug string
	}{
		{"slug: first-meeting", "first-meeting"},
		{"slug: Première Étape", "premiere-etape"},
		{"slug: a.b", "a-b"},
		{"slug: 2024", "2024"},
		// Docusaurus' id names a doc, unless a slug does; a number is
		// some other tool's key.
		{"id: getting-started", "getting-started"},
		{"id: Getting Started", "getting-started"},
		{"id: getting-started\nslug: setup", "setup"},
		{"id: 42", "x"},
		{"id: a/b", "x"},
	}
	for _, c := range cases {
		t.Run(c.front, func(t *testing.T) {
			pg := loadOne(t, "content/guides/x.md", "---\ntitle: X\n"+c.front+"\n---\n")
			if pg.Slug != c.slug {
				t.Errorf("slug %q, want %q", pg.Slug, c.slug)
			}
		})
	}
	// A folder's index page is at the folder's URL, whatever its id.
	if pg := loadOne(t, "content/docs/guide/index.md", "---\ntitle: G\nid: guide-index\n---\n"); pg.Slug != "guide" {
		t.Errorf("index.md with an id: slug %q, want the folder's, guide", pg.Slug)
	}
	if pg := loadOne(t, "content/profiles/lea.md", "---\nname: Léa\nrole: mentor\nid: emp-123\n---\n"); pg.Slug != "lea" {
		t.Errorf("a profile's id named it %q, want its file's name", pg.Slug)
	}
}

func TestParseDate(t *testing.T) {
	utc := func(y int, m time.Month, d, h, min, s int) time.Time {
		return time.Date(y, m, d, h, min, s, 0, time.UTC)
	}
	cases := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2026-03-12", utc(2026, 3, 12, 0, 0, 0), true},
		{" 2026-03-12 ", utc(2026, 3, 12, 0, 0, 0), true},
		{"2026-03-12T10:20:30Z", utc(2026, 3, 12, 10, 20, 30), true},
		{"2026-03-12T10:20:30", utc(2026, 3, 12, 10, 20, 30), true},
		{"2026-03-12 10:20:30", utc(2026, 3, 12, 10, 20, 30), true},
		{"2026-03-12 10:20", utc(2026, 3, 12, 10, 20, 0), true},
		{"2026-03-12T10:20:30+02:00", time.Date(2026, 3, 12, 10, 20, 30, 0, time.FixedZone("", 7200)), true},
		{"2026-03-12 10:20:30 +0200", time.Date(2026, 3, 12, 10, 20, 30, 0, time.FixedZone("", 7200)), true},
		{"2026-03-12T10:20:30.5Z", time.Date(2026, 3, 12, 10, 20, 30, 5e8, time.UTC), true},
		{"2024-02-29", utc(2024, 2, 29, 0, 0, 0), true},
		{"2026-02-29", time.Time{}, false},
		{"2026-13-01", time.Time{}, false},
		{"12/03/2026", time.Time{}, false},
		{"2026-3-12", time.Time{}, false},
		{"March 12, 2026", time.Time{}, false},
		{"", time.Time{}, false},
		{"tomorrow", time.Time{}, false},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			got, err := ParseDate(c.in)
			if (err == nil) != c.ok {
				t.Fatalf("ParseDate(%q) error %v, want ok=%v", c.in, err, c.ok)
			}
			if c.ok && !got.Equal(c.want) {
				t.Errorf("ParseDate(%q) = %v, want %v", c.in, got, c.want)
			}
		})
	}
}

func TestParsePeriod(t *testing.T) {
	cases := []struct {
		in   string
		want Period
		ok   bool
	}{
		{"6 months", Period{Months: 6}, true},
		{"1 month", Period{Months: 1}, true},
		{"6 mois", Period{Months: 6}, true},
		{"3mo", Period{Months: 3}, true},
		{"90 days", Period{Days: 90}, true},
		{"1 day", Period{Days: 1}, true},
		{"30 jours", Period{Days: 30}, true},
		{"10d", Period{Days: 10}, true},
		{"2 weeks", Period{Days: 14}, true},
		{"3 semaines", Period{Days: 21}, true},
		{"1 year", Period{Years: 1}, true},
		{"2 ans", Period{Years: 2}, true},
		{"1 année", Period{Years: 1}, true},
		{"1 an", Period{Years: 1}, true},
		{" 6 Months ", Period{Months: 6}, true},
		{"1y", Period{Years: 1}, true},
		{"six months", Period{}, false},
		{"6", Period{}, false},
		{"months", Period{}, false},
		{"-6 months", Period{}, false},
		{"6 fortnights", Period{}, false},
		{"6 months ago", Period{}, false},
		{"", Period{}, false},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			got, err := ParsePeriod(c.in)
			if (err == nil) != c.ok {
				t.Fatalf("ParsePeriod(%q) error %v, want ok=%v", c.in, err, c.ok)
			}
			if got != c.want {
				t.Errorf("ParsePeriod(%q) = %+v, want %+v", c.in, got, c.want)
			}
		})
	}
}

func TestPeriodAfter(t *testing.T) {
	start := time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC)
	if got := (Period{Months: 6}).After(start); !got.Equal(time.Date(2026, 7, 31, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("6 months after %v = %v", start, got)
	}
	if got := (Period{Days: 14}).After(start); !got.Equal(time.Date(2026, 2, 14, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("14 days after %v = %v", start, got)
	}
}

// A reload with Previous reuses the Page of every file whose bytes did not
// change, re-parses changed ones, and follows added and removed files,
// whether or not the caller says which paths changed.
func TestPreviousReuse(t *testing.T) {
	v1 := map[string]string{
		"content/guides/same.md":    "# Same\n",
		"content/guides/edited.md":  "# Before\n",
		"content/guides/removed.md": "# Removed\n",
		"content/guides/pic.svg":    "<svg/>",
	}
	v2 := map[string]string{
		"content/guides/same.md":   "# Same\n",
		"content/guides/edited.md": "# After\n",
		"content/guides/added.md":  "# Added\n",
		"content/guides/pic.svg":   "<svg/>",
	}
	changed := map[string]bool{"content/guides/edited.md": true, "content/guides/removed.md": true, "content/guides/added.md": true}
	for _, mode := range []string{"changed unknown", "changed listed"} {
		t.Run(mode, func(t *testing.T) {
			cfg := testConfig()
			first, err := Load(mapFS(v1), cfg, Options{})
			if err != nil {
				t.Fatal(err)
			}
			opt := Options{Previous: first}
			if mode == "changed listed" {
				opt.Changed = changed
			}
			second, err := Load(mapFS(v2), cfg, opt)
			if err != nil {
				t.Fatal(err)
			}
			if pageAt(t, second, "content/guides/same.md") != pageAt(t, first, "content/guides/same.md") {
				t.Error("unchanged file was parsed again")
			}
			edited := pageAt(t, second, "content/guides/edited.md")
			if edited == pageAt(t, first, "content/guides/edited.md") || edited.Title != "After" {
				t.Errorf("changed file not parsed again: title %q", edited.Title)
			}
			if pageAt(t, second, "content/guides/added.md").Title != "Added" {
				t.Error("added file missing")
			}
			for _, p := range second.Pages {
				if p.Path == "content/guides/removed.md" {
					t.Error("removed file still loaded")
				}
			}
			if len(second.Pages) != 3 || len(second.Assets) != 1 {
				t.Errorf("%d pages %d assets, want 3 and 1", len(second.Pages), len(second.Assets))
			}
		})
	}
}

// With Changed listing nothing under content/, not even the folder is
// walked again: the previous pages are all reused.
func TestChangedEmptyReusesAll(t *testing.T) {
	files := map[string]string{"content/a.md": "# A\n", "content/b.md": "# B\n"}
	first := mustLoad(t, files)
	// The files are gone from the new FS, yet nothing is read: the
	// caller said nothing changed.
	second, err := Load(fstest.MapFS{}, testConfig(), Options{Previous: first, Changed: map[string]bool{"themes/x.html": true}})
	if err != nil {
		t.Fatal(err)
	}
	if len(second.Pages) != 2 || second.Pages[0] != first.Pages[0] || second.Pages[1] != first.Pages[1] {
		t.Errorf("pages not reused: %v", second.Pages)
	}
}

// A previously broken file that is fixed loads; a file that breaks
// reports its error even though it was reused before.
func TestPreviousWithErrors(t *testing.T) {
	cfg := testConfig()
	broken := map[string]string{"content/a.md": "---\ntitle: [\n---\n", "content/b.md": "# B\n"}
	first, err := Load(mapFS(broken), cfg, Options{})
	if err == nil {
		t.Fatal("want an error")
	}
	fixed := map[string]string{"content/a.md": "---\ntitle: A\n---\n", "content/b.md": "# B\n"}
	second, err := Load(mapFS(fixed), cfg, Options{Previous: first})
	if err != nil {
		t.Fatalf("fixed file still fails: %v", err)
	}
	if _, err := Load(mapFS(broken), cfg, Options{Previous: second}); err == nil {
		t.Error("broken again, but no error")
	}
	// Reusing a broken file's entry keeps its error.
	if _, err := Load(mapFS(broken), cfg, Options{Previous: first}); err == nil {
		t.Error("unchanged broken file lost its error")
	}
}

// Aliases are expanded where they are used; one that contains itself, or
// aliases nested to expand without end ("billion laughs"), are errors
// rather than a crash. Found by FuzzSplitDecode: `a: &a [*a]` overflowed
// the stack.
func TestYAMLAliases(t *testing.T) {
	pg := loadOne(t, "content/guides/g.md", "---\ntitle: &t Shared\nsummary: *t\nextra: &m {a: [1, 2]}\nmore: *m\n---\n")
	if pg.Summary != "Shared" || !reflect.DeepEqual(pg.Params()["more"], map[string]any{"a": []any{1, 2}}) {
		t.Errorf("aliases not expanded: %v", pg.Params())
	}

	laughs := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	for c := 'b'; c <= 'i'; c++ {
		prev := string(c - 1)
		laughs += string(c) + ": &" + string(c) + " [" + strings.Repeat("*"+prev+", ", 9) + "*" + prev + "]\n"
	}
	cases := []struct {
		name, front, want string
	}{
		{"cycle in a list", "title: T\nloop: &a [*a]", `content/guides/g.md:3:7: field "loop": alias *a refers to a value that contains it`},
		{"cycle in a mapping", "title: T\nloop: &a {self: *a}", `field "loop": alias *a refers to a value that contains it`},
		{"billion laughs", laughs, "aliases expand to too many values"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := loadFiles(t, map[string]string{"content/guides/g.md": "---\n" + c.front + "\n---\n"})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want %q", err, c.want)
			}
		})
	}
}

// A --- that opens a page and is never closed is frontmatter whose end is
// missing when keys follow it, and may be a horizontal rule when text
// does: the hint says which to do.
func TestUnclosedFrontmatterHint(t *testing.T) {
	for _, c := range []struct{ text, hint string }{
		{"---\ntitle: X\n\nBody\n", "after the last frontmatter key"},
		{"---\n\nOur benefits are listed below.\n", "horizontal rule"},
		{"---\n# Benefits\n", "horizontal rule"},
	} {
		_, err := loadFiles(t, map[string]string{"content/g.md": c.text})
		var se *source.Error
		if !errors.As(err, &se) || !strings.Contains(se.Hint, c.hint) {
			t.Errorf("%q: error %v, want a hint saying %q", c.text, err, c.hint)
		}
	}
}

// slug: /, Docusaurus' way to make a doc its home page, warns and builds:
// the page is named by its file. Other routes stay errors (above).
func TestSlugRootWarns(t *testing.T) {
	for _, c := range []struct{ front, slug, hint string }{
		{"slug: /", "g", "to make the page the home page, move its text to content/_index.md"},
	} {
		set := mustLoad(t, map[string]string{"content/guides/g.md": "---\ntitle: G\n" + c.front + "\n---\n"})
		if len(set.Pages) != 1 || set.Pages[0].Slug != c.slug {
			t.Errorf("%s: pages %v, want one named %s", c.front, set.Pages, c.slug)
		}
		var se *source.Error
		if len(set.Warnings) != 1 || !errors.As(set.Warnings[0], &se) || se.Pos.Line != 3 || !strings.Contains(se.Hint, c.hint) {
			t.Errorf("%s: warnings %v, want one at line 3 hinting %q", c.front, set.Warnings, c.hint)
		}
	}
}

// A list field given as text is one item, or several when commas part
// them (tags: mentoring, onboarding); a list's items are never split.
func TestStringListSplitsText(t *testing.T) {
	tests := []struct {
		in   any
		want []string
	}{
		{"onboarding", []string{"onboarding"}},
		{"mentoring, onboarding ,, remote", []string{"mentoring", "onboarding", "remote"}},
		{"", nil},
		{2025, []string{"2025"}},
		{[]any{"Paris, France", "Lyon"}, []string{"Paris, France", "Lyon"}},
	}
	for _, tt := range tests {
		got, ok := stringList(tt.in)
		if !ok || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("stringList(%#v) = %#v, %v; want %#v", tt.in, got, ok, tt.want)
		}
	}
}

// A description written in Markdown, as Hugo and Docsy render it, makes
// a plain summary.
func TestSummaryFromMarkdownDescription(t *testing.T) {
	for desc, want := range map[string]string{
		`"Text can be **bold** or _italic_, with [a link](https://x.org) &mdash; and snake_case."`: "Text can be bold or italic, with a link — and snake_case.",
		`"Plain, as most are."`: "Plain, as most are.",
	} {
		pg := loadOne(t, "content/guides/g.md", "---\ntitle: G\ndescription: "+desc+"\n---\n")
		if pg.Summary != want {
			t.Errorf("description %s: summary %q, want %q", desc, pg.Summary, want)
		}
	}
}
