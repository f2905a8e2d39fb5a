package generator

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestCompiledTemplatesBuildTheSameSite builds the example site, minified
// as it is published, with the theme's compiled programs and with
// html/template alone (BINOME_TEMPLATES=std), and wants the same files.
func TestCompiledTemplatesBuildTheSameSite(t *testing.T) {
	src := t.TempDir()
	for _, p := range []string{"content", "themes"} {
		if err := os.CopyFS(filepath.Join(src, p), os.DirFS(filepath.Join("..", p))); err != nil {
			t.Fatal(err)
		}
	}
	if b, err := os.ReadFile("../site.yaml"); err != nil {
		t.Fatal(err)
	} else if err := os.WriteFile(filepath.Join(src, "site.yaml"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	build := func(dest string) *Stats {
		t.Helper()
		st, err := Build(context.Background(), Options{Source: src, Dest: dest, NoCache: true})
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	fast, slow := filepath.Join(t.TempDir(), "fast"), filepath.Join(t.TempDir(), "slow")
	if st := build(fast); st.TemplateFallbacks != 0 {
		t.Errorf("%d executions left to html/template", st.TemplateFallbacks)
	}
	t.Setenv("BINOME_TEMPLATES", "std")
	build(slow)

	files := 0
	err := filepath.WalkDir(slow, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(slow, p)
		want, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		got, err := os.ReadFile(filepath.Join(fast, rel))
		if err != nil {
			t.Errorf("%s: only html/template wrote it", rel)
			return nil
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs", rel)
		}
		files++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 100 {
		t.Fatalf("only %d files compared", files)
	}
}
