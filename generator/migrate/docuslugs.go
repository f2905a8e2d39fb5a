package migrate

import (
	"bytes"
	"os"
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
	changed := 0
	err := eachPage(contentDir, func(p, rel string) error {
		root, ok := rootOf(rel, roots)
		if !ok {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		front, body, hasFront := cutYAMLFront(data)
		if front == nil {
			return nil
		}
		m := routeSlug.FindSubmatchIndex(front)
		if m == nil {
			return nil
		}
		route := strings.Trim(string(front[m[4]:m[5]]), "/")
		if route == "" || strings.Contains(route, "..") {
			return nil // slug: / warns at the build, which says what to do
		}
		slug := route[strings.LastIndexByte(route, '/')+1:]
		fixed := string(front[:m[2]]) + slug + string(front[m[3]:])
		out, ok := withList([]byte(fixed), hasFront, "aliases", []string{"/" + path.Join(root, route)})
		if !ok {
			return nil
		}
		if out == nil {
			out = append([]byte("---\n"+fixed), "---\n"...)
		}
		changed++
		return os.WriteFile(p, append(out, body...), 0o644)
	})
	return changed, err
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
	changed := 0
	err := eachPage(contentDir, func(p, rel string) error {
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		front, body, _ := cutYAMLFront(data)
		if front == nil {
			return nil
		}
		var fm map[string]any
		if yaml.Unmarshal(front, &fm) != nil {
			return nil
		}
		title, _ := fm["title"].(string)
		heading := firstLineHeading(body)
		if title == "" || heading == "" || strings.EqualFold(strings.TrimSpace(title), heading) {
			return nil
		}
		out := titleLine.ReplaceAll(front, nil)
		if fm["sidebar_label"] == nil && fm["linkTitle"] == nil {
			var ok bool
			if out, ok = withField(out, "linkTitle", title); !ok {
				return nil
			}
		} else {
			out = append(append([]byte("---\n"), out...), "---\n"...)
		}
		changed++
		return os.WriteFile(p, append(out, body...), 0o644)
	})
	return changed, err
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
