package markdown

import (
	"regexp"
	"strconv"
	"strings"
)

// Emphasised lines of code. Handbooks written for other generators mark
// the lines a reader should look at in three ways, all understood here:
//
//   - Docusaurus: a range in the info string, ```js {1,4-6}, and magic
//     comments on lines of their own, // highlight-next-line, and
//     // highlight-start … // highlight-end (in the comment syntax of the
//     language: #, --, /* */, <!-- -->, {/* */}…). The comments are not
//     shown, as in Docusaurus.
//   - MkDocs Material: ``` py hl_lines="2 3-5".
//   - Hugo: ```go {hl_lines=[2,"3-5"]} or {hl_lines="2 3-5"}.
//
// Lines are numbered from 1, after the comments are taken out.

// braceRangeRe finds Docusaurus's {1,4-6}: only numbers, dashes, commas.
var braceRangeRe = regexp.MustCompile(`(?:^|\s)\{\s*(\d+(?:\s*-\s*\d+)?(?:\s*,\s*\d+(?:\s*-\s*\d+)?)*)\s*\}`)

// hlLinesRe finds hl_lines= with a quoted, bracketed or bare value.
var hlLinesRe = regexp.MustCompile(`(?:^|[\s{,])hl_lines\s*=\s*(\[[^\]]*\]|"[^"]*"|'[^']*'|[\d-]+)`)

// lineRangeRe is one number or range of a list of lines.
var lineRangeRe = regexp.MustCompile(`(\d+)(?:\s*-\s*(\d+))?`)

// infoLines returns the lines an info string marks, in the syntaxes above,
// up to line last: a range past the code ({1-99999999}) marks no more.
func infoLines(info string, last int) map[int]bool {
	if !strings.Contains(info, "{") && !strings.Contains(info, "hl_lines") {
		return nil
	}
	var lists []string
	if m := braceRangeRe.FindStringSubmatch(info); m != nil {
		lists = append(lists, m[1])
	}
	if m := hlLinesRe.FindStringSubmatch(info); m != nil {
		lists = append(lists, m[1])
	}
	if len(lists) == 0 {
		return nil
	}
	marked := map[int]bool{}
	for _, l := range lists {
		for _, m := range lineRangeRe.FindAllStringSubmatch(l, -1) {
			from, err := strconv.Atoi(m[1])
			if err != nil || from < 1 || from > last {
				continue
			}
			to := from
			if m[2] != "" {
				if to, err = strconv.Atoi(m[2]); err != nil || to < from {
					continue
				}
				to = min(to, last)
			}
			for i := from; i <= to; i++ {
				marked[i] = true
			}
		}
	}
	return marked
}

// magic is a Docusaurus magic comment.
type magic int

const (
	notMagic magic = iota
	nextLine
	blockStart
	blockEnd
)

// magicComment tells whether line is a Docusaurus magic comment, alone
// on its line in one of the comment syntaxes Docusaurus knows.
func magicComment(line string) magic {
	s := strings.TrimSpace(line)
	if len(s) < len("#highlight-end") || !strings.Contains(s, "highlight-") {
		return notMagic
	}
	for _, c := range [...]struct{ open, close string }{
		{"{/*", "*/}"}, {"/*", "*/"}, {"<!--", "-->"}, {"(*", "*)"},
		{"//", ""}, {"#", ""}, {"--", ""}, {";;", ""}, {";", ""}, {"%", ""},
	} {
		if !strings.HasPrefix(s, c.open) || !strings.HasSuffix(s, c.close) || len(s) < len(c.open)+len(c.close) {
			continue
		}
		switch strings.TrimSpace(s[len(c.open) : len(s)-len(c.close)]) {
		case "highlight-next-line":
			return nextLine
		case "highlight-start":
			return blockStart
		case "highlight-end":
			return blockEnd
		}
		return notMagic
	}
	return notMagic
}

// markLines takes the magic comments out of code, which ends with a
// newline when it has lines, and returns the code left and its marked
// lines (by number, from 1), with those the info string marks. marked is
// nil when no line is marked; code is then as given.
func markLines(info, code string) (string, map[int]bool) {
	marked := infoLines(info, strings.Count(code, "\n")+1)
	if !strings.Contains(code, "highlight-") {
		if len(marked) == 0 {
			return code, nil
		}
		return code, marked
	}
	var b strings.Builder
	b.Grow(len(code))
	n, depth, next := 0, 0, false
	for line := range strings.Lines(code) {
		switch magicComment(line) {
		case nextLine:
			next = true
			continue
		case blockStart:
			depth++
			continue
		case blockEnd:
			depth = max(depth-1, 0)
			continue
		}
		n++
		if next || depth > 0 {
			if marked == nil {
				marked = map[int]bool{}
			}
			marked[n] = true
			next = false
		}
		b.WriteString(line)
	}
	if len(marked) == 0 {
		return b.String(), nil
	}
	return b.String(), marked
}
