//go:build unix

package generator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// A static file that is a link is known by the size and time of the file
// it leads to: that file edited, the output follows.
func TestStaticLinkIsKnownByItsTarget(t *testing.T) {
	dir := writeSite(t, `-- site.yaml --
title: T
-- content/_index.md --
---
title: Home
---
-- shared/logo.svg --
<svg xmlns="http://www.w3.org/2000/svg"><title>one</title></svg>
`)
	if err := os.MkdirAll(filepath.Join(dir, "static"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../shared/logo.svg", filepath.Join(dir, "static/logo.svg")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	backdate(t, filepath.Join(dir, "shared"))
	// The link itself as old: only the file it leads to says it changed.
	old := time.Now().Add(-time.Hour)
	tv := []unix.Timeval{unix.NsecToTimeval(old.UnixNano()), unix.NsecToTimeval(old.UnixNano())}
	if err := unix.Lutimes(filepath.Join(dir, "static/logo.svg"), tv); err != nil {
		t.Fatal(err)
	}
	opt := Options{Source: dir}
	buildOpt(t, opt)
	buildOpt(t, opt)
	writeFile(t, dir, "shared/logo.svg", `<svg xmlns="http://www.w3.org/2000/svg"><title>two, longer</title></svg>`)
	buildOpt(t, opt)
	if got := read(t, dir, "logo.svg"); !strings.Contains(got, "two, longer") {
		t.Errorf("logo.svg: %q, want the linked file's new bytes", got)
	}
}

// Two static files, and two pages, of one size and one time, swapped by
// renaming (which keeps both): a warm build publishes each under its new
// path, as a cold build does, told apart by their inodes and change times.
func TestSwappedFilesAreToldApart(t *testing.T) {
	dir := writeSite(t, `-- site.yaml --
title: T
-- content/_index.md --
---
title: Home
---
-- content/pa.md --
---
title: Page
---
Alpha.
-- content/pb.md --
---
title: Page
---
Bravo.
-- static/a.txt --
AAAA
-- static/b.txt --
BBBB
`)
	old := time.Now().Add(-time.Hour)
	for _, p := range []string{"content/pa.md", "content/pb.md", "static/a.txt", "static/b.txt"} {
		if err := os.Chtimes(filepath.Join(dir, p), old, old); err != nil {
			t.Fatal(err)
		}
	}
	opt := Options{Source: dir}
	buildOpt(t, opt)
	buildOpt(t, opt) // the second build has the first's sizes and times
	swap := func(a, b string) {
		t.Helper()
		a, b, tmp := filepath.Join(dir, a), filepath.Join(dir, b), filepath.Join(dir, "swap.tmp")
		for _, mv := range [][2]string{{a, tmp}, {b, a}, {tmp, b}} {
			if err := os.Rename(mv[0], mv[1]); err != nil {
				t.Fatal(err)
			}
		}
	}
	swap("static/a.txt", "static/b.txt")
	swap("content/pa.md", "content/pb.md")
	buildOpt(t, opt)
	if got := read(t, dir, "a.txt"); got != "BBBB\n" {
		t.Errorf("a.txt = %q after the swap, want b.txt's bytes", got)
	}
	if got := read(t, dir, "pa/index.html"); !strings.Contains(got, "Bravo") {
		t.Errorf("pa/index.html shows Alpha: %v, want Bravo, pb.md's text before the swap", strings.Contains(got, "Alpha"))
	}
}
