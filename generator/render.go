package generator

import (
	"binome/generator/diagram"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/tdewolff/parse/v2"

	"binome/generator/content"
	"binome/generator/markdown"
	"binome/generator/output"
	"binome/generator/search"
	"binome/generator/source"
)

// anchorCheck is a link to a fragment of another page, checked once
// every page's headings are known.
type anchorCheck struct {
	pos      source.Pos
	url, id  string
	original string
}

// bodyBufs holds the buffers renderMarkdown reads page texts into.
var bodyBufs = sync.Pool{New: func() any { return new([]byte) }}

// renderMarkdown renders a page's body with its links resolved.
func (s *Site) renderMarkdown(p *Page) (markdown.Result, error) {
	// A text read again goes into a buffer used page after page: nothing
	// Render returns points into its source.
	buf := bodyBufs.Get().(*[]byte)
	defer bodyBufs.Put(buf)
	body, err := s.body(p.src, buf)
	if err != nil {
		return markdown.Result{}, err
	}
	expanded := s.expandAllVars(p, body)
	// Line for line, so the tag lines that loading found still hold.
	// Loading normalized these very bytes (ReadBody takes no others)
	// and found nothing to rewrite: unless a variable was expanded, the
	// text is as Normalize would leave it.
	if !p.src.Plain || len(expanded) != len(body) || len(body) > 0 && &expanded[0] != &body[0] {
		expanded = markdown.Normalize(expanded, markdown.IsMDXPage(p.src.Path, expanded))
	}
	body = expanded
	if len(p.src.Foreign) > 0 {
		body = s.expandRefs(p, body)
	}
	shownTitle := ""
	if p.IsHome {
		shownTitle = s.Config.LanguageTitle(p.Lang) // the default theme's hero
	}
	res, err := s.md.Render(body, markdown.Options{
		Lang:        p.Lang,
		Title:       p.title,
		NoText:      !s.Config.Search.Enabled,
		ResolveLink: func(l markdown.Link) (string, bool) { return s.resolveLink(p, l) },
		LinkTitle:   s.linkTitle,
		ShownTitle:  shownTitle,
	})
	if err != nil {
		return res, fmt.Errorf("%s: render Markdown: %w", p.src.Path, err)
	}
	return res, nil
}

// linkTitle is the title of the page at a URL resolveLink returned, ""
// for none. LinkTitle records the read (see Page.titleRead), so a page
// showing another's title renders again when it changes.
func (s *Site) linkTitle(u string) string {
	u, _, _ = strings.Cut(u, "#")
	u, _, _ = strings.Cut(u, "?")
	s.lookup(u)
	if q := s.byURL[u]; q != nil {
		return q.LinkTitle()
	}
	return ""
}

// resolveLink maps a link as written to a root-relative URL: links to
// Markdown source files become their page's URL (in the linking page's
// language when translated), relative URLs are made root-relative, and
// each is checked against the site's files.
func (s *Site) resolveLink(p *Page, l markdown.Link) (string, bool) {
	dest, image := l.Dest, l.Image
	if dest == "" {
		return "", false
	}
	u, err := url.Parse(dest)
	if err == nil && u.Scheme == "wiki" {
		// A wiki link that reached nothing (see wikiURL).
		name, _ := url.PathUnescape(u.Opaque)
		if !p.Fallback {
			s.linkWarning(p, l, fmt.Sprintf("broken wiki link [[%s]]: no page has that file name or title, and no file that name", name),
				"check the name against the page's file name or title, or create the page")
		}
		// Text, as Obsidian shows a note not yet written, not a link
		// that leads nowhere.
		return "", true
	}
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(dest, "//") {
		if err == nil && image && u.Host != "" && !p.Fallback {
			// The site itself loads nothing from another host; an image
			// of the text would, and on an intranet without internet
			// access readers see nothing.
			s.linkWarning(p, l, "image "+dest+" is loaded from another host, "+u.Host,
				"copy the image into the site, beside the page or in static/, and link it there")
		}
		return "", false
	}
	frag := u.Fragment
	if u.Path == "" {
		if frag != "" && !p.Fallback {
			s.checkAnchor(p, p.URL, frag, l)
		}
		return "", false
	}
	var target string
	ext := strings.ToLower(path.Ext(u.Path))
	switch {
	case ext == ".md" || ext == ".markdown" || ext == ".mdx":
		src := u.Path
		if !strings.HasPrefix(src, "/") {
			src = path.Join(path.Dir(p.src.Path), src)
		} else if rest, ok := strings.CutPrefix(src, "/"+content.Dir+"/"); ok {
			// From the repository's root, as GitHub shows the files.
			src = path.Join(content.Dir, rest)
		} else {
			src = path.Join(content.Dir, src)
		}
		q := s.pageForSource(src, p.Lang)
		if q == nil && strings.HasPrefix(u.Path, "/") {
			// Docusaurus reads /intro.md from its docs folder, which
			// import makes content/docs/: the page's own top folder.
			if top, _, ok := strings.Cut(strings.TrimPrefix(p.src.Path, content.Dir+"/"), "/"); ok {
				q = s.pageForSource(path.Join(content.Dir, top, u.Path), p.Lang)
			}
		}
		if q == nil {
			if !p.Fallback { // the original page reports it
				s.brokenLink(p, l, "no page is made from "+src)
			}
			return "", false
		}
		target = q.URL
	case strings.HasPrefix(u.Path, "/"):
		target = cleanPath(u.Path)
		if bp := s.Config.BasePath(); bp != "/" && strings.HasPrefix(target, bp) {
			// Written with the path the site is served under
			// (/handbook/img/a.png for https://x.org/handbook/), as a
			// site deployed there links its files.
			if _, ok := s.outputAt(target); !ok {
				target = "/" + strings.TrimPrefix(target, bp)
			}
		}
		if def := "/" + s.Config.DefaultLanguage + "/"; s.langPrefix(s.Config.DefaultLanguage) == "/" && strings.HasPrefix(target, def) {
			// Written for a site whose default language had its folder
			// too (Hugo's defaultContentLanguageInSubdir): /de/x/.
			if _, ok := s.outputAt(target); !ok {
				target = "/" + strings.TrimPrefix(target, def)
			}
		}
	default:
		base := p.URL
		if p.src != nil && !p.src.Bundle && image {
			// Images beside a plain page sit in its folder, not under its URL.
			base = "/" + s.urlDir(s.Config.DefaultLanguage, p.src.Dir) + "/"
		}
		target = path.Join(base, u.Path)
		if strings.HasSuffix(u.Path, "/") && !strings.HasSuffix(target, "/") {
			target += "/"
		}
		if image && base != p.URL && !s.hasOutput(strings.TrimPrefix(target, "/")) {
			// Hugo reads an image of a plain page from the page's URL.
			if t := path.Join(p.URL, u.Path); s.hasOutput(strings.TrimPrefix(t, "/")) {
				target = t
			}
		}
		if !image && ext != "" && p.src != nil && !p.src.Bundle && !s.hasOutput(strings.TrimPrefix(target, "/")) {
			// A file beside the page, as MkDocs and GitBook read the
			// link ([form](leave-form.pdf)): in the file's folder.
			t := path.Join("/"+s.urlDir(s.Config.DefaultLanguage, p.src.Dir), u.Path)
			if s.hasOutput(strings.TrimPrefix(t, "/")) || s.hasOutput(strings.TrimPrefix(s.folderURL(p.Lang, t), "/")) {
				target = t // folders as written are made slugs below
			}
		}
		if _, ok := s.outputAt(target); !ok && ext == "" && p.src != nil {
			// A page named by its file without the extension, relative
			// to the file (Docusaurus, GitHub): [list](mentor-list).
			src := path.Join(path.Dir(p.src.Path), strings.TrimSuffix(u.Path, "/"))
			if q := s.pageOfStem(src, p.Lang, ".md", ".mdx", "/_index.md", "/index.md"); q != nil {
				target = q.URL
			}
		}
		if _, ok := s.outputAt(target); !ok && ext == "" && p.src != nil && !p.IsHome {
			// As a browser reads it from the page's URL without its last
			// slash, as Docusaurus serves pages: [intro](../intro) in
			// docs/02-guides/first.md is /docs/intro, which the import
			// kept as 01-intro.md's alias. Not from a home page, whose
			// URL's folder is another language's home, or none.
			if t, ok := s.outputAt(path.Join(path.Dir(strings.TrimSuffix(p.URL, "/")), u.Path)); ok {
				target = t
			}
		}
	}
	if (ext == ".html" || ext == ".htm") && p.src != nil && !s.hasOutput(strings.TrimPrefix(target, "/")) {
		// Jekyll's way to name a page: its file with .html.
		stem := strings.TrimSuffix(u.Path, path.Ext(u.Path))
		src := path.Join(path.Dir(p.src.Path), stem)
		if strings.HasPrefix(stem, "/") {
			src = path.Join(content.Dir, stem)
		}
		if q := s.pageOfStem(src, p.Lang, ".md", ".markdown", "/index.md"); q != nil {
			target = q.URL
		}
	}
	// A page's URL ends in a slash; without it, the link works on a web
	// server that redirects but not from file://.
	t, found := s.outputAt(target)
	if !found {
		// A folder named as written ("/T2S Model/intro/"), where its
		// URL holds its slug (see urlDir).
		t, found = s.outputAt(s.folderURL(p.Lang, target))
	}
	if found {
		target = t
	}
	if q := s.aliasTo[target]; q != nil && found {
		// An old URL (Docusaurus' /dropbox route, a Jekyll post's) leads
		// to its page, not to the redirect, whose anchors are none of
		// the page's. The page's own output is looked up too: if it
		// moves, this page renders again.
		target = q.URL
		s.hasOutput(strings.TrimPrefix(q.URL, "/") + "index.html")
	}
	if !p.Fallback {
		if !found {
			s.brokenLink(p, l, "there is no page or file at "+target)
		}
		if frag != "" {
			s.checkAnchor(p, target, frag, l)
		}
	}
	out := target
	if u.RawQuery != "" {
		out += "?" + u.RawQuery
	}
	if frag != "" {
		out += "#" + u.EscapedFragment()
	}
	return out, true
}

// pageForSource finds the page made from a source path, preferring its
// translation in lang.
func (s *Site) pageForSource(src, lang string) *Page {
	s.lookup(src) // and its language variants, which go by its name
	q := s.byPath[src]
	if q == nil {
		// The link may name the file without its language suffix.
		ext := path.Ext(src)
		for _, l := range s.langs {
			if q = s.byPath[strings.TrimSuffix(src, ext)+"."+l+ext]; q != nil {
				break
			}
		}
	}
	if q == nil || q.Lang == lang {
		return q
	}
	q.dataRead() // its translations: a link follows them
	for _, t := range q.translations {
		if t.Lang == lang {
			return t
		}
	}
	return q
}

// pageOfStem is the page made from the source path stem plus the first
// of suffixes that names one, in lang when translated; nil for none.
func (s *Site) pageOfStem(stem, lang string, suffixes ...string) *Page {
	for _, suffix := range suffixes {
		if q := s.pageForSource(stem+suffix, lang); q != nil {
			return q
		}
	}
	return nil
}

// hasOutput reports whether the build writes the file at t, a path in
// the output, for a link. The lookup is recorded by its name (see
// linkName): a page or file that comes or goes there renders the page
// again.
func (s *Site) hasOutput(t string) bool {
	s.lookup(t)
	return s.files[t]
}

// outputAt returns the URL of the file or page at target, a site path:
// target itself, or with the slash a page's URL ends in.
func (s *Site) outputAt(target string) (string, bool) {
	t := strings.TrimPrefix(target, "/")
	switch {
	case t == "" || strings.HasSuffix(t, "/"):
		return target, s.hasOutput(t + "index.html")
	case s.hasOutput(t):
		return target, true
	case s.hasOutput(t + "/index.html"):
		return target + "/", true
	}
	return "", false
}

// folderURL reads a root-relative URL path as content folders named as
// they are written, and returns the URL those folders have (see urlDir):
// /T2S Model/Introduction/ is /t2s/introduction/ when the folder's
// section page sets slug: t2s. A last segment that names a file is kept.
func (s *Site) folderURL(lang, u string) string {
	prefix := s.langPrefix(lang)
	rest, ok := strings.CutPrefix(u, prefix)
	if !ok {
		prefix, rest = "/", strings.TrimPrefix(u, "/")
	}
	slash := strings.HasSuffix(rest, "/")
	if rest = strings.Trim(rest, "/"); rest == "" {
		return u
	}
	if path.Ext(rest) == "" {
		out := prefix + s.urlDir(lang, rest)
		if slash {
			out += "/"
		}
		return out
	}
	// Files sit in their folders' URLs in the default language, which
	// no prefix names.
	dir, file := path.Split(rest)
	if dir = strings.TrimSuffix(dir, "/"); dir == "" {
		return u
	}
	return "/" + s.urlDir(s.Config.DefaultLanguage, dir) + "/" + file
}

// cleanPath is path.Clean keeping a final slash: /a//b/ is /a/b/.
func cleanPath(p string) string {
	c := path.Clean(p)
	if strings.HasSuffix(p, "/") && c != "/" {
		c += "/"
	}
	return c
}

func (s *Site) checkAnchor(p *Page, target, id string, l markdown.Link) {
	a := anchorCheck{pos: s.linkPos(p, l), url: target, id: id, original: l.Dest}
	s.mu.Lock()
	s.anchors = append(s.anchors, a)
	if m := s.memo(p); m != nil {
		m.Anchors = append(m.Anchors, anchorMemo{Pos: a.pos, URL: a.url, ID: a.id, Original: a.original})
	}
	s.mu.Unlock()
}

func (s *Site) brokenLink(p *Page, l markdown.Link, why string) {
	hint := "fix the link; to link a page, give the path to its .md file, relative to this file"
	if l.Image {
		hint = "put the image in the site, beside this file or in static/, and give its path relative to this file (or from the site's root for static/)"
	}
	if strings.Contains(l.Dest, "@") && !strings.ContainsAny(l.Dest, "/:") {
		hint = "to link an email address, write mailto:" + l.Dest
	}
	if first, rest, ok := strings.Cut(strings.TrimPrefix(l.Dest, "/"), "/"); ok && strings.HasPrefix(l.Dest, "/") && rest != "" {
		// /handbook/img/a.png, for a site once served under /handbook/.
		if u, err := url.Parse("/" + rest); err == nil {
			if _, found := s.outputAt(cleanPath(u.Path)); found {
				hint = fmt.Sprintf("the site has /%s: if the old site was served under /%s/, set baseURL to its address with that path (https://…/%s/) in site.yaml, and such links work; or write the link without /%s", rest, first, first, first)
			}
		}
	}
	s.linkWarning(p, l, "broken link "+l.Dest+": "+why, hint)
}

// linkWarning records a warning at link l of page p, in the page's cache
// record too, so that a build that keeps the page says it again.
func (s *Site) linkWarning(p *Page, l markdown.Link, msg, hint string) {
	s.pageWarning(p, source.Errorf(s.linkPos(p, l), "%s", msg).WithHint("%s", hint))
}

// pageWarning records a warning found while rendering p, in the build
// cache too, so that a build that keeps the page reports it again.
func (s *Site) pageWarning(p *Page, w *source.Error) {
	s.mu.Lock()
	s.Warnings = append(s.Warnings, w)
	if m := s.memo(p); m != nil {
		m.Warnings = append(m.Warnings, *w)
	}
	s.mu.Unlock()
}

// memo is the cache record of a page being rendered, nil without a cache.
// The caller holds s.mu.
func (s *Site) memo(p *Page) *pageMemo {
	if s.next == nil || p.out == "" {
		return nil
	}
	m, ok := s.memos[p.out]
	if !ok {
		m = &pageMemo{URL: p.URL}
		s.memos[p.out] = m
	}
	m.raw = nil // the caller changes it
	return m
}

// linkPos is where a link is in the page source. Markdown gives its
// line; a link it does not place is searched for in the text, which is
// read again for it.
func (s *Site) linkPos(p *Page, l markdown.Link) source.Pos {
	if l.Line > 0 {
		return bodyPos(p, l.Line)
	}
	pos := source.Pos{Path: p.src.Path, Line: p.src.BodyLine}
	dest := l.Dest
	body, _ := s.body(p.src, nil)
	if i := bytes.Index(body, []byte("("+dest)); i >= 0 {
		pos.Line += bytes.Count(body[:i], []byte("\n"))
	} else if i := bytes.Index(body, []byte(dest)); i >= 0 {
		pos.Line += bytes.Count(body[:i], []byte("\n"))
	}
	return pos
}

// bodyPos is where line n of a page's Markdown body is in its file.
func bodyPos(p *Page, n int) source.Pos {
	return source.Pos{Path: p.src.Path, Line: p.src.BodyLine + n - 1}
}

// sectionKind is the kind whose pages live in a section, "" for none.
func (s *Site) sectionKind(section string) string {
	for name, k := range s.Content.Kinds {
		if k.Section == section {
			return name
		}
	}
	return ""
}

// layouts lists the templates a page may use, most specific first.
func layouts(p *Page) []string {
	if p.pagerOf != nil {
		return layouts(p.pagerOf)
	}
	var c []string
	if p.src != nil && p.src.Layout != "" {
		l := strings.TrimSuffix(p.src.Layout, ".html") + ".html"
		c = append(c, p.Kind+"/"+l, l)
	}
	switch {
	case p.Kind == "404":
		c = append(c, "404.html", "_default/single.html")
	case p.IsHome:
		c = append(c, "index.html", "home/list.html", "_default/list.html")
	case p.IsList:
		c = append(c, p.Kind+"/list.html")
		if p.Section != "" && p.Kind == "section" {
			// The section of a kind lists with that kind's list layout
			// (trainings → training/list.html, the path view).
			if k := p.Site.site.sectionKind(p.Section); k != "" {
				c = append(c, k+"/list.html")
			}
			c = append(c, p.Section+"/list.html")
		}
		c = append(c, "_default/list.html")
	default:
		c = append(c, p.Kind+"/single.html")
		if p.Section != "" && p.Section != p.Kind {
			c = append(c, p.Section+"/single.html")
		}
		c = append(c, "_default/single.html")
	}
	return c
}

// Render writes every file of the site to sink, rendering pages in
// parallel over all cores. Each page is rendered, minified and handed to
// the sink on its own, so memory does not grow with the site.
func (s *Site) Render(ctx context.Context, sink output.Sink) (*Stats, error) {
	stats := &Stats{Pages: map[string]map[string]int{}, Withheld: len(s.withheldPages())}
	for _, p := range s.pages {
		kind := p.Kind
		if p.pagerOf != nil {
			kind = "pager" // a list's later pages: not more sections or terms
		}
		if stats.Pages[kind] == nil {
			stats.Pages[kind] = map[string]int{}
		}
		stats.Pages[kind][p.Lang]++
	}
	var files atomic.Int64
	write := func(p string, body []byte) error {
		body, err := s.minify(p, body)
		if err != nil {
			return err
		}
		files.Add(1)
		if err := sink.Write(p, body); err != nil {
			return err
		}
		s.mu.Lock()
		s.wrote(p, int64(len(body)))
		s.mu.Unlock()
		return nil
	}
	var indexers map[string]*search.Indexer // nil: no page is indexed
	if !s.Options.noSearchIndex {
		ix, err := s.indexers()
		if err != nil {
			return nil, err
		}
		defer closeIndexers(ix)
		indexers = ix
	}
	s.prepareCache(sink)
	err := s.eachPage(ctx, func(p *Page, buf *bytes.Buffer) error {
		return s.renderPage(p, buf, write, indexers[p.Lang])
	})
	if err != nil {
		return nil, err
	}
	s.checkAnchors()
	assetSrc := s.assetOutputs()
	extras := s.extras(assetSrc)
	paths := make([]string, 0, len(extras))
	for p := range extras {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	onDisk := map[string]staticFile{}
	for _, f := range s.staticFiles() {
		if f.body == nil {
			onDisk[f.out] = f
		}
	}
	// The files beside pages were hashed when the content loaded (or
	// vouched for by their size and time): one that is the same is kept
	// unread.
	assetSums := map[string]uint64{}
	for _, a := range s.Content.Assets {
		assetSums[a.Path] = a.Hash
	}
	var copyFile func(string, io.Reader) error
	if c, ok := sink.(output.Copier); ok {
		copyFile = func(p string, r io.Reader) error {
			n, err := c.Copy(p, r)
			if err != nil {
				return err
			}
			files.Add(1)
			s.mu.Lock()
			s.wrote(p, n)
			s.mu.Unlock()
			return nil
		}
	}
	// The search index is made meanwhile: its shards are work for one
	// core, which the static files, the feeds and the sitemap, mostly
	// waiting on files, leave to it.
	searched := make(chan error, 1)
	_, writesOut := sink.(output.Writer)
	go func() { searched <- s.writeIndex(indexers, write, writesOut) }()
	err = func() error {
		for _, p := range paths {
			if f, ok := onDisk[p]; ok {
				if err := s.writeStatic(f, write, copyFile); err != nil {
					return err
				}
				continue
			}
			if src, ok := assetSrc[p]; ok {
				if h, ok := assetSums[src]; ok && s.keepSum(p, h, extraSums) {
					continue
				}
				if err := s.writeSourceFile(p, src, write, copyFile); err != nil {
					return err
				}
				continue
			}
			body, err := extras[p]()
			if err != nil {
				return err
			}
			if err := s.writeExtra(p, body, write); err != nil {
				return err
			}
		}
		return nil
	}()
	if serr := <-searched; err == nil {
		err = serr
	}
	if err != nil {
		return nil, err
	}
	stats.Files = int(files.Load() + s.kept.Load())
	stats.TemplateFallbacks = s.theme.Fallbacks()
	if s.Options.Progress != nil {
		s.Options.Progress(len(s.pages), len(s.pages))
	}
	return stats, nil
}

// writeIndex writes the search index, or keeps the previous one when
// every indexed page is as before. recycle says write keeps no body (see
// writeSearch).
func (s *Site) writeIndex(indexers map[string]*search.Indexer, write func(string, []byte) error, recycle bool) error {
	if s.next != nil && !s.reindex {
		if err := s.keepSearch(); err != nil {
			return err
		}
		s.kept.Add(int64(len(s.next.Search)))
		return nil
	}
	// The cached texts are written while the index is made: both only
	// read the indexers, and at the end of a cold build of 10,000 pages
	// the texts took 60 ms of one core after the index.
	var texts sync.WaitGroup
	if s.next != nil && s.Config.Search.Enabled {
		texts.Go(func() { s.docs.finish(s.langs, indexers) })
	}
	var err error
	if s.Config.Search.Enabled && indexers != nil {
		err = s.writeSearch(indexers, write, recycle)
	}
	texts.Wait()
	return err
}

// writeSearch writes the search index of every language. Its thousands
// of small files, spread over folders, are written by several goroutines:
// on a slow disk, creating them takes longer than making them, and a
// file system creates files in different folders at once. When recycle
// says write keeps no body, each file's memory goes back to the indexer
// for the next (search.Recycle): at 50,000 pages the index is 240 MB,
// made at the end of the build, when the heap is largest.
func (s *Site) writeSearch(indexers map[string]*search.Indexer, write func(string, []byte) error, recycle bool) error {
	files := make(chan search.File, 64)
	var (
		wg       sync.WaitGroup
		once     sync.Once
		writeErr error
		failed   atomic.Bool
	)
	for range 2 * runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for f := range files {
				if !failed.Load() && !s.keepSame(f.Path, f.Body, searchSums) {
					if err := write(f.Path, f.Body); err != nil {
						once.Do(func() { writeErr = err })
						failed.Store(true)
					}
				}
				if recycle {
					search.Recycle(f.Body)
				}
			}
		})
	}
	var err error
	for _, l := range s.langs {
		var kept func(string, uint64) bool
		if s.next != nil {
			kept = func(path string, key uint64) bool {
				if !s.keepKey(path, key) {
					return false
				}
				s.next.Search = append(s.next.Search, path)
				return true
			}
		}
		err = indexers[l].EachFileSince("search/"+l, kept, func(f search.File) error {
			if failed.Load() {
				return errWriteFailed
			}
			files <- f
			if s.next != nil {
				s.next.Search = append(s.next.Search, f.Path)
			}
			return nil
		})
		if err != nil {
			break
		}
	}
	close(files)
	wg.Wait()
	if writeErr != nil {
		return writeErr
	}
	return err
}

// errWriteFailed stops making search files once writing one failed; the
// write's own error is the one reported.
var errWriteFailed = errors.New("a search file could not be written")

// minify minifies a file by its type when the site asks for it. Pages
// are not minified here: their layouts were minified when the theme was
// loaded, and Markdown's HTML is compact. Search shards are written
// compact by the indexer.
func (s *Site) minify(path string, body []byte) ([]byte, error) {
	if !s.Config.Minify || strings.HasSuffix(path, ".html") || strings.HasPrefix(path, "search/") {
		return body, nil
	}
	s.minOnce.Do(func() { s.minifier = output.NewMinifier() })
	out, err := s.minifier.Minify(path, body)
	if err != nil {
		// Minifying saves bytes; it must not cost a build. A file the
		// minifier cannot read (JSON with comments, a CSS hack) is
		// published as it was written.
		pos, why := source.Pos{Path: s.sourceOf(path)}, err.Error()
		var perr *parse.Error
		if errors.As(err, &perr) {
			pos.Line, pos.Col, why = perr.Line, perr.Column, perr.Message
		}
		w := source.Errorf(pos, "not minified, published as it is: %s", why).
			WithHint("if the file is meant to be valid, fix it; if it is fine as it is (JSON with comments, for instance), there is nothing to do")
		s.mu.Lock()
		s.Warnings = append(s.Warnings, w)
		s.mu.Unlock()
		return body, nil
	}
	return out, nil
}

// sourceOf names the file an output file other than a page comes from:
// a static file, or a file beside a page; else the output path itself.
func (s *Site) sourceOf(out string) string {
	for _, f := range s.staticFiles() {
		if f.out == out {
			return f.src
		}
	}
	if src, ok := s.assetOutputs()[out]; ok {
		return src
	}
	return out
}

// indexers makes one search indexer per language. A build's indexers
// keep the texts they show in results on disk (spillDir), not in memory
// to the end of the build: a tenth of its peak on a large site.
func (s *Site) indexers() (map[string]*search.Indexer, error) {
	m := map[string]*search.Indexer{}
	for _, l := range s.langs {
		ix := search.NewIndexer(l)
		m[l] = ix
		if s.spillDir != "" && s.Config.Search.Enabled {
			if err := ix.SpillFragments(s.spillDir); err != nil {
				closeIndexers(m)
				return nil, fmt.Errorf("search index: %w", err)
			}
		}
	}
	return m, nil
}

// closeIndexers lets go of what the indexers keep on disk.
func closeIndexers(m map[string]*search.Indexer) {
	for _, ix := range m {
		ix.Close()
	}
}

// searchFiles returns the search index of every language.
func (s *Site) searchFiles(ix map[string]*search.Indexer) ([]search.File, error) {
	if !s.Config.Search.Enabled {
		return nil, nil
	}
	var out []search.File
	for _, l := range s.langs {
		files, err := ix[l].Files("search/" + l)
		if err != nil {
			return nil, err
		}
		out = append(out, files...)
	}
	return out, nil
}

// eachPage runs fn over every page on all cores and returns all errors,
// sorted, so two runs report the same way.
func (s *Site) eachPage(ctx context.Context, fn func(p *Page, buf *bytes.Buffer) error) error {
	// A page rendered beside another is taken to have read the other
	// pages' summaries that one read (see Page.summaryRead). Lists read
	// many: they go last, beside each other. The programme pages go
	// first: the directory takes a long time, which lists beside it
	// would fill with their reads, where single pages read few.
	ordered := make([]*Page, 0, len(s.pages))
	for order := range 3 {
		for _, p := range s.pages {
			if renderOrder(p) == order {
				ordered = append(ordered, p)
			}
		}
	}
	var mu sync.Mutex
	var errs source.List
	total := len(ordered)
	// Each goroutine takes the next page itself, rather than wait for
	// one goroutine to hand it over: a warm build keeps thousands of
	// pages in a few microseconds each.
	var next, done atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var buf bytes.Buffer
			for i := int(next.Add(1) - 1); i < total; i = int(next.Add(1) - 1) {
				if ctx.Err() != nil {
					return
				}
				if err := fn(ordered[i], &buf); err != nil {
					mu.Lock()
					errs.Add(err)
					mu.Unlock()
				}
				if n := done.Add(1); s.Options.Progress != nil && n%500 == 0 {
					s.Options.Progress(int(n), total)
				}
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	return errs.Err()
}

// escapedHint says what to write instead of an HTML tag pages may not use.
func escapedHint(tag string) string {
	switch tag {
	case "video", "audio", "source", "track":
		return "link the file instead, [the video](talk.mp4): the site plays nothing from a page's markup"
	case "link", "style", "script", "meta":
		return "remove it: the theme brings its own styles and scripts, and a page's would run on every reader's browser"
	case "iframe", "embed", "object":
		return "link what it shows instead: an intranet page loads nothing from another host"
	case "input", "form", "button", "select", "textarea":
		return "link the form instead: a static page sends nothing"
	}
	return "write it in Markdown, or remove it; binome lets through the tags that shape text (tables, <kbd>, <details>…)"
}

// renderOrder is when a page is rendered: the programme pages (the
// directory, matches, impact), then single pages, then the other lists.
func renderOrder(p *Page) int {
	switch {
	case programmeKinds[p.Kind] && p.pagerOf == nil:
		return 0
	case p.IsList || p.src == nil || p.pagerOf != nil:
		return 2
	}
	return 1
}

// extras lists every output file that is not a page, each made on
// demand: static files, content assets, CSVs and JSON, feeds, sitemap.
func (s *Site) extras(assets map[string]string) map[string]func() ([]byte, error) {
	m := map[string]func() ([]byte, error){}
	for _, f := range s.staticFiles() {
		m[f.out] = func() ([]byte, error) {
			if f.body != nil {
				return f.body, nil
			}
			// A file of the site's static/ folder: read when written.
			b, err := fs.ReadFile(s.fsys, f.src)
			if err != nil {
				return nil, readError(f.src, err)
			}
			return b, nil
		}
	}
	for _, d := range s.data {
		m[d.path] = func() ([]byte, error) {
			if d.makeBody != nil {
				return d.makeBody(), nil
			}
			return d.body, nil
		}
	}
	// Feeds sort every page by date: made on first request, as pages are,
	// so a dev rebuild does not pay for them.
	feeds := sync.OnceValue(s.feeds)
	for _, lang := range s.langs {
		path := feedPath(s.langPrefix(lang))
		m[path] = func() ([]byte, error) {
			for _, f := range feeds() {
				if f.path == path {
					return f.body, nil
				}
			}
			return nil, fmt.Errorf("feed %s: not made", path)
		}
	}
	m["sitemap.xml"] = func() ([]byte, error) { return s.sitemap(), nil }
	for out, src := range assets {
		m[out] = func() ([]byte, error) {
			b, err := fs.ReadFile(s.fsys, src)
			if err != nil {
				return nil, readError(src, err)
			}
			return b, nil
		}
	}
	return m
}

// writeExtra writes a file other than a page or a search file, made from
// body, or keeps it when the last build made it from the same bytes.
func (s *Site) writeExtra(p string, body []byte, write func(string, []byte) error) error {
	if s.keepSame(p, body, extraSums) {
		return nil
	}
	s.mu.Lock()
	warned := len(s.Warnings)
	s.mu.Unlock()
	if err := write(p, body); err != nil {
		return err
	}
	s.mu.Lock()
	if len(s.Warnings) > warned && s.next != nil {
		// Not minified: kept, it would not say so again.
		delete(s.next.ExtraSums, p)
	}
	s.mu.Unlock()
	return nil
}

// renderPage executes a page's layout and writes it.
func (s *Site) renderPage(p *Page, buf *bytes.Buffer, write func(string, []byte) error, ix *search.Indexer) error {
	if s.next != nil && s.keep(p, ix) {
		return nil
	}
	p.cache.Lock()
	p.cache.done = false // being written now: keep its Markdown until release
	p.cache.Unlock()
	defer p.release()
	before := s.reads.mark()
	html, res, err := s.pageHTML(p, buf)
	if err != nil {
		return err
	}
	if err := write(p.out, html); err != nil {
		return err
	}
	if res != nil && !p.Fallback {
		for _, t := range res.Escaped {
			s.pageWarning(p, source.Errorf(bodyPos(p, t.Line),
				"<%s> is shown as text: pages may not use it", t.Text).WithHint("%s", escapedHint(t.Text)))
		}
		for _, d := range res.Diagrams {
			w := source.Errorf(bodyPos(p, d.Line), "mermaid diagram shown as its source: %s", d.Text)
			if strings.Contains(d.Text, diagram.ErrUnsupported.Error()) {
				w.WithHint("binome draws flowcharts, pie charts and timelines as the site is built, with no script; leave this one as code, or redraw it as one of those")
			} else {
				w.WithHint("fix this line of the diagram: a flowchart's boxes are written A[Text], B(Text), C{Question}, its arrows A --> B, A -->|text| B, A -.-> B; a pie's slices \"Label\" : 42; a timeline's periods Period : Event")
			}
			s.pageWarning(p, w)
		}
		if t := res.SecondTitle; t.Line > 0 {
			// Docusaurus and MkDocs show the heading instead of the
			// title; Hugo and Jekyll themes often show both.
			s.pageWarning(p, source.Errorf(bodyPos(p, t.Line),
				"the text opens with the heading %q, and the page's title is %q: the page shows both as main headings", t.Text, p.title).
				WithHint("remove the # heading, or make it the title (title: %s); a shorter name for menus goes in linkTitle", t.Text))
		}
		ids := make([]string, 0, len(res.Headings)+len(res.IDs))
		var hs []search.Heading
		for _, h := range res.Headings {
			ids = append(ids, h.ID)
			hs = append(hs, search.Heading{ID: h.ID, Text: h.Text})
		}
		ids = append(ids, res.IDs...)
		s.mu.Lock()
		s.headings[p.URL] = ids
		s.mu.Unlock()
		var doc *search.Doc
		if ix != nil && s.Config.Search.Enabled && !p.noIndex && p.Kind != "404" {
			section := ""
			if len(p.ancestors) > 1 {
				section = p.ancestors[1].Title() // recorded: the doc shows it
			}
			// Nothing writes res.Text once Render returns it (as with
			// Content): the string shares its bytes instead of copying them.
			text := unsafe.String(unsafe.SliceData(res.Text), len(res.Text))
			doc = &search.Doc{URL: p.URL, Title: p.title, Section: section, Headings: hs, Text: text}
			// The base of the previous texts still holds a doc found
			// there: it goes to neither the delta nor a new base.
			if s.prev == nil || s.docs == nil || !s.docs.indexSame(ix, p.Lang, p.URL, doc.Sum()) {
				ix.Add(*doc)
				if s.next != nil {
					s.docs.add(p.Lang, *doc)
				}
			}
		}
		if s.next != nil {
			s.mu.Lock()
			m := s.memo(p)
			m.Headings = append(m.Headings, ids...)
			if doc != nil {
				m.Indexed = true
			}
			s.mu.Unlock()
		}
	}
	if s.next != nil {
		// Keyed by what this rendering read, the search doc's section
		// title included, which the next build compares with
		// (computeKeys).
		r := s.reads.since(before)
		key := s.pageKey(p, r)
		s.mu.Lock()
		m := s.memo(p)
		m.Key, m.Reads = key, r
		s.mu.Unlock()
	}
	return nil
}

// keep reuses the previous build's output of p when its cache key is
// unchanged: the file is hard-linked, and what rendering it produced on
// the side (heading IDs, links to check, warnings, search text) is
// restored. It reports whether it did.
func (s *Site) keep(p *Page, ix *search.Indexer) bool {
	if s.prev == nil {
		return false
	}
	key := s.keys[p.out]
	m, ok := s.prev.Pages[p.out]
	size, had := s.prev.Outputs[p.out]
	if !ok || !had || m.Key != key || s.keeper == nil {
		return false
	}
	if m.Indexed && s.reindex && !s.docs.has(p.Lang, p.URL) {
		// Its indexed form is needed to rebuild the index: without it,
		// the page is rendered again.
		return false
	}
	if !s.keeper.Keep(p.out) {
		return false
	}
	mm := m
	s.mu.Lock()
	if p.src != nil && !p.Fallback {
		s.headings[p.URL] = m.Headings
	}
	for _, a := range m.Anchors {
		s.anchors = append(s.anchors, anchorCheck{pos: a.Pos, url: a.URL, id: a.ID, original: a.Original})
	}
	for i := range m.Warnings {
		w := m.Warnings[i]
		s.Warnings = append(s.Warnings, &w)
	}
	s.memos[p.out] = &mm
	s.wrote(p.out, size)
	s.mu.Unlock()
	// Outside the lock: indexing the cached text is most of keeping a
	// page, and the Indexer takes docs from every goroutine at once.
	if m.Indexed && s.reindex && ix != nil {
		s.docs.index(ix, p.Lang, p.URL)
	}
	s.kept.Add(1)
	return true
}

// pageHTML renders a page to HTML with its URLs rewritten, not minified,
// in buf's memory: the result is good until buf's next write.
func (s *Site) pageHTML(p *Page, buf *bytes.Buffer) ([]byte, *markdown.Result, error) {
	var res *markdown.Result
	if p.src != nil {
		r, err := p.markdown()
		if err != nil {
			return nil, nil, err
		}
		res = r
	}
	buf.Reset()
	// The template gets its own copy of the page, so that a method called
	// on the shared page object is known to come from another page's
	// template (see Page.summaryRead).
	view := *p
	view.isView = true
	if err := s.theme.Execute(buf, layouts(p), &view); err != nil {
		if s.minified {
			// Report the error at its line in the layout as written.
			if raw, rerr := s.rawTheme(); rerr == nil {
				var scratch bytes.Buffer
				if e := raw.Execute(&scratch, layouts(p), &view); e != nil {
					err = e
				}
			}
		}
		return nil, nil, fmt.Errorf("render %s: %w", describe(p), err)
	}
	// A 404 page is served for any missing URL, at any depth: its links
	// cannot be relative to where it lies.
	relative := s.Config.RelativeURLs && p.Kind != "404"
	// Rewritten into buf's free tail, not a new page-sized array.
	n := buf.Len()
	buf.Grow(n + n/8 + 64)
	return output.RewriteURLsInto(buf.AvailableBuffer(), buf.Bytes(), p.out, relative, s.Config.BasePath()), res, nil
}

// checkAnchors warns about links to headings that do not exist.
func (s *Site) checkAnchors() {
	for _, a := range s.anchors {
		ids, ok := s.headings[a.url]
		if !ok {
			continue // not a content page: nothing to check against
		}
		if !slices.Contains(ids, a.id) {
			s.Warnings = append(s.Warnings, source.Errorf(a.pos, "broken anchor %s: %s has no heading with id %q", a.original, a.url, a.id).
				WithHint("check the heading's text, or give it a fixed id with {#%s} after the heading", a.id))
		}
	}
	source.Sort(s.Warnings)
}

// assetOutputs maps output paths to the content files copied there; a
// bundle's files go next to each language version of its page.
func (s *Site) assetOutputs() map[string]string {
	bundleOf := map[string][]*Page{}
	for _, p := range s.pages {
		if p.src != nil && p.src.Bundle && p.pagerOf == nil {
			for _, a := range s.Content.BundleAssets[p.src.Path] {
				bundleOf[a] = append(bundleOf[a], p)
			}
		}
	}
	out := map[string]string{}
	for _, a := range s.Content.Assets {
		ps := bundleOf[a.Path]
		if len(ps) == 0 {
			// In its folder's URL, beside the folder's pages (see urlDir).
			dir, name := path.Split(a.Rel)
			if dir = strings.TrimSuffix(dir, "/"); dir != "" {
				name = s.urlDir(s.Config.DefaultLanguage, dir) + "/" + name
			}
			out[name] = a.Path
			continue
		}
		for _, p := range ps {
			rel, _ := strings.CutPrefix(a.Path, path.Dir(p.src.Path)+"/")
			out[strings.TrimPrefix(p.URL, "/")+rel] = a.Path
		}
	}
	return out
}

// xmlText escapes text for XML and drops characters XML cannot hold.
func xmlText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&quot;")
		default:
			if r < 0x20 && r != '\t' && r != '\n' && r != '\r' {
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// feedPath is the output path of the feed of a language's prefix.
func feedPath(langPrefix string) string {
	return strings.TrimPrefix(langPrefix, "/") + "feed.xml"
}

// feeds writes an Atom feed per language of stories and guides.
func (s *Site) feeds() []dataFile {
	var out []dataFile
	for _, lang := range s.langs {
		var items []*Page
		for _, p := range s.pages {
			if p.Lang == lang && !p.Fallback && !p.noIndex && (p.Kind == "story" || p.Kind == "guide") {
				items = append(items, p)
			}
		}
		sort.SliceStable(items, func(i, j int) bool {
			if !items[i].date.Equal(items[j].date) {
				return items[i].date.After(items[j].date)
			}
			return items[i].URL < items[j].URL
		})
		if len(items) > 50 {
			items = items[:50]
		}
		var b bytes.Buffer
		self := s.absURL(s.langPrefix(lang) + "feed.xml")
		updated := s.views[lang].buildDate // the feed is made anew by every build
		if len(items) > 0 && !items[0].date.IsZero() {
			updated = items[0].date
		}
		fmt.Fprintf(&b, `<?xml version="1.0" encoding="utf-8"?>`+"\n"+`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="%s"><title>%s</title><id>%s</id><link rel="self" href="%s"/><link href="%s"/><updated>%s</updated>`,
			lang, xmlText(s.Config.LanguageTitle(lang)), xmlText(self), xmlText(self), xmlText(s.absURL(s.langPrefix(lang))), updated.UTC().Format("2006-01-02T15:04:05Z"))
		for _, p := range items {
			d := p.date
			if !p.updated.IsZero() {
				d = p.updated
			}
			if d.IsZero() {
				d = updated
			}
			fmt.Fprintf(&b, `<entry><title>%s</title><link href="%s"/><id>%s</id><updated>%s</updated><summary>%s</summary></entry>`,
				xmlText(p.title), xmlText(p.Permalink), xmlText(p.Permalink), d.UTC().Format("2006-01-02T15:04:05Z"), xmlText(p.Summary()))
		}
		b.WriteString("</feed>\n")
		out = append(out, dataFile{path: feedPath(s.langPrefix(lang)), body: b.Bytes()})
	}
	return out
}

// sitemap lists every public page with its translations.
func (s *Site) sitemap() []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">`)
	for _, p := range s.pages {
		if p.noIndex || p.Fallback || p.Kind == "404" || p.Kind == "search" || p.Kind == "review" || p.Kind == "matches" {
			continue
		}
		fmt.Fprintf(&b, "<url><loc>%s</loc>", xmlText(p.Permalink))
		if d := p.updated; !d.IsZero() {
			fmt.Fprintf(&b, "<lastmod>%s</lastmod>", d.Format("2006-01-02"))
		} else if d := p.date; !d.IsZero() {
			fmt.Fprintf(&b, "<lastmod>%s</lastmod>", d.Format("2006-01-02"))
		}
		if len(p.translations) > 0 {
			fmt.Fprintf(&b, `<xhtml:link rel="alternate" hreflang="%s" href="%s"/>`, p.Lang, xmlText(p.Permalink))
			for _, t := range p.translations {
				if !t.Fallback {
					fmt.Fprintf(&b, `<xhtml:link rel="alternate" hreflang="%s" href="%s"/>`, t.Lang, xmlText(s.absURL(t.URL)))
				}
			}
		}
		b.WriteString("</url>")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

// redirectPage is written at an alias: it sends readers and crawlers to
// the page's URL (target is already relative or prefixed with the base
// path: a meta refresh is not rewritten like links are).
func redirectPage(permalink, target string) []byte {
	esc := xmlText(target)
	// An empty icon: without one, browsers ask for /favicon.ico at the
	// host's root, outside a site served under a sub-path.
	canonical := `<link rel="icon" href="data:,">`
	if strings.Contains(permalink, "://") {
		canonical += `<link rel="canonical" href="` + xmlText(permalink) + `">`
	}
	return []byte(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>` + esc + `</title>` + canonical +
		`<meta name="robots" content="noindex"><meta http-equiv="refresh" content="0; url=` + esc + `"></head><body><a href="` + esc + `">` + esc + `</a></body></html>` + "\n")
}

func marshalJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return append(b, '\n')
}
