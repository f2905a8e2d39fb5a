package migrate

import (
	"cmp"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"binome/generator/content"
)

// Just the Docs, the most used Jekyll theme for documentation, builds its
// navigation from frontmatter rather than folders: a page names its
// parent by title (parent: Customization), and its grandparent too when
// two parents share a title (grand_parent: Guides). Many sites keep all
// their pages in one folder that way. binome's navigation is the content
// folders', so nestParents moves each page whose parent lives elsewhere
// into the parent's folder (created beside the parent's file, which
// becomes that folder's page, as binome reads customization.md beside
// customization/), and a page that has a folder of its own moves with it.
//
// Moving a file would break what links to it, and what it links to by
// relative paths: every page's links are rewritten to follow (Markdown
// links and images, reference definitions, HTML href and src, Jekyll's
// {% link %}), and each page moved keeps the URL binome gave it where it
// was, as an alias that redirects, for links written as URLs and for
// bookmarks.

// jtdPage is a page of the site being nested.
type jtdPage struct {
	orig, rel   string // its path under content/ as imported, and now
	title       string
	parent      string // its parent's title, "" for none
	grandParent string
	hasChildren bool
	slug        string // its frontmatter's slug, if any
	up          *jtdPage
	depth       int
}

// pageMove is a file or folder moved, by paths under content/.
type pageMove struct{ from, to string }

// nestParents nests the pages under contentDir whose parent: names a
// page in another folder, as said above. It returns how many pages
// moved and, for the report, the parents it could not find or follow.
func nestParents(contentDir string) (moved int, left []string, err error) {
	var pages []*jtdPage
	err = eachPage(contentDir, func(p, rel string) error {
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		front, _, _ := cutYAMLFront(data)
		var fm map[string]any
		if len(front) > 0 && yaml.Unmarshal(front, &fm) != nil {
			return nil // the build says where
		}
		str := func(key string) string {
			if v, ok := fm[key]; ok && v != nil {
				return strings.TrimSpace(fmt.Sprint(v))
			}
			return ""
		}
		pages = append(pages, &jtdPage{orig: rel, rel: rel, title: str("title"), parent: str("parent"),
			grandParent: str("grand_parent"), hasChildren: fm["has_children"] == true, slug: str("slug")})
		return nil
	})
	if err != nil || !slices.ContainsFunc(pages, func(p *jtdPage) bool { return p.parent != "" }) {
		return 0, nil, err
	}
	byTitle := map[string][]*jtdPage{}
	for _, p := range pages {
		if p.title != "" {
			byTitle[p.title] = append(byTitle[p.title], p)
		}
	}
	for _, p := range pages {
		if p.parent == "" {
			continue
		}
		up, why := findParent(p, byTitle[p.parent])
		if up == nil {
			left = append(left, fmt.Sprintf("content/%s: parent %q %s, so the page stays where it is", p.orig, p.parent, why))
			continue
		}
		p.up = up
	}
	// Parents first, so that a page follows its parent to where it went.
	var circled []*jtdPage
	for _, p := range pages {
		if !depthOf(p, 0) {
			circled = append(circled, p)
		}
	}
	for _, p := range circled {
		left = append(left, fmt.Sprintf("content/%s: its parents name each other in a circle, so the page stays where it is", p.orig))
		p.up, p.depth = nil, 0
	}
	slices.SortStableFunc(pages, func(a, b *jtdPage) int { return cmp.Or(cmp.Compare(a.depth, b.depth), cmp.Compare(a.rel, b.rel)) })

	var moves []pageMove
	for _, p := range pages {
		if p.up == nil {
			continue
		}
		into := childFolder(p.up)
		dir := path.Dir(p.rel)
		if into == "." || dir == into || strings.HasPrefix(dir+"/", into+"/") {
			continue // already in its parent's folder, or deeper in it
		}
		unit, why := unitOf(contentDir, p), ""
		for _, m := range unit {
			to := path.Join(into, path.Base(m))
			if into == m || strings.HasPrefix(into+"/", m+"/") {
				why = "is inside its own folder"
			} else if _, err := os.Lstat(filepath.Join(contentDir, filepath.FromSlash(to))); err == nil {
				why = "has a folder holding content/" + to + " already"
			}
		}
		if why != "" {
			// Checked for the file and its folder both, so that neither
			// moves without the other.
			left = append(left, fmt.Sprintf("content/%s: its parent %q %s, so the page stays where it is", p.orig, p.parent, why))
			continue
		}
		if err := os.MkdirAll(filepath.Join(contentDir, filepath.FromSlash(into)), 0o755); err != nil {
			return moved, left, err
		}
		for _, m := range unit {
			mv := pageMove{from: m, to: path.Join(into, path.Base(m))}
			if err := os.Rename(filepath.Join(contentDir, filepath.FromSlash(mv.from)), filepath.Join(contentDir, filepath.FromSlash(mv.to))); err != nil {
				return moved, left, err
			}
			moves = append(moves, mv)
			for _, q := range pages {
				q.rel = mv.apply(q.rel)
			}
		}
	}
	if len(moves) == 0 {
		return 0, left, nil
	}
	final := func(orig string) string {
		for _, m := range moves {
			orig = m.apply(orig)
		}
		return orig
	}
	n := &nesting{final: final, byOldURL: map[string]*jtdPage{}, newURLs: map[string]bool{}, stems: map[string]*jtdPage{}}
	for _, p := range pages {
		n.byOldURL[binomeURL(p.orig, p.slug, p.hasChildren)] = p
		n.newURLs[binomeURL(p.rel, p.slug, p.hasChildren)] = true
		n.stems[strings.ToLower(stem(p.orig))] = p
	}
	for _, p := range pages {
		if err := n.relink(contentDir, p); err != nil {
			return moved, left, err
		}
		if p.rel != p.orig {
			moved++
		}
	}
	return moved, left, nil
}

// findParent picks, among the pages titled as p's parent, the one Just
// the Docs would: the one whose own parent is p's grand_parent when it
// names one, else the only one, else the one with has_children, else
// the one whose folder holds p. It says why when none is.
func findParent(p *jtdPage, titled []*jtdPage) (*jtdPage, string) {
	cands := slices.DeleteFunc(slices.Clone(titled), func(q *jtdPage) bool { return q == p })
	if p.grandParent != "" {
		cands = slices.DeleteFunc(cands, func(q *jtdPage) bool { return q.parent != p.grandParent })
	}
	if len(cands) > 1 {
		if parents := slices.DeleteFunc(slices.Clone(cands), func(q *jtdPage) bool { return !q.hasChildren }); len(parents) > 0 {
			cands = parents
		}
	}
	if len(cands) > 1 {
		near := slices.DeleteFunc(slices.Clone(cands), func(q *jtdPage) bool {
			d := path.Dir(q.orig)
			return d != "." && !strings.HasPrefix(p.orig, d+"/")
		})
		if len(near) == 1 {
			cands = near
		}
	}
	switch len(cands) {
	case 0:
		if p.grandParent != "" {
			return nil, fmt.Sprintf("under %q names no page", p.grandParent)
		}
		return nil, "names no page (Just the Docs matches it with a page's title)"
	case 1:
		return cands[0], ""
	}
	return nil, fmt.Sprintf("is the title of %d pages (give grand_parent: to say which)", len(cands))
}

// depthOf sets the depth of p and its parents, and reports false when
// they form a circle.
func depthOf(p *jtdPage, seen int) bool {
	if p.up == nil {
		p.depth = 0
		return true
	}
	if seen > 64 {
		return false
	}
	if !depthOf(p.up, seen+1) {
		return false
	}
	p.depth = p.up.depth + 1
	return true
}

// childFolder is the folder, under content/, that p's children go in:
// the folder p is the page of (index.md, README.md, _index.md, or Just
// the Docs' ui/ui.md), else one named as p's file, beside it.
func childFolder(p *jtdPage) string {
	if ownsFolder(p.rel, p.hasChildren) || path.Dir(p.rel) == "." && isIndexName(p.rel) {
		return path.Dir(p.rel) // "." for the home page: every page is under it
	}
	return strings.TrimSuffix(p.rel, path.Ext(p.rel))
}

// fileStem is the name of the file at rel without its extension.
func fileStem(rel string) string { return strings.TrimSuffix(path.Base(rel), path.Ext(rel)) }

// isIndexName reports whether the file at rel is named as its folder's
// page: index, README or _index.
func isIndexName(rel string) bool {
	stem := strings.ToLower(fileStem(rel))
	return stem == "index" || stem == "readme" || stem == "_index"
}

// ownsFolder reports whether the page at rel is the page of the folder
// it is in (below content/ itself).
func ownsFolder(rel string, hasChildren bool) bool {
	dir := path.Dir(rel)
	return dir != "." && (isIndexName(rel) || hasChildren && strings.EqualFold(fileStem(rel), path.Base(dir)))
}

// unitOf is what moves with p: its folder when it is the folder's page,
// else its file and the folder named as it beside it, if any, whose page
// it is to binome.
func unitOf(contentDir string, p *jtdPage) []string {
	if ownsFolder(p.rel, p.hasChildren) {
		return []string{path.Dir(p.rel)}
	}
	unit := []string{p.rel}
	folder := strings.TrimSuffix(p.rel, path.Ext(p.rel))
	if fi, err := os.Stat(filepath.Join(contentDir, filepath.FromSlash(folder))); err == nil && fi.IsDir() {
		unit = append(unit, folder)
	}
	return unit
}

// apply gives the path p has after the move.
func (m pageMove) apply(p string) string {
	if p == m.from {
		return m.to
	}
	if rest, ok := strings.CutPrefix(p, m.from+"/"); ok {
		return m.to + "/" + rest
	}
	return p
}

// binomeURL is the URL binome gives the page at rel under content/: its
// folders' and its name's slugs, or its folder's URL for the folder's
// page (the home page's, /, for the one of content/). slug replaces its
// name's.
func binomeURL(rel, slug string, hasChildren bool) string {
	var segs []string
	for _, d := range strings.Split(path.Dir(rel), "/") {
		if d != "." {
			segs = append(segs, content.Slugify(d)+"/")
		}
	}
	if !ownsFolder(rel, hasChildren) && !(path.Dir(rel) == "." && isIndexName(rel)) {
		segs = append(segs, content.Slugify(cmp.Or(slug, fileStem(rel)))+"/")
	}
	return "/" + strings.Join(segs, "")
}

var (
	// mdLink finds the target of an inline link or image: ](target "t").
	mdLink = regexp.MustCompile(`\]\(\s*(<[^>\n]*>|[^)\s]+)`)
	// refDef finds the target of a reference definition: [id]: target.
	refDef = regexp.MustCompile(`^ {0,3}\[[^\]\n]+\]:\s*(<[^>\n]*>|\S+)`)
	// htmlRef finds the target of an HTML link, image or source.
	htmlRef = regexp.MustCompile(`(?i)\b(?:href|src)\s*=\s*(?:"([^"\n]*)"|'([^'\n]*)')`)
	// jekyllLink finds the path of Jekyll's {% link path %}.
	jekyllLink = regexp.MustCompile(`\{%-?\s*link\s+(\S+)\s*-?%\}`)
	// urlScheme starts a URL that is no path: https:, mailto:…
	urlScheme = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)
	// codeSpan is inline code, whose text is no link.
	codeSpan = regexp.MustCompile("`+[^`\n]*`+")
)

// nesting is what relink needs to know of the moves: where each path
// imported is now (final), the pages by the URLs binome gave them before
// and the URLs it gives them now, and the pages by their paths without
// extension (folder pages by their folders), as links name them.
type nesting struct {
	final    func(string) string
	byOldURL map[string]*jtdPage
	newURLs  map[string]bool
	stems    map[string]*jtdPage
}

// stem is how a link without extension names the page at rel: its path
// without extension, or its folder for the folder's page.
func stem(rel string) string {
	base := strings.ToLower(strings.TrimSuffix(path.Base(rel), path.Ext(rel)))
	if base == "index" || base == "_index" {
		return path.Dir(rel)
	}
	return strings.TrimSuffix(rel, path.Ext(rel))
}

// relink rewrites p's links after the moves: a link to a file that moved
// follows it, and a page that moved keeps linking what it linked, and
// gets its old URL as an alias unless a page has it now.
func (n *nesting) relink(contentDir string, p *jtdPage) error {
	file := filepath.Join(contentDir, filepath.FromSlash(p.rel))
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	front, body, hasFront := cutYAMLFront(data)
	moved := p.rel != p.orig
	newBody := rewriteTargets(body, func(target string) string { return n.fixTarget(target, p) })
	head := data[:len(data)-len(body)] // the frontmatter as it is
	if old := binomeURL(p.orig, p.slug, p.hasChildren); moved && (front != nil || !hasFront) && !n.newURLs[old] {
		if withAlias, ok := withList(front, hasFront, "aliases", []string{old}); ok && withAlias != nil {
			head = withAlias
		}
	}
	out := append(slices.Clip(head), newBody...)
	if string(out) == string(data) {
		return nil
	}
	return os.WriteFile(file, out, 0o644)
}

// fixTarget rewrites one link target of page p, or returns it as it is,
// so that it reaches what it reached before the moves, as binome reads
// it. A path with an extension (page.md, photo.png) is a file, found
// from the page's file: it follows the file, from the page's folder. A
// path without is a URL, read from the page's URL, else a page named by
// its path without extension from the page's file (Docusaurus' and
// GitHub's way): as a URL, a moved page's is rebased from its new URL,
// and the aliases of the pages moved take the others there; as a page's
// path, it follows the page.
func (n *nesting) fixTarget(target string, p *jtdPage) string {
	t, suffix := target, ""
	if i := strings.IndexAny(t, "#?"); i >= 0 {
		t, suffix = t[:i], t[i:]
	}
	if t == "" || urlScheme.MatchString(t) || strings.HasPrefix(t, "//") || strings.ContainsAny(t, "{}%") {
		return target
	}
	slash := strings.HasSuffix(t, "/")
	isFile := path.Ext(strings.TrimSuffix(t, "/")) != ""
	moved := p.rel != p.orig
	if strings.HasPrefix(t, "/") {
		if !isFile {
			return target
		}
		abs := path.Clean(strings.TrimPrefix(t, "/"))
		if to := n.final(abs); to != abs {
			return "/" + to + suffix
		}
		return target
	}
	oldBase := binomeURL(p.orig, p.slug, p.hasChildren)
	var from, to string
	switch abs := path.Join(path.Dir(p.orig), t); {
	case abs == ".." || strings.HasPrefix(abs, "../"):
		return target // outside content/: left to the build to report
	case isFile:
		from, to = path.Dir(p.rel), n.final(abs)
		if to == abs && !moved {
			return target
		}
	case n.byOldURL[strings.TrimSuffix(path.Join(oldBase, t), "/")+"/"] != nil || n.stems[strings.ToLower(abs)] != nil:
		// A page, named by its URL or its path: the link goes from this
		// page's URL to that page's, which binome finds first.
		q := n.byOldURL[strings.TrimSuffix(path.Join(oldBase, t), "/")+"/"]
		if q == nil {
			q = n.stems[strings.ToLower(abs)]
		}
		if !moved && q.rel == q.orig {
			return target
		}
		from, to = binomeURL(p.rel, p.slug, p.hasChildren), binomeURL(q.rel, q.slug, q.hasChildren)
	case moved:
		from, to = binomeURL(p.rel, p.slug, p.hasChildren), path.Join(oldBase, t)
	default:
		return target
	}
	rel, err := filepath.Rel(filepath.FromSlash("/"+strings.Trim(from, "/")), filepath.FromSlash("/"+strings.Trim(to, "/")))
	if err != nil {
		return target
	}
	rel = filepath.ToSlash(rel)
	if rel == "." {
		rel = "./"
	} else if slash {
		rel += "/"
	}
	return rel + suffix
}

// rewriteTargets applies fix to every link target in a page's Markdown
// text, but in code: fenced, indented, and spans. A line indented by
// four columns after a blank line is code, but in a list item, whose
// paragraphs are indented to its text and its code four columns more.
func rewriteTargets(body []byte, fix func(string) string) []byte {
	lines := strings.SplitAfter(string(body), "\n")
	fence := ""
	inCode, prevBlank := false, true
	item := -1 // the column of the text of the list item the lines are in
	for i, line := range lines {
		indent, trimmed := indentOf(line)
		if fence != "" {
			if strings.HasPrefix(trimmed, fence) && strings.TrimSpace(strings.TrimLeft(trimmed, fence[:1])) == "" {
				fence = ""
			}
			continue
		}
		if strings.TrimSpace(line) == "" {
			prevBlank = true
			continue
		}
		base := 0
		if item >= 0 && indent >= item {
			base = item
		} else if item >= 0 && prevBlank {
			item = -1 // a paragraph after the list
		}
		inCode = indent >= base+4 && (prevBlank || inCode)
		prevBlank = false
		if inCode {
			continue
		}
		if m := listItem.FindString(trimmed); m != "" {
			// The item's text starts after its marker and the spaces
			// after it (one when it is followed by code or nothing).
			marker := strings.TrimRight(m, " \t\r\n")
			after := trimmed[len(marker):]
			text := strings.TrimLeft(after, " ")
			spaces := len(after) - len(text)
			if spaces == 0 || spaces > 4 || strings.TrimSpace(text) == "" {
				spaces = 1
			}
			item = indent + len(marker) + spaces
		}
		if indent-base < 4 {
			for _, f := range []string{"```", "~~~"} {
				if strings.HasPrefix(trimmed, f) {
					n := len(trimmed) - len(strings.TrimLeft(trimmed, f[:1]))
					fence = strings.Repeat(f[:1], n)
				}
			}
			if fence != "" {
				continue
			}
		}
		lines[i] = rewriteLine(line, fix)
	}
	return []byte(strings.Join(lines, ""))
}

// indentOf returns the column a line's text starts at, tabs reaching the
// next multiple of four, and the line from there.
func indentOf(line string) (int, string) {
	col := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case ' ':
			col++
		case '\t':
			col += 4 - col%4
		default:
			return col, line[i:]
		}
	}
	return col, ""
}

// rewriteLine applies fix to the link targets of one line outside code
// spans.
func rewriteLine(line string, fix func(string) string) string {
	var spans [][2]int
	code := codeSpan.FindAllStringIndex(line, -1)
	inCode := func(i int) bool {
		return slices.ContainsFunc(code, func(c []int) bool { return i >= c[0] && i < c[1] })
	}
	add := func(ms [][]int, groups ...int) {
		for _, m := range ms {
			for _, g := range groups {
				if s, e := m[2*g], m[2*g+1]; s >= 0 && !inCode(s) {
					if line[s] == '<' && line[e-1] == '>' {
						s, e = s+1, e-1
					}
					spans = append(spans, [2]int{s, e})
				}
			}
		}
	}
	add(mdLink.FindAllStringSubmatchIndex(line, -1), 1)
	add(refDef.FindAllStringSubmatchIndex(line, -1), 1)
	add(htmlRef.FindAllStringSubmatchIndex(line, -1), 1, 2)
	jekyll := len(spans)
	add(jekyllLink.FindAllStringSubmatchIndex(line, -1), 1)
	if len(spans) == 0 {
		return line
	}
	type edit struct {
		span [2]int
		to   string
	}
	var edits []edit
	for i, sp := range spans {
		target := line[sp[0]:sp[1]]
		to := fix(target)
		if i >= jekyll {
			// Jekyll's link takes a path from the site's root, without
			// the slash binome's links from the root have.
			to = strings.TrimPrefix(fix("/"+strings.TrimPrefix(target, "/")), "/")
			if to == strings.TrimPrefix(target, "/") {
				continue
			}
		}
		if to != target {
			edits = append(edits, edit{sp, to})
		}
	}
	slices.SortFunc(edits, func(a, b edit) int { return cmp.Compare(b.span[0], a.span[0]) })
	for _, e := range edits {
		line = line[:e.span[0]] + e.to + line[e.span[1]:]
	}
	return line
}
