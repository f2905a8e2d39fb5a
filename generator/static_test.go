package generator

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"binome/generator/source"
)

// openCounter is the site folder, counting the files opened under a
// prefix: what a build reads.
type openCounter struct {
	fs.FS
	prefix string
	mu     sync.Mutex
	opened map[string]int
}

func (c *openCounter) Open(name string) (fs.File, error) {
	// Folders are listed, and styles read for their URL, every build.
	if strings.HasPrefix(name, c.prefix) && path.Ext(name) != "" && path.Ext(name) != ".css" {
		c.mu.Lock()
		c.opened[name]++
		c.mu.Unlock()
	}
	return c.FS.Open(name)
}

// Stat is not a read: it does not count.
func (c *openCounter) Stat(name string) (fs.FileInfo, error) { return fs.Stat(c.FS, name) }

func (c *openCounter) reset() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	o := c.opened
	c.opened = map[string]int{}
	return o
}

// backdate sets the time of the files under dir an hour back, as those
// of a site checked out long before the build.
func backdate(t *testing.T, dir string) {
	t.Helper()
	old := time.Now().Add(-time.Hour)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		return os.Chtimes(p, old, old)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// countingSite backdates the files under dir/under and returns options
// that build the site in dir through an openCounter of the files under
// prefix.
func countingSite(t *testing.T, dir, under, prefix string) (*openCounter, Options) {
	t.Helper()
	backdate(t, filepath.Join(dir, under))
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	counter := &openCounter{FS: root.FS(), prefix: prefix, opened: map[string]int{}}
	return counter, Options{Source: dir, FS: counter}
}

// buildOpt builds with opt, failing the test on an error.
func buildOpt(t *testing.T, opt Options) *Stats {
	t.Helper()
	st, err := Build(t.Context(), opt)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// outputInfo describes the output file rel of the site in dir.
func outputInfo(t *testing.T, dir, rel string) os.FileInfo {
	t.Helper()
	fi, err := os.Stat(filepath.Join(dir, "public", filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return fi
}

// The files of static/ are known by their size and time: a warm build
// reads none that kept both, a photo replaced renders no page again,
// and a stylesheet edited (its URL is in every page) renders them all.
func TestStaticFilesAreKnownByTheirTime(t *testing.T) {
	dir := writeSite(t, `-- site.yaml --
title: T
-- content/guides/a.md --
---
title: A
---
![Photo](/images/photo.png) and [the charter](/files/charter.pdf).
-- content/guides/b.md --
---
title: B
---
Texte.
-- static/images/photo.png --
first photo
-- static/files/charter.pdf --
the charter
-- static/css/extra.css --
.a { color: red }
`)
	counter, opt := countingSite(t, dir, "static", "static/")
	build := func() { t.Helper(); buildOpt(t, opt) }
	page := func(rel string) os.FileInfo { t.Helper(); return outputInfo(t, dir, rel) }
	build()
	build() // the second build has the first's sizes and times
	counter.reset()

	// Nothing changed: up to date, static/ not read.
	build()
	if opened := counter.reset(); len(opened) > 0 {
		t.Errorf("nothing changed, and the build read %v", opened)
	}

	// A page edited: the static files are kept, not read.
	writeFile(t, dir, "content/guides/b.md", "---\ntitle: B\n---\nAutre texte.\n")
	build()
	if opened := counter.reset(); len(opened) > 0 {
		t.Errorf("a page edited, and the build read %v", opened)
	}

	// The photo replaced, its size and time changed: the photo is
	// written again, and no page renders again.
	before := page("guides/a/index.html")
	writeFile(t, dir, "static/images/photo.png", "the second photo, larger")
	build()
	if got := read(t, dir, "images/photo.png"); got != "the second photo, larger" {
		t.Errorf("images/photo.png: %q, want the new photo", got)
	}
	if !os.SameFile(before, page("guides/a/index.html")) {
		t.Error("a photo replaced, and the page that shows it rendered again")
	}
	if opened := counter.reset(); opened["static/files/charter.pdf"] > 0 {
		t.Error("a photo replaced, and the build read the charter too")
	}
	if !sameAsCold(t, opt) {
		t.Error("the warm build differs from a cold one")
	}

	// Saved within the same tick as the last build read it, a file may
	// keep its size and time through an edit: one so recent is read.
	fi, err := os.Stat(filepath.Join(dir, "static/files/charter.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	build() // the charter's time is an hour old: kept, not read
	recent := time.Now()
	os.Chtimes(filepath.Join(dir, "static/files/charter.pdf"), recent, recent)
	build() // records the recent time
	writeFile(t, dir, "static/files/charter.pdf", "the CHARTER\n")
	os.Chtimes(filepath.Join(dir, "static/files/charter.pdf"), recent, recent)
	if fi.Size() != int64(len("the CHARTER\n")) {
		t.Fatalf("the test's edit changes the charter's size")
	}
	build()
	if got := read(t, dir, "files/charter.pdf"); got != "the CHARTER\n" {
		t.Errorf("files/charter.pdf: %q, want the bytes saved in the same tick", got)
	}

	// The stylesheet edited: its fingerprinted URL is in every page.
	styles, _ := filepath.Glob(filepath.Join(dir, "public", "css", "extra.*.css"))
	if len(styles) != 1 {
		t.Fatalf("stylesheets %v, want one extra.<hash>.css", styles)
	}
	before = page("guides/a/index.html")
	writeFile(t, dir, "static/css/extra.css", ".a { color: blue }")
	build()
	if os.SameFile(before, page("guides/a/index.html")) {
		t.Error("a stylesheet edited, and the pages kept its old URL")
	}
	if !sameAsCold(t, opt) {
		t.Error("the warm build differs from a cold one")
	}
}

// The build holds no static file in memory but the styles and scripts,
// whose URLs are made from their bytes.
func TestStaticFilesAreNotHeld(t *testing.T) {
	dir := writeSite(t, `-- site.yaml --
title: T
-- content/_index.md --
---
title: Home
---
-- static/images/photo.png --
a photo
-- static/js/extra.js --
let a = 1;
`)
	s, err := Load(Options{Source: dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, f := range s.static {
		if !strings.HasPrefix(f.src, "static/") {
			continue
		}
		seen++
		if held := f.body != nil; held != strings.HasSuffix(f.src, ".js") {
			t.Errorf("%s: held in memory %t", f.src, held)
		}
	}
	if seen != 2 {
		t.Errorf("%d static files of the site, want 2", seen)
	}
}

// A file beside a page is kept from the previous output, unread, when
// the content's size and time say it is the same; replaced, it is
// written again and renders no page.
func TestPageFilesAreKeptUnread(t *testing.T) {
	dir := writeSite(t, `-- site.yaml --
title: T
-- content/guides/a/index.md --
---
title: A
---
![Photo](photo.png)
-- content/guides/a/photo.png --
first photo
-- content/guides/b.md --
---
title: B
---
Texte.
`)
	counter, opt := countingSite(t, dir, "content", "content/guides/a/photo")
	build := func() { t.Helper(); buildOpt(t, opt) }
	build()
	build()
	counter.reset()
	writeFile(t, dir, "content/guides/b.md", "---\ntitle: B\n---\nAutre texte.\n")
	build()
	if opened := counter.reset(); len(opened) > 0 {
		t.Errorf("another page edited, and the build read %v", opened)
	}
	before := outputInfo(t, dir, "guides/a/index.html")
	writeFile(t, dir, "content/guides/a/photo.png", "the second photo")
	build()
	if got := read(t, dir, "guides/a/photo.png"); got != "the second photo" {
		t.Errorf("guides/a/photo.png: %q, want the new photo", got)
	}
	if !os.SameFile(before, outputInfo(t, dir, "guides/a/index.html")) {
		t.Error("the photo replaced, and its page rendered again")
	}
	if !sameAsCold(t, opt) {
		t.Error("the warm build differs from a cold one")
	}
}

// failingOpen is the site folder with one file that is listed but can no
// longer be opened, as a file deleted or locked while the build runs.
type failingOpen struct {
	fs.FS
	name string
}

func (f failingOpen) Open(name string) (fs.File, error) {
	if name == f.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return f.FS.Open(name)
}

// A static file that cannot be read when it is written fails the build
// with its path, and the previous output stays as it was.
func TestStaticFileUnreadableLeavesOutput(t *testing.T) {
	dir := writeSite(t, `-- site.yaml --
title: T
-- content/_index.md --
---
title: Home
---
-- static/files/charter.pdf --
the charter
`)
	buildOpt(t, Options{Source: dir})
	before := read(t, dir, "files/charter.pdf")
	writeFile(t, dir, "static/files/charter.pdf", "the new charter")
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	_, err = Build(t.Context(), Options{Source: dir, FS: failingOpen{root.FS(), "static/files/charter.pdf"}})
	var se *source.Error
	if !errors.As(err, &se) || se.Pos.Path != "static/files/charter.pdf" || !strings.Contains(se.Msg, "cannot read: permission denied") || !strings.Contains(se.Hint, "may read it") {
		t.Fatalf("error %#v, want one at static/files/charter.pdf that says it cannot be read, and what to check", err)
	}
	if got := read(t, dir, "files/charter.pdf"); got != before {
		t.Errorf("files/charter.pdf: %q after the failed build, want %q as before", got, before)
	}
}
