package generator

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// benchSite is a corpus made by ../shared/bench/gen_corpus.py; the stage
// benchmarks skip without it (bench/compare.sh sets it).
func benchSite(b *testing.B) string {
	dir := os.Getenv("BINOME_BENCH_SITE")
	if dir == "" {
		b.Skip("set BINOME_BENCH_SITE to a corpus folder (python3 ../shared/bench/gen_corpus.py --pages 1000 --out DIR)")
	}
	return dir
}

func BenchmarkLoad(b *testing.B) {
	opt := Options{Source: benchSite(b)}
	for b.Loop() {
		if _, err := Load(opt, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkResolve(b *testing.B) {
	s, err := Load(Options{Source: benchSite(b)}, nil)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := s.Resolve(); err != nil {
			b.Fatal(err)
		}
	}
}

type nullSink struct{}

func (nullSink) Write(string, []byte) error { return nil }

// BenchmarkRender renders and minifies every page and file, writing
// nothing: the write stage is measured by the output package
// (BenchmarkStagingWrite).
func BenchmarkRender(b *testing.B) {
	s, err := Load(Options{Source: benchSite(b)}, nil)
	if err != nil {
		b.Fatal(err)
	}
	if err := s.Resolve(); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		s.Warnings = nil
		if _, err := s.Render(context.Background(), nullSink{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDevRebuild is the dev server's rebuild after one file changed:
// Load reusing every other file, Resolve, and rendering the changed page.
func BenchmarkDevRebuild(b *testing.B) {
	src := benchSite(b)
	dev := NewDev(Options{Source: src})
	res, err := dev.Build(context.Background(), nil)
	if err != nil {
		b.Fatal(err)
	}
	var changed string
	for _, p := range dev.prev.pages {
		if p.src != nil && p.Kind == "guide" {
			changed = p.src.Path
			break
		}
	}
	_ = res
	for b.Loop() {
		r, err := dev.Build(context.Background(), []string{changed})
		if err != nil {
			b.Fatal(err)
		}
		r.Site.Open(strings.TrimPrefix(r.Pages[0], "/") + "index.html")
	}
}

// BenchmarkBuildWarm is binome build run again on a site it built: with
// nothing changed, and with one guide's text changed before each build.
// It measures what the build cache saves, reading it included. The site
// is a copy of the corpus, its files dated an hour back as a checkout's
// are, so that the cache may trust their sizes and times.
func BenchmarkBuildWarm(b *testing.B) {
	src := filepath.Join(b.TempDir(), "site")
	if err := os.CopyFS(src, os.DirFS(benchSite(b))); err != nil {
		b.Fatal(err)
	}
	os.RemoveAll(filepath.Join(src, CacheDir))
	past := time.Now().Add(-time.Hour)
	var guide string
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if guide == "" && !d.IsDir() && strings.Contains(filepath.ToSlash(p), "/content/guides/") && !strings.HasSuffix(p, "_index.md") {
			guide = p
		}
		return os.Chtimes(p, past, past)
	})
	if err != nil || guide == "" {
		b.Fatalf("no guide to edit in the corpus (%v)", err)
	}
	opt := Options{Source: src, Dest: filepath.Join(b.TempDir(), "public")}
	if _, err := Build(context.Background(), opt); err != nil {
		b.Fatal(err)
	}
	build := func(b *testing.B) {
		if _, err := Build(context.Background(), opt); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("nothing-changed", func(b *testing.B) {
		for b.Loop() {
			build(b)
		}
	})
	b.Run("one-page-changed", func(b *testing.B) {
		f, err := os.OpenFile(guide, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		for b.Loop() {
			if _, err := f.WriteString("\nOne more line for the benchmark.\n"); err != nil {
				b.Fatal(err)
			}
			build(b)
		}
	})
}
