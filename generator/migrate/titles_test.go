package migrate

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"binome/generator"
)

// Jekyll titled a document of a collection or of _posts by its file
// name when it had no title: import writes that title, so the pages keep
// it and the build has no warning for each. Pages outside collections,
// and documents with a title or a heading, are left as written.
func TestImportJekyllTitlesFromFileNames(t *testing.T) {
	_, r, dst := importSite(t, map[string]string{
		"_config.yml":                    "title: Lab\npermalink: pretty\ncollections:\n  people:\n    output: true\n",
		"index.md":                       "# Lab\n",
		"about.md":                       "Who we are.\n",
		"_posts/2024-01-15-first-duo.md": "The first duo met.\n",
		"_people/jane-doe.md":            "---\nrole: mentor\n---\nJane mentors.\n",
		"_people/my-API-guide.md":        "---\n---\n```\n# not a heading\n```\n",
		"_people/ada.md":                 "# Ada Lovelace\n",
		"_people/bob.md":                 "---\ntitle: Bob B.\n---\nBob.\n",
		"_people/toml.md":                "+++\nrole = \"mentor\"\n+++\nToml.\n",
	})
	want := map[string]string{
		"_posts/2024-01-15-first-duo.md": "---\naliases: [/2024/01/15/first-duo/]\ntitle: First Duo\n---\nThe first duo met.\n",
		"_people/jane-doe.md":            "---\nrole: mentor\ntitle: Jane Doe\n---\nJane mentors.\n",
		"_people/my-API-guide.md":        "---\ntitle: My Api Guide\n---\n```\n# not a heading\n```\n",
		"_people/ada.md":                 "# Ada Lovelace\n",
		"_people/bob.md":                 "---\ntitle: Bob B.\n---\nBob.\n",
		"_people/toml.md":                "+++\nrole = \"mentor\"\n+++\nToml.\n",
		"about.md":                       "Who we are.\n",
	}
	for file, text := range want {
		got, err := os.ReadFile(filepath.Join(dst, "content", filepath.FromSlash(file)))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != text {
			t.Errorf("%s:\n%s\nwant:\n%s", file, got, text)
		}
	}
	if r.Titled != 3 {
		t.Errorf("report: %d titled, want 3", r.Titled)
	}
	stats, err := generator.Check(context.Background(), generator.Options{Source: dst, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range stats.Warnings {
		if strings.Contains(w.Error(), "no title") && !strings.Contains(w.Error(), "about.md") && !strings.Contains(w.Error(), "toml.md") {
			t.Errorf("warning after import: %v", w)
		}
	}
}

func TestTitleizeSlug(t *testing.T) {
	for name, want := range map[string]string{
		"2024-01-15-first-duo": "First Duo",
		"jane-doe":             "Jane Doe",
		"my-API-guide":         "My Api Guide",
		"élise--martin":        "Élise  Martin",
		"notes.":               "Notes",
		"2024-1-5-x":           "X",
	} {
		if got := titleizeSlug(name); got != want {
			t.Errorf("titleizeSlug(%q) = %q, want %q", name, got, want)
		}
	}
}
