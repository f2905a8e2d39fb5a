package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"binome/generator"
)

func runMatch(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("match", stderr)
	src := fs.String("source", ".", "site folder")
	csvPath := fs.String("csv", "", "also write the suggestions as CSV to this file")
	lang := fs.String("lang", "", "language of the reasons (default: the site's default language)")
	if _, err := parse(fs, args); err != nil {
		return exitUsage
	}
	s, err := generator.Load(generator.Options{Source: *src}, nil)
	if err == nil {
		err = s.Resolve()
	}
	if err != nil {
		report(stderr, "error", err)
		return exitErrors
	}
	if *lang == "" {
		*lang = s.Config.DefaultLanguage
	}
	sg := s.Suggestions()
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "MENTOR\tMENTEE\tSCORE\tREASONS")
	for _, x := range sg {
		var rs []string
		for _, r := range x.Reasons {
			rs = append(rs, r.Text(*lang))
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", x.Mentor, x.Mentee, strconv.FormatFloat(x.Score, 'f', -1, 64), strings.Join(rs, "; "))
	}
	tw.Flush()
	fmt.Fprintf(stdout, "%d suggested duos\n", len(sg))
	if *csvPath != "" {
		if err := os.WriteFile(*csvPath, generator.SuggestionsCSV(sg, *lang), 0o644); err != nil {
			fmt.Fprintf(stderr, "error: %v\n", err)
			return exitErrors
		}
	}
	return exitOK
}
