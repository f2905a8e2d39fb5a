package migrate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// MkDocs' awesome-pages plugin titles folders and orders pages with
// .pages files: import carries both over, as frontmatter, and removes
// the files; an entry that names nothing is in the report.
func TestImportAwesomePages(t *testing.T) {
	s, _, dst := importSite(t, map[string]string{
		"mkdocs.yml":                   "site_name: Cours\n",
		"docs/.pages":                  "nav:\n  - index.md\n  - tools\n  - course\n",
		"docs/index.md":                "# Accueil\n",
		"docs/course/intro.md":         "# Intro\n",
		"docs/tools/.pages":            "title: Outils\narrange:\n  - build\n  - ...\n  - Le dernier: last.md\n  - gone.md\n",
		"docs/tools/editor.md":         "# Éditeurs\n",
		"docs/tools/last.md":           "---\ntitle: Last page\n---\n",
		"docs/tools/build/.pages":      "title: Build System\nnav:\n  - make.md\n  - cmake.md\n",
		"docs/tools/build/cmake.md":    "# CMake\n",
		"docs/tools/build/make.md":     "# Make\n",
		"docs/tools/build/index.md":    "# Construire\n",
		"docs/tools/build/ninja.md":    "# Ninja\n",
		"docs/tools/other/.pages":      "titles: typo\n",
		"docs/tools/other/analysis.md": "# Analysis\n",
	})
	for file, want := range map[string]string{
		"tools/_index.md":       "---\ntitle: \"Outils\"\nweight: 2\n---\n",
		"course/_index.md":      "---\nweight: 3\n---\n",
		"tools/build/index.md":  "---\nlinkTitle: \"Build System\"\nweight: 1\n---\n# Construire\n",
		"tools/build/make.md":   "---\nweight: 1\n---\n# Make\n",
		"tools/build/cmake.md":  "---\nweight: 2\n---\n# CMake\n",
		"tools/build/ninja.md":  "# Ninja\n",
		"tools/last.md":         "---\ntitle: Last page\nlinkTitle: \"Le dernier\"\nweight: 1003\n---\n",
		"tools/editor.md":       "# Éditeurs\n",
		"tools/other/_index.md": "",
	} {
		got, err := os.ReadFile(filepath.Join(dst, "content", filepath.FromSlash(file)))
		if want == "" {
			if err == nil {
				t.Errorf("%s written:\n%s", file, got)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Errorf("%s:\n%s\nwant:\n%s", file, got, want)
		}
	}
	hasFiles(t, dst, nil, []string{"content/.pages", "content/tools/.pages", "content/tools/build/.pages"})
	if left := strings.Join(s.Left, "\n"); !strings.Contains(left, "content/tools/.pages: gone.md, which is not there") {
		t.Errorf("the report does not name the entry that names nothing:\n%s", left)
	}
	checkImported(t, dst)
}
