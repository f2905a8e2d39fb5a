package generator

import (
	"path"
	"slices"
	"sort"
	"strings"

	"binome/generator/config"
	"binome/generator/content"
	"binome/generator/source"
)

// lists fills the children of home and section pages, parents,
// breadcrumbs and previous/next links.
func (s *Site) lists() {
	byURL := map[string]*Page{}
	for _, p := range s.pages {
		byURL[p.URL] = p
	}
	// Asked of every page, on every core, as are the sorts below: at
	// 50,000 pages, a warm build spent 0.5 s on one core past this point
	// of Resolve, the other one idle.
	hidden := make([]bool, len(s.pages))
	onCores(len(s.pages), func(i int) {
		p := s.pages[i]
		hidden[i] = s.navHidden(p)
		p.sortKey()
	})
	for i, p := range s.pages {
		if p.IsHome {
			continue
		}
		parentURL := path.Dir(strings.TrimSuffix(p.URL, "/")) + "/"
		if parentURL == "//" {
			parentURL = "/"
		}
		if p.Kind != "home" && !strings.HasPrefix(parentURL, s.langPrefix(p.Lang)) {
			parentURL = s.langPrefix(p.Lang)
		}
		parent := byURL[parentURL]
		for parent == nil && parentURL != s.langPrefix(p.Lang) {
			parentURL = path.Dir(strings.TrimSuffix(parentURL, "/")) + "/"
			parent = byURL[parentURL]
		}
		if parent == nil || parent == p {
			continue
		}
		p.parent = parent
		if (!p.noIndex || p.Kind == "profile") && !hidden[i] {
			parent.pages = append(parent.pages, p)
		}
	}
	var sorts [][]*Page
	for _, p := range s.pages {
		for a := p.parent; a != nil; a = a.parent {
			p.ancestors = append([]*Page{a}, p.ancestors...)
		}
		if p.IsList {
			sorts = append(sorts, p.pages)
		}
		if p.src != nil && !p.IsList {
			v := s.views[p.Lang]
			v.byKind[p.Kind] = append(v.byKind[p.Kind], p)
		}
	}
	for _, v := range s.views {
		for _, ps := range v.byKind {
			sorts = append(sorts, ps)
		}
	}
	sortAll(sorts)
	for _, v := range s.views {
		v.Home = byURL[s.langPrefix(v.Lang)]
		if v.Home != nil {
			for _, c := range v.Home.pages {
				if c.IsList {
					v.Sections = append(v.Sections, c)
				}
				if c.IsList || c.src != nil {
					v.Top = append(v.Top, c)
				}
			}
		}
	}
	// Previous and next: along the training path for trainings, else
	// within the section.
	for _, p := range s.pages {
		if !p.IsList {
			continue
		}
		var leaves []*Page
		for _, c := range p.pages {
			if !c.IsList && c.training == nil {
				leaves = append(leaves, c)
			}
		}
		linkChain(leaves)
	}
	done := map[*Page]bool{}
	for _, p := range s.pages {
		if p.training != nil && !done[p] {
			chain := p.training.PathPages
			if len(chain) == 0 {
				chain = []*Page{p}
			}
			linkChain(chain)
			for _, q := range chain {
				done[q] = true
			}
		}
	}
}

func linkChain(ps []*Page) {
	for i, p := range ps {
		if i > 0 {
			p.prev = ps[i-1]
		}
		if i+1 < len(ps) {
			p.next = ps[i+1]
		}
	}
}

// taxonomyFields says which frontmatter fields feed a taxonomy whose name
// is not itself a field.
var taxonomyFields = map[string][]string{
	"skills":      {"skills_offered", "skills_sought"},
	"departments": {"department"},
	"tags":        {"tags"},
}

func termsOf(p *Page, tax string) []string {
	if p.src == nil {
		return nil
	}
	fields, ok := taxonomyFields[tax]
	if !ok {
		fields = []string{tax}
	}
	var out []string
	for _, f := range fields {
		for _, t := range p.src.Strings(f) {
			if t = strings.TrimSpace(t); t != "" && !slices.Contains(out, t) {
				out = append(out, t)
			}
		}
		v := p.src.String(f)
		if f == "department" {
			// A department's name may hold a comma; one is all a
			// profile has.
			if v != "" && !slices.Contains(out, v) {
				out = append(out, v)
			}
			continue
		}
		// tags: mentoring, onboarding, as Obsidian's older notes and
		// some Jekyll sites write a list: one term per item.
		for t := range strings.SplitSeq(v, ",") {
			if t = strings.TrimSpace(t); t != "" && !slices.Contains(out, t) {
				out = append(out, t)
			}
		}
	}
	return out
}

// taxonomies makes a page per term and a page per taxonomy, in each
// language, and gives every page its terms with their counts.
func (s *Site) taxonomies() {
	type group struct {
		terms  map[string]*Page // slug → term page
		tagged []*Page          // pages with a term, in site order
	}
	groups := map[[2]string]*group{} // language, taxonomy
	slugs := map[string]string{}     // term → slug, for this call
	// Every page's terms, taken on every core (see lists).
	taxes := s.Config.Taxonomies
	terms := make([][]string, len(s.pages)*len(taxes))
	onCores(len(s.pages), func(i int) {
		// A section's page with terms (its _index.md's tags) is listed
		// with its terms as other pages are, as Hugo lists it; its later
		// pagers and the pages the build makes have none.
		if p := s.pages[i]; (!p.IsList || p.src != nil && p.pagerOf == nil) && !p.noIndex {
			for j, tax := range taxes {
				terms[i*len(taxes)+j] = termsOf(p, tax)
			}
		}
	})
	// One pass over the pages per taxonomy, all languages at once.
	for j, tax := range taxes {
		for i, p := range s.pages {
			ts := terms[i*len(taxes)+j]
			if len(ts) == 0 {
				continue
			}
			key := [2]string{p.Lang, tax}
			g := groups[key]
			if g == nil {
				g = &group{terms: map[string]*Page{}}
				groups[key] = g
			}
			var own []Term
			for _, t := range ts {
				slug, ok := slugs[t]
				if !ok {
					slug = s.slugify(t)
					slugs[t] = slug
				}
				if slug == "" {
					continue
				}
				tp := g.terms[slug]
				if tp == nil {
					tp = &Page{title: t, Kind: "term", IsList: true, Lang: p.Lang, Slug: slug, Section: tax,
						URL: s.langPrefix(p.Lang) + tax + "/" + slug + "/", Site: s.views[p.Lang], terms: map[string][]Term{},
						params: map[string]any{"taxonomy": tax}}
					g.terms[slug] = tp
				}
				tp.pages = append(tp.pages, p)
				own = append(own, Term{Name: tp.title, Slug: slug, URL: tp.URL})
			}
			if own != nil {
				p.terms[tax] = own
				g.tagged = append(g.tagged, p)
			}
		}
	}
	var sorts [][]*Page
	for _, g := range groups {
		for _, tp := range g.terms {
			sorts = append(sorts, tp.pages)
		}
	}
	sortAll(sorts)
	for _, lang := range s.langs {
		for _, tax := range s.Config.Taxonomies {
			g := groups[[2]string{lang, tax}]
			if g == nil || len(g.terms) == 0 {
				continue
			}
			list := &Page{title: s.sectionTitle(lang, tax), Kind: "taxonomy", IsList: true, Lang: lang, Section: tax,
				URL: s.langPrefix(lang) + tax + "/", Site: s.views[lang], terms: map[string][]Term{}, params: map[string]any{"taxonomy": tax}}
			slugs := make([]string, 0, len(g.terms))
			for slug := range g.terms {
				slugs = append(slugs, slug)
			}
			sort.Strings(slugs)
			for _, slug := range slugs {
				tp := g.terms[slug]
				tp.parent = list
				list.TermList = append(list.TermList, Term{Name: tp.title, Slug: slug, URL: tp.URL, count: len(tp.pages), page: tp})
				list.pages = append(list.pages, tp)
				s.addPage(tp)
			}
			home := s.views[lang].Home
			list.parent = home
			if home != nil {
				list.ancestors = []*Page{home}
			}
			for _, tp := range list.pages {
				tp.ancestors = append(slices.Clone(list.ancestors), list)
			}
			s.addPage(list)
			for _, p := range g.tagged {
				for i, t := range p.terms[tax] {
					tp := g.terms[t.Slug]
					p.terms[tax][i].count, p.terms[tax][i].page = len(tp.pages), tp
				}
			}
		}
	}
}

// navHidden reports whether a page is left out of its parent's list (the
// sidebar, the section's cards, previous and next), though it is built,
// linked and found by search: a page under a table of contents that does
// not list it (MkDocs builds the pages its nav leaves out, and shows them
// nowhere), or one its frontmatter hides from navigation (Just the Docs'
// nav_exclude, Docsy's toc_hide, Docusaurus' unlisted, Hugo Book's
// bookHidden, Hugo Learn's hidden: true, Hugo's build: {list: never}).
func (s *Site) navHidden(p *Page) bool {
	if p.src == nil || p.IsList {
		return false
	}
	for _, k := range []string{"nav_exclude", "toc_hide", "unlisted", "bookHidden", "bookhidden", "hidden"} {
		if v, ok := p.src.Value(k); ok && v == true {
			return true
		}
	}
	for _, k := range []string{"build", "_build"} {
		if v, ok := p.src.Value(k); ok {
			if m, ok := v.(map[string]any); ok && (m["list"] == "never" || m["list"] == false) {
				return true
			}
		}
	}
	if _, listed := s.Content.TOC[p.src.Path]; listed {
		return false
	}
	for _, d := range s.Content.TOCDirs {
		if strings.HasPrefix(p.src.Path, d+"/") {
			return true
		}
	}
	return false
}

// menus turns site.yaml's menus (section names or paths) into entries.
func (s *Site) menus() {
	byURL := make(map[string]*Page, len(s.pages))
	for _, p := range s.pages {
		byURL[p.URL] = p
	}
	kindSection := map[string]bool{}
	for _, k := range s.Content.Kinds {
		kindSection[k.Section] = true
	}
	names := make([]string, 0, len(s.Config.Menus))
	for name := range s.Config.Menus {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, lang := range s.langs {
		v := s.views[lang]
		v.Menus = map[string][]MenuEntry{}
		for _, name := range names {
			for i, it := range s.Config.Menus[name] {
				u := s.langPrefix(lang) + strings.Trim(it, "/") + "/"
				if byURL[u] == nil {
					// A folder's name, whose URL is made a slug.
					u = s.langPrefix(lang) + s.urlDir(lang, strings.Trim(it, "/")) + "/"
				}
				p := byURL[u]
				if p == nil {
					// A link to nothing is left out. A kind's section
					// that has no page yet (binome init lists them all)
					// is expected; anything else is likely a typo.
					if lang == s.Config.DefaultLanguage && !kindSection[strings.Trim(it, "/")] {
						s.Warnings = append(s.Warnings, source.Errorf(source.Pos{Path: config.File, Line: s.Config.Lines["menus"]},
							"menu %s lists %q, which no page has", name, it).
							WithHint("write the name of a folder of content/ or the path of a page, or remove it"))
					}
					continue
				}
				v.Menus[name] = append(v.Menus[name], MenuEntry{Name: p.LinkTitle(), URL: u, Weight: i + 1})
			}
		}
		if _, ok := v.Menus["main"]; !ok {
			for i, sec := range v.Sections {
				v.Menus["main"] = append(v.Menus["main"], MenuEntry{Name: sec.LinkTitle(), URL: sec.URL, Weight: i + 1})
			}
		}
	}
}

// index assigns output paths, finds duplicate URLs, and records every
// file the site will have, for link checks.
func (s *Site) index() error {
	var errs source.List
	for _, p := range s.pages {
		p.out = strings.TrimPrefix(p.URL, "/") + "index.html"
		if p.Kind == "404" {
			p.out = strings.TrimPrefix(p.URL, "/")
		}
		p.Permalink = s.absURL(p.URL)
		if q, dup := s.byURL[p.URL]; dup {
			if p.pagerOf != nil && q.src != nil {
				p, q = q, p // the error belongs to the file, not the pager
			}
			if !p.Fallback || !q.Fallback {
				// Two fallbacks clash where the pages they copy do:
				// that error is the one to read.
				errs.Add(duplicateURL(p, q))
			}
			continue
		}
		s.byURL[p.URL] = p
		s.files[p.out] = true
	}
	for _, p := range s.pages {
		p.alternates = s.alternates(p)
		if p.src == nil || p.Fallback {
			continue
		}
		for i, a := range p.src.Aliases {
			u := a
			if !strings.HasSuffix(u, ".html") {
				u = strings.TrimSuffix(a, "/") + "/"
			}
			if u == p.URL {
				continue // an old URL that is still the page's own
			}
			if q, dup := s.byURL[u]; dup {
				key, pos := p.src.AliasField(i)
				errs.Add(source.Errorf(pos, "field %q: the old URL %s is already the URL of %s", key, a, describe(q)).
					WithHint("remove it from %s, or change the other page's URL", key))
				continue
			}
			s.redirect(u, p)
			s.aliasTo[u] = p
		}
	}
	for _, p := range s.pages {
		if p.pager == nil || p.pagerOf != nil || p.pager.TotalPages() < 2 {
			continue
		}
		// The first pager is the list page itself; its pager URL, which
		// a reader may type, leads there.
		u := s.pagerURL(p.URL, 1)
		if q, dup := s.byURL[u]; dup {
			pos := source.Pos{Path: describe(q)}
			if q.src != nil {
				pos = q.src.PosOf("slug")
			}
			errs.Add(source.Errorf(pos, "URL %s is also the URL of page 1 of the list %s", u, p.URL).
				WithHint("give the page another slug, or set pagination.path in site.yaml"))
			continue
		}
		s.redirect(u, p)
	}
	for _, f := range s.staticFiles() {
		s.files[f.out] = true
	}
	// A file with no extension may sit where a page has its folder:
	// guides/setup beside guides/setup.md, whose page is
	// guides/setup/index.html. Writing both cannot be done.
	folders, outs := map[string]*Page{}, map[string]*Page{}
	for _, p := range s.pages {
		folders[strings.TrimSuffix(strings.TrimPrefix(p.URL, "/"), "/")] = p
		outs[p.out] = p
	}
	for out, src := range s.assetOutputs() {
		if p := folders[out]; p != nil && out != "" {
			errs.Add(source.Errorf(source.Pos{Path: src}, "this file would be written at %s, where the page %s has its folder", out, describe(p)).
				WithHint("rename the file, give it an extension, or delete it if it is a leftover"))
			continue
		}
		if p := outs[out]; p != nil {
			// An index.html among the pages: often another tool's old
			// output, copied with the content.
			errs.Add(source.Errorf(source.Pos{Path: src}, "this file would be written at %s, as would %s", out, describe(p)).
				WithHint("delete the file if it is an old build's output, or rename it"))
			continue
		}
		s.files[out] = true
	}
	return errs.Err()
}

// redirect writes at the URL u a page that sends readers to p: at
// u/index.html, or at u itself when it names an .html file.
func (s *Site) redirect(u string, p *Page) {
	out := strings.TrimPrefix(u, "/")
	if !strings.HasSuffix(out, ".html") {
		out += "index.html"
	}
	target := s.Config.BasePath() + strings.TrimPrefix(p.URL, "/")
	if s.Config.RelativeURLs {
		// From the redirect's folder up to the site root, then down.
		target = strings.Repeat("../", strings.Count(out, "/")) + strings.TrimPrefix(p.URL, "/")
	}
	s.data = append(s.data, dataFile{path: out, body: redirectPage(p.Permalink, target)})
	s.files[out] = true
}

func describe(p *Page) string {
	if p.pagerOf != nil {
		return describePager(p)
	}
	if p.src != nil {
		return p.src.Path
	}
	return "the generated " + p.Kind + " page"
}

func duplicateURL(p, q *Page) error {
	pos := source.Pos{Path: describe(p)}
	if p.src != nil {
		pos = p.src.PosOf("slug")
	}
	return source.Errorf(pos, "URL %s is also the URL of %s", p.URL, describe(q)).
		WithHint("give one of them another slug: in its frontmatter, or rename the file")
}

// alternates lists the page in every other language, or that language's
// nearest section when it has no translation.
func (s *Site) alternates(p *Page) []Alt {
	var out []Alt
	for _, l := range s.langs {
		if l == p.Lang {
			continue
		}
		a := Alt{Lang: l, LangTitle: s.Config.LanguageTitle(l)}
		for _, t := range p.translations {
			if t.Lang == l {
				a.URL, a.Title = t.URL, t.title
			}
		}
		if a.URL == "" {
			// Try the same path under the other language (lists, generated
			// pages), then its parents, then its home.
			u := s.langPrefix(l) + strings.TrimPrefix(p.URL, s.langPrefix(p.Lang))
			for u != "/" && s.byURL[u] == nil {
				u = path.Dir(strings.TrimSuffix(u, "/")) + "/"
				if u == "//" {
					u = "/"
				}
			}
			if q := s.byURL[u]; q != nil {
				a.URL, a.Title = q.URL, q.title
				a.Missing = !(q.Kind == p.Kind && strings.TrimPrefix(q.URL, s.langPrefix(l)) == strings.TrimPrefix(p.URL, s.langPrefix(p.Lang)))
			} else {
				a.URL, a.Missing = s.langPrefix(l), true
			}
		}
		out = append(out, a)
	}
	return out
}

// slugify is content.Slugify, memoised for the life of a dev server:
// term names repeat on thousands of pages, and folding accents costs.
func (s *Site) slugify(t string) string {
	if v, ok := s.slugs.Load(t); ok {
		return v.(string)
	}
	v := content.Slugify(t)
	s.slugs.Store(t, v)
	return v
}
