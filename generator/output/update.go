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
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// Update is a Sink that changes an existing output in place, for builds
// that change a few files of a large site. A [Staging] costs a directory
// and a link per file of the site, and removing the old tree as much
// again; an Update costs a file per changed file.
//
// Files are written to a flat staging directory beside the destination;
// the destination is not touched until Apply. Write compares each file
// with the one in place and stages only those whose bytes differ; Keep
// says a file is unchanged without reading it. Apply then marks the
// output as being updated, removes the files this build did not write or
// keep, renames each staged file into place, and renames the new marker
// last.
//
// # What readers see
//
// Each file is replaced by a rename, so a reader never sees half a file.
// But while Apply runs, a reader may see some files new and some old: a
// page already updated beside a search index not yet, or a link to a
// page not yet there. Apply takes a fraction of a second when few files
// changed; a build that changes much should use a Staging, which swaps the
// whole tree at once.
//
// # Interrupted updates
//
// Apply first replaces the marker file with the caller's pending text, and
// writes the final marker only once every file is in place. A build killed
// in between leaves the pending marker: the caller must take it to mean
// that the output's files are a mix, and rebuild it whole (with a
// Staging). The staging directory it leaves is removed by the next Stage
// or StageUpdate.
type Update struct {
	dest string   // absolute, symbolic links resolved
	dir  string   // flat staging directory, a sibling of dest
	held *os.File // dir, open and locked while the build lives (nil where there is no flock)
	have map[string]int64
	// survey, when not nil, is of dest and have: Keep asks it rather than
	// the file system.
	survey *Survey

	n      atomic.Int64 // names staged files
	bufs   sync.Pool
	closed atomic.Bool

	mu     sync.Mutex
	done   map[string]bool   // paths written or kept by this build
	staged map[string]string // path → staged file name, for files whose bytes changed

	testHook func() // called in the middle of Apply, when not nil
}

// StageUpdate prepares an in-place update of dest, an output whose files
// and their sizes are have (slash-separated paths). The caller vouches for
// have: Apply removes the files of have that the build neither wrote nor
// kept, and leaves any other file of dest alone. Like [Stage], it first
// undoes a swap a killed build left half done and removes abandoned
// staging directories; hold a [Lock] around StageUpdate and Apply.
func StageUpdate(dest string, have map[string]int64) (*Update, error) {
	d, err := destPath(dest)
	if err != nil {
		return nil, fmt.Errorf("stage %s: %w", dest, err)
	}
	if fi, err := os.Stat(d); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("stage an update of %s: it is not a directory", dest)
	}
	dir, held, err := newStagingDir(d)
	if err != nil {
		return nil, fmt.Errorf("stage %s: %w", dest, err)
	}
	return &Update{dest: d, dir: dir, held: held, have: have, done: make(map[string]bool, len(have)), staged: map[string]string{}}, nil
}

// claim records that this build writes or keeps p, and fails if it already
// did: two pages claim one URL.
func (u *Update) claim(p string) error {
	u.mu.Lock()
	defer u.mu.Unlock()
	// One map operation, not a lookup and then an insertion: a warm
	// build of 50,000 pages claims 83,000 files.
	n := len(u.done)
	if u.done[p] = true; len(u.done) == n {
		return fmt.Errorf("write %s: already written in this build", p)
	}
	return nil
}

// WritesOut marks Update as a [Writer]: Write keeps no body.
func (*Update) WritesOut() {}

// Write stages body for p when the file in place does not hold it already.
func (u *Update) Write(p string, body []byte) error {
	if err := CheckPath(p); err != nil {
		return err
	}
	if u.closed.Load() {
		return fmt.Errorf("write %s: the update was already applied or aborted", p)
	}
	if err := u.claim(p); err != nil {
		return err
	}
	if _, ok := u.have[p]; ok && sameBytes(filepath.Join(u.dest, filepath.FromSlash(p)), body, &u.bufs) {
		return nil
	}
	_, err := u.stage(p, bytes.NewReader(body))
	return err
}

// Copy stages p from r, as Write does from memory, without comparing
// with the file in place: the caller knows it changed, or cannot tell.
func (u *Update) Copy(p string, r io.Reader) (int64, error) {
	if err := CheckPath(p); err != nil {
		return 0, err
	}
	if u.closed.Load() {
		return 0, fmt.Errorf("write %s: the update was already applied or aborted", p)
	}
	if err := u.claim(p); err != nil {
		return 0, err
	}
	return u.stage(p, r)
}

// stage writes the new bytes of p beside the output, for Apply.
func (u *Update) stage(p string, r io.Reader) (int64, error) {
	name := strconv.FormatInt(u.n.Add(1), 10)
	f, err := os.OpenFile(filepath.Join(u.dir, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return 0, fmt.Errorf("write %s: %w", p, err)
	}
	n, err := io.Copy(f, r)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return n, fmt.Errorf("write %s: %w", p, err)
	}
	u.mu.Lock()
	u.staged[p] = name
	u.mu.Unlock()
	return n, nil
}

// Keep says p stays as it is in the output. It reports false, and keeps
// nothing, when p is not a file of the output of the size StageUpdate was
// told; the caller then writes it.
func (u *Update) Keep(p string) bool {
	size, ok := u.have[p]
	if !ok || CheckPath(p) != nil || u.closed.Load() {
		return false
	}
	var same, known bool
	if u.survey != nil {
		same, known = u.survey.unchanged(p)
	}
	if !known {
		same = asRecorded(u.dest, p, size)
	}
	return same && u.claim(p) == nil
}

// asRecorded reports whether p, under the folder dir, is a regular file
// of the size a build cache recorded.
func asRecorded(dir, p string, size int64) bool {
	fi, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(p)))
	return err == nil && fi.Mode().IsRegular() && fi.Size() == size
}

// Apply changes the output. marker is the path of the output's marker
// file, which the build must have written: it is replaced by pending
// first and by its new bytes last (see "Interrupted updates" above).
//
// An error before the pending marker is in place leaves the output as it
// was; after, the output is partly updated, and the error says so.
func (u *Update) Apply(marker string, pending []byte) error {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.closed.Swap(true) {
		return errors.New("apply: the update was already applied or aborted")
	}
	defer u.release()
	if !u.done[marker] {
		return fmt.Errorf("apply the update of %s: the build wrote no %s", u.dest, marker)
	}
	if len(u.staged) == 0 && len(u.have) == len(u.done) {
		return nil // nothing changed, the marker included
	}
	markerPath := filepath.Join(u.dest, filepath.FromSlash(marker))
	final, ok := u.staged[marker]
	if !ok {
		// The marker is as it was, but it goes back only once the rest is
		// in place.
		b, err := os.ReadFile(markerPath)
		if err == nil {
			final = "final"
			err = os.WriteFile(filepath.Join(u.dir, final), b, 0o644)
		}
		if err != nil {
			return fmt.Errorf("apply the update of %s: %w", u.dest, err)
		}
	}
	// The pending marker goes in by a rename too, so the marker file is
	// always there and whole: its absence would make the output look like
	// a folder binome did not write.
	tmp := filepath.Join(u.dir, "pending")
	if err := os.WriteFile(tmp, pending, 0o644); err != nil {
		return fmt.Errorf("apply the update of %s: %w", u.dest, err)
	}
	if err := os.Rename(tmp, markerPath); err != nil {
		return fmt.Errorf("apply the update of %s: %w", u.dest, err)
	}
	if err := u.apply(marker); err != nil {
		return fmt.Errorf("update %s: %w; it holds a mix of the previous build's files and this one's, and the next build rebuilds it whole", u.dest, err)
	}
	if err := os.Rename(filepath.Join(u.dir, final), markerPath); err != nil {
		return fmt.Errorf("update %s: %w; the next build rebuilds it whole", u.dest, err)
	}
	return nil
}

// apply removes what the build dropped, then renames the staged files in.
func (u *Update) apply(marker string) error {
	var gone []string
	for p := range u.have {
		if !u.done[p] {
			gone = append(gone, p)
		}
	}
	// Deepest first, so a folder emptied of its files goes before its parent.
	slices.SortFunc(gone, func(a, b string) int { return strings.Compare(b, a) })
	dirs := map[string]bool{}
	for _, p := range gone {
		if err := os.Remove(filepath.Join(u.dest, filepath.FromSlash(p))); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		for d := path.Dir(p); d != "."; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	// A folder left empty goes too, as a whole build would not make it;
	// one that still holds files refuses, which is what we want.
	empty := make([]string, 0, len(dirs))
	for d := range dirs {
		empty = append(empty, d)
	}
	slices.SortFunc(empty, func(a, b string) int { return strings.Compare(b, a) })
	for _, d := range empty {
		os.Remove(filepath.Join(u.dest, filepath.FromSlash(d)))
	}

	paths := make([]string, 0, len(u.staged))
	for p := range u.staged {
		if p != marker {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	if u.testHook != nil {
		u.testHook()
	}
	made := map[string]bool{}
	for _, p := range paths {
		full := filepath.Join(u.dest, filepath.FromSlash(p))
		if d := path.Dir(p); d != "." && !made[d] {
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				return err
			}
			made[d] = true
		}
		if err := os.Rename(filepath.Join(u.dir, u.staged[p]), full); err != nil {
			return err
		}
	}
	return nil
}

// Abort removes the staging directory and leaves the destination untouched.
// It does nothing after Apply or a first Abort.
func (u *Update) Abort() error {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.closed.Swap(true) {
		return nil
	}
	return u.release()
}

// release removes the staging directory and lets go of its lock.
func (u *Update) release() error {
	err := os.RemoveAll(u.dir)
	if u.held != nil {
		u.held.Close()
	}
	if err != nil {
		return fmt.Errorf("remove the staging directory of %s: %w", u.dest, err)
	}
	return nil
}
