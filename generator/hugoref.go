package generator

import (
	"bytes"
	"net/url"
	"path"
	"regexp"
	"strings"
	"sync"

	"binome/generator/content"
	"binome/generator/internal/liquid"
	"binome/generator/markdown"
)

// hugoRef matches Hugo's ref and relref shortcodes, the way Hugo
// handbooks write links between pages: [x]({{< ref "guides/x.md" >}}).
var hugoRef = regexp.MustCompile(`^\{\{([<%])\s*(?:rel)?ref\s+(?:"([^"]*)"|'([^']*)'|([^\s"'>%]+))\s*([>%])\}\}$`)

// liquidLink matches Jekyll's link and post_url tags, its way to link
// pages: [x]({% link guides/x.md %}), [y]({% post_url 2024-01-15-y %}).
var liquidLink = regexp.MustCompile(`^\{%-?\s*(link|post_url)\s+(\S+)\s*-?%\}$`)

// wikiRef matches the tag markdown.Normalize writes for a wiki link's
// target ([[First meeting]]), resolved by file name.
var wikiRef = regexp.MustCompile(`^\{\{<\s*binome-wikilink\s+"([^"]*)"\s*>\}\}$`)

// refPath returns the path a link tag names (Hugo's ref and relref,
// Jekyll's link, as a path from content/; Jekyll's post_url, as a file
// name after "post_url:"), or false when t is another tag.
func refPath(t markdown.Tag) (string, bool) {
	if m := hugoRef.FindStringSubmatch(t.Text); m != nil && (m[1] == "<") == (m[5] == ">") {
		return m[2] + m[3] + m[4], true
	}
	if m := wikiRef.FindStringSubmatch(t.Text); m != nil {
		return "wiki:" + m[1], true
	}
	if m := liquidLink.FindStringSubmatch(t.Text); m != nil {
		if m[1] == "post_url" {
			return "post_url:" + m[2], true
		}
		return "/" + strings.TrimPrefix(m[2], "/"), true
	}
	return "", false
}

// siteParam matches the siteparam shortcode of Hugo's Learn and Relearn
// themes, which shows a value of the site's params, and Hugo's own param,
// which shows the page's, else the site's.
var siteParam = regexp.MustCompile(`^\{\{([<%])\s*(siteparam|param)\s+(?:"([\w.-]+)"|([\w.-]+))\s*([>%])\}\}$`)

// liquidValue is the text Jekyll would put for a Liquid output tag, a
// variable through its filters ({{ site.title | upcase }}, see package
// liquid): the site's title, time (the build's day) and params (where
// import puts the variables of Jekyll's _config.yml), the page's title,
// summary, URL, date or frontmatter values. False for another tag, or a variable
// binome has no text for (a list, a map, nothing).
func (s *Site) liquidValue(p *Page, t markdown.Tag) (string, bool) {
	e, ok := liquid.Parse(t.Text)
	if sp := siteParam.FindStringSubmatch(t.Text); sp != nil && (sp[1] == "<") == (sp[5] == ">") {
		// Hugo Learn's and Relearn's {{% siteparam "name" %}}, and Hugo's
		// own {{< param "name" >}}: the page's value, else the site's.
		path := strings.Split(sp[3]+sp[4], ".")
		e, ok = liquid.Expr{Var: liquid.Var{Scope: "site", Path: path}}, true
		if sp[2] == "param" && p.src != nil && lookupPath(p.src.Params(), path) != nil {
			e.Var.Scope = "page"
		}
	}
	if !ok {
		return "", false
	}
	return e.Eval(func(v liquid.Var) any {
		switch name := strings.Join(v.Path, "."); {
		case v.Scope == "site" && name == "title":
			return s.Config.LanguageTitle(p.Lang)
		case v.Scope == "site" && name == "time":
			// The build's day, as the build cache keys pages on it.
			return s.views[p.Lang].BuildDate()
		case v.Scope == "site":
			return lookupPath(s.Config.Params, v.Path)
		case name == "title":
			return p.title
		case name == "description" || name == "summary":
			return p.summary
		case name == "url":
			return p.URL
		case name == "date" && !p.date.IsZero():
			return p.date
		case p.src != nil:
			return lookupPath(p.src.Params(), v.Path)
		}
		return nil
	})
}

// anyLiquidVar finds Liquid output tags of a variable in a text (see
// liquidValue), with their filters.
var anyLiquidVar = regexp.MustCompile(`\{\{-?\s*(?:site|page)\.[A-Za-z_][\w.-]*(?:\s*\|(?:[^{}"'\n]|"[^"\n]*"|'[^'\n]*')*)?\s*-?\}\}`)

// expandVars gives the Liquid variables of a page's summary their values,
// as expandRefs does in its text: the summary is cut from the text as
// written, before that.
func (s *Site) expandVars(p *Page, text string) string {
	if !strings.Contains(text, "{{") || len(p.src.Foreign) == 0 {
		return text
	}
	b := s.replaceVars(p, []byte(text))
	// The params' shortcodes the summary keeps (content.dropTags): their
	// value, else nothing, as for the tags the summary drops.
	var out []byte
	last := 0
	for _, m := range anyParamTag.FindAllIndex(b, -1) {
		out = append(out, b[last:m[0]]...)
		v, ok := s.liquidValue(p, markdown.Tag{Text: string(b[m[0]:m[1]])})
		if ok && !strings.Contains(v, "\n") {
			out = append(out, v...)
		} else {
			out = content.TrimBeforeDropped(out, b[m[1]:])
		}
		last = m[1]
	}
	if out == nil {
		return string(b)
	}
	return strings.TrimSpace(string(append(out, b[last:]...)))
}

// anyParamTag finds the shortcodes that show a param in a text (see
// siteParam).
var anyParamTag = regexp.MustCompile(`\{\{[<%]\s*(?:siteparam|param)\s+(?:"[\w.-]+"|[\w.-]+)\s*[>%]\}\}`)

// replaceVars gives the Liquid variables of b their values, but those
// with none, or with one over several lines: the text's lines must stay
// where loading found them.
func (s *Site) replaceVars(p *Page, b []byte) []byte {
	return anyLiquidVar.ReplaceAllFunc(b, func(m []byte) []byte {
		if v, ok := s.liquidValue(p, markdown.Tag{Text: string(m)}); ok && !strings.Contains(v, "\n") {
			return []byte(v)
		}
		return m
	})
}

// Jekyll's raw tags, inside which Liquid is text.
var (
	rawOpen  = regexp.MustCompile(`\{%-?\s*raw\s*-?%\}`)
	rawClose = regexp.MustCompile(`\{%-?\s*endraw\s*-?%\}`)
)

// expandAllVars gives the Liquid variables of a page's text their values
// everywhere, code included, as Jekyll does before Markdown (cd {{
// site.repo.name }} in a shell block), but between {% raw %} and {%
// endraw %}.
func (s *Site) expandAllVars(p *Page, body []byte) []byte {
	if !bytes.Contains(body, []byte("{{")) && !bytes.Contains(body, []byte("{%")) || !anyLiquidVar.Match(body) && !rawOpen.Match(body) {
		return body
	}
	// The raw tags themselves go, in code too, as Jekyll's output has
	// none; outside code, Normalize would take them out anyway.
	out := make([]byte, 0, len(body))
	for rest := body; ; {
		open := rawOpen.FindIndex(rest)
		if open == nil {
			return append(out, s.replaceVars(p, rest)...)
		}
		out = append(out, s.replaceVars(p, rest[:open[0]])...)
		end, text := len(rest), rest[open[1]:]
		if cl := rawClose.FindIndex(rest[open[1]:]); cl != nil {
			end, text = open[1]+cl[1], rest[open[1]:open[1]+cl[0]]
		}
		out = append(out, text...)
		rest = rest[end:]
	}
}

// lookupPath follows keys down nested maps, nil when one is missing.
func lookupPath(m map[string]any, keys []string) any {
	var v any = m
	for _, k := range keys {
		mm, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = mm[k]
	}
	return v
}

// expandRefs replaces, on their lines of body, the link tags found when
// the page loaded (Hugo's ref and relref, Jekyll's link and post_url)
// with the URL of the page each names, so Markdown links written for
// Hugo or Jekyll work. A tag naming nothing is left as its path, which
// the link check then reports with its line.
func (s *Site) expandRefs(p *Page, body []byte) []byte {
	var out []byte
	done := 0 // body[:done] is in out
	lineStart, line := 0, 1
	for _, t := range p.src.Foreign {
		var with string
		if ref, ok := refPath(t); ok {
			with = s.refTarget(p, ref)
		} else if v, ok := s.liquidValue(p, t); ok {
			with = v
		} else {
			continue
		}
		for line < t.Line && lineStart < len(body) {
			i := bytes.IndexByte(body[lineStart:], '\n')
			if i < 0 {
				lineStart = len(body)
				break
			}
			lineStart += i + 1
			line++
		}
		at := max(lineStart, done)
		end := len(body)
		if i := bytes.IndexByte(body[at:], '\n'); i >= 0 {
			end = at + i
		}
		i := bytes.Index(body[at:end], []byte(t.Text))
		if i < 0 {
			continue
		}
		out = append(out, body[done:at+i]...)
		out = append(out, with...)
		done = at + i + len(t.Text)
	}
	if out == nil {
		return body
	}
	return append(out, body[done:]...)
}

// refTarget resolves a Hugo ref as Hugo does: from the page's folder,
// then from content/ (only from there when it starts with "/"), with or
// without the .md, to a folder's index or _index, or by file name alone
// when one page has it.
func (s *Site) refTarget(p *Page, ref string) string {
	if name, ok := strings.CutPrefix(ref, "post_url:"); ok {
		return s.postURL(p, name)
	}
	if name, ok := strings.CutPrefix(ref, "wiki:"); ok {
		return s.wikiURL(p, name)
	}
	file, frag, hasFrag := strings.Cut(ref, "#")
	if hasFrag {
		frag = "#" + frag
	}
	if file == "" {
		return frag
	}
	var bases []string
	if !strings.HasPrefix(file, "/") {
		bases = append(bases, path.Dir(p.src.Path))
	}
	bases = append(bases, content.Dir)
	for _, base := range bases {
		for _, variant := range []string{file, file + ".md", file + "/index.md", file + "/_index.md"} {
			if q := s.pageForSource(path.Join(base, variant), p.Lang); q != nil {
				return q.URL + frag
			}
		}
	}
	if !strings.Contains(file, "/") {
		s.lookup(file)
		if qs := s.bySlug[p.Lang][strings.TrimSuffix(file, path.Ext(file))]; len(qs) == 1 {
			return qs[0].URL + frag
		}
	}
	return ref
}

// postURL resolves Jekyll's post_url: the page whose file, without its
// extension and language, is name ("2024-01-15-first-duo", or with its
// folders). Unknown names stay as written, for the link check to report.
func (s *Site) postURL(p *Page, name string) string {
	var found *Page
	s.lookup(name)
	for _, q := range s.byName.get(s).pages[strings.ToLower(path.Base(name))] {
		if st := sourceStem(q.src.Path); st == path.Join(content.Dir, name) || strings.HasSuffix(st, "/"+name) {
			if found != nil && found.src.Path != q.src.Path && found.Lang == q.Lang {
				return name // two posts of that name: not one page
			}
			if found == nil || q.Lang == p.Lang {
				found = q
			}
		}
	}
	if found == nil {
		return name
	}
	return s.urlIn(found, p.Lang)
}

// wikiURL resolves a wiki link's target as Obsidian does: a page by its
// file name, any case, with or without .md and folders, then an asset
// (an image, a PDF) by its file name. Several matches take the one
// nearest the linking page's folder. An unknown name becomes wiki:name,
// which the link check reports as such.
func (s *Site) wikiURL(p *Page, name string) string {
	want := strings.ToLower(strings.TrimSuffix(name, ".md"))
	s.lookup(want)
	s.lookup(slugPath(want))
	matches := func(stem string) bool {
		return stem == path.Join(content.Dir, want) || strings.HasSuffix(stem, "/"+want)
	}
	names := s.byName.get(s)
	if ext := strings.ToLower(path.Ext(name)); ext != "" && ext != ".md" {
		var best *content.Asset
		for _, a := range names.assets[path.Base(want)] {
			if matches(strings.ToLower(a.Path)) && (best == nil || nearer(a.Path, best.Path, p.src.Path)) {
				best = a
			}
		}
		if best == nil {
			return "wiki:" + url.PathEscape(name)
		}
		return (&url.URL{Path: "/" + best.Rel}).EscapedPath()
	}
	var found *Page
	for _, q := range names.pages[path.Base(want)] {
		if matches(strings.ToLower(sourceStem(q.src.Path))) && (found == nil || nearer(q.src.Path, found.src.Path, p.src.Path)) {
			found = q
		}
	}
	if found == nil {
		// Foam and MkDocs' roamlinks find [[First meeting]] in
		// first-meeting.md: names compared as slugs, folders too.
		want := slugPath(want)
		for _, q := range names.slugs[path.Base(want)] {
			stem := slugPath(sourceStem(q.src.Path))
			if (stem == path.Join(content.Dir, want) || strings.HasSuffix(stem, "/"+want)) && (found == nil || nearer(q.src.Path, found.src.Path, p.src.Path)) {
				found = q
			}
		}
	}
	if found == nil {
		// Then a page of that title or alias, as Obsidian finds it, a
		// slash in it or not ([[CI/CD]]): what it finds, or not, may
		// change with any page's title.
		s.reads.everyTitleRead()
		for _, q := range names.titles[strings.ToLower(name)] {
			if found == nil || nearer(q.src.Path, found.src.Path, p.src.Path) {
				found = q
			}
		}
	}
	if found == nil {
		// For the link check to report by its name (see resolveLink).
		return "wiki:" + url.PathEscape(name)
	}
	return s.urlIn(found, p.Lang)
}

// slugPath makes a slug of every segment of a slash-separated path.
func slugPath(p string) string {
	segs := strings.Split(p, "/")
	for i, seg := range segs {
		if slug := content.Slugify(seg); slug != "" {
			segs[i] = slug
		}
	}
	return strings.Join(segs, "/")
}

// nameIndex lists the site's pages and assets by the lower-case name of
// their file (a page's without extension and language), for the links
// that name a file alone: Jekyll's post_url and wiki links. Looking
// through every page for each such link took time quadratic in a wiki
// of many pages and links.
type nameIndex struct {
	once   sync.Once
	pages  map[string][]*Page
	slugs  map[string][]*Page // by their file name made a slug
	titles map[string][]*Page // by lower-case title
	assets map[string][]*content.Asset
}

// get builds the index on first use; Resolve starts a new one.
func (x *nameIndex) get(s *Site) *nameIndex {
	x.once.Do(func() {
		x.pages, x.slugs, x.titles = map[string][]*Page{}, map[string][]*Page{}, map[string][]*Page{}
		for src, q := range s.byPath {
			base := path.Base(sourceStem(src))
			key := strings.ToLower(base)
			x.pages[key] = append(x.pages[key], q)
			if slug := content.Slugify(base); slug != "" {
				x.slugs[slug] = append(x.slugs[slug], q)
			}
			title := strings.ToLower(q.title)
			x.titles[title] = append(x.titles[title], q)
			if q.src != nil {
				for _, n := range q.src.Names { // Obsidian's aliases
					if k := strings.ToLower(n); k != title {
						x.titles[k] = append(x.titles[k], q)
					}
				}
			}
		}
		x.assets = map[string][]*content.Asset{}
		for i, a := range s.Content.Assets {
			key := strings.ToLower(path.Base(a.Path))
			x.assets[key] = append(x.assets[key], &s.Content.Assets[i])
		}
	})
	return x
}

// sourceStem is a source path without its extension and language suffix.
func sourceStem(src string) string {
	stem := strings.TrimSuffix(src, path.Ext(src))
	if i := strings.LastIndexByte(stem, '.'); i > strings.LastIndexByte(stem, '/') {
		stem = stem[:i]
	}
	return stem
}

// urlIn is the URL of q's version in lang, or of q when it has none.
func (s *Site) urlIn(q *Page, lang string) string {
	if t := s.pageForSource(q.src.Path, lang); t != nil {
		return t.URL
	}
	return q.URL
}

// nearer reports whether path a shares more leading folders with from
// than b does, or as many and sorts first: a stable choice among files of
// one name.
func nearer(a, b, from string) bool {
	ca, cb := sharedDirs(a, from), sharedDirs(b, from)
	if ca != cb {
		return ca > cb
	}
	return a < b
}

func sharedDirs(a, b string) int {
	n := 0
	for {
		i, j := strings.IndexByte(a, '/'), strings.IndexByte(b, '/')
		if i < 0 || j < 0 || a[:i] != b[:j] {
			return n
		}
		n++
		a, b = a[i+1:], b[j+1:]
	}
}
