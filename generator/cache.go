package generator

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"binome/generator/content"
	"binome/generator/search"
	"binome/generator/source"
)

// CacheDir is where `binome build` keeps what it parsed and rendered, under
// the site folder. It is safe to delete: the next build is then cold.
const CacheDir = ".binome-cache"

// cacheFormat changes with the cache's layout, so an older cache is
// ignored rather than misread.
const cacheFormat = 2

// buildCache is what a build leaves for the next one.
//
// A page's output depends on its own file, on the metadata of the pages
// it can list (titles, URLs, summaries, frontmatter: the "skeleton"), and
// on the templates, static files and configuration (the "build key"). A
// page whose key over all three is unchanged is not rendered again: its
// previous output is hard-linked into the new one, and what rendering it
// had produced on the side (heading IDs, links to check, warnings, its
// search text) is taken from here.
//
// Templates may show other pages' bodies (their Content, TOC or word
// count); the default theme does not. When a build sees a template do it,
// it says so here (CrossBody), and the next builds put every page's body
// in the skeleton: correct, only slower.
type buildCache struct {
	Format    int
	ConfigKey [32]byte
	BuildKey  [32]byte
	Content   [32]byte // every content file's path and hash
	Skeleton  [32]byte
	CrossBody bool
	Pages     map[string]pageMemo // by output path
	Outputs   map[string]int64    // every file of the output and its size
	SearchKey [32]byte
	// OutputID names the output this cache describes; the output's
	// marker file holds it too.
	OutputID string
	Search   []string // the search files written
	Stats    Stats
	Warnings []source.Error
}

// pageMemo is what rendering a page produced besides its file.
type pageMemo struct {
	Key      [32]byte
	URL      string
	Headings []string
	Anchors  []anchorMemo
	Warnings []source.Error
	Indexed  bool
}

type anchorMemo struct {
	Pos               source.Pos
	URL, ID, Original string
}

func cachePath(src string, name string) string { return filepath.Join(src, CacheDir, name) }

// loadCache reads the previous build's cache; any problem means no cache.
func loadCache(src string) *buildCache {
	f, err := os.Open(cachePath(src, "build.gob"))
	if err != nil {
		return nil
	}
	defer f.Close()
	var c buildCache
	if err := gob.NewDecoder(bufio.NewReader(f)).Decode(&c); err != nil || c.Format != cacheFormat {
		return nil
	}
	return &c
}

func loadCachedContent(src string) *content.Set {
	f, err := os.Open(cachePath(src, "content.gob"))
	if err != nil {
		return nil
	}
	defer f.Close()
	set, err := content.DecodeSet(bufio.NewReader(f))
	if err != nil {
		return nil
	}
	return set
}

// docRecord is one page's indexed form in search.gob: a stream of
// records, so that no build decodes or encodes the whole at once.
type docRecord struct {
	Lang string
	Doc  search.Prepared
}

// loadCachedDocs reads the previous build's indexed pages, by language
// and URL.
func loadCachedDocs(src string) map[string]search.Prepared {
	f, err := os.Open(cachePath(src, "search.gob"))
	if err != nil {
		return nil
	}
	defer f.Close()
	dec := gob.NewDecoder(bufio.NewReader(f))
	docs := map[string]search.Prepared{}
	for {
		var r docRecord
		if err := dec.Decode(&r); err != nil {
			if errors.Is(err, io.EOF) {
				return docs
			}
			return nil
		}
		docs[r.Lang+"\x00"+r.Doc.URL] = r.Doc
	}
}

// docWriter writes the indexed pages of this build to a temporary file
// that becomes search.gob when the build succeeds.
type docWriter struct {
	mu  sync.Mutex
	f   *os.File
	buf *bufio.Writer
	enc *gob.Encoder
	err error
}

func newDocWriter(src string) *docWriter {
	dir := filepath.Join(src, CacheDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return &docWriter{err: err}
	}
	f, err := os.CreateTemp(dir, "search.gob.tmp-*")
	if err != nil {
		return &docWriter{err: err}
	}
	w := &docWriter{f: f, buf: bufio.NewWriterSize(f, 1<<20)}
	w.enc = gob.NewEncoder(w.buf)
	return w
}

func (w *docWriter) add(lang string, doc search.Prepared) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err == nil {
		w.err = w.enc.Encode(docRecord{Lang: lang, Doc: doc})
	}
}

// commit makes the stream search.gob, or drops it when keep is false.
func (w *docWriter) commit(src string, keep bool) error {
	if w.f == nil {
		return w.err
	}
	err := w.err
	if err == nil {
		err = w.buf.Flush()
	}
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	if err == nil && keep {
		err = os.Rename(w.f.Name(), cachePath(src, "search.gob"))
	}
	if err != nil || !keep {
		os.Remove(w.f.Name())
	}
	return err
}

// writeCacheFile writes one cache file through a temporary file, so a
// killed build never leaves half a cache.
func writeCacheFile(src, name string, v func(io.Writer) error) error {
	dir := filepath.Join(src, CacheDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, name+".tmp-*")
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(tmp, 1<<20)
	err = v(w)
	if err == nil {
		err = w.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), filepath.Join(dir, name))
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// saveCache writes the cache of a successful build.
func (s *Site) saveCache() error {
	src := s.Options.Source
	if err := writeCacheFile(src, "content.gob", s.Content.Encode); err != nil {
		return err
	}
	if s.docs != nil {
		// A kept index keeps the texts it was made from, already there.
		if err := s.docs.commit(src, s.reindex); err != nil {
			return err
		}
	}
	// Written last: it names the other two as good.
	return writeCacheFile(src, "build.gob", func(w io.Writer) error { return gob.NewEncoder(w).Encode(s.next) })
}

// buildKey hashes everything besides content that shapes the output:
// configuration, options, every theme and static file, and the day
// (review notices and "today" depend on it).
func (s *Site) buildKey() [32]byte {
	h := sha256.New()
	cfg := s.Config
	cfg.Lines = nil
	fmt.Fprintf(h, "%d|%#v|%v|%s|%s|", cacheFormat, cfg, s.Options.Drafts, s.Options.BaseURL, time.Now().UTC().Format("2006-01-02"))
	h.Write(s.themeHash[:])
	return sum(h)
}

// skeleton hashes what any page may show of the others.
func (s *Site) skeleton(crossBody bool) [32]byte {
	h := sha256.New()
	var b [8]byte
	for _, p := range s.pages {
		fmt.Fprintf(h, "%s|%s|%s|%s|%d|%d|%d|%t|%s|", p.URL, p.Kind, p.Lang, p.Title, p.Weight, p.Date.Unix(), p.Updated.Unix(), p.Fallback, p.summary)
		if p.src != nil {
			binary.LittleEndian.PutUint64(b[:], p.src.FrontHash)
			h.Write(b[:])
			if crossBody {
				binary.LittleEndian.PutUint64(b[:], p.src.Hash)
				h.Write(b[:])
			}
		}
	}
	files := make([]string, 0, len(s.files))
	for f := range s.files {
		files = append(files, f)
	}
	sort.Strings(files)
	for _, f := range files {
		h.Write([]byte(f))
	}
	return sum(h)
}

// pageKey is a page's cache key: the build, the skeleton and its file.
func (s *Site) pageKey(p *Page) [32]byte {
	h := sha256.New()
	h.Write(s.next.BuildKey[:])
	h.Write(s.next.Skeleton[:])
	fmt.Fprintf(h, "%s|%s|%t|", p.out, p.Kind, p.Fallback)
	if p.src != nil {
		var b [8]byte
		binary.LittleEndian.PutUint64(b[:], p.src.Hash)
		h.Write(b[:])
	}
	return sum(h)
}

func sum(h hash.Hash) [32]byte {
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// hashLayers hashes every file of the theme layers and the site's static
// folder, in a fixed order.
func hashFS(h hash.Hash, fsys fs.FS, root string) error {
	return fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == root {
				return fs.SkipAll
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s|%d|", p, len(b))
		h.Write(b)
		return nil
	})
}

// upToDate reports whether the destination already holds this build's
// output: same content files, same build key, and every file of the last
// output still there with its size.
func upToDate(prev *buildCache, dest string, contentKey, buildKey [32]byte) bool {
	if prev == nil || prev.Content != contentKey || prev.BuildKey != buildKey {
		return false
	}
	if _, err := os.Stat(filepath.Join(dest, Marker)); err != nil {
		return false
	}
	for p, size := range prev.Outputs {
		fi, err := os.Stat(filepath.Join(dest, filepath.FromSlash(p)))
		if err != nil || fi.Size() != size {
			return false
		}
	}
	return true
}

// keeper is a sink that can keep a file of the previous output as it is.
type keeper interface{ Keep(path string) bool }

// prepareCache computes every page's cache key before rendering, and
// decides whether the search index must be rebuilt: only when a page it
// holds changed.
func (s *Site) prepareCache(sink any) {
	if s.next == nil {
		return
	}
	s.keeper, _ = sink.(keeper)
	s.memos = map[string]*pageMemo{}
	s.docs = newDocWriter(s.Options.Source)
	s.keys = make(map[string][32]byte, len(s.pages))
	h := sha256.New()
	for _, p := range s.pages {
		k := s.pageKey(p)
		s.keys[p.out] = k
		if p.src != nil && !p.noIndex && !p.Fallback {
			h.Write(k[:])
		}
	}
	s.next.SearchKey = sum(h)
	id := sha256.New()
	id.Write(s.next.SearchKey[:])
	for _, p := range s.pages {
		k := s.keys[p.out]
		id.Write(k[:])
	}
	idSum := sum(id)
	s.next.OutputID = fmt.Sprintf("%x", idSum[:12])
	s.reindex = s.prev == nil || s.prev.SearchKey != s.next.SearchKey || s.keeper == nil || len(s.prev.Search) == 0
	if !s.reindex {
		// The index can be kept only if all of it is still there.
		for _, f := range s.prev.Search {
			if _, err := os.Stat(filepath.Join(s.Options.Dest, filepath.FromSlash(f))); err != nil {
				s.reindex = true
				break
			}
		}
	}
}

// prevDocs loads the previous build's search texts once, when a page is
// kept while the index is rebuilt.
func (s *Site) prevDocs() map[string]search.Prepared {
	s.docsOnce.Do(func() {
		if s.reindex {
			s.oldDocs = loadCachedDocs(s.Options.Source)
		}
	})
	return s.oldDocs
}

// keepSearch links the previous search files into the new output;
// prepareCache checked that they are all there.
func (s *Site) keepSearch() error {
	for _, f := range s.prev.Search {
		if !s.keeper.Keep(f) {
			return fmt.Errorf("keep %s from the previous output: it disappeared during the build; build again", f)
		}
	}
	s.next.Search = s.prev.Search
	return nil
}

// recordCache fills what the next build needs once this one succeeded.
func (s *Site) recordCache(st *Stats, dest string) {
	c := s.next
	c.CrossBody = s.crossBody.Load()
	for out, m := range s.memos {
		c.Pages[out] = *m
	}
	for _, w := range st.Warnings {
		var se *source.Error
		if errors.As(w, &se) {
			c.Warnings = append(c.Warnings, source.Error{Pos: se.Pos, Msg: se.Msg, Hint: se.Hint})
		}
	}
	c.Stats = *st
	c.Stats.Warnings = nil
	_ = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if fi, err := d.Info(); err == nil {
			rel, _ := filepath.Rel(dest, p)
			c.Outputs[filepath.ToSlash(rel)] = fi.Size()
		}
		return nil
	})
}

// outputID reads the output ID in dest's marker file, "" when none.
func outputID(dest string) string {
	b, err := os.ReadFile(filepath.Join(dest, Marker))
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(b), "\n") {
		if id, ok := strings.CutPrefix(line, "output "); ok {
			return id
		}
	}
	return ""
}
