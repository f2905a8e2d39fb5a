package theme

import (
	"fmt"
	"html/template"
	"reflect"
	"slices"
	"sync"
)

// maxSites is how many site values partialCached keeps fragments for.
// A build has one per language, so a bilingual site keeps this build's
// and a few before; more languages than this only make the cache miss.
const maxSites = 4

// fragments holds the output of partialCached, by partial, site value and
// variants.
//
// The site value is part of every key, and the fragments of the oldest
// one go when a fifth arrives: a dev server reuses the Set across
// rebuilds, each rebuild brings new site values, and a fragment must
// neither outlive the data it was made from nor keep an old site in
// memory for the life of the server.
type fragments struct {
	mu       sync.RWMutex
	sites    []any // oldest first
	html     map[fragmentKey]fragment
	trackers map[any]ReadTracker // by site value, see Track
}

type fragment struct {
	html  template.HTML
	reads any // what rendering it read, for its tracker
}

// ReadTracker notes what templates read of the site beyond what it can
// see itself (the build cache's watch of other pages' summaries): Mark
// and Since bracket a fragment's rendering, and Replay says it again
// each time a page reuses the fragment, since that page shows it too.
type ReadTracker interface {
	Mark() any
	Since(mark any) any // nil when nothing was read
	Replay(reads any)
}

// Track has the fragments rendered for site note what they read with t,
// until Forget(site).
func (s *Set) Track(site any, t ReadTracker) {
	c := &s.fragments
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.trackers == nil {
		c.trackers = map[any]ReadTracker{}
	}
	c.trackers[site] = t
}

type fragmentKey struct {
	name     string
	site     any
	variants [3]any
}

// partialCached executes layouts/partials/<name> with data the first time
// it is called with a given site value and variants, and returns that
// output to every later call with the same ones, for markup that is the
// same on many pages: {{ partialCached "nav-tree.html" . .Site .Lang
// .Section }} renders the sidebar once per language and section.
//
// The output must depend on nothing but site and the variants: data is
// only what the first call renders with. site must be the page's .Site,
// a pointer made anew by every build, so nothing is cached across builds.
func (s *Set) partialCached(name string, data, site any, variants ...any) (template.HTML, error) {
	if v := reflect.ValueOf(site); v.Kind() != reflect.Pointer || v.IsNil() {
		return "", fmt.Errorf("partialCached %q: want .Site after the data, got %T", name, site)
	}
	key := fragmentKey{name: name, site: site}
	if len(variants) > len(key.variants) {
		return "", fmt.Errorf("partialCached %q: at most %d variants, got %d", name, len(key.variants), len(variants))
	}
	for i, v := range variants {
		if t := reflect.TypeOf(v); t != nil && !t.Comparable() {
			return "", fmt.Errorf("partialCached %q: a variant of type %s cannot be compared", name, t)
		}
		key.variants[i] = v
	}

	c := &s.fragments
	c.mu.RLock()
	f, ok := c.html[key]
	tracker := c.trackers[site]
	c.mu.RUnlock()
	if ok {
		if tracker != nil && f.reads != nil {
			tracker.Replay(f.reads)
		}
		return f.html, nil
	}
	// Two pages may render the same fragment at once; both get the same
	// output, and rendering outside the lock keeps the others going.
	var mark any
	if tracker != nil {
		mark = tracker.Mark()
	}
	html, err := s.partial(name, data)
	if err != nil {
		return "", err
	}
	f = fragment{html: html}
	if tracker != nil {
		f.reads = tracker.Since(mark)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !slices.Contains(c.sites, site) {
		if len(c.sites) == maxSites {
			old := c.sites[0]
			c.sites = slices.Delete(c.sites, 0, 1)
			for k := range c.html {
				if k.site == old {
					delete(c.html, k)
				}
			}
			delete(c.trackers, old)
		}
		c.sites = append(c.sites, site)
	}
	if c.html == nil {
		c.html = map[fragmentKey]fragment{}
	}
	c.html[key] = f
	return html, nil
}

// Forget drops the fragments rendered for a site value, for a caller that
// changes the data behind a site value it keeps (a dev rebuild of page
// bodies) and so cannot rely on a new value to miss the cache.
func (s *Set) Forget(site any) {
	c := &s.fragments
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sites = slices.DeleteFunc(c.sites, func(x any) bool { return x == site })
	delete(c.trackers, site)
	for k := range c.html {
		if k.site == site {
			delete(c.html, k)
		}
	}
}
