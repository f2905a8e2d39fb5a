package generator

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"binome/generator/output"
	"binome/internal/testfs"
)

// The build's promise (DESIGN.md §5): a build that fails, or dies, leaves
// the previous output as it was; one that succeeds replaces it whole.
// These tests hold it to that under SIGKILL, concurrent builds, symbolic
// links, unreadable files and odd but valid input.

// relSnapshot hashes every file under root by its slash-separated path
// relative to root, so outputs in different folders compare equal.
func relSnapshot(t *testing.T, root string) map[string][32]byte {
	t.Helper()
	snap := map[string][32]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if d.Name() == Marker {
			// Present, but its build ID names the inputs' bytes, not the output.
			data = nil
		}
		snap[filepath.ToSlash(rel)] = sha256.Sum256(data)
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("snapshot %s: %v", root, err)
	}
	return snap
}

// relDiff describes how two snapshots differ ("" when they are equal),
// naming a few of the paths.
func relDiff(got, want map[string][32]byte) string {
	var only, missing, changed []string
	for p, h := range got {
		w, ok := want[p]
		switch {
		case !ok:
			only = append(only, p)
		case h != w:
			changed = append(changed, p)
		}
	}
	for p := range want {
		if _, ok := got[p]; !ok {
			missing = append(missing, p)
		}
	}
	if len(only)+len(missing)+len(changed) == 0 {
		return ""
	}
	few := func(l []string) string {
		sort.Strings(l)
		if len(l) > 5 {
			return fmt.Sprintf("%v… (%d)", l[:5], len(l))
		}
		return fmt.Sprint(l)
	}
	return fmt.Sprintf("extra %s, missing %s, changed %s", few(only), few(missing), few(changed))
}

// relBigSite writes a bilingual site of n guides in each language, enough
// for a build to take a few hundred milliseconds.
func relBigSite(t *testing.T, dir string, n int) {
	t.Helper()
	files := map[string]string{
		"site.yaml":                "title: Fiabilité\nlanguages:\n  fr: {weight: 1}\n  en: {weight: 2}\ntaxonomies: [tags]\n",
		"content/_index.md":        "---\ntitle: Accueil\n---\nBienvenue.\n",
		"content/guides/_index.md": "---\ntitle: Guides\n---\n",
	}
	for i := range n {
		body := fmt.Sprintf("---\ntitle: Guide %d\nweight: %d\ntags: [t%d, commun]\n---\n", i, i, i%10)
		body += strings.Repeat(fmt.Sprintf("Paragraphe %d avec un [lien](guide-%03d.md) et du *texte*.\n\n", i, (i+1)%n), 5)
		body += "## Section\n\n- un\n- deux\n"
		files[fmt.Sprintf("content/guides/guide-%03d.md", i)] = body
		files[fmt.Sprintf("content/guides/guide-%03d.en.md", i)] = strings.Replace(body, "Paragraphe", "Paragraph", -1)
	}
	testfs.Write(t, dir, files)
}

// relLeftovers lists what builds of dest may leave beside it but must
// not once a build has finished: staging directories and a swapped-out
// previous output.
func relLeftovers(t *testing.T, dest string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(dest))
	if err != nil {
		t.Fatal(err)
	}
	base := filepath.Base(dest)
	var left []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "."+base+".staging-") || e.Name() == "."+base+".old" {
			left = append(left, e.Name())
		}
	}
	return left
}

const (
	relEnvSource = "BINOME_TEST_BUILD_SOURCE"
	relEnvDest   = "BINOME_TEST_BUILD_DEST"
)

// TestHelperBuildProcess is not a test: TestKilledBuildLeavesOutputWhole
// runs the test binary again with only this function and the environment
// set, so it has a real build process to kill.
func TestHelperBuildProcess(t *testing.T) {
	src := os.Getenv(relEnvSource)
	if src == "" {
		t.Skip("helper process of TestKilledBuildLeavesOutputWhole")
	}
	off := false
	if _, err := Build(context.Background(), Options{Source: src, Dest: os.Getenv(relEnvDest), Minify: &off}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(0)
}

// relBuildProcess starts a build of src into dest in a child process.
func relBuildProcess(t *testing.T, src, dest string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperBuildProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), relEnvSource+"="+src, relEnvDest+"="+dest)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	cmd.Stdout = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

// A build killed at any moment leaves either the previous output, byte
// for byte, or the whole new one: never a mix, never nothing. The next
// build succeeds and clears what the killed ones left. A retitled page
// changes every list, so each of these builds swaps a whole new tree in;
// TestKilledInPlaceUpdateIsRepaired covers builds that update in place.
func TestKilledBuildLeavesOutputWhole(t *testing.T) {
	pages, kills, budget := 75, 15, 12*time.Second
	if testing.Short() {
		pages, kills, budget = 25, 4, 3*time.Second
	}
	dir := t.TempDir()
	relBigSite(t, dir, pages)
	dest := filepath.Join(dir, "public")
	const edited = "content/guides/guide-000.md"
	versions := [2]string{"---\ntitle: Version A\n---\nA.\n", "---\ntitle: Version B\n---\nB.\n"}

	// Both possible outputs, the second built by an unkilled child to
	// measure how long a build process lives.
	var snaps [2]map[string][32]byte
	testfs.Write(t, dir, map[string]string{edited: versions[0]})
	mustBuild(t, dir)
	snaps[0] = relSnapshot(t, dest)
	testfs.Write(t, dir, map[string]string{edited: versions[1]})
	start := time.Now()
	if cmd := relBuildProcess(t, dir, dest); cmd.Wait() != nil {
		t.Fatalf("helper build failed: %v", cmd.Stderr)
	}
	took := time.Since(start)
	snaps[1] = relSnapshot(t, dest)
	if relDiff(snaps[0], snaps[1]) == "" {
		t.Fatal("the two versions build the same output; the test could not tell them apart")
	}

	// Kills spread over the whole life of a build process, swap included:
	// at least 0–300 ms, more when the machine is slow.
	maxDelay := min(max(300*time.Millisecond, 2*took), 2*time.Second)
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 1))
	t.Logf("seed %d, a build process takes %v, kills within %v", seed, took.Round(time.Millisecond), maxDelay.Round(time.Millisecond))
	current, src, swapped, finished := 1, 1, 0, 0
	end := time.Now().Add(budget)
	var i int
	for i = 0; i < kills && (i == 0 || time.Now().Before(end)); i++ {
		next := 1 - current
		src = next
		testfs.Write(t, dir, map[string]string{edited: versions[next]})
		delay := time.Duration(rng.Int64N(int64(maxDelay)))
		cmd := relBuildProcess(t, dir, dest)
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		if cmd.Wait() == nil {
			finished++
		}

		got := relSnapshot(t, dest)
		switch {
		case relDiff(got, snaps[current]) == "":
		case relDiff(got, snaps[next]) == "":
			current = next
			swapped++
		default:
			t.Fatalf("kill %d after %v: output is neither the previous build (%s) nor the new one (%s)",
				i, delay, relDiff(got, snaps[current]), relDiff(got, snaps[next]))
		}
	}
	t.Logf("%d builds: %d finished before the kill, %d killed after their swap, %d before",
		i, finished, swapped-finished, i-swapped)

	t.Logf("killed builds left %d staging directories for the next build to clear", len(relLeftovers(t, dest)))
	// The sources are at the version the last killed build was making.
	mustBuild(t, dir)
	if d := relDiff(relSnapshot(t, dest), snaps[src]); d != "" {
		t.Errorf("a build after the kills differs from a clean one: %s", d)
	}
	if left := relLeftovers(t, dest); len(left) > 0 {
		t.Errorf("a finished build left %v beside the output", left)
	}
}

// Builds of one destination at once take turns: each succeeds or says
// another build holds it, and the output is a clean build's.
func TestConcurrentBuildsTakeTurns(t *testing.T) {
	dir := t.TempDir()
	relBigSite(t, dir, 5)
	off := false
	clean := filepath.Join(t.TempDir(), "clean")
	if _, err := Build(context.Background(), Options{Source: dir, Dest: clean, Minify: &off}); err != nil {
		t.Fatal(err)
	}
	want := relSnapshot(t, clean)

	dest := filepath.Join(dir, "public")
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() {
			_, errs[i] = Build(context.Background(), Options{Source: dir, Dest: dest, Minify: &off})
		})
	}
	wg.Wait()
	ok := 0
	for i, err := range errs {
		switch {
		case err == nil:
			ok++
		case errors.Is(err, output.ErrLocked) && strings.Contains(err.Error(), "another build"):
		default:
			t.Errorf("build %d: %v, want success or an \"another build\" error", i, err)
		}
	}
	if ok == 0 {
		t.Error("no build succeeded")
	}
	if d := relDiff(relSnapshot(t, dest), want); d != "" {
		t.Errorf("output after concurrent builds differs from a clean build: %s", d)
	}
	if left := relLeftovers(t, dest); len(left) > 0 {
		t.Errorf("concurrent builds left %v", left)
	}
}

const relSmallSite = `
-- site.yaml --
title: T
-- content/guides/a.md --
---
title: A
---
Texte A.
`

// A symbolic link that loops or leads out of the site stops the build
// with an error naming it, and the previous output stays; a link to a
// file inside the site is followed.
func TestSymlinks(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.md")
	if err := os.WriteFile(outside, []byte("# Secret\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, link, target string
		want               []string
	}{
		{"folder link to its parent", "content/guides/loop", "..", []string{"content/guides/loop", "folder"}},
		{"file link to itself", "content/guides/self.md", "self.md", []string{"content/guides/self.md", "symbolic link"}},
		{"link loop of two", "content/guides/ping.md", "pong.md", []string{"content/guides/ping.md"}},
		{"absolute link outside", "content/guides/secret.md", outside, []string{"content/guides/secret.md", "inside the site folder"}},
		{"relative link outside", "content/guides/up.md", "../../../outside.md", []string{"content/guides/up.md", "inside the site folder"}},
		{"dangling link", "content/guides/gone.md", "nowhere.md", []string{"content/guides/gone.md"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := writeSite(t, relSmallSite)
			mustBuild(t, dir)
			before := snapshot(t, dir)
			if err := os.Symlink(c.target, filepath.Join(dir, filepath.FromSlash(c.link))); err != nil {
				t.Fatal(err)
			}
			if c.name == "link loop of two" {
				if err := os.Symlink("ping.md", filepath.Join(dir, "content/guides/pong.md")); err != nil {
					t.Fatal(err)
				}
			}
			_, err := build(t, dir)
			if err == nil {
				t.Fatal("build succeeded, want an error")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\ndoes not contain %q", err, w)
				}
			}
			if snapshot(t, dir) != before {
				t.Error("the previous output changed after a failed build")
			}
		})
	}

	// The cache vouches for a file by its stamp, taken with lstat: a page
	// replaced by a link out of the site is read again, through the site
	// folder, and refused, though the file it leads to has the bytes and
	// times the cache knew (the link is no regular file, and the file
	// behind it has another inode).
	t.Run("page replaced by a link outside, same bytes and times", func(t *testing.T) {
		dir := writeSite(t, relSmallSite)
		page := filepath.Join(dir, "content/guides/a.md")
		// An hour old: older than the racy window, so the cache trusts it.
		old := time.Now().Add(-time.Hour)
		if err := os.Chtimes(page, old, old); err != nil {
			t.Fatal(err)
		}
		mustBuild(t, dir)
		body, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		fi, err := os.Stat(page)
		if err != nil {
			t.Fatal(err)
		}
		twin := filepath.Join(t.TempDir(), "a.md")
		if err := os.WriteFile(twin, body, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(twin, fi.ModTime(), fi.ModTime()); err != nil {
			t.Fatal(err)
		}
		if err := os.Remove(page); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(twin, page); err != nil {
			t.Fatal(err)
		}
		_, err = build(t, dir)
		if err == nil || !strings.Contains(err.Error(), "inside the site folder") {
			t.Fatalf("build error %v, want the link refused", err)
		}
	})

	t.Run("file link inside the site", func(t *testing.T) {
		dir := writeSite(t, relSmallSite+"-- shared/common.md --\n---\ntitle: Commun\n---\nPartagé.\n")
		if err := os.Symlink("../../shared/common.md", filepath.Join(dir, "content/guides/common.md")); err != nil {
			t.Fatal(err)
		}
		mustBuild(t, dir)
		if page := read(t, dir, "guides/common/index.html"); !strings.Contains(page, "Partagé.") {
			t.Error("the linked file's text is not on its page")
		}
	})
}

// A file that cannot be read stops the build with an error naming it.
// Root reads any file whatever its mode, so a Unix socket named like a
// page stands in for one: opening it fails for every user.
func TestUnreadableFiles(t *testing.T) {
	cases := []struct {
		name string
		make func(t *testing.T, dir string) string // returns the path the error must name
	}{
		{"socket named like a page", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "content/guides/sock.md")
			if len(p) > 100 {
				t.Skipf("socket path %s too long for a Unix socket", p)
			}
			l, err := net.Listen("unix", p)
			if err != nil {
				t.Skipf("cannot make a Unix socket: %v", err)
			}
			t.Cleanup(func() { l.Close() })
			return "content/guides/sock.md"
		}},
		{"file without read permission", func(t *testing.T, dir string) string {
			if os.Geteuid() == 0 {
				t.Skip("running as root, which reads files whatever their mode; the socket case covers it")
			}
			p := filepath.Join(dir, "content/guides/secret.md")
			testfs.Write(t, dir, map[string]string{"content/guides/secret.md": "# Secret\n"})
			if err := os.Chmod(p, 0); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.Chmod(p, 0o644) })
			return "content/guides/secret.md"
		}},
		{"folder without read permission", func(t *testing.T, dir string) string {
			if os.Geteuid() == 0 {
				t.Skip("running as root, which reads folders whatever their mode")
			}
			p := filepath.Join(dir, "content/private")
			testfs.Write(t, dir, map[string]string{"content/private/x.md": "# X\n"})
			if err := os.Chmod(p, 0); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.Chmod(p, 0o755) })
			return "content/private"
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := writeSite(t, relSmallSite)
			mustBuild(t, dir)
			before := snapshot(t, dir)
			name := c.make(t, dir)
			_, err := build(t, dir)
			if err == nil {
				t.Fatal("build succeeded, want an error")
			}
			if msg := err.Error(); !strings.Contains(msg, name+": cannot read") || !strings.Contains(msg, "hint:") {
				t.Errorf("error %q\ndoes not say %q cannot be read, with a hint", msg, name)
			}
			if snapshot(t, dir) != before {
				t.Error("the previous output changed after a failed build")
			}
		})
	}
}

// A 50 MB page (the limit is 64 MB) builds.
func TestHugeMarkdownFileBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 50 MB page; skipped with -short")
	}
	dir := writeSite(t, relSmallSite)
	var b strings.Builder
	b.WriteString("---\ntitle: Énorme\n---\n")
	para := "Une ligne de texte ordinaire pour un très long guide, avec *un peu* de mise en forme.\n\n"
	for i := 0; b.Len() < 50<<20; i++ {
		if i%1000 == 0 {
			fmt.Fprintf(&b, "## Partie %d\n\n", i/1000)
		}
		b.WriteString(para)
	}
	b.WriteString("Fin du guide.\n")
	testfs.Write(t, dir, map[string]string{"content/guides/huge.md": b.String()})
	mustBuild(t, dir)
	page := read(t, dir, "guides/huge/index.html")
	if !strings.Contains(page, "Fin du guide.") || len(page) < 50<<20 {
		t.Errorf("huge page written short: %d bytes", len(page))
	}
}

// A file saved with a byte order mark or Windows line ends builds the same
// site as with LF: same pages, same bytes.
func TestBOMAndCRLFBuildLikeLF(t *testing.T) {
	files := map[string]string{
		"site.yaml": "title: T\nlanguages:\n  fr: {weight: 1}\n  en: {weight: 2}\n",
		"content/guides/g.md": "---\ntitle: Le guide\ntags: [a, b]\n---\n# Titre\n\nUn paragraphe\nsur deux lignes.\n\n" +
			"```go\nfunc main() {\n}\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- un\n- deux\n\n> [!NOTE]\n> Attention.\n",
		"content/guides/h.en.md": "+++\ntitle = \"TOML\"\n+++\nText.\n",
		"content/guides/j.md":    "{\n\"title\": \"JSON\"\n}\nTexte.\n",
		"content/guides/n.md":    "Sans frontmatter\n================\n\nTexte.\n",
	}
	variants := map[string]func(string) string{
		"bom":          func(s string) string { return "\ufeff" + s },
		"crlf":         func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") },
		"bom and crlf": func(s string) string { return "\ufeff" + strings.ReplaceAll(s, "\n", "\r\n") },
	}
	lf := t.TempDir()
	testfs.Write(t, lf, files)
	mustBuild(t, lf)
	want := relSnapshot(t, filepath.Join(lf, "public"))
	for name, v := range variants {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			changed := map[string]string{}
			for p, s := range files {
				changed[p] = v(s)
			}
			testfs.Write(t, dir, changed)
			mustBuild(t, dir)
			if d := relDiff(relSnapshot(t, filepath.Join(dir, "public")), want); d != "" {
				t.Errorf("output differs from the LF site: %s", d)
			}
		})
	}
}

// An empty file is a page, with a warning that names it.
func TestEmptyFileBuildsWithWarning(t *testing.T) {
	dir := writeSite(t, relSmallSite+"-- content/guides/empty.md --\n")
	st := mustBuild(t, dir)
	found := false
	for _, w := range st.Warnings {
		if strings.Contains(w.Error(), "content/guides/empty.md") && strings.Contains(w.Error(), "empty") {
			found = true
		}
	}
	if !found {
		t.Errorf("no warning names the empty file: %v", st.Warnings)
	}
	if !exists(dir, "guides/empty/index.html") {
		t.Error("the empty file has no page")
	}
}

// Two files that give one URL in one language, one by folder and one by
// suffix, stop the build with an error naming both.
func TestDuplicateURLAcrossLanguageStylesNamesBothFiles(t *testing.T) {
	dir := writeSite(t, `
-- site.yaml --
title: T
languages:
  fr: {weight: 1}
  en: {weight: 2}
-- content/guides/x.md --
# X
-- content/en/guides/x.md --
# X by folder
-- content/guides/x.en.md --
# X by suffix
`)
	_, err := build(t, dir)
	if err == nil {
		t.Fatal("build succeeded, want a duplicate URL error")
	}
	for _, want := range []string{"content/en/guides/x.md", "content/guides/x.en.md", "/en/guides/x/"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q\ndoes not name %q", err, want)
		}
	}
}

// relMix reports how got differs from a mix of a and b, file by file:
// "" when each file of got is a's or b's version of it, and each file
// both have is there.
func relMix(got, a, b map[string][32]byte) string {
	var bad []string
	for p, h := range got {
		ha, ina := a[p]
		hb, inb := b[p]
		if !(ina && h == ha) && !(inb && h == hb) {
			bad = append(bad, p)
		}
	}
	for p := range a {
		if _, ok := b[p]; ok {
			if _, ok := got[p]; !ok {
				bad = append(bad, p+" (missing)")
			}
		}
	}
	sort.Strings(bad)
	if len(bad) == 0 {
		return ""
	}
	return fmt.Sprintf("%d files are neither version: %v", len(bad), bad[:min(len(bad), 5)])
}

// A warm build that changes a few pages updates the output in place, so a
// kill can leave some files new and some old. Each file is whole, the
// marker names a build only when the output is exactly that build's, and
// the next build puts everything right (issue 6).
func TestKilledInPlaceUpdateIsRepaired(t *testing.T) {
	pages, kills, budget := 75, 15, 12*time.Second
	if testing.Short() {
		pages, kills, budget = 25, 4, 3*time.Second
	}
	dir := t.TempDir()
	relBigSite(t, dir, pages)
	dest := filepath.Join(dir, "public")
	const edited = "content/guides/guide-000.md"
	// Only the end of the body differs: the page alone changes, and the
	// search index; the build updates the output in place.
	body, err := os.ReadFile(filepath.Join(dir, edited))
	if err != nil {
		t.Fatal(err)
	}
	versions := [2]string{string(body) + "\nFin A.\n", string(body) + "\nFin B, plus longue.\n"}

	var snaps [2]map[string][32]byte
	var ids [2]string
	for v := range versions {
		testfs.Write(t, dir, map[string]string{edited: versions[v]})
		st := mustBuild(t, dir)
		if v == 1 && !st.inPlace {
			t.Fatal("a one-page edit did not update the output in place; the test would not test it")
		}
		snaps[v], ids[v] = relSnapshot(t, dest), outputID(dest)
	}
	start := time.Now()
	testfs.Write(t, dir, map[string]string{edited: versions[0]})
	if cmd := relBuildProcess(t, dir, dest); cmd.Wait() != nil {
		t.Fatalf("helper build failed: %v", cmd.Stderr)
	}
	took := time.Since(start)

	maxDelay := min(max(300*time.Millisecond, 2*took), 2*time.Second)
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 2))
	t.Logf("seed %d, a build process takes %v, kills within %v", seed, took.Round(time.Millisecond), maxDelay.Round(time.Millisecond))
	current, src, mixed := snaps[0], 0, 0
	end := time.Now().Add(budget)
	var i int
	for i = 0; i < kills && (i == 0 || time.Now().Before(end)); i++ {
		src = 1 - src
		testfs.Write(t, dir, map[string]string{edited: versions[src]})
		delay := time.Duration(rng.Int64N(int64(maxDelay)))
		cmd := relBuildProcess(t, dir, dest)
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()

		got := relSnapshot(t, dest)
		if d := relMix(got, current, snaps[src]); d != "" {
			t.Fatalf("kill %d after %v: %s", i, delay, d)
		}
		switch id := outputID(dest); id {
		case "":
			mixed++
		case ids[0], ids[1]:
			v := 0
			if id == ids[1] {
				v = 1
			}
			if d := relDiff(got, snaps[v]); d != "" {
				t.Fatalf("kill %d after %v: the marker names build %d, but the output is not that build's: %s", i, delay, v, d)
			}
		default:
			t.Fatalf("kill %d: the marker names an unknown build %q", i, id)
		}
		current = got
	}
	t.Logf("%d builds killed, %d left an output whose marker names no build", i, mixed)

	// The state a kill in the middle of an update leaves, made on purpose:
	// some files new, some old, and the pending marker.
	testfs.Write(t, dir, map[string]string{edited: versions[1-src]})
	mustBuild(t, dir)
	src = 1 - src
	testfs.Write(t, dir, map[string]string{edited: versions[1-src]})
	newer := filepath.Join(t.TempDir(), "newer")
	off := false
	if _, err := Build(t.Context(), Options{Source: dir, Dest: newer, Minify: &off, NoCache: true}); err != nil {
		t.Fatal(err)
	}
	n := 0
	filepath.WalkDir(newer, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == Marker {
			return err
		}
		if n++; n%2 == 0 {
			rel, _ := filepath.Rel(newer, p)
			b, _ := os.ReadFile(p)
			testfs.Write(t, dest, map[string]string{filepath.ToSlash(rel): string(b)})
		}
		return nil
	})
	testfs.Write(t, dest, map[string]string{Marker: markerText + "updating\n"})
	if st := mustBuild(t, dir); st.inPlace {
		t.Error("a build after an interrupted update updated the output in place, trusting files it cannot know")
	}
	if d := relDiff(relSnapshot(t, dest), snaps[1-src]); d != "" {
		t.Errorf("the build after an interrupted update differs from a clean one: %s", d)
	}
	if left := relLeftovers(t, dest); len(left) > 0 {
		t.Errorf("a finished build left %v beside the output", left)
	}
}

// A build that finds its output up to date stages nothing, but still
// removes the staging directory a killed build left: the kills above
// can leave one that no later build stages to remove, when the last
// build that staged was itself killed.
func TestUpToDateBuildRemovesAbandonedStaging(t *testing.T) {
	dir := t.TempDir()
	relBigSite(t, dir, 3)
	dest := filepath.Join(dir, "public")
	mustBuild(t, dir)
	abandoned := filepath.Join(dir, ".public.staging-12345")
	testfs.Write(t, abandoned, map[string]string{"index.html": "half a build"})
	mustBuild(t, dir) // nothing changed: up to date
	if left := relLeftovers(t, dest); len(left) > 0 {
		t.Errorf("an up-to-date build left %v beside the output", left)
	}
}
