package migrate

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"binome/internal/testfs"
)

// A Just the Docs site keeps its pages in one folder and nests them by
// parent: and grand_parent:. The import moves each into its parent's
// folder, with its own folder if it has one, and every link keeps
// reaching what it reached: the new site builds without a broken link,
// its sidebar and breadcrumbs nest as the old navigation did, and the
// old URLs redirect.
func TestImportNestsJustTheDocsParents(t *testing.T) {
	_, r, dst := importSite(t, map[string]string{
		"_config.yml":        "title: Handbook\ntheme: just-the-docs\n",
		"index.md":           "---\ntitle: Home\nnav_order: 1\n---\nStart with [colors](docs/colors.md) or [the tag]({% link docs/colors.md %}).\n",
		"docs/images/a.png":  "png",
		"docs/setup.md":      "---\ntitle: Setup\nnav_order: 2\nhas_children: true\n---\nSetting up.\n",
		"docs/install.md":    "---\ntitle: Install\nparent: Setup\n---\nSee [colors](colors.md), [dark](dark/) and [the ref].\n\n```\n[code](colors.md)\n```\n\n`[span](colors.md)`\n\n[the ref]: colors.md#top\n",
		"docs/colors.md":     "---\ntitle: Colors\nparent: Install\ngrand_parent: Setup\nhas_children: true\n---\n## Top\n\nBack to [install](install.md), [setup](setup/), ![a](images/a.png), <a href=\"install.md\">here</a>.\n",
		"docs/dark.md":       "---\ntitle: Dark mode\nparent: Colors\n---\nUp to [colors](colors/).\n",
		"docs/other/page.md": "---\ntitle: Other\n---\nSee [install](../install.md) and [dark](/docs/dark.md).\n",
		"docs/colors/sub.md": "---\ntitle: Sub\nparent: Colors\n---\nA page already in its parent's folder.\n",
	})
	if r.Nested != 4 || len(r.ParentsLeft) != 0 {
		t.Fatalf("nested %d, left %q; want 4 moved (install, colors, its folder's page, dark), none left", r.Nested, r.ParentsLeft)
	}
	hasFiles(t, dst, []string{"content/docs/setup.md", "content/docs/setup/install.md", "content/docs/setup/install/colors.md",
		"content/docs/setup/install/colors/sub.md", "content/docs/setup/install/colors/dark.md", "content/docs/images/a.png"},
		[]string{"content/docs/install.md", "content/docs/colors.md", "content/docs/dark.md", "content/docs/colors"})
	read := func(rel string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dst, "content", rel))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for file, wants := range map[string][]string{
		"index.md":                          {"[colors](docs/setup/install/colors.md)", "{% link docs/setup/install/colors.md %}"},
		"docs/setup/install.md":             {"[colors](install/colors.md)", "[dark](colors/dark/)", "[the ref]: install/colors.md#top", "[code](colors.md)", "`[span](colors.md)`", "aliases:"},
		"docs/setup/install/colors.md":      {"[install](../install.md)", "[setup](../../)", "![a](../../images/a.png)", `<a href="../install.md">`},
		"docs/setup/install/colors/dark.md": {"[colors](../)"},
		"docs/other/page.md":                {"[install](../setup/install.md)", "[dark](/docs/setup/install/colors/dark.md)"},
	} {
		got := read(file)
		for _, want := range wants {
			if !strings.Contains(got, want) {
				t.Errorf("%s lacks %s:\n%s", file, want, got)
			}
		}
	}
	out := buildWithoutWarnings(t, dst)
	page, err := os.ReadFile(filepath.Join(out, "docs/setup/install/colors/dark/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	crumbs := regexp.MustCompile(`(?s)<nav[^>]*breadcrumb.*?</nav>`).Find(page)
	text := strings.Join(strings.Fields(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(string(crumbs), " ")), " ")
	if !strings.Contains(text, "Setup Install Colors") {
		t.Errorf("breadcrumbs %q, want Setup > Install > Colors above Dark mode", text)
	}
	for _, old := range []string{"docs/install/index.html", "docs/colors/index.html", "docs/dark/index.html", "docs/install.html"} {
		b, err := os.ReadFile(filepath.Join(out, old))
		if err != nil || !strings.Contains(string(b), `http-equiv="refresh"`) {
			t.Errorf("old URL %s does not redirect (%v)", old, err)
		}
	}
}

// A parent that names no page, the title of several pages, or a circle
// of parents leaves the page where it is, and says why.
func TestNestParentsLeaves(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		left  []string // what each note of ParentsLeft holds
	}{
		{"no such page", map[string]string{"a.md": "---\ntitle: A\nparent: Nowhere\n---\n"},
			[]string{`content/a.md: parent "Nowhere" names no page`}},
		{"two pages of the title", map[string]string{
			"x/one.md": "---\ntitle: Guide\nhas_children: true\n---\n", "y/two.md": "---\ntitle: Guide\nhas_children: true\n---\n",
			"a.md": "---\ntitle: A\nparent: Guide\n---\n"},
			[]string{`content/a.md: parent "Guide" is the title of 2 pages`}},
		{"a circle", map[string]string{
			"a.md": "---\ntitle: A\nparent: B\n---\n", "b.md": "---\ntitle: B\nparent: A\n---\n"},
			[]string{"content/a.md: its parents name each other in a circle", "content/b.md: its parents name each other in a circle"}},
		{"a file of that name there", map[string]string{
			"setup.md": "---\ntitle: Setup\n---\n", "setup/install.md": "---\ntitle: Other\n---\n",
			"install.md": "---\ntitle: Install\nparent: Setup\n---\n"},
			[]string{`content/install.md: its parent "Setup" has a folder holding content/setup/install.md already`}},
		{"the home page", map[string]string{
			"index.md": "---\ntitle: Home\n---\n", "docs/a.md": "---\ntitle: A\nparent: Home\n---\n"},
			nil},
		{"already nested", map[string]string{
			"setup/index.md": "---\ntitle: Setup\nhas_children: true\n---\n", "setup/install.md": "---\ntitle: Install\nparent: Setup\n---\n[x](../a.md)\n",
			"a.md": "---\ntitle: A\n---\n"},
			nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			testfs.Write(t, dir, tc.files)
			moved, left, err := nestParents(dir)
			if err != nil {
				t.Fatal(err)
			}
			if moved != 0 {
				t.Errorf("%d page(s) moved, want none", moved)
			}
			slices.Sort(left)
			if len(left) != len(tc.left) {
				t.Fatalf("left %q, want %d note(s)", left, len(tc.left))
			}
			for i, want := range tc.left {
				if !strings.HasPrefix(left[i], want) {
					t.Errorf("note %q, want it to start with %q", left[i], want)
				}
			}
			for rel, text := range tc.files {
				if b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel))); err != nil || string(b) != text {
					t.Errorf("%s changed or gone: %q (%v)", rel, b, err)
				}
			}
		})
	}
}

// The URL binome gives a page where it lies, which a page moved keeps as
// its alias.
func TestBinomeURL(t *testing.T) {
	for _, tc := range []struct {
		rel, slug   string
		hasChildren bool
		want        string
	}{
		{"index.md", "", false, "/"},
		{"README.md", "", false, "/"},
		{"about.md", "", false, "/about/"},
		{"docs/index.md", "", false, "/docs/"},
		{"docs/setup.md", "", false, "/docs/setup/"},
		{"docs/setup.md", "install", false, "/docs/install/"},
		{"docs/ui/ui.md", "", true, "/docs/ui/"},
		{"docs/ui/ui.md", "", false, "/docs/ui/ui/"},
		{"Mon Dossier/Été 2024.md", "", false, "/mon-dossier/ete-2024/"},
	} {
		if got := binomeURL(tc.rel, tc.slug, tc.hasChildren); got != tc.want {
			t.Errorf("binomeURL(%q, %q, %v) = %q, want %q", tc.rel, tc.slug, tc.hasChildren, got, tc.want)
		}
	}
}

// rewriteTargets changes the links of a page's text, but not what code
// shows: fenced and indented blocks, and spans. A list item's paragraphs
// are indented as code is outside a list; their links are links.
func TestRewriteTargetsSkipsCode(t *testing.T) {
	fix := func(target string) string { return "new/" + target }
	for _, tc := range []struct{ name, in, want string }{
		{"a paragraph", "See [a](a.md).\n", "See [a](new/a.md).\n"},
		{"a span", "Write `[a](a.md)` for [b](b.md).\n", "Write `[a](a.md)` for [b](new/b.md).\n"},
		{"a fence", "```md\n[a](a.md)\n```\n[b](b.md)\n", "```md\n[a](a.md)\n```\n[b](new/b.md)\n"},
		{"indented code", "Text.\n\n    [a](a.md)\n    [b](b.md)\n\n[c](c.md)\n", "Text.\n\n    [a](a.md)\n    [b](b.md)\n\n[c](new/c.md)\n"},
		{"a tab", "Text.\n\n\t[a](a.md)\n", "Text.\n\n\t[a](a.md)\n"},
		{"a paragraph's continuation", "Text\n    [a](a.md)\n", "Text\n    [a](new/a.md)\n"},
		{"a list item's paragraph", "1. Step\n\n    See [a](a.md).\n", "1. Step\n\n    See [a](new/a.md).\n"},
		{"a nested item", "- One\n\n    - Two [a](a.md)\n", "- One\n\n    - Two [a](new/a.md)\n"},
		{"code in a list item", "- Step\n\n      [a](a.md)\n", "- Step\n\n      [a](a.md)\n"},
		{"a fence in a list item", "- Step\n\n  ```\n  [a](a.md)\n  ```\n  [b](b.md)\n", "- Step\n\n  ```\n  [a](a.md)\n  ```\n  [b](new/b.md)\n"},
		{"code after a list", "- Item\n\nText.\n\n    [a](a.md)\n", "- Item\n\nText.\n\n    [a](a.md)\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(rewriteTargets([]byte(tc.in), fix)); got != tc.want {
				t.Errorf("rewriteTargets(%q)\n = %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}
