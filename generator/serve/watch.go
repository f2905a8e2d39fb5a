package serve

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"binome/generator/internal/fileid"
)

// watcher reports changed paths. run sends absolute paths on out, or ""
// when something changed that it cannot name, until ctx is done; it then
// releases what it holds. close releases it when run never ran.
type watcher interface {
	run(ctx context.Context, out chan<- string) error
	close()
}

// errTooManyWatches means the kernel refused more inotify watches or
// descriptors: polling must take over.
var errTooManyWatches = errors.New("the system's limit on watched folders is reached")

// scope is what the server watches: root directories with everything
// below them, and single files.
type scope struct {
	dirs   []string
	files  []string
	ignore func(path string) bool
}

func (s *Server) scope() scope {
	sc := scope{ignore: s.opt.Ignore}
	for _, r := range s.opt.Roots {
		r = filepath.Clean(r)
		if fi, err := os.Stat(r); err == nil && !fi.IsDir() {
			sc.files = append(sc.files, r)
		} else {
			// A missing root is watched as a folder: it may appear.
			sc.dirs = append(sc.dirs, r)
		}
	}
	return sc
}

// contains reports whether p is inside a root directory or is a root file.
// Watching a single file means watching its folder (the file's own watch
// would be lost when an editor renames a new file over it), and that
// folder's other entries are not ours.
func (sc scope) contains(p string) bool {
	for _, d := range sc.dirs {
		if p == d || strings.HasPrefix(p, d+string(filepath.Separator)) {
			return true
		}
	}
	for _, f := range sc.files {
		if p == f {
			return true
		}
	}
	return false
}

// ignored reports whether p is left out: by the built-in rules, then by
// Options.Ignore.
func (sc scope) ignored(p string) bool {
	return editorTemp(filepath.Base(p)) || (sc.ignore != nil && sc.ignore(p))
}

// editorTemp reports whether a file name is version-control bookkeeping or
// an editor's temporary file, which never belong to the site and whose
// churn during a save would otherwise reach the Builder.
func editorTemp(name string) bool {
	switch name {
	case ".git", ".hg", ".svn", ".jj", ".DS_Store", "Thumbs.db",
		"4913": // Vim's check that it may write in the folder
		return true
	}
	ext := filepath.Ext(name)
	return strings.HasSuffix(name, "~") || // backups: Vim, Emacs, nano
		strings.HasPrefix(name, ".#") || // Emacs lock links
		(len(name) > 1 && name[0] == '#' && name[len(name)-1] == '#') || // Emacs autosaves
		(len(ext) == 4 && strings.HasPrefix(ext, ".sw")) || // Vim swap: .swp, .swo, .swx…
		ext == ".kate-swp" ||
		strings.HasPrefix(name, ".goutputstream-") || // GNOME's atomic save
		strings.HasSuffix(name, "___jb_tmp___") || strings.HasSuffix(name, "___jb_old___") // JetBrains
}

// newWatcher starts the kernel watcher, or the polling one when asked or
// when the kernel will not watch the tree.
func (s *Server) newWatcher() watcher {
	if s.opt.Poll {
		return s.newPoller()
	}
	fw, err := s.newFSWatcher()
	if err != nil {
		s.log.Warn("file system events unavailable, polling instead",
			"err", err, "every", s.opt.PollInterval,
			"hint", "raise fs.inotify.max_user_watches or pass --poll")
		return s.newPoller()
	}
	return fw
}

// watchLoop runs the watcher, moving to polling if the kernel's limit is
// reached while folders are being added.
func (s *Server) watchLoop(ctx context.Context, out chan<- string) {
	err := s.watch.run(ctx, out)
	if err == nil || ctx.Err() != nil {
		return
	}
	s.log.Warn("file system events stopped, polling instead",
		"err", err, "every", s.opt.PollInterval,
		"hint", "raise fs.inotify.max_user_watches or pass --poll")
	p := s.newPoller()
	// Changes between the failure and the first scan have no name.
	select {
	case out <- "":
	case <-ctx.Done():
		return
	}
	p.run(ctx, out)
}

// fsWatcher turns fsnotify's events on folders into changed paths, adding
// folders as they appear: fsnotify does not watch a tree, only the folders
// it is given.
type fsWatcher struct {
	w    *fsnotify.Watcher
	sc   scope
	log  *slog.Logger
	dirs map[string]bool // folders watched for a root directory; run's alone once it starts
	once sync.Once
}

func (s *Server) newFSWatcher() (*fsWatcher, error) {
	w, err := s.opt.newFSNotify()
	if err != nil {
		return nil, err
	}
	fw := &fsWatcher{w: w, sc: s.scope(), log: s.log, dirs: make(map[string]bool)}
	for _, f := range fw.sc.files {
		if err := fw.add(filepath.Dir(f)); err != nil {
			fw.close()
			return nil, err
		}
	}
	for _, d := range fw.sc.dirs {
		if err := fw.walk(d, nil); err != nil {
			fw.close()
			return nil, err
		}
	}
	return fw, nil
}

// add watches one folder. Only running out of watches is an error; a
// folder that vanished or cannot be read is skipped.
func (fw *fsWatcher) add(dir string) error {
	err := fw.w.Add(dir)
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE) || errors.Is(err, syscall.ENFILE) {
		return errors.Join(errTooManyWatches, err)
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		fw.log.Warn("cannot watch folder", "dir", dir, "err", err)
	}
	return nil
}

// walk watches dir and every folder below it. Files already inside are
// reported when report is not nil: a folder moved or copied in arrives
// full, and its files make no events of their own.
func (fw *fsWatcher) walk(dir string, report func(string) error) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // vanished or unreadable: nothing to watch
		}
		if p != dir && fw.sc.ignored(p) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if err := fw.add(p); err != nil {
				return err
			}
			fw.dirs[p] = true
			return nil
		}
		if report != nil && p != dir {
			return report(p)
		}
		return nil
	})
}

func (fw *fsWatcher) run(ctx context.Context, out chan<- string) error {
	defer fw.close()
	send := func(p string) error {
		select {
		case out <- p:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-fw.w.Events:
			if !ok {
				return nil
			}
			if err := fw.handle(ev, send); err != nil {
				if ctx.Err() != nil {
					return nil
				}
				return err
			}
		case err, ok := <-fw.w.Errors:
			if !ok {
				return nil
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// The kernel dropped events: what changed is unknown.
				if send("") != nil {
					return nil
				}
				continue
			}
			fw.log.Warn("watching files", "err", err)
		}
	}
}

// handle reports one event. Every editor's way of saving ends in one of
// these for the saved file's path: a write (in place), a create (a file
// renamed over it, or re-created after a delete) or a remove.
func (fw *fsWatcher) handle(ev fsnotify.Event, send func(string) error) error {
	p := ev.Name
	if !fw.sc.contains(p) || fw.sc.ignored(p) {
		return nil
	}
	// Chmod alone is left out: indexers and backup tools touch attributes
	// all day, and the bytes did not change.
	if !ev.Has(fsnotify.Create) && !ev.Has(fsnotify.Write) && !ev.Has(fsnotify.Remove) && !ev.Has(fsnotify.Rename) {
		return nil
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		fw.forget(p)
	}
	if err := send(p); err != nil {
		return err
	}
	if ev.Has(fsnotify.Create) {
		if fi, err := os.Lstat(p); err == nil && fi.IsDir() {
			return fw.walk(p, send)
		}
	}
	return nil
}

// forget stops watching a removed or renamed folder and those below it.
// The kernel drops the watch of a removed folder itself, but a renamed one
// keeps its watch under the old name, which would report wrong paths.
func (fw *fsWatcher) forget(p string) {
	prefix := p + string(filepath.Separator)
	for d := range fw.dirs {
		if d == p || strings.HasPrefix(d, prefix) {
			_ = fw.w.Remove(d) // already gone when the folder was removed
			delete(fw.dirs, d)
		}
	}
}

func (fw *fsWatcher) close() {
	fw.once.Do(func() { fw.w.Close() })
}

// poller finds changes by walking the tree every interval and comparing
// each file's modification time and size, and its inode and change time
// where the system keeps them (two files swapped by renaming keep their
// sizes and times), with the last walk. It costs a
// walk per interval but works where the kernel sends no events (network
// and container mounts) or will not watch enough folders.
type poller struct {
	sc       scope
	interval time.Duration
	snap     map[string]stamp
}

type stamp struct {
	fileid.Stamp
	dir bool
}

func (s *Server) newPoller() *poller {
	p := &poller{sc: s.scope(), interval: s.opt.PollInterval}
	p.snap = p.scan()
	return p
}

func (p *poller) scan() map[string]stamp {
	m := make(map[string]stamp)
	put := func(path string, fi fs.FileInfo) {
		m[path] = stamp{Stamp: fileid.Of(fi), dir: fi.IsDir()}
	}
	for _, root := range p.sc.dirs {
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if path != root && p.sc.ignored(path) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if fi, err := d.Info(); err == nil {
				put(path, fi)
			}
			return nil
		})
	}
	for _, f := range p.sc.files {
		if fi, err := os.Stat(f); err == nil {
			put(f, fi)
		}
	}
	return m
}

func (p *poller) run(ctx context.Context, out chan<- string) error {
	t := time.NewTicker(p.interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
		next := p.scan()
		var changed []string
		for path, st := range next {
			old, ok := p.snap[path]
			// A folder's time changes with its entries, which are reported
			// themselves; only its coming and going counts.
			if !ok || (!st.dir && old.Stamp != st.Stamp) {
				changed = append(changed, path)
			}
		}
		for path := range p.snap {
			if _, ok := next[path]; !ok {
				changed = append(changed, path)
			}
		}
		p.snap = next
		for _, path := range changed {
			select {
			case out <- path:
			case <-ctx.Done():
				return nil
			}
		}
	}
}

func (p *poller) close() {}
