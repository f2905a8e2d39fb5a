// Package testfs writes the folders of files that tests build sites from.
// It is for tests only.
package testfs

import (
	"os"
	"path/filepath"
	"testing"
)

// Write writes files (slash-separated path → text) under dir, making the
// folders they need; a failure ends the test.
func Write(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
