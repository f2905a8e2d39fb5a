package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
	"time"

	"binome/generator"
)

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", stderr)
	src := fs.String("source", ".", "site folder (holds site.yaml and content/)")
	dest := fs.String("dest", "", "output folder (default SOURCE/public)")
	drafts := fs.Bool("drafts", false, "include pages with draft: true")
	future := fs.Bool("future", false, "include pages whose publishDate is still to come")
	expired := fs.Bool("expired", false, "include pages past their expiryDate")
	baseURL := fs.String("base-url", "", "override baseURL from site.yaml")
	noMinify := fs.Bool("no-minify", false, "write HTML, CSS and JS as rendered")
	strict := fs.Bool("strict", false, "treat warnings as errors")
	verbose := fs.Bool("verbose", false, "log each stage")
	noCache := fs.Bool("no-cache", false, "build cold: neither read nor write the build cache (.binome-cache)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the build to this file (go tool pprof)")
	traceFile := fs.String("trace", "", "write an execution trace of the build to this file (go tool trace): which goroutines ran when, and which waited")
	memProfile := fs.String("memprofile", "", "write a heap profile to this file once pages are rendered, when the build holds the most (go tool pprof)")
	if _, err := parse(fs, args); err != nil {
		return exitUsage
	}
	siteWarn, err := checkSite(*src)
	if err != nil {
		report(stderr, "error", err)
		return exitErrors
	}
	for _, rec := range []struct {
		file  string
		start func(io.Writer) error
		stop  func()
	}{
		{*cpuProfile, pprof.StartCPUProfile, pprof.StopCPUProfile},
		{*traceFile, trace.Start, trace.Stop},
	} {
		stop, err := recordTo(rec.file, rec.start, rec.stop)
		if err != nil {
			fmt.Fprintf(stderr, "error: %v\n", err)
			return exitErrors
		}
		defer stop()
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	opt := generator.Options{Source: *src, Dest: *dest, Drafts: *drafts, Future: *future, Expired: *expired, BaseURL: *baseURL, Strict: *strict, Logger: logger(stderr, *verbose), NoCache: *noCache}
	if *noMinify {
		off := false
		opt.Minify = &off
	}
	if opt.Dest == "" {
		opt.Dest = filepath.Join(*src, "public")
	}
	if *memProfile != "" {
		opt.Rendered = func() {
			if err := writeHeapProfile(*memProfile); err != nil {
				fmt.Fprintf(stderr, "warning: heap profile: %v\n", err)
			}
		}
	}
	if isTerminal(stderr) {
		opt.Progress = func(done, total int) {
			if total >= 1000 {
				fmt.Fprintf(stderr, "\rrendering %d/%d pages", done, total)
				if done == total {
					fmt.Fprint(stderr, "\r\033[K")
				}
			}
		}
	}
	opt.Sized = sizeGC
	if size := generator.CacheSize(opt.Source); !opt.NoCache && size > 0 {
		restore := holdGC(warmHold(size))
		defer restore()
		// A build whose cache keeps no page renders them all: collected
		// as a cold build is, or it would grow as far as the hold lets it.
		opt.Cold = restore
	}
	start := time.Now()
	stats, err := generator.Build(ctx, opt)
	warnings := stats.Warnings
	if siteWarn != nil {
		warnings = append([]error{siteWarn}, warnings...)
	}
	reportWarnings(stderr, warnings)
	if err != nil {
		n := report(stderr, "error", err)
		fmt.Fprintf(stderr, "binome: build failed with %d error(s); %s was left as it was\n", n, opt.Dest)
		return exitErrors
	}
	pages, total := summary(stats.Pages)
	withheld := ""
	if stats.Withheld > 0 {
		// Say so, or an author looks in vain for a page scheduled later.
		withheld = fmt.Sprintf(", %d left out by their publishDate or expiryDate (--future, --expired)", stats.Withheld)
	}
	fmt.Fprintf(stdout, "binome: %d pages [%s], %d files, %d warnings%s, in %s → %s\n",
		total, pages, stats.Files, len(warnings), withheld, time.Since(start).Round(time.Millisecond), opt.Dest)
	return exitOK
}

// writeHeapProfile writes the live heap, after a collection so that it
// shows what is held rather than garbage.
func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	runtime.GC()
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// recordTo starts a recording of the build (a CPU profile, a trace) into
// the file named file, and returns what stops it and closes the file.
// An empty name records nothing.
func recordTo(file string, start func(io.Writer) error, stop func()) (func(), error) {
	if file == "" {
		return func() {}, nil
	}
	f, err := os.Create(file)
	if err != nil {
		return nil, err
	}
	if err := start(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		stop()
		f.Close()
	}, nil
}
