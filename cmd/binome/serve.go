package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"binome/generator"
	"binome/generator/serve"
)

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", stderr)
	src := fs.String("source", ".", "site folder")
	bind := fs.String("bind", serve.DefaultBind, "address to listen on (loopback only unless you say otherwise)")
	port := fs.Int("port", serve.DefaultPort, "port to listen on (0: any free port)")
	drafts := fs.Bool("drafts", true, "show draft pages")
	future := fs.Bool("future", true, "show pages whose publishDate is still to come")
	expired := fs.Bool("expired", false, "show pages past their expiryDate")
	debounce := fs.Duration("debounce", serve.DefaultDebounce, "quiet time before a rebuild, to take a burst of saves as one")
	poll := fs.Bool("poll", false, "poll the files instead of using the OS watcher (network shares)")
	verbose := fs.Bool("verbose", false, "log each rebuild")
	if _, err := parse(fs, args); err != nil {
		return exitUsage
	}
	siteWarn, err := checkSite(*src)
	if err != nil {
		report(stderr, "error", err)
		return exitErrors
	}
	if siteWarn != nil {
		reportWarnings(stderr, []error{siteWarn})
	}
	root, err := filepath.Abs(*src)
	if err != nil {
		fmt.Fprintf(stderr, "error: %v\n", err)
		return exitErrors
	}
	log := logger(stderr, *verbose)
	dev := generator.NewDev(generator.Options{Source: root, Drafts: *drafts, Future: *future, Expired: *expired, Logger: log, BaseURL: "/"})
	builder := serve.BuilderFunc(func(ctx context.Context, changed []string) (*serve.Update, error) {
		start := time.Now()
		r, err := dev.Build(ctx, changed)
		if err != nil {
			fmt.Fprintf(stderr, "rebuild failed:\n")
			report(stderr, "error", err)
			return nil, err
		}
		reportWarnings(stderr, r.Warnings)
		if changed != nil {
			fmt.Fprintf(stdout, "rebuilt in %s (%s)\n", time.Since(start).Round(time.Millisecond), strings.Join(changed, ", "))
		}
		return &serve.Update{Site: r.Site, Pages: r.Pages, Styles: r.Styles}, nil
	})
	roots := []string{filepath.Join(root, "content"), filepath.Join(root, "themes"), filepath.Join(root, "static"), filepath.Join(root, "site.yaml")}
	var watched []string
	for _, r := range roots {
		if _, err := os.Stat(r); err == nil {
			watched = append(watched, r)
		}
	}
	public := filepath.Join(root, "public")
	srv, err := serve.New(builder, serve.Options{
		Bind: *bind, Port: *port, Root: root, Roots: watched, Debounce: *debounce, Poll: *poll, Logger: log,
		Ignore: func(p string) bool { return p == public || strings.HasPrefix(p, public+string(filepath.Separator)) },
	})
	if err != nil {
		fmt.Fprintf(stderr, "error: %v\n", err)
		return exitErrors
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	fmt.Fprintf(stdout, "binome: serving %s at %s (Ctrl-C to stop)\n", root, srv.URL())
	if err := srv.Run(ctx); err != nil && !errors.Is(err, context.Canceled) {
		fmt.Fprintf(stderr, "error: %v\n", err)
		return exitErrors
	}
	return exitOK
}
