package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"binome/generator/migrate"
)

func runImport(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("import", stderr)
	update := fs.Bool("update", false, "with a CSV file: rewrite the profiles that exist already")
	pos, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 2 {
		fmt.Fprintln(stderr, "usage: binome import OLD-SITE NEW-DIR   (a Hugo, Jekyll, MkDocs, Docusaurus or GitBook site, or a folder of Markdown)")
		fmt.Fprintln(stderr, "       binome import PEOPLE.csv SITE-DIR [--update]   (one profile per row)")
		return exitUsage
	}
	src, dst := pos[0], pos[1]
	if strings.EqualFold(filepath.Ext(src), ".csv") {
		return importProfiles(src, dst, *update, stdout, stderr)
	}
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

// importProfiles writes a profile page per row of a CSV file.
func importProfiles(file, dir string, update bool, stdout, stderr io.Writer) int {
	r, err := migrate.ImportProfiles(file, dir, update)
	if err != nil {
		n := report(stderr, "error", err)
		fmt.Fprintf(stderr, "binome: %d problem(s) in %s; no profile was written\n", n, file)
		return exitErrors
	}
	fmt.Fprintf(stdout, "wrote %d profile(s) under %s/content/profiles/", len(r.Written), dir)
	if n := len(r.Kept); n > 0 {
		fmt.Fprintf(stdout, "; %d existed and were left as they were (--update rewrites them)", n)
	}
	fmt.Fprintln(stdout)
	if len(r.Ignored) > 0 {
		fmt.Fprintf(stdout, "  columns that fill no profile field, left out: %s\n", strings.Join(r.Ignored, ", "))
	}
	fmt.Fprintf(stdout, "next: binome check --source %s, then binome match --source %s for duo suggestions\n", dir, dir)
	return exitOK
}
