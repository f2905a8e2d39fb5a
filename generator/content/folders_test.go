package content

import (
	"bytes"
	"reflect"
	"testing"
)

// A folder's index.md is a Hugo leaf bundle while the folder holds no
// other page, and introduces a section, as in MkDocs and Jekyll, once it
// does; a README.md is a section's index unless an _index file is there,
// and a readme.md beside it is a page.
// A cached page follows its folder when only its siblings changed.
func TestIndexPlacementFollowsTheFolder(t *testing.T) {
	files := map[string]string{
		"content/index.md":                      "# Home\n",
		"content/stories/podcast/index.md":      "---\ntitle: Podcast\n---\n",
		"content/stories/podcast/photo.jpg":     "JPG",
		"content/guides/index.md":               "# Guides\n",
		"content/guides/index.en.md":            "# Guides\n",
		"content/guides/first.md":               "# First\n",
		"content/docs/index.md":                 "# Docs\n",
		"content/docs/deep/more/page.md":        "# Page\n",
		"content/en/manual/README.md":           "# Manual\n",
		"content/en/manual/intro.md":            "# Intro\n",
		"content/handbook/README.md":            "# Handbook readme\n",
		"content/handbook/_index.md":            "---\ntitle: Handbook\n---\n",
		"content/web/readme.md":                 "# How to read this\n",
		"content/web/README.md":                 "# Web services\n",
		"content/site/index.md":                 "# Site\n",
		"content/site/README.md":                "# How to edit this site\n",
		"content/site/page.md":                  "# Page\n",
		"content/.gitbook/assets/index.md":      "not a page",
		"content/guides/.obsidian/workspace.md": "hidden",
	}
	kinds := func(set *Set) map[string]string {
		m := map[string]string{}
		for _, p := range set.Pages {
			k := p.Kind
			if p.Bundle {
				k = "bundle"
			}
			m[p.Path] = k
		}
		return m
	}
	set := mustLoad(t, files)
	for path, want := range map[string]string{
		"content/index.md":                 "home",
		"content/stories/podcast/index.md": "bundle",
		"content/guides/index.md":          "section",
		"content/guides/index.en.md":       "section",
		"content/docs/index.md":            "section",
		"content/en/manual/README.md":      "section",
		"content/handbook/README.md":       "page",
		"content/handbook/_index.md":       "section",
		// GitBook reads README.md as the folder's; readme.md is a page.
		"content/web/README.md": "section",
		"content/web/readme.md": "page",
		// GitHub Pages publishes index.md before README.md.
		"content/site/index.md":  "section",
		"content/site/README.md": "page",
	} {
		if got := kinds(set)[path]; got != want {
			t.Errorf("%s: %s, want %s", path, got, want)
		}
	}

	// From the build cache: a page added beside the bundle makes its
	// index a section; the README loses its _index and becomes one.
	files["content/stories/podcast/episode-2.md"] = "# Episode 2\n"
	delete(files, "content/handbook/_index.md")
	again := reloadFromCache(t, set, files)
	if got := kinds(again)["content/stories/podcast/index.md"]; got != "section" {
		t.Errorf("bundle with a page beside it: %s, want section", got)
	}
	if got := kinds(again)["content/handbook/README.md"]; got != "section" {
		t.Errorf("README without its _index: %s, want section", got)
	}
}

// reloadFromCache loads files again as a warm build does: with set, as
// the build cache keeps it, for Previous.
func reloadFromCache(t *testing.T, set *Set, files map[string]string) *Set {
	t.Helper()
	var cache bytes.Buffer
	if err := set.Encode(&cache); err != nil {
		t.Fatal(err)
	}
	prev, err := DecodeSet(cache.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	again, err := Load(mapFS(files), testConfig(), Options{Previous: prev, DropBodies: true})
	if err != nil {
		t.Fatal(err)
	}
	return again
}

// What starts with "_" steers Jekyll or Docusaurus and is no content,
// except the _index files and Jekyll's collections at the top, which
// publish as the section they name.
func TestUnderscoreNames(t *testing.T) {
	set := mustLoad(t, map[string]string{
		"content/_index.md":                       "---\ntitle: Home\n---\n",
		"content/guides/_index.en.md":             "---\ntitle: Guides\n---\n",
		"content/guides/_partial.md":              "# a Docusaurus partial\n",
		"content/guides/_category_.json":          "{}",
		"content/guides/_shared/x.md":             "# under the top: not content\n",
		"content/_config.yml":                     "title: x\n",
		"content/_layouts/post.html":              "<html></html>",
		"content/_includes/note.md":               "# include\n",
		"content/_drafts/idea.md":                 "# draft\n",
		"content/_posts/2024-01-15-first-duo.md":  "# First duo\n",
		"content/_posts/2024-01-15-first-duo.png": "PNG",
		"content/en/_posts/2024-02-01-second.md":  "# Second\n",
		"content/_pages/about.md":                 "# About\n",
		"content/_pages/team/charter.md":          "# Charter\n",
	})
	got := map[string]string{}
	for _, p := range set.Pages {
		got[p.Path] = p.Section + " " + p.Slug
	}
	want := map[string]string{
		"content/_index.md":                      " ",
		"content/guides/_index.en.md":            "guides ",
		"content/_posts/2024-01-15-first-duo.md": "posts first-duo",
		"content/en/_posts/2024-02-01-second.md": "posts second",
		// Jekyll sites keep their plain pages in _pages: they publish
		// at the root, not under /pages/.
		"content/_pages/about.md":        " about",
		"content/_pages/team/charter.md": "team charter",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("pages (section slug):\n got %q\nwant %q", got, want)
	}
	if len(set.Assets) != 1 || set.Assets[0].Rel != "posts/2024-01-15-first-duo.png" {
		t.Errorf("assets %+v, want the post's image alone, under posts/", set.Assets)
	}
}
