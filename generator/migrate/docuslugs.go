package migrate

import (
	"bytes"
	"path"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// routeSlugs rewrites the Docusaurus slugs that are routes (slug:
// /dropbox, from the docs' or the blog's root) into binome's slugs, one
// word (slug: dropbox), and gives each page its old route as an alias,
// which binome redirects. binome keeps the folders of a file's path, and
// refuses a route as a slug: an imported site where every doc had one
// (as sites serving their docs at / do) did not build. roots are the
// content folders the plugins' pages went to, such as "" (docs at /),
// "blog" and "fr/blog". It returns how many pages it changed.
func routeSlugs(contentDir string, roots []string) (int, error) {
	return rewriteFronts(contentDir, func(rel string, front, body []byte) ([]byte, bool) {
		root, ok := rootOf(rel, roots)
		m := routeSlug.FindSubmatchIndex(front)
		if !ok || m == nil {
			return nil, false
		}
		route := strings.Trim(string(front[m[4]:m[5]]), "/")
		if route == "" || strings.Contains(route, "..") {
			return nil, false // slug: / warns at the build, which says what to do
		}
		slug := route[strings.LastIndexByte(route, '/')+1:]
		fixed := string(front[:m[2]]) + slug + string(front[m[3]:])
		out, ok := withList([]byte(fixed), true, "aliases", []string{"/" + path.Join(root, route)})
		if out == nil && ok {
			out = append([]byte("---\n"+fixed), "---\n"...)
		}
		return out, ok
	})
}

// routeSlug is a slug: line whose value is a route: its value, and the
// route without quotes.
var routeSlug = regexp.MustCompile(`(?m)^slug:[ \t]*(["']?(/[^"'\n]*)["']?)[ \t]*$`)

// rootOf returns the root among roots that holds the page at rel (a
// path under content/), the longest one: "fr/blog" before "".
func rootOf(rel string, roots []string) (string, bool) {
	best, found := "", false
	for _, r := range roots {
		if (r == "" || rel == r || strings.HasPrefix(rel, r+"/")) && (!found || len(r) > len(best)) {
			best, found = r, true
		}
	}
	return best, found
}

// headingTitles settles the pages of a Docusaurus site under contentDir
// that have a title in their frontmatter and open with a level-1 heading
// that says something else: Docusaurus shows the heading on the page,
// and the title only in the sidebar (unless sidebar_label names it) and
// the window's title; binome showed both, one over the other. The title
// becomes the page's linkTitle, and the heading titles the page. It
// returns how many pages it changed.
func headingTitles(contentDir string) (int, error) {
	return rewriteFronts(contentDir, func(rel string, front, body []byte) ([]byte, bool) {
		var fm map[string]any
		if len(front) == 0 || yaml.Unmarshal(front, &fm) != nil {
			return nil, false
		}
		title, _ := fm["title"].(string)
		heading := firstLineHeading(body)
		if title == "" || heading == "" || strings.EqualFold(strings.TrimSpace(title), heading) {
			return nil, false
		}
		out := titleLine.ReplaceAll(front, nil)
		if fm["sidebar_label"] == nil && fm["linkTitle"] == nil {
			return withField(out, "linkTitle", title)
		}
		return append(append([]byte("---\n"), out...), "---\n"...), true
	})
}

// titleLine is the title: line of a frontmatter, on one line.
var titleLine = regexp.MustCompile(`(?m)^title[ \t]*:.*\n`)

// firstLineHeading returns the text of the level-1 heading that opens
// body, after blank lines and MDX imports, or "".
func firstLineHeading(body []byte) string {
	for line := range bytes.Lines(body) {
		t := strings.TrimSpace(string(line))
		switch {
		case t == "" || strings.HasPrefix(t, "import "):
			continue
		case strings.HasPrefix(t, "# "):
			return strings.TrimSpace(strings.TrimRight(t[2:], "# "))
		}
		return ""
	}
	return ""
}
