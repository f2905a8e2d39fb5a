package migrate

import (
	"path"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"binome/generator/content"
)

// jekyllTitles gives a title to each Jekyll document under contentDir
// that has none: a page of a collection or of _posts, in a folder whose
// name starts with _, with no title: in its frontmatter and no # heading
// to take one from. Jekyll titled such a document by its file name,
// "2024-01-15-first-duo.md" as "First Duo", so the site showed that
// title; binome would title it too, but warn of each, and an imported
// collection of a thousand profiles gave a thousand warnings. It returns
// how many pages it titled.
func jekyllTitles(contentDir string) (int, error) {
	return rewriteFronts(contentDir, func(rel string, front, body []byte) ([]byte, bool) {
		dir := path.Dir(rel)
		if !strings.HasPrefix(dir, "_") && !strings.Contains(dir, "/_") {
			return nil, false
		}
		var fm map[string]any
		if yaml.Unmarshal(front, &fm) != nil {
			return nil, false // the build says where
		}
		if t, ok := fm["title"]; ok && t != nil && t != "" || content.FirstHeading(body) != "" {
			return nil, false
		}
		title := titleizeSlug(strings.TrimSuffix(path.Base(rel), path.Ext(rel)))
		if title == "" {
			return nil, false
		}
		return withField(front, "title", title)
	})
}

// datePrefix is the date that starts a Jekyll post's file name.
var datePrefix = regexp.MustCompile(`^\d{2,4}-\d{1,2}-\d{1,2}-`)

// titleizeSlug makes a title of a Jekyll document's file name as Jekyll
// does: the date of a post dropped, then each word between hyphens with
// a capital and the rest in lower case ("my-API-guide" is "My Api Guide").
func titleizeSlug(name string) string {
	name = strings.TrimRight(datePrefix.ReplaceAllString(name, ""), ".")
	words := strings.Split(name, "-")
	for i, w := range words {
		if w == "" {
			continue
		}
		r, n := utf8.DecodeRuneInString(w)
		words[i] = string(unicode.ToUpper(r)) + strings.ToLower(w[n:])
	}
	return strings.TrimSpace(strings.Join(words, " "))
}
