package generator

import (
	"bufio"
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"hash"
	"hash/fnv"
	"io"
	"io/fs"
	"maps"
	"math"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"binome/generator/content"
	"binome/generator/internal/binid"
	"binome/generator/internal/wire"
	"binome/generator/mentoring"
	"binome/generator/search"
	"binome/generator/source"
)

// CacheDir is where `binome build` keeps what it parsed and rendered, under
// the site folder. It is safe to delete: the next build is then cold.
const CacheDir = ".binome-cache"

// cacheFormat changes with the cache's layout, so an older cache is
// ignored rather than misread.
const cacheFormat = 19

// buildCache is what a build leaves for the next one.
//
// A page's output depends on its own file, on the templates, static files
// and configuration (the "build key"), on what any page may show (the
// menus, the sections and top pages, the files that are no page: the
// "skeleton"), and, as its templates show them, the other pages' titles,
// summaries, bodies or data (frontmatter, terms, lists: see
// Page.dataRead), the first pages of lists (FirstPages), where pages are
// (Parent, Prev: placeName), and the pages and files that its links and
// references looked up, found or not (linkName). A page
// whose key over all of these is unchanged is not rendered again: its
// previous output is hard-linked into the new one, and what rendering it
// had produced on the side (heading IDs, links to check, warnings, its
// search text) is taken from here.
//
// Titles, summaries, bodies and data are in a page's key only if its last
// rendering read another page's (pageMemo.Reads): a list shows its pages'
// summaries, a guide does not, so an edit to a guide's first paragraph
// renders that guide and the lists again, not every page; a guide past
// the sidebar's limit is titled on its list and its neighbours alone;
// a guide's tags are shown on its lists' cards and its terms' pages.
// Which reads a rendering made cannot be told from its templates; it is
// watched (see Page.summaryRead and Page.titleRead).
type buildCache struct {
	Format    int
	ConfigKey [32]byte
	BuildKey  [32]byte
	ThemeKey  [32]byte  // the templates parsed, see Site.themeKey
	Content   [32]byte  // every content file's path and hash
	Pages     pageMemos // by output path
	Outputs   fileSizes // every file of the output and its size
	SearchKey [32]byte
	// ContentSaved is what content.bin holds: each page's source path and
	// file hash. content.bin is a parse cache, good for any file whose
	// hash it knows, so a build that reparsed few files does not write it
	// again (see contentToSave).
	ContentSaved fileSums
	// OutputID names the output this cache describes; the output's
	// marker file holds it too.
	OutputID string
	Search   []string // the search files written
	// SearchSums are their hashes: a build that writes the index again
	// keeps the files whose bytes are the same (see keepSame).
	SearchSums fileSums
	// SearchKeys are the hashes of what the search's bundles of texts
	// and shards of words were made from (search.Indexer.EachFileSince):
	// a build keeps a file of the same key without making it (see
	// keepKey).
	SearchKeys fileSums
	// ExtraSums are the hashes of what the files that are not pages nor
	// search files were made from, before minifying: the theme's styles
	// and scripts, the site's static files, the sitemap, the feeds. A
	// build keeps those made from the same bytes instead of minifying
	// them again (see keepSame).
	ExtraSums fileSums
	// StaticStats are the sizes and times of the site's static files,
	// by output path, and StartedAt when this build began (Unix ns): a
	// file whose size and time are the same, and older than that by
	// racyWindow, has the bytes ExtraSums hashed (see static.go).
	StaticStats fileStats
	StartedAt   int64
	// Day is the build's day when a page showed it (reads.Today), "" when
	// none did: the build of another day is then not up to date.
	Day string
	// Due hashes which pages' reviews were due (Site.dueKey): a build
	// when another review has fallen due is not up to date either.
	Due      [32]byte
	Stats    Stats
	Warnings []source.Error
	// ReadURLs are the URLs (and the names, see linkName) that pages' reads
	// refer to (see reads).
	ReadURLs []string
	// People is the duo matching and the impact figures, with the key of
	// their inputs: an edit to a guide changes neither, and on a site
	// of thousands of profiles they are most of Resolve.
	People *peopleMemo
}

// peopleMemo is a matchMemo as the cache keeps it.
type peopleMemo struct {
	Key         [32]byte
	Suggestions []mentoring.Suggestion
	Impact      mentoring.Impact
	ImpactReady bool
}

// pageMemo is what rendering a page produced besides its file.
type pageMemo struct {
	Key      [32]byte
	Reads    reads // what of other pages its key covers beyond the skeleton
	URL      string
	Headings []string
	Anchors  []anchorMemo
	Warnings []source.Error
	Indexed  bool

	// raw is the encoding the memo was read from, written again as it is
	// while the memo stays as read (see appendPageMemo); Site.memo, the
	// one way to change a memo of this build, drops it.
	raw []byte
}

type anchorMemo struct {
	Pos               source.Pos
	URL, ID, Original string
}

func cachePath(src string, name string) string { return filepath.Join(src, CacheDir, name) }

// loadCache reads the previous build's cache; any problem means no cache.
func loadCache(src string) *buildCache {
	data, err := os.ReadFile(cachePath(src, buildFile))
	if err != nil {
		return nil
	}
	c, err := decodeBuildCache(data)
	if err != nil || c.Format != cacheFormat || !unpackReads(c) {
		return nil
	}
	return c
}

func loadCachedContent(src string) *content.Set {
	data, err := os.ReadFile(cachePath(src, "content.bin"))
	if err != nil {
		return nil
	}
	set, err := content.DecodeSet(data)
	if err != nil {
		return nil
	}
	return set
}

// The search texts: what each indexed page gave the search index, kept so
// that a build which keeps a page can index it without rendering it again.
// Two files hold them, as streams of records, so that no build decodes or
// encodes the whole at once:
//
//	search-texts.bin  the indexed form (search.Prepared) of every page, as
//	                  of the last build that wrote it whole (see textsMagic)
//	search-delta.gob  the docs (search.Doc) of the pages rendered since
//
// A page's text is its delta record if it has one, else its base record.
// Writing the base costs about as much as reading it (tens of MB on a
// large site); a build that renders a few pages writes only the delta,
// and the base again once the delta holds an eighth of the pages.
const (
	textsBase  = "search-texts.bin"
	textsDelta = "search-delta.gob"
)

// deltaRecord is one record of search-delta.gob.
type deltaRecord struct {
	Lang string
	Doc  search.Doc
}

func textKey(lang, url string) string { return lang + "\x00" + url }

// textsMagic opens search-texts.bin. The indexed form of a page repeats
// the same few thousand words as every other page, so the file holds each
// language's dictionary (search.Dict) once, before its pages, and a page
// refers to its stems and words by number: reading allocates each word
// once, and indexing a page again looks none of them up (see
// search.Indexer.AddPrepared). The whole file is read at once and decoded
// from memory; the fragments stay slices of it.
//
//	magic
//	per language: 2, lang, the Dict (stems, words), then per page:
//	  1, URL, title, section, sum (8 bytes, little-endian), length,
//	  stems (count, then ID and frequency each), words (count, IDs), fragment
//	0
//
// Numbers are uvarints; a string or byte slice is its length then its
// bytes; the Dict's strings are their lengths, then all their bytes.
const textsMagic = "binome search texts 3\n"

const (
	recordEnd  = 0
	recordPage = 1
	recordDict = 2
)

// baseWriter writes the base file.
type baseWriter struct {
	w    *bufio.Writer
	lang string
	dict *search.Dict // the last one written
	tmp  []byte
}

func newBaseWriter(w io.Writer) *baseWriter {
	b := &baseWriter{w: bufio.NewWriterSize(w, 1<<20)}
	b.w.WriteString(textsMagic)
	return b
}

func (b *baseWriter) uint(n uint64) {
	b.tmp = binary.AppendUvarint(b.tmp[:0], n)
	b.w.Write(b.tmp)
}

func (b *baseWriter) str(s string) {
	b.uint(uint64(len(s)))
	b.w.WriteString(s)
}

// record writes one page's indexed form, after its Dict when that is not
// the one written last; close writes the end, so that a cut file is told
// from a whole one.
func (b *baseWriter) record(lang string, d *search.Dict, p search.Prepared) {
	if d != b.dict || lang != b.lang {
		b.dict, b.lang = d, lang
		b.w.WriteByte(recordDict)
		b.str(lang)
		b.uint(uint64(len(d.Stems)))
		for _, st := range d.Stems {
			b.uint(uint64(len(st)))
		}
		for _, st := range d.Stems {
			b.w.WriteString(st)
		}
		b.uint(uint64(len(d.Words)))
		for _, w := range d.Words {
			b.uint(uint64(len(w.Surface)))
			b.uint(uint64(w.Stem))
		}
		for _, w := range d.Words {
			b.w.WriteString(w.Surface)
		}
	}
	// A page's thousand numbers go to the writer at once: a Write each
	// was half the time of writing the file.
	t := append(b.tmp[:0], recordPage)
	for _, s := range [...]string{p.URL, p.Title, p.Section} {
		t = binary.AppendUvarint(t, uint64(len(s)))
		t = append(t, s...)
	}
	t = binary.LittleEndian.AppendUint64(t, p.Sum)
	t = binary.AppendUvarint(t, uint64(p.Length))
	t = binary.AppendUvarint(t, uint64(len(p.Stems)))
	for i, st := range p.Stems {
		t = binary.AppendUvarint(t, uint64(st))
		t = binary.AppendUvarint(t, uint64(p.TF[i]))
	}
	t = binary.AppendUvarint(t, uint64(len(p.Words)))
	for _, w := range p.Words {
		t = binary.AppendUvarint(t, uint64(w))
	}
	t = binary.AppendUvarint(t, uint64(len(p.Fragment)))
	b.w.Write(t)
	b.w.Write(p.Fragment)
	b.tmp = t
}

func (b *baseWriter) close() error {
	b.w.WriteByte(recordEnd)
	return b.w.Flush()
}

// errCorruptTexts is any flaw found in the base file: the build then
// renders every page again.
var errCorruptTexts = errors.New("corrupt search texts")

// baseReader decodes the base file from memory. It moves an offset, not
// the slice: a slice field written per number cost a write barrier each
// while the collector ran, most of the decoding time.
type baseReader struct {
	buf []byte
	off int
	err error
}

func (b *baseReader) uint() uint64 {
	v, off := uvarint(b.buf, b.off)
	if off < 0 {
		b.err = cmp.Or(b.err, errCorruptTexts)
		return 0
	}
	b.off = off
	return v
}

// uvarint reads the number at buf[off:] and returns it with the offset
// past it, or -1 when there is none.
func uvarint(buf []byte, off int) (uint64, int) {
	if off > len(buf) {
		return 0, -1
	}
	v, k := binary.Uvarint(buf[off:])
	if k <= 0 {
		return 0, -1
	}
	return v, off + k
}

// ids reads len(dst) numbers below n into dst; with tf, it reads pairs:
// a number below n into dst, then any number into tf. Nearly all of the
// file's numbers are read here, and nearly all are below 16,384: their
// one or two bytes are read inline, which made decoding a fifth faster.
func (b *baseReader) ids(dst, tf []int32, n int) {
	if b.err != nil {
		return
	}
	buf, off := b.buf, b.off
	next := func() uint64 {
		if off >= 0 && off+1 < len(buf) {
			if c := buf[off]; c < 0x80 {
				off++
				return uint64(c)
			} else if d := buf[off+1]; d < 0x80 {
				off += 2
				return uint64(c&0x7f) | uint64(d)<<7
			}
		}
		var v uint64
		v, off = uvarint(buf, off)
		return v
	}
	for i := range dst {
		v := next()
		if off < 0 || v >= uint64(n) {
			b.err = errCorruptTexts
			return
		}
		dst[i] = int32(v)
		if tf != nil {
			if v = next(); off < 0 || v > math.MaxInt32 {
				b.err = errCorruptTexts
				return
			}
			tf[i] = int32(v)
		}
	}
	b.off = off
}

// id reads a number below n.
func (b *baseReader) id(n int) int32 {
	v := b.uint()
	if v >= uint64(n) {
		b.err = errCorruptTexts
		return 0
	}
	return int32(v)
}

// count reads a number of items, each taking at least one byte of what
// is left.
func (b *baseReader) count() int {
	return int(b.id(len(b.buf) - b.off + 1))
}

// bytes returns the next n bytes, a slice of the file.
func (b *baseReader) bytes(n int) []byte {
	if b.err != nil || n > len(b.buf)-b.off {
		b.err = cmp.Or(b.err, errCorruptTexts)
		return nil
	}
	p := b.buf[b.off : b.off+n : b.off+n]
	b.off += n
	return p
}

func (b *baseReader) str() string { return string(b.bytes(b.count())) }

// dict reads a Dict; its strings share one allocation.
func (b *baseReader) dict() *search.Dict {
	d := &search.Dict{Stems: make([]string, b.count())}
	lens := make([]int, len(d.Stems))
	total := 0
	for i := range lens {
		lens[i] = b.count()
		total += lens[i]
	}
	all := string(b.bytes(total))
	for i, n := range lens {
		if b.err != nil {
			return nil
		}
		d.Stems[i], all = all[:n], all[n:]
	}
	d.Words = make([]search.Word, b.count())
	lens = slices.Grow(lens[:0], len(d.Words))[:len(d.Words)]
	total = 0
	for i := range d.Words {
		lens[i] = b.count()
		total += lens[i]
		d.Words[i].Stem = b.id(len(d.Stems))
	}
	all = string(b.bytes(total))
	for i, n := range lens {
		if b.err != nil {
			return nil
		}
		d.Words[i].Surface, all = all[:n], all[n:]
	}
	return d
}

// readBase reads the base file into fn; a missing file is no records.
func readBase(name string, fn func(lang string, d *search.Dict, p search.Prepared)) error {
	buf, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	return decodeBase(buf, fn)
}

// decodeBase decodes the base file's bytes into fn. The fragments it
// gives are slices of buf.
func decodeBase(buf []byte, fn func(lang string, d *search.Dict, p search.Prepared)) error {
	if !bytes.HasPrefix(buf, []byte(textsMagic)) {
		return errors.New("not a search texts file of this version")
	}
	b := &baseReader{buf: buf, off: len(textsMagic)}
	var (
		lang string
		dict *search.Dict
	)
	for {
		if b.off == len(b.buf) {
			return errCorruptTexts
		}
		c := b.buf[b.off]
		b.off++
		switch {
		case c == recordEnd && b.off == len(b.buf):
			return nil
		case c == recordDict:
			lang, dict = b.str(), b.dict()
		case c == recordPage && dict != nil:
			p := search.Prepared{URL: b.str(), Title: b.str(), Section: b.str()}
			if sum := b.bytes(8); sum != nil {
				p.Sum = binary.LittleEndian.Uint64(sum)
			}
			p.Length = int(b.id(math.MaxInt32))
			p.Stems = make([]int32, b.count())
			p.TF = make([]int32, len(p.Stems))
			b.ids(p.Stems, p.TF, len(dict.Stems))
			p.Words = make([]int32, b.count())
			b.ids(p.Words, nil, len(dict.Words))
			p.Fragment = b.bytes(b.count())
			if b.err != nil {
				return b.err
			}
			fn(lang, dict, p)
		default:
			return errCorruptTexts
		}
		if b.err != nil {
			return b.err
		}
	}
}

// readRecords decodes a stream of records of type T into fn; a missing
// file is no records, and any error means none can be trusted.
func readRecords[T any](name string, fn func(T)) error {
	f, err := os.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	dec := gob.NewDecoder(bufio.NewReaderSize(f, 1<<20))
	for {
		var r T
		if err := dec.Decode(&r); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
		fn(r)
	}
}

// docWriter holds the previous build's search texts and collects this
// build's, then writes them for the next build when it succeeds.
type docWriter struct {
	src string
	// limit is the most docs the delta may hold, an eighth of the pages;
	// 0 when the base is written whole anyway (nothing was kept).
	limit int

	loadOnce sync.Once
	loaded   bool // both files read without error, and the base was there
	base     map[string]basePage
	delta    map[string]search.Doc // the previous delta, then with this build's docs

	mu       sync.Mutex
	fresh    map[string]search.Doc // docs this build rendered, while fewer than limit
	overflow bool                  // more than limit: the base is written whole
	full     *os.File              // the new base, when the whole is written
	deltaOK  bool                  // the delta alone is written
	err      error
}

// basePage is a page of the base file, and the Dict it refers to.
type basePage struct {
	dict *search.Dict
	search.Prepared
}

func newDocWriter(src string) *docWriter { return &docWriter{src: src} }

// load reads the previous texts, once; Build starts it early, on its own
// goroutine, as it is a large read that other work can hide.
func (w *docWriter) load() {
	w.loadOnce.Do(func() {
		w.base, w.delta = map[string]basePage{}, map[string]search.Doc{}
		base := false
		err := readBase(cachePath(w.src, textsBase), func(lang string, d *search.Dict, p search.Prepared) {
			w.base[textKey(lang, p.URL)] = basePage{d, p}
			base = true
		})
		if err == nil {
			err = readRecords(cachePath(w.src, textsDelta), func(r deltaRecord) {
				w.delta[textKey(r.Lang, r.Doc.URL)] = r.Doc
			})
		}
		if err != nil || !base {
			w.base, w.delta = nil, map[string]search.Doc{}
			return
		}
		w.loaded = true
	})
}

// index adds the previous text of the page at lang and url to ix, and
// reports whether there was one.
func (w *docWriter) index(ix *search.Indexer, lang, url string) bool {
	w.load()
	k := textKey(lang, url)
	if d, ok := w.delta[k]; ok {
		ix.Add(d)
		return true
	}
	if p, ok := w.base[k]; ok {
		// The base stays loaded until the build ends.
		ix.AddKept(p.dict, p.Prepared)
		return true
	}
	return false
}

// indexSame adds to ix the previous text of the page at lang and url when
// its doc's Sum is sum, and reports whether it did. A page rendered again
// because another page changed (a title, a summary, a template) most
// often has the same text: counting its words again was a tenth of
// such a build's CPU. Only the base is looked at: a page in the delta
// is one that changed lately, and is counted again.
func (w *docWriter) indexSame(ix *search.Indexer, lang, url string, sum uint64) bool {
	w.load()
	k := textKey(lang, url)
	if _, ok := w.delta[k]; ok {
		return false
	}
	p, ok := w.base[k]
	if !ok || p.Sum != sum {
		return false
	}
	ix.AddKept(p.dict, p.Prepared)
	return true
}

// has reports whether the previous texts hold the page at lang and url.
func (w *docWriter) has(lang, url string) bool {
	w.load()
	k := textKey(lang, url)
	if _, ok := w.delta[k]; ok {
		return true
	}
	_, ok := w.base[k]
	return ok
}

// add records the doc of a page this build rendered, unless the base
// is to be written whole: then the indexers hold it.
func (w *docWriter) add(lang string, d search.Doc) {
	w.mu.Lock()
	defer w.mu.Unlock()
	switch {
	case w.limit == 0 || w.overflow:
	case len(w.fresh) >= w.limit:
		w.overflow, w.fresh = true, nil
	default:
		if w.fresh == nil {
			w.fresh = map[string]search.Doc{}
		}
		w.fresh[textKey(lang, d.URL)] = d
	}
}

// finish decides what to write once every page is indexed: the delta
// alone when the base is there and the delta stays small, else the whole
// base, from the indexers, to a temporary file that commit renames.
func (w *docWriter) finish(langs []string, ix map[string]*search.Indexer) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.limit > 0 && !w.overflow {
		w.load()
		if w.loaded {
			for k, d := range w.fresh {
				w.delta[k] = d
			}
			if len(w.delta) <= w.limit {
				w.deltaOK = true
				return
			}
		}
	}
	dir := filepath.Join(w.src, CacheDir)
	if w.err = os.MkdirAll(dir, 0o755); w.err != nil {
		return
	}
	if w.full, w.err = os.CreateTemp(dir, textsBase+".tmp-*"); w.err != nil {
		return
	}
	b := newBaseWriter(w.full)
	for _, l := range langs {
		if err := ix[l].EachPrepared(func(d *search.Dict, p search.Prepared) { b.record(l, d, p) }); err != nil {
			w.err = err
			return
		}
	}
	w.err = b.close()
}

// commit writes what finish chose, or drops it when keep is false (a
// failed build, or a kept index, which keeps the texts it was made from).
func (w *docWriter) commit(keep bool) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	err := w.err
	if w.full != nil {
		if cerr := w.full.Close(); err == nil {
			err = cerr
		}
		if err == nil && keep {
			if err = os.Rename(w.full.Name(), cachePath(w.src, textsBase)); err == nil {
				// The new base holds every page: no delta.
				err = os.Remove(cachePath(w.src, textsDelta))
				if errors.Is(err, fs.ErrNotExist) {
					err = nil
				}
			}
		}
		if err != nil || !keep {
			os.Remove(w.full.Name())
		}
		return err
	}
	if err != nil || !keep || !w.deltaOK {
		return err
	}
	keys := make([]string, 0, len(w.delta))
	for k := range w.delta {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return writeCacheFile(w.src, textsDelta, func(out io.Writer) error {
		enc := gob.NewEncoder(out)
		for _, k := range keys {
			lang, _, _ := strings.Cut(k, "\x00")
			if err := enc.Encode(deltaRecord{Lang: lang, Doc: w.delta[k]}); err != nil {
				return err
			}
		}
		return nil
	})
}

// writeCacheFile writes one cache file through a temporary file, so a
// killed build never leaves half a cache.
func writeCacheFile(src, name string, v func(io.Writer) error) error {
	tmp, err := writeCacheTemp(src, name, v)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, cachePath(src, name)); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// writeCacheTemp writes what v writes to a new temporary file beside the
// cache file name, and returns its path; on error, it leaves no file.
func writeCacheTemp(src, name string, v func(io.Writer) error) (string, error) {
	dir := filepath.Join(src, CacheDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(dir, name+".tmp-*")
	if err != nil {
		return "", err
	}
	w := bufio.NewWriterSize(tmp, 1<<20)
	err = v(w)
	if err == nil {
		err = w.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp.Name())
		return "", err
	}
	return tmp.Name(), nil
}

// pendingFile is a cache file written in the background to a temporary
// file: commit puts it in place once the build has succeeded, discard
// drops it otherwise. Both wait for the writing to end.
type pendingFile struct {
	dest string
	done chan struct{}
	tmp  string
	err  error
	once sync.Once
}

func startCacheFile(src, name string, v func(io.Writer) error) *pendingFile {
	p := &pendingFile{dest: cachePath(src, name), done: make(chan struct{})}
	go func() {
		defer close(p.done)
		p.tmp, p.err = writeCacheTemp(src, name, v)
	}()
	return p
}

func (p *pendingFile) commit() error {
	<-p.done
	err := p.err
	p.once.Do(func() {
		if err == nil {
			if err = os.Rename(p.tmp, p.dest); err != nil {
				os.Remove(p.tmp)
			}
		}
	})
	return err
}

// discard removes the temporary file, unless commit put it in place.
func (p *pendingFile) discard() {
	<-p.done
	p.once.Do(func() {
		if p.err == nil {
			os.Remove(p.tmp)
		}
	})
}

// contentToSave fills ContentSaved and reports whether content.bin must
// be written: not when the previous one was used and at most one file in
// sixteen has changed since it was written, or was read again for its
// size or time (content.Set.Reread). Those are read by each build until
// then, which costs less than writing the whole (tens of MB on a large
// site); past that, a site copied or checked out just before its first
// build would have every build read all its files again.
func (s *Site) contentToSave(prev *buildCache, used bool) bool {
	cur := make(map[string]uint64, len(s.Content.Pages))
	for _, p := range s.Content.Pages {
		cur[p.Path] = p.Hash
	}
	s.next.ContentSaved = cur
	if prev == nil || !used || prev.ConfigKey != s.next.ConfigKey || prev.ContentSaved == nil {
		return true
	}
	drift := s.Content.Reread
	for path, h := range cur {
		if old, ok := prev.ContentSaved[path]; !ok || old != h {
			drift++
		}
	}
	for path := range prev.ContentSaved {
		if _, ok := cur[path]; !ok {
			drift++
		}
	}
	if contentStale(drift, len(cur)) {
		return true
	}
	s.next.ContentSaved = prev.ContentSaved
	return false
}

// contentStale reports whether content.bin is worth writing again when
// drift of the site's pages changed, or were read again for their times,
// since it was written: more than a sixteenth.
func contentStale(drift, pages int) bool { return drift*16 > pages }

// CacheSize returns the bytes of the page records a build left in the
// site folder source (build.bin and content.bin), 0 when it left none: a
// build of it is then most likely warm, and renders few pages, and the
// size tells how large the site is before it is loaded.
func CacheSize(source string) int64 {
	build, err := os.Stat(cachePath(source, buildFile))
	if err != nil {
		return 0
	}
	size := build.Size()
	if content, err := os.Stat(cachePath(source, "content.bin")); err == nil {
		size += content.Size()
	}
	return max(size, 1)
}

// startSaveCache starts writing build.bin, the cache of a build that
// succeeded but for its swap, to a temporary file: the swap, mostly
// waiting on the file system, leaves a core to it. saveCache puts it in
// place; its discard drops it when the swap fails.
func (s *Site) startSaveCache() *pendingFile {
	var prev []string
	if s.prev != nil {
		prev = s.prev.ReadURLs
	}
	packReads(s.next, prev, s.pages, s.reads.nameTable())
	return startCacheFile(s.Options.Source, buildFile, func(w io.Writer) error { return encodeBuildCache(w, s.next) })
}

// saveCache puts the cache of a successful build in place: content.bin
// when contentToSave said so, and Build started writing it, the search
// texts, and build, from startSaveCache.
func (s *Site) saveCache(build *pendingFile) error {
	src := s.Options.Source
	if s.contentFile != nil {
		if err := s.contentFile.commit(); err != nil {
			return err
		}
		// What binome wrote there before the parse cache had a format of
		// its own (5f70f2e and earlier).
		os.Remove(cachePath(src, "content.gob"))
	}
	if s.docs != nil {
		// A kept index keeps the texts it was made from, already there.
		if err := s.docs.commit(s.reindex); err != nil {
			return err
		}
	}
	// Last: it names the other two as good.
	if err := build.commit(); err != nil {
		return err
	}
	// What binome wrote there before build.bin (182e958 and earlier).
	os.Remove(cachePath(src, "build.gob"))
	removeAbandonedTemps(filepath.Join(src, CacheDir), time.Now().Add(-abandonedAfter))
	return nil
}

// abandonedAfter is the age past which a cache file's temporary file
// was left by a build that was killed: no build writes one for so long.
// A younger one may be another build's, of the same site to another
// folder, still writing.
const abandonedAfter = time.Hour

// removeAbandonedTemps removes the temporary files in the cache folder
// dir last written before cutoff, so that builds killed while writing
// the cache do not leave them to pile up.
func removeAbandonedTemps(dir string, cutoff time.Time) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !strings.Contains(e.Name(), ".tmp-") {
			continue
		}
		if fi, err := e.Info(); err == nil && fi.Mode().IsRegular() && fi.ModTime().Before(cutoff) {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// buildKey hashes everything besides content that shapes the output:
// configuration, options, every theme and static file, the day (review
// notices and "today" depend on it) and the pages withheld for now by
// their dates.
func (s *Site) buildKey() [32]byte {
	h := sha256.New()
	cfg := s.Config
	cfg.Lines = nil
	// Not the day: only the pages that show it key on it (reads.Today).
	fmt.Fprintf(h, "%d|%#v|%v|%v|%v|%s|", cacheFormat, cfg, s.Options.Drafts, s.Options.Future, s.Options.Expired,
		s.Options.BaseURL)
	// Another binome may render the same input otherwise.
	bin := binid.Key()
	h.Write(bin[:])
	h.Write(s.themeHash[:])
	// Pages come and go with their publish and expiry dates, at any hour.
	for _, cp := range s.withheldPages() {
		fmt.Fprintf(h, "withheld %s|", cp.Path)
	}
	return sum(h)
}

// day is the build's day, as the pages that show it (reads.Today) key on it.
func (s *Site) day() string { return s.now.UTC().Format("2006-01-02") }

// skeleton hashes what pages may show of the others: Nav what any page
// may show, Summaries, Titles, Bodies and Data what only some do.
type skeleton struct {
	Nav, Summaries, Titles, Bodies, Data [32]byte
}

// skeletons hashes the site's skeleton. Nav holds what any page may show
// without a method that watches it: the menus, the sections and the top
// pages in their order, the home pages, folders' slugs, and the files
// that are no page. No page is in it: a page is reached through watched
// reads only, so one added, removed or moved renders its readers, not
// every page. Titles are read through methods
// (Title, LinkTitle) that watch them: a retitled page changes the Titles
// hash only, and the pages that showed its title, unless it moved in a
// list. The rest of a page's data (its frontmatter as its kind types it,
// its terms, its list) is read through methods too (see Page.dataRead),
// and Data hashes every page's, for the pages that show all of it.
func (s *Site) skeletons() skeleton {
	// Each page's digests read the others' fields but these: the pages
	// are shared among the cores (45 ms of a 10,000-page warm build, on
	// its critical path, on one core), then hashed in order.
	workers := runtime.GOMAXPROCS(0)
	per := (len(s.pages) + workers - 1) / workers
	var wg sync.WaitGroup
	for first := 0; first < len(s.pages); first += per {
		part := s.pages[first:min(len(s.pages), first+per)]
		wg.Go(func() {
			var dg digester
			for i, p := range part {
				// Reads of titles name pages by this index (see
				// reads.titles); 0 is none.
				p.idx = int32(first + i + 1)
				p.place = placeName(p.URL)
				// No page is in Nav: a page is shown through its lists,
				// its parent and neighbours, terms, translations, duos
				// and stories, which its readers' keys hold the data
				// digests of, and links and references, which they hold
				// the names of (see linkName). A page added or removed
				// renders the pages that show or link to it, not every
				// page.
				p.titleDigest = titleDigest(p.URL, p)
				p.summaryDigest = uint64(newFNV().str(p.URL).byte(2).str(p.summary))
				p.dataDigest = dg.dataDigest(p)
			}
		})
	}
	wg.Wait()
	// The page keys, next, read the digests of names too, which read
	// the pages' digests: made while these are hashed.
	go s.nameDigests()
	navHash, summaries, titles, bodies, data := sha256.New(), sha256.New(), sha256.New(), sha256.New(), sha256.New()
	// Many small writes, buffered: sha256 pays for each.
	nav := bufio.NewWriterSize(navHash, 64<<10)
	sums := bufio.NewWriterSize(summaries, 64<<10)
	var b [8]byte
	for _, p := range s.pages {
		binary.LittleEndian.PutUint64(b[:], p.titleDigest)
		titles.Write(b[:])
		sums.WriteString(p.URL)
		sums.WriteByte('|')
		sums.WriteString(p.summary)
		sums.WriteByte('|')
		binary.LittleEndian.PutUint64(b[:], p.dataDigest)
		data.Write(b[:])
		if p.src != nil {
			binary.LittleEndian.PutUint64(b[:], p.src.Hash)
			bodies.Write(b[:])
		}
	}
	sums.Flush()
	// Menus and the top of the site copy titles and order pages on
	// every page.
	for _, lang := range s.langs {
		v := s.views[lang]
		for _, name := range slices.Sorted(maps.Keys(v.Menus)) {
			for _, e := range v.Menus[name] {
				fmt.Fprintf(nav, "menu %s %s|%s|%d|", name, e.Name, e.URL, e.Weight)
			}
		}
		for _, q := range v.Top {
			fmt.Fprintf(nav, "top %s|", q.URL)
		}
		for _, q := range v.Sections {
			fmt.Fprintf(nav, "section %s|", q.URL)
		}
		if v.Home != nil {
			fmt.Fprintf(nav, "home %s|", v.Home.URL)
		}
	}
	// Folders' slugs make the URLs that links written as folders reach
	// (see folderURL).
	for _, k := range slices.Sorted(maps.Keys(s.dirSlugs)) {
		fmt.Fprintf(nav, "slug %s=%s|", k, s.dirSlugs[k])
	}
	// The other files (static, assets, aliases' redirects) are few, and
	// any page may show them: all of them are in Nav.
	pageOuts := make(map[string]bool, len(s.pages))
	for _, p := range s.pages {
		pageOuts[p.out] = true
	}
	files := make([]string, 0, len(s.files)-len(pageOuts))
	for f := range s.files {
		if !pageOuts[f] {
			files = append(files, f)
		}
	}
	sort.Strings(files)
	for _, f := range files {
		nav.WriteString(f)
	}
	nav.Flush()
	return skeleton{Nav: sum(navHash), Summaries: sum(summaries), Titles: sum(titles), Bodies: sum(bodies), Data: sum(data)}
}

// dataDigest digests what a page key hashes for a read of p's data (see
// Page.dataRead): its frontmatter but its title, and what the build drew
// for it from the other pages: its list, terms, translations, duos,
// stories, a duo's skills that flow, a training's prerequisites and
// path. Two pages that differ in any of these differ in their digests,
// but by a hash's chance.
func (d *digester) dataDigest(p *Page) uint64 {
	b := &d.buf
	b.Reset()
	str := func(ss ...string) {
		for _, s := range ss {
			b.WriteString(s)
			b.WriteByte(0)
		}
	}
	// Lists go in by their digests: a list's pagers share its pages,
	// thousands of URLs, and a path's trainings share its path.
	list := func(name string, ps []*Page) {
		str(name)
		b.Write(binary.LittleEndian.AppendUint64(d.scratch[:0], d.listDigest(ps)))
	}
	str(p.URL, p.Kind, p.Lang, p.Section, p.Slug, p.out, strconv.FormatBool(p.IsList), strconv.FormatBool(p.IsHome), strconv.FormatBool(p.Fallback))
	str(orNone(p.parent).URL)
	for _, a := range p.ancestors {
		str(a.URL)
	}
	if p.pager != nil {
		str("pager", strconv.Itoa(p.pager.number), strconv.Itoa(len(p.pager.all.pager)))
	}
	if p.src != nil {
		p.src.WriteNav(b)
	} else {
		for _, k := range slices.Sorted(maps.Keys(p.params)) {
			fmt.Fprintf(b, "%s=%v\x00", k, p.params[k])
		}
	}
	for _, t := range []time.Time{p.date, p.updated} {
		b.Write(binary.LittleEndian.AppendUint64(d.scratch[:0], uint64(t.UnixNano())))
	}
	str(strconv.Itoa(p.weight)) // its neighbours are its place (placeName)
	if p.pagerOf != nil {
		// A later pager shows its own entries; reading its whole list
		// reads the list page's (Page.lister).
		list("pages", p.pager.Pages())
	} else {
		list("pages", p.pages)
	}
	list("translations", p.translations)
	list("duos", p.duos)
	list("stories", p.stories)
	for _, a := range p.alternates {
		str("alt", a.Lang, a.URL, a.Title, strconv.FormatBool(a.Missing))
	}
	taxonomies := slices.Collect(maps.Keys(p.terms))
	if len(taxonomies) > 1 {
		slices.Sort(taxonomies)
	}
	for _, tax := range taxonomies {
		for _, t := range p.terms[tax] {
			str("term", tax, t.Name, t.URL) // a count is read from its term's page (Term.Count)
		}
	}
	for _, t := range p.TermList {
		str("termlist", t.Name, t.URL)
	}
	str(p.owner, strconv.FormatBool(p.reviewDue))
	for _, t := range []time.Time{p.reviewed, p.reviewNext} {
		b.Write(binary.LittleEndian.AppendUint64(d.scratch[:0], uint64(t.UnixNano())))
	}
	if du := p.duo; du != nil {
		str("duo", orNone(du.Mentor).URL, orNone(du.Mentee).URL)
		str(strings.Join(du.FlowToMentee, ","), strings.Join(du.FlowToMentor, ","), strconv.Itoa(du.TotalMinutes))
	}
	if t := p.training; t != nil {
		list("prerequisites", t.Prerequisites)
		list("unlocks", t.Unlocks)
		list("path", t.PathPages)
		str(t.Path, strconv.Itoa(t.PathMinutes))
	}
	if st := p.story; st != nil {
		str("story", orNone(st.Mentor).URL, orNone(st.Mentee).URL, orNone(st.Duo).URL)
	}
	h := fnv.New64a()
	h.Write(b.Bytes())
	return h.Sum64()
}

// digester computes dataDigest page after page, with one buffer, and
// digests each list of pages once: by its first element and length, as
// the pagers of a list share its slice. Only lists the pages hold, which
// live as long as the build, may be given: a slice made for the call
// could be freed and another take its place.
type digester struct {
	buf     bytes.Buffer
	scratch [8]byte
	lists   map[listID]uint64
}

type listID struct {
	first **Page
	n     int
}

func (d *digester) listDigest(ps []*Page) uint64 {
	if len(ps) == 0 {
		return 0
	}
	id := listID{unsafe.SliceData(ps), len(ps)}
	if v, ok := d.lists[id]; ok {
		return v
	}
	h := newFNV()
	for _, q := range ps {
		// What a list shows of a page it holds, but what methods watch.
		h = h.str(q.URL).str(q.Kind).str(q.Lang)
		if q.Fallback {
			h = h.byte(1)
		}
	}
	if d.lists == nil {
		d.lists = map[listID]uint64{}
	}
	d.lists[id] = uint64(h)
	return d.lists[id]
}

// fnv64a is FNV-1a, fed strings without the copy that hash.Hash's Write
// makes of each: the digests hash every page's URL and titles, several
// times, in every build.
type fnv64a uint64

func newFNV() fnv64a { return 14695981039346656037 }

func (h fnv64a) byte(c byte) fnv64a { return (h ^ fnv64a(c)) * 1099511628211 }

func (h fnv64a) u64(v uint64) fnv64a {
	for range 8 {
		h, v = h.byte(byte(v)), v>>8
	}
	return h
}

// str hashes s and a NUL after it, so that no two lists of strings hash
// alike by their concatenation.
func (h fnv64a) str(s string) fnv64a {
	for i := 0; i < len(s); i++ {
		h = h.byte(s[i])
	}
	return h.byte(0)
}

// none stands for a missing page in dataDigest's lists.
var none = &Page{}

func orNone(p *Page) *Page {
	if p == nil {
		return none
	}
	return p
}

// titleDigest is what a page key hashes for a read of the title of the
// page at u, q: the URL and the page's title and link title, or that no
// page is there any more (q nil).
func titleDigest(u string, q *Page) uint64 {
	h := newFNV().str(u)
	if q == nil {
		return uint64(h.byte(0))
	}
	return uint64(h.byte(1).str(q.title).str(q.linkTitle()))
}

// headOf is headDigest(u, q, n), digested once a build for a page read
// by its own URL. The caller holds s.headsMu.
func (s *Site) headOf(u string, q *Page, n int32) uint64 {
	if q == nil || q.URL != u || q.idx == 0 {
		return headDigest(u, q, int(n)) // gone, read by an old URL, or outside the site's list: rare
	}
	key := int64(q.idx)<<32 | int64(n)
	d, ok := s.heads[key]
	if !ok {
		if s.heads == nil {
			s.heads = map[int64]uint64{}
		}
		d = headDigest(u, q, int(n))
		s.heads[key] = d
	}
	return d
}

// headDigest is what a page key hashes for a read of the first n pages
// of the list of q, the page at u (Page.FirstPages): their URLs, and
// whether the list holds more; or that no page is there any more.
func headDigest(u string, q *Page, n int) uint64 {
	if q == nil {
		return titleDigest(u, nil)
	}
	h := newFNV().str(u).byte(1)
	for _, r := range q.pages[:min(n, len(q.pages))] {
		h = h.str(r.URL)
	}
	if len(q.pages) > n {
		h = h.byte(1)
	}
	return uint64(h)
}

// linkName is the name a lookup of a page or a file by a path, a URL, a
// slug or a file name goes by, for the build cache: the last segment of
// the path that is no folder's index, lower-cased, up to its first dot.
// "content/guides/Foo.en.md", "/en/guides/foo/", "guides/foo/index.html"
// and the slug "foo" are all "foo". A page or file goes by the names of
// every path it has (nameDigests), so any lookup that may find it goes by
// one of them: its reader renders again when a page of that name comes
// or goes.
func linkName(p string) string {
	p = strings.TrimRight(p, "/")
	for {
		i := strings.LastIndexByte(p, '/')
		base, _, _ := strings.Cut(p[i+1:], ".")
		if i >= 0 && (base == "index" || base == "_index") {
			p = p[:i]
			continue
		}
		return strings.ToLower(base)
	}
}

// lookup records, for the build cache, that the rendering looked a page
// or a file up by key (see linkName), found or not.
func (s *Site) lookup(key string) {
	if s.reads.on {
		s.reads.lookup(linkName(key))
	}
}

// nameDigests digest, for each name (linkName), the pages and files that
// go by it: where they are, where they go, what they are. Computed once
// a build, for the keys.
func (s *Site) nameDigests() map[string]uint64 {
	s.namesOnce.Do(func() {
		// A page's names and digests are made on every core, the map on
		// one: made on one core, they were 200 ms of a warm build of
		// 50,000 pages that nothing else ran beside. FNV-1a, fed the
		// strings as they are: fmt's formatting was most of their cost.
		per := make([]pageNames, len(s.pages))
		onCores(len(s.pages), func(i int) { per[i] = namesOf(s.pages[i]) })
		ds := make(map[string]uint64, 2*len(s.pages))
		// Entries are summed: the order of the files map does not matter.
		add := func(names []string, entry uint64) {
			for _, n := range names {
				ds[n] += entry
			}
		}
		pageOuts := make(map[string]bool, len(s.pages))
		for i, p := range s.pages {
			pageOuts[p.out] = true
			add(per[i].names, per[i].entry)
		}
		var names []string
		for f := range s.files {
			if !pageOuts[f] {
				add(append(names[:0], linkName(f)), digest("file", f))
			}
		}
		people := s.peopleKey()
		ds[peopleName] = binary.LittleEndian.Uint64(people[:])
		for i, p := range s.pages {
			ds[p.place] = per[i].place
		}
		// A kind's pages in a language, in order: SiteView.Pages.
		for _, lang := range s.langs {
			for kind, ps := range s.views[lang].byKind {
				var list []string
				for _, p := range ps {
					list = append(list, p.URL, strconv.FormatBool(p.Fallback))
				}
				ds[kindName(lang, kind)] = digest(list...)
				// And what they show: the directory draws on every
				// profile's title and data.
				h := newFNV()
				for _, p := range ps {
					h = h.u64(p.titleDigest).u64(p.dataDigest)
				}
				ds[kindDataName(lang, kind)] = uint64(h)
			}
		}
		for _, a := range s.Content.Assets {
			add(uniqueSorted(append(names[:0], linkName(a.Path), linkName(a.Rel))), digest("asset", a.Path, a.Rel))
		}
		s.names = ds
	})
	return s.names
}

// pageNames are the names a page goes by (see linkName), sorted, each
// once, with the digest each of them gets for it (summed with those of
// the other pages and files of the same name), and the digest of where
// it is (placeName).
type pageNames struct {
	names        []string
	entry, place uint64
}

// namesOf makes p's pageNames.
func namesOf(p *Page) pageNames {
	names := make([]string, 0, 6)
	names = append(names, linkName(p.URL), linkName(p.out), linkName(p.Slug))
	src := ""
	if p.src != nil {
		src = p.src.Path
		stem := path.Base(sourceStem(src))
		names = append(names, linkName(src), linkName(stem), linkName(content.Slugify(stem)))
	}
	// Where the page is: Page.Parent, Ancestors, Prev and Next.
	place := newFNV().str(p.URL).str(p.Kind).str(p.Lang).str(strconv.FormatBool(p.Fallback)).
		str(orNone(p.parent).URL).str(orNone(p.prev).URL).str(orNone(p.next).URL)
	for _, a := range p.ancestors {
		place = place.str(a.URL)
	}
	return pageNames{names: uniqueSorted(names), place: uint64(place),
		entry: digest("page", p.URL, p.out, p.Kind, p.Lang, p.Slug, strconv.FormatBool(p.Fallback), src)}
}

// digest is the FNV-1a hash of the strings, each followed by a NUL.
func digest(ss ...string) uint64 {
	h := newFNV()
	for _, s := range ss {
		h = h.str(s)
	}
	return uint64(h)
}

// uniqueSorted sorts names in place and keeps each once.
func uniqueSorted(names []string) []string {
	slices.Sort(names)
	return slices.Compact(names)
}

// kindName is the name a read of a kind's pages in a language goes by
// among linkName's: no file's name holds a NUL.
func kindName(lang, kind string) string { return "\x00kind|" + lang + "|" + kind }

// kindDataName is the name a read of the titles and data of every page
// of a kind in a language goes by (Page.Directory).
func kindDataName(lang, kind string) string { return "\x00kinddata|" + lang + "|" + kind }

// peopleName is the name a read of what matching and the impact figures
// draw on goes by: every profile's and duo's frontmatter in the default
// language, and the settings (Site.peopleKey).
const peopleName = "\x00people"

// programmeNames are the names of what a programme page draws on: the
// directory, its language's profiles; the suggested duos and impact
// figures, the people's frontmatter, and the profiles of the page's
// language they name. Nil for other pages.
func programmeNames(p *Page) []string {
	switch {
	case p.directory != nil:
		return []string{kindDataName(p.Lang, "profile")}
	case p.matches != nil || p.impact != nil:
		return []string{peopleName, kindDataName(p.Lang, "profile")}
	}
	return nil
}

// placeName is the name a read of where the page at u is goes by (see
// Page.placeRead).
func placeName(u string) string { return "\x00place|" + u }

// readDigests are the title, data and name digests of the URLs (and
// names) of the last build's table of reads, computed once for all
// pages: a page's own (see skeletons), or that of no page.
func (s *Site) readDigests(table []string) (titles, data, names []uint64) {
	s.digestsOnce.Do(func() {
		s.digests, s.dataDigests, s.nameRefDigests = make([]uint64, len(table)), make([]uint64, len(table)), make([]uint64, len(table))
		byName := s.nameDigests()
		for i, u := range table {
			if q := s.byURL[u]; q != nil {
				s.digests[i], s.dataDigests[i] = q.titleDigest, q.dataDigest
			} else {
				gone := titleDigest(u, nil)
				s.digests[i], s.dataDigests[i] = gone, gone
			}
			// The table holds the names looked up too (linkName).
			s.nameRefDigests[i] = byName[u]
		}
	})
	return s.digests, s.dataDigests, s.nameRefDigests
}

// nameIDDigests returns nameDigests by the read log's name IDs, for
// every name looked up so far. A page's key reads them from this slice
// rather than from the map of every name: at 50,000 pages, the map's
// lookups missed the processor's caches and took 0.9 s of CPU.
func (s *Site) nameIDDigests() []uint64 {
	list := s.reads.nameTable()
	s.nameIDsMu.Lock()
	defer s.nameIDsMu.Unlock()
	if len(s.nameIDs) < len(list) {
		names := s.nameDigests()
		for _, n := range list[len(s.nameIDs):] {
			s.nameIDs = append(s.nameIDs, names[n])
		}
	}
	return s.nameIDs
}

// pageKey is a page's cache key: the build, the skeleton as far as r
// says the page reads it, and its file.
func (s *Site) pageKey(p *Page, r reads) [32]byte {
	k := keyBufs.Get().(*keyBuf)
	defer keyBufs.Put(k)
	h := k.h
	h.Reset()
	k.b, k.titles = k.b[:0], 0
	h.Write(s.next.BuildKey[:])
	h.Write(s.skeleton.Nav[:])
	if r.All {
		h.Write(s.skeleton.Summaries[:])
		h.Write(s.skeleton.Bodies[:])
	}
	if r.Bodies {
		h.Write(s.skeleton.Bodies[:])
	}
	if r.All || r.AllTitles || copiesTitles(p) {
		h.Write(s.skeleton.Titles[:])
	}
	if r.All || r.AllData || copiesTitles(p) {
		h.Write(s.skeleton.Data[:])
	}
	// A summary read goes in by its digest: list pages read hundreds,
	// and hashing their text was a third of the keys at 50,000 pages.
	for _, u := range r.summaries {
		if q, ok := s.byURL[u]; ok {
			k.digest(q.summaryDigest)
		} else {
			k.digest(titleDigest(u, nil)) // no page there any more
		}
	}
	k.b = append(k.b, "titles|"...)
	if r.titles == nil && r.TitleRefs != nil {
		// The last build's reads: one digest per URL of its table.
		digests, _, _ := s.readDigests(r.table)
		k.refs(r.TitleRefs, digests)
	}
	for _, idx := range r.titles {
		k.digest(s.pages[idx-1].titleDigest)
	}
	k.b = append(k.b, "data|"...)
	if r.data == nil && r.DataRefs != nil {
		_, digests, _ := s.readDigests(r.table)
		k.refs(r.DataRefs, digests)
	}
	for _, idx := range r.data {
		k.digest(s.pages[idx-1].dataDigest)
	}
	k.b = append(k.b, "heads|"...)
	if r.heads != nil || r.HeadRefs != nil {
		// The pages of a section read the same heads: each is digested
		// once a build (hashed again for every page, they took 0.16 s
		// of CPU at 50,000 pages).
		s.headsMu.Lock()
		if r.heads == nil {
			eachHead(r.HeadRefs, func(ref, n int32) {
				u := r.table[ref]
				k.digest(s.headOf(u, s.byURL[u], n))
			})
		}
		for _, hd := range r.heads {
			q := s.pages[int32(hd>>32)-1]
			k.digest(s.headOf(q.URL, q, int32(hd)))
		}
		s.headsMu.Unlock()
	}
	k.b = append(k.b, "names|"...)
	names := s.nameDigests()
	if r.names == nil && r.NameRefs != nil {
		_, _, digests := s.readDigests(r.table)
		k.refs(r.NameRefs, digests)
	}
	if r.names != nil {
		byID := s.nameIDDigests()
		for _, n := range r.names {
			k.digest(byID[n])
		}
	}
	// Its own data: what the build drew for it from other pages, and
	// where it is.
	k.digest(p.dataDigest)
	k.digest(names[p.place])
	for _, n := range programmeNames(p) {
		k.digest(names[n])
	}
	b := k.b
	for _, f := range []bool{r.All, r.Bodies, r.AllTitles, r.AllData, r.Today} {
		b = append(strconv.AppendBool(b, f), '|')
	}
	if r.All || r.Today {
		b = append(append(b, s.day()...), '|')
	}
	b = append(strconv.AppendInt(b, int64(len(r.summaries)), 10), '|')
	b = append(strconv.AppendInt(b, int64(k.titles), 10), '|')
	h.Write(b)
	k.b = b
	pageInputs(h, p)
	return sum(h)
}

// keyBuf is what pageKey hashes with, reused from page to page: a new
// hash and buffer each were a tenth of the keys' time.
type keyBuf struct {
	h hash.Hash
	// b batches the many small writes: sha256 pays for each. A page
	// reads a hundred titles.
	b      []byte
	titles int // digests written
}

var keyBufs = sync.Pool{New: func() any { return &keyBuf{h: sha256.New(), b: make([]byte, 0, 4096)} }}

// digest writes the digest of something a page read.
func (k *keyBuf) digest(d uint64) {
	k.b = binary.LittleEndian.AppendUint64(k.b, d)
	k.titles++
	if len(k.b) >= 3072 {
		k.h.Write(k.b)
		k.b = k.b[:0]
	}
}

// refs writes the digests of packed refs (see appendRef), as eachRef
// reads them, without a call through a function value for each.
func (k *keyBuf) refs(packed []byte, digests []uint64) {
	for last, ok := int64(0), true; len(packed) > 0; {
		if last, packed, ok = nextRef(packed, last); !ok {
			return // validRefs refused such bytes when the cache was read
		}
		k.digest(digests[last])
	}
}

// copiesTitles reports whether the build copied other pages' titles into
// the page's data, where no method watches them: the review, search and
// 404 pages. The other programme pages name what they draw on
// (programmeNames).
func copiesTitles(p *Page) bool {
	switch p.Kind {
	case "review", "search", "404":
		return true
	}
	return false
}

// pageInputs hashes what is a page's own: where it goes, how, its file,
// and its titles (a generated page's, a pager's, a title a SUMMARY.md
// gives). What the build drew into it from other pages (its
// translations' titles for the language switcher, its terms' names) is
// in its data digest, which pageKey hashes beside.
func pageInputs(h hash.Hash, p *Page) {
	// One write of fields joined: the hash is run three times a page
	// per build, and fmt's formatting was most of its cost.
	b := make([]byte, 0, 256)
	field := func(ss ...string) {
		for _, s := range ss {
			b = append(b, s...)
			b = append(b, '|')
		}
	}
	field(p.out, p.Kind, strconv.FormatBool(p.Fallback), p.title, p.linkTitle())
	if p.src != nil {
		b = binary.LittleEndian.AppendUint64(b, p.src.Hash)
	}
	h.Write(b)
}

func sum(h hash.Hash) [32]byte {
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// hashFS hashes the path and bytes of every file under root in fsys, in
// a fixed order: a theme layer's files.
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
func upToDate(prev *buildCache, dest string, contentKey, buildKey [32]byte, day string, due [32]byte) bool {
	if prev == nil || prev.Content != contentKey || prev.BuildKey != buildKey || prev.Day != "" && prev.Day != day || prev.Due != due {
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
	s.reads.on = true
	for _, v := range s.views {
		// Fragments shown on many pages are read by each (see Replay).
		s.theme.Track(v, &s.reads)
	}
	if s.docs == nil {
		s.docs = newDocWriter(s.Options.Source)
	}
	if s.prev != nil {
		s.docs.limit = max(1, len(s.pages)/8)
	}
	s.computeKeys()
	// Both hash the inputs themselves, not the page keys: those depend
	// on what the last build's pages read, and the same files must give
	// the same search key and output ID whatever the builds before.
	// A page's search text is its own text under its title and section.
	h := sha256.New()
	h.Write(s.next.BuildKey[:])
	h.Write(s.skeleton.Nav[:])
	// A page's text may show the day ({{ site.time }}), which its
	// inputs do not say: the index of another day is made again.
	h.Write([]byte(s.day()))
	for _, p := range s.pages {
		if p.src != nil && !p.noIndex && !p.Fallback {
			pageInputs(h, p)
		}
	}
	s.next.SearchKey = sum(h)
	id := sha256.New()
	id.Write(s.next.SearchKey[:])
	id.Write(s.skeleton.Summaries[:])
	id.Write(s.skeleton.Bodies[:])
	id.Write(s.skeleton.Data[:])
	for _, p := range s.pages {
		pageInputs(id, p)
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

// computeKeys computes every page's cache key, once.
func (s *Site) computeKeys() {
	if s.keys != nil {
		return
	}
	// On all cores, in blocks: at 50,000 pages keying every page was
	// 0.9 s of one core in a warm build. pageKey is safe to call at
	// once from many goroutines (renderPage does).
	keys := make([][32]byte, len(s.pages))
	var next atomic.Int64
	var wg sync.WaitGroup
	const block = 256
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				lo := int(next.Add(block)) - block
				if lo >= len(s.pages) {
					return
				}
				for i := lo; i < min(lo+block, len(s.pages)); i++ {
					p := s.pages[i]
					// As the last build read: if none of that changed, this
					// one reads the same. A page new to the cache may read
					// anything.
					r := reads{All: true}
					if s.prev != nil {
						if m, ok := s.prev.Pages[p.out]; ok {
							r = m.Reads
						}
					}
					keys[i] = s.pageKey(p, r)
				}
			}
		}()
	}
	wg.Wait()
	s.keys = make(map[string][32]byte, len(s.pages))
	for i, p := range s.pages {
		s.keys[p.out] = keys[i]
	}
}

// updateInPlace reports whether this build should change the previous
// output in place (output.Update) rather than stage a whole new tree and
// swap it in (output.Staging): when the previous output is the one the
// cache describes, and at most one page in ten is added, removed or
// rendered again.
//
// In place, a build costs what it changes, but a reader may see old and
// new files side by side for as long as the update takes; past a tenth of
// the site, that would be long, and the swap's cost (a directory and a
// link per page) is small beside rendering that many pages anyway.
func (s *Site) updateInPlace() bool {
	if s.prev == nil || s.next == nil || len(s.prev.Outputs) == 0 {
		return false
	}
	s.computeKeys()
	same := 0
	for _, p := range s.pages {
		if m, ok := s.prev.Pages[p.out]; ok && m.Key == s.keys[p.out] {
			same++
		}
	}
	churn := len(s.pages) - same + len(s.prev.Pages) - same
	return churn*10 <= len(s.pages)
}

// wrote records a file of this build's output and its size, for the next
// build (buildCache.Outputs). The caller holds s.mu.
func (s *Site) wrote(path string, size int64) {
	if s.next != nil {
		s.next.Outputs[path] = size
	}
}

// keepSearch links the previous search files into the new output;
// prepareCache checked that they are all there.
func (s *Site) keepSearch() error {
	for _, f := range s.prev.Search {
		size, ok := s.prev.Outputs[f]
		if !ok || !s.keeper.Keep(f) {
			return fmt.Errorf("keep %s from the previous output: it disappeared during the build; build again", f)
		}
		s.mu.Lock()
		s.wrote(f, size)
		s.mu.Unlock()
	}
	s.next.Search, s.next.SearchSums, s.next.SearchKeys = s.prev.Search, s.prev.SearchSums, s.prev.SearchKeys
	return nil
}

// keepKey keeps the search file path, which the build would make from
// inputs of hash key, when the last build made it from the same inputs
// and it is still there; and records the key in the next cache's
// SearchKeys. The key covers the search index's own inputs, not binome's
// version nor the configuration: the build key does.
func (s *Site) keepKey(path string, key uint64) bool {
	if s.next == nil {
		return false
	}
	s.mu.Lock()
	s.next.SearchKeys[path] = key
	s.mu.Unlock()
	p := s.prev
	if p == nil || p.BuildKey != s.next.BuildKey {
		return false
	}
	sum, summed := p.SearchSums[path]
	if old, ok := p.SearchKeys[path]; !ok || old != key || !summed || !s.keepPrevious(path) {
		return false
	}
	s.mu.Lock()
	s.next.SearchSums[path] = sum
	s.mu.Unlock()
	return true
}

// keepPrevious keeps the file path of the previous output, when it is
// still there as it was written, and records it as this build's.
func (s *Site) keepPrevious(path string) bool {
	size, had := s.prev.Outputs[path]
	if !had || s.keeper == nil || !s.keeper.Keep(path) {
		return false
	}
	s.mu.Lock()
	s.wrote(path, size)
	s.mu.Unlock()
	s.kept.Add(1)
	return true
}

// keepSame keeps the output file path, which the build makes from body,
// when the last build made it from bytes of the same hash, as sums
// (SearchSums or ExtraSums) of the previous cache say; and records the
// hash in the next cache's. After an edit to one page of a 10,000-page
// site, 4,900 of the 5,600 search files are the same, and so are the
// styles and scripts: writing them would open and read each to compare,
// and minify the scripts again.
func (s *Site) keepSame(path string, body []byte, sums func(*buildCache) fileSums) bool {
	if s.next == nil {
		return false
	}
	return s.keepSum(path, wire.Sum(body), sums)
}

// keepSum is keepSame given the hash of the bytes path is made from.
func (s *Site) keepSum(path string, h uint64, sums func(*buildCache) fileSums) bool {
	if s.next == nil {
		return false
	}
	s.mu.Lock()
	sums(s.next)[path] = h
	s.mu.Unlock()
	if s.prev == nil {
		return false
	}
	if old, ok := sums(s.prev)[path]; !ok || old != h {
		return false
	}
	return s.keepPrevious(path)
}

func searchSums(c *buildCache) fileSums { return c.SearchSums }
func extraSums(c *buildCache) fileSums  { return c.ExtraSums }

// recordCache fills what the next build needs once this one succeeded.
// The output's files were recorded as they were written or kept.
func (s *Site) recordCache(st *Stats) {
	c := s.next
	if m := s.matches; m != nil {
		c.People = &peopleMemo{Key: m.key, Suggestions: m.wait(), Impact: m.impact, ImpactReady: m.impactReady}
	}
	for out, m := range s.memos {
		c.Pages[out] = *m
	}
	for _, m := range c.Pages {
		if m.Reads.Today {
			c.Day = s.day()
			break
		}
	}
	for _, w := range st.Warnings {
		var se *source.Error
		if errors.As(w, &se) {
			c.Warnings = append(c.Warnings, source.Error{Pos: se.Pos, Msg: se.Msg, Hint: se.Hint})
		}
	}
	c.Stats = *st
	c.Stats.Warnings = nil
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
