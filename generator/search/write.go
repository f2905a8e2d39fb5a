package search

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"math"
	"math/bits"
	"path"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"binome/generator/internal/cores"
)

const (
	format = 7 // meta.js "format": bumped when the files change shape

	// filesPerDir is about how many shards or bundles share a folder.
	// A site's thousands of bundles went in one folder; but a file
	// system creates one file at a time in a folder, and writing them
	// spread over folders, from several goroutines, took half the time.
	filesPerDir = 128

	// shardBudget is the size past which a two-letter shard is split by
	// longer prefixes. A single stem's postings cannot be split, so a stem in
	// most pages of a large site makes a larger shard.
	shardBudget = 24 << 10

	// maxFragment caps the text a doc keeps for its snippets, shared among
	// its sections (the beginning of each); the terms of the whole text are
	// indexed. A snippet is about 30 words: a few sentences per section
	// are enough, and the cap keeps a long page from weighing on every
	// query that shows it.
	maxFragment = 3 << 10

	// docsPerBucket, bundleBudget and maxBundle say how docs'
	// fragments are grouped into files. Docs are hashed by URL into
	// buckets of 8 to 16 docs on average (bucketsFor), so that a page
	// added or removed changes its own bucket only; a bucket's fragments
	// go to files of consecutive docs, bundles, up to bundleBudget bytes
	// and maxBundle docs. Fewer files to write, and one request for
	// several small pages (profiles, duos), at the cost of some bytes of
	// neighbours. A query loads the bundles of its 10 hits, so the budget
	// is about the size of one full fragment: a hit costs at most that
	// much of other docs. But each file costs the build too: at 2 KB
	// nearly every page had a bundle of its own, 10,600 search files at
	// 10,000 pages, on a file system where creating one takes 0.1-0.3 ms.
	// At 10,000 pages these make 5,207 bundles, and 12 queries load 88 kB
	// on average (Reader.BytesLoaded); bundles of consecutive
	// docs by URL made 4,930 and 87 kB, but a page added renumbered them
	// all. Buckets of 2 to 4 docs made 5,980 bundles; one file a bucket,
	// with no budget, made queries load a third more.
	docsPerBucket = 8
	bundleBudget  = 8 << 10
	maxBundle     = 26 // docs per bundle: one letter or digit each in meta.js "b"

	scoreScale = 10 // scores are written as integers: BM25 × scoreScale
	bm25K1     = 1.2
	bm25B      = 0.75
)

// meta is meta.js.
type meta struct {
	Format int    `json:"format"`
	Lang   string `json:"lang"`
	N      int    `json:"n"`
	V      string `json:"v"`
	// SV is what the shards carry as their "v": a hash of what numbers
	// the docs and places the words, which an edit to a page's text
	// leaves as it was (see shardsVersion).
	SV      string   `json:"sv"`
	Root    string   `json:"root"`
	Stop    []string `json:"stop"`
	Shards  []string `json:"shards"`
	Bundles string   `json:"b"`
	// ShardDirs and BundleDirs are how many folders hold the shards and
	// the buckets' bundles (see ShardName and bundleName).
	ShardDirs  int `json:"sd"`
	BundleDirs int `json:"bd"`
}

// ShardName is the file, without ".js", of the shard of key among shards
// spread over dirs folders: s/<d>/<name>. The name is the key where it is
// made of a-z and 0-9, as most are, each other character as _<its code
// point in hex>_, and _ after a name Windows reserves (con, nul, com1);
// d is the key's 32-bit FNV-1a hash over its code points, modulo dirs.
// search.js makes the same names. Named by their keys, shards keep their
// files when a word of new first letters adds a shard; numbered by their
// place among the keys, every shard after it took the next number, and a
// warm build wrote them all again.
func ShardName(key string, dirs int) string {
	h := uint32(2166136261)
	b := make([]byte, 0, len(key)+12)
	b = append(b, "s/"...)
	for _, r := range key {
		h = (h ^ uint32(r)) * 16777619
	}
	b = strconv.AppendUint(b, uint64(h%uint32(max(dirs, 1))), 10)
	b = append(b, '/')
	name := len(b)
	for _, r := range key {
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			b = append(b, byte(r))
		} else {
			b = append(strconv.AppendUint(append(b, '_'), uint64(r), 16), '_')
		}
	}
	if windowsReserved(string(b[name:])) {
		b = append(b, '_')
	}
	return string(b)
}

// windowsReserved reports whether Windows reserves name, with any
// extension, for a device: a site copied to a Windows server would lack
// the file.
func windowsReserved(name string) bool {
	switch name {
	case "con", "prn", "aux", "nul":
		return true
	}
	return len(name) == 4 && (name[:3] == "com" || name[:3] == "lpt") && '0' <= name[3] && name[3] <= '9'
}

// dirsFor returns over how many folders n files are spread.
func dirsFor(n int) int { return max(1, (n+filesPerDir-1)/filesPerDir) }

// shard is s/<d>/<name>.js (see ShardName).
type shard struct {
	V string           `json:"v"`
	W []any            `json:"w"` // surface, stem or its length: see appendStem
	P map[string][]int `json:"p"`

	pairs [][2]string // W decoded: surface, stem
}

// bundle is f/<d>/<i>.js, the first bundle of bucket i, or f/<d>/<i>-<k>.js,
// the k-th after it (see bundleName). A bucket's docs are those whose URLs hash
// to it (bucketOf), so its bundles' bytes change only when its own docs
// do: a warm build that changed, added or removed one page rewrites the
// bundles of one bucket, not thousands. Browsers cannot mix bundles of two
// builds from their cache, since every file is asked for with ?v=<v of
// meta.js>; a bundle read across a rebuild is told apart by the number of
// buckets ("b") and of docs in its bucket ("c"), which meta.js gives: a
// bucket whose docs are as they were holds the same docs in both builds,
// whatever their numbers.
type bundle struct {
	B int        `json:"b"`
	C int        `json:"c"`
	F []fragment `json:"f"`
}

// bundleName names the k-th bundle of bucket i, of buckets spread over dirs
// folders: consecutive buckets go to different folders, so that writers
// working through them in order do not wait on one folder.
func bundleName(i, k, dirs int) string {
	name := "f/" + strconv.Itoa(i%dirs) + "/" + strconv.Itoa(i)
	if k > 0 {
		name += "-" + strconv.Itoa(k)
	}
	return name
}

// bundleSize is the character of meta.js "b" that gives the number of
// docs n of the k-th bundle of a bucket. "b" has them bucket by bucket: a
// digit or lowercase letter (base 36) for the first bundle of a bucket,
// "0" for an empty bucket, an uppercase letter ("A" for 1) for each
// further bundle of the same bucket.
func bundleSize(k, n int) byte {
	if k == 0 {
		return strconv.FormatInt(int64(n), 36)[0]
	}
	return byte('A' + n - 1)
}

// fragment is a doc in a bundle.
type fragment struct {
	U  string   `json:"u"`
	T  string   `json:"t"`
	S  string   `json:"s"`
	H  []string `json:"h"`
	BH []int    `json:"bh"`
	BX []string `json:"bx"`
}

// Files returns the index files under dir (e.g. "search/fr"), sorted by path.
// The bytes depend only on the docs added, not on their order. It fails
// only when reading spilled fragments (SpillFragments) does.
func (ix *Indexer) Files(dir string) ([]File, error) {
	var files []File
	if err := ix.EachFile(dir, func(f File) error {
		files = append(files, f)
		return nil
	}); err != nil {
		return nil, err
	}
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return files, nil
}

// EachFile gives fn the index files under dir one at a time, shards and
// bundles first, in no fixed order, and meta.js last, and stops at fn's
// first error, or at the first spilled fragment (SpillFragments) it
// cannot read. A large site's index is tens of megabytes: a build writes
// each file as it is made instead of holding them all.
func (ix *Indexer) EachFile(dir string, fn func(File) error) error {
	return ix.EachFileSince(dir, nil, fn)
}

// EachFileSince is EachFile for a build that has an earlier one's files.
// Before making a bundle of texts or a shard it calls kept with the
// file's path and a hash of all that its bytes depend on here: for a
// bundle the format, the path, the bundle's place and the number of
// docs, and each of its docs' Sum; for a shard the path, the shards'
// version, its words and its stems' scored postings. When kept reports
// that the file made from that key is still there, the file is neither
// made nor given to fn. meta.js is always made. What the bytes depend on
// outside the index (binome's version, say) is the caller's to check.
//
// After an edit to one page's text, one bundle of hundreds changes:
// making, hashing and comparing the others was a tenth of such a build
// of 1,000 pages. The shards are scored again whole, as an edit moves
// the document frequencies, but only the few that hold the page's words
// are written out: hashing the postings took 8 ms of CPU at 10,000
// pages, printing them 35 ms.
//
// The bundles are made while the shards are scored, and the shards on
// every core: fn and kept are called one at a time, but from more than
// one goroutine, and in no fixed order but meta.js last.
func (ix *Indexer) EachFileSince(dir string, kept func(path string, key uint64) bool, fn func(File) error) error {
	dir = path.Clean(dir)
	docs, counts := ix.sortedDocs()
	ix.mu.RLock()
	defer ix.mu.RUnlock()

	// fn and kept, one call at a time; after fn's first error, every
	// later call returns it, so that both halves stop.
	var (
		mu     sync.Mutex
		fnErr  error
		failed atomic.Bool
	)
	emit := func(f File) error {
		mu.Lock()
		defer mu.Unlock()
		if fnErr == nil {
			fnErr = fn(f)
			failed.Store(fnErr != nil)
		}
		return fnErr
	}
	var keep func(string, uint64) bool
	if kept != nil {
		keep = func(path string, key uint64) bool {
			mu.Lock()
			defer mu.Unlock()
			return kept(path, key)
		}
	}

	// The bundles hold the docs' fragments, which no score changes.
	var (
		bundles    sync.WaitGroup
		sizesOf    string
		bundlesErr error
	)
	bundles.Go(func() { sizesOf, bundlesErr = ix.eachBundle(dir, docs, counts, keep, emit, &failed) })
	keys, sv, err := ix.eachShard(dir, docs, keep, emit)
	bundles.Wait()
	if err = cmp.Or(err, bundlesErr); err != nil {
		return err
	}

	m := meta{
		Format:     format,
		Lang:       ix.lang,
		N:          len(docs),
		V:          version(ix.lang, dir, docs),
		SV:         sv,
		Root:       rootFrom(dir),
		Stop:       stopWords(ix.lang),
		Shards:     keys,
		Bundles:    sizesOf,
		ShardDirs:  dirsFor(len(keys)),
		BundleDirs: dirsFor(len(counts)),
	}
	if m.Stop == nil {
		m.Stop = []string{}
	}
	if m.Shards == nil {
		m.Shards = []string{}
	}
	return emit(File{path.Join(dir, "meta.js"), script("meta", encode(m))})
}

// shardChunk is how many shards are made at once, spread over the
// cores, before they are given to fn in order: the shards of a large
// site are megabytes, not all to be held at once.
const shardChunk = 64

// eachShard scores docs and gives emit their shards, but those kept
// reports are still there. It returns the shards' keys and the "v" they
// carry.
func (ix *Indexer) eachShard(dir string, docs []*entry, kept func(string, uint64) bool, emit func(File) error) ([]string, string, error) {
	postings, avg := score(docs, len(ix.stems))

	// The surface words and the stems with postings, sorted; each
	// string's size estimates its share of its shard.
	// The words of the docs in the index (not of every doc ever seen by
	// the dictionary), so an index made from prepared docs is the same.
	used := make([]bool, len(ix.pairs))
	for _, e := range docs {
		for _, w := range e.words {
			used[w] = true
		}
	}
	pairs := make([][2]string, 0, len(ix.pairs))
	for id, p := range ix.pairs {
		if used[id] {
			pairs = append(pairs, [2]string{p.Surface, ix.stems[p.Stem]})
		}
	}
	slices.SortFunc(pairs, func(a, b [2]string) int {
		return cmp.Or(strings.Compare(a[0], b[0]), strings.Compare(a[1], b[1]))
	})
	stems := make([]int32, 0, len(ix.stems))
	for id, ps := range postings {
		if len(ps) > 0 {
			stems = append(stems, int32(id))
		}
	}
	slices.SortFunc(stems, func(a, b int32) int { return strings.Compare(ix.stems[a], ix.stems[b]) })
	sizes := make(map[string]int, len(pairs)+len(stems))
	for _, p := range pairs {
		sizes[p[0]] += len(p[0]) + len(p[1]) + 6
	}
	for _, id := range stems {
		sizes[ix.stems[id]] += len(ix.stems[id]) + 5 + len(postings[id])*4
	}
	keys := shardKeys(sizes, shardBudget)
	shardDirs := dirsFor(len(keys))
	sv := shardsVersion(ix.lang, dir, docs, keys, shardDirs, avg)

	// Shards: pairs and stems are sorted, so each shard's are too.
	type shardData struct {
		w     [][2]string
		stems []int32
	}
	shards := make([]shardData, len(keys))
	for _, p := range pairs {
		s := &shards[shardOf(keys, p[0])]
		s.w = append(s.w, p)
	}
	for _, id := range stems {
		s := &shards[shardOf(keys, ix.stems[id])]
		s.stems = append(s.stems, id)
	}
	make1 := func(b []byte, i int) []byte {
		s := shards[i]
		b = appendScriptStart(b, ShardName(keys[i], shardDirs))
		b = append(b, `{"v":`...)
		b = appendString(b, sv)
		b = append(b, `,"w":[`...)
		for j, p := range s.w {
			if j > 0 {
				b = append(b, ',')
			}
			b = appendString(b, p[0])
			b = append(b, ',')
			b = appendStem(b, p[0], p[1])
		}
		b = append(b, `],"p":{`...)
		for j, id := range s.stems {
			if j > 0 {
				b = append(b, ',')
			}
			b = appendString(b, ix.stems[id])
			b = append(b, ':')
			b = appendDeltas(b, postings[id])
		}
		b = append(b, "}}"...)
		return appendScriptEnd(b)
	}
	// key hashes what make1 prints: the file's path and "v", the words,
	// the stems and their postings as they are in memory (a cache is
	// read by the machine that wrote it).
	key := func(file string, i int) uint64 {
		s := shards[i]
		h := sha256.New()
		var b []byte
		b = fmt.Appendf(b, "shard %d %q %q %d %d\n", format, file, sv, len(s.w), len(s.stems))
		for _, p := range s.w {
			b = append(append(append(append(b, p[0]...), 0), p[1]...), 0)
		}
		for _, id := range s.stems {
			ps := postings[id]
			b = binary.LittleEndian.AppendUint32(append(append(b, ix.stems[id]...), 0), uint32(len(ps)))
			if len(b) > 4096 {
				h.Write(b)
				b = b[:0]
			}
			h.Write(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(ps))), 4*len(ps)))
		}
		h.Write(b)
		var sum [sha256.Size]byte
		return binary.LittleEndian.Uint64(h.Sum(sum[:0]))
	}
	workers := runtime.GOMAXPROCS(0)
	made := make([][]byte, shardChunk)
	for first := 0; first < len(shards); first += shardChunk {
		n := min(shardChunk, len(shards)-first)
		var wg sync.WaitGroup
		for w := range min(workers, n) {
			wg.Go(func() {
				var b []byte
				for k := w; k < n; k += workers {
					file := path.Join(dir, ShardName(keys[first+k], shardDirs)+".js")
					if kept != nil && kept(file, key(file, first+k)) {
						continue
					}
					b = make1(b[:0], first+k)
					made[k] = bodyOf(b)
				}
			})
		}
		wg.Wait()
		for k := range n {
			if made[k] == nil {
				continue
			}
			name := ShardName(keys[first+k], shardDirs)
			if err := emit(File{path.Join(dir, name+".js"), made[k]}); err != nil {
				return nil, "", err
			}
			made[k] = nil
		}
	}
	return keys, sv, nil
}

// eachBundle gives emit the bundles of docs, hashed into len(counts)
// buckets, but those kept reports are still there; it stops early once
// failed is set. It returns meta.js's "b".
func (ix *Indexer) eachBundle(dir string, docs []*entry, counts []int, kept func(string, uint64) bool, emit func(File) error, failed *atomic.Bool) (string, error) {
	// Bundles: the docs of each bucket, consecutive, up to bundleBudget bytes.
	var sizesOf strings.Builder
	bundleDirs := dirsFor(len(counts))
	var b []byte
	var err error
	first := 0
	for i, count := range counts {
		if failed.Load() {
			return "", errStopped
		}
		if count == 0 {
			sizesOf.WriteByte(bundleSize(0, 0))
			continue
		}
		bucket := docs[first : first+count]
		first += count
		for k, at := 0, 0; at < count; k++ {
			n, size := 0, 0
			for at+n < count && n < maxBundle && (n == 0 || size+bucket[at+n].fragmentSize() <= bundleBudget) {
				size += bucket[at+n].fragmentSize()
				n++
			}
			sizesOf.WriteByte(bundleSize(k, n))
			part := bucket[at : at+n]
			at += n
			name := bundleName(i, k, bundleDirs)
			file := path.Join(dir, name+".js")
			if kept != nil && kept(file, bundleKey(file, part, len(counts), count)) {
				continue
			}
			b = appendScriptStart(b[:0], name)
			b = append(b, `{"b":`...)
			b = strconv.AppendInt(b, int64(len(counts)), 10)
			b = append(b, `,"c":`...)
			b = strconv.AppendInt(b, int64(count), 10)
			b = append(b, `,"f":[`...)
			for j, e := range part {
				if j > 0 {
					b = append(b, ',')
				}
				if e.fragLen == 0 {
					b = append(b, e.fragment...)
				} else if b, err = ix.spill.Load().read(b, e.fragAt, e.fragLen); err != nil {
					return "", err
				}
			}
			b = append(b, "]}"...)
			b = appendScriptEnd(b)
			if err := emit(File{file, bodyOf(b)}); err != nil {
				return "", err
			}
		}
	}
	return sizesOf.String(), nil
}

// errStopped ends the making of bundles once a shard could not be given
// to fn; fn's own error is the one returned.
var errStopped = errors.New("search: stopped after an error")

// version returns the "v" of an index: a hash of what it is made of, so
// that it changes whenever a file does, and is known before they are
// written (each shard carries it, so the client can tell a stale file
// from a cache).
func version(lang, dir string, docs []*entry) string {
	h := versionHash(lang, dir)
	var sum [8]byte
	for _, e := range docs {
		binary.LittleEndian.PutUint64(sum[:], e.sum)
		h.Write(sum[:])
	}
	return hex.EncodeToString(h.Sum(nil)[:6])
}

// versionHash starts the hash of a version with what shapes every file
// of the index: the format, the language, the folder and the limits.
func versionHash(lang, dir string) hash.Hash {
	h := sha256.New()
	fmt.Fprintf(h, "%d %s %s %d %d %d %d %d\n", format, lang, dir, shardBudget, maxFragment, docsPerBucket, bundleBudget, maxBundle)
	return h
}

// shardsVersion returns the "v" the shards carry: a hash of what their
// doc numbers mean (the docs' URLs in order), of where their files are
// (the number of folders) and of which words each holds, and of the
// average length their scores are computed with. A word's shard is that
// of its first two letters unless a longer key, of a shard split for
// size, starts it: the keys longer than two letters say it all. An edit
// to a page's text changes none of these, even with words of new first
// letters, so the shards that hold none of its changed words keep their
// bytes, and a warm build leaves their files as they are; a shard read
// across such a rebuild means the same docs.
func shardsVersion(lang, dir string, docs []*entry, keys []string, dirs int, avg float64) string {
	h := versionHash(lang, dir)
	fmt.Fprintf(h, "%g %d %d\n", avg, len(docs), dirs)
	for _, e := range docs {
		fmt.Fprintf(h, "%q\n", e.url)
	}
	for _, k := range keys {
		if utf8.RuneCountInString(k) > 2 {
			fmt.Fprintf(h, "%q\n", k)
		}
	}
	return hex.EncodeToString(h.Sum(nil)[:6])
}

// lengthScale rounds a doc's length to its 4 highest bits (steps of 6 to
// 12 %) for BM25: a line added to a page seldom changes it, so the scores
// of the page's other words, and the shards that hold them, stay as they
// were. BM25 weighs length coarsely (b = 0.75 of the ratio to the
// average): such a step moves a score by a few percent at most.
func lengthScale(n int) float64 {
	if shift := bits.Len(uint(n)) - 4; shift > 0 {
		n = (n + 1<<(shift-1)) >> shift << shift
	}
	return float64(n)
}

// score returns the postings of each stem, by stem ID: flat pairs doc,
// BM25 × scoreScale, by doc number; and the average doc length it took.
// The docs are shared among the cores in runs, each run's postings going
// where a single pass would put them: a run's place in a stem's
// postings is after the earlier runs' (its cursor starts there). Shared
// by stem instead, each core scanned every doc's stems, and the pair took
// twice the CPU for no less wall time.
func score(docs []*entry, stems int) ([][]int32, float64) {
	// A run is worth a goroutine from some thousands of docs.
	runs := max(1, min(runtime.GOMAXPROCS(0), len(docs)/2048))
	bounds := make([]int, runs+1)
	for r := range bounds {
		bounds[r] = r * len(docs) / runs
	}
	onRuns := func(fn func(r int)) { cores.Each(runs, 1, fn) }
	// Each run's document frequencies, which become its cursors.
	counts := make([][]int32, runs)
	totals := make([]int, runs)
	onRuns(func(r int) {
		c := make([]int32, stems)
		for _, e := range docs[bounds[r]:bounds[r+1]] {
			totals[r] += e.length
			for _, st := range e.stems {
				c[st]++
			}
		}
		counts[r] = c
	})
	total := 0
	for _, t := range totals {
		total += t
	}
	n := float64(len(docs))
	// Rounded, as lengthScale rounds each doc's: an edit seldom moves it.
	avg := max(1, lengthScale(int(math.Round(float64(total)/max(n, 1)))))
	idf := make([]float64, stems)
	df := make([]int32, stems)
	// One array holds every stem's postings, each stem its share, filled
	// through a cursor per stem and run: a slice made and appended to for
	// each of the 30,000 stems of 10,000 pages took 58 ms, this 52 ms
	// (BenchmarkScore); the writes scattered over the stems are the rest.
	pairs := 0
	for id := range stems {
		at := int32(2 * pairs)
		for _, c := range counts {
			d := c[id]
			c[id] = at
			at += 2 * d
			df[id] += d
		}
		d := df[id]
		idf[id] = math.Log(1 + (n-float64(d)+0.5)/(float64(d)+0.5))
		pairs += int(d)
	}
	all := make([]int32, 2*pairs)
	onRuns(func(r int) {
		cursor := counts[r]
		for id := bounds[r]; id < bounds[r+1]; id++ {
			e := docs[id]
			norm := float64(bm25K1 * float64(1-bm25B+float64(bm25B*lengthScale(e.length)/avg)))
			tfs := e.tfs[:len(e.stems)]
			for j, st := range e.stems {
				idf := idf[st]
				f := float64(tfs[j])
				// The float64 conversions round each product, so that no
				// platform fuses them (FMA) into different bits.
				bm := float64(idf*float64(f*(bm25K1+1))) / (f + norm)
				at := cursor[st]
				all[at], all[at+1] = int32(id), int32(max(1, int(math.Round(bm*scoreScale))))
				cursor[st] = at + 2
			}
		}
	})
	postings := make([][]int32, stems)
	at := 0
	for id, d := range df {
		postings[id] = all[at : at+2*int(d) : at+2*int(d)]
		at += 2 * int(d)
	}
	return postings, avg
}

// appendStem appends the stem of a surface word: when it is a prefix of
// the word, as most are ("recommand" of "recommandations"), its length in
// UTF-16 code units, JavaScript's string length; else the stem itself.
// It makes shards a tenth smaller as served.
func appendStem(b []byte, surface, stem string) []byte {
	if strings.HasPrefix(surface, stem) {
		return strconv.AppendInt(b, int64(utf16Len(stem)), 10)
	}
	return appendString(b, stem)
}

// utf16Len returns the length of s in UTF-16 code units.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// appendDeltas appends flat doc, score pairs as a JSON array, each doc
// number but the first as the difference from the previous one: smaller
// numbers, fewer bytes.
func appendDeltas(b []byte, ps []int32) []byte {
	b = append(b, '[')
	prev := int32(0)
	for i := 0; i+1 < len(ps); i += 2 {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(ps[i]-prev), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(ps[i+1]), 10)
		prev = ps[i]
	}
	return append(b, ']')
}

// shardKeys chooses the shard keys for strings of the given sizes: the first
// two runes of each string (the string itself if shorter), and, where a shard
// would pass budget, longer prefixes for its largest parts. Sorted.
func shardKeys(sizes map[string]int, budget int) []string {
	strs := make([]string, 0, len(sizes))
	for s := range sizes {
		strs = append(strs, s)
	}
	slices.Sort(strs)

	var keys []string
	var split func(key string, strs []string)
	split = func(key string, strs []string) {
		total := 0
		for _, s := range strs {
			total += sizes[s]
		}
		if total <= budget {
			keys = append(keys, key)
			return
		}
		type part struct {
			key  string
			strs []string
			size int
		}
		var parts []part
		rest := 0 // strings equal to key stay in its shard
		for _, s := range strs {
			if len(s) == len(key) {
				rest++
				continue
			}
			_, n := utf8.DecodeRuneInString(s[len(key):])
			sub := s[:len(key)+n]
			if len(parts) == 0 || parts[len(parts)-1].key != sub {
				parts = append(parts, part{key: sub})
			}
			p := &parts[len(parts)-1]
			p.strs = append(p.strs, s)
			p.size += sizes[s]
		}
		slices.SortStableFunc(parts, func(a, b part) int { return cmp.Compare(b.size, a.size) })
		for _, p := range parts {
			if total <= budget {
				rest += len(p.strs)
				continue
			}
			total -= p.size
			split(p.key, p.strs)
		}
		if rest > 0 {
			keys = append(keys, key)
		}
	}
	for i := 0; i < len(strs); {
		key := firstRunes(strs[i], 2)
		j := i
		for j < len(strs) && firstRunes(strs[j], 2) == key {
			j++
		}
		split(key, strs[i:j])
		i = j
	}
	slices.Sort(keys)
	return keys
}

// firstRunes returns the first n runes of s.
func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// shardOf returns the index in keys (sorted) of the longest key that is a
// prefix of w, or -1.
func shardOf(keys []string, w string) int {
	for end := len(w); end > 0; {
		if i, ok := slices.BinarySearch(keys, w[:end]); ok {
			return i
		}
		_, n := utf8.DecodeLastRuneInString(w[:end])
		end -= n
	}
	return -1
}

// appendFragment appends the JSON of d's fragment: its text cut into
// chunks at its headings, for snippets, and capped at maxFragment bytes,
// shared among the chunks so that each section keeps its beginning.
// buf is squeezeIn's, for the text: nothing kept from it outlives the call.
func appendFragment(b []byte, d Doc, buf *[]byte) []byte {
	text := squeezeIn(d.Text, buf)
	b = slices.Grow(b, min(len(text), maxFragment)+len(d.URL)+len(d.Title)+len(d.Section)+16*len(d.Headings)+64)
	type chunk struct {
		heading int // index in d.Headings, -1 before the first
		text    string
	}
	var chunks []chunk
	add := func(h int, s string) {
		if s = strings.TrimSpace(s); s != "" {
			chunks = append(chunks, chunk{h, s})
		}
	}
	start, pos, cur := 0, 0, -1
	for i, h := range d.Headings {
		ht := squeeze(h.Text)
		if ht == "" {
			continue
		}
		at := strings.Index(text[pos:], ht)
		if at < 0 {
			continue
		}
		add(cur, text[start:pos+at])
		start, pos, cur = pos+at, pos+at+len(ht), i
	}
	add(cur, text[start:])

	// Water-filling: the short chunks keep all their text, the others
	// share what is left equally.
	if total := len(text); total > maxFragment {
		order := make([]int, len(chunks))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(len(chunks[a].text), len(chunks[b].text)) })
		left := maxFragment
		for k, i := range order {
			share := left / (len(order) - k)
			if c := &chunks[i]; len(c.text) > share {
				c.text = cutAt(c.text, share)
			}
			left -= len(chunks[i].text)
		}
	}

	b = append(b, `{"u":`...)
	b = appendString(b, d.URL)
	b = append(b, `,"t":`...)
	b = appendString(b, d.Title)
	b = append(b, `,"s":`...)
	b = appendString(b, d.Section)
	b = append(b, `,"h":[`...)
	for i, h := range d.Headings {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, h.ID)
	}
	b = append(b, `],"bh":[`...)
	n := 0
	for _, c := range chunks {
		if c.text == "" {
			continue
		}
		if n > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(c.heading), 10)
		n++
	}
	b = append(b, `],"bx":[`...)
	n = 0
	for _, c := range chunks {
		if c.text == "" {
			continue
		}
		if n > 0 {
			b = append(b, ',')
		}
		b = appendString(b, c.text)
		n++
	}
	return append(b, "]}"...)
}

// squeeze returns s with each run of white space turned into one space,
// and none at either end, as strings.Join(strings.Fields(s), " ") does,
// copying s only when it must.
func squeeze(s string) string { return squeezeIn(s, nil) }

// squeezeIn is squeeze writing a copy, when it needs one, into *buf
// (nil: a new one), reused from one call to the next: a page's text is
// squeezed for its fragment alone, and a copy of every page's text, made
// only for that, was 6 % of a build's allocations. What it returns from
// *buf is valid until the next call with buf.
func squeezeIn(s string, buf *[]byte) string {
	var b []byte  // nil until s differs from the result
	from := 0     // s[from:i] is still to be copied into b
	space := true // the start counts as a space: leading ones are dropped
	for i := 0; i < len(s); {
		// Eight bytes at a time past those the loop below would only
		// step over: a single space after a word, and any byte but
		// white space.
		for i+8 <= len(s) {
			m := squeezeStops(load64(s, i), space)
			if m == 0 {
				space = s[i+7] == ' '
				i += 8
				continue
			}
			if k := bits.TrailingZeros64(m) >> 3; k > 0 {
				space = s[i+k-1] == ' '
				i += k
			}
			break
		}
		if i == len(s) {
			break
		}
		c, n := s[i], 1
		switch {
		case c > ' ' && c < utf8.RuneSelf, c >= utf8.RuneSelf && c != 0xC2 && (c < 0xE1 || c > 0xE3):
			// Not white space: all but ASCII and the leading bytes of
			// U+0085, U+00A0, U+1680, U+2000…U+3000.
			space = false
			i++
			continue
		case c >= utf8.RuneSelf:
			var r rune
			r, n = utf8.DecodeRuneInString(s[i:])
			if !unicode.IsSpace(r) {
				space = false
				i += n
				continue
			}
		case c != ' ' && (c < '\t' || c > '\r'):
			space = false
			i++
			continue
		}
		// White space at s[i:i+n]: kept only if a single ' ' after a word.
		if !space && c == ' ' {
			space = true
			i++
			continue
		}
		if b == nil {
			if buf != nil {
				b = (*buf)[:0]
			}
			b = slices.Grow(b, len(s))
		}
		b = append(b, s[from:i]...)
		if !space {
			b = append(b, ' ')
		}
		space = true
		i += n
		from = i
	}
	if b == nil {
		return strings.TrimSuffix(s, " ")
	}
	b = append(b, s[from:]...)
	if buf == nil {
		return strings.TrimSuffix(string(b), " ")
	}
	*buf = b
	return strings.TrimSuffix(unsafe.String(unsafe.SliceData(b), len(b)), " ")
}

// squeezeStops marks, with the high bit of its byte, each byte of x (eight
// bytes of text, the first lowest) that squeezeIn must look at: a control
// byte (\t \n \r among them), a space after a space (or at the start of x
// when space says the byte before it was one), and the lead bytes C2 and
// E0 to E3, which start the white space beyond ASCII. The tests are
// exact: each byte's sum stays within the byte.
func squeezeStops(x uint64, space bool) uint64 {
	const (
		ones = 0x0101010101010101
		low7 = 0x7F7F7F7F7F7F7F7F
		high = 0x8080808080808080
	)
	eq := func(x uint64, c byte) uint64 {
		z := x ^ uint64(c)*ones
		return ^((z&low7 + low7) | z) & high
	}
	control := ^((x&low7 + 0x6060606060606060) | x) & high
	spaces := eq(x, ' ')
	before := spaces << 8
	if space {
		before |= 0x80
	}
	return control | spaces&before | eq(x, 0xC2) | eq(x&0xFCFCFCFCFCFCFCFC, 0xE0)
}

// load64 returns the eight bytes of s from i, the first lowest.
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// cutAt returns s cut to at most n bytes, at its last space before n if
// there is one, else at a rune boundary.
func cutAt(s string, n int) string {
	if len(s) <= n {
		return s
	}
	if i := strings.LastIndexByte(s[:n+1], ' '); i > 0 {
		return strings.TrimSpace(s[:i])
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// appendString appends s as a JSON string. Invalid UTF-8 becomes U+FFFD,
// as with encoding/json; U+2028 and U+2029 are escaped so that the files
// are valid JavaScript for older engines too.
func appendString(b []byte, s string) []byte {
	const hexDigits = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			switch r {
			case '\u2028':
				b = append(b, `\u2028`...)
			case '\u2029':
				b = append(b, `\u2029`...)
			default:
				b = append(b, `\ufffd`...)
			}
			start = i + n
		}
		i += n
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// rootFrom returns the relative path from dir back to the site root.
func rootFrom(dir string) string {
	if dir == "." || dir == "/" || dir == "" {
		return ""
	}
	return strings.Repeat("../", strings.Count(strings.Trim(dir, "/"), "/")+1)
}

// encode returns the JSON of v, one of the file types above.
func encode(v any) []byte {
	data, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("search: encode %T: %v", v, err)) // strings, ints and slices of them only
	}
	return data
}

// script wraps the JSON data as a script that hands it to the client.
func script(name string, data []byte) []byte {
	return appendScriptEnd(append(appendScriptStart(nil, name), data...))
}

// appendScriptStart and appendScriptEnd wrap a script around JSON data.
// bundleKey hashes what the bundle at file holds: docs, each known by its
// Sum, which covers all that its fragment is made from, of a bucket of
// count docs out of buckets.
func bundleKey(file string, docs []*entry, buckets, count int) uint64 {
	h := sha256.New()
	fmt.Fprintf(h, "bundle %d %q %d %d %d\n", format, file, len(docs), buckets, count)
	var b [sha256.Size]byte
	for _, e := range docs {
		binary.LittleEndian.PutUint64(b[:], e.sum)
		h.Write(b[:8])
	}
	return binary.LittleEndian.Uint64(h.Sum(b[:0]))
}

func appendScriptStart(b []byte, name string) []byte {
	b = append(b, "window.__binomeSearch("...)
	b = appendString(b, name)
	return append(b, ',')
}

func appendScriptEnd(b []byte) []byte { return append(b, ");\n"...) }
