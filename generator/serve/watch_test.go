package serve

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"

	"binome/generator/internal/fileid"
)

// site makes a site root with content/a.md, content/d/f.md and site.yaml,
// and the Options watching it.
func site(t *testing.T) (string, Options) {
	t.Helper()
	root := t.TempDir()
	writeFile(t, root, "content/a.md", "# A")
	writeFile(t, root, "content/d/f.md", "# F")
	writeFile(t, root, "site.yaml", "title: T")
	return root, Options{
		Root:  root,
		Roots: []string{filepath.Join(root, "content"), filepath.Join(root, "site.yaml")},
		after: immediately,
	}
}

// TestChangeReachesBuild saves files the ways editors and tools do and
// checks Build is told about the saved path, with kernel events and with
// polling.
func TestChangeReachesBuild(t *testing.T) {
	content := func(root string) string { return filepath.Join(root, "content") }
	tests := []struct {
		name string
		do   func(t *testing.T, root string)
		want []string
	}{
		{"edit in place", func(t *testing.T, root string) {
			writeFile(t, content(root), "a.md", "# A, longer now")
		}, []string{"content/a.md"}},
		{"create", func(t *testing.T, root string) {
			writeFile(t, content(root), "b.md", "# B")
		}, []string{"content/b.md"}},
		{"delete", func(t *testing.T, root string) {
			must(t, os.Remove(filepath.Join(content(root), "a.md")))
		}, []string{"content/a.md"}},
		{"rename", func(t *testing.T, root string) {
			must(t, os.Rename(filepath.Join(content(root), "a.md"), filepath.Join(content(root), "c.md")))
		}, []string{"content/a.md", "content/c.md"}},
		{"write then rename over", func(t *testing.T, root string) {
			writeFile(t, content(root), "a.md.new", "# A, saved atomically")
			must(t, os.Rename(filepath.Join(content(root), "a.md.new"), filepath.Join(content(root), "a.md")))
		}, []string{"content/a.md"}},
		{"vim backup then write", func(t *testing.T, root string) {
			a := filepath.Join(content(root), "a.md")
			writeFile(t, content(root), "4913", "")
			must(t, os.Remove(filepath.Join(content(root), "4913")))
			must(t, os.Rename(a, a+"~"))
			writeFile(t, content(root), "a.md", "# A, saved by vim")
			must(t, os.Remove(a+"~"))
		}, []string{"content/a.md"}},
		{"delete then create", func(t *testing.T, root string) {
			must(t, os.Remove(filepath.Join(content(root), "a.md")))
			writeFile(t, content(root), "a.md", "# A again, recreated")
		}, []string{"content/a.md"}},
		{"new folder then a file in it", func(t *testing.T, root string) {
			must(t, os.Mkdir(filepath.Join(content(root), "new"), 0o755))
			writeFile(t, content(root), "new/x.md", "# X")
		}, []string{"content/new/x.md"}},
		{"folder moved in full", func(t *testing.T, root string) {
			outside := t.TempDir()
			writeFile(t, outside, "moved/deep/y.md", "# Y")
			must(t, os.Rename(filepath.Join(outside, "moved"), filepath.Join(content(root), "moved")))
		}, []string{"content/moved/deep/y.md"}},
		{"renamed folder keeps being watched", func(t *testing.T, root string) {
			must(t, os.Rename(filepath.Join(content(root), "d"), filepath.Join(content(root), "e")))
			writeFile(t, content(root), "e/g.md", "# G")
		}, []string{"content/d", "content/e/g.md"}},
		{"removed folder", func(t *testing.T, root string) {
			must(t, os.RemoveAll(filepath.Join(content(root), "d")))
		}, []string{"content/d"}},
		{"site.yaml", func(t *testing.T, root string) {
			writeFile(t, root, "other.txt", "not watched")
			writeFile(t, root, "site.yaml", "title: Changed")
		}, []string{"site.yaml"}},
	}
	for _, poll := range []bool{false, true} {
		mode := "fsnotify"
		if poll {
			mode = "poll"
		}
		for _, tt := range tests {
			t.Run(mode+"/"+tt.name, func(t *testing.T) {
				root, opt := site(t)
				opt.Poll, opt.PollInterval = poll, 5*time.Millisecond
				b := &fakeBuilder{}
				start(t, b, opt)
				tt.do(t, root)
				b.waitChanged(t, tt.want...)
				for p := range b.changedSoFar() {
					if p == "other.txt" || strings.HasSuffix(p, "~") || strings.HasSuffix(p, "4913") {
						t.Errorf("Build was given %q, which is not part of the site", p)
					}
				}
			})
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestBurstIsOneBuild writes a file 200 times in a row: the writes make one
// Build (the debounce timer fires only when the test says the burst is
// over), and that Build sees the last content.
func TestBurstIsOneBuild(t *testing.T) {
	root, opt := site(t)
	page := filepath.Join(root, "content", "a.md")
	clock := &manualClock{}
	opt.after = clock.after
	var mu sync.Mutex
	noted := make(map[string]bool)
	opt.noted = func(rel string) {
		mu.Lock()
		defer mu.Unlock()
		noted[rel] = true
	}
	b := &fakeBuilder{read: page}
	start(t, b, opt)

	for i := 1; i <= 200; i++ {
		if err := os.WriteFile(page, fmt.Appendf(nil, "# version %d", i), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Events arrive in order, so once the debouncer has this one it has
	// every write before it.
	writeFile(t, root, "content/zz-last.md", "end of burst")
	waitFor(t, "the last change of the burst", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return noted["content/zz-last.md"]
	})
	clock.fire()
	b.waitChanged(t, "content/a.md", "content/zz-last.md")

	b.mu.Lock()
	defer b.mu.Unlock()
	if builds := len(b.calls) - 1; builds > 2 {
		t.Errorf("200 writes made %d builds, want at most 2", builds)
	}
	if last := b.seen[len(b.seen)-1]; last != "# version 200" {
		t.Errorf("the last build read %q, want the last version", last)
	}
}

// TestFailedBuildPathsComeAgain checks a Build after a failed one is given
// the failed one's paths too, so a Builder that skips unchanged files does
// not skip the one still broken.
func TestFailedBuildPathsComeAgain(t *testing.T) {
	root, opt := site(t)
	b := &fakeBuilder{}
	start(t, b, opt)
	b.setErr(errors.New("broken"))
	writeFile(t, root, "content/a.md", "# A, broken")
	b.waitChanged(t, "content/a.md")
	writeFile(t, root, "content/b.md", "# B")
	b.waitChanged(t, "content/b.md")
	for _, c := range b.snapshot()[1:] {
		if slices.Contains(c, "content/b.md") && !slices.Contains(c, "content/a.md") {
			t.Errorf("Build(%q) after a failed Build of content/a.md", c)
		}
	}
}

// TestFallBackToPolling makes fsnotify fail as it does when the inotify
// limits are reached: the server warns, polls, and still sees edits.
func TestFallBackToPolling(t *testing.T) {
	root, opt := site(t)
	opt.newFSNotify = func() (*fsnotify.Watcher, error) {
		return nil, fmt.Errorf("couldn't initialize inotify: %w", syscall.EMFILE)
	}
	opt.PollInterval = 5 * time.Millisecond
	var logs syncBuffer
	opt.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	b := &fakeBuilder{}
	s, _ := start(t, b, opt)
	if _, ok := s.watch.(*poller); !ok {
		t.Fatalf("watcher is %T, want the poller", s.watch)
	}
	if !strings.Contains(logs.String(), "polling instead") {
		t.Errorf("no warning about polling in the log:\n%s", logs.String())
	}
	writeFile(t, root, "content/a.md", "# A, polled")
	b.waitChanged(t, "content/a.md")
}

// TestIgnore checks Options.Ignore keeps a folder out, and the built-in
// rules editors' files.
func TestIgnore(t *testing.T) {
	root, opt := site(t)
	public := filepath.Join(root, "content", "public")
	opt.Ignore = func(p string) bool { return p == public }
	b := &fakeBuilder{}
	start(t, b, opt)
	writeFile(t, root, "content/public/index.html", "output")
	writeFile(t, root, "content/.a.md.swp", "swap")
	writeFile(t, root, "content/.#a.md", "lock")
	writeFile(t, root, "content/zz-last.md", "sentinel")
	b.waitChanged(t, "content/zz-last.md")
	for p := range b.changedSoFar() {
		if p != "content/zz-last.md" {
			t.Errorf("Build was given ignored %q", p)
		}
	}
}

func TestEditorTemp(t *testing.T) {
	for name, want := range map[string]bool{
		"a.md~": true, ".a.md.swp": true, ".a.md.swo": true, "4913": true, ".#a.md": true,
		"#a.md#": true, ".git": true, "a.md___jb_tmp___": true, ".goutputstream-XYZ1": true,
		"a.md": false, "site.yaml": false, "main.css": false, "swap.md": false, "#": false,
	} {
		if got := editorTemp(name); got != want {
			t.Errorf("editorTemp(%q) = %v, want %v", name, got, want)
		}
	}
}

// syncBuffer is a bytes.Buffer the server's goroutines may log into.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// Two files of one size and time swapped by renaming keep both: polling
// sees the swap by the files' inodes and change times, where the system
// keeps them.
func TestPollSeesSwappedFiles(t *testing.T) {
	root, opt := site(t)
	a, b := filepath.Join(root, "content/a.md"), filepath.Join(root, "content/b.md")
	writeFile(t, root, "content/b.md", "# B") // the size of a.md
	old := time.Now().Add(-time.Hour)
	for _, p := range []string{a, b} {
		must(t, os.Chtimes(p, old, old))
	}
	if fi, err := os.Stat(a); err != nil {
		t.Fatal(err)
	} else if st := fileid.Of(fi); st.Ino == 0 && st.CTime == 0 {
		t.Skip("this system keeps no inodes or change times: polling goes by size and time")
	}
	opt.Poll, opt.PollInterval = true, 5*time.Millisecond
	fb := &fakeBuilder{}
	start(t, fb, opt)
	tmp := filepath.Join(root, "swap.tmp")
	for _, mv := range [][2]string{{a, tmp}, {b, a}, {tmp, b}} {
		must(t, os.Rename(mv[0], mv[1]))
	}
	fb.waitChanged(t, "content/a.md", "content/b.md")
}
