// Command floor is the benchmark's lower bound: the work every static-site
// generator must do on a corpus, and nothing more. It reads each .md file
// under a content folder, cuts off the front matter, renders the Markdown
// with goldmark (GFM, footnotes, definition lists, typographer, heading IDs;
// no highlighting, templates, links, lists or minifying) and writes one file
// per page, <out>/<section>/<slug>/index.html, over all cores.
//
//	go run ./bench/floor -src corpus/content -out dir
//
// A generator's time divided by the floor's says how much it spends beyond
// parsing and writing; see bench/README.md.
//
// Like the rest of bench/, it imports goldmark directly rather than through
// binome/generator/markdown: the floor must not move when binome's Markdown
// setup grows.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

func main() {
	src := flag.String("src", "", "content folder to read (.md files, any depth)")
	out := flag.String("out", "", "folder to write the pages into (created; existing files are overwritten)")
	workers := flag.Int("j", runtime.GOMAXPROCS(0), "pages rendered at once")
	flag.Parse()
	if *src == "" || *out == "" || flag.NArg() > 0 || *workers < 1 {
		fmt.Fprintln(os.Stderr, "usage: floor -src CONTENT_DIR -out OUT_DIR [-j N]")
		os.Exit(2)
	}
	start := time.Now()
	n, err := run(*src, *out, *workers)
	if err != nil {
		fmt.Fprintf(os.Stderr, "floor: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("floor: %d pages in %s → %s\n", n, time.Since(start).Round(time.Millisecond), *out)
}

// run renders every page under src into out and returns how many it wrote.
// The first error in path order is returned, so two failing runs say the same.
func run(src, out string, workers int) (int, error) {
	var paths []string
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".md") {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}

	jobs := make(chan int)
	errs := make([]error, len(paths))
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// One converter and buffer per worker: nothing is shared
			// between goroutines but the job channel.
			md := newMarkdown()
			var buf bytes.Buffer
			for i := range jobs {
				buf.Reset()
				errs[i] = page(md, &buf, src, out, paths[i])
			}
		}()
	}
	for i := range paths {
		jobs <- i
	}
	close(jobs)
	wg.Wait()

	var failed []string
	for i, err := range errs {
		if err != nil {
			failed = append(failed, fmt.Sprintf("%s: %v", paths[i], err))
		}
	}
	if len(failed) > 0 {
		sort.Strings(failed)
		return 0, fmt.Errorf("%d page(s) failed, first: %s", len(failed), failed[0])
	}
	return len(paths), nil
}

// newMarkdown returns goldmark set up as Hugo's defaults are, minus
// highlighting: the Markdown work all the compared tools share.
func newMarkdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList, extension.Typographer),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
}

// page renders one Markdown file to its index.html.
func page(md goldmark.Markdown, buf *bytes.Buffer, src, out, path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	body, err := body(b)
	if err != nil {
		return err
	}
	buf.WriteString("<!doctype html>\n<meta charset=utf-8>\n<main>\n")
	if err := md.Convert(body, buf); err != nil {
		return err
	}
	buf.WriteString("</main>\n")

	rel, err := filepath.Rel(src, path)
	if err != nil {
		return err
	}
	dir := filepath.Join(out, filepath.Dir(rel))
	if slug := strings.TrimSuffix(filepath.Base(rel), ".md"); slug != "_index" {
		dir = filepath.Join(dir, slug)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "index.html"), buf.Bytes(), 0o644)
}

// body returns the Markdown after a YAML front matter block: a first line
// "---" and the next line that is "---". A file without one is all body.
func body(b []byte) ([]byte, error) {
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	first, rest, ok := bytes.Cut(b, []byte("\n"))
	if !ok || string(bytes.TrimRight(first, "\r")) != "---" {
		return b, nil
	}
	for len(rest) > 0 {
		line, next, _ := bytes.Cut(rest, []byte("\n"))
		if string(bytes.TrimRight(line, "\r")) == "---" {
			return next, nil
		}
		rest = next
	}
	return nil, fmt.Errorf("front matter has no closing ---")
}
