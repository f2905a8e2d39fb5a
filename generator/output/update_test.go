package output

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"syscall"
	"testing"

	"binome/internal/testfs"
)

// sizes lists the files of a tree with their sizes, as a build cache
// records them for StageUpdate.
func sizes(files map[string]string) map[string]int64 {
	m := map[string]int64{}
	for p, b := range files {
		m[p] = int64(len(b))
	}
	return m
}

// dirs lists the folders under dir, relative and slash-separated.
func dirs(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && p != dir {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	slices.Sort(out)
	return out
}

func inode(t *testing.T, name string) uint64 {
	t.Helper()
	fi, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		t.Skip("no inode numbers here")
	}
	return st.Ino
}

// An update leaves the tree a whole build would write: changed files
// replaced, new ones added, dropped ones and the folders they emptied
// gone. Unchanged files are not rewritten, whether kept or written with
// the same bytes (issue 6).
func TestUpdateLeavesTheTreeAWholeBuildWould(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	old := map[string]string{
		".marker":             "output 1\n",
		"index.html":          "home",
		"a/index.html":        "page a",
		"b/index.html":        "page b",
		"gone/index.html":     "dropped",
		"gone/deep/x.css":     "dropped too",
		"search/fr/meta.js":   "meta 1",
		"search/fr/s/0.js":    "shard 0",
		"search/fr/f/0.js":    "bundle 0",
		"search/fr/f/1.js":    "bundle 1",
		"kept/with/depth.txt": "kept",
	}
	testfs.Write(t, dest, old)
	keptInode := inode(t, filepath.Join(dest, "a/index.html"))
	sameInode := inode(t, filepath.Join(dest, "search/fr/s/0.js"))

	u, err := StageUpdate(dest, sizes(old))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"a/index.html", "kept/with/depth.txt", "index.html"} {
		if !u.Keep(p) {
			t.Errorf("Keep(%q) = false, want true", p)
		}
	}
	if u.Keep("not/there.html") {
		t.Error("Keep of a file the output does not have says true")
	}
	want := map[string]string{
		".marker":             "output 2\n",
		"index.html":          "home",
		"a/index.html":        "page a",
		"b/index.html":        "page b, edited",
		"c/new/index.html":    "new page",
		"search/fr/meta.js":   "meta 2",
		"search/fr/s/0.js":    "shard 0",
		"search/fr/f/0.js":    "bundle 0, edited",
		"kept/with/depth.txt": "kept",
	}
	for p, b := range want {
		if p == "a/index.html" || p == "kept/with/depth.txt" || p == "index.html" {
			continue
		}
		if err := u.Write(p, []byte(b)); err != nil {
			t.Fatal(err)
		}
	}
	if err := u.Write("b/index.html", []byte("twice")); err == nil || !strings.Contains(err.Error(), "already written") {
		t.Errorf("second write of one path: %v, want an \"already written\" error", err)
	}
	if got := readTree(t, dest); !reflect.DeepEqual(got, old) {
		t.Fatal("the output changed before Apply")
	}
	if err := u.Apply(".marker", []byte("updating\n")); err != nil {
		t.Fatal(err)
	}
	if got := readTree(t, dest); !reflect.DeepEqual(got, want) {
		t.Errorf("after Apply:\n got %v\nwant %v", got, want)
	}
	wantDirs := []string{"a", "b", "c", "c/new", "kept", "kept/with", "search", "search/fr", "search/fr/f", "search/fr/s"}
	if got := dirs(t, dest); !reflect.DeepEqual(got, wantDirs) {
		t.Errorf("folders after Apply: %v, want %v", got, wantDirs)
	}
	if inode(t, filepath.Join(dest, "a/index.html")) != keptInode {
		t.Error("a kept file was rewritten")
	}
	if inode(t, filepath.Join(dest, "search/fr/s/0.js")) != sameInode {
		t.Error("a file written with the bytes it had was rewritten")
	}
	if left := siblings(t, dest); len(left) > 0 {
		t.Errorf("Apply left %v beside the output", left)
	}
}

// Abort leaves the output as it was and removes what was staged.
func TestUpdateAbortLeavesTheOutput(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	old := map[string]string{".marker": "1", "a.html": "a", "b.html": "b"}
	testfs.Write(t, dest, old)
	u, err := StageUpdate(dest, sizes(old))
	if err != nil {
		t.Fatal(err)
	}
	u.Write("a.html", []byte("changed"))
	u.Write("c.html", []byte("new"))
	if err := u.Abort(); err != nil {
		t.Fatal(err)
	}
	if got := readTree(t, dest); !reflect.DeepEqual(got, old) {
		t.Errorf("after Abort: %v, want %v", got, old)
	}
	if left := siblings(t, dest); len(left) > 0 {
		t.Errorf("Abort left %v beside the output", left)
	}
	if err := u.Apply(".marker", nil); err == nil {
		t.Error("Apply after Abort succeeded")
	}
}

// While the files change, the marker holds the pending text: a build
// killed then leaves a marker that says so. Nothing to change, nothing
// is touched.
func TestUpdateMarksTheOutputWhileApplying(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	old := map[string]string{".marker": "output 1\n", "a.html": "a"}
	testfs.Write(t, dest, old)

	u, err := StageUpdate(dest, sizes(old))
	if err != nil {
		t.Fatal(err)
	}
	u.Write(".marker", []byte("output 1\n"))
	u.Keep("a.html")
	if err := u.Apply(".marker", []byte("pending\n")); err != nil {
		t.Fatal(err)
	}
	if got := readTree(t, dest); !reflect.DeepEqual(got, old) {
		t.Errorf("an update with nothing to change changed %v", got)
	}

	// A marker that stays the same is put back last, after the pending one.
	u, err = StageUpdate(dest, sizes(old))
	if err != nil {
		t.Fatal(err)
	}
	u.Write(".marker", []byte("output 1\n"))
	u.Write("a.html", []byte("a, edited"))
	var seen string
	u.testHook = func() {
		b, _ := os.ReadFile(filepath.Join(dest, ".marker"))
		seen = string(b)
	}
	if err := u.Apply(".marker", []byte("pending\n")); err != nil {
		t.Fatal(err)
	}
	if seen != "pending\n" {
		t.Errorf("marker while applying = %q, want the pending text", seen)
	}
	want := map[string]string{".marker": "output 1\n", "a.html": "a, edited"}
	if got := readTree(t, dest); !reflect.DeepEqual(got, want) {
		t.Errorf("after Apply: %v, want %v", got, want)
	}
}

// An update staged from a survey keeps what one without keeps: the files
// as the cache recorded them, and not one gone, resized, made a folder
// or a link, or whose path the cache should never have held.
func TestSurveyedUpdateKeepsWhatKeepWould(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	testfs.Write(t, dest, map[string]string{
		"same.html":      "same",
		"resized.html":   "longer than recorded",
		"folder/x.html":  "x",
		"deep/a/b.html":  "b",
		"target.html":    "link target",
		"search/f/1.js":  "bundle",
		"search/f/2.js":  "bundle 2",
		"index.html":     "home",
		"unrecorded.txt": "not in the cache",
	})
	if err := os.Symlink("target.html", filepath.Join(dest, "link.html")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	os.Remove(filepath.Join(dest, "search/f/2.js"))
	have := map[string]int64{
		"same.html":      4,
		"resized.html":   4,
		"folder":         1,
		"deep/a/b.html":  1,
		"link.html":      11,
		"target.html":    11,
		"search/f/1.js":  6,
		"search/f/2.js":  8,
		"index.html":     4,
		"../outside.txt": 1,
	}
	tests := []struct {
		path string
		want bool
	}{
		{"same.html", true},
		{"deep/a/b.html", true},
		{"target.html", true},
		{"search/f/1.js", true},
		{"index.html", true},
		{"resized.html", false},
		{"folder", false},
		{"link.html", false},
		{"search/f/2.js", false},
		{"../outside.txt", false},
		{"unrecorded.txt", false},
		{"not/there.html", false},
	}
	plain, err := StageUpdate(dest, have)
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Abort()
	surveyed, err := StartSurvey(dest, have).Stage()
	if err != nil {
		t.Fatal(err)
	}
	defer surveyed.Abort()
	if surveyed.survey == nil {
		t.Fatal("the update staged from a survey does not use it")
	}
	for _, tt := range tests {
		if got := plain.Keep(tt.path); got != tt.want {
			t.Errorf("Keep(%q) = %v, want %v", tt.path, got, tt.want)
		}
		if got := surveyed.Keep(tt.path); got != tt.want {
			t.Errorf("surveyed: Keep(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
	// Kept twice is two claims of one path, surveyed or not.
	if surveyed.Keep("same.html") {
		t.Error("surveyed: a second Keep of one path says true")
	}
}
