package fileid

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// Two files of one size and time swapped by renaming: Of tells each path's
// new file from its old one, which size and time cannot.
func TestOfTellsSwappedFilesApart(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	old := time.Now().Add(-time.Hour)
	for _, p := range []string{a, b} {
		if err := os.WriteFile(p, []byte("same size"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	stat := func(p string) os.FileInfo {
		t.Helper()
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		return fi
	}
	before := stat(a)
	st := Of(before)
	if st.Ino == 0 && st.CTime == 0 {
		switch runtime.GOOS {
		case "linux", "darwin", "freebsd", "netbsd", "openbsd", "dragonfly", "solaris", "illumos":
			t.Fatalf("Of(%s) has no inode or change time on %s, which keeps both", before.Name(), runtime.GOOS)
		}
		t.Skip("this system keeps no inode numbers or change times")
	}
	tmp := filepath.Join(dir, "tmp")
	for _, mv := range [][2]string{{a, tmp}, {b, a}, {tmp, b}} {
		if err := os.Rename(mv[0], mv[1]); err != nil {
			t.Fatal(err)
		}
	}
	after := stat(a)
	if after.Size() != before.Size() || !after.ModTime().Equal(before.ModTime()) {
		t.Fatalf("the swap changed size or time: %d %v, was %d %v", after.Size(), after.ModTime(), before.Size(), before.ModTime())
	}
	st2 := Of(after)
	if st2 == st {
		t.Errorf("a's new file has the old one's stamp %+v", st)
	}
	if st2.Ino == 0 {
		t.Errorf("Of(%v) = 0 inode after a nonzero one", after.Name())
	}
}
