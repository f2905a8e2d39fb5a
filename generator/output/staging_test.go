package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"binome/internal/testfs"
)

// readTree returns the files under dir, by slash-separated relative path.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// siblings returns the names beside dest other than dest itself: staging
// directories, .old trees and lock files a build left behind.
func siblings(t *testing.T, dest string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(dest))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if e.Name() != filepath.Base(dest) {
			names = append(names, e.Name())
		}
	}
	return names
}

func stageFiles(t *testing.T, dest string, files map[string]string) *Staging {
	t.Helper()
	s, err := Stage(dest)
	if err != nil {
		t.Fatal(err)
	}
	for p, body := range files {
		if err := s.Write(p, []byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

var (
	oldSite = map[string]string{"index.html": "old home", "gone/index.html": "no source any more"}
	newSite = map[string]string{"index.html": "new home", "guides/x/index.html": "x", "css/main.css": "a{}"}
)

func TestStageSwap(t *testing.T) {
	swaps := map[string]func(*Staging) error{
		"Swap":        (*Staging).Swap,
		"two renames": func(s *Staging) error { s.closed.Store(true); defer s.held.Close(); return s.swapByRename() },
	}
	for name, swap := range swaps {
		for _, existed := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/dest existed %v", name, existed), func(t *testing.T) {
				dest := filepath.Join(t.TempDir(), "site", "public") // parent missing too
				if existed {
					testfs.Write(t, dest, oldSite)
				}
				s := stageFiles(t, dest, newSite)
				if existed && readTree(t, dest)["index.html"] != "old home" {
					t.Fatal("dest changed before Swap")
				}
				if err := swap(s); err != nil {
					t.Fatal(err)
				}
				if got := readTree(t, dest); fmt.Sprint(got) != fmt.Sprint(newSite) {
					t.Errorf("after swap dest holds %v, want %v", got, newSite)
				}
				if left := siblings(t, dest); len(left) != 0 {
					t.Errorf("left beside dest: %v", left)
				}
				fi, err := os.Stat(dest)
				if err != nil {
					t.Fatal(err)
				}
				if perm := fi.Mode().Perm(); perm&0o555 != 0o555 {
					t.Errorf("dest mode %v: a web server could not read it", perm)
				}
				if err := s.Abort(); err != nil {
					t.Errorf("Abort after Swap = %v, want nil", err)
				}
			})
		}
	}
}

func TestAbortLeavesDestUntouched(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	testfs.Write(t, dest, oldSite)
	s := stageFiles(t, dest, newSite)
	if err := s.Abort(); err != nil {
		t.Fatal(err)
	}
	if got := readTree(t, dest); fmt.Sprint(got) != fmt.Sprint(oldSite) {
		t.Errorf("dest holds %v after Abort, want %v", got, oldSite)
	}
	if left := siblings(t, dest); len(left) != 0 {
		t.Errorf("left beside dest: %v", left)
	}
	if err := s.Abort(); err != nil {
		t.Errorf("second Abort = %v", err)
	}
	if err := s.Write("late.html", nil); err == nil {
		t.Error("Write after Abort succeeded")
	}
	if err := s.Swap(); err == nil {
		t.Error("Swap after Abort succeeded")
	}
}

func TestStageRemovesAbandonedStaging(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	// A build killed mid-way leaves its staging directory, unlocked.
	dead := filepath.Join(filepath.Dir(dest), ".public.staging-123456")
	testfs.Write(t, dead, map[string]string{"index.html": "half a site"})
	// A staging directory of another destination is not ours to remove.
	other := filepath.Join(filepath.Dir(dest), ".public2.staging-1")
	testfs.Write(t, other, map[string]string{"index.html": "x"})

	live := stageFiles(t, dest, nil)
	defer live.Abort()
	if _, err := os.Stat(dead); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("abandoned staging directory kept: %v", err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("another destination's staging directory removed: %v", err)
	}
	// A second Stage while the first build lives leaves its directory alone.
	second := stageFiles(t, dest, nil)
	defer second.Abort()
	if _, err := os.Stat(live.dir); err != nil {
		t.Errorf("a live build's staging directory was removed: %v", err)
	}
}

func TestRecover(t *testing.T) {
	t.Run("killed between the renames", func(t *testing.T) {
		dest := filepath.Join(t.TempDir(), "public")
		testfs.Write(t, oldPath(dest), oldSite)
		if err := Recover(dest); err != nil {
			t.Fatal(err)
		}
		if got := readTree(t, dest); fmt.Sprint(got) != fmt.Sprint(oldSite) {
			t.Errorf("dest holds %v, want the previous output back", got)
		}
	})
	t.Run("killed before removing the old tree", func(t *testing.T) {
		dest := filepath.Join(t.TempDir(), "public")
		testfs.Write(t, dest, newSite)
		testfs.Write(t, oldPath(dest), oldSite)
		s := stageFiles(t, dest, nil) // Stage recovers
		defer s.Abort()
		if got := readTree(t, dest); fmt.Sprint(got) != fmt.Sprint(newSite) {
			t.Errorf("dest holds %v, want the new site kept", got)
		}
		if _, err := os.Stat(oldPath(dest)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("old tree kept: %v", err)
		}
	})
	t.Run("nothing to do", func(t *testing.T) {
		if err := Recover(filepath.Join(t.TempDir(), "public")); err != nil {
			t.Fatal(err)
		}
	})
}

func TestWriteTwiceFails(t *testing.T) {
	s := stageFiles(t, filepath.Join(t.TempDir(), "public"), map[string]string{"a/index.html": "1"})
	defer s.Abort()
	err := s.Write("a/index.html", []byte("2"))
	if err == nil || !strings.Contains(err.Error(), "a/index.html") || !strings.Contains(err.Error(), "already written") {
		t.Fatalf("second write = %v, want an error naming the path", err)
	}
	_, err = s.Copy("a/index.html", strings.NewReader("3"))
	if err == nil || !strings.Contains(err.Error(), "a/index.html") || !strings.Contains(err.Error(), "already written") {
		t.Fatalf("copy over a written file = %v, want an error naming the path", err)
	}
}

func TestConcurrentWrites(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	s, err := Stage(dest)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for i := range 300 {
		want[fmt.Sprintf("s%d/p%d/index.html", i%7, i)] = fmt.Sprint(i)
	}
	var wg sync.WaitGroup
	for p, body := range want {
		wg.Go(func() {
			if err := s.Write(p, []byte(body)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if err := s.Swap(); err != nil {
		t.Fatal(err)
	}
	if got := readTree(t, dest); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Error("tree differs from what was written")
	}
}

func TestLinkFromKeepsUnchangedFiles(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	testfs.Write(t, dest, map[string]string{"same.html": "same", "changed.html": "before", "size.html": "abc"})
	s, err := Stage(dest)
	if err != nil {
		t.Fatal(err)
	}
	s.LinkFrom(dest)
	for p, body := range map[string]string{"same.html": "same", "changed.html": "after!", "size.html": "abd", "new.html": "n"} {
		if err := s.Write(p, []byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	linked := func(p string) bool {
		a, err1 := os.Stat(filepath.Join(dest, p))
		b, err2 := os.Stat(filepath.Join(s.dir, p))
		return err1 == nil && err2 == nil && os.SameFile(a, b)
	}
	if !linked("same.html") {
		t.Error("unchanged file was written, not linked")
	}
	for _, p := range []string{"changed.html", "size.html"} {
		if linked(p) {
			t.Errorf("changed %s was linked", p)
		}
	}
	if err := s.Swap(); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"same.html": "same", "changed.html": "after!", "size.html": "abd", "new.html": "n"}
	if got := readTree(t, dest); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("dest holds %v, want %v", got, want)
	}
}

func TestStageThroughSymlink(t *testing.T) {
	tmp := t.TempDir()
	target := filepath.Join(tmp, "www", "site")
	testfs.Write(t, target, oldSite)
	link := filepath.Join(tmp, "public")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	s := stageFiles(t, link, newSite)
	if err := s.Swap(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v %v", fi, err)
	}
	if got := readTree(t, target); fmt.Sprint(got) != fmt.Sprint(newSite) {
		t.Errorf("link target holds %v, want the new site", got)
	}
}

func TestStageRefusesAFile(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if err := os.WriteFile(dest, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Stage(dest); err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Fatalf("Stage on a file = %v", err)
	}
}

func ExampleStage() {
	tmp, err := os.MkdirTemp("", "binome-example-")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(tmp)
	dest := filepath.Join(tmp, "public")

	lock, err := Lock(dest, 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer lock.Unlock()
	stage, err := Stage(dest)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer stage.Abort() // does nothing once swapped
	if err := stage.Write("guides/x/index.html", []byte("<h1>x</h1>")); err != nil {
		fmt.Println(err)
		return
	}
	if err := stage.Swap(); err != nil {
		fmt.Println(err)
		return
	}
	b, _ := os.ReadFile(filepath.Join(dest, "guides", "x", "index.html"))
	fmt.Println(string(b))
	// Output: <h1>x</h1>
}
