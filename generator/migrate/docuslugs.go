package migrate

import (
	"os"
	"path"
	"regexp"
	"strings"
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
