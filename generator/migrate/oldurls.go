package migrate

import (
	"bytes"
	"cmp"
	"fmt"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"

	"binome/generator/content"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"
)

// jekyllStyles are Jekyll's built-in permalink styles, as patterns.
var jekyllStyles = map[string]string{
	"date":     "/:categories/:year/:month/:day/:title:output_ext",
	"pretty":   "/:categories/:year/:month/:day/:title/",
	"ordinal":  "/:categories/:year/:y_day/:title:output_ext",
	"weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
	"none":     "/:categories/:title:output_ext",
}

// datedName is a Jekyll post's file name: its date, then its title.
var datedName = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})-(.+)$`)

// oldURLAliases gives each page imported the URL the old tool published
// it at, as oldURL says it from the page's path (relative to content/)
// and frontmatter, as an alias, unless binome's is the same: a Jekyll
// post's /news/2024/01/15/first-duo.html, a GitBook page's
// /guides/first.html. binome writes a redirect there, so bookmarks and
// links from elsewhere keep working. A page with its own permalink keeps
// it, as binome reads it. It returns how many pages it gave an alias.
func oldURLAliases(contentDir string, oldURL func(rel string, fm map[string]any) string) (int, error) {
	type page struct {
		file        string
		front, body []byte
		hasFront    bool
		old         string
		isTOML      bool // +++ frontmatter; data is then the whole file
		data        []byte
		own         string // its path, without extension, lower case
	}
	var pages []page
	taken := map[string]int{}  // old URL → pages that had it
	paths := map[string]bool{} // the pages' paths, without extension
	err := eachPage(contentDir, func(p, rel string) error {
		paths[strings.ToLower(strings.TrimSuffix(rel, path.Ext(rel)))] = true
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		front, body, hasFront := cutYAMLFront(data)
		var fm map[string]any
		isTOML := hasFront && front == nil
		if isTOML {
			// Hugo's +++ frontmatter: read for its values; the alias
			// goes on a line of its own (see tomlAlias).
			tf := frontOf(data)
			if tf == nil || !bytes.HasPrefix(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), []byte("+++")) {
				return nil
			}
			if _, err := toml.Decode(string(tf), &fm); err != nil || fm["aliases"] != nil {
				return nil
			}
		} else if len(front) > 0 && yaml.Unmarshal(front, &fm) != nil {
			return nil
		}
		if fm["permalink"] != nil || fm["url"] != nil {
			return nil
		}
		if old := oldURL(rel, fm); old != "" {
			pages = append(pages, page{file: p, front: front, body: body, hasFront: hasFront, old: old, isTOML: isTOML, data: data,
				own: strings.ToLower(strings.TrimSuffix(rel, path.Ext(rel)))})
			taken[old]++
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	changed := 0
	for _, pg := range pages {
		// An old URL two pages had, or one a page of the new site has
		// (docs/intro.md beside docs/01-intro.md), would clash: left out.
		at := strings.ToLower(strings.Trim(pg.old, "/"))
		if taken[pg.old] > 1 || paths[at] && at != pg.own || paths[at+"/index"] || paths[at+"/_index"] || paths[at+"/readme"] {
			continue
		}
		var text []byte
		if pg.isTOML {
			text = tomlAlias(pg.data, pg.old)
		} else {
			out, ok := withList(pg.front, pg.hasFront, "aliases", []string{pg.old})
			if !ok || out == nil {
				continue
			}
			text = append(out, pg.body...)
		}
		if err := os.WriteFile(pg.file, text, 0o644); err != nil {
			return changed, err
		}
		changed++
	}
	return changed, nil
}

// tomlAlias adds aliases = ["old"] to a page's TOML frontmatter, on the
// line after its opening +++: at the end, it would belong to the last
// [table].
func tomlAlias(data []byte, old string) []byte {
	i := bytes.IndexByte(data, '\n') + 1
	line := fmt.Sprintf("aliases = [%q]\n", old)
	return append(append(append([]byte{}, data[:i]...), line...), data[i:]...)
}

// htmlURL returns the URL GitBook, mdBook and MkDocs without directory
// URLs gave the page at rel: its path with .html; "" for a folder's page
// (README.md, index.md: the folder's URL, as binome's) and SUMMARY.md.
func htmlURL(rel string, _ map[string]any) string {
	dir, file := path.Split(rel)
	base := strings.TrimSuffix(file, path.Ext(file))
	switch strings.ToLower(base) {
	case "readme", "index", "_index", "summary":
		return ""
	}
	return "/" + dir + base + ".html"
}

// docusaurusURL returns the URL Docusaurus gave the page at rel where it
// is not binome's: a doc whose path has number prefixes, without them; a
// blog post with a date in its name, /blog/2024/01/15/first-duo. A page
// with a slug keeps it, as binome reads it.
func docusaurusURL(rel string, fm map[string]any) string {
	if fm["slug"] != nil {
		return ""
	}
	segs := strings.Split(strings.TrimSuffix(rel, path.Ext(rel)), "/")
	last := segs[len(segs)-1]
	if strings.EqualFold(last, "index") || strings.EqualFold(last, "README") || len(segs) > 1 && last == segs[len(segs)-2] {
		segs = segs[:len(segs)-1]
	}
	if b := slices.Index(segs, "blog"); b >= 0 && b+1 < len(segs) {
		if m := datedName.FindStringSubmatch(segs[b+1]); m != nil {
			return "/" + strings.Join(append(append(slices.Clone(segs[:b+1]), m[1], m[2], m[3], m[4]), segs[b+2:]...), "/")
		}
		return ""
	}
	changed := false
	for i, seg := range segs {
		// Docusaurus leaves the number prefixes out of URLs (see docIDs).
		if m := numberPrefix.FindStringIndex(seg); m != nil && m[1] < len(seg) {
			segs[i], changed = seg[m[1]:], true
		}
	}
	if !changed || len(segs) == 0 {
		return ""
	}
	return "/" + strings.Join(segs, "/")
}

// addPermalink records a Hugo section's URL pattern.
func (s *Site) addPermalink(section, pattern string) {
	if s.Permalinks == nil {
		s.Permalinks = map[string]string{}
	}
	s.Permalinks[strings.Trim(section, "/")] = pattern
}

// hugoURL returns the URL a Hugo permalink pattern gave the page at rel
// (relative to content/, a language's folder first when the site has
// them): /2024/01/first-duo/ for posts = "/:year/:month/:slug/". ""
// when its section has no pattern, or for a section's own page.
func hugoURL(rel string, fm map[string]any, permalinks map[string]string, langs []string) string {
	segs := strings.Split(rel, "/")
	prefix := ""
	if len(segs) > 1 && slices.Contains(langs, segs[0]) && len(langs) > 1 {
		if segs[0] != langs[0] {
			prefix = "/" + segs[0]
		}
		segs = segs[1:]
	}
	if len(segs) < 2 {
		return ""
	}
	pattern, ok := permalinks[segs[0]]
	base := strings.TrimSuffix(segs[len(segs)-1], path.Ext(segs[len(segs)-1]))
	if !ok || base == "_index" {
		return ""
	}
	if base == "index" && len(segs) > 2 {
		base = segs[len(segs)-2] // a bundle is named by its folder
	}
	var date time.Time
	switch d := fm["date"].(type) {
	case time.Time:
		date = d
	case string:
		date, _ = content.ParseDate(d)
	}
	title, _ := fm["title"].(string)
	slug, _ := fm["slug"].(string)
	if strings.Contains(pattern, ":year") && date.IsZero() {
		return "" // Hugo had no date to put there either
	}
	r := strings.NewReplacer(
		":year", date.Format("2006"), ":month", date.Format("01"), ":monthname", strings.ToLower(date.Format("January")),
		":day", date.Format("02"), ":weekday", date.Format("Monday"), ":yearday", date.Format("002"),
		":section", segs[0], ":sections", strings.Join(segs[:len(segs)-1], "/"),
		":slugorcontentbasename", urlize(cmp.Or(slug, base)), ":slugorfilename", urlize(cmp.Or(slug, base)),
		":contentbasename", urlize(base), ":filename", urlize(base),
		":slug", urlize(cmp.Or(slug, title, base)), ":title", urlize(cmp.Or(title, base)),
	)
	u := prefix + "/" + strings.Trim(r.Replace(pattern), "/") + "/"
	for strings.Contains(u, "//") {
		u = strings.ReplaceAll(u, "//", "/")
	}
	if strings.Contains(u, ":") || strings.EqualFold(u, prefix+"/"+strings.Join(segs[:len(segs)-1], "/")+"/"+base+"/") {
		return ""
	}
	return u
}

// collectionURL returns the URL Jekyll gave the document at inside (its
// path in the collection's folder, without extension) of the collection
// name, by the collection's own permalink pattern, else Jekyll's
// /:collection/:path with the ending of the site's permalink style
// (/people/jane-doe.html; /people/jane-doe/ when pretty). It is "" where
// that is binome's URL, /people/jane-doe/, or names what binome cannot
// know.
func collectionURL(name, inside, pattern, sitePermalink string, fm map[string]any) string {
	if pattern == "" {
		pattern = "/:collection/:path"
		switch sitePermalink {
		case "pretty":
			pattern += "/"
		case "date", "ordinal", "none":
			pattern += ":output_ext"
		default:
			if strings.HasSuffix(sitePermalink, "/") {
				pattern += "/"
			} else if strings.HasSuffix(sitePermalink, ":output_ext") {
				pattern += ":output_ext"
			}
		}
	}
	base := path.Base(inside)
	slug, _ := fm["slug"].(string)
	r := strings.NewReplacer(
		":collection", name, ":path", inside, ":name", jekyllSlug(base, false),
		":title", jekyllSlug(cmp.Or(slug, base), true), ":slug", jekyllSlug(cmp.Or(slug, base), false),
		":output_ext", ".html",
	)
	u := "/" + r.Replace(pattern)
	for strings.Contains(u, "//") {
		u = strings.ReplaceAll(u, "//", "/")
	}
	own := strings.Split(inside, "/")
	for i, seg := range own {
		own[i] = content.Slugify(seg)
	}
	if strings.Contains(u, ":") || strings.EqualFold(u, "/"+name+"/"+strings.Join(own, "/")+"/") {
		return ""
	}
	return u
}

// jekyllSlug makes a URL segment of a name as Jekyll's slugify does by
// default: runs of characters other than letters and digits become one
// -, and the result is in lower case unless cased.
func jekyllSlug(s string, cased bool) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.TrimSuffix(b.String(), "-")
	if !cased {
		out = strings.ToLower(out)
	}
	return out
}

// urlize makes a URL segment of a title as Hugo does: lower case, words
// joined by -, and no punctuation.
func urlize(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_':
			b.WriteRune(r)
			dash = false
		case r == ' ' || r == '-' || r == '/':
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// jekyllURL returns the URL Jekyll gave the page at rel (relative to the
// site's source) by the site's permalink style or pattern, and the
// collections it outputs with theirs, or "" when binome gives it the
// same one or it is none of Jekyll's pages.
func jekyllURL(rel, permalink string, collections map[string]string, fm map[string]any) string {
	pattern := permalink
	if p, ok := jekyllStyles[permalink]; ok {
		pattern = p
	}
	pretty := strings.HasSuffix(pattern, "/")
	dir, file := path.Split(rel)
	base := strings.TrimSuffix(file, path.Ext(file))
	if name, inside, ok := strings.Cut(rel, "/"); ok && strings.HasPrefix(name, "_") {
		if own, ok := collections[name[1:]]; ok {
			return collectionURL(name[1:], strings.TrimSuffix(inside, path.Ext(inside)), own, permalink, fm)
		}
	}
	posts := strings.Index("/"+dir, "/_posts/")
	if posts < 0 {
		// A page: /about.html, or /about/ when permalinks are pretty,
		// which binome's URL already is; a folder's index is its folder's.
		if pretty && fm["has_children"] == true && dir != "" && base == path.Base(dir) {
			// Just the Docs' parent page named as its folder,
			// layout/layout.md: binome makes it the folder's page, at
			// /layout/, where Jekyll had /layout/layout/.
			return "/" + dir + base + "/"
		}
		if pretty || base == "index" || strings.EqualFold(base, "README") || strings.HasPrefix(rel, "_") {
			return ""
		}
		return "/" + dir + base + ".html"
	}
	m := datedName.FindStringSubmatch(base)
	if m == nil {
		return "" // Jekyll does not publish a post without its date
	}
	date, err := time.Parse("2006-01-02", m[1]+"-"+m[2]+"-"+m[3])
	if err != nil {
		return ""
	}
	if d, ok := fm["date"]; ok {
		switch v := d.(type) {
		case time.Time:
			date = v
		case string:
			if t, err := content.ParseDate(v); err == nil {
				date = t
			}
		}
	}
	title := m[4]
	if slug, ok := fm["slug"].(string); ok && slug != "" {
		title = slug
	}
	// Categories: the folders above _posts/, then the front matter's.
	var cats []string
	for _, c := range strings.Split(strings.Trim(("/" + dir)[:posts], "/"), "/") {
		if c != "" {
			cats = append(cats, c)
		}
	}
	for _, key := range []string{"category", "categories"} {
		switch v := fm[key].(type) {
		case string:
			cats = append(cats, strings.Fields(v)...)
		case []any:
			for _, c := range v {
				if s, ok := c.(string); ok {
					cats = append(cats, s)
				}
			}
		}
	}
	for i, c := range cats {
		cats[i] = strings.ReplaceAll(strings.ToLower(c), " ", "-")
	}
	_, week := date.ISOWeek()
	r := strings.NewReplacer(
		":categories", strings.Join(cats, "/"),
		":year", date.Format("2006"), ":short_year", date.Format("06"),
		":month", date.Format("01"), ":i_month", date.Format("1"), ":short_month", date.Format("Jan"), ":long_month", date.Format("January"),
		":day", date.Format("02"), ":i_day", date.Format("2"), ":y_day", date.Format("002"),
		":short_day", date.Format("Mon"), ":long_day", date.Format("Monday"), ":week", fmt.Sprintf("%02d", week),
		":hour", date.Format("15"), ":minute", date.Format("04"), ":second", date.Format("05"),
		":title", title, ":slug", title, ":output_ext", ".html",
	)
	u := r.Replace(pattern)
	for strings.Contains(u, "//") {
		u = strings.ReplaceAll(u, "//", "/")
	}
	if !strings.HasPrefix(u, "/") {
		u = "/" + u
	}
	if strings.Contains(u, ":") || u == "/posts/"+title+"/" {
		return "" // a placeholder binome does not know, or binome's own URL
	}
	return u
}
