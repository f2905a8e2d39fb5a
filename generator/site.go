package generator

import (
	"crypto/sha256"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"binome/generator/config"
	"binome/generator/content"
	"binome/generator/internal/binid"
	"binome/generator/markdown"
	"binome/generator/output"
	"binome/generator/source"
	"binome/generator/theme"
	"binome/themes"
)

// Site is the site through the pipeline: what Load read, what Resolve
// computed, and what Render needs.
type Site struct {
	Config   config.Config
	Options  Options
	Content  *content.Set
	Warnings []error

	fsys   fs.FS
	theme  *theme.Set
	md     *markdown.Renderer
	assets map[string]string // static path → fingerprinted path
	static []staticFile
	// hasMath is set when a page may have math (content.Page.Math): the
	// theme's KaTeX is written then (see staticFiles).
	hasMath bool
	// aliasTo maps the old URLs that redirect (aliases) to their pages,
	// so that a link to one leads to the page itself.
	aliasTo map[string]*Page
	log     *slog.Logger

	langs  []string
	views  map[string]*SiteView
	pages  []*Page // every page to write, content and generated
	byURL  map[string]*Page
	bySlug map[string]map[string][]*Page // lang → slug → pages
	byPath map[string]*Page              // source path → page
	// dirSlugs are the URL segments section pages set for their
	// folders, by language and folder (see urlDir).
	dirSlugs map[string]string
	byName   *nameIndex      // pages and assets by file name, built on first use
	files    map[string]bool // every output path, for link checks
	data     []dataFile      // generated non-HTML files (CSV, JSON)

	// now is the moment the site was loaded: what is published is
	// decided against it, once for the whole build.
	now time.Time

	// spillDir, when set, is where a build's search indexers keep the
	// texts of results (see indexers).
	spillDir string
	// matches memoises the duo suggestions by their inputs: they change
	// only when profiles or duos do, and cost the most of Resolve.
	matches *matchMemo
	// slugs memoises term slugs across rebuilds (name → slug).
	slugs *sync.Map

	// themeHash hashes every theme file and what pages may show of the
	// site's static files (see scanStatic), for the build cache.
	themeHash [32]byte
	// siteStatic lists the files of the site's static/ folder.
	siteStatic []staticFile
	// parseTheme parses the templates, once; loadTheme calls it unless
	// Options.lazyTheme leaves it to Build.
	parseTheme func() error
	// prev is the last build's cache, next the one this build records;
	// both nil when the build does not use the cache.
	prev, next *buildCache
	// contentFile is content.bin being written while the build goes on.
	contentFile *pendingFile
	docs        *docWriter // every indexed page's search text, for the next build
	reads       readLog    // templates' reads of other pages (see Page.summaryRead)
	skeleton    skeleton   // see Site.skeletons

	headsMu     sync.Mutex
	heads       map[int64]uint64  // digests of the head reads, by Page.idx<<32|n (see headOf)
	namesOnce   sync.Once         // see Site.nameDigests
	names       map[string]uint64 // see Site.nameDigests
	nameIDsMu   sync.Mutex
	nameIDs     []uint64  // see Site.nameIDDigests
	digestsOnce sync.Once // see Site.readDigests
	digests     []uint64  // of titles
	dataDigests []uint64
	// nameRefDigests are nameDigests' by the last build's table.
	nameRefDigests []uint64
	keys           map[string][32]byte  // each page's cache key, by output path
	memos          map[string]*pageMemo // what this build records, by output path
	keeper         keeper               // the sink, when it can keep previous files
	reindex        bool                 // the search index must be rebuilt
	kept           atomic.Int64         // files kept from the previous output

	// rawTheme loads the layouts as written, for exact error positions
	// when the loaded ones were minified.
	rawTheme func() (*theme.Set, error)
	minified bool

	minOnce  sync.Once
	minifier *output.Minifier

	mu      sync.Mutex
	anchors []anchorCheck
	// headings are the IDs of each page's headings and elements, by URL,
	// filled by Render: as a list, which a kept page takes from its memo
	// as it is; a map each cost 50,000 of them a warm build.
	headings map[string][]string

	withheldMemo withheldMemo // see withheldPages
}

// staticFiles are the static files the build writes: all of them, but a
// theme's static/katex/, which draws math, on a site without any (see
// markdown.MayHaveMath): 600 KB a site of prose would never load.
func (s *Site) staticFiles() []staticFile {
	if s.hasMath {
		return s.static
	}
	files := make([]staticFile, 0, len(s.static))
	for _, f := range s.static {
		if !strings.Contains(f.src, " theme: static/katex/") {
			files = append(files, f)
		}
	}
	return files
}

type staticFile struct {
	out  string // output path (fingerprinted for CSS and JS)
	src  string // where it comes from, for messages
	body []byte // nil for a file of the site's static/ read when written
	stat fileStat
}

type dataFile struct {
	path     string
	body     []byte
	makeBody func() []byte // when not nil, makes body when it is written
}

// Load reads site.yaml, the themes and the content. prev, when not nil,
// is the previous Site of the same folder: content files whose bytes did
// not change are reused (changed lists the paths known to have changed,
// nil when unknown). When content files have errors, the Site returned
// with them holds the other pages, for checks that report more errors;
// it is not to be rendered.
func Load(opt Options, prev *Site, changed ...string) (*Site, error) {
	return load(opt, prev, nil, changed)
}

// cachedContent is the content a previous build left in the cache, good
// for reuse only under the same configuration.
type cachedContent struct {
	set func() *content.Set // nil when the cache has none
	// configKey is the configuration it was parsed under; it waits for
	// the build cache, decoded meanwhile.
	configKey func() [32]byte
	used      bool // the load reused it (set by load)
}

// configKey hashes what parsing content depends on.
func configKey(cfg config.Config, opt Options) [32]byte {
	cfg.Lines = nil
	return sha256.Sum256(fmt.Appendf(nil, "%#v|%v", cfg, opt.Drafts))
}

func load(opt Options, prev *Site, cached *cachedContent, changed []string) (*Site, error) {
	fsys, err := siteFS(opt)
	if err != nil {
		return nil, err
	}
	var s *Site
	if prev != nil && changed != nil && onlyContent(changed) {
		// Templates, static files and site.yaml are as they were: keep
		// them parsed.
		s = &Site{Config: prev.Config, Options: opt, fsys: fsys, log: prev.log, langs: prev.langs,
			theme: prev.theme, md: prev.md, assets: prev.assets, static: prev.static, siteStatic: prev.siteStatic, themeHash: prev.themeHash, parseTheme: prev.parseTheme,
			rawTheme: prev.rawTheme, minified: prev.minified}
	} else if s, err = loadSite(opt, fsys); err != nil {
		return nil, err
	}
	s.slugs = &sync.Map{}
	s.now = opt.Now
	if s.now.IsZero() {
		s.now = time.Now()
	}
	if prev != nil {
		s.matches = prev.matches
		if prev.slugs != nil {
			s.slugs = prev.slugs
		}
	}
	cfg := s.Config
	copt := content.Options{Drafts: opt.Drafts, DropBodies: opt.dropBodies, Listed: opt.Sized}
	if opt.FS == nil {
		copt.Lstat = func(p string) (fs.FileInfo, error) { return os.Lstat(filepath.Join(opt.Source, filepath.FromSlash(p))) }
		copt.Open = openNoFollow(opt.Source)
	}
	// Parsed pages depend on site.yaml (languages, kinds): reuse them only
	// when it did not change.
	if prev != nil && prev.Content != nil && prev.Options.Drafts == opt.Drafts && reflect.DeepEqual(prev.Config, cfg) {
		copt.Previous = prev.Content
		if changed != nil {
			copt.Changed = map[string]bool{}
			for _, c := range changed {
				copt.Changed[c] = true
			}
		}
	}
	if cached != nil {
		// Called once the files' sizes and times are taken, while both
		// caches are decoded.
		copt.Cached = func() *content.Set {
			if cached.configKey() != configKey(cfg, opt) {
				return nil
			}
			set := cached.set()
			cached.used = set != nil
			return set
		}
	}
	set, err := content.Load(fsys, cfg, copt)
	if set == nil {
		return nil, err
	}
	s.Content = set
	s.Warnings = append(s.Warnings, set.Warnings...)
	return s, err // with err, s holds the pages that could be read
}

// andResolve adds to err, the errors of content files that could not be
// read, those Resolve finds among the pages that could: duplicate URLs,
// references to nothing, cycles. A build reports all of them at once,
// instead of the second kind only once the first is mended. An error
// that loading left no site for is returned as it is.
func (s *Site) andResolve(err error) error {
	if s == nil || s.Content == nil {
		return err
	}
	var all source.List
	all.Add(err)
	// Resolve takes the theme's parameters: a theme's errors are
	// reported along, and stop there.
	if terr := s.parseTheme(); terr != nil {
		all.Add(terr)
	} else {
		all.Add(s.Resolve())
	}
	return all.Err()
}

// onlyContent reports whether every changed path is under content/.
func onlyContent(changed []string) bool {
	for _, c := range changed {
		if !strings.HasPrefix(c, content.Dir+"/") {
			return false
		}
	}
	return true
}

// loadSite reads site.yaml and the themes.
func loadSite(opt Options, fsys fs.FS) (*Site, error) {
	cfg, err := config.Load(fsys)
	if err != nil {
		return nil, err
	}
	if opt.BaseURL != "" {
		cfg.BaseURL = opt.BaseURL
		if !strings.HasSuffix(cfg.BaseURL, "/") {
			cfg.BaseURL += "/"
		}
	}
	if opt.Minify != nil {
		cfg.Minify = *opt.Minify
	}
	log := opt.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Site{Config: cfg, Options: opt, fsys: fsys, log: log, langs: cfg.LanguageCodes()}
	if err := s.loadTheme(); err != nil {
		return nil, err
	}
	s.md = markdown.New(markdown.Config{Unsafe: cfg.Markdown.Unsafe, Highlight: cfg.Markdown.Highlight, NoMath: !cfg.Markdown.Math})
	return s, nil
}

// loadTheme stacks the themes named in site.yaml, then the embedded
// default theme as the last fallback.
func (s *Site) loadTheme() error {
	var layers []theme.Layer
	for _, name := range s.Config.Theme {
		dir := "themes/" + name
		if st, err := fs.Stat(s.fsys, dir); err == nil && st.IsDir() {
			sub, _ := fs.Sub(s.fsys, dir)
			layers = append(layers, theme.Layer{Name: name, FS: sub, Dir: dir})
			continue
		}
		if name == "default" {
			continue
		}
		return source.Errorf(source.Pos{Path: config.File, Line: s.Config.Lines["theme"]}, "theme %q not found: there is no folder %s", name, dir).
			WithHint("create themes/%s, or remove it from theme: in site.yaml to use the default theme", name)
	}
	def, err := fs.Sub(themes.Default, "default")
	if err != nil {
		return err
	}
	layers = append(layers, theme.Layer{Name: "default (embedded)", FS: def, Dir: "themes/default"})

	h := sha256.New()
	for _, l := range layers {
		fmt.Fprintf(h, "layer %s|", l.Dir)
		if err := hashFS(h, l.FS, "."); err != nil {
			return err
		}
	}
	if err := s.scanStatic(h); err != nil {
		return err
	}
	s.themeHash = sum(h)
	s.parseTheme = sync.OnceValue(func() error { return s.parseLayers(layers) })
	if s.Options.lazyTheme {
		// Parsed meanwhile, on a core that loading the content leaves
		// idle, in case the build renders.
		go s.parseTheme()
		return nil
	}
	return s.parseTheme()
}

// themeKey names the parsed templates: the theme's files, how they are
// minified, and the binome that parses them.
func (s *Site) themeKey() [32]byte {
	h := sha256.New()
	bin := binid.Key()
	h.Write(bin[:])
	h.Write(s.themeHash[:])
	fmt.Fprintf(h, "|minify %t", s.Config.Minify)
	return sum(h)
}

// parseLayers parses the templates of layers and gathers their static
// files and the site's. Templates that the last good build parsed
// (Options.trustedTheme) are not checked again at once (theme.LoadUnchecked).
func (s *Site) parseLayers(layers []theme.Layer) error {
	var err error
	s.assets = map[string]string{}
	funcs := template.FuncMap{
		"absURL":     s.absURL,
		"relLangURL": s.relLangURL,
		"asset":      s.asset,
	}
	// Layouts are minified once here, not each page. Minifying joins
	// lines, so errors are always reported from the layouts as written:
	// a failed load is redone without minifying, and so is a failed page
	// (see pageHTML).
	loadSet := theme.Load
	if t := s.Options.trustedTheme; t != nil && t() != ([32]byte{}) && t() == s.themeKey() {
		loadSet = theme.LoadUnchecked
	}
	s.rawTheme = sync.OnceValues(func() (*theme.Set, error) { return loadSet(layers, funcs) })
	var set *theme.Set
	if s.Config.Minify {
		set, err = loadSet(layers, funcs, output.NewTemplateMinifier().Minify)
		if err == nil {
			s.minified = true
		}
	}
	if set == nil {
		if set, err = s.rawTheme(); err != nil {
			return err
		}
	}
	s.theme = set
	for _, f := range set.Static() {
		out := f.Path
		if ext := path.Ext(f.Path); ext == ".css" || ext == ".js" {
			out = output.Fingerprint(f.Path, f.Body)
		}
		s.assets[f.Path] = out
		s.static = append(s.static, staticFile{out: out, src: f.Layer + " theme: static/" + f.Path, body: f.Body})
	}
	// The site's own static/ folder wins over the themes'.
	for _, f := range s.siteStatic {
		s.assets[strings.TrimPrefix(f.src, siteStaticDir+"/")] = f.out
		s.static = append(s.static, f)
	}
	return nil
}

// asset returns the root-relative URL of a static file, fingerprinted for
// CSS and JS so browsers never keep a stale copy.
func (s *Site) asset(p string) (string, error) {
	p = strings.TrimPrefix(p, "/")
	out, ok := s.assets[p]
	if !ok {
		return "", fmt.Errorf("asset %q: no such file in static/ of the site or its themes", p)
	}
	return "/" + out, nil
}

// absURL makes a root-relative URL absolute with baseURL.
func (s *Site) absURL(p string) string {
	if strings.Contains(p, "://") {
		return p
	}
	return strings.TrimSuffix(s.Config.BaseURL, "/") + "/" + strings.TrimPrefix(p, "/")
}

// relLangURL prefixes a path with a language's folder.
func (s *Site) relLangURL(lang, p string) string {
	return s.langPrefix(lang) + strings.TrimPrefix(p, "/")
}

// langPrefix is "/" for the default language and "/<lang>/" otherwise.
func (s *Site) langPrefix(lang string) string {
	if lang == s.Config.DefaultLanguage || lang == "" {
		return "/"
	}
	return "/" + lang + "/"
}
