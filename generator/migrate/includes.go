package migrate

import (
	"bytes"
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"binome/generator/markdown"
)

// includer puts into the pages the files they include, as the old tool
// did when it built them: mdBook's {{#include}}, {{#rustdoc_include}}
// and {{#playground}}, MkDocs' snippets (--8<-- "file"), Hugo's
// readfile and Learn's include shortcodes, Jekyll's include_relative and
// GitBook's include. Import does it, not binome's build, though the rest
// of a page's syntax is left as written: the paths name files of the old
// site's layout, often outside the folder that becomes content/ (an
// mdBook's listings, MkDocs' includes/ beside docs/), which import does
// not copy.
type includer struct {
	root  string   // the old site: no include reaches outside it
	bases []string // folders, relative to root, paths may start from (snippets' base_path)
	// inlined counts the directives replaced; left says, by page and
	// line, those left as written, and why.
	inlined int
	left    []string
	// wordLists is set for Jekyll, which reads a tags or categories
	// field written as text as a list of words (see wordListFields).
	wordLists bool
}

// maxIncludeDepth bounds includes of includes.
const maxIncludeDepth = 8

var (
	mdbookInclude  = regexp.MustCompile(`\{\{#(include|rustdoc_include|playground)\s+([^}\s]+)(?:\s+[^}]*)?\}\}`)
	snippetLine    = regexp.MustCompile(`^(\s*)-{2,}8<-{2,}\s+(?:"([^"]+)"|'([^']+)')\s*$`)
	snippetBlock   = regexp.MustCompile(`^\s*-{2,}8<-{2,}\s*$`)
	snippetSection = regexp.MustCompile(`-{2,}8<-{2,}\s*\[(?:start|end):[\w-]+\]`)
	hugoReadfile   = regexp.MustCompile(`\{\{([<%])\s*(readfile|include)\s+(.*?)\s*([>%])\}\}`)
	liquidInclude  = regexp.MustCompile(`\{%-?\s*(include_relative|include)\s+(?:"([^"]+)"|'([^']+)'|(\S+))\s*-?%\}`)
	mdbookAnchor   = regexp.MustCompile(`ANCHOR(?:_END)?:\s*([\w-]+)`)
)

// page returns the text of the page at file (a path under root) with its
// includes put in, and whether any were.
func (in *includer) page(file string, text []byte) ([]byte, bool) {
	partials := 0
	if bytes.Contains(text, []byte("import ")) {
		var out string
		if out, partials = in.partials(file, string(text)); partials > 0 {
			text = []byte(out)
		}
	}
	if !bytes.Contains(text, []byte("{{")) && !bytes.Contains(text, []byte("8<-")) && !bytes.Contains(text, []byte("{%")) {
		return text, partials > 0
	}
	out, n := in.expand(file, string(text), []string{file})
	if n == 0 {
		return text, partials > 0
	}
	return []byte(out), true
}

// mdxPartialImport is Docusaurus' import of a Markdown partial, whose
// component the page shows where it writes <Name />.
var mdxPartialImport = regexp.MustCompile(`^import\s+([A-Z][\w$]*)\s+from\s+['"](\.{1,2}/[^'"]+\.mdx?)['"];?\s*$`)

// partials puts Docusaurus' Markdown partials into the page, as
// Docusaurus shows them: import Table from './_table.md'; and then
// <Table /> alone on a line. An import whose component is put in
// everywhere it is shown goes; the others stay, and the build warns of
// their components. It returns the text and how many it put in.
func (in *includer) partials(file, text string) (string, int) {
	lines := strings.Split(text, "\n")
	imports := map[string]int{} // component → line of its import
	paths := map[string]string{}
	for i, l := range lines {
		if m := mdxPartialImport.FindStringSubmatch(strings.TrimRight(l, "\r")); m != nil {
			imports[m[1]], paths[m[1]] = i, m[2]
		}
	}
	if len(imports) == 0 {
		return text, 0
	}
	count := 0
	left := map[string]bool{}
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if !strings.HasPrefix(t, "<") || !strings.HasSuffix(t, "/>") {
			for name := range imports {
				if strings.Contains(l, "<"+name) {
					left[name] = true
				}
			}
			continue
		}
		name := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(t, "<"), "/>"))
		p, ok := paths[name]
		if !ok {
			continue
		}
		body, ok := in.include(file, i+1, "mdx_partial", p, []string{file})
		if !ok {
			left[name] = true
			continue
		}
		lead := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
		lines[i] = indent(body, lead)
		count++
	}
	for name, at := range imports {
		if !left[name] {
			lines[at] = ""
		}
	}
	return strings.Join(lines, "\n"), count
}

// expand puts in the includes of text, which is file's, returning the
// new text and how many it put in. chain is the files being included,
// outermost first, for cycles.
func (in *includer) expand(file, text string, chain []string) (string, int) {
	lines := strings.SplitAfter(text, "\n")
	var b strings.Builder
	count := 0
	raw := false // inside Liquid's {% raw %}
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		nl := ""
		if strings.HasSuffix(line, "\n") {
			line, nl = strings.TrimSuffix(line, "\n"), "\n"
		}
		if strings.Contains(line, "{% raw %}") || strings.Contains(line, "{%- raw -%}") {
			raw = true
		}
		if raw {
			if strings.Contains(line, "endraw") {
				raw = false
			}
			b.WriteString(line + nl)
			continue
		}
		body := strings.TrimSuffix(line, "\r")
		// MkDocs' snippets: a line of its own, or a block of paths.
		if m := snippetLine.FindStringSubmatch(body); m != nil {
			if got, ok := in.include(file, i+1, "snippet", m[2]+m[3], chain); ok {
				b.WriteString(indent(got, m[1]) + nl)
				count++
				continue
			}
		}
		if snippetBlock.MatchString(body) {
			end := i + 1
			for end < len(lines) && !snippetBlock.MatchString(strings.TrimRight(lines[end], "\r\n")) {
				end++
			}
			if end < len(lines) {
				var parts []string
				all := true
				for j := i + 1; j < end; j++ {
					name := strings.TrimSpace(lines[j])
					if name == "" || strings.HasPrefix(name, ";") {
						continue
					}
					got, ok := in.include(file, j+1, "snippet", name, chain)
					if !ok {
						all = false
						break
					}
					parts = append(parts, got)
				}
				if all {
					b.WriteString(strings.Join(parts, "\n") + nl)
					count += len(parts)
					i = end
					continue
				}
			}
		}
		n := 0
		line = mdbookInclude.ReplaceAllStringFunc(line, func(tag string) string {
			m := mdbookInclude.FindStringSubmatch(tag)
			got, ok := in.include(file, i+1, m[1], m[2], chain)
			if !ok {
				return tag
			}
			n++
			if m[1] == "playground" {
				return "```" + fenceLang(m[2]) + "\n" + got + "\n```"
			}
			return got
		})
		line = hugoReadfile.ReplaceAllStringFunc(line, func(tag string) string {
			m := hugoReadfile.FindStringSubmatch(tag)
			if (m[1] == "<") != (m[4] == ">") {
				return tag
			}
			name, code, lang := readfileArgs(m[3])
			if name == "" {
				return tag
			}
			got, ok := in.include(file, i+1, m[2], name, chain)
			if !ok {
				return tag
			}
			n++
			if code {
				return "```" + cmp.Or(lang, fenceLang(name)) + "\n" + got + "\n```"
			}
			return got
		})
		line = liquidInclude.ReplaceAllStringFunc(line, func(tag string) string {
			m := liquidInclude.FindStringSubmatch(tag)
			name := m[2] + m[3] + m[4]
			kind := m[1]
			if kind == "include" && m[4] != "" {
				// Jekyll's {% include note.html %}: a template of
				// _includes/, which only Markdown ones are put in.
				if ext := strings.ToLower(filepath.Ext(name)); ext != ".md" && ext != ".markdown" {
					return tag
				}
				kind = "jekyll_include"
			}
			got, ok := in.include(file, i+1, kind, name, chain)
			if !ok {
				return tag
			}
			n++
			return got
		})
		count += n
		b.WriteString(line + nl)
	}
	return b.String(), count
}

// include returns the text a directive of kind at line of file puts in
// for spec (a path, perhaps with a line range or an anchor), its own
// includes put in, or false, with the reason kept for the report.
func (in *includer) include(file string, line int, kind, spec string, chain []string) (string, bool) {
	rel, _ := filepath.Rel(in.root, file)
	where := fmt.Sprintf("%s:%d", filepath.ToSlash(rel), line)
	if strings.Contains(spec, "://") {
		in.left = append(in.left, where+": "+spec+" is on another host")
		return "", false
	}
	name, part := splitSpec(spec, kind)
	target, ok := in.find(file, name, kind)
	if !ok {
		in.left = append(in.left, where+": "+name+" not found")
		return "", false
	}
	for _, c := range chain {
		if c == target {
			in.left = append(in.left, where+": "+name+" includes itself")
			return "", false
		}
	}
	if len(chain) > maxIncludeDepth {
		in.left = append(in.left, where+": "+name+" is included too deep")
		return "", false
	}
	data, err := os.ReadFile(target)
	if err != nil {
		in.left = append(in.left, where+": "+err.Error())
		return "", false
	}
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	if ext := strings.ToLower(filepath.Ext(target)); ext == ".md" || ext == ".markdown" {
		if _, rest, ok := yamlFront(text); ok {
			// GitBook's reusable content has a title; rest starts
			// with the closing line.
			_, text, _ = strings.Cut(rest, "\n")
		}
	}
	text, ok = selectPart(text, part, kind)
	if !ok {
		in.left = append(in.left, where+": "+spec+": no such lines or anchor")
		return "", false
	}
	text, _ = in.expand(target, text, append(chain, target))
	in.inlined++
	return strings.TrimSuffix(text, "\n"), true
}

// find resolves an included path as the directive's tool does: from the
// including file's folder (mdBook, Jekyll's include_relative, GitBook,
// Docsy's readfile), from the site's root or snippets' base paths
// (MkDocs, Hugo), from content/ (Hugo), from _includes/ (Jekyll). Only
// files inside the old site count.
func (in *includer) find(file, name, kind string) (string, bool) {
	var dirs []string
	switch kind {
	case "jekyll_include":
		dirs = []string{filepath.Join(in.root, "_includes")}
	case "snippet":
		for _, b := range in.bases {
			dirs = append(dirs, filepath.Join(in.root, filepath.FromSlash(b)))
		}
		dirs = append(dirs, in.root, filepath.Dir(file))
	default:
		dirs = []string{filepath.Dir(file), in.root, filepath.Join(in.root, "content")}
	}
	if strings.HasPrefix(name, "/") {
		dirs = []string{in.root, filepath.Join(in.root, "content")}
	}
	for _, d := range dirs {
		p := filepath.Join(d, filepath.FromSlash(name))
		if rel, err := filepath.Rel(in.root, p); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue
		}
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			return p, true
		}
	}
	return "", false
}

// splitSpec cuts a path from what follows it: mdBook's "file.rs:2:10"
// or "file.rs:anchor", snippets' "file.md:2:10" or "file.md:name".
func splitSpec(spec, kind string) (name, part string) {
	if kind != "include" && kind != "rustdoc_include" && kind != "playground" && kind != "snippet" {
		return spec, ""
	}
	// A colon after the file's extension starts the part (not a
	// Windows drive, which no site's include names).
	if i := strings.Index(spec, ":"); i > 0 {
		return spec[:i], spec[i+1:]
	}
	return spec, ""
}

// selectPart keeps the lines part names: "a:b" (1-based, either end
// open), "a" (one line for mdBook, from a on for snippets), or an
// anchor's lines (mdBook's ANCHOR: name … ANCHOR_END: name, snippets'
// --8<-- [start:name] … [end:name]). Marker lines never show.
func selectPart(text, part, kind string) (string, bool) {
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	marker := func(l string) bool {
		if kind == "snippet" {
			return snippetSection.MatchString(l)
		}
		return mdbookAnchor.MatchString(l)
	}
	keep := func(ls []string) string {
		out := ls[:0:0]
		for _, l := range ls {
			if !marker(l) {
				out = append(out, l)
			}
		}
		return strings.Join(out, "\n")
	}
	if part == "" {
		return keep(lines), true
	}
	from, to, isRange := strings.Cut(part, ":")
	a, errA := strconv.Atoi(from)
	if isRange || errA == nil {
		start, end := 1, len(lines)
		if from != "" {
			if errA != nil {
				return "", false
			}
			start = a
		}
		if isRange && to != "" {
			b, err := strconv.Atoi(to)
			if err != nil {
				return "", false
			}
			end = b
		} else if !isRange && kind != "snippet" {
			end = start // mdBook's "file:5" is line 5 alone
		}
		start, end = max(start, 1), min(end, len(lines))
		if start > end {
			return "", false
		}
		return keep(lines[start-1 : end]), true
	}
	// An anchor.
	start := regexp.MustCompile(`ANCHOR:\s*` + regexp.QuoteMeta(part) + `(?:\s|$)`)
	end := regexp.MustCompile(`ANCHOR_END:\s*` + regexp.QuoteMeta(part) + `(?:\s|$)`)
	var out []string
	found, on := false, false
	for _, l := range lines {
		switch {
		case kind == "snippet" && strings.Contains(l, "[start:"+part+"]"),
			kind != "snippet" && start.MatchString(l):
			on, found = true, true
			continue
		case kind == "snippet" && strings.Contains(l, "[end:"+part+"]"),
			kind != "snippet" && end.MatchString(l):
			on = false
			continue
		}
		if on {
			out = append(out, l)
		}
	}
	if !found {
		return "", false
	}
	return keep(out), true
}

// readfileArgs reads Hugo's readfile and include arguments: the file,
// positional or file=, and Docsy's code="true" lang="yaml".
func readfileArgs(args string) (file string, code bool, lang string) {
	pos, named := markdown.TagArgs(args)
	file = named["file"]
	if file == "" && len(pos) > 0 {
		file = pos[0]
	}
	return file, named["code"] == "true", named["lang"]
}

// fenceLang is the fenced block's language for a file, by extension.
func fenceLang(name string) string {
	return strings.TrimPrefix(strings.ToLower(filepath.Ext(name)), ".")
}

// indent prefixes every line of text but empty ones with prefix, as
// snippets indents a file put in under an indented directive.
func indent(text, prefix string) string {
	if prefix == "" {
		return text
	}
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "\n")
}
