// Package search builds the full-text search index of one language of the
// site, at build time, as small files that a browser loads on demand; the
// theme's search.js answers queries from them, offline and from file://.
//
// In: a Doc per page (URL, title, section, headings, plain text), added to an
// Indexer in any order, from any goroutine. Out: Files, the same bytes
// whatever the order of the docs.
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
//	meta.js     {"format":1,"lang","n" (docs),"v" (content hash),"root" (dir → site root),
//	             "stop":[folded stop words],"shards":[keys, sorted]}
//	s/<i>.js    shard i of "shards": {"w":[surface, stem, ...] flat pairs sorted by surface
//	             ("" stem = the surface itself), "p":{stem: [doc, score, Δdoc, score, ...]}}
//	f/<doc>.js  a doc's fragment: {"u":url,"t":title,"s":section,"h":[heading id,...],
//	             "bh":[heading index per chunk, -1 before the first],"bx":[chunk text,...]}
//
// A shard holds the surface words and the stems whose folded spelling starts
// with its key. Keys are the first two letters of the words, and longer
// prefixes where a two-letter shard grew past a budget; a word belongs to the
// shard whose key is its longest prefix among the keys. Doc numbers are the
// ranks of the docs sorted by URL. Scores are BM25 (k1 1.2, b 0.75) over a
// weighted term frequency (title ×3, headings ×2, text ×1), times 10,
// rounded: computed once at build time, the client only adds them up. The
// client appends ?v=<v> to shard and fragment URLs, so a rebuilt index is not
// mixed with a cached one.
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
// snippets come from the first 16 KB of a page's text; and Snowball does
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
// document (the build rewrites it to a relative URL). The results container
// may also be outside the form: data-search-results="<element id>" on the
// form names it. As the user types (debounced 100 ms), the container's
// children are replaced by
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
// with at most 10 items; an empty query empties it. Link hrefs are absolute,
// and end in index.html under file://. Keys: ArrowDown in the input focuses
// the first result link, ArrowDown and ArrowUp move between the links (the
// focused item gets class "is-active"), ArrowUp on the first one returns to
// the input; Enter on a link follows it, Enter in the input follows the first
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
	"crypto/sha256"
	"fmt"
	"slices"
	"strings"
	"sync"
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
type File struct {
	Path string
	Body []byte
}

// Indexer collects the docs of one language and writes their index.
type Indexer struct {
	lang    string
	scanner scanner
	stem    func(string) string

	// terms maps each word as written to its term, nil when not indexed.
	// It saves folding and stemming a word again (most of the indexing
	// time), and its values are the surface words of the index. A map
	// under a RWMutex: faster here than a sync.Map, the keys are strings
	// and nearly every access is a read.
	termsMu sync.RWMutex
	terms   map[string]*term

	mu   sync.Mutex // guards docs
	docs []*entry
}

// term is an indexed word: folded, and its stem folded.
type term struct{ surface, stem string }

// entry is a doc as the index needs it.
type entry struct {
	url, title, section string
	sum                 [32]byte       // of the whole doc: orders docs with the same URL and title
	tf                  map[string]int // stem → title×3 + headings×2 + text occurrences
	length              int            // indexed words in title, headings and text
	fragment            []byte         // the JSON of f/<doc>.js
}

// NewIndexer returns an empty Indexer for language lang ("fr", "en"; others
// are folded but not stemmed).
func NewIndexer(lang string) *Indexer {
	return &Indexer{lang: lang, scanner: newScanner(lang, stopWords(lang)), stem: stemmer(lang), terms: map[string]*term{}}
}

// Add indexes d. It is safe for concurrent use.
func (ix *Indexer) Add(d Doc) {
	type count struct{ weighted, n int }
	counts := map[string]count{}
	add := func(text string, weight int) {
		ix.scanner.scan(text, func(word string, _ bool) {
			c := counts[word]
			counts[word] = count{c.weighted + weight, c.n + 1}
		})
	}
	add(d.Title, 3)
	for _, h := range d.Headings {
		add(h.Text, 2)
	}
	add(d.Text, 1)

	e := &entry{url: d.URL, title: d.Title, section: d.Section, tf: map[string]int{}}
	for word, c := range counts {
		if t := ix.term(word); t != nil {
			e.tf[t.stem] += c.weighted
			e.length += c.n
		}
	}
	e.fragment = encode(newFragment(d))
	h := sha256.New()
	for _, s := range []string{d.URL, d.Title, d.Section, d.Text} {
		fmt.Fprintf(h, "%d:%s", len(s), s)
	}
	for _, hd := range d.Headings {
		fmt.Fprintf(h, "%d:%s%d:%s", len(hd.ID), hd.ID, len(hd.Text), hd.Text)
	}
	h.Sum(e.sum[:0])

	ix.mu.Lock()
	ix.docs = append(ix.docs, e)
	ix.mu.Unlock()
}

// term returns the term of a word as written, or nil if it is not indexed.
func (ix *Indexer) term(word string) *term {
	ix.termsMu.RLock()
	t, ok := ix.terms[word]
	ix.termsMu.RUnlock()
	if ok {
		return t
	}
	if folded, ok := ix.scanner.term(word); ok {
		t = &term{folded, stemFold(ix.stem, strings.ToLower(word), folded)}
	}
	ix.termsMu.Lock()
	// A copy: the key would otherwise keep the whole text of its doc alive.
	ix.terms[strings.Clone(word)] = t
	ix.termsMu.Unlock()
	return t
}

// sortedDocs returns the docs in doc-number order: by URL, then by the other
// fields, so that even duplicate URLs do not depend on the order of Add.
func (ix *Indexer) sortedDocs() []*entry {
	ix.mu.Lock()
	docs := slices.Clone(ix.docs)
	ix.mu.Unlock()
	slices.SortFunc(docs, func(a, b *entry) int {
		return cmp.Or(
			strings.Compare(a.url, b.url),
			strings.Compare(a.title, b.title),
			strings.Compare(a.section, b.section),
			bytes.Compare(a.sum[:], b.sum[:]),
		)
	})
	return docs
}
