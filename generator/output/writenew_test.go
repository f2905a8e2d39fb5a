package output

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// writeNew writes the bytes given, whatever their size, with the mode
// os.WriteFile gives, and refuses a file that exists.
func TestWriteNew(t *testing.T) {
	dir := t.TempDir()
	for _, size := range []int{0, 1, 4096, 1 << 20} {
		body := bytes.Repeat([]byte("x"), size)
		p := filepath.Join(dir, "f", "..", "out.html")
		os.Remove(p)
		if err := writeNew(p, body); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(p)
		if err != nil || !bytes.Equal(got, body) {
			t.Fatalf("size %d: read back %d bytes, %v", size, len(got), err)
		}
		ref := filepath.Join(dir, "ref.html")
		if err := os.WriteFile(ref, body, 0o644); err != nil {
			t.Fatal(err)
		}
		a, _ := os.Stat(p)
		b, _ := os.Stat(ref)
		if a.Mode() != b.Mode() {
			t.Errorf("mode %v, os.WriteFile gives %v", a.Mode(), b.Mode())
		}
		if err := writeNew(p, []byte("again")); !errors.Is(err, fs.ErrExist) {
			t.Errorf("writing over a file: %v, want fs.ErrExist", err)
		}
	}
	if err := writeNew(filepath.Join(dir, "missing", "x.html"), nil); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("writing into a missing folder: %v, want fs.ErrNotExist", err)
	}
}
