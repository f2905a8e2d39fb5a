package generator

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"binome/generator/internal/fileid"
)

// rawFile reads what os reads and stats what os stats, down to the
// stamp the build cache keeps; a link at the end of a path fails
// openNoFollow, so that os.Root reads it.
func TestRawFileReadsAndStatsAsOSDoes(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{
		"empty.md":      nil,
		"small.md":      []byte("---\ntitle: A\n---\nTexte.\n"),
		"large.md":      bytes.Repeat([]byte("Une ligne de texte, assez longue pour plusieurs lectures.\n"), 5000),
		"sub/nested.md": []byte("# Nested\n"),
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, body, 0o640); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("small.md", filepath.Join(dir, "link.md")); err != nil {
		t.Fatal(err)
	}
	open := openNoFollow(dir)
	for name, body := range files {
		for how, f := range map[string]func() (fs.File, error){
			"openNoFollow": func() (fs.File, error) { return open(name) },
			"rawDirFS":     func() (fs.File, error) { return rawDirFS(dir).Open(name) },
		} {
			file, err := f()
			if err != nil {
				t.Fatalf("%s %s: %v", how, name, err)
			}
			// io.ReadAll starts with small reads: the large file takes many.
			got, err := io.ReadAll(file)
			if err != nil || !bytes.Equal(got, body) {
				t.Errorf("%s %s: read %d bytes, %v; want %d", how, name, len(got), err, len(body))
			}
			info, err := file.Stat()
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name)))
			if err != nil {
				t.Fatal(err)
			}
			if info.Name() != want.Name() || info.Size() != want.Size() || info.Mode() != want.Mode() ||
				!info.ModTime().Equal(want.ModTime()) || fileid.Of(info) != fileid.Of(want) {
				t.Errorf("%s %s: stat %s %d %v %v %+v, os says %s %d %v %v %+v", how, name,
					info.Name(), info.Size(), info.Mode(), info.ModTime(), fileid.Of(info),
					want.Name(), want.Size(), want.Mode(), want.ModTime(), fileid.Of(want))
			}
			if err := file.Close(); err != nil {
				t.Error(err)
			}
		}
	}
	if _, err := open("link.md"); !errors.Is(err, syscall.ELOOP) {
		t.Errorf("openNoFollow of a link: %v, want ELOOP", err)
	}
	if f, err := rawDirFS(dir).Open("link.md"); err != nil {
		t.Errorf("rawDirFS follows links as os.DirFS does: %v", err)
	} else {
		f.Close()
	}
	for _, name := range []string{"missing.md", "sub/missing.md"} {
		if _, err := open(name); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("open %s: %v, want fs.ErrNotExist", name, err)
		}
		if _, err := rawDirFS(dir).Open(name); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("rawDirFS open %s: %v, want fs.ErrNotExist", name, err)
		}
	}
	for _, name := range []string{"../x.md", "/etc/passwd", "sub/../small.md"} {
		if _, err := open(name); !errors.Is(err, fs.ErrInvalid) {
			t.Errorf("open %s: %v, want fs.ErrInvalid", name, err)
		}
	}
	sub, err := rawDirFS(dir).Open("sub")
	if err != nil {
		t.Fatal(err)
	}
	defer sub.Close()
	if info, err := sub.Stat(); err != nil || !info.IsDir() {
		t.Errorf("stat of a folder: %v, %v", info, err)
	}
	if _, err := sub.Read(make([]byte, 10)); err == nil {
		t.Error("reading a folder succeeded")
	}
}
