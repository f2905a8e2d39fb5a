// Package generator turns a site folder into a static site. It holds the
// one pipeline that both `binome build` and `binome serve` run:
//
//	Load    config, themes, content: read, decode, validate
//	Resolve URLs, references, translations, taxonomies, backlinks, matching, impact
//	Render  pages to files, in parallel, streamed to a sink
//	Swap    (build) the staged output replaces the destination whole, or,
//	        when a warm build changed a few files, those replace theirs
//
// Each stage lives in its own package (config, content, markdown, theme,
// mentoring, search, output); this package wires them and owns Site, the
// one value that flows through the stages.
package generator

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"binome/generator/content"
	"binome/generator/output"
)

// Options are what a caller (the command line, a test, the dev server)
// chooses for one build.
type Options struct {
	Source string // site root folder
	Dest   string // output folder; "" means <Source>/public
	Drafts bool
	// Future and Expired build the pages scheduled for later
	// (publishDate) and those past their expiryDate, as Hugo's
	// --buildFuture and --buildExpired do.
	Future, Expired bool
	Minify          *bool  // nil: site.yaml decides
	BaseURL         string // overrides site.yaml when not ""
	Strict          bool   // warnings are errors
	Serving         bool   // dev server: inject nothing here, but let themes know
	Logger          *slog.Logger
	Progress        func(done, total int) // called from time to time during Render; may be nil
	// NoCache builds cold: no cache is read or written (see CacheDir).
	NoCache bool
	// Rendered, when set, is called by Build once every page and the
	// search index are written and before the output is swapped in: the
	// moment the build holds the most (binome build -memprofile).
	Rendered func()
	// Cold, when set, is called by Build as soon as it finds that its
	// cache keeps no page of the output: there is none, or it is of
	// another configuration, theme, binome or output folder. The
	// build then renders every page, as a cold one does (binome build
	// stops holding the collector, which it does for warm builds).
	Cold func()
	// Sized, when set, is called as soon as the content files are
	// listed, before any is read, with how many pages the site has:
	// binome build sizes the collector's memory from it.
	Sized func(pages int)
	// Now is the build's time; zero means time.Now(). Tests build on
	// another day.
	Now time.Time
	// FS, when set, is read instead of Source (tests use fstest.MapFS).
	FS fs.FS

	// dropBodies loads pages without their text (Build sets it): each is
	// read again when its page renders. serve keeps the texts.
	dropBodies bool
	// noSearchIndex renders without indexing pages for search (Check
	// sets it): the index is made of the pages' texts, which check reads
	// anyway, and nothing of it is written.
	noSearchIndex bool
	// lazyTheme leaves the templates unparsed until Site.parseTheme
	// (Build sets it): a build that finds nothing changed needs only
	// their hash, and parsing and checking them was half of such a
	// build of 1,000 pages.
	lazyTheme bool
	// trustedTheme returns the themeKey of the last good build (Build
	// sets it): the same templates need not be checked again when loaded.
	trustedTheme func() [32]byte
}

// Stats summarise a build for the closing line.
type Stats struct {
	Pages    map[string]map[string]int // kind → language → count
	Files    int
	Warnings []error
	Duration time.Duration
	// Withheld counts the pages left out for now by their publishDate
	// or expiryDate (see Options.Future and Options.Expired).
	Withheld int
	// TemplateFallbacks counts the page and partial executions that the
	// theme's compiled templates left to html/template (see package
	// theme): each costs the compiled run it cut short plus an
	// html/template one, three to four times as long as a compiled run.
	// The default theme makes none.
	TemplateFallbacks int64

	inPlace bool // the output was updated in place (tests look)
}

// Build runs the whole pipeline and replaces the destination with the new
// site. On any error the previous output is left untouched: every error is
// found before the destination is. The returned Stats are never nil and
// carry the warnings, even with an error.
//
// A cold build, or a warm one that changes much, swaps a whole new tree in
// at once. A warm build that changes at most a tenth of the pages replaces
// only the files whose bytes changed, each by a rename: cheaper, but a
// reader may meanwhile see some files new and some old (see
// output.Update), and a build killed meanwhile leaves a marker that makes
// the next build cold.
func Build(ctx context.Context, opt Options) (*Stats, error) {
	start := time.Now()
	stats := &Stats{}
	if opt.Dest == "" {
		opt.Dest = filepath.Join(opt.Source, "public")
	}
	if err := checkDest(opt.Source, opt.Dest); err != nil {
		return stats, err
	}
	var cached *cachedContent
	opt.dropBodies, opt.lazyTheme = true, true
	prevCache := func() *buildCache { return nil }
	if !opt.NoCache {
		// Both caches are decoded while Load lists the files and takes
		// their sizes and times, which it does before it needs either
		// (half a second each at 50,000 pages). A parse cache without a
		// build cache is not trusted: its configuration is unknown.
		decodedPrev, decoded := make(chan *buildCache, 1), make(chan *content.Set, 1)
		go func() { decodedPrev <- loadCache(opt.Source) }()
		go func() { decoded <- loadCachedContent(opt.Source) }()
		prevCache = sync.OnceValue(func() *buildCache { return <-decodedPrev })
		cached = &cachedContent{
			set: sync.OnceValue(func() *content.Set { return <-decoded }),
			configKey: func() (k [32]byte) {
				if p := prevCache(); p != nil {
					k = p.ConfigKey
				}
				return k
			},
		}
		opt.trustedTheme = func() (k [32]byte) {
			if p := prevCache(); p != nil {
				k = p.ThemeKey
			}
			return k
		}
	}
	s, err := load(opt, nil, cached, nil)
	prev := prevCache()
	if err != nil {
		return stats, s.andResolve(err)
	}
	// Beside the output, where the staging folder goes too: the same
	// disk, and one the user chose to write to.
	s.spillDir = filepath.Dir(opt.Dest)
	lap := stageTimer(s.log, start)
	lap("load", "pages", len(s.Content.Pages), "cached", cached != nil && cached.used)
	lock, err := output.Lock(opt.Dest, 2*time.Minute)
	if err != nil {
		return stats, err
	}
	defer lock.Unlock()
	var contentKey, buildKey, due [32]byte
	var survey *output.Survey
	if !opt.NoCache {
		contentKey, buildKey = s.Content.Key(), s.buildKey()
		if opt.Cold != nil && (prev == nil || prev.BuildKey != buildKey || outputID(opt.Dest) != prev.OutputID) {
			opt.Cold()
		}
		due = s.dueKey()
		if upToDate(prev, opt.Dest, contentKey, buildKey, s.day(), due) && staticUnchanged(prev, s.siteStatic) && outputID(opt.Dest) == prev.OutputID {
			// Nothing that shapes the output changed: it is already there.
			// A build killed since the one that made it may have left its
			// staging directory, which no later build staged to remove.
			if err := output.RemoveAbandoned(opt.Dest); err != nil {
				s.log.Warn("cannot remove a killed build's staging directory", "err", err)
			}
			if contentStale(s.Content.Reread, len(s.Content.Pages)) {
				// The same bytes under new times (a checkout, a touch):
				// content.bin written again with them spares the next
				// builds reading every file (see contentToSave).
				if err := startCacheFile(opt.Source, "content.bin", s.Content.Encode).commit(); err != nil {
					s.log.Warn("cannot save the build cache", "dir", filepath.Join(opt.Source, CacheDir), "err", err)
				}
			}
			up := prev.Stats
			up.Warnings = nil
			for i := range prev.Warnings {
				w := prev.Warnings[i]
				up.Warnings = append(up.Warnings, &w)
			}
			up.Duration = time.Since(start)
			if opt.Strict && len(up.Warnings) > 0 {
				return &up, fmt.Errorf("%d warning(s) are errors with --strict", len(up.Warnings))
			}
			return &up, nil
		}
	}
	// Now that something is to be rendered. The templates are those of
	// the last good build when nothing changed, so they parsed then.
	if err := s.parseTheme(); err != nil {
		return stats, err
	}
	if !opt.NoCache {
		if prev != nil && prev.People != nil && prev.ConfigKey == configKey(s.Config, opt) {
			// Reused only if the key of its inputs is the same (suggest).
			m := prev.People
			s.matches = &matchMemo{key: m.Key, result: m.Suggestions, impact: m.Impact, impactReady: m.ImpactReady}
		}
		if prev != nil && outputID(opt.Dest) == prev.OutputID {
			s.prev = prev
			if len(prev.Outputs) > 0 {
				// Whether the output's files are still there, asked while
				// Resolve leaves a core idle, for a build that updates it
				// in place (see output.Survey).
				survey = output.StartSurvey(opt.Dest, prev.Outputs)
			}
			if s.Config.Search.Enabled {
				// Pages kept from the previous output are indexed from
				// their cached texts: read them while Resolve runs.
				s.docs = newDocWriter(opt.Source)
				go s.docs.load()
			}
		}
		s.next = &buildCache{Format: cacheFormat, ConfigKey: configKey(s.Config, opt), BuildKey: buildKey, Content: contentKey, ThemeKey: s.themeKey(),
			Pages: pageMemos{}, Outputs: fileSizes{}, SearchSums: fileSums{}, SearchKeys: fileSums{}, ExtraSums: fileSums{}, StaticStats: fileStats{}, StartedAt: start.UnixNano(),
			Due: due}
		if s.contentToSave(prev, cached != nil && cached.used) {
			// The loaded content is all it holds: it is written while
			// Resolve runs on one core and leaves the other idle, instead
			// of after the last page (0.2-0.3 s at 10,000 pages), and
			// renamed into place with the rest of the cache.
			content := startCacheFile(opt.Source, "content.bin", s.Content.Encode)
			s.contentFile = content
			defer content.discard()
		}
	}
	err = s.Resolve()
	stats.Warnings = s.Warnings
	if err != nil {
		return stats, err
	}
	lap("resolve", "pages", len(s.pages))
	if opt.Strict {
		if err := s.strictErr(); err != nil {
			return stats, err
		}
	}
	if s.next != nil {
		s.skeleton = s.skeletons()
	}
	// A build that changes little of the previous output changes it in
	// place; any other writes a whole new tree and swaps it in at once
	// (see updateInPlace for what readers may see).
	var sink interface {
		output.Sink
		Abort() error
	}
	var stage *output.Staging
	var update *output.Update
	if s.updateInPlace() {
		update, err = survey.Stage()
		sink = update
	} else {
		stage, err = output.Stage(opt.Dest)
		if err == nil && s.next != nil {
			stage.KeepFrom(opt.Dest)
		}
		sink = stage
	}
	if err != nil {
		return stats, err
	}
	rs, err := s.Render(ctx, sink)
	stats.Warnings = s.Warnings
	if err == nil && opt.Strict {
		err = s.strictErr()
	}
	if err != nil {
		if s.docs != nil {
			s.docs.commit(false) // the search texts of a failed build are dropped
		}
		if errors.Is(err, content.ErrStale) {
			// A file changed under the cache's feet, perhaps keeping its
			// size and time: the next build reads every file again.
			os.Remove(cachePath(opt.Source, "content.bin"))
		}
		return stats, errors.Join(err, sink.Abort())
	}
	lap("render", "files", rs.Files, "kept", s.kept.Load(), "in_place", update != nil, "template_fallbacks", rs.TemplateFallbacks)
	if opt.Rendered != nil {
		opt.Rendered()
	}
	marker := markerText
	if s.next != nil {
		// Names this very output, so the next build keeps files from it
		// only if it is the output its cache describes (a build killed
		// after its swap but before saving its cache leaves them apart).
		marker += "output " + s.next.OutputID + "\n"
		s.next.Outputs[Marker] = int64(len(marker))
	}
	if err := sink.Write(Marker, []byte(marker)); err != nil {
		return stats, errors.Join(err, sink.Abort())
	}
	rs.Warnings = s.Warnings
	rs.inPlace = update != nil
	var saving *pendingFile
	if s.next != nil {
		rs.Duration = time.Since(start)
		s.recordCache(rs)
		saving = s.startSaveCache()
		defer saving.discard()
	}
	if update != nil {
		// While the files change, the marker names no build: a build
		// killed now leaves an output that no cache describes, and the
		// next build makes it whole again, cold.
		if err := update.Apply(Marker, []byte(markerText+"updating\n")); err != nil {
			return stats, err
		}
	} else if err := stage.Swap(); err != nil {
		return stats, fmt.Errorf("replace %s: %w", opt.Dest, err)
	}
	lap("swap")
	rs.Duration = time.Since(start)
	if s.next != nil {
		if err := s.saveCache(saving); err != nil {
			// The site is built; only the next build will be slower.
			s.log.Warn("cannot save the build cache", "dir", filepath.Join(opt.Source, CacheDir), "err", err)
		}
		lap("cache")
	}
	return rs, nil
}

// stageTimer returns a function that logs, at debug level (--verbose),
// that a stage ended and how long it took since the previous one, so a
// slow build shows where its time goes without a profiler.
func stageTimer(log *slog.Logger, start time.Time) func(stage string, args ...any) {
	last := start
	return func(stage string, args ...any) {
		now := time.Now()
		log.Debug("stage done", append([]any{"stage", stage, "took", now.Sub(last).Round(time.Millisecond)}, args...)...)
		last = now
	}
}

// strictErr turns warnings into an error for --strict.
func (s *Site) strictErr() error {
	if len(s.Warnings) == 0 {
		return nil
	}
	return fmt.Errorf("%d warning(s) are errors with --strict", len(s.Warnings))
}

func siteFS(opt Options) (fs.FS, error) {
	if opt.FS != nil {
		return opt.FS, nil
	}
	// os.Root refuses symbolic links that lead outside the site folder.
	root, err := os.OpenRoot(opt.Source)
	if err != nil {
		return nil, fmt.Errorf("open site folder: %w", err)
	}
	return root.FS(), nil
}

// discard is a sink that keeps nothing, for check.
type discard struct{}

func (discard) Write(string, []byte) error { return nil }

// Copy reads nothing: check has no use for the bytes of a photo.
func (discard) Copy(string, io.Reader) (int64, error) { return 0, nil }

// Check loads, resolves and renders the site without writing anything,
// so schemas, references, templates and links are all checked.
func Check(ctx context.Context, opt Options) (*Stats, error) {
	stats := &Stats{}
	// As a build does, pages are read again as they render rather than
	// held from the load: check at 10,000 pages peaked at 595 MB, now
	// 280 MB, under the build's 420 MB.
	opt.dropBodies, opt.noSearchIndex = true, true
	s, err := Load(opt, nil)
	if err != nil {
		return stats, s.andResolve(err)
	}
	err = s.Resolve()
	stats.Warnings = s.Warnings
	if err != nil {
		return stats, err
	}
	off := false
	s.Config.Minify = *(&off)
	rs, err := s.Render(ctx, discard{})
	stats.Warnings = s.Warnings
	if err != nil {
		return stats, err
	}
	rs.Warnings = s.Warnings
	if opt.Strict {
		return rs, s.strictErr()
	}
	return rs, nil
}

// Marker is the file every build writes at the root of its output. A
// non-empty destination without it was not written by binome, and a build
// refuses to replace it: that would delete someone's files.
const Marker = ".binome-output"

const markerText = "This folder is written by binome build; each build replaces or updates its files.\n"

// checkDest refuses a destination that is, contains or sits inside the
// site's sources, or a folder of files binome did not write: a build
// replaces its destination whole.
func checkDest(src, dest string) error {
	inputs := []string{src}
	for _, d := range []string{"content", "themes", "static"} {
		inputs = append(inputs, filepath.Join(src, d))
	}
	if err := output.CheckDest(dest, inputs...); err != nil {
		return err
	}
	d, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	for _, in := range inputs[1:] {
		a, err := filepath.Abs(in)
		if err != nil {
			return err
		}
		if strings.HasPrefix(d, a+string(filepath.Separator)) {
			return fmt.Errorf("refusing to build into %s: it is inside %s, whose files are the site's sources; choose another --dest", dest, in)
		}
	}
	entries, err := os.ReadDir(dest)
	if err != nil || len(entries) == 0 {
		return nil // missing or empty: nothing to lose
	}
	if _, err := os.Stat(filepath.Join(dest, Marker)); err != nil {
		return fmt.Errorf("refusing to build into %s: it holds files that binome did not write (no %s file), and a build replaces its destination whole; choose another --dest, or empty the folder first", dest, Marker)
	}
	return nil
}
