package output

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
)

// Staging is a directory beside the destination that a build writes into,
// then swaps in whole: until Swap, the previous output is untouched, and
// after it, files that no longer have a source are gone. Staging is a Sink.
//
// # Concurrent builds
//
// Stage and Swap assume no other build of the same destination runs at the
// same time: hold a [Lock] around them. Without it, removing abandoned
// staging directories is still safe (each live one is locked by its build),
// but undoing another build's half-done swap is not.
type Staging struct {
	dest     string   // absolute, symbolic links resolved
	dir      string   // the staging directory, a sibling of dest
	held     *os.File // dir, open and locked while the build lives (nil where there is no flock)
	prev     string   // previous output to hard-link unchanged files from, or ""
	keepFrom string   // previous output Keep links from, or ""

	dirs   sync.Map // directories made so far, relative and slash-separated: saves a syscall per file
	bufs   sync.Pool
	closed atomic.Bool // Swap or Abort was called

	mu sync.Mutex // serialises Swap and Abort
}

// Stage prepares a build of dest: it creates dest's parent if needed, undoes
// a swap a killed build left half done (see [Recover]), removes staging
// directories of builds that died, and creates a new staging directory
// ".<base>.staging-*" beside dest, on the same filesystem so Swap is a rename.
//
// When dest is a symbolic link, the directory it points to is replaced and
// the link is kept. Call Abort when the build fails (`defer s.Abort()` is
// safe: Abort does nothing after Swap).
func Stage(dest string) (*Staging, error) {
	d, err := destPath(dest)
	if err != nil {
		return nil, fmt.Errorf("stage %s: %w", dest, err)
	}
	if fi, err := os.Stat(d); err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("stage %s: it exists and is not a directory", dest)
	}
	parent := filepath.Dir(d)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("stage %s: %w", dest, err)
	}
	dir, held, err := newStagingDir(d)
	if err != nil {
		return nil, fmt.Errorf("stage %s: %w", dest, err)
	}
	return &Staging{dest: d, dir: dir, held: held}, nil
}

// newStagingDir undoes a swap a killed build left half done, removes the
// staging directories of builds that died, and creates and locks a new
// one beside d, which is absolute and resolved.
func newStagingDir(d string) (string, *os.File, error) {
	if err := Recover(d); err != nil {
		return "", nil, err
	}
	if err := removeAbandoned(d); err != nil {
		return "", nil, fmt.Errorf("remove an abandoned staging directory: %w", err)
	}
	// Another build's cleanup may remove our new directory before we lock it;
	// lockDir notices, and a new name is tried.
	for range 5 {
		dir, err := os.MkdirTemp(filepath.Dir(d), stagingPrefix(d)+"*")
		if err != nil {
			return "", nil, err
		}
		// MkdirTemp makes it 0700; it becomes the site a web server reads.
		if err := os.Chmod(dir, 0o755); err != nil {
			os.Remove(dir)
			return "", nil, err
		}
		held, ok, err := lockDir(dir)
		if err != nil {
			os.Remove(dir)
			return "", nil, err
		}
		if ok {
			return dir, held, nil
		}
	}
	return "", nil, errors.New("could not create a staging directory another build would not remove")
}

// LinkFrom makes Write hard-link a file from prev, usually the previous
// output, instead of writing it, when its bytes equal the new ones. The file
// then keeps its modification time, which rsync and web caches rely on, and
// the disk is spared a write. Call it before the first Write.
func (s *Staging) LinkFrom(prev string) {
	if abs, err := filepath.Abs(prev); err == nil {
		prev = abs
	}
	s.prev = prev
}

// WritesOut marks Staging as a [Writer]: Write keeps no body.
func (*Staging) WritesOut() {}

// Write writes body to path in the staging directory, creating parent
// directories as needed (files 0644, directories 0755, less the umask).
// Writing the same path twice in one build is an error: it means two pages
// claim one URL, and concurrent writes would mix their bytes.
func (s *Staging) Write(p string, body []byte) error {
	if err := CheckPath(p); err != nil {
		return err
	}
	if s.closed.Load() {
		return fmt.Errorf("write %s: the staging directory was already swapped or aborted", p)
	}
	if dir, _ := path.Split(p); dir != "" {
		if err := s.mkdir(dir[:len(dir)-1]); err != nil {
			return fmt.Errorf("write %s: %w", p, err)
		}
	}
	full := filepath.Join(s.dir, filepath.FromSlash(p))
	if s.prev != "" && s.linkUnchanged(p, full, body) {
		return nil
	}
	return createError(p, writeNew(full, body))
}

// Copy writes p from r, as Write does from memory; it never links from
// the previous output (LinkFrom), which would need the bytes to compare.
func (s *Staging) Copy(p string, r io.Reader) (int64, error) {
	if err := CheckPath(p); err != nil {
		return 0, err
	}
	if s.closed.Load() {
		return 0, fmt.Errorf("write %s: the staging directory was already swapped or aborted", p)
	}
	if dir, _ := path.Split(p); dir != "" {
		if err := s.mkdir(dir[:len(dir)-1]); err != nil {
			return 0, fmt.Errorf("write %s: %w", p, err)
		}
	}
	return s.create(p, filepath.Join(s.dir, filepath.FromSlash(p)), r)
}

// create makes the new file full for p with the bytes of r.
func (s *Staging) create(p, full string, r io.Reader) (int64, error) {
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return 0, createError(p, err)
	}
	n, err := io.Copy(f, r)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return n, fmt.Errorf("write %s: %w", p, err)
	}
	return n, nil
}

// createError says why creating p failed, nil for nil: a file already
// there was written earlier in this build (Write and Copy create with
// O_EXCL, and the staging directory starts empty).
func createError(p string, err error) error {
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("write %s: already written in this build", p)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", p, err)
	}
	return nil
}

// mkdir makes the staging directory's subdirectory dir (slash-separated)
// and its parents, remembering what exists so each is made once.
func (s *Staging) mkdir(dir string) error {
	if _, ok := s.dirs.Load(dir); ok {
		return nil
	}
	if parent, _ := path.Split(dir); parent != "" {
		if err := s.mkdir(parent[:len(parent)-1]); err != nil {
			return err
		}
	}
	err := os.Mkdir(filepath.Join(s.dir, filepath.FromSlash(dir)), 0o755)
	if err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	s.dirs.Store(dir, struct{}{})
	return nil
}

// linkUnchanged hard-links p from the previous output to full when its
// bytes equal body, and reports whether it did.
func (s *Staging) linkUnchanged(p, full string, body []byte) bool {
	prev := filepath.Join(s.prev, filepath.FromSlash(p))
	return sameBytes(prev, body, &s.bufs) && os.Link(prev, full) == nil
}

// sameBytes reports whether the regular file at name holds body, reading
// it through a buffer from bufs.
func sameBytes(name string, body []byte, bufs *sync.Pool) bool {
	f, err := os.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != int64(len(body)) {
		return false
	}
	bp, _ := bufs.Get().(*[]byte)
	if bp == nil {
		b := make([]byte, 64<<10)
		bp = &b
	}
	defer bufs.Put(bp)
	buf := *bp
	for rest := body; len(rest) > 0; {
		n, err := io.ReadFull(f, buf[:min(len(buf), len(rest))])
		if err != nil || !bytes.Equal(buf[:n], rest[:n]) {
			return false
		}
		rest = rest[n:]
	}
	return true
}

// Swap makes the staged tree the destination in one step, then removes the
// previous output. On Linux, when dest exists, the two trees are exchanged
// with renameat2(RENAME_EXCHANGE), so there is no moment without a site;
// elsewhere dest is renamed to ".<base>.old" and the staged tree to dest, and
// a crash in between is undone by the next Stage (see [Recover]).
//
// If the previous tree cannot be removed, Swap still succeeds: the next
// Stage removes it as an abandoned staging directory.
func (s *Staging) Swap() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed.Swap(true) {
		return errors.New("swap: the staging directory was already swapped or aborted")
	}
	err := s.swap()
	if err != nil {
		os.RemoveAll(s.dir) // nothing staged is worth keeping once the swap failed
	}
	if s.held != nil {
		s.held.Close()
	}
	if err != nil {
		return fmt.Errorf("swap %s into place: %w", s.dest, err)
	}
	return nil
}

// swapByRename swaps by two renames: dest to ".<base>.old", then the
// staging directory to dest. If the second fails the first is undone.
func (s *Staging) swapByRename() error {
	old := oldPath(s.dest)
	if err := os.RemoveAll(old); err != nil {
		return err
	}
	hadDest := true
	if err := os.Rename(s.dest, old); err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		hadDest = false
	}
	if err := os.Rename(s.dir, s.dest); err != nil {
		if hadDest {
			if uerr := os.Rename(old, s.dest); uerr != nil {
				return errors.Join(err, uerr)
			}
		}
		return err
	}
	if hadDest {
		os.RemoveAll(old) // the new site is in place; Recover removes a leftover
	}
	return nil
}

// Abort removes the staging directory and leaves the destination untouched.
// It does nothing after Swap or a first Abort.
func (s *Staging) Abort() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed.Swap(true) {
		return nil
	}
	err := os.RemoveAll(s.dir)
	if s.held != nil {
		s.held.Close()
	}
	if err != nil {
		return fmt.Errorf("abort build of %s: %w", s.dest, err)
	}
	return nil
}

// Recover undoes a swap by renames that a killed build left half done: when
// dest is missing and ".<base>.old" exists, the previous output is put back;
// when both exist, the swap had finished and the old tree is removed. Stage
// calls it; it must not run while another build of dest swaps (see [Lock]).
func Recover(dest string) error {
	d, err := destPath(dest)
	if err != nil {
		return fmt.Errorf("recover %s: %w", dest, err)
	}
	old := oldPath(d)
	if _, err := os.Lstat(old); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	switch _, err := os.Lstat(d); {
	case errors.Is(err, fs.ErrNotExist):
		err = os.Rename(old, d)
		if err != nil {
			return fmt.Errorf("recover %s: put the previous output back: %w", dest, err)
		}
	case err != nil:
		return fmt.Errorf("recover %s: %w", dest, err)
	default:
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("recover %s: remove the previous output: %w", dest, err)
		}
	}
	return nil
}

// RemoveAbandoned removes the staging directories beside dest that no
// live build holds: those of killed builds, and previous trees a swap
// could not remove. Stage and StageUpdate do it; a build that finds its
// output up to date, and stages nothing, calls it.
func RemoveAbandoned(dest string) error {
	d, err := destPath(dest)
	if err != nil {
		return err
	}
	return removeAbandoned(d)
}

// removeAbandoned is RemoveAbandoned for dest absolute and resolved.
func removeAbandoned(dest string) error {
	parent := filepath.Dir(dest)
	prefix := stagingPrefix(dest)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return err
	}
	var errs []error
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), prefix) {
			continue
		}
		errs = append(errs, removeIfAbandoned(filepath.Join(parent, e.Name())))
	}
	return errors.Join(errs...)
}

// destPath returns dest absolute, with its symbolic links resolved when it
// exists, so a link to the output directory is kept and its target replaced.
func destPath(dest string) (string, error) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return "", err
	}
	real, err := filepath.EvalSymlinks(abs)
	if errors.Is(err, fs.ErrNotExist) {
		return abs, nil
	}
	return real, err
}

func stagingPrefix(dest string) string { return "." + filepath.Base(dest) + ".staging-" }

func oldPath(dest string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".old")
}

// Keep hard-links p from the previous output (see KeepFrom) into the
// staging directory without reading it: the caller knows, from its build
// cache, that the file would come out the same. It reports whether the
// file was there to keep; when not, the caller writes it.
func (s *Staging) Keep(p string) bool {
	if s.keepFrom == "" || CheckPath(p) != nil || s.closed.Load() {
		return false
	}
	if dir, _ := path.Split(p); dir != "" {
		if s.mkdir(dir[:len(dir)-1]) != nil {
			return false
		}
	}
	return os.Link(filepath.Join(s.keepFrom, filepath.FromSlash(p)), filepath.Join(s.dir, filepath.FromSlash(p))) == nil
}

// KeepFrom names the previous output that Keep links files from. Unlike
// LinkFrom it does not make Write read and compare previous files.
func (s *Staging) KeepFrom(prev string) {
	if abs, err := filepath.Abs(prev); err == nil {
		prev = abs
	}
	s.keepFrom = prev
}
