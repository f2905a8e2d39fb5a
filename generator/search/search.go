// Package search builds the full-text search index of one language of the
// site, at build time, as small files that a browser loads on demand; the
// theme's search.js answers queries from them, offline and from file://.
//
// In: a Doc per page (URL, title, section, headings, plain text), added to an
// Indexer in any order, from any goroutine. Out: Files, the same bytes
// whatever the order of the docs.
//
// Indexing is on every build's path, so it is kept cheap: each word as
// written is folded and stemmed once per Indexer (a text repeats its words
// massively), then found by its bytes in a table (wordTable); a doc's terms
// are counted by integer stem IDs, and postings built and sorted once, in
// Files.
//
// # Terms
//
// A word is a run of letters, digits and marks. It is folded (lower case, no
// accents, ligatures expanded: Fold) and stemmed with Snowball (French or
// English: stemmed first, with its accents, then folded). French elisions
// ("l'", "qu'"), English clitics ("'s") and stop words are left out (Tokens).
// The browser cannot run Snowball, so the index keeps the folded surface
// words too, each pointing at its stem: a query word is folded, looked up
// among the surface words, and gets the postings of their stems. "equipes"
// finds pages that say "équipe".
//
// # Files
//
// Under the index directory dir (e.g. "search/fr"), each file is a script that
// registers its data: window.__binomeSearch("name", {...}); so the client
// loads it with a <script src> tag, which works over http and from file://
// where fetch() does not.
//
//	meta.js     {"format":7,"lang","n" (docs),"v" (version),"sv" (the shards' version),"root" (dir → site root),
//	             "stop":[folded stop words],"shards":[keys, sorted],
//	             "b" (docs per bundle, bucket by bucket: "c0gC8…", see bundleSize),
//	             "sd","bd" (folders of the shards and of the bundles)}
//	s/<d>/<k>.js the shard of key k of "shards" (see ShardName): {"v" (meta's "sv"),"w":[surface, stem, ...] flat pairs sorted by surface
//	             (a stem that is a prefix of its surface word is its length in UTF-16 code
//	             units: "equipes",5), "p":{stem: [doc, score, Δdoc, score, ...]}}
//	f/<d>/<i>.js the first bundle of bucket i, f/<d>/<i>-<k>.js the k-th after it:
//	             {"b" (buckets),"c" (docs of the bucket),"f":[fragment of each of its docs]}, a fragment being
//	             {"u":url,"t":title,"s":section,"h":[heading id,...],
//	             "bh":[heading index per chunk, -1 before the first],"bx":[chunk text,...]}
//
// A shard holds the surface words and the stems whose folded spelling starts
// with its key. Keys are the first two letters of the words, and longer
// prefixes where a two-letter shard grew past a budget; a word belongs to the
// shard whose key is its longest prefix among the keys. Doc numbers are the
// ranks of the docs sorted by bucket, then URL. Scores are BM25 (k1 1.2, b
// 0.75) over a weighted term frequency (title ×3, headings ×2, text ×1),
// with docs' lengths and their average rounded to their 4 highest bits
// (lengthScale), times 10, rounded: computed once at build time, the
// client only adds them up.
//
// A bucket holds the docs whose URLs hash to it, 8 to 16 on average, in
// bundles of up to 8 KB, so that a site writes a file per several pages
// while a query's hits load few bytes of other docs, and a page added or
// removed changes one bucket; a doc's text is capped at 3 KB shared among
// its sections (the start of each). "v" is a hash of everything the index
// is made of. The client loads shards and bundles with ?v=<v>, so a
// rebuilt index never mixes with cached files, and meta.js with ?v=<the
// form's data-search-version, else document.lastModified> (works from
// file://: the page's date changes with each build). Files read across a
// rebuild are told apart without making every file change with every
// edit: each shard carries "sv", a hash of the docs' URLs in order, the
// keys of shards split for size and the average length, and each bundle
// the numbers of buckets and of docs in its own (see bundle). A file that
// does not match meta.js, or is not there, makes the client start again
// once with fresh URLs. So an edit to
// a page's text changes the shards of its new or dropped words (and of all
// its words when its rounded length changes), one bucket's bundles and
// meta.js, and a warm build leaves the other files as they were.
//
// # Queries
//
// Reader.Query and search.js run the same algorithm (TestReaderMatchesJS
// checks they agree): the query is split and folded like the text, stop
// words dropped, at most 8 words kept. Each word matches the surface words
// equal to it (weight 100); the last word, unless followed by a space and if
// at least 2 letters long, also matches the surface words it starts (weight
// 80); a word of 5 letters or more that matched nothing matches the surface
// words at edit distance 1 in its shard (weight 50, a typo or a plural). A
// doc scores, per word, the best weight × score of the matched stems, and in
// total the sum over words. Docs matching all words come first; when none
// does, docs matching any word, by number of matched words, then score,
// then doc number. The top 10 get a snippet: the fragment chunk with the most
// query words (then hits), about 30 words around its first hit, hits in
// <mark>, and the URL of the chunk's heading anchor.
//
// Limits, by design: a typo is found only when the first two letters are
// right (the word's shard); a prefix loads at most 8 shards beyond its own,
// so a two-letter prefix on a large site matches only within its shard;
// snippets come from the first 3 KB of a page's sections; and Snowball does
// not join every family ("télétravail" and "télétravailler" keep different
// stems), where the prefix and typo matches help.
//
// # The page contract of search.js
//
// search.js (themes/default/static/js/search.js, no dependency) enhances,
// once the DOM is loaded, every
//
//	<form role="search" action="/search/" data-search-index="/search/fr/">
//	  <input type="search" name="q">
//	  <div data-search-results aria-live="polite"></div>
//	</form>
//
// data-search-index is the index directory, absolute or relative to the
// document (the build rewrites it to a relative URL). An optional
// data-search-version on the form names the build, for meta.js's ?v=. The results container
// may also be outside the form: data-search-results="<element id>" on the
// form names it. As the user types, the shards of the words typed are
// loaded at each keystroke, and the search runs once typing pauses
// (debounced 100 ms); the container's children are replaced, when the
// best hit's fragment has loaded, by
//
//	<p class="search-status">3 results</p>
//	<ol class="search-results" id="binome-search-0-list">
//	  <li class="search-result">
//	    <a href="…/guides/first-meeting/#agenda">
//	      <span class="search-result-title">First meeting</span>
//	      <span class="search-result-section">Guides</span></a>
//	    <p class="search-result-snippet">… the <mark>agenda</mark> of …</p></li>
//	</ol>
//
// with at most 10 items, the others appended in order as their fragments
// load; an empty query empties it. The status paragraph has its class
// search-status only while the list holds all the hits of the input's
// value: from a keystroke until then it has none, and the container is
// aria-busy="true", so that a screen reader announces the whole list.
// Link hrefs are absolute, and end in index.html under file://. Keys:
// ArrowDown in the input focuses the first result link, ArrowDown and
// ArrowUp move between the links (the focused item gets class
// "is-active"), ArrowUp on the first one returns to the input; Enter on a
// link follows it, Enter in the input follows the first
// result (and submits the form when there is none); Escape empties the input
// and the results and focuses the input. The page's URL parameter q
// (search/?q=mentor) fills the input and searches at once. The status text
// comes from the form's data-search-none ("No results"), data-search-one
// ("1 result"), data-search-many ("%d results") and data-search-error
// ("Search is not available") attributes. The form gets
// data-search-ready="true" once enhanced: a browser test can wait for it.
package search

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"fmt"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/cespare/xxhash/v2"
)

// Doc is one page as search sees it.
type Doc struct {
	URL      string    // site-root-relative, e.g. "/guides/first-meeting/"
	Title    string    // the page title, ranked ×3
	Section  string    // human section title shown with results, e.g. "Guides"
	Headings []Heading // in page order: ranked ×2, and results link to the closest one
	Text     string    // plain text of the page body
}

// Heading is a heading of a page: its anchor ID and its text.
type Heading struct{ ID, Text string }

// File is an index file: Path is relative to the site root.
//
// Body is the caller's. A caller done with it, who keeps no slice of it,
// may give it back with Recycle for a later file's bytes.
type File struct {
	Path string
	Body []byte
}

// bodies holds the bodies given back by Recycle.
var bodies sync.Pool

// maxRecycled is the largest body Recycle keeps: most files are a few
// kilobytes, and a shard of a word in every page of a large site may be
// megabytes.
const maxRecycled = 256 << 10

// Recycle gives back the body of a File once written: the next file made
// goes into its memory. A large site's index is hundreds of megabytes,
// made at the end of its build, when its heap is largest and the
// collector busiest: each new buffer was then dearer than its bytes.
// The caller must keep no slice of body.
func Recycle(body []byte) {
	if cap(body) > 0 && cap(body) <= maxRecycled {
		bodies.Put(&body)
	}
}

// bodyOf returns a copy of b for a File, in a recycled body if there is
// one.
func bodyOf(b []byte) []byte {
	if p, ok := bodies.Get().(*[]byte); ok {
		return append((*p)[:0], b...)
	}
	return bytes.Clone(b)
}

// Indexer collects the docs of one language and writes their index.
type Indexer struct {
	lang    string
	scanner scanner
	stem    func(string) string

	// mu guards the dictionary: short, long, pairs, stems and stemIDs. Add reads
	// it under one RLock per doc; only words never seen before take the
	// write lock, and natural language repeats its words so much that
	// after a few hundred docs nearly none are new.
	mu sync.RWMutex
	// short and long map each word as written to the ID of its pair
	// (folded surface word and stem), or -1 when it is not indexed. They save folding and stemming a word
	// again, the most expensive part of indexing, and look up each token
	// once. Nearly all words fit in 16 bytes: short keys them by their
	// bytes (see wordTable); long holds the others.
	short   wordTable
	long    map[string]int32
	pairIDs map[Word]int32 // surface words of the index and their stems
	pairs   []Word         // by ID
	stemIDs map[string]int32
	stems   []string // by ID

	scratch sync.Pool // of *scratch: per-Add buffers, reused

	// dicts maps the IDs of each Dict that AddPrepared was given to the
	// Indexer's; guarded by mu.
	dicts map[*Dict]*dictIDs

	docsMu sync.Mutex
	docs   []*entry

	// spill holds the fragments of the docs added since SpillFragments;
	// nil until then. Atomic, as Add reads it without a lock.
	spill atomic.Pointer[spill]
}

// Word is a surface word of the index, folded, and its stem, the index
// of a Dict's Stems (or of the Indexer's own stems).
type Word struct {
	Surface string
	Stem    int32
}

// entry is a doc as the index needs it.
type entry struct {
	url, title, section string
	sum                 uint64 // of the whole doc: orders docs with the same URL and title
	// The doc's stems, by ID, and their weighted term frequencies:
	// title×3 + headings×2 + text occurrences.
	stems, tfs      []int32
	words           []int32 // the pairs (surface word, stem) of the doc's words
	length          int     // indexed words in title, headings and text
	fragment        []byte  // the JSON of the doc's fragment, unless spilled
	fragAt, fragLen int64   // else where it is in ix.spill, and its length (0 unless spilled)
}

// fragmentSize returns the length of e's fragment, spilled or not.
func (e *entry) fragmentSize() int { return len(e.fragment) + int(e.fragLen) }

// scratch holds the buffers of one Add.
type scratch struct {
	tf      []int32  // by stem ID; zero for stems not in the doc
	touched []int32  // the stems with tf > 0
	n       int      // indexed words
	missing []token  // words not in the dictionary yet
	seen    []uint32 // by pair ID: gen when the doc has the pair
	gen     uint32
	words   []int32 // the pairs seen
	frag    []byte  // the fragment, when it goes to ix.spill
	text    []byte  // the text squeezed for the fragment
	hot     *[hotSlots]wordSlot
}

// hotSlots is the size of a scratch's cache of the words it last found in
// ix.short. A text's words follow Zipf's law: most of its tokens are a few
// hundred words, found here without the cache miss that a lookup in the
// whole table costs: counting the words of the shared corpus's 10,000
// pages took 0.52 s of CPU against 0.75 s (profiles of cold builds).
// BenchmarkAdd shows no gain: its 40,000 words fit in the CPU's caches.
// 4,096 slots of 24 bytes stay in a core's L2 cache.
const hotSlots = 4096

// lookup is ix.lookup through the scratch's cache of words found. Only
// words found are cached: their IDs never change, where a word missing
// now may be learnt by another Add. The caller holds ix.mu.
func (s *scratch) lookup(ix *Indexer, word string) (int32, bool) {
	if len(word) > 16 {
		return ix.lookup(word)
	}
	if s.hot == nil {
		s.hot = new([hotSlots]wordSlot)
	}
	key := pack(word)
	slot := &s.hot[wordHash(key)>>(64-12)] // the top bits: home takes the low ones
	if slot.key == key {
		return slot.id, true
	}
	id, ok := ix.short.get(key)
	if ok {
		*slot = wordSlot{key, id}
	}
	return id, ok
}

// token is a word as written with the weight of where it was found.
type token struct {
	word   string
	weight int32
}

// NewIndexer returns an empty Indexer for language lang ("fr", "en"; others
// are folded but not stemmed).
func NewIndexer(lang string) *Indexer {
	return &Indexer{
		lang:    lang,
		scanner: newScanner(lang, stopWords(lang)),
		stem:    stemmer(lang),
		long:    map[string]int32{},
		pairIDs: map[Word]int32{},
		stemIDs: map[string]int32{},
		scratch: sync.Pool{New: func() any { return new(scratch) }},
	}
}

// Add indexes d. It is safe for concurrent use.
func (ix *Indexer) Add(d Doc) {
	s := ix.scratch.Get().(*scratch)
	defer ix.scratch.Put(s)
	s.n, s.touched, s.missing, s.words = 0, s.touched[:0], s.missing[:0], s.words[:0]
	s.gen++

	ix.mu.RLock()
	ix.count(s, d.Title, 3)
	for _, h := range d.Headings {
		ix.count(s, h.Text, 2)
	}
	ix.count(s, d.Text, 1)
	ix.mu.RUnlock()
	if len(s.missing) > 0 {
		ix.learn(s)
	}

	e := &entry{url: d.URL, title: d.Title, section: d.Section, length: s.n,
		stems: slices.Clone(s.touched), tfs: make([]int32, len(s.touched)), words: slices.Clone(s.words)}
	for i, id := range s.touched {
		e.tfs[i] = s.tf[id]
		s.tf[id] = 0
	}
	if sp := ix.spill.Load(); sp != nil {
		// The spill file keeps a copy: the fragment is built in a buffer
		// that the next Add reuses.
		s.frag = appendFragment(s.frag[:0], d, &s.text)
		e.fragAt, e.fragLen = sp.add(s.frag)
	} else {
		e.fragment = appendFragment(nil, d, &s.text)
	}
	e.sum = docSum(d)

	ix.docsMu.Lock()
	ix.docs = append(ix.docs, e)
	ix.docsMu.Unlock()
}

// count adds the words of text with the given weight to s; the words not
// in the dictionary go to s.missing. The caller holds ix.mu.
func (ix *Indexer) count(s *scratch, text string, weight int32) {
	for i := 0; ; {
		start, end := nextWord(text, i)
		if start == end {
			return
		}
		i = end
		if ix.scanner.skip(text, start, end) {
			continue
		}
		word := text[start:end]
		if id, ok := s.lookup(ix, word); !ok {
			s.missing = append(s.missing, token{word, weight})
		} else if id >= 0 {
			s.addPair(id, ix.pairs[id].Stem, weight, len(ix.stems), len(ix.pairs))
		}
	}
}

// addPair counts a word of pair pid and stem id, noting the pair once.
func (s *scratch) addPair(pid, id, weight int32, stems, pairs int) {
	if int(pid) >= len(s.seen) {
		s.seen = append(s.seen, make([]uint32, pairs-len(s.seen))...)
	}
	if s.seen[pid] != s.gen {
		s.seen[pid] = s.gen
		s.words = append(s.words, pid)
	}
	s.add(id, weight, stems)
}

// add counts a word of stem id; stems is the size of the dictionary.
func (s *scratch) add(id, weight int32, stems int) {
	if int(id) >= len(s.tf) {
		s.tf = append(s.tf, make([]int32, stems-len(s.tf))...)
	}
	if s.tf[id] == 0 {
		s.touched = append(s.touched, id)
	}
	s.tf[id] += weight
	s.n++
}

// learn folds and stems the words of s.missing, adds them to the
// dictionary and counts them.
func (ix *Indexer) learn(s *scratch) {
	type learnt struct {
		folded, stem string
		ok           bool
	}
	// Outside the lock: stemming is the slow part.
	seen := make(map[string]learnt, len(s.missing))
	for _, t := range s.missing {
		if _, ok := seen[t.word]; ok {
			continue
		}
		var l learnt
		if l.folded, l.ok = ix.scanner.term(t.word); l.ok {
			l.stem = stemFold(ix.stem, strings.ToLower(t.word), l.folded)
		}
		seen[t.word] = l
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for word, l := range seen {
		if _, ok := ix.lookup(word); ok {
			continue // learnt meanwhile by another Add
		}
		id := int32(-1)
		if l.ok {
			id = ix.pairID(l.folded, ix.stemID(l.stem))
		}
		if len(word) <= 16 {
			ix.short.put(pack(word), id)
		} else {
			// A copy: the key would otherwise keep the whole text of its doc alive.
			ix.long[strings.Clone(word)] = id
		}
	}
	for _, t := range s.missing {
		if id, _ := ix.lookup(t.word); id >= 0 {
			s.addPair(id, ix.pairs[id].Stem, t.weight, len(ix.stems), len(ix.pairs))
		}
	}
}

// stemID returns the ID of a stem, adding it when new. The caller holds
// ix.mu for writing.
func (ix *Indexer) stemID(stem string) int32 { return ix.stemIDAt(stem, -1) }

// stemIDAt is stemID, where a stem not in the map yet is taken to be
// ix.stems[at] when that is it (a Dict taken whole), instead of appended.
func (ix *Indexer) stemIDAt(stem string, at int) int32 {
	id, ok := ix.stemIDs[stem]
	if !ok {
		if at >= 0 && at < len(ix.stems) && ix.stems[at] == stem {
			id = int32(at)
		} else {
			id = int32(len(ix.stems))
			ix.stems = append(ix.stems, stem)
		}
		ix.stemIDs[stem] = id
	}
	return id
}

// pairID returns the ID of a surface word and its stem, adding it when
// new. The caller holds ix.mu for writing.
func (ix *Indexer) pairID(surface string, stem int32) int32 {
	return ix.pairIDAt(Word{surface, stem}, -1)
}

// pairIDAt is pairID, as stemIDAt is stemID.
func (ix *Indexer) pairIDAt(p Word, at int) int32 {
	id, ok := ix.pairIDs[p]
	if !ok {
		if at >= 0 && at < len(ix.pairs) && ix.pairs[at] == p {
			id = int32(at)
		} else {
			id = int32(len(ix.pairs))
			ix.pairs = append(ix.pairs, p)
		}
		ix.pairIDs[p] = id
	}
	return id
}

// Prepared is one doc as the index holds it: a build cache keeps it, so
// that a later build adds the doc with AddPrepared without reading its
// text again. The index made from prepared docs is the one Add would make,
// byte for byte. Its stems and words are numbers in a Dict that many
// docs share: a site's pages repeat the same few thousand words, and a
// cache that spelled them out for each page spent most of a warm build
// reading them back and looking each up again.
type Prepared struct {
	URL, Title, Section string
	Sum                 uint64
	Length              int
	Stems               []int32 // indexes of the Dict's Stems
	TF                  []int32 // the weighted frequency of each of Stems
	Words               []int32 // indexes of the Dict's Words
	Fragment            []byte
}

// Dict is the stems and surface words that Prepared docs refer to.
type Dict struct {
	Stems []string
	Words []Word
}

// dictIDs maps the IDs of a Dict to an Indexer's.
// dictIDs maps a Dict's stem and word IDs to an Indexer's; same says
// that each ID maps to itself.
type dictIDs struct {
	stems, words []int32
	same         bool
}

// Prepared returns every doc added so far and the Dict they refer to. It
// fails only when reading spilled fragments (SpillFragments) does.
func (ix *Indexer) Prepared() (*Dict, []Prepared, error) {
	var (
		dict *Dict
		out  []Prepared
	)
	err := ix.EachPrepared(func(d *Dict, p Prepared) {
		dict = d
		p.Stems, p.TF, p.Words = slices.Clone(p.Stems), slices.Clone(p.TF), slices.Clone(p.Words)
		p.Fragment = bytes.Clone(p.Fragment)
		out = append(out, p)
	})
	return dict, out, err
}

// EachPrepared calls fn with every doc added so far, one at a time, so a
// large index is never spelled out whole in memory, and with the Dict
// they refer to, the same for every call. It stops at the first spilled
// fragment (SpillFragments) it cannot read, and returns the error. A
// Prepared's Stems, TF, Words and Fragment are the Indexer's, or a
// buffer of the call's, good until fn returns: fn must not change them,
// and must copy what it keeps of them (the build cache writes them out
// at once; a copy of each was 4 % of a cold build's allocations, and
// the spilled fragments read back, each into a buffer of its own, 34 MB
// at 10,000 pages). The Dict is the Indexer's own too: it may hold words
// of no doc, and fn must not change it.
func (ix *Indexer) EachPrepared(fn func(*Dict, Prepared)) error {
	ix.docsMu.Lock()
	docs := slices.Clone(ix.docs)
	ix.docsMu.Unlock()
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	// The dictionary only grows, and an Add appends past these lengths:
	// the Dict stays true after the lock is released.
	dict := &Dict{Stems: ix.stems[:len(ix.stems):len(ix.stems)], Words: ix.pairs[:len(ix.pairs):len(ix.pairs)]}
	var buf []byte
	for _, e := range docs {
		frag := e.fragment
		if e.fragLen > 0 {
			var err error
			if buf, err = ix.spill.Load().read(buf[:0], e.fragAt, e.fragLen); err != nil {
				return err
			}
			frag = buf
		}
		fn(dict, Prepared{URL: e.url, Title: e.title, Section: e.section, Sum: e.sum, Length: e.length,
			Stems: e.stems, TF: e.tfs, Words: e.words, Fragment: frag})
	}
	return nil
}

// AddPrepared adds a doc that EachPrepared or Prepared gave with d, or
// one read back from a cache with the Dict it was written with. It is
// safe for concurrent use, with Add too. The first doc of each Dict adds
// the whole Dict to the Indexer's dictionary, a lookup per word; the
// docs after it cost no lookup at all. Words of the Dict that no doc
// uses are not in the index files. It panics when p refers to a stem or
// word that d does not have.
func (ix *Indexer) AddPrepared(d *Dict, p Prepared) { ix.addPrepared(d, p, false) }

// AddKept is AddPrepared for a doc whose Fragment the caller holds, as
// it is, until the Indexer is done with it (Close): it is not copied to
// the file of SpillFragments, which would only add a copy on disk to
// the one in memory. A warm build adds thousands of such docs, kept
// from its cache.
func (ix *Indexer) AddKept(d *Dict, p Prepared) { ix.addPrepared(d, p, true) }

func (ix *Indexer) addPrepared(d *Dict, p Prepared, held bool) {
	e := &entry{url: p.URL, title: p.Title, section: p.Section, sum: p.Sum, length: p.Length}
	if sp := ix.spill.Load(); sp != nil && len(p.Fragment) > 0 && !held {
		e.fragAt, e.fragLen = sp.add(p.Fragment)
	} else {
		e.fragment = p.Fragment
	}
	if len(p.TF) != len(p.Stems) {
		panic(fmt.Sprintf("search: %s has %d stems and %d frequencies", p.URL, len(p.Stems), len(p.TF)))
	}
	ids := ix.dictIDs(d)
	if held && ids.same {
		for _, st := range p.Stems {
			if int(st) >= len(d.Stems) {
				panic(fmt.Sprintf("search: %s refers to stem %d of %d", p.URL, st, len(d.Stems)))
			}
		}
		for _, w := range p.Words {
			if int(w) >= len(d.Words) {
				panic(fmt.Sprintf("search: %s refers to word %d of %d", p.URL, w, len(d.Words)))
			}
		}
		// A kept doc whose Dict is the Indexer's own, as a warm build's
		// are: its numbers are the index's, and the caller holds them.
		e.stems, e.tfs, e.words = p.Stems, p.TF, p.Words
	} else {
		e.stems, e.tfs, e.words = make([]int32, len(p.Stems)), slices.Clone(p.TF), make([]int32, len(p.Words))
		for j, st := range p.Stems {
			e.stems[j] = ids.stems[st]
		}
		for j, w := range p.Words {
			e.words[j] = ids.words[w]
		}
	}
	ix.docsMu.Lock()
	ix.docs = append(ix.docs, e)
	ix.docsMu.Unlock()
}

// dictIDs returns how d's IDs map to ix's, adding d's words to the
// dictionary the first time.
func (ix *Indexer) dictIDs(d *Dict) *dictIDs {
	ix.mu.RLock()
	ids := ix.dicts[d]
	ix.mu.RUnlock()
	if ids != nil {
		return ids
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ids = ix.dicts[d]; ids != nil {
		return ids
	}
	ids = &dictIDs{stems: make([]int32, len(d.Stems)), words: make([]int32, len(d.Words))}
	if len(ix.stems) == 0 && len(ix.pairs) == 0 {
		// An empty Indexer takes the Dict as its dictionary: the same IDs,
		// and strings it shares.
		ix.stems = slices.Clone(d.Stems)
		ix.pairs = slices.Clone(d.Words)
		ix.stemIDs = make(map[string]int32, len(d.Stems))
		ix.pairIDs = make(map[Word]int32, len(d.Words))
	}
	for i, st := range d.Stems {
		ids.stems[i] = ix.stemIDAt(st, i)
	}
	for i, w := range d.Words {
		ids.words[i] = ix.pairIDAt(Word{w.Surface, ids.stems[w.Stem]}, i)
	}
	ids.same = identity(ids.stems) && identity(ids.words)
	if ix.dicts == nil {
		ix.dicts = map[*Dict]*dictIDs{}
	}
	ix.dicts[d] = ids
	return ids
}

// identity reports whether ids[i] == i for every i.
func identity(ids []int32) bool {
	for i, id := range ids {
		if int(id) != i {
			return false
		}
	}
	return true
}

// lookup returns the stem ID of a word as written, and whether the word is
// known. The caller holds ix.mu.
func (ix *Indexer) lookup(word string) (int32, bool) {
	if len(word) <= 16 {
		return ix.short.get(pack(word))
	}
	id, ok := ix.long[word]
	return id, ok
}

// pack returns the bytes of a word of at most 16 bytes as two integers,
// different for each word: words hold no zero byte.
func pack(word string) [2]uint64 {
	var buf [16]byte
	copy(buf[:], word)
	return [2]uint64{binary.LittleEndian.Uint64(buf[:8]), binary.LittleEndian.Uint64(buf[8:])}
}

// wordTable is a hash table from words of at most 16 bytes, packed, to
// stem IDs. Most tokens of a text are looked up in a table far larger than
// the CPU caches, so a lookup costs what its cache misses cost: here one,
// as a slot holds the whole key and its value (a Go map reads its control
// bytes, then the slot, and a string key's bytes elsewhere).
type wordTable struct {
	slots []wordSlot // open addressing, linear probing; a power of 2 long
	n     int        // slots in use
}

// wordSlot is a slot of a wordTable; key[0] == 0 when it is free (a word
// is not empty and has no zero byte).
type wordSlot struct {
	key [2]uint64
	id  int32
}

// home returns the slot where the search for key starts.
func (t *wordTable) home(key [2]uint64) int {
	h := wordHash(key)
	return int((h ^ h>>29) & uint64(len(t.slots)-1))
}

// wordHash mixes a packed word's two halves into one hash.
func wordHash(key [2]uint64) uint64 {
	return (key[0] ^ key[1]*0x9E3779B97F4A7C15) * 0xBF58476D1CE4E5B9
}

func (t *wordTable) get(key [2]uint64) (int32, bool) {
	if len(t.slots) == 0 {
		return 0, false
	}
	for i := t.home(key); ; i = (i + 1) & (len(t.slots) - 1) {
		switch s := &t.slots[i]; s.key {
		case key:
			return s.id, true
		case [2]uint64{}:
			return 0, false
		}
	}
}

// put sets the ID of a key that is not in t.
func (t *wordTable) put(key [2]uint64, id int32) {
	if 2*(t.n+1) > len(t.slots) { // at most half full: short probes
		old := t.slots
		t.slots = make([]wordSlot, max(1024, 2*len(old)))
		t.n = 0
		for _, s := range old {
			if s.key != [2]uint64{} {
				t.put(s.key, s.id)
			}
		}
	}
	i := t.home(key)
	for t.slots[i].key != [2]uint64{} {
		i = (i + 1) & (len(t.slots) - 1)
	}
	t.slots[i] = wordSlot{key, id}
	t.n++
}

// Sum returns a hash of all of d: two docs with the same Sum are indexed
// alike, and Prepared.Sum is the Sum of the doc it was prepared from.
func (d Doc) Sum() uint64 { return docSum(d) }

// docSum returns a hash of all of d.
func docSum(d Doc) uint64 {
	// xxHash: every page's text goes through it, and SHA-256 took a
	// fiftieth of a cold build's CPU.
	h := xxhash.New()
	var n [binary.MaxVarintLen64]byte
	field := func(s string) {
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(s)))])
		h.WriteString(s)
	}
	for _, s := range []string{d.URL, d.Title, d.Section, d.Text} {
		field(s)
	}
	for _, hd := range d.Headings {
		field(hd.ID)
		field(hd.Text)
	}
	return h.Sum64()
}

// sortedDocs returns the docs in doc-number order, and how many of them
// each bucket holds: by bucket (see bucketOf), then by URL, then by the
// other fields, so that even duplicate URLs do not depend on the order of
// Add.
func (ix *Indexer) sortedDocs() ([]*entry, []int) {
	ix.docsMu.Lock()
	docs := slices.Clone(ix.docs)
	ix.docsMu.Unlock()
	type placed struct {
		*entry
		bucket int
	}
	in := make([]placed, len(docs))
	counts := make([]int, bucketsFor(len(docs)))
	for i, e := range docs {
		in[i] = placed{e, bucketOf(e.url, len(counts))}
		counts[in[i].bucket]++
	}
	slices.SortFunc(in, func(a, b placed) int {
		return cmp.Or(
			cmp.Compare(a.bucket, b.bucket),
			strings.Compare(a.url, b.url),
			strings.Compare(a.title, b.title),
			strings.Compare(a.section, b.section),
			cmp.Compare(a.sum, b.sum),
		)
	})
	for i, p := range in {
		docs[i] = p.entry
	}
	return docs, counts
}

// bucketsFor returns into how many buckets n docs are hashed: the
// largest power of two that gives them docsPerBucket docs or more on
// average. It depends on n only through that power, so a page added or
// removed changes it once in a doubling of the site.
func bucketsFor(n int) int {
	b := 1
	for 2*b*docsPerBucket <= n {
		b *= 2
	}
	return b
}

// bucketOf returns the bucket of the doc at url, out of buckets: a hash
// of the URL alone, so that a doc stays in its bucket whatever pages are
// added or removed around it.
func bucketOf(url string, buckets int) int {
	h := uint64(14695981039346656037) // FNV-1a, then mixed: its low bits are weak
	for i := 0; i < len(url); i++ {
		h = (h ^ uint64(url[i])) * 1099511628211
	}
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	hi, _ := bits.Mul64(h, uint64(buckets))
	return int(hi)
}
