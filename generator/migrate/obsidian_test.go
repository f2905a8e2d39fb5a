package migrate

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// Obsidian's #tags are read where Obsidian reads them, and nowhere else.
func TestNoteTags(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string
	}{
		{"in text, once each", "Met with #mentoring and #remote-work.\n#mentoring again\n", []string{"mentoring", "remote-work"}},
		{"nested", "See #programme/2025 now", []string{"programme/2025"}},
		{"numbers and headings are none", "# Title\n## Part\nIssue #42, #2024\n", nil},
		{"anchors, C# and entities are none", "[x](#anchor) C# &#39; [[Note#Heading]] https://e.org/#/route\n", nil},
		{"code is none", "```\n#include <x>\n```\n`#span` and\n\n    #indented\n\n- item\n    - nested #kept\n", []string{"kept"}},
		{"comments are none", "<!-- #hidden --> %%#note%% #shown\n", []string{"shown"}},
		{"accents", "#réunion", []string{"réunion"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := noteTags([]byte(tt.body)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("noteTags = %q, want %q", got, tt.want)
			}
		})
	}
}

// A vault's notes get their #tags in their frontmatter: a line added
// when there is no tags field, merged into one that is there, the rest
// of the frontmatter as it was; a note without tags is not touched.
func TestImportObsidianTags(t *testing.T) {
	_, r, dst := importSite(t, map[string]string{
		".obsidian/app.json": "{}",
		"Plain.md":           "Notes on #onboarding.\n",
		"Front.md":           "---\ntitle: Front\ndate: 2024-05-01\n---\nAbout #remote and #onboarding\n",
		"Listed.md":          "---\ntitle: Listed\ntags:\n  - remote\n---\nMore #remote, #culture\n",
		"Text.md":            "---\ntags: a, b\n---\n#c\n",
		"Same.md":            "---\ntags: [x]\n---\n#x\n",
		"None.md":            "---\ntitle: None\n---\nNo tag here.\n",
		"Toml.md":            "+++\ntitle = \"T\"\n+++\n#t\n",
	})
	want := map[string]string{
		"Plain.md":  "---\ntags: [onboarding]\n---\nNotes on #onboarding.\n",
		"Front.md":  "---\ntitle: Front\ndate: 2024-05-01\ntags: [remote, onboarding]\n---\nAbout #remote and #onboarding\n",
		"Listed.md": "---\ntitle: Listed\ntags:\n  - remote\n  - culture\n---\nMore #remote, #culture\n",
		"Text.md":   "---\ntags:\n  - a\n  - b\n  - c\n---\n#c\n",
		"Same.md":   "---\ntags: [x]\n---\n#x\n",
		"None.md":   "---\ntitle: None\n---\nNo tag here.\n",
		"Toml.md":   "+++\ntitle = \"T\"\n+++\n#t\n",
	}
	for name, text := range want {
		got, err := os.ReadFile(filepath.Join(dst, "content", name))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != text {
			t.Errorf("%s:\n%s\nwant:\n%s", name, got, text)
		}
	}
	if r.Tagged != 4 || !reflect.DeepEqual(r.TagsLeft, []string{"content/Toml.md"}) {
		t.Errorf("report: %d tagged, left %q; want 4 and Toml.md", r.Tagged, r.TagsLeft)
	}
	pages := checkImported(t, dst)
	if got := pages["content/Listed.md"].Tags; !reflect.DeepEqual(got, []string{"remote", "culture"}) {
		t.Errorf("Listed.md's tags = %q", got)
	}
}
