package generator

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// A build that reuses the cache writes exactly what a cold build of the
// same files writes, whatever was edited in between (issue 6).
func TestWarmBuildEqualsColdBuild(t *testing.T) {
	dir := writeSite(t, bilingual+`
-- content/profiles/lea.md --
---
name: Léa
role: mentor
skills_offered: [data]
---
Léa aime les données.
-- content/profiles/marc.md --
---
name: Marc
role: mentee
skills_sought: [data]
---
Marc dirige la finance.
`)
	rng := rand.New(rand.NewPCG(7, 11))
	guides := []string{"first-meeting.md", "keys.md", "toml.md", "untitled.md"}
	edits := []func(i int){
		func(i int) { // append to a body
			appendFile(t, dir, "content/guides/"+guides[rng.IntN(len(guides))], fmt.Sprintf("\nParagraphe %d.\n", i))
		},
		func(i int) { // retitle a page: every list changes
			writeFile(t, dir, "content/guides/keys.md", fmt.Sprintf("---\ntitle: Les clés %d\nweight: 1\n---\n## Liste de contrôle\n", i))
		},
		func(i int) { // a new page
			writeFile(t, dir, fmt.Sprintf("content/guides/new-%d.md", i), fmt.Sprintf("---\ntitle: Nouveau %d\n---\nVoir [les clés](keys.md).\n", i))
		},
		func(i int) { // a page removed
			os.Remove(filepath.Join(dir, "content/guides/untitled.md"))
		},
		func(i int) { // the theme changes
			writeFile(t, dir, "themes/mine/layouts/partials/footer.html", fmt.Sprintf("<footer>pied %d</footer>", i))
			writeFile(t, dir, "site.yaml", "title: Test\ndefaultLanguage: fr\nlanguages:\n  fr: {title: Essai, weight: 1}\n  en: {title: Test, weight: 2}\ntaxonomies: [tags, skills]\ntheme: [mine, default]\n")
		},
		func(i int) { // a profile's skills change: directory, matches, impact
			writeFile(t, dir, "content/profiles/marc.md", fmt.Sprintf("---\nname: Marc\nrole: mentee\nskills_sought: [data, skill%d]\n---\nMarc.\n", i))
		},
		func(int) {}, // nothing at all
	}
	for i := range 14 {
		edits[rng.IntN(len(edits))](i)
		warm, err := Build(t.Context(), Options{Source: dir})
		if err != nil {
			t.Fatalf("edit %d: warm build: %v", i, err)
		}
		cold := t.TempDir()
		if _, err := Build(t.Context(), Options{Source: dir, Dest: cold, NoCache: true}); err != nil {
			t.Fatalf("edit %d: cold build: %v", i, err)
		}
		if a, b := snapshotDir(t, filepath.Join(dir, "public")), snapshotDir(t, cold); a != b {
			t.Fatalf("edit %d: the warm build differs from a cold one", i)
		}
		if len(warm.Warnings) == 0 && i == 0 {
			t.Log("no warnings on the first build")
		}
	}
	if _, err := os.Stat(filepath.Join(dir, CacheDir, "build.gob")); err != nil {
		t.Errorf("no cache written: %v", err)
	}
}

// Deleting the cache folder is always safe: the next build is cold.
func TestCacheFolderIsSafeToDelete(t *testing.T) {
	dir := writeSite(t, bilingual)
	mustBuild(t, dir)
	before := snapshotDir(t, filepath.Join(dir, "public"))
	os.RemoveAll(filepath.Join(dir, CacheDir))
	mustBuild(t, dir)
	if snapshotDir(t, filepath.Join(dir, "public")) != before {
		t.Error("output changed after deleting the cache")
	}
	// A corrupt cache is ignored too.
	os.WriteFile(filepath.Join(dir, CacheDir, "build.gob"), []byte("garbage"), 0o644)
	os.WriteFile(filepath.Join(dir, CacheDir, "content.gob"), []byte("garbage"), 0o644)
	mustBuild(t, dir)
	if snapshotDir(t, filepath.Join(dir, "public")) != before {
		t.Error("output changed with a corrupt cache")
	}
}

func appendFile(t *testing.T, dir, rel, text string) {
	t.Helper()
	f, err := os.OpenFile(filepath.Join(dir, rel), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(text)
	f.Close()
}

func writeFile(t *testing.T, dir, rel, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// snapshotDir lists every file under root with its bytes, by relative
// path, so two output folders can be compared.
func snapshotDir(t *testing.T, root string) string {
	t.Helper()
	var b strings.Builder
	var names []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		// The marker names the build when the cache is on.
		if err == nil && !d.IsDir() && d.Name() != Marker {
			names = append(names, p)
		}
		return nil
	})
	sort.Strings(names)
	for _, n := range names {
		data, _ := os.ReadFile(n)
		rel, _ := filepath.Rel(root, n)
		fmt.Fprintf(&b, "%s %d\n", rel, len(data))
		b.Write(data)
	}
	return b.String()
}
