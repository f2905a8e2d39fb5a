package main

import (
	"fmt"
	"io"
	"strings"

	"binome/generator/migrate"
)

func runImport(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("import", stderr)
	pos, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 2 {
		fmt.Fprintln(stderr, "usage: binome import OLD-SITE NEW-DIR   (a Hugo, Jekyll, MkDocs, Docusaurus or GitBook site, or a folder of Markdown)")
		return exitUsage
	}
	src, dst := pos[0], pos[1]
	site, err := migrate.Detect(src)
	if err != nil {
		fmt.Fprintf(stderr, "error: %v\n", err)
		return exitErrors
	}
	r, err := migrate.Import(src, dst, site)
	if err != nil {
		fmt.Fprintf(stderr, "error: %v\n", err)
		return exitErrors
	}
	from := "a folder of Markdown"
	if site.Tool != "Markdown" {
		from = fmt.Sprintf("a %s site", site.Tool)
		if site.Config != "" {
			from += " (" + site.Config + ")"
		}
	}
	fmt.Fprintf(stdout, "imported %s: %d pages and %d other files → %s\n", from, r.Pages, r.Files, dst)
	langs := "none found, en assumed"
	if len(site.Languages) > 0 {
		langs = strings.Join(site.Languages, ", ") + " (the first is the default)"
	}
	fmt.Fprintf(stdout, "  site.yaml: title %q, languages %s\n", site.Title, langs)
	if len(site.Order) > 0 {
		fmt.Fprintf(stdout, "  content/SUMMARY.md: the order of the %d pages of the nav\n", len(site.Order))
	}
	for _, l := range site.Left {
		fmt.Fprintf(stdout, "  not carried over: %s\n", l)
	}
	if n := len(r.Templates); n > 0 {
		shown := r.Templates
		if n > 5 {
			shown = append(shown[:5:5], "…")
		}
		fmt.Fprintf(stdout, "  not carried over: %d template(s) of the old tool, which binome makes its own of: %s\n", n, strings.Join(shown, ", "))
	}
	fmt.Fprintf(stdout, "next: binome serve --source %s   (its warnings name what to look at, file by file)\n", dst)
	return exitOK
}
