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
