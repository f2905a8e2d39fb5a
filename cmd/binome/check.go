package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"

	"binome/generator"
)

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", stderr)
	src := fs.String("source", ".", "site folder")
	strict := fs.Bool("strict", false, "treat warnings (broken links, missing translations, review dates) as errors")
	drafts := fs.Bool("drafts", false, "check draft pages too")
	future := fs.Bool("future", false, "check as if pages scheduled for later were published")
	expired := fs.Bool("expired", false, "check as if expired pages were still published")
	if _, err := parse(fs, args); err != nil {
		return exitUsage
	}
	siteWarn, err := checkSite(*src)
	if err != nil {
		report(stderr, "error", err)
		return exitErrors
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	stats, err := generator.Check(ctx, generator.Options{Source: *src, Strict: *strict, Drafts: *drafts, Future: *future, Expired: *expired})
	if siteWarn != nil {
		stats.Warnings = append([]error{siteWarn}, stats.Warnings...)
	}
	listWarnings(stderr, stats.Warnings)
	if err != nil {
		n := report(stderr, "error", err)
		fmt.Fprintf(stderr, "binome: check found %d error(s)\n", n)
		return exitErrors
	}
	_, total := summary(stats.Pages)
	withheld := ""
	if stats.Withheld > 0 {
		withheld = fmt.Sprintf(" (and %d left out by their dates, validated but not checked for links)", stats.Withheld)
	}
	fmt.Fprintf(stdout, "binome: %d pages checked%s, %d warnings, no errors\n", total, withheld, len(stats.Warnings))
	return exitOK
}
