package main

import (
	"fmt"
	"io"

	"binome/generator"
)

func runNew(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("new", stderr)
	src := fs.String("source", ".", "site folder")
	lang := fs.String("lang", "", "language of the new page (default: the site's default language)")
	pos, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 2 {
		fmt.Fprintln(stderr, `usage: binome new KIND "Title" [--lang en]   (KIND: guide, training, story, profile, duo, session-agenda, agreement)`)
		return exitUsage
	}
	path, err := generator.NewPage(generator.Options{Source: *src}, pos[0], pos[1], *lang)
	if err != nil {
		report(stderr, "error", err)
		return exitErrors
	}
	fmt.Fprintf(stdout, "created %s\n", path)
	return exitOK
}
