package migrate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func readNew(t *testing.T, dst, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dst, "content", filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Each tool's include directive puts the file it names into the page, as
// the tool showed it: line ranges, anchors, indentation, includes of
// includes; what cannot be put in stays as written and is reported with
// its page and line.
func TestImportPutsIncludesIn(t *testing.T) {
	listing := "// ANCHOR: all\nfn main() {\n    // ANCHOR: body\n    println!(\"hi\");\n    // ANCHOR_END: body\n}\n// ANCHOR_END: all\n"
	for _, tc := range []struct {
		name  string
		files map[string]string
		page  string
		want  []string
		not   []string
		left  []string
	}{
		{
			name: "mdBook",
			files: map[string]string{
				"book.toml":        "[book]\ntitle = \"B\"\n",
				"src/SUMMARY.md":   "# Summary\n\n- [Ch](ch.md)\n",
				"src/ch.md":        "# Ch\n\n```rust\n{{#include ../listings/main.rs:body}}\n```\n\n```rust\n{{#include ../listings/main.rs:2:2}}\n```\n\n{{#playground ../listings/main.rs}}\n\n{{#include missing.rs}}\n\n{{#include ../../outside.rs}}\n",
				"listings/main.rs": listing,
				"../outside.rs":    "secret",
			},
			page: "ch.md",
			want: []string{"```rust\n    println!(\"hi\");\n```", "```rust\nfn main() {\n```", "```rs\nfn main() {\n    println!(\"hi\");\n}\n```"},
			not:  []string{"ANCHOR", "secret"},
			left: []string{"ch.md:13: missing.rs not found", "ch.md:15: ../../outside.rs not found"},
		},
		{
			name: "MkDocs snippets",
			files: map[string]string{
				"mkdocs.yml":       "site_name: M\nmarkdown_extensions:\n  - admonition\n  - pymdownx.snippets:\n      base_path: [includes]\n",
				"docs/index.md":    "# Home\n\n!!! note\n    --8<-- \"note.md\"\n\n--8<--\nabbr.md\n;skipped.md\n--8<--\n\n--8<-- \"part.md:sec\"\n\n--8<-- \"part.md:2:3\"\n",
				"includes/note.md": "Line one.\n\nLine two.\n",
				"includes/abbr.md": "*[HR]: Human Resources\n",
				"includes/part.md": "a\nb\nc\n--8<-- [start:sec]\nin section\n--8<-- [end:sec]\n",
			},
			page: "index.md",
			want: []string{"!!! note\n    Line one.\n\n    Line two.\n", "*[HR]: Human Resources\n", "in section\n", "b\nc\n"},
			not:  []string{"8<", "skipped"},
		},
		{
			name: "Hugo readfile and include",
			files: map[string]string{
				"hugo.toml":                      "title = 'H'\n",
				"content/guides/a.md":            "---\ntitle: A\n---\n{{% readfile file=\"shared/steps.md\" %}}\n\n{{< readfile file=\"/static/cfg.yaml\" code=\"true\" lang=\"yaml\" >}}\n\n{{% include \"content/guides/shared/steps.md\" %}}\n",
				"content/guides/shared/steps.md": "---\ntitle: Steps\n---\n1. One\n2. Two\n",
				"static/cfg.yaml":                "key: value\n",
			},
			page: "guides/a.md",
			want: []string{"title: A\n---\n1. One\n2. Two\n", "```yaml\nkey: value\n```", "2. Two\n\n```yaml"},
			not:  []string{"readfile", "title: Steps", "{{% include"},
		},
		{
			name: "Jekyll and GitBook",
			files: map[string]string{
				"_config.yml":             "title: J\n",
				"guide.md":                "---\ntitle: G\n---\n{% include_relative parts/intro.md %}\n{% include note.html content=\"x\" %}\n{% include disclaimer.md %}\n{% include \"./parts/loop.md\" %}\n{% raw %}\n{% include_relative parts/intro.md %}\n{% endraw %}\n",
				"parts/intro.md":          "Intro {% include_relative more.md %}.",
				"parts/more.md":           "and more",
				"parts/loop.md":           "{% include \"./loop.md\" %}",
				"_includes/disclaimer.md": "Disclaimer.",
			},
			page: "guide.md",
			want: []string{"Intro and more.\n", `{% include note.html content="x" %}`, "Disclaimer.\n", "{% raw %}\n{% include_relative parts/intro.md %}\n{% endraw %}"},
			left: []string{"parts/loop.md:1: ./loop.md includes itself"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, r, dst := importSite(t, tc.files)
			got := readNew(t, dst, tc.page)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("no %q in\n%s", w, got)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(got, n) {
					t.Errorf("%q left in\n%s", n, got)
				}
			}
			left := strings.Join(r.IncludesLeft, "\n")
			for _, l := range tc.left {
				if !strings.Contains(left, l) {
					t.Errorf("report %q does not say %q", left, l)
				}
			}
			if r.Inlined == 0 {
				t.Error("the report counts no include put in")
			}
		})
	}
}

// Docusaurus' Markdown partials, imported by a page and shown where it
// writes their component, are put into the page, as Docusaurus shows
// them; a component shown inside a line stays, with its import.
func TestImportDocusaurusPartials(t *testing.T) {
	_, r, dst := importSite(t, map[string]string{
		"docusaurus.config.js":    "module.exports = { title: 'T' };\n",
		"docs/_features-table.md": "---\ntitle: partial\n---\n| Feature | Yes |\n|---|---|\n| Lock | ✓ |\n",
		"docs/guide/features.md":  "---\ntitle: Features\n---\nimport FeaturesTable from '.././_features-table.md';\nimport Gone from './_gone.md';\nimport Button from '@site/src/components/Button';\n\n## All of them\n\n  <FeaturesTable />\n\n<Gone/>\n",
	})
	got, err := os.ReadFile(filepath.Join(dst, "content", "docs", "guide", "features.md"))
	if err != nil {
		t.Fatal(err)
	}
	want := "---\ntitle: Features\n---\n\nimport Gone from './_gone.md';\nimport Button from '@site/src/components/Button';\n\n## All of them\n\n  | Feature | Yes |\n  |---|---|\n  | Lock | ✓ |\n\n<Gone/>\n"
	if string(got) != want {
		t.Errorf("features.md:\n%s\nwant:\n%s", got, want)
	}
	if r.Inlined != 1 || len(r.IncludesLeft) != 1 || !strings.Contains(r.IncludesLeft[0], "./_gone.md not found") {
		t.Errorf("report: %d inlined, left %q", r.Inlined, r.IncludesLeft)
	}
	checkImported(t, dst)
}
