package content

import (
	"bytes"
	"net/url"
	"path"
	"regexp"
	"strings"
)

// TOCName is GitBook's table of contents. At the top of content/ (or of
// a language folder) it is not a page: its list of links gives the pages
// it names their order, as GitBook's sidebar showed them.
const TOCName = "SUMMARY.md"

// isTOC reports whether rel, a path under content/ with any language
// folder removed, is a table of contents.
func isTOC(rel string) bool { return rel == TOCName }

// tocItem matches a list item that links a page: "* [Title](path.md)",
// or "* [Title](<a path with spaces.md>)" as import writes MkDocs' nav,
// or a link alone on its line, as mdBook writes the chapters before and
// after its lists ("[Introduction](README.md)").
var tocItem = regexp.MustCompile(`^\s*(?:(?:[*+-]|\d+[.)])\s+)?\[([^\]]*)\]\(\s*(?:<([^<>\n]+)>|([^)<>\s]+))(?:\s+"[^"]*")?\s*\)`)

// ParseTOC returns the source paths a table of contents at p links, in
// order, each once, and the text of each link, its title in GitBook's
// sidebar. Links are relative to the file's folder; links out of the
// site, to anchors or to other sites are skipped.
func ParseTOC(p string, data []byte) (paths, titles []string) {
	dir := path.Dir(p)
	seen := map[string]bool{}
	var out []string
	for line := range bytes.Lines(data) {
		m := tocItem.FindSubmatch(line)
		if m == nil {
			continue
		}
		dest := string(m[2]) + string(m[3])
		if i := strings.IndexAny(dest, "#?"); i >= 0 {
			dest = dest[:i]
		}
		dest = unescapeMarkdown(dest) // GitBook writes slides\_files/x.md
		if u, err := url.PathUnescape(dest); err == nil {
			dest = u
		}
		if dest == "" || strings.Contains(dest, "://") || !isMarkdown(dest) {
			continue
		}
		src := path.Join(dir, dest)
		if strings.HasPrefix(dest, "/") {
			src = path.Join(Dir, dest)
		}
		if !strings.HasPrefix(src, Dir+"/") || seen[src] {
			continue
		}
		seen[src] = true
		out = append(out, src)
		titles = append(titles, strings.TrimSpace(string(m[1])))
	}
	return out, titles
}

// applyTOCs gives the pages that tables of contents list their place in
// it as weight, unless their frontmatter orders them itself. Pages are
// copied, not changed: the file entries keep what the files say, so a
// later Load that reuses them starts afresh from the current tables.
func (s *Set) applyTOCs() {
	order := map[string]int{}
	title := map[string]string{}
	s.TOCDirs = nil
	for _, p := range s.paths {
		e := s.files[p]
		if len(e.toc) > 0 {
			s.TOCDirs = append(s.TOCDirs, path.Dir(p))
		}
		for i, src := range e.toc {
			if _, ok := order[src]; !ok {
				order[src] = i + 1
				if i < len(e.tocTitles) {
					title[src] = e.tocTitles[i]
				}
			}
		}
	}
	s.TOC = order
	if len(order) == 0 {
		return
	}
	for i, pg := range s.Pages {
		w, ok := order[pg.Path]
		if !ok {
			continue
		}
		// The table's text for a page is the sidebar's, as GitBook and
		// MkDocs' nav show it, unless the page names its own.
		label := title[pg.Path]
		relabel := label != "" && pg.LinkTitle == "" && !strings.EqualFold(label, pg.Title)
		reorder := !pg.ordered() && pg.Weight != w
		if !relabel && !reorder {
			continue
		}
		c := *pg
		if reorder {
			c.Weight = w
		}
		if relabel {
			c.LinkTitle = label
		}
		s.Pages[i] = &c
	}
}

// ordered reports whether the page's frontmatter gives its order.
func (p *Page) ordered() bool {
	for _, k := range orderKeys {
		if _, ok := p.ints.get(k); ok {
			return true
		}
	}
	return false
}

// orderKeys are the frontmatter fields that order a page, by precedence:
// binome's and Hugo's weight, Docusaurus' sidebar_position, Just the
// Docs' nav_order.
var orderKeys = [...]string{"weight", "sidebar_position", "nav_order"}
