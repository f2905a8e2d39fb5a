package generator

import (
	"bytes"
	"context"
	"path"
	"slices"
	"strings"
	"sync"

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
}

// NewDev returns a Dev builder for the site of opt.
func NewDev(opt Options) *Dev {
	opt.Serving = true
	return &Dev{opt: opt}
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
		return nil, err
	}
	if err := s.Resolve(); err != nil {
		return nil, err
	}
	res := &DevResult{Site: newDevSite(ctx, s), Warnings: s.Warnings}
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
		for _, f := range s.static {
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
	d.prev = s
	return res, nil
}

// DevSite is a resolved site whose files are made on request.
type DevSite struct {
	ctx    context.Context
	s      *Site
	pages  map[string]*Page
	extras map[string]func() ([]byte, error)
	cache  sync.Map // path → []byte

	searchOnce sync.Once
	search     map[string][]byte
}

func newDevSite(ctx context.Context, s *Site) *DevSite {
	d := &DevSite{ctx: ctx, s: s, pages: map[string]*Page{}, extras: s.extras()}
	for _, p := range s.pages {
		d.pages[p.out] = p
	}
	return d
}

// Open returns the file at a site-root-relative path, rendering it on
// first request.
func (d *DevSite) Open(p string) ([]byte, bool) {
	if b, ok := d.cache.Load(p); ok {
		return b.([]byte), true
	}
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
	ix := d.s.indexers()
	d.search = map[string][]byte{}
	_ = d.s.eachPage(d.ctx, func(p *Page, buf *bytes.Buffer) error {
		return d.s.renderPage(p, buf, func(string, []byte) error { return nil }, ix[p.Lang])
	})
	for _, f := range d.s.searchFiles(ix) {
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
	d.searchOnce.Do(d.buildSearch)
	for p := range d.search {
		out = append(out, p)
	}
	return out
}
