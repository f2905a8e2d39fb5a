package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sort"
	"strings"

	"binome/generator/source"
)

// Exit statuses: content or template errors are 1, wrong usage is 2.
const (
	exitOK      = 0
	exitErrors  = 1
	exitUsage   = 2
	versionText = "binome 0.1.0"
)

const usage = `binome builds a mentoring programme's handbook into a static site.

Usage:
  binome build  [--source DIR] [--dest DIR] [--drafts] [--base-url URL] [--no-minify] [--strict]
  binome serve  [--source DIR] [--bind 127.0.0.1] [--port 1313] [--drafts] [--debounce D] [--poll]
  binome check  [--source DIR] [--strict]
  binome new    KIND "Title" [--source DIR] [--lang en]
  binome init   DIR
  binome import OLD-SITE NEW-DIR
  binome match  [--source DIR] [--csv FILE]
  binome version

Run "binome COMMAND --help" for a command's options.
`

// Main runs one command line and returns the exit status; tests call it
// directly.
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	cmd, rest := args[0], args[1:]
	run := map[string]func([]string, io.Writer, io.Writer) int{
		"build":   runBuild,
		"serve":   runServe,
		"check":   runCheck,
		"new":     runNew,
		"init":    runInit,
		"import":  runImport,
		"match":   runMatch,
		"version": func([]string, io.Writer, io.Writer) int { fmt.Fprintln(stdout, versionText); return exitOK },
	}
	switch cmd {
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return exitOK
	case "--version", "-v":
		fmt.Fprintln(stdout, versionText)
		return exitOK
	}
	f, ok := run[cmd]
	if !ok {
		fmt.Fprintf(stderr, "binome: unknown command %q\n\n%s", cmd, usage)
		return exitUsage
	}
	return f(rest, stdout, stderr)
}

// newFlags makes a flag set that reports usage errors on stderr.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("binome "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parse parses flags that may come before or after positional arguments
// ("binome new guide Title --lang en").
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func logger(stderr io.Writer, verbose bool) *slog.Logger {
	level := slog.LevelWarn
	if verbose {
		level = slog.LevelDebug
	}
	return slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
}

// report prints errors or warnings one per line, in the file:line form
// editors jump to, with their hints.
func report(w io.Writer, label string, err error) int {
	errs := source.Flatten(err)
	for _, e := range errs {
		var se *source.Error
		text := e.Error()
		if errors.As(e, &se) {
			text = se.Error()
		}
		fmt.Fprintf(w, "%s: %s\n", label, text)
	}
	return len(errs)
}

// reportWarnings prints warnings as report does. A build of a site
// imported from elsewhere can give the same warning for a thousand
// files (profiles without a title): the first sameShown of a kind are
// printed, and one line counts the rest, so that the other warnings stay
// in sight. binome check prints them all (listWarnings).
func reportWarnings(w io.Writer, warnings []error) {
	type kind struct{ msg, hint string }
	count := map[kind]int{}
	kindOf := func(e error) (kind, string, bool) {
		var se *source.Error
		if !errors.As(e, &se) || se.Msg == "" {
			return kind{}, "", false
		}
		return kind{se.Msg, se.Hint}, se.Pos.Path, true
	}
	for _, e := range warnings {
		if k, _, ok := kindOf(e); ok {
			count[k]++
		}
	}
	shown := map[kind]int{}
	files := map[kind]map[string]bool{} // of the warnings not shown
	var held []kind                     // kinds with more than were shown, in order of first sight
	for _, e := range warnings {
		if k, file, ok := kindOf(e); ok && count[k] > sameShown+1 {
			if shown[k] == sameShown {
				files[k][file] = true
				continue
			}
			if shown[k]++; shown[k] == sameShown {
				held = append(held, k)
				files[k] = map[string]bool{}
			}
		}
		fmt.Fprintf(w, "warning: %s\n", e.Error())
	}
	for _, k := range held {
		fmt.Fprintf(w, "warning: %d more in %d file(s): %s (binome check lists every one)\n", count[k]-sameShown, len(files[k]), k.msg)
	}
}

// sameShown is how many warnings of one kind a build prints in full.
const sameShown = 3

// listWarnings prints every warning, for binome check.
func listWarnings(w io.Writer, warnings []error) {
	for _, e := range warnings {
		fmt.Fprintf(w, "warning: %s\n", e.Error())
	}
}

// isTerminal reports whether f is a terminal, to show progress only there.
func isTerminal(f io.Writer) bool {
	file, ok := f.(*os.File)
	if !ok {
		return false
	}
	st, err := file.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// summary formats pages per kind and language, e.g.
// "guide 9 (fr 9, en 9)".
func summary(pages map[string]map[string]int) (string, int) {
	kinds := make([]string, 0, len(pages))
	total := 0
	for k := range pages {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	var parts []string
	for _, k := range kinds {
		langs := make([]string, 0, len(pages[k]))
		n := 0
		for l, c := range pages[k] {
			langs = append(langs, fmt.Sprintf("%s %d", l, c))
			n += c
		}
		sort.Strings(langs)
		total += n
		parts = append(parts, fmt.Sprintf("%s %d (%s)", k, n, strings.Join(langs, ", ")))
	}
	return strings.Join(parts, ", "), total
}
