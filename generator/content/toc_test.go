package content

import (
	"reflect"
	"slices"
	"testing"
)

func TestGitBookAssetsAreCopiedAndOtherHiddenFilesSkipped(t *testing.T) {
	set := mustLoad(t, map[string]string{
		"content/guides/a.md":                   "# A\n",
		"content/.gitbook/assets/image (1).png": "PNG",
		"content/.gitbook/assets/notes.md":      "# an upload, not a page\n",
		"content/.gitbook/assets/.DS_Store":     "x",
		"content/.gitbook/includes/block.md":    "# a reusable block\n",
		"content/guides/.gitbook/assets/x.png":  "PNG",
	})
	var got []string
	for _, a := range set.Assets {
		got = append(got, a.Rel)
	}
	want := []string{".gitbook/assets/image (1).png", ".gitbook/assets/notes.md"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("assets %q, want %q", got, want)
	}
	if len(set.Pages) != 1 {
		t.Errorf("%d pages, want only a.md", len(set.Pages))
	}
}

const summaryMD = `# Table of contents

* [Welcome](README.md)

## Onboarding

* [Getting started](onboarding/README.md)
  * [Zebra](onboarding/zebra.md)
  * [Alpha](<onboarding/alpha%20step.md> "the second step")
  * [Again](onboarding/zebra.md#later)
  - [Elsewhere](https://example.org/x.md)
  1. [Weighted](onboarding/weighted.md)
`

func TestSummaryOrdersPages(t *testing.T) {
	files := map[string]string{
		"content/SUMMARY.md":               summaryMD,
		"content/README.md":                "# Welcome\n",
		"content/onboarding/README.md":     "# Getting started\n",
		"content/onboarding/zebra.md":      "# Zebra\n",
		"content/onboarding/alpha step.md": "# Alpha\n",
		"content/onboarding/weighted.md":   "---\nweight: 50\n---\n# W\n",
		"content/onboarding/docusaurus.md": "---\nsidebar_position: 2.5\n---\n# D\n",
		"content/onboarding/jtd.md":        "---\nnav_order: 7\n---\n# J\n",
		"content/onboarding/unlisted.md":   "# U\n",
		"content/en/SUMMARY.md":            "* [Alpha](onboarding/alpha.md)\n",
		"content/en/onboarding/alpha.md":   "# Alpha\n",
	}
	set := mustLoad(t, files)
	for path, want := range map[string]int{
		"content/README.md":                1,
		"content/onboarding/README.md":     2,
		"content/onboarding/zebra.md":      3,
		"content/onboarding/alpha step.md": 4,
		"content/onboarding/weighted.md":   50, // its own weight wins
		"content/onboarding/docusaurus.md": 2,
		"content/onboarding/jtd.md":        7,
		"content/onboarding/unlisted.md":   0,
		"content/en/onboarding/alpha.md":   1,
	} {
		if got := pageAt(t, set, path).Weight; got != want {
			t.Errorf("%s: weight %d, want %d", path, got, want)
		}
	}
	for _, p := range set.Pages {
		if p.Slug == "summary" {
			t.Errorf("SUMMARY.md became a page: %s", p.Path)
		}
	}

	// A reload that reuses every page but reads a new table of contents
	// orders them by it, and the first Set is left as it was.
	files["content/SUMMARY.md"] = "* [Alpha](onboarding/alpha%20step.md)\n* [Zebra](onboarding/zebra.md)\n"
	again := reloadFromCache(t, set, files)
	if a, z := pageAt(t, again, "content/onboarding/alpha step.md").Weight, pageAt(t, again, "content/onboarding/zebra.md").Weight; a != 1 || z != 2 {
		t.Errorf("after the edit: alpha %d, zebra %d; want 1, 2", a, z)
	}
	if w := pageAt(t, again, "content/README.md").Weight; w != 0 {
		t.Errorf("README.md left the table but kept weight %d", w)
	}
	if w := pageAt(t, set, "content/onboarding/zebra.md").Weight; w != 3 {
		t.Errorf("the first Set changed: zebra weight %d, want 3", w)
	}
}

// A table of contents links pages in the forms GitBook and import write,
// angle brackets around a path with spaces included, and keeps each
// link's text.
func TestParseTOC(t *testing.T) {
	toc := "# Contents\n\n* [Intro](README.md)\n  * [Safety](<Lab Safety/sop one.md>)\n- [](wet-lab/blast.md \"tip\")\n* [Site](https://example.org/x.md)\n1. [Anchor](#a)\n* [Again](README.md)\n"
	paths, titles := ParseTOC("content/SUMMARY.md", []byte(toc))
	wantPaths := []string{"content/README.md", "content/Lab Safety/sop one.md", "content/wet-lab/blast.md"}
	wantTitles := []string{"Intro", "Safety", ""}
	if !slices.Equal(paths, wantPaths) || !slices.Equal(titles, wantTitles) {
		t.Errorf("ParseTOC = %q, %q\nwant %q, %q", paths, titles, wantPaths, wantTitles)
	}
}
