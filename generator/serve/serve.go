// Package serve is the dev server behind `binome serve`: it watches the
// site's folders, waits for an editor's burst of saves to end, asks a
// Builder for a new site, serves that site from memory and tells every open
// browser to reload over server-sent events, or shows the build errors on
// top of the last good page.
//
// What goes in is a Builder (the generator, seen through one method) and
// Options (where to listen, what to watch); what comes out is an
// http.Handler and a Run loop. The package knows nothing of pages or themes:
// the site is a set of files behind Site.Open.
//
// It is the only package that imports fsnotify. When the kernel will not
// give us more inotify watches, it falls back to polling by itself.
//
// # Watching
//
// fsnotify watches single folders, so the server walks each root and adds
// every folder, then each folder created or moved in later (reporting the
// files it already holds). Changes of attributes alone (chmod, touch
// without writing) are not changes: indexers and backup tools make them
// all day. A root folder that is deleted and created again is seen again
// only when its parent is watched too (the site root is, when site.yaml is
// a root).
package serve

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"binome/generator/source"
)

// Builder rebuilds the site.
//
// changed lists the paths, relative to Options.Root and slash-separated
// ("content/guides/x.md", "site.yaml"), that changed since the last call; it
// is nil on the first call or when the server does not know what changed
// (the kernel's event queue overflowed, the watcher switched to polling):
// then everything must be rebuilt. After a failed call the next one lists
// that call's paths again, so a Builder that keeps work from one call to the
// next may trust changed even after an error. A path may name a directory
// (one created or removed as a whole) or a file that no longer exists.
//
// Build returns the new site, or the build errors: the server then keeps
// serving the previous site and shows the errors in the browser, one per
// error of source.Flatten(err), so a *source.Error shows as
// "path:line:col: message" with its hint. The server only logs how many
// there were: printing them on the terminal is the Builder's call.
//
// Build is never called concurrently with itself. It must not block
// forever: it should return soon after ctx is cancelled, because the
// server's shutdown waits for it.
type Builder interface {
	Build(ctx context.Context, changed []string) (*Update, error)
}

// BuilderFunc adapts a function to the Builder interface.
type BuilderFunc func(ctx context.Context, changed []string) (*Update, error)

// Build calls f(ctx, changed).
func (f BuilderFunc) Build(ctx context.Context, changed []string) (*Update, error) {
	return f(ctx, changed)
}

// Update is the result of a successful Build: the new site and what the
// browsers need to know about the change.
type Update struct {
	// Site is the new site; it must not be nil.
	Site Site

	// Pages are the URL paths ("/guides/x/") of the pages whose own source
	// file changed. A browser showing one of them reloads; when exactly one
	// page changed, browsers on other pages go to it, so the author sees
	// the page they are editing.
	Pages []string

	// Styles are the URL paths ("/css/main.1a2b.css") of the stylesheets
	// that changed. When only stylesheets changed, browsers swap them in
	// place without reloading.
	Styles []string
}

// Site is the built site in memory.
//
// Open returns the file at path, a cleaned, slash-separated path relative to
// the site's root ("guides/x/index.html", "css/main.1a2b.css"); the server
// has already rejected anything else. Open may render lazily and must be
// safe for concurrent use: many requests call it at once.
type Site interface {
	Open(path string) (body []byte, ok bool)
}

// A FileSite is a Site that can also hand over a file published as it
// is (a photo, a video), which the server then sends from disk, with
// ranges for players that seek, rather than from memory. OpenFile is
// asked first; ok false sends the server to Open.
type FileSite interface {
	Site
	OpenFile(path string) (f fs.File, ok bool)
}

// Defaults for Options fields left zero.
const (
	// DefaultBind is the address served when Options.Bind is empty: this
	// machine only.
	DefaultBind = "127.0.0.1"
	// DefaultPort is the port of the command line's --port flag. It is not
	// a default of Options.Port, where zero means "any free port".
	DefaultPort = 1313
	// DefaultDebounce is how long the tree must stay quiet before a
	// rebuild. An editor's save (write a temporary file, rename it, touch
	// a backup) and a `git checkout` of hundreds of files send their
	// events within a few milliseconds of each other, so 20 ms takes each
	// in as one change while adding little to the time a save takes to
	// show. Changes that come during a rebuild make one more.
	DefaultDebounce = 20 * time.Millisecond
	// DefaultPollInterval is how often the polling watcher walks the tree.
	DefaultPollInterval = 500 * time.Millisecond

	// heartbeat is how often an idle event stream gets a comment line, so
	// proxies and browsers do not time it out.
	heartbeat = 30 * time.Second
	// maxWaitFactor bounds a burst: a tree that never stays quiet (a tool
	// writing a file in a loop) is still rebuilt every maxWaitFactor
	// debounce periods.
	maxWaitFactor = 10
)

// Options configures a Server. The zero value serves on DefaultBind, on a
// free port, and watches nothing.
type Options struct {
	// Bind is the address to listen on, DefaultBind when empty.
	Bind string
	// Port is the port to listen on; zero picks a free one (tests).
	Port int

	// Root is the site's root: changed paths are given to the Builder
	// relative to it. It is required when Roots is not empty.
	Root string
	// Roots are the paths to watch: directories, watched with everything
	// below them, and single files (site.yaml). Relative paths are taken
	// from the working directory, as Root.
	Roots []string
	// Ignore reports whether a changed path (absolute) is not part of the
	// site: the output directory, for instance. It is asked in addition to
	// the built-in rules, which skip version-control folders and editors'
	// temporary files (~ backups, .swp, Vim's 4913, Emacs' .#locks).
	// An ignored directory is not walked.
	Ignore func(path string) bool

	// Debounce is how long the tree must stay quiet before a rebuild,
	// DefaultDebounce when zero. All changes of a burst make one Build.
	Debounce time.Duration
	// Poll walks the tree every PollInterval (DefaultPollInterval when
	// zero) instead of asking the kernel for events: for network and
	// container file systems, where inotify says nothing.
	Poll         bool
	PollInterval time.Duration

	// Logger receives what the server does; nil discards it.
	Logger *slog.Logger

	// Hooks for this package's tests; nil means the real thing.
	after       func(time.Duration) <-chan time.Time // the debounce clock
	newFSNotify func() (*fsnotify.Watcher, error)    // to make fsnotify fail
	noted       func(rel string)                     // a change reached the debouncer
	heartbeat   time.Duration
}

// Server is a running dev server: a listener, a watcher and the last good
// site. Create it with New, then call Run.
type Server struct {
	b      Builder
	opt    Options
	log    *slog.Logger
	ln     net.Listener
	url    string
	hosts  hostCheck
	events *hub
	watch  watcher

	// mu guards what requests see, which the rebuild loop replaces.
	mu     sync.RWMutex
	cur    view
	builds int   // builds completed, good or not
	epoch  int64 // when New ran: builds of an earlier server are told apart
	ran    bool  // Run was called

	closeOnce sync.Once
}

// view is what requests see: the last good site, the errors of the last
// build when it failed, and the name of that build. Pages carry the name,
// so a browser that connects after a build it did not hear of (it was
// loading) learns its page is stale.
type view struct {
	site  Site     // nil until a build succeeds
	errs  []string // nil when the last build succeeded
	build string
}

// New listens on the address of opt, starts watching opt.Roots, and runs the
// first Build. A failing first build is not an error: the server starts,
// shows the errors and waits for a fix.
//
// New holds the port and the watcher until Run returns; a caller that does
// not call Run must call Close.
func New(b Builder, opt Options) (*Server, error) {
	if opt.Bind == "" {
		opt.Bind = DefaultBind
	}
	if opt.Debounce <= 0 {
		opt.Debounce = DefaultDebounce
	}
	if opt.PollInterval <= 0 {
		opt.PollInterval = DefaultPollInterval
	}
	if opt.heartbeat <= 0 {
		opt.heartbeat = heartbeat
	}
	if opt.after == nil {
		opt.after = time.After
	}
	if opt.newFSNotify == nil {
		opt.newFSNotify = fsnotify.NewWatcher
	}
	if len(opt.Roots) > 0 && opt.Root == "" {
		return nil, errors.New("serve: Options.Root is required to watch Roots")
	}
	// Events name absolute paths; relative options would never match them.
	var err error
	if opt.Root != "" {
		if opt.Root, err = filepath.Abs(opt.Root); err != nil {
			return nil, fmt.Errorf("serve: %w", err)
		}
	}
	roots := make([]string, len(opt.Roots))
	for i, r := range opt.Roots {
		if roots[i], err = filepath.Abs(r); err != nil {
			return nil, fmt.Errorf("serve: %w", err)
		}
	}
	opt.Roots = roots
	log := opt.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}

	ln, err := listen(opt.Bind, opt.Port)
	if err != nil {
		return nil, err
	}
	s := &Server{
		b:      b,
		opt:    opt,
		log:    log,
		ln:     ln,
		url:    serverURL(opt.Bind, ln.Addr()),
		hosts:  newHostCheck(opt.Bind),
		events: newHub(),
		epoch:  time.Now().UnixNano(),
	}
	// Watch before the first build, so a file saved while it runs is not
	// missed: its event waits in the kernel until Run reads it.
	if len(opt.Roots) > 0 {
		s.watch = s.newWatcher()
	}
	s.rebuild(context.Background(), nil)
	return s, nil
}

// listen opens the port, turning "address already in use" into advice.
func listen(bind string, port int) (net.Listener, error) {
	ln, err := net.Listen("tcp", net.JoinHostPort(bind, strconv.Itoa(port)))
	if errors.Is(err, syscall.EADDRINUSE) {
		return nil, &portInUseError{port: port, err: err}
	}
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	return ln, nil
}

// portInUseError tells the author what to do; the cause stays reachable
// with errors.Is(err, syscall.EADDRINUSE).
type portInUseError struct {
	port int
	err  error
}

func (e *portInUseError) Error() string {
	return fmt.Sprintf("port %d is in use: pass --port N or stop the other server", e.port)
}

func (e *portInUseError) Unwrap() error { return e.err }

// serverURL is the address to print and open: a wildcard bind is reached
// through localhost.
func serverURL(bind string, addr net.Addr) string {
	host := bind
	if ip := net.ParseIP(bind); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	_, port, _ := net.SplitHostPort(addr.String())
	return "http://" + net.JoinHostPort(host, port) + "/"
}

// URL returns the address the server listens on, "http://127.0.0.1:1313/".
func (s *Server) URL() string { return s.url }

// Run serves and rebuilds until ctx is cancelled, then shuts down: the
// event streams are closed, the watcher stopped, the listener closed, a
// running Build cancelled and waited for, and every goroutine ended. It
// returns nil after a shutdown asked by ctx, or the error that stopped
// serving. Run may be called once.
func (s *Server) Run(ctx context.Context) error {
	s.mu.Lock()
	ran := s.ran
	s.ran = true
	s.mu.Unlock()
	if ran {
		return errors.New("serve: Run called twice")
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelDebug),
	}

	var wg sync.WaitGroup
	served := make(chan error, 1)
	wg.Go(func() { served <- srv.Serve(s.ln) })
	changes := make(chan string, 256)
	if s.watch != nil {
		wg.Go(func() { s.watchLoop(ctx, changes) })
	}
	wg.Go(func() { s.rebuildLoop(ctx, changes) })
	s.log.Info("serving", "url", s.url)

	var err error
	select {
	case <-ctx.Done():
	case err = <-served:
		err = fmt.Errorf("serve: %w", err)
	}
	cancel()
	// Streams first: Shutdown waits for handlers, and a stream's handler
	// only returns when told to.
	s.events.close()
	sctx, scancel := context.WithTimeout(context.Background(), 5*time.Second)
	if serr := srv.Shutdown(sctx); serr != nil {
		srv.Close()
	}
	scancel()
	wg.Wait()
	s.Close()
	return err
}

// Close releases the port and the watcher of a server whose Run was never
// called; Run does it itself. It is safe to call more than once.
func (s *Server) Close() error {
	var err error
	s.closeOnce.Do(func() {
		s.events.close()
		err = s.ln.Close()
		if errors.Is(err, net.ErrClosed) {
			err = nil
		}
		if s.watch != nil {
			s.watch.close()
		}
	})
	return err
}

// rebuildLoop gathers changed paths into bursts and rebuilds once per burst.
// A burst ends when no change came for Debounce, or after maxWaitFactor
// debounce periods of constant change.
func (s *Server) rebuildLoop(ctx context.Context, changes <-chan string) {
	pending := make(map[string]bool)
	// all: some change could not be named, or the first build failed:
	// rebuild everything.
	all := s.state().errs != nil
	var quiet, deadline <-chan time.Time
	var failed []string // paths of a failed build, given again next time
	for {
		select {
		case <-ctx.Done():
			return
		case abs := <-changes:
			rel, ok := s.rel(abs)
			if ok {
				pending[rel] = true
			} else {
				all = true
			}
			quiet = s.opt.after(s.opt.Debounce)
			if deadline == nil {
				deadline = s.opt.after(maxWaitFactor * s.opt.Debounce)
			}
			if s.opt.noted != nil {
				s.opt.noted(rel)
			}
			continue
		case <-quiet:
		case <-deadline:
		}
		quiet, deadline = nil, nil
		var changed []string
		if !all {
			for _, p := range failed {
				pending[p] = true
			}
			changed = make([]string, 0, len(pending))
			for p := range pending {
				changed = append(changed, p)
			}
			slices.Sort(changed)
		}
		clear(pending)
		all = false
		if s.rebuild(ctx, changed) {
			failed = nil
		} else if ctx.Err() == nil {
			failed = changed
			all = changed == nil
		}
	}
}

// rel turns a watched path into the Builder's form; "" (the watcher could
// not say what changed) and paths outside the root are not nameable.
func (s *Server) rel(abs string) (string, bool) {
	if abs == "" {
		return "", false
	}
	r, err := filepath.Rel(s.opt.Root, abs)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(r), true
}

// rebuild runs one Build and publishes its outcome: the new site then a
// reload event, or an error event while the old site stays. It reports
// whether the build succeeded.
func (s *Server) rebuild(ctx context.Context, changed []string) bool {
	start := time.Now()
	up, err := s.b.Build(ctx, changed)
	if err == nil && (up == nil || up.Site == nil) {
		err = errors.New("serve: the builder returned no site and no error")
	}
	if err != nil {
		if ctx.Err() != nil {
			return false // shutting down: nobody to tell
		}
		var texts []string
		for _, e := range source.Flatten(err) {
			texts = append(texts, e.Error())
		}
		s.mu.Lock()
		s.cur.errs = texts
		s.next()
		s.mu.Unlock()
		s.events.setError(texts)
		// The texts are the Builder's to print: logging them too would show
		// each error twice on the terminal.
		s.log.Info("build failed, errors shown in the browser", "changed", len(changed), "errors", len(texts))
		return false
	}

	s.mu.Lock()
	s.cur.site, s.cur.errs = up.Site, nil
	s.next()
	s.mu.Unlock()
	s.log.Info("built", "changed", len(changed), "took", time.Since(start).Round(time.Millisecond))
	s.events.reload(reloadFor(up, changed))
	return true
}

// reload is the data of a "reload" event, what reload.js acts on.
type reload struct {
	Pages  []string `json:"pages"`
	Styles []string `json:"styles"` // only when nothing else changed
	Goto   string   `json:"goto,omitempty"`
}

// reloadFor decides what browsers do after a build. Stylesheets are swapped
// in place only when every changed source is a stylesheet: an Update lists
// changed stylesheets even when a template changed beside them, and then
// pages must reload.
func reloadFor(up *Update, changed []string) reload {
	r := reload{Pages: nonNil(up.Pages), Styles: []string{}}
	if len(up.Pages) == 1 {
		r.Goto = up.Pages[0]
	}
	onlyCSS := changed != nil && len(up.Pages) == 0 && len(up.Styles) > 0
	for _, p := range changed {
		if path.Ext(p) != ".css" {
			onlyCSS = false
		}
	}
	if onlyCSS {
		r.Styles = up.Styles
	}
	return r
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// next names a new build; s.mu is held.
func (s *Server) next() {
	s.builds++
	s.cur.build = strconv.FormatInt(s.epoch, 36) + "." + strconv.Itoa(s.builds)
}

// state returns what requests see now.
func (s *Server) state() view {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.cur
}
