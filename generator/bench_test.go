package generator

import (
	"context"
	"os"
	"strings"
	"testing"
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
// nothing: the write stage is measured by the output package.
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
