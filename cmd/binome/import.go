package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"binome/generator"
	"binome/generator/migrate"
	"binome/generator/source"
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
		from = fmt.Sprintf("%s %s site", article(site.Tool), site.Tool)
		if site.Config != "" {
			from += " (" + site.Config + ")"
		}
	}
	fmt.Fprintf(stdout, "imported %s: %d pages and %d other files → %s\n", from, r.Pages, r.Files, dst)
	langs := "none found, en assumed"
	switch {
	case site.LanguageGuessed:
		langs = site.Languages[0] + ", guessed from the pages' text (change languages and defaultLanguage in site.yaml if it is not)"
	case len(site.Languages) > 0:
		langs = strings.Join(site.Languages, ", ") + " (the first is the default)"
	}
	fmt.Fprintf(stdout, "  site.yaml: title %q, languages %s", site.Title, langs)
	if site.BaseURL != "" {
		fmt.Fprintf(stdout, ", baseURL %s", site.BaseURL)
	}
	fmt.Fprintln(stdout)
	if len(site.Order) > 0 {
		fmt.Fprintf(stdout, "  content/SUMMARY.md: the order of the %d pages of %s\n", len(site.Order), cmp.Or(site.OrderFrom, "the nav"))
	}
	for _, l := range site.Left {
		fmt.Fprintf(stdout, "  not carried over: %s\n", l)
	}
	if r.Inlined > 0 {
		fmt.Fprintf(stdout, "  includes: %d put into the pages from their files, as the old tool showed them\n", r.Inlined)
	}
	if n := len(r.IncludesLeft); n > 0 {
		fmt.Fprintf(stdout, "  not carried over: %d include(s) left as written: %s\n", n, firstFive(r.IncludesLeft, "; "))
	}
	if r.OldURLs > 0 {
		fmt.Fprintf(stdout, "  old URLs: %d page(s) keep the URL the old site gave them, as an alias that redirects to the new one\n", r.OldURLs)
	}
	if r.Titled > 0 {
		fmt.Fprintf(stdout, "  titles: %d document(s) without a title given the one Jekyll made of their file name\n", r.Titled)
	}
	if r.Nested > 0 {
		fmt.Fprintf(stdout, "  navigation: %d page(s) moved into their parent's folder, as their parent: nests them, their links and URLs kept\n", r.Nested)
	}
	if n := len(r.ParentsLeft); n > 0 {
		fmt.Fprintf(stdout, "  not carried over: %d parent(s) not followed: %s\n", n, firstFive(r.ParentsLeft, "; "))
	}
	if r.Tagged > 0 {
		fmt.Fprintf(stdout, "  tags: the #tags of %d note(s) added to their frontmatter's tags, where binome makes tag pages from\n", r.Tagged)
	}
	if n := len(r.TagsLeft); n > 0 {
		fmt.Fprintf(stdout, "  not carried over: the #tags of %d note(s) whose frontmatter is not YAML binome could read: %s\n", n, firstFive(r.TagsLeft, ", "))
	}
	if n := len(r.HTMLPages); n > 0 {
		fmt.Fprintf(stdout, "  pages written in HTML: %d made Markdown pages of the same name, their HTML kept: %s\n", n, firstFive(r.HTMLPages, ", "))
	}
	if n := len(r.Templates); n > 0 {
		fmt.Fprintf(stdout, "  not carried over: %d template(s) of the old tool, which binome makes its own of: %s\n", n, firstFive(r.Templates, ", "))
	}
	return checkImported(dst, stdout, stderr)
}

// checkImported checks the new site as binome check does and sums up
// what is left to look at: errors in full, since the site does not build
// until they are fixed, and warnings counted by kind, the tags of the old
// tool by name, which tell what to replace across the site.
func checkImported(dir string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	stats, err := generator.Check(ctx, generator.Options{Source: dir})
	if err != nil {
		n := report(stderr, "error", err)
		fmt.Fprintf(stderr, "binome: the new site has %d error(s) to fix before it builds; each names its file and line\n", n)
		return exitErrors
	}
	tags := map[string]map[string]int{} // tag name → file → how many
	broken, other := 0, 0
	for _, w := range stats.Warnings {
		var se *source.Error
		if !errors.As(w, &se) {
			other++
			continue
		}
		switch {
		case strings.HasPrefix(se.Msg, "template tag of another generator left in the text: "):
			name := tagName(strings.TrimPrefix(se.Msg, "template tag of another generator left in the text: "))
			if tags[name] == nil {
				tags[name] = map[string]int{}
			}
			tags[name][se.Pos.Path]++
		case strings.HasPrefix(se.Msg, "broken link"):
			broken++
		default:
			other++
		}
	}
	_, total := summary(stats.Pages)
	fmt.Fprintf(stdout, "checked: %d pages build, %d warnings\n", total, len(stats.Warnings))
	names := make([]string, 0, len(tags))
	for name := range tags {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		n := 0
		for _, c := range tags[name] {
			n += c
		}
		fmt.Fprintf(stdout, "  %s: %d left as written, in %d file(s): replace them with Markdown\n", name, n, len(tags[name]))
	}
	if broken > 0 {
		fmt.Fprintf(stdout, "  %d broken link(s)\n", broken)
	}
	if other > 0 {
		fmt.Fprintf(stdout, "  %d other warning(s)\n", other)
	}
	fmt.Fprintf(stdout, "next: binome check --source %s lists each warning at its line; binome serve --source %s shows the site\n", dir, dir)
	return exitOK
}

// tagName is how a tag of another tool is known: "{% include %}",
// "{{< gallery >}}", "{{ … }}" for Liquid output, "<<< @/file" for a
// VitePress code import.
func tagName(tag string) string {
	if strings.HasPrefix(tag, "<<<") {
		return "<<< @/file"
	}
	for _, d := range [...]struct{ open, close string }{{"{{<", ">}}"}, {"{{%", "%}}"}, {"{%", "%}"}} {
		if rest, ok := strings.CutPrefix(tag, d.open); ok {
			f := strings.Fields(strings.TrimLeft(rest, "-/ "))
			if len(f) > 0 {
				return d.open + " " + strings.TrimRight(f[0], "-%>}") + " " + d.close
			}
		}
	}
	if m := componentName.FindString(tag); m != "" {
		return m + " />"
	}
	return "{{ … }}"
}

var componentName = regexp.MustCompile(`^<[A-Za-z][\w.]*`)

// importProfiles writes a profile page per row of a CSV file.
func importProfiles(file, dir string, update bool, stdout, stderr io.Writer) int {
	r, err := migrate.ImportProfiles(file, dir, update)
	if err != nil {
		n := report(stderr, "error", err)
		fmt.Fprintf(stderr, "binome: %d problem(s) in %s; no profile was written\n", n, file)
		return exitErrors
	}
	fmt.Fprintf(stdout, "wrote %d profile(s) under %s/content/profiles/", len(r.Written), dir)
	if n := len(r.Kept) - r.Unchanged; n > 0 {
		fmt.Fprintf(stdout, "; %d existed and were left as they were (--update rewrites them)", n)
	}
	if r.Unchanged > 0 {
		fmt.Fprintf(stdout, "; %d were already as the file says", r.Unchanged)
	}
	fmt.Fprintln(stdout)
	for _, n := range r.Notes {
		fmt.Fprintf(stdout, "  note: %s\n", n)
	}
	if len(r.Ignored) > 0 {
		fmt.Fprintf(stdout, "  columns that fill no profile field, left out: %s\n", strings.Join(r.Ignored, ", "))
	}
	fmt.Fprintf(stdout, "next: binome check --source %s, then binome match --source %s for duo suggestions\n", dir, dir)
	return exitOK
}

// article is "an" before a tool's name that sounds a vowel first
// (an Obsidian vault, an mdBook), else "a".
func article(tool string) string {
	if strings.HasPrefix(tool, "md") || strings.ContainsAny(tool[:1], "AEIOU") {
		return "an"
	}
	return "a"
}

// firstFive joins the first five items with sep, and says there are more.
func firstFive(items []string, sep string) string {
	if len(items) > 5 {
		items = append(items[:5:5], "…")
	}
	return strings.Join(items, sep)
}
