package generator

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"binome/generator/content"
	"binome/generator/internal/fileid"
	"binome/generator/source"
)

// twoProfiles adds a mentor and a mentee who share a skill, so that the
// site has a suggested duo and impact figures.
const twoProfiles = `
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
`

// A build that reuses the cache writes exactly what a cold build of the
// same files writes, whatever was edited in between (issue 6).
func TestWarmBuildEqualsColdBuild(t *testing.T) {
	dir := writeSite(t, bilingual+twoProfiles)
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
		func(i int) { // a first paragraph changes: the lists' summaries change
			writeFile(t, dir, "content/guides/toml.md", fmt.Sprintf("+++\ntitle = \"Page TOML\"\nweight = 3\n+++\nCorps %d.\n\nSuite.\n", i))
		},
		func(i int) { // a theme that shows other pages' summaries and bodies on every page
			writeFile(t, dir, "themes/mine/layouts/partials/footer.html", fmt.Sprintf("<footer>%d {{ with .Next }}{{ .Summary }}{{ end }} {{ with .Prev }}{{ .WordCount }}{{ end }}</footer>", i))
			writeFile(t, dir, "site.yaml", "title: Test\ndefaultLanguage: fr\nlanguages:\n  fr: {title: Essai, weight: 1}\n  en: {title: Test, weight: 2}\ntaxonomies: [tags, skills]\ntheme: [mine, default]\n")
		},
		func(i int) { // a profile's skills change: directory, matches, impact
			writeFile(t, dir, "content/profiles/marc.md", fmt.Sprintf("---\nname: Marc\nrole: mentee\nskills_sought: [data, skill%d]\n---\nMarc.\n", i))
		},
		func(i int) { // a static file rewritten at its size
			writeFile(t, dir, "static/files/note.txt", fmt.Sprintf("note %03d\n", i%1000))
		},
		func(int) { // two guides swap names, keeping their sizes and times
			a, b, tmp := filepath.Join(dir, "content/guides/keys.md"), filepath.Join(dir, "content/guides/json.md"), filepath.Join(dir, "swap.tmp")
			for _, mv := range [][2]string{{a, tmp}, {b, a}, {tmp, b}} {
				if err := os.Rename(mv[0], mv[1]); err != nil {
					t.Fatal(err)
				}
			}
		},
		func(int) {}, // nothing at all
	}
	writeFile(t, dir, "static/files/note.txt", "note 000\n")
	// Every file edited is given the same old time, as a checkout or an
	// unpacked archive would: size and time alone cannot tell an edit
	// that keeps the size, or two files swapped. Where the system keeps
	// no inodes or change times, they stay as written, recent: read again.
	long := time.Now().Add(-time.Hour)
	keepsIDs := keepsFileIDs(t)
	oldTimes := func() {
		if !keepsIDs {
			return
		}
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && !strings.Contains(p, CacheDir) {
				if fi, err := d.Info(); err == nil && !fi.ModTime().Equal(long) {
					os.Chtimes(p, long, long)
				}
			}
			return nil
		})
	}
	for i := range 24 {
		edits[rng.IntN(len(edits))](i)
		oldTimes()
		warm, err := Build(t.Context(), Options{Source: dir})
		if err != nil {
			t.Fatalf("edit %d: warm build: %v", i, err)
		}
		if !sameAsCold(t, Options{Source: dir}) {
			t.Fatalf("edit %d: the warm build differs from a cold one", i)
		}
		if len(warm.Warnings) == 0 && i == 0 {
			t.Log("no warnings on the first build")
		}
	}
	if _, err := os.Stat(filepath.Join(dir, CacheDir, buildFile)); err != nil {
		t.Errorf("no cache written: %v", err)
	}
}

// An edit to a guide's first paragraph, which lists show as its summary,
// renders that guide and the lists again, and keeps the other guides; a
// theme that shows the edited guide's summary on another guide renders
// that guide again too, and one that shows a third guide's does not
// (issue 6).
//
// On one core: a page rendered beside a reader is taken for one (see
// Page.summaryRead), and the test would depend on which pages meet.
// TestWarmBuildEqualsColdBuild shows that this costs no correctness.
func TestSummaryEditRendersItsReaders(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	dir := writeSite(t, bilingual)
	off := false
	opt := Options{Source: dir, Minify: &off}
	edit := func(text string) {
		t.Helper()
		writeFile(t, dir, "content/guides/toml.md", "+++\ntitle = \"Page TOML\"\nweight = 3\n+++\n"+text+"\n\nSuite.\n")
	}
	build := func() map[string]os.FileInfo {
		return buildStat(t, opt, []string{"guides/index.html", "guides/toml/index.html", "guides/keys/index.html", "guides/json/index.html", "guides/first-meeting/index.html"})
	}
	for _, tc := range []struct {
		name     string
		footer   string
		rendered []string // besides the edited guide and the section list
		shows    string   // what the keys guide shows of another page
	}{
		{"default theme", "", nil, ""},
		{"a guide showing the edited guide's summary", `<footer>{{ if eq .Title "Les clés" }}{{ range .Parent.Pages }}{{ if eq .Title "Page TOML" }}{{ .Summary }}{{ end }}{{ end }}{{ end }}</footer>`,
			[]string{"guides/keys/index.html"}, "Un autre premier paragraphe."},
		// Summaries are watched page by page: keys shows first-meeting's.
		{"a guide showing another guide's summary", `<footer>{{ if eq .Title "Les clés" }}{{ with .Next }}{{ .Summary }}{{ end }}{{ end }}</footer>`, nil, "Voir les clés"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.footer != "" {
				writeFile(t, dir, "themes/mine/layouts/partials/footer.html", tc.footer)
				writeFile(t, dir, "site.yaml", "title: Test\ndefaultLanguage: fr\nlanguages:\n  fr: {title: Essai, weight: 1}\n  en: {title: Test, weight: 2}\ntaxonomies: [tags, skills]\ntheme: [mine, default]\n")
			}
			edit("Premier paragraphe.")
			build()
			before := build() // the second build keys each page by what it read
			edit("Un autre premier paragraphe.")
			after := build()
			if !strings.Contains(read(t, dir, "guides/keys/index.html"), tc.shows) {
				t.Fatalf("the keys guide does not show %q", tc.shows)
			}
			if !strings.Contains(read(t, dir, "guides/index.html"), "Un autre premier paragraphe.") {
				t.Fatal("the section list does not show the guide's new summary")
			}
			want := map[string]bool{"guides/index.html": true, "guides/toml/index.html": true}
			for _, rel := range tc.rendered {
				want[rel] = true
			}
			for rel, fi := range before {
				if kept := os.SameFile(fi, after[rel]); kept == want[rel] {
					t.Errorf("%s: kept %t, want %t", rel, kept, !want[rel])
				}
			}
			if !sameAsCold(t, opt) {
				t.Error("the warm build differs from a cold one")
			}
		})
	}
}

// A story's card, rendered once and shown on both its profiles' pages
// (partialCached), makes each of them a reader of the story's summary:
// an edit to its first paragraph renders them again.
func TestSummaryInASharedFragment(t *testing.T) {
	dir := writeSite(t, "-- site.yaml --\ntitle: T\n"+twoProfiles+`
-- content/stories/dashboard.md --
---
title: Le tableau de bord
mentor: lea
mentee: marc
---
L'histoire de Léa et Marc.
`)
	off := false
	opt := Options{Source: dir, Minify: &off}
	for _, text := range []string{"L'histoire de Léa et Marc.", "Une autre histoire."} {
		writeFile(t, dir, "content/stories/dashboard.md", "---\ntitle: Le tableau de bord\nmentor: lea\nmentee: marc\n---\n"+text+"\n")
		if _, err := Build(t.Context(), opt); err != nil {
			t.Fatal(err)
		}
		for _, f := range []string{"profiles/lea/index.html", "profiles/marc/index.html"} {
			if !strings.Contains(read(t, dir, f), strings.ReplaceAll(text, "'", "&#39;")) {
				t.Errorf("%s does not show the story's summary %q", f, text)
			}
		}
	}
	if !sameAsCold(t, opt) {
		t.Error("the warm build differs from a cold one")
	}
}

// The duo suggestions and impact figures kept in the cache are used only
// while the profiles and duos they were computed from are unchanged.
func TestWarmBuildMatchesFollowProfiles(t *testing.T) {
	dir := writeSite(t, bilingual+twoProfiles)
	matches := func() string {
		t.Helper()
		mustBuild(t, dir)
		return read(t, dir, "matches/matches.csv")
	}
	before := matches()
	appendFile(t, dir, "content/guides/keys.md", "\nUn paragraphe de plus.\n")
	if got := matches(); got != before {
		t.Errorf("an edit to a guide changed the suggestions:\n%s\nwas\n%s", got, before)
	}
	writeFile(t, dir, "content/profiles/lea.md", "---\nname: Léa\nrole: mentor\nskills_offered: [data, podcasts]\n---\nLéa.\n")
	writeFile(t, dir, "content/profiles/marc.md", "---\nname: Marc\nrole: mentee\nskills_sought: [data, podcasts]\n---\nMarc.\n")
	after := matches()
	if !strings.Contains(after, "podcasts") {
		t.Errorf("the suggestions do not follow the profiles' new skills:\n%s", after)
	}
	if !sameAsCold(t, Options{Source: dir, Minify: new(bool)}) {
		t.Error("the warm build differs from a cold one")
	}
}

// A loaded page keeps its frontmatter as written and decodes it again on
// first use: from a fresh parse or from the build cache, templates see the
// same .Params and .Param, and a taxonomy of any name finds its terms.
func TestParamsFromCacheAndTaxonomyOfAnyName(t *testing.T) {
	dir := writeSite(t, `
-- site.yaml --
title: Test
defaultLanguage: fr
taxonomies: [tags, themes]
theme: [mine, default]
params: {motto: Ensemble}
-- themes/mine/layouts/guide/single.html --
{{ define "main" }}<p class="params">{{ .Params.audience }}|{{ index .Params "level" }}|{{ range .Params.themes }}{{ . }},{{ end }}|{{ .Param "audience" }}|{{ .Param "level" }}|{{ range .Param "themes" }}{{ . }},{{ end }}|{{ .Param "motto" }}</p>{{ .Content }}{{ end }}
-- content/guides/a.md --
---
title: A
audience: mentor
level: 2
themes: [écoute, feedback]
---
Texte A.
-- content/guides/b.md --
---
title: B
---
Texte B.
`)
	params := func() string {
		t.Helper()
		mustBuild(t, dir)
		_, after, _ := strings.Cut(read(t, dir, "guides/a/index.html"), `<p class="params">`)
		text, _, _ := strings.Cut(after, "</p>")
		return text
	}
	const want = "mentor|2|écoute,feedback,|mentor|2|écoute,feedback,|Ensemble"
	if got := params(); got != want {
		t.Errorf("cold: .Params show %q, want %q", got, want)
	}
	appendFile(t, dir, "content/guides/a.md", "\nUne ligne de plus.\n") // a.md renders again, parsed anew
	if got := params(); got != want {
		t.Errorf("after an edit: .Params show %q, want %q", got, want)
	}
	// B's title shows on A's page (the sidebar): A renders again, its
	// file parsed from the cache.
	writeFile(t, dir, "content/guides/b.md", "---\ntitle: B2\n---\nTexte B.\n")
	if got := params(); got != want {
		t.Errorf("from the cache: .Params show %q, want %q", got, want)
	}
	for _, term := range []string{"themes/ecoute/index.html", "themes/feedback/index.html"} {
		b, err := os.ReadFile(filepath.Join(dir, "public", term))
		if err != nil || !strings.Contains(string(b), "/guides/a/") {
			t.Errorf("%s: %v; want a page that lists guide A", term, err)
		}
	}
	if !sameAsCold(t, Options{Source: dir, Minify: new(bool)}) {
		t.Error("the warm build differs from a cold one")
	}
}

// sameAsCold reports whether the output of a build with opt (opt.Dest, or
// the site's public folder) equals a cold build's of the same site.
func sameAsCold(t *testing.T, opt Options) bool {
	t.Helper()
	dest := opt.Dest
	if dest == "" {
		dest = filepath.Join(opt.Source, "public")
	}
	opt.Dest, opt.NoCache = t.TempDir(), true
	if _, err := Build(t.Context(), opt); err != nil {
		t.Fatalf("cold build: %v", err)
	}
	return snapshotDir(t, dest) == snapshotDir(t, opt.Dest)
}

// editAtRandom makes n edits drawn at random from edits, each followed by
// a warm build that must equal a cold one.
func editAtRandom(t *testing.T, dir string, rng *rand.Rand, edits []func(), n int) {
	t.Helper()
	for i := range n {
		edits[rng.IntN(len(edits))]()
		if _, err := Build(t.Context(), Options{Source: dir}); err != nil {
			t.Fatalf("edit %d: warm build: %v", i, err)
		}
		if !sameAsCold(t, Options{Source: dir}) {
			t.Fatalf("edit %d: the warm build differs from a cold one", i)
		}
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
	os.WriteFile(filepath.Join(dir, CacheDir, buildFile), []byte("garbage"), 0o644)
	os.WriteFile(filepath.Join(dir, CacheDir, "content.bin"), []byte("garbage"), 0o644)
	mustBuild(t, dir)
	if snapshotDir(t, filepath.Join(dir, "public")) != before {
		t.Error("output changed with a corrupt cache")
	}
	// So are corrupt or cut search texts beside a good build.bin: the
	// pages they would have indexed are rendered again.
	for _, name := range []string{textsBase, textsDelta} {
		appendFile(t, dir, "content/guides/keys.md", "\nUn paragraphe de plus.\n")
		mustBuild(t, dir)
		appendFile(t, dir, "content/guides/first-meeting.md", "\nEncore un.\n")
		b, _ := os.ReadFile(filepath.Join(dir, CacheDir, name))
		os.WriteFile(filepath.Join(dir, CacheDir, name), b[:len(b)/2], 0o644)
		mustBuild(t, dir)
		if !sameAsCold(t, Options{Source: dir, Minify: new(bool)}) {
			t.Errorf("with %s cut in half, the output differs from a cold build", name)
		}
	}
}

// The temporary files of builds killed while writing the cache go, once
// old enough that no build can still be writing them.
func TestAbandonedCacheTempsGo(t *testing.T) {
	dir := writeSite(t, bilingual)
	mustBuild(t, dir)
	cache := filepath.Join(dir, CacheDir)
	old, young := filepath.Join(cache, "build.bin.tmp-123"), filepath.Join(cache, "content.bin.tmp-456")
	for _, f := range []string{old, young} {
		if err := os.WriteFile(f, []byte("half a cache"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	long := time.Now().Add(-2 * abandonedAfter)
	if err := os.Chtimes(old, long, long); err != nil {
		t.Fatal(err)
	}
	appendFile(t, dir, "content/guides/keys.md", "\nUn paragraphe de plus.\n")
	mustBuild(t, dir)
	if _, err := os.Stat(old); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a temporary file two hours old is still there (%v)", err)
	}
	if _, err := os.Stat(young); err != nil {
		t.Errorf("a temporary file just written is gone: %v", err)
	}
}

// A failed build leaves the cache as it was: content.bin, written while
// the build goes on, is put in place only when the build succeeds.
func TestFailedBuildKeepsCache(t *testing.T) {
	dir := writeSite(t, bilingual)
	mustBuild(t, dir)
	cache := filepath.Join(dir, CacheDir)
	// Without content.bin, the next build writes one.
	if err := os.Remove(filepath.Join(cache, "content.bin")); err != nil {
		t.Fatal(err)
	}
	before := snapshotDir(t, cache)
	appendFile(t, dir, "content/guides/keys.md", "\n[cassé](nowhere.md)\n")
	if _, err := build(t, dir, func(o *Options) { o.Strict = true }); err == nil {
		t.Fatal("a strict build with a broken link succeeded")
	}
	if after := snapshotDir(t, cache); after != before {
		t.Errorf("a failed build changed the cache:\nbefore %s\nafter %s", before, after)
	}
	mustBuild(t, dir)
	if _, err := os.Stat(filepath.Join(cache, "content.bin")); err != nil {
		t.Errorf("a good build wrote no content.bin: %v", err)
	}
}

// A warm build takes a file from the cache unread only when its size and
// time are those it had, well before the build that read it: an edit that
// keeps the size is seen by its time, a recent time is never trusted, and
// bytes that changed under an old time and size are caught by the file's
// change time where the system keeps one, else when the page renders,
// after which the next build reads every file again.
func TestWarmBuildTrustsSizeAndTimeOnlyWhenOld(t *testing.T) {
	keepsIDs := keepsFileIDs(t)
	for _, tc := range []struct {
		name string
		fsys func(dir string) fs.FS // nil: the site folder as it is
		// caught says whether a file rewritten under its old size and
		// time is known changed before its page renders: by its change
		// time, where the system keeps one.
		caught bool
	}{
		{"this system", nil, keepsIDs},
		{"a system that keeps no inodes or change times", func(dir string) fs.FS { return timelessFS{os.DirFS(dir)} }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeSite(t, bilingual)
			withFS := func(o *Options) {
				if tc.fsys != nil {
					o.FS = tc.fsys(dir)
				}
			}
			page := filepath.Join(dir, "content/guides/first-meeting.md")
			long := time.Now().Add(-time.Hour)
			filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					os.Chtimes(p, long, long)
				}
				return nil
			})
			mustBuild(t, dir, withFS)
			edit := func(from, to string, at time.Time) {
				t.Helper()
				b, err := os.ReadFile(page)
				if err != nil || !strings.Contains(string(b), from) || len(from) != len(to) {
					t.Fatalf("cannot edit %q: %v", from, err)
				}
				os.WriteFile(page, []byte(strings.Replace(string(b), from, to, 1)), 0o644)
				os.Chtimes(page, at, at)
			}
			cold := func(dest string) Options {
				o := Options{Source: dir, Dest: dest, Minify: new(bool)}
				withFS(&o)
				return o
			}
			// The same size, another old time: read again.
			edit("Texte : oui !", "Texte : non !", long.Add(time.Minute))
			mustBuild(t, dir, withFS)
			if !sameAsCold(t, cold("")) {
				t.Error("an edit of the same size, with an older time, was missed")
			}
			// The same size and time as recorded. Where the change time
			// says so, read again at once; else taken as unchanged, until
			// the page is rendered into a new output, which reads it and
			// finds out.
			edit("Texte : non !", "Texte : ok ?!", long.Add(time.Minute))
			other := t.TempDir()
			_, err := build(t, dir, withFS, func(o *Options) { o.Dest = other })
			if tc.caught {
				if err != nil {
					t.Fatalf("build over a file changed under its old size and time: %v, want it read again", err)
				}
			} else {
				if !errors.Is(err, content.ErrStale) {
					t.Fatalf("build over a file changed under its old size and time: %v, want content.ErrStale", err)
				}
				mustBuild(t, dir, withFS, func(o *Options) { o.Dest = other })
			}
			if !sameAsCold(t, cold(other)) {
				t.Error("after the file was found changed, the build still differs from a cold one")
			}
		})
	}
}

// keepsFileIDs reports whether this system keeps the inode numbers and
// change times that tell files of one size and time apart.
func keepsFileIDs(t *testing.T) bool {
	fi, err := os.Stat(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	st := fileid.Of(fi)
	return st.Ino != 0 || st.CTime != 0
}

// timelessFS is a folder as a system that keeps no inode numbers or change
// times shows it: file infos say nothing beyond size, mode and time.
type timelessFS struct{ fs.FS }

func (f timelessFS) Open(name string) (fs.File, error) {
	file, err := f.FS.Open(name)
	if err != nil {
		return nil, err
	}
	return timelessFile{file}, nil
}

func (f timelessFS) Stat(name string) (fs.FileInfo, error) {
	fi, err := fs.Stat(f.FS, name)
	if err != nil {
		return nil, err
	}
	return timelessInfo{fi}, nil
}

func (f timelessFS) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(f.FS, name)
	for i, e := range entries {
		entries[i] = timelessEntry{e}
	}
	return entries, err
}

type timelessFile struct{ fs.File }

func (f timelessFile) Stat() (fs.FileInfo, error) {
	fi, err := f.File.Stat()
	if err != nil {
		return nil, err
	}
	return timelessInfo{fi}, nil
}

type timelessInfo struct{ fs.FileInfo }

func (timelessInfo) Sys() any { return nil }

type timelessEntry struct{ fs.DirEntry }

func (e timelessEntry) Info() (fs.FileInfo, error) {
	fi, err := e.DirEntry.Info()
	if err != nil {
		return nil, err
	}
	return timelessInfo{fi}, nil
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

// outputDirs lists the folders of an output, so that a folder a warm
// build left empty is caught.
func outputDirs(t *testing.T, root string) string {
	t.Helper()
	var b strings.Builder
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			rel, _ := filepath.Rel(root, p)
			b.WriteString(rel + "\n")
		}
		return nil
	})
	return b.String()
}

func sameFile(t *testing.T, a os.FileInfo, name string) bool {
	t.Helper()
	b, err := os.Stat(name)
	return err == nil && a != nil && os.SameFile(a, b)
}

// Builds that change a few pages update the output in place, write only
// the search texts of the pages they rendered, and leave content.bin as it
// was; whatever the edits, the output is a cold build's, folders included
// (issue 6).
func TestWarmBuildsInPlaceEqualColdBuilds(t *testing.T) {
	dir := t.TempDir()
	relBigSite(t, dir, 40)
	dest := filepath.Join(dir, "public")
	off := false
	opt := Options{Source: dir, Dest: dest, Minify: &off}
	if _, err := Build(t.Context(), opt); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 5))
	guide := func() string {
		lang := []string{".md", ".en.md"}[rng.IntN(2)]
		return fmt.Sprintf("content/guides/guide-%03d%s", rng.IntN(40), lang)
	}
	edits := []func(i int){
		func(i int) { // a body's end: that page alone, and the search index
			appendFile(t, dir, guide(), fmt.Sprintf("\nUn ajout %d, avec des mots neufs mot%d.\n", i, i))
		},
		func(i int) { // two bodies
			appendFile(t, dir, guide(), fmt.Sprintf("\nAjout %d.\n", i))
			appendFile(t, dir, guide(), fmt.Sprintf("\n## Titre %d\n\nTexte.\n", i))
		},
		func(i int) { // a new page: every list changes
			writeFile(t, dir, fmt.Sprintf("content/guides/extra-%d.md", i), fmt.Sprintf("---\ntitle: Extra %d\n---\nTexte %d.\n", i, i))
		},
		func(i int) { // a page removed, with its folder
			os.Remove(filepath.Join(dir, fmt.Sprintf("content/guides/extra-%d.md", i-1)))
		},
		func(i int) { // a title: the pages that show it, and the search index
			retitle(t, filepath.Join(dir, guide()), fmt.Sprintf("Titre %d", i))
		},
		func(i int) { // the section's title: every guide's breadcrumbs and search section
			retitle(t, filepath.Join(dir, "content/guides/_index.md"), fmt.Sprintf("Les guides %d", i))
		},
		func(int) {},
	}
	var inPlace, swapped, contentKept, delta int
	for i := range 24 {
		edits[rng.IntN(len(edits))](i)
		content, _ := os.Stat(filepath.Join(dir, CacheDir, "content.bin"))
		st, err := Build(t.Context(), opt)
		if err != nil {
			t.Fatalf("edit %d: warm build: %v", i, err)
		}
		if st.inPlace {
			inPlace++
			if sameFile(t, content, filepath.Join(dir, CacheDir, "content.bin")) {
				contentKept++
			}
		} else {
			swapped++
		}
		if _, err := os.Stat(filepath.Join(dir, CacheDir, textsDelta)); err == nil {
			delta++
		}
		cold := filepath.Join(t.TempDir(), "cold")
		if _, err := Build(t.Context(), Options{Source: dir, Dest: cold, Minify: &off, NoCache: true}); err != nil {
			t.Fatalf("edit %d: cold build: %v", i, err)
		}
		if snapshotDir(t, dest) != snapshotDir(t, cold) {
			t.Fatalf("edit %d: the warm build differs from a cold one: %s", i, relDiff(relSnapshot(t, dest), relSnapshot(t, cold)))
		}
		if a, b := outputDirs(t, dest), outputDirs(t, cold); a != b {
			t.Fatalf("edit %d: the warm build's folders differ from a cold one's:\n%s\nwant\n%s", i, a, b)
		}
		if left := relLeftovers(t, dest); len(left) > 0 {
			t.Fatalf("edit %d: the build left %v beside the output", i, left)
		}
	}
	t.Logf("%d builds in place (%d kept content.bin), %d swapped, %d left a search delta", inPlace, contentKept, swapped, delta)
	if inPlace == 0 || swapped == 0 || contentKept == 0 || delta == 0 {
		t.Error("the edits did not exercise both write paths, the kept content.bin and the search delta")
	}
}

// A retitled page renders again with the pages that show its title, not
// the whole site: titles are watched page by page, as summaries are. A
// guide past the sidebar's limit is shown by the section's list and its
// neighbours; one in the sidebar, by every page of the section. A title
// or a weight that reorders the list renders the pages whose neighbours
// change, or, when the sidebar's guides change, every page of the section
// (issue 6).
func TestTitleEditRendersItsReaders(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	archive := "-- site.yaml --\ntitle: T\nparams:\n  sidebar_limit: 2\n"
	for i := 1; i <= 6; i++ {
		// g5 and g6 share a weight: their titles order them.
		archive += fmt.Sprintf("-- content/guides/g%d.md --\n---\ntitle: Guide %d\nweight: %d\n---\nTexte %d.\n", i, i, min(i, 5), i)
	}
	dir := writeSite(t, archive)
	off := false
	opt := Options{Source: dir, Minify: &off}
	pages := []string{"index.html", "guides/index.html", "guides/g1/index.html", "guides/g2/index.html", "guides/g3/index.html", "guides/g4/index.html", "guides/g5/index.html", "guides/g6/index.html"}
	build := func() map[string]os.FileInfo { return buildStat(t, opt, pages) }
	retitle := func(n, weight int, title string) {
		writeFile(t, dir, fmt.Sprintf("content/guides/g%d.md", n), fmt.Sprintf("---\ntitle: %s\nweight: %d\n---\nTexte %d.\n", title, weight, n))
	}
	for _, tc := range []struct {
		name          string
		n, weight     int
		title         string
		kept, renders []string
	}{
		{"past the sidebar's limit", 5, 5, "Cinquième guide",
			[]string{"guides/g1/index.html", "guides/g2/index.html", "guides/g3/index.html"},
			[]string{"guides/g5/index.html", "guides/index.html", "guides/g4/index.html", "guides/g6/index.html"}},
		{"in the sidebar", 1, 1, "Premier guide", nil,
			[]string{"guides/g1/index.html", "guides/g3/index.html", "guides/g5/index.html", "guides/g6/index.html"}},
		{"moved by its title", 6, 5, "Au début",
			[]string{"guides/g1/index.html", "guides/g2/index.html", "guides/g3/index.html"},
			[]string{"guides/g4/index.html", "guides/g5/index.html", "guides/g6/index.html", "guides/index.html"}},
		{"moved by its weight", 3, 5, "Guide 3",
			[]string{"guides/g1/index.html", "guides/g6/index.html"},
			[]string{"guides/g2/index.html", "guides/g3/index.html", "guides/g4/index.html", "guides/g5/index.html", "guides/index.html"}},
		{"moved into the sidebar", 5, 1, "Guide 5", nil, pages[1:]},
	} {
		t.Run(tc.name, func(t *testing.T) {
			build()
			before := build() // the second build keys each page by what it read
			retitle(tc.n, tc.weight, tc.title)
			after := build()
			checkKept(t, before, after, tc.kept, tc.renders)
			if !strings.Contains(read(t, dir, "guides/index.html"), tc.title) {
				t.Errorf("the section list does not show %q", tc.title)
			}
			if !sameAsCold(t, opt) {
				t.Error("the warm build differs from a cold one")
			}
		})
	}
}

// buildStat builds and returns the files rels of the output (under
// Source/public): a page the build kept from the last one is the same
// file, hard-linked, which os.SameFile tells.
func buildStat(t *testing.T, opt Options, rels []string) map[string]os.FileInfo {
	t.Helper()
	if _, err := Build(t.Context(), opt); err != nil {
		t.Fatal(err)
	}
	files := map[string]os.FileInfo{}
	for _, rel := range rels {
		fi, err := os.Stat(filepath.Join(opt.Source, "public", filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		files[rel] = fi
	}
	return files
}

// checkKept reports the files of kept that a build rendered again, and
// those of renders that it kept, from buildStat's before and after.
func checkKept(t *testing.T, before, after map[string]os.FileInfo, kept, renders []string) {
	t.Helper()
	for _, rel := range kept {
		if !os.SameFile(before[rel], after[rel]) {
			t.Errorf("%s was rendered again", rel)
		}
	}
	for _, rel := range renders {
		if os.SameFile(before[rel], after[rel]) {
			t.Errorf("%s was kept", rel)
		}
	}
}

// retitle gives the page file a new title, its other fields as they were.
func retitle(t *testing.T, file, title string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	text := regexp.MustCompile(`(?m)^title: .*$`).ReplaceAllString(string(b), "title: "+title)
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// programme is a small programme: two of its three profiles in a duo that a story
// tells of, two trainings on a path, one the other's prerequisite, and
// tagged guides.
const programme = `
-- site.yaml --
title: T
taxonomies: [tags]
params:
  sidebar_limit: 2
-- content/profiles/lea.md --
---
name: Léa
role: mentor
skills_offered: [data, python]
---
Léa.
-- content/profiles/marc.md --
---
name: Marc
role: mentee
skills_sought: [data]
---
Marc.
-- content/profiles/zoe.md --
---
name: Zoé
role: mentee
skills_sought: [python]
---
Zoé.
-- content/duos/lea-marc.md --
---
title: Léa et Marc
mentor: lea
mentee: marc
started: 2026-01-05
status: active
---
Le duo.
-- content/stories/sharing.md --
---
title: Partager
date: 2026-03-02
mentor: lea
mentee: marc
duo: lea-marc
---
Une histoire, et [le mot-clé c](/tags/c), qui va et vient.
-- content/trainings/basics.md --
---
title: Les bases
weight: 1
path: mentor-path
duration_minutes: 30
---
Module un.
-- content/trainings/listening.md --
---
title: L'écoute
weight: 2
path: mentor-path
duration_minutes: 60
prerequisites: [basics]
---
Module deux.
-- content/guides/g1.md --
---
title: Guide 1
weight: 1
tags: [a]
---
Un.
-- content/guides/g2.md --
---
title: Guide 2
weight: 2
tags: [a]
---
Deux.
-- content/guides/g3.md --
---
title: Guide 3
weight: 3
date: 2026-02-01
tags: [b]
---
Trois.
-- content/guides/g4.md --
---
title: Guide 4
weight: 4
---
Quatre.
`

// An edit to a page's frontmatter renders again the pages that show it
// (its lists, its term pages, the pages linked to it), not every page:
// what other pages show of a page's frontmatter is read through watched
// methods, as titles are (issue 6). A new term's page is no new page
// for the others, but for the pages that list terms or link to it.
// Whatever the edit, the output is a cold build's.
func TestFrontmatterEditRendersItsReaders(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	for _, tc := range []struct {
		name           string
		file, from, to string
		kept, renders  []string
	}{
		{"a guide's tags", "content/guides/g2.md", "tags: [a]", "tags: [a, b]",
			[]string{"guides/g1/index.html", "guides/g3/index.html", "profiles/lea/index.html", "trainings/basics/index.html",
				"profiles/index.html", "matches/index.html", "impact/index.html"},
			[]string{"guides/g2/index.html", "guides/index.html", "tags/a/index.html", "tags/b/index.html", "tags/index.html"}},
		{"a guide's new term", "content/guides/g2.md", "tags: [a]", "tags: [a, z]",
			[]string{"guides/g1/index.html", "guides/g3/index.html", "profiles/lea/index.html", "trainings/basics/index.html"},
			[]string{"guides/g2/index.html", "guides/index.html", "tags/a/index.html", "tags/index.html"}},
		{"a term a story links to", "content/guides/g1.md", "tags: [a]", "tags: [c]",
			[]string{"guides/g3/index.html", "profiles/lea/index.html", "trainings/basics/index.html"},
			[]string{"stories/sharing/index.html", "guides/g1/index.html", "tags/index.html"}},
		{"a mentor's skills", "content/profiles/lea.md", "skills_offered: [data, python]", "skills_offered: [data, sql]",
			[]string{"guides/g1/index.html", "guides/g2/index.html", "trainings/basics/index.html"},
			[]string{"profiles/lea/index.html", "duos/lea-marc/index.html", "matches/index.html", "profiles/index.html"}},
		{"a training's duration", "content/trainings/basics.md", "duration_minutes: 30", "duration_minutes: 45",
			[]string{"guides/g1/index.html", "profiles/lea/index.html", "duos/lea-marc/index.html"},
			[]string{"trainings/basics/index.html", "trainings/listening/index.html"}},
		{"a duo's status", "content/duos/lea-marc.md", "status: active", "status: completed",
			[]string{"guides/g1/index.html", "trainings/basics/index.html", "profiles/index.html"},
			[]string{"duos/lea-marc/index.html", "matches/index.html", "impact/index.html"}},
		// The sidebar shows the first two guides (sidebar_limit), and
		// no page shows a count of a section's pages.
		{"a guide's date, the order kept", "content/guides/g3.md", "date: 2026-02-01", "date: 2026-02-03",
			[]string{"guides/g1/index.html", "guides/g2/index.html", "guides/g4/index.html", "profiles/lea/index.html", "tags/a/index.html"},
			[]string{"guides/g3/index.html", "guides/index.html", "tags/b/index.html"}},
		{"a guide's weight, past the sidebar's guides", "content/guides/g3.md", "weight: 3", "weight: 5",
			[]string{"guides/g1/index.html", "profiles/lea/index.html", "trainings/basics/index.html"},
			[]string{"guides/g2/index.html", "guides/g3/index.html", "guides/g4/index.html", "guides/index.html", "tags/b/index.html"}},
		{"a guide's weight, into the sidebar", "content/guides/g3.md", "weight: 3", "weight: 1",
			[]string{"profiles/lea/index.html", "trainings/basics/index.html", "duos/lea-marc/index.html"},
			[]string{"guides/g1/index.html", "guides/g2/index.html", "guides/g3/index.html", "guides/g4/index.html", "guides/index.html"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeSite(t, programme)
			off := false
			opt := Options{Source: dir, Minify: &off}
			build := func() map[string]os.FileInfo { return buildStat(t, opt, append(slices.Clone(tc.kept), tc.renders...)) }
			build()
			before := build() // the second build keys each page by what it read
			file := filepath.Join(dir, filepath.FromSlash(tc.file))
			b, err := os.ReadFile(file)
			if err != nil || !strings.Contains(string(b), tc.from) {
				t.Fatalf("%s lacks %q (%v)", tc.file, tc.from, err)
			}
			writeFile(t, dir, tc.file, strings.Replace(string(b), tc.from, tc.to, 1))
			after := build()
			checkKept(t, before, after, tc.kept, tc.renders)
			if !sameAsCold(t, opt) {
				t.Error("the warm build differs from a cold one")
			}
		})
	}
}

// Random edits to frontmatter that other pages show (terms, skills, the
// people of a duo or a story, prerequisites, paths) leave a warm build
// equal to a cold one (issue 6).
func TestWarmBuildEqualsColdBuildAfterFrontmatterEdits(t *testing.T) {
	dir := writeSite(t, programme)
	rng := rand.New(rand.NewPCG(13, 17))
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	set := func(file, key, value string) {
		path := filepath.Join(dir, "content", filepath.FromSlash(file))
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		line := regexp.MustCompile(`(?m)^` + key + `:.*\n`)
		text := line.ReplaceAllString(string(b), "")
		if value != "" {
			text = strings.Replace(text, "---\n", "---\n"+key+": "+value+"\n", 1)
		}
		writeFile(t, dir, "content/"+file, text)
	}
	edits := []func(){
		func() {
			set(pick("guides/g1.md", "guides/g2.md", "guides/g3.md"), "tags", pick("[a]", "[b]", "[a, b]", "[c]", ""))
		},
		func() { set("profiles/lea.md", "skills_offered", pick("[data]", "[data, python]", "[sql]")) },
		func() { set("profiles/marc.md", "skills_sought", pick("[data]", "[python]", "[sql, data]")) },
		func() { set("profiles/marc.md", "department", pick("Finance", "IT", "")) },
		func() { set("duos/lea-marc.md", "mentee", pick("marc", "zoe")) },
		func() { set("duos/lea-marc.md", "status", pick("active", "completed")) },
		func() { set("stories/sharing.md", "duo", pick("lea-marc", "")) },
		func() { set("trainings/listening.md", "prerequisites", pick("[basics]", "")) },
		func() { set("trainings/basics.md", "path", pick("mentor-path", "other-path", "")) },
		func() { set("trainings/basics.md", "duration_minutes", pick("30", "90")) },
		func() { set(pick("guides/g1.md", "guides/g3.md", "guides/g4.md"), "weight", pick("1", "3", "4", "")) },
		func() {
			set(pick("guides/g2.md", "guides/g3.md", "stories/sharing.md"), "date", pick("2026-02-01", "2026-03-02", ""))
		},
		func() { set("guides/g2.md", "owner", pick("Équipe", "")) },
	}
	editAtRandom(t, dir, rng, edits, 30)
}

// A page added or removed renders again the pages that show it (its
// lists, its neighbours, its terms' pages) or link to it, not every page:
// no page is in the skeleton, and links, references and wiki links are
// watched by the names they look up (linkName; issue 6).
func TestPagesComingAndGoingRenderTheirReaders(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	for _, tc := range []struct {
		name           string
		setup, change  func(dir string)
		kept, renders  []string
		wantIn, wantAt string // the changed build's output wantAt holds wantIn
	}{
		{name: "a guide added past the sidebar's guides",
			change: func(dir string) {
				writeFile(t, dir, "content/guides/g5.md", "---\ntitle: Guide 5\nweight: 5\ntags: [b]\n---\nCinq.\n")
			},
			kept: []string{"guides/g1/index.html", "guides/g2/index.html", "profiles/lea/index.html",
				"trainings/basics/index.html", "tags/a/index.html", "duos/lea-marc/index.html"},
			renders: []string{"guides/index.html", "guides/g4/index.html", "tags/b/index.html"},
			wantIn:  "Guide 5", wantAt: "guides/index.html"},
		{name: "a guide removed",
			change: func(dir string) { os.Remove(filepath.Join(dir, "content/guides/g4.md")) },
			kept: []string{"guides/g1/index.html", "guides/g2/index.html", "profiles/lea/index.html",
				"trainings/basics/index.html", "tags/a/index.html"},
			renders: []string{"guides/index.html", "guides/g3/index.html"}},
		{name: "the page a link waited for",
			setup: func(dir string) {
				writeFile(t, dir, "content/guides/g1.md", "---\ntitle: Guide 1\nweight: 1\ntags: [a]\n---\nVoir [plus tard](later.md).\n")
			},
			change: func(dir string) {
				writeFile(t, dir, "content/guides/later.md", "---\ntitle: Plus tard\nweight: 9\n---\nEnfin.\n")
			},
			kept:    []string{"guides/g2/index.html", "guides/g3/index.html", "profiles/lea/index.html", "tags/a/index.html"},
			renders: []string{"guides/g1/index.html", "guides/g4/index.html", "guides/index.html"},
			wantIn:  "../later/", wantAt: "guides/g1/index.html"},
		// Pagers of two guides: g1 g2 | g3 g4 | g5, then g5 g6.
		{name: "a guide added to a split list's last pager",
			setup: func(dir string) {
				writeFile(t, dir, "site.yaml", "title: T\ntaxonomies: [tags]\npagination: {pagerSize: 2}\nparams:\n  sidebar_limit: 2\n")
				writeFile(t, dir, "content/guides/g5.md", "---\ntitle: Guide 5\nweight: 5\n---\nCinq.\n")
			},
			change: func(dir string) {
				writeFile(t, dir, "content/guides/g6.md", "---\ntitle: Guide 6\nweight: 6\n---\nSix.\n")
			},
			kept:    []string{"guides/page/2/index.html", "guides/g1/index.html", "guides/g4/index.html", "profiles/lea/index.html"},
			renders: []string{"guides/index.html", "guides/page/3/index.html", "guides/g5/index.html"},
			wantIn:  "Guide 6", wantAt: "guides/page/3/index.html"},
		// A theme that counts the list on every pager reads the whole
		// list from each: they all render again.
		{name: "a guide added, every pager showing the count",
			setup: func(dir string) {
				writeFile(t, dir, "site.yaml", "title: T\ntaxonomies: [tags]\ntheme: [mine, default]\npagination: {pagerSize: 2}\nparams:\n  sidebar_limit: 2\n")
				writeFile(t, dir, "themes/mine/layouts/partials/page-list.html", "<p>{{ len .Pages }} guides</p>{{ range .Paginator.Pages }}{{ .Title }} {{ end }}")
				writeFile(t, dir, "content/guides/g5.md", "---\ntitle: Guide 5\nweight: 5\n---\nCinq.\n")
			},
			change: func(dir string) {
				writeFile(t, dir, "content/guides/g6.md", "---\ntitle: Guide 6\nweight: 6\n---\nSix.\n")
			},
			kept:    []string{"guides/g1/index.html", "profiles/lea/index.html"},
			renders: []string{"guides/index.html", "guides/page/2/index.html", "guides/page/3/index.html"},
			wantIn:  "6 guides", wantAt: "guides/page/2/index.html"},
		{name: "a profile added",
			change: func(dir string) {
				writeFile(t, dir, "content/profiles/nina.md", "---\nname: Nina\nrole: mentee\nskills_sought: [data]\n---\nNina.\n")
			},
			kept:    []string{"guides/g1/index.html", "guides/g4/index.html", "trainings/basics/index.html", "stories/sharing/index.html", "tags/a/index.html"},
			renders: []string{"profiles/index.html", "matches/index.html"},
			wantIn:  "Nina", wantAt: "profiles/index.html"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeSite(t, programme)
			opt := Options{Source: dir}
			if tc.setup != nil {
				tc.setup(dir)
			}
			build := func() map[string]os.FileInfo { return buildStat(t, opt, append(slices.Clone(tc.kept), tc.renders...)) }
			build()
			before := build() // the second build keys each page by what it read
			tc.change(dir)
			after := build()
			checkKept(t, before, after, tc.kept, tc.renders)
			if tc.wantAt != "" && !strings.Contains(read(t, dir, tc.wantAt), tc.wantIn) {
				t.Errorf("%s lacks %q", tc.wantAt, tc.wantIn)
			}
			if !sameAsCold(t, opt) {
				t.Error("the warm build differs from a cold one")
			}
		})
	}
}

// Pages, translations, sections, assets and the targets of links added
// and removed at random, dates and weights edited among them, leave a
// warm build equal to a cold one (issue 6).
func TestWarmBuildEqualsColdBuildAsPagesComeAndGo(t *testing.T) {
	dir := writeSite(t, programme)
	writeFile(t, dir, "site.yaml", "title: T\ndefaultLanguage: fr\nlanguages:\n  fr: {title: Essai, weight: 1}\n  en: {title: Test, weight: 2}\ntaxonomies: [tags]\nparams:\n  sidebar_limit: 2\n")
	writeFile(t, dir, "content/guides/g1.md", "---\ntitle: Guide 1\nweight: 1\ntags: [a]\n---\n"+
		"Voir [plus tard](later.md), [[Wiki Later]], [le récit](../stories/s2.md) et ![une image](pic.png).\n")
	rng := rand.New(rand.NewPCG(23, 29))
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	toggle := func(rel, text string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if _, err := os.Stat(p); err == nil {
			os.Remove(p)
			return
		}
		writeFile(t, dir, rel, text)
	}
	edits := []func(){
		func() {
			toggle("content/guides/g5.md", "---\ntitle: Guide 5\nweight: "+pick("1", "3", "5", "0")+"\ntags: ["+pick("a", "b", "z")+"]\n---\nCinq.\n")
		},
		func() {
			toggle("content/guides/later.md", "---\ntitle: Plus tard\ndate: "+pick("2026-01-01", "2026-05-01")+"\n---\nEnfin.\n")
		},
		func() { toggle("content/guides/wiki-later.md", "---\ntitle: Wiki Later\n---\nWiki.\n") },
		func() { toggle("content/guides/pic.png", "not really a PNG") },
		func() {
			toggle("content/profiles/nina.md", "---\nname: Nina\nrole: "+pick("mentor", "mentee")+"\nskills_sought: [data]\nskills_offered: [python]\n---\nNina.\n")
		},
		func() { toggle("content/guides/g1.en.md", "---\ntitle: Guide one\nweight: 1\n---\nOne.\n") },
		func() { toggle("content/guides/_index.md", "---\ntitle: Les guides\n---\nTous les guides.\n") },
		func() {
			toggle("content/stories/s2.md", "---\ntitle: Deux\ndate: 2026-04-02\nmentor: lea\nmentee: marc\nduo: lea-marc\n---\nUne autre histoire.\n")
		},
		func() { toggle("content/guides/g4.md", "---\ntitle: Guide 4\nweight: 4\n---\nQuatre.\n") },
		func() {
			p := "content/guides/g3.md"
			writeFile(t, dir, p, "---\ntitle: Guide 3\nweight: "+pick("1", "3", "6")+"\ndate: "+pick("2026-02-01", "2026-02-03")+"\ntags: [b]\n---\nTrois.\n")
		},
	}
	editAtRandom(t, dir, rng, edits, 30)
}

// The directory is drawn from its language's profiles alone: a theme
// that shows only its facets renders it again when a profile's skills
// change, and not when a guide does (issue 6).
func TestDirectoryFollowsItsProfilesAlone(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	dir := writeSite(t, programme)
	writeFile(t, dir, "site.yaml", "title: T\ntaxonomies: [tags]\ntheme: [mine, default]\n")
	writeFile(t, dir, "themes/mine/layouts/directory/list.html",
		"{{ define \"main\" }}{{ range .Directory.Facets }}{{ .Name }}:{{ range .Values }} {{ .Value }}={{ .Count }}{{ end }};{{ end }}{{ end }}")
	opt := Options{Source: dir}
	rels := []string{"profiles/index.html", "guides/g1/index.html"}
	buildStat(t, opt, rels)
	before := buildStat(t, opt, rels)
	writeFile(t, dir, "content/guides/g1.md", "---\ntitle: Guide 1\nweight: 1\ntags: [b]\n---\nUn.\n")
	after := buildStat(t, opt, rels)
	checkKept(t, before, after, []string{"profiles/index.html"}, []string{"guides/g1/index.html"})
	writeFile(t, dir, "content/profiles/lea.md", "---\nname: Léa\nrole: mentor\nskills_offered: [data, sql]\n---\nLéa.\n")
	again := buildStat(t, opt, rels)
	checkKept(t, after, again, []string{"guides/g1/index.html"}, []string{"profiles/index.html"})
	if !strings.Contains(read(t, dir, "profiles/index.html"), "sql=1") {
		t.Error("the directory's facets do not count the new skill")
	}
	if !sameAsCold(t, opt) {
		t.Error("the warm build differs from a cold one")
	}
}

// A build that writes the search index again keeps the files whose bytes
// are those of the last build, as it keeps pages (in a swapped output,
// the same file, hard-linked), and writes the others anew.
func TestSameSearchFilesAreKept(t *testing.T) {
	archive := "-- site.yaml --\ntitle: T\n"
	// Each guide has a word of its own, and the edit changes one. Every
	// shard of words carries the index's version, which any text changes;
	// the bundles of texts of the other pages stay as they were.
	words := []string{"abeille", "baleine", "castor", "dauphin", "escargot", "faucon", "girafe", "hibou", "iguane", "jaguar", "koala", "lapin"}
	for i, w := range words {
		archive += fmt.Sprintf("-- content/guides/g%d.md --\n---\ntitle: Guide %d\n---\nTexte commun, et un mot propre : %s.\n", i+1, i+1, w)
	}
	dir := writeSite(t, archive)
	off := false
	opt := Options{Source: dir, Minify: &off}
	search := func() map[string]os.FileInfo {
		if _, err := Build(t.Context(), opt); err != nil {
			t.Fatal(err)
		}
		files := map[string]os.FileInfo{}
		root := filepath.Join(dir, "public", "search")
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			fi, err := d.Info()
			files[p] = fi
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	search()
	before := search() // the second build has the first's hashes
	bodies := map[string][]byte{}
	for p := range before {
		bodies[p] = readBytes(t, p)
	}
	writeFile(t, dir, "content/guides/g1.md", "---\ntitle: Guide 1\n---\nTexte commun, et un mot propre : abricot.\n")
	after := search()
	same, changed := 0, 0
	for p, fi := range after {
		old, ok := before[p]
		if !ok {
			continue
		}
		if bytes.Equal(bodies[p], readBytes(t, p)) {
			same++
			if !os.SameFile(old, fi) {
				t.Errorf("%s: same bytes, written again", p)
			}
		} else {
			changed++
			if os.SameFile(old, fi) {
				t.Errorf("%s: new bytes in the old file", p)
			}
		}
	}
	if same == 0 || changed == 0 {
		t.Errorf("%d search files the same and %d changed: the edit does not exercise both", same, changed)
	}
	if !sameAsCold(t, opt) {
		t.Error("the warm build differs from a cold one")
	}
}

// A warm build keeps the files it would make from the same bytes as the
// last build, minified or not (the theme's styles and scripts, static
// files), makes again those whose source changed, and still warns about
// a file it cannot minify.
func TestSameExtrasAreKept(t *testing.T) {
	dir := writeSite(t, `-- site.yaml --
title: T
-- content/guides/a.md --
---
title: A
---
Premier texte.
-- static/data/clean.json --
{ "a" : 1 }
-- static/data/edited.json --
{ "b" : 2 }
-- static/data/broken.json --
{ "c": 3, // a comment
}
`)
	on := true
	opt := Options{Source: dir, Minify: &on}
	build := func() *Stats { t.Helper(); return buildOpt(t, opt) }
	stat := func(rel string) os.FileInfo { t.Helper(); return outputInfo(t, dir, rel) }
	build()
	build() // the second build has the first's hashes
	styles, _ := filepath.Glob(filepath.Join(dir, "public", "css", "*.css"))
	if len(styles) == 0 {
		t.Fatal("the theme's styles are not in the output")
	}
	css := "css/" + filepath.Base(styles[0])
	before := map[string]os.FileInfo{}
	for _, rel := range []string{css, "data/clean.json", "data/edited.json", "data/broken.json"} {
		before[rel] = stat(rel)
	}
	writeFile(t, dir, "content/guides/a.md", "---\ntitle: A\n---\nSecond texte.\n")
	writeFile(t, dir, "static/data/edited.json", `{ "b" : 3 }`)
	st := build()

	for _, rel := range []string{css, "data/clean.json"} {
		if !os.SameFile(before[rel], stat(rel)) {
			t.Errorf("%s: made from the same bytes, written again", rel)
		}
	}
	if os.SameFile(before["data/edited.json"], stat("data/edited.json")) {
		t.Error("data/edited.json: its source changed, the old file kept")
	}
	if got := read(t, dir, "data/edited.json"); got != `{"b":3}` {
		t.Errorf("data/edited.json: %q, want the new bytes minified", got)
	}
	warned := false
	for _, w := range st.Warnings {
		var e *source.Error
		warned = warned || errors.As(w, &e) && e.Pos.Path == "static/data/broken.json" && strings.Contains(e.Msg, "not minified")
	}
	if !warned {
		t.Errorf("the warm build no longer says data/broken.json is not minified; warnings: %v", st.Warnings)
	}
	if !sameAsCold(t, opt) {
		t.Error("the warm build differs from a cold one")
	}
}

func readBytes(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Files whose bytes the cache knows but whose times changed (a checkout,
// a touch, or a copy just before the first build, too recent to trust)
// are read by the next build, which then writes the cache again, so the
// one after reads none of them: without that, every build read them all
// until a sixteenth of the site had changed.
func TestWarmBuildSavesTheTimesOfFilesReadAgain(t *testing.T) {
	dir := writeSite(t, bilingual)
	// Enough pages that one edited is too few to write the cache again.
	for i := range 40 {
		writeFile(t, dir, fmt.Sprintf("content/notes/note-%d.md", i), fmt.Sprintf("---\ntitle: Note %d\n---\nA note.\n", i))
	}
	touch := func(at time.Time) int {
		n := 0
		filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
				os.Chtimes(p, at, at)
				n++
			}
			return nil
		})
		return n
	}
	pages := touch(time.Now().Add(-time.Hour))
	mustBuild(t, dir)
	var opened atomic.Int64
	counting := func(o *Options) { o.FS = openCountingFS{os.DirFS(dir), &opened} }
	page := filepath.Join(dir, "content/guides/first-meeting.md")
	for _, step := range []struct {
		name  string
		at    time.Duration // the files' new time, before now; 0: left
		edit  bool          // a page's text changed too, so pages render
		reads int64         // at least, when edit; else exactly
	}{
		{"nothing changed", 0, false, 0},
		{"every file touched", 30 * time.Minute, false, int64(pages)},
		{"the build after", 0, false, 0},
		{"touched again, a page edited", 20 * time.Minute, true, int64(pages)},
		{"and after", 0, false, 0},
	} {
		if step.edit {
			b, err := os.ReadFile(page)
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(page, append(b, "\nOne more line.\n"...), 0o644)
		}
		if step.at != 0 {
			touch(time.Now().Add(-step.at))
		}
		opened.Store(0)
		mustBuild(t, dir, counting)
		if got := opened.Load(); got != step.reads && !(step.edit && got > step.reads) {
			t.Errorf("%s: the build opened %d Markdown files, want %d", step.name, got, step.reads)
		}
	}
	if !sameAsCold(t, Options{Source: dir, Minify: new(bool)}) {
		t.Error("the warm build differs from a cold one")
	}
}

// openCountingFS counts the Markdown files opened under content/.
type openCountingFS struct {
	fs.FS
	opened *atomic.Int64
}

func (f openCountingFS) Open(name string) (fs.File, error) {
	if strings.HasPrefix(name, "content/") && strings.HasSuffix(name, ".md") {
		f.opened.Add(1)
	}
	return f.FS.Open(name)
}

func (f openCountingFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(f.FS, name) }

func (f openCountingFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(f.FS, name) }

// Build says when its cache can keep no page of the output, so that
// binome build collects garbage as for a cold build: with no cache, after
// site.yaml changed, or into another folder; not when only a page did.
func TestBuildSaysWhenItsCacheKeepsNoPage(t *testing.T) {
	dir := writeSite(t, bilingual)
	page := filepath.Join(dir, "content/guides/first-meeting.md")
	for _, step := range []struct {
		name string
		edit func()
		dest string
		cold bool
	}{
		{"no cache yet", nil, "", true},
		{"nothing changed", nil, "", false},
		{"a page's text changed", func() {
			b, _ := os.ReadFile(page)
			os.WriteFile(page, append(b, "\nOne more line.\n"...), 0o644)
		}, "", false},
		{"site.yaml changed", func() {
			f, err := os.OpenFile(filepath.Join(dir, "site.yaml"), os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			f.WriteString("\nparams:\n  probe: 1\n")
			f.Close()
		}, "", true},
		{"after it", nil, "", false},
		{"another folder", nil, t.TempDir(), true},
	} {
		if step.edit != nil {
			step.edit()
		}
		cold := false
		mustBuild(t, dir, func(o *Options) {
			o.Cold = func() { cold = true }
			if step.dest != "" {
				o.Dest = step.dest
			}
		})
		if cold != step.cold {
			t.Errorf("%s: Cold called: %v, want %v", step.name, cold, step.cold)
		}
	}
}

// The build's day is in the keys of the pages that show it, and of no
// other: the first build of a day renders those again, through a page's
// text ({{ site.time }}) or a layout (.Site.BuildDate), and keeps the
// rest, and the output is a cold build's of that day.
func TestNextDayRendersOnlyThePagesThatShowTheDay(t *testing.T) {
	// One page at a time: a page rendered beside one that shows the day
	// is taken to have read it too (safe, as with summaries, see
	// Site.eachPage), so which others are kept would depend on timing.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	dir := writeSite(t, bilingual)
	writeFile(t, dir, "content/guides/today.md", "---\ntitle: Today\n---\nBuilt on {{ site.time | date: \"%Y-%m-%d\" }}.\n")
	writeFile(t, dir, "themes/mine/layouts/story/single.html", `{{ define "main" }}<p>{{ .Title }}, {{ .Site.BuildDate.Format "2006-01-02" }}</p>{{ end }}`)
	yaml, err := os.ReadFile(filepath.Join(dir, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "site.yaml", string(yaml)+"theme: [mine, default]\n")
	day := time.Date(2026, 3, 12, 10, 0, 0, 0, time.UTC)
	on := func(d time.Time) func(*Options) { return func(o *Options) { o.Now = d } }
	mustBuild(t, dir, on(day))
	out := func(rel string) string { return filepath.Join(dir, "public", filepath.FromSlash(rel)) }
	before := map[string]os.FileInfo{}
	for _, rel := range []string{"guides/today/index.html", "stories/bundle/index.html", "guides/first-meeting/index.html", "guides/keys/index.html"} {
		fi, err := os.Stat(out(rel))
		if err != nil {
			t.Fatal(err)
		}
		before[rel] = fi
	}
	var cold bool
	next := day.Add(24 * time.Hour)
	mustBuild(t, dir, on(next), func(o *Options) { o.Cold = func() { cold = true } })
	if cold {
		t.Error("the next day's build was said to keep no page")
	}
	for rel, shows := range map[string]bool{"guides/today/index.html": true, "stories/bundle/index.html": true, "guides/first-meeting/index.html": false, "guides/keys/index.html": false} {
		if kept := sameFile(t, before[rel], out(rel)); kept == shows {
			t.Errorf("%s: kept %v, want %v", rel, kept, !shows)
		}
	}
	for rel, want := range map[string]string{"guides/today/index.html": "Built on 2026-03-13.", "stories/bundle/index.html": ", 2026-03-13</p>"} {
		if b, _ := os.ReadFile(out(rel)); !strings.Contains(string(b), want) {
			t.Errorf("%s does not show %q:\n%s", rel, want, b)
		}
	}
	if !sameAsCold(t, Options{Source: dir, Minify: new(bool), Now: next}) {
		t.Error("the next day's build differs from a cold one")
	}
}

// A review falls due with time, not with an edit: the build after that
// moment shows it, on the page and in the review list, as a cold build
// would, although no file changed.
func TestBuildAfterAReviewFallsDueShowsIt(t *testing.T) {
	dir := writeSite(t, bilingual)
	writeFile(t, dir, "content/guides/reviewed.md", "---\ntitle: Reviewed\nreviewed: 2026-02-12\nreview_every: 1 month\n---\nText.\n")
	on := func(d time.Time) func(*Options) { return func(o *Options) { o.Now = d } }
	before, after := time.Date(2026, 3, 11, 9, 0, 0, 0, time.UTC), time.Date(2026, 3, 13, 9, 0, 0, 0, time.UTC)
	mustBuild(t, dir, on(before))
	if strings.Contains(read(t, dir, "guides/reviewed/index.html"), "notice-review") {
		t.Fatal("the review is shown as due before its day")
	}
	st := mustBuild(t, dir, on(after))
	if !strings.Contains(read(t, dir, "guides/reviewed/index.html"), "notice-review") {
		t.Error("the page does not say its review is due")
	}
	if got := warningsWith(st, "review"); len(got) != 1 {
		t.Errorf("warnings about reviews: %q, want one", got)
	}
	if !sameAsCold(t, Options{Source: dir, Minify: new(bool), Now: after}) {
		t.Error("the build after the review fell due differs from a cold one")
	}
}
