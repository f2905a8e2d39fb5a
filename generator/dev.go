package generator

import (
	"bytes"
	"context"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"

	"binome/generator/content"
	"binome/generator/output"
	"binome/generator/source"
)

// Dev rebuilds a site for the dev server with the same pipeline as Build:
// Load reuses the parse result of every file whose bytes did not change,
// Resolve runs in full (it is in memory and cheap), and pages are
// rendered lazily, when requested, into a cache that the next rebuild
// drops. What it serves is what Build writes, byte for byte.
type Dev struct {
	opt  Options
	prev *Site
	// mu is held for reading while a served site renders a file, and for
	// writing while rebind gives the last site new page bodies.
	mu *sync.RWMutex
	// pages is the last DevSite's page map, for the next DevSite of the
	// same Site: a rebind changes no output path.
	pages map[string]*Page
}

// NewDev returns a Dev builder for the site of opt.
func NewDev(opt Options) *Dev {
	opt.Serving = true
	return &Dev{opt: opt, mu: &sync.RWMutex{}}
}

// DevResult is one rebuild: the site to serve and what changed.
type DevResult struct {
	Site     *DevSite
	Pages    []string // URLs of pages whose own source changed
	Styles   []string // URLs of stylesheets that changed
	Warnings []error
}

// Build rebuilds after changed paths (site-root-relative; nil means
// unknown: compare every file).
func (d *Dev) Build(ctx context.Context, changed []string) (*DevResult, error) {
	s, err := Load(d.opt, d.prev, changed...)
	if err != nil {
		return nil, s.andResolve(err)
	}
	if bodies := bodyChanges(d.prev, s, changed); bodies != nil {
		s = d.rebind(s, bodies)
	} else if err := s.Resolve(); err != nil {
		return nil, err
	}
	res := &DevResult{Site: d.newDevSite(ctx, s), Warnings: s.Warnings}
	changedSet := map[string]bool{}
	for _, c := range changed {
		changedSet[c] = true
	}
	for _, p := range s.pages {
		if p.src != nil && !p.Fallback && changedSet[p.src.Path] {
			res.Pages = append(res.Pages, p.URL)
		}
	}
	if d.prev != nil {
		old := map[string]bool{}
		for _, f := range d.prev.static {
			old[f.out] = true
		}
		for _, f := range s.staticFiles() {
			if path.Ext(f.out) == ".css" && !old[f.out] {
				res.Styles = append(res.Styles, "/"+f.out)
			}
		}
	}
	// Links are checked as pages render. The pages just edited are the
	// ones the browser is about to show: render them now, so their broken
	// links are reported with this rebuild, as build would report them.
	if len(res.Pages) > 0 {
		for _, u := range res.Pages {
			res.Site.Open(strings.TrimPrefix(u, "/") + "index.html")
		}
		s.mu.Lock()
		res.Warnings = slices.Clone(s.Warnings)
		s.mu.Unlock()
		source.Sort(res.Warnings)
	}
	if d.prev != nil && d.prev != s {
		d.prev.forgetFragments() // this site is done
	}
	d.prev = s
	return res, nil
}

// bodyChanges returns, by source path, the pages of next that differ from
// prev's only in their Markdown body, when that is all that changed: no
// file added or removed, no frontmatter, title or date changed. Nothing
// Resolve computes depends on a body except the page's own summary and
// file warnings, so the resolved site stays right once rebind swaps the
// bodies in. It returns nil when a full Resolve is needed.
func bodyChanges(prev, next *Site, changed []string) map[string]*content.Page {
	if prev == nil || len(changed) == 0 || next.theme != prev.theme || !onlyContent(changed) {
		return nil
	}
	a, b := prev.Content, next.Content
	if len(a.Pages) != len(b.Pages) || len(a.Assets) != len(b.Assets) {
		return nil
	}
	swaps := map[string]*content.Page{}
	for _, c := range changed {
		i, ok := slices.BinarySearchFunc(a.Pages, c, byPath)
		j, ok2 := slices.BinarySearchFunc(b.Pages, c, byPath)
		if !ok || !ok2 || !a.Pages[i].SameExceptBody(b.Pages[j]) {
			return nil
		}
		if a.Pages[i] != b.Pages[j] {
			swaps[c] = b.Pages[j]
		}
	}
	return swaps
}

func byPath(p *content.Page, path string) int { return strings.Compare(p.Path, path) }

// rebind gives the last resolved site the new bodies of its pages and the
// new content set, instead of resolving again: on a large site that is
// most of a rebuild's time. The site being served is the same value, so
// its renders are held off (mu) while pages change.
func (d *Dev) rebind(next *Site, bodies map[string]*content.Page) *Site {
	s := d.prev
	d.mu.Lock()
	defer d.mu.Unlock()
	s.Content = next.Content
	s.Warnings = next.Warnings // the load's, then the file warnings below
	s.headings = map[string][]string{}
	s.anchors = nil
	for _, p := range s.pages {
		// By path: a page's parse may be a copy made by Load (a table of
		// contents gives it its order or sidebar title), new at each Load.
		if p.src == nil {
			continue
		}
		if cp, ok := bodies[p.src.Path]; ok {
			p.src = cp
			p.summary = s.expandVars(p, summary(cp))
			p.cache = &renderCache{}
		}
	}
	s.forgetFragments() // rendered from the old bodies
	s.fileWarnings()
	source.Sort(s.Warnings)
	return s
}

// forgetFragments drops the theme's fragments rendered for this site. The
// fragment cache is keyed by site values: it would otherwise keep the last
// few sites, whole, alive, and serve fragments of bodies rebind replaced.
func (s *Site) forgetFragments() {
	for _, v := range s.views {
		s.theme.Forget(v)
	}
}

// DevSite is a resolved site whose files are made on request.
type DevSite struct {
	ctx    context.Context
	mu     *sync.RWMutex // the Dev's: see Dev.mu
	s      *Site
	pages  map[string]*Page
	onDisk map[string]string // output path → the site's file copied there
	extras map[string]func() ([]byte, error)
	cache  sync.Map // path → []byte

	searchOnce sync.Once
	search     map[string][]byte
}

func (dev *Dev) newDevSite(ctx context.Context, s *Site) *DevSite {
	assets := s.assetOutputs()
	d := &DevSite{ctx: ctx, mu: dev.mu, s: s, pages: dev.pages, onDisk: maps.Clone(assets), extras: s.extras(assets)}
	for _, f := range s.staticFiles() {
		if f.body == nil {
			d.onDisk[f.out] = f.src
		}
	}
	if dev.prev != s || d.pages == nil {
		d.pages = make(map[string]*Page, len(s.pages))
		for _, p := range s.pages {
			d.pages[p.out] = p
		}
		dev.pages = d.pages
	}
	return d
}

// OpenFile opens a file published as it is (a photo, a PDF, a video of
// static/ or beside a page) for the server to send from disk, ranges and
// all, instead of holding it in memory. ok is false for any other path.
func (d *DevSite) OpenFile(p string) (fs.File, bool) {
	src := d.onDisk[p]
	if src == "" || d.s.Config.Minify && output.Minifies(p) {
		return nil, false
	}
	f, err := d.s.fsys.Open(src)
	if err != nil {
		return nil, false
	}
	return f, true
}

// Open returns the file at a site-root-relative path, rendering it on
// first request.
func (d *DevSite) Open(p string) ([]byte, bool) {
	if b, ok := d.cache.Load(p); ok {
		return b.([]byte), true
	}
	d.mu.RLock()
	defer d.mu.RUnlock()
	var body []byte
	var err error
	switch {
	case d.pages[p] != nil:
		pg := d.pages[p]
		var buf bytes.Buffer
		var html []byte
		html, _, err = d.s.pageHTML(pg, &buf)
		if err == nil {
			body, err = d.s.minify(p, html)
		}
	case d.extras[p] != nil:
		body, err = d.extras[p]()
		if err == nil {
			body, err = d.s.minify(p, body)
		}
	case strings.HasPrefix(p, "search/"):
		d.searchOnce.Do(d.buildSearch)
		b, ok := d.search[p]
		if !ok {
			return nil, false
		}
		body = b
	default:
		return nil, false
	}
	if err != nil {
		d.s.log.Error("render", "path", p, "err", err)
		return []byte("<!DOCTYPE html><title>Error</title><pre>" + xmlText(err.Error()) + "</pre>"), true
	}
	d.cache.Store(p, body)
	return body, true
}

// buildSearch renders every page's Markdown once to index it; it runs on
// the first request for a search file, not on every rebuild.
func (d *DevSite) buildSearch() {
	d.search = map[string][]byte{}
	ix, err := d.s.indexers() // in memory: a dev site spills nothing
	if err != nil {
		d.s.log.Warn("cannot index the site for search", "err", err)
		return
	}
	defer closeIndexers(ix)
	_ = d.s.eachPage(d.ctx, func(p *Page, buf *bytes.Buffer) error {
		return d.s.renderPage(p, buf, func(string, []byte) error { return nil }, ix[p.Lang])
	})
	files, err := d.s.searchFiles(ix)
	if err != nil {
		d.s.log.Warn("cannot index the site for search", "err", err)
		return
	}
	for _, f := range files {
		b, err := d.s.minify(f.Path, f.Body)
		if err != nil {
			b = f.Body
		}
		d.search[f.Path] = b
	}
}

// Paths lists every file of the site, for tests comparing with Build.
func (d *DevSite) Paths() []string {
	var out []string
	for p := range d.pages {
		out = append(out, p)
	}
	for p := range d.extras {
		out = append(out, p)
	}
	d.mu.RLock()
	d.searchOnce.Do(d.buildSearch)
	d.mu.RUnlock()
	for p := range d.search {
		out = append(out, p)
	}
	return out
}
